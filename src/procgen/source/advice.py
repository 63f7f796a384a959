"""YAML syntax errors said as what to do, for authors who are not programmers.

libyaml says *what the parser expected* ("did not find expected '-' indicator (while parsing a
block collection)"); an author needs *what to change on which line*. :func:`advise` looks at
the line the parser stopped on and the lines above it, recognises the mistakes authors make
(an indentation that matches no line above, text with ``: `` not in quotes, a bracket or a
quote not closed), and words the problem and its fix in both languages. The parser's own
words stay in the diagnostic as its detail.

>>> text = "fields:\\n  - id: a\\n    type: text\\n   label: {vi: A}\\n"
>>> problem, hint = advise(text, 3, "did not find expected '-' indicator", None)
>>> problem.en
'this line is indented 3 spaces, but the line above it starts at 4'
>>> hint.vi
'Thụt lề dòng này 4 dấu cách, như dòng trên.'
>>> text = "fields:\\n  - id: a\\n     type: text\\n"
>>> advise(text, 2, "mapping values are not allowed here", None)[1].en
'Indent this line by 4 spaces, like the line above.'
>>> advise("summary:\\n  vi: Ví dụ: khai sinh\\n", 1, "mapping values are not allowed", None)[0].en
"text containing ': ' must be in quotes"
"""

from __future__ import annotations

import json
import re

from procgen.diagnostics import Phrase

_KEY_VALUE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"{}\[\],][^:#]*?):\s+(?P<value>.+?)\s*$")
_BLOCK = ("did not find expected '-' indicator", "did not find expected <document start>",
          "expected <block end>", "did not find expected key")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_start(line: str) -> int:
    """Where a line's content starts: after its indentation and a list entry's ``- ``."""
    m = re.match(r"^(\s*)(-\s+)?", line)
    return m.end() if m else 0


def _above(lines: list[str], line: int) -> str | None:
    """The nearest line above ``line`` (0-based) that holds something other than a comment."""
    for ln in range(line - 1, -1, -1):
        stripped = lines[ln].strip()
        if stripped and not stripped.startswith("#"):
            return lines[ln]
    return None


def advise(text: str, line: int, problem: str, context: tuple[str, int, int] | None
           ) -> tuple[Phrase, Phrase] | None:
    """The problem and the fix for a syntax error the parser reports at 0-based ``line``.

    ``context``: what the parser was reading when it failed and where that began (libyaml's
    ``context`` and its 0-based mark), e.g. ``("while parsing a flow sequence", 3, 12)``.
    None when the error is not one of the mistakes recognised.
    """
    lines = text.splitlines()
    here = lines[line] if 0 <= line < len(lines) else ""
    if "mapping values are not allowed" in problem:
        return _continued(lines, line, here) or _colon(here)
    if context is not None:
        said = _unclosed(*context)
        if said is not None:
            return said
    if any(problem.startswith(p) for p in _BLOCK) and here.strip():
        return _indentation(lines, line, here)
    return None


def _indentation(lines: list[str], line: int, here: str) -> tuple[Phrase, Phrase] | None:
    above = _above(lines, line)
    if above is None:
        return None
    mine, theirs = _indent(here), _content_start(above)
    entry = above.lstrip(" ").startswith("- ")
    if mine == _indent(above) and entry and not here.lstrip(" ").startswith("-"):
        return (
            Phrase(f"this line is indented like the '- ' entry above ({mine} spaces) but does "
                   "not start with '- '",
                   f"dòng này thụt lề bằng mục '- ' ở trên ({mine} dấu cách) nhưng không bắt "
                   "đầu bằng '- '"),
            Phrase(f"To put it in that entry, indent it by {theirs} spaces; to start a new "
                   "entry, begin it with '- '.",
                   f"Muốn đặt nó vào mục đó, thụt lề {theirs} dấu cách; muốn mở mục mới, bắt "
                   "đầu dòng bằng '- '."),
        )
    if mine in (theirs, _indent(above)):
        return None
    return (
        Phrase(f"this line is indented {mine} spaces, but the line above it starts at {theirs}",
               f"dòng này thụt lề {mine} dấu cách, nhưng dòng trên bắt đầu ở {theirs}"),
        Phrase(f"Indent this line by {theirs} spaces, like the line above.",
               f"Thụt lề dòng này {theirs} dấu cách, như dòng trên."),
    )


def _continued(lines: list[str], line: int, here: str) -> tuple[Phrase, Phrase] | None:
    """A ``key: value`` line indented deeper than the ``key: value`` line above it.

    YAML reads it as more of the text above (``id: applicant type``), then finds its ``: ``;
    the fix is the indentation, not quotes.
    """
    above = _above(lines, line)
    if above is None or not _KEY_VALUE.match(here):
        return None
    m = _KEY_VALUE.match(above)
    if m is None or m["value"].startswith(("|", ">", "#")):
        return None
    mine, theirs = _indent(here), _content_start(above)
    if mine <= theirs:
        return None
    return (
        Phrase(f"this line is indented {mine} spaces, but the line above it starts at "
               f"{theirs}, so YAML reads it as more of the text above",
               f"dòng này thụt lề {mine} dấu cách, nhưng dòng trên bắt đầu ở {theirs}, nên YAML "
               "đọc nó thành phần tiếp của đoạn chữ ở trên"),
        Phrase(f"Indent this line by {theirs} spaces, like the line above.",
               f"Thụt lề dòng này {theirs} dấu cách, như dòng trên."),
    )


def _colon(here: str) -> tuple[Phrase, Phrase]:
    problem = Phrase("text containing ': ' must be in quotes",
                     "đoạn chữ có ': ' phải đặt trong dấu nháy kép")
    m = _KEY_VALUE.match(here)
    if m and not m["value"].startswith(("'", '"', "{", "[", "|", ">")):
        fixed = f"{m['lead'].strip()} {m['key']}: {json.dumps(m['value'], ensure_ascii=False)}"
        fixed = fixed.strip()
        return problem, Phrase(f"Put the text in double quotes: {fixed}",
                               f"Đặt đoạn chữ trong dấu nháy kép: {fixed}")
    return problem, Phrase("Put the text that contains ': ' in double quotes: "
                           "\"Ví dụ: …\"",
                           "Đặt đoạn chữ có ': ' trong dấu nháy kép: \"Ví dụ: …\"")


_OPENERS = {
    "while parsing a flow sequence": ("[", "]", "list", "danh sách"),
    "while parsing a flow mapping": ("{", "}", "mapping", "ánh xạ"),
}


def _unclosed(context: str, line: int, col: int) -> tuple[Phrase, Phrase] | None:
    where_en, where_vi = f"line {line + 1}, column {col + 1}", f"dòng {line + 1}, cột {col + 1}"
    if context.startswith("while scanning a quoted scalar"):
        return (Phrase(f"the quoted text that starts at {where_en} has no closing quote",
                       f"đoạn chữ trong dấu nháy bắt đầu ở {where_vi} chưa có dấu nháy đóng"),
                Phrase("End the text with the same quote mark it starts with, on the same line.",
                       "Kết thúc đoạn chữ bằng đúng loại dấu nháy đã mở, trên cùng dòng."))
    for start, (opener, closer, en, vi) in _OPENERS.items():
        if context.startswith(start):
            return (Phrase(f"the {en} opened with '{opener}' at {where_en} is not closed with "
                           f"'{closer}'",
                           f"{vi} mở bằng '{opener}' ở {where_vi} chưa được đóng bằng "
                           f"'{closer}'"),
                    Phrase(f"Close it with '{closer}' at the end of its entries; put an entry "
                           "that contains a comma, a colon or a bracket in double quotes.",
                           f"Đóng bằng '{closer}' sau mục cuối; đặt trong dấu nháy kép mục nào "
                           "có dấu phẩy, dấu hai chấm hay dấu ngoặc."))
    return None
