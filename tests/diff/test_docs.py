"""docs/review.md stays true: its rule table is the registry's, and its examples run."""

from __future__ import annotations

from tests.diff.conftest import ROOT

from procgen.diff.rules import rules_table

DOC = ROOT / "docs" / "review.md"


def test_rule_table_matches_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- rules:begin -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_table(), "regenerate the table in docs/review.md from rules_table()"


def test_documented_options_exist() -> None:
    from click.testing import CliRunner

    from procgen.cli import cli

    help_text = CliRunner().invoke(cli, ["diff", "--help"]).output
    text = DOC.read_text(encoding="utf-8")
    for option in ("--base", "--format", "--lang", "--fail-on"):
        assert option in help_text and option in text
    for word in ("breaking", "burden", "any"):
        assert f"--fail-on {word}" in text
    for fmt in ("text", "markdown", "json", "sarif"):
        assert fmt in help_text and f"`--format {fmt}`" in text
