"""``procgen diff --format sarif`` (issue 18): the diff's findings as SARIF 2.1.0.

Covers: valid against the official schema for every case pair, in both languages, and with no
change at all; one result per change (plus one per revision warning), in the JSON format's
order, with the change's rule, level from its classes, message, fingerprint and facts; rules
described in the diff's language; a change located in the revision (a removal at its
procedure; a removed procedure only logically); with ``--base`` the locations are the working
tree's and the old side's places ``REV:path``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import SARIF_SCHEMA, require_tool
from tests.diff.test_cli import CASES, repo, run  # noqa: F401  (repo: a fixture)

from procgen.wording import say

PAIRS = sorted(p.name.removesuffix("_base.yaml") for p in CASES.glob("*_base.yaml"))
LEVELS = {"breaking": "error", "burden+": "warning"}


def sarif(*args: str) -> dict[str, Any]:
    result = run("diff", *args, "--format", "sarif")
    assert result.exit_code == 0, result.output
    log: dict[str, Any] = json.loads(result.stdout)
    require_tool(SARIF_SCHEMA.is_file(), "the SARIF 2.1.0 schema (cd tests/js && npm ci)")
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    return log


def pair(case: str) -> tuple[str, str]:
    return str(CASES / f"{case}_base.yaml"), str(CASES / f"{case}_revision.yaml")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", PAIRS)
def test_every_case_is_valid_sarif_with_one_result_per_change(case: str, lang: str) -> None:
    log = sarif(*pair(case), "--lang", lang)
    as_json = json.loads(run("diff", *pair(case), "--format", "json", "--lang", lang).stdout)
    (only,) = log["runs"]
    assert only["language"] == lang and only["tool"]["driver"]["name"] == "procgen"
    rules = only["tool"]["driver"]["rules"]
    results = only["results"]
    changes, warnings = as_json["changes"], as_json["warnings"]
    assert len(results) == len(changes) + len(warnings)
    for r, c in zip(results, changes, strict=False):
        assert (r["ruleId"], r["message"]["text"]) == (c["rule"], c["message"])
        assert rules[r["ruleIndex"]]["id"] == c["rule"]
        want = next((LEVELS[k] for k in ("breaking", "burden+") if k in c["classes"]), "note")
        assert r["level"] == want
        assert r["partialFingerprints"] == {"procgenChange/v1": c["fingerprint"]}
        for key in ("procedure", "path", "classes", "old", "new", "base"):
            assert r["properties"][key] == c[key], key
        (place,) = r["locations"]
        (logical,) = place["logicalLocations"]
        assert logical["fullyQualifiedName"] == ".".join(
            x for x in (c["procedure"], c["path"]) if x)
        assert place["physicalLocation"]["artifactLocation"]["uri"] == os.path.relpath(
            pair(case)[1])  # as diagnostics show paths: relative to where procgen runs
    for r, w in zip(results[len(changes):], warnings, strict=True):
        assert (r["ruleId"], r["level"], r["message"]["text"]) == (
            "revision-not-bumped", "warning", w["message"])
    assert [x["id"] for x in rules] == sorted({c["rule"] for c in changes}) + (
        ["revision-not-bumped"] if warnings else [])


def test_rules_are_described_in_the_diff_language() -> None:
    base, rev = pair("stay_api")
    for lang in ("vi", "en"):
        rules = {r["id"]: r for r in sarif(base, rev, "--lang", lang)["runs"][0]["tool"]
                 ["driver"]["rules"]}
        removed = rules["option-removed"]
        assert removed["shortDescription"]["text"] == {"vi": "Bỏ lựa chọn …",
                                                       "en": "Option … removed"}[lang]
        assert removed["help"]["text"] == say("diff_sarif_breaking", lang)
        assert removed["defaultConfiguration"]["level"] == "error"
        assert removed["properties"]["tags"] == ["breaking"]
        assert removed["helpUri"].endswith("docs/review.md#the-rules")


def test_a_revision_warning_is_a_result(tmp_path: Path) -> None:
    base, rev = pair("birth_fees")
    same_revision = tmp_path / "birth.yaml"
    text = Path(rev).read_text("utf-8")
    old_revision = next(line for line in Path(base).read_text("utf-8").splitlines()
                        if line.startswith("revision:"))
    same_revision.write_text("\n".join(old_revision if line.startswith("revision:") else line
                                       for line in text.splitlines()) + "\n", "utf-8")
    run_ = sarif(base, str(same_revision), "--lang", "en")["runs"][0]
    (warning,) = [r for r in run_["results"] if r["ruleId"] == "revision-not-bumped"]
    assert "bump `revision`" in warning["message"]["text"]
    assert warning["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "/birth.yaml")
    (rule,) = [r for r in run_["tool"]["driver"]["rules"] if r["id"] == "revision-not-bumped"]
    assert rule["help"]["text"] == say("diff_sarif_revision_fix", "en")


def test_no_changes_is_an_empty_run() -> None:
    base, _ = pair("birth_fees")
    (only,) = sarif(base, base)["runs"]
    assert only["results"] == [] and only["tool"]["driver"]["rules"] == []


def test_removals_point_at_their_procedure_and_a_removed_procedure_is_logical(
        tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(CASES.parent / "project", old)
    sample = (old / "sample.yaml").read_text("utf-8")
    (old / "other.yaml").write_text(sample.replace("id: sample", "id: other", 1), "utf-8")
    shutil.copytree(old, new)
    (new / "other.yaml").unlink()
    deed = "  - id: deed\n    title: {vi: Chứng thư, en: Deed}\n    originals: 1\n" \
           "    present_only: true\n    required: false\n"
    assert deed in sample
    (new / "sample.yaml").write_text(sample.replace(deed, ""), "utf-8")
    results = sarif(str(old), str(new), "--lang", "en")["runs"][0]["results"]
    (gone,) = [r for r in results if r["ruleId"] == "procedure-removed"]
    (place,) = gone["locations"]
    assert "physicalLocation" not in place
    assert place["logicalLocations"] == [{"name": "other", "fullyQualifiedName": "other",
                                          "kind": "module"}]
    (removed,) = [r for r in results if r.get("properties", {}).get("path") == "documents.deed"]
    where = removed["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].endswith("new/sample.yaml")
    assert removed["properties"]["base"]["file"].endswith("old/sample.yaml")


def test_with_base_the_locations_are_the_working_tree_and_the_old_side_rev_path(
        repo: Path) -> None:  # noqa: F811  (the fixture)
    sample = repo / "procedures" / "sample.yaml"
    sample.write_text(sample.read_text("utf-8").replace("amount: 50000", "amount: 70000")
                      .replace("revision: 1", "revision: 2"), "utf-8")
    result = run("diff", "--base", "HEAD", str(repo / "procedures"), "--format", "sarif")
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["runs"][0]["results"]
    (fee,) = [r for r in results if r["properties"]["path"] == "fees.base-fee.amount"]
    uri = fee["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("procedures/sample.yaml") and "procgen-diff-" not in uri
    assert fee["properties"]["base"]["file"] == "HEAD:procedures/sample.yaml"
    js = json.loads(run("diff", "--base", "HEAD", str(repo / "procedures"), "--format",
                        "json").stdout)
    assert {c["base"]["file"] for c in js["changes"]} == {"HEAD:procedures/sample.yaml"}
