"""REQ reliability (issue 14 §5): hostile mutants of valid input never break the promise.

A valid procedure (the kitchen sink) is mutated the way a careless or hostile author could:
one value somewhere in the file is replaced by deep nesting, a recursive alias, a huge or odd
number, a pathological pattern, a deeply nested expression, a hostile name or markup; or the
file itself becomes something that is not a regular file. Answers given to ``quote`` are mutated
the same way. Each mutant runs through the real CLI (``validate``, ``build``, ``quote``) as a
fresh process under a memory limit, and must end within the time bound with exit 0, or exit 1
and a located error; never exit 3, a traceback or a hang; and no file outside the build's own
output (``out/`` and ``.procgen-cache/``) may change.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.hostile.conftest import KITCHEN_SINK, hostile, tree

SETTINGS = settings(
    max_examples=24,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROCEDURE = "kitchen-sink.yaml"
OWN = ("out", ".procgen-cache", ".out.procgen-new", ".out.procgen-old")
"""What a build may write in the project folder: its output, staging copies and cache."""

_BASE: dict[str, Any] = yaml.safe_load((KITCHEN_SINK / PROCEDURE).read_text("utf-8"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``node`` (mapping keys and list indexes), shortest first."""
    out: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


PATHS = _paths(_BASE)

# -- hostile values, written as raw YAML text ------------------------------------------------

DEEP = st.sampled_from([100, 400, 998, 1500, 5000]).flatmap(
    lambda n: st.sampled_from(["[" * n + "]" * n, "{a: " * n + "1" + "}" * n])
)
NUMBERS = st.sampled_from([
    str(2**53), str(2**53 + 1), str(2**64), str(-(2**63) - 1), "9" * 400, "1" * 5000,
    "0o" + "7" * 5000, "0x" + "f" * 3000, ":".join(["59"] * 2000), "1e400", "-1e400", ".nan",
    ".inf", "-.inf", "1_000_000_000_000_000_000_000", "0.1e-400", "1" + "0" * 4301 + ".5",
])
PATTERNS = st.sampled_from([
    "^(a+)+$", "^(a|aa)+$", "^(a*)*$", "(x+x+)+y", "^([a-zA-Z0-9]+\\s?)*$", "(\\d+\\.?)+$",
    "(a)\\1", "(?=a)a", "[", "a{99999}", "a{1000}{1000}", "\\p{L}+", "(?i)abc",
])
EXPRESSIONS = st.sampled_from([
    " and ".join(["true"] * 400),
    " or ".join(["copies > 1"] * 400),
    "not " * 400 + "true",
    " + ".join(["1"] * 600) + " > 0",
    "-" * 600 + "1 > 0",
    "(" * 500 + "true" + ")" * 500,
    "copies > " + "9" * 5000,
    "copies > 1e400",
    "len(" * 300 + "purpose" + ")" * 300 + " > 0",
])
NAMES = st.sampled_from([
    "constructor", "toString", "hasOwnProperty", "__proto__", "valueOf", "prototype", "con",
    "aux", "nul", "com1", "lpt9", "CON", "../../outside", "/etc/passwd", "a" * 5000,
    "\u202ereversed", "x\u0000y", "kitchen-sink/../x", "id with spaces", "",
])
MARKUP = st.sampled_from([
    "[Pay here](https://phish.example/pay)", "![](https://tracker.example/p.gif)",
    "[js](javascript:alert(1))", "**bold** _it_ `code`", "<script>alert(1)</script>",
    "# heading\n\n- item", "https://phish.example www.phish.example", "{{ 7*7 }} ${7*7}",
])


def _quoted(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


RAW = st.one_of(
    DEEP,
    st.just("&a [*a]"),
    st.just("&b {x: *b}"),
    NUMBERS,
    PATTERNS.map(_quoted),
    EXPRESSIONS.map(_quoted),
    NAMES.map(_quoted),
    MARKUP.map(_quoted),
    st.just("[" + ", ".join(["0"] * 300_000) + "]"),
)


def _mutant(path: tuple[Any, ...], raw: str) -> str:
    """The kitchen sink with the value at ``path`` replaced by the YAML text ``raw``.

    Written as JSON (a YAML subset) with a placeholder string where the raw text goes, so no
    YAML emitter has to cope with the hostile value.
    """
    doc = json.loads(json.dumps(_BASE, default=str))
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = "@@HOSTILE@@"
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return text.replace('"@@HOSTILE@@"', raw, 1) + "\n"


def _with_key(key: str, raw: str) -> str:
    """The kitchen sink with ``key: raw`` added to its text field ``reference_code``."""
    doc = json.loads(json.dumps(_BASE, default=str))
    field = next(f for f in doc["fields"] if f.get("id") == "reference_code")
    field[key] = "@@HOSTILE@@"
    return json.dumps(doc, ensure_ascii=False, indent=1).replace('"@@HOSTILE@@"', raw, 1) + "\n"


def _outside(work: Path) -> dict[str, bytes]:
    return {p: b for p, b in tree(work).items() if p.split("/")[0] not in OWN}


def _run_all(work: Path) -> None:
    """validate, build, and (when the build succeeded) quote: each must keep the promise."""
    before = _outside(work)
    hostile(work, "validate")
    built = hostile(work, "build", "--out", "out", "-j", "2")
    hostile(work, "build", "--out", "out", "--check")
    if built.returncode == 0:
        (work / "answers.json").write_text('{"copies": 2}', "utf-8")
        hostile(work, "quote", "kitchen-sink", "--answers", "answers.json")
        (work / "answers.json").unlink()
    assert _outside(work) == before, "a file outside the build's own output changed"


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    return tmp_path


def _project(base: Path, n: int) -> Path:
    work = base / f"case{n}"
    shutil.copytree(KITCHEN_SINK, work / "procedures")
    return work


_count = iter(range(10**6))


@SETTINGS
@given(path=st.sampled_from(PATHS), raw=RAW)
def test_a_hostile_value_anywhere(fresh: Path, path: tuple[Any, ...], raw: str) -> None:
    work = _project(fresh, next(_count))
    (work / "procedures" / PROCEDURE).write_text(_mutant(path, raw), "utf-8")
    _run_all(work)


@SETTINGS
@given(key=st.sampled_from(["pattern", "default", "constraint", "when", "max_length"]),
       raw=st.one_of(PATTERNS.map(_quoted), EXPRESSIONS.map(_quoted), NUMBERS))
def test_a_hostile_field_setting(fresh: Path, key: str, raw: str) -> None:
    work = _project(fresh, next(_count))
    (work / "procedures" / PROCEDURE).write_text(_with_key(key, raw), "utf-8")
    _run_all(work)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _zero(p: Path) -> None:
    p.symlink_to("/dev/zero")


def _dangling(p: Path) -> None:
    p.symlink_to(p.parent / "missing-target.yaml")


def _folder(p: Path) -> None:
    p.mkdir()


def _unreadable(p: Path) -> None:
    p.write_bytes((KITCHEN_SINK / PROCEDURE).read_bytes())
    p.chmod(0)


def _huge(p: Path) -> None:
    with p.open("wb") as f:
        f.write(b"procgen: 1\nnote: |\n")
        for _ in range(6 * 1024):
            f.write(b"  " + b"x" * 1021 + b"\n")


ODD_FILES = {"fifo": _fifo, "dev-zero": _zero, "dangling": _dangling, "folder": _folder,
             "unreadable": _unreadable, "huge": _huge}
ODD_PLACES = ["extra.yaml", "common/extra.yaml", "lists/extra.yaml", "localities/extra.yaml",
              "con.yaml", "aux.yaml"]


@SETTINGS
@given(kind=st.sampled_from(sorted(ODD_FILES)), where=st.sampled_from(ODD_PLACES))
def test_an_odd_file(fresh: Path, kind: str, where: str) -> None:
    """Whatever sits under procedures/, validate and build report it the same way."""
    work = _project(fresh, next(_count))
    ODD_FILES[kind](work / "procedures" / where)
    try:
        checked = hostile(work, "validate")
        built = hostile(work, "build", "--out", "out")
        assert built.returncode == checked.returncode == 1, (checked.stdout, built.stdout)
    finally:
        target = work / "procedures" / where
        if target.exists() and not target.is_symlink():
            target.chmod(0o644)


def test_a_file_name_that_is_not_utf8(fresh: Path) -> None:
    work = _project(fresh, next(_count))
    name = os.fsencode(work / "procedures") + b"/caf\xe9.yaml"
    fd = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.write(fd, (KITCHEN_SINK / PROCEDURE).read_bytes())
    finally:
        os.close(fd)
    checked = hostile(work, "validate")
    built = hostile(work, "build", "--out", "out")
    assert built.returncode == checked.returncode == 1


ANSWER_VALUES = st.one_of(
    NUMBERS, DEEP.map(lambda s: s.replace("{a: ", '{"a": ')), NAMES.map(_quoted),
    st.just('"' + "a" * 40 + '!"'), st.just('"\\ud83d\\ude00"'), st.just("2.5e3"),
    st.just("NaN"), st.just("-Infinity"), st.just("[" + ",".join(["1"] * 100_000) + "]"),
)


@SETTINGS
@given(key=st.sampled_from(["copies", "reference_code", "purpose", "start_date", "services",
                            "children", "constructor", "__proto__"]), raw=ANSWER_VALUES)
def test_hostile_answers(fresh: Path, key: str, raw: str) -> None:
    work = _project(fresh, next(_count))
    answers = work / "answers.json"
    answers.write_text("{" + _quoted(key) + ": " + raw + "}", "utf-8")
    before = tree(work)
    hostile(work, "quote", "kitchen-sink", "--answers", "answers.json")
    assert tree(work) == before
