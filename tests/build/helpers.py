"""Small temporary projects for the build tests, and helpers to run ``procgen`` as a process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
BUNDLED = ROOT / "procedures"
SUBSET = (
    "birth-registration.yaml",
    "marriage-registration.yaml",
    "stay-notification.yaml",
    "traffic-fine-payment.yaml",
)
"""Bundled procedures copied into the test projects (localities are left out: overlays name
fees of procedures that the subset does not have)."""


def copy_project(
    src: Path, dest: Path, *, only: tuple[str, ...] = (), reverse: bool = False
) -> Path:
    """Copy a procedures folder file by file (``reverse``: in the opposite order, so the
    directory order on disk differs between two copies)."""
    files = sorted(p for p in src.rglob("*.yaml"))
    if only:
        files = [p for p in files if p.parent != src or p.name in only or p.name == "procgen.yaml"]
        files = [p for p in files if p.parent.name != "localities"]
    for path in reversed(files) if reverse else files:
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return dest


@pytest.fixture
def kitchen(tmp_path: Path) -> Path:
    """A project folder holding ``procedures/`` = the kitchen-sink fixture."""
    copy_project(KITCHEN_SINK, tmp_path / "procedures")
    return tmp_path


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A project folder holding four bundled procedures with the real blocks and lists."""
    copy_project(BUNDLED, tmp_path / "procedures", only=SUBSET)
    return tmp_path


def set_revision(path: Path, revision: int) -> str:
    """Give the procedure file at ``path`` this revision (a real change of its bytes); its
    text before, to put back."""
    before = path.read_text("utf-8")
    after, n = re.subn(r"^revision: \d+$", f"revision: {revision}", before, count=1,
                       flags=re.MULTILINE)
    assert n == 1 and after != before, f"{path} has no other revision to change to"
    path.write_text(after, "utf-8")
    return before


Runner = Callable[..., subprocess.CompletedProcess[str]]


def run_procgen(
    cwd: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``procgen ARGS`` as a fresh process in ``cwd``."""
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from procgen.cli import main; main()", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def procgen() -> Runner:
    return run_procgen


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative POSIX path → bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` → (mtime_ns, inode)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[p.relative_to(folder).as_posix()] = (st.st_mtime_ns, st.st_ino)
    return out
