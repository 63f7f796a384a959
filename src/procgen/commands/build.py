"""``procgen build``: compile every procedure into the output folder (see docs/build.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from procgen.commands import FORMAT, LANG, STRICT, InputError, report
from procgen.wording import tell


def _targets(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from procgen.targets import available, names

    for name in value:
        if name not in names():
            from procgen.diagnostics import did_you_mean

            raise click.BadParameter(
                tell("build_unknown_target", name=name, suggestion=did_you_mean(name, names()),
                     known=", ".join(names())),
                ctx,
                param,
            )
        if name not in available():
            raise click.BadParameter(tell("build_target_missing", name=name), ctx, param)
    return value


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The output folder; replaced as a whole, atomically. Only a folder that is absent, "
    "empty or an earlier procgen output is replaced (docs/build.md) [default: generated].",
)
@click.option(
    "--target",
    "targets",
    multiple=True,
    callback=_targets,
    help="Build only this target (repeatable; default: every installed target).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 listing every file a build would add, change or remove.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for compiling (default: the number of CPUs).",
)
@click.option(
    "--locality",
    "locality",
    metavar="SLUG|all",
    help="Build a locality's own site instead (its amounts and offices resolved, no province "
    "picker) into --out (default: generated-localities/SLUG); 'all' builds every locality's, "
    "into --out/SLUG each (default --out: generated-localities), compiling each procedure once.",
)
@FORMAT
@STRICT
@LANG
@click.pass_obj
def build(
    obj: dict[str, Any],
    out: Path | None,
    targets: tuple[str, ...],
    check: bool,
    jobs: int | None,
    locality: str | None,
    fmt: str,
    strict: bool,
) -> None:
    """Compile every procedure into the output folder (default: generated/).

    Output is byte-identical for the same input, replaced atomically (an interrupted build
    leaves the previous output whole), and incremental: unchanged procedures are not compiled
    again, and a build with nothing to do reads no YAML and writes nothing.

    \b
    Example:
      procgen build                        # every target into generated/
      procgen build --target web -j 4
      procgen build --check                # in CI: is generated/ up to date?
      procgen build --locality ha-noi      # Hà Nội's own site, in generated-localities/ha-noi
      procgen build --locality all         # every locality's site
    """
    from procgen.build import OutputRefused, build_many
    from procgen.diagnostics import DiagnosticSink, Span

    root: Path = obj["procedures"]
    if not root.is_dir():
        raise InputError(tell("build_no_procedures", root=root))
    outputs = _outputs(root, out, locality)
    if out is None:
        out = Path("generated") if locality is None else outputs[0][1] if locality != "all" \
            else SITES
    sink = DiagnosticSink()
    try:
        results = build_many(root, outputs, targets=targets or None, jobs=jobs, check=check,
                             strict=strict)
    except OutputRefused as e:  # located at the folder, as given: a one-line PG109
        where = str(out)
        sink.emit("PG109", Span(where, 1, 1), path=where, reason=e.reason)
        report(sink, fmt, strict)
        click.echo(tell("build_failed", out=out), err=True)
        sys.exit(1)
    if locality == "all":
        _report_sites(sink, results, outputs, out, fmt=fmt, check=check, strict=strict)
        return
    result = results[0]
    sink.extend(result.diagnostics)
    failed = report(sink, fmt, strict)
    if failed or result.failed:
        click.echo(tell("build_failed", out=out), err=True)
        sys.exit(1)
    if check:
        for key, paths in (
            ("build_would_add", result.added),
            ("build_would_change", result.changed),
            ("build_would_remove", result.removed),
        ):
            for path in paths:
                click.echo(tell(key, path=(out / path).as_posix()))
        if result.stale:
            n = len(result.added) + len(result.changed) + len(result.removed)
            click.echo(
                tell("build_out_of_date_one" if n == 1 else "build_out_of_date", out=out, n=n),
                err=True,
            )
            sys.exit(1)
        click.echo(tell("build_checked_up_to_date", out=out, files=result.files), err=True)
        return
    if result.up_to_date:
        click.echo(
            tell("build_up_to_date", out=out, procedures=result.procedures, files=result.files),
            err=True,
        )
        return
    click.echo(
        tell("build_built", procedures=result.procedures, compiled=result.compiled, out=out,
             files=result.files, added=len(result.added), changed=len(result.changed),
             removed=len(result.removed)),
        err=True,
    )


SITES = Path("generated-localities")
"""Where ``--locality`` writes by default: one folder per locality."""


def _outputs(root: Path, out: Path | None, locality: str | None) -> list[tuple[str | None, Path]]:
    """The outputs to build: ``(locality or None, folder)``."""
    if locality is None:
        return [(None, out or Path("generated"))]
    from procgen.model import locality_files

    known = [p.stem for p in locality_files(root)]
    if locality == "all":
        base = out or SITES
        return [(slug, base / slug) for slug in known]
    if locality not in known:
        from procgen.diagnostics import did_you_mean

        raise InputError(tell("build_no_locality", locality=locality,
                              suggestion=did_you_mean(locality, known),
                              known=", ".join(known) or "—"))
    return [(locality, out or SITES / locality)]


def _report_sites(sink: Any, results: list[Any], outputs: list[tuple[str | None, Path]],
                  out: Path, *, fmt: str, check: bool, strict: bool) -> None:
    """``--locality all``: the diagnostics once (every site reads the same input), then what
    would change per site under ``--check``, or one line for them all."""
    sink.extend(results[0].diagnostics if results else ())
    failed = report(sink, fmt, strict)
    if failed or any(r.failed for r in results):
        click.echo(tell("build_failed", out=out), err=True)
        sys.exit(1)
    if check:
        stale = 0
        for result, (_, folder) in zip(results, outputs, strict=True):
            for key, paths in (("build_would_add", result.added),
                               ("build_would_change", result.changed),
                               ("build_would_remove", result.removed)):
                for path in paths:
                    click.echo(tell(key, path=(folder / path).as_posix()))
                    stale += 1
        if stale:
            click.echo(tell("build_out_of_date_one" if stale == 1 else "build_out_of_date",
                            out=out, n=stale), err=True)
            sys.exit(1)
        click.echo(tell("build_checked_up_to_date", out=out,
                        files=sum(r.files for r in results)), err=True)
        return
    click.echo(tell("build_sites_built", sites=len(results), out=out,
                    files=sum(r.files for r in results),
                    compiled=max((r.compiled for r in results), default=0)), err=True)
