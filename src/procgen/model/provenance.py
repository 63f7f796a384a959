"""Provenance as written: a fact's ``source`` and ``confidence`` (docs/dsl.md "Provenance"),
read the same way from procedures and locality overlays, and the facts a file leaves without
a source (``validate --strict``, the scorecard)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from procgen.model.ir import UNSTATED, Provenance, Source

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.model.ir import Procedure


def source(written: Any) -> Source | None:
    """A ``source``: a mapping of ``act``, ``record`` and/or ``url``, or a plain string naming
    the act.

    >>> source("Thông tư 59/2025/TT-BTC")
    Source(act='Thông tư 59/2025/TT-BTC', url=None, record=None)
    >>> source({"record": "1.001193"}).as_dict()
    {'record': '1.001193'}
    """
    if written is None:
        return None
    if isinstance(written, str):
        return Source(act=written)
    return Source(act=written.get("act"), url=written.get("url"), record=written.get("record"))


def provenance(written: Mapping[str, Any], fallback: Source | None = None) -> Provenance:
    """The ``source`` and ``confidence`` of one mapping (``fallback`` stands for a missing
    source: a legal-basis entry's ``url``)."""
    if "source" not in written and "confidence" not in written and fallback is None:
        return UNSTATED
    return Provenance(source(written.get("source")) or fallback, written.get("confidence"))


def facts(procedure: Procedure) -> Iterator[tuple[str, str, Span, Provenance]]:
    """Every fact a procedure publishes that may carry a source, in file order by kind:
    ``(kind, name, span, provenance)`` with kind ``fee``, ``document``, ``processing_time``
    (named by its channel) or ``legal_basis`` (named by its number, else its position)."""
    for f in procedure.fees:
        yield "fee", f.id, f.span, f.provenance
    for d in procedure.documents:
        yield "document", d.id, d.span, d.provenance
    for c in procedure.channels:
        yield "processing_time", c.name, c.span, c.time_provenance
    for i, lb in enumerate(procedure.legal_basis, 1):
        yield "legal_basis", lb.number or str(i), lb.span or procedure.span, lb.provenance
