"""The expression AST: frozen nodes with source offsets, and the compiled :class:`Expr`.

The parser builds these nodes with ``type=None``; the checker returns the same classes with
``type`` set, ``Ref.row`` resolved and explicit :class:`Round` nodes where money is rounded.
Every backend (:mod:`procgen.expr.compile`) has one method per class here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.expr.types import ExprType

ArithOp = Literal["+", "-", "*", "/"]
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """Base class. ``start``/``end`` are character offsets in the expression's source."""

    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    type: ExprType | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Number(Node):
    value: int | float


@dataclass(frozen=True, slots=True)
class Text(Node):
    value: str


@dataclass(frozen=True, slots=True)
class Boolean(Node):
    value: bool


@dataclass(frozen=True, slots=True)
class Date(Node):
    """``date("YYYY-MM-DD")``; the parser leaves it a :class:`Call`, the checker makes it this."""

    value: str


@dataclass(frozen=True, slots=True)
class ListLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Ref(Node):
    """A field (or group) name. ``row`` is true for a group child named bare inside its group."""

    name: str
    row: bool = False


@dataclass(frozen=True, slots=True)
class Member(Node):
    """``group.field``; only valid as the argument of ``sum()``."""

    group: str
    field: str
    row: bool = False


@dataclass(frozen=True, slots=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class Arith(Node):
    op: ArithOp
    left: Node
    right: Node
    op_start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Round(Node):
    """Money rounding, half up to a whole đồng (inserted by the checker, never written)."""

    operand: Node


@dataclass(frozen=True, slots=True)
class Compare(Node):
    op: CompareOp
    left: Node
    right: Node
    op_start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class In(Node):
    item: Node
    container: Node
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class And(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Or(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function call; after checking, ``name`` is one of :data:`FUNCTIONS`."""

    name: str
    args: tuple[Node, ...]


FUNCTIONS: tuple[str, ...] = (
    "today", "age", "days_between", "len", "count", "sum", "answered",
)
"""Functions a checked AST may call (``date(...)`` becomes a :class:`Date` literal)."""

NODE_CLASSES: tuple[type[Node], ...] = (
    Number, Text, Boolean, Date, ListLit, Ref, Member, Neg, Arith, Round, Compare, In, Not,
    And, Or, Call,
)


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed and type-checked expression, ready for every backend.

    Attributes:
        source: the expression text.
        ast: the checked AST.
        type: the type of its value.
        span: where the expression sits in its YAML file.
        names: the field ids it reads (top-level ids; a group child counts as its group).
    """

    source: str
    ast: Node
    type: ExprType
    span: Span
    names: frozenset[str]
