"""``procgen quote``: fees and processing time for given answers, as JSON (CLI.md).

The quote itself is JSON (its keys are data, not words); the command's own errors are the
wording catalogue's ``quote_…`` keys, in the command line's language
(:func:`procgen.wording.tell`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from procgen.commands import FORMAT, LANG, InputError, report
from procgen.wording import cli_language, tell


@click.command()
@click.argument("procedure_id")
@click.option(
    "--answers",
    "answers_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON object: field id → answer (dates YYYY-MM-DD, multichoice as a list, "
    "a group as a list of objects).",
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
@FORMAT
@click.pass_obj
def quote(
    obj: dict[str, Any],
    procedure_id: str,
    answers_file: Path,
    channel: str | None,
    locality: str | None,
    on: str | None,
    fmt: str,
) -> None:
    """Print the fees and processing time of procedure ID for the given answers.

    The quote goes to standard output; diagnostics go to standard error. Answers that break
    the procedure's rules (a required answer missing, a constraint false,
    an unknown field, a wrong type, an option not offered, a repeat count outside its limits,
    an invalid personal ID number) are reported as located errors and exit 1.

    \b
    Example:
      procgen quote birth-registration --answers answers.json --locality ha-noi --on 2026-11-28
    """
    from procgen.diagnostics import DiagnosticSink, StageFailed, did_you_mean
    from procgen.model import load_portal
    from procgen.model.local import answered_locality
    from procgen.quote import check_answers
    from procgen.quote import quote as make_quote
    from procgen.quote.reader import read_answers

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
    chosen = channel or procedure.default_channel
    if chosen not in procedure.channel_names:
        raise InputError(tell("quote_no_channel", procedure=procedure_id, channel=chosen,
                              channels=", ".join(procedure.channel_names)))
    place = None
    if locality is not None:
        place = portal.locality(locality)
        if place is None:
            raise InputError(tell("quote_no_locality", locality=locality,
                                  suggestion=did_you_mean(locality,
                                                          [x.id for x in portal.localities])))
    try:
        doc = read_answers(answers_file, sink)  # JSON, never YAML: "1" is a text, 2.5e3 a number
    except StageFailed:
        report(sink, fmt, False, err=True)
        sys.exit(1)
    answers = check_answers(
        procedure,
        doc.value,
        today=day,
        lang=cli_language(),
        locate=doc.locate,
        sink=sink,
    )
    if report(sink, fmt, False, err=True):
        sys.exit(1)
    answered = answered_locality(procedure, answers.values)  # the form's own province answer
    if answered is not None and place is not None and answered != place.id:
        raise InputError(tell("quote_locality_conflict", given=place.id, answered=answered,
                              field=procedure.locality_field))
    if place is None and answered is not None:
        place = portal.locality(answered)
    result = make_quote(procedure, answers, channel=chosen, on=day, locality=place)
    click.echo(json.dumps(result.as_json(), ensure_ascii=False))
