"""The answers skeleton ``procgen quote ID --template`` writes: every question, to fill in.

Keys follow the form's page order (the questions of one step side by side), each with a
placeholder of its answer's JSON type, taken from the model's facts
(:data:`procgen.model.facts.KINDS`): ``""`` for a text, ``0`` for a number, ``false`` for a
yes/no question, ``"YYYY-MM-DD"`` for a date, the first option for a choice, ``[]`` for a
multichoice and one entry of its own questions for a group.

>>> from procgen.model.facts import FieldKind
>>> placeholder_of(FieldKind.DATE, ()), placeholder_of(FieldKind.MONEY, ())
('YYYY-MM-DD', 0)
"""

from __future__ import annotations

from typing import Any

from procgen.model.facts import KINDS, FieldKind
from procgen.model.ir import Field, Procedure

_BY_JSON_TYPE: dict[str, Any] = {"string": "", "integer": 0, "number": 0, "boolean": False}


def skeleton(procedure: Procedure) -> dict[str, Any]:
    """Field id → placeholder for every question ``procedure`` asks, in page order."""
    return {f.id: _placeholder(f) for f in procedure.asked_fields or procedure.fields}


def placeholder_of(kind: FieldKind, options: tuple[Any, ...]) -> Any:
    """The placeholder of a scalar answer of ``kind`` (``options``: a choice's values)."""
    if kind == FieldKind.DATE:
        return "YYYY-MM-DD"
    if kind == FieldKind.CHOICE:
        return options[0] if options else ""
    if kind == FieldKind.MULTICHOICE:
        return []
    return _BY_JSON_TYPE[KINDS[kind].json_type]


def _placeholder(f: Field) -> Any:
    if f.kind == FieldKind.GROUP:
        return [{c.id: _placeholder(c) for c in f.children}]
    return placeholder_of(f.kind, tuple(o.value for o in f.options))
