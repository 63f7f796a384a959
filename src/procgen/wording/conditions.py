"""A condition (a ``when``) in words, for citizens: "Loại yêu cầu: Bị mất", "Ngày chết: cách
đây hơn 15 ngày", "Hộ nghèo: có hoặc Người khuyết tật: có".

The assistant's checklists and eligibility questions, and the printed guide, say when a
document or a fee applies with :func:`condition`. It words the shapes conditions take in
procedures (a yes/no question, a choice compared with options, a number or a count compared
with a number, a date's distance from today, ``and``/``or``/``not`` of those) from the fields'
own labels and options; anything else is worded as the questions it depends on ("tùy theo:
Số con, Ngày sinh"), never as the expression's source text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procgen.expr import ast
from procgen.wording import inline, number, say

if TYPE_CHECKING:
    from procgen.expr.ast import Expr
    from procgen.model.ir import Field, Procedure

_OPS = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class _Unworded(Exception):
    """A shape :func:`condition` does not word (it falls back to the questions read)."""


def condition(expr: Expr, procedure: Procedure, lang: str) -> str:
    """``expr`` in words, in ``lang`` (tests/wording/test_conditions.py has each shape)."""
    fields: dict[str, Field] = {f.id: f for top in procedure.fields for f in top.walk()}
    try:
        return _said(expr.ast, fields, lang)
    except _Unworded:
        names = [f.label.get(lang) for n, f in fields.items() if n in expr.names]  # form order
        return say("cond_depends", lang, labels=", ".join(names))


def _said(node: ast.Node, fields: dict[str, Field], lang: str, inside: str = "") -> str:
    if isinstance(node, ast.And | ast.Or):
        op, key = ("and", "cond_and") if isinstance(node, ast.And) else ("or", "cond_or")
        text = say(key, lang, left=_said(node.left, fields, lang, op),
                   right=_said(node.right, fields, lang, op))
        return f"({text})" if inside and inside != op else text
    if isinstance(node, ast.Not):
        if isinstance(node.operand, ast.Ref):
            return _is(_field(node.operand, fields), say("no", lang).lower(), lang)
        return say("cond_not", lang, condition=_said(node.operand, fields, lang))
    if isinstance(node, ast.Ref):
        f = _field(node, fields)
        if f.kind != "boolean":
            raise _Unworded
        return _is(f, say("yes", lang).lower(), lang)
    if isinstance(node, ast.In):
        return _in(node, fields, lang)
    if isinstance(node, ast.Compare) and _today(node.left) and isinstance(node.right, ast.Date):
        side = {">=": "cond_from", "<=": "cond_until", ">": "cond_after", "<": "cond_before"}
        if node.op not in side:
            raise _Unworded
        return say(side[node.op], lang, day=node.right.value)  # an exemption's window
    if isinstance(node, ast.Compare):
        return _compare(node, fields, lang)
    if isinstance(node, ast.Call) and node.name == "answered" and isinstance(
            node.args[0], ast.Ref):
        return say("cond_answered", lang, label=_field(node.args[0], fields).label.get(lang))
    raise _Unworded


def _today(node: ast.Node) -> bool:
    return isinstance(node, ast.Call) and node.name == "today"


def _field(node: ast.Node, fields: dict[str, Field]) -> Field:
    if not isinstance(node, ast.Ref) or node.row or node.name not in fields:
        raise _Unworded
    return fields[node.name]


def _is(f: Field, value: str, lang: str) -> str:
    return say("cond_is", lang, label=f.label.get(lang), value=value)


def _option(f: Field, node: ast.Node, lang: str) -> str:
    """A literal compared with choice field ``f``: its option's label."""
    if not isinstance(node, ast.Text | ast.Number):
        raise _Unworded
    for o in f.options:
        if str(o.value) == str(node.value):
            return o.label.get(lang)
    raise _Unworded


def _either(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return say("cond_either", lang, items=", ".join(items[:-1]), last=items[-1])


def _in(node: ast.In, fields: dict[str, Field], lang: str) -> str:
    if isinstance(node.container, ast.ListLit):  # choice in [options]
        f = _field(node.item, fields)
        values = _either([_option(f, x, lang) for x in node.container.items], lang)
        return _is(f, say("cond_not_value", lang, value=values) if node.negated else values,
                   lang)
    f = _field(node.container, fields)  # "option" in multichoice
    key = "cond_excludes" if node.negated else "cond_includes"
    return say(key, lang, label=f.label.get(lang), value=_option(f, node.item, lang))


def _compare(node: ast.Compare, fields: dict[str, Field], lang: str) -> str:
    left, right = node.left, node.right
    op: str = node.op
    if isinstance(left, ast.Number | ast.Text | ast.Boolean):
        left, op, right = right, _FLIPPED[op], left
    if isinstance(left, ast.Call) and left.name == "days_between" and _is_today(left.args[1]):
        f = _field(left.args[0], fields)
        if not isinstance(right, ast.Number):
            raise _Unworded
        return _is(f, say(f"cond_days_ago_{_OPS[op]}", lang, n=number(right.value, lang)), lang)
    if isinstance(left, ast.Call) and left.name in ("age", "count", "len") and left.args:
        f = _field(left.args[0], fields)
        subject = say(f"cond_{left.name}", lang, label=inline(f.label.get(lang)))
    else:
        f = _field(left, fields)
        subject = f.label.get(lang)
        if f.options and op in ("==", "!="):
            value = _option(f, right, lang)
            return _is(f, value if op == "==" else say("cond_not_value", lang, value=value),
                       lang)
        if f.kind == "boolean" and isinstance(right, ast.Boolean) and op in ("==", "!="):
            yes = right.value == (op == "==")
            return _is(f, say("yes" if yes else "no", lang).lower(), lang)
    if not isinstance(right, ast.Number):
        raise _Unworded
    return say("cond_is", lang, label=subject,
               value=say(f"cond_{_OPS[op]}", lang, value=number(right.value, lang)))


def _is_today(node: ast.Node) -> bool:
    return isinstance(node, ast.Call) and node.name == "today"
