"""Helpers for the diff tests: a copy of a procedures folder, edited, then compared."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.diff import DiffResult, compare
from procgen.model import load_portal
from procgen.model.ir import Portal

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"
ROOT = HERE.parent.parent

Edit = Callable[[Path], None]


def sub(old: str, new: str, file: str = "sample.yaml") -> Edit:
    """Replace the first ``old`` in ``file`` (which must contain it) with ``new``."""

    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(file: str, text: str) -> Edit:
    def apply(root: Path) -> None:
        (root / file).write_text(text, encoding="utf-8")

    return apply


def remove(file: str) -> Edit:
    def apply(root: Path) -> None:
        (root / file).unlink()

    return apply


def load_clean(root: Path) -> Portal:
    """Load a folder that must have no errors (a broken edit must fail the test, loudly)."""
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    problems = [f"{d.span.file}:{d.span.line}: {d.code} {d.message}" for d in sink
                if d.severity == "error"]
    assert not problems, "\n".join(problems)
    return portal


@pytest.fixture
def edited(tmp_path: Path) -> Callable[..., DiffResult]:
    """``edited(edits, base=(), lang="en", src=PROJECT)``: diff src+base edits → src+edits."""

    def run(edits: tuple[Edit, ...], base: tuple[Edit, ...] = (), lang: str = "en",
            src: Path = PROJECT, reverse: bool = False) -> DiffResult:
        here = Path(tempfile.mkdtemp(dir=tmp_path))
        a, b = here / "a", here / "b"
        shutil.copytree(src, a)
        shutil.copytree(src, b)
        for e in base:
            e(a)
            e(b)
        for e in edits:
            e(b)
        old, new = load_clean(a), load_clean(b)
        return compare(new, old, lang) if reverse else compare(old, new, lang)

    return run
