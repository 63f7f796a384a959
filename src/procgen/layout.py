"""Which files make up a procedures folder, and how procgen reads one of them.

``procgen validate`` and ``procgen build`` (and ``diff``) find their input through the
functions here, so they cannot disagree about what a folder holds, and read every input file
through :func:`read_input`:

* every entry of a folder whose name ends in ``.yaml`` is an input, whatever it is — a folder,
  a FIFO, a device, a dangling or looping link — so that it is *reported* (PG100, with the
  reason) rather than skipped; names starting with ``.`` are not inputs (editor lock and
  backup files, such as Emacs' ``.#x.yaml`` links);
* only a regular file (or a symbolic link to one) of at most :data:`MAX_FILE_BYTES` is read.
  Nothing else is opened, so a FIFO cannot block and a link to ``/dev/zero`` cannot eat memory.

It imports nothing heavy: a no-op build runs it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SETTINGS_FILE = "procgen.yaml"
SHARED_FOLDERS = ("common", "lists")
"""Folders every procedure may read (blocks and option lists)."""
LOCALITIES = "localities"
MAX_FILE_BYTES = 5 * 1024 * 1024
"""The largest input file procgen reads (5 MB; a real procedure is a few tens of KB)."""


class Unreadable(Exception):
    """An input that procgen will not or cannot read; ``reason`` completes "cannot read X: "."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def yaml_files(folder: Path) -> list[Path]:
    """Every entry of ``folder`` named ``*.yaml`` (not ``.*``), of any kind, sorted by name.

    A missing folder (or a path that is not one) has none.
    """
    try:
        with os.scandir(folder) as entries:
            names = [
                e.name for e in entries if e.name.endswith(".yaml") and not e.name.startswith(".")
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(names)]


def procedure_files(root: Path) -> list[Path]:
    """The procedure files of a procedures folder (every ``*.yaml`` but ``procgen.yaml``)."""
    return [p for p in yaml_files(root) if p.name != SETTINGS_FILE]


def shared_files(root: Path) -> list[Path]:
    """The blocks (``common/``) then the option lists (``lists/``) of a procedures folder."""
    return [p for folder in SHARED_FOLDERS for p in yaml_files(root / folder)]


def locality_files(root: Path) -> list[Path]:
    """The locality overlays (``localities/``) of a procedures folder."""
    return yaml_files(root / LOCALITIES)


def read_input(path: str | Path) -> bytes:
    """The bytes of one input file.

    Raises:
        Unreadable: ``path`` is not a regular file (or a link to one), is larger than
            :data:`MAX_FILE_BYTES`, or cannot be read; the reason says which, in words.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError as e:
        raise Unreadable(_os_reason(path, e)) from None
    _check(path, st)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise Unreadable(_os_reason(path, e)) from None
    try:
        st = os.fstat(fd)
        _check(path, st)  # still the same kind of thing as a moment ago
        parts: list[bytes] = []
        size, ask = 0, st.st_size + 1  # one read, sized to the file (a 5 MB buffer is slow)
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, ask)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            ask = 1 << 16  # it grew since fstat: read on, never beyond the limit
    except OSError as e:
        raise Unreadable(_os_reason(path, e)) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise Unreadable(_too_large(size))
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _check(path: Path, st: os.stat_result) -> None:
    mode = st.st_mode
    if not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            what = "it is a folder, not a file"
        elif stat.S_ISFIFO(mode):
            what = "it is a named pipe (FIFO), not a regular file"
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            what = "it is a device, not a regular file"
        elif stat.S_ISSOCK(mode):
            what = "it is a socket, not a regular file"
        else:
            what = "it is not a regular file"
        if path.is_symlink():
            what += f" (it is a symbolic link to {_link(path)})"
        raise Unreadable(what)
    if st.st_size > MAX_FILE_BYTES:
        raise Unreadable(_too_large(st.st_size))


def _too_large(size: int) -> str:
    mb = MAX_FILE_BYTES // (1024 * 1024)
    return f"it is {size / (1024 * 1024):.1f} MB; procgen reads files of at most {mb} MB"


def _os_reason(path: Path, e: OSError) -> str:
    import errno

    if e.errno == errno.ENOENT and path.is_symlink():
        return f"it is a symbolic link to {_link(path)}, which does not exist"
    if e.errno == errno.ELOOP:
        return "it is a symbolic link that never reaches a file (it loops)"
    return e.strerror or str(e)


def _link(path: Path) -> str:
    try:
        return f"'{path.readlink()}'"
    except OSError:  # pragma: no cover - it was a link a moment ago
        return "somewhere"
