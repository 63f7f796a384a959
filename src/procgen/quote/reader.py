"""Read an answers file as JSON (RFC 8259), keeping where every key and value was written.

Answers are JSON, so they are read as JSON and never as YAML: ``"\\ud83d\\ude00"`` is one
emoji, ``2.5e3`` is a number, ``"1"`` is a text. The reader is a small scanner of its own
because Python's ``json`` module gives no positions; it hands each string to
``json.decoder.scanstring`` (the C one), so strings mean exactly what ``json.loads`` says.

Refused, each with a located diagnostic:

* invalid UTF-8 (PG101), a file that cannot be read or is absurdly large (PG100);
* anything that is not JSON: a syntax error, a trailing comma, a comment, ``NaN`` or
  ``Infinity`` (PG610);
* JSON that readers disagree about (I-JSON, RFC 7493): a key given twice in one object, a
  number beyond what a double holds exactly (±2^53 for whole numbers, an exponent that
  overflows), a text holding a lone surrogate (PG611); and a top level that is not an object,
  or nesting deeper than any answers need (PG611).

>>> from procgen.diagnostics import DiagnosticSink
>>> text = '{"n": 2.5e3,\\n "t": "\\\\ud83d\\\\ude00"}'
>>> doc = read_answers_text("a.json", text, DiagnosticSink())
>>> doc.value == {"n": 2500.0, "t": "\\U0001f600"}
True
>>> doc.locate(("t",))
Span(file='a.json', line=2, col=7, end_line=2, end_col=21)
"""

from __future__ import annotations

import bisect
import json.decoder
import re
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any, Literal

from msgspec import Struct, field

from procgen.diagnostics import DiagnosticSink, Phrase, Related, Span, StageFailed, Words
from procgen.model.facts import JSON_NUMBER
from procgen.source.limits import MAX_SAFE_INTEGER  # the DSL's bound, also I-JSON's (RFC 7493)
from procgen.source.loader import nearest

Path = tuple[str | int, ...]

MAX_BYTES = 16 * 1024 * 1024
"""The largest answers file read (real answers are a few kilobytes)."""
MAX_DEPTH = 32
"""The deepest nesting accepted (answers need 4: object, group, entry, multichoice list)."""

_WS = re.compile(r"[ \t\n\r]*")
_WORDS = {"true": True, "false": False, "null": None}
_NOT_JSON = ("NaN", "Infinity", "-Infinity", "+Infinity", "undefined")
_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class AnswersDocument(Struct):
    """The answers read from a file: the plain value, and where each key and value sits."""

    file: str
    value: dict[str, Any]
    _keys: dict[Path, Span] = field(default_factory=dict)
    _values: dict[Path, Span] = field(default_factory=dict)

    def locate(self, path: Path, kind: Literal["key", "value"] = "value") -> Span:
        """The span of the value (or key) at ``path``, else of its nearest located ancestor."""
        return nearest(self.file, self._keys, self._values, path, kind)


def read_answers(path: str | FsPath, sink: DiagnosticSink, *, display: str | None = None
                 ) -> AnswersDocument:
    """Read and parse one answers file.

    Raises:
        StageFailed: the file cannot be read or is not acceptable JSON (diagnostics in ``sink``).
    """
    name = display if display is not None else str(path)
    try:
        with FsPath(path).open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        sink.emit("PG100", Span(name, 1, 1), path=name, reason=e.strerror or str(e))
        raise StageFailed from None
    if len(data) > MAX_BYTES:
        sink.emit("PG100", Span(name, 1, 1), path=name,
                  reason=Phrase(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB; answers "
                                "are a small JSON object",
                                f"tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB; câu trả lời chỉ "
                                "là một đối tượng JSON nhỏ"))
        raise StageFailed
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = _BREAK.split(data[: e.start].decode("utf-8", "replace"))
        sink.emit("PG101", Span(name, len(before), len(before[-1]) + 1),
                  detail=Phrase(f"byte 0x{data[e.start]:02x} cannot start a character here",
                                f"byte 0x{data[e.start]:02x} không thể bắt đầu một ký tự ở đây"))
        raise StageFailed from None
    return read_answers_text(name, text, sink)


def read_answers_text(name: str, text: str, sink: DiagnosticSink) -> AnswersDocument:
    """Parse answers JSON text (see the module docstring)."""
    scanner = _Scanner(name, text, sink)
    value = scanner.document()
    doc = AnswersDocument(name, value, scanner.keys, scanner.values)
    return doc


class _Syntax(Exception):
    """Ends the scan at the first syntax error (its diagnostic is already emitted)."""


class _Scanner:
    """One pass over the text: values built bottom-up on an explicit stack (no recursion)."""

    def __init__(self, name: str, text: str, sink: DiagnosticSink) -> None:
        self.name = name
        self.text = text
        self.sink = sink
        self.keys: dict[Path, Span] = {}
        self.values: dict[Path, Span] = {}
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self.errors = 0

    # -- positions -------------------------------------------------------------------------

    def where(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int | None = None) -> Span:
        line, col = self.where(start)
        if end is None:
            return Span(self.name, line, col)
        end_line, end_col = self.where(end)
        return Span(self.name, line, col, end_line, end_col)

    def syntax(self, offset: int, problem: Words) -> _Syntax:
        self.sink.emit("PG610", self.span(min(offset, len(self.text))), problem=problem)
        return _Syntax()

    def refuse(self, span: Span, problem: Words, related: list[Related] | None = None) -> None:
        self.errors += 1
        self.sink.emit("PG611", span, problem=problem, related=related or [])

    def found(self, at: int) -> Phrase:
        if at >= len(self.text):
            return Phrase("the end of the file", "cuối tệp")
        word = re.match(r"[A-Za-z_+\-]+", self.text[at:at + 20])
        if word:
            return Phrase(f"'{word.group()}'", f"'{word.group()}'")
        ch = self.text[at]
        if ch.isprintable():
            return Phrase(f"'{ch}'", f"'{ch}'")
        return Phrase(f"character U+{ord(ch):04X}", f"ký tự U+{ord(ch):04X}")

    # -- the scan --------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        text = self.text
        at = _WS.match(text, 0).end()  # type: ignore[union-attr]
        if at >= len(text):
            self.sink.emit("PG610", self.span(at), problem=Phrase(
                "the file is empty; write the answers as a JSON object, e.g. "
                '{"field_id": "answer"}',
                'tệp trống; viết các câu trả lời thành một đối tượng JSON, ví dụ '
                '{"field_id": "câu trả lời"}'))
            raise StageFailed
        start = at
        try:
            value, at = self.value(at)
        except _Syntax:
            raise StageFailed from None
        at = _WS.match(text, at).end()  # type: ignore[union-attr]
        if at < len(text):
            self.sink.emit("PG610", self.span(at),
                           problem=_after(self.found(at)))
            raise StageFailed
        if not isinstance(value, dict):
            kind = _kind(value)
            self.refuse(self.span(start, at), Phrase(
                f"the answers must be a JSON object of field id → answer, not {kind.en}",
                f"các câu trả lời phải là một đối tượng JSON mã trường → câu trả lời, không "
                f"phải {kind.vi}"))
        if self.errors:
            raise StageFailed
        assert isinstance(value, dict)
        return value

    def value(self, at: int) -> tuple[Any, int]:
        """The JSON value starting at ``at`` (after whitespace) and the offset after it."""
        text = self.text
        # Each open container: [kind, value, path, start, pending key, key start, key span]
        stack: list[list[Any]] = []
        path: Path = ()
        while True:
            at = _WS.match(text, at).end()  # type: ignore[union-attr]
            start = at
            ch = text[at] if at < len(text) else ""
            done: Any
            if ch == "{" or ch == "[":
                if len(stack) >= MAX_DEPTH:
                    self.refuse(self.span(at), Phrase(
                        f"the answers nest deeper than {MAX_DEPTH} levels; no procedure's "
                        "answers need that",
                        f"các câu trả lời lồng sâu quá {MAX_DEPTH} cấp; không thủ tục nào cần "
                        "như vậy"))
                    raise _Syntax
                container: Any = {} if ch == "{" else []
                stack.append([ch, container, path, at, None, None, {}])
                self.values[path] = self.span(at)
                at = _WS.match(text, at + 1).end()  # type: ignore[union-attr]
                close = "}" if ch == "{" else "]"
                if at < len(text) and text[at] == close:
                    stack.pop()
                    at += 1
                    done = container
                    self.values[path] = self.span(start, at)
                else:
                    if ch == "{":
                        path = self.key(stack[-1], at)
                        at = stack[-1][5]
                    else:
                        path = (*path, 0)
                    continue
            elif ch == '"':
                done, at = self.string(at)
                self.values[path] = self.span(start, at)
            elif ch and (ch in "-0123456789"):
                done, at = self.number(at)
                self.values[path] = self.span(start, at)
            else:
                word = re.match(r"[A-Za-z]+", text[at:at + 12])
                if word and word.group() in _WORDS:
                    done = _WORDS[word.group()]
                    at += len(word.group())
                    self.values[path] = self.span(start, at)
                else:
                    raise self.syntax(at, self.no_value(at))
            # A value is complete: hand it to its container, then close what it completes.
            while True:
                if not stack:
                    return done, at
                top = stack[-1]
                kind, container, cpath = top[0], top[1], top[2]
                if kind == "{":
                    container[top[4]] = done
                else:
                    container.append(done)
                at = _WS.match(text, at).end()  # type: ignore[union-attr]
                close = "}" if kind == "{" else "]"
                nxt = text[at] if at < len(text) else ""
                if nxt == ",":
                    at = _WS.match(text, at + 1).end()  # type: ignore[union-attr]
                    if at < len(text) and text[at] == close:
                        raise self.syntax(at, Phrase(
                            f"a comma before '{close}': JSON allows no trailing comma",
                            f"dấu phẩy trước '{close}': JSON không cho phép dấu phẩy thừa ở cuối"))
                    if kind == "{":
                        path = self.key(top, at)
                        at = top[5]
                    else:
                        path = (*cpath, len(container))
                    break
                if nxt == close:
                    at += 1
                    stack.pop()
                    self.values[cpath] = self.span(top[3], at)
                    done = container
                    continue
                expected = "',' or '}'" if kind == "{" else "',' or ']'"
                found = self.found(at)
                raise self.syntax(at, Phrase(
                    f"expected {expected}, found {found.en}",
                    f"cần {expected.replace(' or ', ' hoặc ')}, nhưng gặp {found.vi}"))

    def no_value(self, at: int) -> Phrase:
        text = self.text
        for word in _NOT_JSON:
            if text.startswith(word, at):
                return Phrase(f"{word} is not a JSON value; write a number, or leave the "
                              "answer out",
                              f"{word} không phải giá trị JSON; viết một số, hoặc bỏ câu trả "
                              "lời đó")
        if at >= len(text):
            return Phrase("the file ends where a value is expected",
                          "tệp kết thúc ở chỗ cần một giá trị")
        if text[at] == "'":
            return Phrase("JSON texts are written in double quotes (\"…\"), not single quotes",
                          "chữ trong JSON viết trong dấu nháy kép (\"…\"), không dùng dấu nháy "
                          "đơn")
        if text.startswith(("//", "/*"), at):
            return Phrase("JSON has no comments", "JSON không có chú thích")
        found = self.found(at)
        return Phrase(f"expected a value, found {found.en}",
                      f"cần một giá trị, nhưng gặp {found.vi}")

    def key(self, top: list[Any], at: int) -> Path:
        """Read ``"key":`` at ``at`` for the object ``top``; store where its value starts."""
        text = self.text
        if at < len(text) and text[at] == "'":
            raise self.syntax(at, Phrase(
                "JSON keys are written in double quotes (\"…\"), not single quotes",
                "khóa trong JSON viết trong dấu nháy kép (\"…\"), không dùng dấu nháy đơn"))
        if at >= len(text) or text[at] != '"':
            found = self.found(at)
            raise self.syntax(at, Phrase(f"expected a key in double quotes, found {found.en}",
                                         f"cần một khóa trong dấu nháy kép, nhưng gặp {found.vi}"))
        start = at
        name, at = self.string(at)
        span = self.span(start, at)
        cpath, seen = top[2], top[6]
        if name in seen:
            self.refuse(span, Phrase(
                f"the key \"{_short(name)}\" is given twice in one object; JSON readers keep "
                "one or the other",
                f"khóa \"{_short(name)}\" được ghi hai lần trong một đối tượng; mỗi trình đọc "
                "JSON giữ một lần khác nhau"),
                [Related(Phrase("first given here", "ghi lần đầu ở đây"), seen[name])])
        else:
            seen[name] = span
        at = _WS.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text) or text[at] != ":":
            found = self.found(at)
            raise self.syntax(at, Phrase(f"expected ':' after the key, found {found.en}",
                                         f"cần ':' sau khóa, nhưng gặp {found.vi}"))
        top[4] = name
        top[5] = at + 1
        path = (*cpath, name)
        self.keys[path] = span
        return path

    def string(self, at: int) -> tuple[str, int]:
        try:
            value, end = _scanstring(self.text, at + 1)
        except json.JSONDecodeError as e:
            raise self.syntax(e.pos, _string_problem(e.msg)) from None
        if _SURROGATE.search(value):
            self.refuse(self.span(at, end), Phrase(
                "the text holds a lone surrogate escape (\\ud800–\\udfff without its pair), "
                "which is not a character",
                "đoạn chữ chứa một mã thoát surrogate đơn lẻ (\\ud800–\\udfff không có cặp), "
                "không phải là một ký tự"))
            value = _SURROGATE.sub("\ufffd", value)
        return value, end

    def number(self, at: int) -> tuple[int | float, int]:
        m = JSON_NUMBER.match(self.text, at)
        if m is None:
            raise self.syntax(at, self.no_value(at))
        raw, end = m.group(), m.end()
        nxt = self.text[end:end + 1]
        if nxt and (nxt.isalnum() or nxt in ".+-"):
            token = re.match(r"[-+.\w]*", self.text[at:at + 40])
            written = token.group() if token else raw
            raise self.syntax(at, Phrase(f"'{_short(written)}' is not a JSON number",
                                         f"'{_short(written)}' không phải là số JSON"))
        span = self.span(at, end)
        if m.group(1) is None and m.group(2) is None:
            digits = raw.lstrip("-")
            if len(digits) > 16 or int(raw) > MAX_SAFE_INTEGER or int(raw) < -MAX_SAFE_INTEGER:
                self.refuse(span, Phrase(
                    f"the number {_short(raw)} is beyond ±(2^53 − 1), the largest whole "
                    "number every JSON reader holds exactly",
                    f"số {_short(raw)} vượt quá ±(2^53 − 1), số nguyên lớn nhất mà mọi trình "
                    "đọc JSON giữ chính xác"))
                return 0, end
            return int(raw), end
        value = float(raw)
        if value in (float("inf"), float("-inf")):
            self.refuse(span, Phrase(
                f"the number {_short(raw)} is too large for a JSON reader (beyond ±1.8e308)",
                f"số {_short(raw)} quá lớn đối với trình đọc JSON (vượt ±1.8e308)"))
            return 0, end
        return value, end


def _string_problem(msg: str) -> Words:
    if msg.startswith("Unterminated string"):
        return Phrase("a text is not closed: its closing '\"' is missing",
                      "một đoạn chữ chưa được đóng: thiếu dấu '\"' đóng")
    if msg.startswith("Invalid control character"):
        return Phrase("a text holds a raw control character (a line break or tab); write \\n "
                      "or \\t",
                      "đoạn chữ chứa ký tự điều khiển (xuống dòng hoặc tab); hãy viết \\n hoặc "
                      "\\t")
    if msg.startswith("Invalid \\escape") or msg.startswith("Invalid \\u"):
        known = "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
        return Phrase(f"an invalid escape in a text (JSON knows {known})",
                      f"mã thoát không hợp lệ trong đoạn chữ (JSON chỉ có {known})")
    return msg[:1].lower() + msg[1:]


def _after(found: Phrase) -> Phrase:
    return Phrase(f"{found.en} after the end of the JSON value",
                  f"còn {found.vi} sau khi giá trị JSON đã kết thúc")


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _kind(value: Any) -> Phrase:
    if isinstance(value, list):
        return Phrase("a list", "một danh sách")
    if isinstance(value, str):
        return Phrase("a text", "một đoạn chữ")
    if isinstance(value, bool):
        return Phrase("true/false", "true/false")
    if value is None:
        return Phrase("null", "null")
    return Phrase("a number", "một số")
