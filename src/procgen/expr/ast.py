"""The expression AST: frozen nodes with source offsets, and the compiled :class:`Expr`.

The parser builds these nodes with ``type=None``; the checker returns the same classes with
``type`` set, ``Ref.row`` resolved and explicit :class:`Round` nodes where money is rounded.
Every backend (:mod:`procgen.expr.compile`) has one method per class here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from msgspec import Struct

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.expr.types import ExprType

ArithOp = Literal["+", "-", "*", "/"]
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]


class Node(Struct, frozen=True, kw_only=True):
    """Base class. ``start``/``end`` are character offsets in the expression's source.

    Nodes compare (and hash) by class and operands only: offsets and the checked ``type`` do
    not count, so ``a+1`` parsed equals ``a + 1`` checked.
    """

    start: int = 0
    end: int = 0
    type: ExprType | None = None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _operands(self) == _operands(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _operands(self)))


_NOT_COMPARED = frozenset({"start", "end", "type", "op_start"})


def _operands(node: Node) -> tuple[object, ...]:
    return tuple(getattr(node, f) for f in node.__struct_fields__ if f not in _NOT_COMPARED)


class Number(Node, frozen=True):
    value: int | float


class Text(Node, frozen=True):
    value: str


class Boolean(Node, frozen=True):
    value: bool


class Date(Node, frozen=True):
    """``date("YYYY-MM-DD")``; the parser leaves it a :class:`Call`, the checker makes it this."""

    value: str


class ListLit(Node, frozen=True):
    items: tuple[Node, ...]


class Ref(Node, frozen=True):
    """A field (or group) name. ``row`` is true for a group child named bare inside its group."""

    name: str
    row: bool = False


class Member(Node, frozen=True):
    """``group.field``; only valid as the argument of ``sum()``."""

    group: str
    field: str
    row: bool = False


class Neg(Node, frozen=True):
    operand: Node


class Arith(Node, frozen=True):
    op: ArithOp
    left: Node
    right: Node
    op_start: int = 0


class Round(Node, frozen=True):
    """Money rounding, half up to a whole đồng (inserted by the checker, never written)."""

    operand: Node


class Compare(Node, frozen=True):
    op: CompareOp
    left: Node
    right: Node
    op_start: int = 0


class In(Node, frozen=True):
    item: Node
    container: Node
    negated: bool = False


class Not(Node, frozen=True):
    operand: Node


class And(Node, frozen=True):
    left: Node
    right: Node


class Or(Node, frozen=True):
    left: Node
    right: Node


class Call(Node, frozen=True):
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


class Expr(Struct, frozen=True):
    """A parsed and type-checked expression, ready for every backend.

    Attributes:
        source: the expression text; a name that a block's ``prefix`` changed is written as the
            field's real id (the AST's offsets stay those of the text as written, where
            diagnostics point).
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
