"""A JSON array of ``{file, line, column, end_line, end_column, severity, code, lang, message,
messages, hint, related}``: ``message`` and ``hint`` in ``lang``, ``messages`` in every
language procgen speaks."""

from __future__ import annotations

import json

from procgen.diagnostics import Diagnostic

LANGUAGES = ("vi", "en")


def render(items: list[Diagnostic], *, lang: str = "en") -> str:
    out = []
    for d in items:
        s = d.span
        obj: dict[str, object] = {
            "file": s.file if s else None,
            "line": s.line if s else None,
            "column": s.col if s else None,
            "end_line": s.end_line if s else None,
            "end_column": s.end_col if s else None,
            "severity": d.severity,
            "code": d.code,
            "lang": lang,
            "message": d.text(lang),
            "messages": {other: d.text(other) for other in LANGUAGES},
        }
        fix = d.help(lang)
        if fix:
            obj["hint"] = fix
        if d.related:
            obj["related"] = [
                {
                    "file": r.span.file,
                    "line": r.span.line,
                    "column": r.span.col,
                    "message": r.text(lang),
                }
                for r in d.related
            ]
        out.append(obj)
    return json.dumps(out, ensure_ascii=False, indent=2)
