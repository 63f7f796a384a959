"""Whether an application is accepted: the answers checked as ``procgen quote`` checks them,
the documents as the procedure says — "Checking an application" in docs/targets/openapi.md.

Nothing here re-states a rule. The answers go through :func:`procgen.quote.check_answers`
(the PG6xx checks every target's validation is generated from); a document is needed when
:meth:`Document.needed_with` says so on the effective answers; its type and size limits are
the document's ``accept`` and ``max_bytes``. This module only turns what those report into
the API's ``FieldError`` list, the ``rule`` of each being the ``x-procgen-rules`` id that the
OpenAPI target gives the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.diagnostics import DiagnosticSink, Span

if TYPE_CHECKING:
    from procgen.model.ir import Procedure
    from procgen.serve.upload import Upload

__all__ = ["Decision", "FieldError", "decide", "pointer", "problems"]


class FieldError(Struct, frozen=True, omit_defaults=True):
    """One problem, as the spec's ``FieldError``."""

    pointer: str
    code: str
    detail: str
    rule: str | None = None


class Decision(Struct, frozen=True):
    """The server's verdict on one application."""

    answers: dict[str, Any]
    """The effective answers (what fees and conditions saw); stored with the application."""
    errors: tuple[FieldError, ...]

    @property
    def accepted(self) -> bool:
        return not self.errors


def pointer(path: tuple[str | int, ...], _kind: str = "value") -> Span:
    """Where an answer is, as a span whose file is its JSON Pointer (``#/kids/0/name``): the
    ``locate`` given to :func:`procgen.quote.check_answers` for answers that have no file."""
    return Span("".join("/" + _escape(p) for p in path).join(("#", "")), 1, 1)


def _escape(step: str | int) -> str:
    return str(step).replace("~", "~0").replace("/", "~1")


@lru_cache(maxsize=256)
def _rule_ids(procedure: Procedure) -> frozenset[str]:
    from procgen.targets.openapi.answers import document_rules, field_rules

    languages = (procedure.title.default,)
    return frozenset(r["id"] for r in (*field_rules(procedure, languages),
                                        *document_rules(procedure, languages)))


_RULE_KIND = {"PG604": "required", "PG605": "constraint"}


def problems(procedure: Procedure, sink: DiagnosticSink, lang: str) -> list[FieldError]:
    """The errors of ``sink`` (a check located by :func:`pointer`) as field errors."""
    from procgen.diagnostics.codes import CODES

    out = []
    for d in sink.items:
        if d.severity != "error":
            continue  # an answer to a question not asked is dropped, not refused (PG609)
        where = d.span.file if d.span is not None else "#"
        if d.code == "PG604":  # located at the object that lacks the answer: name the answer
            where += "/" + _escape(str(dict(d.args)["field"]))
        rule = _rule(procedure, where, _RULE_KIND.get(d.code))
        out.append(FieldError(where, CODES[d.code].slug,
                              _rule_message(procedure, where, d.code, lang) or d.text(lang),
                              rule))
    return out


def _rule_message(procedure: Procedure, where: str, code: str, lang: str) -> str | None:
    """What the form says of a missing answer or a broken constraint (the same text as the
    spec's ``x-procgen-rules`` message), for the field at ``where``; None: no such text."""
    from procgen.wording import field_messages, problem_messages

    fields = procedure.asked_fields or procedure.fields
    field = None
    for step in where.removeprefix("#/").split("/"):
        if step.isdigit():
            continue
        step = step.replace("~1", "/").replace("~0", "~")
        field = next((f for f in fields if f.id == step), None)
        if field is None:
            return None
        fields = field.children
    if field is None:
        return None
    if code == "PG604":
        return field_messages(field, lang).get("required")
    if code == "PG605":
        return problem_messages(field, lang).get("err_constraint")
    return None


def _rule(procedure: Procedure, where: str, kind: str | None) -> str | None:
    if kind is None:
        return None
    steps = [s for s in where.removeprefix("#/").split("/") if not s.isdigit()]
    rule = ".".join(s.replace("~1", "/").replace("~0", "~") for s in steps) + "." + kind
    return rule if rule in _rule_ids(procedure) else None


def decide(procedure: Procedure, answers: Mapping[str, Any], files: Mapping[str, Upload],
           unknown: list[str], *, today: str, lang: str) -> Decision:
    """Check ``answers`` and the ``files`` sent (``unknown``: file parts of no document)."""
    from procgen.quote import check_answers
    from procgen.wording import document_messages, say

    sink = DiagnosticSink()
    effective = check_answers(procedure, answers, today=today, lang=lang, locate=pointer,
                              sink=sink).values
    errors = problems(procedure, sink, lang)
    if sink.has_errors():  # the documents depend on answers that are themselves wrong
        return Decision(effective, tuple(errors))
    uploadable = {d.id: d for d in procedure.uploadable_documents}
    for d in uploadable.values():
        needed = d.needed_with(effective, today=today)
        upload = files.get(d.id)
        if needed and upload is None:
            errors.append(FieldError(f"#/{d.id}", "document-missing",
                                     document_messages(d, lang)["required"],
                                     _rule(procedure, f"#/{d.id}", "required")))
        elif upload is not None and d.accept and not set(upload.media_types) & set(d.accept):
            errors.append(FieldError(f"#/{d.id}", "document-type",
                                     say("serve_document_type", lang,
                                         document=d.title.get(lang),
                                         accept=", ".join(d.accept),
                                         found=upload.media_types[0] if upload.media_types
                                         else say("serve_type_unknown", lang))))
    for name in unknown:
        errors.append(FieldError(f"#/{name}", "document-unknown",
                                 say("serve_document_unknown", lang, document=name)))
    return Decision(effective, tuple(errors))
