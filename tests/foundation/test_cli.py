"""REQ foundation/cli: ``procgen validate`` and ``procgen new`` behave as CLI.md says.

Exit codes (0 valid, 1 invalid, 2 usage, 3 internal error with one line and no traceback), the
three output formats, ``--strict``, relative paths kept as given, a missing path (PG100), and a
``procgen new`` starter that validates with ``--strict`` in an empty folder.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from procgen.cli import cli, main

ROOT = Path(__file__).resolve().parents[2]
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (error|warning)\[PG\d{3}\]: .+$"
)
GITHUB_LINE = re.compile(
    r"^::(error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)"
    r"(,[a-zA-Z]+=[^,:]*)*::\[PG\d{3}\] .+$"
)


def problems(out: str) -> list[str]:
    """The diagnostic lines of a text report: not its indented notes and help, nor its summary."""
    return [line for line in out.splitlines() if TEXT_LINE.match(line)]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the kitchen-sink project as ``procedures/`` in the working directory."""
    shutil.copytree(KITCHEN, tmp_path / "procedures")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "procedures"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def write_broken(project: Path, name: str = "broken") -> Path:
    """A copy of the kitchen sink with two errors: an unknown key and a misspelt field type."""
    text = (project / "kitchen-sink.yaml").read_text("utf-8")
    text = text.replace("id: kitchen-sink", f"id: {name}", 1)
    text = text.replace("    type: textarea\n", "    type: textarae\n", 1)
    text = text.replace("level: province\n", "level: province\nlevle: province\n", 1)
    path = project / f"{name}.yaml"
    path.write_text(text, "utf-8")
    return path


def write_warning_only(project: Path) -> Path:
    """A valid procedure whose only problem is a missing English title (PG118 warning)."""
    text = (project / "kitchen-sink.yaml").read_text("utf-8")
    text = text.replace("id: kitchen-sink", "id: warned", 1)
    text = re.sub(r"^title: .*$", "title: {vi: Thủ tục}", text, count=1, flags=re.M)
    path = project / "warned.yaml"
    path.write_text(text, "utf-8")
    overlay = project / "localities" / "test-city.yaml"  # its locality fee is set (no PG405)
    overlay.write_text(overlay.read_text("utf-8") + "\n  warned:\n    desk-fee: 30000\n",
                       "utf-8")
    return path


# --- exit codes ---------------------------------------------------------------------------------


def test_valid_project_exits_0_quietly(project: Path) -> None:
    result = invoke("validate", "--strict")
    assert result.exit_code == 0
    assert problems(result.stdout) == []
    assert result.stdout == ""  # items on standard output, the line about the run on stderr
    assert "ok" in result.stderr


def test_valid_file_exits_0(project: Path) -> None:
    assert invoke("validate", "procedures/kitchen-sink.yaml").exit_code == 0


def test_invalid_file_exits_1_with_every_error_sorted(project: Path) -> None:
    write_broken(project)
    result = invoke("validate", "procedures/broken.yaml")
    assert result.exit_code == 1
    lines = problems(result.stdout)
    assert len(lines) == 2, lines
    found = [TEXT_LINE.match(line) for line in lines]
    assert all(found)
    # PATH as given (relative stays relative), sorted by line.
    assert [m["file"] for m in found if m] == ["procedures/broken.yaml"] * 2
    text = (project / "broken.yaml").read_text("utf-8").splitlines()
    positions = [(int(m["line"]), int(m["col"])) for m in found if m]
    assert positions == sorted(positions)
    assert text[positions[0][0] - 1].startswith("levle:") and positions[0][1] == 1
    assert "did you mean 'level'" in lines[0]
    assert "textarae" in text[positions[1][0] - 1]
    assert "PG112" in lines[0] and "PG114" in lines[1]
    assert "1 error" not in result.stderr and "2 errors" in result.stderr
    assert "  help: Fix the spelling" in result.stdout  # the fix, even when not a terminal


def test_a_folder_with_one_bad_file_exits_1(project: Path) -> None:
    write_broken(project)
    result = invoke("validate")
    assert result.exit_code == 1
    assert all(line.startswith("procedures/broken.yaml:") for line in problems(result.stdout))


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["validate", "--no-such-option"],
        ["no-such-command"],
        ["new"],
        ["new", "a", "b"],
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.output


@pytest.mark.parametrize("command", [[], ["validate"], ["new"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """Run the console entry point in-process, as the ``procgen`` script does."""
    monkeypatch.setattr(sys, "argv", ["procgen", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    code = exit_info.value.code
    return code if isinstance(code, int) else 1


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("procgen.model.validate_paths", RuntimeError("boom")),
        ("procgen.schema.validate", KeyError("fields")),
        ("procgen.source.loader.load_text", ZeroDivisionError("division by zero")),
    ],
)
def test_internal_error_exits_3_with_one_line(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    error: Exception,
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(target, explode)
    # Modules that imported the name directly see the patched one only through the module.
    if target == "procgen.schema.validate":
        monkeypatch.setattr("procgen.model.workspace.validate", explode)
    if target == "procgen.source.loader.load_text":
        monkeypatch.setattr("procgen.source.loader.load_bytes", explode)
    code = run_main(["validate", "procedures/kitchen-sink.yaml"], monkeypatch)
    out, err = capsys.readouterr()
    assert code == 3
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("procgen: internal error (")
    assert type(error).__name__ in lines[0]
    assert "report" in lines[0]


def test_main_keeps_exit_1_and_2(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_broken(project)
    assert run_main(["validate", "procedures/broken.yaml"], monkeypatch) == 1
    assert run_main(["validate", "--format", "xml"], monkeypatch) == 2
    assert run_main(["validate", "procedures/kitchen-sink.yaml"], monkeypatch) == 0
    assert "Traceback" not in "".join(capsys.readouterr())


def test_summary_counts_what_is_printed(project: Path) -> None:
    (project / "bare.yaml").write_text("procgen: 1\n", "utf-8")
    result = invoke("validate", "procedures/bare.yaml")
    assert result.exit_code == 1
    lines = problems(result.stdout)
    assert [re.search(r"\[(PG\d+)\]: (.*)", x).groups() for x in lines] == [  # type: ignore[union-attr]
        ("PG111", "missing key 'channels'"),
        ("PG111", "missing key 'id'"),
        ("PG111", "missing key 'title'"),
    ]
    assert "3 errors" in result.stderr, result.stderr


# --- formats ------------------------------------------------------------------------------------


def test_json_format(project: Path) -> None:
    write_broken(project)
    result = invoke("validate", "--format", "json", "procedures/broken.yaml")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        assert {"file", "line", "column", "severity", "code", "message"} <= set(item)
        assert item["file"] == "procedures/broken.yaml"
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert isinstance(item["column"], int) and item["column"] >= 1
        assert item["severity"] in ("error", "warning")
        assert re.fullmatch(r"PG\d{3}", item["code"])
        assert item["message"]
    assert [i["code"] for i in items] == ["PG112", "PG114"]
    assert "checked" not in result.stdout  # the summary never pollutes the JSON


def test_json_format_of_a_valid_file_is_an_empty_array(project: Path) -> None:
    result = invoke("validate", "--format", "json", "procedures/kitchen-sink.yaml")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format(project: Path) -> None:
    write_broken(project)
    result = invoke("validate", "--format", "github", "procedures/broken.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        m = GITHUB_LINE.match(line)
        assert m, line
        assert m["file"] == "procedures/broken.yaml"
    assert lines[0].startswith("::error file=procedures/broken.yaml,line=")


def test_text_json_and_github_agree(project: Path) -> None:
    write_broken(project)
    text = problems(invoke("validate", "procedures/broken.yaml").stdout)
    items = json.loads(invoke("validate", "--format", "json", "procedures/broken.yaml").stdout)
    github = invoke("validate", "--format", "github", "procedures/broken.yaml").stdout
    for line, item in zip(text, items, strict=True):
        m = TEXT_LINE.match(line)
        assert m and (int(m["line"]), int(m["col"])) == (item["line"], item["column"])
        assert f"line={item['line']},col={item['column']}" in github


# --- --strict -----------------------------------------------------------------------------------


def test_warning_passes_without_strict(project: Path) -> None:
    write_warning_only(project)
    result = invoke("validate", "procedures/warned.yaml")
    assert result.exit_code == 0
    (line,) = problems(result.stdout)
    assert "warning[PG118]" in line


def test_strict_turns_a_warning_into_exit_1(project: Path) -> None:
    write_warning_only(project)
    result = invoke("validate", "--strict", "procedures/warned.yaml")
    assert result.exit_code == 1
    (line,) = problems(result.stdout)
    assert "error[PG118]" in line


def test_strict_json_reports_error_severity(project: Path) -> None:
    write_warning_only(project)
    result = invoke("validate", "--strict", "--format", "json", "procedures/warned.yaml")
    assert [i["severity"] for i in json.loads(result.stdout)] == ["error"]


# --- missing paths ------------------------------------------------------------------------------


def test_missing_path_is_pg100(project: Path) -> None:
    result = invoke("validate", "procedures/brith-registration.yaml")
    assert result.exit_code == 1
    assert problems(result.stdout) == [
        "procedures/brith-registration.yaml:1:1: error[PG100]: cannot read "
        "procedures/brith-registration.yaml: no such file or folder"
    ]


def test_missing_path_beside_a_good_one_reports_both(project: Path) -> None:
    write_broken(project)
    result = invoke("validate", "nope.yaml", "procedures/broken.yaml")
    assert result.exit_code == 1
    codes = re.findall(r"\[(PG\d{3})\]", result.stdout)
    assert "PG100" in codes and "PG112" in codes


# --- procgen new --------------------------------------------------------------------------------


def _only_unsourced(result: Result) -> None:
    """``validate --strict`` of a fresh starter: it fails on one thing only, the facts still
    marked ``confidence: placeholder`` (PG321), which the author must source before
    publishing."""
    assert result.exit_code == 1, result.output
    assert re.findall(r"\[(PG\d{3})\]", result.stdout) == ["PG321"], result.output


def test_new_in_an_empty_folder_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "copy-certification")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "procedures" / "copy-certification.yaml").is_file()
    assert (tmp_path / "procedures" / "procgen.yaml").is_file()
    text = (tmp_path / "procedures" / "copy-certification.yaml").read_text("utf-8")
    assert "id: copy-certification" in text
    assert text.count("#") >= 10, "the starter is commented"
    checked = invoke("validate")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == ""
    _only_unsourced(invoke("validate", "--strict"))
    file_check = invoke("validate", "--strict", "procedures/copy-certification.yaml")
    _only_unsourced(file_check)
    assert "6 facts without a source" in file_check.stdout


def test_new_with_procedures_option(tmp_path: Path) -> None:
    root = tmp_path / "elsewhere"
    assert invoke("--procedures", str(root), "new", "x-ray").exit_code == 0
    result = invoke("--procedures", str(root), "validate")
    assert result.exit_code == 0, result.output
    _only_unsourced(invoke("--procedures", str(root), "validate", "--strict"))


def test_new_beside_an_existing_project_keeps_its_settings(project: Path) -> None:
    before = (project / "procgen.yaml").read_text("utf-8")
    assert invoke("new", "another-service").exit_code == 0
    assert (project / "procgen.yaml").read_text("utf-8") == before
    result = invoke("validate", "procedures/another-service.yaml")
    assert result.exit_code == 0, result.output
    _only_unsourced(invoke("validate", "--strict", "procedures/another-service.yaml"))


@pytest.mark.parametrize(
    "bad",
    ["Birth-Registration", "birth_registration", "-birth", "birth-", "a--b", "1abc", "a" * 65,
     "../evil", "a/b", "a.yaml", "é"],
)  # fmt: skip
def test_new_refuses_bad_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "--", bad)  # "--": "-birth" is an id here, not an option
    assert result.exit_code == 1
    assert "not a valid procedure id" in result.output
    assert not any(tmp_path.rglob("*.yaml")), "nothing is written for a bad id"


def test_new_accepts_the_longest_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pid = "a" * 64
    assert invoke("new", pid).exit_code == 0
    assert invoke("validate").exit_code == 0


def test_new_refuses_an_existing_file(project: Path) -> None:
    before = (project / "kitchen-sink.yaml").read_text("utf-8")
    result = invoke("new", "kitchen-sink")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (project / "kitchen-sink.yaml").read_text("utf-8") == before


def test_new_force_overwrites(project: Path) -> None:
    result = invoke("new", "kitchen-sink", "--force")
    assert result.exit_code == 0
    assert "id: kitchen-sink" in (project / "kitchen-sink.yaml").read_text("utf-8")
    assert "Tên thủ tục" in (project / "kitchen-sink.yaml").read_text("utf-8")
