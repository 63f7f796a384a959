"""Expressions: parse, type-check and compile ``when``/``required``/``constraint``/``amount``.

The language is described for policy staff and developers in ``docs/expressions.md``.

>>> from procgen.diagnostics import DiagnosticSink, Span
>>> scope = Scope.of(FieldSig("child_date_of_birth", "date"), FieldSig("extra_copies", "integer"))
>>> sink = DiagnosticSink()
>>> e = compile_expression("days_between(child_date_of_birth, today()) > 60",
...                        Span("p.yaml", 7, 11), scope, "boolean", sink)
>>> sorted(e.names), str(e.type)
(['child_date_of_birth'], 'boolean')
>>> holds(e, {"child_date_of_birth": "2024-01-01"}, today="2024-06-01")
True
>>> evaluate(e, {}, today="2024-06-01")
False
>>> compile_expression("extra_copie * 8000", Span("p.yaml", 9, 13), scope, "number", sink)
>>> [(d.code, d.span.line, d.span.col, d.message) for d in sink]
[('PG203', 9, 13, "unknown field 'extra_copie' in expression; did you mean 'extra_copies'?")]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from procgen.diagnostics import DiagnosticSink, Span, Words
from procgen.expr.ast import Expr, Node
from procgen.expr.compile.jsonlogic import jsonlogic_data, to_jsonlogic
from procgen.expr.compile.jsonschema import to_jsonschema
from procgen.expr.compile.python import NO_VALUE, evaluate, holds
from procgen.expr.compile.runtime import to_runtime
from procgen.expr.scope import FieldSig, Scope
from procgen.expr.types import ExprType

if TYPE_CHECKING:
    from procgen.source.loader import ScalarInfo

__all__ = [
    "NO_VALUE", "Expr", "ExprType", "FieldSig", "Node", "Scope", "compile_expression",
    "evaluate", "holds", "jsonlogic_data", "to_jsonlogic", "to_jsonschema", "to_runtime",
]


def compile_expression(source: str, where: ScalarInfo | Span, scope: Scope,
                       expect: Literal["boolean", "number", "any"],
                       sink: DiagnosticSink) -> Expr | None:
    """Parse and type-check ``source``.

    Args:
        source: the expression text (the YAML scalar's value).
        where: the scalar it came from (exact columns), or a bare span whose ``line``/``col``
            is where the expression's first character sits.
        scope: the fields it may name.
        expect: ``boolean`` for conditions, ``number`` for amounts, ``any`` otherwise.
        sink: receives located PG2xx diagnostics.

    Returns:
        The compiled expression, or ``None`` when there is any error (diagnostics in ``sink``).
    """
    from procgen.expr.checker import Checker
    from procgen.expr.parser import ExprSyntaxError, ExprTooLarge, parse

    def locate(start: int, end: int) -> Span:
        length = max(end - start, 1)
        if isinstance(where, Span):
            return _offset_span(where, source, start, length)
        return where.span_at(start, length)

    try:
        tree = parse(source)
    except ExprSyntaxError as e:
        sink.emit("PG201", locate(e.offset, e.offset + e.length), problem=e.words)
        return None
    except ExprTooLarge as e:
        sink.emit(e.code, locate(e.offset, e.offset + 1), **e.fields)  # type: ignore[arg-type]
        return None

    def report(code: str, start: int, end: int, hint: Words | None = None,
               **fields: object) -> None:
        sink.emit(code, locate(start, end), hint=hint, **fields)  # type: ignore[arg-type]

    checker = Checker(scope, report)
    checked = checker.check(tree, expect)
    if checker.errors or checked.type is None:
        return None
    span = locate(0, len(source.rstrip()))
    return Expr(_renamed(source, checker.renamed), checked, checked.type, span,
                frozenset(checker.names))


def _renamed(source: str, renamed: list[tuple[int, int, str]]) -> str:
    """``source`` with the names a block's prefix changed written as the fields' real ids, so
    that what targets show of an expression names what their clients send.

    >>> _renamed("a > 1 and b", [(10, 11, "site_b"), (0, 1, "site_a")])
    'site_a > 1 and site_b'
    """
    for start, end, real in sorted(renamed, reverse=True):
        source = source[:start] + real + source[end:]
    return source


def _offset_span(base: Span, source: str, start: int, length: int) -> Span:
    """A span ``length`` characters long at ``start`` in ``source``, which begins at ``base``."""
    before = source[:start]
    newlines = before.count("\n")
    if newlines == 0:
        col = base.col + start
        line = base.line
    else:
        line = base.line + newlines
        col = start - before.rfind("\n")
    end_line, end_col = line, col + length
    return Span(base.file, line, col, end_line, end_col)
