"""Random scenes drawn from decayviz.state's table: for the page tests and the load benchmark."""

from __future__ import annotations

import random

from decayviz.state import page_fields


def random_scene(page: str, rng: random.Random) -> dict:
    """Every control of `page` at a random valid value (each field draws its own)."""
    return {field.name: field.random_value(rng) for field in page_fields(page)}
