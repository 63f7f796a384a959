"""A quote as someone asks for it: a channel, perhaps a locality, answers — checked, then
quoted. ``procgen quote`` and the assistant's quote tool both go through here, so the two
cannot answer differently (the same channel default, locality rule and partial quote).

A request that cannot be quoted at all (a channel the procedure does not offer, a locality
that does not exist or contradicts the province answered) raises :class:`Refused`, worded by
the catalogue in the caller's language; answers that break the procedure's rules are
diagnostics in the sink, as :func:`procgen.quote.check_answers` reports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from procgen.quote import Needed, Quote, check_answers, quote
from procgen.quote.answers import Locate

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Locality, Portal, Procedure


class Refused(Exception):
    """The request itself cannot be quoted; :meth:`said` words why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def said(self, lang: str) -> str:
        from procgen.wording import say

        return say(self.key, lang, **self.params)


def channel_of(procedure: Procedure, channel: str | None) -> str:
    """The channel asked for, else the procedure's default (online where it has it)."""
    chosen = channel or procedure.default_channel
    if chosen not in procedure.channel_names:
        raise Refused("quote_no_channel", procedure=procedure.id, channel=chosen,
                      channels=", ".join(procedure.channel_names))
    return chosen


def locality_of(portal: Portal, locality: str | None) -> Locality | None:
    """The locality asked for (None when none is)."""
    if locality is None:
        return None
    place = portal.locality(locality)
    if place is None:
        from procgen.diagnostics import did_you_mean

        raise Refused("quote_no_locality", locality=locality,
                      suggestion=did_you_mean(locality, [x.id for x in portal.localities]))
    return place


def still_needed(procedure: Procedure, sink: DiagnosticSink, lang: str) -> tuple[Needed, ...]:
    """Take the missing required answers (PG604) out of ``sink``, as a partial quote's list."""
    labels: dict[str, str] = {f.id: f.label.get(lang)
                              for top in procedure.fields for f in top.walk()}
    needed: list[Needed] = []
    kept = []
    for d in sink.items:
        if d.code == "PG604":
            field = str(dict(d.args)["field"])
            if all(n.field != field for n in needed):
                needed.append(Needed(field, labels.get(field, field)))
        else:
            kept.append(d)
    sink.items[:] = kept
    return tuple(needed)


def quote_request(
    portal: Portal,
    procedure: Procedure,
    raw: Mapping[str, Any],
    *,
    channel: str,
    place: Locality | None,
    on: str,
    lang: str,
    partial: bool,
    locate: Locate,
    sink: DiagnosticSink,
) -> Quote | None:
    """The quote for ``raw`` answers on ``channel`` (:func:`channel_of`), or None when they
    break the procedure's rules (each problem is in ``sink``). The locality is ``place``, the
    one asked for (:func:`locality_of`), else the province the answers give (the procedure's
    locality question); the two must agree.

    Raises:
        Refused: the locality asked for contradicts the province answered.
    """
    answers = check_answers(procedure, raw, today=on, lang=lang, locate=locate, sink=sink)
    needed = still_needed(procedure, sink, lang) if partial else None
    if sink.has_errors():
        return None
    from procgen.model.local import answered_locality

    answered = answered_locality(procedure, answers.values)  # the form's own province answer
    if answered is not None and place is not None and answered != place.id:
        raise Refused("quote_locality_conflict", given=place.id, answered=answered,
                      field=procedure.locality_field)
    if place is None and answered is not None:
        place = portal.locality(answered)
    return quote(procedure, answers, channel=channel, on=on, locality=place,
                 still_needed=needed)
