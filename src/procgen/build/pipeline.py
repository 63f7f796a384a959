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
    site: str | None = None,
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
        site: a locality id: build that locality's own site (its values resolved).

    Returns:
        The diagnostics and what changed; ``failed`` when the input has errors.

    Raises:
        OutputRefused: ``out`` is not the build's to replace (a folder procgen did not write,
            a symbolic link, inside or above ``root``), or writing it failed; nothing changed.
    """
    return build_many(root, [(site, out)], targets=targets, jobs=jobs, check=check,
                      strict=strict)[0]


def build_many(
    root: Path,
    outputs: Sequence[tuple[str | None, Path]],
    *,
    targets: Sequence[str] | None = None,
    jobs: int | None = None,
    check: bool = False,
    strict: bool = False,
) -> list[BuildResult]:
    """Build several outputs of one project — the national one (site None) and locality
    sites — compiling each procedure once for all of them (docs/build.md).

    Each output is its own procgen output folder (checked, staged and swapped in as
    :func:`build` does, with its own state in the cache beside it); results in the order
    given. A failure to write any of them raises before any is swapped in.
    """
    import contextlib

    import procgen
    from procgen.targets import names

    chosen = tuple(n for n in names() if n in set(targets or default_targets()))
    inputs = scan(root)
    compiler = compiler_key()
    results: list[BuildResult | None] = []
    plans: list[Plan] = []
    with contextlib.ExitStack() as stack:
        locked: set[Path] = set()
        for site, given in outputs:
            out = writer.output_folder(given, root)
            writer.check_owned(out)  # before anything is created, the cache folder included
            k = keys(inputs, chosen, compiler, site)
            cache = Cache.beside(out, readonly=check)
            if cache.folder not in locked:
                stack.enter_context(cache.lock())
                locked.add(cache.folder)
            if not check:
                writer.recover(out)
            tree = writer.committed_dir(out)
            disk = writer.list_tree(tree)
            state = cache.load_state()
            if state is not None and state.key == k.overall and state.files == disk:
                diags = diagnostics_from_json(state.diagnostics)
                results.append(BuildResult(diags, failed=_fails(diags, strict),
                                           up_to_date=True, procedures=len(inputs.procedures),
                                           files=len(disk)))
                continue
            results.append(None)
            plans.append(Plan(root, out, tree, disk, state, cache, inputs.procedure_names, k,
                              chosen, procgen.__version__, site))
        done = iter(_run(plans, jobs or os.cpu_count() or 1, check=check, strict=strict)
                    if plans else ())
        return [r if r is not None else next(done) for r in results]


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
    site: str | None = None
    """A locality's own site; None: the national build."""


def _run(plans: list[Plan], jobs: int, *, check: bool, strict: bool) -> list[BuildResult]:
    """Compile what any plan lacks once, then check and commit each output in turn."""
    stages = [None if check else writer.begin(plan.out) for plan in plans]
    try:
        outcomes = _compile_and_compare(plans, jobs, stages, strict)
        failed = any(r.failed for r in outcomes)
        for plan, stage, result in zip(plans, stages, outcomes, strict=True):
            if stage is not None and (failed or not result.stale):
                writer.abort(plan.out)  # nothing of it to swap in
        if check or failed:
            return list(outcomes)
    except BaseException:
        for plan in plans:
            writer.abort(plan.out)
        raise
    written: dict[bytes, Path] = {}  # portal-level files the sites before this one wrote
    for plan, result in zip(plans, outcomes, strict=True):
        _commit(plan, result, written)
    return list(outcomes)


def _commit(plan: Plan, result: _Outcome, written: dict[bytes, Path]) -> None:
    """Swap in ``plan``'s staged tree and save its state. A portal-level file whose bytes an
    earlier site of this run wrote (the shared assets) is hard-linked to that copy."""
    disk = plan.disk
    if result.stale:
        staged = {*result.staged}
        write: dict[str, bytes] = {}
        keep = {p: plan.tree / p for p in result.expected if p not in staged
                and p not in result.fresh}
        for p, b in result.fresh.items():
            if p in staged:
                continue
            same = written.get(b)
            if same is not None:
                keep[p] = same
            else:
                write[p] = b
        try:
            writer.commit(plan.out, write, keep, plan.disk)
        except BaseException:  # refused or failed before the swap: the output is as it was
            writer.abort(plan.out)
            raise
        for p, b in write.items():
            written.setdefault(b, plan.out / p)
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


class _Outcome(BuildResult):
    """A build result plus what the writer needs."""

    fresh: dict[str, bytes] = field(default_factory=dict)
    """Added or changed portal-level files and the manifest, not yet staged."""
    staged: list[str] = field(default_factory=list)
    """Added or changed procedure files, already in the staging folder."""
    expected: set[str] = field(default_factory=set)


def _compile_and_compare(plans: list[Plan], jobs: int, stages: list[Path | None],
                         strict: bool) -> list[_Outcome]:
    from procgen.build.compile import SiteJob, check_localities, compile_many, init_process

    first = plans[0]
    shared = init_process(first.root, first.targets, first.version, first.cache.templates(),
                          fresh=True)
    names = first.procedure_names
    found: list[dict[str, Entry]] = []
    status: list[dict[str, str]] = []
    todo: dict[str, list[SiteJob]] = {}
    for plan, stage in zip(plans, stages, strict=True):
        entries: dict[str, Entry] = {}
        keys = plan.keys.procedures
        for name in names:
            entry = plan.cache.load_entry(keys[name])
            if entry is not None and _verified(entry, plan.state, plan.tree, plan.disk):
                entries[name] = entry
            else:
                folder = None if plan.cache.readonly else str(plan.cache.folder)
                todo.setdefault(name, []).append(SiteJob(
                    plan.site, keys[name], folder, str(plan.tree),
                    None if stage is None else str(stage)))
        found.append(entries)
        status.append({})
    index = {plan.site: i for i, plan in enumerate(plans)}
    work = [(name, tuple(jobs_)) for name, jobs_ in todo.items()]
    for name, compiled in zip(sorted(todo), compile_many(shared, work, jobs), strict=True):
        for job, one in zip(todo[name], compiled, strict=True):
            i = index[job.site]
            found[i][name] = one.entry
            status[i].update(one.status)
    fees = _fee_table([found[0][n] for n in names])
    built = [e.procedure[0] for e in (found[0][n] for n in names) if e.procedure is not None]
    localities, loc_diags = check_localities(shared, fees, built)
    return [_compare(plan, stage, found[i], status[i], localities, loc_diags, shared, strict,
                     compiled=sum(1 for jobs_ in todo.values()
                                  if any(j.site == plan.site for j in jobs_)))
            for i, (plan, stage) in enumerate(zip(plans, stages, strict=True))]


def _fee_table(ordered: list[Entry]) -> FeeTable:
    from procgen.model.compiled import FeeRule

    fees: FeeTable = {}
    for e in ordered:
        if e.fees is not None:
            rules = e.fees[1]
            fees.setdefault(e.fees[0], None if rules is None
                            else msgspec.convert(rules, dict[str, FeeRule]))
    return fees


def _compare(plan: Plan, stage: Path | None, entries: dict[str, Entry], status: dict[str, str],
             localities: list[Any], loc_diags: list[Diagnostic], shared: Shared, strict: bool,
             *, compiled: int) -> _Outcome:
    """One output's outcome: its diagnostics, portal files and manifest against its tree."""
    from procgen.build.compile import compare

    tree, disk, names = plan.tree, plan.disk, plan.procedure_names
    ordered = [entries[n] for n in names]
    diags = [*shared.diagnostics, *(d for e in ordered for d in e.diagnostics), *loc_diags]
    result = _Outcome(diags, procedures=len(ordered), compiled=compiled)
    if _fails(diags, strict) or any(e.procedure is None for e in ordered):
        result.failed = True
        return result

    site = next((x for x in localities if x.id == plan.site), None)
    portal_files = _portal(shared, ordered, localities, site, diags, readonly=stage is None)
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
    site: Any,
    diags: list[Diagnostic],
    *,
    readonly: bool,
) -> dict[str, bytes]:
    from msgspec.structs import replace

    from procgen.build.compile import emit_portal
    from procgen.diagnostics import DiagnosticSink

    sink = DiagnosticSink()
    ctx = replace(shared.context(readonly=readonly), localities=tuple(localities), site=site)
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
