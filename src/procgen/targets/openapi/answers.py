"""The OpenAPI target's answers: their JSON Schema, and the rules it cannot state, as JSON Logic.

Everything here is pure and deterministic: dicts are built in a fixed key order so that the
YAML writer gives stable bytes. What each field kind means comes from the model
(:mod:`procgen.model.facts`): the schema states it, it does not decide it.

The answers object is the JSON of ``procgen quote --answers`` (CLI.md): field id → value, dates
``"YYYY-MM-DD"``, multichoice a list, a group a list of objects.

Public API:

* :func:`field_schema` — the JSON Schema (2020-12) of one field's answer;
* :func:`answers_schema` — the object schema of a procedure's answers (``required`` lists
  exactly the unconditionally required fields, ``allOf`` holds ``if``/``then`` for conditional
  requirements that JSON Schema can state exactly);
* :func:`condition_schema` — a condition as an exact JSON Schema, or ``None``;
* :func:`field_rules` / :func:`document_rules` — the ``x-procgen-rules`` entries: compiled JSON
  Logic (:func:`procgen.expr.to_jsonlogic`) with messages in every language;

JSON Logic rules are applied to ``{"answers": {...}, "row": {...}, "today": "YYYY-MM-DD"}``
(:func:`procgen.expr.jsonlogic_data`); ``row`` is the group entry for rules whose ``group`` is
set. Semantics of each ``kind``:

* ``when``: the field/document is asked only when the logic is true; an answer given while it
  is false is ignored (not rejected);
* ``required``: when the logic is true (and the field is asked), an answer must be given;
* ``constraint``: when the field is answered, the logic must not be ``false`` (``null``, no
  value, accepts).

>>> from procgen.diagnostics import Span
>>> from procgen.model.facts import FieldKind
>>> from procgen.model.ir import Field, FieldId, Text
>>> f = Field(FieldId("pid"), FieldKind.NATIONAL_ID, Text((("vi", "Số định danh"),), "vi"),
...           Span("p.yaml", 1, 1))
>>> field_schema(f, "vi")["pattern"]
'^(?:(00[1-9]|0[1-8][0-9]|09[0-6])[0-9]{9})$'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen import wording
from procgen.model.facts import FORMATS, SAFE_INTEGER
from procgen.model.ir import Field, Procedure
from procgen.targets._common import json_pattern, localized
from procgen.wording import rule_message as message

if TYPE_CHECKING:
    from procgen.expr import Expr
    from procgen.expr.ast import Node

__all__ = [
    "answers_schema",
    "condition_schema",
    "document_required_schema",
    "document_rules",
    "field_rules",
    "field_schema",
]


def _value(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def field_schema(field: Field, lang: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one answer to ``field``, described in ``lang``.

    No ``title``: code generators name types after it, so a label would become a class name
    (and a reworded label a renamed class); :class:`procgen.targets.openapi.procedure.ProcedureSpec`
    carries the label in ``x-procgen-label`` and the description, and names the enums and group
    entries after the field ids.

    Types follow ``procgen quote``'s checks: ``money`` and ``integer`` are integers, ``date``
    is a ``YYYY-MM-DD`` string (``format: date``; its bounds as ``formatMinimum`` /
    ``formatMaximum``, which 2020-12 validators ignore — they are also in the description), a
    ``group`` is an array of objects (``repeat`` gives ``minItems``/``maxItems``; without
    ``repeat``, any number). The type and the shape (``pattern``) of each kind come from
    :mod:`procgen.model.facts`; a field's own ``pattern`` is added to its kind's shape, never
    put in its place (``allOf``), as every other validator checks both.
    """
    s: dict[str, Any] = {}
    if field.hint is not None:
        s["description"] = field.hint.get(lang)
    k = field.kind
    s["type"] = field.facts.json_type
    shape = FORMATS.get(k)
    if shape is not None:
        s["pattern"] = shape.anchored
        if k == "date":
            s["format"] = "date"
    if field.pattern is not None:  # the field's own pattern, on top of its kind's shape
        if "pattern" in s:
            s["allOf"] = [{"pattern": json_pattern(field.pattern)}]
        else:
            s["pattern"] = json_pattern(field.pattern)
    if k == "money":
        s["x-procgen-currency"] = "VND"
    elif k == "choice":
        s["type"] = _option_type(field)
        if field.options:
            s["enum"] = [o.value for o in field.options]
    elif k == "multichoice":
        items: dict[str, Any] = {"type": _option_type(field)}
        if field.options:
            items["enum"] = [o.value for o in field.options]
        s.update(items=items, uniqueItems=True)
    elif k == "group":
        s["items"] = _object_schema(field.children, lang)
        s["minItems"] = field.repeat.min
        if field.repeat.max is not None:
            s["maxItems"] = field.repeat.max
    _bounds(field, s)
    if field.default is not None:
        s["default"] = _value(field.default)
    if field.prefill is not None:
        s["x-procgen-prefill"] = field.prefill
    return s


def _option_type(field: Field) -> str | list[str]:
    kinds = sorted({"integer" if isinstance(o.value, int) else "string" for o in field.options})
    if not kinds:
        return ["string", "integer"]
    return kinds[0] if len(kinds) == 1 else kinds


def _bounds(field: Field, s: dict[str, Any]) -> None:
    if field.kind == "date":
        if field.min is not None:
            s["formatMinimum"] = str(field.min)
        if field.max is not None:
            s["formatMaximum"] = str(field.max)
    elif field.facts.numeric:  # no answer is beyond ±(2^53 - 1) (I-JSON), whatever the field
        s["minimum"] = field.min if field.min is not None else -SAFE_INTEGER
        s["maximum"] = field.max if field.max is not None else SAFE_INTEGER
    if field.kind == "multichoice":
        # An empty list is no answer: it satisfies any min_length, but not a requirement.
        if field.unconditionally_required:
            s["minItems"] = max(field.min_length or 0, 1)
        elif field.min_length is not None and field.min_length > 1:
            s["not"] = {"minItems": 1, "maxItems": field.min_length - 1}
        if field.max_length is not None:
            s["maxItems"] = field.max_length
    elif field.kind != "group":
        if field.min_length is not None:
            s["minLength"] = field.min_length
        if field.max_length is not None:
            s["maxLength"] = field.max_length


def _object_schema(fields: tuple[Field, ...], lang: str) -> dict[str, Any]:
    by_id: dict[str, Field] = {f.id: f for f in fields}
    s: dict[str, Any] = {
        "type": "object",
        "properties": {f.id: field_schema(f, lang) for f in fields},
        "additionalProperties": False,
    }
    required = [f.id for f in fields if f.unconditionally_required]
    if required:
        s["required"] = required
    conditionals = [
        c
        for f in fields
        for c in (_conditional_required(f, by_id), _visibility(f, by_id))
        if c is not None
    ]
    if conditionals:
        s["allOf"] = conditionals
    return s


def answers_schema(procedure: Procedure, lang: str) -> dict[str, Any]:
    """The JSON object of a procedure's answers (its asked fields, in page order).

    ``required`` is exactly the unconditionally required fields; a requirement that depends on
    the answers appears in ``allOf`` as ``if``/``then`` when :func:`condition_schema` can state
    its condition exactly (and always in :func:`field_rules`).
    """
    return _object_schema(procedure.asked_fields or procedure.fields, lang)


def _conditional_required(f: Field, by_id: dict[str, Field]) -> dict[str, Any] | None:
    """``{"if": <asked and required>, "then": {"required": [f]}}`` when exact, else None."""
    if f.unconditionally_required or f.required is False:
        return None
    if f.effective_default is not None:
        return None  # always answered when asked (the default; unchecked is false)
    parts: list[dict[str, Any]] = []
    for cond in (f.when, f.required if not isinstance(f.required, bool) else None):
        if cond is None:
            continue
        exact = condition_schema(cond, by_id)
        if exact is None:
            return None
        parts.append(exact)
    condition = parts[0] if len(parts) == 1 else {"allOf": parts}
    return {"if": condition, "then": {"required": [f.id]}}


def _visibility(f: Field, by_id: dict[str, Field]) -> dict[str, Any] | None:
    """When ``f``'s ``when`` is false it is not asked: an annotation, never a rejection.

    An answer to a question that is not asked is ignored (``procgen quote`` warns, PG609), so
    the ``then`` holds only annotations: ``x-procgen-asked: false`` on the property.
    """
    if f.when is None or (exact := condition_schema(f.when, by_id)) is None:
        return None
    return {
        "if": {"not": exact},
        "then": {"properties": {f.id: {"x-procgen-asked": False}}},
    }


def condition_schema(expr: Expr | Node, fields: dict[str, Field]) -> dict[str, Any] | None:
    """A condition as a JSON Schema that an answers object satisfies exactly when it holds.

    The expression backend :func:`procgen.expr.to_jsonschema` decides; here, which fields are
    plain (no ``when``, no ``default`` but a boolean's ``false``: "no value" is "absent").
    """
    from procgen.expr import to_jsonschema

    plain = {
        f.id: f.kind
        for f in fields.values()
        # "no value" is simply "absent": no default, or a yes/no question's own false
        if f.when is None and (f.effective_default is None or f.effective_default is False)
    }
    return to_jsonschema(expr, plain)


def _logic(expr: Expr) -> Any:
    from procgen.expr import to_jsonlogic

    return to_jsonlogic(expr)


def required_message(f: Field, languages: tuple[str, ...]) -> dict[str, str]:
    """What the form and the app say when ``f`` is required and not answered (its own words)."""
    return {lang: wording.field_messages(f, lang)["required"] for lang in languages}


def field_rules(procedure: Procedure, languages: tuple[str, ...]) -> list[dict[str, Any]]:
    """The ``x-procgen-rules`` entries of every asked field (group entries included).

    Each entry: ``id`` (unique), ``kind`` (``when``/``required``/``constraint``), ``field``,
    ``group`` (set when it applies to each entry of that group, with ``row`` the entry),
    ``logic`` (JSON Logic), ``message`` (``{lang: text}``) and ``in_schema`` (whether the same
    rule is also stated exactly by the JSON Schema).
    """
    out: list[dict[str, Any]] = []
    top = procedure.asked_fields or procedure.fields

    def visit(fields: tuple[Field, ...], group: str | None) -> None:
        by_id: dict[str, Field] = {f.id: f for f in fields} if group is None else {}
        for f in fields:
            exact = _conditional_required(f, by_id) is not None
            name = f"{group}.{f.id}" if group else f.id
            base: dict[str, Any] = {"field": f.id}
            if group:
                base["group"] = group
            if f.when is not None:
                out.append(
                    {
                        "id": f"{name}.when",
                        "kind": "when",
                        **base,
                        "logic": _logic(f.when),
                        "message": message("when", languages),
                        "in_schema": False,
                    }
                )
            if not isinstance(f.required, bool):
                out.append(
                    {
                        "id": f"{name}.required",
                        "kind": "required",
                        **base,
                        "logic": _logic(f.required),
                        "message": required_message(f, languages),
                        "in_schema": exact,
                    }
                )
            elif f.required and f.when is not None:
                out.append(
                    {
                        "id": f"{name}.required",
                        "kind": "required",
                        **base,
                        "logic": True,
                        "message": required_message(f, languages),
                        "in_schema": exact,
                    }
                )
            if f.constraint is not None:
                msg = (
                    localized(f.constraint_message, languages)
                    if f.constraint_message
                    else {lang: wording.field_message(f, "err_constraint", lang)
                          for lang in languages}
                )
                out.append(
                    {
                        "id": f"{name}.constraint",
                        "kind": "constraint",
                        **base,
                        "logic": _logic(f.constraint),
                        "message": msg,
                        "in_schema": False,
                    }
                )
            if f.kind == "group" and group is None:
                visit(f.children, f.id)

    visit(top, None)
    return out


def document_required_schema(procedure: Procedure) -> list[dict[str, Any]]:
    """``if``/``then`` requirements of uploadable documents whose conditions are exact."""
    by_id: dict[str, Field] = {f.id: f for f in procedure.asked_fields or procedure.fields}
    out = []
    for d in procedure.uploadable_documents:
        if d.unconditionally_required or d.required is False:
            continue
        conds = [c for c in (d.when, d.required) if c is not None and not isinstance(c, bool)]
        parts = [condition_schema(c, by_id) for c in conds]
        if any(p is None for p in parts):
            continue
        exact = [p for p in parts if p is not None]
        out.append(
            {"if": exact[0] if len(exact) == 1 else {"allOf": exact}, "then": {"required": [d.id]}}
        )
    return out


def document_rules(procedure: Procedure, languages: tuple[str, ...]) -> list[dict[str, Any]]:
    """The ``x-procgen-rules`` entries of uploadable documents (``document`` instead of
    ``field``)."""
    exact = {r["then"]["required"][0] for r in document_required_schema(procedure)}
    out: list[dict[str, Any]] = []
    for d in procedure.uploadable_documents:
        if d.when is not None:
            out.append(
                {
                    "id": f"{d.id}.when",
                    "kind": "when",
                    "document": d.id,
                    "logic": _logic(d.when),
                    "message": message("when_document", languages),
                    "in_schema": False,
                }
            )
        if d.required is not False and (d.when is not None or not isinstance(d.required, bool)):
            logic = True if isinstance(d.required, bool) else _logic(d.required)
            out.append(
                {
                    "id": f"{d.id}.required",
                    "kind": "required",
                    "document": d.id,
                    "logic": logic,
                    "message": {lang: wording.document_messages(d, lang)["required"]
                                for lang in languages},
                    "in_schema": d.id in exact,
                }
            )
    return out
