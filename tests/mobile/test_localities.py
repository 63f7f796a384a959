"""REQ issue 16 (mobile and OpenAPI parts): each province's fees and offices reach the mobile
file's ``localities`` table and the OpenAPI description, ``fee-quote``'s ``locality`` enum and
its examples; placeholders are never shown as real fees; a locality site carries its one
locality, applied. Built from a copy of the kitchen sink with overlays it has never seen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.targets import EmitContext, get

from .conftest import KITCHEN_SINK, VERSION

HELD_OUT = """\
procgen: 1
locality: held-out
name: {vi: Tỉnh Giữ Lại, en: Held-out Province}
offices:
  - name: {vi: Văn phòng Giữ Lại, en: Held-out Office}
    address: "12 Đường Giữ Lại"
    phone: "0123 456 789"
    map: "https://maps.example/held-out"
fees:
  kitchen-sink:
    desk-fee:
      amount: 75000
      source: {act: "Nghị quyết 7/2026/NQ-HĐND", url: "https://held-out.example/nq7"}
"""

TENTATIVE = """\
procgen: 1
locality: tentative
name: {vi: Tỉnh Tạm, en: Tentative Province}
offices:
  - name: {vi: Văn phòng Tạm, en: Tentative Office}
    placeholder: true
fees:
  kitchen-sink:
    desk-fee: {amount: 12000, placeholder: true}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("localities") / "procedures"
    shutil.copytree(KITCHEN_SINK, root)
    ks = root / "kitchen-sink.yaml"  # a national range wide enough for the held-out amount
    text = ks.read_text("utf-8").replace("range: {min: 0, max: 50000}",
                                         "range: {min: 0, max: 100000}", 1)
    ks.write_text(text, "utf-8")
    (root / "localities" / "held-out.yaml").write_text(HELD_OUT, "utf-8")
    (root / "localities" / "tentative.yaml").write_text(TENTATIVE, "utf-8")
    return root


def _build(root: Path, site: str | None = None) -> dict[str, bytes]:
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    assert not sink.has_errors(), [d.message for d in sink]
    ctx = EmitContext(portal.settings, VERSION, localities=portal.localities,
                      site=portal.locality(site) if site else None)
    files: dict[str, bytes] = {}
    for name in ("mobile", "openapi"):
        target = get(name)
        for p in portal.procedures:
            files.update({str(k): v for k, v in target.emit_procedure(p, ctx, sink).items()})
    return files


def _mobile(files: dict[str, bytes]) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(files["mobile/kitchen-sink.json"])
    return doc


def _openapi(files: dict[str, bytes]) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(files["openapi/kitchen-sink.yaml"])
    return doc


def _locality_schema(spec: dict[str, Any]) -> dict[str, Any]:
    quote = spec["paths"]["/procedures/kitchen-sink/fee-quote"]["post"]
    (param,) = [p for p in quote["parameters"] if p["name"] == "locality"]
    schema: dict[str, Any] = param["schema"]
    return schema


def test_the_mobile_file_carries_every_province(project: Path,
                                                schema: dict[str, Any]) -> None:
    doc = _mobile(_build(project))
    Draft202012Validator(schema).validate(doc)
    table = doc["localities"]
    assert table["fees"] == ["desk-fee"] and not table["site"] and table["applied"] is None
    places = {p["id"]: p for p in table["places"]}
    assert list(places) == ["held-out", "tentative", "test-city"]
    held = places["held-out"]
    assert held["option"] == "held_out"
    assert held["name"] == {"vi": "Tỉnh Giữ Lại", "en": "Held-out Province"}
    assert held["fees"] == {"desk-fee": {
        "amount": 75000, "placeholder": False,
        "source": {"act": "Nghị quyết 7/2026/NQ-HĐND", "url": "https://held-out.example/nq7"}}}
    (office,) = held["offices"]
    assert office["address"] == "12 Đường Giữ Lại" and office["phone"] == "0123 456 789"
    assert office["map_url"] == "https://maps.example/held-out" and not office["placeholder"]
    tentative = places["tentative"]
    assert tentative["fees"]["desk-fee"] == {"amount": 12000, "placeholder": True}
    assert tentative["offices"][0]["placeholder"] is True
    for key in ("local_fee_placeholder", "local_office_placeholder", "local_pick_province"):
        assert set(doc["ui"][key]) == {"vi", "en"}


def test_the_openapi_description_and_enum_carry_every_province(project: Path) -> None:
    spec = _openapi(_build(project))
    info = spec["info"]
    assert "| Tỉnh Giữ Lại | 75.000 ₫ |" in info["description"]
    assert "| Tỉnh Tạm | chờ xác nhận (giá trị tạm) |" in info["description"]
    assert "12.000" not in info["description"]  # a placeholder is never shown as a real fee
    english = info["x-procgen-i18n"]["en"]["description"]
    assert "| Held-out Province | 75,000 ₫ |" in english
    assert "| Tentative Province | to be confirmed (placeholder) |" in english
    assert _locality_schema(spec)["enum"] == ["held-out", "tentative", "test-city"]
    get = spec["paths"]["/procedures/kitchen-sink"]["get"]
    ok = get["responses"]["200"]  # a named response: #/components/responses/…
    ok = spec["components"]["responses"][ok["$ref"].rsplit("/", 1)[-1]] if "$ref" in ok else ok
    described = ok["content"]["application/json"]["example"]
    held = described["localities"][0]
    assert held["id"] == "held-out" and held["offices"][0]["name"]["en"] == "Held-out Office"
    assert held["fees"] == [{"id": "desk-fee", "amount": 75000, "placeholder": False,
                             "source": {"act": "Nghị quyết 7/2026/NQ-HĐND",
                                        "url": "https://held-out.example/nq7"}}]
    assert described["localities"][1]["fees"][0]["placeholder"] is True


def test_a_locality_site_has_its_one_locality_applied(project: Path,
                                                      schema: dict[str, Any]) -> None:
    files = _build(project, site="held-out")
    doc = _mobile(files)
    Draft202012Validator(schema).validate(doc)
    table = doc["localities"]
    assert table["site"] is True and table["applied"] == "held-out" and table["ask"] is False
    assert [p["id"] for p in table["places"]] == ["held-out"]
    spec = _openapi(files)
    description = spec["info"]["description"]
    assert "| Tỉnh Giữ Lại | 75.000 ₫ |" in description
    assert "Thành phố Thử nghiệm" not in description
    assert "Tỉnh Giữ Lại" in description.split("|")[0]  # said to be the one applied
    slug = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
    assert _locality_schema(spec) == {"type": "string", "pattern": slug,
                                      "enum": ["held-out"], "default": "held-out"}
