"""REQ quote (issue 14): the answers file is read as JSON, with the place of every value.

- whatever ``json.dumps`` writes, the reader reads as ``json.loads`` does, and each value's span
  covers exactly the text that holds it (hypothesis);
- any text at all is either read as ``json.loads`` reads it or refused with located
  PG610/PG611 diagnostics, never an exception; what ``json.loads`` refuses is refused;
- I-JSON's refusals (duplicate keys, numbers beyond a double, lone surrogates) are located.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procgen.diagnostics import DiagnosticSink, Span, StageFailed
from procgen.quote.reader import MAX_SAFE_INTEGER, AnswersDocument, read_answers_text

SAFE = st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
SCALARS = st.none() | st.booleans() | SAFE | FINITE | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
ANSWERS = st.dictionaries(TEXT, VALUES, max_size=5)


def read(text: str) -> tuple[AnswersDocument | None, DiagnosticSink]:
    sink = DiagnosticSink()
    try:
        return read_answers_text("a.json", text, sink), sink
    except StageFailed:
        return None, sink


def offset(text: str, line: int, col: int) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    return starts[line - 1] + col - 1


def paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    out = [(path, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*path, i))
    return out


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return bool(a == b) and type(a) is type(b)


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.sampled_from([None, 0, 1, 2, "\t"]), st.booleans(),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_json_dumps_output_reads_as_json_loads_reads_it(
    answers: dict[str, Any], indent: Any, ascii_only: bool, newline: str
) -> None:
    text = json.dumps(answers, indent=indent, ensure_ascii=ascii_only).replace("\n", newline)
    doc, sink = read(text)
    assert doc is not None, [d.message for d in sink]
    assert doc.value == json.loads(text)
    for path, value in paths(doc.value):
        span = doc.locate(path)
        written = text[offset(text, span.line, span.col):offset(text, span.end_line, span.end_col)]
        assert json.loads(written) == value, (path, written)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('{}[]:," \n\\u0123aefnlrst.-+eE9NI\ud83d')),
               max_size=30) | st.text(max_size=30))
def test_any_text_is_read_as_json_or_refused_located(text: str) -> None:
    doc, sink = read(text)
    try:
        expected: Any = json.loads(text)
        loads_ok = True
    except (ValueError, RecursionError):
        loads_ok = False
    if doc is not None:
        assert loads_ok and same(doc.value, expected)
        assert not sink.has_errors()
        return
    assert sink.has_errors()
    for d in sink:
        assert d.code in ("PG610", "PG611") and d.span is not None
        assert 1 <= d.span.line <= text.count("\n") + text.count("\r") + 1


@pytest.mark.parametrize(("text", "where", "words"), [
    ('{"a": 1,\n "a": 2}', (2, 2), 'the key "a" is given twice'),
    ('{"a": 9007199254740992}', (1, 7), "2^53"),
    ('{"a": -9007199254740993}', (1, 7), "2^53"),
    ('{"a": 1e400}', (1, 7), "too large"),
    ('{"a": ["\\udc00"]}', (1, 8), "lone surrogate"),
    ("[]", (1, 1), "not a list"),
])
def test_what_readers_disagree_about_is_refused(
    text: str, where: tuple[int, int], words: str
) -> None:
    doc, sink = read(text)
    assert doc is None
    assert [(d.code, d.span.line, d.span.col) for d in sink if d.span] == [("PG611", *where)]
    assert words in sink.items[0].message


def test_the_largest_safe_numbers_are_read() -> None:
    doc, _ = read('{"a": 9007199254740991, "b": -9007199254740991, "c": 1.5e308}')
    assert doc is not None and doc.value == {"a": 2**53 - 1, "b": -(2**53 - 1), "c": 1.5e308}


def test_a_duplicate_points_at_the_first() -> None:
    _, sink = read('{"x": {"k": 1,\n  "k": 2}}')
    (d,) = sink.items
    assert d.related[0].span == Span("a.json", 1, 8, 1, 11)
