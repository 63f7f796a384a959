"""GitHub workflow annotations: ``::error file=…,line=…,col=…,title=CODE::message``, the fix
on the annotation body's next line."""

from __future__ import annotations

from procgen.diagnostics import Diagnostic


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(items: list[Diagnostic], *, lang: str = "en") -> str:
    lines = []
    for d in items:
        props = []
        if d.span:
            s = d.span
            props += [
                f"file={_escape_prop(s.file)}",
                f"line={s.line}",
                f"col={s.col}",
                f"endLine={s.end_line}",
                f"endColumn={s.end_col}",
            ]
        props.append(f"title={d.code}")
        body = f"[{d.code}] {d.text(lang)}"
        fix = d.help(lang)
        if fix:
            body += f"\n{fix}"
        lines.append(f"::{d.severity} {','.join(props)}::{_escape_data(body)}")
    return "\n".join(lines)
