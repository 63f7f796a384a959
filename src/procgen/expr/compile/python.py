"""Evaluate a checked expression in Python, with the language's no-value rules.

Numbers are computed as IEEE doubles, exactly as JavaScript does, so that this evaluator, JSON
Logic and the web runtime agree to the last bit; results of whole types (integer, money) are
returned as ``int``. See ``docs/expressions.md`` for the semantics.

>>> from procgen.expr import FieldSig, Scope, compile_expression
>>> from procgen.diagnostics import DiagnosticSink, Span
>>> scope = Scope.of(FieldSig("fee", "money"))
>>> e = compile_expression("fee / 3", Span("p.yaml", 1, 9), scope, "number", DiagnosticSink())
>>> evaluate(e, {"fee": 10001}, today="2024-06-01"), evaluate(e, {}, today="2024-06-01")
(3334, NO_VALUE)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar, Final

from procgen.diagnostics import CompilerBug
from procgen.expr import ast
from procgen.expr.types import ExprType


class _NoValue:
    """The type of :data:`NO_VALUE`; falsy, like a condition that ends in no value."""

    _instance: ClassVar[_NoValue | None] = None

    def __new__(cls) -> _NoValue:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Final = _NoValue()
"""No value: an unanswered (or not asked) field, and whatever is computed from one."""


def round_half_up(x: float) -> int:
    """Round to a whole number, halves upwards (as JavaScript's ``Math.round``).

    >>> round_half_up(2.5), round_half_up(-2.5), round_half_up(0.49999999999999994)
    (3, -2, 0)
    """
    f = math.floor(x)
    return f + 1 if x - f >= 0.5 else f


def age(born: str, today: str) -> int:
    """Whole years from ``born`` to ``today`` (a 29 February birthday counts on 1 March)."""
    years = int(today[:4]) - int(born[:4])
    if (int(today[5:7]), int(today[8:10])) < (int(born[5:7]), int(born[8:10])):
        years -= 1
    return years


def days_between(a: str, b: str) -> int:
    """``b - a`` in days."""
    return date.fromisoformat(b).toordinal() - date.fromisoformat(a).toordinal()


def _out(x: float, t: ExprType | None) -> int | float:
    """A whole-typed result becomes ``int`` (exactly the double JavaScript holds)."""
    return int(x) if t is not None and t.whole and math.isfinite(x) else x


class Evaluator:
    """Evaluates one checked AST against one set of answers."""

    NODES: ClassVar[dict[type[ast.Node], Callable[[Evaluator, Any], Any]]]
    CALLS: ClassVar[dict[str, Callable[[Evaluator, ast.Call], Any]]]

    def __init__(self, answers: Mapping[str, Any], today: str,
                 row: Mapping[str, Any] | None = None) -> None:
        self.answers = answers
        self.today = today
        self.row = row

    def eval(self, node: ast.Node) -> Any:
        handler = self.NODES.get(type(node))
        if handler is None:
            raise CompilerBug(f"python backend has no method for {type(node).__name__}")
        return handler(self, node)

    def number(self, n: ast.Number) -> Any:
        return n.value

    def literal(self, n: ast.Text | ast.Boolean | ast.Date) -> Any:
        return n.value

    def list_lit(self, n: ast.ListLit) -> Any:
        return [self.eval(i) for i in n.items]

    def ref(self, n: ast.Ref) -> Any:
        source = self.row if n.row else self.answers
        value = source.get(n.name) if source is not None else None
        return NO_VALUE if value is None else value

    def member(self, n: ast.Member) -> Any:
        raise CompilerBug("group.field is evaluated only by sum()")

    def neg(self, n: ast.Neg) -> Any:
        v = self.eval(n.operand)
        return NO_VALUE if v is NO_VALUE else _out(-float(v), n.type)

    def arith(self, n: ast.Arith) -> Any:
        left, right = self.eval(n.left), self.eval(n.right)
        if left is NO_VALUE or right is NO_VALUE:
            return NO_VALUE
        a, b = float(left), float(right)
        if n.op == "+":
            return _out(a + b, n.type)
        if n.op == "-":
            return _out(a - b, n.type)
        if n.op == "*":
            return _out(a * b, n.type)
        return NO_VALUE if b == 0 else _out(a / b, n.type)

    def round(self, n: ast.Round) -> Any:
        v = self.eval(n.operand)
        if v is NO_VALUE:
            return NO_VALUE
        x = float(v)
        return round_half_up(x) if math.isfinite(x) else x

    def compare(self, n: ast.Compare) -> Any:
        left, right = self.eval(n.left), self.eval(n.right)
        if left is NO_VALUE or right is NO_VALUE:
            return False
        if n.left.type is not None and n.left.type.is_number:
            left, right = float(left), float(right)
        op = n.op
        if op == "==":
            return bool(left == right)
        if op == "!=":
            return bool(left != right)
        if op == "<":
            return bool(left < right)
        if op == "<=":
            return bool(left <= right)
        if op == ">":
            return bool(left > right)
        return bool(left >= right)

    def in_(self, n: ast.In) -> Any:
        item, container = self.eval(n.item), self.eval(n.container)
        if item is NO_VALUE or container is NO_VALUE:
            return False
        if isinstance(container, str):
            found = container != "" and item in container
        elif n.item.type is not None and n.item.type.is_number:
            found = any(isinstance(x, int | float) and float(x) == float(item) for x in container)
        else:
            found = item in container
        return not found if n.negated else found

    def not_(self, n: ast.Not) -> Any:
        v = self.eval(n.operand)
        return NO_VALUE if v is NO_VALUE else not v

    def and_(self, n: ast.And) -> Any:
        left = self.eval(n.left)
        if left is False:
            return False
        right = self.eval(n.right)
        if right is False:
            return False
        return NO_VALUE if NO_VALUE in (left, right) else True

    def or_(self, n: ast.Or) -> Any:
        left = self.eval(n.left)
        if left is True:
            return True
        right = self.eval(n.right)
        if right is True:
            return True
        return NO_VALUE if NO_VALUE in (left, right) else False

    def call(self, n: ast.Call) -> Any:
        handler = self.CALLS.get(n.name)
        if handler is None:
            raise CompilerBug(f"python backend has no function {n.name}()")
        return handler(self, n)

    def fn_today(self, n: ast.Call) -> Any:
        return self.today

    def fn_age(self, n: ast.Call) -> Any:
        d = self.eval(n.args[0])
        return NO_VALUE if d is NO_VALUE else age(d, self.today)

    def fn_days_between(self, n: ast.Call) -> Any:
        a, b = self.eval(n.args[0]), self.eval(n.args[1])
        return NO_VALUE if NO_VALUE in (a, b) else days_between(a, b)

    def fn_len(self, n: ast.Call) -> Any:
        v = self.eval(n.args[0])
        return 0 if v is NO_VALUE else len(v)

    def fn_count(self, n: ast.Call) -> Any:
        v = self.eval(n.args[0])
        return len(v) if isinstance(v, list) else 0

    def fn_sum(self, n: ast.Call) -> Any:
        m = n.args[0]
        assert isinstance(m, ast.Member)
        source = self.row if m.row else self.answers
        rows = source.get(m.group) if source is not None else None
        total = 0.0
        for entry in rows if isinstance(rows, list) else ():
            v = entry.get(m.field) if isinstance(entry, Mapping) else None
            if v is not None:
                total = total + float(v)
        return _out(total, n.type)

    def fn_answered(self, n: ast.Call) -> Any:
        return self.eval(n.args[0]) is not NO_VALUE


Evaluator.NODES = {
    ast.Number: Evaluator.number, ast.Text: Evaluator.literal, ast.Boolean: Evaluator.literal,
    ast.Date: Evaluator.literal, ast.ListLit: Evaluator.list_lit, ast.Ref: Evaluator.ref,
    ast.Member: Evaluator.member, ast.Neg: Evaluator.neg, ast.Arith: Evaluator.arith,
    ast.Round: Evaluator.round, ast.Compare: Evaluator.compare, ast.In: Evaluator.in_,
    ast.Not: Evaluator.not_, ast.And: Evaluator.and_, ast.Or: Evaluator.or_,
    ast.Call: Evaluator.call,
}
Evaluator.CALLS = {
    "today": Evaluator.fn_today, "age": Evaluator.fn_age,
    "days_between": Evaluator.fn_days_between, "len": Evaluator.fn_len,
    "count": Evaluator.fn_count, "sum": Evaluator.fn_sum, "answered": Evaluator.fn_answered,
}


def evaluate(expr: ast.Expr | ast.Node, answers: Mapping[str, Any], *, today: str,
             row: Mapping[str, Any] | None = None) -> Any:
    """The value of ``expr``, or :data:`NO_VALUE`.

    Args:
        expr: a compiled expression (or its checked AST).
        answers: JSON-like answers by field id; an absent key or ``None`` is no value.
        today: the date of evaluation, ``YYYY-MM-DD``.
        row: for an expression compiled inside a group, the group entry being checked.
    """
    node = expr.ast if isinstance(expr, ast.Expr) else expr
    return Evaluator(answers, today, row).eval(node)


def holds(expr: ast.Expr | ast.Node, answers: Mapping[str, Any], *, today: str,
          row: Mapping[str, Any] | None = None) -> bool:
    """Whether a condition is true; a condition that ends in no value counts as false."""
    return evaluate(expr, answers, today=today, row=row) is True
