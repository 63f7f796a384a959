"""The one place that writes the output folder: stage a complete tree, then swap it in.

A build never edits ``generated/`` in place. It writes the whole new tree (fresh bytes, plus
hard links to unchanged files of the current tree) into the sibling ``.generated.procgen-new``
and then replaces the old tree with it:

* On Linux, one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically; the old tree,
  now at the staging path, is removed afterwards. There is no moment without a whole tree.
* Elsewhere (or where the file system refuses the exchange), two renames: the current tree
  goes aside to ``.generated.procgen-old``, the staged one comes in, the old one is removed.
  Between the two renames ``generated/`` does not exist; a build killed exactly there leaves
  the previous tree whole at ``.generated.procgen-old``, and :func:`recover` (run by the next
  build before anything else) renames it back.

Recovery always rolls *back*: whatever sits at the staging path was never committed, and the
state record in the cache is written only after a swap completed, so a rolled-back tree and its
``manifest.json`` still agree with each other. Files are not ``fsync``\\ ed: the guarantee is
against a killed or failing process (``kill -9``, an exception, a full disk), not power loss.

What it will replace (:func:`output_folder`, :func:`check_owned`): only a folder it owns —
absent, empty, or holding a ``manifest.json`` of procgen's shape and name — that is not a
symbolic link (a link's target is never swapped) and not inside or above the procedures folder.
Anything else raises :class:`OutputRefused`, as does any failure to write (a read-only tree is
found before the swap, so it is left whole). Leftovers of a killed or failed build are procgen's
own and are removed by the next one, read-only or not.

Test hook (documented in ``docs/build.md``): with ``PROCGEN_BUILD_PAUSE=<point>:<seconds>`` the
writer prints ``procgen: paused at <point>`` to stderr and sleeps at ``staged`` (tree staged,
nothing swapped) or ``aside`` (two-rename mode, old tree moved aside, new one not yet in);
``PROCGEN_BUILD_NO_EXCHANGE=1`` forces the two-rename mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from msgspec import Struct

from procgen.build.cache import CACHE_DIR, Stat

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
"""A manifest larger than this is not procgen's (10,000 procedures write about 10 MB)."""


class OutputRefused(Exception):
    """The output folder cannot be written as asked; ``reason`` says why and how to go on
    (it completes "cannot write the output folder X: ")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def output_folder(out: Path, procedures: Path) -> Path:
    """The absolute output folder for ``--out``, or :class:`OutputRefused`.

    Links in the parent folders are resolved, never the folder's own name: a symbolic link is
    refused, so its target is never swapped or deleted. Refused too: a folder inside or above
    ``procedures`` (the build would replace the input), a file, and procgen's own work folders.
    """
    given = out.absolute()
    try:
        if given.name in ("", "..") or given == given.parent:
            real = given.resolve()
        else:
            real = given.parent.resolve() / given.name
        here = procedures.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (Python < 3.13)
        raise OutputRefused(
            "its path goes through a loop of symbolic links; choose another --out"
        ) from None
    if real.is_symlink():
        target = real.readlink()
        raise OutputRefused(
            f"it is a symbolic link (to '{target}'); the build replaces its output folder as a "
            "whole and never swaps or deletes a link's target: give the real folder as --out, "
            "or remove the link"
        )
    where = shown(here)
    if real == here or real in here.parents:
        raise OutputRefused(
            f"it holds the procedures folder {where}, which the build would replace; "
            "choose an --out beside it, such as generated"
        )
    if here in real.parents:
        raise OutputRefused(
            f"it is inside the procedures folder {where}, which the build never writes; "
            "choose an --out outside it, such as generated"
        )
    if real.name == CACHE_DIR or real.name.endswith((".procgen-new", ".procgen-old")):
        raise OutputRefused(
            "that name is one procgen uses for its own work files; choose another --out"
        )
    if os.path.lexists(real) and not real.is_dir():
        raise OutputRefused("it is not a folder; choose another --out")
    return real


class _Artifact(Struct):
    path: str
    sha256: str
    procedure: str | None
    revision: int | None


class _Manifest(Struct):
    """The shape of ``manifest.json`` (see ``pipeline.manifest``): procgen's mark."""

    generator: str
    targets: list[str]
    artifacts: list[_Artifact]


def check_owned(out: Path) -> None:
    """Refuse (:class:`OutputRefused`) unless the build owns the committed tree of ``out``:
    absent, empty, or holding a ``manifest.json`` of procgen's shape whose generator is
    procgen. Reads nothing else, so a no-op build stays cheap."""
    tree = committed_dir(out)
    try:
        with os.scandir(tree) as entries:
            if next(entries, None) is None:
                return  # empty
    except FileNotFoundError:
        return  # absent
    except OSError as e:
        raise OutputRefused(f"it cannot be listed ({e.strerror}); choose another --out") from None
    why = _not_procgen_manifest(tree / MANIFEST)
    if why is not None:
        raise OutputRefused(
            f"it is not empty and {why}, so it is not procgen's output and the build will not "
            "replace it; choose another --out, or empty the folder"
        )


def _not_procgen_manifest(path: Path) -> str | None:
    """None when ``path`` is procgen's manifest, else what is wrong, in words."""
    import msgspec

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "has no manifest.json"
    except OSError as e:
        return f"its manifest.json cannot be read ({e.strerror})"
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_MANIFEST_BYTES:
        return "its manifest.json is not one procgen writes"
    try:
        with path.open("rb") as f:
            doc = msgspec.json.decode(f.read(), type=_Manifest)
    except OSError as e:
        return f"its manifest.json cannot be read ({e.strerror})"
    except msgspec.DecodeError:  # also: valid JSON of another shape
        return "its manifest.json was not written by procgen"
    if not doc.generator.startswith("procgen "):
        return f"its manifest.json was written by '{doc.generator}', not procgen"
    return None


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.procgen-new"


def aside_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.procgen-old"


def committed_dir(out: Path) -> Path:
    """Where the committed tree is now, without repairing anything (for ``--check``)."""
    if not out.exists() and aside_dir(out).is_dir():
        return aside_dir(out)
    return out


def recover(out: Path) -> None:
    """Finish what a killed or failed build left: roll back to the last committed tree.

    The leftovers are procgen's own work folders, so they are removed even where an earlier
    build could not (a read-only old tree); what cannot be removed is refused with the reason.
    """
    new, old = staging_dir(out), aside_dir(out)
    try:
        if not out.exists() and old.is_dir():
            old.rename(out)
    except OSError as e:
        raise OutputRefused(_failed(f"restoring {shown(out)} from {shown(old)}", e)) from None
    for leftover in (new, old):
        if os.path.lexists(leftover):
            try:
                remove(leftover)
            except OSError as e:
                raise OutputRefused(
                    f"{shown(leftover)}, left by an earlier build, cannot be removed "
                    f"({e.strerror}); remove it by hand"
                ) from None


def remove(path: Path) -> None:
    """Delete a work folder of procgen's (or a file or link in its place), also where its
    folders were made read-only: they are made writable first (the owner may)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink()
        return
    try:
        shutil.rmtree(path)
    except PermissionError:
        for folder in _folders(path):
            mode = os.lstat(folder).st_mode
            if mode & 0o700 != 0o700:
                folder.chmod(mode | 0o700)
        shutil.rmtree(path)


def _folders(root: Path) -> Iterator[Path]:
    """``root`` and every folder below it, each made listable before it is listed."""
    yield root
    with os.scandir(root) as entries:
        subs = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    for sub in subs:
        yield from _folders(sub)


def _failed(what: str, e: OSError) -> str:
    """The reason of a write that failed, and that nothing was changed."""
    where = f" ({shown(Path(e.filename))})" if e.filename else ""
    return f"{what} failed: {e.strerror or e}{where}; the output was left as it was"


def list_tree(root: Path) -> dict[str, Stat]:
    """Every file below ``root`` (relative POSIX path → stat), sorted; empty when missing."""
    out: dict[str, Stat] = {}

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for e in entries:
            rel = prefix + e.name
            if e.is_dir(follow_symlinks=False):
                walk(e.path, rel + "/")
            else:
                st = e.stat(follow_symlinks=False)
                out[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)

    walk(str(root), "")
    return dict(sorted(out.items()))


def _pause(point: str) -> None:
    spec = os.environ.get("PROCGEN_BUILD_PAUSE", "")
    name, _, seconds = spec.partition(":")
    if name == point:
        print(f"procgen: paused at {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or "60"))


def begin(out: Path) -> Path:
    """Create an empty staging folder for ``out`` (workers may write fresh files into it)."""
    stage = staging_dir(out)
    try:
        if os.path.lexists(stage):
            remove(stage)
        stage.mkdir(parents=True)
    except OSError as e:
        raise OutputRefused(_failed(f"creating {shown(stage)}", e)) from None
    return stage


def abort(out: Path) -> None:
    """Drop the staging folder of a build that writes nothing."""
    with contextlib.suppress(OSError):
        remove(staging_dir(out))


def put(stage: Path, rel: str, data: bytes) -> None:
    """Write one file into the staging folder (:class:`OutputRefused` when that fails)."""
    dest = stage / rel
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as f:
            f.write(data)
    except OSError as e:
        raise OutputRefused(_failed(f"writing {shown(stage)}", e)) from None


def commit(
    out: Path, fresh: dict[str, bytes], reuse: dict[str, Path], old: Iterable[str] = ()
) -> None:
    """Complete the staged tree and swap it in for ``out``.

    Args:
        out: the output folder (need not exist yet); :func:`begin` made its staging folder,
            which may already hold files.
        fresh: relative path → bytes still to write.
        reuse: relative path → an existing file with the right bytes (hard-linked, or copied
            where links are impossible).
        old: the files of the current tree, whose folders must let them be removed.

    Raises:
        OutputRefused: the new tree cannot be written or swapped in, or the old one could not
            be removed afterwards (a read-only folder); ``out`` is then left as it was.
    """
    _removable(out, old)
    stage = staging_dir(out)
    if not stage.is_dir():
        stage = begin(out)
    for rel in sorted(fresh):
        put(stage, rel, fresh[rel])
    made: set[Path] = set()
    try:
        for rel in sorted(reuse):
            dest = stage / rel
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            try:
                os.link(reuse[rel], dest)
            except OSError:
                shutil.copy2(reuse[rel], dest)
    except OSError as e:
        raise OutputRefused(_failed(f"writing {shown(stage)}", e)) from None
    _pause("staged")
    _swap(stage, out)


def _removable(out: Path, files: Iterable[str]) -> None:
    """Refuse before the swap when the old tree's files could not be removed after it.

    Removing a file needs write access to its folder, so each folder that holds an old file
    must be writable; without this check a read-only tree would be swapped out and then fail
    to delete, leaving the build half done.
    """
    if not out.is_dir():
        return
    folders = {out}
    for rel in files:
        parts = rel.split("/")[:-1]
        for i in range(len(parts)):
            folders.add(out.joinpath(*parts[: i + 1]))
    for folder in sorted(folders):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputRefused(
                f"{shown(folder)} is not writable (Permission denied), so its old files could "
                f"not be replaced; make it writable (chmod -R u+w {shown(out)}), or choose "
                "another --out"
            )


def _swap(stage: Path, out: Path) -> None:
    """Put the staged tree in place of ``out``, then remove the old tree.

    A failure before the new tree is in place changes nothing (the two-rename mode puts the
    old tree back); removing the old tree afterwards is tidying only: what cannot be removed
    stays at a work path, which the next build's :func:`recover` removes.
    """
    try:
        if not out.exists():
            stage.rename(out)
            return
        if os.environ.get("PROCGEN_BUILD_NO_EXCHANGE") != "1" and _exchange(stage, out):
            _tidy(stage)  # now the old tree
            return
        old = aside_dir(out)
        if os.path.lexists(old):
            remove(old)
        out.rename(old)
    except OSError as e:
        raise OutputRefused(_failed(f"replacing {shown(out)}", e)) from None
    _pause("aside")
    try:
        stage.rename(out)
    except OSError as e:
        with contextlib.suppress(OSError):  # else the next build's recover() puts it back
            old.rename(out)  # the old tree back: the new one never came in
        raise OutputRefused(_failed(f"replacing {shown(out)}", e)) from None
    _tidy(old)


def _tidy(old_tree: Path) -> None:
    with contextlib.suppress(OSError):  # left for the next build's recover()
        remove(old_tree)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux ``renameat2(RENAME_EXCHANGE)``; False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))
