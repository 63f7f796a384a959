"""``procgen build``: compile every procedure into the output folder (see docs/build.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from procgen.commands import FORMAT, STRICT, InputError, report


def _targets(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from procgen.targets import available, names

    for name in value:
        if name not in names():
            from procgen.diagnostics import did_you_mean

            raise click.BadParameter(
                f"unknown target '{name}'{did_you_mean(name, names())} "
                f"(known: {', '.join(names())})",
                ctx,
                param,
            )
        if name not in available():
            raise click.BadParameter(f"target '{name}' is not installed", ctx, param)
    return value


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="The output folder; replaced as a whole, atomically. Only a folder that is absent, "
    "empty or an earlier procgen output is replaced (docs/build.md).",
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
@FORMAT
@STRICT
@click.pass_obj
def build(
    obj: dict[str, Any],
    out: Path,
    targets: tuple[str, ...],
    check: bool,
    jobs: int | None,
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
    """
    from procgen.build import OutputRefused
    from procgen.build import build as run
    from procgen.diagnostics import DiagnosticSink, Span

    root: Path = obj["procedures"]
    if not root.is_dir():
        raise InputError(f"no procedures folder at {root} (use --procedures DIR)")
    sink = DiagnosticSink()
    try:
        result = run(root, out, targets=targets or None, jobs=jobs, check=check, strict=strict)
    except OutputRefused as e:  # located at the folder, as given: a one-line PG109
        where = str(out)
        sink.emit("PG109", Span(where, 1, 1), path=where, reason=e.reason)
        report(sink, fmt, strict)
        click.echo(f"build failed: nothing written to {out}", err=True)
        sys.exit(1)
    sink.extend(result.diagnostics)
    failed = report(sink, fmt, strict)
    if failed or result.failed:
        click.echo(f"build failed: nothing written to {out}", err=True)
        sys.exit(1)
    if check:
        for kind, paths in (
            ("add", result.added),
            ("change", result.changed),
            ("remove", result.removed),
        ):
            for path in paths:
                click.echo(f"{kind} {(out / path).as_posix()}")
        if result.stale:
            n = len(result.added) + len(result.changed) + len(result.removed)
            click.echo(
                f"{out} is out of date: {n} file{'s' * (n != 1)} would change; run 'procgen build'",
                err=True,
            )
            sys.exit(1)
        click.echo(f"{out} is up to date ({result.files} files)", err=True)
        return
    if result.up_to_date:
        click.echo(
            f"{out} is up to date ({result.procedures} procedures, {result.files} files)", err=True
        )
        return
    click.echo(
        f"built {result.procedures} procedures ({result.compiled} compiled) into {out}: "
        f"{result.files} files, {len(result.added)} added, {len(result.changed)} changed, "
        f"{len(result.removed)} removed",
        err=True,
    )
