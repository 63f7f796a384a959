"""``procgen build``: compile every procedure into the output folder (see docs/build.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from procgen.commands import FORMAT, STRICT, InputError, report
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
        raise InputError(tell("build_no_procedures", root=root))
    sink = DiagnosticSink()
    try:
        result = run(root, out, targets=targets or None, jobs=jobs, check=check, strict=strict)
    except OutputRefused as e:  # located at the folder, as given: a one-line PG109
        where = str(out)
        sink.emit("PG109", Span(where, 1, 1), path=where, reason=e.reason)
        report(sink, fmt, strict)
        click.echo(tell("build_failed", out=out), err=True)
        sys.exit(1)
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
