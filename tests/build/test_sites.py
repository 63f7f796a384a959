"""``procgen build --locality``: a locality's own site, and every locality's compiled once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.build.helpers import KITCHEN_SINK, Runner

from procgen.build import build, build_many


def _two_localities(tmp_path: Path) -> Path:
    """The kitchen sink with a second overlay (its own fee and office)."""
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN_SINK, root)
    second = (root / "localities" / "test-city.yaml").read_text("utf-8")
    second = (second.replace("locality: test-city", "locality: other-town")
              .replace("Thành phố Thử nghiệm", "Thị xã Khác").replace("Test City", "Other Town")
              .replace("desk-fee: 30000", "desk-fee: 45000")
              .replace("1 Test Street", "9 Other Road"))
    (root / "localities" / "other-town.yaml").write_text(second, "utf-8")
    return root


def test_one_site_is_a_procgen_output_of_its_own(tmp_path: Path, procgen: Runner) -> None:
    _two_localities(tmp_path)
    done = procgen(tmp_path, "build", "--locality", "other-town")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "generated-localities" / "other-town"
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    assert manifest["artifacts"] and not (tmp_path / "generated").exists()
    again = procgen(tmp_path, "build", "--locality", "other-town", "--check")
    assert again.returncode == 0, again.stderr


def test_an_unknown_locality_is_refused_with_a_suggestion(tmp_path: Path,
                                                          procgen: Runner) -> None:
    _two_localities(tmp_path)
    done = procgen(tmp_path, "build", "--locality", "other-twn")
    assert done.returncode == 1
    assert "did you mean 'other-town'" in done.stderr
    assert not (tmp_path / "generated-localities").exists()


def test_all_sites_compile_each_procedure_once(tmp_path: Path) -> None:
    root = _two_localities(tmp_path)
    outs = [(s, tmp_path / "sites" / s) for s in ("other-town", "test-city")]
    results = build_many(root, outs, jobs=1)
    assert [r.failed for r in results] == [False, False]
    assert [r.compiled for r in results] == [1, 1]  # one procedure, compiled for both
    again = build_many(root, outs, jobs=1)
    assert all(r.up_to_date for r in again)


def test_each_site_equals_a_site_built_alone(tmp_path: Path) -> None:
    root = _two_localities(tmp_path)
    together = [(s, tmp_path / "all" / s) for s in ("other-town", "test-city")]
    build_many(root, together, jobs=2)
    for site, folder in together:
        alone = tmp_path / "alone" / site
        build(root, alone, jobs=1, site=site)
        assert _tree(folder) == _tree(alone), site


def test_files_the_same_in_two_sites_share_their_bytes(tmp_path: Path) -> None:
    root = _two_localities(tmp_path)
    outs = [(s, tmp_path / "sites" / s) for s in ("other-town", "test-city")]
    build_many(root, outs, jobs=1)
    a, b = (_tree(folder) for _, folder in outs)
    same = [p for p in a if a[p] == b.get(p) and p != "manifest.json"]
    linked = [p for p in same
              if (outs[0][1] / p).stat().st_ino == (outs[1][1] / p).stat().st_ino]
    assert same and linked  # identical outputs are hard links, not copies


def test_all_writes_one_folder_per_locality(tmp_path: Path, procgen: Runner) -> None:
    _two_localities(tmp_path)
    done = procgen(tmp_path, "build", "--locality", "all", "--out", "public")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "public").iterdir()
                  if not p.name.startswith(".")) == ["other-town", "test-city"]
    assert "2 locality sites" in done.stderr
    check = procgen(tmp_path, "build", "--locality", "all", "--out", "public", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
