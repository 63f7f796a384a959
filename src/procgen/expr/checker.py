"""Type-check a parsed expression against the fields it can see, resolving names.

The checker returns the same node classes with ``type`` set (:mod:`procgen.expr.types`),
``date("...")`` turned into :class:`~procgen.expr.ast.Date`, bare group children marked
``row=True``, and explicit :class:`~procgen.expr.ast.Round` nodes wherever a money result may
have a fraction. Every problem is reported through ``report`` at the offending token; an
expression with an error gets the ``error`` type, which never causes a second diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date
from typing import Any, Literal

from msgspec.structs import replace

from procgen.diagnostics import CompilerBug, Phrase, Words, did_you_mean
from procgen.expr import ast
from procgen.expr.scope import FieldSig, Scope
from procgen.expr.types import (
    BOOLEAN,
    DATE,
    ERROR,
    GROUP,
    INTEGER,
    KIND_TYPES,
    MONEY,
    NUMBER,
    TEXT,
    ExprType,
)
from procgen.source.limits import MAX_SAFE_INTEGER

Report = Callable[..., None]
"""``report(code, start, end, hint=None, **template_fields)``."""

Expect = Literal["boolean", "number", "any"]
MAX_EXACT = MAX_SAFE_INTEGER
"""The largest literal an expression may hold: the DSL's one bound on numbers."""
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SIGNATURES: dict[str, tuple[int, str]] = {
    "today": (0, "no arguments"), "age": (1, "1 argument"), "days_between": (2, "2 arguments"),
    "len": (1, "1 argument"), "count": (1, "1 argument"), "sum": (1, "1 argument"),
    "answered": (1, "1 argument"), "date": (1, "1 argument"),
}


def valid_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day.

    >>> valid_date("2024-02-29"), valid_date("2023-02-29"), valid_date("20240101")
    (True, False, False)
    """
    if not _DATE_RE.fullmatch(text):
        return False
    try:
        _date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Checker:
    """Checks one expression; create one per expression."""

    def __init__(self, scope: Scope, report: Report) -> None:
        self.scope = scope
        self._report = report
        self.errors = 0
        self.names: set[str] = set()
        self.renamed: list[tuple[int, int, str]] = []
        """(start, end, real id) of each name a block wrote that its use's prefix changed."""
        self._dispatch: dict[type[ast.Node], Callable[[Any], ast.Node]] = {
            ast.Number: self._number, ast.Text: self._text, ast.Boolean: self._boolean,
            ast.Date: self._date, ast.ListLit: self._list, ast.Ref: self._ref,
            ast.Member: self._member_outside_sum, ast.Neg: self._neg, ast.Arith: self._arith,
            ast.Round: self._round, ast.Compare: self._compare, ast.In: self._in,
            ast.Not: self._not, ast.And: self._logic, ast.Or: self._logic, ast.Call: self._call,
        }

    # -- entry points -------------------------------------------------------------------------

    def check(self, node: ast.Node, expect: Expect) -> ast.Node:
        out = self.value(node)
        t = out.type
        wanted = {"boolean": "a condition (true or false)", "number": "a number"}.get(expect)
        if t is not None and t != ERROR and wanted is not None and not (
                (expect == "boolean" and t == BOOLEAN) or (expect == "number" and t.is_number)):
            self.report("PG208", node, expected=wanted, found=_describe(t))
        return out

    def report(self, code: str, at: ast.Node | tuple[int, int], hint: Words | None = None,
               **fields: object) -> None:
        start, end = (at.start, at.end) if isinstance(at, ast.Node) else at
        self.errors += 1
        self._report(code, start, end, hint=hint, **fields)

    def node(self, node: ast.Node) -> ast.Node:
        """Check any node, a bare group name included."""
        handler = self._dispatch.get(type(node))
        if handler is None:
            raise CompilerBug(f"checker has no rule for {type(node).__name__}")
        return handler(node)

    def value(self, node: ast.Node) -> ast.Node:
        """Check a node that must be a single value (not a bare group)."""
        out = self.node(node)
        if out.type == GROUP:
            assert isinstance(out, ast.Ref)
            g = out.name
            self.report("PG207", node, problem=Phrase(
                f"'{g}' is a group of repeated answers, not one value; use count({g}) or "
                f"sum({g}.field)",
                f"'{g}' là một nhóm câu trả lời lặp lại, không phải một giá trị; dùng count({g}) "
                f"hoặc sum({g}.field)"))
            return replace(out, type=ERROR)
        return out

    # -- literals and names -------------------------------------------------------------------

    def _number(self, n: ast.Number) -> ast.Node:
        if not abs(n.value) <= MAX_EXACT:  # a decimal too, as plain numbers (loader, PG116)
            shown = str(n.value) if isinstance(n.value, int) else f"{n.value:.6g}"
            shown = shown if len(shown) <= 40 else f"a number of {len(shown)} digits"
            self.report("PG202", n, what=Phrase("number", "số"), problem=Phrase(
                f"{shown} is larger than {MAX_EXACT}, the largest whole number every target "
                "computes exactly",
                f"{shown} lớn hơn {MAX_EXACT}, số nguyên lớn nhất mọi đích tính được chính xác"))
            return replace(n, type=ERROR)
        return replace(n, type=INTEGER if isinstance(n.value, int) else NUMBER)

    def _text(self, n: ast.Text) -> ast.Node:
        return replace(n, type=TEXT)

    def _boolean(self, n: ast.Boolean) -> ast.Node:
        return replace(n, type=BOOLEAN)

    def _date(self, n: ast.Date) -> ast.Node:
        return replace(n, type=DATE)

    def _round(self, n: ast.Round) -> ast.Node:
        raise CompilerBug("Round nodes are made by the checker, never parsed")

    def _list(self, n: ast.ListLit) -> ast.Node:
        items: list[ast.Node] = []
        for item in n.items:
            if isinstance(item, ast.Neg) and isinstance(item.operand, ast.Number):
                item = ast.Number(-item.operand.value, start=item.start, end=item.end)
            if not isinstance(item, ast.Number | ast.Text | ast.Call) or (
                    isinstance(item, ast.Call) and item.name != "date"):
                self.report("PG202", item, what=Phrase("list", "danh sách"), problem=Phrase(
                    "a list holds fixed values (numbers, \"texts\" or date(\"YYYY-MM-DD\")), "
                    "not expressions",
                    "danh sách chỉ chứa giá trị cố định (số, \"chữ\" hoặc date(\"YYYY-MM-DD\")), "
                    "không chứa biểu thức"))
                return replace(n, type=ERROR)
            items.append(self.value(item))
        types = [i.type for i in items]
        if ERROR in types:
            return replace(n, items=tuple(items), type=ERROR)
        kinds = {t.kind for t in types if t is not None}
        if len(kinds) > 1:
            odd = next(i for i in items if i.type and i.type.kind != types[0].kind)  # type: ignore[union-attr]
            self.report("PG202", odd, what=Phrase("list", "danh sách"), problem=Phrase(
                f"a list holds values of one type; this is {_describe(odd.type)}, the first is "
                f"{_describe(types[0])}",
                f"danh sách chỉ chứa giá trị cùng một kiểu; giá trị này là {_describe_vi(odd.type)}"
                f", giá trị đầu là {_describe_vi(types[0])}"))
            return replace(n, items=tuple(items), type=ERROR)
        element: ExprType | None = None
        if kinds == {"number"}:
            element = INTEGER if all(t.whole for t in types if t) else NUMBER
        elif kinds:
            element = types[0]
        return replace(n, items=tuple(items), type=ExprType.list_of(element))

    def _ref(self, n: ast.Ref) -> ast.Node:
        found = self.scope.lookup(n.name)
        if found is None:
            owner = self.scope.owner_of(n.name)
            hint = (f"'{n.name}' is a field of group '{owner}': outside the group use "
                    f"sum({owner}.{n.name}) or count({owner})") if owner else None
            self.report("PG203", n, hint=hint, name=n.name,
                        suggestion="" if owner else did_you_mean(n.name, self.scope.visible()))
            return replace(n, type=ERROR)
        sig, in_row = found
        self.names.add(self.scope.group if in_row and self.scope.group else sig.id)
        if sig.id != n.name:
            self.renamed.append((n.start, n.start + len(n.name), sig.id))
        return replace(n, name=sig.id, row=in_row, type=_field_type(sig))

    def _member_outside_sum(self, n: ast.Member) -> ast.Node:
        self.report("PG207", n, problem=Phrase(
            f"'{n.group}.{n.field}' names one field of every entry of a group; it can only be "
            f"added up: sum({n.group}.{n.field})",
            f"'{n.group}.{n.field}' là một trường của mọi mục trong nhóm; chỉ cộng lại được: "
            f"sum({n.group}.{n.field})"))
        return replace(n, type=ERROR)

    # -- operators -------------------------------------------------------------------------

    def _neg(self, n: ast.Neg) -> ast.Node:
        operand = self.value(n.operand)
        t = operand.type
        if t != ERROR and t is not None and not t.is_number:
            self.report("PG206", operand, problem=Phrase(
                f"'-' needs a number, not {_describe(t)}",
                f"'-' cần một số, không phải {_describe_vi(t)}"))
            t = ERROR
        return replace(n, operand=operand, type=t)

    def _arith(self, n: ast.Arith) -> ast.Node:
        left, right = self.value(n.left), self.value(n.right)
        lt, rt = left.type or ERROR, right.type or ERROR
        out = replace(n, left=left, right=right, type=ERROR)
        if ERROR in (lt, rt):
            return out
        if not (lt.is_number and rt.is_number):
            if DATE in (lt, rt):
                self.report("PG206", (n.op_start, n.op_start + 1), hint=Phrase(
                    "days_between(a, b) counts the days from a to b; age(d) gives whole years "
                    "until today",
                    "days_between(a, b) đếm số ngày từ a đến b; age(d) cho số năm tròn đến hôm "
                    "nay"),
                    problem=Phrase(f"'{n.op}' cannot compute with dates",
                                   f"'{n.op}' không tính được với ngày"))
            else:
                odd = left if not lt.is_number else right
                self.report("PG206", odd, problem=Phrase(
                    f"'{n.op}' needs numbers, not {_describe(odd.type or ERROR)}",
                    f"'{n.op}' cần số, không phải {_describe_vi(odd.type or ERROR)}"))
            return out
        result, rounds = _arith_type(n.op, lt, rt)
        # A rounded result is a plain number until Round makes it whole money.
        out = replace(out, type=NUMBER if rounds else result)
        return ast.Round(out, start=n.start, end=n.end, type=MONEY) if rounds else out

    def _compare(self, n: ast.Compare) -> ast.Node:
        left, right = self.value(n.left), self.value(n.right)
        out = replace(n, left=left, right=right, type=BOOLEAN)
        lt, rt = left.type or ERROR, right.type or ERROR
        if ERROR in (lt, rt):
            return out
        ordering = n.op not in ("==", "!=")
        allowed = ("number", "date") if ordering else ("number", "date", "text", "boolean")
        what, what_vi = (("numbers or dates", "số hoặc ngày") if ordering else
                         ("numbers, texts, dates or true/false",
                          "số, chữ, ngày hoặc đúng/sai"))
        if lt.kind not in allowed:
            self.report("PG206", left, problem=Phrase(
                f"'{n.op}' compares {what}, not {_describe(lt)}",
                f"'{n.op}' so sánh {what_vi}, không phải {_describe_vi(lt)}"),
                hint=Phrase("use 'in' to test whether a list holds a value",
                            "dùng 'in' để xem danh sách có chứa một giá trị không")
                if lt.kind == "list" else None)
        elif rt.kind != lt.kind:
            hint = None
            if isinstance(right, ast.Text) and lt.is_number:
                hint = Phrase("write numbers without quotes", "viết số không có dấu nháy")
            elif isinstance(right, ast.Text) and lt == DATE:
                hint = Phrase("write a date as date(\"YYYY-MM-DD\")",
                              "viết ngày dạng date(\"YYYY-MM-DD\")")
            self.report("PG206", right, hint=hint, problem=Phrase(
                f"cannot compare {_describe(lt)} with {_describe(rt)}",
                f"không so sánh được {_describe_vi(lt)} với {_describe_vi(rt)}"))
        else:
            self._check_options(left, right)
            self._check_options(right, left)
        return out

    def _in(self, n: ast.In) -> ast.Node:
        item, container = self.value(n.item), self.value(n.container)
        out = replace(n, item=item, container=container, type=BOOLEAN)
        it, ct = item.type or ERROR, container.type or ERROR
        if ERROR in (it, ct):
            return out
        word = "not in" if n.negated else "in"
        if ct.kind == "list":
            el = ct.element
            if it.kind not in ("number", "text", "date"):
                self.report("PG206", item, problem=Phrase(
                    f"'{word}' looks for a number, text or date, not {_describe(it)}",
                    f"'{word}' tìm một số, chữ hoặc ngày, không phải {_describe_vi(it)}"))
            elif el is not None and el.kind != it.kind:
                self.report("PG206", item, problem=Phrase(
                    f"cannot look for {_describe(it)} in {_describe(ct)}",
                    f"không tìm được {_describe_vi(it)} trong {_describe_vi(ct)}"))
            else:
                self._check_options(item, container)
                self._check_options(container, item)
        elif ct == TEXT:
            if it != TEXT:
                self.report("PG206", item, problem=Phrase(
                    f"'{word}' on a text looks for a text, not {_describe(it)}",
                    f"'{word}' trên chữ tìm một đoạn chữ, không phải {_describe_vi(it)}"))
        else:
            self.report("PG206", container, problem=Phrase(
                f"'{word}' needs a list or a text on its right, not {_describe(ct)}",
                f"'{word}' cần một danh sách hoặc chữ ở bên phải, không phải {_describe_vi(ct)}"))
        return out

    def _not(self, n: ast.Not) -> ast.Node:
        operand = self._condition(n.operand, "not")
        return replace(n, operand=operand, type=BOOLEAN)

    def _logic(self, n: ast.And | ast.Or) -> ast.Node:
        word = "and" if isinstance(n, ast.And) else "or"
        left, right = self._condition(n.left, word), self._condition(n.right, word)
        return replace(n, left=left, right=right, type=BOOLEAN)

    def _condition(self, node: ast.Node, word: str) -> ast.Node:
        out = self.value(node)
        if out.type not in (BOOLEAN, ERROR):
            self.report("PG206", out, problem=Phrase(
                f"'{word}' works on conditions (true or false), not "
                f"{_describe(out.type or ERROR)}",
                f"'{word}' dùng cho điều kiện (đúng hoặc sai), không phải "
                f"{_describe_vi(out.type or ERROR)}"))
            return replace(out, type=ERROR)
        return out

    def _check_options(self, ref: ast.Node, other: ast.Node) -> None:
        """Text literals compared with a choice field must be among its options."""
        if not isinstance(ref, ast.Ref):
            return
        found = self.scope.lookup(ref.name)
        options = found[0].options if found else None
        if not options:
            return
        by_label = {label.casefold(): value for label, value in found[0].labels} if found else {}
        literals = [other] if isinstance(other, ast.Text) else [
            i for i in other.items if isinstance(i, ast.Text)] if isinstance(
            other, ast.ListLit) else []
        for lit in literals:
            assert isinstance(lit, ast.Text)
            if lit.value not in options:
                meant = by_label.get(lit.value.strip().casefold())
                suggestion = did_you_mean(lit.value, options) if meant is None else Phrase(
                    f"; '{lit.value}' is the label of the option whose value is '{meant}': "
                    f"write \"{meant}\"",
                    f"; '{lit.value}' là nhãn của lựa chọn có giá trị '{meant}': viết "
                    f"\"{meant}\"")
                self.report("PG209", lit, value=lit.value, field=ref.name,
                            suggestion=suggestion)

    # -- functions ---------------------------------------------------------------------------

    def _call(self, n: ast.Call) -> ast.Node:
        name_span = (n.start, n.start + len(n.name))
        sig = _SIGNATURES.get(n.name)
        if sig is None:
            self.report("PG204", name_span, name=n.name,
                        suggestion=did_you_mean(n.name, _SIGNATURES))
            return replace(n, type=ERROR)
        arity, words = sig
        if len(n.args) != arity:
            given = f"{len(n.args)} argument{'s' if len(n.args) != 1 else ''}"
            self.report("PG205", name_span, function=n.name, expected=words,
                        given=given if n.args else "none")
            return replace(n, type=ERROR)
        handler: Callable[[ast.Call], ast.Node] = getattr(self, f"_fn_{n.name}")
        return handler(n)

    def _fn_date(self, n: ast.Call) -> ast.Node:
        arg = n.args[0]
        if not isinstance(arg, ast.Text):
            self.report("PG202", arg, what=Phrase("date", "ngày"), problem=Phrase(
                "date() takes a fixed text \"YYYY-MM-DD\"; use a date field or today() for "
                "other dates",
                "date() nhận một đoạn chữ cố định \"YYYY-MM-DD\"; với ngày khác, dùng trường "
                "ngày hoặc today()"))
            return replace(n, type=ERROR)
        if not valid_date(arg.value):
            self.report("PG202", arg, what=Phrase("date", "ngày"), problem=Phrase(
                f"'{arg.value}' is not a real day written YYYY-MM-DD",
                f"'{arg.value}' không phải một ngày có thật viết dạng YYYY-MM-DD"))
            return replace(n, type=ERROR)
        return ast.Date(arg.value, start=n.start, end=n.end, type=DATE)

    def _fn_today(self, n: ast.Call) -> ast.Node:
        return replace(n, type=DATE)

    def _typed_args(self, n: ast.Call, *wanted: ExprType) -> ast.Node:
        args = tuple(self.value(a) for a in n.args)
        ok = True
        for arg, want in zip(args, wanted, strict=True):
            if arg.type not in (want, ERROR):
                self.report("PG206", arg, problem=Phrase(
                    f"{n.name}() needs {_describe(want)}, not {_describe(arg.type or ERROR)}",
                    f"{n.name}() cần {_describe_vi(want)}, không phải "
                    f"{_describe_vi(arg.type or ERROR)}"))
                ok = False
        return replace(n, args=args, type=INTEGER if ok else ERROR)

    def _fn_age(self, n: ast.Call) -> ast.Node:
        return self._typed_args(n, DATE)

    def _fn_days_between(self, n: ast.Call) -> ast.Node:
        return self._typed_args(n, DATE, DATE)

    def _fn_len(self, n: ast.Call) -> ast.Node:
        arg = self.node(n.args[0])
        t = arg.type or ERROR
        if t == GROUP:
            g = arg.name if isinstance(arg, ast.Ref) else "group"
            self.report("PG207", arg, problem=Phrase(
                f"len() measures a text or a list; count the entries of a group with count({g})",
                f"len() đo độ dài chữ hoặc danh sách; đếm số mục của nhóm bằng count({g})"))
        elif t != ERROR and t.kind not in ("text", "list"):
            self.report("PG206", arg, problem=Phrase(
                f"len() needs a text or a list, not {_describe(t)}",
                f"len() cần chữ hoặc danh sách, không phải {_describe_vi(t)}"))
        return replace(n, args=(arg,), type=INTEGER)

    def _fn_count(self, n: ast.Call) -> ast.Node:
        arg = n.args[0]
        if isinstance(arg, ast.Member):
            self.report("PG207", arg, problem=Phrase(
                f"count() counts the entries of a group: write count({arg.group})",
                f"count() đếm số mục của một nhóm: viết count({arg.group})"))
            return replace(n, type=ERROR)
        checked = self.node(arg)
        if checked.type not in (GROUP, ERROR):
            self.report("PG207", arg, problem=Phrase(
                f"count() counts the entries of a group, not {_describe(checked.type or ERROR)}",
                f"count() đếm số mục của một nhóm, không phải "
                f"{_describe_vi(checked.type or ERROR)}"),
                hint=Phrase("len(x) gives the length of a text or a list",
                            "len(x) cho độ dài của chữ hoặc danh sách"))
        return replace(n, args=(checked,), type=INTEGER)

    def _fn_sum(self, n: ast.Call) -> ast.Node:
        arg = n.args[0]
        if not isinstance(arg, ast.Member):
            checked = self.node(arg)
            if checked.type != ERROR:
                g = arg.name if isinstance(arg, ast.Ref) else "group"
                self.report("PG207", arg, problem=Phrase(
                    f"sum() adds up one field of a group: write sum({g}.field)",
                    f"sum() cộng một trường của nhóm: viết sum({g}.field)"))
            return replace(n, type=ERROR)
        found = self.scope.lookup(arg.group)
        group_span = (arg.start, arg.start + len(arg.group))
        if found is None:
            self.report("PG203", group_span, name=arg.group,
                        suggestion=did_you_mean(arg.group, self.scope.visible()))
            return replace(n, type=ERROR)
        sig, in_row = found
        if sig.kind != "group":
            self.report("PG207", group_span, problem=Phrase(
                f"'{arg.group}' is not a group; sum() adds up one field of a repeated group",
                f"'{arg.group}' không phải nhóm; sum() cộng một trường của một nhóm lặp lại"))
            return replace(n, type=ERROR)
        child = next((c for c in sig.children if c.id == arg.field), None)
        field_span = (arg.end - len(arg.field), arg.end)
        if child is None:
            self.report("PG210", field_span, group=arg.group, name=arg.field,
                        suggestion=did_you_mean(arg.field, [c.id for c in sig.children]))
            return replace(n, type=ERROR)
        t = _field_type(child)
        if not t.is_number:
            self.report("PG206", field_span, problem=Phrase(
                f"sum() adds up numbers; '{arg.field}' is {_describe(t)}",
                f"sum() cộng các số; '{arg.field}' là {_describe_vi(t)}"))
            return replace(n, type=ERROR)
        self.names.add(self.scope.group if in_row and self.scope.group else sig.id)
        if sig.id != arg.group:
            self.renamed.append((arg.start, arg.start + len(arg.group), sig.id))
        member = replace(arg, group=sig.id, row=in_row, type=t)
        return replace(n, args=(member,), type=t)

    def _fn_answered(self, n: ast.Call) -> ast.Node:
        arg = n.args[0]
        if isinstance(arg, ast.Member):
            self._member_outside_sum(arg)
            return replace(n, type=ERROR)
        return replace(n, args=(self.node(arg),), type=BOOLEAN)


def _field_type(sig: FieldSig) -> ExprType:
    t = KIND_TYPES.get(sig.kind)
    if t is None:
        raise CompilerBug(f"field '{sig.id}' has unknown kind '{sig.kind}'")
    return t


def _arith_type(op: str, lt: ExprType, rt: ExprType) -> tuple[ExprType, bool]:
    """The result type of ``lt op rt`` and whether it is money to round."""
    if op == "/":
        if lt.money and not rt.money:
            return MONEY, True
        return NUMBER, False
    if lt.money or rt.money:
        return MONEY, not (lt.whole and rt.whole)
    return (INTEGER if lt.whole and rt.whole else NUMBER), False


_KINDS_VI = {"integer": "một số nguyên", "number": "một số", "money": "một số tiền",
             "text": "chữ", "date": "một ngày", "boolean": "một điều kiện (đúng hoặc sai)"}


def _describe_vi(t: ExprType | None) -> str:
    """:func:`_describe` in Vietnamese."""
    return _describe(t, "vi")


_FIXED = {"error": ("an invalid value", "một giá trị không hợp lệ"),
          "group": ("a group", "một nhóm")}


def _describe(t: ExprType | None, lang: str = "en") -> str:
    """How a message names a value of type ``t``: ``an integer``, ``một số nguyên``."""
    vi = lang == "vi"
    kind = "error" if t is None else t.kind
    if kind in _FIXED:
        return _FIXED[kind][vi]
    if kind == "list":
        return f"một danh sách ({t})" if vi else f"a {t}"
    if vi:
        return _KINDS_VI.get(kind, str(t))
    article = "an" if str(t)[0] in "aeiou" else "a"
    return f"{article} {t}" if kind != "boolean" else "a condition (true or false)"
