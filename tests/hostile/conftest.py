"""The hostile corpus: input a careless or malicious user could give procgen, run as a user would.

Every case runs the real ``procgen`` command in a fresh process, inside a temporary folder the
test made, and holds it to the promise of CLI.md: it ends within a time bound with exit 0, or
exit 1 and a located, one-line error; never exit 3 (an internal error), a traceback or a hang;
and no file outside the build's own output changes.

Helpers:

* :func:`hostile` runs ``procgen ARGS`` and checks the exit, the time bound and the output;
* the ``project`` fixture is a small valid project (the kitchen sink) in ``tmp_path/work``;
* :func:`tree` snapshots every file under a folder (bytes), to assert nothing else changed.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
TIME_LIMIT = 30.0
"""Seconds any hostile case may take (the issue's bound); a hang fails the test."""
MEMORY_LIMIT = 3 * 1024**3
"""Bytes of address space a hostile run may take: a blow-up fails instead of eating the machine."""

LOCATED = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): error\[PG\d{3}\]: \S",
                     re.MULTILINE)
"""``file:line:col: error[PGnnn]: message`` as the text format prints it."""


def hostile(
    cwd: Path,
    *args: str,
    expect: int | None = None,
    located: bool = True,
    stdin: str | None = None,
    timeout: float = TIME_LIMIT,
    env: dict[str, str] | None = None,
    as_user: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run ``procgen ARGS`` in ``cwd`` and check it behaved.

    Args:
        expect: the exit code the case must end with (0 or 1); None accepts either.
        located: on exit 1, require at least one ``file:line:col: error[PGnnn]`` line (False for
            refusals of the command line itself, which print one ``Error: …`` line).
        stdin: text given on standard input (none by default).
        as_user: run with an ordinary user's file permissions (root drops the capabilities
            that bypass them, :func:`_drop_dac`; an ordinary user has none).
    """
    limits = [_limit_memory]
    if as_user and os.geteuid() == 0:
        limits.append(_drop_dac)

    def before_exec() -> None:
        for limit in limits:
            limit()

    full = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "from procgen.cli import main; main()", *args],
            cwd=cwd,
            env=full,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
            preexec_fn=before_exec,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"procgen {' '.join(args)} did not finish within {timeout} s")
    said = proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), f"exit {proc.returncode}:\n{said}"
    assert "Traceback" not in said, said
    assert "internal error" not in said, said
    if expect is not None:
        assert proc.returncode == expect, f"exit {proc.returncode}, expected {expect}:\n{said}"
    if proc.returncode == 1:
        if located:
            assert LOCATED.search(said), f"no located error in:\n{said}"
        else:
            assert said.strip(), "exit 1 without a word"
    return proc


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def _drop_dac() -> None:
    """In the child, before exec: give up the capabilities that let root ignore file
    permissions, so ``chmod`` stops this process as it stops an ordinary user.

    Dropping them from the bounding set is enough: after ``exec`` a root process gets the
    bounding set as its capabilities. Any process with CAP_SETPCAP (root) may drop them.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def tree(folder: Path) -> dict[str, bytes]:
    """Every regular file below ``folder`` (relative path → bytes); links are not followed."""
    out: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if p.is_file() and not p.is_symlink():
                out[p.relative_to(folder).as_posix()] = p.read_bytes()
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``tmp_path/work`` holding ``procedures/`` = the kitchen-sink fixture (valid)."""
    work = tmp_path / "work"
    shutil.copytree(KITCHEN_SINK, work / "procedures")
    return work
