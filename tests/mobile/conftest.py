"""Fixtures for the mobile target tests: the compiled corpora and a long-lived node process.

The node process runs ``reference.js``, a renderer's logic written only from
``docs/targets/mobile.md`` with json-logic-js and procgen's custom operations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NodeProcess, emit_project, node_process

from procgen.model.ir import Portal

REPO = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).with_name("reference.js")
SCHEMA = REPO / "schemas" / "mobile-screens.schema.json"
KITCHEN_SINK = REPO / "tests" / "fixtures" / "kitchen-sink"
SKIP_SCREENS = Path(__file__).with_name("fixtures") / "skip-screens"
VERSION = "test"


@dataclass
class Corpus:
    """One loaded project and its mobile files (path → bytes), built once per session."""

    portal: Portal
    files: dict[str, bytes]
    diagnostics: list[tuple[str, str]]

    def doc(self, pid: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.files[f"mobile/{pid}.json"])
        return data


def compile_project(root: Path) -> Corpus:
    portal, files, out = emit_project(root, "mobile", VERSION)
    return Corpus(portal, files, [(d.code, d.message) for d in out])


@pytest.fixture(scope="session")
def corpora() -> dict[str, Corpus]:
    return {"kitchen-sink": compile_project(KITCHEN_SINK),
            "procedures": compile_project(REPO / "procedures"),
            "skip-screens": compile_project(SKIP_SCREENS)}


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text("utf-8"))
    return data


class Reference:
    """Sends one (file, answers, today) per line to ``reference.js``; reads one result back."""

    def __init__(self, process: NodeProcess) -> None:
        self.process = process

    def run(self, doc: Path, answers: dict[str, Any], today: str) -> dict[str, Any]:
        return self.process.ask({"doc": str(doc), "answers": answers, "today": today})


@pytest.fixture(scope="session")
def reference() -> Iterator[Reference]:
    for process in node_process(REFERENCE):
        yield Reference(process)
