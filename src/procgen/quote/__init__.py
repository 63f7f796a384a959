"""Quote: fees and processing time for given answers, as ``procgen quote`` prints them.

Rules (DSL.md, CLI.md): a fee applies when the channel is one of its ``channels``, the day lies
in its ``valid`` window and its ``when`` holds on the effective answers; an applicable fee with
an exemption that holds is listed as exempt and counts 0; an amount expression that has no
value means the fee is not charged (left out); a ``set_by: locality`` fee takes the
locality's amount, or is listed with ``amount: null`` and not counted when no locality is
given. Amounts are whole VND: a fractional result is rounded half up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from procgen.diagnostics import DiagnosticSink
from procgen.model.ir import Fee, Locality, Procedure
from procgen.quote.answers import AnswerChecker, Answers, Locate, national_id_problem

__all__ = ["Quote", "QuotedFee", "check_answers", "national_id_problem", "quote"]


class QuotedFee(Struct, frozen=True):
    id: str
    amount: int | None
    exempt: bool


class Quote(Struct, frozen=True):
    procedure: str
    revision: int
    channel: str
    on: str
    fees: tuple[QuotedFee, ...]
    processing_time: dict[str, int | float]
    fully_online: bool
    locality: str | None = None

    @property
    def total(self) -> int:
        return sum(f.amount for f in self.fees if f.amount is not None and not f.exempt)

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
        out["fees"] = [{"id": f.id, "amount": f.amount, "exempt": f.exempt} for f in self.fees]
        out["total"] = self.total
        out["currency"] = "VND"
        out["processing_time"] = self.processing_time
        out["fully_online"] = self.fully_online
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


def quote(
    procedure: Procedure,
    answers: Answers,
    *,
    channel: str,
    on: str,
    locality: Locality | None = None,
) -> Quote:
    """Work out the fees and processing time of ``procedure`` for checked answers."""
    ch = procedure.channel(channel)
    if ch is None:
        raise ValueError(f"channel '{channel}' is not offered by '{procedure.id}'")
    fees = tuple(
        q
        for fee in procedure.fees
        if (q := _quote_fee(fee, answers.values, channel, on, locality, procedure.id))
    )
    return Quote(
        procedure.id,
        procedure.revision,
        channel,
        on,
        fees,
        ch.processing_time.as_dict(),
        procedure.fully_online,
        locality.id if locality else None,
    )


def _quote_fee(
    fee: Fee, values: Mapping[str, Any], channel: str, on: str, locality: Locality | None, pid: str
) -> QuotedFee | None:
    from procgen.expr import NO_VALUE, evaluate, holds
    from procgen.expr.compile.python import round_half_up

    if channel not in fee.channels:
        return None
    if (fee.valid_from and on < fee.valid_from) or (fee.valid_until and on > fee.valid_until):
        return None
    if fee.when is not None and not holds(fee.when, values, today=on):
        return None
    exempt = any(holds(e.when, values, today=on) for e in fee.exemptions)
    amount: int | None
    if fee.set_by_locality:
        amount = locality.fee(pid, fee.id) if locality else None
    elif isinstance(fee.amount, int):
        amount = fee.amount
    else:
        assert fee.amount is not None
        value = evaluate(fee.amount, values, today=on)
        if value is NO_VALUE:
            return None
        amount = round_half_up(value) if isinstance(value, float) else int(value)
    if exempt:
        amount = 0
    return QuotedFee(fee.id, amount, exempt)
