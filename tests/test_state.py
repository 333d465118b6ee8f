"""The URL schema: parse never raises and always lands inside the table; encode round-trips."""

from hypothesis import given, settings
from hypothesis import strategies as st

from decayviz.scenes import PRESETS
from decayviz.state import FIELD, FIELDS, HIDEABLE, defaults, encode, page_fields, parse


def valid_value(field):
    """A strategy for the valid values of one field, drawn by the field itself."""
    return st.randoms(use_true_random=False).map(field.random_value)


def assert_inside_the_table(values: dict) -> None:
    assert set(values) == set(FIELD)
    for name, value in values.items():
        assert FIELD[name].is_valid(value, cleared=True), (name, value)


names = st.sampled_from([f.name for f in FIELDS]) | st.text(max_size=12)
hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e999",
            "-1e999",
            "",
            " ",
            "0x10",
            "1,2,3",
            "<script>alert(1)</script>",
            "١٢",
            "None",
            "true",
            "ko",
            "l1",
            "1e-320",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(names, hostile | st.lists(hostile, max_size=3), max_size=12))
def test_any_query_parses_inside_the_table(query):
    values, problems = parse(query)
    assert_inside_the_table(values)
    assert {p.name for p in problems} <= set(query)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({f.name: valid_value(f) for f in FIELDS}))
def test_valid_values_round_trip(values):
    query = encode(values)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    parsed, problems = parse(query)
    assert parsed == values
    assert problems == []


def test_defaults_and_presets_are_valid():
    assert_inside_the_table(defaults())
    for page, presets in PRESETS.items():
        for name, preset in presets.items():
            values = {**defaults(), **preset}
            assert_inside_the_table(values)
            assert set(preset) <= {f.name for f in page_fields(page)}, name
            assert parse(encode(values)) == (values, [])


def test_out_of_range_becomes_the_nearest_valid_value():
    values, problems = parse({"alpha": "0.37", "steps": "1e999", "wx": "-inf", "lr": "nan", "angle": "12"})
    assert values["alpha"] == 0.4 and values["steps"] == FIELD["steps"].hi and values["wx"] == FIELD["wx"].lo
    assert values["lr"] == FIELD["lr"].default and values["angle"] == 10
    assert {p.name for p in problems} == {"alpha", "steps", "wx", "lr", "angle"}


def test_hide_keeps_known_names_only():
    values, problems = parse({"hide": "alpha,<b>x</b>,presets"})
    assert values["hide"] == ("alpha", "presets")
    assert [p.name for p in problems] == ["hide"]
    assert set(HIDEABLE) >= {"alpha", "presets", "lang"}


def test_unknown_keys_are_ignored():
    assert parse({"utm_source": "slides", "foo": "bar"}) == (defaults(), [])
