"""``procgen quote``: fees and processing time for given answers, as JSON (CLI.md).

The quote itself is JSON (its keys are data, not words), or with ``--format table`` a table
in the command line's language; ``--partial`` quotes from the answers the fees depend on and
names what the application still needs; ``--template`` writes an answers skeleton. The
command's own errors are the wording catalogue's ``quote_…`` keys, in the command line's
language (:func:`procgen.wording.tell`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from procgen.commands import LANG, InputError, report
from procgen.wording import cli_language, tell

if TYPE_CHECKING:
    from procgen.model.ir import Procedure


@click.command()
@click.argument("procedure_id")
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON object: field id → answer (dates YYYY-MM-DD, multichoice as a list, "
    "a group as a list of objects). Required unless --template.",
)
@click.option(
    "--partial",
    is_flag=True,
    help="Quote from the answers given so far: a missing required answer is listed in "
    "still_needed, not an error; a fee that needs one has amount null (total null).",
)
@click.option(
    "--template",
    is_flag=True,
    help="Write an answers skeleton (every question with a placeholder of its type, in page "
    "order) instead of a quote.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --template: the file to write (never overwritten) [default: standard output].",
)
@click.option(
    "--channel",
    type=click.Choice(["online", "in_person", "postal"]),
    help="The channel used [default: online where the procedure has it].",
)
@click.option(
    "--locality",
    help="A locality id from procedures/localities/, for locality-set fees [default: the "
    "province the answers give, when the procedure asks for it].",
)
@click.option(
    "--on", "on", help="The day today() and fee windows see, YYYY-MM-DD [default: today]."
)
@LANG
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "table"]),
    default="text",
    show_default=True,
    help="How to print diagnostics; table also prints the quote as a table in the chosen "
    "language instead of JSON.",
)
@click.pass_obj
def quote(
    obj: dict[str, Any],
    procedure_id: str,
    answers_file: Path | None,
    partial: bool,
    template: bool,
    out: Path | None,
    channel: str | None,
    locality: str | None,
    on: str | None,
    fmt: str,
) -> None:
    """Print the fees and processing time of procedure ID for the given answers.

    The quote goes to standard output; diagnostics go to standard error. Answers that break
    the procedure's rules (a required answer missing, a constraint false,
    an unknown field, a wrong type, an option not offered, a repeat count outside its limits,
    an invalid personal ID number) are reported as located errors and exit 1. With
    --partial, a missing required answer is listed in still_needed instead.

    \b
    Examples:
      procgen quote birth-registration --template --out skeleton.json
      procgen quote birth-registration --answers answers.json --partial --format table
      procgen quote birth-registration --answers answers.json --partial --locality ha-noi \\
          --on 2026-11-28
    """
    from procgen.diagnostics import DiagnosticSink, StageFailed, did_you_mean
    from procgen.model import load_portal
    from procgen.quote.reader import read_answers
    from procgen.quote.request import Refused, channel_of, locality_of, quote_request

    day = on or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(tell("quote_bad_day", day=day), param_hint="--on") from None
    sink = DiagnosticSink()
    portal = load_portal(obj["procedures"], sink)
    procedure = portal.procedure(procedure_id)
    if procedure is None:
        if report(sink, fmt, False, err=True):
            sys.exit(1)
        known = [p.id for p in portal.procedures]
        raise InputError(tell("quote_no_procedure", procedure=procedure_id,
                              folder=obj["procedures"],
                              suggestion=did_you_mean(procedure_id, known)))
    sink = DiagnosticSink()  # problems elsewhere in the project do not block this quote
    diagnostics = "text" if fmt == "table" else fmt
    if template:
        _write_template(procedure, out)
        return
    if answers_file is None:
        raise click.UsageError(tell("quote_no_answers"))
    try:
        chosen = channel_of(procedure, channel)  # both refused before the answers are read
        place = locality_of(portal, locality)
        doc = read_answers(answers_file, sink)  # JSON, never YAML: "1" is a text, 2.5e3 a number
        result = quote_request(portal, procedure, doc.value, channel=chosen, place=place,
                               on=day, lang=cli_language(), partial=partial,
                               locate=doc.locate, sink=sink)
    except Refused as refused:
        report(sink, diagnostics, False, err=True)
        raise InputError(refused.said(cli_language())) from None
    except StageFailed:
        report(sink, diagnostics, False, err=True)
        sys.exit(1)
    if report(sink, diagnostics, False, err=True) or result is None:
        sys.exit(1)
    if fmt == "table":
        from procgen.quote.table import render_table

        click.echo(render_table(result, procedure, cli_language()), nl=False)
    else:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False))


def _write_template(procedure: Procedure, out: Path | None) -> None:
    """The answers skeleton on standard output, or in ``out`` (refusing to overwrite it)."""
    from procgen.quote.skeleton import skeleton

    text = json.dumps(skeleton(procedure), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        with out.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise InputError(tell("quote_exists", path=out)) from None
    except OSError as e:
        raise InputError(f"{out}: {e.strerror or e}") from None
    click.echo(tell("quote_wrote_template", procedure=procedure.id, path=out), err=True)
