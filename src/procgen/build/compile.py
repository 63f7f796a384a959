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
    from procgen.model.localities import Overlays
    from procgen.model.workspace import Workspace
    from procgen.targets import EmitContext, Files, PortalPart, Target

class Shared(Struct):
    """What every procedure of one build reads, loaded once per process."""

    root: Path
    targets: tuple[str, ...]
    version: str
    workspace: Workspace
    diagnostics: tuple[Diagnostic, ...]
    overlays: Overlays = ()
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
    from procgen.model.localities import read_overlays

    quiet = Workspace(root, DiagnosticSink(), _settings=settings)  # check_localities reports
    overlays = read_overlays(quiet, locality_files(root))
    return Shared(root, targets, version, ws, tuple(sink.items), overlays)


_SHARED: Shared | None = None
_TARGETS: dict[str, Target] = {}


def init_process(root: Path, targets: tuple[str, ...], version: str,
                 templates: Path | None = None, *, fresh: bool = False) -> Shared:
    """Set up this process's :class:`Shared`: a worker keeps the one it inherited through
    ``fork``; a build passes ``fresh`` because the shared files may have changed since the
    last build in this process (an overlay edited between two builds)."""
    global _SHARED
    s = _SHARED
    if fresh or s is None or (s.root, s.targets, s.version) != (root, targets, version):
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


class SiteJob(Struct, frozen=True):
    """One output a compiled procedure is emitted into: the national build (``site`` None)
    or a locality's own site, with its cache key, cache folder, committed tree and staging
    folder (None: write nothing, for ``--check``)."""

    site: str | None
    key: str
    cache_folder: str | None
    tree: str
    stage: str | None


def compile_one(name: str, jobs: tuple[SiteJob, ...]) -> list[Compiled]:
    """Validate ``root/name`` once and emit it for every target into each of ``jobs``.

    Files whose bytes another job of this call already staged are hard-linked to that copy
    (locality sites share most of their bytes), falling back to a fresh write.
    """
    from msgspec.structs import replace

    from procgen.build.writer import put
    from procgen.model.compiled import compile_file

    shared = _SHARED
    if shared is None:
        raise CompilerBug("compile_one called before init_process")
    sink = DiagnosticSink()
    ws = shared.fresh_workspace(sink)
    unit = compile_file(ws, shared.root / name, sink)
    compile_diags = tuple(sink.items)
    procedure = unit.procedure
    localities = shared.localities_for(unit.id, unit.fees) if procedure is not None else ()
    staged: dict[str, Path] = {}
    results = []
    alike: tuple[dict[str, bytes], dict[str, PortalPart | None], tuple[Diagnostic, ...]] | None
    alike = None  # what every site shows of a procedure nothing local changes (EmitContext.site)
    for job in jobs:
        job_sink = DiagnosticSink()
        job_sink.extend(compile_diags)
        files: dict[str, bytes] = {}
        parts: dict[str, PortalPart | None] = {}
        compiled = None
        if procedure is not None:
            site = next((x for x in localities if x.id == job.site), None)
            if job.site is not None and site is None:
                raise CompilerBug(f"no locality {job.site} for {name}")
            ctx = replace(shared.context(readonly=job.stage is None),
                          localities=localities, site=site)
            same = site is not None and not ctx.local(procedure).depends
            if same and alike is not None:
                files, parts, said = alike
                job_sink.extend(said)
            else:
                files = emit_procedure(procedure, shared.targets, ctx, job_sink)
                parts = portal_parts(procedure, shared.targets, ctx)
                if same:
                    alike = (files, parts, tuple(job_sink.items)[len(compile_diags):])
            compiled = (str(procedure.id), procedure.revision)
        shas = {p: hashlib.sha256(b).hexdigest() for p, b in sorted(files.items())}
        entry = Entry(job.key, name, compiled, (unit.id, unit.fees), tuple(job_sink.items),
                      shas, parts)
        status = {p: compare(Path(job.tree, p), b) for p, b in sorted(files.items())}
        if job.stage is not None and procedure is not None and not job_sink.has_errors():
            for p, st in status.items():
                if st != "same":
                    target_path = Path(job.stage, p)
                    if not _link(staged.get(shas[p]), target_path):
                        put(Path(job.stage), p, files[p])
                    staged.setdefault(shas[p], target_path)
        result = Compiled(entry, status)
        if job.cache_folder is not None and result.ok:
            Cache(Path(job.cache_folder), Path(os.devnull)).save_entry(entry)
        results.append(result)
    return results


def _link(existing: Path | None, path: Path) -> bool:
    """Hard-link ``path`` to ``existing`` (same bytes); False when that is not possible."""
    if existing is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.link(existing, path)
    except OSError:
        return False
    return True


def _compile_star(args: tuple[str, tuple[SiteJob, ...]]) -> list[Compiled]:
    return compile_one(*args)


def compile_many(
    shared: Shared, work: list[tuple[str, tuple[SiteJob, ...]]], jobs: int
) -> list[list[Compiled]]:
    """Compile each ``(name, site jobs)`` once, in worker processes when that pays; sorted by
    name. Each emitted file is compared with its job's committed tree; added and changed ones
    are written into the job's staging folder."""
    global _SHARED
    _SHARED = shared
    args = sorted(work, key=lambda w: w[0])
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
        return list(pool.map(_compile_star, args, chunksize=chunk))


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


def check_localities(shared: Shared, fees: FeeTable, built: list[str]
                     ) -> tuple[list[Locality], list[Diagnostic]]:
    """Load and check every overlay against the national fee table (as ``load_portal`` does)."""
    from procgen.layout import locality_files
    from procgen.model.localities import load_localities

    sink = DiagnosticSink()
    out = load_localities(shared.fresh_workspace(sink), locality_files(shared.root), fees,
                          missing=built)  # PG405 only for procedures that compiled
    return out, list(sink.items)
