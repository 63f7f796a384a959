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

Test hook (documented in ``docs/build.md``): with ``PROCGEN_BUILD_PAUSE=<point>:<seconds>`` the
writer prints ``procgen: paused at <point>`` to stderr and sleeps at ``staged`` (tree staged,
nothing swapped) or ``aside`` (two-rename mode, old tree moved aside, new one not yet in);
``PROCGEN_BUILD_NO_EXCHANGE=1`` forces the two-rename mode.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from pathlib import Path

from procgen.build.cache import Stat


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
    """Finish what a killed build left: roll back to the last committed tree."""
    new, old = staging_dir(out), aside_dir(out)
    if not out.exists() and old.is_dir():
        old.rename(out)
    for leftover in (new, old):
        if leftover.exists():
            shutil.rmtree(leftover)


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
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    return stage


def abort(out: Path) -> None:
    """Drop the staging folder of a build that writes nothing."""
    remove_quietly(staging_dir(out))


def put(stage: Path, rel: str, data: bytes) -> None:
    """Write one file into the staging folder."""
    dest = stage / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as f:
        f.write(data)


def commit(out: Path, fresh: dict[str, bytes], reuse: dict[str, Path]) -> None:
    """Complete the staged tree and swap it in for ``out``.

    Args:
        out: the output folder (need not exist yet); :func:`begin` made its staging folder,
            which may already hold files.
        fresh: relative path → bytes still to write.
        reuse: relative path → an existing file with the right bytes (hard-linked, or copied
            where links are impossible).
    """
    stage = staging_dir(out)
    if not stage.is_dir():
        stage = begin(out)
    for rel in sorted(fresh):
        put(stage, rel, fresh[rel])
    made: set[Path] = set()
    for rel in sorted(reuse):
        dest = stage / rel
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        try:
            os.link(reuse[rel], dest)
        except OSError:
            shutil.copy2(reuse[rel], dest)
    _pause("staged")
    _swap(stage, out)


def _swap(stage: Path, out: Path) -> None:
    if not out.exists():
        stage.rename(out)
        return
    if os.environ.get("PROCGEN_BUILD_NO_EXCHANGE") != "1" and _exchange(stage, out):
        shutil.rmtree(stage)  # now the old tree
        return
    old = aside_dir(out)
    if old.exists():
        shutil.rmtree(old)
    out.rename(old)
    _pause("aside")
    stage.rename(out)
    shutil.rmtree(old)


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
    import errno

    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(path)
