"""Checks shared by the AppTest modules: what a page shows must be finite and within the table."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from decayviz.figures import decode
from decayviz.state import FIELD, Field

# Text no control accepts as it is: non-finite and overflowing numbers, markup, unicode, junk.
HOSTILE_VALUES = (
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1e999",
    "1e-999",
    "1e308",
    "-1e308",
    "4.9e-324",
    "9" * 400,
    "",
    " ",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**bold** [link](javascript:alert(1))",
    "한국어",
    "α=0.5",
    "🙂",
    "\u202e0.5",
    "\x00",
    "１２",
    "٣",
    "0x10",
    "1_000",
    "0.1.2",
    "1,2,,3",
    ",,,",
    "nan,inf,1e999",
    "-0",
    "True",
    "None",
    "[1, 2]",
    "%00",
    "../../etc/passwd",
)


def assert_finite(spec_json: str) -> None:
    """No NaN or infinity anywhere in a chart: neither as JSON tokens nor inside typed arrays."""

    def refuse(token):
        raise AssertionError(f"{token} in a chart")

    def walk(node):
        if isinstance(node, dict):
            if "bdata" in node:
                assert np.all(np.isfinite(decode(node))), "a typed array in a chart is not finite"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, float):
            assert math.isfinite(node), f"{node} in a chart"

    walk(json.loads(spec_json, parse_constant=refuse))


def assert_charts_finite(at) -> None:
    """Every plotly chart an AppTest run drew is finite."""
    for chart in at.get("plotly_chart"):
        assert_finite(chart.proto.spec)


def is_valid(field: Field, value: Any, cleared: bool = False) -> bool:
    """Whether `value` is one the table allows for `field` (in bounds, on the step, an option);
    `cleared` also allows an empty "multi" (a student may clear a multiselect; a URL may not)."""
    if field.kind == "choice":
        return value in field.options
    if field.kind == "bool":
        return isinstance(value, bool)
    if field.kind == "grid":
        return value in field.options
    if field.kind == "names":  # a subset of the options, in the table's order; may be empty
        return isinstance(value, tuple) and list(value) == [o for o in field.options if o in value]
    if field.kind == "multi":
        return (
            isinstance(value, tuple)
            and (len(value) > 0 or cleared)
            and list(value) == sorted(set(value))
            and all(v in field.options for v in value)
        )
    if field.kind in ("float", "int"):
        number_type = int if field.kind == "int" else float
        return (
            isinstance(value, number_type)
            and math.isfinite(value)
            and field.lo <= value <= field.hi
            and field.snap(value) == value
        )
    raise AssertionError(f"field {field.name} has a kind this check does not know: {field.kind!r}")


def assert_valid_values(values: dict[str, Any], cleared: bool = False) -> None:
    """Every field of the table has a valid value in `values` (a session's or parse's)."""
    for name, field in FIELD.items():
        assert name in values, f"{name} has no value"
        assert is_valid(field, values[name], cleared), f"{name} = {values[name]!r} is outside the table"


def chart_text(spec_json: str) -> str:
    """A chart's JSON with non-ASCII text as itself, whichever JSON engine plotly used (orjson
    writes "▶ 재생", the standard library writes "\\u25b6 \\uc7ac\\uc0dd")."""
    return json.dumps(json.loads(spec_json), ensure_ascii=False)


def metrics(at) -> dict[str, str]:
    """The page's readout table (a markdown table: labels, then bold values) as a dict."""
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    header, _, values = table.splitlines()
    cells = [c.strip() for c in header.strip("|").split("|")]
    shown = [c.strip().strip("*") for c in values.strip("|").split("|")]
    return dict(zip(cells, shown, strict=True))
