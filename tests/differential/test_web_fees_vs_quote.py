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
