"""The OpenAPI target's answer rules: what the answers' JSON Schema
(:mod:`procgen.targets._answers`, shared with the assistant target) cannot state, as JSON Logic.

Everything here is pure and deterministic: dicts are built in a fixed key order so that the
YAML writer gives stable bytes.

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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen import wording
from procgen.model.ir import Field, Procedure
from procgen.targets._answers import (
    answers_schema,
    condition_schema,
    conditional_required,
    field_schema,
)
from procgen.targets._common import localized
from procgen.wording import rule_message as message

if TYPE_CHECKING:
    from procgen.expr import Expr

__all__ = [
    "answers_schema",
    "condition_schema",
    "document_required_schema",
    "document_rules",
    "field_rules",
    "field_schema",
]


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
            exact = conditional_required(f, by_id) is not None
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
