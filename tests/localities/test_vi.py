"""Issue 17: the locality overlays' diagnostics in Vietnamese — PG406 lists the placeholders
with Vietnamese words ("giá trị tạm thời", "cơ quan"), not English pasted into the template;
and a form code that already says "Mẫu số" is not prefixed again on the web form."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from procgen.cli import cli
from procgen.wording import form_code

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"


def test_placeholders_are_listed_in_vietnamese() -> None:
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "validate", "--strict",
                                      "--lang", "vi"])
    lines = [ln for ln in result.stdout.splitlines() if "PG406" in ln]
    assert lines, result.stdout[-2000:]
    assert all("tạm thời" in ln and "placeholder" not in ln for ln in lines)
    assert not any("office '" in ln for ln in lines)


def test_placeholders_are_listed_in_english() -> None:
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "validate", "--strict",
                                      "--lang", "en"])
    assert any("placeholder" in ln for ln in result.stdout.splitlines() if "PG406" in ln)


def test_a_form_code_is_prefixed_once() -> None:
    assert form_code("Mẫu số 10", "vi") == "Mẫu số 10"
    assert form_code("TK-01", "vi") == "Mẫu TK-01"
    assert form_code("TK-01", "en") == "Form TK-01"
    assert form_code("Tờ khai 01", "en") == "Tờ khai 01"
