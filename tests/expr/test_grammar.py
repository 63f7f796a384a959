"""REQ expressions: the grammar is unambiguous for LALR and its terminals never collide."""

from __future__ import annotations

from pathlib import Path

import pytest

GRAMMAR = Path(__file__).resolve().parents[2] / "src" / "procgen" / "expr" / "grammar.lark"


def test_grammar_builds_in_strict_mode() -> None:
    pytest.importorskip("interegular", reason="lark's strict mode needs interegular")
    from lark import Lark

    Lark(GRAMMAR.read_text("utf-8"), parser="lalr", propagate_positions=True,
         maybe_placeholders=False, strict=True)
