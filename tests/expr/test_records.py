"""AST and IR records: structural ``==`` and ``hash`` that ignore where things were written.

The records are msgspec Structs (docs/contributing.md), which have no ``compare=False``; the
AST nodes and :class:`Procedure` define ``__eq__``/``__hash__`` themselves, checked here.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from msgspec.structs import replace

from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import ast
from procgen.expr.parser import parse
from procgen.model import load_portal

BUNDLED = Path(__file__).resolve().parents[2] / "procedures"


def test_nodes_ignore_offsets_and_type() -> None:
    tight, spaced = parse("a+1>=2"), parse("(a + 1)  >=  2")
    assert (tight.start, tight.end) != (spaced.start, spaced.end)
    assert tight == spaced and hash(tight) == hash(spaced)
    assert replace(tight, type=None) == tight


@pytest.mark.parametrize(
    ("a", "b"),
    [("a + 1", "a - 1"), ("a + 1", "a + 2"), ("x in [1, 2]", "x not in [1, 2]"),
     ("f == 1", "g == 1"), ("1", "1.5")],
)
def test_nodes_differ_by_operands(a: str, b: str) -> None:
    assert parse(a) != parse(b)


def test_nodes_of_different_classes_differ() -> None:
    assert ast.Text("1") != ast.Number(1)
    assert ast.Not(ast.Ref("a")) != ast.Neg(ast.Ref("a"))


def test_frozen_and_picklable() -> None:
    node = parse("age(child_date_of_birth) >= 18")
    with pytest.raises(AttributeError):
        node.op = "<"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(node)) == node


def test_span_end_defaults_to_start() -> None:
    s = Span("p.yaml", 3, 5)
    assert (s.end_line, s.end_col) == (3, 5)
    assert Span("p.yaml", 3, 5, 4, 1) < Span("p.yaml", 3, 6)


def test_procedure_equality_ignores_source_hash() -> None:
    portal = load_portal(BUNDLED, DiagnosticSink())
    p = portal.procedures[0]
    other = replace(p, source_hash="0" * 64)
    assert other == p and hash(other) == hash(p)
    assert replace(p, revision=p.revision + 1) != p
    assert p.pages == other.pages  # the cached property works on a frozen Struct
