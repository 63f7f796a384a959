"""Differential test: Python == json-logic-js == procgen-expr.js on generated expressions.

Covers DSL "Expressions", "Unanswered values": every target must agree, to the last case.
hypothesis generates well-typed expressions (inside and outside a group) and answer sets with
missing answers, zeros, decimals, leap days and empty lists.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import (
    NO_VALUE,
    FieldSig,
    Scope,
    compile_expression,
    evaluate,
    to_jsonlogic,
    to_runtime,
)

KIDS = FieldSig("kids", "group", children=(
    FieldSig("kid_fee", "money"), FieldSig("kid_age", "integer"), FieldSig("kid_w", "number"),
    FieldSig("kid_name", "text"), FieldSig("kid_born", "date")))
FIELDS = {f.id: f for f in (
    FieldSig("n", "integer"), FieldSig("m", "integer"), FieldSig("x", "number"),
    FieldSig("fee", "money"), FieldSig("name", "text"),
    FieldSig("sex", "choice", ("male", "female")),
    FieldSig("langs", "multichoice", ("vi", "en", "fr")),
    FieldSig("born", "date"), FieldSig("since", "date"),
    FieldSig("poor", "boolean"), FieldSig("disabled", "boolean"), KIDS)}

DECIMALS = ["0.5", "1.25", "0.1", "2.5", "3.75", "0.3"]
DATES = st.sampled_from(["2000-02-29", "2024-02-29", "1999-12-31", "2001-03-01", "2023-02-28"]) | (
    st.dates(min_value=__import__("datetime").date(1990, 1, 1),
             max_value=__import__("datetime").date(2030, 12, 31)).map(str))
TEXTS = st.sampled_from(["", "Lan", "male", "Nguyễn", "😀 an", "female"])


def leaves_num(in_group: bool) -> st.SearchStrategy[str]:
    fixed = ["n", "m", "x", "fee", "len(name)", "len(langs)", "count(kids)", "sum(kids.kid_fee)",
             "sum(kids.kid_w)", "sum(kids.kid_age)", "len([1, 2])", "0", "0"]
    if in_group:
        fixed += ["kid_fee", "kid_age", "kid_w", "len(kid_name)"]
    return (st.sampled_from(fixed) | st.integers(0, 40).map(str) | st.sampled_from(DECIMALS)
            | date_expr(in_group, 0).map(lambda d: f"age({d})")
            | st.tuples(date_expr(in_group, 0), date_expr(in_group, 0)).map(
                lambda p: f"days_between({p[0]}, {p[1]})"))


def date_expr(in_group: bool, depth: int) -> st.SearchStrategy[str]:
    fixed = ["born", "since", "today()", 'date("2000-02-29")', 'date("2024-03-01")']
    if in_group:
        fixed.append("kid_born")
    return st.sampled_from(fixed)


def text_expr(in_group: bool) -> st.SearchStrategy[str]:
    fixed = ["name", "sex", '"male"', '"female"']
    if in_group:
        fixed.append("kid_name")
    return st.sampled_from(fixed)


@st.composite
def num_expr(draw: st.DrawFn, in_group: bool, depth: int) -> str:
    form = draw(st.sampled_from(["leaf"] + ["arith"] * 3 + ["neg"] if depth else ["leaf"]))
    if form == "leaf":
        return draw(leaves_num(in_group))
    if form == "neg":
        return f"-{draw(num_expr(in_group, depth - 1))}"
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    return f"({draw(num_expr(in_group, depth - 1))} {op} {draw(num_expr(in_group, depth - 1))})"


@st.composite
def bool_leaf(draw: st.DrawFn, in_group: bool, depth: int) -> str:
    num = num_expr(in_group, min(depth, 2))
    texts = text_expr(in_group)
    dates = date_expr(in_group, 0)
    form = draw(st.sampled_from(["flag"] * 6 + ["fixed", "num", "date", "text", "num in",
                                                  "text in", "substring", "date in", "answered"]))
    if form == "flag":
        return draw(st.sampled_from(["poor", "disabled"]))
    if form == "fixed":
        return draw(st.sampled_from([
            "poor", "disabled", "true", "false", "answered(n)", "answered(kids)",
            "answered(name)", "answered(poor)", '"vi" in langs', '"fr" not in langs']))
    if form in ("num", "date"):
        side = num if form == "num" else dates
        op = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        return f"{draw(side)} {op} {draw(side)}"
    if form == "text":
        return f"{draw(texts)} {draw(st.sampled_from(['==', '!=']))} {draw(texts)}"
    word = draw(st.sampled_from(["in", "not in"]))
    if form == "num in":
        return f"{draw(num)} {word} [0, 1, 2, 0.5, -1, 18]"
    if form == "text in":
        return f'{draw(texts)} {word} ["male", "female"]'
    if form == "substring":
        return f"{draw(texts)} {word} {draw(texts)}"
    if form == "date in":
        return f'{draw(dates)} {word} [date("2000-02-29"), date("2024-02-29")]'
    return f"answered({draw(num)})"


@st.composite
def bool_expr(draw: st.DrawFn, in_group: bool, depth: int) -> str:
    form = draw(st.sampled_from(
        ["leaf", "not", "and", "and", "or", "or", "==", "!=", "answered"] if depth else ["leaf"]))
    if form == "leaf":
        return draw(bool_leaf(in_group, depth))
    left = draw(bool_expr(in_group, depth - 1))
    if form == "not":
        return f"not ({left})"
    if form == "answered":
        return f"answered({left})"
    return f"({left}) {form} ({draw(bool_expr(in_group, depth - 1))})"


def maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(None), values)


NUMBERS = st.integers(-20, 20).map(lambda k: k / 4) | st.integers(-10, 10).map(lambda k: k / 10)
KID = st.fixed_dictionaries({}, optional={
    "kid_fee": maybe(st.integers(0, 20000)), "kid_age": maybe(st.integers(0, 18)),
    "kid_w": maybe(NUMBERS), "kid_name": maybe(TEXTS), "kid_born": maybe(DATES)})
ANSWERS = st.fixed_dictionaries({}, optional={
    "n": maybe(st.integers(-5, 40)), "m": maybe(st.integers(-3, 5)), "x": maybe(NUMBERS),
    "fee": maybe(st.integers(0, 20001)), "name": maybe(TEXTS),
    "sex": maybe(st.sampled_from(["male", "female"])),
    "langs": maybe(st.lists(st.sampled_from(["vi", "en", "fr"]), unique=True, max_size=3)),
    "born": maybe(DATES), "since": maybe(DATES), "poor": maybe(st.booleans()),
    "disabled": maybe(st.booleans()), "kids": maybe(st.lists(KID, max_size=3))})


@st.composite
def examples(draw: st.DrawFn) -> tuple[str, str | None, dict[str, Any], Any, str]:
    in_group = draw(st.booleans())
    kind = draw(st.sampled_from(["boolean", "boolean", "number", "number", "date", "text"]))
    depth = draw(st.integers(0, 3))
    if kind == "boolean":
        source = draw(bool_expr(in_group, depth))
    elif kind == "number":
        source = draw(num_expr(in_group, depth))
    elif kind == "date":
        source = draw(date_expr(in_group, 0))
    else:
        source = draw(text_expr(in_group))
    row = draw(KID) if in_group else None
    return source, "kids" if in_group else None, draw(ANSWERS), row, draw(DATES)


def plain(v: Any) -> Any:
    return None if v is NO_VALUE else v


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.node
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(examples())
def test_backends_agree(node: Any, example: tuple[str, str | None, dict[str, Any], Any, str]
                        ) -> None:
    source, group, answers, row, today = example
    sink = DiagnosticSink()
    expr = compile_expression(source, Span("gen", 1, 1), Scope(FIELDS, group), "any", sink)
    assert expr is not None, (source, [d.message for d in sink])
    want = plain(evaluate(expr, answers, today=today, row=row))
    out = node.run(to_jsonlogic(expr), to_runtime(expr), answers, today, row)
    assert same(out["jsonlogic"], want), ("json-logic-js", source, out["jsonlogic"], want)
    assert same(out["runtime"], want), ("procgen-expr.js", source, out["runtime"], want)
