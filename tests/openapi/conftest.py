"""Fixtures for the OpenAPI target's tests: the specs built once, and a node rule checker."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import ROOT, NodeProcess, emit_project, node_process

from procgen.diagnostics import DiagnosticSink
from procgen.model.ir import Portal

KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
CHECKER = Path(__file__).with_name("rules_check.js")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Built:
    """One project built by the OpenAPI target: files, parsed specs and diagnostics."""

    portal: Portal
    files: dict[str, bytes]
    sink: DiagnosticSink
    _parsed: dict[str, Any] = field(default_factory=dict)

    def spec(self, name: str) -> dict[str, Any]:
        """The parsed spec (parsed once; callers must not change it)."""
        if name not in self._parsed:
            self._parsed[name] = yaml.load(self.files[name], Loader=_LOADER)
        parsed: dict[str, Any] = self._parsed[name]
        return parsed


def resolved(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its local ``$ref`` (``#/components/...``) followed, its own keys kept on
    top (a property that refers to a named enum keeps its description and labels)."""
    while "$ref" in node:
        target: Any = spec
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def build(root: Path) -> Built:
    return Built(*emit_project(root, "openapi"))


@pytest.fixture(scope="session")
def kitchen_sink() -> Built:
    return build(KITCHEN_SINK)


@pytest.fixture(scope="session")
def bundled() -> Built:
    return build(ROOT / "procedures")


class RulesChecker:
    """``rules_check.js`` in one long-lived node process: one answers object a line."""

    def __init__(self, process: NodeProcess) -> None:
        self.process = process

    def violations(
        self,
        schema: dict[str, Any],
        answers: dict[str, Any],
        today: str,
        files: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        reply = self.process.ask(
            {"schema": schema, "answers": answers, "files": files, "today": today}
        )
        result: list[dict[str, Any]] = reply["violations"]
        return result


@pytest.fixture(scope="session")
def rules_checker() -> Iterator[RulesChecker]:
    for process in node_process(CHECKER):
        yield RulesChecker(process)
