"""REQ foundation: one registry of codes that documents itself, and every code is tested.

- every code has a summary, a bad example and a fix;
- ``docs/diagnostics.md`` is exactly what the registry generates;
- every code is triggered by a case in ``cases/`` or, for codes that need a command or a
  target to trigger (PG100, PG5xx, PG6xx), asserted by name in another test module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procgen.diagnostics import CompilerBug, DiagnosticSink, Span
from procgen.diagnostics.codes import CODES
from procgen.diagnostics.docs import render

TESTS = Path(__file__).resolve().parent.parent
DOCS = TESTS.parent / "docs" / "diagnostics.md"


def test_every_code_is_documented() -> None:
    for code in CODES.values():
        assert re.fullmatch(r"PG\d{3}", code.code)
        assert code.summary and code.bad and code.fix, code.code
        assert code.severity in ("error", "warning")


def test_docs_are_generated_from_the_registry() -> None:
    assert DOCS.read_text("utf-8") == render(), (
        "docs/diagnostics.md is stale: run python -m procgen.diagnostics.docs"
    )


def _cases() -> set[str]:
    found: set[str] = set()
    for case in (TESTS / "diagnostics" / "cases").glob("*.yaml"):
        for line in case.read_text("utf-8").splitlines():
            if line.startswith(("# expect:", "# expect-at:")):
                found |= set(re.findall(r"PG\d{3}", line))
    return found


def _asserted_elsewhere() -> set[str]:
    found: set[str] = set()
    for module in TESTS.rglob("test_*.py"):
        if module.name == "test_registry.py":
            continue
        found |= set(re.findall(r"[\"'](PG\d{3})[\"']", module.read_text("utf-8")))
    return found


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_triggering_test(code: str) -> None:
    assert code in _cases() | _asserted_elsewhere(), (
        f"{code} has no case in tests/diagnostics/cases and no test asserting it"
    )


def test_unknown_code_or_missing_field_is_a_bug() -> None:
    sink = DiagnosticSink()
    with pytest.raises(CompilerBug):
        sink.emit("PG999", Span("f.yaml", 1, 1))
    with pytest.raises(CompilerBug):
        sink.emit("PG104", Span("f.yaml", 1, 1))  # needs key=
