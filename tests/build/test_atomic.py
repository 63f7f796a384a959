"""Build: a killed build (SIGKILL at a forced point) leaves the previous output whole.

Requirement (issue 8): atomic output even under ``kill -9``; the next build recovers.
The writer's test hook ``PROCGEN_BUILD_PAUSE=<point>:<seconds>`` (docs/build.md) makes the
build stop at a known point, where the test kills it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.build.helpers import Runner, set_revision, snapshot


def consistent(tree: Path) -> dict[str, bytes]:
    """Assert the tree holds exactly what its manifest lists, with matching hashes."""
    files = snapshot(tree)
    manifest = json.loads(files.pop("manifest.json"))
    listed = {a["path"]: a["sha256"] for a in manifest["artifacts"]}
    assert set(listed) == set(files)
    for path, data in files.items():
        assert hashlib.sha256(data).hexdigest() == listed[path], path
    return files


def kill_at(cwd: Path, point: str, env: dict[str, str]) -> None:
    """Start ``procgen build`` and SIGKILL it once it reports being paused at ``point``."""
    full = {**os.environ, **env, "PROCGEN_BUILD_PAUSE": f"{point}:120"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from procgen.cli import main; main()", "build", "-j", "1"],
        cwd=cwd,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if f"paused at {point}" in line:
                break
        else:
            pytest.fail(f"the build never reached {point} (exit {proc.wait()})")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def change_input(project: Path) -> str:
    """Revision 9 of birth-registration; its text before."""
    return set_revision(project / "procedures" / "birth-registration.yaml", 9)


@pytest.mark.parametrize(
    ("point", "env"),
    [
        ("staged", {}),
        ("staged", {"PROCGEN_BUILD_NO_EXCHANGE": "1"}),
        ("aside", {"PROCGEN_BUILD_NO_EXCHANGE": "1"}),
    ],
    ids=["before-swap", "before-renames", "between-renames"],
)
def test_killed_build_leaves_previous_output(
    procgen: Runner, bundled: Path, point: str, env: dict[str, str]
) -> None:
    r = procgen(bundled, "build", "-j", "1")
    assert r.returncode == 0, r.stderr
    out = bundled / "generated"
    before = consistent(out)
    change_input(bundled)

    kill_at(bundled, point, env)

    if point == "aside":  # the window between the two renames: old tree whole, aside
        assert not out.exists()
        assert consistent(bundled / ".generated.procgen-old") == before
    else:
        assert consistent(out) == before
    assert (bundled / ".generated.procgen-new").is_dir()  # the uncommitted tree is left over

    # --check reads the committed tree without repairing anything
    r = procgen(bundled, "build", "--check")
    assert r.returncode == 1
    assert "change generated/manifest.json" in r.stdout

    # the next build recovers, then builds the new input
    r = procgen(bundled, "build", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr
    after = consistent(out)
    assert after != before
    manifest = json.loads((out / "manifest.json").read_text())
    revs = {a["procedure"]: a["revision"] for a in manifest["artifacts"] if a["procedure"]}
    assert revs["birth-registration"] == 9
    leftovers = sorted(p.name for p in bundled.iterdir())
    assert leftovers == [".procgen-cache", "generated", "procedures"]


def test_recovery_alone_restores_previous_output(procgen: Runner, bundled: Path) -> None:
    """Killed between the renames, then an unchanged input: recovery gives back the old tree."""
    assert procgen(bundled, "build", "-j", "1").returncode == 0
    out = bundled / "generated"
    before = consistent(out)
    before_text = change_input(bundled)
    kill_at(bundled, "aside", {"PROCGEN_BUILD_NO_EXCHANGE": "1"})
    src = bundled / "procedures" / "birth-registration.yaml"
    src.write_text(before_text, "utf-8")  # undo
    r = procgen(bundled, "build", "-j", "1")
    assert r.returncode == 0, r.stderr
    assert "up to date" in r.stderr  # rolled back, and the cache still describes that tree
    assert consistent(out) == before
