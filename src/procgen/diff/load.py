"""The two sides of a diff: a procedure file, a procedures folder, or a folder at a git revision.

A git revision is read with ``git ls-tree`` / ``git show REV:path`` (no checkout) and written
into a temporary folder, which is then loaded like any other procedures folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from procgen.diagnostics import DiagnosticSink, Phrase, Span

if TYPE_CHECKING:
    from procgen.model.ir import Portal


class GitError(Exception):
    """git could not give us the old tree (unknown revision, not a repository, ...)."""


def load_side(path: Path, sink: DiagnosticSink, default_root: Path | None = None) -> Portal:
    """A procedures folder, or one procedure file with the blocks and lists of its project.

    Args:
        path: the folder or file.
        sink: receives the problems of this side.
        default_root: the procedures folder whose settings, blocks, lists and overlays a file
            uses when no ``procgen.yaml`` sits next to it (or one folder up); default: the
            file's own folder.
    """
    from procgen.model import load_portal

    if path.is_dir():
        return load_portal(path, sink)
    if not path.is_file():
        from procgen.model.workspace import display_path

        sink.emit("PG100", Span(display_path(path), 1, 1), path=display_path(path),
                  reason=Phrase("no such file or folder", "không có tệp hay thư mục này"))
        from procgen.model.ir import Portal
        from procgen.model.workspace import DEFAULT_SETTINGS

        return Portal(DEFAULT_SETTINGS, ())
    return _load_file(path, sink, default_root or path.parent)


def _load_file(path: Path, sink: DiagnosticSink, default_root: Path) -> Portal:
    """One procedure file; its id may differ from its stem (``old/x.yaml`` vs ``x-v2.yaml``)."""
    from procgen.layout import locality_files
    from procgen.model import procedure_files, project_root
    from procgen.model.compiled import FeeTable, compile_file
    from procgen.model.ir import Portal
    from procgen.model.localities import load_localities
    from procgen.model.workspace import Workspace

    root = project_root(path, default_root)
    ws = Workspace(root, sink)
    settings = ws.settings
    unit = compile_file(ws, path, sink, named=False)
    procedure = unit.procedure
    if procedure is None:
        return Portal(settings, ())
    # Locality overlays of the same project, checked quietly against the project's fee table
    # with this file's fees in place of its namesake's: only the amounts matter here.
    quiet = Workspace(root, DiagnosticSink())
    fees: FeeTable = {}
    for other in procedure_files(root):
        known = compile_file(quiet, other, quiet.sink, build=False)
        if known.fees is not None:
            fees[known.id] = known.fees
    fees[unit.id] = unit.fees
    localities = load_localities(quiet, locality_files(root), fees, missing=())
    return Portal(settings, (procedure,), tuple(localities))


def git_root(cwd: Path) -> Path:
    out = _git(["rev-parse", "--show-toplevel"], cwd)
    return Path(out.decode("utf-8").strip())


def materialise(rev: str, path: Path, into: Path) -> Path:
    """Write the files under ``path`` as they were at ``rev`` into ``into``; return the copy.

    Args:
        rev: any git revision (``main``, ``HEAD~1``, a commit id).
        path: a folder or file of the working tree (absolute or relative to the cwd).
        into: an empty temporary folder.

    Returns:
        Where ``path`` lives inside ``into``.

    Raises:
        GitError: when git fails (not a repository, unknown revision, path absent at rev).
    """
    here = path.resolve()
    top = git_root(here if here.is_dir() else here.parent)
    rel = here.relative_to(top).as_posix() if here != top else "."
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    listing = _git(["ls-tree", "-r", "-z", "--name-only", rev, "--", rel], top)
    # Names as the file system holds them: one that is not UTF-8 is written under the same
    # bytes and reported like any other file of that name (os.fsdecode, surrogateescape).
    names = [n for n in os.fsdecode(listing).split("\0") if n]
    if not names:
        raise GitError(f"'{rel}' does not exist at revision {rev}")
    for name in names:
        blob = _git(["show", f"{rev}:{name}"], top)
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
    return into / rel if rel != "." else into


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(err[-1] if err else f"git {' '.join(args)} failed")
    return done.stdout
