"""An application's ``multipart/form-data`` body, read as it streams in.

The text parts are kept in memory (each at most :attr:`Limits.text_part`); each file part is
written to a temporary file in the uploads folder while its SHA-256 is computed, and refused
the moment it passes its document's ``max_size_mb`` — a 2 GB file is never stored to find out
it is too large. Its type is then read from its first bytes (puremagic's signatures), never
from the ``Content-Type`` the client wrote; a PNG sent as ``application/pdf`` is a PNG.

A file is kept only when the application is accepted: :meth:`Upload.keep` fsyncs it and
renames it to ``uploads/<sha256[:2]>/<sha256>`` (content-addressed: the same bytes sent twice
are stored once), and fsyncs the folder, before the row naming it is written
(:mod:`procgen.serve.store`). Every other temporary file is removed (:meth:`Received.discard`),
and what a killed process could not remove is swept at the next start (:func:`claim_temp`).

The parts are decoded into answers by the one decoder of the encoding,
:func:`procgen.targets.openapi.multipart.decode_application`: this module only receives them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
import unicodedata
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from procgen.targets.openapi.multipart import Part, Unreadable

if TYPE_CHECKING:
    import puremagic
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["Limits", "Received", "TempClaim", "TooLarge", "Upload", "claim_temp", "receive"]

SNIFF_BYTES = 8192
"""How much of a file's start its type is read from."""
TEMP = "tmp"
"""The uploads folder's temporary folder, where :func:`receive` writes the files arriving."""
TEMP_PREFIX = "part-"
"""The name of every temporary file :func:`receive` writes (and the only ones swept)."""


class Limits(Struct, frozen=True):
    """What one request body may hold."""

    body: int = 64 * 1024 * 1024
    """The whole body, in bytes."""
    text_part: int = 64 * 1024
    """One text part (an answer, a group entry's JSON)."""
    texts: int = 1024 * 1024
    """All text parts together."""
    parts: int = 1000


class TooLarge(Exception):
    """The body, a part or a file is over its limit: 413. ``document``: the file's document."""

    def __init__(self, what: str, document: str | None = None) -> None:
        super().__init__(what)
        self.document = document


class Upload(Struct):
    """One file part, as stored in a temporary file."""

    document: str
    temp: Path
    size: int
    sha256: str
    media_types: tuple[str, ...]
    """What its bytes are, by puremagic's signatures, most likely first (empty: unknown)."""
    filename: str | None

    def keep(self, folder: Path) -> Path:
        """Make it durable at its content address in ``folder``; the path. Blocking."""
        target = folder / self.sha256[:2] / self.sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        with self.temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        self.temp.replace(target)  # atomic: a crash leaves the old copy or the new one
        _fsync_dir(target.parent)
        return target

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


class Received(Struct):
    """A body's parts: the text parts in order, and the files by document id."""

    parts: list[Part]
    files: dict[str, Upload]
    unknown: list[str]
    """File parts named by no uploadable document (``document-unknown``), not stored."""

    def discard(self) -> None:
        for upload in self.files.values():
            upload.discard()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class TempClaim:
    """This process's claim on ``uploads/tmp``: a shared lock on its ``.lock`` file, held until
    :meth:`close` (or the process's end, however it ends: the kernel releases it)."""

    def __init__(self, fd: int | None, swept: int) -> None:
        self._fd = fd
        self.swept = swept
        """How many stale temporary files were removed."""

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def claim_temp(uploads: Path) -> TempClaim:
    """Claim ``uploads/tmp`` for this server, first removing what a killed one left there.

    A process killed mid-upload (``kill -9``, a power cut) leaves the files it was receiving
    in ``uploads/tmp``: no row names them, and nothing else would remove them. Every server
    holds a shared lock on ``uploads/tmp/.lock`` while it runs; one that can take it
    exclusively is the only process using the folder, so it removes every ``part-*`` regular
    file there — only the files :func:`receive` writes: no other name, no subfolder, no link
    followed, nothing outside the folder. Beside a running server on the same folder it
    removes nothing (those files may be that server's uploads under way). On Windows, which
    has no ``flock``, it sweeps without the lock.
    """
    folder = uploads / TEMP
    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        return TempClaim(None, _sweep(folder))
    import fcntl

    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another server is running on this folder
            swept = 0
        else:
            swept = _sweep(folder)
        fcntl.flock(fd, fcntl.LOCK_SH)
    except BaseException:
        os.close(fd)
        raise
    return TempClaim(fd, swept)


def _sweep(folder: Path) -> int:
    swept = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    Path(entry.path).unlink()
                    swept += 1
    return swept


def clean_filename(name: str | None) -> str | None:
    """The client's file name as a label only: its last path segment, no control characters,
    at most 255 characters (it is never used as a path: files are stored by hash).

    >>> clean_filename("../../etc/passwd"), clean_filename("C:\\\\x\\\\scan.pdf")
    ('passwd', 'scan.pdf')
    >>> clean_filename("a\\x00b\\u202e.pdf"), clean_filename(".."), clean_filename(None)
    ('ab.pdf', None, None)
    """
    if name is None:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")[:255].strip()
    return base if base not in ("", ".", "..") else None


def sniff(head: bytes) -> tuple[str, ...]:
    """The media types ``head`` (a file's first bytes) has the signature of, the likeliest
    first: puremagic's signatures and its confidence (:class:`_Signatures`).

    >>> sniff(b"%PDF-1.7\\n")[0], sniff(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")[0]
    ('application/pdf', 'image/png')
    >>> sniff(b"hello")
    ()
    """
    out: list[str] = []
    for match in _signatures().matches(head):
        if match.mime_type and match.mime_type not in out:
            out.append(match.mime_type)
    return tuple(out)


class _Signatures:
    """puremagic's signature table (``magic_header_array``, ``magic_footer_array``,
    ``multi_part_dict``), indexed by offset and first byte.

    ``puremagic.magic_string`` compares every one of its 1,437 header signatures with the
    file, 0.23 ms an upload and about a tenth of the server's work on an application
    (docs/performance.md); here only the signatures whose first byte is at its offset are
    compared. The matches, and their confidence, are puremagic's
    (``tests/serve/test_sniff.py`` holds them to ``magic_string`` on every signature of the
    table); their order is puremagic's too, but made deterministic where puremagic's depends
    on a set's order (its multi-part matches).
    """

    def __init__(self) -> None:
        import puremagic

        index: dict[int, dict[int, list[tuple[int, puremagic.PureMagic]]]] = {}
        for n, row in enumerate(puremagic.magic_header_array):
            index.setdefault(row.offset, {}).setdefault(row.byte_match[0], []).append((n, row))
        self.header = sorted(index.items())
        self.footer = list(puremagic.magic_footer_array)
        self.foot = max(-row.offset for row in self.footer)
        self.parts = puremagic.multi_part_dict

    def matches(self, head: bytes) -> list[puremagic.PureMagic]:
        """The signatures ``head`` matches, the likeliest first (puremagic's confidence:
        0.8 from 9 bytes on, else 0.1 a byte; then the longer)."""
        found: list[tuple[int, puremagic.PureMagic]] = []
        size = len(head)
        for offset, by_first in self.header:
            if offset >= size:
                break
            for n, row in by_first.get(head[offset], ()):
                if head[offset:offset + len(row.byte_match)] == row.byte_match:
                    found.append((n, row))
        found.sort(key=lambda item: item[0])
        rows = [row for _, row in found]
        foot = head[-self.foot:]
        for row in self.footer:
            end = row.offset + len(row.byte_match)
            if (foot[row.offset:end] if end != 0 else foot[row.offset:]) == row.byte_match:
                rows.append(row)
        more: set[puremagic.PureMagic] = set()
        for matched in rows:
            for row in self.parts.get(matched.byte_match, ()):
                end = row.offset + len(row.byte_match)
                if row.offset < 0:
                    area = foot[row.offset:end] if end != 0 else foot[row.offset:]
                    if area == row.byte_match:
                        more.add(row._replace(byte_match=matched.byte_match + row.byte_match))
                elif end <= size and head[row.offset:end] == row.byte_match:
                    more.add(row._replace(byte_match=head[matched.offset:end]))
        rows += sorted(more)
        return sorted(rows, key=lambda r: (_confidence(r), len(r.byte_match)), reverse=True)


def _confidence(row: puremagic.PureMagic) -> float:
    n = len(row.byte_match)
    return 0.8 if n >= 9 else n / 10


@functools.cache
def _signatures() -> _Signatures:
    """The index, built on the first upload."""
    return _Signatures()


async def receive(
    chunks: AsyncIterator[bytes],
    content_type: str,
    documents: Mapping[str, int | None],
    temp_folder: Path,
    limits: Limits,
) -> Received:
    """Read a ``multipart/form-data`` body from ``chunks``.

    Args:
        chunks: the request body as it arrives.
        content_type: the request's ``Content-Type`` (with its ``boundary``).
        documents: each uploadable document's id → its largest file in bytes (None: only the
            body's limit).
        temp_folder: where the files are written while they arrive (the uploads folder's
            ``tmp``, on the same file system, so :meth:`Upload.keep` is a rename).
        limits: the body's limits.

    Raises:
        Unreadable: not multipart, no boundary, malformed, a part with no name (400).
        TooLarge: over a limit (413); nothing is left behind.
    """
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise Unreadable("not multipart/form-data with a boundary")
    state = _State(documents, temp_folder, limits)
    parser = MultipartParser(boundary, state.callbacks(), max_header_count=16,
                             max_header_size=8192)
    seen = 0
    try:
        async for chunk in chunks:
            seen += len(chunk)
            if seen > limits.body:
                raise TooLarge(f"the body is over {limits.body} bytes")
            parser.write(chunk)
        parser.finalize()
        if not state.ended:
            raise Unreadable("the body ends before its closing boundary")
    except MultipartParseError as error:
        state.received.discard()
        state.close_current()
        raise Unreadable(f"malformed multipart: {error}") from None
    except BaseException:
        state.received.discard()
        state.close_current()
        raise
    return state.received


class _State:
    """The parser's callbacks: what part is being read and where its bytes go."""

    def __init__(self, documents: Mapping[str, int | None], folder: Path,
                 limits: Limits) -> None:
        self.documents = documents
        self.folder = folder
        self.limits = limits
        self.received = Received([], {}, [])
        self.ended = False
        self.count = 0
        self.texts = 0
        self._field = b""
        self._value = b""
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._type: str | None = None
        self._filename: str | None = None
        self._unnamed = False
        """The part's file name is empty: a browser's file input with no file chosen."""
        self._text: bytearray | None = None
        self._file: tempfile._TemporaryFileWrapper[bytes] | None = None
        self._hash = hashlib.sha256()
        self._size = 0
        self._head = bytearray()

    def callbacks(self) -> MultipartCallbacks:
        return {"on_part_begin": self.begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_done, "on_part_data": self.data,
                "on_part_end": self.end, "on_end": self.finish}

    def begin(self) -> None:
        self.count += 1
        if self.count > self.limits.parts:
            raise TooLarge(f"more than {self.limits.parts} parts")
        self._headers = {}
        self._field = self._value = b""

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field = self._value = b""

    def headers_done(self) -> None:
        from python_multipart.multipart import parse_options_header

        disposition, params = parse_options_header(self._headers.get(b"content-disposition",
                                                                     b""))
        name = params.get(b"name")
        if disposition != b"form-data" or name is None:
            raise Unreadable("a part has no form-data name")
        try:
            self._name = name.decode("utf-8")
            raw_filename = params.get(b"filename")
            filename = None if raw_filename is None else raw_filename.decode("utf-8")
        except UnicodeDecodeError:
            raise Unreadable("a part's name is not UTF-8") from None
        kind = self._headers.get(b"content-type")
        self._type = parse_options_header(kind)[0].decode("latin-1") if kind else None
        self._filename = clean_filename(filename)
        self._unnamed = filename == ""
        if self._name in self.documents and filename is not None:
            if self._name in self.received.files:
                raise Unreadable(f"more than one file for the document {self._name!r}")
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed at the part's end)
                dir=self.folder, prefix=TEMP_PREFIX, delete=False)
            self._hash = hashlib.sha256()
            self._size = 0
            self._head = bytearray()
        elif filename:  # a file for no document: named in the 422, never stored
            self.received.unknown.append(self._name)
        else:
            self._text = bytearray()

    def data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._file is not None:
            self._size += len(chunk)
            most = self.documents[self._name]
            if most is not None and self._size > most:
                raise TooLarge(f"the file for {self._name!r} is over {most} bytes",
                               self._name)
            self._hash.update(chunk)
            if len(self._head) < SNIFF_BYTES:
                self._head += chunk[:SNIFF_BYTES - len(self._head)]
            self._file.write(chunk)
        elif self._text is not None:
            self._text += chunk
            self.texts += len(chunk)
            if len(self._text) > self.limits.text_part:
                raise TooLarge(f"the part {self._name!r} is over {self.limits.text_part} bytes")
            if self.texts > self.limits.texts:
                raise TooLarge(f"the text parts are over {self.limits.texts} bytes")

    def end(self) -> None:
        if self._file is not None and self._unnamed and self._size == 0:
            self.close_current()  # no file chosen: no answer, as a blank question
        elif self._file is not None:
            self._file.close()
            self.received.files[self._name] = Upload(
                self._name, Path(self._file.name), self._size, self._hash.hexdigest(),
                sniff(bytes(self._head)), self._filename)
            self._file = None
        elif self._text is not None:
            self.received.parts.append(Part(self._name, bytes(self._text), self._type,
                                            self._filename))
            self._text = None

    def finish(self) -> None:
        self.ended = True

    def close_current(self) -> None:
        if self._file is not None:
            self._file.close()
            with contextlib.suppress(FileNotFoundError):
                Path(self._file.name).unlink()
            self._file = None
