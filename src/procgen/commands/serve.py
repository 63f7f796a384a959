"""``procgen serve``: the live preview and the reference server of the generated API
(:mod:`procgen.serve`, docs/serve.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from procgen.commands import InputError, report
from procgen.wording import tell


@click.command()
@click.option("--watch", is_flag=True, help="Recompile a procedure when its file is saved and "
              "reload the open page.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (the default is this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--locality", metavar="SLUG", help="Serve that locality's own site (its fees "
              "and offices resolved), as `build --locality` writes it.")
@click.option("--api", "api_only", is_flag=True, help="The API alone, no preview pages: a "
              "locality's back end.")
@click.option("--database", metavar="URL", help="postgresql://… (psycopg 3), or a SQLite "
              "file (default: serve.sqlite3 in --data).")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              default=Path(".procgen-serve"), show_default=True,
              help="The folder for the SQLite database, the uploaded files and the secret.")
@click.pass_obj
def serve(obj: dict[str, Any], watch: bool, host: str, port: int, locality: str | None,
          api_only: bool, database: str | None, data: Path) -> None:
    """Serve the procedures: the forms as a live preview, and the generated API.

    Every operation of generated/openapi/portal.yaml is answered as the spec says:
    applications are checked with the same rules as the forms and stored (SQLite, or
    PostgreSQL with --database); drafts can be saved and resumed.

    \b
    For example (each runs until Ctrl+C):
      procgen serve --watch                  # http://127.0.0.1:8000/
      procgen serve --api --database postgresql://procgen@localhost/portal
    """
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError as missing:
        raise InputError(tell("serve_needs_extra", missing=missing.name)) from None
    from procgen.serve import build_app, run

    try:
        app, site = build_app(obj["procedures"], data, database=database, locality=locality,
                              preview=not api_only, watching=watch and not api_only)
    except LookupError as error:
        raise InputError(str(error).strip("'\"")) from None
    except Exception as error:
        if type(error).__module__.startswith(("psycopg", "sqlite3")):
            raise InputError(tell("serve_database_failed", database=database or data,
                                  reason=str(error).strip())) from None
        raise
    broken = site.snapshot.broken
    if broken:
        from procgen.diagnostics import DiagnosticSink

        sink = DiagnosticSink()
        for items in broken.values():
            sink.extend(items)
        report(sink, "text", False, err=True)
        click.echo(tell("serve_broken_start", n=len(broken)), err=True)
    what = tell("serve_what_api" if api_only else "serve_what_preview")
    click.echo(tell("serve_listening", what=what, url=f"http://{host}:{port}/"), err=True)
    run(app, host, port)
