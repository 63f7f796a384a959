"""Compile a checked expression to the compact JSON form read by ``runtime/procgen-expr.js``.

A form is a JSON literal (number, string, true, false: dates are ``"YYYY-MM-DD"`` strings) or
an array whose first item names the operation::

    ["var", id]  ["row", id]  ["list", item...]
    ["neg", x]  ["+", a, b]  ["-", a, b]  ["*", a, b]  ["/", a, b]  ["round", x]
    ["==", a, b]  ["!=", a, b]  ["<", a, b]  ["<=", a, b]  [">", a, b]  [">=", a, b]
    ["in", item, container]  ["not in", item, container]
    ["not", x]  ["and", a, b]  ["or", a, b]
    ["today"]  ["age", d]  ["days_between", a, b]  ["len", x]  ["count", g]
    ["sum", g, field]  ["answered", x]

where ``g`` is ``["var", group]`` or ``["row", group]``. The runtime implements the language's
semantics (no value is ``null``) directly, so the form needs no guards.

>>> from procgen.expr import FieldSig, Scope, compile_expression
>>> from procgen.diagnostics import DiagnosticSink, Span
>>> scope = Scope.of(FieldSig("n", "integer"))
>>> to_runtime(compile_expression("-n < 2", Span("p.yaml", 1, 1), scope, "any", DiagnosticSink()))
['<', ['neg', ['var', 'n']], 2]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from procgen.diagnostics import CompilerBug
from procgen.expr import ast


class RuntimeCompiler:
    """One method per node class, one per function."""

    NODES: ClassVar[dict[type[ast.Node], Callable[[RuntimeCompiler, Any], Any]]]
    CALLS: ClassVar[dict[str, Callable[[RuntimeCompiler, ast.Call], Any]]]

    def form(self, node: ast.Node) -> Any:
        handler = self.NODES.get(type(node))
        if handler is None:
            raise CompilerBug(f"runtime backend has no method for {type(node).__name__}")
        return handler(self, node)

    def literal(self, n: ast.Number | ast.Text | ast.Boolean | ast.Date) -> Any:
        return n.value

    def list_lit(self, n: ast.ListLit) -> Any:
        return ["list", *(self.form(i) for i in n.items)]

    def ref(self, n: ast.Ref) -> Any:
        return ["row" if n.row else "var", n.name]

    def member(self, n: ast.Member) -> Any:
        return ["row" if n.row else "var", n.group]

    def neg(self, n: ast.Neg) -> Any:
        return ["neg", self.form(n.operand)]

    def arith(self, n: ast.Arith) -> Any:
        return [n.op, self.form(n.left), self.form(n.right)]

    def round(self, n: ast.Round) -> Any:
        return ["round", self.form(n.operand)]

    def compare(self, n: ast.Compare) -> Any:
        return [n.op, self.form(n.left), self.form(n.right)]

    def in_(self, n: ast.In) -> Any:
        return ["not in" if n.negated else "in", self.form(n.item), self.form(n.container)]

    def not_(self, n: ast.Not) -> Any:
        return ["not", self.form(n.operand)]

    def and_(self, n: ast.And) -> Any:
        return ["and", self.form(n.left), self.form(n.right)]

    def or_(self, n: ast.Or) -> Any:
        return ["or", self.form(n.left), self.form(n.right)]

    def call(self, n: ast.Call) -> Any:
        handler = self.CALLS.get(n.name)
        if handler is None:
            raise CompilerBug(f"runtime backend has no function {n.name}()")
        return handler(self, n)

    def fn_plain(self, n: ast.Call) -> Any:
        return [n.name, *(self.form(a) for a in n.args)]

    def fn_sum(self, n: ast.Call) -> Any:
        m = n.args[0]
        assert isinstance(m, ast.Member)
        return ["sum", self.form(m), m.field]


RuntimeCompiler.NODES = {
    ast.Number: RuntimeCompiler.literal, ast.Text: RuntimeCompiler.literal,
    ast.Boolean: RuntimeCompiler.literal, ast.Date: RuntimeCompiler.literal,
    ast.ListLit: RuntimeCompiler.list_lit, ast.Ref: RuntimeCompiler.ref,
    ast.Member: RuntimeCompiler.member, ast.Neg: RuntimeCompiler.neg,
    ast.Arith: RuntimeCompiler.arith, ast.Round: RuntimeCompiler.round,
    ast.Compare: RuntimeCompiler.compare, ast.In: RuntimeCompiler.in_,
    ast.Not: RuntimeCompiler.not_, ast.And: RuntimeCompiler.and_, ast.Or: RuntimeCompiler.or_,
    ast.Call: RuntimeCompiler.call,
}
RuntimeCompiler.CALLS = {
    "today": RuntimeCompiler.fn_plain, "age": RuntimeCompiler.fn_plain,
    "days_between": RuntimeCompiler.fn_plain, "len": RuntimeCompiler.fn_plain,
    "count": RuntimeCompiler.fn_plain, "sum": RuntimeCompiler.fn_sum,
    "answered": RuntimeCompiler.fn_plain,
}


def to_runtime(expr: ast.Expr | ast.Node) -> Any:
    """The compact JSON form of ``expr`` for the web runtime (JSON-serialisable)."""
    node = expr.ast if isinstance(expr, ast.Expr) else expr
    return RuntimeCompiler().form(node)
