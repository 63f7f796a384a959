"""The assistant's tools, declared once: ``procgen assistant`` (the MCP server) registers
them under these names and descriptions, and the assistant target writes them as
function-calling definitions into every ``assistant/<id>.json`` with the procedure's own
parameter schemas. tests/assistant checks that the server's tools take exactly these
parameters.
"""

from __future__ import annotations

from msgspec import Struct


class Tool(Struct, frozen=True):
    name: str
    description: str
    parameters: tuple[str, ...]
    """In the order the server's function takes them."""
    required: tuple[str, ...]
    per_procedure: bool = True
    """Written into each procedure's assistant file (``procedure_id`` fixed to it)."""


PARAMETERS: dict[str, str] = {
    "query": "Words to look for (accents and case ignored).",
    "procedure_id": "The procedure's id.",
    "answers": "The applicant's answers: field id → value (dates YYYY-MM-DD, a multiple "
               "choice a list, a group a list of objects), as the API's Answers body.",
    "channel": "How the applicant applies; the procedure's default (online when offered) if "
               "absent.",
    "locality": "The locality (province) whose amounts and offices apply.",
    "on": "The day to quote for, YYYY-MM-DD (today if absent): fees valid then.",
    "partial": "Quote the answers given so far and list what is still needed.",
    "lang": "The language of the answer's words.",
}
"""Each parameter's description, the same in every tool that takes it."""

TOOLS: tuple[Tool, ...] = (
    Tool("search_procedures",
         "Procedures whose id, code, title or summary contain every word of the query "
         "(accents and case ignored).",
         ("query", "lang"), ("query",), per_procedure=False),
    Tool("describe_procedure",
         "The public description of a procedure: documents, fees, channels, processing "
         "times, steps, legal basis, in every language; with a locality, its amounts and "
         "offices.",
         ("procedure_id", "locality"), ("procedure_id",)),
    Tool("quote_fees",
         "Fees and processing time for the answers given so far, as `procgen quote` prints "
         "them (partial: what is still needed is listed), and any problem with the answers.",
         ("procedure_id", "answers", "channel", "locality", "on", "partial", "lang"),
         ("procedure_id", "answers")),
    Tool("check_answers",
         "Every problem with a complete set of answers, each with its code, the answer's "
         "JSON Pointer and the message the form shows.",
         ("procedure_id", "answers", "on", "lang"), ("procedure_id", "answers")),
    Tool("documents_needed",
         "The documents to prepare with these answers: required or optional, originals and "
         "copies, whether it is uploaded, and the state database that holds it (then it "
         "need not be brought).",
         ("procedure_id", "answers", "on", "lang"), ("procedure_id", "answers")),
)


def tool(name: str) -> Tool:
    return next(t for t in TOOLS if t.name == name)
