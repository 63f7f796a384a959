"""REQ expressions/fees: ``procgen quote`` on the kitchen sink — fees per channel, exemptions,
valid windows, locality-set fees, amount expressions with half-up rounding, and located errors
for answers that break the rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procgen.cli import cli

KITCHEN = Path(__file__).resolve().parent.parent / "fixtures" / "kitchen-sink"
BASE: dict[str, Any] = {
    "person_full_name": "Nguyễn Văn An",
    "person_national_id": "001099012345",
    "person_date_of_birth": "1990-05-01",
    "person_sex": "male",
    "person_phone": "0912345678",
    "purpose": "Travelling abroad",
    "home_address": "1 Phố Huế",
}


def run(tmp_path: Path, answers: dict[str, Any], *args: str) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False, indent=1), "utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "--procedures",
            str(KITCHEN),
            "quote",
            "kitchen-sink",
            "--answers",
            str(path),
            "--on",
            "2026-11-28",
            *args,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


def fees(output: str) -> dict[str, Any]:
    data = json.loads(output)
    return {
        "fees": {f["id"]: (f["amount"], f["exempt"]) for f in data["fees"]},
        "total": data["total"],
        "time": data["processing_time"],
    }


# (answers added to BASE, CLI args, expected fees, expected total)
QUOTES = [
    ({}, [], {"online-fee": (45000, False), "copy-fee": (8000, False)}, 53000),
    ({"copies": 0}, [], {"online-fee": (45000, False), "copy-fee": (0, False)}, 45000),
    (
        {"declared_value": 1500500},
        [],
        {"online-fee": (45000, False), "copy-fee": (8000, False), "value-fee": (1501, False)},
        54501,
    ),
    (
        {"declared_value": 1500499},
        [],
        {"online-fee": (45000, False), "copy-fee": (8000, False), "value-fee": (1500, False)},
        54500,
    ),
    (
        {},
        ["--channel", "in_person"],
        {"base-fee": (50000, False), "copy-fee": (8000, False)},
        58000,
    ),
    (
        {"poor_household": True},
        ["--channel", "postal"],
        {"base-fee": (0, True), "copy-fee": (8000, False)},
        8000,
    ),
    (
        {"children": [{"child_name": "Bé", "child_birth_date": "2020-01-01"}]},
        ["--channel", "in_person"],
        {"base-fee": (50000, False), "copy-fee": (8000, False), "desk-fee": (None, False)},
        None,  # the desk fee is the locality's: no total, "known_total": 58000
    ),
    (
        {"children": [{"child_name": "Bé", "child_birth_date": "2020-01-01"}]},
        ["--channel", "in_person", "--locality", "test-city"],
        {"base-fee": (50000, False), "copy-fee": (8000, False), "desk-fee": (30000, False)},
        88000,
    ),
]


@pytest.mark.parametrize(("extra", "args", "expected", "total"), QUOTES)
def test_quote(
    tmp_path: Path, extra: dict[str, Any], args: list[str], expected: dict[str, Any], total: int
) -> None:
    code, out, _ = run(tmp_path, {**BASE, **extra}, *args)
    assert code == 0, out
    got = fees(out)
    assert got["fees"] == expected
    assert got["total"] == total


def test_a_locality_fee_without_a_locality_leaves_the_total_unknown(tmp_path: Path) -> None:
    extra = {"children": [{"child_name": "Bé", "child_birth_date": "2020-01-01"}]}
    code, out, _ = run(tmp_path, {**BASE, **extra}, "--channel", "in_person")
    assert code == 0, out
    data = json.loads(out)
    assert (data["total"], data["known_total"], data["complete"]) == (None, 58000, False)


def test_a_placeholder_amount_is_marked(tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    overlay = root / "localities" / "test-city.yaml"
    overlay.write_text(overlay.read_text("utf-8").replace(
        "desk-fee: 30000", "desk-fee: {amount: 30000, placeholder: true}"), "utf-8")
    path = tmp_path / "a.json"
    extra = {"children": [{"child_name": "Bé", "child_birth_date": "2020-01-01"}]}
    path.write_text(json.dumps({**BASE, **extra}), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "quote", "kitchen-sink",
                                      "--answers", str(path), "--channel", "in_person",
                                      "--locality", "test-city"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    desk = next(f for f in data["fees"] if f["id"] == "desk-fee")
    assert desk == {"id": "desk-fee", "amount": 30000, "exempt": False, "placeholder": True}
    assert (data["total"], data["complete"], data["provisional"]) == (88000, True, True)


def test_valid_window_rules_a_fee_out(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(BASE), "utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "--procedures",
            str(KITCHEN),
            "quote",
            "kitchen-sink",
            "--answers",
            str(path),
            "--on",
            "2031-01-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "online-fee" not in fees(result.output)["fees"]


@pytest.mark.parametrize(
    ("on", "exempt"),
    [("2024-12-31", False), ("2025-01-01", True), ("2025-12-31", True), ("2026-01-01", False)],
)
def test_an_exemption_holds_only_in_its_window(tmp_path: Path, on: str, exempt: bool) -> None:
    """The kitchen sink waives its online fee for 10 copies or more in 2025 only (an
    exemption's ``valid``): both edges are days of the waiver, the days around them are not."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**BASE, "copies": 10}), "utf-8")
    args = ["--procedures", str(KITCHEN), "quote", "kitchen-sink", "--answers", str(path),
            "--on", on]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    got = fees(result.output)["fees"]["online-fee"]
    assert got == ((0, True) if exempt else (45000, False))


@pytest.mark.parametrize(("channel", "exempt"),
                         [("online", True), ("in_person", False), ("postal", False)])
def test_an_exemption_holds_only_on_its_channels(tmp_path: Path, channel: str,
                                                  exempt: bool) -> None:
    """The kitchen sink waives the copy fee for 10 copies or more filed online only (an
    exemption's ``channels``)."""
    code, out, _ = run(tmp_path, {**BASE, "copies": 10}, "--channel", channel)
    assert code == 0, out
    assert fees(out)["fees"]["copy-fee"] == ((0, True) if exempt else (80000, False))


def test_an_exemption_on_a_channel_its_fee_is_not_charged_on_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(KITCHEN, root)
    f = root / "kitchen-sink.yaml"
    text = f.read_text("utf-8")
    old = "      - {when: poor_household, label: {vi: Hộ nghèo, en: Poor households}}"
    assert old in text  # base-fee: in person and by post only
    new = ("      - {when: poor_household, channels: [online], label: {vi: Hộ nghèo, "
           "en: Poor households}}")
    f.write_text(text.replace(old, new), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate", "--lang", "en"])
    assert result.exit_code != 0
    line = text[: text.index(old)].count("\n") + 1
    assert f"kitchen-sink.yaml:{line}:" in result.output and "PG322" in result.output
    assert "not charged on channel 'online'" in result.output


@pytest.mark.parametrize(("answers", "channel", "time"), [
    ({"copies": 5}, "in_person", {"working_days": 5}),  # the case holds
    ({"copies": 3}, "in_person", {"working_days": 3}),  # it does not
    ({}, "in_person", {"working_days": 3}),             # not decided (no copies): the time
    ({"copies": 5}, "online", {"working_days": 2}),     # a case of the desk's channel only
])
def test_the_processing_time_follows_its_cases(tmp_path: Path, answers: dict[str, Any],
                                               channel: str, time: dict[str, int]) -> None:
    """The kitchen sink's desk takes 5 working days instead of 3 for more than 3 copies
    (``processing_time.cases``)."""
    code, out, _ = run(tmp_path, {**BASE, **answers}, "--channel", channel)
    assert code == 0, out
    assert fees(out)["time"] == time


def test_a_time_case_with_a_bad_condition_is_located(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(KITCHEN, root)
    f = root / "kitchen-sink.yaml"
    text = f.read_text("utf-8")
    old = "cases: [{when: copies > 3,"
    assert old in text
    f.write_text(text.replace(old, "cases: [{when: copiez > 3,"), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate", "--lang", "en"])
    assert result.exit_code != 0
    line = text[: text.index(old)].count("\n") + 1
    assert f"kitchen-sink.yaml:{line}:" in result.output and "copiez" in result.output


def test_an_exemption_window_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(KITCHEN, root)
    f = root / "kitchen-sink.yaml"
    text = f.read_text("utf-8")
    old = "valid: {from: 2025-01-01, until: 2025-12-31}"
    assert old in text
    f.write_text(text.replace(old, "valid: {from: 2025-12-31, until: 2025-01-01}"), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate"])
    assert result.exit_code != 0
    line = text[: text.index(old)].count("\n") + 1
    assert f"kitchen-sink.yaml:{line}:" in result.output and "PG312" in result.output


def test_output_shape(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, BASE)
    assert code == 0, out
    data = json.loads(out)
    assert list(data) == [
        "procedure",
        "revision",
        "channel",
        "on",
        "fees",
        "total",
        "complete",
        "currency",
        "processing_time",
        "fully_online",
    ]
    assert data["channel"] == "online" and data["currency"] == "VND"
    assert data["processing_time"] == {"working_days": 2} and data["fully_online"] is False


# (answers replacing BASE entries, expected (code, line) pairs); each answer on its own line.
ERRORS = [
    ({"person_full_name": None}, ["PG604"]),
    ({"copies": "two"}, ["PG602"]),
    ({"person_sex": "mail"}, ["PG603"]),
    ({"nickname": "An"}, ["PG601"]),
    ({"person_national_id": "12345"}, ["PG608"]),
    ({"person_date_of_birth": "2999-01-01"}, ["PG605"]),
    ({"copies": 11}, ["PG606"]),
    ({"reference_code": "ab12"}, ["PG606"]),
    (
        {"children": [{"child_name": str(i), "child_birth_date": "2020-01-01"} for i in range(6)]},
        ["PG607"],
    ),
    ({"late_reason": "x", "start_date": None}, ["PG609"]),
    ({"services": ["notary"]}, ["PG604"]),  # contact_email becomes required
]


@pytest.mark.parametrize(("change", "codes"), ERRORS)
def test_broken_answers_are_located(
    tmp_path: Path, change: dict[str, Any], codes: list[str]
) -> None:
    answers = {k: v for k, v in {**BASE, **change}.items() if v is not None}
    code, out, err = run(tmp_path, answers, "--format", "json")
    diagnostics = json.loads(err)
    assert sorted(d["code"] for d in diagnostics) == sorted(codes), out
    if any(d["severity"] == "error" for d in diagnostics):
        assert code == 1
    lines = (tmp_path / "answers.json").read_text("utf-8").splitlines()
    for d in diagnostics:
        key = next(iter(change))
        if d["code"] != "PG604":
            assert f'"{key}"' in lines[d["line"] - 1], (d, lines)


def test_unknown_procedure_and_locality(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, BASE, "--locality", "nowhere")
    assert code == 1 and "no locality 'nowhere'" in err
    path = tmp_path / "answers.json"
    result = CliRunner().invoke(
        cli, ["--procedures", str(KITCHEN), "quote", "kitchen-snk", "--answers", str(path)]
    )
    assert result.exit_code == 1 and "did you mean 'kitchen-sink'" in result.output


def test_an_empty_required_multichoice_is_missing(tmp_path: Path) -> None:
    """[] is no answer: once 'notary' would be chosen, contact_email is required; here the
    asked, required multichoice of a copy of the kitchen sink is left empty."""
    import shutil

    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    ks = root / "kitchen-sink.yaml"
    ks.write_text(ks.read_text("utf-8").replace(
        "    label: {vi: Dịch vụ kèm theo, en: Extra services}\n",
        "    label: {vi: Dịch vụ kèm theo, en: Extra services}\n    required: true\n"), "utf-8")
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**BASE, "services": []}), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "quote", "kitchen-sink",
                                      "--answers", str(path), "--on", "2026-11-28",
                                      "--format", "json"])
    assert result.exit_code == 1
    assert [d["code"] for d in json.loads(result.stderr)] == ["PG604"]


def _with_province(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The kitchen sink asking which province handles it (``locality_field``)."""
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    (root / "lists" / "provinces.yaml").write_text(
        "procgen: 1\noptions:\n  - {value: test_city, label: {vi: Thử, en: Test}}\n"
        "  - {value: nowhere, label: {vi: Không, en: None}}\n", "utf-8")
    path = root / "kitchen-sink.yaml"
    text = path.read_text("utf-8").replace(
        "fields:\n  - use: person\n",
        "locality_field: province\nfields:\n"
        "  - {id: province, type: choice, options: provinces, required: true,\n"
        "     label: {vi: Tỉnh, en: Province}}\n  - use: person\n", 1)
    text = text.replace("fields: [person, poor_household, home_address]",
                        "fields: [person, province, poor_household, home_address]", 1)
    path.write_text(text, "utf-8")
    extra = {"children": [{"child_name": "Bé", "child_birth_date": "2020-01-01"}]}
    return root, {**BASE, **extra}


def _quote(root: Path, answers: dict[str, Any], tmp_path: Path, *args: str) -> Any:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), "utf-8")
    return CliRunner().invoke(cli, ["--procedures", str(root), "quote", "kitchen-sink",
                                    "--answers", str(path), "--channel", "in_person", *args])


def test_the_province_answered_is_the_locality(tmp_path: Path) -> None:
    root, answers = _with_province(tmp_path)
    result = _quote(root, {**answers, "province": "test_city"}, tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["locality"] == "test-city" and data["total"] == 88000


def test_a_locality_that_contradicts_the_answer_is_refused(tmp_path: Path) -> None:
    root, answers = _with_province(tmp_path)
    result = _quote(root, {**answers, "province": "nowhere"}, tmp_path, "--locality",
                    "test-city")
    assert result.exit_code == 1
    assert "differs from the province answered in 'province'" in result.output
