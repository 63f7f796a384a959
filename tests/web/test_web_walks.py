"""Web target (issue 5): end-to-end walks through real procedures, as a citizen would.

Each walk fills the form in Chromium, watches conditional questions and documents appear and
disappear, triggers errors (summary at the top, focus, inline messages) and fixes them, checks
the answers page (change links, live fee total), and submits; the intercepted multipart
request is read back by the API's own decoder (:mod:`procgen.targets.openapi.multipart`: one
JSON part per group entry, booleans as the text ``true``/``false``) and checked against what
was answered and against the OpenAPI target's answers schema.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.web import openapi_check
from tests.web.helpers import Watch, axe
from tests.web.walk import Walker, day, decoded

pytestmark = pytest.mark.browser


@pytest.fixture
def walker(site, chrome):
    context = chrome.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    watch = Watch(page, site.base)
    yield Walker(page), watch
    context.close()
    assert watch.errors == [] and watch.dialogs == []


def sent_ok(site, w: Walker, watch: Watch, project: str, pid: str) -> dict[str, Any]:
    """Submit; check the request's parts against the rules and the OpenAPI schema."""
    parts = w.submit()
    assert w.page.locator("#pg-sent").is_visible()
    assert "HS-2026-000123" in w.page.inner_text("#pg-sent-reference")
    assert [u for u in watch.outside if not u.endswith(f"/procedures/{pid}/applications")] == []
    known = set(w.rules["fields"]) | set(w.rules["documents"])
    assert {p.name for p in parts} <= known
    procedure = site.portals[project].procedure(pid)
    assert procedure is not None
    data = decoded(procedure, parts)
    assert openapi_check.validate(site.portals[project], pid, data) == []
    return data


def test_birth_registration(site, walker) -> None:
    w, watch = walker
    w.open(site.url("bundled", "en", "birth-registration"))
    w.start()
    assert w.current() == "step-you" and w.focused() == "step-you-title"
    # Nothing answered: the error summary takes focus and links to each question.
    w.proceed()
    errors = w.errors()
    assert errors[0] == "Enter full name" and "Select sex" in errors
    assert w.focused() == "pg-error-summary"
    assert w.page.title().startswith("Error: ")
    assert w.page.get_attribute("#f-applicant_full_name", "aria-invalid") == "true"
    assert w.page.inner_text("#f-applicant_full_name-error") == "Enter full name"
    w.page.click("#pg-error-list a >> nth=0")
    assert w.focused() == "f-applicant_full_name"
    w.fill(applicant_national_id="12345", applicant_phone="12")
    w.proceed()
    assert w.errors() == ["Personal identification number must be 12 digits, starting with a "
                          "province code from 001 to 096",
                          "Phone number must be a Vietnamese phone number, like 0912 345 678"]
    w.fill(applicant_national_id="000090012345", applicant_phone="0912 345 678")
    w.proceed()  # 000 is no province code
    assert len(w.errors()) == 1 and w.errors()[0].startswith("Personal identification number")
    w.fill(applicant_national_id="001090012345")
    w.proceed()
    assert w.current() == "step-child"
    assert w.page.inner_text("#step-child-progress") == "Step 2 of 5"
    # The late-registration reason appears only for a birth more than 60 days ago.
    assert not w.shown("f-late_reason")
    w.fill(child_date_of_birth=day(1))
    w.proceed()
    assert w.errors() == ["The date of birth cannot be in the future"]
    w.set("f-child_date_of_birth", w.rules["fields"]["child_date_of_birth"], day(-100))
    assert w.shown("f-late_reason")
    w.set("f-child_date_of_birth", w.rules["fields"]["child_date_of_birth"], day(-10))
    assert not w.shown("f-late_reason")
    w.proceed()
    assert w.current() == "step-birth-proof"
    # No birth notice: the witness statement is asked for instead.
    assert w.page.locator("#d-birth-notice-field").is_visible()
    assert not w.page.locator("#d-witness-statement-field").is_visible()
    w.page.uncheck("#f-has_birth_notice")
    assert not w.page.locator("#d-birth-notice-field").is_visible()
    assert w.page.locator("#d-witness-statement-field").is_visible()
    w.page.check("#f-has_birth_notice")
    w.upload("birth-notice", size=6 * 1024 * 1024)
    w.proceed()
    assert w.errors() == ["Birth notice from the health facility: the file must be smaller "
                          "than 5 MB"]
    w.upload("birth-notice", name="giay-chung-sinh.pdf")
    w.proceed()
    assert w.current() == "step-parents"
    w.page.uncheck("#f-father_known")
    assert not w.shown("f-father_full_name") and not w.shown("f-father_national_id")
    w.to_check(mother_full_name="Trần Thị Bình", mother_national_id="001190054321")
    # Check your answers, then change one answer and come straight back.
    summary = w.page.inner_text("#pg-summary")
    assert "Child's full name" in summary and "Nguyễn Văn An" in summary
    assert "Father's full name" not in summary and "giay-chung-sinh.pdf" in summary
    assert "15 January 1990" in summary
    w.page.click("#pg-summary a[href='#f-child_full_name']")
    assert w.current() == "step-child" and w.focused() == "f-child_full_name"
    w.page.fill("#f-child_full_name", "Nguyễn Minh Khang")
    w.proceed()
    assert w.current() == "pg-check"
    assert "Nguyễn Minh Khang" in w.page.inner_text("#pg-summary")
    assert w.page.inner_text("#pg-fee-total") == "0 ₫"
    # Registering late: the reason is asked, and the province's late fee joins the total.
    w.page.click("#pg-summary a[href='#f-child_date_of_birth']")
    w.page.fill("#f-child_date_of_birth", day(-100))
    w.proceed()
    assert w.errors() == ["Enter reason for registering after 60 days"]
    w.page.fill("#f-late_reason", "Gia đình ở xa, đường bị lũ chia cắt.")
    w.proceed()
    assert w.current() == "pg-check"
    assert "Reason for registering after 60 days" in w.page.inner_text("#pg-summary")
    assert axe(w.page, site.base) == []  # the check page as the runtime filled it
    assert "not known yet" in w.page.inner_text(".pg-fee-table")
    assert w.page.inner_text("#pg-fee-total") == "0 ₫, plus the fees your province sets"
    data = sent_ok(site, w, watch, "bundled", "birth-registration")
    assert data["child_full_name"] == "Nguyễn Minh Khang"
    assert data["child_date_of_birth"] == day(-100)
    assert data["late_reason"] == "Gia đình ở xa, đường bị lũ chia cắt."
    assert data["father_known"] is False and data["has_birth_notice"] is True
    assert "father_full_name" not in data
    assert "witness-statement" not in data and data["birth-notice"].startswith(b"%PDF")
    assert data["applicant_phone"] == "0912345678" and data["child_nationality"] == "vn"


def test_stay_notification_groups(site, walker) -> None:
    w, watch = walker
    w.open(site.url("bundled", "vi", "stay-notification"))
    w.start()
    w.set("f-host_kind", w.rules["fields"]["host_kind"], "household")
    assert not w.shown("f-accommodation_name")
    w.set("f-host_kind", w.rules["fields"]["host_kind"], "accommodation_business")
    assert w.shown("f-accommodation_name")
    w.fill()
    w.proceed()
    assert w.current() == "step-guest-list"
    # The browser's own Back and Forward buttons move between steps.
    w.page.go_back()
    assert w.current() == "step-host" and w.focused() == "step-host-title"
    w.page.go_forward()
    assert w.current() == "step-guest-list"
    # One guest to start with (min 1), which cannot be removed.
    first = w.page.locator("#f-guests-entries > [data-entry]")
    assert first.count() == 1
    assert not w.page.locator("#f-guests-entries [data-action=remove]").first.is_visible()
    # Add a guest with the keyboard: focus moves into the new entry and it is announced.
    w.page.focus("#f-guests-field [data-action=add]")
    w.page.keyboard.press("Enter")
    assert first.count() == 2 and w.focused() == "f-guests-1-guest_full_name"
    assert w.page.inner_text("#f-guests-status") == "Đã thêm người lưu trú 2."
    assert w.page.inner_text("#f-guests-entries > [data-entry] >> nth=1 >> legend") == \
        "Người lưu trú 2"
    # Conditions inside an entry read that entry: a foreign guest gives a passport number.
    rules = w.rules["fields"]["guests"]["fields"]
    assert w.shown("f-guests-1-guest_national_id")
    assert not w.shown("f-guests-1-guest_passport_number")
    w.set("f-guests-1-guest_nationality", rules["guest_nationality"], "kr")
    assert not w.shown("f-guests-1-guest_national_id")
    assert w.shown("f-guests-1-guest_passport_number")
    assert w.shown("f-guests-0-guest_national_id")
    w.fill(guest_stay_from=day(0), guest_stay_until=day(-3))
    w.proceed()
    errors = w.errors()
    assert len(errors) == 2 and errors[0] == errors[1]  # both guests leave before arriving
    w.page.click("#pg-error-list a >> nth=1")
    assert w.focused() == "f-guests-1-guest_stay_until"
    for i in (0, 1):
        w.set(f"f-guests-{i}-guest_stay_until", rules["guest_stay_until"], day(2))
    # A third guest, then remove the second with the keyboard: the rest renumber.
    w.page.click("#f-guests-field [data-action=add]")
    for cid, value in (("guest_full_name", "Khách Ba"), ("guest_stay_from", day(0)),
                       ("guest_stay_until", day(1))):
        w.set(f"f-guests-2-{cid}", rules[cid], value)
    w.page.focus("#f-guests-entries > [data-entry] >> nth=1 >> [data-action=remove]")
    w.page.keyboard.press("Enter")
    assert first.count() == 2
    assert w.page.input_value("#f-guests-1-guest_full_name") == "Khách Ba"
    assert w.page.get_attribute("#f-guests-1-guest_full_name", "name") == \
        "guests[1][guest_full_name]"
    w.to_check()
    assert "Người lưu trú 2" in w.page.inner_text("#pg-summary")
    data = sent_ok(site, w, watch, "bundled", "stay-notification")
    guests = data["guests"]
    assert [g["guest_full_name"] for g in guests] == ["Nguyễn Văn An", "Khách Ba"]
    assert all(g["guest_nationality"] == "vn" and "guest_passport_number" not in g
               for g in guests)
    assert guests[1] == {"guest_full_name": "Khách Ba", "guest_date_of_birth": "1990-01-15",
                         "guest_nationality": "vn", "guest_national_id": "001090012345",
                         "guest_stay_from": day(0), "guest_stay_until": day(1)}
    assert "accommodation_name" in data and data["host_kind"] == "accommodation_business"


def test_marriage_registration(site, walker) -> None:
    w, watch = walker
    w.open(site.url("bundled", "en", "marriage-registration"))
    w.start()
    w.fill()
    w.proceed()
    w.fill(groom_date_of_birth=day(-365 * 19))
    w.proceed()
    assert len(w.errors()) == 1
    w.fill(groom_date_of_birth="1994-05-02")
    w.page.check("#f-groom_previously_married")
    w.proceed()
    w.fill(bride_date_of_birth="1996-07-20")
    w.proceed()
    assert w.current() == "step-papers"
    assert w.page.locator("#d-divorce-or-death-proof-field").is_visible()
    w.fill(appointment_date=day(-1))
    w.proceed()
    errors = w.errors()
    assert len(errors) == 2  # commitment not given; appointment in the past
    w.page.check("#f-voluntary_commitment")
    w.to_check(appointment_date=day(7))
    data = sent_ok(site, w, watch, "bundled", "marriage-registration")
    assert data["groom_previously_married"] is True
    assert data["bride_previously_married"] is False
    assert data["voluntary_commitment"] is True and data["appointment_date"] == day(7)
    assert data["divorce-or-death-proof"].startswith(b"%PDF")


def test_kitchen_sink_live_fees_and_choices(site, walker) -> None:
    w, watch = walker
    w.open(site.url("kitchen", "en", "kitchen-sink"))
    w.start()
    w.page.check("#f-poor_household")
    w.fill(home_address="")
    w.proceed()  # the address is not required from a poor household
    assert w.current() == "step-request" and w.errors() == []
    assert w.page.locator("#d-proof-of-poverty-field").is_visible()
    assert not w.shown("f-contact_email")
    w.fill(services=["express", "translation", "notary"], purpose="short",
           reference_code="ab12")
    assert w.shown("f-contact_email")
    w.proceed()
    assert w.errors() == ["Your purpose needs 10 characters or more",
                          "Reference code is not in the right format",
                          "Select no more than 2 for extra services"]
    w.to_check(services=["notary"], purpose="Travel with my family", reference_code="AB1234",
               declared_value="")
    fees = w.page.inner_text(".pg-fee-table")
    assert "Online fee" in fees and "Copy fee" in fees and "Value-based fee" not in fees
    assert w.page.inner_text("#pg-fee-total") == "53,000 ₫"  # 45,000 + 8,000 × 1 copy
    w.page.click("#pg-summary a[href='#f-copies']")
    w.page.fill("#f-copies", "3")
    w.page.fill("#f-declared_value", "2.500.000")
    w.proceed()
    assert w.current() == "pg-check"
    assert w.page.inner_text("#pg-fee-total") == "71,500 ₫"  # 45,000 + 24,000 + 2,500
    # The API refuses: its problems show like the form's own and lead to the question.
    w.replies.append((422, {"status": 422, "errors": [
        {"pointer": "#/purpose", "code": "x", "detail": "The agency needs more detail"},
        {"pointer": "#/children/0/child_name", "code": "y", "detail": "Name as on the record"}]}))
    w.page.click("#pg-submit")
    w.page.locator("#pg-error-summary").wait_for(state="visible")
    assert w.current() == "pg-check" and w.focused() == "pg-error-summary"
    assert w.errors() == ["The agency needs more detail", "Name as on the record"]
    # Chromium logs every 4xx response; that one is expected here.
    assert [e for e in watch.errors if "status of 422" in e] != []
    watch.errors[:] = [e for e in watch.errors if "status of 422" not in e]
    assert axe(w.page, site.base) == []
    w.page.click("#pg-error-list a >> nth=1")
    assert w.current() == "step-family" and w.focused() == "f-children-0-child_name"
    assert w.page.inner_text("#f-children-0-child_name-error") == "Name as on the record"
    w.proceed()
    assert w.current() == "pg-check"
    data = sent_ok(site, w, watch, "kitchen", "kitchen-sink")
    assert len(w.sent) == 2
    assert data["services"] == ["notary"] and data["contact_email"] == "an.nguyen@example.vn"
    assert data["declared_value"] == 2500000 and data["copies"] == 3
    assert "home_address" not in data and data["poor_household"] is True
    assert data["children"] == [{"child_name": "Nguyễn Văn An", "child_birth_date": "1990-01-15",
                                 "child_allowance": 100000}]


def test_every_kind_sends_typed_group_entries(site, walker) -> None:
    w, watch = walker
    w.open(site.url("hostile", "en", "every-kind"))
    w.start()
    w.page.click("#f-rows-field [data-action=add]")
    w.fill(row_integer="3", row_money="1.200.000", row_number="2,5", row_choice=2,
           row_multichoice=["o1", "o3"], top_multichoice=["o1", "o2", "o3", "o4"])
    w.page.check("#f-rows-1-row_boolean")
    w.page.check("#f-top_boolean")
    w.proceed()
    assert w.errors() == ["Select no more than 3 for question multichoice"]
    w.to_check(top_multichoice=["o2"])
    data = sent_ok(site, w, watch, "hostile", "every-kind")
    first, second = data["rows"]
    assert second["row_integer"] == 3 and second["row_money"] == 1200000
    assert second["row_number"] == 2.5 and second["row_choice"] == 2
    assert second["row_multichoice"] == ["o1", "o3"] and second["row_boolean"] is True
    assert first["row_boolean"] is False and "row_province" in first
    assert data["single"] == [{"single_name": "Nguyễn Văn An"}]
    assert data["top_multichoice"] == ["o2"] and data["top_choice"] == 1
    assert data["top_boolean"] is True  # the part's text "true", read as the API reads it
    # one application/json part per entry, booleans inside as JSON
    rows = [json.loads(p.data) for p in w.submitted if p.name == "rows"]
    assert rows == data["rows"] and rows[0]["row_boolean"] is False
    assert [p.data for p in w.submitted if p.name == "top_boolean"] == [b"true"]
