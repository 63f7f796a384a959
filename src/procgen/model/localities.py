"""Build locality overlays, which may only fill in what the national procedures leave to them.

One overlay is read by :func:`build_locality` against the national fee table; what concerns
every overlay at once (a locality-set fee that some overlays leave unset) is reported by
:func:`report_missing`, once per fee. A build's workers, which see one procedure at a time,
read each overlay for that procedure alone (``only=``) with the same checks, so a page carries
exactly the amounts the whole-project check accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from procgen.diagnostics import DiagnosticSink, Phrase, did_you_mean
from procgen.model.ir import LocalAmount, Locality, Office, Slug, Text
from procgen.model.provenance import source
from procgen.model.workspace import TextMaker

if TYPE_CHECKING:
    from pathlib import Path

    from procgen.model.compiled import FeeRule, FeeTable
    from procgen.model.ir import Settings
    from procgen.model.workspace import Workspace
    from procgen.source import Document


def local_amount(written: Any) -> LocalAmount:
    """One overlay fee value as the schema allows it: a whole number, or a mapping with
    ``amount`` and optionally ``placeholder`` and ``source``.

    >>> local_amount(8000)
    LocalAmount(amount=8000, placeholder=False, source=None, confidence=None)
    >>> local_amount({"amount": 0, "source": {"act": "07/2023/NQ-HĐND"}}).source.act
    '07/2023/NQ-HĐND'
    """
    if not isinstance(written, Mapping):
        return LocalAmount(int(written))  # the schema allows only whole numbers (2.0 included)
    confidence = written.get("confidence")
    return LocalAmount(int(written["amount"]),
                       bool(written.get("placeholder", False)) or confidence == "placeholder",
                       source(written.get("source")), confidence)


def build_locality(
    doc: Document,
    stem: str,
    fees: FeeTable,
    settings: Settings,
    sink: DiagnosticSink,
    *,
    only: str | None = None,
) -> Locality | None:
    """Check one overlay against the national fee table; None when it has errors.

    ``only``: read the values of that one procedure (``fees`` holds its rules alone) and
    nothing about the others, for a build worker; the whole-project check reports the rest.
    """
    before = sink.error_count()
    v = doc.value
    text = TextMaker(settings, sink)
    if v["locality"] != stem:
        sink.emit("PG301", doc.locate(("locality",)), kind="locality", id=v["locality"], stem=stem)
    amounts: list[tuple[str, str, LocalAmount]] = []
    placeholders: list[str] = []
    for pid, table in v.get("fees", {}).items():
        if only is not None and pid != only:
            continue
        if pid not in fees:
            sink.emit("PG401", doc.locate(("fees", pid), "key"), name=pid,
                      suggestion=did_you_mean(pid, fees))
            continue
        national = fees[pid]
        if national is None:  # its own errors are reported; do not cascade
            continue
        for fid, written in table.items():
            value = local_amount(written)
            if _fits(doc, pid, fid, value.amount, national, sink):
                amounts.append((pid, fid, value))
                if value.placeholder:
                    placeholders.append(f"{pid}/{fid}")
    offices = tuple(_office(doc, i, o, text) for i, o in enumerate(v.get("offices", ())))
    local_offices = [o.name.get(settings.default_language) for o in offices if o.placeholder]
    if (placeholders or local_offices) and only is None:
        count = len(placeholders) + len(local_offices)
        sink.emit("PG406", doc.locate(("locality",)), count=count,
                  values=Phrase("value" if count == 1 else "values", "giá trị"),
                  names=Phrase(
                      ", ".join([*placeholders, *(f"office '{n}'" for n in local_offices)]),
                      ", ".join([*placeholders, *(f"cơ quan '{n}'" for n in local_offices)])))
    if sink.error_count() != before:
        return None
    return Locality(Slug(v["locality"]), doc.file, text(doc, ("name",), v["name"]),
                    doc.locate(("locality",)), offices, tuple(sorted(amounts)))


def _fits(doc: Document, pid: str, fid: str, amount: int, national: Mapping[str, FeeRule],
          sink: DiagnosticSink) -> bool:
    """True when the procedure leaves fee ``fid`` to localities and ``amount`` is in range."""
    span = doc.locate(("fees", pid, fid), "key")
    fee = national.get(fid)
    if fee is None:
        sink.emit("PG402", span, procedure=pid, name=fid, suggestion=did_you_mean(fid, national))
    elif not fee.set_by_locality:
        sink.emit("PG403", span, procedure=pid, name=fid)
    elif fee.range and not fee.range[0] <= amount <= fee.range[1]:
        sink.emit("PG404", doc.locate(("fees", pid, fid)), amount=amount, name=fid,
                  low=fee.range[0], high=fee.range[1])
    else:
        return True
    return False


def _office(doc: Document, i: int, o: Mapping[str, Any], text: TextMaker) -> Office:
    path = ("offices", i)
    return Office(
        text(doc, (*path, "name"), o["name"]),
        o.get("address"),
        o.get("phone"),
        _hours(doc, path, o.get("hours"), text),
        o.get("email"),
        o.get("url"),
        o.get("map"),
        bool(o.get("placeholder", False)),
        tuple(o.get("procedures", ())),
        o.get("level"),
    )


def load_localities(ws: Workspace, paths: Iterable[Path], fees: FeeTable, *,
                    missing: Iterable[str] | None = None) -> list[Locality]:
    """Read and check the overlays at ``paths`` into ``ws``'s sink; PG405 for the procedures
    ``missing`` names (None: every procedure), so that one file's check reports what the whole
    run reports there. ``validate``, ``quote`` and the build all load overlays here."""
    out = []
    written = []
    for path in paths:
        doc = ws.load(path, "locality")
        if doc is not None:
            written.append((path.stem, doc.value.get("fees") or {}))
            loc = build_locality(doc, path.stem, fees, ws.settings, ws.sink)
            if loc is not None:
                out.append(loc)
    report_missing(written, fees, ws.sink, procedures=missing)
    return out


def _hours(doc: Document, path: tuple[str | int, ...], written: Any,
           text: TextMaker) -> Text | None:
    """Opening hours: a map by language, or (as DSL.md writes them) one string shown as it is
    in every language, without the missing-language warning a name would get."""
    if written is None:
        return None
    if isinstance(written, str):
        lang = text.settings.default_language
        return Text(((lang, written),), lang)
    return text(doc, (*path, "hours"), written)


Overlays = tuple[tuple[str, "Document"], ...]
"""Overlay documents as read (stem, document): a build worker reads them once."""


def read_overlays(ws: Workspace, paths: Iterable[Path]) -> Overlays:
    """The overlays at ``paths`` that load and pass the schema (their problems go to ``ws``)."""
    return tuple((path.stem, doc) for path in paths
                 if (doc := ws.load(path, "locality")) is not None)


def check_texts(root: Path, texts: Mapping[Path, str], sink: DiagnosticSink) -> None:
    """Check new overlay texts (not yet written) as ``validate`` would check those files,
    against the project's national fee table: ``procgen locality`` writes nothing otherwise."""
    from procgen.diagnostics import StageFailed
    from procgen.layout import procedure_files
    from procgen.model.compiled import compile_file
    from procgen.model.workspace import Workspace, display_path
    from procgen.schema import validate
    from procgen.source.loader import load_text

    quiet = Workspace(root, DiagnosticSink())
    fees: FeeTable = {}
    for path in procedure_files(root):
        unit = compile_file(quiet, path, quiet.sink, build=False)
        fees[unit.id] = unit.fees
    settings = Workspace(root, sink).settings
    for path, text in texts.items():
        try:
            doc = load_text(display_path(path), text, sink)
        except StageFailed:
            continue
        if validate(doc, "locality", sink):
            build_locality(doc, path.stem, fees, settings, sink)


def report_missing(written: Iterable[tuple[str, Mapping[str, Any]]], fees: FeeTable,
                   sink: DiagnosticSink, *, procedures: Iterable[str] | None = None) -> None:
    """PG405, once per locality-set fee that some overlays leave unset, at the fee's line.

    ``written`` pairs each overlay's id with its ``fees`` mapping as written (an overlay with
    errors still counts what it writes); ``procedures`` limits the report to those (``validate
    FILE`` of one procedure reports what the whole-project run reports at that file).
    A project without overlays is not told about them.
    """
    overlays = sorted(written)
    if not overlays:
        return
    wanted = None if procedures is None else set(procedures)
    for pid in sorted(fees):
        if wanted is not None and pid not in wanted:
            continue
        for fid, rule in (fees[pid] or {}).items():
            if not rule.set_by_locality or rule.span is None:
                continue
            missing = [lid for lid, table in overlays if fid not in (table.get(pid) or {})]
            if missing:
                sink.emit("PG405", rule.span, given=len(overlays) - len(missing),
                          total=len(overlays), name=fid, procedure=pid,
                          missing=", ".join(missing))
