"""Durability: ``kill -9`` of the server while a load generator is submitting, twenty times,
the server restarted each time on the same data folder and database — every application that
got a 201 is there, whole, with its files; one cut off mid-way is absent or whole; and what a
killed server left half-received in ``uploads/tmp`` is swept when the next one starts
(docs/serve.md, "Storage")."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from pathlib import Path
from typing import Any

from tests.serve.conftest import BEARER, Live, database, start, stop
from tests.serve.helpers import PDF, application

from procgen.serve.upload import TEMP_PREFIX, claim_temp

PROCEDURE = "birth-registration"
URL = f"/api/procedures/{PROCEDURE}/applications"
ROUNDS = 20
SUBMITTERS = 6
SEED = 20260115
"""The kill delays and file contents are drawn from this seed; the outcome asserted does not
depend on them (where a kill lands decides only which requests were acknowledged)."""


class Sent:
    """What one request sent: its answers and its file (document → bytes)."""

    def __init__(self, answers: dict[str, Any], files: dict[str, bytes]) -> None:
        self.answers = answers
        self.files = files


class Load:
    """Submitters posting distinct applications until the server is gone."""

    def __init__(self, procedure: Any, rng: random.Random) -> None:
        self.answers, items = application(procedure)
        self.template = items
        self.documents = {name for name, (f, *_r) in items if f is not None}
        assert self.documents, f"{PROCEDURE} asks for a document"
        self.rng = rng
        self.lock = threading.Lock()
        self.count = 0
        self.acknowledged: dict[str, Sent] = {}
        """Application id → what its request sent, for every 201."""
        self.attempted: dict[str, Sent] = {}
        """Each file's SHA-256 → what the request carrying it sent, for every request."""
        self.other: list[tuple[int, str]] = []
        """Any answer other than 201 (there must be none)."""

    def next(self) -> tuple[Sent, list[tuple[str, Any]]]:
        with self.lock:
            self.count += 1
            n = self.count
            padding = self.rng.randbytes(self.rng.randint(2048, 6144))
        answers = dict(self.answers, late_reason=f"Đề nghị giải quyết hồ sơ số {n}.")
        items: list[tuple[str, Any]] = []
        files: dict[str, bytes] = {}
        for name, value in self.template:
            if name in self.documents:
                body = PDF[:-6] + padding + f"\n{n}\n%%EOF\n".encode()
                files[name] = body
                items.append((name, (f"{name}-{n}.pdf", body, "application/pdf")))
            elif name == "late_reason":
                items.append((name, (None, answers["late_reason"].encode())))
            else:
                items.append((name, value))
        sent = Sent(answers, files)
        with self.lock:
            for body in files.values():
                self.attempted[hashlib.sha256(body).hexdigest()] = sent
        return sent, items

    def submit(self, url: str) -> None:
        import httpx

        with httpx.Client(base_url=url, headers=BEARER, timeout=10) as client:
            while True:
                sent, items = self.next()
                try:
                    got = client.post(URL, files=items)
                except httpx.TransportError:  # killed: this request and the next are cut off
                    return
                with self.lock:
                    if got.status_code == 201:
                        self.acknowledged[got.json()["application_id"]] = sent
                    else:
                        self.other.append((got.status_code, got.text[:300]))

    def round(self, live: Live, delay: float) -> None:
        import signal

        threads = [threading.Thread(target=self.submit, args=(live.url,))
                   for _ in range(SUBMITTERS)]
        for t in threads:
            t.start()
        time.sleep(delay)
        live.process.send_signal(signal.SIGKILL)
        for t in threads:
            t.join(timeout=30)
        stop(live)


def stale(data: Path) -> list[Path]:
    temp = data / "uploads" / "tmp"
    return sorted(temp.glob(TEMP_PREFIX + "*")) if temp.exists() else []


def test_kill_9_under_load_loses_no_acknowledged_application(
        site: Any, backend: str, tmp_path: Path) -> None:
    db = None if backend == "sqlite" else database(backend, tmp_path)
    data = tmp_path / "data"
    rng = random.Random(SEED)
    load = Load(site.snapshot.portal.procedure(PROCEDURE), rng)
    left_behind = 0
    for _ in range(ROUNDS):
        left_behind += len(stale(data))
        live = start(data, "--api", database=db)
        assert stale(data) == [], "the start-up sweeps what a killed server left"
        load.round(live, rng.uniform(0.2, 0.6))
    assert load.other == []
    assert len(load.acknowledged) >= ROUNDS, "the load reached the server every round"

    live = start(data, "--api", database=db)
    assert stale(data) == []
    import httpx

    with httpx.Client(base_url=live.url, headers=BEARER, timeout=10) as client:
        for application_id in load.acknowledged:
            got = client.get(f"/api/applications/{application_id}")
            assert got.status_code == 200, (application_id, got.text)
            assert got.json()["application_id"] == application_id
            assert got.json()["procedure"] == PROCEDURE
    stop(live)

    from procgen.serve.store import open_store

    store = open_store(db or "serve.sqlite3", data)
    try:
        stored_ids = store.application_ids()
        assert set(load.acknowledged) <= set(stored_ids)
        for application_id in stored_ids:  # acknowledged or cut off: whole either way
            a = store.application(application_id)
            assert a is not None
            assert {f.document for f in a.files} == load.documents, application_id
            sent = load.acknowledged.get(application_id) or load.attempted[a.files[0].sha256]
            assert a.answers == sent.answers, application_id
            for f in a.files:
                body = sent.files[f.document]
                assert (f.sha256, f.size) == (hashlib.sha256(body).hexdigest(), len(body))
                kept = data / "uploads" / f.sha256[:2] / f.sha256
                assert kept.read_bytes() == body, application_id
    finally:
        store.close()
    print(f"{backend}: {len(load.acknowledged)} acknowledged, {len(stored_ids)} stored, "
          f"{load.count} sent over {ROUNDS} kills; {left_behind} stale temporary files swept")


def test_the_start_up_sweeps_only_its_own_temporary_files(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    temp = uploads / "tmp"
    temp.mkdir(parents=True)
    for name in ("part-abc123", "part-def456"):
        (temp / name).write_bytes(b"half a file")
    (temp / "notes.txt").write_text("not procgen's")
    (temp / "part-folder").mkdir()
    outside = tmp_path / "part-outside"
    outside.write_text("outside the folder")
    (temp / "part-link").symlink_to(outside)
    kept = uploads / "ab" / ("ab" + "0" * 62)
    kept.parent.mkdir()
    kept.write_bytes(b"a kept file")

    claim = claim_temp(uploads)
    try:
        assert claim.swept == 2
        assert sorted(p.name for p in temp.iterdir()) == [
            ".lock", "notes.txt", "part-folder", "part-link"]
        assert outside.exists() and kept.exists()
        # beside a server still running on the folder, nothing of its uploads is touched
        (temp / "part-under-way").write_bytes(b"arriving")
        beside = claim_temp(uploads)
        assert beside.swept == 0 and (temp / "part-under-way").exists()
        beside.close()
    finally:
        claim.close()
    # once no server holds the folder, the next start sweeps it
    again = claim_temp(uploads)
    assert again.swept == 1 and not (temp / "part-under-way").exists()
    again.close()

