"""Compile a checked expression to JSON Logic that json-logic-js 2.0.5 evaluates exactly as the
Python evaluator does, no-value rules included.

The data is ``{"answers": {...}, "row": {...}, "today": "YYYY-MM-DD"}`` (see
:func:`jsonlogic_data`); no value is ``null``. Only built-in operations whose meaning every
JSON Logic implementation shares are used on values that cannot surprise them (``var``, ``if``,
``and``/``or`` on true/false, ``!``, ``==``/``!=`` on two values of one type, ``===``,
``< <= > >=`` on two numbers or two dates, ``in``, ``+ - * /`` on numbers, ``reduce``), plus
four custom operations implemented in ``runtime/jsonlogic-ops.js``: ``pg_round``, ``pg_age``,
``pg_days_between`` and ``pg_len``.

How no value is kept out of the built-ins: a value expression compiles to a *raw* form, valid
when its *guards* hold (every field it reads is answered, every divisor is not zero); a
condition compiles to two plain true/false forms, *is true* and *is false*, so three-valued
``and``/``or``/``not`` never meet ``null``.

>>> from procgen.expr import FieldSig, Scope, compile_expression
>>> from procgen.diagnostics import DiagnosticSink, Span
>>> scope = Scope.of(FieldSig("n", "integer"))
>>> e = compile_expression("n + 1 > 2", Span("p.yaml", 1, 1), scope, "boolean", DiagnosticSink())
>>> to_jsonlogic(e)
{'and': [{'!=': [{'var': 'answers.n'}, None]}, {'>': [{'+': [{'var': 'answers.n'}, 1]}, 2]}]}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from msgspec import Struct

from procgen.diagnostics import CompilerBug
from procgen.expr import ast
from procgen.expr.types import BOOLEAN

TODAY: dict[str, Any] = {"var": "today"}


class Val(Struct, frozen=True):
    """A value: ``raw`` is its value whenever every guard holds; otherwise it has no value."""

    raw: Any
    guards: tuple[Any, ...] = ()


class Cond(Struct, frozen=True):
    """A condition: ``t`` is true iff it is true, ``f`` iff it is false (both plain booleans)."""

    t: Any
    f: Any
    nullable: bool


Piece = Val | Cond


def all_of(*parts: Any) -> Any:
    """``and`` of plain booleans, flattened and simplified."""
    out: list[Any] = []
    for p in parts:
        if p is True:
            continue
        if p is False:
            return False
        for q in p["and"] if isinstance(p, dict) and "and" in p else [p]:
            if q not in out:
                out.append(q)
    return True if not out else out[0] if len(out) == 1 else {"and": out}


def any_of(*parts: Any) -> Any:
    """``or`` of plain booleans, flattened and simplified."""
    out: list[Any] = []
    for p in parts:
        if p is False:
            continue
        if p is True:
            return True
        for q in p["or"] if isinstance(p, dict) and "or" in p else [p]:
            if q not in out:
                out.append(q)
    return False if not out else out[0] if len(out) == 1 else {"or": out}


def negate(p: Any) -> Any:
    if isinstance(p, bool):
        return not p
    return {"!": [p]}


def _guards(*groups: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for g in groups:
        for clause in g:
            seen.setdefault(json.dumps(clause, sort_keys=True), clause)
    return tuple(seen.values())


def _answered(var: Any) -> Any:
    return {"!=": [var, None]}


class JsonLogicCompiler:
    """Compiles one checked AST; one method per node class, one per function."""

    NODES: ClassVar[dict[type[ast.Node], Callable[[JsonLogicCompiler, Any], Piece]]]
    CALLS: ClassVar[dict[str, Callable[[JsonLogicCompiler, ast.Call], Piece]]]

    def piece(self, node: ast.Node) -> Piece:
        handler = self.NODES.get(type(node))
        if handler is None:
            raise CompilerBug(f"jsonlogic backend has no method for {type(node).__name__}")
        return handler(self, node)

    def val(self, node: ast.Node) -> Val:
        p = self.piece(node)
        if not isinstance(p, Val):
            raise CompilerBug(f"{type(node).__name__} is a condition where a value was expected")
        return p

    def cond(self, node: ast.Node) -> Cond:
        p = self.piece(node)
        if not isinstance(p, Cond):
            raise CompilerBug(f"{type(node).__name__} is a value where a condition was expected")
        return p

    def value_form(self, node: ast.Node) -> Any:
        """JSON Logic giving the value, ``null`` for no value."""
        p = self.piece(node)
        if isinstance(p, Cond):
            return p.t if not p.nullable else {"if": [p.t, True, p.f, False, None]}
        if not p.guards:
            return p.raw
        if p.guards == (_answered(p.raw),):
            return p.raw  # a bare var already gives null when unanswered
        return {"if": [all_of(*p.guards), p.raw, None]}

    # -- values ------------------------------------------------------------------------------

    def literal(self, n: ast.Number | ast.Text | ast.Date) -> Piece:
        return Val(n.value)

    def boolean(self, n: ast.Boolean) -> Piece:
        return Cond(n.value, not n.value, False)

    def list_lit(self, n: ast.ListLit) -> Piece:
        return Val([self.val(i).raw for i in n.items])

    def ref(self, n: ast.Ref) -> Piece:
        var = {"var": f"{'row' if n.row else 'answers'}.{n.name}"}
        if n.type == BOOLEAN:
            return Cond({"===": [var, True]}, {"===": [var, False]}, True)
        return Val(var, (_answered(var),))

    def member(self, n: ast.Member) -> Piece:
        var = {"var": f"{'row' if n.row else 'answers'}.{n.group}"}
        return Val(var, (_answered(var),))

    def neg(self, n: ast.Neg) -> Piece:
        v = self.val(n.operand)
        return Val({"-": [v.raw]}, v.guards)

    def arith(self, n: ast.Arith) -> Piece:
        left, right = self.val(n.left), self.val(n.right)
        nonzero = ({"!=": [right.raw, 0]},) if n.op == "/" else ()
        return Val({n.op: [left.raw, right.raw]}, _guards(left.guards, right.guards, nonzero))

    def round(self, n: ast.Round) -> Piece:
        v = self.val(n.operand)
        return Val({"pg_round": [v.raw]}, v.guards)

    # -- conditions --------------------------------------------------------------------------

    def compare(self, n: ast.Compare) -> Piece:
        if n.left.type == BOOLEAN:
            a, b = self.cond(n.left), self.cond(n.right)
            same = any_of(all_of(a.t, b.t), all_of(a.f, b.f))
            differ = any_of(all_of(a.t, b.f), all_of(a.f, b.t))
            c = same if n.op == "==" else differ
            return Cond(c, negate(c), False)
        left, right = self.val(n.left), self.val(n.right)
        c = all_of(*_guards(left.guards, right.guards), {n.op: [left.raw, right.raw]})
        return Cond(c, negate(c), False)

    def in_(self, n: ast.In) -> Piece:
        item, container = self.val(n.item), self.val(n.container)
        test = {"in": [item.raw, container.raw]}
        c = all_of(*_guards(item.guards, container.guards), negate(test) if n.negated else test)
        return Cond(c, negate(c), False)

    def not_(self, n: ast.Not) -> Piece:
        a = self.cond(n.operand)
        return Cond(a.f, a.t, a.nullable)

    def and_(self, n: ast.And) -> Piece:
        a, b = self.cond(n.left), self.cond(n.right)
        return Cond(all_of(a.t, b.t), any_of(a.f, b.f), a.nullable or b.nullable)

    def or_(self, n: ast.Or) -> Piece:
        a, b = self.cond(n.left), self.cond(n.right)
        return Cond(any_of(a.t, b.t), all_of(a.f, b.f), a.nullable or b.nullable)

    # -- functions ---------------------------------------------------------------------------

    def call(self, n: ast.Call) -> Piece:
        handler = self.CALLS.get(n.name)
        if handler is None:
            raise CompilerBug(f"jsonlogic backend has no function {n.name}()")
        return handler(self, n)

    def fn_today(self, n: ast.Call) -> Piece:
        return Val(TODAY)

    def fn_age(self, n: ast.Call) -> Piece:
        d = self.val(n.args[0])
        return Val({"pg_age": [d.raw, TODAY]}, d.guards)

    def fn_days_between(self, n: ast.Call) -> Piece:
        a, b = self.val(n.args[0]), self.val(n.args[1])
        return Val({"pg_days_between": [a.raw, b.raw]}, _guards(a.guards, b.guards))

    def fn_len(self, n: ast.Call) -> Piece:
        return Val({"pg_len": [self.value_form(n.args[0])]})

    def fn_count(self, n: ast.Call) -> Piece:
        return Val({"pg_len": [self.val(n.args[0]).raw]})

    def fn_sum(self, n: ast.Call) -> Piece:
        m = n.args[0]
        assert isinstance(m, ast.Member)
        rows = self.val(m).raw
        current = {"var": f"current.{m.field}"}
        step = {"+": [{"var": "accumulator"}, {"if": [{"==": [current, None]}, 0, current]}]}
        return Val({"reduce": [rows, step, 0]})

    def fn_answered(self, n: ast.Call) -> Piece:
        p = self.piece(n.args[0])
        c = any_of(p.t, p.f) if isinstance(p, Cond) else all_of(*p.guards)
        return Cond(c, negate(c), False)


JsonLogicCompiler.NODES = {
    ast.Number: JsonLogicCompiler.literal, ast.Text: JsonLogicCompiler.literal,
    ast.Boolean: JsonLogicCompiler.boolean, ast.Date: JsonLogicCompiler.literal,
    ast.ListLit: JsonLogicCompiler.list_lit, ast.Ref: JsonLogicCompiler.ref,
    ast.Member: JsonLogicCompiler.member, ast.Neg: JsonLogicCompiler.neg,
    ast.Arith: JsonLogicCompiler.arith, ast.Round: JsonLogicCompiler.round,
    ast.Compare: JsonLogicCompiler.compare, ast.In: JsonLogicCompiler.in_,
    ast.Not: JsonLogicCompiler.not_, ast.And: JsonLogicCompiler.and_,
    ast.Or: JsonLogicCompiler.or_, ast.Call: JsonLogicCompiler.call,
}
JsonLogicCompiler.CALLS = {
    "today": JsonLogicCompiler.fn_today, "age": JsonLogicCompiler.fn_age,
    "days_between": JsonLogicCompiler.fn_days_between, "len": JsonLogicCompiler.fn_len,
    "count": JsonLogicCompiler.fn_count, "sum": JsonLogicCompiler.fn_sum,
    "answered": JsonLogicCompiler.fn_answered,
}


def to_jsonlogic(expr: ast.Expr | ast.Node) -> Any:
    """JSON Logic for ``expr``: its value, ``null`` for no value (JSON-serialisable)."""
    node = expr.ast if isinstance(expr, ast.Expr) else expr
    return JsonLogicCompiler().value_form(node)


def jsonlogic_data(answers: Mapping[str, Any], *, today: str,
                   row: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The data object a JSON Logic rule from :func:`to_jsonlogic` is applied to."""
    return {"answers": dict(answers), "row": dict(row) if row is not None else {},
            "today": today}
