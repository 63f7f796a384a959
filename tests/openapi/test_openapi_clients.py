"""REQ openapi-clients (issue 18): the specs work with the clients portal teams generate.

- openapi-python-client generates a client for the kitchen sink and for a held-out procedure
  with a group holding booleans, with no warning; an application submitted through it (the
  spec's example, files included) reaches :mod:`procgen.targets.openapi.multipart`'s decoder
  as exactly what was sent, and openapi-core validates the same request and reads the same
  answers;
- the client's class names come from the field ids (ASCII, no label in them): two fields with
  the same label give two classes, and rewording every label changes no class name;
- openapi-python-client keeps every endpoint of ``portal.bundled.yaml`` (bundled procedures).
"""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.openapi.clients import (
    Captured,
    class_names,
    endpoints,
    generate,
    imported,
    openapi_core_body,
)
from tests.openapi.conftest import Built, build

from procgen.targets.openapi.multipart import decode_application, parse_multipart

SETTINGS = """procgen: 1
languages: [vi, en]
default_language: vi
api_base_url: https://api.example.gov.vn/v1
license: {name: CC BY 4.0, identifier: CC-BY-4.0}
"""

HOUSEHOLD = """procgen: 1
id: household-declaration
revision: 1
title: {vi: Khai báo hộ gia đình, en: Household declaration}
channels:
  online: {processing_time: {working_days: 3}}
fields:
  - {id: applicant_name, type: text, label: {vi: Họ và tên, en: Full name}, required: true}
  - {id: contact_name, type: text, label: {vi: Họ và tên, en: Full name}}
  - id: applicant_sex
    type: choice
    label: {vi: Giới tính, en: Sex}
    required: true
    options:
      - {value: male, label: {vi: Nam, en: Male}}
      - {value: female, label: {vi: Nữ, en: Female}}
  - id: head_sex
    type: choice
    label: {vi: Giới tính, en: Sex}
    options:
      - {value: male, label: {vi: Nam, en: Male}}
      - {value: female, label: {vi: Nữ, en: Female}}
  - {id: agrees, type: boolean, label: {vi: Tôi đồng ý, en: I agree}, required: true}
  - {id: rooms, type: integer, label: {vi: Số phòng, en: Rooms}, min: 1, max: 20}
  - {id: area, type: number, label: {vi: Diện tích, en: Area}, min: 0.5}
  - id: needs
    type: multichoice
    label: {vi: Nhu cầu, en: Needs}
    options:
      - {value: water, label: {vi: Nước, en: Water}}
      - {value: power, label: {vi: Điện, en: Power}}
  - id: members
    type: group
    label: {vi: Thành viên, en: Members}
    repeat: {min: 1, max: 4}
    fields:
      - {id: member_name, type: text, label: {vi: Họ và tên, en: Full name}, required: true}
      - {id: is_student, type: boolean, label: {vi: Đang đi học, en: A student}}
      - {id: is_disabled, type: boolean, label: {vi: Khuyết tật, en: Disabled}}
      - {id: member_birth_date, type: date, label: {vi: Ngày sinh, en: Date of birth}}
      - {id: member_income, type: money, label: {vi: Thu nhập, en: Income}, min: 0}
      - id: member_sex
        type: choice
        label: {vi: Giới tính, en: Sex}
        options:
          - {value: male, label: {vi: Nam, en: Male}}
          - {value: female, label: {vi: Nữ, en: Female}}
documents:
  - id: household-book
    title: {vi: Sổ hộ khẩu, en: Household book}
    originals: 1
    accept: [application/pdf]
    max_size_mb: 2
    required: true
"""


def _reworded(text: str) -> str:
    """Every label (and title) of ``HOUSEHOLD`` reworded."""
    return re.sub(r"(label|title): \{vi: ([^,]+), en: ([^}]+)\}",
                  r"\1: {vi: \2 (mới), en: \3 (new)}", text)


def _project(root: Path, procedure: str) -> Built:
    root.mkdir(parents=True)
    (root / "procgen.yaml").write_text(SETTINGS, "utf-8")
    (root / "household-declaration.yaml").write_text(procedure, "utf-8")
    built = build(root)
    assert [d.code for d in built.sink] == []
    return built


def _write(built: Built, out: Path) -> Path:
    for name, data in built.files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out / "openapi"


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _project(tmp_path_factory.mktemp("household") / "procedures", HOUSEHOLD)


def _submit(built: Built, pid: str, tmp: Path) -> None:
    """Submit the spec's example application through the generated client and compare."""
    folder = _write(built, tmp / "spec")
    spec = built.spec(f"openapi/{pid}.yaml")
    prefix = "".join(w.capitalize() for w in pid.split("-"))
    body = spec["components"]["requestBodies"][f"{prefix}Application"]
    example = body["content"]["multipart/form-data"]["examples"]["complete"]["value"]
    procedure = built.portal.procedure(pid)
    assert procedure is not None
    docs = {d.id for d in procedure.uploadable_documents}
    sent = {k: v for k, v in example.items() if k not in docs}  # booleans as "true"/"false"
    answers = spec["components"]["requestBodies"][f"{prefix}Answers"]["content"][
        "application/json"]["example"]
    files = {k: f"%PDF-1.7 {k}\n".encode() for k in example if k in docs}
    package = generate(folder / f"{pid}.yaml", tmp / "client", pid.replace("-", "_") + "_client")
    status = spec["components"]["responses"][f"{prefix}Received"]["content"][
        "application/json"]["example"]
    captured = Captured(status)
    with imported(package) as client:
        models = __import__(f"{package.name}.models", fromlist=["x"])
        types = __import__(f"{package.name}.types", fromlist=["x"])
        api = __import__(f"{package.name}.api.{pid.replace('-', '_')}.submit_"
                         f"{pid.replace('-', '_')}_application", fromlist=["x"])
        application = getattr(models, f"{prefix}Application").from_dict(
            {**copy.deepcopy(sent), **files})
        for doc, data in files.items():
            setattr(application, doc.replace("-", "_"),
                    types.File(payload=io.BytesIO(data), file_name=f"{doc}.pdf",
                               mime_type="application/pdf"))
        session = client.AuthenticatedClient(
            base_url=spec["servers"][0]["url"], token="t0ken",
            httpx_args={"transport": captured.transport})
        response = api.sync_detailed(client=session, body=application)
    assert response.status_code == 201
    (request,) = captured.requests
    parts = parse_multipart(request.content, request.headers["content-type"])
    submission = decode_application(procedure, parts)
    assert submission.answers == answers
    assert {k: p.data for k, p in submission.files.items()} == files
    # openapi-core: the same request is valid, and it reads the same answers
    encoding = body["content"]["multipart/form-data"]["encoding"]
    read = openapi_core_body(spec, request, {encoding[d]["contentType"] for d in docs})
    assert {k: v for k, v in read.items() if k not in docs} == _dated(sent)
    assert {k: read[k].encode("latin-1") for k in files} == files


def _dated(answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` as openapi-core unmarshals them: a ``format: date`` text is a date."""
    import datetime as dt

    def read(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return dt.date.fromisoformat(value)
        if isinstance(value, list):
            return [read(v) for v in value]
        if isinstance(value, dict):
            return {k: read(v) for k, v in value.items()}
        return value

    return {k: read(v) for k, v in answers.items()}


def test_kitchen_sink_through_a_generated_client(kitchen_sink: Built, tmp_path: Path) -> None:
    _submit(kitchen_sink, "kitchen-sink", tmp_path)


def test_a_group_with_booleans_through_a_generated_client(household: Built,
                                                          tmp_path: Path) -> None:
    spec = household.spec("openapi/household-declaration.yaml")
    body = spec["components"]["requestBodies"]["HouseholdDeclarationApplication"]
    value = body["content"]["multipart/form-data"]["examples"]["complete"]["value"]
    entry = json.loads(value["members"][0])  # an entry is its JSON, as a text
    assert isinstance(entry["is_student"], bool)  # the example has booleans
    assert value["agrees"] in ("true", "false")  # a part's text
    _submit(household, "household-declaration", tmp_path)


def _names(built: Built, tmp: Path) -> set[str]:
    folder = _write(built, tmp / "spec")
    return class_names(generate(folder / "household-declaration.yaml", tmp / "c", "household"))


def test_class_names_come_from_field_ids(household: Built, tmp_path: Path) -> None:
    names = _names(household, tmp_path / "first")
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9]*", n) for n in names), names
    # two fields with the same label ("Giới tính") give two classes, named by their ids
    assert {"HouseholdDeclarationApplicantSexOption", "HouseholdDeclarationHeadSexOption",
            "HouseholdDeclarationMembersMemberSexOption", "HouseholdDeclarationMembersEntry",
            "HouseholdDeclarationNeedsOption", "HouseholdDeclarationAnswers",
            "HouseholdDeclarationApplication"} <= names, names
    reworded = _project(tmp_path / "reworded" / "procedures", _reworded(HOUSEHOLD))
    assert reworded.portal.procedures[0].fields[0].label.get("en") == "Full name (new)"
    assert _names(reworded, tmp_path / "second") == names


def test_the_bundled_portal_keeps_every_endpoint(bundled: Built, tmp_path: Path) -> None:
    folder = _write(bundled, tmp_path / "spec")
    package = generate(folder / "portal.bundled.yaml", tmp_path / "c", "portal_client")
    operations = [
        op["operationId"] for item in bundled.spec("openapi/portal.bundled.yaml")["paths"].values()
        for op in item.values()
    ]
    assert len(operations) == 7 * len(bundled.portal.procedures) + 2
    snake = sorted(re.sub(r"(?<!^)(?=[A-Z])", "_", o).lower() for o in operations)
    assert endpoints(package) == snake


def _schema_names(built: Built) -> dict[str, Any]:
    return built.spec("openapi/household-declaration.yaml")["components"]["schemas"]


def test_no_schema_has_a_title(household: Built) -> None:
    """Generators name types after ``title``; labels are in ``x-procgen-label``."""

    def titles(node: Any, path: str) -> list[str]:
        if isinstance(node, dict):
            here = [path] if isinstance(node.get("title"), str) and "type" in node else []
            return here + [t for k, v in node.items() for t in titles(v, f"{path}/{k}")]
        if isinstance(node, list):
            return [t for i, v in enumerate(node) for t in titles(v, f"{path}/{i}")]
        return []

    assert titles(_schema_names(household), "") == []
    prop = _schema_names(household)["HouseholdDeclarationAnswers"]["properties"]["agrees"]
    assert prop["x-procgen-label"] == {"vi": "Tôi đồng ý", "en": "I agree"}
