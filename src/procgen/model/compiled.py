"""The one path from a procedure file to what every command needs: its IR and its fee rules.

``validate``, ``build`` (in its workers), ``quote`` and ``diff`` all call :func:`compile_file`,
so they report the same problems and give locality overlays the same national fee table; no
stage decodes a procedure's raw ``fees`` list on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.diagnostics import Span

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Procedure
    from procgen.model.workspace import Workspace


class FeeRule(Struct, frozen=True):
    """What a locality overlay may do with one national fee: set it, within ``range``.

    ``span`` is where the procedure says so (its ``set_by``), for what concerns every overlay
    at once (PG405).
    """

    set_by_locality: bool
    range: tuple[int, int] | None = None
    span: Span | None = None


FeeTable = dict[str, dict[str, FeeRule] | None]
"""procedure id → fee id → its rule; None for a procedure file that could not be read."""


def fee_rules(value: dict[str, Any],
              locate: Callable[[tuple[str | int, ...]], Span] | None = None
              ) -> dict[str, FeeRule]:
    """The fee rules of a schema-checked procedure (even one whose IR has other errors).

    The schema allows only whole numbers in ``range`` (``9.0`` included), within ±(2⁵³ − 1).
    ``locate`` (a document's) gives each locality-set fee the span of its ``set_by``.

    >>> desk = {"id": "desk", "set_by": "locality", "range": {"min": 0, "max": 9.0}}
    >>> rules = fee_rules({"fees": [desk, {"id": "base", "amount": 5}]})
    >>> rules["desk"], rules["base"]
    (FeeRule(set_by_locality=True, range=(0, 9), span=None), \
FeeRule(set_by_locality=False, range=None, span=None))
    """
    out: dict[str, FeeRule] = {}
    for i, f in enumerate(value.get("fees", ())):
        rng = f.get("range")
        local = f.get("set_by") == "locality"
        out[str(f["id"])] = FeeRule(local, (int(rng["min"]), int(rng["max"])) if rng else None,
                                    locate(("fees", i, "set_by")) if local and locate else None)
    return out


class Compiled(Struct, frozen=True):
    """One procedure file, compiled: ``procedure`` is None when the file has errors."""

    id: str
    """The procedure's id (the file's stem when the file could not be read)."""
    procedure: Procedure | None
    fees: dict[str, FeeRule] | None


def compile_file(ws: Workspace, path: Path, sink: DiagnosticSink, *, named: bool = True,
                 build: bool = True) -> Compiled:
    """Load, check and build ``path`` (a procedure file) into its IR and fee rules.

    ``named``: the file's ``id`` must equal its stem (PG301); ``diff`` compiles copies under
    other names and says False. ``build=False`` only reads the fee rules, for the fee table
    of procedures that are not themselves being compiled.
    """
    from procgen.model.builder import build_procedure  # lark and the rest: only to compile

    doc = ws.load(path, "procedure")
    if doc is None:
        return Compiled(path.stem, None, None)
    stem = path.stem if named else str(doc.value["id"])
    procedure = build_procedure(ws, doc, stem, sink) if build else None
    if doc.repaired:  # checked as far as it soundly can be, but never compiled into output
        procedure = None
    return Compiled(str(doc.value["id"]), procedure, fee_rules(doc.value, doc.locate))
