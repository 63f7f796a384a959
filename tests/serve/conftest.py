"""The server under test: the bundled procedures compiled in memory, storing into a temporary
folder, on SQLite and (when ``PROCGEN_TEST_POSTGRES`` names a server, as CI does) on
PostgreSQL — the same tests on both."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PROCEDURES, require_tool

DAY = "2026-01-15"
"""The rules' today in these tests (the examples' day), so that results do not depend on
the date the suite runs."""

BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str | None:
    return os.environ.get("PROCGEN_TEST_POSTGRES") or None


@pytest.fixture(scope="session")
def site() -> Any:
    from procgen.serve.site import Site

    return Site(PROCEDURES)


def database(backend: str, folder: Path) -> str:
    """A fresh database: a SQLite file in ``folder``, or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / "serve.sqlite3")
    url = postgres_url()
    require_tool(url is not None, "a PostgreSQL server (PROCGEN_TEST_POSTGRES)")
    assert url is not None
    import psycopg

    name = f"procgen_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server(site: Any, backend: str, tmp_path: Path) -> Iterator[Any]:
    """A TestClient on the server (preview included), its store and its data folder."""
    from starlette.testclient import TestClient

    from procgen.serve.app import Options, create_app
    from procgen.serve.store import open_store

    store = open_store(database(backend, tmp_path), tmp_path)
    app = create_app(site, store, tmp_path / "uploads", Options(today=DAY))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        client.store = store  # type: ignore[attr-defined]
        client.data = tmp_path  # type: ignore[attr-defined]
        yield client
    store.close()


BEARER = {"Authorization": "Bearer citizen-one"}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Live:
    """A ``procgen serve`` process: its base URL, data folder and process."""

    def __init__(self, url: str, data: Path, process: Any,
                 database: str | None = None) -> None:
        self.url = url
        self.data = data
        self.process = process
        self.database = database
        """The ``--database`` given (None: SQLite in ``data``)."""


def start(data: Path, *args: str, root: Path = PROCEDURES, database: str | None = None,
          env: dict[str, str] | None = None, wait: float = 30.0,
          probe: str = "/api/procedures") -> Live:
    """Start ``procgen serve`` on a free port (``args``: more options, e.g. ``--watch``) and
    wait until ``probe`` answers; stop it with :func:`stop`."""
    import subprocess
    import sys
    import time

    import httpx

    port = free_port()
    command = [sys.executable, "-m", "procgen.cli", "--procedures", str(root), "serve",
               "--port", str(port), "--data", str(data), *args]
    if database is not None:
        command += ["--database", database]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _out, err = process.communicate()
            raise AssertionError(f"procgen serve exited {process.returncode}: {err.decode()}")
        try:
            if httpx.get(url + probe, timeout=1).status_code == 200:
                return Live(url, data, process, database)
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("procgen serve did not answer in time")


def stop(live: Live, *, kill: bool = False) -> None:
    import signal

    if live.process.poll() is None:
        live.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    try:
        live.process.communicate(timeout=15)
    except Exception:
        live.process.kill()
        live.process.communicate()


@pytest.fixture
def live(backend: str, tmp_path: Path) -> Iterator[Live]:
    """A running server (SQLite, or PostgreSQL where the backend says so)."""
    db = None if backend == "sqlite" else database(backend, tmp_path)
    server = start(tmp_path / "data", database=db)
    yield server
    stop(server)
