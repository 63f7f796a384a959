"""``path:line:col: severity[CODE]: message``, then its related notes and what to do.

Every diagnostic starts one unindented line, so tools can still read one problem per line;
the notes and the ``help:`` line below it are indented, on a terminal and in CI alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from procgen.diagnostics import Diagnostic


def _where(d: Diagnostic) -> str:
    s = d.span
    return f"{s.file}:{s.line}:{s.col}: " if s else ""


def render(items: list[Diagnostic], *, color: bool = False,
           words: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """``words``: the format's words by token (``error``, ``warning``, ``note``, ``help``)."""
    said = words or {}
    note, help_ = said.get("note", "note"), said.get("help", "help")
    lines = []
    for d in items:
        sev = said.get(d.severity, d.severity)
        if color:
            sev = f"\x1b[1;{'31' if d.severity == 'error' else '33'}m{sev}\x1b[0m"
        lines.append(f"{_where(d)}{sev}[{d.code}]: {d.text(lang)}")
        for r in d.related:
            lines.append(f"  {r.span.file}:{r.span.line}:{r.span.col}: {note}: {r.text(lang)}")
        fix = d.help(lang)
        if fix:
            lines.append(f"  {help_}: {fix}")
    return "\n".join(lines)
