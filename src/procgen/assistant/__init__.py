"""``procgen assistant``: a Model Context Protocol server over the compiled procedures.

A virtual assistant (a chatbot of the public-service portal, a desk officer's helper) asks
these tools instead of keeping its own copy of the procedures, so what it says is what the
forms, the API and ``procgen quote`` say — computed by the same code:

* ``search_procedures`` — procedures whose id, code, title or summary holds every word of a
  query (accents and case ignored, so "dang ky khai sinh" finds "Đăng ký khai sinh");
* ``describe_procedure`` — the procedure's public description, exactly the body of
  ``GET /procedures/{id}`` (:func:`procgen.targets.openapi.describe.describe`), with a
  locality's amounts and offices when one is given;
* ``quote_fees`` — what ``procgen quote`` prints (:func:`procgen.quote.request.quote_request`),
  partial by default: the answers given so far, and what the application still needs;
* ``check_answers`` — every problem with the answers, each with its code, the answer's JSON
  Pointer and the message the form shows, in the language asked;
* ``documents_needed`` — the documents to prepare with these answers
  (:meth:`procgen.model.ir.Document.needed_with`).

Every procedure is also a resource, ``procgen://procedures/{id}`` (its description, JSON), and
so are the questions people ask about it with their answers,
``procgen://procedures/{id}/questions/{lang}`` (:func:`procgen.guidance.questions`, as the
assistant target's files and the page's FAQ hold them).
The tools' names, descriptions and parameters are declared once in
:mod:`procgen.guidance.tools`, which the assistant target's files repeat. The server speaks
JSON-RPC over standard input and output (``mcp`` SDK, ``MCPServer``); it
loads the project once at start and never writes a file. docs/assistant.md has the tools'
inputs and outputs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from procgen.diagnostics import DiagnosticSink, Span

if TYPE_CHECKING:
    from pathlib import Path

    from mcp.server.mcpserver import MCPServer

    from procgen.model.ir import Portal, Procedure

RESOURCE = "procgen://procedures/{procedure_id}"
QUESTIONS = "procgen://procedures/{procedure_id}/questions/{lang}"


class Unknown(ValueError):
    """A tool was asked about something the project does not have: its error text, worded
    by the catalogue (``key`` and ``params``, as :class:`procgen.quote.request.Refused`) in
    the language the tool was asked in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def said(self, lang: str) -> str:
        from procgen.wording import say

        return say(self.key, lang, **self.params)


def _folded(text: str) -> str:
    """``text`` without accents or case, đ as d: how a search compares words."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Assistant:
    """The tools' answers over one loaded :class:`~procgen.model.ir.Portal` (no MCP here, so
    the answers are testable without a transport)."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.languages = portal.settings.languages

    # --- lookup -------------------------------------------------------------------------

    def procedure(self, procedure_id: str) -> Procedure:
        procedure = self.portal.procedure(procedure_id)
        if procedure is None:
            from procgen.diagnostics import did_you_mean

            raise Unknown("assistant_no_procedure", procedure=procedure_id, suggestion=did_you_mean(
                procedure_id, [p.id for p in self.portal.procedures]))
        return procedure

    def language(self, lang: str | None) -> str:
        chosen = lang or self.portal.settings.default_language
        if chosen not in self.languages:
            raise Unknown("assistant_no_language", language=chosen,
                          languages=", ".join(self.languages))
        return chosen

    def said_in(self, lang: str | None) -> str:
        """The language a tool's error is worded in: the one asked, when the project speaks
        it, else the project's default."""
        return lang if lang in self.languages else self.portal.settings.default_language

    # --- tools --------------------------------------------------------------------------

    def search(self, query: str, lang: str | None = None) -> list[dict[str, Any]]:
        chosen = self.language(lang)
        words = _folded(query).split()
        found = []
        for p in self.portal.procedures:
            texts = [p.id, p.code or "", *(t for _, t in p.title.values)]
            if p.summary is not None:
                texts += [t for _, t in p.summary.values]
            haystack = _folded(" ".join(texts))
            if all(w in haystack for w in words):
                found.append({"id": p.id, "code": p.code, "title": p.title.get(chosen),
                              "fully_online": p.fully_online})
        return found

    def describe(self, procedure_id: str, locality: str | None = None) -> dict[str, Any]:
        from procgen.model.local import local_facts
        from procgen.quote.request import Refused, locality_of
        from procgen.targets.openapi.describe import describe

        procedure = self.procedure(procedure_id)
        try:
            place = locality_of(self.portal, locality)
        except Refused as refused:
            raise Unknown(refused.key, **refused.params) from None
        local = local_facts(procedure, self.portal.localities, place)
        return describe(procedure, self.languages, local)

    def questions(self, procedure_id: str, lang: str | None) -> list[dict[str, str]]:
        from procgen.guidance import questions
        from procgen.model.local import local_facts

        procedure, chosen = self.procedure(procedure_id), self.language(lang)
        facts = local_facts(procedure, self.portal.localities)
        return [{"id": q.id, "question": q.question, "answer": q.answer}
                for q in questions(procedure, self.portal.settings, chosen, facts)]

    def quote(self, procedure_id: str, answers: dict[str, Any], *, channel: str | None,
              locality: str | None, on: str | None, partial: bool,
              lang: str | None) -> dict[str, Any]:
        from procgen.quote.request import Refused, channel_of, locality_of, quote_request

        procedure, chosen, day = self.procedure(procedure_id), self.language(lang), _day(on)
        sink = DiagnosticSink()
        try:
            result = quote_request(self.portal, procedure, answers,
                                   channel=channel_of(procedure, channel),
                                   place=locality_of(self.portal, locality), on=day,
                                   lang=chosen, partial=partial, locate=_pointer, sink=sink)
        except Refused as refused:
            raise Unknown(refused.key, **refused.params) from None
        return {"quote": None if result is None else result.as_json(),
                "problems": _problems(sink, chosen)}

    def check(self, procedure_id: str, answers: dict[str, Any], *, on: str | None,
              lang: str | None) -> dict[str, Any]:
        from procgen.quote import check_answers

        procedure, chosen = self.procedure(procedure_id), self.language(lang)
        sink = DiagnosticSink()
        check_answers(procedure, answers, today=_day(on), lang=chosen, locate=_pointer,
                      sink=sink)
        problems = _problems(sink, chosen)
        return {"valid": not any(p["severity"] == "error" for p in problems),
                "problems": problems}

    def documents(self, procedure_id: str, answers: dict[str, Any], *, on: str | None,
                  lang: str | None) -> dict[str, Any]:
        from procgen.quote import check_answers

        procedure, chosen, day = self.procedure(procedure_id), self.language(lang), _day(on)
        sink = DiagnosticSink()
        effective = check_answers(procedure, answers, today=day, lang=chosen,
                                  locate=_pointer, sink=sink).values
        out = []
        for d in procedure.documents:
            needed = d.needed_with(effective, today=day)
            if needed is None:
                continue
            out.append({"id": d.id, "title": d.title.get(chosen), "required": needed,
                        "originals": d.originals, "copies": d.copies,
                        "upload": d.uploadable, "present_only": d.present_only,
                        "held_by_state": d.held_by_state})
        return {"documents": out, "problems": _problems(sink, chosen)}


@contextmanager
def told(error: type[Exception], lang: str) -> Iterator[None]:
    """An :class:`Unknown` as the SDK's ``error``, worded in ``lang``, so its text reaches
    the assistant (any other exception is a bug, which the SDK reports as an internal
    error)."""
    try:
        yield
    except Unknown as unknown:
        raise error(unknown.said(lang)) from None


def _day(on: str | None) -> str:
    day = on or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise Unknown("quote_bad_day", day=day) from None
    return day


def _pointer(path: tuple[str | int, ...], _kind: str = "value") -> Span:
    """Where an answer is: the answers have no file, so the span names the answer by its
    JSON Pointer (``#/children/0/child_name``), which :func:`_problems` reports."""
    return Span("#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path),
                1, 1)


def _problems(sink: DiagnosticSink, lang: str) -> list[dict[str, Any]]:
    return [{"code": d.code, "severity": d.severity,
             "pointer": d.span.file if d.span else None,
             "message": d.text(lang), "hint": d.help(lang) or None}
            for d in sink.items]


def server(root: Path) -> tuple[MCPServer, DiagnosticSink]:
    """The MCP server over the project at ``root``, and what loading it reported (the
    server offers the procedures that loaded); :mod:`procgen.assistant.server` builds it."""
    from procgen.assistant.server import build

    return build(root)
