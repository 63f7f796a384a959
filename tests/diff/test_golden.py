"""Golden reports (issue 9): the markdown a reviewer pastes into a pull request, in vi and en.

``pytest --update-golden`` rewrites tests/golden/diff/. Markup written in a label must show as
written, never as HTML, in the comment.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.diff.conftest import ROOT, sub

from procgen.cli import cli
from procgen.diff import DiffResult
from procgen.diff.render import render

CASES = Path(__file__).resolve().parent / "cases"
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"


@pytest.mark.parametrize(
    ("case", "lang", "fmt", "name"),
    [
        ("marriage_document", "vi", "markdown", "marriage-document.vi.md"),
        ("marriage_document", "en", "markdown", "marriage-document.en.md"),
        ("birth_fees", "vi", "markdown", "birth-fees.vi.md"),
        ("birth_fees", "en", "markdown", "birth-fees.en.md"),
        ("stay_api", "en", "text", "stay-api.en.txt"),
    ],
)
def test_golden_report(case: str, lang: str, fmt: str, name: str, golden) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, [
        "diff", str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml"),
        "--format", fmt, "--lang", lang,
    ])
    assert result.exit_code == 0, result.output
    golden.check(f"diff/{name}", result.stdout)


def test_kitchen_sink_markdown_escapes_markup(
    edited: Callable[..., DiffResult], golden  # type: ignore[no-untyped-def]
) -> None:
    result = edited(
        (
            sub("amount: 50000", "amount: 55000", "kitchen-sink.yaml"),
            sub("en: Purpose}", "en: \"<img src=x onerror=alert(1)> Purpose | why\"}",
                "kitchen-sink.yaml"),
            sub("desk-fee: 30000", "desk-fee: 35000", "localities/test-city.yaml"),
            sub("revision: 2", "revision: 3", "kitchen-sink.yaml"),
        ),
        src=KITCHEN,
    )
    md = render(result, "markdown")
    assert "<img" not in md and "<script" not in md
    assert "&lt;img src=x onerror=alert(1)&gt; Purpose \\| why" in md
    golden.check("diff/kitchen-sink.en.md", md)


@pytest.mark.parametrize(("case", "drops"), [("marriage_document", True),
                                             ("birth_fees", False)])
def test_fail_on_score_gates_on_a_score_drop(case: str, drops: bool) -> None:
    """The marriage case loses full-process (score 64.3 → 50): ``--fail-on score`` exits 1;
    the birth case changes times only and keeps its score: exit 0. JSON carries both sides."""
    import json

    args = ["diff", str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml")]
    gated = CliRunner().invoke(cli, [*args, "--fail-on", "score"])
    assert gated.exit_code == (1 if drops else 0), gated.output
    doc = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    (summary,) = doc["summary"].values()
    before, after = summary["score"]["before"], summary["score"]["after"]
    assert (after["score"] < before["score"]) is drops
    assert set(after["burden"]) >= {"typed_fields", "uploads", "visits", "minutes"}
