"""Build inputs: which files a build reads, their content hashes, and the cache keys.

Everything here is cheap on purpose (``hashlib``, ``os``): a no-op rebuild runs only this
module and :mod:`procgen.build.cache`, so it never parses YAML, imports Jinja or lark, or reads
a template. Keys are SHA-256 over length-prefixed parts, so no two different inputs can give
the same byte stream.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from msgspec import Struct

import procgen
from procgen.layout import (
    SETTINGS_FILE,
    Unreadable,
    locality_files,
    procedure_files,
    read_input,
    shared_files,
)

SETTINGS = SETTINGS_FILE
FORMAT_VERSION = "procgen-build/4"
"""Bump when the cache layout or what a key covers changes."""

_LIBRARIES = (
    "jinja2", "markupsafe", "pyyaml", "lark", "jsonschema_rs", "click", "msgspec", "google_re2",
)
"""Libraries whose version can change the output; their installed versions enter the key."""


def digest(*parts: str | bytes) -> str:
    """SHA-256 (hex) over length-prefixed parts.

    >>> digest("a", "bc") == digest("ab", "c")
    False
    """
    h = hashlib.sha256()
    for part in parts:  # a file name that is not UTF-8 is hashed as its bytes
        b = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


def file_sha(path: Path) -> str | None:
    """SHA-256 of an output file; None unless it is a regular file (links are not followed)."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return hashlib.sha256(f.read()).hexdigest()


def input_sha(path: Path) -> str:
    """SHA-256 of an input file, read as every stage reads it (:func:`procgen.layout.read_input`).

    An entry that cannot be read (a folder, a FIFO, a dangling link ...) hashes to its reason,
    so it changes every key it enters: a build reports it (PG100) rather than skip it, also
    when the previous build succeeded.
    """
    try:
        return hashlib.sha256(read_input(path)).hexdigest()
    except Unreadable as e:
        return digest("unreadable", e.reason)


class Inputs(Struct, frozen=True):
    """The files of one procedures folder, each with the SHA-256 of its bytes.

    Lists are ``(name, sha)`` pairs sorted by name, so the order never depends on the file
    system. ``display_root`` is the folder as diagnostics print it (relative to the working
    directory), which is part of every key because diagnostics carry it.
    """

    root: Path
    display_root: str
    settings: str
    shared: tuple[tuple[str, str], ...]
    localities: tuple[tuple[str, str], ...]
    procedures: tuple[tuple[str, str], ...]

    @property
    def procedure_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.procedures)


def scan(root: Path) -> Inputs:
    """Hash every file a build of ``root`` reads: those :mod:`procgen.layout` lists, which
    ``procgen validate`` reads too."""
    settings_path = root / SETTINGS
    settings = input_sha(settings_path) if os.path.lexists(settings_path) else "-"
    shared = tuple(
        (path.relative_to(root).as_posix(), input_sha(path)) for path in shared_files(root)
    )
    localities = tuple((path.name, input_sha(path)) for path in locality_files(root))
    procedures = tuple((path.name, input_sha(path)) for path in procedure_files(root))
    rel = os.path.relpath(root)
    display = str(root) if rel.startswith("..") else rel
    return Inputs(root, display, settings, shared, localities, procedures)


def _package_tree_hash() -> str:
    """A hash of every file of the installed ``procgen`` package (code, templates, assets)."""
    base = Path(procgen.__file__).parent
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(dirpath, name)
            rel = path.relative_to(base).as_posix()
            h.update(digest(rel, path.read_bytes()).encode())
    return h.hexdigest()


def _library_versions() -> str:
    """``name-version`` of the libraries in :data:`_LIBRARIES`, from their dist-info folders.

    Read from directory names rather than ``importlib.metadata`` (which costs tens of ms).
    """
    found: set[str] = set()
    wanted = {n.lower().replace("-", "_") for n in _LIBRARIES}
    for entry in sys.path:
        try:
            names = [p.name for p in Path(entry or ".").iterdir()]
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist = name[: -len(".dist-info")]
                if dist.partition("-")[0].lower().replace("-", "_") in wanted:
                    found.add(dist.lower())
    return ",".join(sorted(found))


def compiler_key() -> str:
    """What the compiler itself contributes to every key: version, sources, libraries, Python."""
    return digest(
        FORMAT_VERSION,
        procgen.__version__,
        _package_tree_hash(),
        _library_versions(),
        sys.version,
    )


class Keys(Struct, frozen=True):
    """The cache keys of one build.

    ``context`` covers what every procedure's output depends on besides its own file: the
    compiler, the target set, the settings, the shared blocks and lists, and the locality
    overlays (a page shows each province's amounts and offices, so an overlay edit re-emits
    every procedure) and, for a locality's own site, which locality. ``overall`` covers every
    input of the build.
    """

    context: str
    overall: str
    procedures: dict[str, str]


def keys(inputs: Inputs, targets: tuple[str, ...], compiler: str,
         site: str | None = None) -> Keys:
    context = digest(
        compiler,
        "targets",
        *targets,
        "root",
        inputs.display_root,
        "settings",
        inputs.settings,
        "shared",
        *(p for pair in inputs.shared for p in pair),
        "localities",
        *(p for pair in inputs.localities for p in pair),
        "site",
        site or "",
    )
    procedures = {name: digest(context, name, sha) for name, sha in inputs.procedures}
    overall = digest(context, "procedures", *(p for pair in inputs.procedures for p in pair))
    return Keys(context, overall, procedures)
