"""REQ openapi-examples (issue 18): the request examples read like real answers.

- a field's ``example`` (DSL extension) is what the API's examples show, in the multipart and
  the JSON body alike;
- with no ``example``: a ``…name`` text is a person's name, any other text its own label
  (an institution code is not "Nguyễn Văn"), cut to its ``max_length``;
- the 422 example words its document problem as the form does, in the spec's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.openapi.conftest import Built, build

from procgen import wording

SETTINGS = "procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\n"

PROCEDURE = """procgen: 1
id: school-enrolment
revision: 1
title: {vi: Đăng ký nhập học, en: School enrolment}
channels:
  online: {processing_time: {working_days: 3}}
fields:
  - {id: pupil_full_name, type: text, label: {vi: Họ và tên, en: Name}, required: true}
  - id: school_name
    type: text
    label: {vi: Trường tiểu học, en: Primary school}
    example: Trường Kim Đồng
  - {id: school_level, type: text, label: {vi: Cấp học, en: Level}, required: true}
  - {id: school_code, type: text, label: {vi: Mã trường, en: School code}, max_length: 4}
  - id: programme_code
    type: text
    label: {vi: Mã chương trình, en: Programme code}
    example: "7480201"
    pattern: "^[0-9]{7}$"
  - id: siblings
    type: group
    label: {vi: Anh chị em, en: Siblings}
    repeat: {min: 1}
    fields:
      - id: sibling_school
        type: text
        label: {vi: Trường đang học, en: School}
        example: Trường Kim Đồng
documents:
  - id: birth-certificate
    title: {vi: Giấy khai sinh, en: Birth certificate}
    originals: 1
    accept: [application/pdf]
    max_size_mb: 2
    required: true
"""


def _built(tmp_path: Path) -> Built:
    root = tmp_path / "procedures"
    root.mkdir()
    (root / "procgen.yaml").write_text(SETTINGS, "utf-8")
    (root / "school-enrolment.yaml").write_text(PROCEDURE, "utf-8")
    built = build(root)
    assert [d.code for d in built.sink] == []
    return built


def _bodies(built: Built) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    spec = built.spec("openapi/school-enrolment.yaml")
    bodies = spec["components"]["requestBodies"]
    multipart = bodies["SchoolEnrolmentApplication"]["content"]["multipart/form-data"]
    answers = bodies["SchoolEnrolmentAnswers"]["content"]["application/json"]["example"]
    return spec, multipart["examples"]["complete"]["value"], answers


def test_examples_read_like_answers(tmp_path: Path) -> None:
    _spec, application, answers = _bodies(_built(tmp_path))
    for body in (application, answers):
        assert body["pupil_full_name"] == "Nguyễn Văn An"
        assert body["school_name"] == "Trường Kim Đồng"
        assert body["school_level"] == "Cấp học"
        assert body["school_code"] == "Mã t"  # its label, cut to max_length 4
        assert body["programme_code"] == "7480201"
    assert answers["siblings"] == [{"sibling_school": "Trường Kim Đồng"}]


def test_the_problem_example_words_documents_as_the_form_does(tmp_path: Path) -> None:
    built = _built(tmp_path)
    spec, _application, _answers = _bodies(built)
    problem = spec["components"]["responses"]["SchoolEnrolmentInvalidApplication"]["content"][
        "application/problem+json"]["example"]
    (document,) = [e for e in problem["errors"] if e["code"] == "document-too-large"]
    procedure = built.portal.procedure("school-enrolment")
    assert procedure is not None
    (doc,) = procedure.uploadable_documents
    assert document["detail"] == wording.document_messages(doc, "vi")["file_size"]
    quote = spec["components"]["responses"]["SchoolEnrolmentInvalidAnswers"]["content"][
        "application/problem+json"]["example"]
    assert {e["code"] for e in quote["errors"]} == {"answer-missing"}  # a quote has no files
