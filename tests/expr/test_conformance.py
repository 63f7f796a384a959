"""Conformance: every case in ``conformance/*.yaml`` gives the same value in every backend.

Covers the DSL's "Expressions" section: literals, operators, functions, money rounding and
the no-value rules, for the Python evaluator, JSON Logic (json-logic-js 2.0.5 under node) and
the web runtime (procgen-expr.js under node).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

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
    to_jsonlogic,
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


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 100
