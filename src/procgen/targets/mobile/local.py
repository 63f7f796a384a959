"""The per-locality table of a mobile file: each province's amounts and offices.

Read from :class:`procgen.model.local.LocalFacts` (resolved once, in the model); the app
applies it as the web form does (docs/targets/mobile.md, "Localities"): the national range
until the province is known, then that province's amounts; a placeholder amount or office is
shown as "to be confirmed" (``ui.local_fee_placeholder``, ``ui.local_office_placeholder``),
never as a real fee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen.model.local import option_value

if TYPE_CHECKING:
    from procgen.model.ir import LocalAmount, Office, Source
    from procgen.model.local import Local, LocalFacts
    from procgen.targets.mobile.components import Build


def localities(facts: LocalFacts, b: Build) -> dict[str, Any] | None:
    """The file's ``localities`` table; None when nothing differs by locality."""
    if not facts.depends:
        return None
    applied = facts.the_place
    return {
        "field": facts.field,
        "ask": facts.picker,
        "site": facts.site,
        "applied": applied.id if applied is not None else None,
        "fees": list(facts.local_fees),
        "places": [_place(p, b) for p in facts.places],
    }


def _place(p: Local, b: Build) -> dict[str, Any]:
    return {
        "id": p.id,
        "option": option_value(p.id),
        "name": b.text(p.name),
        "fees": {fee: _amount(a) for fee, a in p.fees},
        "offices": [_office(o, b) for o in p.offices],
    }


def _source(s: Source | None) -> dict[str, str] | None:
    if s is None:
        return None
    return s.as_dict()


def _amount(a: LocalAmount) -> dict[str, Any]:
    out: dict[str, Any] = {"amount": a.amount, "placeholder": a.placeholder}
    source = _source(a.source)
    if source:
        out["source"] = source
    return out


def _office(o: Office, b: Build) -> dict[str, Any]:
    return {
        "name": b.text(o.name),
        "address": o.address,
        "phone": o.phone,
        "hours": b.text(o.hours) if o.hours is not None else None,
        "email": o.email,
        "url": o.url,
        "map_url": o.map_url,
        "placeholder": o.placeholder,
    }
