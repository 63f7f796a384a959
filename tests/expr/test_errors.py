"""Type-checker and syntax errors: exact (code, line, col) inside the YAML file.

Covers DSL "Expressions": mixing types, unknown names and unknown functions are compile-time
errors pointing at the column inside the expression, for plain, quoted and block scalars.
"""

from __future__ import annotations

from typing import Any

import pytest

from procgen.diagnostics import DiagnosticSink, Span
from procgen.diagnostics.codes import CODES
from procgen.expr import FieldSig, Scope, compile_expression
from procgen.source.loader import load_text

SCOPE = Scope.of(
    FieldSig("n", "integer"), FieldSig("fee", "money"), FieldSig("born", "date"),
    FieldSig("name", "text"), FieldSig("poor", "boolean"),
    FieldSig("sex", "choice", ("male", "female")), FieldSig("langs", "multichoice", ("vi", "en")),
    FieldSig("kids", "group", children=(FieldSig("kid_fee", "money"),
                                         FieldSig("kid_name", "text"))),
)

# (name, the `when:` line of a YAML file, expect, [(code, line, col)]); the key is on line 2.
CASES: list[tuple[str, str, str, list[tuple[str, int, int]]]] = [
    ("syntax-single-equals", 'when: sex = "male"', "boolean", [("PG201", 2, 11)]),
    ("too-deep", "when: " + "not " * 70 + "true", "boolean", [("PG211", 2, 263)]),
    ("too-long", "when: n > " + "1 + " * 1100 + "1", "boolean", [("PG212", 2, 4007)]),
    ("syntax-unclosed", "when: (n > 1", "boolean", [("PG201", 2, 13)]),
    ("syntax-chained", "when: 1 < n < 3", "boolean", [("PG201", 2, 13)]),
    ("syntax-quoted", "when: 'n >> 1'", "boolean", [("PG201", 2, 11)]),
    ("bad-date", 'when: born < date("2023-02-29")', "boolean", [("PG202", 2, 19)]),
    ("big-number", "when: n < 99999999999999999", "boolean", [("PG202", 2, 11)]),
    ("list-expression", "when: n in [1, n]", "boolean", [("PG202", 2, 16)]),
    ("list-mixed", 'when: n in [1, "2"]', "boolean", [("PG202", 2, 16)]),
    ("unknown-field", "when: days_between(bron, today()) > 60", "boolean", [("PG203", 2, 20)]),
    ("unknown-field-quoted", "when: \"days_between(bron, today()) > 60\"", "boolean",
     [("PG203", 2, 21)]),
    ("unknown-child-outside", "when: kid_fee > 0", "boolean", [("PG203", 2, 7)]),
    ("unknown-function", "when: years(born) > 6", "boolean", [("PG204", 2, 7)]),
    ("arity", "when: days_between(born) > 6", "boolean", [("PG205", 2, 7)]),
    ("type-text-number", 'when: age(born) > "18"', "boolean", [("PG206", 2, 19)]),
    ("type-date-arith", "when: born + 1 > today()", "boolean", [("PG206", 2, 12)]),
    ("type-and-number", "when: n and poor", "boolean", [("PG206", 2, 7)]),
    ("type-age-text", "when: age(name) > 1", "boolean", [("PG206", 2, 11)]),
    ("type-two-errors", 'when: age(name) > 1 or n == "x"', "boolean",
     [("PG206", 2, 11), ("PG206", 2, 29)]),
    ("group-bare", "when: kids > 2", "boolean", [("PG207", 2, 7)]),
    ("group-member-outside-sum", "when: kids.kid_fee > 2", "boolean", [("PG207", 2, 7)]),
    ("group-sum-of-group", "when: sum(kids) > 2", "boolean", [("PG207", 2, 11)]),
    ("result-not-condition", "when: n * 2", "boolean", [("PG208", 2, 7)]),
    ("result-not-number", "when: n > 2", "number", [("PG208", 2, 7)]),
    ("unknown-option", 'when: sex == "mael"', "boolean", [("PG209", 2, 14)]),
    ("unknown-option-list", """when: '"fr" in langs'""", "boolean", [("PG209", 2, 8)]),
    ("unknown-group-field", "when: sum(kids.kid_fe) > 0", "boolean", [("PG210", 2, 16)]),
    ("block-scalar", "when: |\n    n > 1 and\n    bron < today()", "boolean", [("PG203", 4, 5)]),
    ("no-error", "when: n > 1 and poor", "boolean", []),
]


def diagnose(when: str, expect: Any, scope: Scope = SCOPE) -> list[tuple[str, int, int]]:
    doc = load_text("p.yaml", f"procgen: 1\n{when}\n")
    info = doc.scalar(("when",))
    assert info is not None
    sink = DiagnosticSink()
    result = compile_expression(doc.value["when"], info, scope, expect, sink)
    assert (result is None) == bool(sink.items)
    return [(d.code, d.span.line, d.span.col) for d in sink if d.span]


@pytest.mark.parametrize(("when", "expect", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_error_position(when: str, expect: str, expected: list[tuple[str, int, int]]) -> None:
    assert diagnose(when, expect) == expected


def test_inside_a_group_children_are_bare_and_shadow() -> None:
    scope = Scope(dict(SCOPE.fields), group="kids")
    assert diagnose("when: kid_fee > 0 and n > 1", "boolean", scope) == []
    assert diagnose("when: kid_fe > 0", "boolean", scope) == [("PG203", 2, 7)]


def test_bare_span_counts_from_its_column() -> None:
    sink = DiagnosticSink()
    assert compile_expression("n > bogus", Span("p.yaml", 5, 20), SCOPE, "boolean", sink) is None
    [d] = sink.items
    assert d.span is not None
    assert (d.code, d.span.line, d.span.col, d.span.end_col) == ("PG203", 5, 24, 29)


def test_did_you_mean() -> None:
    sink = DiagnosticSink()
    compile_expression("age(bron) > 18", Span("p.yaml", 1, 1), SCOPE, "boolean", sink)
    assert sink.items[0].message == "unknown field 'bron' in expression; did you mean 'born'?"


def test_names_collects_top_level_ids() -> None:
    sink = DiagnosticSink()
    e = compile_expression("sum(kids.kid_fee) + fee > n", Span("p", 1, 1), SCOPE, "boolean", sink)
    assert e is not None and e.names == {"kids", "fee", "n"}
    scope = Scope(dict(SCOPE.fields), group="kids")
    e = compile_expression("kid_fee > fee", Span("p", 1, 1), scope, "boolean", sink)
    assert e is not None and e.names == {"kids", "fee"}


def test_every_expression_code_is_triggered_here() -> None:
    triggered = {code for c in CASES for code, _, _ in c[3]}
    assert triggered == {c for c in CODES if c.startswith("PG2")}


def test_codes_are_documented() -> None:
    for code, entry in CODES.items():
        if code.startswith("PG2"):
            assert entry.summary and entry.bad and entry.fix, code
