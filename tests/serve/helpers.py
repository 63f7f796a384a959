"""Encoding applications as the documented multipart encoding, for the server's tests."""

from __future__ import annotations

import json
from typing import Any

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
XML = b'<?xml version="1.0" encoding="UTF-8"?><record/>'
SAMPLES = {"application/pdf": PDF, "image/png": PNG, "image/jpeg": JPEG,
           "application/xml": XML}


def text(value: Any) -> str:
    """One answer as a text part: booleans ``true``/``false``, numbers in JSON syntax."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return value if isinstance(value, str) else json.dumps(value)


def parts(answers: dict[str, Any], groups: set[str]) -> list[tuple[str, Any]]:
    """httpx ``files=`` items for the answers: a group is one JSON part per entry, a list one
    text part per value."""
    out: list[tuple[str, Any]] = []
    for name, value in answers.items():
        if name in groups:
            out += [(name, (None, json.dumps(e, ensure_ascii=False).encode(), "application/json"))
                    for e in value]
        elif isinstance(value, list):
            out += [(name, (None, text(v).encode())) for v in value]
        else:
            out.append((name, (None, text(value).encode())))
    return out


def application(procedure: Any, answers: dict[str, Any] | None = None,
                *, today: str | None = None) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """A valid application of ``procedure``: its example answers (or ``answers``) and a
    file of an accepted type for every document those answers ask for."""
    from procgen.targets.openapi.examples import EXAMPLE_DAY, example_answers

    answers = example_answers(procedure) if answers is None else answers
    groups = {f.id for f in procedure.asked_fields if f.kind == "group"}
    items = parts(answers, groups)
    from procgen.diagnostics import DiagnosticSink
    from procgen.quote import check_answers
    from procgen.serve.decide import pointer

    day = today or EXAMPLE_DAY
    effective = check_answers(procedure, answers, today=day, lang="en", locate=pointer,
                              sink=DiagnosticSink()).values
    for d in procedure.uploadable_documents:
        if d.needed_with(effective, today=day) is not None:
            kind = d.accept[0] if d.accept else "application/pdf"
            items.append((d.id, (f"{d.id}.bin", SAMPLES.get(kind, PDF), kind)))
    return answers, items
