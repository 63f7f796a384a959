"""``procgen diff``: classify what changed between two versions of the procedures (CLI.md)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from procgen.commands import LANG, InputError, report
from procgen.wording import cli_language, tell


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[OLD NEW | PATH]")
@click.option("--base", "base_rev", metavar="GITREV",
              help="Compare PATH (default: the procedures folder) at this git revision with the "
              "working tree. No checkout: the old files are read with git show.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "sarif"]),
              default="text", show_default=True,
              help="text for terminals, markdown for a pull-request comment, json for tools, "
              "sarif (SARIF 2.1.0) for code scanning.")
@LANG
@click.option("--fail-on", "fail_on",
              type=click.Choice(["breaking", "burden", "score", "any"]),
              help="Exit 1 when a change of this class is present: breaking (API clients), "
              "burden (more for citizens: burden+), score (a procedure's scorecard score "
              "went down, docs/score.md), any (any change at all).")
@click.pass_obj
def diff(obj: dict[str, Any], paths: tuple[Path, ...], base_rev: str | None, fmt: str,
         fail_on: str | None) -> None:
    """Compare OLD and NEW (two procedure files or two procedures folders), or, with --base,
    the procedures at a git revision with the working tree.

    Every change is classified: breaking (for API clients), burden+ / burden- (more or less for
    citizens), editorial (wording only). Input errors on either side are reported as
    diagnostics on standard error and exit 1.

    \b
    Examples:
      procgen diff old/birth-registration.yaml procedures/birth-registration.yaml
      procgen diff --base origin/main --format markdown --lang en
      procgen diff --base HEAD~1 --fail-on breaking
      procgen diff --base HEAD~1 --format sarif --lang en
    """
    from procgen.diagnostics import DiagnosticSink
    from procgen.diff import compare, fails
    from procgen.diff.load import GitError, load_side, materialise
    from procgen.diff.render import render

    sink = DiagnosticSink()
    with tempfile.TemporaryDirectory(prefix="procgen-diff-") as tmp:
        if base_rev is not None:
            if len(paths) > 1:
                raise click.UsageError(tell("diff_cmd_one_path"))
            new_path = paths[0] if paths else obj["procedures"]
            try:
                if new_path.is_file():  # the file with its project (blocks, lists, overlays)
                    old_path = materialise(base_rev, new_path.parent, Path(tmp)) / new_path.name
                else:
                    old_path = materialise(base_rev, new_path, Path(tmp))
            except GitError as e:
                raise InputError(tell("diff_cmd_cannot_read", path=new_path, rev=base_rev,
                                      reason=e)) from None
        elif len(paths) == 2:
            old_path, new_path = paths
            if old_path.is_dir() != new_path.is_dir() and old_path.exists() and new_path.exists():
                raise click.UsageError(tell("diff_cmd_same_kind"))
        else:
            raise click.UsageError(tell("diff_cmd_what"))
        if base_rev is not None and not old_path.exists():  # a procedure new since GITREV
            from procgen.model.ir import Portal
            from procgen.model.workspace import DEFAULT_SETTINGS

            old = Portal(DEFAULT_SETTINGS, ())
        elif base_rev is not None:
            old_sink = DiagnosticSink()
            old = load_side(old_path, old_sink, obj["procedures"])
            sink.extend(_at_revision(old_sink, Path(tmp), base_rev))
        else:
            old = load_side(old_path, sink, obj["procedures"])
        new = load_side(new_path, sink, obj["procedures"])
    if report(sink, "text", False, err=True):
        sys.exit(1)
    lang = cli_language()
    result = compare(old, new, lang)
    if base_rev is not None:  # the old side's places as REV:path, not the temporary copy
        from msgspec.structs import replace

        result = replace(result, changes=tuple(
            replace(c, base_span=_span_at(c.base_span, Path(tmp), base_rev))
            for c in result.changes))
    click.echo(render(result, fmt), nl=False)
    if fails(result, fail_on):
        sys.exit(1)


def _at_revision(sink: Any, tmp: Path, rev: str) -> list[Any]:
    """Diagnostics on the old tree point at ``REV:path``, not at the temporary copy."""
    from msgspec.structs import replace

    return [replace(d, span=_span_at(d.span, tmp, rev)) for d in sink]


def _span_at(span: Any, tmp: Path, rev: str) -> Any:
    """``span`` in the temporary copy of ``rev`` as ``REV:path`` (others as they are)."""
    from msgspec.structs import replace

    from procgen.model.workspace import display_path

    if span is None:
        return None
    for prefix in (str(tmp.resolve()) + "/", display_path(tmp) + "/", str(tmp) + "/"):
        if span.file.startswith(prefix):
            return replace(span, file=f"{rev}:{span.file[len(prefix):]}")
    return span
