"""A locality overlay the project has never seen, built both ways: its amount and its office
must reach the web pages, the mobile file and the OpenAPI description (issue 16's check)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.build.helpers import KITCHEN_SINK, Runner

OVERLAY = """\
procgen: 1
locality: held-out
name: {vi: Tỉnh Giữ Lại, en: Held-out Province}
offices:
  - name: {vi: Văn phòng Giữ Lại, en: Held-out Office}
    address: "12 Đường Giữ Lại, xã Thử"
    phone: "0123 456 789"
    hours: {vi: "Thứ Hai–Thứ Sáu", en: "Monday–Friday"}
fees:
  kitchen-sink:
    desk-fee: 47000
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(KITCHEN_SINK, tmp_path / "procedures")
    (tmp_path / "procedures" / "localities" / "held-out.yaml").write_text(OVERLAY, "utf-8")
    return tmp_path


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in
            (".html", ".json", ".yaml")}


AMOUNTS = ("47000", "47.000", "47,000")


def _has_amount(text: str) -> bool:
    return any(a in text for a in AMOUNTS)


def test_the_national_build_carries_the_held_out_province(project: Path,
                                                          procgen: Runner) -> None:
    done = procgen(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    files = _files(project / "generated")
    for path in ("web/vi/kitchen-sink.html", "web/en/kitchen-sink.html",
                 "mobile/kitchen-sink.json", "openapi/kitchen-sink.yaml"):
        assert _has_amount(files[path]), path
        assert "held-out" in files[path] or "Giữ Lại" in files[path], path
    for path in ("web/vi/kitchen-sink.html", "mobile/kitchen-sink.json"):
        assert "Văn phòng Giữ Lại" in files[path] and "12 Đường Giữ Lại" in files[path], path


def test_the_held_out_site_resolves_its_values(project: Path, procgen: Runner) -> None:
    done = procgen(project, "build", "--locality", "held-out", "--out", "site")
    assert done.returncode == 0, done.stdout + done.stderr
    files = _files(project / "site")
    vi = files["web/vi/kitchen-sink.html"]
    start = vi.split('id="pg-start"', 1)[1].split("</section>", 1)[0]
    assert "47.000" in start  # the fee table, resolved, in the page itself (not only its data)
    assert "Văn phòng Giữ Lại" in start and "12 Đường Giữ Lại" in start
    assert "test-city" not in vi and "Thành phố Thử nghiệm" not in vi  # only its own locality
    assert _has_amount(files["mobile/kitchen-sink.json"])
    assert "Văn phòng Giữ Lại" in files["mobile/kitchen-sink.json"]
    assert _has_amount(files["openapi/kitchen-sink.yaml"])
    assert "held-out" in files["openapi/kitchen-sink.yaml"]
