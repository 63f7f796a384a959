"""``procgen score``: the quality scorecard of the procedures (docs/score.md).

Decision 766/QĐ-TTg indicators computable from the files, citizen burden, online-versus-in-
person parity and unsourced facts, nationally, for one locality or for every one, as text or
markdown in the command line's language, or JSON (schemas/score.schema.json); the accessible
HTML report is built with the portal, in ``generated/score/``.

After a ``procgen build`` of the same inputs, the scores are read from the build's cache (the
score target's parts, docs/build.md), so no procedure is parsed again; otherwise they are
worked out from the model. Both paths give the same scores (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from msgspec import Struct

from procgen.commands import LANG, InputError, report
from procgen.wording import cli_language, tell

if TYPE_CHECKING:
    from procgen.score.indicators import ProcedureScore
    from procgen.score.report import Names


class Scored(Struct, frozen=True):
    """One procedure file's scores: nationally and in each locality where they differ."""

    file: str
    national: ProcedureScore
    local: dict[str, ProcedureScore]

    def at(self, locality: str | None) -> ProcedureScore:
        return self.national if locality is None else self.local.get(locality, self.national)


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
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The build output folder whose cache may hold the scores already "
              "[default: generated].")
@LANG
@click.pass_obj
def score(obj: dict[str, Any], paths: tuple[Path, ...], locality: str | None, on: str | None,
          fmt: str, fail_under: float | None, out: Path | None) -> None:
    """Score the procedures (PATHs: procedure files; default: every procedure).

    \b
    Examples:
      procgen score
      procgen score --locality all --format json > score.json
      procgen score procedures/passport-issuance.yaml --format markdown
      procgen score --fail-under 50                 # CI: exit 1 under 50/100
    """
    from procgen.diagnostics import did_you_mean
    from procgen.score import Scorecard, as_of
    from procgen.score.report import dumps, markdown, text

    root: Path = obj["procedures"]
    loaded = _from_cache(root, out or Path("generated")) or _from_model(root)
    scored, names = loaded
    if paths:
        wanted = {p.resolve() for p in paths}
        scored = [s for s in scored if (root / s.file).resolve() in wanted]
    day = on or as_of(tuple(s.national for s in scored))
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(tell("quote_bad_day", day=day), param_hint="--on") from None
    places: list[str | None]
    if locality is None:
        places = [None]
    elif locality == "all":
        places = [None, *names.places]
    elif locality in names.places:
        places = [locality]
    else:
        raise InputError(tell("score_no_locality", locality=locality,
                              suggestion=did_you_mean(locality, list(names.places))))
    cards = [Scorecard(day, p, tuple(s.at(p) for s in scored)) for p in places]
    lang = cli_language()
    if fmt == "json":
        click.echo(dumps(cards), nl=False)
    else:
        click.echo((markdown if fmt == "markdown" else text)(cards, names, lang), nl=False)
    low = [c for c in cards if fail_under is not None and c.score < fail_under]
    for c in low:
        click.echo(tell("score_fail_under", score=c.score, limit=fail_under,
                        where=c.locality or tell("score_national")), err=True)
    if low:
        sys.exit(1)


def _from_model(root: Path) -> tuple[list[Scored], Names]:
    """Load and check the project, and score every procedure (exit 1 on an error: the
    warnings are ``procgen validate``'s to print)."""
    from procgen.diagnostics import DiagnosticSink
    from procgen.model import load_portal
    from procgen.score.indicators import score_procedure
    from procgen.score.report import Names

    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    errors = DiagnosticSink([d for d in sink if d.severity == "error"], sink.skipped)
    if report(errors, "text", False, err=True):
        sys.exit(1)
    langs = portal.settings.languages
    scored = []
    for p in portal.procedures:
        national = score_procedure(p)
        local = {str(loc.id): here for loc in portal.localities
                 if (here := score_procedure(p, loc)) != national}
        scored.append(Scored(Path(p.file).name, national, local))
    names = Names({p.id: {lang: p.title.get(lang) for lang in langs} for p in portal.procedures},
                  {loc.id: {lang: loc.name.get(lang) for lang in langs}
                   for loc in portal.localities})
    return scored, names


def _from_cache(root: Path, out: Path) -> tuple[list[Scored], Names] | None:
    """The scores a build of exactly these inputs cached (its state's key is the key of the
    project as it is now, so every file was checked and scored then), or None."""
    import msgspec

    from procgen.build import writer
    from procgen.build.cache import Cache
    from procgen.build.inputs import compiler_key, keys, scan
    from procgen.build.pipeline import default_targets
    from procgen.score.indicators import ProcedureScore
    from procgen.score.report import Names
    from procgen.targets import ScorePart, names

    chosen = tuple(n for n in names() if n in set(default_targets()))
    if "score" not in chosen:
        return None
    try:
        folder = writer.output_folder(out, root)
    except writer.OutputRefused:
        return None
    inputs = scan(root)
    k = keys(inputs, chosen, compiler_key())
    cache = Cache.beside(folder, readonly=True)
    state = cache.load_state()
    if state is None or state.key != k.overall:
        return None
    scored: list[Scored] = []
    titles: dict[str, dict[str, str]] = {}
    for name in inputs.procedure_names:
        entry = cache.load_entry(k.procedures[name])
        if entry is None or "score" not in entry.portal:
            return None
        part = msgspec.convert(entry.portal["score"], ScorePart)
        national = msgspec.convert(part.national, ProcedureScore)
        scored.append(Scored(name, national, {
            lid: msgspec.convert(s, ProcedureScore) for lid, s in part.localities.items()}))
        titles[national.id] = part.title
    languages = list(next(iter(titles.values()))) if titles else []  # the project's, in order
    return scored, Names(titles, _place_names(root, languages))


def _place_names(root: Path, languages: list[str]) -> dict[str, dict[str, str]]:
    """Each overlay's ``name`` by language, read as the build read it (it checked them)."""
    from procgen.diagnostics import DiagnosticSink, StageFailed
    from procgen.layout import locality_files
    from procgen.source import load_file

    out: dict[str, dict[str, str]] = {}
    for path in locality_files(root):
        try:
            value = load_file(path, DiagnosticSink()).value
        except StageFailed:  # changed since the build: its key would differ; be safe anyway
            continue
        if not isinstance(value, dict):
            continue
        name = value.get("name")
        out[str(value.get("locality"))] = ({lang: str(name.get(lang, next(iter(name.values()))))
                                           for lang in languages}
                                          if isinstance(name, dict)
                                          else dict.fromkeys(languages, str(name)))
    return dict(sorted(out.items()))
