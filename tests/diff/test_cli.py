"""``procgen diff`` on the command line (issue 9, CLI.md "Diff").

Covers: two folders (changes to a block and a locality overlay reported through every procedure
they affect), two files, --format text|markdown|json, --lang, --fail-on breaking|burden|any,
input errors on either side (diagnostics, exit 1), usage errors (exit 2), and --base GITREV
in a temporary git repository (old files read with git, the working tree left alone).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from tests.diff.conftest import PROJECT, ROOT, load_clean

from procgen.cli import cli

CASES = Path(__file__).resolve().parent / "cases"
PROCEDURES = ROOT / "procedures"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def edit_yaml(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def real_pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(PROCEDURES, old)
    shutil.copytree(PROCEDURES, new)
    return old, new


def test_block_change_shows_in_every_procedure_using_it(real_pair: tuple[Path, Path]) -> None:
    old, new = real_pair
    users = sorted(p.id for p in load_clean(old).procedures
                   if any(f.block == "contact" and f.id == "contact_email" for f in p.fields))
    assert users, "no bundled procedure uses the contact block"

    def optional_email(data: dict[str, Any]) -> None:
        for f in data["fields"]:
            if f["id"] == "contact_email":
                f["required"] = False

    edit_yaml(new / "common" / "contact.yaml", optional_email)
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    hit = sorted(c["procedure"] for c in changes if c["path"] == "fields.contact_email.required")
    assert hit == users
    assert all(c["classes"] == ["burden-"] for c in changes
               if c["path"] == "fields.contact_email.required")
    # Each affected procedure changed substantively without a revision bump.
    warned = {w["procedure"] for w in json.loads(result.stdout)["warnings"]}
    assert warned == set(users)


def test_locality_overlay_change_shows_per_procedure(real_pair: tuple[Path, Path]) -> None:
    old, new = real_pair
    overlay = sorted((new / "localities").glob("*.yaml"))[0]
    raised: list[tuple[str, str]] = []

    def raise_first(data: dict[str, Any]) -> None:
        pid, table = next(iter(data["fees"].items()))
        fid = next(iter(table))
        value = table[fid]
        if isinstance(value, dict):  # {amount, placeholder, source}
            value["amount"] += 1
        else:
            table[fid] = value + 1
        raised.append((pid, fid))

    edit_yaml(overlay, raise_first)
    ((pid, fid),) = raised
    result = run("diff", str(old), str(new), "--format", "json", "--fail-on", "burden")
    assert result.exit_code == 1  # burden+ present
    changes = json.loads(result.stdout)["changes"]
    assert [(c["procedure"], c["path"], c["classes"], c["rule"]) for c in changes] == [
        (pid, f"fees.{fid}.localities.{overlay.stem}.amount", ["burden+"], "locality-fee-raised")
    ]


def test_two_files_in_each_format_and_language() -> None:
    base, rev = str(CASES / "birth_fees_base.yaml"), str(CASES / "birth_fees_revision.yaml")
    text = run("diff", base, rev, "--lang", "en")
    assert text.exit_code == 0
    assert "Fee Late registration fee (`late-fee`) raised: 5,000 VND → 10,000 VND" in text.stdout
    vi = run("diff", base, rev, "--format", "markdown", "--lang", "vi")
    assert "tăng: 5.000 đồng → 10.000 đồng" in vi.stdout
    assert vi.stdout.startswith("## Thay đổi thủ tục")
    js = json.loads(run("diff", base, rev, "--format", "json").stdout)
    assert {"changes", "warnings", "summary"} <= set(js)
    assert all({"procedure", "classes", "path", "message"} <= set(c) for c in js["changes"])


def test_no_changes() -> None:
    same = str(CASES / "birth_fees_base.yaml")
    for fmt in ("text", "markdown"):
        result = run("diff", same, same, "--format", fmt, "--lang", "en", "--fail-on", "any")
        assert result.exit_code == 0
        assert "No changes." in result.stdout
    js = run("diff", same, same, "--format", "json")
    assert json.loads(js.stdout)["changes"] == []


@pytest.mark.parametrize(
    ("case", "fail_on", "code"),
    [
        ("stay_api", "breaking", 1),
        ("stay_api", "burden", 1),
        ("stay_wording", "breaking", 0),
        ("stay_wording", "burden", 0),
        ("stay_wording", "any", 1),
        ("residence_once_only", "burden", 0),  # only less burden
        ("residence_once_only", "breaking", 0),
        ("marriage_document", "breaking", 1),
    ],
)
def test_fail_on(case: str, fail_on: str, code: int) -> None:
    result = run("diff", str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml"),
                 "--fail-on", fail_on)
    assert result.exit_code == code, result.output
    assert result.stdout  # the report is printed either way


def test_input_error_on_either_side(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(PROJECT, bad)
    sample = bad / "sample.yaml"
    sample.write_text(sample.read_text("utf-8").replace("required: poor", "required: pooor"),
                      "utf-8")
    for args in ((str(PROJECT), str(bad)), (str(bad), str(PROJECT))):
        result = run("diff", *args)
        assert result.exit_code == 1
        assert "error[PG203]" in result.stderr
        assert result.stdout == ""


def test_missing_side_and_usage_errors(tmp_path: Path) -> None:
    result = run("diff", str(tmp_path / "nope.yaml"), str(CASES / "birth_fees_base.yaml"))
    assert result.exit_code == 1
    assert "PG100" in result.stderr
    assert run("diff", str(PROJECT)).exit_code == 2
    assert run("diff", "--format", "html", str(PROJECT), str(PROJECT)).exit_code == 2
    assert run("diff", "--base", "HEAD", "a", "b").exit_code == 2


# ---------------------------------------------------------------------------------------------
# --base GITREV


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root / "procedures")
    (root / "README.md").write_text("not a procedure\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def test_base_compares_a_revision_with_the_working_tree(repo: Path) -> None:
    sample = repo / "procedures" / "sample.yaml"
    sample.write_text(sample.read_text("utf-8").replace("amount: 50000", "amount: 70000")
                      .replace("revision: 1", "revision: 2"), "utf-8")
    before = git(repo, "status", "--porcelain")
    result = run("--procedures", str(repo / "procedures"), "diff", "--base", "HEAD",
                 "--format", "json", "--fail-on", "burden")
    assert result.exit_code == 1, result.output
    changes = json.loads(result.stdout)["changes"]
    assert [(c["path"], c["classes"]) for c in changes] == [
        ("revision", []), ("fees.base-fee.amount", ["burden+"])]
    assert git(repo, "status", "--porcelain") == before  # no checkout, nothing written
    # An explicit PATH works the same; HEAD compared with itself after a commit is empty.
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "fee")
    again = run("diff", "--base", "HEAD", str(repo / "procedures"), "--fail-on", "any")
    assert again.exit_code == 0, again.output
    back = run("diff", "--base", "HEAD~1", str(repo / "procedures"), "--format", "json")
    assert [c["path"] for c in json.loads(back.stdout)["changes"]] == [
        "revision", "fees.base-fee.amount"]


def test_base_with_a_bad_revision_or_outside_git(repo: Path, tmp_path: Path) -> None:
    result = run("diff", "--base", "no-such-branch", str(repo / "procedures"))
    assert result.exit_code == 1
    assert "no-such-branch" in result.stderr
    outside = tmp_path / "plain"
    shutil.copytree(PROJECT, outside)
    result = run("diff", "--base", "HEAD", str(outside))
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_base_errors_point_at_the_revision(repo: Path) -> None:
    sample = repo / "procedures" / "sample.yaml"
    good = sample.read_text("utf-8")
    sample.write_text(good.replace("required: poor", "required: pooor"), "utf-8")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "typo")
    sample.write_text(good, "utf-8")
    result = run("diff", "--base", "HEAD", str(repo / "procedures"))
    assert result.exit_code == 1
    assert "HEAD:procedures/sample.yaml:" in result.stderr
    assert "error[PG203]" in result.stderr


def test_list_change_shows_in_every_procedure_using_it(real_pair: tuple[Path, Path]) -> None:
    old, new = real_pair
    portal = load_clean(old)
    sex = [o["value"] for o in yaml.safe_load(
        (old / "lists" / "sex.yaml").read_text("utf-8"))["options"]]
    uses = {(p.id, f.id) for p in portal.procedures for top in p.fields for f in top.walk()
            if [o.value for o in f.options] == sex}
    assert uses, "no bundled procedure uses the sex list"
    first: list[str] = []

    def relabel(data: dict[str, Any]) -> None:
        option = data["options"][0]
        option["label"] = {"vi": option["label"]["vi"] + " (sửa)", "en": "Changed"}
        first.append(str(option["value"]))

    edit_yaml(new / "lists" / "sex.yaml", relabel)
    result = run("diff", str(old), str(new), "--format", "json", "--fail-on", "burden")
    assert result.exit_code == 0, result.output  # wording only
    report = json.loads(result.stdout)
    got = {(c["procedure"], c["path"], tuple(c["classes"])) for c in report["changes"]}
    tops = {(p.id, f.id): top.id for p in portal.procedures for top in p.fields
            for f in top.walk()}
    want = set()
    for pid, fid in uses:
        prefix = f"fields.{fid}" if tops[(pid, fid)] == fid else f"fields.{tops[(pid, fid)]}" \
            f".fields.{fid}"
        want.add((pid, f"{prefix}.options.{first[0]}.label", ("editorial",)))
    assert got == want
    assert report["warnings"] == []  # wording needs no revision bump


def test_base_with_one_file_uses_its_project_and_sees_new_files(repo: Path) -> None:
    sample = repo / "procedures" / "sample.yaml"
    sample.write_text(sample.read_text("utf-8").replace("originals: 2", "originals: 3"), "utf-8")
    result = run("diff", "--base", "HEAD", str(sample), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [c["path"] for c in json.loads(result.stdout)["changes"]] == [
        "documents.photo.originals"]
    fresh = repo / "procedures" / "other.yaml"
    fresh.write_text(
        "procgen: 1\nid: other\nrevision: 1\ntitle: {vi: Khác, en: Other}\n"
        "channels:\n  online: {processing_time: {working_days: 1}}\n"
        "fields:\n  - {id: name, type: text, label: {vi: Tên, en: Name}, required: true}\n",
        "utf-8")
    result = run("diff", "--base", "HEAD", str(fresh), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(c["procedure"], c["rule"]) for c in json.loads(result.stdout)["changes"]] == [
        ("other", "procedure-added")]


def test_a_file_outside_any_project_uses_the_procedures_folder(tmp_path: Path) -> None:
    stray = tmp_path / "stray"
    stray.mkdir()
    shutil.copy(PROJECT / "sample.yaml", stray / "before.yaml")
    text = (PROJECT / "sample.yaml").read_text("utf-8").replace("amount: 50000", "amount: 1000")
    (stray / "after.yaml").write_text(text, "utf-8")
    result = run("--procedures", str(PROJECT), "diff", str(stray / "before.yaml"),
                 str(stray / "after.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(c["path"], c["classes"]) for c in json.loads(result.stdout)["changes"]] == [
        ("fees.base-fee.amount", ["burden-"])]
