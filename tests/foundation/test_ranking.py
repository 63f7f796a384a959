"""REQ foundation/schema-errors: one clear, located message per problem, not a cascade.

Each case changes one line of the kitchen-sink procedure and lists every diagnostic expected:
(code, line, column). A wrong type inside ``anyOf`` (localized texts, amounts, field items)
must give the one relevant message, at the value; misspelt keys and names say "did you mean".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from procgen.diagnostics import Diagnostic, DiagnosticSink
from procgen.model import validate_paths

KITCHEN = Path(__file__).resolve().parents[1] / "fixtures" / "kitchen-sink"


def check(tmp_path: Path, old: str, new: str) -> list[Diagnostic]:
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    path = root / "kitchen-sink.yaml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    sink = DiagnosticSink()
    validate_paths([path], root, sink)
    return sink.sorted()


def line_of(old: str) -> int:
    text = (KITCHEN / "kitchen-sink.yaml").read_text("utf-8")
    return text[: text.index(old)].count("\n") + 1


SRC = 'source: {record: "1.000002"}'  # the online channel's processing time, as the sink says
USE = "  - use: person\n    heading: {vi: Người nộp hồ sơ, en: The applicant}"
"""The kitchen sink's use of its person block (with a heading), as two lines."""

CASES = [
    # (old text, new text, [(code, column, words in the message)])
    ("    label: {vi: Mục đích, en: Purpose}", "    label: 5",
     [("PG113", 12, "'label' must be a text, not a whole number")]),
    ("    label: {vi: Mục đích, en: Purpose}", "    label: {vi: 5, en: Purpose}",
     [("PG113", 17, "'vi' must be a text")]),
    ("    label: {vi: Mục đích, en: Purpose}", "    label: {vi: Mục đích, en: Purpose, fr: But}",
     [("PG119", 40, "language 'fr'")]),
    ("    amount: 50000", "    amount: -5", [("PG116", 13, "at least 0")]),
    ("    amount: 50000", "    amount: [1]", [("PG113", 13, "'amount' must be")]),
    (f"  online: {{processing_time: {{working_days: 2, {SRC}}}}}",
     f"  onlin: {{processing_time: {{working_days: 2, {SRC}}}}}",
     [("PG112", 3, "did you mean 'online'")]),
    (f"  online: {{processing_time: {{working_days: 2, {SRC}}}}}",
     f"  online: {{processing_time: {{working_day: 2, {SRC}}}}}",
     [("PG112", 30, "did you mean 'working_days'")]),
    (f"  online: {{processing_time: {{working_days: 2, {SRC}}}}}",
     f"  online: {{processing_time: {{working_days: 2, days: 2, {SRC}}}}}",
     [("PG117", 47, "give 'working_days' or 'days', not both")]),
    ("level: province", "level: provnce", [("PG114", 8, "did you mean 'province'")]),
    ("    type: multichoice", "    type: multi_choice",
     [("PG114", 11, "did you mean 'multichoice'")]),
    (USE, "  - {use: person, id: x}", [("PG112", 19, "unknown key 'id'")]),
    (USE, "  - 5", [("PG113", 5, "must be a mapping")]),
    ("    repeat: {min: 0, max: 5}", "    repeat: 5",
     [("PG113", 13, "'repeat' must be a mapping")]),
    ("  postal: {processing_time: {hours: 96, source: {url: https://example.gov.vn/postal}}}",
     "  postal: {}",
     [("PG111", 3, "missing key 'processing_time'")]),
    ("effective_from: 2026-01-01", "effective_from: 2026-02-30",
     [("PG115", 17, "not a real calendar date")]),
    ("audience: [citizen, business]", "audience: [citizen, citizen]",
     [("PG116", 11, "the same item twice")]),
    ("    when: poor_household\n", "    when: poor_houshold\n",
     [("PG203", 11, "did you mean 'poor_household'")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[c[1].strip() for c in CASES])
def test_one_message_per_problem(
    tmp_path: Path, old: str, new: str, expected: list[tuple[str, int, str]]
) -> None:
    found = check(tmp_path, old, new)
    line = line_of(old)
    assert [(d.code, d.span.line if d.span else 0, d.span.col if d.span else 0) for d in found] == [
        (code, line, col) for code, col, _ in expected
    ], [d.message for d in found]
    for d, (_, _, words) in zip(found, expected, strict=True):
        assert words in d.message


def test_a_misspelt_required_key_is_one_message(tmp_path: Path) -> None:
    found = check(
        tmp_path, "    label: {vi: Mục đích, en: Purpose}", "    lable: {vi: Mục đích, en: Purpose}"
    )
    assert [d.code for d in found] == ["PG112"]
    assert "did you mean 'label'" in found[0].message
