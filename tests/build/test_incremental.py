"""Build: the content-hash cache. A no-op rebuild reads no YAML, imports no Jinja or lark and
writes nothing; one changed file recompiles that file only; every incremental result equals a
build from scratch; parallel compiles report what ``load_portal`` reports.

Requirement (issue 8): incremental builds keyed by procedure + blocks + lists + overlays +
compiler version; -j N parallel compile.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.build.helpers import (
    BUNDLED,
    KITCHEN_SINK,
    Runner,
    copy_project,
    set_revision,
    snapshot,
    stamps,
)

from procgen.build import build
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal

PROBE = """
import json, sys
from procgen.cli import main
try:
    main()
except SystemExit as e:
    code = e.code
heavy = ["jinja2", "lark", "yaml", "jsonschema", "procgen.model", "procgen.targets.web.render"]
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def from_scratch(project: Path, tmp: Path) -> dict[str, bytes]:
    """Build a copy of the project with no cache; the tree it produces."""
    fresh = tmp / "scratch"
    if fresh.exists():
        shutil.rmtree(fresh)
    shutil.copytree(project / "procedures", fresh / "procedures")
    result = build(fresh / "procedures", fresh / "generated", jobs=1)
    assert not result.failed, result.diagnostics
    return snapshot(fresh / "generated")


def test_noop_rebuild_reads_and_writes_nothing(bundled: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, "build"],
        cwd=bundled,
        capture_output=True,
        text=True,
        check=False,
    )
    first = json.loads(r.stdout.splitlines()[-1])
    assert first["code"] in (0, None), r.stderr
    assert {"yaml", "procgen.model"} <= set(first["loaded"])  # the probe sees real imports
    out, cache = bundled / "generated", bundled / ".procgen-cache"
    before, cache_before = stamps(out), stamps(cache)

    r = subprocess.run(
        [sys.executable, "-c", PROBE, "build"],
        cwd=bundled,
        capture_output=True,
        text=True,
        check=False,
    )
    second = json.loads(r.stdout.splitlines()[-1])
    assert second == {"code": None, "loaded": []} or second == {"code": 0, "loaded": []}, second
    assert "up to date" in r.stderr
    assert stamps(out) == before
    assert stamps(cache) == cache_before


def test_one_changed_procedure_recompiles_only_it(bundled: Path, tmp_path: Path) -> None:
    root, out = bundled / "procedures", bundled / "generated"
    assert build(root, out, jobs=2).compiled == 4
    untouched = stamps(out)["web/vi/birth-registration.html"]
    set_revision(root / "stay-notification.yaml", 5)
    result = build(root, out, jobs=2)
    assert (result.compiled, result.failed) == (1, False)
    assert "manifest.json" in result.changed
    assert all(
        "stay-notification" in p
        or p in ("manifest.json", "openapi/portal.yaml", "openapi/portal.bundled.yaml")
        for p in result.changed
    ), result.changed
    assert stamps(out)["web/vi/birth-registration.html"] == untouched  # linked, not rewritten
    assert snapshot(out) == from_scratch(bundled, tmp_path)


def test_shared_block_change_recompiles_everything(bundled: Path, tmp_path: Path) -> None:
    root, out = bundled / "procedures", bundled / "generated"
    build(root, out, jobs=2)
    block = root / "common" / "contact.yaml"
    text = block.read_text()
    assert "en: Contact phone" in text
    block.write_text(text.replace("en: Contact phone", "en: Phone to reach you", 1))
    result = build(root, out, jobs=2)
    assert result.compiled == 4
    assert snapshot(out) == from_scratch(bundled, tmp_path)


def test_locality_change_reemits_every_procedure(kitchen: Path, tmp_path: Path) -> None:
    # Each page carries every province's amounts and offices, so an overlay edit is in each.
    root, out = kitchen / "procedures", kitchen / "generated"
    build(root, out, jobs=1)
    overlay = root / "localities" / "test-city.yaml"
    text = overlay.read_text()
    overlay.write_text(text.replace("desk-fee: 30000", "desk-fee: 31000"))
    result = build(root, out, jobs=1)
    assert (result.compiled, result.failed, result.up_to_date) == (1, False, False)
    assert snapshot(out) == from_scratch(kitchen, tmp_path)


def test_new_procedure_and_noop_after_it(bundled: Path) -> None:
    root, out = bundled / "procedures", bundled / "generated"
    build(root, out, jobs=1)
    shutil.copyfile(BUNDLED / "death-registration.yaml", root / "death-registration.yaml")
    result = build(root, out, jobs=1)
    assert result.compiled == 1
    assert "web/en/death-registration.html" in result.added
    again = build(root, out, jobs=1)
    assert again.up_to_date and again.compiled == 0


def test_corrupt_cache_is_a_miss(bundled: Path, tmp_path: Path) -> None:
    root, out = bundled / "procedures", bundled / "generated"
    build(root, out, jobs=1)
    cache = bundled / ".procgen-cache"
    for entry in (cache / "entries").iterdir():
        entry.write_bytes(b"\xc1 not MessagePack")
    for state in cache.glob("state-*.json"):
        state.write_text("{")
    result = build(root, out, jobs=1)
    assert (result.failed, result.compiled, result.stale) == (False, 4, False)
    assert snapshot(out) == from_scratch(bundled, tmp_path)


class _Touch:
    """A pickle that, if anything ever unpickled it, would create ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.path,))


def test_cache_entries_are_data_not_code(bundled: Path, tmp_path: Path) -> None:
    """An entry swapped for a pickle is a miss and its code never runs; so is another key's
    entry copied under this key."""
    root, out = bundled / "procedures", bundled / "generated"
    build(root, out, jobs=1)
    entries = sorted((bundled / ".procgen-cache" / "entries").iterdir())
    assert len(entries) == 4 and all(e.suffix == ".msgpack" for e in entries)
    ran = tmp_path / "ran"
    entries[0].write_bytes(pickle.dumps(_Touch(ran)))
    entries[1].write_bytes(entries[2].read_bytes())
    for state in (bundled / ".procgen-cache").glob("state-*.json"):
        state.unlink()  # so the build looks the entries up instead of trusting the state
    result = build(root, out, jobs=1)
    assert not ran.exists()
    assert (result.failed, result.compiled) == (False, 2)
    assert snapshot(out) == from_scratch(bundled, tmp_path)


@pytest.mark.parametrize("source", [KITCHEN_SINK, BUNDLED], ids=["kitchen-sink", "bundled"])
def test_parallel_build_reports_what_load_portal_reports(source: Path, tmp_path: Path) -> None:
    root = copy_project(source, tmp_path / "procedures")
    src = sorted(p for p in root.glob("*.yaml") if p.name != "procgen.yaml")[0]
    text = src.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    src.write_text(text.replace(title, "title: Chỉ có tiếng Việt"))  # a PG118 warning
    sink = DiagnosticSink()
    load_portal(root, sink)
    result = build(root, tmp_path / "generated", jobs=3)
    expected = set(sink.items)
    got = set(result.diagnostics)
    assert expected <= got
    assert any(d.code == "PG118" for d in expected)
    extra = got - expected
    # the build may add target warnings (PG5xx) and checks of unused list labels only
    assert all(
        d.code.startswith("PG5") or "lists/" in (d.span.file if d.span else "") for d in extra
    ), extra


def test_jobs_do_not_change_output(procgen: Runner, tmp_path: Path) -> None:
    trees = []
    for jobs in ("1", "3"):
        proj = tmp_path / jobs
        copy_project(BUNDLED, proj / "procedures")
        r = procgen(proj, "build", "-j", jobs)
        assert r.returncode == 0, r.stdout + r.stderr
        trees.append(snapshot(proj / "generated"))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 90
