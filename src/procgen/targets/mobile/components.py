"""Typed mobile components: one per asked field (bound to it) and one per document to capture.

Every input component carries its rules as JSON Logic (:func:`procgen.expr.to_jsonlogic`):
``visible_when`` (shown and answered only when it evaluates to ``true``), ``required`` (an answer
is needed when it evaluates to ``true``; a JSON boolean is a constant rule) and, when the
procedure has one, ``constraint`` (an answer is refused when it evaluates to ``false``). Rules
are applied to ``{"answers": ..., "row": ..., "today": ...}``; see ``docs/targets/mobile.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen import wording
from procgen.model.facts import FORMATS
from procgen.targets._common import json_pattern, localized
from procgen.targets.mobile.i18n import ui_text

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.expr import Expr
    from procgen.model.ir import Document, Field, Text

COMPONENT_TYPES: dict[str, str] = {
    "text": "text",
    "textarea": "textarea",
    "integer": "number",
    "number": "number",
    "money": "money",
    "date": "date",
    "boolean": "boolean",
    "choice": "choice",
    "multichoice": "multichoice",
    "email": "email",
    "phone": "phone",
    "national_id": "national_id",
    "address": "address",
    "group": "repeat_group",
}
"""DSL field type → component type (``integer`` is a ``number`` with ``"integer": true``)."""

_KEYBOARD = {"tel": "phone"}
"""Mobile keyboard names that differ from the HTML ``inputmode`` of the kind's facts."""


class Build(Struct, frozen=True):
    """What component builders need: the project's languages and the diagnostics sink."""

    languages: tuple[str, ...]
    sink: DiagnosticSink

    def text(self, t: Text) -> dict[str, str]:
        return localized(t, self.languages)

    def ui(self, key: str, **fields: object) -> dict[str, str]:
        return ui_text(key, self.languages, **fields)

    def messages(self, per_lang: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        """``{lang: {key: text}}`` (the web page's words) as ``{key: {lang: text}}``."""
        first = per_lang[self.languages[0]]
        return {key: {lang: per_lang[lang][key] for lang in self.languages} for key in first}

    def field_messages(self, f: Field) -> dict[str, dict[str, str]]:
        """The field's messages, the same words as the web page's (``wording``)."""
        return self.messages({lang: wording.field_messages(f, lang) for lang in self.languages})


def logic(rule: bool | Expr | None, *, absent: bool) -> Any:
    """A rule as JSON Logic: a constant stays a JSON boolean; ``None`` becomes ``absent``."""
    if rule is None:
        return absent
    if isinstance(rule, bool):
        return rule
    from procgen.expr import to_jsonlogic

    return to_jsonlogic(rule)


def field_component(f: Field, b: Build, group: str | None = None,
                    nested: bool = False) -> dict[str, Any]:
    """The component bound to ``f`` (``group`` is the id of the group it sits in, if any).

    ``nested`` marks a field inside a group that is itself inside a group: its expression rules
    are not carried (``PG562`` was reported for the inner group) and the server checks them.
    """
    kind = f.kind
    c: dict[str, Any] = {
        "type": COMPONENT_TYPES[kind],
        "id": f"f.{group}.{f.id}" if group else f"f.{f.id}",
        "field": f.id,
        "label": b.text(f.label),
    }
    if f.hint is not None:
        c["hint"] = b.text(f.hint)
    if group is None and f.section is not None:
        c["section"] = b.text(f.section)  # the web page's fieldset legend
    if nested:
        c["visible_when"] = True
        c["required"] = f.required is True
    else:
        c["visible_when"] = logic(f.when, absent=True)
        c["required"] = logic(f.required, absent=False)
    messages = b.field_messages(f)
    if f.constraint is not None and not nested:
        message = (b.text(f.constraint_message) if f.constraint_message else
                   {lang: wording.field_message(f, "err_constraint", lang)
                    for lang in b.languages})
        c["constraint"] = {"logic": logic(f.constraint, absent=True), "message": message}
    mode = f.facts.input_mode
    if mode != "none":
        c["keyboard"] = _KEYBOARD.get(mode, mode)
    _validation(f, c)
    if kind in ("choice", "multichoice"):
        c["options"] = [{"value": o.value, "label": b.text(o.label)} for o in f.options]
    if kind == "group":
        inner = nested or group is not None
        if group is not None and not nested:
            b.sink.emit("PG562", f.span, field=f.id, group=group)
        c["min_items"] = f.repeat.min
        c["max_items"] = f.repeat.max
        c["entry_name"] = {lang: wording.entry_name(f, lang) for lang in b.languages}
        c["add_label"] = {lang: wording.add_entry(f, lang) for lang in b.languages}
        c["components"] = [field_component(ch, b, f.id, inner) for ch in f.children]
    if f.effective_default is not None:
        c["default"] = f.effective_default
    if f.prefill is not None:
        c["prefill"] = {"source": f.prefill, "note": b.ui("prefill", database=f.prefill)}
    c["messages"] = messages
    return c


def _validation(f: Field, c: dict[str, Any]) -> None:
    """Kind-specific checks (bounds, lengths, pattern, format); their messages are the
    field's :func:`procgen.wording.field_messages`."""
    kind = f.kind
    if kind in ("integer", "number"):
        c["integer"] = kind == "integer"
    elif kind == "money":
        c["currency"] = "VND"
    elif kind in FORMATS:  # the shape every answer has; a date's also a real calendar day
        c["format_pattern"] = FORMATS[kind].anchored
        if FORMATS[kind].strip:
            c["strip"] = FORMATS[kind].strip
    if f.pattern is not None:  # of the dialect, which ECMA-262 reads the same (PG314)
        c["pattern"] = json_pattern(f.pattern)
    if kind in ("integer", "number", "money", "date"):
        for bound in ("min", "max"):
            value = getattr(f, bound)
            if value is None:
                continue
            c[bound] = str(value) if kind == "date" else value
    items = kind == "multichoice"
    for bound, name in (("min_length", "min_items" if items else "min_length"),
                        ("max_length", "max_items" if items else "max_length")):
        value = getattr(f, bound)
        if value is None or kind == "group":
            continue
        c[name] = value


def capture_component(d: Document, b: Build) -> dict[str, Any]:
    """The ``document_capture`` component of an uploadable document."""
    camera = not d.accept or any(m.startswith("image/") for m in d.accept)
    c: dict[str, Any] = {
        "type": "document_capture",
        "id": f"d.{d.id}",
        "document": d.id,
        "label": b.text(d.title),
    }
    if d.hint is not None:
        c["hint"] = b.text(d.hint)
    c["visible_when"] = logic(d.when, absent=True)
    c["required"] = logic(d.required, absent=True)
    c["sources"] = ["camera", "file"] if camera else ["file"]
    c["accept"] = list(d.accept)
    c["max_size_mb"] = d.max_size_mb
    c["max_size_bytes"] = d.max_bytes
    c["originals"] = d.originals
    c["copies"] = d.copies
    if d.template is not None:
        c["template"] = {"code": d.template.code}
        if d.template.title is not None:
            c["template"]["title"] = b.text(d.template.title)
    c["messages"] = b.messages({lang: wording.document_messages(d, lang)
                                for lang in b.languages})
    return c
