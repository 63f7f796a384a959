"""Conformance: every case in ``conformance/*.yaml`` gives the same value in every backend.

Covers the DSL's "Expressions" section: literals, operators, functions, money rounding and
the no-value rules, for the Python evaluator, JSON Logic (json-logic-js 2.0.5 under node) and
the web runtime (procgen-expr.js under node). The JSON Schema backend, exact for a subset of
conditions only, is checked on every case it accepts: a real 2020-12 validator accepts the
answers exactly when the condition holds.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import (
    NO_VALUE,
    Expr,
    FieldSig,
    Scope,
    compile_expression,
    evaluate,
    holds,
    to_jsonlogic,
    to_jsonschema,
    to_runtime,
)

HERE = Path(__file__).with_name("conformance")


def field_sig(name: str, spec: Any) -> FieldSig:
    if isinstance(spec, str):
        return FieldSig(name, spec)
    children = tuple(field_sig(k, v) for k, v in (spec.get("children") or {}).items())
    options = tuple(spec["options"]) if "options" in spec else None
    return FieldSig(name, spec["kind"], options, children)


def load_cases() -> list[Any]:
    shared = yaml.safe_load((HERE / "_fields.yaml").read_text(encoding="utf-8"))
    out = []
    for path in sorted(HERE.glob("[!_]*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = {**shared, **(doc.get("fields") or {})}
        sigs = {k: field_sig(k, v) for k, v in fields.items()}
        for i, case in enumerate(doc["cases"]):
            assert "value" in case, f"{path.name} case {i}: no `value` (null means no value)"
            case = {"today": doc.get("today", "2024-06-15"), **case, "sigs": sigs}
            out.append(pytest.param(case, id=f"{path.stem}-{i}-{case['expr']}"))
    return out


CASES = load_cases()


def compiled(case: dict[str, Any]) -> Expr:
    sink = DiagnosticSink()
    scope = Scope(case["sigs"], case.get("group"))
    expr = compile_expression(case["expr"], Span("case", 1, 1), scope, "any", sink)
    assert expr is not None, [d.message for d in sink]
    return expr


def same(got: Any, want: Any) -> bool:
    """Equal as JSON values; numbers compare by value (3 == 3.0), NaN never appears."""
    if isinstance(want, bool) or isinstance(got, bool):
        return type(got) is type(want) and got == want
    if isinstance(want, int | float) and isinstance(got, int | float):
        return math.isclose(got, want, rel_tol=0, abs_tol=0) or got == want
    if isinstance(want, list) and isinstance(got, list):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want, strict=True))
    return bool(got == want)


@pytest.mark.parametrize("case", CASES)
def test_python(case: dict[str, Any]) -> None:
    value = evaluate(compiled(case), case["answers"], today=case["today"], row=case.get("row"))
    got = None if value is NO_VALUE else value
    assert same(got, case["value"]), got


@pytest.mark.node
@pytest.mark.parametrize("case", CASES)
def test_javascript(case: dict[str, Any], node: Any) -> None:
    expr = compiled(case)
    out = node.run(to_jsonlogic(expr), to_runtime(expr), case["answers"], case["today"],
                   case.get("row"))
    assert same(out["jsonlogic"], case["value"]), ("json-logic-js", out["jsonlogic"])
    assert same(out["runtime"], case["value"]), ("procgen-expr.js", out["runtime"])


@pytest.mark.parametrize("case", CASES)
def test_jsonschema(case: dict[str, Any]) -> None:
    """Where the schema backend gives a schema, it accepts exactly the answers that hold.

    Every top-level field is plain here (the cases have no ``when`` or ``default``). The
    schema validates the request's answers (no ``null``: an unanswered field is absent); the
    condition is evaluated on them as ``procgen quote`` settles them: a boolean left out is
    false (an unchecked box) and an empty multichoice is no answer.
    """
    expr = compiled(case)
    if case.get("group") or str(expr.type) != "boolean":
        pytest.skip("the schema backend states top-level conditions only")
    sigs = case["sigs"]
    schema = to_jsonschema(expr, {k: s.kind for k, s in sigs.items() if s.kind != "group"})
    if schema is None:
        pytest.skip("not exact in JSON Schema (carried by the JSON Logic rule)")
    answers = {k: v for k, v in case["answers"].items() if v is not None}
    settled = {k: False for k, s in sigs.items() if s.kind == "boolean"} | {
        k: v for k, v in answers.items() if v != [] or sigs[k].kind != "multichoice"}
    valid = jsonschema.Draft202012Validator(schema).is_valid(answers)
    assert valid == holds(expr, settled, today=case["today"]), schema


def test_the_schema_backend_is_exercised() -> None:
    exact = [c for c in CASES if c.values[0].get("group") is None
             and (e := compiled(c.values[0])) and str(e.type) == "boolean"
             and to_jsonschema(e, {k: s.kind for k, s in c.values[0]["sigs"].items()})]
    assert len(exact) >= 15, len(exact)


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 100
