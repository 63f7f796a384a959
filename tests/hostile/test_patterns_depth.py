"""REQ issue-14 part C: patterns that never hang, expressions and groups with documented depths.

Hostile input of three kinds, each run through the real command in a fresh process:

- patterns: a field ``pattern`` whose backtracking is exponential (``^(a+)+$``, ``^(a|aa)+$``…)
  hung ``build`` (the OpenAPI example check) and ``quote`` for minutes; now ``validate`` refuses
  it (PG315, located), and a pattern that is only *polynomially* slow for a backtracking engine
  (allowed, because browsers run it fast enough) is matched by RE2 in linear time in ``quote``;
- depth: expressions of hundreds of ``and``/``not``/``+``/unary ``-`` and groups nested
  hundreds deep raised RecursionError (exit 3); now each is a located error with its limit
  (PG211 depth, PG212 length, PG316 group nesting);
- defaults: a text ``default`` that breaks its own ``pattern`` (or length) passed ``validate
  --strict`` and gave an OpenAPI example that violates its own schema; now PG309.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import hostile, tree

REFERENCE = '"^[A-Z]{2}[0-9]{4}$"'
"""The kitchen sink's ``reference_code`` pattern, which each case replaces."""


def codes(out: str) -> list[str]:
    return re.findall(r"error\[(PG\d{3})\]", out)


def edit(project: Path, old: str, new: str) -> Path:
    path = project / "procedures" / "kitchen-sink.yaml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def refused_everywhere(project: Path, code: str) -> None:
    """validate, validate --strict, build and quote all exit 1 with ``code``, located."""
    before = tree(project / "procedures")
    answers = project / "answers.json"
    answers.write_text(json.dumps({"reference_code": "a" * 40 + "!"}), "utf-8")
    for command in (["validate"], ["validate", "--strict"], ["build", "--out", "out"],
                    ["quote", "kitchen-sink", "--answers", "answers.json"]):
        proc = hostile(project, *command, expect=1)
        said = proc.stdout + proc.stderr
        assert code in codes(said), f"{command}: {said}"
    assert not (project / "out").exists(), "a refused build wrote its output"
    assert tree(project / "procedures") == before


# -- patterns ----------------------------------------------------------------------------------

EXPONENTIAL = [
    r"^(a+)+$",
    r"^(a|aa)+$",
    r"^(a*)*$",
    r"^(a|a?)+$",
    r"^([a-z]+)*$",
    r"^(\w+\s?)+$",
    r"^(\d+\.?)+$",
    r"(x+x+)+y",
    r"^\s*(\S+\s*)*$",
]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_exponential_patterns_are_refused_located_and_never_hang(project: Path,
                                                                 pattern: str) -> None:
    edit(project, REFERENCE, json.dumps(pattern))
    refused_everywhere(project, "PG315")


def test_pg315_points_at_the_pattern_and_says_how_to_rewrite_it(project: Path) -> None:
    path = edit(project, REFERENCE, '"^(a+)+$"')
    where = next(i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if "(a+)+" in text)
    proc = hostile(project, "validate", expect=1)
    line = next(x for x in proc.stdout.splitlines() if "PG315" in x)
    assert line.startswith(f"procedures/kitchen-sink.yaml:{where}:"), line
    assert "'(a+)+' → 'a+'" in line


def test_polynomially_slow_pattern_is_matched_in_linear_time(project: Path) -> None:
    """Six stacked ``a*`` take O(n⁶) steps in a backtracking engine on 'aaa…a!'; RE2 takes O(n).

    A browser handles this pattern on a short input, so validate allows it; procgen's own
    matching (quote, the OpenAPI example check) must not be the one that hangs.
    """
    edit(project, REFERENCE, '"^a*a*a*a*a*a*b$"')
    hostile(project, "validate", "--strict", expect=0)
    hostile(project, "build", "--out", "out", expect=0)
    for answer, matches in (("a" * 5000 + "!", False), ("a" * 5000 + "b", True)):
        (project / "answers.json").write_text(json.dumps({"reference_code": answer}), "utf-8")
        proc = hostile(project, "quote", "kitchen-sink", "--answers", "answers.json")
        said = proc.stdout + proc.stderr
        refused = [x for x in said.splitlines() if "PG606" in x and "reference_code" in x]
        assert bool(refused) is not matches, said


# -- depth -------------------------------------------------------------------------------------

DEEP_EXPRESSIONS = {
    "300 and": " and ".join(["poor_household"] * 301),
    "300 not": "not " * 300 + "poor_household",
    "500 plus": " + ".join(["copies"] * 501) + " > 3",
    "500 unary minus": "-" * 500 + "copies > 3",
    "200 parentheses": "(" * 200 + "poor_household" + ")" * 200,
}


@pytest.mark.parametrize("name", sorted(DEEP_EXPRESSIONS))
def test_deep_expressions_end_in_a_located_limit_or_compile(project: Path, name: str) -> None:
    """Refused with the limit it breaks (depth 64, or 4,000 characters), or — for redundant
    parentheses, which add no depth to the expression — compiled; never a RecursionError."""
    edit(project, "required: not poor_household",
         f"required: {json.dumps(DEEP_EXPRESSIONS[name])}")
    before = tree(project / "procedures")
    for command in (["validate"], ["build", "--out", "out"]):
        proc = hostile(project, *command, expect=0 if name == "200 parentheses" else 1)
        if proc.returncode == 1:
            found = set(codes(proc.stdout))
            assert found & {"PG211", "PG212"}, proc.stdout
            assert ("64" if "PG211" in found else "4000") in proc.stdout, "the limit is named"
    assert tree(project / "procedures") == before


def test_deep_but_short_expressions_are_refused_for_depth(project: Path) -> None:
    """Under 4,000 characters yet 300 levels deep: the depth limit, PG211, is what stops it."""
    for deep in ("not " * 300 + "poor_household", "-" * 500 + "copies > 3",
                 "(" * 100 + "-" * 100 + "copies" + ")" * 100 + " > 1"):
        edit(project, "required: not poor_household", f"required: {json.dumps(deep)}")
        said = hostile(project, "validate", expect=1).stdout
        assert "PG211" in codes(said), said
        assert "64" in said, said
        edit(project, f"required: {json.dumps(deep)}", "required: not poor_household")


def test_a_long_flat_expression_is_refused_with_its_limit(project: Path) -> None:
    long = " or ".join(f"copies = {i}" for i in range(400))  # > 4,000 characters, shallow
    assert len(long) > 4000
    edit(project, "required: not poor_household", f"required: {json.dumps(long)}")
    said = hostile(project, "validate", expect=1).stdout
    assert "PG212" in codes(said), said


def test_expressions_at_the_limit_still_compile(project: Path) -> None:
    """The limits are not off by one: 60 nested ``not``s build and quote like one."""
    edit(project, "required: not poor_household",
         f"required: {json.dumps('not ' * 59 + 'not poor_household')}")
    hostile(project, "build", "--out", "out", expect=0)


def _nested_group(depth: int) -> str:
    lines, pad = [], "  "
    for level in range(depth):
        lines += [f"{pad}- id: g{level}", f"{pad}  type: group",
                  f"{pad}  label: {{vi: Nhóm {level}, en: Group {level}}}",
                  f"{pad}  fields:"]
        pad += "    "
    lines.append(f"{pad}- {{id: leaf, type: text, label: {{vi: Lá, en: Leaf}}}}")
    return "\n".join(lines) + "\n"


def _before_person(project: Path, fields: str) -> None:
    """Put ``fields`` first in the kitchen sink's ``fields`` (its use of the person block
    goes on over two lines, with its heading)."""
    edit(project, "fields:\n  - use: person\n", "fields:\n" + fields + "  - use: person\n")


@pytest.mark.parametrize("depth", [11, 14])
def test_groups_nested_too_deep_are_refused_located(project: Path, depth: int) -> None:
    """Groups 200 deep crashed the OpenAPI writer; YAML itself stops at 32 levels (PG122)."""
    _before_person(project, _nested_group(depth))
    for command in (["validate"], ["build", "--out", "out"]):
        said = hostile(project, *command, expect=1).stdout
        assert "PG316" in codes(said), said


def test_groups_nested_hundreds_deep_never_crash(project: Path) -> None:
    _before_person(project, _nested_group(200))
    said = hostile(project, "build", "--out", "out", expect=1).stdout
    assert set(codes(said)) & {"PG122", "PG316"}, said


def test_groups_at_the_limit_build(project: Path) -> None:
    _before_person(project, _nested_group(3))
    edit(project, "fields: [person, poor_household, home_address]",
         "fields: [person, poor_household, home_address, g0]")
    hostile(project, "build", "--out", "out", expect=0)


# -- defaults ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["default", "example"])
@pytest.mark.parametrize(
    ("field", "breaking"),
    [
        ('pattern: "^[A-Z]{2}[0-9]{4}$"', 'pattern: "^[A-Z]{2}[0-9]{4}$"\n    KEY: "ab12"'),
        ("max_length: 500", 'max_length: 500\n    KEY: "too short"'),
    ],
    ids=["pattern", "min_length"],
)
def test_a_default_that_breaks_its_own_field_is_refused(project: Path, field: str,
                                                        breaking: str, key: str) -> None:
    """A ``default`` or an ``example`` is an answer its own field must accept."""
    edit(project, field, breaking.replace("KEY", key))
    for command in (["validate"], ["validate", "--strict"], ["build", "--out", "out"]):
        said = hostile(project, *command, expect=1).stdout
        assert "PG309" in codes(said), said
