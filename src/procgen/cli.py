"""The ``procgen`` command: thin click commands that call one library function each.

Commands parse options, call the library, render diagnostics and exit. Heavy imports happen
inside command bodies so ``procgen --help`` and ``procgen validate`` start fast. Exit codes
(CLI.md): 0 success, 1 input errors, 2 usage errors (click's), 3 internal failure.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink

BUG_URL = "https://github.com/procgen/procgen/issues"


class InputError(click.ClickException):
    """The input has errors: exit 1 with a one-line message."""

    exit_code = 1


def _report(
    sink: DiagnosticSink, fmt: str, strict: bool, *, summary: str | None = None, err: bool = False
) -> bool:
    """Print diagnostics; True when the run must fail (errors, or warnings under --strict)."""
    from procgen.diagnostics import promote_warnings
    from procgen.diagnostics.codes import CODES
    from procgen.diagnostics.render import render
    from procgen.wording import tell

    # Each once; a strict-only code (placeholders to clear before publishing) only if asked.
    shown = [d for d in sink if strict or not CODES[d.code].strict_only]
    items = list(dict.fromkeys(promote_warnings(shown) if strict else shown))
    if items or fmt == "json":  # JSON always prints an array, [] when all is well
        stream = sys.stderr if err else sys.stdout
        color = fmt == "text" and stream.isatty()
        words = {"error": tell("diag_error"), "warning": tell("diag_warning"),
                 "note": tell("diag_note"), "help": tell("diag_help")}
        click.echo(render(items, fmt, color=color, words=words), err=err)  # type: ignore[arg-type]
    errors = sum(1 for d in items if d.severity == "error")
    warnings = len(items) - errors
    if summary is not None and fmt == "text":
        if items:
            tally = tell("diag_tally",
                         errors=tell("diag_errors_one" if errors == 1 else "diag_errors",
                                     n=errors),
                         warnings=tell("diag_warnings_one" if warnings == 1 else "diag_warnings",
                                       n=warnings))
            click.echo(tell("diag_summary", summary=summary, tally=tally), err=True)
        else:
            click.echo(tell("diag_summary_ok", summary=summary), err=True)
    return errors > 0


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How to print diagnostics.",
)
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


class LazyGroup(click.Group):
    """Commands that live in their own modules (``procgen.commands.*``), imported when run."""

    lazy: ClassVar[dict[str, str]] = {
        "build": "procgen.commands.build:build",
        "diff": "procgen.commands.diff:diff",
        "locality": "procgen.commands.locality:locality",
        "quote": "procgen.commands.quote:quote",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._importable()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name in self._importable():
            from importlib import import_module

            module, _, attr = self.lazy[name].partition(":")
            command: click.Command = getattr(import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def _importable(self) -> list[str]:
        from importlib.util import find_spec

        return [n for n, target in self.lazy.items() if find_spec(target.partition(":")[0])]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="procgen")
@click.option(
    "--procedures",
    "procedures_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("procedures"),
    show_default=True,
    help="The folder holding procgen.yaml, the procedures, common/, lists/, localities/.",
)
@click.pass_context
def cli(ctx: click.Context, procedures_dir: Path) -> None:
    """Compile public-service procedures, written once in YAML, into web forms, OpenAPI 3.1
    specs and mobile screen definitions.

    \b
    Example:
      procgen new birth-registration      # a commented starter
      procgen validate --strict           # check everything under procedures/
      procgen build                       # write generated/
    """
    ctx.obj = {"procedures": procedures_dir}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
@STRICT
@click.pass_obj
def validate(obj: dict[str, Any], paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check procedure files or folders (default: the procedures folder).

    Checks YAML, the schema, references, expressions and locality overlays, and reports every
    problem as PATH:LINE:COL: severity[CODE]: message.

    \b
    Example:
      procgen validate procedures/birth-registration.yaml --strict
    """
    from procgen.diagnostics import DiagnosticSink
    from procgen.model import validate_paths

    sink = DiagnosticSink()
    targets = list(paths) or [obj["procedures"]]
    count = validate_paths(targets, obj["procedures"], sink)
    from procgen.wording import tell

    checked = tell("validate_checked_one" if count == 1 else "validate_checked", n=count)
    if _report(sink, fmt, strict, summary=checked):
        sys.exit(1)


@cli.command()
@click.argument("procedure_id")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
def new(obj: dict[str, Any], procedure_id: str, force: bool) -> None:
    """Write a commented starter procedures/ID.yaml that validates.

    \b
    Example:
      procgen new marriage-registration
    """
    from procgen.starter import write_starter

    root: Path = obj["procedures"]
    try:
        written = write_starter(root, procedure_id, force=force)
    except ValueError as e:
        raise InputError(str(e)) from None
    for path in written:
        click.echo(f"wrote {path}")


def main() -> None:
    """Console entry point: any internal failure becomes one line and exit 3.

    The process is short-lived and its objects (modules, classes, the IR) live until it ends,
    with almost no cyclic garbage, so the cyclic collector only costs time: collect rarely
    (mypy uses the same threshold), and freeze everything before leaving, so the collections
    the interpreter runs while shutting down do not walk every object again. Together they
    save about a fifth of a one-procedure build (docs/performance.md).
    """
    gc.set_threshold(200_000, 30, 30)
    try:
        cli.main(prog_name="procgen", standalone_mode=True)
    except SystemExit:
        gc.freeze()
        raise
    except KeyboardInterrupt:
        click.echo("procgen: interrupted", err=True)
        sys.exit(130)
    except BaseException as e:
        where = ""
        tb = e.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
        click.echo(
            f"procgen: internal error ({type(e).__name__}: {e}{where}); this is a bug in "
            f"procgen, please report it at {BUG_URL} with the command you ran",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
