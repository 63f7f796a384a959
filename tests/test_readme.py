"""The README tour and every ``Example:`` of every command's ``--help`` run on a fresh copy.

Issue 17: "The README tour runs on a fresh clone". Each command runs in a temporary folder
that holds a copy of the repository's ``procedures/`` (and nothing else of the repository),
made a git checkout with an ``origin/main`` and one earlier commit, so ``diff --base`` has
something to compare; ``HOME`` points there too, so nothing is written outside it. A command
that must fail says so in :data:`EXIT`; every other exits 0.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from procgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

EXIT = {
    "procgen validate --strict": 1,  # the provinces' placeholder values, until confirmed
}
"""Commands whose documented outcome is not 0, and why."""

AFTER = {("procgen build --target web -j 4", "procgen build --check"): 1}
"""A command whose outcome depends on the example before it: ``--check`` after a build of the
web target alone finds the other targets' files missing."""

ANSWERS = '{"child_date_of_birth": "2026-01-05", "extra_copies": 2}'
"""The README's partial answers, which the ``quote`` examples read from ``answers.json``."""


def readme_tour() -> list[str]:
    """The lines of the README's "A 2-minute tour" shell block."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## A 2-minute tour\s+```sh\n(.*?)```", text, re.S)
    assert block, "README.md has no '## A 2-minute tour' sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def help_examples() -> list[tuple[str, list[str]]]:
    """(command path, its ``Example:`` lines) for the group and every command, backslash
    continuations joined."""
    out: list[tuple[str, list[str]]] = []

    def visit(cmd: click.Command, name: str) -> None:
        lines, inside = [], False
        for raw in (cmd.help or "").splitlines():
            line = raw.strip()
            if line in ("Example:", "Examples:"):
                inside = True
            elif inside and not line:
                inside = False
            elif inside and line != "\b":
                if lines and lines[-1].endswith("\\"):
                    lines[-1] = lines[-1][:-1].rstrip() + " " + line
                else:
                    lines.append(line)
        if lines:
            out.append((name, lines))
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for sub in cmd.list_commands(ctx):
                child = cmd.get_command(ctx, sub)
                assert child is not None
                visit(child, f"{name} {sub}")

    visit(cli, "procgen")
    return out


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A temporary folder holding ``procedures/`` as a git checkout with history."""
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(ROOT / "procedures" / "birth-registration.yaml", old)
    env = _env(tmp_path)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "procedures")
    git("commit", "-q", "-m", "base")
    git("commit", "-q", "--allow-empty", "-m", "a second commit, for HEAD~1")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    (tmp_path / "answers.json").write_text(ANSWERS, "utf-8")
    return tmp_path


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PROCGEN_LANG"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", HOME=str(home),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1")
    return env


def _run(line: str, where: Path, before: str = "") -> str:
    command = line.split("  #")[0].split(" # ")[0].strip()
    done = subprocess.run(["bash", "-c", command], cwd=where, env=_env(where),
                          capture_output=True, text=True, timeout=600)
    wanted = AFTER.get((before, command), EXIT.get(command, 0))
    assert done.returncode == wanted, (
        f"{command!r} exited {done.returncode}, not {wanted}\n{done.stdout[-2000:]}"
        f"\n{done.stderr[-2000:]}")
    for name in ("procedures", "old"):  # every path it wrote stays inside the copy
        assert (where / name).is_dir()
    return command


def _untouched() -> list[str]:
    changed = subprocess.run(["git", "status", "--porcelain", "--", "procedures", "README.md"],
                             cwd=ROOT, capture_output=True, text=True, check=False)
    return changed.stdout.splitlines()


def test_the_readme_tour_runs_on_a_fresh_copy(clone: Path) -> None:
    before = _untouched()
    tour = readme_tour()
    assert any(line.startswith("procgen new ") for line in tour)
    for line in tour:
        _run(line, clone)
    assert _untouched() == before, "the tour wrote into the repository"


@pytest.mark.parametrize(("name", "lines"), help_examples(), ids=lambda v: str(v))
def test_every_help_example_runs(name: str, lines: list[str], clone: Path) -> None:
    before = ""
    for line in lines:
        assert line.startswith("procgen "), line
        before = _run(line, clone, before)


def test_every_command_with_examples_is_found() -> None:
    names = {name for name, _ in help_examples()}
    assert {"procgen", "procgen validate", "procgen new", "procgen build", "procgen quote",
            "procgen diff", "procgen locality"} <= names
