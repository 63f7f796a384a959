"""REQ foundation/robustness: mutated valid files never crash ``procgen validate``.

Valid files (the kitchen-sink project and the bundled procedures that validate) are mutated,
either structurally (parse, change, ``yaml.safe_dump``: delete a key, retype a value, rename a
key with a typo, delete a list item, swap or copy ids) or as raw text (inject junk characters,
duplicate or delete a line, cut the file short). Each mutant is validated through click's
``CliRunner`` on a temporary copy of its project. Whatever the mutation, the command exits 0 or
1, never with an exception; on exit 1 every line it prints is a located diagnostic
``path:line:col: severity[PGnnn]: message`` whose line and column lie inside that file.
"""

from __future__ import annotations

import re
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from procgen.cli import cli
from procgen.diagnostics import DiagnosticSink
from procgen.source import load_text

ROOT = Path(__file__).resolve().parents[2]
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
BUNDLED = ROOT / "procedures"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (error|warning)\[PG\d{3}\]: .+$")
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Target:
    """One valid file inside a temporary copy of its project."""

    root: Path  # the procedures folder
    file: Path
    text: str
    check: Path  # what to validate: the file itself, or the whole folder for shared files

    def __repr__(self) -> str:
        return f"Target({self.root.parent.name}/{self.file.relative_to(self.root)})"


class Targets(list[Target]):
    def __repr__(self) -> str:
        return f"<{len(self)} targets>"


def _is_valid(root: Path, file: Path) -> bool:
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate", str(file)])
    return result.exit_code == 0 and not result.stdout.strip()


def _target(root: Path, rel: str) -> Target:
    path = root / rel
    check = path if "/" not in rel and rel != "procgen.yaml" else root
    return Target(root, path, path.read_text("utf-8"), check)


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> Targets:
    base = tmp_path_factory.mktemp("mutations")
    out = Targets()
    shutil.copytree(KITCHEN, base / "kitchen" / "procedures")
    kitchen = base / "kitchen" / "procedures"
    for rel in (
        "kitchen-sink.yaml",
        "common/person.yaml",
        "lists/sex.yaml",
        "localities/test-city.yaml",
        "procgen.yaml",
    ):
        out.append(_target(kitchen, rel))
    assert _is_valid(kitchen, kitchen), "the kitchen sink must be valid"
    if BUNDLED.is_dir():
        shutil.copytree(BUNDLED, base / "bundled" / "procedures")
        bundled = base / "bundled" / "procedures"
        for path in sorted(bundled.glob("*.yaml")):
            if path.name != "procgen.yaml" and _is_valid(bundled, path):
                out.append(_target(bundled, path.name))
        if _is_valid(bundled, bundled):
            for rel in ("common/applicant.yaml", "lists/sex.yaml", "localities/ha-noi.yaml"):
                if (bundled / rel).is_file():
                    out.append(_target(bundled, rel))
    return out


def run_mutant(target: Target, text: str | bytes) -> int:
    """Write the mutant over the target, validate it, check the outcome, restore the file."""
    try:
        if isinstance(text, bytes):
            target.file.write_bytes(text)
        else:
            target.file.write_text(text, "utf-8")
        args = ["--procedures", str(target.root), "validate", str(target.check)]
        result = CliRunner().invoke(cli, args)
    finally:
        target.file.write_text(target.text, "utf-8")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        detail = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"validate raised instead of reporting:\n{detail}\n--- mutant ---\n{text!r}")
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 0:
        assert "error[PG" not in result.stdout, result.stdout
        return 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    assert lines, "exit 1 without a diagnostic"  # (indented lines: a diagnostic's notes, help)
    assert any("error[PG" in line for line in lines)
    order: list[tuple[str, int, int]] = []
    for line in lines:
        m = LINE.match(line)
        assert m, f"not a located diagnostic: {line!r}"
        check_position(Path(m["file"]), int(m["line"]), int(m["col"]), text, target, line)
        order.append((m["file"], int(m["line"]), int(m["col"])))
    assert order == sorted(order), "diagnostics are sorted by file, line and column"
    return 1


def check_position(
    file: Path, line: int, col: int, mutant: str | bytes, target: Target, shown: str
) -> None:
    """Line and column lie inside the file the diagnostic names (1-based; end of file allowed).

    Lines are counted as YAML counts them: CR, LF, CRLF, NEL, LS and PS all end a line.
    """
    if file.resolve() == target.file.resolve():
        data = mutant.encode("utf-8") if isinstance(mutant, str) else mutant
    else:
        data = file.read_bytes()
    body = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    lines = YAML_BREAK.split(body)
    assert 1 <= line <= len(lines), f"line {line} outside the file: {shown}"
    text_line = lines[line - 1]
    assert 1 <= col <= len(text_line) + 1, f"column {col} outside line {text_line!r}: {shown}"


# --- structural mutations -----------------------------------------------------------------------

JUNK_VALUES: list[Any] = [
    "x",
    "",
    7,
    -1,
    0,
    1.5,
    True,
    None,
    [],
    [1, "a"],
    {},
    {"a": 1},
    "not a slug!",
    "a <b> & 'c'",
    "x\ny",  # echoed in messages: each diagnostic must still be one line
    "x\ty\x07",
    "2023-02-30",
    "today( +",
]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in the tree, depth first, in document order."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


def get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


def typo(key: str, how: int) -> str:
    if len(key) < 2:
        return key + "x"
    i = how % (len(key) - 1)
    return [
        key[:i] + key[i + 1] + key[i] + key[i + 2 :],  # swap two letters
        key[:i] + key[i + 1 :],  # drop one
        key[:i] + key[i] + key[i:],  # double one
        key.upper(),
    ][how % 4]


def mutate_tree(tree: Any, data: st.DataObject) -> Any:
    """Apply one structural mutation in place; return the tree."""
    all_paths = [p for p in paths(tree) if p]
    kind = data.draw(st.sampled_from(["delete", "retype", "rename", "drop-item", "ids"]))
    event(kind)
    if kind == "delete" or kind == "rename":
        keyed = [p for p in all_paths if isinstance(p[-1], str)]
        path = data.draw(st.sampled_from(keyed))
        parent = get(tree, path[:-1])
        if kind == "delete":
            del parent[path[-1]]
        else:
            new = typo(path[-1], data.draw(st.integers(0, 40)))
            items = [(new if k == path[-1] else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
    elif kind == "retype":
        path = data.draw(st.sampled_from(all_paths))
        get(tree, path[:-1])[path[-1]] = data.draw(st.sampled_from(JUNK_VALUES))
    elif kind == "drop-item":
        indexed = [p for p in all_paths if isinstance(p[-1], int)]
        if indexed:
            path = data.draw(st.sampled_from(indexed))
            del get(tree, path[:-1])[path[-1]]
    else:
        ids = [p for p in all_paths if p[-1] == "id"]
        if len(ids) >= 2:
            a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            pa, pb = get(tree, a[:-1]), get(tree, b[:-1])
            if data.draw(st.booleans()):
                pa["id"], pb["id"] = pb["id"], pa["id"]  # swap
            else:
                pa["id"] = pb["id"]  # copy: a duplicate id
    return tree


@SETTINGS
@given(st.data())
def test_structural_mutations_never_crash(targets: Targets, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(targets))
    tree = load_text("t.yaml", target.text, DiagnosticSink()).value
    n = data.draw(st.integers(1, 3))
    for _ in range(n):
        tree = mutate_tree(tree, data)
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000)
    event(f"exit {run_mutant(target, text)}")


# --- text mutations -----------------------------------------------------------------------------

JUNK = [
    ":", ": ", "-", "- ", "{", "}", "[", "]", ",", "'", '"', "\t", "&a ", "*a", "!", "!!", "%",
    "@", "`", "|", ">", "#", "?", "\x00", "\ufeff", "é", "\r", "\\", "\n", "\n  ", "<<: ",
    "~", "0x", "0b", "1e9", "\u2028", "\x85", "𝔘",
]  # fmt: skip


EXPR_LINE = re.compile(r"^(?P<head>\s*(- )?(when|required|constraint|amount): )(?P<expr>[^#{\n]+)$")
EXPR_JUNK = [
    "(", ")", " and ", " or ", " not ", "==", "<", "+", "*", "/", '"', "'", "[", "]", ",",
    "1.5", "-", " in ", "date(", 'date("2024-02-30")', "today()", "age(", "len()", "x.y",
    "count(", "sum(", "nosuch_field", "nosuch(1)", "true", "9" * 20, "\\", "é", "!", "=",
]  # fmt: skip


def mutate_expression(lines: list[str], data: st.DataObject) -> list[str] | None:
    """Insert a token into one expression, written plain, quoted or as a block scalar."""
    found = [(n, m) for n, ln in enumerate(lines) if (m := EXPR_LINE.match(ln))]
    if not found:
        return None
    n, m = data.draw(st.sampled_from(found))
    expr = m["expr"].rstrip()
    pos = data.draw(st.integers(0, len(expr)))
    expr = expr[:pos] + data.draw(st.sampled_from(EXPR_JUNK)) + expr[pos:]
    style = data.draw(st.sampled_from(["plain", "single", "double", "folded", "literal"]))
    event(f"expression {style}")
    indent = " " * (len(m["head"]) - len(m["head"].lstrip()) + 2)
    if style == "single":
        return [*lines[:n], m["head"] + "'" + expr.replace("'", "''") + "'", *lines[n + 1 :]]
    if style == "double":
        quoted = expr.replace("\\", "\\\\").replace('"', '\\"')
        return [*lines[:n], m["head"] + '"' + quoted + '"', *lines[n + 1 :]]
    if style in ("folded", "literal"):
        cut = data.draw(st.integers(0, len(expr)))
        body = [indent + expr[:cut].strip(), indent + expr[cut:].strip()]
        head = m["head"] + (">-" if style == "folded" else "|-")
        return [*lines[:n], head, *[b for b in body if b.strip()], *lines[n + 1 :]]
    return [*lines[:n], m["head"] + expr, *lines[n + 1 :]]


def mutate_text(text: str, data: st.DataObject) -> str | bytes:
    lines = text.split("\n")
    kind = data.draw(
        st.sampled_from(
            ["junk", "dup-line", "dup-key", "del-line", "cut", "indent", "bytes", "expression"]
        )
    )
    event(kind)
    if kind == "expression":
        mutated = mutate_expression(lines, data)
        if mutated is not None:
            return "\n".join(mutated)
        kind = "junk"
    if kind == "junk":
        pos = data.draw(st.integers(0, len(text)))
        junk = data.draw(st.lists(st.sampled_from(JUNK), min_size=1, max_size=3))
        return text[:pos] + "".join(junk) + text[pos:]
    i = data.draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "dup-line":
        return "\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    if kind == "dup-key":
        keyed = [n for n, ln in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+:", ln)]
        n = data.draw(st.sampled_from(keyed))
        copy = re.sub(r"^(\s*)- ", r"\1  ", lines[n])  # the same key again in the same mapping
        return "\n".join([*lines[: n + 1], copy, *lines[n + 1 :]])
    if kind == "del-line":
        return "\n".join(lines[:i] + lines[i + 1 :])
    if kind == "cut":
        return text[: data.draw(st.integers(0, len(text)))]
    if kind == "indent":
        shift = data.draw(st.sampled_from([" ", "   ", "\t"]))
        return "\n".join([*lines[:i], shift + lines[i], *lines[i + 1 :]])
    raw = text.encode("utf-8")
    pos = data.draw(st.integers(0, len(raw)))
    bad = data.draw(st.sampled_from([b"\xff", b"\xc3", b"\xe1\x80", b"\xed\xa0\x80"]))
    return raw[:pos] + bad + raw[pos:]


@SETTINGS
@given(st.data())
def test_text_mutations_never_crash(targets: Targets, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(targets))
    event(f"exit {run_mutant(target, mutate_text(target.text, data))}")


def test_message_with_a_line_break_stays_one_line(targets: Targets) -> None:
    target = targets[0]
    mutant = target.text.replace("id: kitchen-sink", 'id: "kitchen\\nsink"', 1)
    assert run_mutant(target, mutant) == 1


def test_mutation_targets_include_the_bundled_procedures(targets: Targets) -> None:
    """Guard: the hypothesis tests really mutate more than the kitchen sink."""
    assert len(targets) >= 4
    if BUNDLED.is_dir():
        assert any("bundled" in str(t.root) for t in targets)
