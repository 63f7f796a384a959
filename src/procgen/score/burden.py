"""Citizen burden: what one procedure asks of a citizen, and how long it takes (docs/score.md).

Counted from the model, never re-derived: the fields a citizen types are
:attr:`~procgen.model.ir.Procedure.asked_fields` (a group's entry fields once) without those
the portal prefills; uploads are the documents the form asks as files
(:attr:`~procgen.model.ir.Document.uploadable`); paper is every document that may be required
and is not accepted electronically; visits come from
:attr:`~procgen.model.ir.Procedure.online_obstacles`; pages are
:attr:`~procgen.model.ir.Procedure.pages`.

The time model is procgen's own, with its assumptions stated (docs/score.md "Estimated time"):
seconds to answer one question of each kind, to attach one file, to read one page, and
minutes for one visit in person. Every count only adds time, so a required upload or a visit
can only raise the estimate.
"""

from __future__ import annotations

from msgspec import Struct

from procgen.model.facts import FieldKind
from procgen.model.ir import Field, Procedure

SECONDS: dict[FieldKind, int] = {
    FieldKind.TEXT: 25,
    FieldKind.TEXTAREA: 90,
    FieldKind.ADDRESS: 40,
    FieldKind.EMAIL: 15,
    FieldKind.PHONE: 12,
    FieldKind.NATIONAL_ID: 15,
    FieldKind.INTEGER: 6,
    FieldKind.MONEY: 10,
    FieldKind.NUMBER: 8,
    FieldKind.DATE: 10,
    FieldKind.BOOLEAN: 4,
    FieldKind.CHOICE: 8,
    FieldKind.MULTICHOICE: 12,
    FieldKind.GROUP: 5,
}
"""Seconds to answer one question of each kind on a phone (a group: to add one entry; its
fields count on their own). Assumptions, stated in docs/score.md; a test checks every kind
has one."""

UPLOAD_SECONDS = 120
"""To find or photograph one paper and attach it."""
PAGE_SECONDS = 15
"""To read one page of the form and go on."""
VISIT_MINUTES = 90
"""One visit in person: travel to the one-stop desk, the queue, the way back."""


class Burden(Struct, frozen=True):
    """What one procedure asks of a citizen who uses its best channel (online when offered)."""

    typed_fields: int
    """Questions the citizen answers (prefilled ones excluded; conditional ones included)."""
    prefilled_fields: int
    uploads: int
    """Files the form may ask for (optional ones excluded)."""
    paper_originals: int
    paper_copies: int
    """Originals and copies of the documents that may be required and are not accepted
    electronically."""
    visits: int
    pages: int
    minutes: float
    """Estimated time to complete, rounded to a tenth of a minute."""

    def as_json(self) -> dict[str, int | float]:
        return {"typed_fields": self.typed_fields, "prefilled_fields": self.prefilled_fields,
                "uploads": self.uploads, "paper_originals": self.paper_originals,
                "paper_copies": self.paper_copies, "visits": self.visits,
                "pages": self.pages, "minutes": self.minutes}


def _leaves(fields: tuple[Field, ...]) -> list[Field]:
    """Each question once: a group and then its entry's fields."""
    out: list[Field] = []
    for f in fields:
        out.append(f)
        out += _leaves(f.children)
    return out


def visits(procedure: Procedure) -> int:
    """Visits in person on the best channel: one to file when nothing is online; online, one
    per step that needs presence, one to present originals when no such step is there to do
    it, one to collect a result handed over only at the desk."""
    obstacles = procedure.online_obstacles
    if obstacles is None:
        return 0
    if obstacles.no_online_channel:
        return 1 + sum(1 for s in procedure.steps if s.presence == "required")
    shown = any(d.present_only for d in obstacles.documents)
    return (len(obstacles.steps) + (1 if shown and not obstacles.steps else 0)
            + (1 if obstacles.result_in_person else 0))


def burden(procedure: Procedure) -> Burden:
    """The burden of ``procedure`` (see the module docstring)."""
    questions = _leaves(procedure.asked_fields)
    typed = [f for f in questions if f.prefill is None]
    wanted = [d for d in procedure.documents if d.required is not False]
    uploads = [d for d in procedure.uploadable_documents if d.required is not False]
    paper = [d for d in wanted if not d.electronic]
    pages = len(procedure.pages)
    n_visits = visits(procedure)
    seconds = (sum(SECONDS[f.kind] for f in typed) + UPLOAD_SECONDS * len(uploads)
               + PAGE_SECONDS * pages)
    minutes = round(seconds / 60 + VISIT_MINUTES * n_visits, 1)
    return Burden(
        typed_fields=len(typed),
        prefilled_fields=len(questions) - len(typed),
        uploads=len(uploads),
        paper_originals=sum(d.originals for d in paper),
        paper_copies=sum(d.copies for d in paper),
        visits=n_visits,
        pages=pages,
        minutes=minutes,
    )
