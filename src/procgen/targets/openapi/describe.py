"""The public description of a procedure (the body of ``GET /procedures/{id}``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen.model.ir import Document, Fee, LocalAmount, Office, Procedure, Text
from procgen.targets._common import localized

if TYPE_CHECKING:
    from procgen.model.local import LocalFacts


def describe(procedure: Procedure, languages: tuple[str, ...],
             local: LocalFacts | None = None) -> dict[str, Any]:
    """Documents, fees, channels, times, steps and legal basis, texts in every language; and,
    when the procedure differs by locality, each locality's amounts and offices."""
    p = procedure

    def text(t: Text | None) -> dict[str, str] | None:
        return None if t is None else localized(t, languages)

    out: dict[str, Any] = {
        "id": p.id,
        "code": p.code,
        "revision": p.revision,
        "effective_from": p.effective_from,
        "title": text(p.title),
        "summary": text(p.summary),
        "level": p.level,
        "sector": p.sector,
        "agency": text(p.agency),
        "audience": list(p.audience),
        "fully_online": p.fully_online,
        "legal_basis": [
            {"title": text(b.title), "number": b.number, "article": b.article, "url": b.url}
            for b in p.legal_basis
        ],
        "channels": [
            {"name": c.name, "processing_time": c.processing_time.as_dict(),
             "time_cases": [{"label": text(x.label), "processing_time": x.time.as_dict()}
                            for x in c.time_cases],
             "results": list(c.results)} for c in p.channels
        ],
        "documents": [_document(d, text) for d in p.documents],
        "fees": [_fee(f, text) for f in p.fees],
        "steps": [
            {
                "id": s.id,
                "actor": s.actor,
                "title": text(s.title),
                "duration": s.duration.as_dict() if s.duration else None,
                "presence_required": s.presence == "required",
            }
            for s in p.steps
        ],
        "outputs": [
            {"id": o.id, "title": text(o.title), "electronic": o.electronic} for o in p.outputs
        ],
    }
    if local is not None and local.depends:
        out["localities"] = [
            {
                "id": place.id,
                "name": text(place.name),
                "fees": [_amount(fee, a) for fee, a in place.fees],
                "offices": [_office(o, text) for o in place.offices],
            }
            for place in local.places
        ]
    return out


def _amount(fee: str, a: LocalAmount) -> dict[str, Any]:
    out: dict[str, Any] = {"id": fee, "amount": a.amount, "placeholder": a.placeholder}
    if a.source is not None:
        out["source"] = a.source.as_dict()
    return out


def _office(o: Office, text: Any) -> dict[str, Any]:
    return {
        "name": text(o.name),
        "address": o.address,
        "phone": o.phone,
        "hours": text(o.hours),
        "email": o.email,
        "url": o.url,
        "map_url": o.map_url,
        "placeholder": o.placeholder,
    }


def _document(d: Document, text: Any) -> dict[str, Any]:
    required = (
        "optional"
        if d.required is False
        else "always"
        if d.unconditionally_required
        else "conditional"
    )
    return {
        "id": d.id,
        "title": text(d.title),
        "originals": d.originals,
        "copies": d.copies,
        "required": required,
        "present_only": d.present_only,
        "held_by_state": d.held_by_state,
        "uploadable": d.uploadable,
        "accept": list(d.accept),
        "max_size_mb": d.max_size_mb,
        "template": (
            {"code": d.template.code, "title": text(d.template.title)} if d.template else None
        ),
    }


def _fee(f: Fee, text: Any) -> dict[str, Any]:
    fixed = f.amount if isinstance(f.amount, int) and not isinstance(f.amount, bool) else None
    return {
        "id": f.id,
        "label": text(f.label),
        "channels": list(f.channels),
        "payment": list(f.paid_through),
        "amount": fixed,
        "depends_on_answers": (f.amount is not None and fixed is None)
        or f.when is not None
        or bool(f.exemptions),
        "set_by_locality": f.set_by_locality,
        "range": {"min": f.range[0], "max": f.range[1]} if f.range else None,
        "valid_from": f.valid_from,
        "valid_until": f.valid_until,
        "exemptions": [text(e.label) for e in f.exemptions],
    }


def summary(procedure: Procedure, languages: tuple[str, ...]) -> dict[str, Any]:
    """The procedure's entry in ``GET /procedures`` (the ``ProcedureSummary`` schema)."""
    return {"id": str(procedure.id), "revision": procedure.revision,
            "title": localized(procedure.title, languages),
            "fully_online": procedure.fully_online, "href": f"/procedures/{procedure.id}"}
