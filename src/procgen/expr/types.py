"""Expression types: what the checker knows about the value an expression gives.

>>> str(MONEY), str(ExprType.list_of(TEXT)), MONEY.is_number, INTEGER.whole
('money', 'list of text', True, True)
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

Kind = Literal["number", "text", "boolean", "date", "list", "group", "error"]


class ExprType(Struct, frozen=True):
    """The type of an expression.

    Attributes:
        kind: ``number``, ``text``, ``boolean``, ``date`` or ``list``; ``group`` is the type of a
            bare group name (only ``count()`` and ``answered()`` accept it) and ``error`` the type
            of an expression that already has a diagnostic (it never causes a second one).
        element: for a list, the element type (``None`` for the empty list ``[]``).
        whole: for a number, whether it is always a whole number (``integer`` and ``money``).
        money: for a number, whether it is an amount of VND (whole đồng, rounded half up).
    """

    kind: Kind
    element: ExprType | None = None
    whole: bool = False
    money: bool = False

    @staticmethod
    def list_of(element: ExprType | None) -> ExprType:
        return ExprType("list", element)

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    def __str__(self) -> str:
        if self.kind == "number":
            return "money" if self.money else "integer" if self.whole else "number"
        if self.kind == "list":
            return f"list of {self.element}" if self.element else "empty list"
        return self.kind


NUMBER = ExprType("number")
INTEGER = ExprType("number", whole=True)
MONEY = ExprType("number", whole=True, money=True)
TEXT = ExprType("text")
BOOLEAN = ExprType("boolean")
DATE = ExprType("date")
GROUP = ExprType("group")
ERROR = ExprType("error")

KIND_TYPES: dict[str, ExprType] = {
    "text": TEXT, "textarea": TEXT, "email": TEXT, "phone": TEXT, "national_id": TEXT,
    "address": TEXT, "choice": TEXT, "integer": INTEGER, "number": NUMBER, "money": MONEY,
    "date": DATE, "boolean": BOOLEAN, "multichoice": ExprType.list_of(TEXT), "group": GROUP,
}
"""The expression type of each DSL field type."""

