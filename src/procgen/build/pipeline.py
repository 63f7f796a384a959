"""Plan and run one build: hash inputs, reuse what the cache proves unchanged, compile the
rest (in parallel), check, and hand one complete tree to the writer.

The order of work is fixed so the output never depends on timing: procedure files are compiled
independently and merged by name; every file set is sorted by path before it is hashed,
compared or written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct, field

from procgen.build import writer
from procgen.build.cache import (
    Cache,
    Entry,
    Stat,
    State,
    diagnostics_from_json,
    diagnostics_to_json,
)
from procgen.build.inputs import Keys, compiler_key, file_sha, keys, scan
from procgen.diagnostics import CompilerBug

if TYPE_CHECKING:
    from collections.abc import Sequence

    from procgen.build.compile import Shared
    from procgen.diagnostics import Diagnostic
    from procgen.model.compiled import FeeTable

from procgen.build.writer import MANIFEST


class BuildResult(Struct):
    """What a build did (or, with ``check``, would do)."""

    diagnostics: list[Diagnostic]
    failed: bool = False
    up_to_date: bool = False
    """True when the cache proved nothing changed (no YAML was read)."""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    procedures: int = 0
    compiled: int = 0
    files: int = 0

    @property
    def stale(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def default_targets() -> tuple[str, ...]:
    """Registered targets whose module is installed (found without importing it)."""
    from importlib.util import find_spec

    from procgen.targets import _TARGETS, names

    return tuple(n for n in names() if find_spec(_TARGETS[n].partition(":")[0]) is not None)


def build(
    root: Path,
    out: Path,
    *,
    targets: Sequence[str] | None = None,
    jobs: int | None = None,
    check: bool = False,
    strict: bool = False,
) -> BuildResult:
    """Build ``root`` (a procedures folder) into ``out``; with ``check``, only compare.

    Args:
        root: the folder holding ``procgen.yaml`` and the procedure files.
        out: the output folder (``generated/``); replaced atomically, never edited in place.
        targets: target names (default: every installed target), built in registry order.
        jobs: worker processes for compiling (default: the number of CPUs).
        check: write nothing; report in the result which files a build would add, change or
            remove.
        strict: warnings fail the build (nothing is written).

    Returns:
        The diagnostics and what changed; ``failed`` when the input has errors.

    Raises:
        OutputRefused: ``out`` is not the build's to replace (a folder procgen did not write,
            a symbolic link, inside or above ``root``), or writing it failed; nothing changed.
    """
    import procgen
    from procgen.targets import names

    out = writer.output_folder(out, root)
    writer.check_owned(out)  # before anything is created, the cache folder included
    chosen = tuple(n for n in names() if n in set(targets or default_targets()))
    inputs = scan(root)
    k = keys(inputs, chosen, compiler_key())
    cache = Cache.beside(out, readonly=check)
    with cache.lock():
        if not check:
            writer.recover(out)
        tree = writer.committed_dir(out)
        disk = writer.list_tree(tree)
        state = cache.load_state()
        if state is not None and state.key == k.overall and state.files == disk:
            diags = diagnostics_from_json(state.diagnostics)
            return BuildResult(
                diags,
                failed=_fails(diags, strict),
                up_to_date=True,
                procedures=len(inputs.procedures),
                files=len(disk),
            )
        plan = Plan(
            root,
            out,
            tree,
            disk,
            state,
            cache,
            inputs.procedure_names,
            k,
            chosen,
            procgen.__version__,
        )
        return _run(plan, jobs or os.cpu_count() or 1, check=check, strict=strict)


def _fails(diags: list[Diagnostic], strict: bool) -> bool:
    return any(d.severity == "error" or strict for d in diags)


def _verified(entry: Entry, state: State | None, tree: Path, disk: dict[str, Stat]) -> bool:
    """True when the committed tree holds exactly the bytes ``entry`` says its targets emit."""
    trust_stat = state is not None and state.procedures.get(entry.name) == entry.key
    for path, sha in entry.files.items():
        st = disk.get(path)
        if st is None:
            return False
        if trust_stat and state is not None and state.files.get(path) == st:
            continue
        if file_sha(tree / path) != sha:  # None (not a regular file) never matches
            return False
    return True


class Plan(Struct):
    """What a build that has work to do starts from."""

    root: Path
    out: Path
    tree: Path
    """Where the committed output is (``out``, or the aside copy under ``--check``)."""
    disk: dict[str, Stat]
    state: State | None
    cache: Cache
    procedure_names: tuple[str, ...]
    keys: Keys
    targets: tuple[str, ...]
    version: str


def _run(plan: Plan, jobs: int, *, check: bool, strict: bool) -> BuildResult:
    stage = None if check else writer.begin(plan.out)
    try:
        result = _compile_and_compare(plan, jobs, stage, strict)
        if check or result.failed or not result.stale:
            if stage is not None:
                writer.abort(plan.out)
            if check or result.failed:
                return result
    except BaseException:
        writer.abort(plan.out)
        raise
    disk = plan.disk
    if result.stale:
        staged = {*result.staged}
        write = {p: b for p, b in result.fresh.items() if p not in staged}
        keep = {p: plan.tree / p for p in result.expected if p not in staged and p not in write}
        try:
            writer.commit(plan.out, write, keep, plan.disk)
        except BaseException:  # refused or failed before the swap: the output is as it was
            writer.abort(plan.out)
            raise
        disk = writer.list_tree(plan.out)
    plan.cache.save_state(
        State(
            plan.keys.overall,
            {n: plan.keys.procedures[n] for n in plan.procedure_names},
            disk,
            diagnostics_to_json(result.diagnostics),
        )
    )
    plan.cache.prune(set(plan.keys.procedures.values()))
    return result


class _Outcome(BuildResult):
    """A build result plus what the writer needs."""

    fresh: dict[str, bytes] = field(default_factory=dict)
    """Added or changed portal-level files and the manifest, not yet staged."""
    staged: list[str] = field(default_factory=list)
    """Added or changed procedure files, already in the staging folder."""
    expected: set[str] = field(default_factory=set)


def _compile_and_compare(plan: Plan, jobs: int, stage: Path | None, strict: bool) -> _Outcome:
    from procgen.build.compile import check_localities, compare, compile_many, init_process

    tree, disk, state, cache = plan.tree, plan.disk, plan.state, plan.cache
    names, keys = plan.procedure_names, plan.keys.procedures
    shared = init_process(plan.root, plan.targets, plan.version, plan.cache.templates())
    entries: dict[str, Entry] = {}
    for name in names:
        entry = cache.load_entry(keys[name])
        if entry is not None and _verified(entry, state, tree, disk):
            entries[name] = entry
    work = [(n, keys[n]) for n in names if n not in entries]
    status: dict[str, str] = {}
    folder = None if cache.readonly else str(cache.folder)
    for compiled in compile_many(shared, work, jobs, folder, tree, stage):
        entries[compiled.entry.name] = compiled.entry
        status.update(compiled.status)

    ordered = [entries[n] for n in names]
    from procgen.model.compiled import FeeRule

    fees: FeeTable = {}
    for e in ordered:
        if e.fees is not None:
            rules = e.fees[1]
            fees.setdefault(e.fees[0], None if rules is None
                            else msgspec.convert(rules, dict[str, FeeRule]))
    localities, loc_diags = check_localities(shared, fees)
    diags = [*shared.diagnostics, *(d for e in ordered for d in e.diagnostics), *loc_diags]
    result = _Outcome(diags, procedures=len(ordered), compiled=len(work))
    if _fails(diags, strict) or any(e.procedure is None for e in ordered):
        result.failed = True
        return result

    portal_files = _portal(shared, ordered, localities, diags, readonly=stage is None)
    if _fails(diags, strict):
        result.failed = True
        return result
    shas = {p: hashlib.sha256(b).hexdigest() for p, b in portal_files.items()}
    owners: dict[str, tuple[str, int] | None] = dict.fromkeys(portal_files)
    for e in ordered:
        assert e.procedure is not None
        for path, sha in e.files.items():
            if path in shas:
                raise CompilerBug(f"two outputs at {path} ({e.name} and another)")
            shas[path] = sha
            owners[path] = e.procedure
    portal_files[MANIFEST] = manifest(shas, owners, plan.targets, plan.version)
    for path, data in portal_files.items():
        status[path] = compare(tree / path, data)
    result.expected = {*shas, MANIFEST}
    for path in sorted(result.expected):
        st = status.get(path, "same" if path in disk else "added")
        if st == "added":
            result.added.append(path)
        elif st == "changed":
            result.changed.append(path)
        if st != "same":
            if path in portal_files:
                result.fresh[path] = portal_files[path]
            else:
                result.staged.append(path)
    result.removed = sorted(p for p in disk if p not in result.expected)
    result.files = len(result.expected)
    return result


def _portal(
    shared: Shared,
    ordered: list[Entry],
    localities: list[Any],
    diags: list[Diagnostic],
    *,
    readonly: bool,
) -> dict[str, bytes]:
    from procgen.build.compile import emit_portal
    from procgen.diagnostics import DiagnosticSink

    sink = DiagnosticSink()
    ctx = shared.context(readonly=readonly)
    files = emit_portal(ordered, tuple(localities), shared.targets, ctx, sink)
    diags.extend(sink)
    return files


def manifest(
    shas: dict[str, str],
    owners: dict[str, tuple[str, int] | None],
    targets: tuple[str, ...],
    version: str,
) -> bytes:
    """``manifest.json``: every artifact (sorted by path) with its SHA-256, procedure and
    revision (null for files shared by the portal). No timestamps."""
    artifacts = []
    for path in sorted(shas):
        owner = owners.get(path)
        artifacts.append(
            {
                "path": path,
                "sha256": shas[path],
                "procedure": owner[0] if owner else None,
                "revision": owner[1] if owner else None,
            }
        )
    doc = {"generator": f"procgen {version}", "targets": list(targets), "artifacts": artifacts}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
