"""REQ issue 7: every mobile file validates against the published schema (itself valid
2020-12); metadata, screens in order, typed components bound to exactly one field, document
capture, navigation; deterministic bytes; golden files for the kitchen sink; PG560-PG562.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.model.ir import Procedure
from procgen.targets import EmitContext, Target, get, portal_input

from .conftest import KITCHEN_SINK, REPO, VERSION, Corpus, compile_project

INPUT_TYPES = {"text", "textarea", "number", "money", "date", "boolean", "choice",
               "multichoice", "national_id", "phone", "email", "address", "repeat_group"}


def _all(corpora: dict[str, Corpus]) -> list[tuple[Procedure, dict[str, Any], bytes]]:
    return [(p, c.doc(p.id), c.files[f"mobile/{p.id}.json"])
            for c in corpora.values() for p in c.portal.procedures]


def _inputs(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in components if c["type"] in INPUT_TYPES]


def test_schema_is_valid_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name, sub in schema["$defs"].items():
        assert sub.get("title") or sub.get("description"), f"$defs/{name} has no title"


def test_every_file_validates(corpora: dict[str, Corpus], schema: dict[str, Any]) -> None:
    validator = Draft202012Validator(schema)
    files = _all(corpora)
    assert len(files) >= 27  # 25 bundled procedures, the kitchen sink, skip-screens
    for p, doc, _ in files:
        errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(doc)]
        assert not errors, (p.id, errors[:5])
    rs = pytest.importorskip("jsonschema_rs").Draft202012Validator(schema)
    assert all(rs.is_valid(doc) for _, doc, _ in files)  # a second, independent validator


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["screens"][1]["components"][0].update(type="slider"), "unknown component"),
    (lambda d: d["screens"][1]["components"][0].pop("field"), "unbound input"),
    (lambda d: d["screens"][1]["components"][0].update(visible_when={"eval": ["x"]}),
     "unknown JSON Logic operator"),
    (lambda d: d["procedure"].update(source_hash="now"), "bad source hash"),
    (lambda d: d["screens"][1].update(kind="wizard"), "unknown screen kind"),
    (lambda d: d.update(generated_at="2026-11-29T00:00:00Z"), "a timestamp"),
    (lambda d: d["screens"][1]["components"][0].update(colour="red"), "an unknown key"),
    (lambda d: d["screens"][1]["components"][0].update(required="yes"), "a rule that is text"),
])
def test_schema_rejects(corpora: dict[str, Corpus], schema: dict[str, Any], mutate: Any,
                        where: str) -> None:
    doc = copy.deepcopy(corpora["kitchen-sink"].doc("kitchen-sink"))
    assert Draft202012Validator(schema).is_valid(doc)
    mutate(doc)
    assert not Draft202012Validator(schema).is_valid(doc), where


def test_metadata(corpora: dict[str, Corpus]) -> None:
    for p, doc, _ in _all(corpora):
        meta = doc["procedure"]
        assert (meta["id"], meta["revision"], meta["source_hash"]) == (
            p.id, p.revision, p.source_hash)
        assert len(p.source_hash) == 64
        assert doc["languages"] == ["vi", "en"] and doc["fully_online"] == p.fully_online


def test_screens_in_order_with_one_screen_per_page(corpora: dict[str, Corpus]) -> None:
    for p, doc, _ in _all(corpora):
        kinds = [s["kind"] for s in doc["screens"]]
        ids = [s["id"] for s in doc["screens"]]
        assert ids[0] == doc["start"] == "intro"
        assert ids[1:1 + len(p.pages)] == [f"page.{pg.id}" for pg in p.pages], p.id
        assert kinds[1 + len(p.pages):] == ["review", "fees", "submit", "confirmation"], p.id
        for i, s in enumerate(doc["screens"]):
            nav = s["navigation"]
            assert nav["back"] == (ids[i - 1] if 0 < i < len(ids) - 1 else None)
            assert nav["next"] == (ids[i + 1] if s["kind"] not in ("submit", "confirmation")
                                   else None)
        assert doc["screens"][-2]["navigation"]["on_success"] == "confirmation"
        review = next(s for s in doc["screens"] if s["kind"] == "review")
        assert [x["screen"] for x in review["sections"]] == ids[1:1 + len(p.pages)]


def test_each_input_bound_to_exactly_one_asked_field(corpora: dict[str, Corpus]) -> None:
    for p, doc, _ in _all(corpora):
        bound = [c["field"] for s in doc["screens"] for c in _inputs(s["components"])]
        assert bound == [f.id for f in p.asked_fields], p.id
        for f, c in zip(p.asked_fields, (c for s in doc["screens"]
                                         for c in _inputs(s["components"])), strict=True):
            if f.kind == "group":
                assert [x["field"] for x in c["components"]] == [x.id for x in f.children]
        captured = [c["document"] for s in doc["screens"] for c in s["components"]
                    if c["type"] == "document_capture"]
        assert captured == [d.id for d in p.uploadable_documents], p.id


def test_kitchen_sink_components(corpora: dict[str, Corpus]) -> None:
    doc = corpora["kitchen-sink"].doc("kitchen-sink")
    comps = {c["id"]: c for s in doc["screens"] for c in s["components"]}
    comps.update({c["id"]: c for c in comps["f.children"]["components"]})
    types = {c["type"] for c in comps.values()}
    assert INPUT_TYPES | {"document_capture", "info", "fee_summary"} <= types
    photo, proof = comps["d.photo"], comps["d.proof-of-poverty"]
    assert photo["sources"] == ["camera", "file"] and photo["accept"] == ["image/jpeg",
                                                                          "image/png"]
    assert photo["max_size_bytes"] == 2 * 1024 * 1024
    assert proof["sources"] == ["file"] and proof["visible_when"] != True  # noqa: E712
    assert comps["f.copies"]["integer"] is True and comps["f.copies"]["default"] == 1
    assert comps["f.area"]["integer"] is False
    assert comps["f.poor_household"]["default"] is False
    assert comps["f.children.child_birth_date"]["constraint"]["message"]["en"] == (
        "Cannot be in the future")
    assert comps["f.contact_email"]["required"] is True
    assert isinstance(comps["f.contact_email"]["visible_when"], dict)
    assert isinstance(comps["f.home_address"]["required"], dict)
    # the field's own words, the same the web form shows (procgen.wording.field_messages)
    assert comps["f.purpose"]["messages"]["max_length"]["en"] == (
        "Purpose must be 500 characters or fewer")
    assert comps["f.purpose"]["messages"]["required"]["vi"] == "Nhập mục đích của bạn"  # author
    # markup in texts is data, kept literally (a renderer shows it as text)
    assert doc["procedure"]["title"]["en"] == "Kitchen sink <script>alert(1)</script> procedure"
    assert comps["fees.quote"]["fees"] == ["online-fee", "copy-fee", "value-fee"]


def test_bytes_are_deterministic_and_canonical(corpora: dict[str, Corpus]) -> None:
    again = compile_project(KITCHEN_SINK)
    assert again.files == corpora["kitchen-sink"].files
    for _, doc, data in _all(corpora):
        assert data.endswith(b"}\n") and b"\\u" not in data
        assert data == (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_same_bytes_under_other_hash_seeds(corpora: dict[str, Corpus]) -> None:
    script = (
        "import hashlib, sys; sys.path.insert(0, {!r})\n"
        "from conftest import compile_project, KITCHEN_SINK, REPO, SKIP_SCREENS\n"
        "for root in (KITCHEN_SINK, REPO / 'procedures', SKIP_SCREENS):\n"
        "    for k, v in sorted(compile_project(root).files.items()):\n"
        "        print(k, hashlib.sha256(v).hexdigest())\n"
    ).format(str(REPO / "tests" / "mobile"))
    ours = "".join(f"{k} {hashlib.sha256(v).hexdigest()}\n" for c in corpora.values()
                   for k, v in sorted(c.files.items()))
    keep = {k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}  # the code under test
    for seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", **keep},
                             cwd=REPO, check=True).stdout
        assert out == ours


def test_golden_kitchen_sink(corpora: dict[str, Corpus], golden: Any) -> None:
    golden.check("mobile/kitchen-sink.json", corpora["kitchen-sink"].files[
        "mobile/kitchen-sink.json"])


def test_registered_and_satisfies_protocol() -> None:
    target = get("mobile")
    assert isinstance(target, Target) and target.name == "mobile"


def test_no_warnings_on_the_corpora(corpora: dict[str, Corpus]) -> None:
    for corpus in corpora.values():
        assert corpus.diagnostics == []


def _project(tmp_path: Any, extra_settings: str, field: str) -> Corpus:
    ks = (KITCHEN_SINK / "kitchen-sink.yaml").read_text("utf-8")
    (tmp_path / "procgen.yaml").write_text(
        (KITCHEN_SINK / "procgen.yaml").read_text("utf-8").replace(
            "languages: [vi, en]", extra_settings), "utf-8")
    for sub in ("common", "lists", "localities"):
        (tmp_path / sub).mkdir()
        for f in (KITCHEN_SINK / sub).iterdir():
            (tmp_path / sub / f.name).write_text(f.read_text("utf-8"), "utf-8")
    ks = ks.replace("  - id: late_reason\n", field + "  - id: late_reason\n", 1)
    ks = ks.replace("fields: [children]", "fields: [children, heirs]", 1)
    (tmp_path / "kitchen-sink.yaml").write_text(ks, "utf-8")
    sink = DiagnosticSink()
    portal = load_portal(tmp_path, sink)
    assert not [d for d in sink if d.severity == "error"], [d.message for d in sink]
    out = DiagnosticSink()
    target = get("mobile")
    ctx = EmitContext(portal.settings, VERSION, localities=portal.localities)
    files = {str(k): v for p in portal.procedures
             for k, v in target.emit_procedure(p, ctx, out).items()}
    target.emit_portal(portal_input(target, portal, ctx), ctx, out)
    return Corpus(portal, files, [(d.code, d.message) for d in out])


def test_pg560_pg562(tmp_path: Any, schema: dict[str, Any]) -> None:
    field = (
        "  - id: heirs\n    type: group\n    label: {vi: Người thừa kế, en: Heirs}\n"
        "    repeat: {min: 0, max: 3}\n    fields:\n"
        "      - id: heir_name\n        type: text\n        label: {vi: Tên, en: Name}\n"
        "      - id: heir_kids\n        type: group\n        label: {vi: Con, en: Children}\n"
        "        fields:\n"
        "          - {id: kid_name, type: text, label: {vi: Tên, en: Name}, "
        "required: true, when: poor_household}\n"
        "          - {id: kid_age, type: integer, label: {vi: Tuổi, en: Age}}\n")
    corpus = _project(tmp_path, "languages: [vi, en, fr]", field)
    codes = sorted(code for code, _ in corpus.diagnostics)
    assert codes == ["PG560", "PG562"], corpus.diagnostics
    doc = corpus.doc("kitchen-sink")
    assert Draft202012Validator(schema).is_valid(doc)
    comps = {c["id"]: c for s in doc["screens"] for c in s["components"]}
    inner = comps["f.heirs"]["components"][1]["components"][0]  # heirs → heir_kids → kid_name
    assert inner["field"] == "kid_name" and inner["visible_when"] is True
    assert inner["required"] is True
    assert doc["ui"]["next"]["fr"] == "Continue"  # English wording for an unknown language



def test_preview_shows_every_screen_and_escapes(corpora: dict[str, Corpus]) -> None:
    from procgen.targets.mobile.preview import render

    doc = corpora["kitchen-sink"].doc("kitchen-sink")
    html = render(doc, "en")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for screen in doc["screens"]:
        assert f'id="{screen["id"]}"' in html
        for c in screen["components"]:
            assert f'data-id="{c["id"]}"' in html
    assert "Take a photo / Choose a file" in html


def test_no_online_channel_gives_only_the_intro(tmp_path: Any, schema: dict[str, Any]) -> None:
    (tmp_path / "procgen.yaml").write_text(
        "procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\ncurrency: VND\n", "utf-8")
    (tmp_path / "desk-only.yaml").write_text(
        "procgen: 1\nid: desk-only\nrevision: 1\ntitle: {vi: Tại quầy, en: At the desk}\n"
        "channels:\n  in_person: {processing_time: {working_days: 1}}\n"
        "fields:\n  - {id: name, type: text, label: {vi: Tên, en: Name}, required: true}\n",
        "utf-8")
    corpus = compile_project(tmp_path)
    doc = corpus.doc("desk-only")
    assert Draft202012Validator(schema).is_valid(doc)
    assert doc["online"] is False and [s["id"] for s in doc["screens"]] == ["intro"]
    assert doc["screens"][0]["navigation"] == {"back": None, "next": None}
    assert doc["screens"][0]["action"] == "none"
    online = next(c for c in doc["screens"][0]["components"] if c["role"] == "online")
    assert online["body"]["en"].startswith("You cannot apply for this online")
