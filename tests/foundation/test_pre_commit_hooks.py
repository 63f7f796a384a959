"""REQ issue 18: ``.pre-commit-hooks.yaml`` offers procgen to other repositories' pre-commit.

Each hook is one pre-commit can install (``language: python``: the repository installs the
``procgen`` console script) and its entry is a real procgen command: ``ENTRY --help`` works.
The hooks run as pre-commit runs them (``bash``, from the repository's root, no file names)
on copies in temporary folders: ``procgen-validate`` passes on the bundled procedures and
fails, located, on a broken one; ``procgen-build-check`` passes on a fresh build and fails when
a procedure changed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from procgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
TINY = """\
procgen: 1
id: tiny
revision: 1
title: {vi: Thủ tục, en: Procedure}
channels:
  online: {processing_time: {working_days: 1}}
fields:
  - {id: name, type: text, label: {vi: Tên, en: Name}, required: true}
"""


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert isinstance(data, list)
    return data


def hook(hook_id: str) -> dict[str, Any]:
    (found,) = [h for h in hooks() if h["id"] == hook_id]
    return found


def run_hook(hook_id: str, where: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it: from the repository's root, no file names
    (``extra``: words after the entry, as a config's ``args`` would add)."""
    entry = " ".join([hook(hook_id)["entry"], *extra])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCGEN_")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", HOME=str(where),
               PROCGEN_LANG="en")
    return subprocess.run(["bash", "-c", entry], cwd=where, env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_hooks_are_the_two_promised() -> None:
    assert [h["id"] for h in hooks()] == ["procgen-validate", "procgen-build-check"]
    for h in hooks():
        assert {"id", "name", "entry", "language", "description"} <= set(h), h
        assert h["language"] == "python" and h["pass_filenames"] is False, h
        assert re.compile(h["files"]).search("procedures/birth-registration.yaml"), h
        assert re.compile(h["files"]).search("procedures/common/contact.yaml"), h
    assert not re.compile(hook("procgen-validate")["files"]).search("README.md")
    assert re.compile(hook("procgen-build-check")["files"]).search("generated/manifest.json")


@pytest.mark.parametrize("hook_id", ["procgen-validate", "procgen-build-check"])
def test_every_entry_is_a_procgen_command_whose_help_works(hook_id: str, tmp_path: Path) -> None:
    script, *args = shlex.split(hook(hook_id)["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert script == "procgen" and scripts[script] == "procgen.cli:main"
    assert args and args[0] in cli.list_commands(click.Context(cli)), args
    done = run_hook(hook_id, tmp_path, "--help")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"Usage: procgen {args[0]} [OPTIONS]"), done.stdout
    for option in args[1:]:
        assert option in done.stdout, option


def test_the_validate_hook_passes_on_the_procedures_and_fails_located(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    done = run_hook("procgen-validate", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "procedures" / "birth-registration.yaml"
    broken.write_text(broken.read_text("utf-8").replace("\ntitle:", "\ntitel:", 1), "utf-8")
    done = run_hook("procgen-validate", tmp_path)
    assert done.returncode == 1
    assert re.search(r"^procedures/birth-registration\.yaml:\d+:1: error\[PG112\]", done.stdout,
                     re.M), done.stdout


def test_the_build_check_hook_fails_when_generated_is_stale(tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    root.mkdir()
    shutil.copy(ROOT / "procedures" / "procgen.yaml", root / "procgen.yaml")
    (root / "tiny.yaml").write_text(TINY, "utf-8")
    assert run_hook("procgen-build-check", tmp_path).returncode == 1  # nothing built yet
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(["procgen", "build"], cwd=tmp_path, env=env, check=True, capture_output=True)
    done = run_hook("procgen-build-check", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    (root / "tiny.yaml").write_text(TINY.replace("Thủ tục", "Thủ tục mới"), "utf-8")
    done = run_hook("procgen-build-check", tmp_path)
    assert done.returncode == 1 and "tiny" in done.stdout + done.stderr
