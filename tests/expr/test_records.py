"""AST and IR records: structural ``==`` and ``hash`` that ignore where things were written.

The records are msgspec Structs (docs/contributing.md), which have no ``compare=False``; the
AST nodes define ``__eq__``/``__hash__`` themselves (offsets and the checked type do not
count), checked here. :class:`Procedure` keeps msgspec's own: every field counts, spans too.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import msgspec
import pytest
from msgspec.structs import replace

from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import ast
from procgen.expr.parser import parse
from procgen.model import load_portal
from procgen.model.ir import Procedure

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


def positionless(x: object) -> object:
    """``x`` with every span and the source hash left out: what a reformatting cannot change."""
    if isinstance(x, Span):
        return None
    if isinstance(x, msgspec.Struct):
        return (type(x).__name__, tuple((f, positionless(getattr(x, f)))
                                        for f in x.__struct_fields__ if f != "source_hash"))
    if isinstance(x, tuple | list):
        return tuple(positionless(i) for i in x)
    if isinstance(x, frozenset | set):
        return frozenset(positionless(i) for i in x)
    if isinstance(x, dict):
        return tuple((k, positionless(v)) for k, v in x.items())
    return x


def test_procedure_equality_is_structural() -> None:
    portal = load_portal(BUNDLED, DiagnosticSink())
    p = portal.procedures[0]
    assert replace(p, revision=p.revision) == p and hash(replace(p)) == hash(p)
    assert replace(p, revision=p.revision + 1) != p
    assert replace(p, source_hash="0" * 64) != p  # no hand-written __eq__ leaves it out
    assert p.pages == replace(p).pages  # the cached property works on a frozen Struct


def test_a_comment_line_moves_spans_only(tmp_path: Path) -> None:
    """A reformatted file is the same procedure once positions are left out (and only then)."""
    shutil.copytree(BUNDLED, tmp_path / "p")
    name = sorted(x.name for x in BUNDLED.glob("*.yaml") if x.name != "procgen.yaml")[0]
    path = tmp_path / "p" / name

    def load() -> Procedure:
        return next(p for p in load_portal(tmp_path / "p", DiagnosticSink()).procedures
                    if p.file.endswith(name))

    a = load()
    path.write_text("# a comment line\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    b = load()
    assert a != b
    assert a.span != b.span and a.source_hash != b.source_hash
    assert positionless(a) == positionless(b)
