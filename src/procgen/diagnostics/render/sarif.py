"""SARIF 2.1.0 (OASIS), the log format code-scanning services read: one run, procgen's rules.

Each code that occurs is a rule (its slug, summary and fix from the catalogue, in ``lang``);
each diagnostic a result with its region, related locations and the rule's help. Paths are
written as given (relative to the folder procgen ran in), which GitHub code scanning resolves
against the repository's root. The output is checked against the official schema by
``tests/diagnostics/test_sarif.py``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from procgen.diagnostics import Diagnostic, Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO = "https://github.com/procgen/procgen/blob/main/docs/diagnostics.md"


def render(items: list[Diagnostic], *, lang: str = "en") -> str:
    from procgen.diagnostics.codes import CODES

    codes = sorted({d.code for d in items})
    index = {code: i for i, code in enumerate(codes)}
    rules: list[dict[str, Any]] = []
    for code in codes:
        entry = CODES.get(code)
        if entry is None:  # pragma: no cover - every emitted code is registered
            rules.append({"id": code})
            continue
        words = entry.worded(lang)
        rules.append({
            "id": code,
            "name": entry.slug,
            "shortDescription": {"text": words.summary},
            "help": {"text": words.fix},
            "helpUri": f"{INFO}#{code.lower()}-{entry.slug}",
            "defaultConfiguration": {"level": entry.severity},
        })
    results = []
    for d in items:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": d.severity,
            "message": {"text": d.text(lang)},
        }
        if d.span is not None:
            result["locations"] = [_location(d.span)]
        if d.related:
            result["relatedLocations"] = [
                {**_location(r.span), "id": i, "message": {"text": r.text(lang)}}
                for i, r in enumerate(d.related)
            ]
        if d.hint is not None:
            result["properties"] = {"hint": d.help(lang)}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "procgen",
                "informationUri": INFO,
                "version": _version(),
                "language": lang,
                "rules": rules,
            }},
            "language": lang,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _location(span: Span) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": quote(span.file.replace("\\", "/"), safe="/")},
        "region": {"startLine": span.line, "startColumn": span.col,
                   "endLine": span.end_line, "endColumn": span.end_col},
    }}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("procgen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
