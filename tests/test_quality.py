"""REQ style: the code stays lint-clean (ruff, the curated rule set in pyproject.toml),
type-clean (mypy --strict over src/) and free of dead code (vulture over src/, with
tests/vulture_whitelist.py for names used by reflection), so CI catches drift, not a reviewer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff() -> None:
    pytest.importorskip("ruff")
    result = run("ruff", "check", "--no-cache", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    result = run("mypy", "--no-incremental", "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_dead_code() -> None:
    """What production code never uses is deleted; a use by a test alone does not count.

    Names used only by reflection (click, lark, Jinja2, the target registry...) are listed,
    with the reason, in ``tests/vulture_whitelist.py``.
    """
    pytest.importorskip("vulture")
    result = run("vulture", "src/procgen", "tests/vulture_whitelist.py")
    assert result.returncode == 0, result.stdout + result.stderr
