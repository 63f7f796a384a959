"""REQ issue-14 part B: the limits of what procgen reads, defined once and enforced everywhere.

- nesting deeper than ``MAX_DEPTH`` is refused by the loader, with libyaml or without it, and
  the deepest file it accepts goes through every later pass (schema, model, every target);
- an alias inside its own anchor's value is refused (PG123); too many plain values are PG124,
  and PG106 stays for alias expansion;
- every number is finite and within ±``MAX_SAFE_INTEGER``, checked before any long text is
  converted; the JSON Schemas bound every number key inside that range, and expressions use
  the same bound;
- Windows device names are refused as slugs, block and list names, file names, by the id
  types and by ``procgen new``.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procgen.cli import cli
from procgen.diagnostics import CompilerBug, DiagnosticSink, StageFailed
from procgen.expr.checker import MAX_EXACT
from procgen.model import validate_paths
from procgen.model.ir import Slug
from procgen.source import MAX_DEPTH, MAX_SAFE_INTEGER, load_text
from procgen.source import loader as loader_module
from procgen.source.limits import WINDOWS_DEVICE_NAMES, windows_name_problem
from procgen.starter import write_starter

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
AUTHORING = ("procedure", "block", "list", "locality", "settings")


def load(text: str) -> tuple[Any, list[tuple[str, int, int]]]:
    sink = DiagnosticSink()
    try:
        value = load_text("p.yaml", text, sink).value
    except StageFailed:
        value = None
    return value, [(d.code, d.span.line, d.span.col) for d in sink if d.span]


# -- structure ---------------------------------------------------------------------------------


def nested(levels: int) -> str:
    """A file whose deepest list is at ``levels`` (the file's mapping is level 1)."""
    n = levels - 1
    return "x: " + "[" * n + "1" + "]" * n + "\n"


def test_the_nesting_limit_is_exact() -> None:
    value, found = load(nested(MAX_DEPTH))
    assert found == [] and value is not None
    _, found = load(nested(MAX_DEPTH + 1))
    assert found == [("PG122", 1, 3 + MAX_DEPTH)]


def test_block_nesting_counts_the_same() -> None:
    lines = [f"{' ' * i}k{i}:" for i in range(MAX_DEPTH + 1)]  # mapping i + 1 holds k{i}
    assert load("\n".join(lines) + " 1\n")[1] == [("PG122", MAX_DEPTH + 1, MAX_DEPTH + 1)]
    assert load("\n".join(lines[:-1]) + " 1\n")[1] == []


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 2000, 100_000])
def test_the_pure_python_composer_stops_too(monkeypatch: pytest.MonkeyPatch, levels: int) -> None:
    """Without libyaml, PyYAML's composer recurses once per level: it must stop in time."""
    monkeypatch.setattr(loader_module, "_Loader", loader_module._PureLoader)
    _, found = load(nested(levels))
    assert [code for code, *_ in found] == ["PG122"]


def groups(k: int) -> str:
    """A procedure with ``k`` groups nested inside one another."""

    def group(level: int, pad: str) -> str:
        if level == 0:
            return f"{pad}- {{id: leaf, type: text, label: {{vi: L, en: L}}, required: true}}\n"
        return (f"{pad}- id: g{level}\n{pad}  type: group\n{pad}  label: {{vi: G, en: G}}\n"
                f"{pad}  repeat: {{min: 1, max: 3}}\n{pad}  fields:\n"
                + group(level - 1, pad + "    "))

    return ("procgen: 1\nid: nest\ntitle: {vi: T, en: T}\n"
            "channels:\n  online: {processing_time: {working_days: 1}}\n"
            "fields:\n" + group(k, "  "))


@pytest.mark.parametrize("where", ["groups", "default"])
def test_the_deepest_accepted_file_goes_through_every_pass(tmp_path: Path, where: str) -> None:
    """As deep as the loader allows, in places the schema descends into: no pass breaks.

    Groups nested that deep may be refused by the model's own rule on groups; what matters
    is that the schema, the model and (when it gets that far) every target end normally.
    """
    deepest = (MAX_DEPTH - 4) // 2  # root, fields, a map and a list per group, leaf, label
    text = groups(deepest)
    if where == "default":
        text = groups(0).replace("required: true}", "default: " + nested(MAX_DEPTH - 2)[3:-1]
                                 + "}")
    assert load(text)[1] == []
    assert [c for c, *_ in load(groups(deepest + 1))[1]] == ["PG122"]
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    (root / "nest.yaml").write_text(text, "utf-8")
    for args in (["validate"], ["build", "--out", str(tmp_path / "out")]):
        result = CliRunner().invoke(cli, ["--procedures", str(root), *args])
        assert isinstance(result.exception, SystemExit | None), result.output
        assert result.exit_code in (0, 1), result.output
        assert "PG122" not in result.output


def test_an_alias_inside_its_own_anchor_points_at_the_alias() -> None:
    assert load("a: 1\nb: &x\n  c: [1, 2]\n  d: {e: *x}\n")[1] == [("PG123", 4, 10)]


def test_an_alias_to_a_finished_value_is_fine() -> None:
    value, found = load("a: &x [1, {b: 2}]\nc: [*x, *x]\n")
    assert found == [] and value["c"] == [[1, {"b": 2}], [1, {"b": 2}]]


def test_too_many_values_is_not_an_alias_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_VALUES", 11)
    assert load("x: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n")[1] == []  # 11 values with x and the root
    assert load("x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")[1] == [("PG124", 1, 32)]  # at the 10
    # root, a, 1, 2, 3, b, *a as 4 values: 11; the second *a expands past the limit
    assert load("a: &a [1, 2, 3]\nb: [*a, *a]\n")[1] == [("PG106", 1, 8)]


# -- numbers -----------------------------------------------------------------------------------

SAFE = {
    "9007199254740991": MAX_SAFE_INTEGER,
    "-9007199254740991": -MAX_SAFE_INTEGER,
    "0x1F": 31,
    "0b101": 5,
    "010": 8,
    "1:30": 90,
    "1_000": 1000,
    "0000000000000000000000000000000001": 1,
    "190:20:30.15": 685230.15,
    "1.0e+3": 1000.0,
    "0.1": 0.1,
    "9007199254740991.0": float(MAX_SAFE_INTEGER),
}
UNSAFE = [
    "9007199254740992", "-9007199254740992", "18446744073709551617", "9" * 4301, "0" + "7" * 5000,
    "0x" + "f" * 5000, "0b" + "1" * 54, "1" + ":59" * 20, "1" + ":59" * 9, ".inf", "-.Inf",
    ".nan", ".NAN", "1.0e+400", "9007199254740992.0", "1:59:59:59:59:59:59:59:59:59.0",
    "!!int " + "1" * 5000, "!!float " + "9" * 400,
]


@pytest.mark.parametrize(("written", "value"), SAFE.items(), ids=SAFE.keys())
def test_safe_numbers_are_read(written: str, value: float) -> None:
    got, found = load(f"n: {written}\n")
    assert found == [] and got["n"] == value


@pytest.mark.parametrize("written", UNSAFE, ids=[w[:24] for w in UNSAFE])
def test_unsafe_numbers_are_refused_at_the_number(written: str) -> None:
    started = time.perf_counter()
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        load_text("p.yaml", f"a: 1\nn: {written}\n", sink)
    assert time.perf_counter() - started < 1.0
    [d] = list(sink)
    assert (d.code, d.span.line, d.span.col) == ("PG116", 2, 4)
    assert str(MAX_SAFE_INTEGER) in d.message and len(d.message) < 250


def test_long_numbers_are_never_converted() -> None:
    started = time.perf_counter()
    _, found = load("n: 1" + ":59" * 2_000_000 + "\n")
    assert found == [("PG116", 1, 4)] and time.perf_counter() - started < 5.0


def test_expressions_and_plain_numbers_share_one_bound(tmp_path: Path) -> None:
    assert MAX_EXACT == MAX_SAFE_INTEGER == 2**53 - 1
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    path = root / "kitchen-sink.yaml"
    text = path.read_text("utf-8")
    for amount in ("9007199254740992 * copies", "9007199254740991.5 * copies"):
        path.write_text(text.replace("amount: 8000 * copies", f"amount: {amount}"), "utf-8")
        sink = DiagnosticSink()
        validate_paths([path], root, sink)
        assert [d.code for d in sink if d.severity == "error"] == ["PG202"], list(sink)


def number_nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema node that accepts a number, with where it is."""
    if isinstance(node, dict):
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        if {"number", "integer"} & {t for t in types if isinstance(t, str)}:
            yield where, node
        for key, sub in node.items():
            yield from number_nodes(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from number_nodes(sub, f"{where}/{i}")


@pytest.mark.parametrize("kind", AUTHORING)
def test_every_number_key_has_a_range_inside_the_safe_one(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    for where, node in number_nodes(schema):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum")
        assert low is not None and high is not None, f"{kind}{where} has no range"
        assert -MAX_SAFE_INTEGER <= low <= high <= MAX_SAFE_INTEGER, f"{kind}{where}"


@pytest.mark.parametrize("kind", AUTHORING)
def test_slugs_and_names_refuse_every_device_name(kind: str) -> None:
    defs = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8")).get("$defs", {})
    for name in ("slug", "name"):
        if name in defs:
            assert set(defs[name]["not"]["enum"]) == WINDOWS_DEVICE_NAMES, (kind, name)


# -- names -------------------------------------------------------------------------------------

NAMES = {
    "birth-registration.yaml": None,
    "con.yaml": "device",
    "CON.yaml": "device",
    "Aux.backup.yaml": "device",
    "nul": "device",
    "com0.yaml": "device",
    "lpt9.yaml": "device",
    "com10.yaml": None,
    "console.yaml": None,
    "con-registration.yaml": None,
    "a?b.yaml": "holds",
    "a:b.yaml": "holds",
    "a\x01.yaml": "holds",
    "x.yaml.": "ends",
    "x.yaml ": "ends",
}


@pytest.mark.parametrize(("name", "problem"), NAMES.items(), ids=[repr(n) for n in NAMES])
def test_windows_names(name: str, problem: str | None) -> None:
    phrase = windows_name_problem(name)
    said = phrase.en if phrase is not None else None
    assert phrase is None or phrase.vi != phrase.en
    assert (said is None) == (problem is None), said
    if problem == "device":
        assert said is not None and "reserves for a device" in said
    elif problem is not None:
        assert said is not None and problem in said


@pytest.mark.parametrize("name", sorted(WINDOWS_DEVICE_NAMES))
def test_device_names_are_no_slugs_and_no_new_procedures(tmp_path: Path, name: str) -> None:
    with pytest.raises(CompilerBug):
        Slug(name)
    with pytest.raises(ValueError, match="Windows"):
        write_starter(tmp_path, name)
    assert not list(tmp_path.iterdir())
