"""Fixtures for the expression tests: a long-lived node process running ``harness.js``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NodeProcess, node_process

HARNESS = Path(__file__).with_name("harness.js")


class NodeHarness:
    """Sends one expression and one answer set per line; reads one result line back."""

    def __init__(self, process: NodeProcess) -> None:
        self.process = process

    def run(self, rule: Any, form: Any, answers: Mapping[str, Any], today: str,
            row: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self.process.ask({"rule": rule, "form": form, "answers": answers, "row": row,
                                 "today": today})


@pytest.fixture(scope="session")
def node() -> Iterator[NodeHarness]:
    for process in node_process(HARNESS):
        yield NodeHarness(process)
