"""SARIF 2.1.0 (OASIS), the log format code-scanning services read: one run, procgen's rules.

Each code that occurs is a rule (its slug, summary and fix from the catalogue, in ``lang``);
each diagnostic a result with its region, related locations and the rule's help. Paths are
written as given (relative to the folder procgen ran in), which GitHub code scanning resolves
against the repository's root. The output is checked against the official schema by
``tests/diagnostics/test_languages.py``.

The log's envelope (:func:`log`) and a span's location (:func:`location`) are the pieces every
SARIF procgen writes shares: ``procgen diff --format sarif`` (:mod:`procgen.diff.render.sarif`)
fills them with its own rules and results.
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
        rules.append(descriptor(code, entry.slug, words.summary, words.fix,
                                f"{INFO}#{code.lower()}-{entry.slug}", entry.severity))
    results: list[dict[str, Any]] = []
    for d in items:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": d.severity,
            "message": {"text": d.text(lang)},
        }
        if d.span is not None:
            result["locations"] = [location(d.span)]
        if d.related:
            result["relatedLocations"] = [
                {**location(r.span), "id": i, "message": {"text": r.text(lang)}}
                for i, r in enumerate(d.related)
            ]
        if d.hint is not None:
            result["properties"] = {"hint": d.help(lang)}
        results.append(result)
    return log(rules, results, lang=lang)


def log(rules: list[dict[str, Any]], results: list[dict[str, Any]], *, lang: str,
        information: str = INFO) -> str:
    """A whole SARIF log: one run of procgen with ``rules`` (``reportingDescriptor`` objects)
    and ``results``, its texts in ``lang``; ``information``: where its rules are explained."""
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "procgen",
                "informationUri": information,
                "version": _version(),
                "language": lang,
                "rules": rules,
            }},
            "language": lang,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2)


def descriptor(rule_id: str, name: str, summary: str, fix: str, uri: str, level: str,
               tags: tuple[str, ...] = ()) -> dict[str, Any]:
    """A rule (SARIF ``reportingDescriptor``): its id, name, one-line summary, how to act on
    it, where it is explained, its default level (``error``, ``warning``, ``note``) and tags."""
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": summary},
        "help": {"text": fix},
        "helpUri": uri,
        "defaultConfiguration": {"level": level},
    }
    if tags:
        rule["properties"] = {"tags": list(tags)}
    return rule


def location(span: Span) -> dict[str, Any]:
    """A span as a SARIF ``location``: its file (as given, ``/``-separated) and region."""
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
