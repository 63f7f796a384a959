"""The scorecard's indicators: what each measures, its formula and the legal text it comes from
(docs/score.md), and their values for one procedure.

An indicator is *computed* from the procedure files, or *live*: it needs what a portal records
as applications come in (``events`` names the fields to record). Procedure-level values are
facts of the model read once: full-process is
:attr:`~procgen.model.ir.Procedure.online_obstacles`, payment is
:attr:`~procgen.model.ir.Fee.unpayable_online`, provenance is
:func:`procgen.model.provenance.facts`.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

from procgen.model.ir import LEVELS, Locality, Procedure
from procgen.model.provenance import facts
from procgen.score.burden import Burden, burden


class Indicator(Struct, frozen=True):
    id: str
    """Its key in the JSON and in the wording catalogue (``score_<id>_name`` …)."""
    ref: str
    """Where it comes from: the Decision 766/QĐ-TTg indicator (``766: 3.1``) or group
    (``766: 2``), or another text (docs/score.md says how far each number is checked)."""
    kind: Literal["computed", "live"] = "computed"
    events: tuple[str, ...] = ()
    """For a live indicator: the event fields a portal must record to compute it."""


INDICATORS: tuple[Indicator, ...] = (
    Indicator("online", "766/QĐ-TTg: 3.1"),
    Indicator("full_process", "766/QĐ-TTg: 3.1; Nghị định 42/2022/NĐ-CP, điều 11"),
    Indicator("payable_online", "766/QĐ-TTg: 3.5"),
    Indicator("electronic_result", "766/QĐ-TTg: 4.1"),
    Indicator("data_reuse", "766/QĐ-TTg: 4.3, 4.5; Chỉ thị 24/CT-TTg"),
    Indicator("completeness", "766/QĐ-TTg: 1.3; Nghị định 63/2010/NĐ-CP, điều 8"),
    Indicator("fee_parity", "2023-06-05 meeting"),
    Indicator("time_parity", "2023-06-05 meeting"),
    Indicator("sourced", "procgen"),
    Indicator("publication_lead", "766/QĐ-TTg: 1.1", "live",
              ("procedure_id", "revision", "published_at", "effective_from")),
    Indicator("submitted_online", "766/QĐ-TTg: 3", "live",
              ("application_id", "procedure_id", "channel", "submitted_at")),
    Indicator("paid_online", "766/QĐ-TTg: 3", "live",
              ("application_id", "fee_id", "amount", "paid_through", "paid_at")),
    Indicator("settled_on_time", "766/QĐ-TTg: 2", "live",
              ("application_id", "submitted_at", "due_on", "settled_at")),
    Indicator("satisfaction", "766/QĐ-TTg: 5", "live",
              ("application_id", "rating", "rated_at")),
)
"""Every indicator, computed ones first, in report order."""

COMPUTED: tuple[str, ...] = tuple(i.id for i in INDICATORS if i.kind == "computed")

PARTS: tuple[str, ...] = ("code", "steps", "documents", "forms", "audience", "agency",
                          "outputs", "legal_basis")
"""What Decree 63/2010 art. 8 requires a published procedure to state that a file may leave
out (its name, channels and processing times the schema already requires): the national
code, the steps, the dossier, its forms, who may apply, the agency, the result, the legal
basis. The fees are left out of the check: a free procedure lists none."""


class FeeLine(Struct, frozen=True):
    """One fee with a fixed amount as the parity check reads it: charged on ``channel``
    (``online`` or ``in_person``), in force from ``valid_from`` to ``valid_until``."""

    channel: str
    amount: int
    valid_from: str | None = None
    valid_until: str | None = None

    def in_force(self, on: str) -> bool:
        return not ((self.valid_from and on < self.valid_from)
                    or (self.valid_until and on > self.valid_until))


class ProcedureScore(Struct, frozen=True):
    """One procedure's indicators and burden. Plain data (the build caches it as the score
    target's part); only the fee parity depends on the day, so it is kept as the fee lines
    it is read from and worked out by :meth:`values` for the day asked."""

    id: str
    revision: int
    fixed: dict[str, float | None]
    """Indicator id → its value, 0 to 1 (1 when met), None when it does not apply (a free
    procedure for ``payable_online``): every computed indicator but ``fee_parity``."""
    reasons: tuple[str, ...]
    """Why it is not full-process: ``no_online_channel``, ``steps``, ``documents``,
    ``fees``, ``result``."""
    missing_parts: tuple[str, ...]
    """The :data:`PARTS` the file does not state."""
    facts: dict[str, int]
    """Facts by provenance level (``sourced``, ``weak``, ``inferred``, ``placeholder``,
    ``unsourced``), the locality's amounts for it included."""
    burden: Burden
    fee_lines: tuple[FeeLine, ...] = ()
    """The fixed amounts charged online and in person (None of them: no parity to check);
    empty when the procedure lacks one of the two channels."""
    effective_from: str | None = None

    def values(self, on: str) -> dict[str, float | None]:
        """Every computed indicator's value on day ``on``, in :data:`COMPUTED` order."""
        out = dict(self.fixed)
        out["fee_parity"] = fee_parity(self.fee_lines, on)
        return {k: out[k] for k in COMPUTED}

    def score(self, on: str) -> float:
        """The mean of the values that apply, out of 100, to one decimal."""
        return mean([v for v in self.values(on).values() if v is not None])


def fee_parity(lines: tuple[FeeLine, ...], on: str) -> float | None:
    """1 when the most charged online on day ``on`` is no more than the most charged in
    person, 0 when it is more, None when neither channel charges a fixed amount then."""
    live = [x for x in lines if x.in_force(on)]
    if not live:
        return None
    online = sum(x.amount for x in live if x.channel == "online")
    desk = sum(x.amount for x in live if x.channel == "in_person")
    return float(online <= desk)


def mean(values: list[float]) -> float:
    return round(100 * sum(values) / len(values), 1) if values else 0.0


def _fee_lines(procedure: Procedure, locality: Locality | None) -> tuple[FeeLine, ...]:
    """Every fee charged online or in person at a fixed amount, whatever its conditions and
    exemptions: the most a citizen can be charged there. A fee whose amount is an expression,
    or a locality's fee without an amount, is left out."""
    out = []
    for f in procedure.fees:
        if f.set_by_locality:
            local = locality.fee(procedure.id, f.id) if locality else None
            amount = local.amount if local else None
        else:
            amount = f.amount if isinstance(f.amount, int) else None
        if amount is None:
            continue
        out += [FeeLine(c, amount, f.valid_from, f.valid_until)
                for c in ("online", "in_person") if c in f.channels]
    return tuple(out)


def _parts(p: Procedure) -> tuple[str, ...]:
    stated = {
        "code": p.code is not None,
        "steps": bool(p.steps),
        "documents": bool(p.documents),
        "forms": any(d.template or d.generated_from_form for d in p.documents),
        "audience": bool(p.audience),
        "agency": p.agency is not None,
        "outputs": bool(p.outputs),
        "legal_basis": bool(p.legal_basis),
    }
    return tuple(k for k in PARTS if not stated[k])


def score_procedure(p: Procedure, locality: Locality | None = None) -> ProcedureScore:
    """The indicators of ``p``, with ``locality``'s amounts."""
    obstacles = p.online_obstacles
    reasons: tuple[str, ...] = ()
    if obstacles is not None:
        reasons = tuple(k for k, v in (("no_online_channel", obstacles.no_online_channel),
                                       ("steps", obstacles.steps),
                                       ("documents", obstacles.documents),
                                       ("fees", obstacles.fees),
                                       ("result", obstacles.result_in_person)) if v)
    online = "online" in p.channel_names
    fee_bearing = any(f.set_by_locality or f.amount != 0 for f in p.fees)
    payable = online and not any(f.unpayable_online for f in p.fees)
    online_ch = p.channel("online")
    electronic = any(o.electronic for o in p.outputs) or (
        online_ch is not None and "electronic" in online_ch.results)
    b = burden(p)
    wanted = [d for d in p.documents if d.required is not False and not d.generated_from_form]
    held = sum(1 for d in wanted if d.held_by_state)
    asked = b.typed_fields + b.prefilled_fields + len(wanted)
    missing = _parts(p)
    desk = p.channel("in_person")
    time_parity: float | None = None
    lines: tuple[FeeLine, ...] = ()
    if online_ch is not None and desk is not None:
        time_parity = float(online_ch.processing_time.hours <= desk.processing_time.hours)
        lines = _fee_lines(p, locality)
    levels = dict.fromkeys(LEVELS, 0)
    for *_, prov in facts(p):
        levels[prov.level] += 1
    if locality is not None:
        for pid, _, amount in locality.fees:
            if pid == p.id:
                levels[amount.provenance.level] += 1
    total = sum(levels.values())
    values: dict[str, float | None] = {
        "online": float(online),
        "full_process": float(obstacles is None),
        "payable_online": float(payable) if fee_bearing else None,
        "electronic_result": float(electronic),
        "data_reuse": (b.prefilled_fields + held) / asked if asked else None,
        "completeness": 1 - len(missing) / len(PARTS),
        "time_parity": time_parity,
        "sourced": levels["sourced"] / total if total else None,
    }
    return ProcedureScore(p.id, p.revision, values, reasons, missing, levels, b, lines,
                          p.effective_from)
