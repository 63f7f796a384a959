"""The web form's fees against ``procgen quote``, in every province (issue 16).

``procgen-check.js``'s ``fees`` (the arithmetic the check-answers page and the confirmation
show) runs under node on the same effective answers ``quote`` computes, for every bundled
procedure with a locality-set fee, every province (and none), and answers that move the fees'
conditions (dates across the late-registration limits, every yes/no question flipped): each
fee's presence, amount, exemption and placeholder flag, and the total, must agree.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import require_tool
from tests.differential.web_harness import ASSETS, RUNTIME

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.model.facts import FieldKind
from procgen.model.ir import Procedure
from procgen.model.local import local_facts
from procgen.quote import check_answers, quote
from procgen.targets.openapi.examples import example_answers
from procgen.targets.web.rules import page_rules

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"
DAY = "2026-11-20"
OFFSETS = (0, 14, 15, 16, 59, 60, 61, 365, 4000)
"""Days before ``DAY``: both sides of every late-registration limit the bundled fees use."""

_SCRIPT = r"""
const path = require("path");
const readline = require("readline");
const E = require(path.join(process.argv[1], "procgen-expr.js"));
const ProcgenCheck = require(path.join(process.argv[2], "procgen-check.js"));
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let out;
  try {
    const m = JSON.parse(line);
    const C = ProcgenCheck(m.rules, E);
    out = m.cases.map(([answers, picked]) => C.fees(answers, m.today, C.place(answers, picked)));
  } catch (e) { out = { $error: String(e && e.stack || e) }; }
  process.stdout.write(JSON.stringify(out) + "\n");
});
"""


@pytest.fixture(scope="module")
def node() -> Iterator[subprocess.Popen[str]]:
    exe = shutil.which("node")
    require_tool(exe is not None, "node")
    assert exe is not None
    proc = subprocess.Popen([exe, "-e", _SCRIPT, str(RUNTIME), str(ASSETS)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            encoding="utf-8", bufsize=1)
    yield proc
    proc.kill()
    proc.wait()


def _variants(p: Procedure) -> list[dict[str, Any]]:
    base = example_answers(p)
    out = [base]
    day = dt.date.fromisoformat(DAY)
    for f in p.asked_fields:
        if f.kind == FieldKind.DATE:
            out += [{**base, f.id: (day - dt.timedelta(days=n)).isoformat()} for n in OFFSETS]
        elif f.kind == FieldKind.BOOLEAN:
            out.append({**base, f.id: not base.get(f.id, False)})
    return out


def test_the_web_total_is_the_quote_in_every_province(node: subprocess.Popen[str]) -> None:
    portal = load_portal(PROCEDURES, DiagnosticSink())
    local = [p for p in portal.procedures if any(f.set_by_locality for f in p.fees)]
    assert len(local) >= 5
    places = [None, *portal.localities]
    compared = 0
    for p in local:
        rules = page_rules(p, "vi", "/api", local_facts(p, portal.localities))
        cases: list[tuple[dict[str, Any], str | None]] = []
        quotes: list[dict[str, Any]] = []
        for raw in _variants(p):
            sink = DiagnosticSink()
            checked = check_answers(p, raw, today=DAY, lang="vi", locate=lambda _, at=p.span: at,
                                    sink=sink)
            if sink.has_errors():
                continue
            values = json.loads(json.dumps(checked.values, default=str))
            for place in places:
                q = quote(p, checked, channel="online", on=DAY, locality=place)
                cases.append((values, place.id if place else None))
                quotes.append(q.as_json())
        assert cases, p.id
        assert node.stdin is not None and node.stdout is not None
        node.stdin.write(json.dumps({"rules": rules, "today": DAY, "cases": cases},
                                    ensure_ascii=False) + "\n")
        answers = json.loads(node.stdout.readline())
        assert not isinstance(answers, dict), answers
        for (values, place), q, web in zip(cases, quotes, answers, strict=True):
            shown = {r["id"]: {"amount": r["amount"], "exempt": r["exempt"],
                               "placeholder": r["placeholder"]}
                     for r in web["rows"] if r["applies"]}
            quoted = {f["id"]: {"amount": f["amount"], "exempt": f["exempt"],
                                "placeholder": f.get("placeholder", False)}
                      for f in q["fees"]}
            where = (p.id, place, values)
            assert shown == quoted, where
            assert web["total"] == q["total"], where
            assert web["complete"] is q["complete"], where
            assert web["provisional"] is q.get("provisional", False), where
            if not q["complete"]:
                assert web["known"] == q["known_total"], where
            compared += 1
    assert compared > 1000  # every province, many answers


def _edges(p: Procedure) -> list[str]:
    """Both sides of every exemption window's edges: the day before, the first and last day,
    the day after."""
    days: set[str] = set()
    for f in p.fees:
        for e in f.exemptions:
            for edge, step in ((e.valid_from, -1), (e.valid_until, 1)):
                if edge:
                    d = dt.date.fromisoformat(edge)
                    days |= {d.isoformat(), (d + dt.timedelta(days=step)).isoformat()}
    return sorted(days)


def _window_variants(p: Procedure, day: str) -> list[dict[str, Any]]:
    """The example answers with each option of every choice a fee reads, each of those with
    every yes/no answer flipped too; a date that must not be before today (an appointment) is
    ``day``."""
    base = example_answers(p)
    for f in p.asked_fields:
        if (f.kind == FieldKind.DATE and f.constraint is not None
                and "today()" in f.constraint.source and str(base.get(f.id, day)) < day):
            base[f.id] = day
    read = set().union(*(f.reads for f in p.fees))
    bases = [base] + [{**base, f.id: o.value} for f in p.asked_fields
                      if f.kind == FieldKind.CHOICE and f.id in read for o in f.options]
    flips = [f.id for f in p.asked_fields if f.kind == FieldKind.BOOLEAN]
    return [v for b in bases for v in (b, *({**b, k: not b.get(k, False)} for k in flips))]


def test_the_web_applies_an_exemption_window_as_quote_does(
        node: subprocess.Popen[str]) -> None:
    """The digital-citizen waivers (Circular 117/2026, an exemption's ``valid``): on each side
    of each window's edges, with every yes/no answer flipped (``vneid_level_2`` among them),
    the form's fees are the quote's."""
    portal = load_portal(PROCEDURES, DiagnosticSink())
    windowed = [p for p in portal.procedures if _edges(p)]
    assert len(windowed) >= 6
    compared = 0
    seen: set[str] = set()
    for p in windowed:
        rules = page_rules(p, "vi", "/api", local_facts(p, portal.localities))
        for day in _edges(p):
            cases: list[tuple[dict[str, Any], str | None]] = []
            quotes: list[dict[str, Any]] = []
            for raw in _window_variants(p, day):
                sink = DiagnosticSink()
                checked = check_answers(p, raw, today=day, lang="vi",
                                        locate=lambda _, at=p.span: at, sink=sink)
                if sink.has_errors():
                    continue
                cases.append((json.loads(json.dumps(checked.values, default=str)), None))
                quotes.append(quote(p, checked, channel="online", on=day).as_json())
            assert node.stdin is not None and node.stdout is not None
            node.stdin.write(json.dumps({"rules": rules, "today": day, "cases": cases},
                                        ensure_ascii=False) + "\n")
            answers = json.loads(node.stdout.readline())
            assert not isinstance(answers, dict), answers
            for (values, _), q, web in zip(cases, quotes, answers, strict=True):
                shown = {r["id"]: (r["amount"], r["exempt"]) for r in web["rows"] if r["applies"]}
                quoted = {f["id"]: (f["amount"], f["exempt"]) for f in q["fees"]}
                assert shown == quoted, (p.id, day, values)
                assert web["total"] == q["total"], (p.id, day, values)
                if values.get("vneid_level_2") and any(f["exempt"] for f in q["fees"]):
                    seen.add(p.id)
                compared += 1
    assert compared > 100
    assert seen == {p.id for p in windowed}  # each procedure's waiver was crossed
