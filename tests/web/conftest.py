"""Fixtures for the web target's browser tests: one served site holding every generated page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.web.helpers import KITCHEN_SINK, PROCEDURES, build, serve, write
from tests.web.projects import PLACE_BLOCK, every_kind, hostile, project, two_places

from procgen.model.ir import Portal


@dataclass
class Site:
    """The bundled procedures, the kitchen sink and a hostile procedure, served over HTTP."""

    base: str
    folder: Path
    portals: dict[str, Portal]

    def pages(self) -> list[str]:
        """Every generated page, as a path below ``base``."""
        return sorted(str(p.relative_to(self.folder)) for p in self.folder.glob("*/web/*/*.html"))

    def url(self, project: str, lang: str, pid: str) -> str:
        return f"{self.base}/{project}/web/{lang}/{pid}.html"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from tests.conftest import CHROMIUM, NODE_MODULES, require_tool

    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    require_tool((NODE_MODULES / "axe-core").is_dir(), "tests/js/node_modules (npm ci)")
    folder = tmp_path_factory.mktemp("site")
    portals = {}
    hostile_root = project(tmp_path_factory.mktemp("hostile"),
                           {"hostile": hostile(), "every-kind": every_kind(),
                            "two-places": two_places()})
    (hostile_root / "common").mkdir()
    (hostile_root / "common" / "place.yaml").write_text(PLACE_BLOCK, "utf-8")
    for name, root in (("bundled", PROCEDURES), ("kitchen", KITCHEN_SINK),
                       ("hostile", hostile_root)):
        portal, files, _ = build(root)
        write(files, folder / name)
        portals[name] = portal
    # axe is served from the same origin, so it loads under the pages' strict CSP.
    shutil.copy(NODE_MODULES / "axe-core" / "axe.min.js", folder / "axe.min.js")
    with serve(folder) as base:
        yield Site(base, folder, portals)


@pytest.fixture(scope="session")
def chrome(site: Site, playwright_browser: Any) -> Any:
    return playwright_browser
