"""REQ openapi/determinism: the fast YAML writer round-trips any JSON-shaped data exactly,
whichever reader (YAML 1.1 PyYAML, and JSON-compatible types) reads it back."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from procgen.targets.openapi.yaml_out import dump

TRICKY = st.sampled_from([
    "", " ", "yes", "No", "on", "OFF", "y", "null", "~", "true", "1", "0x1f", "1e3", ".inf",
    "2023-07-01", "12:30", "a: b", "a #b", "- x", "? x", "'q'", '"q"', "x\n", "\nx", "a\n b",
    "tab\there", "é", "Đăng ký khai sinh", "/procedures/x", "$ref", "#/components", "*a", "&a",
    "!tag", "%x", "@x", "`x`", "a  b", "line\u2028sep", "x,y", "[x]", "{x}", "|", ">",
])
TEXT = st.text(max_size=30) | TRICKY
SCALAR = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
                                                                 allow_infinity=False) | TEXT
DATA = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(TEXT, DATA, max_size=5))
def test_round_trip(data: dict[str, Any]) -> None:
    assert yaml.safe_load(dump(data)) == (data or None) or (data == {} and dump(data) == "\n")


def test_matches_pyyaml_style_on_a_typical_document() -> None:
    doc = {"openapi": "3.1.0", "paths": {"/x": {"get": {"tags": ["a"], "responses": {
        "200": {"description": "OK"}}}}}, "servers": [{"url": "/api"}]}
    assert dump(doc) == (
        "openapi: '3.1.0'\npaths:\n  /x:\n    get:\n      tags:\n      - a\n      responses:\n"
        "        '200':\n          description: OK\nservers:\n- url: /api\n"
    )


class Id(str):
    """Like the IR's string types: a ``str`` subclass."""


def test_str_subclasses_are_written_as_their_text() -> None:
    doc = {"a": Id("birth-registration"), "b": [Id("x"), {"c": Id("two\nlines")}], Id("k"): 1}
    plain = {"a": "birth-registration", "b": ["x", {"c": "two\nlines"}], "k": 1}
    assert dump(doc) == dump(plain)
    assert yaml.safe_load(dump(doc)) == plain
