"""Fixtures for the catalogue target's tests: the bundled procedures and the kitchen sink,
each built once, and the CPSV-AP 3.2.0 shapes (copied in ``vocab/``, see its README)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PROCEDURES, ROOT, emit_project

from procgen.model.ir import Portal

KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
VOCAB = Path(__file__).with_name("vocab")
SHAPES = VOCAB / "cpsv-ap-SHACL.ttl"


@dataclass
class Built:
    """One project built by the catalogue target: its files (path → bytes) and diagnostics."""

    portal: Portal
    files: dict[str, bytes]
    diagnostics: list[str]

    def doc(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.files[name])
        return data


def build(root: Path) -> Built:
    portal, files, sink = emit_project(root, "catalogue")
    return Built(portal, files, [d.message for d in sink])


@pytest.fixture(scope="session")
def corpora() -> dict[str, Built]:
    return {"kitchen-sink": build(KITCHEN_SINK), "procedures": build(PROCEDURES)}


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """PyLD's document loader for the tests: never the network. The files embed their
    context, so nothing should be loaded at all."""
    raise AssertionError(f"a JSON-LD processor tried to load {url}")
