"""Where the server keeps applications and drafts: SQLite by default, PostgreSQL when given.

One schema and one list of migrations serve both (:data:`MIGRATIONS`); the SQL is written once
with ``?`` placeholders, which the PostgreSQL dialect turns into psycopg's ``%s``.

**Durability.** :meth:`Store.add_application` returns only after the transaction holding the
application and its files' rows is committed: SQLite in WAL mode with ``synchronous=FULL``
(the WAL is fsynced at every commit), PostgreSQL with its default ``synchronous_commit``. The
files themselves are already fsynced in the content-addressed folder
(:mod:`procgen.serve.upload`) before the row naming them is written, so a row never names a
file that a crash could lose.

**Group commit.** Every write goes through one writer thread, which takes all the writes that
are waiting, runs each in its own savepoint, and commits them together: one fsync for many
applications under load, and a failing write (a duplicate id) refuses only itself. A caller's
future is resolved after the commit, never before.
"""

from __future__ import annotations

import contextlib
import json
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol

from msgspec import Struct

__all__ = ["MIGRATIONS", "Application", "Draft", "Store", "StoredFile", "open_store"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: applications, their files, drafts
        """CREATE TABLE applications (
            id TEXT PRIMARY KEY,
            procedure TEXT NOT NULL,
            revision INTEGER NOT NULL,
            owner TEXT NOT NULL,
            status TEXT NOT NULL,
            answers TEXT NOT NULL,
            locality TEXT,
            lang TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            due_on TEXT)""",
        "CREATE INDEX applications_owner ON applications (owner, submitted_at)",
        """CREATE TABLE application_files (
            application_id TEXT NOT NULL REFERENCES applications (id),
            document TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            filename TEXT,
            PRIMARY KEY (application_id, document))""",
        """CREATE TABLE drafts (
            token_hash TEXT PRIMARY KEY,
            procedure TEXT NOT NULL,
            revision INTEGER NOT NULL,
            answers TEXT NOT NULL,
            step TEXT,
            saved_at TEXT NOT NULL,
            expires_at TEXT NOT NULL)""",
        "CREATE INDEX drafts_expiry ON drafts (expires_at)",
    ),
)
"""Migration n+1 is ``MIGRATIONS[n]``; ``schema_version`` holds how many have run."""


class StoredFile(Struct, frozen=True):
    """One document of an application: its bytes are ``uploads/<sha256[:2]>/<sha256>``."""

    document: str
    sha256: str
    size: int
    media_type: str
    """As sniffed from the bytes (never the client's header)."""
    filename: str | None


class Application(Struct, frozen=True):
    id: str
    procedure: str
    revision: int
    owner: str
    """The hash of the bearer token or browser session that filed it (never the token)."""
    status: str
    answers: dict[str, Any]
    locality: str | None
    lang: str
    submitted_at: str
    updated_at: str
    due_on: str | None
    files: tuple[StoredFile, ...] = ()


class Draft(Struct, frozen=True):
    token_hash: str
    procedure: str
    revision: int
    answers: dict[str, Any]
    step: str | None
    saved_at: str
    expires_at: str


class Duplicate(Exception):
    """The id is taken (an application id drawn twice): draw another and retry."""


class _Connection(Protocol):  # what the writer needs of sqlite3 and psycopg connections
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


Write = Callable[[Callable[[str, Sequence[Any]], Any]], Any]
"""A write: given ``run(sql, params)``, does its statements and returns its result."""


class Store:
    """Applications and drafts in one database; thread-safe; close with :meth:`close`."""

    def __init__(self, connect: Callable[[], _Connection], dialect: str) -> None:
        self.dialect = dialect
        self._reader = connect()
        self._read_lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[Write, Future[Any]] | None] = queue.SimpleQueue()
        writer = connect()
        self._migrate(writer)
        self._thread = threading.Thread(target=self._write_loop, args=(writer,),
                                        name="procgen-store-writer", daemon=True)
        self._thread.start()

    # --- the SQL dialects ---------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _migrate(self, conn: _Connection) -> None:
        if self.dialect == "postgresql":  # two servers starting at once migrate one by one
            conn.execute("SELECT pg_advisory_xact_lock(7361)")
        else:
            conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        done = int(row[0]) if row and row[0] is not None else 0
        if done > len(MIGRATIONS):
            conn.rollback()
            raise RuntimeError(f"the database is at schema version {done}, newer than this "
                               f"procgen ({len(MIGRATIONS)}): upgrade procgen")
        for n in range(done, len(MIGRATIONS)):
            for statement in MIGRATIONS[n]:
                conn.execute(statement)
            conn.execute(self._sql("INSERT INTO schema_version (version) VALUES (?)"), (n + 1,))
        conn.commit()

    # --- the writer ---------------------------------------------------------------------

    def _write_loop(self, conn: _Connection) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                conn.close()
                return
            batch = [first]
            while len(batch) < 256:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            self._commit(conn, batch)

    def _commit(self, conn: _Connection, batch: list[tuple[Write, Future[Any]]]) -> None:
        def run(sql: str, params: Sequence[Any] = ()) -> Any:
            return conn.execute(self._sql(sql), params)

        results: list[tuple[Future[Any], Any, BaseException | None]] = []
        try:
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
            for write, future in batch:
                conn.execute("SAVEPOINT one")
                try:
                    value = write(run)
                except (sqlite3.IntegrityError, _pg_integrity_error()) as error:
                    conn.execute("ROLLBACK TO SAVEPOINT one")
                    results.append((future, None, Duplicate(str(error))))
                except Exception as error:
                    conn.execute("ROLLBACK TO SAVEPOINT one")
                    results.append((future, None, error))
                else:
                    conn.execute("RELEASE SAVEPOINT one")
                    results.append((future, value, None))
            conn.commit()
        except Exception as error:  # the commit itself failed: nothing of the batch is stored
            with contextlib.suppress(Exception):  # the connection may be gone
                conn.rollback()
            for _, future in batch:
                future.set_exception(error)
            return
        for future, value, problem in results:
            if problem is None:
                future.set_result(value)
            else:
                future.set_exception(problem)

    def write(self, write: Write) -> Any:
        """Run ``write`` in the next committed batch; its result once it is durable."""
        future: Future[Any] = Future()
        self._queue.put((write, future))
        return future.result()

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._read_lock:
            try:
                rows = list(self._reader.execute(self._sql(sql), params).fetchall())
            finally:
                self._reader.rollback()  # end the read transaction (PostgreSQL opens one)
        return rows

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._reader.close()

    # --- applications -------------------------------------------------------------------

    def add_application(self, a: Application) -> None:
        """Store ``a`` and its files' rows; returns once committed.

        Raises:
            Duplicate: the id is already taken.
        """
        def write(run: Callable[..., Any]) -> None:
            run("INSERT INTO applications (id, procedure, revision, owner, status, answers, "
                "locality, lang, submitted_at, updated_at, due_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.procedure, a.revision, a.owner, a.status, _json(a.answers),
                 a.locality, a.lang, a.submitted_at, a.updated_at, a.due_on))
            for f in a.files:
                run("INSERT INTO application_files (application_id, document, sha256, size, "
                    "media_type, filename) VALUES (?, ?, ?, ?, ?, ?)",
                    (a.id, f.document, f.sha256, f.size, f.media_type, f.filename))

        self.write(write)

    def application(self, application_id: str) -> Application | None:
        rows = self.read("SELECT id, procedure, revision, owner, status, answers, locality, "
                         "lang, submitted_at, updated_at, due_on FROM applications "
                         "WHERE id = ?", (application_id,))
        if not rows:
            return None
        files = self.read("SELECT document, sha256, size, media_type, filename "
                          "FROM application_files WHERE application_id = ? ORDER BY document",
                          (application_id,))
        r = rows[0]
        return Application(r[0], r[1], int(r[2]), r[3], r[4], json.loads(r[5]), r[6], r[7],
                           r[8], r[9], r[10],
                           tuple(StoredFile(f[0], f[1], int(f[2]), f[3], f[4]) for f in files))

    def application_ids(self) -> list[str]:
        return [r[0] for r in self.read("SELECT id FROM applications ORDER BY id")]

    # --- drafts -------------------------------------------------------------------------

    def put_draft(self, d: Draft, *, create: bool) -> bool:
        """Save ``d``; ``create``: a new token (False: an update, which must find a live
        draft). Whether it was saved (an update of no live draft saves nothing)."""
        def write(run: Callable[..., Any]) -> bool:
            if create:
                run("INSERT INTO drafts (token_hash, procedure, revision, answers, step, "
                    "saved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (d.token_hash, d.procedure, d.revision, _json(d.answers), d.step,
                     d.saved_at, d.expires_at))
                return True
            cursor = run("UPDATE drafts SET revision = ?, answers = ?, step = ?, saved_at = ?, "
                         "expires_at = ? WHERE token_hash = ? AND expires_at > ?",
                         (d.revision, _json(d.answers), d.step, d.saved_at, d.expires_at,
                          d.token_hash, d.saved_at))
            return bool(cursor.rowcount)

        return bool(self.write(write))

    def draft(self, token_hash: str, now: str) -> Draft | None:
        rows = self.read("SELECT token_hash, procedure, revision, answers, step, saved_at, "
                         "expires_at FROM drafts WHERE token_hash = ? AND expires_at > ?",
                         (token_hash, now))
        if not rows:
            return None
        r = rows[0]
        return Draft(r[0], r[1], int(r[2]), json.loads(r[3]), r[4], r[5], r[6])

    def delete_draft(self, token_hash: str, now: str) -> bool:
        def write(run: Callable[..., Any]) -> bool:
            cursor = run("DELETE FROM drafts WHERE token_hash = ? AND expires_at > ?",
                         (token_hash, now))
            return bool(cursor.rowcount)

        return bool(self.write(write))

    def forget_expired(self, now: str) -> int:
        """Delete the drafts that have expired; how many."""
        def write(run: Callable[..., Any]) -> int:
            return int(run("DELETE FROM drafts WHERE expires_at <= ?", (now,)).rowcount)

        return int(self.write(write))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _pg_integrity_error() -> type[BaseException]:
    try:
        import psycopg
    except ImportError:  # no PostgreSQL driver: nothing raises its error
        return sqlite3.IntegrityError
    return psycopg.errors.IntegrityError


def open_store(database: str, folder: Path) -> Store:
    """The store ``database`` names: ``postgresql://…`` (psycopg 3), else a SQLite file
    (``sqlite:///path`` or a path; relative to ``folder``)."""
    if database.startswith(("postgresql://", "postgres://")):
        import psycopg

        def connect_pg() -> _Connection:
            conn = psycopg.connect(database)
            return conn

        return Store(connect_pg, "postgresql")
    prefix = "sqlite:///"  # SQLAlchemy's spelling: sqlite:///relative.db, sqlite:////abs.db
    path = Path(database[len(prefix):] if database.startswith(prefix) else database)
    if not path.is_absolute():
        path = folder / path
    path.parent.mkdir(parents=True, exist_ok=True)

    def connect_sqlite() -> _Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return _Sqlite(conn)

    return Store(connect_sqlite, "sqlite")


class _Sqlite:
    """A sqlite3 connection in autocommit mode whose transactions the store opens itself
    (``BEGIN IMMEDIATE`` for writes); :meth:`rollback` ends a read."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
