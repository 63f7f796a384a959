"""Compile a checked condition to a JSON Schema (2020-12) that an answers object satisfies
exactly when the condition holds, or to ``None`` when no schema can say so exactly.

The OpenAPI and mobile targets put such a schema in ``if``/``then`` (conditional requirements,
visibility); a condition that gives ``None`` is carried by its JSON Logic rule alone
(:mod:`~procgen.expr.compile.jsonlogic`), which is always exact.

Exact only for: ``true``/``false``; a boolean field; ``x == lit``, ``x != lit``,
``x in [lits]``, ``x not in [lits]`` and ``lit in x`` / ``lit not in x`` (multichoice), where
``x`` is a *plain* field; and ``not``/``and``/``or`` of those. A plain field is a top-level
field whose no value is simply its absence from the answers object (the caller knows which:
no ``when``, no ``default``; see :func:`procgen.targets.openapi.answers.condition_schema`);
an asked boolean left out is false. Every other node class has an entry that gives ``None``.

>>> from procgen.expr import FieldSig, Scope, compile_expression
>>> from procgen.diagnostics import DiagnosticSink, Span
>>> scope = Scope.of(FieldSig("sex", "choice", ("m", "f")), FieldSig("n", "integer"))
>>> e = compile_expression('sex == "f"', Span("p.yaml", 1, 1), scope, "boolean",
...                        DiagnosticSink())
>>> to_jsonschema(e, {"sex": "choice"})
{'required': ['sex'], 'properties': {'sex': {'const': 'f'}}}
>>> to_jsonschema(e, {}) is None  # sex is not plain (it has a when, or a default)
True
>>> e = compile_expression("n > 1", Span("p.yaml", 1, 1), scope, "boolean", DiagnosticSink())
>>> to_jsonschema(e, {"n": "integer"}) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from procgen.diagnostics import CompilerBug
from procgen.expr import ast

Schema = dict[str, Any]
Id = TypeVar("Id", bound=str)  # a field id: str or a subclass (FieldId)

SCALAR_KINDS: tuple[str, ...] = (
    "text", "textarea", "address", "email", "phone", "national_id", "integer", "money",
    "number", "choice", "date",
)
"""Field kinds whose answer is one JSON scalar (``==``, ``!=``, ``in [...]`` are exact)."""


def _has(name: str, value_schema: Schema) -> Schema:
    return {"required": [name], "properties": {name: value_schema}}


def _literal(n: ast.Node) -> tuple[bool, Any]:
    if isinstance(n, ast.Text | ast.Number | ast.Boolean):
        return True, n.value
    return False, None


class JsonSchemaCompiler:
    """Compiles one checked condition; one method per node class, one per function."""

    NODES: ClassVar[dict[type[ast.Node], Callable[[JsonSchemaCompiler, Any], Schema | None]]]
    CALLS: ClassVar[dict[str, Callable[[JsonSchemaCompiler, ast.Call], Schema | None]]]

    def __init__(self, plain: Mapping[Any, str]) -> None:
        self.plain = plain

    def schema(self, node: ast.Node) -> Schema | None:
        handler = self.NODES.get(type(node))
        if handler is None:
            raise CompilerBug(f"jsonschema backend has no method for {type(node).__name__}")
        return handler(self, node)

    def _plain(self, name: str, kinds: tuple[str, ...]) -> str | None:
        """``name`` when it is a plain field of one of ``kinds``."""
        kind = self.plain.get(name)
        return name if kind is not None and kind in kinds else None

    def inexact(self, n: ast.Node) -> None:
        """No schema states this exactly (values, ordering, arithmetic, functions)."""
        return None

    def boolean(self, n: ast.Boolean) -> Schema | None:
        return {} if n.value else {"not": {}}

    def ref(self, n: ast.Ref) -> Schema | None:
        name = None if n.row else self._plain(n.name, ("boolean",))
        return _has(name, {"const": True}) if name is not None else None

    def compare(self, n: ast.Compare) -> Schema | None:
        if n.op not in ("==", "!="):
            return None
        ref, lit = (n.left, n.right) if isinstance(n.left, ast.Ref) else (n.right, n.left)
        ok, value = _literal(lit)
        if not ok or not isinstance(ref, ast.Ref) or ref.row:
            return None
        name = self._plain(ref.name, (*SCALAR_KINDS, "boolean"))
        if name is None:
            return None
        const = {"const": value}
        result = _has(name, const if n.op == "==" else {"not": const})
        if self.plain[name] == "boolean" and (value is False) == (n.op == "=="):
            # an asked boolean left out is false, and false satisfies this comparison
            return {"anyOf": [{"not": {"required": [name]}}, result]}
        return result

    def in_(self, n: ast.In) -> Schema | None:
        item, container = n.item, n.container
        if isinstance(item, ast.Ref) and not item.row and isinstance(container, ast.ListLit):
            values = [_literal(i) for i in container.items]
            name = self._plain(item.name, SCALAR_KINDS)
            if name is None or not all(ok for ok, _ in values):
                return None
            enum = {"enum": [v for _, v in values]}
            return _has(name, {"not": enum} if n.negated else enum)
        ok, value = _literal(item)
        if ok and isinstance(container, ast.Ref) and not container.row:
            name = self._plain(container.name, ("multichoice",))
            if name is None:
                return None
            contains = {"contains": {"const": value}}
            # [] is no answer: a comparison with it is false either way
            return _has(name, {"minItems": 1, "not": contains} if n.negated else contains)
        return None

    def not_(self, n: ast.Not) -> Schema | None:
        inner = self.schema(n.operand)
        return None if inner is None else {"not": inner}

    def and_(self, n: ast.And) -> Schema | None:
        left, right = self.schema(n.left), self.schema(n.right)
        return None if left is None or right is None else {"allOf": [left, right]}

    def or_(self, n: ast.Or) -> Schema | None:
        left, right = self.schema(n.left), self.schema(n.right)
        return None if left is None or right is None else {"anyOf": [left, right]}

    def call(self, n: ast.Call) -> Schema | None:
        handler = self.CALLS.get(n.name)
        if handler is None:
            raise CompilerBug(f"jsonschema backend has no function {n.name}()")
        return handler(self, n)


JsonSchemaCompiler.NODES = {
    ast.Number: JsonSchemaCompiler.inexact, ast.Text: JsonSchemaCompiler.inexact,
    ast.Boolean: JsonSchemaCompiler.boolean, ast.Date: JsonSchemaCompiler.inexact,
    ast.ListLit: JsonSchemaCompiler.inexact, ast.Ref: JsonSchemaCompiler.ref,
    ast.Member: JsonSchemaCompiler.inexact, ast.Neg: JsonSchemaCompiler.inexact,
    ast.Arith: JsonSchemaCompiler.inexact, ast.Round: JsonSchemaCompiler.inexact,
    ast.Compare: JsonSchemaCompiler.compare, ast.In: JsonSchemaCompiler.in_,
    ast.Not: JsonSchemaCompiler.not_, ast.And: JsonSchemaCompiler.and_,
    ast.Or: JsonSchemaCompiler.or_, ast.Call: JsonSchemaCompiler.call,
}
JsonSchemaCompiler.CALLS = {
    "today": JsonSchemaCompiler.inexact, "age": JsonSchemaCompiler.inexact,
    "days_between": JsonSchemaCompiler.inexact, "len": JsonSchemaCompiler.inexact,
    "count": JsonSchemaCompiler.inexact, "sum": JsonSchemaCompiler.inexact,
    "answered": JsonSchemaCompiler.inexact,
}


def to_jsonschema(expr: ast.Expr | ast.Node, plain: Mapping[Id, str]) -> Schema | None:
    """The exact JSON Schema of condition ``expr``, or ``None``.

    Args:
        expr: a compiled condition (or its checked AST).
        plain: the kind of every plain field by id: a top-level field whose no value is its
            absence from the answers object. A field left out is never plain.

    Returns:
        A schema an answers object satisfies exactly when ``expr`` holds, or ``None``.
    """
    node = expr.ast if isinstance(expr, ast.Expr) else expr
    return JsonSchemaCompiler(plain).schema(node)
