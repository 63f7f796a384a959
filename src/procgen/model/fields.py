"""Expand ``use`` blocks and build :class:`Field` values, checking what the schema cannot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from procgen.diagnostics import DiagnosticSink, Phrase, Related, Span
from procgen.model.facts import FORMATS, NUMERIC, TEXTUAL, FieldKind, length_unit
from procgen.model.ir import (
    ANY_NUMBER,
    MAX_ID_LENGTH,
    MESSAGE_KEYS,
    BlockUse,
    Field,
    FieldId,
    Option,
    Repeat,
    Text,
)
from procgen.model.words import FIRST_DEFINED, FIRST_USED
from procgen.model.words import kind as kind_words
from procgen.model.workspace import TextMaker, Workspace, options_from

if TYPE_CHECKING:
    from procgen.expr import Expr, FieldSig, Scope
    from procgen.source import Document, Path

MAX_GROUP_DEPTH = 10
"""Groups a field may sit inside (a top-level group's fields are 1 deep), PG316."""
MAX_BLOCK_DEPTH = 10
"""Blocks a ``use`` may sit inside (a procedure's own ``use`` is 1 deep), PG316."""


class UseItem(Struct, frozen=True):
    """A procedure's own ``- use:`` item, as written (the builder makes its
    :class:`~procgen.model.ir.BlockUse`)."""

    doc: Document
    path: Path
    name: str
    block: str
    prefix: str | None


class RawField(Struct, frozen=True):
    """One field item after ``use`` expansion, with the document it was written in."""

    doc: Document
    path: Path
    value: dict[str, Any]
    block: str | None
    children: tuple[RawField, ...]
    used_at: Span | None = None
    """The ``- use:`` line of the procedure that brought this field in from a block (the
    outermost one, for a block used inside a block): where the author can act on it."""
    prefix: str = ""
    """Put before the written id (``site_``), from the prefixes of the uses around it."""
    use_name: str | None = None
    """What a step lists to ask this field with the other fields of its block: the name of
    the use that brought it in (the block's name, or ``<prefix>_<block>``)."""
    used: UseItem | None = None
    """The procedure's own ``- use:`` of this field, for its prefix and heading."""
    renames: Mapping[str, str] = {}
    """Written id → real id for the fields its block brought in: what the block's own
    expressions mean by ``address_province`` once the use gave a prefix."""

    @property
    def id(self) -> str:
        return self.prefix + str(self.value["id"])

    @property
    def span(self) -> Span:
        return self.doc.locate((*self.path, "id"))


def expand(
    ws: Workspace,
    doc: Document,
    path: Path,
    block: str | None,
    sink: DiagnosticSink,
    stack: tuple[str, ...] = (),
    groups: int = 0,
    used_at: Span | None = None,
    prefix: str = "",
) -> list[RawField]:
    """Expand the field items at ``path`` (recursively through blocks and groups).

    ``stack`` is the chain of blocks being expanded and ``groups`` the number of groups
    around ``path``; past :data:`MAX_BLOCK_DEPTH` / :data:`MAX_GROUP_DEPTH` the structure is
    refused (PG316) and not followed, so no later pass recurses deeper. ``prefix`` goes
    before the ids of the items at ``path`` (not of a group's children: they are named
    inside their entry).
    """
    out: list[RawField] = []
    seen: dict[str, Span] = {}
    for i, item in enumerate(doc.value_at(path)):
        item_path = (*path, i)
        if "use" in item:
            out.extend(_use(ws, doc, item_path, item, sink, stack, groups, used_at, prefix, seen))
            continue
        children: tuple[RawField, ...] = ()
        if "fields" in item and groups >= MAX_GROUP_DEPTH:
            sink.emit("PG316", doc.locate((*item_path, "id")), name=item.get("id"),
                      depth=groups + 1, what="groups", limit=MAX_GROUP_DEPTH)
        elif "fields" in item:
            children = tuple(
                expand(ws, doc, (*item_path, "fields"), block, sink, stack, groups + 1, used_at))
        out.append(RawField(doc, item_path, item, block, children, used_at, prefix))
    return out


def _use(ws: Workspace, doc: Document, item_path: Path, item: dict[str, Any],
         sink: DiagnosticSink, stack: tuple[str, ...], groups: int, used_at: Span | None,
         prefix: str, seen: dict[str, Span]) -> list[RawField]:
    """The fields one ``- use:`` item brings in, prefixed and renamed as it says."""
    name = item["use"]
    span = doc.locate((*item_path, "use"))
    own = item.get("prefix")
    use_name = f"{own}_{name}" if own else name
    if use_name in seen:
        sink.emit("PG319", span, name=name, related=[Related(FIRST_USED, seen[use_name])])
        return []
    seen[use_name] = span
    if name in stack:
        sink.emit("PG313", span, name=name, chain=" → ".join((*stack, name)))
        return []
    if len(stack) >= MAX_BLOCK_DEPTH:
        sink.emit("PG316", span, name=name, depth=len(stack) + 1, what="blocks",
                  limit=MAX_BLOCK_DEPTH)
        return []
    if not ws.has_block(name):
        sink.emit("PG303", span, kind=kind_words("block"), name=name,
                  suggestion=ws.suggest("common", name))
        return []
    bdoc = ws.block(name)
    if bdoc is None:
        return []
    inner = f"{prefix}{own}_" if own else prefix
    fields = expand(ws, bdoc, ("fields",), name, sink, (*stack, name), groups, used_at or span,
                    inner)
    if own:
        long = [f.id for f in fields if len(f.id) > MAX_ID_LENGTH]
        if long:
            sink.emit("PG320", doc.locate((*item_path, "prefix")), prefix=own,
                      ids=", ".join(long), limit=MAX_ID_LENGTH)
            return []
    renames = {str(f.value["id"]): f.id for f in fields} if inner else {}
    here = UseItem(doc, item_path, use_name, name, own) if not stack else None
    return [replace(f, use_name=f.use_name or use_name, used=f.used or here,
                    **_renamed(f, renames)) for f in fields]


def _renamed(f: RawField, renames: Mapping[str, str]) -> dict[str, Any]:
    """``renames`` for ``f`` and every field inside it that has none yet (the innermost
    block's renames are the ones its own expressions mean)."""
    if f.renames or not renames:
        return {}
    return {"renames": renames,
            "children": tuple(replace(c, **_renamed(c, renames)) for c in f.children)}


def check_unique(fields: list[RawField] | tuple[RawField, ...], sink: DiagnosticSink) -> None:
    """Field ids are unique among siblings (top level, and inside each group)."""
    seen: dict[str, RawField] = {}
    for f in fields:
        if f.id in seen:
            first = seen[f.id]
            sink.emit(
                "PG302",
                f.span,
                kind=kind_words("field"),
                id=f.id,
                related=[Related(FIRST_DEFINED, first.span)],
            )
        else:
            seen[f.id] = f
        check_unique(f.children, sink)


class FieldBuilder:
    """Turns raw fields into :class:`Field` values; one per procedure."""

    def __init__(self, ws: Workspace, text: TextMaker, sink: DiagnosticSink) -> None:
        self.ws = ws
        self.text = text
        self.sink = sink
        self._options: dict[int, tuple[Option, ...]] = {}
        self._uses: dict[tuple[int, Path], BlockUse] = {}

    def options(self, f: RawField) -> tuple[Option, ...]:
        key = id(f)
        if key not in self._options:
            opts = f.value.get("options")
            result: tuple[Option, ...] = ()
            if isinstance(opts, str):
                found = self.ws.options(opts, self.text)
                if found is None and not (self.ws.root / "lists" / f"{opts}.yaml").is_file():
                    self.sink.emit(
                        "PG303",
                        f.doc.locate((*f.path, "options")),
                        kind=kind_words("option list"),
                        name=opts,
                        suggestion=self.ws.suggest("lists", opts),
                    )
                result = found or ()
            elif isinstance(opts, list):
                result = options_from(f.doc, (*f.path, "options"), self.text)
            self._options[key] = result
        return self._options[key]

    def signature(self, f: RawField) -> FieldSig:
        from procgen.expr import FieldSig

        choice = f.value["type"] in ("choice", "multichoice")
        options = self.options(f) if choice else ()
        values = tuple(str(o.value) for o in options) if choice else None
        labels = tuple((text, str(o.value)) for o in options
                       for text in o.label.as_dict().values())
        return FieldSig(f.id, f.value["type"], values, tuple(self.signature(c) for c in f.children),
                        labels)

    def build(self, f: RawField, scope: Scope, group: str | None = None) -> Field:
        from procgen.expr import Scope as ScopeType

        v, doc, path = f.value, f.doc, f.path
        kind = v["type"]
        self._check_keys(f)
        inner = ScopeType(scope.fields, group=f.id, renames=f.renames) if kind == "group" else scope
        children = tuple(self.build(c, inner, f.id) for c in f.children)
        expr_scope = ScopeType(scope.fields, group=group, renames=f.renames)
        required = v.get("required", False)
        if isinstance(required, str):
            required = self.expr(doc, (*path, "required"), expr_scope, "boolean") or False
        label = self.text(doc, (*path, "label"), v["label"])
        return Field(
            id=FieldId(f.id),
            kind=FieldKind(kind),
            label=label,
            span=f.span,
            hint=self.text.maybe(doc, (*path, "hint"), v.get("hint")),
            required=required,
            when=self.expr(doc, (*path, "when"), expr_scope, "boolean"),
            constraint=self.expr(doc, (*path, "constraint"), expr_scope, "boolean"),
            constraint_message=self.text.maybe(
                doc, (*path, "constraint_message"), v.get("constraint_message")
            ),
            min=v.get("min"),
            max=v.get("max"),
            min_length=v.get("min_length"),
            max_length=v.get("max_length"),
            pattern=v.get("pattern"),
            options=self.options(f),
            options_list=v["options"] if isinstance(v.get("options"), str) else None,
            default=_answer_key(v, "default"),
            example=_answer_key(v, "example"),
            prefill=v.get("prefill"),
            children=children,
            repeat=_repeat(v) if kind == "group" else ANY_NUMBER,
            entry_label=self.text.maybe(doc, (*path, "entry_label"), v.get("entry_label")),
            messages=self._messages(f),
            block=f.block,
            used=self._block_use(f.used),
        )

    def _block_use(self, item: UseItem | None) -> BlockUse | None:
        """The procedure's ``- use:`` as the model keeps it (one per use, shared by its fields)."""
        if item is None:
            return None
        key = (id(item.doc), item.path)
        if key not in self._uses:
            heading = (*item.path, "heading")
            self._uses[key] = BlockUse(
                item.name, item.block, item.prefix,
                self.text.maybe(item.doc, heading, item.doc.value_at(heading)
                                if item.doc.has(heading) else None))
        return self._uses[key]

    def _messages(self, f: RawField) -> tuple[tuple[str, Text], ...]:
        """The author's ``messages``, in :data:`MESSAGE_KEYS` order (the schema names the keys)."""
        given = f.value.get("messages") or {}
        path = (*f.path, "messages")
        return tuple((key, self.text(f.doc, (*path, key), given[key]))
                     for key in MESSAGE_KEYS if key in given)

    def expr(self, doc: Document, path: Path, scope: Scope, expect: str) -> Expr | None:
        """Compile the expression at ``path`` if there is one."""
        source = doc.value_at(path) if doc.has(path) else None
        if not isinstance(source, str):
            return None
        from procgen.expr import compile_expression

        where = doc.scalar(path) or doc.locate(path)
        return compile_expression(source, where, scope, expect, self.sink)  # type: ignore[arg-type]

    def _check_keys(self, f: RawField) -> None:
        """Keys that must fit the field's type (the schema cannot say so clearly)."""
        v, doc, path, kind = f.value, f.doc, f.path, f.value["type"]

        def bad(key: str, problem: Phrase) -> None:
            self.sink.emit("PG309", doc.locate((*path, key), "key"), problem=problem)

        allowed: dict[str, tuple[str, ...]] = {
            "options": ("choice", "multichoice"),
            "fields": ("group",),
            "repeat": ("group",),
            "min": (*NUMERIC, "date"),
            "max": (*NUMERIC, "date"),
            "min_length": (*TEXTUAL, "multichoice"),
            "max_length": (*TEXTUAL, "multichoice"),
            "pattern": TEXTUAL,
            "entry_label": ("group",),
        }
        for key, kinds in allowed.items():
            if key in v and kind not in kinds:
                only = ", ".join(kinds)
                bad(key, Phrase(f"'{key}' does not apply to a {kind} field (only to: {only})",
                                f"'{key}' không dùng cho trường kiểu {kind} (chỉ cho: {only})"))
        if kind in ("choice", "multichoice") and "options" not in v:
            self.sink.emit("PG111", doc.locate(path), key="options",
                           context=Phrase(f" in '{f.id}'", f" trong '{f.id}'"))
        if kind == "group" and "fields" not in v:
            self.sink.emit("PG111", doc.locate(path), key="fields",
                           context=Phrase(f" in '{f.id}'", f" trong '{f.id}'"))
        self._check_bounds(f, bad)
        pattern_ok = "pattern" not in v or self._check_pattern(f)
        for key in ("default", "example"):
            if key in v:
                self._check_answer_key(f, key, bad, pattern_ok)

    def _check_pattern(self, f: RawField) -> bool:
        """The pattern is of the dialect (PG314) and safe for backtracking engines (PG315)."""
        from procgen.model.ambiguity import SlowPattern, check
        from procgen.model.patterns import PatternError

        path = (*f.path, "pattern")
        text = f.value["pattern"]
        if not isinstance(text, str):
            return False
        try:
            check(text)
        except PatternError as e:
            info = f.doc.scalar(path)
            span = info.span_at(e.offset, e.length) if info else f.doc.locate(path)
            code = "PG315" if isinstance(e, SlowPattern) else "PG314"
            self.sink.emit(code, span, problem=e.problem)
            return False
        return True

    def _check_bounds(self, f: RawField, bad: Any) -> None:
        v, kind = f.value, f.value["type"]
        for key in ("min", "max"):
            if key not in v:
                continue
            value = v[key]
            if kind == "date" and not is_date(value):
                bad(key, Phrase(f"'{key}' of a date field must be a date written YYYY-MM-DD",
                                f"'{key}' của trường ngày phải là ngày viết dạng YYYY-MM-DD"))
            elif kind in NUMERIC and (isinstance(value, str | bool)):
                bad(key, Phrase(f"'{key}' of {_a(kind)} {kind} field must be a number",
                                f"'{key}' của trường kiểu {kind} phải là một số"))
            elif (
                kind in ("integer", "money") and isinstance(value, float) and not value.is_integer()
            ):
                bad(key, Phrase(f"'{key}' of {_a(kind)} {kind} field must be a whole number",
                                f"'{key}' của trường kiểu {kind} phải là số nguyên"))
        lo, hi = v.get("min"), v.get("max")
        if lo is not None and hi is not None and type(lo) is type(hi) and lo > hi:
            bad("max", Phrase(f"'max' ({hi}) is less than 'min' ({lo})",
                              f"'max' ({hi}) nhỏ hơn 'min' ({lo})"))
        if (
            v.get("min_length") is not None
            and v.get("max_length") is not None
            and v["min_length"] > v["max_length"]
        ):
            most, least = v["max_length"], v["min_length"]
            bad("max_length", Phrase(f"'max_length' ({most}) is less than 'min_length' ({least})",
                                     f"'max_length' ({most}) nhỏ hơn 'min_length' ({least})"))
        rep = v.get("repeat") or {}
        if rep.get("min") is not None and rep.get("max") is not None and rep["min"] > rep["max"]:
            bad("repeat", Phrase(f"repeat max ({rep['max']}) is less than min ({rep['min']})",
                                 f"repeat max ({rep['max']}) nhỏ hơn min ({rep['min']})"))

    def _check_answer_key(self, f: RawField, key: str, bad: Any, pattern_ok: bool) -> None:
        """A ``default`` or ``example`` is an answer the field itself accepts: type, options,
        bounds, lengths, pattern and format — or the API's own example would break the API's
        schema."""
        v, kind, d = f.value, f.value["type"], f.value[key]
        ok = {
            "boolean": isinstance(d, bool),
            "integer": isinstance(d, int) and not isinstance(d, bool),
            "money": isinstance(d, int) and not isinstance(d, bool),
            "number": isinstance(d, int | float) and not isinstance(d, bool),
            "date": is_date(d),
            "multichoice": isinstance(d, list),
            "group": False,
        }.get(kind, isinstance(d, str | int) and not isinstance(d, bool))
        if kind in TEXTUAL and not isinstance(d, str):
            ok = False
        if not ok:
            bad(key, Phrase(f"'{key}' {d!r} does not fit {_a(kind)} {kind} field",
                                  f"'{key}' {d!r} không hợp với trường kiểu {kind}"))
            return
        if kind in ("choice", "multichoice"):
            values = {o.value for o in self.options(f)}
            for item in d if isinstance(d, list) else [d]:
                if values and item not in values:
                    bad(key, Phrase(f"'{key}' {item!r} is not one of the options",
                                          f"'{key}' {item!r} không phải một lựa chọn"))
        if kind in (*NUMERIC, "date"):
            lo, hi = (_bound(kind, v.get(key)) for key in ("min", "max"))
            if (lo is not None and d < lo) or (hi is not None and d > hi):
                bad(key, Phrase(f"'{key}' {d} is outside min/max",
                                      f"'{key}' {d} nằm ngoài khoảng min/max"))
        if kind == "multichoice":
            repeated = sorted({str(x) for x in d if d.count(x) > 1})
            if repeated:
                twice = ", ".join(repeated)
                bad(key, Phrase(f"'{key}' lists {twice} more than once",
                                      f"'{key}' liệt kê {twice} hơn một lần"))
        if kind in TEXTUAL or kind == "multichoice":
            self._check_answer_text(f, key, d, bad, pattern_ok)

    def _check_answer_text(self, f: RawField, key: str, d: Any, bad: Any,
                           pattern_ok: bool) -> None:
        from procgen.model.patterns import compile_pattern

        v, kind = f.value, f.value["type"]
        unit, unit_vi = length_unit(kind)
        lo, hi = v.get("min_length"), v.get("max_length")
        if isinstance(lo, int) and len(d) < lo:
            bad(key, Phrase(f"'{key}' has {len(d)} {unit}; 'min_length' is {lo}",
                                  f"'{key}' có {len(d)} {unit_vi}; 'min_length' là {lo}"))
        if isinstance(hi, int) and len(d) > hi:
            bad(key, Phrase(f"'{key}' has {len(d)} {unit}; 'max_length' is {hi}",
                                  f"'{key}' có {len(d)} {unit_vi}; 'max_length' là {hi}"))
        if kind == "multichoice":
            return
        if kind in FORMATS and not FORMATS[kind].matches(d):
            shape = FORMATS[kind]
            bad(key, Phrase(f"'{key}' {d!r} is not {shape.what}",
                                  f"'{key}' {d!r} không phải {shape.what_vi}"))
        if pattern_ok and "pattern" in v and not compile_pattern(v["pattern"]).fullmatch(d):
            bad(key, Phrase(f"'{key}' {d!r} does not match the field's pattern",
                                  f"'{key}' {d!r} không khớp mẫu (pattern) của trường"))


def _answer_key(v: dict[str, Any], key: str) -> Any:
    """``default`` or ``example`` as the model keeps it (a list as a tuple)."""
    value = v.get(key)
    return tuple(value) if isinstance(value, list) else value


def _a(kind: str) -> str:
    """``a`` or ``an`` before a field kind: an integer field, a date field."""
    return "an" if kind[:1] in "aeiou" else "a"


def _bound(kind: str, value: Any) -> Any:
    """A usable ``min``/``max`` of a numeric or date field (None when absent or itself bad)."""
    if kind == "date":
        return str(value) if value is not None and is_date(str(value)) else None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _repeat(v: dict[str, Any]) -> Repeat:
    r = v.get("repeat") or {}
    return Repeat(int(r.get("min", 0)), r.get("max"))


def is_date(value: Any) -> bool:
    """A real calendar day written ``YYYY-MM-DD`` (the DSL's and the answers' only date form).

    >>> is_date("2024-02-29"), is_date("2023-02-29"), is_date("1/1/2024")
    (True, False, False)
    """
    from procgen.model.answer import is_real_date

    return isinstance(value, str) and FORMATS["date"].matches(value) and is_real_date(value)
