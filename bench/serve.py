"""Benchmarks for ``procgen serve``: edit-to-reload in the preview, and accepted applications
per second against a bare floor.

Usage (from the repository root, procgen installed with the ``serve`` extra)::

    python bench/serve.py                             # reload, then applications on SQLite
    python bench/serve.py --seconds 20 --runs 5 --concurrency 32
    PROCGEN_TEST_POSTGRES=postgresql://procgen@127.0.0.1:5432/postgres python bench/serve.py

**Reload.** ``procgen serve --watch`` on a temporary copy of ``procedures/`` (25 procedures);
``--saves`` times over, the title of one procedure is changed and the file saved, and the
time from the save to (a) the ``reload`` event on ``/_preview/events`` and (b) the first GET
of that procedure's form page (polled every 2 ms) that has the new bytes is taken.

**Applications.** ``procgen serve --api`` on a fresh data folder, and a load generator
(``--client``: ``wrk`` with ``serve_wrk.lua``, one thread, the default when ``wrk`` is
installed — Debian's ``wrk`` package; or an async httpx client in this process, which costs a
whole core by itself) keeping ``--concurrency`` requests in flight and posting, for
``--seconds`` after a ``--warmup``, a valid application of ``electricity-contract-change``: its
10 example answers and one PDF of ``--upload-kb`` KB (``ownership-proof``), different bytes
every request (the body is encoded once; each request only writes its number into the
file's bytes, so the load generator spends its CPU on HTTP, not on encoding). Accepted
submissions (201) per second and the p50/p99 latency of each request.
The same load then goes to the **floor**: a bare Starlette endpoint (``floor_app`` below) that
parses the same multipart with python-multipart and inserts the answers and the file's bytes
into SQLite (WAL, ``synchronous=FULL``, one commit a request) with no validation, in its own
process under uvicorn with the options ``procgen.serve.run`` uses. With
``PROCGEN_TEST_POSTGRES`` set, the server is measured on a fresh PostgreSQL database too.
Each server is measured ``--runs`` times, taking turns; the median run is reported.

Every server is a separate process of this Python; the load generator shares the machine's
cores with it. ``docs/performance.md`` ("procgen serve") says what the numbers were.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench-serve:begin -->", "<!-- bench-serve:end -->"
PROCEDURE = "electricity-contract-change"
"""10 example answers and one uploadable document asked for by them."""
RELOADED = "birth-registration"
PDF_HEAD = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
BEARER = {"Authorization": "Bearer bench-citizen"}
CLIENTS = {"wrk": "`wrk -t1` with `bench/serve_wrk.lua`", "httpx": "an async httpx client"}
WRK_SCRIPT = Path(__file__).resolve().parent / "serve_wrk.lua"


# --- the processes ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server process on a free port, answering ``probe`` before it is returned."""

    def __init__(self, command: list[str], probe: str) -> None:
        import httpx

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (read after stop, freed with self)
        """What the server prints (``procgen serve --watch``: each recompile's time)."""
        self.process = subprocess.Popen([*command, "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"{' '.join(command)} exited: "
                                 f"{self.log.read().decode(errors='replace')[-2000:]}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(self.url + probe, timeout=1).status_code == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise SystemExit(f"{' '.join(command)} did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()


def procgen_serve(root: Path, data: Path, *args: str, database: str | None = None,
                  probe: str = "/api/procedures") -> Server:
    command = [sys.executable, "-m", "procgen.cli", "--procedures", str(root), "serve",
               "--data", str(data), *args]
    if database:
        command += ["--database", database]
    return Server(command, probe)


# --- edit-to-reload ---------------------------------------------------------------------


def reload_run(saves: int) -> dict[str, list[float]]:
    import httpx

    with tempfile.TemporaryDirectory(prefix="procgen-bench-serve-") as tmp:
        root = Path(tmp) / "procedures"
        shutil.copytree(REPO / "procedures", root)
        server = procgen_serve(root, Path(tmp) / "data", "--watch", probe="/")
        events: list[float] = []
        arrived = threading.Condition()
        listening = threading.Event()

        def listen() -> None:
            with contextlib.suppress(httpx.TransportError), httpx.stream(
                    "GET", server.url + "/_preview/events", timeout=None) as s:
                for line in s.iter_lines():
                    listening.set()
                    if line.startswith("data: "):
                        with arrived:
                            events.append(time.perf_counter())
                            arrived.notify_all()

        threading.Thread(target=listen, daemon=True).start()
        listening.wait(10)
        path = root / f"{RELOADED}.yaml"
        text = path.read_text("utf-8")
        title = "title: {vi: Đăng ký khai sinh,"
        assert title in text
        page = f"/web/vi/{RELOADED}.html"
        out: dict[str, list[float]] = {"page": [], "event": []}
        try:
            with httpx.Client(base_url=server.url, timeout=10) as client:
                before = client.get(page).content
                for n in range(saves + 1):
                    time.sleep(0.3)  # the watcher idle, as between an author's saves
                    seen = len(events)
                    saved = time.perf_counter()
                    path.write_text(text.replace(title, f"title: {{vi: Đăng ký khai sinh {n},"),
                                    "utf-8")
                    while (now := client.get(page).content) == before:
                        time.sleep(0.002)
                    fresh = time.perf_counter()
                    before = now
                    with arrived:
                        arrived.wait_for(lambda seen=seen: len(events) > seen, timeout=10)
                    if n == 0:
                        continue  # the first save warms the recompile up
                    out["page"].append((fresh - saved) * 1000)
                    out["event"].append((events[seen] - saved) * 1000)
        finally:
            server.stop()
        import re

        server.log.seek(0)
        said = [float(ms) for ms in re.findall(rb"\((\d+) ms\)", server.log.read())]
        out["recompile"] = said[1:]  # as the server measures it, the first save left out
    return out


# --- applications -----------------------------------------------------------------------


def payload() -> tuple[list[tuple[str, Any]], str]:
    """One application's text parts (its 10 example answers) and its document's id."""
    from procgen.serve.site import Site
    from procgen.targets.openapi.examples import example_answers

    site = Site(REPO / "procedures", web=False)
    procedure = site.snapshot.portal.procedure(PROCEDURE)
    assert procedure is not None
    answers = example_answers(procedure)
    import json

    items: list[tuple[str, Any]] = []
    for name, value in answers.items():
        text = value if isinstance(value, str) else json.dumps(value)
        items.append((name, (None, text.encode())))
    document = "ownership-proof"
    assert document in {d.id for d in procedure.uploadable_documents}
    assert len(answers) == 10, answers
    return items, document


MARK = b"<<procgen-bench-n>>"
"""Where each request's number goes in the file, so that no two uploads are the same bytes."""


def body(items: list[tuple[str, Any]], document: str, upload_kb: int) -> tuple[bytes, str]:
    """The multipart body, encoded once by httpx (the file's bytes holding :data:`MARK`), and
    its ``Content-Type``; each request only puts its number in place of the mark."""
    import httpx

    pad = os.urandom(upload_kb * 1024 - len(PDF_HEAD) - len(MARK) - 7)
    pdf = PDF_HEAD + MARK + pad + b"\n%%EOF\n"
    request = httpx.Request("POST", "http://x/", files=[
        *items, (document, ("proof.pdf", pdf, "application/pdf"))])
    return request.read(), request.headers["content-type"]


async def load(url: str, items: list[tuple[str, Any]], document: str, upload_kb: int,
               concurrency: int, seconds: float, warmup: float) -> dict[str, Any]:
    import httpx

    template, kind = body(items, document, upload_kb)
    assert template.count(MARK) == 1
    headers = {**BEARER, "Content-Type": kind}
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    counter = 0
    start = time.perf_counter()
    measuring_from = start + warmup
    end = measuring_from + seconds
    cpu = 0.0

    async def one(client: httpx.AsyncClient) -> None:
        nonlocal counter, cpu
        while (t := time.perf_counter()) < end:
            counter += 1
            content = template.replace(MARK, f"{counter:0{len(MARK)}d}".encode())
            got = await client.post(f"/api/procedures/{PROCEDURE}/applications",
                                    content=content, headers=headers)
            done = time.perf_counter()
            if t >= measuring_from and done <= end:
                latencies.append((done - t) * 1000)
                statuses[got.status_code] = statuses.get(got.status_code, 0) + 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        await asyncio.sleep(0)
        cpu = time.process_time()
        await asyncio.gather(*(one(client) for _ in range(concurrency)))
        cpu = time.process_time() - cpu
    latencies.sort()
    accepted = statuses.get(201, 0)
    return {"per_s": accepted / seconds, "accepted": accepted, "statuses": statuses,
            "p50": _pct(latencies, 50), "p90": _pct(latencies, 90), "p99": _pct(latencies, 99),
            "max": latencies[-1] if latencies else float("nan"),
            "client_cpu": cpu / (time.perf_counter() - start)}


def load_wrk(url: str, items: list[tuple[str, Any]], document: str, upload_kb: int,
             concurrency: int, seconds: float, warmup: float) -> dict[str, Any]:
    """The same load as :func:`load`, generated by ``wrk`` (one thread, ``concurrency``
    connections) with ``serve_wrk.lua``: a warm-up run of ``warmup`` seconds, then the
    measured run. wrk costs a small part of a core where httpx took a whole one."""
    import json
    import resource

    template, kind = body(items, document, upload_kb)
    assert template.count(MARK) == 1
    with tempfile.NamedTemporaryFile(prefix="procgen-bench-body-") as f:
        f.write(template)
        f.flush()
        env = {**os.environ, "PROCGEN_BENCH_BODY": f.name, "PROCGEN_BENCH_TYPE": kind,
               "PROCGEN_BENCH_PATH": f"/api/procedures/{PROCEDURE}/applications"}

        def wrk(duration: float) -> tuple[dict[str, Any], float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(duration))}s",
                 "--latency", "--timeout", "60s", "-s", str(WRK_SCRIPT), url],
                env=env, capture_output=True, text=True, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            line = next(x for x in done.stdout.splitlines() if x.startswith("{"))
            return json.loads(line), cpu

        if warmup > 0:
            wrk(warmup)
        r, cpu = wrk(seconds)
    statuses = {int(k): v for k, v in r["statuses"].items()}
    duration = r["duration_us"] / 1e6
    return {"per_s": statuses.get(201, 0) / duration, "accepted": statuses.get(201, 0),
            "statuses": statuses, "p50": r["p50_us"] / 1000, "p90": r["p90_us"] / 1000,
            "p99": r["p99_us"] / 1000, "max": r["max_us"] / 1000,
            "client_cpu": cpu / duration, "errors": r["errors"]}


def _pct(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, round(p / 100 * (len(sorted_ms) - 1)))]


def applications_run(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """Each server measured ``args.runs`` times, the servers taking turns (so that a busy
    moment of the machine does not fall on one of them); per server the median run (by
    accepted per second), and its ratio to the floor's median run."""
    items, document = payload()
    runs: dict[str, list[dict[str, Any]]] = {}

    def measure(name: str, server: Server) -> None:
        try:
            load_args = (server.url, items, document, args.upload_kb, args.concurrency,
                         args.seconds, args.warmup)
            r = (load_wrk(*load_args) if args.client == "wrk"
                 else asyncio.run(load(*load_args)))
        finally:
            server.stop()
        runs.setdefault(name, []).append(r)
        print(f"  {name}: {_line(r)}", file=sys.stderr)

    pg = os.environ.get("PROCGEN_TEST_POSTGRES")
    with tempfile.TemporaryDirectory(prefix="procgen-bench-serve-") as tmp:
        for n in range(args.runs):
            work = Path(tmp) / str(n)
            measure("procgen serve, SQLite", procgen_serve(REPO / "procedures",
                                                           work / "sqlite", "--api"))
            measure("floor, SQLite", Server([sys.executable, __file__, "--floor-server",
                                             str(work / "floor")], "/ready"))
            if pg:
                measure("procgen serve, PostgreSQL",
                        procgen_serve(REPO / "procedures", work / "pg", "--api",
                                      database=_new_pg_database(pg)))
    out: dict[str, dict[str, Any]] = {}
    for name, rs in runs.items():
        rs.sort(key=lambda r: r["per_s"])
        out[name] = dict(rs[len(rs) // 2], runs=[r["per_s"] for r in rs])
    return out


def _new_pg_database(url: str) -> str:
    import psycopg

    name = f"procgen_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def _line(r: dict[str, Any]) -> str:
    return (f"{r['per_s']:.0f}/s accepted, p50 {r['p50']:.0f} ms, p90 {r['p90']:.0f} ms, "
            f"p99 {r['p99']:.0f} ms, max {r['max']:.0f} ms "
            f"({r['statuses']})")


# --- the floor --------------------------------------------------------------------------


def floor_app(folder: Path) -> Any:
    """A bare Starlette endpoint: the multipart parsed by python-multipart (Starlette's own
    ``request.form()``), every part and the file's bytes inserted into SQLite in WAL mode
    with ``synchronous=FULL``, one commit a request; no validation, no file on disk."""
    import json
    import sqlite3

    import anyio
    from starlette.applications import Starlette
    from starlette.datastructures import UploadFile
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    folder.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, "
                 "answers TEXT NOT NULL, file BLOB)")
    lock = threading.Lock()

    async def submit(request: Request) -> Response:
        form = await request.form()
        answers: dict[str, str] = {}
        blob = b""
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                blob = await value.read()
            else:
                answers[name] = value
        await form.close()
        application_id = uuid.uuid4().hex

        def insert() -> None:
            with lock:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO applications VALUES (?, ?, ?)",
                             (application_id, json.dumps(answers, ensure_ascii=False), blob))
                conn.execute("COMMIT")

        await anyio.to_thread.run_sync(insert)
        return JSONResponse({"application_id": application_id}, 201)

    async def ready(request: Request) -> Response:
        return Response("ok")

    return Starlette(routes=[Route("/api/procedures/{pid}/applications", submit,
                                   methods=["POST"]),
                             Route("/ready", ready)])


def floor_server(folder: Path, port: int) -> None:
    from procgen.serve import run

    run(floor_app(folder), "127.0.0.1", port)


# --- the report -------------------------------------------------------------------------


def report(reloads: dict[str, list[float]] | None, apps: dict[str, dict[str, Any]] | None,
           args: argparse.Namespace, argv: list[str]) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import machine

    info = machine()
    lines = [BEGIN, "", f"Measured with `{' '.join(['python bench/serve.py', *argv])}` at commit "
             f"`{info['commit']}`: {info['nproc']} CPUs ({info['cpu']}), {info['os']}, "
             f"Python {info['python']}; load average before: {info['load']}.", ""]
    if reloads:
        lines += [f"Edit to reload, `procgen serve --watch`, 25 procedures, one file saved, "
                  f"{len(reloads['page'])} saves:", "",
                  "| | median | max |", "| --- | ---: | ---: |"]
        for key, what in (("page", "save → form page has the new bytes"),
                          ("event", "save → `reload` event on `/_preview/events`"),
                          ("recompile", "of which the recompile (the server's own figure)")):
            ms = reloads[key]
            if not ms:
                continue
            lines.append(f"| {what} | {statistics.median(ms):.0f} ms | {max(ms):.0f} ms |")
        lines.append("")
    if apps:
        lines += [f"Applications of `{PROCEDURE}` (10 answers, one {args.upload_kb} KB PDF), "
                  f"{args.concurrency} in flight, {args.seconds:g} s after a {args.warmup:g} s "
                  f"warm-up, load generator ({CLIENTS[args.client]}) on the same machine; "
                  f"{args.runs} runs each, the "
                  "servers taking turns, the median run shown (every run's figure in the last "
                  "column):", "",
                  "| server | accepted / s | p50 | p99 | of the floor | runs (accepted / s) |",
                  "| --- | ---: | ---: | ---: | ---: | --- |"]
        floor = apps.get("floor, SQLite", {}).get("per_s")
        for name, r in apps.items():
            ratio = f"{r['per_s'] / floor:.2f}×" if floor else "—"
            each = ", ".join(f"{x:.0f}" for x in r["runs"])
            lines.append(f"| {name} | {r['per_s']:.0f} | {r['p50']:.0f} ms | "
                         f"{r['p99']:.0f} ms | {ratio} | {each} |")
        cpu = ", ".join(f"{r['client_cpu']:.2f}" for r in apps.values())
        lines += ["", f"The load generator itself used {cpu} of a core (in that order)."]
        others = {n: r["statuses"] for n, r in apps.items() if set(r["statuses"]) != {201}}
        if others:
            lines += ["", f"Answers other than 201: {others}."]
    lines += ["", END]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--upload-kb", type=int, default=100)
    ap.add_argument("--only", choices=("reload", "applications"))
    ap.add_argument("--client", choices=("wrk", "httpx"),
                    default="wrk" if shutil.which("wrk") else "httpx",
                    help="the load generator (default: wrk when installed)")
    ap.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    ap.add_argument("--floor-server", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.floor_server:
        floor_server(args.floor_server, args.port)
        return
    reloads = reload_run(args.saves) if args.only != "applications" else None
    apps = applications_run(args) if args.only != "reload" else None
    text = report(reloads, apps, args, sys.argv[1:])
    print(text)
    if args.no_write:
        return
    doc = DOC.read_text("utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has no {BEGIN} … {END} block: add it, or use --no-write")
    head, rest = doc.split(BEGIN, 1)
    DOC.write_text(head + text + rest.split(END, 1)[1], "utf-8")


if __name__ == "__main__":
    main()
