"""REQ style point 1: imports flow downstream only. Every module under src/procgen is parsed
with ``ast`` and each ``procgen`` import it makes (top-level, in a function, or under
``TYPE_CHECKING``: all are coupling) must be one its package's rule allows.

The rules are the layering the code has, written down as data, one reason each. A new
package needs a rule (``test_every_package_has_a_rule``); a new arrow needs a reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "procgen"

ROOT = "procgen"  # procgen/__init__.py: the version, nothing else

MAY_IMPORT: dict[str, tuple[frozenset[str], str]] = {
    ROOT: (frozenset(), "the version string, read by everyone"),
    "diagnostics": (frozenset(), "the bottom: every stage reports through it"),
    "layout": (frozenset(), "which files are input: a leaf that source, model, build and "
                            "diff all list files through, so they see the same files"),
    "source": (frozenset({"diagnostics", "layout"}),
               "YAML with spans; reads a file only through layout.read_input"),
    "schema": (frozenset({"diagnostics", "source"}),
               "JSON Schema errors become located diagnostics (source's spans)"),
    "starter": (frozenset({"source"}), "the starter file obeys the loader's name limits"),
    "expr": (frozenset({"diagnostics", "source"}),
             "the expression language sees fields as FieldSig and kind strings, never the IR"),
    "model": (frozenset({"diagnostics", "layout", "source", "schema", "expr"}),
              "the IR is built from validated YAML and compiled expressions"),
    "wording": (frozenset({"model", "expr"}),
                "the catalogue words the model's facts (field kinds, formats) and, for "
                "citizens, a condition's AST (wording/conditions.py)"),
    "quote": (frozenset({"diagnostics", "source", "expr", "model", "wording"}),
              "answers are checked and fees computed from the IR alone; the table form "
              "(quote/table.py) words money and headings with the catalogue, like the targets"),
    "guidance": (frozenset({"expr", "model", "wording"}),
                 "the questions citizens ask, answered once from the model in the "
                 "catalogue's words, for the assistant, the FAQ and the printed guide"),
    "score": (frozenset({"model", "wording"}),
              "the scorecard reads the model's facts (full-process, payment, provenance) once, "
              "in the catalogue's words; the report target, score's command and the diff read it"),
    "targets": (frozenset({"diagnostics", "expr", "model", "wording", "quote", "guidance",
                           "score"}),
                "pure functions of the IR; the OpenAPI examples are what quote computes; "
                "the assistant file, the FAQ and the guide say what guidance answers; the "
                "score report, what the scorecard computes"),
    "diff": (frozenset({"diagnostics", "layout", "model", "wording", "score"}),
             "a structural diff of two IRs; it renders no target; its words are the "
             "catalogue's; score and burden deltas are the scorecard's"),
    "build": (frozenset({ROOT, "diagnostics", "layout", "model", "targets"}),
              "the only stage that writes: runs the targets over the model"),
    "assistant": (frozenset({ROOT, "diagnostics", "model", "quote", "targets", "guidance",
                             "wording"}),
                  "answers from the same code as the portal: quote's request flow, the "
                  "OpenAPI target's public description, guidance's questions; never a second "
                  "implementation; its error texts are the catalogue's"),
    "serve": (frozenset({ROOT, "diagnostics", "layout", "model", "quote", "targets", "build",
                         "wording"}),
              "the reference server judges with the model's checks (quote) and the OpenAPI "
              "target's description and multipart decoder, and serves the web target's pages "
              "compiled by the build's own steps, in memory; never a second implementation"),
    "cli": (frozenset({"diagnostics", "model", "starter", "wording"}),
            "the click group, shared options and the exit-code guard; commands load lazily; "
            "its own words (the diagnostics' frame, the summaries) are the catalogue's"),
    "commands": (frozenset({"cli", "diagnostics", "model", "build", "diff", "quote",
                            "targets", "wording", "assistant", "score", "layout", "source",
                            "serve"}),
                 "thin commands: parse options, call one library function, render; their own "
                 "words are the catalogue's; score reads the build's cached parts and the "
                 "overlays' names (layout, source) instead of reparsing every procedure"),
}
"""Package (a folder or a top-level module of procgen) → what it may import, and why."""

TARGET_SHARED = frozenset({"", "_common", "_answers", "_jinja"})
"""What one target may import of ``procgen.targets``: the registry (``EmitContext``, ``Files``)
and the shared lower layer. Targets never import each other (STYLE.md point 1)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every procgen module ``path`` imports, relative ones resolved."""
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here.pop()
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # ``from procgen import wording`` imports the package procgen.wording
            names = [f"{module}.{a.name}" for a in node.names] if module == ROOT else [module]
            out += [(node.lineno, m) for m in names]
    return [(line, m) for line, m in out if m == ROOT or m.startswith(ROOT + ".")]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_package_has_a_rule() -> None:
    found = {package_of(module_name(p)) for p in MODULES}
    assert found == set(MAY_IMPORT), "add the new package to MAY_IMPORT with its reason"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_downstream(path: Path) -> None:
    own = package_of(module_name(path))
    allowed, _reason = MAY_IMPORT[own]
    wrong = [f"{path.relative_to(SRC)}:{line} imports {m}" for line, m in imports(path)
             if package_of(m) not in allowed | {own}]
    assert not wrong, wrong


def _target_of(module: str) -> str:
    """The target a module belongs to ("" outside one, "_common" for the shared layer)."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "targets" else ""


@pytest.mark.parametrize(
    "path", [p for p in MODULES if _target_of(module_name(p)) not in TARGET_SHARED],
    ids=lambda p: str(p.relative_to(PACKAGE)))
def test_targets_never_import_each_other(path: Path) -> None:
    mine = _target_of(module_name(path))
    wrong = [f"{path.relative_to(SRC)}:{line} imports {m}" for line, m in imports(path)
             if m.startswith("procgen.targets")
             and _target_of(m) not in TARGET_SHARED | {mine}]
    assert not wrong, wrong


def test_the_rules_are_a_hierarchy() -> None:
    """No two packages may import each other, directly or through others."""
    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in MAY_IMPORT[todo.pop()][0] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    assert [p for p in MAY_IMPORT if p in reach(p)] == []


def test_the_parser_sees_lazy_imports() -> None:
    assert any(m == "procgen.layout" for _, m in imports(PACKAGE / "source" / "loader.py"))
    assert ("procgen.wording" in {m for _, m in imports(PACKAGE / "targets" / "web" / "view.py")})
