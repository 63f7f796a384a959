"""Realistic pairs (issue 9): tests/diff/cases/<case>_base.yaml → <case>_revision.yaml.

The revision file's header lists what a reviewer must see, strictly: ``# expect: path | rule |
classes`` for every change and ``# warn: code`` for every warning. Run through the CLI on the
two files, in JSON, so the file-pair mode and the JSON contract are tested too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from procgen.cli import cli

CASES = Path(__file__).resolve().parent / "cases"
NAMES = sorted(p.name.removesuffix("_base.yaml") for p in CASES.glob("*_base.yaml"))


def expected(case: str) -> tuple[set[tuple[str, str, tuple[str, ...]]], set[str]]:
    changes, warns = set(), set()
    for line in (CASES / f"{case}_revision.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect: "):
            path, rule, classes = (x.strip() for x in line[len("# expect: "):].split("|"))
            changes.add((path, rule, tuple(classes.split())))
        elif line.startswith("# warn: "):
            warns.add(line[len("# warn: "):].strip())
    return changes, warns


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *args])
    return result.exit_code, result.stdout, result.stderr


def test_there_are_cases() -> None:
    assert len(NAMES) >= 5


@pytest.mark.parametrize("case", NAMES)
def test_case(case: str) -> None:
    want_changes, want_warns = expected(case)
    assert want_changes, f"{case}: no '# expect:' lines"
    code, out, _ = run(str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml"),
                       "--format", "json", "--lang", "en")
    assert code == 0
    report = json.loads(out)
    got = {(c["path"], c["rule"], tuple(c["classes"])) for c in report["changes"]}
    assert got == want_changes
    assert {w["code"] for w in report["warnings"]} == want_warns
    for c in report["changes"]:
        assert set(c) >= {"procedure", "classes", "path", "message", "old", "new", "fingerprint"}


@pytest.mark.parametrize("case", NAMES)
def test_case_reversed_swaps_burden(case: str) -> None:
    """Going back from the revision to the base undoes each burden: + and - swap."""
    code, out, _ = run(str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml"),
                       "--format", "json")
    code2, back, _ = run(str(CASES / f"{case}_revision.yaml"), str(CASES / f"{case}_base.yaml"),
                         "--format", "json")
    assert code == code2 == 0

    def burdens(report: str) -> dict[str, set[str]]:
        return {c["path"]: {k for k in c["classes"] if k.startswith("burden")}
                for c in json.loads(report)["changes"]}

    swap = {"burden+": "burden-", "burden-": "burden+"}
    assert burdens(back) == {p: {swap[k] for k in ks} for p, ks in burdens(out).items()}
