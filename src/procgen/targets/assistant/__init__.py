"""Assistant target: what a virtual assistant needs to answer about one procedure, as data.

Output: ``assistant/<id>.json`` (schema ``schemas/assistant.schema.json``, documented in
``docs/targets/assistant.md``). A chatbot of the portal, the VNeID assistant or a desk
officer's helper reads it instead of keeping its own copy of the procedure:

* ``questions`` — in every language, the questions people ask, each with its answer
  (:func:`procgen.guidance.questions`: documents, fees per channel, time, where, fully online
  and why not, what decides it, and fees and offices in each province);
* ``deciding`` — the eligibility questions: the fields the conditions read, with their
  options and what each decides (:func:`procgen.guidance.deciding`);
* ``checklists`` — the documents always needed, then one list per situation, its condition
  in words and as JSON Logic (:func:`procgen.guidance.checklist`);
* ``fees`` — each fee as data an assistant can work out: its amount or the JSON Logic that
  computes it, when it applies, its exemptions, its validity window and each locality's
  amount, so that for any answers and province it totals what ``procgen quote`` totals;
* ``tools`` — function-calling definitions (JSON Schema) of the ``procgen assistant``
  server's tools for this procedure (:mod:`procgen.guidance.tools`), its answers' schema in
  place (:mod:`procgen.targets._answers`, the OpenAPI spec's too).

JSON Logic is applied to ``{"answers": {...}, "row": {}, "today": "YYYY-MM-DD"}``
(json-logic-js plus ``src/procgen/expr/runtime/jsonlogic-ops.js``), as in the mobile screens.
Bytes are deterministic (:func:`procgen.targets._common.pretty_json`).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from procgen.targets._common import localized, pretty_json

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.expr.ast import Expr
    from procgen.guidance import Decider
    from procgen.model.ir import Document, Fee, Procedure, Settings
    from procgen.model.local import LocalFacts
    from procgen.targets import EmitContext, Files, PortalInput

OUT = PurePosixPath("assistant")
FORMAT = "procgen-assistant/1"
"""The file's ``format``: a reader checks it before reading on (a new major is a new name)."""


class AssistantTarget:
    """The ``assistant`` target (see the module docstring)."""

    name = "assistant"

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        doc = assistant_file(procedure, ctx.settings, ctx.local(procedure))
        return {OUT / f"{procedure.id}.json": pretty_json(doc)}

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> None:
        return None

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        return {}


def _logic(expr: Expr) -> Any:
    from procgen.expr import to_jsonlogic

    return to_jsonlogic(expr)


def assistant_file(p: Procedure, settings: Settings, facts: LocalFacts) -> dict[str, Any]:
    from procgen import guidance

    langs = settings.languages
    out: dict[str, Any] = {
        "format": FORMAT,
        "procedure": p.id,
        "revision": p.revision,
        "code": p.code,
        "languages": list(langs),
        "default_language": settings.default_language,
        "title": localized(p.title, langs),
        "fully_online": p.fully_online,
        "channels": [{"name": c.name, "processing_time": c.processing_time.as_dict(),
                      **({"time_cases": [{"label": localized(x.label, langs),
                                          "logic": _logic(x.when),
                                          "processing_time": x.time.as_dict()}
                                         for x in c.time_cases]} if c.time_cases else {}),
                      **({"results": list(c.results)} if c.results else {})}
                     for c in p.channels],
        "questions": {lang: [{"id": q.id, "question": q.question, "answer": q.answer}
                             for q in guidance.questions(p, settings, lang, facts)]
                      for lang in langs},
        "deciding": [_decider(d, langs) for d in guidance.deciding(p)],
        "checklists": _checklists(p, langs),
        "fees": [_fee(f, langs, facts) for f in p.fees],
        "tools": _tools(p, settings, facts),
    }
    if facts.site and facts.the_place is not None:
        out["locality"] = facts.the_place.id
    return out


def _decider(d: Decider, langs: tuple[str, ...]) -> dict[str, Any]:
    f = d.field
    out: dict[str, Any] = {"field": f.id, "kind": str(f.kind), "label": localized(f.label, langs)}
    if f.options:
        out["options"] = [{"value": o.value, "label": localized(o.label, langs)}
                          for o in f.options]
    out["decides"] = {"documents": list(d.documents), "fees": list(d.fees)}
    return out


def _document(d: Document, langs: tuple[str, ...]) -> dict[str, Any]:
    from procgen import wording

    return {"id": d.id, "title": localized(d.title, langs),
            "line": {lang: wording.document_line(d, lang) for lang in langs},
            "required": d.required if isinstance(d.required, bool)
            else {"logic": _logic(d.required)},
            "provided": d.provided}


def _checklists(p: Procedure, langs: tuple[str, ...]) -> list[dict[str, Any]]:
    from procgen.guidance import checklist
    from procgen.wording.conditions import condition

    lists = checklist(p)
    out: list[dict[str, Any]] = [
        {"situation": None, "documents": [_document(d, langs)
                                          for d in (*lists.always, *lists.optional)]}]
    for s in lists.situations:
        out.append({"situation": {"when": {lang: condition(s.when, p, lang) for lang in langs},
                                  "logic": _logic(s.when)},
                    "documents": [_document(d, langs) for d in s.documents]})
    return out


def _fee(f: Fee, langs: tuple[str, ...], facts: LocalFacts) -> dict[str, Any]:
    from procgen import wording

    out: dict[str, Any] = {"id": f.id, "label": localized(f.label, langs),
                           "channels": list(f.channels),
                           "payment": list(f.paid_through),
                           "said": {lang: wording.fee_amount(f, lang, facts.the_place,
                                                             site=facts.site)
                                    for lang in langs}}
    if isinstance(f.amount, int):
        out["amount"] = f.amount
    elif f.amount is not None:
        out["amount_logic"] = _logic(f.amount)
    if f.when is not None:
        out["when_logic"] = _logic(f.when)
    if f.exemptions:
        out["exemptions"] = [{"label": localized(e.label, langs), "logic": _logic(e.when),
                              **({"channels": list(e.channels)} if e.channels else {})}
                             for e in f.exemptions]
    if f.valid_from:
        out["valid_from"] = f.valid_from
    if f.valid_until:
        out["valid_until"] = f.valid_until
    if f.set_by_locality:
        if f.range is not None:
            out["range"] = list(f.range)
        by_locality: dict[str, Any] = {}
        for place in facts.places:
            amount = place.amount(f.id)
            if amount is not None:
                by_locality[place.id] = {"amount": amount.amount,
                                         "placeholder": amount.placeholder}
        out["by_locality"] = by_locality
    return out


def _tools(p: Procedure, settings: Settings, facts: LocalFacts) -> list[dict[str, Any]]:
    from procgen.guidance.tools import PARAMETERS, TOOLS
    from procgen.targets._answers import answers_schema

    answers = answers_schema(p, settings.default_language)
    given_so_far = {k: v for k, v in answers.items() if k not in ("required", "allOf")}
    schemas: dict[str, dict[str, Any]] = {
        "procedure_id": {"const": p.id},
        "answers": answers,
        "channel": {"enum": list(p.channel_names)},
        "locality": {"enum": [x.id for x in facts.places]} if facts.places
        else {"type": "string"},
        "on": {"type": "string", "format": "date"},
        "partial": {"type": "boolean", "default": True},
        "lang": {"enum": list(settings.languages)},
    }
    out = []
    for t in TOOLS:
        if not t.per_procedure:
            continue
        props = {}
        for name in t.parameters:
            schema = given_so_far if (t.name, name) == ("quote_fees", "answers") else \
                schemas[name]
            props[name] = {"description": PARAMETERS[name], **schema}
        out.append({"name": t.name, "description": t.description,
                    "parameters": {"type": "object", "properties": props,
                                   "required": list(t.required),
                                   "additionalProperties": False}})
    return out
