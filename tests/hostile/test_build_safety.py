"""Hostile input, part A: the build never destroys what it does not own; odd files are reported.

Issue 14. Every case runs the real command in a temporary project (``project``: the kitchen
sink in ``tmp_path/work``) and holds it to CLI.md's promise (see ``conftest.py``):

* ``build`` replaces only an output folder it owns: absent, empty, or carrying procgen's
  ``manifest.json``. A user's folder, a symbolic link, a folder inside or above the
  procedures folder is refused with a located error; a sentinel file in each place survives.
* ``kill -9`` of the main build process alone leaves no worker holding the cache lock.
* A read-only output gives a clean exit 1 with the reason, and the next build recovers.
* A procedures entry that is not a regular, readable file of at most 5 MB (a folder named
  ``x.yaml``, a FIFO, a dangling link, a link to ``/dev/zero``, a huge or unreadable file) is
  reported by ``validate`` and ``build`` alike, without hanging or eating memory.
* A file name that is not UTF-8 is reported by ``build`` and ``diff --base``, not a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.hostile.conftest import TIME_LIMIT, hostile, tree

LINUX = sys.platform.startswith("linux")


# -- helpers ------------------------------------------------------------------------------------


def everything(folder: Path) -> dict[str, object]:
    """Every entry below ``folder``: file bytes, link targets, and folders (links not followed)."""
    out: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            p = Path(dirpath, name)
            rel = p.relative_to(folder).as_posix()
            if p.is_symlink():
                out[rel] = ("link", str(p.readlink()))
            elif p.is_dir():
                out[rel] = "dir"
            elif p.is_file():
                out[rel] = p.read_bytes()
            else:
                out[rel] = "special"
    return out


def consistent(out: Path) -> None:
    """``out`` holds exactly what its manifest lists, with matching hashes."""
    files = tree(out)
    manifest = json.loads(files.pop("manifest.json"))
    listed = {a["path"]: a["sha256"] for a in manifest["artifacts"]}
    assert set(listed) == set(files)
    for path, data in files.items():
        assert hashlib.sha256(data).hexdigest() == listed[path], path


def run(
    cwd: Path,
    *args: str,
    expect: int,
    as_user: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """:func:`hostile` with an exit code it must end with (and, with ``as_user``, an ordinary
    user's file permissions)."""
    return hostile(cwd, *args, expect=expect, as_user=as_user, env=env)


def errors(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The located error lines a command printed, sorted."""
    return sorted(m.group(0) for m in _LINE.finditer(proc.stdout + proc.stderr))


_LINE = re.compile(r"^\S[^\n]*: error\[PG\d{3}\]: [^\n]*$", re.M)


# -- 1. the build replaces only an output it owns ----------------------------------------------


def _foreign(work: Path) -> str:
    docs = work / "documents"
    (docs / "letters").mkdir(parents=True)
    (docs / "thesis.txt").write_text("five years of work\n")
    (docs / "letters" / "mum.txt").write_text("hi\n")
    return "documents"


def _foreign_manifest(work: Path) -> str:
    app = work / "app"
    app.mkdir()
    (app / "manifest.json").write_text('{"name": "My web app", "start_url": "/"}\n')
    (app / "index.html").write_text("<h1>mine</h1>\n")
    return "app"


def _lookalike_manifest(work: Path) -> str:
    """A manifest with procgen's keys but another tool's name."""
    app = work / "site"
    app.mkdir()
    doc = {"generator": "othertool 1.0", "targets": [], "artifacts": []}
    (app / "manifest.json").write_text(json.dumps(doc))
    (app / "page.html").write_text("<p>keep</p>\n")
    return "site"


def _link_to_foreign(work: Path) -> str:
    target = work.parent / "elsewhere"
    target.mkdir()
    (target / "sentinel.txt").write_text("keep me\n")
    (work / "generated").symlink_to(target)
    return "generated"


def _link_to_output(work: Path) -> str:
    """Even a link to a real procgen output is not followed to swap its target."""
    hostile(work, "build", "--out", "../real-output", "-j", "1", expect=0)
    (work / "generated").symlink_to(work.parent / "real-output")
    return "generated"


def _dangling_link(work: Path) -> str:
    (work / "generated").symlink_to(work.parent / "nowhere")
    return "generated"


def _in_procedures(sub: str) -> Callable[[Path], str]:
    def make(work: Path) -> str:
        return f"procedures/{sub}"

    return make


OUTPUTS: dict[str, Callable[[Path], str]] = {
    "a user's folder": _foreign,
    "a folder with another tool's manifest.json": _foreign_manifest,
    "a manifest.json naming another tool": _lookalike_manifest,
    "generated is a link to a user's folder": _link_to_foreign,
    "generated is a link to a procgen output": _link_to_output,
    "generated is a dangling link": _dangling_link,
    "procedures/common": _in_procedures("common"),
    "procedures/lists": _in_procedures("lists"),
    "procedures/localities": _in_procedures("localities"),
    "a new folder inside procedures": _in_procedures("out"),
    "a folder below procedures/common": _in_procedures("common/deeper"),
    "the project folder (above procedures)": lambda work: ".",
    "the folder above the project": lambda work: "..",
}


@pytest.mark.parametrize("make", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_build_refuses_an_output_it_does_not_own(
    project: Path, make: Callable[[Path], str]
) -> None:
    out = make(project)
    (project / "procedures" / "common" / "sentinel.txt").write_text("shared, keep\n")
    everywhere = project.parent
    before = everything(everywhere)

    for extra in ((), ("--check",), ("--format", "json")):
        r = hostile(project, "build", "--out", out, "-j", "1", *extra, expect=1,
                    located=extra != ("--format", "json"))
        said = r.stdout + r.stderr
        assert "PG109" in said, said
        assert out.rstrip("/").split("/")[-1] in said, said  # names the folder
        assert "--out" in said, said  # and how to go on
        assert everything(everywhere) == before  # nothing written, nothing removed

    if out == "generated":  # the default output is refused the same way
        r = hostile(project, "build", "-j", "1", expect=1)
        assert "PG109" in r.stdout + r.stderr
        assert everything(everywhere) == before


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"], ids=["link-to-dev-zero", "fifo"])
def test_odd_files_put_inside_the_output_are_replaced_not_read(
    project: Path, target: str
) -> None:
    """The build owns its output, but not what a link put there points to."""
    hostile(project, "build", "-j", "1", expect=0)
    page = project / "generated" / "mobile" / "kitchen-sink.json"
    page.unlink()
    if target == "fifo":
        os.mkfifo(page)
    else:
        page.symlink_to(target)
    run(project, "build", "-j", "1", expect=0)
    consistent(project / "generated")
    assert page.is_file() and not page.is_symlink()


# -- 2. kill -9 of the main process alone ---------------------------------------------------------


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def many(project: Path) -> Path:
    """The project with 300 copies of the kitchen-sink procedure (renamed ids)."""
    src = project / "procedures" / "kitchen-sink.yaml"
    text = src.read_text("utf-8")
    for i in range(300):
        pid = f"kitchen-sink-{i:03d}"
        (project / "procedures" / f"{pid}.yaml").write_text(
            text.replace("id: kitchen-sink\n", f"id: {pid}\n", 1), "utf-8"
        )
    (project / "procedures" / "localities").rename(project / "localities-unused")
    return project


@pytest.fixture
def reaper() -> Iterator[set[int]]:
    """Pids the test saw; any still alive at the end are killed (they are the test's own)."""
    pids: set[int] = set()
    yield pids
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not LINUX, reason="finds the workers through /proc")
def test_kill_9_of_the_main_process_leaves_no_lock_behind(many: Path, reaper: set[int]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from procgen.cli import main; main()", "build", "-j", "2"],
        cwd=many,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reaper.add(proc.pid)
    stage = many / ".generated.procgen-new"
    deadline = time.monotonic() + TIME_LIMIT
    while time.monotonic() < deadline:  # mid-build: workers running, some files staged
        reaper.update(_children(proc.pid))
        if len(reaper) >= 3 and stage.is_dir() and any(stage.rglob("*.json")):
            break
        time.sleep(0.01)
    else:
        proc.kill()
        pytest.fail("the build never got going")
    assert proc.poll() is None, "the build finished before it could be killed"
    workers = set(reaper) - {proc.pid}
    proc.send_signal(signal.SIGKILL)  # the main process alone, not its group
    proc.wait(timeout=10)

    hostile(many, "build", "-j", "2", expect=0)  # does not wait for a lock nobody needs
    consistent(many / "generated")
    assert not (many / ".generated.procgen-new").exists()
    deadline = time.monotonic() + 5
    while [p for p in workers if _alive(p)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in workers if _alive(p)], "workers outlived their parent"


# -- 3. a read-only output ----------------------------------------------------------------------


def _chmod_tree(root: Path, *, writable: bool) -> None:
    for dirpath, _, _ in os.walk(root):
        Path(dirpath).chmod(0o755 if writable else 0o555)


@pytest.mark.skipif(not LINUX, reason="drops root's capabilities with prctl")
def test_read_only_output_fails_cleanly_and_the_next_build_recovers(
    project: Path
) -> None:
    run(project, "build", "-j", "1", expect=0)
    out = project / "generated"
    src = project / "procedures" / "kitchen-sink.yaml"
    src.write_text(src.read_text("utf-8").replace("revision: 2", "revision: 3", 1), "utf-8")
    _chmod_tree(out, writable=False)

    def outside_cache() -> dict[str, object]:  # the cache is procgen's own, and may grow
        return {k: v for k, v in everything(project).items() if ".procgen-cache" not in k}

    try:
        before = outside_cache()
        r = run(project, "build", "-j", "1", expect=1, as_user=True)
        said = r.stdout + r.stderr
        assert "PG109" in said and "Permission denied" in said, said
        assert outside_cache() == before  # the old output whole, no staging left over
        r = run(project, "build", "-j", "1", expect=1, as_user=True)  # the same, again
        assert "PG109" in r.stdout + r.stderr
        assert outside_cache() == before
    finally:
        _chmod_tree(out, writable=True)
    run(project, "build", "-j", "1", expect=0, as_user=True)
    consistent(out)
    assert json.loads((out / "manifest.json").read_text())["artifacts"]
    assert sorted(p.name for p in project.iterdir()) == [".procgen-cache", "generated",
                                                          "procedures"]


@pytest.mark.skipif(not LINUX, reason="drops root's capabilities with prctl")
def test_a_read_only_leftover_does_not_block_later_builds(project: Path) -> None:
    """What an earlier build left after failing to delete a read-only old tree."""
    run(project, "build", "-j", "1", expect=0)
    out = project / "generated"
    shutil.copytree(out, project / ".generated.procgen-new")
    _chmod_tree(project / ".generated.procgen-new", writable=False)
    src = project / "procedures" / "kitchen-sink.yaml"
    src.write_text(src.read_text("utf-8").replace("revision: 2", "revision: 3", 1), "utf-8")
    run(project, "build", "-j", "1", expect=0, as_user=True)
    consistent(out)
    assert not (project / ".generated.procgen-new").exists()


# -- 4. odd entries among the procedures --------------------------------------------------------


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _folder(p: Path) -> None:
    p.mkdir()
    (p / "inner.yaml").write_text("procgen: 1\n")


def _dangling(p: Path) -> None:
    p.symlink_to(p.parent / "missing-target.yaml")


def _dev_zero(p: Path) -> None:
    p.symlink_to("/dev/zero")


def _huge(p: Path) -> None:
    with p.open("wb") as f:  # sparse: 6 MB that take no room on disk
        f.write(b"procgen: 1\n# ")
        f.seek(6 * 1024 * 1024)
        f.write(b"\n")


def _loop(p: Path) -> None:
    p.symlink_to(p.name)


ENTRIES: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "folder": _folder,
    "dangling-link": _dangling,
    "link-to-dev-zero": _dev_zero,
    "over-5-MB": _huge,
    "link-loop": _loop,
}
PLACES = {"procedures": "", "common": "common/", "lists": "lists/", "localities": "localities/"}


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
@pytest.mark.parametrize("make", ENTRIES.values(), ids=ENTRIES.keys())
def test_odd_entries_are_reported_by_validate_and_build_alike(
    project: Path, make: Callable[[Path], None], place: str
) -> None:
    """Added after a good build, so the no-op path (which reads no YAML) is tried too."""
    hostile(project, "build", "-j", "1", expect=0)
    before = tree(project / "generated")
    name = f"{place}odd.yaml"
    make(project / "procedures" / name)
    v = run(project, "validate", expect=1)
    assert any(f"procedures/{name}:1:1: error[PG100]" in line for line in errors(v)), v.stdout
    for jobs in ("1", "3"):  # in the main process, and in workers
        b = run(project, "build", "-j", jobs, expect=1)
        assert errors(b) == errors(v)
    assert tree(project / "generated") == before


@pytest.mark.skipif(not LINUX, reason="drops root's capabilities with prctl")
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_unreadable_files_are_reported_by_validate_and_build_alike(
    project: Path, place: str
) -> None:
    path = project / "procedures" / f"{place}secret.yaml"
    path.write_text("procgen: 1\n")
    path.chmod(0)
    v = run(project, "validate", expect=1, as_user=True)
    b = run(project, "build", "-j", "1", expect=1, as_user=True)
    assert any("secret.yaml:1:1: error[PG100]" in line for line in errors(v)), v.stdout
    assert errors(b) == errors(v)


# -- 5. a file name that is not UTF-8 ----------------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="needs a file system that takes any bytes in names")
def test_a_file_name_that_is_not_utf8(project: Path) -> None:
    procedures = os.fsencode(project / "procedures")
    src = project / "procedures" / "kitchen-sink.yaml"
    shutil.copyfile(src, os.fsdecode(procedures + b"/caf\xe9.yaml"))
    v = hostile(project, "validate", expect=1)
    b = hostile(project, "build", "-j", "1", expect=1)
    assert errors(b) == errors(v)
    hostile(project, "build", "-j", "1", "--format", "json", expect=1, located=False)
    hostile(project, "build", "-j", "1", "--format", "github", expect=1, located=False)

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "."], cwd=project, check=True)
    subprocess.run([*git, "add", "procedures"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=project, check=True)
    d = hostile(project, "diff", "--base", "HEAD", expect=1)
    assert "caf" in d.stderr
