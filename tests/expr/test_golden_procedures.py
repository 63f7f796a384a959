"""Golden compiled forms of every expression in ``procedures/``, and the three backends agreeing
on them.

Issue 3: "golden tests for the compiled forms of every expression in procedures/". Each bundled
procedure gets ``tests/golden/expr/<procedure-id>.json``: for every expression (field
``required``/``when``/``constraint`` including group children, document ``required``/``when``,
fee ``amount``/``when`` and exemption ``when``) its path, source, type, JSON Logic and web-runtime
form. ``pytest --update-golden`` rewrites them; a review of the diff is then the review of what
the web form and the API will evaluate.

The same expressions are then evaluated on generated answer sets (answered, partly answered,
empty; several "today"s) by the Python evaluator, by ``json-logic-js`` with procgen's custom
operations and by ``procgen-expr.js``, under one long-lived node process: all three must agree.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.expr import NO_VALUE, Expr, evaluate, to_jsonlogic, to_runtime
from procgen.model import load_portal
from procgen.model.ir import Field, Portal, Procedure

ROOT = Path(__file__).resolve().parents[2]
PROCEDURES = ROOT / "procedures"
GOLDEN = ROOT / "tests" / "golden" / "expr"
IDS = sorted(
    p.stem for p in PROCEDURES.glob("*.yaml") if p.name != "procgen.yaml"
)  # one procedure per top-level file (DSL.md: the file name is the id)
TODAYS = ("2026-11-29", "2024-02-29", "2025-12-31")


@dataclass(frozen=True)
class Site:
    """One expression of a procedure: where it sits and, for group children, the group."""

    path: str
    expr: Expr
    group: str | None


@cache
def portal() -> Portal:
    sink = DiagnosticSink()
    loaded = load_portal(PROCEDURES, sink)
    errors = [d for d in sink if d.severity == "error"]
    assert not errors, [f"{d.code} {d.span.file}:{d.span.line} {d.message}" for d in errors]
    return loaded


def procedure(pid: str) -> Procedure:
    return next(p for p in portal().procedures if p.id == pid)


def _field_sites(fields: tuple[Field, ...], prefix: str, group: str | None) -> Iterator[Site]:
    for f in fields:
        for attr in ("required", "when", "constraint"):
            value = getattr(f, attr)
            if isinstance(value, Expr):
                yield Site(f"{prefix}{f.id}.{attr}", value, group)
        if f.children:
            yield from _field_sites(f.children, f"{prefix}{f.id}.", f.id)


def sites(p: Procedure) -> list[Site]:
    """Every expression of ``p``, in the order the YAML gives them."""
    out = list(_field_sites(p.fields, "fields.", None))
    for d in p.documents:
        for attr in ("required", "when"):
            value = getattr(d, attr)
            if isinstance(value, Expr):
                out.append(Site(f"documents.{d.id}.{attr}", value, None))
    for fee in p.fees:
        if isinstance(fee.amount, Expr):
            out.append(Site(f"fees.{fee.id}.amount", fee.amount, None))
        if fee.when is not None:
            out.append(Site(f"fees.{fee.id}.when", fee.when, None))
        for i, ex in enumerate(fee.exemptions):
            out.append(Site(f"fees.{fee.id}.exemptions[{i}].when", ex.when, None))
    return out


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def golden_text(p: Procedure) -> str:
    """Deterministic JSON, one line per compiled form so that a diff shows what changed."""
    entries = [
        "  {"
        + f'"path": {_compact(s.path)},\n   "source": {_compact(s.expr.source)},\n'
        + f'   "type": {_compact(str(s.expr.type))},\n'
        + f'   "jsonlogic": {_compact(to_jsonlogic(s.expr))},\n'
        + f'   "runtime": {_compact(to_runtime(s.expr))}}}'
        for s in sites(p)
    ]
    return (
        f'{{"procedure": {_compact(p.id)},\n "expressions": [\n' + ",\n".join(entries) + "\n ]}\n"
    )


def test_every_bundled_procedure_is_covered() -> None:
    assert sorted(p.id for p in portal().procedures) == IDS
    assert len(IDS) == 25


@pytest.mark.parametrize("pid", IDS)
def test_compiled_forms_match_golden(golden: Any, pid: str) -> None:
    p = procedure(pid)
    text = golden_text(p)
    parsed = json.loads(text)
    assert [e["path"] for e in parsed["expressions"]] == [s.path for s in sites(p)]
    assert all(
        e["jsonlogic"] == to_jsonlogic(s.expr)
        for e, s in zip(parsed["expressions"], sites(p), strict=True)
    )
    golden.check(f"expr/{pid}.json", text)
    paths = [s.path for s in sites(p)]
    assert len(paths) == len(set(paths)), "two expressions share a path"


def test_no_stale_golden_files() -> None:
    stale = sorted({f.stem for f in GOLDEN.glob("*.json")} - set(IDS))
    assert not stale, f"golden files for procedures that no longer exist: {stale}"


def test_walk_finds_every_kind_of_site() -> None:
    """The walk is not silently empty: every kind of site occurs in the bundled procedures."""
    suffixes = {
        s.path.rsplit(".", 1)[-1] if "exemptions" not in s.path else "exemption"
        for p in portal().procedures
        for s in sites(p)
    }
    assert {"required", "when", "constraint", "amount", "exemption"} <= suffixes
    assert any(s.group for p in portal().procedures for s in sites(p)), "no group child found"
    assert any(s.path.startswith("documents.") for p in portal().procedures for s in sites(p))


# ---- the three backends on generated answers ----------------------------------------------

TEXTS = ("", "Nguyễn Văn An", "Hà Nội", "male", "0912345678")


def _value(f: Field, rnd: random.Random, today: date) -> Any:
    kind = f.kind
    if kind in ("choice", "multichoice"):
        values = [o.value for o in f.options]
        if kind == "choice":
            return rnd.choice(values) if values else None
        return rnd.sample(values, rnd.randint(0, min(3, len(values))))
    if kind == "boolean":
        return rnd.random() < 0.5
    if kind in ("integer", "money"):
        return rnd.choice([0, 1, 2, 3, 5, 12, 150000, rnd.randint(0, 40)])
    if kind == "number":
        return rnd.choice([0, 0.5, 1.25, 3, 17.75])
    if kind == "date":
        # near "today" so that day-count thresholds (15, 60 days, ages) fall both ways
        back = rnd.choice(
            [
                0,
                10,
                15,
                16,
                59,
                60,
                61,
                200,
                365 * 14,
                365 * 18 + 4,
                365 * 21,
                365 * 70,
                rnd.randint(0, 365 * 80),
                -3,
            ]
        )
        return (today - timedelta(days=back)).isoformat()
    if kind == "national_id":
        return rnd.choice(["001099012345", "079203001122"])
    if kind == "group":
        return [_answers(f.children, rnd, today, 0.2) for _ in range(rnd.randint(0, 3))]
    return rnd.choice(TEXTS)


def _answers(
    fields: tuple[Field, ...], rnd: random.Random, today: date, absent: float
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        if rnd.random() >= absent:
            value = _value(f, rnd, today)
            if value is not None:
                out[f.id] = value
    return out


def answer_sets(p: Procedure) -> Iterator[tuple[dict[str, Any], str]]:
    """The empty set, everything answered, and partly answered sets, over several todays."""
    rnd = random.Random(p.id)
    for today in TODAYS:
        day = date.fromisoformat(today)
        yield {}, today
        yield _answers(p.fields, rnd, day, 0.0), today
        for absent in (0.2, 0.5, 0.5):
            yield _answers(p.fields, rnd, day, absent), today


def _plain(v: Any) -> Any:
    return None if v is NO_VALUE else v


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.node
@pytest.mark.parametrize("pid", IDS)
def test_backends_agree_on_bundled_expressions(node: Any, pid: str) -> None:
    p = procedure(pid)
    found = sites(p)
    assert found, f"{pid} has no expressions"
    rows_seen = 0
    checked = 0
    outcomes: dict[str, set[str]] = {s.path: set() for s in found}
    for answers, today in answer_sets(p):
        for site in found:
            rows: list[Any] = [None]
            if site.group is not None:
                entries = answers.get(site.group) or []
                rows = [*entries, {}]
                rows_seen += len(entries)
            for row in rows:
                want = _plain(evaluate(site.expr, answers, today=today, row=row))
                jl, rt = to_jsonlogic(site.expr), to_runtime(site.expr)
                out = node.run(jl, rt, answers, today, row)
                where = (site.path, site.expr.source, today, answers, row)
                assert _same(out["jsonlogic"], want), (
                    "json-logic-js",
                    out["jsonlogic"],
                    want,
                    where,
                )
                assert _same(out["runtime"], want), ("procgen-expr.js", out["runtime"], want, where)
                checked += 1
                outcomes[site.path].add(json.dumps(want))
    assert checked >= len(found) * 15
    varied = [path for path, seen in outcomes.items() if len(seen) > 1]
    assert varied, f"no expression of {pid} took two different values on the generated answers"
    if any(s.group for s in found):
        assert rows_seen > 0, "no generated group entry reached a group child's expression"
