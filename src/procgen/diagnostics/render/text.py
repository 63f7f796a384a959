"""``path:line:col: severity[CODE]: message``, one per line; hints and related notes when a TTY."""

from __future__ import annotations

from procgen.diagnostics import Diagnostic


def _where(d: Diagnostic) -> str:
    s = d.span
    return f"{s.file}:{s.line}:{s.col}: " if s else ""


def render(items: list[Diagnostic], *, color: bool = False) -> str:
    lines = []
    for d in items:
        sev: str = d.severity
        if color:
            sev = f"\x1b[1;{'31' if sev == 'error' else '33'}m{sev}\x1b[0m"
        lines.append(f"{_where(d)}{sev}[{d.code}]: {d.message}")
        if color:
            for r in d.related:
                lines.append(f"  {r.span.file}:{r.span.line}:{r.span.col}: note: {r.message}")
            if d.hint:
                lines.append(f"  help: {d.hint}")
    return "\n".join(lines)
