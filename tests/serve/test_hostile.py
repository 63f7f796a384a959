"""Hostile requests are refused with the documented status, and nothing is half-stored: no
application row, no file kept, no temporary file left behind."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.serve.conftest import BEARER
from tests.serve.helpers import PDF, application

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
"""A Windows executable's first bytes."""

URL = "/api/procedures/birth-registration/applications"


def nothing_stored(server: Any) -> None:
    assert server.store.application_ids() == []
    uploads = server.data / "uploads"
    left = [p for p in uploads.rglob("*") if p.is_file()] if uploads.exists() else []
    assert left == [], left


@pytest.fixture
def valid(site: Any) -> list[tuple[str, Any]]:
    return application(site.snapshot.portal.procedure("birth-registration"))[1]


def first_document(items: list[tuple[str, Any]]) -> str:
    return next(name for name, (filename, *_rest) in items if filename is not None)


def test_a_file_over_its_documents_limit_is_refused_while_streaming(
        server: Any, site: Any, valid: list[tuple[str, Any]]) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    doc = first_document(valid)
    limit = next(d for d in p.uploadable_documents if d.id == doc).max_bytes
    assert limit is not None
    big = PDF + b"0" * limit
    items = [(n, (f"{n}.pdf", big, "application/pdf") if n == doc else v) for n, v in valid]
    got = server.post(URL, files=items, headers=BEARER)
    assert got.status_code == 413, got.text
    assert got.json()["errors"][0] == {**got.json()["errors"][0], "pointer": f"#/{doc}",
                                       "code": "document-too-large"}
    nothing_stored(server)


def test_a_body_over_the_limit_is_refused(server: Any) -> None:
    from procgen.serve.upload import Limits

    server.app.state.api.limits = Limits(body=4096)
    got = server.post(URL, files=[("x", (None, b"a" * 10_000))], headers=BEARER)
    assert got.status_code == 413
    nothing_stored(server)


def test_too_many_parts_and_too_long_texts_are_refused(server: Any) -> None:
    many = [("child_full_name", (None, b"a"))] * 1001
    assert server.post(URL, files=many, headers=BEARER).status_code == 413
    long = [("child_full_name", (None, b"a" * 70_000))]
    assert server.post(URL, files=long, headers=BEARER).status_code == 413
    nothing_stored(server)


def test_a_type_disguised_by_the_header_is_refused(server: Any,
                                                   valid: list[tuple[str, Any]]) -> None:
    doc = first_document(valid)
    for disguised in (EXE, b"<!doctype html><script>alert(1)</script>"):
        items = [(n, (f"{n}.pdf", disguised, "application/pdf") if n == doc else v)
                 for n, v in valid]
        got = server.post(URL, files=items, headers=BEARER)
        assert got.status_code == 422, got.text
        assert [(e["pointer"], e["code"]) for e in got.json()["errors"]] == [
            (f"#/{doc}", "document-type")]
    nothing_stored(server)


def test_a_file_of_no_document_is_refused_and_not_kept(server: Any,
                                                       valid: list[tuple[str, Any]]) -> None:
    items = [*valid, ("../../etc/passwd", ("passwd", PDF, "application/pdf"))]
    got = server.post(URL, files=items, headers=BEARER)
    assert got.status_code == 422
    assert [e["code"] for e in got.json()["errors"]] == ["document-unknown"]
    nothing_stored(server)


def test_path_tricks_in_file_names_are_only_labels(server: Any,
                                                   valid: list[tuple[str, Any]]) -> None:
    doc = first_document(valid)
    for trick in ("../../../../tmp/evil.pdf", "C:\\Windows\\evil.pdf", "/etc/passwd",
                  "a\x00b.pdf", "\u202egpj.pdf"):
        items = [(n, (trick, PDF, "application/pdf") if n == doc else v) for n, v in valid]
        got = server.post(URL, files=items, headers=BEARER)
        assert got.status_code == 201, (trick, got.text)
        stored = server.store.application(got.json()["application_id"])
        name = next(f.filename for f in stored.files if f.document == doc)
        assert name is None or ("/" not in name and "\\" not in name and "\x00" not in name)
    outside = list(server.data.parent.rglob("evil.pdf"))
    assert outside == []


@pytest.mark.parametrize("body, kind", [
    (b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", "multipart/form-data; "
                                                                   "boundary=x"),
    (b"garbage", "multipart/form-data; boundary=x"),
    (b"--x\r\nContent-Disposition: form-data\r\n\r\nb\r\n--x--\r\n",
     "multipart/form-data; boundary=x"),
    (b"", "multipart/form-data"),
    (b"--x\r\nContent-Disposition: form-data; name=\"child_full_name\"\r\n\r\n\xff\xfe\r\n"
     b"--x--\r\n", "multipart/form-data; boundary=x"),
    (b"--x\r\nContent-Disposition: form-data; name=\"household_members\"\r\nContent-Type: "
     b"application/json\r\n\r\n{not json\r\n--x--\r\n", "multipart/form-data; boundary=x"),
])
def test_malformed_multipart_is_a_400(server: Any, body: bytes, kind: str) -> None:
    url = URL.replace("birth-registration", "household-health-insurance-renewal")
    got = server.post(url, content=body, headers={**BEARER, "Content-Type": kind})
    assert got.status_code == 400, got.text
    assert got.headers["content-type"] == "application/problem+json"
    nothing_stored(server)


def test_a_document_sent_twice_is_a_400(server: Any, valid: list[tuple[str, Any]]) -> None:
    doc = first_document(valid)
    again = next(item for item in valid if item[0] == doc)
    assert server.post(URL, files=[*valid, again], headers=BEARER).status_code == 400
    nothing_stored(server)


def test_not_multipart_is_a_415(server: Any) -> None:
    got = server.post(URL, json={"child_full_name": "x"}, headers=BEARER)
    assert got.status_code == 415
    nothing_stored(server)


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than any parser's stack
    b'{"a": ' + b"9" * 10_000 + b"}",  # a number too long to convert
    b'{"a": NaN}',
    b'{"a": 1, "a": 2',
    b"\xff\xfe{}",
])
def test_json_bombs_are_refused(server: Any, body: bytes) -> None:
    url = "/api/procedures/birth-registration/fee-quote"
    got = server.post(url, content=body, headers={"Content-Type": "application/json"})
    assert got.status_code in (400, 413), got.text
    got = server.post("/api/procedures/birth-registration/drafts", content=body,
                      headers={"Content-Type": "application/json"})
    assert got.status_code in (400, 413), got.text
    assert server.store.read("SELECT count(*) FROM drafts")[0][0] == 0


def test_a_json_body_over_256_kib_is_a_413(server: Any) -> None:
    body = json.dumps({"answers": {"child_full_name": "a" * 300_000}})
    got = server.post("/api/procedures/birth-registration/drafts", content=body,
                      headers={"Content-Type": "application/json"})
    assert got.status_code == 413


def test_markup_in_answers_is_escaped_in_the_pages(server: Any, site: Any) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    from procgen.targets.openapi.examples import example_answers

    answers = dict(example_answers(p), applicant_phone="<script>alert(1)</script>")
    _, items = application(p, answers)
    got = server.post(URL, files=items, headers={**BEARER, "Accept": "text/html"})
    assert got.status_code == 422
    assert "<script>alert" not in got.text and "&lt;script&gt;" in got.text
    shown = server.get("/_preview/submissions")
    assert "<script>alert" not in shown.text and "&lt;script&gt;" in shown.text
