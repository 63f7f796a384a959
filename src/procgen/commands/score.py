"""``procgen score``: the quality scorecard of the procedures (docs/score.md).

Decision 766/QĐ-TTg indicators computable from the files, citizen burden, online-versus-in-
person parity and unsourced facts, nationally, for one locality or for every one, as text or
markdown in the command line's language, or JSON (schemas/score.schema.json); the accessible
HTML report is built with the portal, in ``generated/score/``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from procgen.commands import LANG, InputError, report
from procgen.wording import cli_language, tell

if TYPE_CHECKING:
    from procgen.model.ir import Locality


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--locality", help="A locality id from procedures/localities/, or 'all' for the "
              "national scorecard and every locality's [default: national].")
@click.option("--on", "on", help="The day fee windows are read on, YYYY-MM-DD [default: the "
              "latest effective_from of the procedures].")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True, help="How to print the scorecard.")
@click.option("--fail-under", type=click.FloatRange(0, 100), help="Exit 1 when a printed "
              "scorecard scores under this (0 to 100).")
@LANG
@click.pass_obj
def score(obj: dict[str, Any], paths: tuple[Path, ...], locality: str | None, on: str | None,
          fmt: str, fail_under: float | None) -> None:
    """Score the procedures (PATHs: procedure files; default: every procedure).

    \b
    Examples:
      procgen score
      procgen score --locality all --format json > score.json
      procgen score procedures/passport-issuance.yaml --format markdown --fail-under 70
    """
    from procgen.diagnostics import DiagnosticSink, did_you_mean
    from procgen.model import load_portal
    from procgen.score import as_of, scorecard
    from procgen.score.report import dumps, markdown, text

    sink = DiagnosticSink()
    portal = load_portal(obj["procedures"], sink)
    if report(sink, "text", False, err=True):
        sys.exit(1)
    chosen = portal.procedures
    if paths:
        wanted = {p.resolve() for p in paths}
        chosen = tuple(p for p in portal.procedures if Path(p.file).resolve() in wanted)
    day = on or as_of(chosen)
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(tell("quote_bad_day", day=day), param_hint="--on") from None
    places: list[Locality | None]
    if locality in (None, "all"):
        places = [None, *portal.localities] if locality == "all" else [None]
    else:
        place = portal.locality(locality)
        if place is None:
            known = [x.id for x in portal.localities]
            raise InputError(tell("score_no_locality", locality=locality,
                                  suggestion=did_you_mean(locality, known)))
        places = [place]
    cards = [scorecard(chosen, day, p) for p in places]
    lang = cli_language()
    if fmt == "json":
        click.echo(dumps(cards), nl=False)
    else:
        click.echo((markdown if fmt == "markdown" else text)(cards, portal, lang), nl=False)
    low = [c for c in cards if fail_under is not None and c.score < fail_under]
    for c in low:
        click.echo(tell("score_fail_under", score=c.score, limit=fail_under,
                        where=c.locality or tell("score_national")), err=True)
    if low:
        sys.exit(1)
