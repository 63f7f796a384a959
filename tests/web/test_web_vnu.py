"""Web target (issue 5): every generated page passes the W3C Nu HTML Checker (vnu-jar).

One JVM run over all pages (bundled procedures, kitchen sink, a hostile procedure; vi and en).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import require_tool
from tests.web.helpers import KITCHEN_SINK, PROCEDURES, build, write
from tests.web.projects import every_kind, hostile, project

pytestmark = pytest.mark.node


def test_every_page_passes_the_nu_html_checker(tmp_path: Path, node_modules: Path) -> None:
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_tool(jar.is_file() and shutil.which("java") is not None, "java and vnu-jar")
    roots = {"bundled": PROCEDURES, "kitchen": KITCHEN_SINK,
             "hostile": project(tmp_path / "in",
                                {"hostile": hostile(), "every-kind": every_kind()})}
    for name, root in roots.items():
        write(build(root)[1], tmp_path / "out" / name)
    pages = sorted(str(p) for p in (tmp_path / "out").glob("*/web/*/*.html"))
    assert len(pages) >= 56
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *pages],
                            capture_output=True, text=True, timeout=300)
    assert result.stderr.strip() == "" and result.returncode == 0, result.stderr[:4000]
