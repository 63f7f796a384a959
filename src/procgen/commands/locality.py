"""``procgen locality``: change every locality overlay at once, keeping comments and layout.

Staff add a fee a procedure newly leaves to the provinces, a placeholder while its amounts are
not known, or an office, to all 34 overlays (or ``--only`` some) in one command instead of 34
hand edits. Files are edited with ruamel.yaml's round trip, which keeps every comment, key
order, quote and flow mapping as written; only the added lines differ. Everything is checked
first (the procedure, that its fee is ``set_by: locality``, the range) and the new text of
every overlay is re-read before any file is replaced, so a refused change writes nothing, and
each file is replaced atomically.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from procgen.commands import LANG, InputError
from procgen.wording import tell

if TYPE_CHECKING:
    from ruamel.yaml import YAML


@click.group()
@LANG
def locality() -> None:
    """Add a fee, a placeholder or an office to every locality overlay at once.

    \b
    Examples:
      procgen locality set-fee land-change-registration registration-fee 28000 --placeholder
      procgen locality set-fee birth-registration late-registration-fee 8000 \\
          --only ha-noi --source "Nghị quyết 07/2023/NQ-HĐND" --replace
      procgen locality add-office --name-vi "Bộ phận một cửa" --name-en "One-stop desk" \\
          --procedure land-change-registration --placeholder
    """


ONLY = click.option("--only", "only", multiple=True, metavar="SLUG",
                    help="Change only this overlay (repeatable; default: every overlay).")


@locality.command("set-fee")
@click.argument("procedure_id")
@click.argument("fee_id")
@click.argument("amount", type=click.IntRange(min=0, max=2**53 - 1))
@click.option("--placeholder", is_flag=True,
              help="The amount is not confirmed yet: citizens see it as to be confirmed.")
@click.option("--source", "act", help="The act that sets the amount (e.g. the resolution).")
@click.option("--url", help="Where the act is published (http or https).")
@click.option("--replace", is_flag=True,
              help="Also change overlays that already set this fee (default: leave them).")
@ONLY
@click.pass_obj
def set_fee(obj: dict[str, Any], procedure_id: str, fee_id: str, amount: int,
            placeholder: bool, act: str | None, url: str | None, replace: bool,
            only: tuple[str, ...]) -> None:
    """Set fee FEE_ID of PROCEDURE_ID to AMOUNT (whole VND) in the overlays."""
    from ruamel.yaml.comments import CommentedMap

    root: Path = obj["procedures"]
    rule = _fee_rule(root, procedure_id, fee_id)
    if rule.range and not rule.range[0] <= amount <= rule.range[1]:
        raise InputError(tell("locality_out_of_range", amount=amount, fee=fee_id,
                              low=rule.range[0], high=rule.range[1]))
    if url is not None and not url.startswith(("http://", "https://")):
        raise click.BadParameter(tell("locality_bad_url", url=url), param_hint="--url")
    value: Any = amount
    if placeholder or act or url:
        value = CommentedMap()
        value["amount"] = amount
        if placeholder:
            value["placeholder"] = True
        if act or url:
            value["source"] = {"act": act, "url": url} if url else act
            if url and not act:
                value["source"] = {"url": url}
        value.fa.set_flow_style()

    def change(doc: Any) -> bool:
        fees = doc.setdefault("fees", CommentedMap())
        table = fees.get(procedure_id)
        if table is None:
            table = fees[procedure_id] = CommentedMap()
        if fee_id in table and not replace:
            return False
        table[fee_id] = value
        return True

    _apply(root, only, change)


@locality.command("add-office")
@click.option("--name-vi", required=True, help="The office's name in Vietnamese.")
@click.option("--name-en", required=True, help="Its name in English.")
@click.option("--address", help="Its street address.")
@click.option("--phone", help="Its phone number.")
@click.option("--hours-vi", help="Its opening hours, in Vietnamese.")
@click.option("--hours-en", help="Its opening hours, in English.")
@click.option("--map", "map_url", help="A map link to it (http or https).")
@click.option("--procedure", "procedures", multiple=True,
              help="A procedure it receives (repeatable; default: every procedure).")
@click.option("--level", type=click.Choice(["central", "province", "commune"]),
              help="It receives the procedures of this level only.")
@click.option("--placeholder", is_flag=True, help="Its address and hours are not confirmed.")
@ONLY
@click.pass_obj
def add_office(obj: dict[str, Any], name_vi: str, name_en: str, address: str | None,
               phone: str | None, hours_vi: str | None, hours_en: str | None,
               map_url: str | None, procedures: tuple[str, ...], level: str | None,
               placeholder: bool, only: tuple[str, ...]) -> None:
    """Add an office to the overlays (one that already lists it by name is left alone)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    root: Path = obj["procedures"]
    if map_url is not None and not map_url.startswith(("http://", "https://")):
        raise click.BadParameter(tell("locality_bad_url", url=map_url), param_hint="--map")
    known = _procedure_ids(root)
    for pid in procedures:
        if pid not in known:
            from procgen.diagnostics import did_you_mean

            raise InputError(tell("quote_no_procedure", procedure=pid, folder=root,
                                  suggestion=did_you_mean(pid, known)))

    def office() -> CommentedMap:
        o = CommentedMap()
        name = CommentedMap([("vi", name_vi), ("en", name_en)])
        name.fa.set_flow_style()
        o["name"] = name
        for key, given in (("address", address), ("phone", phone)):
            if given:
                o[key] = given
        if hours_vi or hours_en:
            hours = CommentedMap((k, v) for k, v in (("vi", hours_vi), ("en", hours_en)) if v)
            hours.fa.set_flow_style()
            o["hours"] = hours
        if map_url:
            o["map"] = map_url
        if placeholder:
            o["placeholder"] = True
        if level:
            o["level"] = level
        if procedures:
            listed = CommentedSeq(procedures)
            listed.fa.set_flow_style()
            o["procedures"] = listed
        return o

    def change(doc: Any) -> bool:
        offices = doc.get("offices")
        if offices is None:
            offices = doc["offices"] = CommentedSeq()
        names = {str((o.get("name") or {}).get("vi", "")) if isinstance(o.get("name"), dict)
                 else str(o.get("name")) for o in offices}
        if name_vi in names:
            return False
        offices.append(office())
        return True

    _apply(root, only, change)


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    y = YAML()  # round trip: comments, order, quotes and flow style kept
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line
    y.indent(mapping=2, sequence=4, offset=2)  # the overlays' own layout
    return y


def _apply(root: Path, only: tuple[str, ...], change: Any) -> None:
    """Run ``change`` on each chosen overlay; write the changed ones, or nothing at all."""
    from procgen.diagnostics import DiagnosticSink, did_you_mean
    from procgen.model import locality_files
    from procgen.model.localities import check_texts

    paths = {p.stem: p for p in locality_files(root)}
    for slug in only:
        if slug not in paths:
            raise InputError(tell("quote_no_locality", locality=slug,
                                  suggestion=did_you_mean(slug, paths)))
    chosen = [paths[s] for s in sorted(set(only))] if only else list(paths.values())
    _readable(root, chosen)
    y = _yaml()
    new: dict[Path, str] = {}
    skipped: list[str] = []
    for path in chosen:
        text = path.read_text("utf-8")  # _readable has read it through layout
        doc = y.load(text)
        if not change(doc):
            skipped.append(path.stem)
            continue
        out = io.StringIO()
        y.dump(doc, out)
        new[path] = out.getvalue()
    sink = DiagnosticSink()
    check_texts(root, new, sink)
    if sink.has_errors():
        from procgen.commands import report

        report(sink, "text", False, err=True)
        raise InputError(tell("locality_refused"))
    for path, text in new.items():
        _replace(path, text)
        click.echo(tell("locality_changed", path=path))
    if skipped:
        click.echo(tell("locality_skipped", n=len(skipped), slugs=", ".join(skipped)), err=True)


def _readable(root: Path, paths: list[Path]) -> None:
    """Refuse, with their located errors, overlays procgen itself cannot read as they are (a
    YAML error, a duplicate key, a schema error): they are fixed by hand first."""
    from procgen.commands import report
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.workspace import Workspace

    sink = DiagnosticSink()
    ws = Workspace(root, sink)
    for path in paths:
        ws.load(path, "locality")
    if sink.has_errors():
        report(sink, "text", False, err=True)
        raise InputError(tell("locality_refused_as_is"))


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file beside it, then a rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        Path(tmp).chmod(path.stat().st_mode & 0o7777)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _procedure_ids(root: Path) -> list[str]:
    from procgen.model import procedure_files

    return [p.stem for p in procedure_files(root)]


def _fee_rule(root: Path, procedure_id: str, fee_id: str) -> Any:
    """The national rule of the fee (it must exist and be ``set_by: locality``)."""
    from procgen.diagnostics import DiagnosticSink, did_you_mean
    from procgen.model.compiled import compile_file
    from procgen.model.workspace import Workspace

    path = root / f"{procedure_id}.yaml"
    known = _procedure_ids(root)
    if procedure_id not in known:
        raise InputError(tell("quote_no_procedure", procedure=procedure_id, folder=root,
                              suggestion=did_you_mean(procedure_id, known)))
    unit = compile_file(Workspace(root, DiagnosticSink()), path, DiagnosticSink(), build=False)
    rules = unit.fees or {}
    rule = rules.get(fee_id)
    if rule is None:
        raise InputError(tell("locality_no_fee", procedure=procedure_id, fee=fee_id,
                              suggestion=did_you_mean(fee_id, rules)))
    if not rule.set_by_locality:
        raise InputError(tell("locality_fee_national", procedure=procedure_id, fee=fee_id))
    return rule
