"""Properties of the diff (issue 9): diff(a, a) is empty; reversing a diff swaps burden+/-.

diff(a, a) is checked for every bundled procedure and the kitchen sink, each loaded twice
(independently). hypothesis mutates the YAML of real procedures (documents added or removed,
fee amounts, processing times, originals and copies, visits in person) and checks that the
targeted change is found with the expected class and that the reversed diff swaps burden+ and
burden- everywhere, with the same paths and breaking flags mirrored only where they belong.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.diff.conftest import PROJECT, ROOT

from procgen.diagnostics import DiagnosticSink
from procgen.diff import compare
from procgen.diff.load import load_side
from procgen.model import load_portal

PROCEDURES = ROOT / "procedures"
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
SWAP = {"burden+": "burden-", "burden-": "burden+"}


def _portal(root: Path) -> Any:
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    assert not sink.has_errors(), [d.message for d in sink]
    return portal


@pytest.mark.parametrize("root", [PROCEDURES, KITCHEN, PROJECT], ids=["procedures", "kitchen",
                                                                     "sample"])
def test_diff_with_itself_is_empty(root: Path) -> None:
    a, b = _portal(root), _portal(root)
    assert len(a.procedures) >= 1
    result = compare(a, b)
    assert result.changes == ()
    assert result.warnings == ()
    assert result.summaries == ()


def test_every_bundled_procedure_equals_itself_one_by_one() -> None:
    portal = _portal(PROCEDURES)
    assert len(portal.procedures) >= 20
    for p in portal.procedures:
        one = type(portal)(portal.settings, (p,), portal.localities)
        assert compare(one, one).changes == (), p.id


# ---------------------------------------------------------------------------------------------
# Mutations of real YAML

SOURCES = {
    "sample": PROJECT / "sample.yaml",
    "kitchen-sink": KITCHEN / "kitchen-sink.yaml",
    "birth-registration": PROCEDURES / "birth-registration.yaml",
    "passport-issuance": PROCEDURES / "passport-issuance.yaml",
    "marriage-registration": PROCEDURES / "marriage-registration.yaml",
}


@pytest.fixture(scope="module")
def workdirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy of each source's project, so mutated files can sit next to their blocks."""
    out = {}
    for name, src in SOURCES.items():
        root = tmp_path_factory.mktemp(name)
        for part in ("common", "lists"):
            if (src.parent / part).is_dir():
                shutil.copytree(src.parent / part, root / part)
        shutil.copy(src.parent / "procgen.yaml", root)
        shutil.copy(src, root)
        out[name] = root
    return out


_BASES: dict[str, Any] = {}


def _base(root: Path, name: str) -> Any:
    if name not in _BASES:
        sink = DiagnosticSink()
        _BASES[name] = load_side(root / name, sink)
        assert not sink.has_errors()
    return _BASES[name]


def mutate(data: dict[str, Any], kind: str, pick: int, amount: int) -> tuple[str, str] | None:
    """Apply one mutation; return (path, burden expected there, "" for none) or None."""
    docs = data.setdefault("documents", [])
    if kind == "add-document":
        taken = {d["id"] for d in docs}
        did = next(f"extra-doc-{i}" for i in range(len(docs) + 1) if f"extra-doc-{i}" not in taken)
        docs.append({"id": did, "title": {"vi": "Giấy tờ thêm", "en": "Extra paper"},
                     "originals": 1, "accept": ["application/pdf"]})
        return f"documents.{did}", "burden+"
    if kind == "remove-document":
        removable = [d for d in docs if not d.get("generated_from_form")]
        if not removable:
            return None
        doc = removable[pick % len(removable)]
        gone = doc["id"]
        data["documents"] = [d for d in docs if d["id"] != gone]
        for s in data.get("steps", ()):
            if gone in s.get("documents", ()):
                s["documents"] = [x for x in s["documents"] if x != gone]
                if not s["documents"]:
                    del s["documents"]
        return f"documents.{gone}", "" if doc.get("required") is False else "burden-"
    if kind == "fee":
        fixed = [f for f in data.get("fees", ()) if isinstance(f.get("amount"), int)]
        if not fixed:
            return None
        fee = fixed[pick % len(fixed)]
        new = max(0, fee["amount"] + amount)
        if new == fee["amount"]:
            return None
        cls = "burden+" if new > fee["amount"] else "burden-"
        fee["amount"] = new
        return f"fees.{fee['id']}.amount", cls
    if kind == "time":
        names = sorted(data["channels"])
        name = names[pick % len(names)]
        time = data["channels"][name]["processing_time"]
        unit, value = next(iter(time.items()))
        new = max(1, value + amount // 1000)
        if new == value:
            return None
        data["channels"][name]["processing_time"] = {unit: new}
        return f"channels.{name}.processing_time", "burden+" if new > value else "burden-"
    if kind in {"originals", "copies"}:
        if not docs:
            return None
        doc = docs[pick % len(docs)]
        old = doc.get(kind, 0)
        new = max(0, old + (1 if amount >= 0 else -1))
        if new == old:
            return None
        doc[kind] = new
        return f"documents.{doc['id']}.{kind}", "burden+" if new > old else "burden-"
    if kind == "visit":
        steps = [s for s in data.get("steps", ()) if s["actor"] == "applicant"]
        if not steps:
            return None
        step = steps[pick % len(steps)]
        if step.get("presence") == "required":
            del step["presence"]
            return f"steps.{step['id']}.presence", "burden-"
        step["presence"] = "required"
        return f"steps.{step['id']}.presence", "burden+"
    raise AssertionError(kind)


KINDS = ["add-document", "remove-document", "fee", "time", "originals", "copies", "visit"]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(sorted(SOURCES)),
       kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=3),
       picks=st.lists(st.integers(0, 50), min_size=3, max_size=3),
       amounts=st.lists(st.integers(-20000, 20000).filter(bool), min_size=3, max_size=3))
def test_mutations_are_found_and_reverse_swaps_burden(
    workdirs: dict[str, Path], source: str, kinds: list[str], picks: list[int],
    amounts: list[int],
) -> None:
    root = workdirs[source]
    original = SOURCES[source]
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    targets: dict[str, str] = {}
    twice: set[str] = set()  # hit by two mutations: the net direction is not known here
    for kind, pick, amount in zip(kinds, picks, amounts, strict=False):
        hit = mutate(data, kind, pick, amount)
        if hit is None:
            continue
        if hit[0] in targets:
            twice.add(hit[0])
        targets[hit[0]] = hit[1]
    for path in twice:
        targets.pop(path, None)
    variant = root / "variant-under-test.yaml"
    variant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    sink = DiagnosticSink()
    a = _base(root, original.name)
    b = load_side(variant, sink)
    assert not sink.has_errors(), [f"{d.span.line}: {d.message}" for d in sink]
    forward = compare(a, b, "en")
    backward = compare(b, a, "en")

    by_path = {c.path: set(c.classes) for c in forward.changes}
    for path, cls in targets.items():
        if path in by_path:  # a later mutation may have undone or removed it
            assert cls in by_path[path] if cls else not by_path[path] & set(SWAP), path
    back = {c.path: set(c.classes) for c in backward.changes}
    assert back.keys() == by_path.keys()
    for path, classes in by_path.items():
        burdens = {SWAP[k] for k in classes if k in SWAP}
        assert {k for k in back[path] if k in SWAP} == burdens, path
        assert ("editorial" in classes) == ("editorial" in back[path]), path
