"""Shared test fixtures: repository paths, the golden-file helper and the real-tool locators.

``pytest --update-golden`` rewrites golden files instead of comparing against them.
Tools that CI installs (node packages in tests/js, Debian chromium) are skipped when missing
locally, but their absence fails the run when ``CI`` is set: CI must never pass by skipping.
The web target's template cache goes to a temporary folder for the whole run (subprocesses
inherit it), never to the real ``~/.cache``. The command line speaks English in tests
(``PROCGEN_LANG=en``), whatever the fixture project's ``default_language``; the tests of the
language choice and of the Vietnamese diagnostics set or clear it themselves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

collect_ignore = ["vulture_whitelist.py"]
"""vulture's whitelist is read by vulture (tests/test_quality.py), never imported: its lines name
attributes of nothing, which --doctest-modules would import and fail on."""

ROOT = Path(__file__).resolve().parent.parent
PROCEDURES = ROOT / "procedures"
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
SARIF_SCHEMA = NODE_MODULES / "@microsoft" / "jest-sarif" / "lib" / "schemas" / \
    "sarif-2.1.0-rtm.5.json"
"""The official SARIF 2.1.0 schema (OASIS), as @microsoft/jest-sarif bundles it."""


def emit_project(root: Path, target_name: str,
                 version: str = "test") -> tuple[Any, dict[str, bytes], Any]:
    """One target's files for the project at ``root``, as the build would emit them (every
    procedure, then the portal files), with no build around it: ``(portal, files by path,
    the target's diagnostics)``. The project must load without an error."""
    from procgen.diagnostics import DiagnosticSink
    from procgen.model import load_portal
    from procgen.targets import EmitContext, get, portal_input

    load_sink = DiagnosticSink()
    portal = load_portal(root, load_sink)
    assert not load_sink.has_errors(), [d.message for d in load_sink]
    target = get(target_name)
    ctx = EmitContext(portal.settings, version, localities=portal.localities)
    sink = DiagnosticSink()
    files: dict[str, bytes] = {}
    for p in portal.procedures:
        files.update({str(k): v for k, v in target.emit_procedure(p, ctx, sink).items()})
    shared = target.emit_portal(portal_input(target, portal, ctx), ctx, sink)
    files.update({str(k): v for k, v in shared.items()})
    return portal, files, sink


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


def pytest_configure(config: pytest.Config) -> None:
    """Point the web target's template cache at a fresh temporary folder for this run."""
    folder = tempfile.mkdtemp(prefix="procgen-template-cache-")
    patch = pytest.MonkeyPatch()
    patch.setenv("PROCGEN_TEMPLATE_CACHE", folder)
    patch.setenv("PROCGEN_LANG", "en")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    config.add_cleanup(patch.undo)


def require_tool(available: bool, what: str) -> None:
    """Skip when a real tool is missing locally; fail under CI, which must have installed it."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI: .ci/run must install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture
def node_modules() -> Path:
    require_tool(
        shutil.which("node") is not None and NODE_MODULES.is_dir(),
        "node with tests/js/node_modules (cd tests/js && npm ci)",
    )
    return NODE_MODULES


RUNTIME = ROOT / "src" / "procgen" / "expr" / "runtime"


class NodeProcess:
    """One long-lived ``node SCRIPT node_modules runtime/`` process speaking JSON lines.

    Tests that compare procgen with JavaScript (json-logic-js, procgen-expr.js, a renderer
    written from the docs) send one JSON object a line and read one back, instead of paying a
    node start-up per example.
    """

    def __init__(self, script: Path) -> None:
        exe = shutil.which("node")
        assert exe is not None
        self.script = script.name
        self.proc = subprocess.Popen(
            [exe, str(script), str(NODE_MODULES), str(RUNTIME)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one object, return the reply; a reply with ``$error`` fails the test."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise RuntimeError(f"{self.script} exited")
        result: dict[str, Any] = json.loads(reply)
        assert "$error" not in result, result["$error"]
        return result

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def node_process(script: Path) -> Iterator[NodeProcess]:
    """Body of a session fixture: skip (or fail on CI) without node and json-logic-js."""
    require_tool(shutil.which("node") is not None and (NODE_MODULES / "json-logic-js").is_dir(),
                 "node with tests/js/node_modules/json-logic-js (cd tests/js && npm ci)")
    process = NodeProcess(script)
    yield process
    process.close()


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[Any]:
    """The session's one Chromium under Playwright: a second ``sync_playwright`` in the same
    process is refused while one runs, so every folder's ``chrome`` fixture is this one."""
    from tests.web.helpers import browser

    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    with browser() as b:
        yield b


@pytest.fixture
def chromium() -> Path:
    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    return CHROMIUM


class Golden:
    """Compare text with ``tests/golden/<name>``, or rewrite it under ``--update-golden``."""

    def __init__(self, update: bool) -> None:
        self.update = update
        self.base = ROOT / "tests" / "golden"

    def check(self, name: str, actual: str | bytes) -> None:
        path = self.base / name
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"no golden file {path.relative_to(ROOT)}; run pytest --update-golden"
        expected = path.read_bytes()
        if expected != data:
            import difflib

            diff = "\n".join(
                difflib.unified_diff(
                    expected.decode("utf-8", "replace").splitlines(),
                    data.decode("utf-8", "replace").splitlines(),
                    f"golden/{name}",
                    "actual",
                    lineterm="",
                    n=2,
                )
            )
            pytest.fail(
                f"output differs from golden/{name} (pytest --update-golden to accept):\n"
                f"{diff[:6000]}"
            )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))
