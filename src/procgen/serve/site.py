"""What the server serves, compiled in memory from a procedures folder: the portal (the IR the
API reads) and the web target's files (the forms the preview shows).

Both come from one compile of each file — the build's own steps (:mod:`procgen.build.compile`:
the shared inputs loaded once, each procedure compiled by ``compile_file`` and emitted by the
web target) — so the form the author sees and the API that judges its submission read the
same :class:`~procgen.model.ir.Procedure`. Nothing is written to disk.

:meth:`Site.reload` recompiles only what an edit touched: a procedure file alone when only
procedure files changed (tens of milliseconds), everything when a shared file did (settings,
blocks, option lists, overlays). Each compile makes a new :class:`Snapshot`, swapped in whole,
so a request never sees half of a reload.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from procgen.diagnostics import Diagnostic, DiagnosticSink

if TYPE_CHECKING:
    from procgen.build.compile import Shared
    from procgen.model.compiled import FeeRule
    from procgen.model.ir import Locality, Portal, Procedure

__all__ = ["Site", "Snapshot"]


class Unit(Struct, frozen=True):
    """One procedure file, compiled."""

    file: str
    """Its name in the procedures folder (``birth-registration.yaml``)."""
    id: str
    procedure: Procedure | None
    """None when it has errors."""
    fees: dict[str, FeeRule] | None
    diagnostics: tuple[Diagnostic, ...]
    files: dict[str, bytes]
    """Its web pages (``web/vi/<id>.html``…), empty when it has errors."""


class Snapshot(Struct, frozen=True):
    """One consistent state of the project."""

    portal: Portal
    units: dict[str, Unit]
    """By file name, in folder order."""
    shared: tuple[Diagnostic, ...]
    """What the shared files and the overlays reported."""
    files: dict[str, bytes]
    """Every web file: each procedure's pages and the shared assets."""
    generation: int

    @property
    def broken(self) -> dict[str, tuple[Diagnostic, ...]]:
        """File name → its errors, for each file that does not compile."""
        out = {u.file: tuple(d for d in u.diagnostics if d.severity == "error")
               for u in self.units.values() if u.procedure is None}
        shared = tuple(d for d in self.shared if d.severity == "error")
        if shared:
            out[""] = shared
        return out

    def unit_of(self, pid: str) -> Unit | None:
        return next((u for u in self.units.values() if u.id == pid), None)


class Site:
    """A procedures folder, compiled; :attr:`snapshot` is the current state."""

    def __init__(self, root: Path, *, locality: str | None = None, web: bool = True) -> None:
        self.root = root.resolve()
        self.locality = locality
        self.web = web
        self._lock = threading.Lock()
        self._shared: Shared | None = None
        self.snapshot = self._compile_all(0)

    # --- compiling ------------------------------------------------------------------------

    def _load_shared(self) -> Shared:
        import procgen
        from procgen.build.compile import init_process

        return init_process(self.root, ("web",), procgen.__version__, fresh=True)

    def _compile_all(self, generation: int) -> Snapshot:
        from procgen.layout import procedure_files

        shared = self._shared = self._load_shared()
        units = {p.name: self._unit(shared, p) for p in procedure_files(self.root)}
        return self._snapshot(shared, units, generation)

    def _unit(self, shared: Shared, path: Path) -> Unit:
        from procgen.model.compiled import compile_file

        sink = DiagnosticSink()
        compiled = compile_file(shared.fresh_workspace(sink), path, sink)
        files: dict[str, bytes] = {}
        if compiled.procedure is not None and self.web:
            files = self._emit(shared, compiled.procedure, compiled.fees, sink)
        return Unit(path.name, compiled.id, compiled.procedure, compiled.fees,
                    tuple(sink.items), files)

    def _emit(self, shared: Shared, procedure: Procedure, fees: dict[str, FeeRule] | None,
              sink: DiagnosticSink) -> dict[str, bytes]:
        from msgspec.structs import replace

        from procgen.build.compile import emit_procedure

        localities = shared.localities_for(procedure.id, fees)
        site = next((x for x in localities if x.id == self.locality), None)
        ctx = replace(shared.context(readonly=True), localities=localities, site=site)
        return emit_procedure(procedure, ("web",), ctx, sink)

    def _snapshot(self, shared: Shared, units: dict[str, Unit], generation: int) -> Snapshot:
        from procgen.build.compile import target
        from procgen.layout import locality_files
        from procgen.model.ir import Portal
        from procgen.model.localities import load_localities
        from procgen.targets import PortalInput

        sink = DiagnosticSink()
        sink.extend(shared.diagnostics)
        ws = shared.fresh_workspace(sink)
        fees = {u.id: u.fees for u in units.values()}
        procedures = tuple(u.procedure for u in units.values() if u.procedure is not None)
        localities: tuple[Locality, ...] = tuple(load_localities(
            ws, locality_files(self.root), fees, missing=[p.id for p in procedures]))
        if self.locality is not None and all(x.id != self.locality for x in localities):
            from procgen.diagnostics import did_you_mean
            from procgen.wording import tell

            raise LookupError(tell("serve_no_locality", locality=self.locality,
                                   suggestion=did_you_mean(self.locality,
                                                           [x.id for x in localities])))
        portal = Portal(shared.settings, procedures, localities)
        files: dict[str, bytes] = {}
        if self.web:
            web = target("web")
            out = web.emit_portal(PortalInput(localities, tuple(None for _ in procedures)),
                                  shared.context(readonly=True), sink)
            files.update({str(path): data for path, data in out.items()})
            for u in units.values():
                files.update(u.files)
        return Snapshot(portal, units, tuple(sink.items), files, generation)

    def reload(self, changed: Iterable[Path]) -> set[str]:
        """Recompile after ``changed`` files were saved; the ids of the procedures whose
        output may have changed (every one, when a shared file changed)."""
        with self._lock:
            old = self.snapshot
            paths = [Path(p).resolve() for p in changed]
            procedure_paths = [p for p in paths if p.parent == self.root
                               and p.suffix in (".yaml", ".yml") and p.name != "procgen.yaml"]
            if self._shared is None or len(procedure_paths) != len(paths):
                new = self._compile_all(old.generation + 1)
                self.snapshot = new
                return {u.id for u in new.units.values()} | {u.id for u in old.units.values()}
            units = dict(old.units)
            touched = set()
            for path in procedure_paths:
                before = units.pop(path.name, None)
                if before is not None:
                    touched.add(before.id)
                if path.is_file():
                    unit = self._unit(self._shared, path)
                    units[path.name] = unit
                    touched.add(unit.id)
            units = dict(sorted(units.items()))
            self.snapshot = self._snapshot(self._shared, units, old.generation + 1)
            return touched
