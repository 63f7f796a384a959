"""Procedure text made literal inside CommonMark: what an author wrote is shown, never rendered.

OpenAPI ``description``s are CommonMark, and the tools that show them (Swagger UI with
remarkable, Redoc with marked, anything built on markdown-it with ``linkify``) turn
``[Pay here](https://…)``, ``![](tracker)``, ``**…**``, a line starting ``# `` or ``1. ``, and
even a bare ``https://…``, ``www.…`` or ``example.vn`` into links, images, emphasis, headings
and lists. :func:`text` escapes as little as that takes, so ordinary Vietnamese reads as
written in the YAML too:

* ``\\ ` * [ ] ~ | @`` everywhere, ``_`` unless it sits between two letters or digits,
  ``< > &`` as entities (raw HTML, autolinks, entity references);
* the start of each line: leading and trailing blanks go (an indented code block, a hard
  break), and a block marker (``#``, ``-``, ``+``, ``=``, ``1.``, ``1)``) is escaped;
* autolinks without brackets: the second ``/`` of ``scheme://`` or ``//host``, the ``.``
  after ``www``, a ``.`` between a character that is not a blank and a letter
  (``dichvucong\\.gov\\.vn``; a linkifier takes symbols such as ``×`` for part of a host name
  too), and ``@``: they split what a linkifier would read as an address (an escape is its own
  token in markdown-it and marked), while ``1.000.000`` stays as it is.

:func:`code` writes procgen's own inline code (an expression) as a code span that its content
cannot end.

>>> text("[Pay here](https://phish.example/pay) **now**")
'\\\\[Pay here\\\\](https:/\\\\/phish\\\\.example/pay) \\\\*\\\\*now\\\\*\\\\*'
>>> text("Nộp tại dichvucong.gov.vn, phí 1.000.000 đồng")
'Nộp tại dichvucong\\\\.gov\\\\.vn, phí 1.000.000 đồng'
>>> code("a == `b`")
'`` a == `b` ``'
"""

from __future__ import annotations

import re

_LINE = re.compile(r"\r\n|\r|\n")
_INLINE = re.compile(
    r"[\\`*\[\]~|<>&@]"  # markup anywhere; @ of an e-mail address
    r"|(?<![^\W_])_|_(?![^\W_])"  # _ unless between two letters or digits (snake_case)
    r"|(?<=/)/"  # the second / of scheme:// or of a protocol-relative //host
    r"|(?<=[^\s.])\.(?=[^\W\d_])|(?<=[wW]{3})\."  # a domain's dot, www. (not 1.000.000)
)
_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_BLANK = " \t\u00a0"
"""Blanks at a line's ends (remarkable reads a no-break space as a space before blocks)."""
_BLOCK = re.compile(r"[#+=-]|\d{1,9}(?=[.)](?:[ \t\u00a0]|$))")
"""A line start that opens a block: a heading, a list item, a setext underline or rule."""


def _inline(m: re.Match[str]) -> str:
    ch = m.group()
    return _ENTITY.get(ch) or "\\" + ch


def text(value: str) -> str:
    """``value`` as CommonMark that renders to exactly its text (see the module docstring)."""
    lines = []
    for line in _LINE.split(value):
        line = _INLINE.sub(_inline, line.strip(_BLANK))
        marker = _BLOCK.match(line)
        if marker:  # "1." / "1)": the delimiter after the digits is escaped; else the marker
            end = marker.end() if marker.group()[0].isdigit() else 0
            line = line[:end] + "\\" + line[end:]
        lines.append(line)
    return "\n".join(lines)


def code(value: str) -> str:
    """``value`` as one inline code span, on one line, that no backtick inside can close."""
    body = " ".join(value.split())
    fence = "`" * (max((len(run) for run in re.findall("`+", body)), default=0) + 1)
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    return f"{fence}{body}{fence}"
