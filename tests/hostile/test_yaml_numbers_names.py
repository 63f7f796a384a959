"""REQ issue-14 part B: YAML structure limits, numbers with ranges, names Windows can check out.

Hostile input of three kinds, each run through the real command:

- structure: YAML nested hundreds of levels deep, an alias that contains itself, and a file of
  a million plain values — refused, located, with a message that says what is really wrong;
- numbers: whole numbers beyond 2⁵³ − 1 (money JavaScript and Python would total differently),
  beyond 2⁶⁴ (which crashed the build cache), with more than 4,300 digits in any base, and
  ``.inf``/``.nan`` — refused, located, by ``validate``; every number key keeps to its range;
- names: Windows device names (``con``, ``aux``, ``com1``…) as ids and as file names — refused,
  so the repository stays checkable-out on Windows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import hostile, tree

HEADER = """\
procgen: 1
id: deep
title: {vi: Thử, en: Test}
channels:
  online: {processing_time: {working_days: 1}}
"""


def codes(out: str) -> list[str]:
    return re.findall(r"error\[(PG\d{3})\]", out)


def edit(project: Path, old: str, new: str, rel: str = "kitchen-sink.yaml") -> Path:
    path = project / "procedures" / rel
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def refused(project: Path, code: str, *args: str) -> str:
    """``validate`` (and ``build``) exit 1 with ``code``, located; the source is untouched."""
    before = tree(project / "procedures")
    for command in (["validate"], ["build", "--out", "out"]):
        proc = hostile(project, *command, *args, expect=1)
        said = proc.stdout + proc.stderr
        assert code in codes(said), said
        assert max(len(line) for line in said.splitlines()) < 400, "the message echoes the input"
    assert tree(project / "procedures") == before
    return said


# -- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [500, 999, 5000])
def test_deep_flow_nesting_is_refused_located(project: Path, depth: int) -> None:
    path = project / "procedures" / "deep.yaml"
    path.write_text(HEADER + "x: " + "[" * depth + "]" * depth + "\n", "utf-8")
    said = refused(project, "PG122")
    assert "deep.yaml:6:" in said


@pytest.mark.parametrize("depth", [500, 999])
def test_deep_block_nesting_is_refused_located(project: Path, depth: int) -> None:
    lines = [f"{' ' * i}k{i}:" for i in range(depth)]
    path = project / "procedures" / "deep.yaml"
    path.write_text(HEADER + "\n".join(lines) + " 1\n", "utf-8")
    refused(project, "PG122")


@pytest.mark.parametrize(
    "value",
    ["&a [*a]", "&a {b: *a}", "&a [1, [2, {c: *a}]]", "&a\n  - x\n  - *a"],
    ids=["list", "mapping", "nested", "block"],
)
def test_an_alias_inside_its_own_anchor_is_refused(project: Path, value: str) -> None:
    path = project / "procedures" / "deep.yaml"
    text = HEADER + f"fields: {value}\n"
    path.write_text(text, "utf-8")
    said = refused(project, "PG123")
    before = text[: text.index("*a")].split("\n")
    assert f"deep.yaml:{len(before)}:{len(before[-1]) + 1}: " in said, said  # at the alias


def test_a_million_plain_values_are_not_called_an_alias_bomb(project: Path) -> None:
    path = project / "procedures" / "deep.yaml"
    path.write_text(HEADER + "x: [" + ", ".join(["1"] * 1_000_000) + "]\n", "utf-8")
    said = refused(project, "PG124")
    assert "PG106" not in said and "alias" not in said, said
    assert "200000" in said.replace(" ", "").replace(",", ""), said


# -- numbers -----------------------------------------------------------------------------------

HUGE = {
    "above 2**64": str(2**64 + 1),
    "above 2**53": str(2**53),
    "4301 decimal digits": "9" * 4301,
    "octal, 5000 digits": "0" + "7" * 5000,
    "hex, 5000 digits": "0x" + "f" * 5000,
    "binary, 5000 digits": "0b" + "1" * 5000,
    "sexagesimal, 3000 parts": "1" + ":59" * 3000,
    "underscores": "9_007_199_254_740_992",
}


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
@pytest.mark.parametrize(
    ("old", "template"),
    [
        ("revision: 2", "revision: {}"),
        ("amount: 50000", "amount: {}"),
        ("range: {min: 0, max: 50000}", "range: {{min: 0, max: {}}}"),
    ],
    ids=["revision", "amount", "range-max"],
)
def test_numbers_beyond_the_safe_range_are_refused(
    project: Path, number: str, old: str, template: str
) -> None:
    path = edit(project, old, template.format(number))
    said = refused(project, "PG116")
    line = 1 + path.read_text("utf-8")[: path.read_text("utf-8").index(number)].count("\n")
    assert f"kitchen-sink.yaml:{line}:" in said, said


def test_a_locality_amount_beyond_the_safe_range_is_refused(project: Path) -> None:
    edit(project, "desk-fee: 30000", f"desk-fee: {2**64}", "localities/test-city.yaml")
    said = refused(project, "PG116")
    assert "test-city.yaml:8:" in said, said


def test_a_sexagesimal_number_of_a_million_parts_ends_quickly(project: Path) -> None:
    edit(project, "revision: 2", "revision: 1" + ":59" * 1_000_000)
    refused(project, "PG116")


INFINITE = [
    (old, template.format(value))
    for old, template in [
        ("max: 10000", "max: {}"),
        ("max_size_mb: 2", "max_size_mb: {}"),
        ("duration: {working_days: 1}", "duration: {{working_days: {}}}"),
        ("min: 0.5", "min: {}"),
    ]
    for value in (".inf", "-.inf", ".nan", ".NaN", "1.0e+400")
    if not (value == "-.inf" and old.startswith(("max_size", "duration")))  # already < 0
]


@pytest.mark.parametrize(("old", "new"), INFINITE, ids=[new for _, new in INFINITE])
def test_infinite_and_nan_numbers_are_refused(project: Path, old: str, new: str) -> None:
    edit(project, old, new)
    refused(project, "PG116")


def test_a_negative_number_beyond_the_safe_range_is_refused(project: Path) -> None:
    edit(project, "min: 0.5", f"min: -{2**64}")
    said = refused(project, "PG116")
    assert re.search(r"kitchen-sink.yaml:\d+:10: ", said), said


RANGES = {
    # key as written in the kitchen sink -> a value just outside the documented range
    "originals": ("originals: 2", "originals: 101"),
    "copies": ("copies: 1\n", "copies: 101\n"),
    "max_size_mb": ("max_size_mb: 2", "max_size_mb: 1025"),
    "working_days": ("duration: {working_days: 1}", "duration: {working_days: 2501}"),
    "hours": ("duration: {hours: 1}", "duration: {hours: 87601}"),
    "processing_time": ("postal: {processing_time: {hours: 96,",
                        "postal: {processing_time: {hours: 100000,"),
    "repeat.min": ("repeat: {min: 0, max: 5}", "repeat: {min: 1001}"),
    "repeat.max": ("repeat: {min: 0, max: 5}", "repeat: {min: 0, max: 1001}"),
    "max_length": ("max_length: 500", "max_length: 1000001"),
    "min_length": ("min_length: 10", "min_length: 1000001"),
    "field max": ("max: 10000", "max: 9007199254740992.0"),
    "field min": ("min: 0.5", "min: -9007199254740992.0"),
    "default": ("default: 1", "default: 9007199254740992.0"),
    "amount as float": ("amount: 50000", "amount: 9.1e+15"),
}


@pytest.mark.parametrize(("old", "new"), RANGES.values(), ids=RANGES.keys())
def test_every_number_key_keeps_to_its_range(project: Path, old: str, new: str) -> None:
    edit(project, old, new)
    refused(project, "PG116")


def test_an_option_value_beyond_the_safe_range_is_refused(project: Path) -> None:
    edit(project, "{value: male,", f"{{value: {2**53},", "lists/sex.yaml")
    said = refused(project, "PG116")
    assert "sex.yaml:3:" in said, said


def nested_groups(levels: int, least: int) -> str:
    """``levels`` groups inside one another, each asking for at least ``least`` entries."""
    out, pad = [], "  "
    for level in range(levels, 0, -1):
        out += [f"{pad}- id: g{level}", f"{pad}  type: group", f"{pad}  label: {{vi: G, en: G}}",
                f"{pad}  repeat: {{min: {least}}}", f"{pad}  fields:"]
        pad += "    "
    out.append(f"{pad}- {{id: leaf, type: text, label: {{vi: L, en: L}}}}")
    return HEADER.replace("id: deep", "id: groups") + "fields:\n" + "\n".join(out) + "\n"


@pytest.mark.parametrize(("levels", "least"), [(3, 1000), (2, 40)])
def test_nested_groups_cannot_multiply_their_entries_beyond_reason(
    project: Path, levels: int, least: int
) -> None:
    """The API's example application holds every required entry: 1000³ of them never ended."""
    (project / "procedures" / "groups.yaml").write_text(nested_groups(levels, least), "utf-8")
    said = refused(project, "PG116")
    assert "groups.yaml:" in said and "entries" in said, said


# -- names -------------------------------------------------------------------------------------

DEVICE_IDS = {
    "document": ("- id: photo\n", "- id: aux\n"),
    "fee": ("- id: base-fee\n", "- id: nul\n"),
    "step": ("- id: family\n", "- id: com1\n"),
    "output": ("- id: certificate\n", "- id: lpt9\n"),
    "prn": ("- id: record\n", "- id: prn\n"),
}


@pytest.mark.parametrize(("old", "new"), DEVICE_IDS.values(), ids=DEVICE_IDS.keys())
def test_windows_device_names_are_refused_as_ids(project: Path, old: str, new: str) -> None:
    path = edit(project, old, new)
    said = refused(project, "PG115")
    line = 1 + path.read_text("utf-8")[: path.read_text("utf-8").index(new)].count("\n")
    assert f"kitchen-sink.yaml:{line}:" in said, said
    assert "Windows" in said, said


@pytest.mark.parametrize("name", ["con", "aux", "com7"])
def test_a_procedure_called_by_a_device_name_is_refused(project: Path, name: str) -> None:
    procedures = project / "procedures"
    text = (procedures / "kitchen-sink.yaml").read_text("utf-8")
    (procedures / "kitchen-sink.yaml").unlink()
    (procedures / f"{name}.yaml").write_text(text.replace("id: kitchen-sink", f"id: {name}", 1))
    (procedures / "localities" / "test-city.yaml").unlink()
    said = refused(project, "PG115")
    assert f"{name}.yaml:" in said and "Windows" in said, said


@pytest.mark.parametrize(
    "rel", ["common/con.yaml", "lists/AUX.yaml", "common/nul.backup.yaml", "lists/Com1.yaml",
            "localities/prn.yaml", "common/what?.yaml", "Con.yaml"],
)
def test_files_windows_cannot_check_out_are_refused(project: Path, rel: str) -> None:
    source = {"common": "common/person.yaml", "lists": "lists/sex.yaml",
              "localities": "localities/test-city.yaml"}.get(rel.split("/")[0], "kitchen-sink.yaml")
    procedures = project / "procedures"
    (procedures / rel).write_bytes((procedures / source).read_bytes())
    said = refused(project, "PG115")
    assert f"{Path(rel).name}:1:1:" in said and "Windows" in said, said


def test_a_block_named_by_a_device_name_is_refused_where_it_is_used(project: Path) -> None:
    procedures = project / "procedures"
    (procedures / "common" / "person.yaml").rename(procedures / "common" / "aux.yaml")
    edit(project, "- use: person", "- use: aux")
    said = refused(project, "PG115")
    assert "kitchen-sink.yaml:" in said and "aux.yaml:1:1:" in said, said


@pytest.mark.parametrize("name", ["con", "nul", "lpt1"])
def test_new_refuses_a_device_name(project: Path, name: str) -> None:
    before = tree(project / "procedures")
    proc = hostile(project, "new", name, expect=1, located=False)
    assert "Windows" in proc.stdout + proc.stderr
    assert tree(project / "procedures") == before
