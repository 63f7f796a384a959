"""Fixtures for the guide target's tests: the bundled procedures, the kitchen sink and a
hostile procedure, each built once; for the browser tests, all of them served over HTTP
(with axe-core beside them) and one Chromium for every test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NODE_MODULES, PROCEDURES, ROOT, emit_project
from tests.web.helpers import serve, write
from tests.web.projects import hostile, project

from procgen.model.ir import Portal

KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"


@dataclass
class Built:
    """One project built by the guide target: its files (path → bytes) and diagnostics."""

    portal: Portal
    files: dict[str, bytes]
    diagnostics: list[str]

    def html(self, lang: str, pid: str) -> str:
        return self.files[f"guide/{lang}/{pid}.html"].decode("utf-8")


def build(root: Path) -> Built:
    portal, files, sink = emit_project(root, "guide")
    return Built(portal, files, [d.message for d in sink])


@pytest.fixture(scope="session")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    hostile_root = project(tmp_path_factory.mktemp("guide-hostile"), {"hostile": hostile()})
    return {"kitchen": build(KITCHEN_SINK), "bundled": build(PROCEDURES),
            "hostile": build(hostile_root)}


@dataclass
class Site:
    """Every corpus's guides under ``<base>/<corpus>/guide/<lang>/<id>.html``."""

    base: str
    corpora: dict[str, Built]

    def url(self, corpus: str, path: str) -> str:
        return f"{self.base}/{corpus}/{path}"

    def guides(self) -> list[tuple[str, str]]:
        """``(corpus, path)`` of every guide page."""
        return [(name, path) for name, built in self.corpora.items()
                for path in sorted(built.files) if path.endswith(".html")]


@pytest.fixture(scope="session")
def site(corpora: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from tests.conftest import CHROMIUM, require_tool

    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    require_tool((NODE_MODULES / "axe-core").is_dir(), "tests/js/node_modules (npm ci)")
    folder = tmp_path_factory.mktemp("guide-site")
    for name, built in corpora.items():
        write(built.files, folder / name)
    shutil.copy(NODE_MODULES / "axe-core" / "axe.min.js", folder / "axe.min.js")
    with serve(folder) as base:
        yield Site(base, corpora)


@pytest.fixture(scope="session")
def chrome(site: Site, playwright_browser: Any) -> Any:
    return playwright_browser
