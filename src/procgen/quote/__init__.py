"""Quote: fees and processing time for given answers, as ``procgen quote`` prints them.

Rules (DSL.md, CLI.md): a fee applies when the channel is one of its ``channels``, the day lies
in its ``valid`` window and its ``when`` holds on the effective answers; an applicable fee with
an exemption that holds is listed as exempt and counts 0; an amount expression that has no
value means the fee is not charged (left out); a ``set_by: locality`` fee takes the
locality's amount, or is listed with ``amount: null`` and not counted when no locality is
given — the total is then ``null`` (``complete: false``, the known part in ``known_total``),
never a misleading 0. A locality's placeholder amount is counted but marked
(``"placeholder": true`` on the fee, ``"provisional": true`` on the quote): it is not yet
confirmed by the province. Amounts are whole VND: a fractional result is rounded half up.

A partial quote (``procgen quote --partial``) is worked out from the answers given so far. A
required answer that is missing is not an error then: it is listed in ``still_needed`` (what
the application will still need). A fee whose ``when``, ``amount`` or an exemption reads a
missing required answer cannot be decided: it is listed with ``amount: null`` and the answers
it ``needs``, so the total is ``null`` (``complete: false``, the known part in
``known_total``) — the same rule as a locality's unknown amount, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from procgen.diagnostics import DiagnosticSink
from procgen.model.ir import Fee, Locality, Procedure, Source
from procgen.quote.answers import AnswerChecker, Answers, Locate, national_id_problem

__all__ = ["Needed", "Quote", "QuotedFee", "check_answers", "check_draft",
           "national_id_problem", "quote"]


class QuotedFee(Struct, frozen=True):
    id: str
    amount: int | None
    exempt: bool
    placeholder: bool = False
    """A locality's amount that is not yet confirmed by its own act."""
    source: Source | None = None
    confidence: str = "sourced"
    """How sure its amount is (:attr:`Provenance.level` of the fee, or of the locality's
    amount): anything but ``sourced`` is marked wherever the quote is printed."""
    needs: tuple[str, ...] = ()
    """Missing answers that decide this fee (a partial quote): its amount is not known."""


class Needed(Struct, frozen=True):
    """A required answer a partial quote was given without."""

    field: str
    label: str


class Quote(Struct, frozen=True):
    procedure: str
    revision: int
    channel: str
    on: str
    fees: tuple[QuotedFee, ...]
    processing_time: dict[str, int | float]
    fully_online: bool
    locality: str | None = None
    time_confidence: str = "sourced"
    """How sure the channel's processing time is (its :attr:`Provenance.level`)."""
    still_needed: tuple[Needed, ...] | None = None
    """A partial quote's missing required answers (None: not a partial quote)."""

    @property
    def known_total(self) -> int:
        """The sum of the amounts that are known (exempt fees count 0)."""
        return sum(f.amount for f in self.fees if f.amount is not None and not f.exempt)

    @property
    def complete(self) -> bool:
        """Every charged fee has an amount (no locality-set fee is left without one)."""
        return all(f.amount is not None or f.exempt for f in self.fees)

    @property
    def provisional(self) -> bool:
        """Some counted amount is a locality's placeholder."""
        return any(f.placeholder and not f.exempt for f in self.fees)

    @property
    def total(self) -> int | None:
        """The total, or None when an amount is unknown (say the locality)."""
        return self.known_total if self.complete else None

    def as_json(self) -> dict[str, Any]:
        """The object of CLI.md, keys in its order (``locality`` added when given)."""
        out: dict[str, Any] = {
            "procedure": self.procedure,
            "revision": self.revision,
            "channel": self.channel,
            "on": self.on,
        }
        if self.locality is not None:
            out["locality"] = self.locality
        out["fees"] = [_fee_json(f) for f in self.fees]
        out["total"] = self.total
        if not self.complete:
            out["known_total"] = self.known_total
        out["complete"] = self.complete
        if self.provisional:
            out["provisional"] = True
        out["currency"] = "VND"
        out["processing_time"] = self.processing_time
        if self.time_confidence != "sourced":
            out["processing_time_confidence"] = self.time_confidence
        out["fully_online"] = self.fully_online
        if self.still_needed is not None:
            out["still_needed"] = [{"field": n.field, "label": n.label}
                                   for n in self.still_needed]
        return out


def _fee_json(f: QuotedFee) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "amount": f.amount, "exempt": f.exempt}
    if f.placeholder:
        out["placeholder"] = True
    if f.source is not None:
        out["source"] = f.source.as_dict()
    if f.confidence != "sourced" and not f.placeholder:  # a placeholder already says so
        out["confidence"] = f.confidence
    if f.needs:
        out["needs"] = list(f.needs)
    return out


def check_answers(
    procedure: Procedure,
    raw: Mapping[str, Any],
    *,
    today: str,
    lang: str,
    locate: Locate,
    sink: DiagnosticSink,
) -> Answers:
    """The effective answers; every broken rule is reported into ``sink`` (PG6xx)."""
    return AnswerChecker(procedure, today, lang, locate, sink).check(raw)


def check_draft(
    procedure: Procedure,
    raw: Mapping[str, Any],
    *,
    lang: str,
    locate: Locate,
    sink: DiagnosticSink,
) -> None:
    """Report into ``sink`` what a draft of ``procedure`` may not hold (PG601–PG603, PG606):
    :meth:`AnswerChecker.fit`, which evaluates no expression (hence no ``today``)."""
    AnswerChecker(procedure, "", lang, locate, sink).fit(raw)


def quote(
    procedure: Procedure,
    answers: Answers,
    *,
    channel: str,
    on: str,
    locality: Locality | None = None,
    still_needed: tuple[Needed, ...] | None = None,
) -> Quote:
    """Work out the fees and processing time of ``procedure`` for checked answers.

    ``still_needed``: for a partial quote, the required answers missing; a fee that reads
    one of them is not worked out (``amount: null``, its ``needs`` named).
    """
    missing = frozenset(n.field for n in still_needed or ())
    ch = procedure.channel(channel)
    if ch is None:
        raise ValueError(f"channel '{channel}' is not offered by '{procedure.id}'")
    fees = tuple(
        q
        for fee in procedure.fees
        if (q := _quote_fee(fee, answers.values, channel, on, locality, procedure.id, missing))
    )
    return Quote(
        procedure.id,
        procedure.revision,
        channel,
        on,
        fees,
        ch.time_for(answers.values, on).as_dict(),
        procedure.fully_online,
        locality.id if locality else None,
        still_needed=still_needed,
        time_confidence=ch.time_provenance.level,
    )


def _quote_fee(
    fee: Fee, values: Mapping[str, Any], channel: str, on: str, locality: Locality | None, pid: str,
    missing: frozenset[str] = frozenset(),
) -> QuotedFee | None:
    from procgen.expr import NO_VALUE, evaluate, holds
    from procgen.expr.compile.python import round_half_up

    if channel not in fee.channels:
        return None
    if (fee.valid_from and on < fee.valid_from) or (fee.valid_until and on > fee.valid_until):
        return None
    needs = fee.reads & missing
    known = fee.provenance
    if needs:
        return QuotedFee(fee.id, None, False, needs=tuple(sorted(needs)),
                         confidence=known.level)
    if fee.when is not None and not holds(fee.when, values, today=on):
        return None
    exempt = any(e.holds_on(channel) and holds(e.when, values, today=on)
                 for e in fee.exemptions)
    amount: int | None
    if fee.set_by_locality:
        local = locality.fee(pid, fee.id) if locality else None
        if local is None:
            return QuotedFee(fee.id, 0 if exempt else None, exempt, confidence=known.level)
        if exempt:  # 0 whatever the locality's amount, placeholder or not
            return QuotedFee(fee.id, 0, exempt, source=known.source, confidence=known.level)
        return QuotedFee(fee.id, local.amount, exempt, local.placeholder, local.source,
                         local.provenance.level)
    if isinstance(fee.amount, int):
        amount = fee.amount
    else:
        assert fee.amount is not None
        value = evaluate(fee.amount, values, today=on)
        if value is NO_VALUE:
            return None
        amount = round_half_up(value) if isinstance(value, float) else int(value)
    if exempt:
        amount = 0
    return QuotedFee(fee.id, amount, exempt, source=known.source, confidence=known.level)
