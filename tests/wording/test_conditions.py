"""REQ guidance/conditions: a ``when`` in words for citizens, each shape the procedures use
(yes/no, a choice against options, numbers and counts, a date's distance from today,
and/or/not), and the fallback that names the questions instead of showing source text."""

from __future__ import annotations

from pathlib import Path

import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.wording.conditions import condition

PROCEDURE = """\
procgen: 1
id: c
title: {vi: C, en: C}
channels: {online: {processing_time: {working_days: 1}}}
fields:
  - {id: kind, type: choice, label: {vi: Loại yêu cầu, en: Request kind}, options: [
      {value: lost, label: {vi: Bị mất, en: Lost}},
      {value: worn, label: {vi: Bị hỏng, en: Worn}},
      {value: new, label: {vi: Cấp mới, en: New}}]}
  - {id: poor, type: boolean, label: {vi: Hộ nghèo, en: Poor household}}
  - {id: copies, type: integer, label: {vi: Số bản sao, en: Extra copies}}
  - {id: died, type: date, label: {vi: Ngày chết, en: Date of death}}
  - {id: born, type: date, label: {vi: Ngày sinh, en: Date of birth}}
  - {id: subjects, type: multichoice, label: {vi: Môn thi, en: Subjects}, options: [
      {value: math, label: {vi: Toán, en: Maths}}, {value: art, label: {vi: Vẽ, en: Art}}]}
  - {id: note, type: text, label: {vi: Ghi chú, en: Note}, required: false}
documents:
"""

CASES = [
    ('kind == "lost"', "Request kind: Lost", "Loại yêu cầu: Bị mất"),
    ('kind != "lost"', "Request kind: not Lost", "Loại yêu cầu: không phải Bị mất"),
    ('kind in ["lost", "worn", "new"]', "Request kind: Lost, Worn or New",
     "Loại yêu cầu: Bị mất, Bị hỏng hoặc Cấp mới"),
    ('kind not in ["lost", "worn"]', "Request kind: not Lost or Worn",
     "Loại yêu cầu: không phải Bị mất hoặc Bị hỏng"),
    ("poor", "Poor household: yes", "Hộ nghèo: có"),
    ("not poor", "Poor household: no", "Hộ nghèo: không"),
    ("poor == false", "Poor household: no", "Hộ nghèo: không"),
    ("copies > 0", "Extra copies: more than 0", "Số bản sao: hơn 0"),
    ("1 <= copies", "Extra copies: at least 1", "Số bản sao: từ 1 trở lên"),
    ("days_between(died, today()) > 15", "Date of death: more than 15 days ago",
     "Ngày chết: cách đây hơn 15 ngày"),
    ("age(born) >= 18", "Age from date of birth: at least 18",
     "Tuổi tính theo ngày sinh: từ 18 trở lên"),
    ('"art" in subjects', "Subjects: includes Art", "Môn thi: có Vẽ"),
    ('"art" not in subjects', "Subjects: does not include Art", "Môn thi: không có Vẽ"),
    ("answered(note)", "Note: answered", "Ghi chú: đã trả lời"),
    ('poor or kind == "lost" and copies > 1',
     "Poor household: yes or (Request kind: Lost and Extra copies: more than 1)",
     "Hộ nghèo: có hoặc (Loại yêu cầu: Bị mất và Số bản sao: hơn 1)"),
    ('not (poor and copies > 1)',
     "except when Poor household: yes and Extra copies: more than 1",
     "ngoài trường hợp Hộ nghèo: có và Số bản sao: hơn 1"),
    ('poor and today() >= date("2026-08-15") and today() <= date("2027-02-28")',
     "Poor household: yes and from 2026-08-15 and until 2027-02-28",
     "Hộ nghèo: có và từ ngày 2026-08-15 và đến hết ngày 2027-02-28"),
    # shapes it does not word: the questions read, never the source text
    ("copies * 2 > days_between(born, died)",
     "depending on: Extra copies, Date of death, Date of birth",
     "tùy theo: Số bản sao, Ngày chết, Ngày sinh"),
]


@pytest.fixture(scope="module")
def procedure(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root: Path = tmp_path_factory.mktemp("conditions")
    (root / "procgen.yaml").write_text("procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\n",
                                       "utf-8")
    docs = "".join(f"  - {{id: d{i}, title: {{vi: D, en: D}}, when: '{w}'}}\n"
                   for i, (w, _, _) in enumerate(CASES))
    (root / "c.yaml").write_text(PROCEDURE + docs, "utf-8")
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    assert not [d for d in sink if d.severity == "error"], [d.text("en") for d in sink]
    return portal.procedure("c")


@pytest.mark.parametrize(("index", "en", "vi"), [(i, en, vi) for i, (_, en, vi)
                                                  in enumerate(CASES)])
def test_a_condition_in_words(procedure, index: int, en: str, vi: str) -> None:  # type: ignore[no-untyped-def]
    when = procedure.documents[index].when
    assert condition(when, procedure, "en") == en
    assert condition(when, procedure, "vi") == vi


def test_every_condition_of_the_bundled_procedures_is_worded() -> None:
    """The 25 services' conditions all take a shape :func:`condition` words (a new shape
    would fall back to "depending on": this says which, so the wording can grow)."""
    root = Path(__file__).resolve().parents[2] / "procedures"
    portal = load_portal(root, DiagnosticSink())
    fallbacks = []
    for p in portal.procedures:
        whens = [d.when for d in p.documents] + [f.when for f in p.fees] + [
            e.when for f in p.fees for e in f.exemptions]
        for w in whens:
            if w is not None and condition(w, p, "en").startswith("depending on"):
                fallbacks.append(f"{p.id}: {w.source}")
    assert fallbacks == []
