"""Structural diff: two built portals in, Added / Removed / Modified records out.

Everything is matched by its id (procedure, field, option value, document, fee, exemption
condition, step, output, channel name, locality), never by position, so reordering a list is not
a change. Each IR node is first flattened into plain JSON-like values (texts as ``{lang: text}``,
expressions as their source with whitespace normalised), then compared key by key. Because the
model is built (blocks expanded, lists resolved, overlays applied), a change to a block, a list
or a locality overlay shows up in every procedure it affects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.model.ir import (
        Channel,
        Document,
        Fee,
        Field,
        Output,
        Portal,
        Procedure,
        Step,
        Text,
    )

Json = Any
Op = Literal["added", "removed", "modified"]


class Delta(Struct, frozen=True):
    """One structural difference, before any classification.

    Attributes:
        op: added, removed or modified.
        procedure: the procedure id it belongs to.
        entity: what kind of thing changed (``procedure``, ``channel``, ``field``, ``option``,
            ``document``, ``fee``, ``exemption``, ``locality_fee``, ``step``, ``output``).
        path: where, e.g. ``("fields", "child_full_name", "required")``.
        attr: the changed key for ``modified``; None when a whole entity came or went.
        old: the base value (the whole flattened entity for ``removed``), None when added.
        new: the revision value (the whole flattened entity for ``added``), None when removed.
        name: the entity's label or title (revision side when present), for messages.
        base_span: where it was in the base; None when added.
        revision_span: where it is in the revision; None when removed.
        context: the flattened entity on the revision side (base side when removed), so rules
            can look at sibling keys (e.g. whether a document is uploadable).
    """

    op: Op
    procedure: str
    entity: str
    path: tuple[str, ...]
    attr: str | None
    old: Json
    new: Json
    name: Mapping[str, str] | None
    base_span: Span | None
    revision_span: Span | None
    context: Mapping[str, Json]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


# ---------------------------------------------------------------------------------------------
# Flattening IR nodes into comparable values


def text(t: Text | None) -> dict[str, str] | None:
    return None if t is None else dict(sorted(t.values))


def expr(e: Any) -> Json:
    """bool/int/None pass through; an expression becomes its whitespace-normalised source."""
    if e is None or isinstance(e, bool | int | float | str):
        return e
    return " ".join(str(e.source).split())


def duration(d: Any) -> dict[str, Json] | None:
    return None if d is None else {d.unit: d.value}


def flat_field(f: Field) -> dict[str, Json]:
    return {
        "kind": f.kind,
        "label": text(f.label),
        "hint": text(f.hint),
        "required": expr(f.required),
        "when": expr(f.when),
        "constraint": expr(f.constraint),
        "constraint_message": text(f.constraint_message),
        "min": f.min,
        "max": f.max,
        "min_length": f.min_length,
        "max_length": f.max_length,
        "pattern": f.pattern,
        "default": list(f.default) if isinstance(f.default, tuple) else f.default,
        "prefill": f.prefill,
        "repeat": {"min": f.repeat.min, "max": f.repeat.max},
    }


def flat_document(d: Document) -> dict[str, Json]:
    return {
        "title": text(d.title),
        "hint": text(d.hint),
        "template": None
        if d.template is None
        else {"code": d.template.code, "title": text(d.template.title)},
        "originals": d.originals,
        "copies": d.copies,
        "required": expr(d.required),
        "when": expr(d.when),
        "present_only": d.present_only,
        "held_by_state": d.held_by_state,
        "accept": sorted(d.accept),
        "max_size_mb": d.max_size_mb,
        "generated_from_form": d.generated_from_form,
        "uploadable": d.uploadable,
    }


def flat_fee(f: Fee) -> dict[str, Json]:
    return {
        "label": text(f.label),
        "channels": sorted(f.channels),
        "amount": expr(f.amount),
        "set_by_locality": f.set_by_locality,
        "range": None if f.range is None else {"min": f.range[0], "max": f.range[1]},
        "when": expr(f.when),
        "valid_from": f.valid_from,
        "valid_until": f.valid_until,
        "payment": list(f.payment) or None,  # None: as its channels (Fee.paid_through)
    }


def flat_step(s: Step) -> dict[str, Json]:
    return {
        "actor": s.actor,
        "title": text(s.title),
        "description": text(s.description),
        "fields": list(s.fields),
        "documents": list(s.documents),
        "outputs": list(s.outputs),
        "duration": duration(s.duration),
        "presence": s.presence,
    }


def flat_output(o: Output) -> dict[str, Json]:
    return {"title": text(o.title), "electronic": o.electronic}


def flat_channel(c: Channel) -> dict[str, Json]:
    cases = "; ".join(f"{x.time.value:g} {x.time.unit} if {expr(x.when)}" for x in c.time_cases)
    return {"processing_time": duration(c.processing_time), "results": list(c.results) or None,
            "time_cases": cases or None}


def flat_procedure(p: Procedure) -> dict[str, Json]:
    return {
        "title": text(p.title),
        "summary": text(p.summary),
        "agency": text(p.agency),
        "legal_basis": [
            {"title": text(b.title), "number": b.number, "article": b.article, "url": b.url}
            for b in p.legal_basis
        ],
        "code": p.code,
        "revision": p.revision,
        "effective_from": p.effective_from,
        "level": p.level,
        "sector": p.sector,
        "audience": sorted(p.audience),
        "fully_online": p.fully_online,
    }


# ---------------------------------------------------------------------------------------------
# Matching and comparing


class _Side(Struct, frozen=True):
    """One flattened entity on one side of the diff."""

    value: dict[str, Json]
    name: dict[str, str] | None
    span: Span | None


def _keyed(pairs: Iterable[tuple[str, _Side]]) -> dict[str, _Side]:
    return dict(pairs)


class _Differ:
    def __init__(self, procedure: str) -> None:
        self.procedure = procedure
        self.out: list[Delta] = []

    def entity(
        self, entity: str, prefix: tuple[str, ...], base: Mapping[str, _Side],
        rev: Mapping[str, _Side], skip: frozenset[str] = frozenset(),
    ) -> Iterator[tuple[str, _Side, _Side]]:
        """Record added/removed entities and modified keys; yield matched pairs for recursion."""
        for key in sorted(base.keys() - rev.keys()):
            b = base[key]
            self._add("removed", entity, (*prefix, key), None, b.value, None, b, None, b.value)
        for key in sorted(rev.keys() - base.keys()):
            r = rev[key]
            self._add("added", entity, (*prefix, key), None, None, r.value, None, r, r.value)
        for key in sorted(base.keys() & rev.keys()):
            b, r = base[key], rev[key]
            for attr in _ordered_keys(b.value, r.value):
                if attr in skip or b.value.get(attr) == r.value.get(attr):
                    continue
                self._add(
                    "modified", entity, (*prefix, key, attr), attr,
                    b.value.get(attr), r.value.get(attr), b, r, r.value,
                )
            yield key, b, r

    def _add(
        self, op: Op, entity: str, path: tuple[str, ...], attr: str | None, old: Json, new: Json,
        b: _Side | None, r: _Side | None, context: Mapping[str, Json],
    ) -> None:
        name = (r or b).name if (r or b) is not None else None  # type: ignore[union-attr]
        self.out.append(
            Delta(
                op, self.procedure, entity, path, attr, old, new, name,
                None if b is None else b.span, None if r is None else r.span, context,
            )
        )


def _ordered_keys(a: Mapping[str, Json], b: Mapping[str, Json]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _fields(fields: Iterable[Field]) -> dict[str, _Side]:
    return _keyed((f.id, _Side(flat_field(f), text(f.label), f.span)) for f in fields)


def _diff_fields(d: _Differ, prefix: tuple[str, ...], base: tuple[Field, ...],
                 rev: tuple[Field, ...]) -> None:
    bmap: dict[str, Field] = {f.id: f for f in base}
    rmap: dict[str, Field] = {f.id: f for f in rev}
    for key, _b, _r in d.entity("field", prefix, _fields(base), _fields(rev)):
        bf, rf = bmap[key], rmap[key]
        bopts = {str(o.value): _Side({"label": text(o.label)}, text(o.label), o.span)
                 for o in bf.options}
        ropts = {str(o.value): _Side({"label": text(o.label)}, text(o.label), o.span)
                 for o in rf.options}
        for _ in d.entity("option", (*prefix, key, "options"), bopts, ropts):
            pass
        if bf.children or rf.children:
            _diff_fields(d, (*prefix, key, "fields"), bf.children, rf.children)


def _exemptions(base: Fee, rev: Fee) -> tuple[dict[str, _Side], dict[str, _Side]]:
    """Exemptions have no id: match them by condition, then pair the rest in order.

    A pair whose condition changed is keyed ``#1``, ``#2``... (its rank among the unmatched,
    the same in both directions), so a widened condition reads as one modified exemption
    rather than one removed and one added.
    """

    def cond(x: Any) -> str:  # its channels are one more condition (so dropping them widens)
        only = ", ".join(f'"{c}"' for c in x.channels)
        return str(expr(x.when)) + (f" and channel in [{only}]" if x.channels else "")

    def side(x: Any) -> _Side:
        return _Side({"when": cond(x), "label": text(x.label)}, text(x.label), x.span)

    b = {cond(x): side(x) for x in base.exemptions}
    r = {cond(x): side(x) for x in rev.exemptions}
    b_rest = [k for k in b if k not in r]
    r_rest = [k for k in r if k not in b]
    for i, (bk, rk) in enumerate(zip(b_rest, r_rest, strict=False), start=1):
        b[f"#{i}"] = b.pop(bk)
        r[f"#{i}"] = r.pop(rk)
    return b, r


def _locality_amounts(portal: Portal, pid: str, fid: str) -> dict[str, _Side]:
    out = {}
    for loc in portal.localities:
        local = loc.fee(pid, fid)
        if local is not None:
            out[str(loc.id)] = _Side({"amount": local.amount}, text(loc.name), loc.span)
    return out


def diff_procedure(
    base: Procedure, rev: Procedure, base_portal: Portal | None = None,
    rev_portal: Portal | None = None,
) -> list[Delta]:
    """Every structural difference between two versions of one procedure."""
    d = _Differ(str(rev.id))
    top_b = {"": _Side(flat_procedure(base), text(base.title), base.span)}
    top_r = {"": _Side(flat_procedure(rev), text(rev.title), rev.span)}
    for _ in d.entity("procedure", (), top_b, top_r):
        pass
    d.out = [_strip_root(x) for x in d.out]
    chan = {
        c.name: _Side(flat_channel(c), None, c.span) for c in base.channels
    }, {c.name: _Side(flat_channel(c), None, c.span) for c in rev.channels}
    for _ in d.entity("channel", ("channels",), *chan):
        pass
    _diff_fields(d, ("fields",), base.fields, rev.fields)
    for _ in d.entity(
        "document", ("documents",),
        {x.id: _Side(flat_document(x), text(x.title), x.span) for x in base.documents},
        {x.id: _Side(flat_document(x), text(x.title), x.span) for x in rev.documents},
        skip=frozenset({"uploadable"}),
    ):
        pass
    # A document that starts or stops being uploaded takes its upload rules with it: the
    # held_by_state / present_only / generated_from_form change says it all.
    b_up = {x.id: x.uploadable for x in base.documents}
    switched = {x.id for x in rev.documents if b_up.get(x.id, x.uploadable) != x.uploadable}
    d.out = [
        x for x in d.out
        if not (x.entity == "document" and x.attr in {"accept", "max_size_mb"}
                and x.path[1] in switched)
    ]
    bfees: dict[str, Fee] = {x.id: x for x in base.fees}
    rfees: dict[str, Fee] = {x.id: x for x in rev.fees}
    for key, _b, _r in d.entity(
        "fee", ("fees",),
        {x.id: _Side(flat_fee(x), text(x.label), x.span) for x in base.fees},
        {x.id: _Side(flat_fee(x), text(x.label), x.span) for x in rev.fees},
    ):
        for _ in d.entity("exemption", ("fees", key, "exemptions"),
                          *_exemptions(bfees[key], rfees[key])):
            pass
        if base_portal is not None and rev_portal is not None:
            for _ in d.entity(
                "locality_fee", ("fees", key, "localities"),
                _locality_amounts(base_portal, base.id, key),
                _locality_amounts(rev_portal, rev.id, key),
            ):
                pass
    # A fee charged on every channel on both sides (written without ``channels``) follows the
    # channels themselves: a new channel is reported once, as a channel, not again per fee.
    every_b, every_r = set(base.channel_names), set(rev.channel_names)
    d.out = [
        x for x in d.out
        if not (x.entity == "fee" and x.attr == "channels"
                and set(x.old) == every_b and set(x.new) == every_r)
    ]
    for _ in d.entity(
        "step", ("steps",),
        {x.id: _Side(flat_step(x), text(x.title), x.span) for x in base.steps},
        {x.id: _Side(flat_step(x), text(x.title), x.span) for x in rev.steps},
    ):
        pass
    for _ in d.entity(
        "output", ("outputs",),
        {x.id: _Side(flat_output(x), text(x.title), x.span) for x in base.outputs},
        {x.id: _Side(flat_output(x), text(x.title), x.span) for x in rev.outputs},
    ):
        pass
    return d.out


def _strip_root(delta: Delta) -> Delta:
    """Procedure-level keys live at the top of the path (``title``, not ``.title``)."""
    from msgspec.structs import replace

    return replace(delta, path=tuple(p for p in delta.path if p))


def diff_portals(base: Portal, rev: Portal) -> list[Delta]:
    """Every structural difference between two portals, procedure by procedure (by id)."""
    bmap = {p.id: p for p in base.procedures}
    rmap = {p.id: p for p in rev.procedures}
    out: list[Delta] = []
    for pid in sorted(bmap.keys() | rmap.keys()):
        b, r = bmap.get(pid), rmap.get(pid)
        if b is None and r is not None:
            v = flat_procedure(r)
            out.append(Delta("added", pid, "procedure", (), None, None, v, text(r.title),
                             None, r.span, v))
        elif r is None and b is not None:
            v = flat_procedure(b)
            out.append(Delta("removed", pid, "procedure", (), None, v, None, text(b.title),
                             b.span, None, v))
        elif b is not None and r is not None:
            out.extend(diff_procedure(b, r, base, rev))
    return out
