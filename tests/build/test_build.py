"""Build: byte-identical output, manifest, --check, stale files, bad input, --strict, targets.

Requirements (issue 8): deterministic output (runs, PYTHONHASHSEED, file-system order, -j);
manifest.json lists every artifact with path, sha256, procedure id and revision, no
timestamps; --check writes nothing and lists every file to add, change or remove; stale files
of removed procedures disappear; input errors exit 1 and write nothing; --strict fails on
warnings.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from tests.build.helpers import (
    BUNDLED,
    SUBSET,
    Runner,
    copy_project,
    set_revision,
    snapshot,
    stamps,
)

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal


def build(procgen: Runner, cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    r = procgen(cwd, "build", *args, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stderr


def test_two_builds_are_byte_identical(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled, "-j", "2")
    first = snapshot(bundled / "generated")
    shutil.rmtree(bundled / "generated")
    shutil.rmtree(bundled / ".procgen-cache")
    build(procgen, bundled, "-j", "1")
    second = snapshot(bundled / "generated")
    assert first == second
    assert len(first) > 10


def test_hash_seed_and_directory_order_do_not_matter(procgen: Runner, tmp_path: Path) -> None:
    trees = []
    for seed, reverse in (("0", False), ("4242", True)):
        proj = tmp_path / seed
        copy_project(BUNDLED, proj / "procedures", only=SUBSET, reverse=reverse)
        build(procgen, proj, "-j", "2", env={"PYTHONHASHSEED": seed})
        trees.append(snapshot(proj / "generated"))
    assert trees[0] == trees[1]


def test_manifest_lists_every_artifact(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled)
    out = bundled / "generated"
    raw = (out / "manifest.json").read_bytes()
    manifest = json.loads(raw)
    artifacts = manifest["artifacts"]
    files = snapshot(out)
    del files["manifest.json"]
    assert [a["path"] for a in artifacts] == sorted(files)
    portal = load_portal(bundled / "procedures", DiagnosticSink())
    revisions = {p.id: p.revision for p in portal.procedures}
    for a in artifacts:
        assert a["sha256"] == hashlib.sha256(files[a["path"]]).hexdigest()
        if a["procedure"] is None:
            assert a["revision"] is None
            assert not any(pid in a["path"] for pid in revisions), a
        else:
            assert a["procedure"] in a["path"]
            assert a["revision"] == revisions[a["procedure"]]
    assert {a["procedure"] for a in artifacts} - {None} == set(revisions)
    assert "web/assets/procgen.css" in files
    assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", raw)  # no timestamps


def test_check_fresh_then_stale(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled)
    out = bundled / "generated"
    r = procgen(bundled, "build", "--check")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""

    (out / "web" / "vi" / "birth-registration.html").unlink()
    (out / "web" / "assets" / "procgen.css").write_text("tampered")
    (out / "web" / "vi" / "old-procedure.html").write_text("left over")
    before = stamps(out)
    cache_before = stamps(bundled / ".procgen-cache")
    r = procgen(bundled, "build", "--check")
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "add generated/web/vi/birth-registration.html",
        "change generated/web/assets/procgen.css",
        "remove generated/web/vi/old-procedure.html",
    ]
    assert stamps(out) == before  # --check wrote nothing
    assert stamps(bundled / ".procgen-cache") == cache_before

    build(procgen, bundled)
    assert procgen(bundled, "build", "--check").returncode == 0


def test_check_without_any_output_lists_every_file(procgen: Runner, kitchen: Path) -> None:
    r = procgen(kitchen, "build", "--check")
    assert r.returncode == 1
    listed = r.stdout.splitlines()
    assert "add generated/manifest.json" in listed
    assert "add generated/web/vi/kitchen-sink.html" in listed
    assert all(line.startswith("add ") for line in listed)
    assert not (kitchen / "generated").exists()
    assert not (kitchen / ".procgen-cache").exists()


def test_check_writes_no_template_cache_either(
    procgen: Runner, kitchen: Path, tmp_path: Path
) -> None:
    """The template cache ($PROCGEN_TEMPLATE_CACHE here; by default .procgen-cache/templates)
    is read under --check, never written."""
    cache = tmp_path / "templates"
    env = {"PROCGEN_TEMPLATE_CACHE": str(cache)}
    assert procgen(kitchen, "build", "--check", env=env).returncode == 1
    assert not cache.exists()
    build(procgen, kitchen, env=env)
    filled = sorted(p.name for p in cache.iterdir())
    assert filled, "a build fills the cache"
    shutil.rmtree(kitchen / "generated")
    assert procgen(kitchen, "build", "--check", env=env).returncode == 1
    assert sorted(p.name for p in cache.iterdir()) == filled


def test_check_sees_an_input_change(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled)
    set_revision(bundled / "procedures" / "stay-notification.yaml", 7)
    r = procgen(bundled, "build", "--check")
    assert r.returncode == 1
    changed = r.stdout.splitlines()
    assert "change generated/manifest.json" in changed
    assert any("stay-notification" in line for line in changed)
    assert not any("birth-registration" in line for line in changed)


def test_removed_procedure_loses_its_files(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled)
    out = bundled / "generated"
    assert (out / "web" / "en" / "stay-notification.html").is_file()
    (bundled / "procedures" / "stay-notification.yaml").unlink()
    build(procgen, bundled)
    left = [p for p in snapshot(out) if "stay-notification" in p]
    assert left == []
    manifest = json.loads((out / "manifest.json").read_text())
    assert "stay-notification" not in {a["procedure"] for a in manifest["artifacts"]}
    assert (out / "web" / "en" / "birth-registration.html").is_file()


def test_bad_input_exits_1_and_writes_nothing(procgen: Runner, bundled: Path) -> None:
    build(procgen, bundled)
    out = bundled / "generated"
    before, files = stamps(out), snapshot(out)
    src = bundled / "procedures" / "marriage-registration.yaml"
    src.write_text(src.read_text() + "\nnot_a_key: 1\n")
    r = procgen(bundled, "build")
    assert r.returncode == 1
    assert "marriage-registration.yaml" in r.stdout
    assert "error[PG" in r.stdout
    assert stamps(out) == before
    assert snapshot(out) == files
    assert sorted(p.name for p in bundled.iterdir()) == [
        ".procgen-cache",
        "generated",
        "procedures",
    ]


def test_strict_fails_on_warnings_and_writes_nothing(procgen: Runner, kitchen: Path) -> None:
    src = kitchen / "procedures" / "kitchen-sink.yaml"
    text = src.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    src.write_text(text.replace(title, "title: Thủ tục mẫu"))  # no English: PG118 warning
    r = procgen(kitchen, "build", "--strict")
    assert r.returncode == 1
    assert "PG118" in r.stdout
    assert not (kitchen / "generated").exists()
    r = procgen(kitchen, "build")
    assert r.returncode == 0
    assert "warning[PG118]" in r.stdout
    r = procgen(kitchen, "build", "--strict")  # the no-op path still reports and fails
    assert r.returncode == 1
    assert "PG118" in r.stdout


def test_target_subset_and_unknown_target(procgen: Runner, kitchen: Path) -> None:
    r = procgen(kitchen, "build", "--target", "wbe")
    assert r.returncode == 2
    assert "did you mean 'web'" in r.stderr
    build(procgen, kitchen, "--target", "web")
    out = kitchen / "generated"
    assert {p.split("/")[0] for p in snapshot(out)} == {"web", "manifest.json"}
    assert json.loads((out / "manifest.json").read_text())["targets"] == ["web"]


def test_hand_edited_output_is_restored(procgen: Runner, kitchen: Path) -> None:
    build(procgen, kitchen)
    page = kitchen / "generated" / "web" / "en" / "kitchen-sink.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"<html", b"<html data-edited"))
    err = build(procgen, kitchen)
    assert "1 changed" in err
    assert page.read_bytes() == good


def test_json_format_reports_diagnostics(procgen: Runner, kitchen: Path) -> None:
    src = kitchen / "procedures" / "kitchen-sink.yaml"
    src.write_text(src.read_text().replace("revision: 2", "revision: two", 1))
    r = procgen(kitchen, "build", "--format", "json")
    assert r.returncode == 1
    items = json.loads(r.stdout)
    assert items and all(i["file"].endswith("kitchen-sink.yaml") for i in items)


def test_check_without_cache_compares_bytes(procgen: Runner, bundled: Path) -> None:
    """CI checks a committed generated/ on a fresh checkout: no cache, same bytes → exit 0."""
    build(procgen, bundled)
    shutil.rmtree(bundled / ".procgen-cache")
    r = procgen(bundled, "build", "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (bundled / ".procgen-cache").exists()
    page = bundled / "generated" / "mobile" / "stay-notification.json"
    page.write_bytes(page.read_bytes().replace(b"{", b"{ ", 1))
    r = procgen(bundled, "build", "--check")
    assert (r.returncode, r.stdout) == (1, "change generated/mobile/stay-notification.json\n")


def test_output_folder_that_holds_the_input_is_refused(procgen: Runner, kitchen: Path) -> None:
    before = snapshot(kitchen)
    for out in (".", str(kitchen), "procedures/.."):
        r = procgen(kitchen, "build", "--out", out)
        assert r.returncode == 1, (out, r.stderr)
        assert f"{out}:1:1: error[PG109]: " in r.stdout
        assert "holds the procedures" in r.stdout
    (kitchen / "afile").write_text("x")
    r = procgen(kitchen, "build", "--out", "afile")
    assert r.returncode == 2  # click refuses a file for --out
    assert "is a file" in r.stderr
    (kitchen / "afile").unlink()
    assert snapshot(kitchen) == before


def test_outputs_the_build_owns_are_replaced(procgen: Runner, kitchen: Path) -> None:
    """Absent, empty, or an earlier procgen output (any version) is the build's to replace
    (issue 14); a link among the *parent* folders is fine, only the output's own name is not
    followed."""
    (kitchen / "empty").mkdir()
    build(procgen, kitchen, "--out", "empty", "-j", "1")
    assert (kitchen / "empty" / "manifest.json").is_file()

    manifest = kitchen / "empty" / "manifest.json"
    doc = json.loads(manifest.read_text())
    doc["generator"] = "procgen 0.0.1"
    manifest.write_text(json.dumps(doc))
    (kitchen / "empty" / "stray.txt").write_text("put here by hand\n")
    build(procgen, kitchen, "--out", "empty", "-j", "1")
    assert json.loads(manifest.read_text())["generator"].startswith("procgen ")
    assert not (kitchen / "empty" / "stray.txt").exists()

    (kitchen / "real-parent").mkdir()
    (kitchen / "via").symlink_to("real-parent")
    build(procgen, kitchen, "--out", "via/out", "-j", "1")
    assert (kitchen / "real-parent" / "out" / "manifest.json").is_file()
    assert snapshot(kitchen / "real-parent" / "out") == snapshot(kitchen / "empty")


def test_a_refused_output_is_refused_before_anything_is_created(
    procgen: Runner, kitchen: Path
) -> None:
    (kitchen / "mine").mkdir()
    (kitchen / "mine" / "notes.txt").write_text("mine\n")
    before = sorted(p.name for p in kitchen.iterdir())
    r = procgen(kitchen, "build", "--out", "mine")
    assert r.returncode == 1
    assert r.stdout.startswith("mine:1:1: error[PG109]: cannot write the output folder mine: ")
    assert sorted(p.name for p in kitchen.iterdir()) == before  # not even .procgen-cache


def test_unwritable_cache_never_fails_a_build(procgen: Runner, kitchen: Path) -> None:
    """The cache is best effort: an entry or state that cannot be written (here: a file where
    the entries folder should be) makes the next build slower, not this one fail."""
    (kitchen / ".procgen-cache").mkdir()
    (kitchen / ".procgen-cache" / "entries").write_text("in the way\n")
    build(procgen, kitchen, "-j", "1")
    assert (kitchen / "generated" / "manifest.json").is_file()
