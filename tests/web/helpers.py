"""Shared helpers for the web target's tests: build pages in memory, serve them, drive Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.model.ir import Portal
from procgen.targets import EmitContext, Files, portal_input
from procgen.targets.web import WebTarget

ROOT = Path(__file__).resolve().parents[2]
KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
PROCEDURES = ROOT / "procedures"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = ("() => axe.run(document, {runOnly: {type: 'tag', values: " + json.dumps(AXE_TAGS) + "}})"
       ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3)"
       ".map(n => n.target.join(' ')).join(' | ')))")


def build(root: Path) -> tuple[Portal, Files, DiagnosticSink]:
    """Load a procedures folder and run the web target over it, as ``procgen build`` does."""
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    assert not sink.has_errors(), [d.message for d in sink]
    target = WebTarget()
    ctx = EmitContext(portal.settings, "test", localities=portal.localities)
    files = dict(target.emit_portal(portal_input(target, portal, ctx), ctx, sink))
    for p in portal.procedures:
        files.update(target.emit_procedure(p, ctx, sink))
    return portal, files, sink


def write(files: Files, out: Path) -> Path:
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return out


def axe(page: Any, base: str) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now (axe served from ``base``)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(url=f"{base}/axe.min.js")
    result: list[str] = page.evaluate(AXE)
    return result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (an ephemeral port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Console errors, page errors, dialogs and requests that leave the test server."""

    def __init__(self, page: Any, base: str) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: None if r.url.startswith((base, "data:"))
                else self.outside.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()
