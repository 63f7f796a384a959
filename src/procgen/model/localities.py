"""Build locality overlays, which may only fill in what the national procedures leave to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procgen.diagnostics import DiagnosticSink, did_you_mean
from procgen.model.ir import Locality, Office, Slug
from procgen.model.workspace import TextMaker

if TYPE_CHECKING:
    from procgen.model.compiled import FeeTable
    from procgen.model.ir import Settings
    from procgen.source import Document


def build_locality(
    doc: Document, stem: str, fees: FeeTable, settings: Settings, sink: DiagnosticSink
) -> Locality | None:
    """Check one overlay against the national fee table; None when it has errors."""
    before = sink.error_count()
    v = doc.value
    text = TextMaker(settings, sink)
    if v["locality"] != stem:
        sink.emit("PG301", doc.locate(("locality",)), kind="locality", id=v["locality"], stem=stem)
    amounts: list[tuple[str, str, int]] = []
    for pid, table in v.get("fees", {}).items():
        if pid not in fees:
            sink.emit(
                "PG401",
                doc.locate(("fees", pid), "key"),
                name=pid,
                suggestion=did_you_mean(pid, fees),
            )
            continue
        national = fees[pid]
        if national is None:  # its own errors are reported; do not cascade
            continue
        for fid, written in table.items():
            amount = int(written)  # the schema allows only whole numbers (2.0 included)
            span = doc.locate(("fees", pid, fid), "key")
            fee = national.get(fid)
            if fee is None:
                sink.emit(
                    "PG402", span, procedure=pid, name=fid, suggestion=did_you_mean(fid, national)
                )
            elif not fee.set_by_locality:
                sink.emit("PG403", span, procedure=pid, name=fid)
            elif fee.range and not fee.range[0] <= amount <= fee.range[1]:
                sink.emit("PG404", doc.locate(("fees", pid, fid)), amount=amount, name=fid,
                          low=fee.range[0], high=fee.range[1])
            else:
                amounts.append((pid, fid, amount))
    given = {(p, f) for p, f, _ in amounts} | {
        (p, f) for p, t in v.get("fees", {}).items() for f in t
    }
    for pid in sorted(fees):
        for fid, fee in (fees[pid] or {}).items():
            if fee.set_by_locality and (pid, fid) not in given:
                sink.emit("PG405", doc.locate(("locality",)), procedure=pid, name=fid)
    offices = tuple(
        Office(
            text(doc, ("offices", i, "name"), o["name"]),
            o.get("address"),
            o.get("phone"),
            o.get("hours"),
            o.get("email"),
            o.get("url"),
        )
        for i, o in enumerate(v.get("offices", ()))
    )
    if sink.error_count() != before:
        return None
    return Locality(
        Slug(v["locality"]),
        doc.file,
        text(doc, ("name",), v["name"]),
        doc.locate(("locality",)),
        offices,
        tuple(sorted(amounts)),
    )
