"""The quality scorecard: Decision 766/QĐ-TTg indicators, citizen burden and parity computed
from the procedure files (``procgen score``, ``generated/score/``; docs/score.md).

Layering: reads the model (:mod:`procgen.model`), never a target; targets and commands read
it. :func:`scorecard` scores a set of procedures nationally or for one locality (its fee
amounts and their provenance); :mod:`procgen.score.indicators` says what each indicator is and
scores one procedure; :mod:`procgen.score.burden` counts what a procedure asks of a citizen.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from msgspec import Struct

from procgen.model.ir import Locality, Procedure
from procgen.score.burden import Burden
from procgen.score.indicators import INDICATORS, ProcedureScore, mean, score_procedure

__all__ = ["INDICATORS", "Burden", "ProcedureScore", "Scorecard", "as_of", "scorecard"]

FORMAT_VERSION = 1
"""``procgen_score`` in the JSON (schemas/score.schema.json)."""


class Scorecard(Struct, frozen=True, dict=True):  # a __dict__ for the cached values
    """The indicators of a set of procedures, nationally (``locality`` None) or in one
    locality."""

    on: str
    locality: str | None
    procedures: tuple[ProcedureScore, ...]

    @cached_property
    def values(self) -> tuple[dict[str, float | None], ...]:
        """Each procedure's values on :attr:`on`, worked out once."""
        return tuple(p.values(self.on) for p in self.procedures)

    @cached_property
    def scores(self) -> tuple[float, ...]:
        """Each procedure's score on :attr:`on`."""
        return tuple(mean([v for v in vs.values() if v is not None]) for vs in self.values)

    def indicator(self, iid: str) -> tuple[float, int]:
        """``(met, applies)``: the sum of the procedures' values and how many it applies to."""
        values = [v for vs in self.values if (v := vs.get(iid)) is not None]
        return sum(values), len(values)

    def value(self, iid: str) -> float | None:
        """The share, 0 to 1, over the procedures it applies to (None: none)."""
        met, applies = self.indicator(iid)
        return met / applies if applies else None

    @property
    def score(self) -> float:
        """The mean of the procedures' scores, out of 100."""
        if not self.procedures:
            return 0.0
        return round(sum(self.scores) / len(self.scores), 1)

    def facts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.procedures:
            for level, n in p.facts.items():
                out[level] = out.get(level, 0) + n
        return out

    def burden(self) -> dict[str, float]:
        """Each burden count summed over the procedures, and the mean estimated time."""
        if not self.procedures:
            return {}
        rows = [p.burden.as_json() for p in self.procedures]
        out: dict[str, float] = {k: sum(r[k] for r in rows) for k in rows[0] if k != "minutes"}
        out["mean_minutes"] = round(sum(r["minutes"] for r in rows) / len(rows), 1)
        return out

    def as_json(self) -> dict[str, Any]:
        """The scorecard as schemas/score.schema.json describes it (values rounded to 4
        decimals, so every machine writes the same bytes)."""
        return {
            "locality": self.locality,
            "on": self.on,
            "score": self.score,
            "indicators": [_indicator_json(self, i.id) for i in INDICATORS],
            "burden": self.burden(),
            "facts": self.facts(),
            "procedures": [_procedure_json(p, vs, s) for p, vs, s
                           in zip(self.procedures, self.values, self.scores, strict=True)],
        }


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _indicator_json(card: Scorecard, iid: str) -> dict[str, Any]:
    ind = next(i for i in INDICATORS if i.id == iid)
    out: dict[str, Any] = {"id": iid, "ref": ind.ref, "kind": ind.kind}
    if ind.kind == "live":
        out["events"] = list(ind.events)
        return out
    met, applies = card.indicator(iid)
    out |= {"value": _ratio(card.value(iid)), "met": round(met, 4), "applies": applies}
    return out


def _procedure_json(p: ProcedureScore, values: dict[str, float | None],
                    score: float) -> dict[str, Any]:
    return {"id": p.id, "revision": p.revision, "score": score,
            "values": {k: _ratio(v) for k, v in values.items()},
            "reasons": list(p.reasons), "missing_parts": list(p.missing_parts),
            "facts": p.facts, "burden": p.burden.as_json()}


def as_of(procedures: tuple[Procedure, ...] | tuple[ProcedureScore, ...]) -> str:
    """The day the built report (``generated/score/``) is worked out for: the latest
    ``effective_from`` of the procedures (the catalogue once every revision is in force), so
    a build writes the same report on every machine and day."""
    days = [p.effective_from for p in procedures if p.effective_from]
    return max(days) if days else "1970-01-01"


def scorecard(procedures: tuple[Procedure, ...], on: str,
              locality: Locality | None = None) -> Scorecard:
    """Score ``procedures`` (in the order given) on day ``on``, in ``locality`` if given."""
    return Scorecard(on, locality.id if locality else None,
                     tuple(score_procedure(p, locality) for p in procedures))
