"""The reference server answers every operation as the generated spec and the CLI do: the
listing and descriptions are the OpenAPI target's, the fee quote is ``procgen quote``'s, an
application of every bundled procedure is accepted, stored whole and read back by its owner
alone, and drafts are saved, resumed, expired and deleted."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from typing import Any

import pytest
from tests.conftest import PROCEDURES
from tests.serve.conftest import BEARER, DAY
from tests.serve.helpers import PDF, application

from procgen.targets.openapi.examples import example_answers


def procedures(site: Any) -> list[Any]:
    return list(site.snapshot.portal.procedures)


def test_listing_and_descriptions_are_the_openapi_targets(server: Any, site: Any) -> None:
    from procgen.model.local import local_facts
    from procgen.targets.openapi.describe import describe, summary

    portal = site.snapshot.portal
    listed = server.get("/api/procedures").json()
    assert listed == [summary(p, portal.settings.languages) for p in portal.procedures]
    assert len(listed) == 25
    for p in portal.procedures:
        got = server.get(f"/api/procedures/{p.id}")
        assert got.status_code == 200, p.id
        assert got.headers["content-type"] == "application/json"
        assert got.json() == json.loads(json.dumps(describe(
            p, portal.settings.languages, local_facts(p, portal.localities))))


def test_the_listing_is_what_the_spec_example_shows(site: Any) -> None:
    import yaml

    spec = yaml.safe_load((PROCEDURES.parent / "generated/openapi/portal.yaml").read_text())
    example = spec["paths"]["/procedures"]["get"]["responses"]["200"]["content"][
        "application/json"]["example"]
    from procgen.targets.openapi.describe import summary

    portal = site.snapshot.portal
    assert example == [summary(p, portal.settings.languages) for p in portal.procedures[:3]]


@pytest.mark.parametrize("pid", ["birth-registration", "passport-issuance",
                                 "permanent-residence-registration"])
def test_fee_quote_is_what_procgen_quote_prints(server: Any, site: Any, pid: str,
                                                tmp_path: Any) -> None:
    p = site.snapshot.portal.procedure(pid)
    answers = example_answers(p)
    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers), "utf-8")
    for locality in (None, "ha-noi"):
        query = {"locality": locality} if locality else {}
        got = server.post(f"/api/procedures/{pid}/fee-quote", json=answers, params=query)
        assert got.status_code == 200, got.text
        cli = subprocess.run(
            [sys.executable, "-m", "procgen.cli", "--procedures", str(PROCEDURES), "quote",
             pid, "--answers", str(file), "--on", DAY,
             *(["--locality", locality] if locality else [])],
            capture_output=True, text=True, check=False)
        assert cli.returncode == 0, cli.stderr
        assert got.json() == json.loads(cli.stdout)


def test_fee_quote_refuses_what_it_cannot_quote(server: Any) -> None:
    url = "/api/procedures/birth-registration/fee-quote"
    assert server.post(url, json={}, params={"channel": "by-pigeon"}).status_code == 400
    assert server.post(url, json={}, params={"locality": "atlantis"}).status_code == 400
    assert server.post(url, content=b"{}", headers={"Content-Type": "text/plain"}
                       ).status_code == 415
    refused = server.post(url, json={})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    errors = refused.json()["errors"]
    assert {"pointer": "#/child_full_name", "code": "answer-missing"} in [
        {k: e[k] for k in ("pointer", "code")} for e in errors]
    assert server.post(url, json=[1]).status_code == 422


def test_every_bundled_procedure_accepts_its_example_application(server: Any,
                                                                 site: Any) -> None:
    for p in procedures(site):
        answers, items = application(p)
        got = server.post(f"/api/procedures/{p.id}/applications", files=items,
                          headers=BEARER)
        assert got.status_code == 201, (p.id, got.text)
        status = got.json()
        assert got.headers["location"] == f"/api/applications/{status['application_id']}"
        assert status["status"] == "received" and status["procedure"] == p.id
        stored = server.store.application(status["application_id"])
        assert stored.answers == answers
        sent = {name: body for name, (_f, body, *_t) in items if _f is not None}
        assert {f.document for f in stored.files} == set(sent)
        for f in stored.files:
            path = server.data / "uploads" / f.sha256[:2] / f.sha256
            assert path.read_bytes() == sent[f.document]
            assert f.sha256 == hashlib.sha256(sent[f.document]).hexdigest()


def test_an_application_is_its_owners_alone(server: Any, site: Any) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    _, items = application(p)
    url = "/api/procedures/birth-registration/applications"
    unauthenticated = server.post(url, files=items)
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["www-authenticate"].startswith("Bearer")
    made = server.post(url, files=items, headers=BEARER)
    location = made.headers["location"]
    assert server.get(location, headers=BEARER).json() == made.json()
    assert server.get(location).status_code == 401
    assert server.get(location, headers={"Authorization": "Bearer someone-else"}
                      ).status_code == 403
    assert server.get("/api/applications/HS-2026-NOSUCH", headers=BEARER).status_code == 404
    assert server.get("/api/applications/..%2Fetc", headers=BEARER).status_code == 404
    assert server.get(location, headers={**BEARER, "Accept": "text/csv"}).status_code == 406
    # the token is never stored: only its hash identifies the owner
    stored = server.store.application(made.json()["application_id"])
    assert "citizen-one" not in stored.owner


def test_a_broken_application_lists_every_problem_in_the_language_asked(
        server: Any, site: Any) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    answers = dict(example_answers(p), applicant_phone="12", child_date_of_birth="2999-01-01")
    _, items = application(p, answers)
    items = [i for i in items if i[0] != "birth_notice"]
    from procgen.wording import problem_messages

    dob = next(f for f in p.fields if f.id == "child_date_of_birth")
    for lang, word in (("vi", "lỗi"), ("en", "Problems")):
        got = server.post("/api/procedures/birth-registration/applications", files=items,
                          headers={**BEARER, "Accept-Language": lang})
        assert got.status_code == 422, got.text
        problem = got.json()
        assert word in problem["detail"]
        pointers = {e["pointer"]: e for e in problem["errors"]}
        assert "#/applicant_phone" in pointers
        assert pointers["#/child_date_of_birth"]["rule"] == "child_date_of_birth.constraint"
        # the form's own words for the same rule (one wording, not a second one)
        assert (pointers["#/child_date_of_birth"]["detail"]
                == problem_messages(dob, lang)["err_constraint"])
    assert server.store.application_ids() == []


def test_a_missing_document_is_refused_with_its_rule(server: Any, site: Any) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    _answers, items = application(p)
    files = [i for i in items if i[1][0] is not None]
    assert files, "birth registration asks for a document"
    first = files[0][0]
    got = server.post("/api/procedures/birth-registration/applications",
                      files=[i for i in items if i[0] != first], headers=BEARER)
    assert got.status_code == 422
    assert [e["code"] for e in got.json()["errors"]] == ["document-missing"]
    assert got.json()["errors"][0]["pointer"] == f"#/{first}"


def test_drafts_are_saved_resumed_and_deleted(server: Any) -> None:
    mine = "/api/procedures/birth-registration/drafts"
    made = server.post(mine, json={"answers": {"child_full_name": "Lê An"}, "step": "child"})
    assert made.status_code == 201, made.text
    draft = made.json()
    token = draft["token"]
    assert len(token) == 43 and made.headers["location"] == f"{mine}/{token}"
    assert draft["answers"] == {"child_full_name": "Lê An"}
    assert server.get(f"{mine}/{token}").json() == draft
    updated = server.put(f"{mine}/{token}",
                         json={"answers": {"child_full_name": "Lê Bình"}, "step": None})
    assert updated.status_code == 200 and updated.json()["answers"] == {
        "child_full_name": "Lê Bình"}
    assert server.get(f"{mine}/{token}").json()["step"] is None
    # another procedure's path does not reach this draft
    elsewhere = f"/api/procedures/death-registration/drafts/{token}"
    assert server.put(elsewhere, json={"answers": {}}).status_code == 404
    assert server.get(elsewhere).status_code == 404
    assert server.delete(elsewhere).status_code == 404
    assert server.delete(f"{mine}/{token}").status_code == 204
    assert server.get(f"{mine}/{token}").status_code == 404
    assert server.put(f"{mine}/{token}", json={"answers": {}}).status_code == 404
    assert server.delete(f"{mine}/{token}").status_code == 404
    # the token is the secret: only its hash is stored
    rows = server.store.read("SELECT token_hash FROM drafts")
    assert all(token not in r[0] for r in rows)


def test_a_draft_holds_half_done_answers_of_the_right_type(server: Any) -> None:
    """A draft is held to its answers' types and options only (DRAFT_CHECKS): a half-typed
    ID number, a date not yet whole, an entry missing its required answers are kept; an
    answer of the wrong type, a value not among the options, a question the procedure does
    not ask are refused, each located, and nothing is saved."""
    mine = "/api/procedures/birth-registration/drafts"
    half = {"applicant_national_id": "0010", "child_full_name": "", "child_sex": "female"}
    kept = server.post(mine, json={"answers": half})
    assert kept.status_code == 201, kept.text
    assert kept.json()["answers"] == half
    before = server.store.read("SELECT count(*) FROM drafts")
    refused = server.post(mine, json={"answers": {
        "applicant_national_id": 1, "child_sex": "other", "no_such_question": "x"}})
    assert refused.status_code == 422
    assert [(e["pointer"], e["code"]) for e in refused.json()["errors"]] == [
        ("#/answers/applicant_national_id", "answer-wrong-type"),
        ("#/answers/child_sex", "answer-not-an-option"),
        ("#/answers/no_such_question", "answer-unknown-field")]
    assert server.store.read("SELECT count(*) FROM drafts") == before


def test_a_drafts_group_entries_are_drafts_too(server: Any) -> None:
    """In a group, an entry may lack its required answers and the group its entries; an
    entry's unknown or ill-typed answer is refused at its place."""
    mine = "/api/procedures/household-health-insurance-renewal/drafts"
    half = {"household_members": [{"member_full_name": "Lê An"}, {}]}
    kept = server.post(mine, json={"answers": half})
    assert kept.status_code == 201, kept.text
    assert kept.json()["answers"] == half
    refused = server.post(mine, json={"answers": {"household_members": [
        {"member_national_id": 1}, {"no_such": "x"}]}})
    assert refused.status_code == 422
    assert [(e["pointer"], e["code"]) for e in refused.json()["errors"]] == [
        ("#/answers/household_members/0/member_national_id", "answer-wrong-type"),
        ("#/answers/household_members/1/no_such", "answer-unknown-field")]


def test_a_draft_expires_thirty_days_after_its_last_save(server: Any) -> None:
    import datetime as dt

    draft = server.post("/api/procedures/birth-registration/drafts",
                        json={"answers": {}}).json()
    saved = dt.datetime.fromisoformat(draft["saved_at"])
    assert dt.datetime.fromisoformat(draft["expires_at"]) - saved == dt.timedelta(days=30)
    server.store.write(lambda run: run("UPDATE drafts SET expires_at = ?",
                                       ("2000-01-01T00:00:00Z",)))
    assert server.get(f"/api/procedures/birth-registration/drafts/{draft['token']}"
                      ).status_code == 404
    assert server.store.forget_expired("2001-01-01T00:00:00Z") == 1


@pytest.mark.parametrize("body", [{"answers": []}, {"answers": {}, "extra": 1},
                                  {"answers": {}, "step": "x" * 65}, [], {"step": "a"}])
def test_a_malformed_draft_is_refused(server: Any, body: Any) -> None:
    got = server.post("/api/procedures/birth-registration/drafts", json=body)
    assert got.status_code == 422, got.text
    assert got.json()["errors"]


def test_unknown_tokens_and_methods(server: Any) -> None:
    drafts = "/api/procedures/birth-registration/drafts/"
    assert server.get(drafts + "short").status_code == 404
    assert server.get(drafts + "A" * 43).status_code == 404
    assert server.get("/api/procedures/no-such-procedure/drafts/" + "A" * 43
                      ).status_code == 404
    # no route matches a control character; the problem still names it as a URI reference
    odd = server.get("/api/%01%C3%B1/x")
    assert odd.status_code == 404
    assert odd.json()["instance"] == "/api/%01%C3%B1/x"
    not_allowed = server.delete("/api/procedures")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["content-type"] == "application/problem+json"
    assert "GET" in not_allowed.headers["allow"]
    assert server.get("/api/procedures/no-such-procedure").status_code == 404


def test_every_response_carries_the_security_headers(server: Any) -> None:
    for url in ("/api/procedures", "/", "/web/vi/birth-registration.html", "/nowhere"):
        got = server.get(url)
        assert got.headers["x-content-type-options"] == "nosniff", url
        assert got.headers["x-frame-options"] == "DENY", url
        assert "frame-ancestors 'none'" in got.headers["content-security-policy"], url
    page = server.get("/web/vi/birth-registration.html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]


def test_a_stored_file_is_its_sniffed_type_not_the_header(server: Any, site: Any) -> None:
    p = site.snapshot.portal.procedure("birth-registration")
    _, items = application(p)
    doc = next(name for name, (f, *_r) in items if f is not None)
    items = [(n, (f"../../{n}.pdf", PDF, "image/png") if n == doc else v) for n, v in items]
    got = server.post("/api/procedures/birth-registration/applications", files=items,
                      headers=BEARER)
    assert got.status_code == 201, got.text
    stored = server.store.application(got.json()["application_id"])
    kept = next(f for f in stored.files if f.document == doc)
    assert kept.media_type == "application/pdf" and kept.filename == f"{doc}.pdf"


def test_the_due_day_follows_the_processing_time_for_the_answers(server: Any,
                                                                  site: Any) -> None:
    """A change of name is due in 4 working days, a transfer in 8 (land-change-registration's
    ``processing_time.cases``): the server dates the application as ``quote`` times it."""
    from procgen.model.ir import Duration

    p = site.snapshot.portal.procedure("land-change-registration")
    base = example_answers(p)
    name_change = {k: v for k, v in base.items() if k != "counterparties"}
    for answers, days in (({**base, "change_kind": "transfer"}, 8),
                          ({**name_change, "change_kind": "personal_data"}, 4)):
        _, items = application(p, answers)
        made = server.post(f"/api/procedures/{p.id}/applications", files=items,
                           headers=BEARER)
        assert made.status_code == 201, made.text
        stored = server.store.application(made.json()["application_id"])
        day = stored.submitted_at[:10]
        assert stored.due_on == Duration("working_days", days).due_on(day), answers


def test_a_time_in_calendar_days_is_due_that_many_days_later(server: Any, site: Any) -> None:
    """A criminal record takes 10 *days* (``days``, NPSP 3.000333), weekends included: the
    due day is 10 calendar days after filing, not 10 working days."""
    import datetime as dt

    p = site.snapshot.portal.procedure("criminal-record-certificate")
    _, items = application(p, example_answers(p))
    made = server.post(f"/api/procedures/{p.id}/applications", files=items, headers=BEARER)
    assert made.status_code == 201, made.text
    stored = server.store.application(made.json()["application_id"])
    filed = dt.date.fromisoformat(stored.submitted_at[:10])
    assert dt.date.fromisoformat(stored.due_on) - filed == dt.timedelta(days=10)
