"""The DSL's ``pattern`` dialect: parse it, match it in linear time, and sample it.

A field's ``pattern`` is a regular expression that the whole answer must match. It is run in
four places — procgen itself (``validate``'s checks of defaults, ``procgen quote``, the OpenAPI
example generator), the web form (a JavaScript ``RegExp`` with the ``u`` flag; the HTML
``pattern`` attribute uses the ``v`` flag), JSON Schema validators (ECMA-262) and the phone
apps (ECMA-262 as well) — so the dialect is the part of ECMA-262 that means the same with the
``u`` and the ``v`` flag and that a linear-time engine can run (``docs/dsl.md#patterns``):

* characters, ``.``, classes ``[...]`` / ``[^...]`` with ranges, ``\\d \\D \\w \\W \\s \\S``
  (ASCII digits and word characters, JavaScript's white space), escapes ``\\t \\n \\r \\f
  \\v \\0 \\xHH \\uHHHH \\u{H...}`` and a backslash before a syntax character;
* groups ``(...)`` and ``(?:...)`` (named groups are refused); alternatives ``|``;
* repetitions ``* + ? {n} {n,} {n,m}`` (``n``, ``m`` ≤ 1000), greedy or lazy (``*?``);
* anchors ``^ $`` and word boundaries ``\\b \\B``.

Back-references, look-arounds, inline flags, Python's ``\\A \\Z (?P<…>)``, possessive
quantifiers, Unicode properties and the ``v`` flag's set operations are refused, as is
anything whose meaning differs between the two flags (inside a class, ``( ) [ ] { } / - \\ |``
must be escaped when meant literally, and a doubled punctuator such as ``&&`` is reserved).

procgen matches patterns with RE2 (``google-re2``), which runs in time linear in the answer:
:func:`compile_pattern` is the one place a pattern becomes a matcher, translated from the
parsed form so that ``\\s``, ``.`` and ``\\b`` mean exactly what they mean in JavaScript.
Browsers and phones backtrack, so :mod:`procgen.model.ambiguity` refuses patterns they could
run in exponential time.

>>> compile_pattern("[A-Z]{2}[0-9]{4}").fullmatch("AB1234")
True
>>> compile_pattern(r"\\s").fullmatch("\\u00a0"), compile_pattern(".").fullmatch("\\u2028")
(True, False)
>>> sample("[A-Z]{2}[0-9]{4}")
'AA0000'
>>> try:
...     parse(r"(a)\\1")
... except PatternError as e:
...     (e.offset, e.problem)
(3, 'back-references (\\\\1) are not supported; repeat the part instead')
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_LENGTH = 1000
"""Characters a pattern may have."""
MAX_NESTING = 32
"""Groups (and classes) a pattern may nest inside one another."""
MAX_COUNT = 1000
"""The largest ``{n,m}`` bound, and the largest product of nested bounds (RE2's own limit)."""

MAX_CODE = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]

# JavaScript's white space and line terminators: what \s matches with the u and v flags.
_SPACE: Ranges = ((0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                  (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                  (0xFEFF, 0xFEFF))
_DIGIT: Ranges = ((0x30, 0x39),)
_WORD: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
_LINE_BREAKS: Ranges = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))
_SURROGATES = (0xD800, 0xDFFF)
_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
_CLASS_SYNTAX = frozenset("()[]{}/-\\|")
_DOUBLED = frozenset("&!#$%*+,.:;<=>?@^`~")
_SIMPLE_ESCAPES = {"t": 0x09, "n": 0x0A, "r": 0x0D, "f": 0x0C, "v": 0x0B}


class PatternError(Exception):
    """A pattern outside the dialect. ``offset``/``length`` locate the offending characters."""

    def __init__(self, offset: int, length: int, problem: str) -> None:
        super().__init__(problem)
        self.offset = offset
        self.length = max(length, 1)
        self.problem = problem


# --- the parsed form ---------------------------------------------------------------------


class Node(Struct, frozen=True):
    """A parsed pattern part; ``start``/``end`` are offsets into the pattern's text."""

    start: int
    end: int


class Chars(Node, frozen=True):
    """One character from a set (a literal, a class, an escape such as ``\\d``, or ``.``).

    ``pick`` is the character an example shows (the first one the author wrote), or None.
    """

    ranges: Ranges
    pick: int | None


class Seq(Node, frozen=True):
    items: tuple[Node, ...]


class Alt(Node, frozen=True):
    branches: tuple[Node, ...]


class Repeat(Node, frozen=True):
    """``body`` repeated ``low`` to ``high`` times (``None``: no limit); ``op`` is where the
    quantifier is written."""

    body: Node
    low: int
    high: int | None
    op: int


class Assert(Node, frozen=True):
    """``^``, ``$``, ``\\b`` or ``\\B``: a condition on the position, matching no character."""

    kind: str


# --- character sets ----------------------------------------------------------------------


def normalise(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Sorted, merged, without the surrogates (which no text procgen reads can hold)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        for a, b in ((lo, min(hi, _SURROGATES[0] - 1)), (max(lo, _SURROGATES[1] + 1), hi)):
            if a > b:
                continue
            if out and a <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
    return tuple(out)


def complement(ranges: Ranges) -> Ranges:
    out, nxt = [], 0
    for lo, hi in normalise(ranges):
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX_CODE:
        out.append((nxt, MAX_CODE))
    return normalise(out)


def overlap(a: Ranges, b: Ranges) -> bool:
    """Whether two normalised sets share a character."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def _contains(ranges: Ranges, code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


_DOT = complement(_LINE_BREAKS)
_CLASS_ESCAPES: dict[str, tuple[Ranges, int]] = {
    "d": (_DIGIT, ord("0")), "D": (complement(_DIGIT), ord("a")),
    "w": (_WORD, ord("a")), "W": (complement(_WORD), ord(" ")),
    "s": (_SPACE, ord(" ")), "S": (complement(_SPACE), ord("a")),
}


# --- the parser --------------------------------------------------------------------------


def parse(text: str) -> Node:
    """Parse ``text`` (the DSL's pattern, matched whole) into its parts.

    Raises:
        PatternError: the text is not a pattern of the dialect.
    """
    if len(text) > MAX_LENGTH:
        raise PatternError(MAX_LENGTH, len(text) - MAX_LENGTH,
                           f"the pattern is {len(text)} characters long; at most {MAX_LENGTH}")
    return _Parser(text).run()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.depth = 0
        self.names: set[str] = set()

    def fail(self, problem: str, at: int | None = None, length: int = 1) -> PatternError:
        return PatternError(self.i if at is None else at, length, problem)

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def run(self) -> Node:
        node = self.disjunction()
        if self.i < len(self.text):
            ch = self.text[self.i]
            if ch == ")":
                raise self.fail("')' closes a group that was never opened; escape it as \\)")
            raise self.fail(f"unexpected {ch!r}")  # pragma: no cover - disjunction stops at ')'
        _check_counts(node, 1)
        return node

    def disjunction(self) -> Node:
        start = self.i
        branches = [self.alternative()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.alternative())
        if len(branches) == 1:
            return branches[0]
        return Alt(start, self.i, tuple(branches))

    def alternative(self) -> Node:
        start = self.i
        items: list[Node] = []
        while self.i < len(self.text) and self.peek() not in "|)":
            items.append(self.term())
        return items[0] if len(items) == 1 else Seq(start, self.i, tuple(items))

    def term(self) -> Node:
        start = self.i
        ch = self.peek()
        if ch in "^$":
            self.i += 1
            atom: Node = Assert(start, self.i, ch)
        elif ch == "\\" and self.peek(1) in ("b", "B"):
            self.i += 2
            atom = Assert(start, self.i, self.text[start + 1])
        else:
            atom = self.atom()
        quantified = self.quantifier(atom)
        if quantified is not atom and isinstance(atom, Assert):
            raise self.fail(f"'{self.text[atom.start:atom.end]}' matches no character, so it "
                            "cannot be repeated", at=atom.start, length=self.i - atom.start)
        return quantified

    def quantifier(self, atom: Node) -> Node:
        op = self.i
        ch = self.peek()
        if ch in ("*", "+", "?"):
            self.i += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
        elif ch == "{":
            low, high = self.braces()
        else:
            return atom
        if self.peek() == "?":
            self.i += 1  # lazy: the same answers match
        if self.peek() == "+":
            raise self.fail("possessive repetitions (*+, ++, ?+) are not supported; "
                            "write the repetition without the last '+'")
        if self.peek() in ("*", "+", "?", "{"):
            raise self.fail("a repetition cannot be repeated; put the part in a group: (...)*")
        return Repeat(atom.start, self.i, atom, low, high, op)

    def braces(self) -> tuple[int, int | None]:
        start = self.i
        self.i += 1
        low = self.number()
        high: int | None = low
        if self.peek() == ",":
            self.i += 1
            high = self.number() if self.peek().isdigit() else None
        if low is None or self.peek() != "}":
            raise self.fail("'{' starts a repetition {n}, {n,} or {n,m}; to mean the "
                            "character, escape it: \\{", at=start)
        self.i += 1
        if high is not None and high < low:
            raise self.fail(f"the repetition {{{low},{high}}} has its numbers in the wrong order",
                            at=start, length=self.i - start)
        if max(low, high or 0) > MAX_COUNT:
            raise self.fail(f"a repetition may count to at most {MAX_COUNT}", at=start,
                            length=self.i - start)
        return low, high

    def number(self) -> int | None:
        start = self.i
        while self.peek().isdigit() and self.peek().isascii():
            self.i += 1
        if start == self.i:
            return None
        return int(self.text[start:self.i][:6])

    def atom(self) -> Node:
        start = self.i
        ch = self.peek()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == ".":
            self.i += 1
            return Chars(start, self.i, _DOT, ord("a"))
        if ch == "\\":
            ranges, pick = self.escape(in_class=False)
            return Chars(start, self.i, ranges, pick)
        if ch in ("*", "+", "?"):
            raise self.fail(f"'{ch}' has nothing to repeat; to mean the character, escape it: "
                            f"\\{ch}")
        if ch == "{":
            raise self.fail("'{' has nothing to repeat; to mean the character, escape it: \\{")
        if ch in ("]", "}"):
            raise self.fail(f"'{ch}' is not opened; to mean the character, escape it: \\{ch}")
        self.plain(ch)
        return Chars(start, self.i, normalise([(ord(ch), ord(ch))]), ord(ch))

    def plain(self, ch: str) -> None:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise self.fail("a lone surrogate is not a character")
        self.i += 1

    def enter(self, at: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.fail(f"groups nest more than {MAX_NESTING} deep", at=at)

    def group(self) -> Node:
        start = self.i
        self.enter(start)
        self.i += 1
        if self.peek() == "?":
            self.group_kind(start)
        body = self.disjunction()
        if self.peek() != ")":
            raise self.fail("this group is never closed; add ')'", at=start)
        self.i += 1
        self.depth -= 1
        return msgspec.structs.replace(body, start=start, end=self.i)

    def group_kind(self, start: int) -> None:
        two = self.text[self.i:self.i + 2]
        if two == "?:":
            self.i += 2
            return
        if two == "?<" and self.peek(2) not in ("=", "!"):
            raise self.fail("named groups (?<name>...) are not supported: OpenAPI tools read "
                            "patterns with another dialect; write (?:...)", at=start)
        if two in ("?=", "?!") or self.text[self.i:self.i + 3] in ("?<=", "?<!"):
            raise self.fail("look-arounds ((?=...), (?!...), (?<=...), (?<!...)) are not "
                            "supported", at=start)
        if two == "?P":
            raise self.fail("(?P<name>...) is Python's spelling; named groups are not "
                            "supported, write (?:...)", at=start)
        raise self.fail("inline flags and other (?...) groups are not supported; write the "
                        "characters out (e.g. [Aa] for either case)", at=start)

    def escape(self, in_class: bool) -> tuple[Ranges, int | None]:
        """After a backslash: a set of characters and the one to show in examples."""
        start = self.i
        self.i += 1
        ch = self.peek()
        if not ch:
            raise self.fail("the pattern ends with a lone backslash", at=start)
        self.i += 1
        if ch in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[ch]
        code: int | None = None
        if ch in _SIMPLE_ESCAPES:
            code = _SIMPLE_ESCAPES[ch]
        elif ch == "0" and not self.peek().isdigit():
            code = 0
        elif ch == "x":
            code = self.hex_digits(2, start)
        elif ch == "u":
            code = self.unicode_escape(start)
        elif ch in _SYNTAX or (in_class and ch == "-"):
            code = ord(ch)
        if code is None:
            raise self.fail(_escape_problem(ch, in_class), at=start, length=2)
        return normalise([(code, code)]), code

    def hex_digits(self, n: int, start: int) -> int:
        digits = self.text[self.i:self.i + n]
        if len(digits) != n or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise self.fail(f"write \\{self.text[start + 1]} with {n} hexadecimal digits",
                            at=start, length=2)
        self.i += n
        return int(digits, 16)

    def unicode_escape(self, start: int) -> int:
        if self.peek() == "{":
            end = self.text.find("}", self.i)
            digits = self.text[self.i + 1:end] if end > 0 else ""
            if not digits or any(c not in "0123456789abcdefABCDEF" for c in digits) or (
                    int(digits[:8], 16) > MAX_CODE):
                raise self.fail("write \\u{...} with the hexadecimal number of a character",
                                at=start, length=2)
            self.i = end + 1
            code = int(digits, 16)
        else:
            code = self.hex_digits(4, start)
            if 0xD800 <= code <= 0xDBFF and self.text[self.i:self.i + 2] == "\\u":
                save = self.i
                self.i += 2
                low = self.hex_digits(4, save)
                if 0xDC00 <= low <= 0xDFFF:
                    return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                self.i = save
        if 0xD800 <= code <= 0xDFFF:
            raise self.fail("a lone surrogate (\\uD800-\\uDFFF) is not a character",
                            at=start, length=self.i - start)
        return code

    def char_class(self) -> Node:
        start = self.i
        self.enter(start)
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        ranges: list[tuple[int, int]] = []
        pick: int | None = None
        prev_plain = ""
        while True:
            ch = self.peek()
            if not ch:
                raise self.fail("this class is never closed; add ']'", at=start)
            if ch == "]":
                self.i += 1
                break
            at = self.i
            if ch in _DOUBLED and prev_plain == ch:
                raise self.fail(f"'{ch}{ch}' inside [...] is reserved; write the character "
                                "once", at=at - 1, length=2)
            lo_set, lo_pick, single = self.class_atom()
            prev_plain = ch if ch != "\\" else ""
            if self.peek() == "-" and self.peek(1) != "]":
                self.i += 1
                hi_char = self.peek()
                _, _, hi_single = self.class_atom()
                if single is None or hi_single is None:
                    raise self.fail("a range in [...] goes from one character to another; "
                                    "\\d, \\w and \\s cannot end a range", at=at,
                                    length=self.i - at)
                if hi_single < single:
                    raise self.fail("this range's characters are in the wrong order", at=at,
                                    length=self.i - at)
                ranges.append((single, hi_single))
                prev_plain = hi_char if hi_char != "\\" else ""
            else:
                ranges.extend(lo_set)
            if pick is None:
                pick = lo_pick
        self.depth -= 1
        if negated:
            full = complement(normalise(ranges))
            pick = next((ord(c) for c in "a0A_" if _contains(full, ord(c))),
                        full[0][0] if full else None)
            return Chars(start, self.i, full, pick)
        return Chars(start, self.i, normalise(ranges), pick)

    def class_atom(self) -> tuple[Ranges, int | None, int | None]:
        """One member of a class: its set, its example character, and its code if single."""
        ch = self.peek()
        if ch == "\\":
            if self.peek(1) == "b":
                raise self.fail("\\b inside [...] means a backspace in JavaScript; write \\x08",
                                length=2)
            if self.peek(1) == "B":
                raise self.fail("\\B cannot be used inside [...]", length=2)
            letter = self.peek(1)
            ranges, pick = self.escape(in_class=True)
            return ranges, pick, None if letter in _CLASS_ESCAPES else pick
        if ch in _CLASS_SYNTAX:
            raise self.fail(f"'{ch}' inside [...] must be escaped (\\{ch}) to mean the "
                            "character, or the pattern means something else in browsers")
        self.plain(ch)
        return normalise([(ord(ch), ord(ch))]), ord(ch), ord(ch)


def _escape_problem(ch: str, in_class: bool) -> str:
    if ch.isdigit() and ch != "0":
        return f"back-references (\\{ch}) are not supported; repeat the part instead"
    if ch == "0":
        return "\\0 followed by a digit is an octal escape; write \\x.. instead"
    if ch == "k":
        return "back-references (\\k<name>) are not supported; repeat the part instead"
    if ch in "AZz":
        return (f"\\{ch} is Python's spelling; the pattern already matches the whole answer "
                "(write ^ and $ if you want them)")
    if ch in "pP":
        return f"\\{ch}{{...}} (Unicode properties) is not supported; list the characters"
    if ch == "c":
        return "\\c (control characters) is not supported; write \\x.. instead"
    if ch == "-":
        return "'\\-' is only an escape inside [...]; outside, write '-'"
    if ch == "b" and in_class:  # pragma: no cover - caught before
        return "\\b inside [...] means a backspace in JavaScript; write \\x08"
    return (f"'\\{ch}' is not an escape in patterns; write '{ch}' without the backslash"
            if ch.isascii() and ch.isalnum() else
            f"'\\{ch}' is not an escape in patterns (browsers refuse it); write '{ch}' alone")


def _check_counts(node: Node, outer: int) -> None:
    """Nested ``{n,m}`` bounds multiply; RE2 (and sanity) limit the product."""
    if isinstance(node, Repeat):
        bound = node.high if node.high is not None else max(node.low, 1)
        product = outer * max(bound, 1)
        if product > MAX_COUNT:
            raise PatternError(node.op, node.end - node.op,
                               f"nested repetitions multiply to more than {MAX_COUNT}; "
                               "write a smaller count")
        _check_counts(node.body, product)
    elif isinstance(node, Seq):
        for item in node.items:
            _check_counts(item, outer)
    elif isinstance(node, Alt):
        for branch in node.branches:
            _check_counts(branch, outer)


# --- matching ----------------------------------------------------------------------------


class Matcher:
    """A compiled pattern: :meth:`fullmatch` takes time linear in the text (RE2)."""

    __slots__ = ("_regex", "pattern")

    def __init__(self, pattern: str, regex: Any) -> None:
        self.pattern = pattern
        self._regex = regex

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches (a text holding a lone surrogate never does)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return self._regex.fullmatch(data) is not None


@functools.lru_cache(maxsize=512)
def compile_pattern(text: str) -> Matcher:
    """The linear-time matcher of a pattern of the dialect: the one place procgen compiles one.

    Raises:
        PatternError: the text is not a pattern of the dialect.
    """
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.log_errors = False  # errors are ours to report; RE2 must not write to stderr
    options.never_capture = True
    options.encoding = re2.Options.Encoding.UTF8
    source = to_re2(parse(text))
    try:
        regex = re2.compile(source.encode("utf-8"), options)
    except re2.error as e:  # pragma: no cover - the parser's limits keep RE2 within its own
        raise PatternError(0, len(text), f"the pattern is too large to run ({e})") from None
    return Matcher(text, regex)


def to_re2(node: Node) -> str:
    """RE2 syntax for a parsed pattern, with JavaScript's meaning of every part."""
    if isinstance(node, Chars):
        return _re2_set(node.ranges)
    if isinstance(node, Seq):
        return "".join(_re2_atom(i) if isinstance(i, Alt) else to_re2(i) for i in node.items)
    if isinstance(node, Alt):
        return "|".join(to_re2(b) for b in node.branches)
    if isinstance(node, Repeat):
        high = "" if node.high is None else str(node.high)
        count = f"{{{node.low}}}" if node.high == node.low else f"{{{node.low},{high}}}"
        return f"{_re2_atom(node.body)}{count}"
    if isinstance(node, Assert):
        return {"^": "^", "$": "$", "b": r"\b", "B": r"\B"}[node.kind]
    raise TypeError(node)  # pragma: no cover


def _re2_atom(node: Node) -> str:
    inner = to_re2(node)
    return inner if isinstance(node, Chars) else f"(?:{inner})"


def _re2_set(ranges: Ranges) -> str:
    if not ranges:
        return r"[^\x{0}-\x{10FFFF}]"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return f"\\x{{{ranges[0][0]:X}}}"
    body = "".join(f"\\x{{{lo:X}}}" if lo == hi else f"\\x{{{lo:X}}}-\\x{{{hi:X}}}"
                   for lo, hi in ranges)
    return f"[{body}]"


# --- examples ----------------------------------------------------------------------------


def sample(text: str) -> str | None:
    """A short text that the pattern accepts, or None when none is found.

    Follows the pattern as written: the first character of each class, the first alternative,
    the fewest repetitions. The result is checked, so a pattern it cannot follow gives None.
    """
    try:
        out = _sample(parse(text))
    except (PatternError, ValueError):
        return None
    return out if compile_pattern(text).fullmatch(out) else None


def _sample(node: Node) -> str:
    if isinstance(node, Chars):
        if node.pick is None or not _contains(node.ranges, node.pick):
            raise ValueError("no character")
        return chr(node.pick)
    if isinstance(node, Seq):
        return "".join(_sample(i) for i in node.items)
    if isinstance(node, Alt):
        return _sample(node.branches[0])
    if isinstance(node, Repeat):
        return _sample(node.body) * node.low if node.low else ""
    return ""
