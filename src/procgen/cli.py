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
    """Print diagnostics; True when the run must fail (errors, or warnings under --strict).

    The streams (docs/diagnostics.md): standard output carries the items, one per line, for
    tools and pipes — each diagnostic (with its indented notes and help) in the chosen format;
    standard error carries the one line about the run as a whole, for people (the summary, and
    the commands' "build failed", "up to date"). ``err``: the diagnostics go to standard error
    too, for a command whose standard output is its product (``quote``'s JSON).
    """
    from procgen.diagnostics import promote_warnings
    from procgen.diagnostics.codes import CODES
    from procgen.diagnostics.render import render
    from procgen.wording import cli_language, tell

    # Each once; a strict-only code (placeholders to clear before publishing) only if asked.
    shown = [d for d in sink if strict or not CODES[d.code].strict_only]
    items = list(dict.fromkeys(promote_warnings(shown) if strict else shown))
    lang = cli_language()
    if items or fmt in ("json", "sarif"):  # JSON always prints an array, [] when all is well
        stream = sys.stderr if err else sys.stdout
        color = fmt == "text" and stream.isatty()
        words = {"error": tell("diag_error"), "warning": tell("diag_warning"),
                 "note": tell("diag_note"), "help": tell("diag_help")}
        click.echo(render(items, fmt, color=color, words=words, lang=lang),  # type: ignore[arg-type]
                   err=err)
    errors = sum(1 for d in items if d.severity == "error")
    warnings = len(items) - errors
    if fmt == "text":
        for file, _stage in sink.skipped:
            click.echo(tell("diag_skipped", file=file), err=True)
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


def project_language(procedures: Path) -> str | None:
    """The project's ``default_language``, read from ``procgen.yaml`` without loading the
    project (a broken settings file is reported by the command itself; here it says nothing).
    """
    import yaml

    from procgen.wording import LANGUAGES

    path = procedures / "procgen.yaml"
    try:
        if not path.is_file() or path.stat().st_size > 65_536:
            return None
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, ValueError):
        return None
    lang = data.get("default_language") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else None


def choose_language(given: str | None, procedures: Path) -> str:
    """The language of this run: ``--lang``, then ``PROCGEN_LANG``, then the project's
    ``default_language``, then English; an unknown ``PROCGEN_LANG`` is a usage error."""
    import os

    from procgen.wording import LANGUAGES, set_cli_language

    env = os.environ.get("PROCGEN_LANG", "").strip()
    if given is None and env and env not in LANGUAGES:
        raise click.UsageError(
            f"PROCGEN_LANG={env!r}: procgen speaks {' and '.join(LANGUAGES)} "
            f"(PROCGEN_LANG={env!r}: procgen nói {' và '.join(LANGUAGES)})")
    lang = given or env or project_language(procedures) or "en"
    set_cli_language(lang)
    return lang


def _lang_callback(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """Choose the language as soon as ``--lang`` is parsed (the other options' errors, which
    click words, follow it; procgen's own words all come later)."""
    root = ctx.find_root().obj or {}
    return choose_language(value, root.get("procedures", Path("procedures")))


LANG = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    callback=_lang_callback,
    expose_value=False,
    is_eager=False,
    help="The language procgen speaks [default: PROCGEN_LANG, else the project's "
    "default_language].",
)

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="How to print diagnostics.",
)
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


class LazyGroup(click.Group):
    """Commands that live in their own modules (``procgen.commands.*``), imported when run."""

    lazy: ClassVar[dict[str, str]] = {
        "assistant": "procgen.commands.assistant:assistant",
        "build": "procgen.commands.build:build",
        "diff": "procgen.commands.diff:diff",
        "locality": "procgen.commands.locality:locality",
        "quote": "procgen.commands.quote:quote",
        "score": "procgen.commands.score:score",
        "serve": "procgen.commands.serve:serve",
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
      procgen new household-business-registration  # a commented starter
      procgen validate --strict                    # check everything under procedures/
      procgen build                                # write generated/
    """
    ctx.obj = {"procedures": procedures_dir}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
@STRICT
@LANG
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
@LANG
@click.pass_obj
def new(obj: dict[str, Any], procedure_id: str, force: bool) -> None:
    """Write a commented starter procedures/ID.yaml that validates.

    \b
    Example:
      procgen new household-business-registration
    """
    from procgen.starter import write_starter

    root: Path = obj["procedures"]
    try:
        written = write_starter(root, procedure_id, force=force)
    except ValueError as e:
        raise InputError(str(e)) from None
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("code")
@LANG
def explain(code: str) -> None:
    """Explain a diagnostic code: what it means, an example that triggers it, how to fix it.

    CODE is a code such as PG102 (any case) or its name, such as yaml-syntax.

    \b
    Example:
      procgen explain PG102 --lang vi
    """
    from procgen.diagnostics import did_you_mean
    from procgen.diagnostics.codes import CODES
    from procgen.wording import cli_language, tell

    wanted = code.strip()
    by_slug = {c.slug: c for c in CODES.values()}
    entry = CODES.get(wanted.upper()) or by_slug.get(wanted.lower())
    if entry is None:
        raise InputError(tell("explain_unknown", code=wanted, last=max(CODES),
                              suggestion=did_you_mean(wanted.upper(), [*CODES, *by_slug])))
    words = entry.worded(cli_language())
    severity = tell(f"explain_severity_{entry.severity}")
    if entry.strict_only:
        severity += f", {tell('explain_strict_only')}"
    example = "\n".join(f"    {line}" for line in entry.bad.splitlines())
    click.echo(f"{entry.code} {entry.slug} ({severity})\n\n{words.summary}\n\n"
               f"{tell('explain_message')}: {words.template}\n\n"
               f"{tell('explain_example')}:\n\n{example}\n\n"
               f"{tell('explain_fix')}: {words.fix}")


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
