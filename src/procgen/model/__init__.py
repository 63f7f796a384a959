"""Model: turn validated YAML into the frozen IR (:mod:`procgen.model.ir`) every target reads.

The entry points load a whole ``procedures/`` folder (:func:`load_portal`) or the files named
on the command line (:func:`validate_paths`). Both report every problem into a
:class:`~procgen.diagnostics.DiagnosticSink` and build IR only from input that passed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from procgen.diagnostics import DiagnosticSink, Span
from procgen.layout import LOCALITIES, SHARED_FOLDERS, shared_files, yaml_files
from procgen.layout import locality_files as locality_files
from procgen.layout import procedure_files as procedure_files
from procgen.model.compiled import FeeTable, compile_file
from procgen.model.ir import Portal, Procedure
from procgen.model.localities import load_localities as _localities
from procgen.model.localities import report_missing
from procgen.model.workspace import SETTINGS_FILE, Workspace, display_path, kind_of

__all__ = ["Portal", "Procedure", "load_portal", "locality_files", "procedure_files",
           "validate_paths"]


def load_portal(root: Path, sink: DiagnosticSink) -> Portal:
    """Load, check and build every file of one procedures folder.

    The files are those :mod:`procgen.layout` lists, which ``procgen build`` reads too, so
    both report the same problems (an entry that is not a readable file included).
    """
    ws = Workspace(root, sink)
    settings = ws.settings
    procedures, fees = _procedures(ws, procedure_files(root))
    for path in shared_files(root):
        ws.load(path, kind_of(path))
    # PG405 only for procedures that compiled: a broken fee's own error says enough.
    localities = _localities(ws, locality_files(root), fees,
                             missing=[p.id for p in procedures if p])
    return Portal(settings, tuple(p for p in procedures if p), tuple(localities))


def _procedures(ws: Workspace, paths: Iterable[Path]) -> tuple[list[Procedure], FeeTable]:
    procedures: list[Procedure] = []
    fees: FeeTable = {}
    for path in paths:
        compiled = compile_file(ws, path, ws.sink)
        if compiled.fees is None:
            fees.setdefault(compiled.id, None)  # broken: overlays are not checked against it
            continue
        fees[compiled.id] = compiled.fees
        if compiled.procedure is not None:
            procedures.append(compiled.procedure)
    return procedures, fees


def project_root(path: Path, default: Path) -> Path:
    """The procedures folder a file belongs to: the nearest one holding ``procgen.yaml``."""
    for candidate in (path.parent, path.parent.parent):
        if (candidate / SETTINGS_FILE).is_file():
            return candidate
    return default


def validate_paths(paths: Iterable[Path], default_root: Path, sink: DiagnosticSink) -> int:
    """Check files and folders; returns how many files were checked."""
    count = 0
    for path in paths:
        if path.is_dir() and not (path / SETTINGS_FILE).is_file() and (
                path.parent / SETTINGS_FILE).is_file():
            # A folder inside a project (common/, lists/, localities/): check its files.
            for entry in yaml_files(path):
                _validate_file(entry, default_root, sink)
                count += 1
            continue
        if path.is_dir():
            load_portal(path, sink)
            folders = (*SHARED_FOLDERS, LOCALITIES)
            count += len(procedure_files(path)) + 1
            count += sum(len(yaml_files(path / f)) for f in folders)
            continue
        if not os.path.lexists(path):
            sink.emit(
                "PG100",
                Span(display_path(path), 1, 1),
                path=display_path(path),
                reason="no such file or folder",
            )
            continue
        _validate_file(path, default_root, sink)
        count += 1
    return count


def _validate_file(path: Path, default_root: Path, sink: DiagnosticSink) -> None:
    """Check one file (anything but a file, such as a FIFO, is reported as unreadable)."""
    root = project_root(path, default_root)
    ws = Workspace(root, sink)
    _ = ws.settings
    kind = kind_of(path)
    if kind == "procedure":
        built, fees = _procedures(ws, [path])
        # Its locality-set fees across the overlays (PG405, located here), as a whole run says.
        quiet = Workspace(root, DiagnosticSink())
        written = []
        for overlay in locality_files(root):
            doc = quiet.load(overlay, "locality")
            if doc is not None:
                written.append((overlay.stem, doc.value.get("fees") or {}))
        report_missing(written, fees, sink, procedures=[p.id for p in built])
    elif kind == "locality":
        quiet = Workspace(root, DiagnosticSink())
        _, fees = _procedures(quiet, procedure_files(root))
        _localities(ws, [path], fees, missing=())
    elif kind != "settings":
        ws.load(path, kind)
