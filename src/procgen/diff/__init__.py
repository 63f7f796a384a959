"""Semantic diff for reviewers: what a change to the procedures means for API clients and citizens.

Three layers (STYLE.md point 14): :mod:`procgen.diff.structural` matches two built portals by
ids and records Added / Removed / Modified deltas; :mod:`procgen.diff.rules` classifies each
delta with one registered rule (``breaking``, ``burden+``, ``burden-``, ``editorial``) and
words it in Vietnamese or English; :mod:`procgen.diff.render` prints text, markdown, JSON or
SARIF.

>>> from pathlib import Path
>>> from procgen.diagnostics import DiagnosticSink
>>> from procgen.model import load_portal
>>> portal = load_portal(Path("tests/fixtures/kitchen-sink"), DiagnosticSink())
>>> compare(portal, portal).changes
()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.diff import catalogue as _catalogue  # noqa: F401  (registers the rules)
from procgen.diff import wording
from procgen.diff.rules import Change, classify
from procgen.diff.structural import diff_portals
from procgen.score import as_of
from procgen.score.burden import Burden
from procgen.score.indicators import score_procedure
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.model.ir import Portal, Procedure

__all__ = ["Change", "DiffResult", "Facts", "RevisionWarning", "compare", "fails"]

NOT_SUBSTANTIVE = {"procedure-revision"}


class RevisionWarning(Struct, frozen=True):
    """A procedure changed substantively while its ``revision`` stayed the same (or went down)."""

    procedure: str
    message: str
    span: Span | None
    code: str = "revision-not-bumped"

    def as_json(self) -> dict[str, Any]:
        return {"procedure": self.procedure, "code": self.code, "message": self.message}


class Facts(Struct, frozen=True):
    """What a reviewer wants at a glance about one side of one procedure."""

    fee: str
    documents: str
    time: str
    fully_online: str


class Scored(Struct, frozen=True):
    """One side's scorecard figures (:mod:`procgen.score`), on the day both sides are read."""

    score: float
    burden: Burden


class Summary(Struct, frozen=True):
    procedure: str
    title: str
    before: Facts | None
    after: Facts | None
    classes: tuple[str, ...]
    span: Span | None = None
    """Where the procedure is in the revision (None when it was removed)."""
    scored_before: Scored | None = None
    scored_after: Scored | None = None

    @property
    def score_drop(self) -> bool:
        """The revision scores lower than the base (``--fail-on score``)."""
        b, a = self.scored_before, self.scored_after
        return b is not None and a is not None and a.score < b.score


class DiffResult(Struct, frozen=True):
    changes: tuple[Change, ...]
    warnings: tuple[RevisionWarning, ...]
    summaries: tuple[Summary, ...]
    lang: str

    def as_json(self) -> dict[str, Any]:
        return {
            "changes": [c.as_json() for c in self.changes],
            "warnings": [w.as_json() for w in self.warnings],
            "summary": {
                s.procedure: {
                    "classes": list(s.classes),
                    "before": None if s.before is None else _facts_json(s.before),
                    "after": None if s.after is None else _facts_json(s.after),
                    "score": {"before": _scored_json(s.scored_before),
                              "after": _scored_json(s.scored_after)},
                }
                for s in self.summaries
            },
        }


def _scored_json(s: Scored | None) -> dict[str, Any] | None:
    return None if s is None else {"score": s.score, "burden": s.burden.as_json()}


def _facts_json(f: Facts) -> dict[str, str]:
    return {"fee": f.fee, "documents": f.documents, "time": f.time,
            "fully_online": f.fully_online}


def compare(base: Portal, revision: Portal, lang: str = "vi") -> DiffResult:
    """Classify every difference between two built portals.

    Args:
        base: the portal before the change.
        revision: the portal after it.
        lang: ``vi`` or ``en``, the reviewer's language for messages and the summary.

    Returns:
        The classified changes (ordered by procedure, then as the structural diff found them),
        revision warnings, and one summary per changed procedure.
    """
    changes = tuple(classify(d, lang) for d in diff_portals(base, revision))
    bmap: dict[str, Procedure] = {p.id: p for p in base.procedures}
    rmap: dict[str, Procedure] = {p.id: p for p in revision.procedures}
    warnings: list[RevisionWarning] = []
    summaries: list[Summary] = []
    for pid in dict.fromkeys(c.procedure for c in changes):
        mine = [c for c in changes if c.procedure == pid]
        b, r = bmap.get(pid), rmap.get(pid)
        classes = tuple(k for k in ("breaking", "burden+", "burden-", "editorial")
                        if any(k in c.classes for c in mine))
        either = r or b
        title = wording.pick(dict(either.title.values), lang) if either else pid
        day = as_of(tuple(x for x in (b, r) if x is not None))
        summaries.append(Summary(pid, title, None if b is None else facts(b, lang),
                                 None if r is None else facts(r, lang), classes,
                                 None if r is None else r.span,
                                 _scored(b, day), _scored(r, day)))
        substantive = [c for c in mine
                       if c.rule not in NOT_SUBSTANTIVE and c.classes != ("editorial",)]
        if b is not None and r is not None and substantive and r.revision <= b.revision:
            n = len(substantive)
            said = say("diff_revision_not_bumped_one" if n == 1 else "diff_revision_not_bumped",
                       lang, procedure=pid, n=n, revision=r.revision, next=b.revision + 1)
            warnings.append(RevisionWarning(pid, said, r.span))
    return DiffResult(changes, tuple(warnings), tuple(summaries), lang)


def _scored(p: Procedure | None, day: str) -> Scored | None:
    if p is None:
        return None
    s = score_procedure(p)
    return Scored(s.score(day), s.burden)


def fails(result: DiffResult, fail_on: str | None) -> bool:
    """``--fail-on``: by class only (never by message). ``burden`` means more burden;
    ``score``, a procedure whose scorecard score went down."""
    if fail_on is None:
        return False
    if fail_on == "score":
        return any(s.score_drop for s in result.summaries)
    wanted = {"breaking": {"breaking"}, "burden": {"burden+"}}.get(fail_on)
    if wanted is None:  # any
        return bool(result.changes)
    return any(wanted & set(c.classes) for c in result.changes)


def facts(p: Procedure, lang: str) -> Facts:
    """Fee per channel, documents, processing time per channel and fully-online, in words."""
    fees = []
    for ch in p.channel_names:
        fixed = 0
        varies = False
        for f in p.fees:
            if ch not in f.channels:
                continue
            if isinstance(f.amount, int) and not isinstance(f.amount, bool) and f.when is None:
                fixed += f.amount
            else:
                varies = True
        amount = wording.money(fixed, lang) if fixed else (
            "" if varies else wording.word("free", lang)
        )
        if varies:
            extra = say("diff_fee_varies", lang)
            amount = f"{amount} + {extra}" if amount else extra
        fees.append(f"{wording.channel(ch, lang)}: {amount}")
    required = sum(1 for d in p.documents if d.required is not False)
    docs = say("diff_documents_required", lang, required=required, total=len(p.documents))
    times = "; ".join(
        f"{wording.channel(c.name, lang)}: "
        f"{wording.duration(c.processing_time.as_dict(), lang)}" for c in p.channels
    )
    return Facts("; ".join(fees), docs, times, wording.word("yes" if p.fully_online else "no",
                                                             lang))
