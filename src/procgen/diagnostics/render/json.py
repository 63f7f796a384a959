"""A JSON array of ``{file, line, column, end_line, end_column, severity, code, message}``."""

from __future__ import annotations

import json

from procgen.diagnostics import Diagnostic


def render(items: list[Diagnostic], *, color: bool = False) -> str:
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
            "message": d.message,
        }
        if d.hint:
            obj["hint"] = d.hint
        if d.related:
            obj["related"] = [
                {
                    "file": r.span.file,
                    "line": r.span.line,
                    "column": r.span.col,
                    "message": r.message,
                }
                for r in d.related
            ]
        out.append(obj)
    return json.dumps(out, ensure_ascii=False, indent=2)
