"""``procgen assistant``: the procedures as a Model Context Protocol server on standard input
and output, for a virtual assistant to ask (:mod:`procgen.assistant`, docs/assistant.md)."""

from __future__ import annotations

import sys
from typing import Any

import click

from procgen.commands import InputError, report
from procgen.wording import tell


@click.command()
@click.pass_obj
def assistant(obj: dict[str, Any]) -> None:
    """Serve the procedures to a virtual assistant over MCP (standard input and output).

    Tools: search_procedures, describe_procedure, quote_fees, check_answers,
    documents_needed; each procedure is the resource procgen://procedures/<id>, and its
    questions and answers procgen://procedures/<id>/questions/<lang>. The answers
    are the same as the portal's forms, API and `procgen quote` give. Problems loading the
    project go to standard error; the procedures that loaded are served.

    \b
    Example (an MCP client's server entry):
      {"command": "procgen", "args": ["--procedures", "procedures", "assistant"]}
    """
    try:
        from procgen.assistant import server
    except ModuleNotFoundError:
        raise InputError(tell("assistant_no_mcp")) from None
    try:
        app, sink = server(obj["procedures"])
    except ModuleNotFoundError:
        raise InputError(tell("assistant_no_mcp")) from None
    if sink.items:
        report(sink, "text", False, err=True)
    sys.stdout.flush()
    app.run("stdio")
