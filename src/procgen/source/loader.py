"""Compose YAML with libyaml's safe loader and build plain values with spans, refusing unsafe input.

Only plain data comes out: ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and ``None``.
Dates and timestamps stay as the text that was written (``"2023-07-01"``); the JSON Schema checks
their format. Every value's position is kept in a side index keyed by its path, so later stages
can say *where* without carrying marks in the values.

Refused, each with a located PG1xx diagnostic: invalid UTF-8, tabs used for indentation, YAML
syntax errors, duplicate keys, null or non-scalar keys, explicit tags other than the core
schema's, documents that are not a single mapping, and whatever breaks a limit of
:mod:`procgen.source.limits`: nesting deeper than ``MAX_DEPTH``, more than ``MAX_VALUES``
values (written out, or expanded from aliases), an alias inside its own anchor's value, and
numbers beyond ±``MAX_SAFE_INTEGER`` or not finite. Nothing is ever constructed from a tag:
construction is our own walk over the nodes, which never recurses deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path as FsPath
from typing import Any, Literal, NoReturn, TypeVar

import yaml
from msgspec import Struct, field

from procgen.diagnostics import DiagnosticSink, Phrase, Related, Span, StageFailed, Words
from procgen.source.advice import advise
from procgen.source.limits import MAX_DEPTH, MAX_SAFE_INTEGER, MAX_VALUES


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, whose composer recurses once per level: it stops where
    libyaml's does (``exceeded maximum nesting depth``), far inside Python's recursion limit.
    Used only where libyaml is missing; the loader refuses depth beyond :data:`MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > 2 * MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "exceeded maximum nesting depth", mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - the PyPI wheels ship libyaml
    _Loader = _PureLoader  # type: ignore[assignment,misc]

Path = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Every line break YAML knows: lines are counted the same way in every diagnostic."""
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {f"{_CORE}map", f"{_CORE}seq"}
_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


class ScalarInfo(Struct, frozen=True):
    """How a scalar was written, so offsets inside its value (expressions) map back to the file.

    Attributes:
        span: the scalar's span, from its first character (a quote or block indicator).
        value: the scalar's value, as YAML read it.
        source: the file's text from the scalar's first character to its end.
    """

    span: Span
    value: str
    source: str

    def span_at(self, offset: int, length: int = 1) -> Span:
        """The file span of ``length`` value characters at ``offset``.

        The value is aligned with the source text: YAML folds line breaks and indentation into
        spaces, drops quotes and turns escapes into one character, but never reorders or
        invents the other characters. So each value character is found by skipping only
        whitespace, quotes, backslashes and block indicators in the source. Exact for every
        style; an escape such as ``\\x41`` points at its backslash.
        """
        table = _align(self.value, self.source)
        start = min(max(offset, 0), len(table) - 1)
        end = min(start + max(length, 1) - 1, len(table) - 1)
        (l0, c0), (l1, c1) = table[start], table[end]
        s = self.span
        first = (s.line + l0, (s.col if l0 == 0 else 1) + c0)
        last = (s.line + l1, (s.col if l1 == 0 else 1) + c1 + 1)
        return Span(s.file, first[0], first[1], last[0], last[1])


_SKIPPABLE = frozenset(" \t\n\r\\'\"|>-+0123456789")


@functools.lru_cache(maxsize=256)
def _align(value: str, source: str) -> tuple[tuple[int, int], ...]:
    """For each value character (and one past the end), its (line, col) offset in ``source``."""
    where: list[tuple[int, int]] = []
    line = col = 0
    j = 0
    positions = []
    for ch in source:  # (line, col) of every source character
        positions.append((line, col))
        if ch == "\n":
            line, col = line + 1, 0
        else:
            col += 1
    positions.append((line, col))
    # Skip the block header ("|", ">-", "|2" ...) up to its line break.
    if source[:1] in ("|", ">"):
        j = source.find("\n") + 1 if "\n" in source else len(source)
    elif source[:1] in ("'", '"'):
        j = 1
    for ch in value:
        k = j
        if ch.isspace():
            # Folded whitespace: any whitespace (or nothing, before a line end) in the source.
            while k < len(source) and source[k] not in " \t\n" and source[k] in "\\":
                k += 1
        else:
            while k < len(source) and source[k] != ch and source[k] in _SKIPPABLE:
                k += 1
            if k >= len(source) or source[k] != ch:
                k = j  # an escape that spells the character differently: stay put
            elif k > j and source[k - 1] == "\\":
                where.append(positions[k - 1])  # an escaped character starts at its backslash
                j = k + 1
                continue
        where.append(positions[min(k, len(source))])
        j = min(k + 1, len(source))
    where.append(positions[min(j, len(source))])
    return tuple(where)


def nearest(
    file: str,
    keys: dict[Path, Span],
    values: dict[Path, Span],
    path: Path,
    kind: Literal["key", "value"] = "value",
) -> Span:
    """The span of the value (or key) at ``path`` in a span index, else of its nearest located
    ancestor, else the file's start. Shared by every reader that keeps such an index."""
    table = keys if kind == "key" else values
    p = tuple(path)
    while p:
        if p in table:
            return table[p]
        if kind == "key" and p in values:
            return values[p]
        p = p[:-1]
    return values.get((), Span(file, 1, 1))


class Document(Struct):
    """A loaded YAML file: its plain value and where every key and value sits."""

    file: str
    value: Any
    text: str
    _keys: dict[Path, Span] = field(default_factory=dict)
    _values: dict[Path, Span] = field(default_factory=dict)
    _scalars: dict[Path, ScalarInfo] = field(default_factory=dict)
    repaired: bool = False
    """The schema found only unknown keys, reported and then removed, so that the later
    checks (references, expressions) still run on the file; it is never compiled into output."""

    def locate(self, path: Path, kind: Literal["key", "value"] = "value") -> Span:
        """The span of the value (or key) at ``path``, else of its nearest located ancestor."""
        return nearest(self.file, self._keys, self._values, path, kind)

    def scalar(self, path: Path) -> ScalarInfo | None:
        """How the scalar at ``path`` was written (for expression columns)."""
        return self._scalars.get(tuple(path))

    def has(self, path: Path) -> bool:
        return tuple(path) in self._values

    def value_at(self, path: Path) -> Any:
        """The plain value at ``path``."""
        node = self.value
        for p in path:
            node = node[p]
        return node


def load_file(path: str | FsPath, sink: DiagnosticSink, *, display: str | None = None) -> Document:
    """Read and load one YAML file.

    Args:
        path: the file to read.
        sink: receives located diagnostics.
        display: the name used in diagnostics (default: ``path`` as given).

    Raises:
        StageFailed: the file cannot be read or is not acceptable YAML (diagnostics in ``sink``).
            Only a regular file (or a link to one) of at most 5 MB is read
            (:func:`procgen.layout.read_input`): a folder, FIFO, device or dangling link is
            reported, never opened.
    """
    from procgen.layout import Unreadable, read_input

    name = display if display is not None else str(path)
    try:
        data = read_input(path)
    except Unreadable as e:
        sink.emit("PG100", Span(name, 1, 1), path=name, reason=e.reason)
        raise StageFailed from None
    return load_bytes(name, data, sink)


def load_bytes(name: str, data: bytes, sink: DiagnosticSink) -> Document:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = _BREAKS.split(data[: e.start].decode("utf-8", "replace"))
        line, col = len(before), len(before[-1]) + 1  # characters, YAML's line breaks
        sink.emit(
            "PG101",
            Span(name, line, col),
            detail=f"byte 0x{data[e.start]:02x} cannot start a character here",
        )
        raise StageFailed from None
    return load_text(name, text, sink)


def load_text(name: str, text: str, sink: DiagnosticSink | None = None) -> Document:
    """Load YAML text (see :func:`load_file`)."""
    sink = sink if sink is not None else DiagnosticSink()
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        _syntax_error(name, text, e, sink)
        raise StageFailed from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow, e.g. a control
        lines_before = _BREAKS.split(text[: e.position])
        line, col = len(lines_before), len(lines_before[-1]) + 1
        code = f"U+{_codepoint(e.character):04X}"
        problem = Phrase(f"character {code} is not allowed in a YAML file",
                         f"ký tự {code} không được phép trong tệp YAML")
        sink.emit("PG102", Span(name, line, col), problem=problem, detail="")
        raise StageFailed from None
    except yaml.YAMLError as e:  # pragma: no cover - libyaml always gives marks
        sink.emit("PG102", Span(name, 1, 1), problem=str(e), detail="")
        raise StageFailed from None
    if len(nodes) != 1:
        what = (
            Phrase("the file is empty", "tệp trống")
            if not nodes
            else Phrase("the file holds several YAML documents; a procedure file holds exactly "
                        "one", "tệp chứa nhiều văn bản YAML; một tệp thủ tục chỉ chứa đúng một")
        )
        span = (
            Span(name, 1, 1) if not nodes else _span(name, nodes[1].start_mark, nodes[1].end_mark)
        )
        sink.emit("PG107", _inside(text, span), what=what)
        raise StageFailed
    doc = Document(name, None, text)
    builder = _Builder(doc, text, sink)
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        listed = isinstance(root, yaml.SequenceNode)
        sink.emit(
            "PG107",
            _inside(text, _span(name, root.start_mark, root.end_mark)),
            what=Phrase("the file must be a mapping of keys to values, not "
                        + ("a list" if listed else "a single value"),
                        "tệp phải là một ánh xạ từ khóa tới giá trị, không phải "
                        + ("một danh sách" if listed else "một giá trị đơn")),
        )
        raise StageFailed
    before = len(sink)
    doc.value = builder.build(root, ())
    if any(d.severity == "error" for d in sink.items[before:]):
        raise StageFailed
    return doc


def _span(name: str, start: yaml.Mark, end: yaml.Mark | None = None) -> Span:
    """The one place where PyYAML's 0-based marks become 1-based spans."""
    if end is None:
        return Span(name, start.line + 1, start.column + 1)
    return Span(name, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _inside(text: str, span: Span) -> Span:
    """Clamp a span to the text: libyaml marks the end one line past a missing final newline."""
    lines = _BREAKS.split(text)
    if span.line <= len(lines):
        return span
    return Span(span.file, len(lines), len(lines[-1]) + 1)


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _syntax_error(name: str, text: str, e: yaml.MarkedYAMLError, sink: DiagnosticSink) -> None:
    mark = e.problem_mark or e.context_mark
    lines = text.splitlines()
    # A tab at the start of the offending line (or the one before) is the usual cause.
    if mark is not None:
        for ln in (mark.line, mark.line - 1):
            if 0 <= ln < len(lines):
                stripped = lines[ln].lstrip(" ")
                if stripped.startswith("\t"):
                    col = len(lines[ln]) - len(stripped) + 1
                    sink.emit("PG103", Span(name, ln + 1, col))
                    return
        if "\t" in (lines[mark.line] if mark.line < len(lines) else "") and "tab" in str(e.problem):
            sink.emit("PG103", _span(name, mark))
            return
    problem = (e.problem or "invalid YAML").strip()
    if "maximum nesting depth" in problem:  # libyaml's own limit, far beyond procgen's
        sink.emit("PG122", _inside(text, _span(name, mark) if mark else Span(name, 1, 1)),
                  limit=MAX_DEPTH)
        return
    detail = f"{problem} ({e.context.strip()})" if e.context else problem
    span = _span(name, mark) if mark else Span(name, 1, 1)
    context = ((e.context.strip(), e.context_mark.line, e.context_mark.column)
               if e.context and e.context_mark is not None else None)
    advice = advise(text, mark.line, problem, context) if mark is not None else None
    if advice is None:
        sink.emit("PG102", _inside(text, span), problem=Phrase(detail, detail), detail="")
        return
    said, fix = advice
    sink.emit("PG102", _inside(text, span), problem=said, hint=fix,
              detail=Phrase(f" (the YAML reader says: {detail})",
                            f" (trình đọc YAML báo: {detail})"))


class _Builder:
    """Builds plain values from composed nodes, within :mod:`procgen.source.limits`.

    The walk recurses once per level, and refuses a collection deeper than
    :data:`MAX_DEPTH` before going down into it, so it never nears Python's recursion limit.
    An alias is the very node its anchor names: a collection met again is an alias being
    expanded (counted against :data:`MAX_VALUES` as a bomb, PG106, once one has been), and one
    met again *inside itself* is an alias in its own anchor's value, which would expand
    forever (PG123).
    """

    def __init__(self, doc: Document, text: str, sink: DiagnosticSink) -> None:
        self.doc = doc
        self.text = text
        self.sink = sink
        self.count = 0
        self.seen: set[int] = set()
        """Ids of the collections built so far: meeting one again means an alias. (An alias
        to a single value adds one value, as writing it out would: no bomb.)"""
        self.open: set[int] = set()
        """Ids of the collections being built (the current node's ancestors)."""
        self.aliased = False

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            self._stop("PG106" if self.aliased else "PG124", node, limit=MAX_VALUES)
        name = self.doc.file
        span = _span(name, node.start_mark, node.end_mark)
        self.doc._values.setdefault(path, span)
        if node.tag not in _ALLOWED_TAGS:
            self.sink.emit("PG105", span, tag=node.tag.replace(_CORE, "!!"))
            return None
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.seen:  # an alias: the very node its anchor names
                if id(node) in self.open:
                    self._recursive_alias(node)
                self.aliased = True
            self.seen.add(id(node))
            if len(path) >= MAX_DEPTH:  # the root mapping is level 1, at path ()
                self._stop("PG122", node, limit=MAX_DEPTH)
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, path)
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        assert isinstance(node, yaml.ScalarNode)
        if node.tag in (f"{_CORE}str", f"{_CORE}float"):  # texts; numbers for the 75.000 trap
            self._remember_scalar(node, path, span)
        try:
            return _scalar(node)
        except _OutOfRange as e:
            self.sink.emit("PG116", span, what=describe(path), problem=e.args[0])
            return None
        except (ValueError, KeyError):  # an explicit core tag on text it cannot read
            tag = node.tag.replace(_CORE, "!!")
            self.sink.emit("PG117", span, message=Phrase(
                f"'{_short(node.value)}' cannot be read as {tag}",
                f"không đọc được '{_short(node.value)}' thành {tag}"))
            return None

    def _stop(self, code: str, node: yaml.Node, limit: int) -> NoReturn:
        """Report ``code`` (a limit broken) once, at ``node``, and give up on the file."""
        self.sink.emit(code, _span(self.doc.file, node.start_mark), limit=limit)
        raise StageFailed

    def _recursive_alias(self, node: yaml.Node) -> NoReturn:
        """Refuse an alias met inside its own anchor's value, pointing at the alias."""
        start, end = node.start_mark.index, node.end_mark.index
        anchor = re.match(r"&([^\s,\[\]{}]+)", self.text[start:end])
        name = anchor.group(1) if anchor else "?"
        where = _span(self.doc.file, node.start_mark)
        related: list[Related] = []
        if anchor:
            alias = re.compile(rf"\*{re.escape(name)}(?![^\s,\[\]{{}}])")
            found = alias.search(self.text, start + anchor.end(), end)
            if found:
                related = [Related(Phrase(f"the anchor '&{name}' is here",
                                          f"neo '&{name}' ở đây"), where)]
                where = _span_at(self.doc.file, self.text, found.start())
        self.sink.emit("PG123", where, name=name, related=related)
        raise StageFailed

    def _remember_scalar(self, node: yaml.ScalarNode, path: Path, span: Span) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        self.doc._scalars[path] = ScalarInfo(span, node.value, self.text[start:end])

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, Span] = {}
        if any(k.tag == f"{_CORE}merge" for k, _ in node.value):
            k = next(k for k, _ in node.value if k.tag == f"{_CORE}merge")
            self.sink.emit(
                "PG105", _span(self.doc.file, k.start_mark, k.end_mark), tag="<< (merge)"
            )
            return out
        for key_node, value_node in node.value:
            kspan = _span(self.doc.file, key_node.start_mark, key_node.end_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_CORE}null":
                what = (
                    Phrase("null", "null")
                    if isinstance(key_node, yaml.ScalarNode)
                    else Phrase("a list", "một danh sách")
                    if isinstance(key_node, yaml.SequenceNode)
                    else Phrase("a mapping", "một ánh xạ")
                )
                self.sink.emit("PG108", kspan, what=what)
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.sink.emit("PG105", kspan, tag=key_node.tag.replace(_CORE, "!!"))
                continue
            key = key_node.value
            if key in seen:
                first = Related(Phrase("first defined here", "định nghĩa lần đầu ở đây"), seen[key])
                self.sink.emit("PG104", kspan, key=key, related=[first])
                continue
            seen[key] = kspan
            self.doc._keys[(*path, key)] = kspan
            out[key] = self.build(value_node, (*path, key))
        return out


def _span_at(name: str, text: str, index: int) -> Span:
    """The span of the character at ``index`` of ``text``, lines counted as YAML counts them."""
    before = _BREAKS.split(text[:index])
    return Span(name, len(before), len(before[-1]) + 1)


def describe(path: Path) -> Words:
    """How a message names the value at ``path``: ``'revision'``, ``fields[2]``."""
    if not path:
        return Phrase("the file", "tệp")
    last = path[-1]
    if isinstance(last, int):
        return f"{path[-2] if len(path) > 1 else 'item'}[{last}]"
    return f"'{last}'"


def _short(text: str, keep: int = 24) -> str:
    """``text``, or its ends and its length when it is long (a number of 5 000 digits)."""
    if len(text) <= 2 * keep + 3:
        return text
    return f"{text[:keep]}…{text[-keep:]} ({len(text)} characters)"


_N = TypeVar("_N", int, float)


class _OutOfRange(Exception):
    """A number outside ±:data:`MAX_SAFE_INTEGER`, or not finite; the message says which."""


_SAFE = Phrase(
    f"numbers must lie within ±{MAX_SAFE_INTEGER} (2⁵³ − 1), the largest every target "
    "computes exactly",
    f"số phải nằm trong khoảng ±{MAX_SAFE_INTEGER} (2⁵³ − 1), số lớn nhất mọi đích tính "
    "được chính xác",
)


def _too_big(written: str, en: str = "", vi: str = "") -> _OutOfRange:
    """``is 1e400: numbers must lie within…``, in both languages."""
    return _OutOfRange(Phrase(f"is {written}{en}: {_SAFE.en}", f"là {written}{vi}: {_SAFE.vi}"))
_MAX_DIGITS = {
    2: len(f"{MAX_SAFE_INTEGER:b}"),
    8: len(f"{MAX_SAFE_INTEGER:o}"),
    10: len(f"{MAX_SAFE_INTEGER:d}"),
    16: len(f"{MAX_SAFE_INTEGER:x}"),
}
"""How many digits (leading zeros aside) :data:`MAX_SAFE_INTEGER` has in each base: a number
written with more is refused before it is converted (``int()`` on 5 000 digits is slow, and
refused by Python beyond 4 300 decimal digits)."""


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, v = node.tag[len(_CORE) :], node.value
    if tag == "str" or tag == "timestamp":
        return v
    if tag == "null":
        return None
    if tag == "bool":
        return _BOOL[v.lower()]
    if tag == "int":
        return _int(v)
    if tag == "float":
        return _float(v)
    return v  # pragma: no cover - tags are checked before


def _int(v: str) -> int:
    """A YAML 1.1 integer (``0b``, ``0x``, octal ``0…``, sexagesimal ``1:30``), if it is safe.

    Raises:
        _OutOfRange: beyond ±:data:`MAX_SAFE_INTEGER`, found without converting long text.
        ValueError: not an integer at all (an explicit ``!!int`` on other text).
    """
    s = v.replace("_", "")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-")
    if ":" in s:  # sexagesimal, YAML 1.1: each part after the first is 0-59
        parts = s.split(":", _MAX_DIGITS[10])
        total = 0
        for part in parts:
            if len(part.lstrip("0")) > _MAX_DIGITS[10] or ":" in part:
                raise _too_big(_short(v))
            total = total * 60 + int(part)
        return _safe(sign * total, v)
    base, digits = 10, s
    if s[:2] in ("0b", "0x", "0o"):
        base, digits = {"0b": 2, "0x": 16, "0o": 8}[s[:2]], s[2:]
    elif len(s) > 1 and s.startswith("0"):
        base = 8
    if len(digits.lstrip("0")) > _MAX_DIGITS[base]:
        raise _too_big(_short(v))
    return _safe(sign * int(digits, base), v)


def _float(v: str) -> float:
    """A YAML 1.1 float (``1.5``, ``1.0e+3``, ``190:20:30.15``), if it is finite and safe.

    Raises:
        _OutOfRange: ``.inf``, ``.nan``, or beyond ±:data:`MAX_SAFE_INTEGER`.
    """
    s = v.replace("_", "").lower()
    if s == ".nan":
        raise _too_big(v, ", not a number", ", không phải một số")
    if s.lstrip("+-") == ".inf":
        raise _too_big(v, ", not a finite number", ", không phải một số hữu hạn")
    if ":" in s:
        sign = -1.0 if s.startswith("-") else 1.0
        total = 0.0
        for part in s.lstrip("+-").split(":"):
            total = total * 60 + float(part)
            if total > MAX_SAFE_INTEGER:
                break
        return _safe(sign * total, v)
    return _safe(float(s), v)


def _safe(n: _N, written: str) -> _N:
    if not abs(n) <= MAX_SAFE_INTEGER:  # also catches an overflow to inf
        raise _too_big(_short(written))
    return n

