"""Issue 15: a field's messages are the field's — every answer problem a validator can report
has a ready text for that field, the author's ``messages`` win, and the page, the app and the
runtime's per-field table say the same thing for the same check.

Runs over every field of the bundled procedures and the kitchen sink, with answers near each
check's boundary, judged by the model's reference (:func:`procgen.model.answer.problems`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from procgen import wording
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.model.answer import problems
from procgen.model.ir import Field

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = (ROOT / "procedures", ROOT / "tests" / "fixtures" / "kitchen-sink")

COMPONENT_KEY = {
    "err_required": "required", "err_required_choice": "required", "err_integer": "format",
    "err_number": "format", "err_date": "format", "err_email": "format", "err_phone": "format",
    "err_national_id": "format", "err_pattern": "pattern", "err_min": "min",
    "err_date_min": "min", "err_max": "max", "err_date_max": "max",
    "err_min_length": "min_length", "err_max_length": "max_length",
    "err_min_items": "min_items", "err_max_items": "max_items",
    "err_min_entries": "min_items", "err_max_entries": "max_items",
}
"""A problem's key → the key of the same message on the page and in the app."""


def fields() -> Iterator[Field]:
    for root in PROJECTS:
        portal = load_portal(root, DiagnosticSink())
        for p in portal.procedures:
            for top in p.fields:
                yield from top.walk()


FIELDS = list(fields())


def near_boundaries(f: Field) -> list[Any]:
    """Answers a little wrong in every way the field can be wrong."""
    values: list[Any] = ["x", "", "12", "2999-02-30", -10**9, 10**9, 0.5, True, [], [{}],
                         ["x", "x"], [o.value for o in f.options] * 2]
    for n in (f.min_length, f.max_length):
        if n is not None:
            values += ["a" * max(n - 1, 0), "a" * (n + 1)]
            values += [[o.value for o in f.options][: max(n - 1, 0)]]
    for bound in (f.min, f.max):
        if isinstance(bound, int | float):
            values += [bound - 1, bound + 1]
        elif bound is not None:
            values += ["0001-01-01", "9999-12-31"]
    values += [[{}] * (f.repeat.min - 1 if f.repeat.min else 0),
               [{}] * ((f.repeat.max or 0) + 1)]
    return values


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_has_the_fields_own_message(lang: str) -> None:
    seen = set()
    for f in FIELDS:
        table = wording.problem_messages(f, lang)
        for v in near_boundaries(f):
            for p in problems(f, v):
                if p.key == "err_type" and str(f.kind) in ("boolean", "group"):
                    continue
                assert p.key in table, (f.id, f.kind, v, p.key)
                assert "{" not in table[p.key], (f.id, p.key, table[p.key])
                seen.add(p.key)
    assert {"err_phone", "err_national_id", "err_min_length", "err_max_entries"} <= seen


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_runtime_table_and_the_page_say_the_same(lang: str) -> None:
    for f in FIELDS:
        runtime = wording.problem_messages(f, lang)
        page = wording.field_messages(f, lang)
        for key, text in runtime.items():
            shown = COMPONENT_KEY.get(key)
            if shown in page and not (shown == "required" and str(f.kind) == "group"):
                assert page[shown] == text, (f.id, key)


def test_the_authors_messages_win() -> None:
    purpose = next(f for f in FIELDS if f.id == "purpose" and f.messages)
    assert wording.field_messages(purpose, "en")["required"] == "Enter your purpose"
    assert wording.problem_messages(purpose, "vi")["err_min_length"] == (
        "Mục đích cần ít nhất 10 ký tự")
    # a message the author did not word is procgen's, naming the field
    assert wording.problem_messages(purpose, "en")["err_max_length"] == (
        "Purpose must be 500 characters or fewer")


def test_a_group_is_added_to_by_its_entry_label() -> None:
    children = next(f for f in FIELDS if f.id == "children" and f.entry_label)
    assert wording.add_entry(children, "vi") == "Thêm con"
    assert wording.add_entry(children, "en") == "Add a child"
    assert wording.entry_name(children, "en") == "child"
