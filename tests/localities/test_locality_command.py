"""``procgen locality``: every overlay changed at once, comments and layout kept."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from procgen.cli import cli

BUNDLED = Path(__file__).resolve().parents[2] / "procedures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "procedures"
    shutil.copytree(BUNDLED, root)
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--procedures", str(root), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def added_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    assert not [d for d in diff if d.startswith("- ")], "a line was changed or lost"
    return [d[2:] for d in difflib.ndiff(before.splitlines(), after.splitlines())
            if d.startswith("+ ")]


def test_set_fee_adds_a_placeholder_everywhere_keeping_each_file(project: Path) -> None:
    text = (project / "land-change-registration.yaml").read_text("utf-8")
    fee = ("  - id: map-fee\n    label: {vi: Phí trích lục bản đồ, en: Map extract fee}\n"
           "    channels: [in_person]\n    set_by: locality\n    range: {min: 0, max: 50000}\n")
    (project / "land-change-registration.yaml").write_text(
        text.replace("fees:\n", "fees:\n" + fee, 1), "utf-8")
    before = {p: p.read_text("utf-8") for p in (project / "localities").glob("*.yaml")}
    code, out, err = run(project, "validate")
    assert "0 of 34 localities set fee 'map-fee'" in out  # one grouped line, at the fee
    assert out.count("PG405") == 1
    code, out, err = run(project, "locality", "set-fee", "land-change-registration", "map-fee",
                         "20000", "--placeholder")
    assert code == 0, err
    assert out.count("changed ") == 34
    for path, old in before.items():
        new = path.read_text("utf-8")
        assert added_lines(old, new) == ["    map-fee: {amount: 20000, placeholder: true}"]
    code, out, err = run(project, "validate")
    assert code == 0 and "PG405" not in out
    code, out, _ = run(project, "validate", "--strict")
    assert "map-fee" in out and "PG406" in out  # placeholders are listed under --strict


def test_set_fee_with_a_source_in_one_overlay(project: Path) -> None:
    code, _, err = run(project, "locality", "set-fee", "birth-registration",
                       "late-registration-fee", "9000", "--only", "hue", "--replace",
                       "--source", "Nghị quyết 1/2026/NQ-HĐND", "--url", "https://hue.gov.vn/nq")
    assert code == 0, err
    text = (project / "localities" / "hue.yaml").read_text("utf-8")
    assert ("late-registration-fee: {amount: 9000, source: {act: Nghị quyết 1/2026/NQ-HĐND, "
            "url: https://hue.gov.vn/nq}}") in text
    assert text.startswith("# Locality overlay")  # the comments are kept


@pytest.mark.parametrize(("args", "says"), [
    (["birth-registration", "no-such-fee", "1"], "has no fee 'no-such-fee'"),
    (["birth-registration", "extra-copy-fee", "1"], "set nationally"),
    (["birth-registraton", "late-registration-fee", "1"], "did you mean"),
    (["birth-registration", "late-registration-fee", "999999999", "--replace"], "outside"),
    (["birth-registration", "late-registration-fee", "1", "--only", "ha-no"], "did you mean"),
])
def test_set_fee_refusals_write_nothing(project: Path, args: list[str], says: str) -> None:
    before = {p: p.read_bytes() for p in (project / "localities").glob("*.yaml")}
    code, out, err = run(project, "locality", "set-fee", *args)
    assert code != 0 and says in out + err
    assert {p: p.read_bytes() for p in before} == before


def test_add_office_for_one_procedure(project: Path) -> None:
    old = (project / "localities" / "hue.yaml").read_text("utf-8")
    code, _, err = run(project, "locality", "add-office", "--name-vi", "Văn phòng đăng ký đất đai",
                       "--name-en", "Land registration office", "--address", "1 Lê Lợi, Huế",
                       "--procedure", "land-change-registration", "--only", "hue")
    assert code == 0, err
    new = (project / "localities" / "hue.yaml").read_text("utf-8")
    assert added_lines(old, new) == [
        "  - name: {vi: Văn phòng đăng ký đất đai, en: Land registration office}",
        "    address: 1 Lê Lợi, Huế",
        "    procedures: [land-change-registration]",
    ]
    code, out, _ = run(project, "validate")
    assert code == 0, out
    again = run(project, "locality", "add-office", "--name-vi", "Văn phòng đăng ký đất đai",
                "--name-en", "Land registration office", "--only", "hue")
    assert again[0] == 0 and "left 1" in again[2]


def test_validate_file_reports_what_the_whole_run_reports_there(project: Path) -> None:
    for overlay in ("hue", "ha-noi"):  # two overlays leave the online late fees unset
        path = project / "localities" / f"{overlay}.yaml"
        path.write_text("\n".join(line for line in path.read_text("utf-8").splitlines()
                                  if "late-registration-fee-online" not in line) + "\n",
                        "utf-8")
    _, whole, _ = run(project, "validate")
    _, one, _ = run(project, "validate", str(project / "birth-registration.yaml"))
    mine = [line for line in whole.splitlines() if "birth-registration.yaml" in line]
    assert mine and mine == [line for line in one.splitlines() if not line.startswith("  ")]
    assert "32 of 34 localities set fee 'late-registration-fee-online'" in one
    assert "not set by: ha-noi, hue" in one


def test_placeholders_are_listed_only_under_strict(project: Path) -> None:
    code, out, _ = run(project, "validate")
    assert code == 0 and "PG406" not in out
    code, out, _ = run(project, "validate", "--strict")
    assert code == 1 and "PG406" in out


@pytest.mark.parametrize("broken", [
    "procgen: 1\nlocality: hue\nlocality: hue\n",        # a duplicate key
    "procgen: 1\nlocality: hue\nname: [unclosed\n",      # a YAML error
    "procgen: 1\nlocality: hue\nname: Huế\nsteps: []\n",  # not an overlay key
])
def test_an_overlay_procgen_cannot_read_is_refused_first(project: Path, broken: str) -> None:
    (project / "localities" / "hue.yaml").write_text(broken, "utf-8")
    before = {p: p.read_bytes() for p in (project / "localities").glob("*.yaml")}
    code, _, err = run(project, "locality", "set-fee", "birth-registration",
                         "late-registration-fee", "8000", "--replace")
    assert code == 1 and "hue.yaml:" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before
