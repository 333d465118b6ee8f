"""The catalog's parts beyond decayviz/i18n.py: one module per feature, each with its own
STRINGS = {key: (English, Korean)}. decayviz.i18n merges them into one catalog; a key may live
in one part only."""

from __future__ import annotations

import importlib
import pkgutil


def parts() -> dict[str, dict[str, tuple[str, str]]]:
    """Each part's strings, by module name."""
    return {
        info.name: importlib.import_module(f"{__name__}.{info.name}").STRINGS
        for info in pkgutil.iter_modules(__path__)
    }
