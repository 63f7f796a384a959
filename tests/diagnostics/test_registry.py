"""REQ foundation: one registry of codes that documents itself, and every code is tested.

- every code has a summary, a bad example and a fix, in English and in Vietnamese, and its
  Vietnamese message has the English one's fields;
- ``docs/diagnostics.md`` and ``docs/diagnostics.vi.md`` are exactly what the registry
  generates;
- every code is triggered by a case in ``cases/`` or, for codes that need a command or a
  target to trigger (PG100, PG5xx, PG6xx), asserted by name in another test module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procgen.diagnostics import CompilerBug, DiagnosticSink, Span
from procgen.diagnostics.codes import CODES
from procgen.diagnostics.docs import FILES, render

TESTS = Path(__file__).resolve().parent.parent


def test_every_code_is_documented() -> None:
    for code in CODES.values():
        assert re.fullmatch(r"PG\d{3}", code.code)
        assert code.summary and code.bad and code.fix, code.code
        assert code.severity in ("error", "warning")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_worded_in_vietnamese(code: str) -> None:
    entry = CODES[code]
    assert entry.vi is not None, f"{code} has no Vietnamese message, summary and fix (vi=Worded)"
    assert entry.vi.template and entry.vi.summary and entry.vi.fix, code
    assert entry.vi.summary != entry.summary and entry.vi.fix != entry.fix, (
        f"{code}: the Vietnamese summary or fix is the English one")


@pytest.mark.parametrize("lang", sorted(FILES))
def test_docs_are_generated_from_the_registry(lang: str) -> None:
    assert (TESTS.parent / FILES[lang]).read_text("utf-8") == render(lang), (
        f"{FILES[lang]} is stale: run python -m procgen.diagnostics.docs"
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
