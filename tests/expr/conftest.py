"""Fixtures for the expression tests: a long-lived node process running ``harness.js``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "tests" / "js" / "node_modules"
RUNTIME = REPO / "src" / "procgen" / "expr" / "runtime"
HARNESS = Path(__file__).with_name("harness.js")


class NodeHarness:
    """Sends one expression and one answer set per line; reads one result line back."""

    def __init__(self, node: str) -> None:
        self.proc = subprocess.Popen(
            [node, str(HARNESS), str(NODE_MODULES), str(RUNTIME)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def run(self, rule: Any, form: Any, answers: Mapping[str, Any], today: str,
            row: Mapping[str, Any] | None = None) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        line = json.dumps({"rule": rule, "form": form, "answers": answers, "row": row,
                           "today": today})
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise RuntimeError("the node harness exited")
        result: dict[str, Any] = json.loads(reply)
        return result

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def node() -> Iterator[NodeHarness]:
    exe = shutil.which("node")
    missing = None if exe else "node is not installed"
    if not (NODE_MODULES / "json-logic-js").is_dir():
        missing = f"{NODE_MODULES}/json-logic-js is missing (npm ci in tests/js)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; it is required when CI is set")
        pytest.skip(missing)
    assert exe is not None
    n = NodeHarness(exe)
    yield n
    n.close()
