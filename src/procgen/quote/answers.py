"""Check a citizen's answers against a procedure and work out what is actually answered.

The rules are the DSL's, in page order:

1. a field whose ``when`` does not hold is not asked: its answer (if any) is dropped (PG609);
2. an absent answer takes the field's ``default``; an asked ``boolean`` is always answered
   (absent means ``false``);
3. an asked field that is required (``true``, or an expression that holds) must be answered;
4. a given answer must have the field's type, be one of its options, lie within min/max,
   lengths and pattern, and satisfy its ``constraint`` — a constraint is checked only when
   the field is answered, and one that ends in no value does not reject the answer;
5. a group's entries are checked the same way, one by one, with the group's own fields named
   bare; the number of entries must lie within ``repeat``.

The result, :class:`Answers`, holds the effective answers that expressions see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from procgen.diagnostics import DiagnosticSink, Phrase, Related, Span, Words, did_you_mean
from procgen.model.answer import DRAFT_CHECKS, problems, unanswered
from procgen.model.facts import FORMATS, FieldKind, length_unit
from procgen.model.ir import Field, Procedure, Text

Locate = Callable[[tuple[str | int, ...]], Span]

_UNUSABLE = frozenset({"type", "option", "format"})
"""The checks whose failure makes an answer unusable (it is not kept); the others are bounds."""


class Answers(Struct, frozen=True):
    """The effective answers: what expressions, fees and the API see."""

    values: dict[str, Any]


def national_id_problem(value: str) -> str | None:
    """Why ``value`` is not a personal ID number, in English (see :func:`national_id_phrase`)."""
    problem = national_id_phrase(value)
    return problem.en if problem is not None else None


def national_id_phrase(value: str) -> Phrase | None:
    """Why ``value`` is not a Vietnamese personal ID number (None when it is).

    The 12 digits are: a 3-digit province-of-birth code (001–096), a century-and-sex digit, the
    last two digits of the birth year, and 6 serial digits.

    >>> national_id_phrase("001099012345") is None
    True
    >>> national_id_phrase("12345").vi
    'số phải có đúng 12 chữ số'
    >>> national_id_problem("000099012345")
    "its first three digits '000' are not a province code (001–096)"
    """
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return Phrase("it must have exactly 12 digits", "số phải có đúng 12 chữ số")
    if not 1 <= int(value[:3]) <= 96:
        return Phrase(f"its first three digits '{value[:3]}' are not a province code (001–096)",
                      f"ba chữ số đầu '{value[:3]}' không phải mã tỉnh (001–096)")
    return None


class AnswerChecker:
    """Checks one procedure's answers; diagnostics are located in the answers file."""

    def __init__(
        self, procedure: Procedure, today: str, lang: str, locate: Locate, sink: DiagnosticSink
    ) -> None:
        self.p = procedure
        self.today = today
        self.lang = lang
        self.locate = locate
        self.sink = sink

    def check(self, raw: Mapping[str, Any]) -> Answers:
        fields = self.p.asked_fields or self.p.fields
        known = {f.id for f in fields}
        for name in raw:
            if name not in known:
                self.sink.emit(
                    "PG601",
                    self.locate((name,)),
                    name=name,
                    procedure=self.p.id,
                    suggestion=did_you_mean(name, known),
                )
        typed = self._typed_all(fields, raw, ())
        env = self._settle(fields, typed, {}, None)
        for f in fields:
            self._judge(f, raw, env, {}, None, (f.id,))
        for f in fields:
            if f.kind == "group" and f.id in env:
                env[f.id] = self._group(f, env[f.id], raw[f.id], env, (f.id,))
        return Answers(env)

    def fit(self, raw: Mapping[str, Any]) -> None:
        """Report what a draft may not hold: an answer to no question (PG601), or one that
        fails :data:`~procgen.model.answer.DRAFT_CHECKS` — the wrong type, not an option, an
        option twice (PG602, PG603, PG606) — in a group's entries too. Whether a question is
        asked or required, its bounds, shape and constraint are judged when the application
        is filed, not in a draft."""
        self._fit(self.p.asked_fields or self.p.fields, raw, (), "")

    def _fit(self, fields: tuple[Field, ...], raw: Mapping[str, Any],
             path: tuple[str | int, ...], group: str) -> None:
        by_id: dict[str, Field] = {f.id: f for f in fields}
        for name, value in raw.items():
            f = by_id.get(name)
            where = (*path, name)
            if f is None:
                self.sink.emit("PG601", self.locate(where), name=group + name,
                               procedure=self.p.id, suggestion=did_you_mean(name, by_id))
            elif self._typed(f, value, where, DRAFT_CHECKS) and f.kind == FieldKind.GROUP:
                for i, entry in enumerate(value):
                    self._fit(f.children, entry, (*where, i), f"{f.id}.")

    def _typed_all(
        self, fields: tuple[Field, ...], raw: Mapping[str, Any], path: tuple[str | int, ...]
    ) -> dict[str, Any]:
        """The answers that have the right type, with defaults and unchecked booleans added."""
        out: dict[str, Any] = {}
        for f in fields:
            value = raw.get(f.id)
            if value is None and f.id in raw:  # null is no answer: the question is left out
                self._typed(f, value, (*path, f.id))
                continue
            if value is not None and self._typed(f, value, (*path, f.id)):
                out[f.id] = _normalise(f, value)
            elif value is None and f.effective_default is not None:
                out[f.id] = f.effective_default
            if f.id in out and unanswered(f, out[f.id]):
                del out[f.id]
        return out

    def _settle(
        self,
        fields: tuple[Field, ...],
        typed: dict[str, Any],
        outer: dict[str, Any],
        row: bool | None,
    ) -> dict[str, Any]:
        """Drop the answers of fields that are not asked, until that no longer changes.

        A field is asked when its ``when`` holds on the effective answers; dropping one answer
        can hide another question, hence the fixpoint (at most one pass per field).
        """
        from procgen.expr import holds

        env = dict(typed)
        for _ in range(len(fields) + 1):
            answers, entry = ({**outer}, env) if row else (env, None)
            asked = {
                f.id
                for f in fields
                if f.when is None or holds(f.when, answers, today=self.today, row=entry)
            }
            settled = {k: v for k, v in typed.items() if k in asked}
            if settled == env:
                break
            env = settled
        return env

    def _judge(
        self,
        f: Field,
        raw: Mapping[str, Any],
        env: dict[str, Any],
        outer: Mapping[str, Any],
        row: bool | None,
        path: tuple[str | int, ...],
    ) -> None:
        """Report a dropped, missing, out-of-bounds or constraint-breaking answer."""
        from procgen.expr import evaluate, holds

        answers, entry = (outer, env) if row else (env, None)
        asked = f.when is None or holds(f.when, answers, today=self.today, row=entry)
        if not asked:
            if f.id in raw:
                self.sink.emit("PG609", self.locate(path), field=f.id)
                self._unasked(f, raw[f.id], path)
            return
        if f.id not in env:
            given = raw.get(f.id)
            if f.id in raw and not (f.kind == FieldKind.MULTICHOICE and given == []):
                return  # given (null included) but unusable: its type error is already reported
            required = (
                f.required
                if isinstance(f.required, bool)
                else holds(f.required, answers, today=self.today, row=entry)
            )
            if required:
                self.sink.emit(
                    "PG604",
                    self.locate(path[:-1]),
                    field=f.id,
                    label=_both(f.label),
                    related=[Related(_DEFINED_HERE, f.span)],
                )
            return
        if raw.get(f.id) is None or f.kind == "group":
            return
        self._bounds(f, env[f.id], path)
        if (
            f.constraint is not None
            and evaluate(f.constraint, answers, today=self.today, row=entry) is False
        ):
            message: Words = (
                _both(f.constraint_message)
                if f.constraint_message
                else Phrase(f"the rule {f.constraint.source!r} is false",
                            f"quy tắc {f.constraint.source!r} không thỏa")
            )
            self.sink.emit("PG605", self.locate(path), field=f.id, message=message)

    def _unasked(self, f: Field, value: Any, path: tuple[str | int, ...]) -> None:
        """An answer to a question that is not asked is ignored (PG609), but it must still fit
        its question — its type (already judged), bounds and, for a group, its entries — as
        the API's request schema, which cannot tell asked from not asked, says too."""
        if value is None or any(p.check in _UNUSABLE for p in problems(f, value)):
            return
        self._bounds(f, _normalise(f, value), path)
        if f.kind != FieldKind.GROUP:
            return
        self._entries(f, value, path)
        names = [c.id for c in f.children]
        for i, entry in enumerate(value):
            for name in entry:
                if name not in names:
                    self.sink.emit("PG601", self.locate((*path, i, name)), name=f"{f.id}.{name}",
                                   procedure=self.p.id, suggestion=did_you_mean(name, names))
            for child in f.children:
                where = (*path, i, child.id)
                if child.id not in entry:
                    if child.unconditionally_required:
                        self.sink.emit("PG604", self.locate((*path, i)), field=child.id,
                                       label=_both(child.label),
                                       related=[Related(_DEFINED_HERE, child.span)])
                elif self._typed(child, entry[child.id], where):
                    self._unasked(child, entry[child.id], where)

    def _entries(self, f: Field, rows: list[Any], path: tuple[str | int, ...]) -> None:
        """Report a group with fewer or more entries than its ``repeat`` allows (PG607)."""
        for p in problems(f, rows):
            n = p.param["n"]
            verb = "is" if n == 1 else "are"
            problem = (Phrase(f"at least {n} {verb} needed", f"cần ít nhất {n} mục")
                       if p.key == "err_min_entries"
                       else Phrase(f"at most {n} {verb} allowed", f"chỉ được tối đa {n} mục"))
            self.sink.emit("PG607", self.locate(path), field=f.id, count=len(rows),
                           problem=problem)

    def _group(
        self,
        f: Field,
        rows: list[dict[str, Any]],
        raw_rows: list[dict[str, Any]],
        outer: dict[str, Any],
        path: tuple[str | int, ...],
    ) -> list[dict[str, Any]]:
        self._entries(f, rows, path)
        names = [c.id for c in f.children]
        out = []
        for i, raw_row in enumerate(raw_rows):
            for name in raw_row:
                if name not in names:
                    self.sink.emit(
                        "PG601",
                        self.locate((*path, i, name)),
                        name=f"{f.id}.{name}",
                        procedure=self.p.id,
                        suggestion=did_you_mean(name, names),
                    )
            typed = self._typed_all(f.children, raw_row, (*path, i))
            entry = self._settle(f.children, typed, outer, True)
            for child in f.children:
                self._judge(child, raw_row, entry, outer, True, (*path, i, child.id))
            out.append(entry)
        return out

    def _typed(self, f: Field, value: Any, path: tuple[str | int, ...],
               checks: frozenset[str] = _UNUSABLE) -> bool:
        """Report a wrong type, an unknown option or a wrong format; True when usable.

        The checks are :func:`procgen.model.answer.problems`' first three (of them, those in
        ``checks``), which every target states too; the bounds are judged later, and only
        for asked fields (:meth:`_bounds`).
        """
        where = self.locate(path)
        for p in problems(f, value):
            if p.check not in checks:
                continue
            if p.check == "type":
                self.sink.emit("PG602", where, field=f.id, expected=_expected(f),
                               found=_json_type(value))
            elif p.check == "option" and p.key == "err_option":
                self._not_an_option(f, p.param["value"], where)
            elif p.check == "option":
                self.sink.emit("PG606", where, field=f.id,
                               problem=Phrase("must not list the same option twice",
                                              "không được chọn một lựa chọn hai lần"))
            elif p.check == "format" and f.kind == FieldKind.NATIONAL_ID:
                self.sink.emit("PG608", where, value=value, field=f.id,
                               problem=national_id_phrase(value))
            elif p.check == "format":
                self.sink.emit("PG602", where, field=f.id, expected=_format_what(f),
                               found=_json_type(value))
            else:
                continue
            return False
        return True

    def _not_an_option(self, f: Field, item: Any, where: Span) -> None:
        values = [o.value for o in f.options]
        # "1" for the option 1 (or 1 for "1"): the type is wrong, not the spelling.
        twin = next((v for v in values if str(v) == str(item)), None)
        if twin is not None:  # "1" for the option 1 (or 1 for "1"): the quotes are wrong
            quoted = isinstance(twin, str)
            kind = _json_type(twin)
            suggestion: Words = Phrase(
                f"; the option is {kind.en}, written {'in quotes' if quoted else 'without quotes'}",
                f"; lựa chọn là {kind.vi}, viết {'trong' if quoted else 'không có'} dấu nháy kép")
        else:
            suggestion = did_you_mean(str(item), [str(v) for v in values])
        self.sink.emit("PG603", where, value=item, field=f.id, suggestion=suggestion)

    def _bounds(self, f: Field, value: Any, path: tuple[str | int, ...]) -> None:
        """Report an answer outside min/max, its lengths or its pattern (PG606)."""
        for p in problems(f, value):
            if p.check in _BOUNDS:
                en, vi = _BOUNDS[p.check]
                unit = _unit(f)
                words = {**p.param, "pattern": f.pattern}
                self.sink.emit("PG606", self.locate(path), field=f.id,
                               problem=Phrase(en.format(**words, unit=unit.en),
                                              vi.format(**words, unit=unit.vi)))



_BOUNDS = {
    "min": ("must be at least {min}", "phải từ {min} trở lên"),
    "max": ("must be at most {max}", "không được quá {max}"),
    "min_length": ("must have at least {n} {unit}", "phải có ít nhất {n} {unit}"),
    "max_length": ("must have at most {n} {unit}", "chỉ được có tối đa {n} {unit}"),
    "pattern": ("must match the pattern {pattern}", "phải khớp mẫu {pattern}"),
}
"""PG606's problem per check, in English and Vietnamese."""

_DEFINED_HERE = Phrase("the question is defined here", "câu hỏi được khai báo ở đây")

def _expected(f: Field) -> Phrase:
    return Phrase(f.facts.expected, f.facts.expected_vi)


def _format_what(f: Field) -> Phrase:
    shape = FORMATS[f.kind]
    return Phrase(shape.what, shape.what_vi)


def _unit(f: Field) -> Phrase:
    return Phrase(*length_unit(f.kind))


def _normalise(f: Field, v: Any) -> Any:
    """A whole float is the whole number it spells (JSON cannot tell ``2.0`` from ``2``)."""
    if (f.facts.whole or f.kind == FieldKind.CHOICE) and isinstance(v, float):
        return int(v)
    if f.kind == FieldKind.MULTICHOICE and isinstance(v, list):
        return [int(x) if isinstance(x, float) else x for x in v]
    return v


def _json_type(v: Any) -> Phrase:
    if isinstance(v, bool):
        return Phrase("true/false", "true/false")
    if isinstance(v, int | float):
        return Phrase(f"the number {v}", f"số {v}")
    if isinstance(v, str):
        return (Phrase(f"the text '{v}'", f"chữ '{v}'") if len(v) < 40
                else Phrase("a text", "một đoạn chữ"))
    if isinstance(v, list):
        return Phrase("a list", "một danh sách")
    if isinstance(v, dict):
        return Phrase("an object", "một đối tượng")
    return Phrase("null", "null")


def _both(text: Text) -> Phrase:
    """An author's text in both languages (each falls back as the text itself does)."""
    return Phrase(text.get("en"), text.get("vi"))
