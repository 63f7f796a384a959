"""Whether one answer fits one field, and if not, why: the reference every validator follows.

``quote`` reports these problems; the web runtime, the mobile rules and the OpenAPI schema
state the same checks in their own languages, in the same order, with the same message keys
(``tests/differential`` holds them to it). Only the answer itself is judged here; whether a
field is asked, required or satisfies its ``constraint`` depends on the other answers and is
the expression evaluator's business.

The order is fixed, and the first problem is the one a form shows:

1. ``type`` — the JSON type of the kind (:data:`procgen.model.facts.KINDS`);
2. ``option`` — a choice is one of the options;
3. ``format`` — the shape of the kind (:data:`procgen.model.facts.FORMATS`), a real date;
4. ``min`` / ``max`` — numbers, and dates (compared as ``YYYY-MM-DD`` text);
5. ``min_length`` / ``max_length`` — characters (code points) of a text, choices of a
   multichoice; an empty multichoice is no answer and is never judged;
6. ``pattern`` — the field's own pattern, matched whole;
7. ``entries`` — a group's number of entries (:attr:`procgen.model.ir.Field.repeat`).

Each problem has a message *key*, the wording catalogue's (``err_…``), and its parameters.

A *draft* (answers saved to continue later) is held to the first two checks only,
:data:`DRAFT_CHECKS`: an answer of the right type that is one of the options may be half
typed, out of bounds or not yet of its shape, and a group may have too few entries; the
application is judged in full when it is filed.

>>> from procgen.diagnostics import Span
>>> from procgen.model.ir import Field, FieldId, Text
>>> f = Field(FieldId("tel"), FieldKind.PHONE, Text((("vi", "Điện thoại"),), "vi"),
...           Span("p.yaml", 1, 1), max_length=12)
>>> [p.key for p in problems(f, "0912-345-678")]
[]
>>> [p.key for p in problems(f, "0912 345 678 9")]
['err_max_length']
>>> [p.key for p in problems(f, "call me")]
['err_phone']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.model.facts import FORMATS, SAFE_INTEGER, FieldKind

if TYPE_CHECKING:
    from procgen.model.ir import Field


DRAFT_CHECKS = frozenset({"type", "option"})
"""The checks a draft's answers are held to (the OpenAPI target's ``<Id>DraftAnswers`` states
them, ``procgen serve`` applies them)."""


class Problem(Struct, frozen=True):
    """Why an answer does not fit: ``check`` (the step above), ``key`` and its parameters."""

    check: str
    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def param(self) -> dict[str, Any]:
        return dict(self.params)


def _number(v: Any) -> bool:
    """A JSON number every reader reads the same: within ±(2⁵³ − 1) (:data:`SAFE_INTEGER`)."""
    return isinstance(v, int | float) and not isinstance(v, bool) and abs(v) <= SAFE_INTEGER


def _option_like(v: Any) -> bool:
    """A text or a whole number (``2.0`` is ``2``: JSON and JavaScript cannot tell them apart)."""
    if isinstance(v, float):
        return v.is_integer() and _number(v)
    return isinstance(v, str) or (isinstance(v, int) and _number(v))


def has_type(f: Field, v: Any) -> bool:
    """Whether ``v`` has the JSON type of ``f``'s answers (a whole float counts as whole).

    ``None`` (JSON ``null``) is no answer's type: a question not answered is left out.
    """
    json_type = f.facts.json_type
    if f.kind == FieldKind.CHOICE:
        return _option_like(v)
    if json_type == "string":
        return isinstance(v, str)
    if json_type == "integer":
        return _number(v) and (isinstance(v, int) or v.is_integer())
    if json_type == "number":
        return _number(v)
    if json_type == "boolean":
        return isinstance(v, bool)
    if f.kind == FieldKind.MULTICHOICE:
        return isinstance(v, list) and all(_option_like(i) for i in v)
    return isinstance(v, list) and all(isinstance(i, dict) for i in v)  # a group


def type_key(f: Field) -> str:
    """The message key of an answer of the wrong JSON type for ``f``."""
    if f.facts.numeric:
        return "err_integer" if f.facts.whole else "err_number"
    if f.kind == FieldKind.DATE:
        return "err_date"
    return "err_type"


def is_real_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def unanswered(f: Field, v: Any) -> bool:
    """Whether ``v`` is no answer to ``f``: nothing given, or an empty multichoice."""
    return v is None or (f.kind == FieldKind.MULTICHOICE and v == [])


def problems(f: Field, v: Any) -> list[Problem]:
    """Every problem of answer ``v`` to ``f``, in the order above (empty: it fits).

    ``v`` is a given answer (not None). A group's entries are not looked into: each entry's
    fields are checked on their own.
    """
    if not has_type(f, v):
        return [Problem("type", type_key(f))]
    out: list[Problem] = []
    if f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE) and f.options:
        values = [o.value for o in f.options]
        bad = [x for x in (v if isinstance(v, list) else [v]) if x not in values]
        if bad:
            return [Problem("option", "err_option", (("value", bad[0]),))]
        if isinstance(v, list) and len({(isinstance(x, str), x) for x in v}) != len(v):
            return [Problem("option", "err_option_twice")]
    fmt = FORMATS.get(f.kind)
    if fmt is not None and (not fmt.matches(v) or (f.kind == FieldKind.DATE
                                                  and not is_real_date(v))):
        return [Problem("format", fmt.message)]
    if f.facts.numeric or f.kind == FieldKind.DATE:
        date = f.kind == FieldKind.DATE
        lo = None if f.min is None else str(f.min) if date else f.min
        hi = None if f.max is None else str(f.max) if date else f.max
        if lo is not None and v < lo:
            out.append(Problem("min", "err_date_min" if date else "err_min", (("min", lo),)))
        if hi is not None and v > hi:
            out.append(Problem("max", "err_date_max" if date else "err_max", (("max", hi),)))
    if f.facts.textual or (f.kind == FieldKind.MULTICHOICE and v):
        items = f.kind == FieldKind.MULTICHOICE
        if f.min_length is not None and len(v) < f.min_length:
            out.append(Problem("min_length", "err_min_items" if items else "err_min_length",
                               (("n", f.min_length),)))
        if f.max_length is not None and len(v) > f.max_length:
            out.append(Problem("max_length", "err_max_items" if items else "err_max_length",
                               (("n", f.max_length),)))
    if f.pattern is not None and isinstance(v, str):
        from procgen.model.patterns import compile_pattern

        if not compile_pattern(f.pattern).fullmatch(v):
            out.append(Problem("pattern", "err_pattern"))
    if f.kind == FieldKind.GROUP and not f.repeat.allows(len(v)):
        few = len(v) < f.repeat.min
        out.append(Problem("entries", "err_min_entries" if few else "err_max_entries",
                           (("n", f.repeat.min if few else f.repeat.max),)))
    return out


def possible_problems(f: Field) -> dict[str, dict[str, Any]]:
    """Every message key an answer to ``f`` can get, with its parameters: those of
    :func:`problems` for this field's checks, and ``err_required``/``err_required_choice``
    (a group: ``err_min_entries``, at least one when it is required). What the wording
    catalogue words for the field, once (:func:`procgen.wording.problem_messages`); a
    ``constraint`` is worded by its own message.

    >>> from procgen.diagnostics import Span
    >>> from procgen.model.ir import Field, FieldId, Text
    >>> f = Field(FieldId("tel"), FieldKind.PHONE, Text((("vi", "Điện thoại"),), "vi"),
    ...           Span("p.yaml", 1, 1), max_length=12)
    >>> possible_problems(f)
    {'err_required': {}, 'err_type': {}, 'err_phone': {}, 'err_max_length': {'n': 12}}
    """
    keys: dict[str, dict[str, Any]] = {}
    if f.kind == FieldKind.GROUP:
        keys["err_min_entries"] = {"n": max(1, f.repeat.min)}
        if f.repeat.max is not None:
            keys["err_max_entries"] = {"n": f.repeat.max}
        return keys
    choice = f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE, FieldKind.BOOLEAN)
    keys["err_required_choice" if choice else "err_required"] = {}
    keys[type_key(f)] = {}
    if f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE):
        keys["err_option"] = {}
        if f.kind == FieldKind.MULTICHOICE:
            keys["err_option_twice"] = {}
    fmt = FORMATS.get(f.kind)
    if fmt is not None:
        keys[fmt.message] = {}
    date = f.kind == FieldKind.DATE
    if f.min is not None:
        keys["err_date_min" if date else "err_min"] = {"min": str(f.min) if date else f.min}
    if f.max is not None:
        keys["err_date_max" if date else "err_max"] = {"max": str(f.max) if date else f.max}
    items = f.kind == FieldKind.MULTICHOICE
    if f.min_length is not None:
        keys["err_min_items" if items else "err_min_length"] = {"n": f.min_length}
    if f.max_length is not None:
        keys["err_max_items" if items else "err_max_length"] = {"n": f.max_length}
    if f.pattern is not None:
        keys["err_pattern"] = {}
    return keys
