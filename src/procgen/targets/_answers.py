"""The JSON Schema of a procedure's answers, which the OpenAPI spec and the assistant's tool
definitions both state (a lower layer of the targets: neither re-derives it).

Everything here is pure and deterministic: dicts are built in a fixed key order so that the
YAML writer gives stable bytes. What each field kind means comes from the model
(:mod:`procgen.model.facts`): the schema states it, it does not decide it.

The answers object is the JSON of ``procgen quote --answers`` (CLI.md): field id → value, dates
``"YYYY-MM-DD"``, multichoice a list, a group a list of objects.

* :func:`field_schema` — the JSON Schema (2020-12) of one field's answer;
* :func:`answers_schema` — the object schema of a procedure's answers (``required`` lists
  exactly the unconditionally required fields, ``allOf`` holds ``if``/``then`` for conditional
  requirements that JSON Schema can state exactly);
* :func:`condition_schema` — a condition as an exact JSON Schema, or ``None``.

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

from procgen.model.facts import FORMATS, SAFE_INTEGER
from procgen.targets._common import json_pattern

if TYPE_CHECKING:
    from procgen.model.ir import Field, Procedure

if TYPE_CHECKING:
    from procgen.expr import Expr
    from procgen.expr.ast import Node

__all__ = ["answers_schema", "condition_schema", "draft_schema", "field_schema"]


def _value(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def field_schema(field: Field, lang: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one answer to ``field``, described in ``lang``.

    No ``title``: code generators name types after it, so a label would become a class name
    (and a reworded label a renamed class); the OpenAPI target's ``ProcedureSpec``
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


BEYOND_DRAFTS = frozenset({"pattern", "allOf", "format", "formatMinimum", "formatMaximum",
                           "minLength", "maxLength", "minItems", "maxItems", "not"})
"""The keywords of :func:`field_schema` that state checks beyond
:data:`procgen.model.answer.DRAFT_CHECKS` (a kind's shape, a field's pattern, bounds, lengths,
a group's number of entries): a draft's answer is not held to them."""


def draft_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """An answer's schema (:func:`field_schema`, annotated or not) as a draft's answer: the
    same without :data:`BEYOND_DRAFTS`, a number only within ±(2⁵³ − 1), as
    :func:`procgen.model.answer.has_type` reads a number. A group's ``items`` are the
    caller's: a draft's entries are drafts too.

    >>> draft_schema({"type": "integer", "minimum": 0, "maximum": 10, "description": "n"})
    {'type': 'integer', 'minimum': -9007199254740991, 'maximum': 9007199254740991, \
'description': 'n'}
    """
    out = {k: v for k, v in schema.items() if k not in BEYOND_DRAFTS}
    if "minimum" in out or "maximum" in out:
        out.update(minimum=-SAFE_INTEGER, maximum=SAFE_INTEGER)
    return out


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
        for c in (conditional_required(f, by_id), _visibility(f, by_id))
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


def conditional_required(f: Field, by_id: dict[str, Field]) -> dict[str, Any] | None:
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


