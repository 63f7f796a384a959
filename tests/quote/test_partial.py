"""Issue 17, ``quote`` that staff can use: partial answers (``--partial``, ``still_needed``,
a fee that needs a missing answer has ``amount: null`` and the total is null), the answers
skeleton (``--template``: stdout, ``--out`` never overwriting, filled in it validates) and
``--format table`` in Vietnamese and English (golden)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from procgen.cli import cli

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"
PARTIAL = {"child_date_of_birth": "2026-01-05", "extra_copies": 2}


def quote(tmp_path: Path, answers: dict[str, Any] | None, *args: str) -> tuple[int, str, str]:
    extra: list[str] = []
    if answers is not None:
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
        extra = ["--answers", str(path)]
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "quote",
                                      "birth-registration", *extra, "--on", "2026-11-28", *args])
    return result.exit_code, result.stdout, result.stderr


def test_without_partial_a_missing_required_answer_is_an_error(tmp_path: Path) -> None:
    code, out, err = quote(tmp_path, PARTIAL)
    assert code == 1 and out == "" and "PG604" in err


def test_partial_quotes_and_names_what_is_still_needed(tmp_path: Path) -> None:
    code, out, _ = quote(tmp_path, PARTIAL, "--partial", "--locality", "ha-noi")
    assert code == 0
    q = json.loads(out)
    assert q["total"] == 16000 and q["complete"] is True
    needed = [n["field"] for n in q["still_needed"]]
    assert "child_full_name" in needed and "child_date_of_birth" not in needed
    assert all(n["label"] for n in q["still_needed"])


def test_a_fee_that_needs_a_missing_answer_makes_the_total_null(tmp_path: Path) -> None:
    code, out, _ = quote(tmp_path, {"extra_copies": 0}, "--partial", "--channel", "in_person",
                         "--locality", "ha-noi")
    assert code == 0
    q = json.loads(out)
    late = next(f for f in q["fees"] if f["id"] == "late-registration-fee")
    assert late["amount"] is None and late["needs"] == ["child_date_of_birth"]
    assert q["total"] is None and q["complete"] is False and q["known_total"] == 0


def test_the_json_is_unchanged_without_partial(tmp_path: Path) -> None:
    filled = _filled()
    code, out, err = quote(tmp_path, filled)
    assert code == 0, err
    assert "still_needed" not in json.loads(out)


def _filled() -> dict[str, Any]:
    """The skeleton, filled in the way an officer would."""
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "quote",
                                      "birth-registration", "--template"])
    assert result.exit_code == 0
    answers: dict[str, Any] = json.loads(result.stdout)
    for key, value in answers.items():
        if value == "YYYY-MM-DD":
            answers[key] = "2026-01-05" if key.startswith("child") else "1995-03-04"
        elif value == "" and key.endswith("national_id"):
            answers[key] = "001095012345"
        elif value == "" and key.endswith("phone"):
            answers[key] = "0912345678"
        elif value == "" and key.endswith("email"):
            answers[key] = "an@example.vn"
        elif value == "":
            answers[key] = "Nguyễn Văn An"
    return answers


def test_template_lists_every_question_in_page_order_with_typed_placeholders() -> None:
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "quote",
                                      "birth-registration", "--template"])
    skeleton = json.loads(result.stdout)
    assert skeleton["child_date_of_birth"] == "YYYY-MM-DD"
    assert skeleton["extra_copies"] == 0 and skeleton["has_birth_notice"] is False
    assert skeleton["child_sex"] == "male"  # a choice: its first option
    assert next(iter(skeleton)).startswith("applicant_")  # the first step's questions first


def test_template_filled_in_validates(tmp_path: Path) -> None:
    code, out, err = quote(tmp_path, _filled())
    assert code == 0, err
    assert json.loads(out)["procedure"] == "birth-registration"


def test_template_out_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "skeleton.json"
    args = ["--procedures", str(PROCEDURES), "quote", "birth-registration", "--lang", "en",
            "--template", "--out", str(target)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0 and json.loads(target.read_text("utf-8"))
    target.write_text("mine", "utf-8")
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 1 and "does not overwrite" in second.stderr
    assert target.read_text("utf-8") == "mine"


def test_no_answers_and_no_template_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = quote(tmp_path, None)
    assert code == 2 and "--answers" in err


def test_table_golden_in_vi_and_en(tmp_path: Path, golden: Any) -> None:
    for lang in ("vi", "en"):
        for channel in ("online", "in_person"):
            code, out, err = quote(tmp_path, PARTIAL, "--partial", "--format", "table",
                                   "--lang", lang, "--channel", channel, "--locality", "ha-noi")
            assert code == 0, err
            golden.check(f"quote/table-{channel}.{lang}.txt", out)
    _, vi, _ = quote(tmp_path, PARTIAL, "--partial", "--format", "table", "--lang", "vi",
                     "--locality", "ha-noi")
    assert "16.000 ₫" in vi and "Tổng cộng" in vi
