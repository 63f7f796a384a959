"""Parse expression text into AST nodes (:mod:`procgen.expr.ast`) with the lark grammar.

No ``lark.Tree`` leaves this module: the Transformer builds frozen nodes, and lark's errors
become :class:`ExprSyntaxError` with an offset into the source.

>>> parse("age(child_date_of_birth) >= 18").op
'>='
>>> try:
...     parse("x = 1")
... except ExprSyntaxError as e:
...     (e.offset, e.problem)
(2, "'=' is not an operator here; write '==' to compare")
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procgen.diagnostics import Phrase
from procgen.expr import ast

if TYPE_CHECKING:
    from lark import Lark, Token

_GRAMMAR = Path(__file__).with_name("grammar.lark")

MAX_LENGTH = 4000
"""Characters an expression may have (PG212), checked before it is parsed."""
MAX_DEPTH = 64
"""Operators an expression may nest inside one another (PG211), checked right after parsing and
before any pass that recurses (the tree builder, the checker, every compiler): ``a and b and
c`` nests 2, ``not not x`` 2, ``-(-(x))`` 2; brackets alone do not count."""


class ExprSyntaxError(Exception):
    """The text is not an expression. ``offset``/``length`` locate the offending text."""

    def __init__(self, offset: int, length: int, problem: str | Phrase) -> None:
        words = problem if isinstance(problem, Phrase) else Phrase(problem, problem)
        super().__init__(words.en)
        self.offset = offset
        self.length = max(length, 1)
        self.problem = words.en
        self.words = words
        """The problem in both languages (``problem`` is its English)."""


class ExprTooLarge(Exception):
    """The text is longer (PG212) or nests deeper (PG211) than procgen's limits."""

    def __init__(self, offset: int, code: str, **fields: int) -> None:
        super().__init__(code)
        self.offset = offset
        self.code = code
        self.fields = fields


@functools.cache
def _parser() -> Lark:
    """Build the LALR parser once per process, from lark's on-disk cache when it is there.

    ``cache=True`` pickles the analysed grammar in the temporary folder, keyed by the grammar,
    the options and lark's version: loading it takes about 1 ms instead of about 100 ms, which
    keeps a cold ``procgen validate`` fast. Grammar collisions are checked with lark's
    ``strict`` mode by a test (``tests/expr/test_grammar.py``), not at every start.
    """
    from lark import Lark

    return Lark(_GRAMMAR.read_text(encoding="utf-8"), parser="lalr", propagate_positions=True,
                maybe_placeholders=False, cache=True)


def parse(source: str) -> ast.Node:
    """Parse ``source`` into an unchecked AST.

    Raises:
        ExprSyntaxError: the text is not a well-formed expression.
        ExprTooLarge: it is longer than :data:`MAX_LENGTH` or nests deeper than
            :data:`MAX_DEPTH`.
    """
    from lark.exceptions import UnexpectedInput, VisitError

    if not source.strip():
        raise ExprSyntaxError(0, 1, Phrase("the expression is empty", "biểu thức trống"))
    if len(source) > MAX_LENGTH:
        raise ExprTooLarge(MAX_LENGTH, "PG212", length=len(source), limit=MAX_LENGTH)
    try:
        tree = _parser().parse(source)
    except UnexpectedInput as e:
        raise _syntax_error(source, e) from None
    _check_depth(tree)
    try:
        node: ast.Node = _builder().transform(tree)
    except VisitError as e:
        raise e.orig_exc from None
    return node


def _check_depth(tree: Any) -> None:
    """Raise :class:`ExprTooLarge` when the lark tree nests deeper than :data:`MAX_DEPTH`.

    Walks with its own stack: lark's parser is iterative, so this is the first pass that
    would otherwise recurse as deep as the expression nests (a chain of 300 ``and`` builds
    300 nested nodes).
    """
    from lark import Tree

    deepest, first_over = 0, -1
    todo: list[tuple[Any, int]] = [(tree, 0)]
    while todo:
        node, above = todo.pop()
        operands = [c for c in node.children if isinstance(c, Tree)]
        if not operands:
            continue  # a name, a number, a text: no operator
        depth = above + 1
        deepest = max(deepest, depth)
        if depth == MAX_DEPTH + 1 and first_over < 0:
            first_over = node.meta.start_pos if not node.meta.empty else 0
        todo.extend((c, depth) for c in operands)
    if deepest > MAX_DEPTH:
        raise ExprTooLarge(first_over, "PG211", depth=deepest, limit=MAX_DEPTH)


_TERMINALS = {
    "NAME": "a field name", "NUMBER": "a number", "STRING": "a \"text\"", "LPAR": "'('",
    "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "COMMA": "','", "MINUS": "'-'", "PLUS": "'+'",
    "STAR": "'*'", "SLASH": "'/'", "COMP_OP": "a comparison", "NOT": "'not'", "IN": "'in'",
    "AND": "'and'", "OR": "'or'", "TRUE": "'true'", "FALSE": "'false'", "DOT": "'.'",
    "$END": "the end",
}
_TERMINALS_VI = {"a field name": "tên một trường", "a number": "một số",
                 "a \"text\"": "một \"đoạn chữ\"", "a comparison": "một phép so sánh",
                 "the end": "hết biểu thức", "a value": "một giá trị",
                 "an operator": "một phép toán", "more": "thêm nữa"}
_OPERAND_STARTS = {"NAME", "NUMBER", "STRING", "LPAR", "TRUE", "FALSE", "LSQB", "NOT"}
_HINTS = {
    "=": Phrase("'=' is not an operator here; write '==' to compare",
                "'=' không phải phép toán ở đây; viết '==' để so sánh"),
    "&": Phrase("write 'and' instead of '&&'", "viết 'and' thay cho '&&'"),
    "|": Phrase("write 'or' instead of '||'", "viết 'or' thay cho '||'"),
    "!": Phrase("write 'not x' instead of '!x' ('!=' means not equal)",
                "viết 'not x' thay cho '!x' ('!=' nghĩa là khác)"),
    "%": Phrase("'%' is not an operator in expressions",
                "'%' không phải phép toán trong biểu thức"),
    "'": Phrase("a text in quotes is not closed", "đoạn chữ trong dấu nháy chưa được đóng"),
    '"': Phrase("a text in quotes is not closed", "đoạn chữ trong dấu nháy chưa được đóng"),
}


def _syntax_error(source: str, e: Any) -> ExprSyntaxError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(e, UnexpectedCharacters):
        pos = e.pos_in_stream or 0
        ch = source[pos]
        hint = _HINTS.get(ch)
        if ch == "=" and source[pos - 1: pos] in ("=", "!", "<", ">"):
            hint = None
        return ExprSyntaxError(pos, 1, hint or Phrase(f"unexpected character {ch!r}",
                                                      f"ký tự {ch!r} không đúng chỗ"))
    if isinstance(e, UnexpectedEOF) or (
            isinstance(e, UnexpectedToken) and e.token.type == "$END"):
        expected = _expected(getattr(e, "expected", ()) or ())
        return ExprSyntaxError(len(source.rstrip()), 1, Phrase(
            f"the expression ends too early; expected {expected.en}",
            f"biểu thức kết thúc quá sớm; cần {expected.vi}"))
    if isinstance(e, UnexpectedToken):
        tok = e.token
        text = str(tok)
        if tok.type == "COMP_OP" and e.accepts and "COMP_OP" not in e.accepts:
            problem = Phrase(f"comparisons do not chain: '{text}' after a comparison; join two "
                             "comparisons with 'and'",
                             f"không viết nối các phép so sánh: '{text}' sau một phép so sánh; "
                             "nối hai phép so sánh bằng 'and'")
        elif tok.type in _OPERAND_STARTS and not (_OPERAND_STARTS & set(e.accepts or ())):
            problem = Phrase(f"unexpected {text!r}; is an operator or ',' missing before it?",
                             f"{text!r} không đúng chỗ; có thiếu phép toán hay ',' trước nó "
                             "không?")
        else:
            wanted = _expected(e.accepts or e.expected)
            problem = Phrase(f"unexpected {text!r}; expected {wanted.en}",
                             f"{text!r} không đúng chỗ; cần {wanted.vi}")
        return ExprSyntaxError(tok.start_pos or 0, len(text), problem)
    return ExprSyntaxError(0, 1, str(e))  # pragma: no cover - lark has no other kinds


def _expected(names: Any) -> Phrase:
    words = sorted({_TERMINALS.get(n, n.lower()) for n in names if not n.startswith("__")})
    if len(words) > 6:
        words = ["a value" if "a field name" in words else "an operator"]
    if not words:
        words = ["more"]
    return Phrase(" or ".join(words), " hoặc ".join(_TERMINALS_VI.get(w, w) for w in words))


@functools.cache
def _builder() -> Any:
    from lark import Transformer, v_args

    @v_args(inline=True)
    class Builder(Transformer[Any, ast.Node]):
        """One method per grammar alias; each returns a frozen node with its offsets."""

        def number(self, tok: Token) -> ast.Node:
            text = str(tok)
            value: int | float = float(text) if "." in text else int(text)
            return ast.Number(value, start=tok.start_pos or 0, end=tok.end_pos or 0)

        def string(self, tok: Token) -> ast.Node:
            body, out, i = str(tok)[1:-1], [], 0
            while i < len(body):
                if body[i] == "\\" and i + 1 < len(body):
                    i += 1
                out.append(body[i])
                i += 1
            return ast.Text("".join(out), start=tok.start_pos or 0, end=tok.end_pos or 0)

        @v_args(meta=True)
        def true(self, meta: Any, children: list[Any]) -> ast.Node:
            return ast.Boolean(True, start=meta.start_pos, end=meta.end_pos)

        @v_args(meta=True)
        def false(self, meta: Any, children: list[Any]) -> ast.Node:
            return ast.Boolean(False, start=meta.start_pos, end=meta.end_pos)

        @v_args(meta=True)
        def list_(self, meta: Any, children: list[Any]) -> ast.Node:
            items = tuple(c for c in children[1:] if isinstance(c, ast.Node))
            return ast.ListLit(items, start=meta.start_pos, end=meta.end_pos)

        @v_args(meta=True)
        def call(self, meta: Any, children: list[Any]) -> ast.Node:
            name, *args = children
            return ast.Call(str(name), tuple(a for a in args if isinstance(a, ast.Node)),
                            start=meta.start_pos, end=meta.end_pos)

        def member(self, group: Token, name: Token) -> ast.Node:
            return ast.Member(str(group), str(name), start=group.start_pos or 0,
                              end=name.end_pos or 0)

        def name(self, tok: Token) -> ast.Node:
            return ast.Ref(str(tok), start=tok.start_pos or 0, end=tok.end_pos or 0)

        def neg(self, minus: Token, operand: ast.Node) -> ast.Node:
            return ast.Neg(operand, start=minus.start_pos or 0, end=operand.end)

        def arith(self, left: ast.Node, op: Token, right: ast.Node) -> ast.Node:
            return ast.Arith(str(op), left, right, start=left.start,  # type: ignore[arg-type]
                             end=right.end, op_start=op.start_pos or 0)

        def compare(self, left: ast.Node, op: Token, right: ast.Node) -> ast.Node:
            return ast.Compare(str(op), left, right, start=left.start,  # type: ignore[arg-type]
                               end=right.end, op_start=op.start_pos or 0)

        def in_(self, item: ast.Node, container: ast.Node) -> ast.Node:
            return ast.In(item, container, start=item.start, end=container.end)

        def not_in(self, item: ast.Node, _not: Token, container: ast.Node) -> ast.Node:
            return ast.In(item, container, negated=True, start=item.start, end=container.end)

        def not_(self, tok: Token, operand: ast.Node) -> ast.Node:
            return ast.Not(operand, start=tok.start_pos or 0, end=operand.end)

        def and_(self, left: ast.Node, right: ast.Node) -> ast.Node:
            return ast.And(left, right, start=left.start, end=right.end)

        def or_(self, left: ast.Node, right: ast.Node) -> ast.Node:
            return ast.Or(left, right, start=left.start, end=right.end)

    return Builder()
