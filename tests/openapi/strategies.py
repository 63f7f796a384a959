"""hypothesis strategies for answers a conforming API client could send, built from the IR.

Every answer has its field's type, options, bounds and pattern; every unconditionally required
field is sent. Conditional rules (``when``, ``required`` expressions, constraints) are left to
chance, so some answers break them: the tests check that exactly those are refused.
``broken_answers`` adds one plain mistake (a missing required answer, a wrong type, an unknown
field) that both the schema and ``procgen quote`` must refuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from procgen.model.facts import FORMATS
from procgen.model.ir import Field, Procedure

EMAIL_PATTERN = FORMATS["email"].anchored
NATIONAL_ID_PATTERN = FORMATS["national_id"].anchored
PHONE_PATTERN = FORMATS["phone"].anchored

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\r"),
    max_size=30,
)


def _bound(value: Any, default: int | float) -> Any:
    return default if value is None else value


def _date(value: Any, default: dt.date) -> dt.date:
    return default if value is None else dt.date.fromisoformat(str(value))


def field_answer(f: Field) -> st.SearchStrategy[Any]:
    k = f.kind
    if k in ("text", "textarea", "address"):
        if f.pattern is not None:
            return st.from_regex(f.pattern, fullmatch=True).filter(
                lambda s: (f.min_length or 0) <= len(s) <= (f.max_length or 10**6)
            )
        low = f.min_length or 0
        return st.text(
            alphabet=st.characters(blacklist_categories=["Cs"]),
            min_size=low,
            max_size=f.max_length if f.max_length is not None else max(low, 30),
        )
    if k == "email":
        return st.from_regex(EMAIL_PATTERN, fullmatch=True).filter(lambda s: "\n" not in s)
    if k == "phone":
        return st.from_regex(PHONE_PATTERN, fullmatch=True).filter(lambda s: "\n" not in s)
    if k == "national_id":
        return st.from_regex(NATIONAL_ID_PATTERN, fullmatch=True).map(str.strip)
    if k in ("integer", "money"):
        return st.integers(_bound(f.min, -(10**9)), _bound(f.max, 10**9))
    if k == "number":
        low, high = _bound(f.min, -(10**6)), _bound(f.max, 10**6)
        return st.integers(int(low) + 1, int(high)) | st.floats(
            low, high, allow_nan=False, allow_infinity=False
        )
    if k == "date":
        first = _date(f.min, dt.date(1900, 1, 1))
        last = _date(f.max, dt.date(2100, 12, 31))
        return st.dates(first, last).map(dt.date.isoformat)
    if k == "boolean":
        return st.booleans()
    if k == "choice":
        return st.sampled_from([o.value for o in f.options])
    if k == "multichoice":
        values = [o.value for o in f.options]
        high = min(f.max_length if f.max_length is not None else len(values), len(values))
        low = max(f.min_length or 0, 1 if f.unconditionally_required else 0)
        lists = st.lists(st.sampled_from(values), unique=True, min_size=low, max_size=high)
        return lists if low <= 1 or f.unconditionally_required else st.just([]) | lists
    if k == "group":
        low = f.repeat.min if f.repeat else 0
        high = (
            (f.repeat.max if f.repeat and f.repeat.max is not None else low + 3)
            if (f.repeat)
            else 1
        )
        return st.lists(answers_for(f.children), min_size=low, max_size=min(high, low + 3))
    raise AssertionError(f"no strategy for {k}")


def answers_for(fields: tuple[Field, ...]) -> st.SearchStrategy[dict[str, Any]]:
    required: dict[str, st.SearchStrategy[Any]] = {
        f.id: field_answer(f) for f in fields if f.unconditionally_required
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        f.id: field_answer(f) for f in fields if not f.unconditionally_required
    }
    return st.fixed_dictionaries(required, optional=optional)


def answers(procedure: Procedure) -> st.SearchStrategy[dict[str, Any]]:
    return answers_for(procedure.asked_fields or procedure.fields)


def broken_answers(procedure: Procedure) -> st.SearchStrategy[dict[str, Any]]:
    """Answers with one plain mistake that the schema and ``procgen quote`` must both refuse."""
    fields = procedure.asked_fields or procedure.fields
    # A required field with a default, or a boolean, is answered even when absent.
    required = [
        f.id
        for f in fields
        if f.unconditionally_required and f.default is None and f.kind != "boolean"
    ]
    typed = [f for f in fields if f.kind in ("integer", "money", "date", "boolean", "choice")]

    @st.composite
    def broken(draw: st.DrawFn) -> dict[str, Any]:
        base = draw(answers(procedure))
        mistakes = ["unknown"]
        if required:
            mistakes.append("missing")
        if typed:
            mistakes.append("type")
        mistake = draw(st.sampled_from(mistakes))
        if mistake == "missing":
            base.pop(draw(st.sampled_from(required)))
        elif mistake == "type":
            f = draw(st.sampled_from(typed))
            base[f.id] = draw(st.sampled_from([[1], {"a": 1}, "not a value"]))
        else:
            base["no_such_field"] = draw(TEXT)
        return base

    return broken()
