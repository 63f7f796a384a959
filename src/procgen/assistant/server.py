"""The MCP server of ``procgen assistant``: the :class:`procgen.assistant.Assistant`'s answers
as tools and resources of the official ``mcp`` SDK (``MCPServer``, JSON-RPC over stdio).

Imported only when the server is started (it needs the ``procgen[assistant]`` extra). Each
tool's name and description, and each parameter's description, are
:mod:`procgen.guidance.tools`'s, which the assistant target's files repeat.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from procgen.assistant import QUESTIONS, RESOURCE, Assistant, told
from procgen.diagnostics import DiagnosticSink
from procgen.guidance.tools import PARAMETERS, tool

if TYPE_CHECKING:
    from pathlib import Path


def _about(name: str) -> Any:
    return Field(description=PARAMETERS[name])


Query = Annotated[str, _about("query")]
ProcedureId = Annotated[str, _about("procedure_id")]
Answers = Annotated[dict[str, Any], _about("answers")]
Channel = Annotated[str | None, _about("channel")]
Locality = Annotated[str | None, _about("locality")]
On = Annotated[str | None, _about("on")]
Partial = Annotated[bool, _about("partial")]
Lang = Annotated[str | None, _about("lang")]


def build(root: Path) -> tuple[MCPServer, DiagnosticSink]:
    """The MCP server over the project at ``root``, and what loading it reported (the
    server offers the procedures that loaded)."""
    import procgen
    from procgen.model import load_portal

    sink = DiagnosticSink()
    assistant = Assistant(load_portal(root, sink))
    app = MCPServer("procgen", version=procgen.__version__, log_level="WARNING", instructions=(
        "Answers about Vietnam's public-service procedures, from the same compiled files as "
        "the portal's forms and API: search, describe, quote fees and times, check answers, "
        "list documents. Languages: " + ", ".join(assistant.languages) + "."))

    @app.tool(name="search_procedures", description=tool("search_procedures").description)
    def search_procedures(query: Query, lang: Lang = None) -> list[dict[str, Any]]:
        with told(ToolError, assistant.said_in(lang)):
            return assistant.search(query, lang)

    @app.tool(name="describe_procedure", description=tool("describe_procedure").description)
    def describe_procedure(procedure_id: ProcedureId, locality: Locality = None) -> dict[str, Any]:
        with told(ToolError, assistant.said_in(None)):
            return assistant.describe(procedure_id, locality)

    @app.tool(name="quote_fees", description=tool("quote_fees").description)
    def quote_fees(procedure_id: ProcedureId, answers: Answers, channel: Channel = None,
                   locality: Locality = None, on: On = None, partial: Partial = True,
                   lang: Lang = None) -> dict[str, Any]:
        with told(ToolError, assistant.said_in(lang)):
            return assistant.quote(procedure_id, answers, channel=channel, locality=locality,
                                   on=on, partial=partial, lang=lang)

    @app.tool(name="check_answers", description=tool("check_answers").description)
    def check_answers(procedure_id: ProcedureId, answers: Answers, on: On = None,
                      lang: Lang = None) -> dict[str, Any]:
        with told(ToolError, assistant.said_in(lang)):
            return assistant.check(procedure_id, answers, on=on, lang=lang)

    @app.tool(name="documents_needed", description=tool("documents_needed").description)
    def documents_needed(procedure_id: ProcedureId, answers: Answers, on: On = None,
                         lang: Lang = None) -> dict[str, Any]:
        with told(ToolError, assistant.said_in(lang)):
            return assistant.documents(procedure_id, answers, on=on, lang=lang)

    @app.resource(RESOURCE, mime_type="application/json",
                  description="A procedure's public description (GET /procedures/{id}).")
    def procedure_resource(procedure_id: str) -> str:
        with told(ToolError, assistant.said_in(None)):
            return json.dumps(assistant.describe(procedure_id), ensure_ascii=False)

    @app.resource(QUESTIONS, mime_type="application/json",
                  description="The questions people ask about a procedure, each with its "
                  "answer, in one language (the assistant file's and the page's FAQ).")
    def questions_resource(procedure_id: str, lang: str) -> str:
        with told(ToolError, assistant.said_in(lang)):
            return json.dumps(assistant.questions(procedure_id, lang), ensure_ascii=False)

    return app, sink
