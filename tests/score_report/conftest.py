"""Fixtures for the score report's tests: the kitchen sink and the bundled procedures, each
built once by the score target; for the browser tests, both served over HTTP (with axe-core
beside them) and the session's one Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NODE_MODULES, PROCEDURES, ROOT, emit_project
from tests.web.helpers import serve, write

from procgen.model.ir import Portal

KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"


@dataclass
class Built:
    """One project built by the score target: its files (path → bytes) and diagnostics."""

    portal: Portal
    files: dict[str, bytes]
    diagnostics: list[str]

    def html(self, lang: str, name: str = "index") -> str:
        return self.files[f"score/{lang}/{name}.html"].decode("utf-8")

    def pages(self) -> list[str]:
        return sorted(p for p in self.files if p.endswith(".html"))


def build(root: Path) -> Built:
    portal, files, sink = emit_project(root, "score")
    return Built(portal, files, [d.message for d in sink])


@pytest.fixture(scope="session")
def corpora() -> dict[str, Built]:
    return {"kitchen": build(KITCHEN_SINK), "bundled": build(PROCEDURES)}


@dataclass
class Site:
    """Every corpus's report under ``<base>/<corpus>/score/...``."""

    base: str
    corpora: dict[str, Built]

    def url(self, corpus: str, path: str) -> str:
        return f"{self.base}/{corpus}/{path}"


@pytest.fixture(scope="session")
def site(corpora: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from tests.conftest import CHROMIUM, require_tool

    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    require_tool((NODE_MODULES / "axe-core").is_dir(), "tests/js/node_modules (npm ci)")
    folder = tmp_path_factory.mktemp("score-site")
    for name, built in corpora.items():
        write(built.files, folder / name)
    shutil.copy(NODE_MODULES / "axe-core" / "axe.min.js", folder / "axe.min.js")
    with serve(folder) as base:
        yield Site(base, corpora)


@pytest.fixture(scope="session")
def chrome(site: Site, playwright_browser: Any) -> Any:
    return playwright_browser
