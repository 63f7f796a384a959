"""The build cache (``.procgen-cache/`` beside the output folder): what the last build did.

Two kinds of record:

* ``state-<hash of the output path>.json``: the last successful build into one output folder:
  its overall input key, the key each procedure was built with, every output file's
  ``(size, mtime_ns, inode)`` as left on disk, and the diagnostics it reported. A no-op
  rebuild reads only this file (JSON) and ``stat``\\ s the output tree.
* ``entries/<key>.msgpack``: one procedure compiled under one key (content-addressed): its id
  and revision, its fee table (to check locality overlays), its diagnostics, the SHA-256 of
  every file its targets emitted, and each target's ``portal_part`` (plain data, a few KB),
  which lets a later build re-emit the portal-level files (such as ``openapi/portal.yaml``)
  without parsing any other procedure.

Trust model: the cache is a local, private build directory, like ``__pycache__``; it is
git-ignored and should not be shared between users, committed or restored from an untrusted
source. Entries are MessagePack decoded into the typed :class:`Entry` (msgspec), so loading one
runs no code, and a record that does not decode, or names another key than the one it was
looked up by, is a miss. Output files are only reused when their ``stat`` matches the state
record or their bytes hash to what the entry says. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

from procgen.build.inputs import FORMAT_VERSION, digest
from procgen.diagnostics import Diagnostic  # at run time: msgspec decodes Entry by its types

CACHE_DIR = ".procgen-cache"

Stat = tuple[int, int, int]
"""``(size, mtime_ns, inode)`` of an output file."""


class Entry(Struct):
    """One procedure file compiled under one key (see the module docstring)."""

    key: str
    name: str
    procedure: tuple[str, int] | None
    """``(id, revision)`` of the procedure; None when the file did not compile."""
    fees: tuple[str, dict[str, Any] | None] | None
    """The file's procedure id and its fee rules (``procgen.model.compiled.FeeRule`` records;
    plain maps once read back: the no-op path must not import the model to decode them);
    None when unreadable."""
    diagnostics: tuple[Diagnostic, ...]
    files: dict[str, str] = field(default_factory=dict)
    """Output path → SHA-256 of the bytes the targets emitted."""
    portal: dict[str, Any] = field(default_factory=dict)
    """Target name → its ``portal_part`` for this procedure: the record (encoded as a map),
    decoded back into it by the build (``procgen.targets.PARTS``), not here: the no-op path
    must not import the targets."""


class State(Struct):
    """The last successful build into one output folder."""

    key: str
    procedures: dict[str, str]
    files: dict[str, Stat]
    diagnostics: list[dict[str, Any]]


class Cache:
    """One cache folder. ``readonly`` (``--check``) never creates or writes anything."""

    def __init__(self, folder: Path, out: Path, *, readonly: bool = False) -> None:
        self.folder = folder
        self.readonly = readonly
        self.state_path = folder / f"state-{digest(str(out.absolute()))[:16]}.json"

    @classmethod
    def beside(cls, out: Path, *, readonly: bool = False) -> Cache:
        return cls(out.absolute().parent / CACHE_DIR, out, readonly=readonly)

    # -- state ---------------------------------------------------------------------------
    def load_state(self) -> State | None:
        try:
            raw = json.loads(self.state_path.read_bytes())
            if raw.get("format") != FORMAT_VERSION:
                return None
            return State(
                raw["key"],
                dict(raw["procedures"]),
                {p: (s[0], s[1], s[2]) for p, s in raw["files"].items()},
                list(raw["diagnostics"]),
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def save_state(self, state: State) -> None:
        data = {
            "format": FORMAT_VERSION,
            "key": state.key,
            "procedures": dict(sorted(state.procedures.items())),
            "files": dict(sorted(state.files.items())),
            "diagnostics": state.diagnostics,
        }
        # ASCII, so a file name that is not UTF-8 (a lone surrogate) survives the round trip
        self._write(self.state_path, json.dumps(data).encode("ascii"))

    def templates(self) -> Path | None:
        """The folder the targets may keep compiled templates in (docs/build.md).

        ``templates/`` in this folder, or ``$PROCGEN_TEMPLATE_CACHE`` when set (``off`` or
        empty: nowhere). Read but never written when ``readonly``: the targets are told so.
        """
        value = os.environ.get("PROCGEN_TEMPLATE_CACHE")
        if value is not None:
            return None if value in ("", "off") else Path(value).expanduser().absolute()
        return self.folder / "templates"

    # -- entries -------------------------------------------------------------------------
    def _entry_path(self, key: str) -> Path:
        return self.folder / "entries" / f"{key}.msgpack"

    def load_entry(self, key: str) -> Entry | None:
        try:
            entry = _entry_decoder().decode(self._entry_path(key).read_bytes())
        except (OSError, msgspec.DecodeError):  # a torn or foreign record is a miss
            return None
        return entry if entry.key == key else None

    def save_entry(self, entry: Entry) -> None:
        self._write(self._entry_path(entry.key), _entry_encoder().encode(entry))

    def prune(self, keep: set[str]) -> None:
        """Remove entries that no state file in this folder refers to (besides ``keep``)."""
        if self.readonly:
            return
        for other in self.folder.glob("state-*.json"):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                keep |= set(json.loads(other.read_bytes())["procedures"].values())
        with contextlib.suppress(OSError):  # tidying only, like every cache write
            for path in (self.folder / "entries").iterdir():
                if path.suffix == ".msgpack" and path.stem not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()

    # -- plumbing ------------------------------------------------------------------------
    def _write(self, path: Path, data: bytes) -> None:
        """Write atomically (temporary file, then ``os.replace``).

        Best effort, like ``__pycache__``: a cache that cannot be written (a full disk, a
        read-only folder) makes the next build slower, never this one fail.
        """
        if self.readonly:
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold an exclusive lock so two builds never race on one output folder.

        A POSIX record lock (``lockf``): the operating system releases it when the process
        that took it ends, however it ends, and a forked worker does not inherit it (unlike
        ``flock``, whose lock belongs to the open file that workers share), so a build killed
        with ``kill -9`` never leaves a lock that blocks the next one.
        """
        if self.readonly:
            yield
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                self._write(gitignore, b"*\n")
            f = (self.folder / "lock").open("a")
        except OSError as e:
            from procgen.build.writer import OutputRefused, shown

            raise OutputRefused(
                f"the build cache {shown(self.folder)} beside it cannot be created "
                f"({e.strerror}); make that folder writable, or choose another --out"
            ) from None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            with f:
                yield
            return
        with f:
            fcntl.lockf(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.lockf(f.fileno(), fcntl.LOCK_UN)


def diagnostics_to_json(items: list[Diagnostic]) -> list[dict[str, Any]]:
    """Diagnostics as plain JSON, so a no-op rebuild can report them without any entry."""
    out: list[dict[str, Any]] = msgspec.to_builtins(items)
    return out


def diagnostics_from_json(raw: list[dict[str, Any]]) -> list[Diagnostic]:
    return msgspec.convert(raw, list[Diagnostic])


@cache
def _entry_decoder() -> msgspec.msgpack.Decoder[Entry]:
    return msgspec.msgpack.Decoder(Entry)


@cache
def _entry_encoder() -> msgspec.msgpack.Encoder:
    from procgen.model.ir import plain_str

    return msgspec.msgpack.Encoder(enc_hook=plain_str)
