"""Build a frozen :class:`Procedure` from a schema-valid document, checking references and rules."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from procgen.diagnostics import CompilerBug, DiagnosticSink, Phrase, Related, Span, did_you_mean
from procgen.model.fields import FieldBuilder, RawField, check_unique, expand, is_date
from procgen.model.ir import (
    CHANNELS,
    PAYMENTS,
    RESULTS,
    Channel,
    Document,
    Duration,
    Exemption,
    Fee,
    Field,
    FieldId,
    LegalBasis,
    Output,
    Procedure,
    Slug,
    Source,
    Step,
    Template,
    TimeCase,
)
from procgen.model.provenance import facts, provenance
from procgen.model.words import FIRST_ASKED, FIRST_DEFINED
from procgen.model.words import kind as kind_words
from procgen.model.workspace import TextMaker, Workspace
from procgen.source.limits import MAX_ENTRIES

if TYPE_CHECKING:
    from procgen.expr import Expr, FieldSig, Scope
    from procgen.source import Document as SourceDoc
    from procgen.source import Path


def build_procedure(
    ws: Workspace, doc: SourceDoc, stem: str, sink: DiagnosticSink
) -> Procedure | None:
    """Check and build one procedure; None when it has errors (diagnostics in ``sink``)."""
    before = sink.error_count()
    b = _ProcedureBuilder(ws, doc, sink)
    procedure = b.build(stem)
    if sink.error_count() != before:
        return None
    b.unsourced(procedure)
    return procedure


def whole(value: Any) -> Any:
    """JSON Schema counts 2.0 as an integer; the typed model stores it as ``2``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class _ProcedureBuilder:
    def __init__(self, ws: Workspace, doc: SourceDoc, sink: DiagnosticSink) -> None:
        self.ws, self.doc, self.sink = ws, doc, sink
        self.v: dict[str, Any] = doc.value
        self.text = TextMaker(ws.settings, sink)
        self.fields = FieldBuilder(ws, self.text, sink)

    def t(self, path: Path) -> Any:
        return self.text(self.doc, path, self.doc.value_at(path))

    def tm(self, path: Path) -> Any:
        return self.text.maybe(
            self.doc, path, self.doc.value_at(path) if self.doc.has(path) else None
        )

    def build(self, stem: str) -> Procedure:
        v, doc = self.v, self.doc
        if v["id"] != stem:
            self.sink.emit(
                "PG301", doc.locate(("id",)), kind=kind_words("procedure"), id=v["id"], stem=stem
            )
        channels = tuple(
            Channel(
                name,
                Duration.of(v["channels"][name]["processing_time"]),
                doc.locate(("channels", name), "key"),
                results=tuple(r for r in RESULTS if r in v["channels"][name].get("results", ())),
                time_provenance=provenance(v["channels"][name]["processing_time"]),
            )
            for name in CHANNELS
            if name in v["channels"]
        )
        raw_fields = expand(self.ws, doc, ("fields",), None, self.sink) if "fields" in v else []
        check_unique(raw_fields, self.sink)
        scope = self._scope(raw_fields)
        channels = tuple(replace(c, time_cases=self._time_cases(c.name, scope))
                         for c in channels)
        fields = tuple(self.fields.build(f, scope) for f in raw_fields)
        self._entries(fields, 1)
        documents = self._documents(scope)
        outputs = tuple(
            Output(
                Slug(o["id"]),
                self.t(("outputs", i, "title")),
                doc.locate(("outputs", i, "id")),
                bool(o.get("electronic", False)),
            )
            for i, o in enumerate(v.get("outputs", ()))
        )
        self._unique("output", "outputs")
        fees = self._fees(scope, tuple(c.name for c in channels))
        steps = self._steps(raw_fields, fields, documents, outputs)
        procedure = Procedure(
            id=Slug(v["id"]),
            file=doc.file,
            span=doc.locate(("id",)),
            title=self.t(("title",)),
            revision=whole(v.get("revision", 1)),
            channels=channels,
            code=v.get("code"),
            effective_from=self._date(("effective_from",)),
            summary=self.tm(("summary",)),
            declaration=self.tm(("declaration",)),
            level=v.get("level"),
            sector=v.get("sector"),
            agency=self.tm(("agency",)),
            audience=tuple(v.get("audience", ())),
            legal_basis=tuple(
                LegalBasis(
                    self.t(("legal_basis", i, "title")),
                    lb.get("number"),
                    str(lb["article"]) if "article" in lb else None,
                    lb.get("url"),
                    doc.locate(("legal_basis", i)),
                    provenance(lb, Source(url=lb["url"]) if "url" in lb else None),
                )
                for i, lb in enumerate(v.get("legal_basis", ()))
            ),
            fields=fields,
            documents=documents,
            fees=fees,
            steps=steps,
            outputs=outputs,
            locality_field=self._locality_field(fields),
            source_hash=hashlib.sha256(doc.text.encode()).hexdigest(),
        )
        return procedure

    def _time_cases(self, channel: str, scope: Scope) -> tuple[TimeCase, ...]:
        """The channel's ``processing_time.cases``: each ``when`` checked like any condition."""
        at = ("channels", channel, "processing_time", "cases")
        out = []
        for i, raw in enumerate(self.doc.value_at(at) if self.doc.has(at) else ()):
            when = self.fields.expr(self.doc, (*at, i, "when"), scope, "boolean")
            if when is not None:
                out.append(TimeCase(when, Duration.of(raw), self.t((*at, i, "label")),
                                    self.doc.locate((*at, i))))
        return tuple(out)

    def unsourced(self, procedure: Procedure) -> None:
        """PG321 (``--strict`` only): the facts the file publishes without a source."""
        unsourced = sorted(((kind, name, span) for kind, name, span, prov in facts(procedure)
                            if prov.unsourced), key=lambda x: x[2])
        if not unsourced:
            return
        count = len(unsourced)

        def names(lang: str) -> str:
            line = "line" if lang == "en" else "dòng"
            return ", ".join(f"{kind_words(k).said(lang)} '{n}' ({line} {s.line})"
                             for k, n, s in unsourced)

        self.sink.emit("PG321", procedure.span, count=count,
                       facts=Phrase("fact" if count == 1 else "facts", "thông tin"),
                       names=Phrase(names("en"), names("vi")))

    def _locality_field(self, fields: tuple[Field, ...]) -> FieldId | None:
        """The question that picks the locality (docs/localities.md); PG317 if misnamed."""
        from procgen.model.local import ADDRESS_BLOCK, PROVINCES

        written = self.doc.value.get("locality_field")
        if written is None:
            return next((f.id for f in fields if f.kind == "choice" and f.when is None
                         and f.options_list == PROVINCES and f.block == ADDRESS_BLOCK), None)
        found = next((f for f in fields if f.id == written), None)
        if found is None or found.kind != "choice":
            self.sink.emit("PG317", self.doc.locate(("locality_field",)), name=written,
                           suggestion=did_you_mean(written, [f.id for f in fields
                                                             if f.kind == "choice"]))
            return None
        return found.id

    def _scope(self, raw_fields: list[RawField]) -> Scope:
        from procgen.expr import Scope

        sigs: dict[str, FieldSig] = {}
        for f in raw_fields:
            sigs.setdefault(f.id, self.fields.signature(f))
        return Scope(sigs)

    def _entries(self, fields: tuple[Field, ...], outer: int) -> None:
        """Refuse (PG116) a group whose fewest entries, times its outer groups', pass the limit."""
        for f in fields:
            if f.kind != "group":
                continue
            need = outer * max(f.repeat.min, 1)
            if need > MAX_ENTRIES:
                self.sink.emit(
                    "PG116",
                    f.span,
                    what=f"group '{f.id}'",
                    problem=f"needs at least {need} entries in all, counting the groups around "
                    f"it (their repeat.min multiply); at most {MAX_ENTRIES} are allowed",
                )
                continue
            self._entries(f.children, need)

    def _window(self, path: Path) -> tuple[str | None, str | None]:
        """The ``valid`` window of the fee or exemption at ``path``: its first and last day
        (None where open); a window that ends before it starts is PG312."""
        valid = self.doc.value_at((*path, "valid")) if self.doc.has((*path, "valid")) else {}
        if not isinstance(valid, dict):
            return None, None
        vfrom = self._date((*path, "valid", "from")) if "from" in valid else None
        vuntil = self._date((*path, "valid", "until")) if "until" in valid else None
        if vfrom and vuntil and vfrom > vuntil:
            self.sink.emit(
                "PG312",
                self.doc.locate((*path, "valid")),
                problem=Phrase(
                    f"the window ends ({vuntil}) before it starts ({vfrom})",
                    f"thời hạn hiệu lực kết thúc ({vuntil}) trước khi bắt đầu ({vfrom})",
                ),
            )
            return None, None
        return vfrom, vuntil

    def _date(self, path: Path) -> str | None:
        if not self.doc.has(path):
            return None
        value = self.doc.value_at(path)
        if not is_date(value):
            self.sink.emit(
                "PG115",
                self.doc.locate(path),
                what=f"'{path[-1]}'",
                value=value,
                problem=Phrase("is not a real calendar date", "không phải ngày có thật trên lịch"),
            )
            return None
        return str(value)

    def _unique(self, kind: str, key: str) -> None:
        seen: dict[str, Span] = {}
        for i, item in enumerate(self.v.get(key, ())):
            span = self.doc.locate((key, i, "id"))
            if item["id"] in seen:
                self.sink.emit(
                    "PG302",
                    span,
                    kind=kind_words(kind),
                    id=item["id"],
                    related=[Related(FIRST_DEFINED, seen[item["id"]])],
                )
            else:
                seen[item["id"]] = span

    def _documents(self, scope: Scope) -> tuple[Document, ...]:
        self._unique("document", "documents")
        out = []
        for i, d in enumerate(self.v.get("documents", ())):
            p: Path = ("documents", i)
            required = d.get("required", True)
            if isinstance(required, str):
                required = self.fields.expr(self.doc, (*p, "required"), scope, "boolean") or True
            tpl = d.get("template")
            out.append(
                Document(
                    id=Slug(d["id"]),
                    title=self.t((*p, "title")),
                    span=self.doc.locate((*p, "id")),
                    hint=self.tm((*p, "hint")),
                    template=Template(tpl["code"], self.tm((*p, "template", "title")))
                    if tpl
                    else None,
                    originals=whole(d.get("originals", 0)),
                    copies=whole(d.get("copies", 0)),
                    required=required,
                    when=self.fields.expr(self.doc, (*p, "when"), scope, "boolean"),
                    present_only=d.get("present_only", False),
                    held_by_state=d.get("held_by_state"),
                    accept=tuple(d.get("accept", ())),
                    max_size_mb=d.get("max_size_mb"),
                    generated_from_form=d.get("generated_from_form", False),
                    provenance=provenance(d),
                )
            )
        return tuple(out)

    def _fees(self, scope: Scope, channels: tuple[str, ...]) -> tuple[Fee, ...]:
        self._unique("fee", "fees")
        out = []
        for i, f in enumerate(self.v.get("fees", ())):
            p: Path = ("fees", i)
            span = self.doc.locate((*p, "id"))
            local = f.get("set_by") == "locality"
            if local and "amount" in f:
                self.sink.emit(
                    "PG307",
                    self.doc.locate((*p, "amount"), "key"),
                    problem=Phrase(
                        f"fee '{f['id']}' is set by localities, so it has no 'amount'",
                        f"lệ phí '{f['id']}' do địa phương quy định nên không ghi 'amount'",
                    ),
                )
            elif not local and "amount" not in f:
                self.sink.emit(
                    "PG307",
                    span,
                    problem=Phrase(
                        f"fee '{f['id']}' needs an 'amount' or 'set_by: locality' with a 'range'",
                        f"lệ phí '{f['id']}' cần ghi 'amount', hoặc 'set_by: locality' kèm "
                        "'range'",
                    ),
                )
            if local and "range" not in f:
                self.sink.emit(
                    "PG307",
                    span,
                    problem=Phrase(
                        f"fee '{f['id']}' is set by localities, so "
                        "it needs a national 'range: {min, max}'",
                        f"lệ phí '{f['id']}' do địa phương quy định nên cần khung toàn quốc "
                        "'range: {min, max}'",
                    ),
                )
            rng = f.get("range")
            if rng and rng["min"] > rng["max"]:
                self.sink.emit(
                    "PG307",
                    self.doc.locate((*p, "range")),
                    problem=Phrase(
                        f"range min ({rng['min']}) is more than max ({rng['max']})",
                        f"khung 'range' có min ({rng['min']}) lớn hơn max ({rng['max']})",
                    ),
                )
            for j, ch in enumerate(f.get("channels", ())):
                if ch not in channels:
                    self.sink.emit(
                        "PG308",
                        self.doc.locate((*p, "channels", j)),
                        channel=ch,
                        channels=", ".join(channels),
                    )
            amount = whole(f.get("amount"))
            if isinstance(amount, str):
                amount = self.fields.expr(self.doc, (*p, "amount"), scope, "number")
            vfrom, vuntil = self._window(p)
            charged = tuple(c for c in CHANNELS if c in f.get("channels", channels))
            exemptions = []
            for j, raw in enumerate(f.get("exemptions", ())):
                at = (*p, "exemptions", j)
                when = self.fields.expr(self.doc, (*at, "when"), scope, "boolean")
                efrom, euntil = self._window(at)
                for k, ch in enumerate(raw.get("channels", ())):
                    if ch not in charged:  # the fee is not charged there: nothing to exempt
                        self.sink.emit("PG322", self.doc.locate((*at, "channels", k)),
                                       channel=ch, channels=", ".join(charged))
                if when is not None:
                    exemptions.append(
                        Exemption(
                            _within(when, efrom, euntil, scope),
                            self.t((*at, "label")),
                            self.doc.locate(at),
                            valid_from=efrom,
                            valid_until=euntil,
                            channels=tuple(c for c in CHANNELS if c in raw.get("channels", ())),
                        )
                    )
            out.append(
                Fee(
                    id=Slug(f["id"]),
                    label=self.t((*p, "label")),
                    span=span,
                    channels=charged,
                    payment=tuple(x for x in PAYMENTS if x in f.get("payment", ())),
                    amount=amount,
                    set_by_locality=local,
                    range=(whole(rng["min"]), whole(rng["max"])) if rng else None,
                    when=self.fields.expr(self.doc, (*p, "when"), scope, "boolean"),
                    exemptions=tuple(exemptions),
                    valid_from=vfrom,
                    valid_until=vuntil,
                    provenance=provenance(f),
                )
            )
        return tuple(out)

    def _not_asked(self, raw_fields: list[RawField], asked_on: dict[str, Any]) -> None:
        """PG304 for a field of the procedure's own on no applicant step; for a shared block's
        fields, one PG318 at the ``- use:`` line, naming the block (its file is not the
        author's to edit)."""
        by_use: dict[tuple[Span, str], list[str]] = {}
        for rf in raw_fields:
            if rf.id in asked_on:
                continue
            if rf.used_at is None or rf.use_name is None:
                self.sink.emit("PG304", rf.span, field=rf.id)
            else:
                by_use.setdefault((rf.used_at, rf.use_name), []).append(rf.id)
        for (span, block), missing in by_use.items():
            self.sink.emit("PG318", span, block=block, fields=", ".join(missing))

    def _steps(
        self,
        raw_fields: list[RawField],
        fields: tuple[Field, ...],
        documents: tuple[Document, ...],
        outputs: tuple[Output, ...],
    ) -> tuple[Step, ...]:
        self._unique("step", "steps")
        field_ids = [f.id for f in fields]
        blocks: dict[str, list[str]] = {}
        for rf in raw_fields:
            if rf.use_name:
                blocks.setdefault(rf.use_name, []).append(rf.id)
        doc_ids = [d.id for d in documents]
        out_ids = [o.id for o in outputs]
        asked_on: dict[str, tuple[str, Span]] = {}
        referenced_docs: set[str] = set()
        referenced_outputs: set[str] = set()
        steps = []
        for i, s in enumerate(self.v.get("steps", ())):
            p: Path = ("steps", i)
            actor = s["actor"]
            if actor != "applicant":
                for key in ("fields", "documents"):
                    if s.get(key):
                        self.sink.emit("PG306", self.doc.locate((*p, key), "key"), actor=actor)
            step_fields: list[str] = []
            for j, name in enumerate(s.get("fields", ())):
                span = self.doc.locate((*p, "fields", j))
                names = blocks.get(name, [name] if name in field_ids else [])
                used = self._used_blocks()
                if not names and (name in used or (self.ws.has_block(name) and used - set(blocks))):
                    continue  # a broken, missing or misspelt block: reported there, once
                if not names:
                    self.sink.emit(
                        "PG303",
                        span,
                        kind=kind_words("field"),
                        name=name,
                        suggestion=did_you_mean(name, [*field_ids, *blocks]),
                    )
                for fid in names:
                    if actor == "applicant" and fid in asked_on:
                        self.sink.emit(
                            "PG305",
                            span,
                            field=fid,
                            step=asked_on[fid][0],
                            related=[Related(FIRST_ASKED, asked_on[fid][1])],
                        )
                        continue
                    if actor == "applicant":
                        asked_on[fid] = (s["id"], span)
                    step_fields.append(fid)
            step_docs = self._refs(s, p, "documents", "document", doc_ids, referenced_docs)
            step_outputs = self._refs(s, p, "outputs", "output", out_ids, referenced_outputs)
            steps.append(
                Step(
                    id=Slug(s["id"]),
                    actor=actor,
                    title=self.t((*p, "title")),
                    span=self.doc.locate((*p, "id")),
                    description=self.tm((*p, "description")),
                    fields=tuple(FieldId(f) for f in step_fields),
                    documents=tuple(Slug(d) for d in step_docs),
                    outputs=tuple(Slug(o) for o in step_outputs),
                    duration=Duration.of(s["duration"]) if "duration" in s else None,
                    presence=s.get("presence"),
                )
            )
        if asked_on:  # with no applicant step listing fields, one page holds them all
            self._not_asked(raw_fields, asked_on)
        for o in outputs:
            if o.id not in referenced_outputs:
                self.sink.emit("PG311", o.span, kind=kind_words("output"), id=o.id)
        return tuple(steps)

    def _used_blocks(self) -> set[str]:
        """The block names this procedure's ``use`` items name, whether they loaded or not."""
        return {f"{item['prefix']}_{item['use']}" if item.get("prefix") else str(item["use"])
                for item in self.v.get("fields", ()) if "use" in item}

    def _refs(
        self, s: dict[str, Any], p: Path, key: str, kind: str, known: Sequence[str], used: set[str]
    ) -> list[str]:
        out = []
        for j, name in enumerate(s.get(key, ())):
            if name not in known:
                self.sink.emit(
                    "PG303",
                    self.doc.locate((*p, key, j)),
                    kind=kind_words(kind),
                    name=name,
                    suggestion=did_you_mean(name, known),
                )
                continue
            used.add(name)
            out.append(name)
        return out


def _within(when: Expr, start: str | None, end: str | None, scope: Scope) -> Expr:
    """``when`` that holds only from ``start`` to ``end`` (both days included): the file's
    condition joined with ``today()`` in the window, checked like any expression, so the form,
    the app, the API, ``quote`` and the server all read the exemption's window as one rule."""
    if start is None and end is None:
        return when
    from procgen.expr import compile_expression

    parts = [f"({when.source})"]
    if start is not None:
        parts.append(f'today() >= date("{start}")')
    if end is not None:
        parts.append(f'today() <= date("{end}")')
    out = compile_expression(" and ".join(parts), when.span, scope, "boolean", DiagnosticSink())
    if out is None:  # the condition compiled alone and the dates are real days
        raise CompilerBug(f"the window of exemption {when.source!r} does not compile")
    return out
