"""Compile procedures: validate one file into IR and run every target's ``emit_procedure``
and ``portal_part`` (kept in the cache entry, so the portal files never need the IR again).

Runs in worker processes (``-j N``) as well as in the main process. Each process loads the
shared inputs once (:class:`Shared`: settings, blocks, option lists, all reported into one
shared bucket of diagnostics) and then compiles procedure files independently of each other,
so the result of a file never depends on which worker compiled it or in which order.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from msgspec import Struct

from procgen.build.cache import Cache, Entry
from procgen.build.writer import MANIFEST
from procgen.diagnostics import CompilerBug, Diagnostic, DiagnosticSink

if TYPE_CHECKING:
    from procgen.model.compiled import FeeRule, FeeTable
    from procgen.model.ir import Locality, Procedure, Settings
    from procgen.source import Document as SourceDocument
    from procgen.model.workspace import Workspace
    from procgen.targets import EmitContext, Files, PortalPart, Target

class Shared(Struct):
    """What every procedure of one build reads, loaded once per process."""

    root: Path
    targets: tuple[str, ...]
    version: str
    workspace: Workspace
    diagnostics: tuple[Diagnostic, ...]
    overlays: tuple[tuple[str, SourceDocument], ...] = ()
    """The locality overlays as read (stem, document), for each procedure's own values."""
    templates: Path | None = None
    """The build's folder for what targets keep between processes (:meth:`Cache.templates`)."""

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    def context(self, *, readonly: bool = False) -> EmitContext:
        from procgen.targets import EmitContext

        return EmitContext(self.settings, self.version, readonly, self.templates)

    def localities_for(self, pid: str, rules: dict[str, FeeRule] | None) -> tuple[Locality, ...]:
        """Every overlay read for procedure ``pid`` alone, with the whole-project checks (an
        overlay with errors for it is left out: the build fails on those errors anyway)."""
        from procgen.model.localities import build_locality

        quiet = DiagnosticSink()
        table = {pid: rules}
        return tuple(loc for stem, doc in self.overlays
                     if (loc := build_locality(doc, stem, table, self.settings, quiet,
                                               only=pid)) is not None)

    def fresh_workspace(self, sink: DiagnosticSink) -> Workspace:
        """A workspace for one procedure: the shared files already loaded, a sink of its own."""
        from procgen.model.workspace import Workspace

        ws = self.workspace
        return Workspace(
            ws.root, sink, _docs=dict(ws._docs), _settings=ws.settings, _lists=dict(ws._lists)
        )


def load_shared(root: Path, targets: tuple[str, ...], version: str) -> Shared:
    """Load settings, blocks and lists, and build every list's options once.

    Building the options up front (rather than on first use) keeps the diagnostics of a list
    file in the shared bucket instead of in whichever procedure happened to use it first.
    """
    from procgen.layout import locality_files, shared_files
    from procgen.model.workspace import TextMaker, Workspace, kind_of

    sink = DiagnosticSink()
    ws = Workspace(root, sink)
    settings = ws.settings
    for path in shared_files(root):  # the files load_portal reads, so the same diagnostics
        ws.load(path, kind_of(path))
    text = TextMaker(settings, sink)
    for name in ws.names("lists"):
        ws.options(name, text)
    quiet = Workspace(root, DiagnosticSink(), _settings=settings)  # check_localities reports
    overlays = tuple((path.stem, doc) for path in locality_files(root)
                     if (doc := quiet.load(path, "locality")) is not None)
    return Shared(root, targets, version, ws, tuple(sink.items), overlays)


_SHARED: Shared | None = None
_TARGETS: dict[str, Target] = {}


def init_process(root: Path, targets: tuple[str, ...], version: str,
                 templates: Path | None = None) -> Shared:
    """Set up this process's :class:`Shared` (kept when inherited through ``fork``)."""
    global _SHARED
    s = _SHARED
    if s is None or (s.root, s.targets, s.version) != (root, targets, version):
        _SHARED = s = load_shared(root, targets, version)
    s.templates = templates
    return s


def target(name: str) -> Target:
    if name not in _TARGETS:
        from procgen.targets import get

        _TARGETS[name] = get(name)
    return _TARGETS[name]


def check_path(path: PurePosixPath, who: str) -> str:
    """An emitted path as a manifest key; refuses anything that could escape the output."""
    s = path.as_posix()
    if path.is_absolute() or ".." in path.parts or s in ("", ".", MANIFEST) or "\\" in s:
        raise CompilerBug(f"target {who} emitted a bad path: {s!r}")
    return s


def emit_procedure(
    procedure: Procedure, targets: tuple[str, ...], ctx: EmitContext, sink: DiagnosticSink
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in targets:
        out = target(name).emit_procedure(procedure, ctx, sink)
        _merge(files, out, name)
    return files


def portal_parts(
    procedure: Procedure, targets: tuple[str, ...], ctx: EmitContext
) -> dict[str, PortalPart | None]:
    """Target name → the target's share of the portal files for ``procedure``."""
    return {name: target(name).portal_part(procedure, ctx) for name in targets}


def emit_portal(
    entries: list[Entry],
    localities: tuple[Locality, ...],
    targets: tuple[str, ...],
    ctx: EmitContext,
    sink: DiagnosticSink,
) -> dict[str, bytes]:
    """Every target's portal files, from the parts cached in ``entries`` (in build order).

    A part computed in this build is already its record; one read back from the cache is
    decoded into it (:data:`procgen.targets.PARTS`).
    """
    import msgspec

    from procgen.targets import PARTS, PortalInput

    files: dict[str, bytes] = {}
    for name in targets:
        kind = PARTS[name]
        parts = tuple(None if kind is None else msgspec.convert(e.portal[name], kind)
                      for e in entries)
        portal = PortalInput(localities, parts)
        _merge(files, target(name).emit_portal(portal, ctx, sink), name)
    return files


def _merge(into: dict[str, bytes], out: Files, who: str) -> None:
    for path, data in out.items():
        key = check_path(path, who)
        if key in into:
            raise CompilerBug(f"two outputs at {key} (target {who})")
        if not isinstance(data, bytes):
            raise CompilerBug(f"target {who} emitted {type(data).__name__} for {key}, not bytes")
        into[key] = data


class Compiled(Struct):
    """A worker's answer: the cache entry, and how each emitted file compares with the
    committed tree (``added``, ``changed`` or ``same``). Added and changed files are already
    in the staging folder (unless the build only checks); their bytes never travel back."""

    entry: Entry
    status: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.entry.procedure is not None and not any(
            d.severity == "error" for d in self.entry.diagnostics
        )


def compare(path: Path, data: bytes) -> str:
    """``added``, ``changed`` or ``same``: ``data`` against the file at ``path``.

    Only a regular file can be the same (a link or FIFO put there is replaced, never followed
    or opened), and no more than ``len(data)`` bytes are read.
    """
    import stat

    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return "changed"
        with path.open("rb") as f:
            return "same" if f.read(len(data) + 1) == data else "changed"
    except FileNotFoundError:
        return "added"
    except OSError:
        return "changed"


def compile_one(
    name: str, key: str, cache_folder: str | None, tree: str, stage: str | None
) -> Compiled:
    """Validate ``root/name`` and emit it for every target (in the process's :class:`Shared`)."""
    from procgen.model.compiled import compile_file

    shared = _SHARED
    if shared is None:
        raise CompilerBug("compile_one called before init_process")
    sink = DiagnosticSink()
    ws = shared.fresh_workspace(sink)
    path = shared.root / name
    unit = compile_file(ws, path, sink)
    fees = (unit.id, unit.fees)
    procedure = unit.procedure
    files: dict[str, bytes] = {}
    parts: dict[str, PortalPart | None] = {}
    compiled = None
    if procedure is not None:
        from msgspec.structs import replace

        ctx = replace(shared.context(readonly=stage is None),
                      localities=shared.localities_for(unit.id, unit.fees))
        files = emit_procedure(procedure, shared.targets, ctx, sink)
        parts = portal_parts(procedure, shared.targets, ctx)
        compiled = (str(procedure.id), procedure.revision)
    shas = {p: hashlib.sha256(b).hexdigest() for p, b in sorted(files.items())}
    entry = Entry(key, name, compiled, fees, tuple(sink.items), shas, parts)
    status = {p: compare(Path(tree, p), b) for p, b in sorted(files.items())}
    if stage is not None and procedure is not None and not sink.has_errors():
        from procgen.build.writer import put

        for p, st in status.items():
            if st != "same":
                put(Path(stage), p, files[p])
    result = Compiled(entry, status)
    if cache_folder is not None and result.ok:
        Cache(Path(cache_folder), Path(os.devnull)).save_entry(entry)
    return result


def _compile_star(args: tuple[str, str, str | None, str, str | None]) -> Compiled:
    return compile_one(*args)


def compile_many(
    shared: Shared,
    work: list[tuple[str, str]],
    jobs: int,
    cache_folder: str | None,
    tree: Path,
    stage: Path | None,
) -> list[Compiled]:
    """Compile ``(name, key)`` pairs, in worker processes when that pays; sorted by name.

    Each file is compared with the committed ``tree``; added and changed ones are written into
    ``stage`` (None: write nothing, for ``--check``).
    """
    global _SHARED
    _SHARED = shared
    where = None if stage is None else str(stage)
    args = [(name, key, cache_folder, str(tree), where) for name, key in sorted(work)]
    if jobs <= 1 or len(args) < 4:
        return [_compile_star(a) for a in args]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(args))
    for name in shared.targets:  # imported once here, inherited by forked workers
        target(name)
    chunk = max(1, min(16, len(args) // (workers * 4)))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp,
        initializer=_start_worker,
        initargs=(shared.root, shared.targets, shared.version, shared.templates, os.getpid()),
    ) as pool:
        results = list(pool.map(_compile_star, args, chunksize=chunk))
    return sorted(results, key=lambda c: c.entry.name)


def _start_worker(root: Path, targets: tuple[str, ...], version: str, templates: Path | None,
                  parent: int) -> None:
    """A worker's initializer: die with the build process, then load the shared files."""
    die_with(parent)
    init_process(root, targets, version, templates)


def die_with(parent: int) -> None:
    """End this process when ``parent`` ends, however it ends (``kill -9`` included).

    A worker blocks reading its next task from a pipe it also holds the writing end of (fork),
    so it would never notice that its parent is gone and would live on as an orphan.
    On Linux the kernel sends SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``);
    elsewhere a daemon thread checks the parent's pid twice a second.
    """
    import signal

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # died before the signal was armed
                os._exit(1)
            return
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="procgen-parent-watch", daemon=True).start()


def check_localities(shared: Shared, fees: FeeTable) -> tuple[list[Locality], list[Diagnostic]]:
    """Load and check every overlay against the national fee table (as ``load_portal`` does)."""
    from procgen.layout import locality_files
    from procgen.model.localities import load_localities

    sink = DiagnosticSink()
    out = load_localities(shared.fresh_workspace(sink), locality_files(shared.root), fees)
    return out, list(sink.items)
