"""Web target (issue 19): "Save and continue later", and a draft resumed from its link.

The API is mocked with ``page.route`` (the drafts of the API: ``POST {api}/procedures/{id}/
drafts`` → 201, ``PUT`` and ``GET {api}/procedures/{id}/drafts/{token}`` → 200, 404 when
unknown). A draft's
answers must be exactly what the submission sends, so each walk also submits and reads the
multipart request back with the API's decoder; a draft restored and saved again must give the
same body. Also here: the form's hidden inputs (the server's ``_csrf``) travel in the
JavaScript submission, and the confirmation shows the ``application_id`` of the reply.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from tests.web.helpers import Watch, axe
from tests.web.walk import Walker, day, decoded

pytestmark = pytest.mark.browser

TOKEN = "Ab3_-" + "x" * 37 + "Z"
OTHER = "Zz9-_" + "y" * 37 + "A"
SHOWN = "section.pg-page:not([hidden])"
STATUS = f"{SHOWN} [data-draft-status]"
DRAFTS = re.compile(r"/drafts(/|$)")
KITCHEN_DRAFTS = "https://api.example.gov.vn/v1/procedures/kitchen-sink/drafts"
"""Where kitchen-sink drafts are saved; each one is at ``KITCHEN_DRAFTS/<token>``."""


@dataclass
class Api:
    """The API's drafts, mocked: what was asked, and what is stored."""

    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=lambda: [TOKEN, OTHER])
    fail: bool = False

    def handle(self, route: Any, request: Any) -> None:
        body = json.loads(request.post_data) if request.post_data else None
        self.calls.append((request.method, request.url, body))
        if self.fail:
            route.abort()
            return
        path = request.url.split("/v1", 1)[1]
        if request.method == "POST":
            token, status = self.tokens.pop(0), 201
            pid = path.split("/")[2]
        else:
            token, status = path.rsplit("/", 1)[1], 200
            if token not in self.stored:
                route.fulfill(status=404, content_type="application/problem+json",
                              body=json.dumps({"title": "Not found", "status": 404}))
                return
            pid = self.stored[token]["procedure"]
        if request.method in ("POST", "PUT"):
            self.stored[token] = {"token": token, "procedure": pid, "revision": 1,
                                  "answers": body["answers"], "step": body["step"],
                                  "saved_at": "2026-05-13T10:00:00Z",
                                  "expires_at": "2026-06-12T10:00:00Z"}
        route.fulfill(status=status, content_type="application/json",
                      body=json.dumps(self.stored[token]))


@pytest.fixture
def context(chrome):
    context = chrome.new_context(viewport={"width": 360, "height": 800})
    yield context
    context.close()


def page_with(context: Any, site: Any, api: Api) -> tuple[Walker, Watch]:
    page = context.new_page()
    watch = Watch(page, site.base)
    page.route(DRAFTS, api.handle)
    return Walker(page), watch


def save(w: Walker) -> str:
    """Click the shown page's save button; the status it ends with."""
    w.page.click(f"{SHOWN} [data-action=save]")
    w.page.wait_for_function(
        "() => { const s = document.querySelector('section.pg-page:not([hidden]) "
        "[data-draft-status]'); return s && s.textContent && !/…$/.test(s.textContent); }")
    return w.page.inner_text(STATUS)


def restored(w: Walker, url: str) -> str:
    w.open(url)
    w.page.wait_for_function(
        "() => [...document.querySelectorAll('[data-draft-status]')].some(s => s.textContent)")
    return w.page.inner_text(STATUS)


def kitchen_sink_to_family(w: Walker) -> None:
    w.start()
    w.fill(poor_household=True, person_full_name="Nguyễn Thị Hoa", person_sex="female")
    w.proceed()
    w.fill(services=["express", "notary"], contact_email="hoa@example.vn",
           declared_value="2.500.000", area="12,5", start_date=day(-10))
    w.proceed()
    assert w.current() == "step-family"
    for _ in range(2):
        w.page.click("#f-children-field [data-action=add]")
    w.page.fill("#f-children-0-child_name", "Lê An")
    w.page.fill("#f-children-0-child_birth_date", "2015-03-02")
    w.page.fill("#f-children-0-child_allowance", "150.000")
    w.page.fill("#f-children-1-child_name", "Lê Bình")
    w.page.fill("#f-children-1-child_birth_date", "2018-11-20")


def test_save_posts_the_answers_then_puts_them_to_the_same_draft(site, context) -> None:
    api = Api()
    w, watch = page_with(context, site, api)
    url = site.url("kitchen", "en", "kitchen-sink")
    w.open(url)
    # without JS the button is not there; with it, on every step and the check page
    assert w.page.locator("[data-action=save]").count() == len(w.rules["steps"]) + 1
    kitchen_sink_to_family(w)
    said = save(w)
    method, address, body = api.calls[-1]
    assert (method, address) == ("POST", "https://api.example.gov.vn/v1/procedures/kitchen-sink/"
                                         "drafts")
    assert w.rules["api"] == "https://api.example.gov.vn/v1"
    answers = body["answers"]
    assert body["step"] == "family"
    assert answers["poor_household"] is True and answers["person_sex"] == "female"
    assert answers["person_full_name"] == "Nguyễn Thị Hoa"
    assert answers["services"] == ["express", "notary"]
    assert answers["contact_email"] == "hoa@example.vn"
    assert answers["declared_value"] == 2500000 and answers["area"] == 12.5
    assert answers["copies"] == 1 and answers["residence_province"] == "ha-noi"
    assert answers["children"] == [
        {"child_name": "Lê An", "child_birth_date": "2015-03-02", "child_allowance": 150000},
        {"child_name": "Lê Bình", "child_birth_date": "2018-11-20"}]
    assert "late_reason" not in answers  # hidden: the start date is 10 days ago
    assert "photo" not in answers  # files are not kept
    # the message: the resume link, the expiry, the files note
    link = w.page.locator(f"{STATUS} a")
    assert link.get_attribute("href") == f"{url}#draft={TOKEN}"
    assert link.inner_text() == f"{url}#draft={TOKEN}"
    assert said.startswith("Your answers are saved. To continue later, open this link:")
    assert "The link works until 12 June 2026." in said
    assert "Attached files are not kept" in said
    assert w.page.get_attribute(STATUS, "aria-live") == "polite"
    assert w.page.get_attribute(STATUS, "role") == "status"
    assert w.focused() == ""  # the button kept focus (it has no id)
    assert w.page.evaluate("() => document.activeElement.dataset.action") == "save"
    assert axe(w.page, site.base) == []
    # a later save, from the check page, PUTs to the same draft
    w.proceed()
    assert w.current() == "pg-check"
    said = save(w)
    method, address, body = api.calls[-1]
    assert (method, address) == ("PUT", f"{KITCHEN_DRAFTS}/{TOKEN}")
    assert body["step"] == "check" and body["answers"] == answers
    assert f"#draft={TOKEN}" in said
    assert w.page.inner_text("#step-family-draft-status") == ""  # one message at a time
    # what the draft holds is what the submission sends
    w.page.route("**/procedures/*/applications", w._intercept)
    parts = w.submit()
    procedure = site.portals["kitchen"].procedure("kitchen-sink")
    assert procedure is not None
    sent = decoded(procedure, parts)
    files = {d.id for d in procedure.documents}
    assert {k: v for k, v in sent.items() if k not in files} == answers
    assert watch.errors == [] and watch.dialogs == []


def test_a_draft_link_fills_every_field_and_opens_its_step(site, context) -> None:
    api = Api()
    w, watch = page_with(context, site, api)
    url = site.url("kitchen", "en", "kitchen-sink")
    w.open(url)
    kitchen_sink_to_family(w)
    save(w)
    saved = api.stored[TOKEN]["answers"]
    # a fresh page at the link: the GET fills it in
    r, watch = page_with(context, site, api)
    said = restored(r, f"{url}#draft={TOKEN}")
    assert api.calls[-1][:2] == ("GET", f"{KITCHEN_DRAFTS}/{TOKEN}")
    assert said == "Your saved answers have been restored."
    assert r.current() == "step-family" and r.focused() == "step-family-title"
    page = r.page
    assert page.input_value("#f-person_full_name") == "Nguyễn Thị Hoa"
    assert page.input_value("#f-person_national_id") == saved["person_national_id"]
    assert page.input_value("#f-person_date_of_birth") == saved["person_date_of_birth"]
    assert page.is_checked("#f-person_sex-field input[value=female]")
    assert page.is_checked("#f-poor_household")
    assert page.input_value("#f-declared_value") == "2500000"
    assert page.input_value("#f-area") == "12.5"
    assert page.input_value("#f-start_date") == day(-10)
    boxes = page.locator("#f-services-field input:checked")
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count())] == [
        "express", "notary"]
    assert page.is_checked("#f-residence_province-field input[value=ha-noi]")
    # the conditions ran: the e-mail is asked (notary), the poverty proof too, the late reason
    # not (a start 10 days ago)
    hidden = ("() => ['f-contact_email-field', 'd-proof-of-poverty-field', 'f-late_reason-field']"
              ".map(id => document.getElementById(id).hidden)")
    assert page.evaluate(hidden) == [False, False, True]
    assert page.input_value("#f-contact_email") == "hoa@example.vn"
    assert page.locator("#f-children-entries > [data-entry]").count() == 2
    assert page.input_value("#f-children-1-child_name") == "Lê Bình"
    assert page.input_value("#f-children-0-child_allowance") == "150000"
    legend = page.inner_text("#f-children-entries > [data-entry] >> nth=1 >> legend")
    assert legend == "Child, entry 2"
    assert axe(page, site.base) == []
    # saving again PUTs to the draft it came from, with the same answers
    save(r)
    assert api.calls[-1][:2] == ("PUT", f"{KITCHEN_DRAFTS}/{TOKEN}")
    assert api.calls[-1][2] == {"answers": saved, "step": "family"}
    assert watch.errors == [] and watch.dialogs == []


def test_every_kind_comes_back_as_it_was_saved(site, context) -> None:
    """Text, numbers, money, dates, radios, selects, checkboxes and booleans, at the top and
    in a group's entries: saved, restored, saved again, the same; then submitted, the same."""
    api = Api()
    w, _ = page_with(context, site, api)
    url = site.url("hostile", "en", "every-kind")
    w.open(url)
    w.start()
    w.page.click("#f-rows-field [data-action=add]")
    w.fill(row_integer="3", row_money="1.200.000", row_number="2,5", row_choice=2,
           row_multichoice=["o1", "o3"], top_multichoice=["o2", "o11"])
    w.page.select_option("#f-top_province", "p13")
    w.page.select_option("#f-rows-1-row_province", "p7")
    w.page.check("#f-rows-1-row_boolean")
    w.page.check("#f-top_boolean")
    w.to_check()
    save(w)
    first = api.calls[-1][2]
    assert first["step"] == "check"
    answers = first["answers"]
    assert answers["top_boolean"] is True and answers["top_province"] == "p13"
    assert answers["rows"][0]["row_boolean"] is False and answers["rows"][1]["row_boolean"]
    assert answers["rows"][1]["row_province"] == "p7" and answers["rows"][1]["row_choice"] == 2
    assert answers["rows"][1]["row_number"] == 2.5 and answers["rows"][1]["row_money"] == 1200000
    r, watch = page_with(context, site, api)
    assert restored(r, f"{url}#draft={TOKEN}") == "Your saved answers have been restored."
    assert r.current() == "pg-check"  # saved on the check page, and it is whole
    page = r.page
    assert page.input_value("#f-top_province") == "p13"
    assert page.input_value("#f-rows-1-row_province") == "p7"
    assert page.is_checked("#f-top_choice-field input[value='1']")
    assert page.is_checked("#f-rows-1-row_choice-field input[value='2']")
    assert page.is_checked("#f-rows-1-row_boolean") and not page.is_checked("#f-rows-0-row_boolean")
    assert page.input_value("#f-rows-1-row_money") == "1200000"
    assert "Question text" in page.inner_text("#pg-summary")
    save(r)
    assert api.calls[-1][0] == "PUT" and api.calls[-1][2] == first
    r.page.route("**/procedures/*/applications", r._intercept)
    procedure = site.portals["hostile"].procedure("every-kind")
    assert procedure is not None
    assert decoded(procedure, r.submit()) == answers
    assert watch.errors == [] and watch.dialogs == []


def test_a_step_no_longer_asked_opens_the_first_step(site, context) -> None:
    api = Api()
    api.stored[TOKEN] = {"token": TOKEN, "procedure": "kitchen-sink", "revision": 1,
                         "answers": {"person_full_name": "Trần Văn Cường", "constructor": 1},
                         "step": "no-such-step", "saved_at": "2026-05-13T10:00:00Z",
                         "expires_at": "2026-06-12T10:00:00Z"}
    w, watch = page_with(context, site, api)
    restored(w, site.url("kitchen", "vi", "kitchen-sink") + f"#draft={TOKEN}")
    assert w.current() == "step-you"
    assert w.page.inner_text(STATUS) == "Đã khôi phục câu trả lời bạn đã lưu."
    assert w.page.input_value("#f-person_full_name") == "Trần Văn Cường"
    assert watch.errors == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_or_unknown_draft_says_so(site, context, lang: str) -> None:
    api = Api()
    url = site.url("kitchen", lang, "kitchen-sink")
    not_found = {"vi": "Không tìm thấy câu trả lời đã lưu, hoặc đường dẫn đã hết hạn.",
                 "en": "The saved answers were not found, or the link has expired."}[lang]
    # not a token at all: nothing is asked
    w, _watch = page_with(context, site, api)
    assert restored(w, url + "#draft=abc<script>") == not_found
    assert api.calls == [] and w.current() == "pg-start"
    # a token the API does not know (expired): 404
    w, _watch = page_with(context, site, api)
    assert restored(w, f"{url}#draft={TOKEN}") == not_found
    assert [c[0] for c in api.calls] == ["GET"]
    assert w.current() == "pg-start"
    assert axe(w.page, site.base) == []
    # the API cannot be reached
    api.fail = True
    w, _ = page_with(context, site, api)
    assert restored(w, f"{url}#draft={TOKEN}") == {
        "vi": "Chưa tải được câu trả lời đã lưu. Vui lòng tải lại trang.",
        "en": "Your saved answers could not be loaded. Please reload the page."}[lang]
    # and a save that fails says so too
    w.start()
    assert save(w) == {"vi": "Chưa lưu được câu trả lời. Vui lòng thử lại.",
                       "en": "Your answers were not saved. Please try again."}[lang]
    assert w.page.locator(f"{STATUS} a").count() == 0


def test_an_expired_draft_is_saved_again_as_a_new_one(site, context) -> None:
    api = Api()
    w, _ = page_with(context, site, api)
    url = site.url("kitchen", "en", "kitchen-sink")
    w.open(url)
    w.start()
    w.fill()
    save(w)
    del api.stored[TOKEN]  # the draft expired while the page was open
    said = save(w)
    assert [c[0] for c in api.calls] == ["POST", "PUT", "POST"]
    assert f"#draft={OTHER}" in said


def test_hidden_inputs_travel_and_the_reference_is_the_application_id(site, context) -> None:
    w, watch = page_with(context, site, Api())
    w.replies.append((201, {"application_id": "HS-2026-000777", "reference": "not this",
                            "id": "nor this", "status": "received"}))
    w.open(site.url("hostile", "en", "every-kind"))
    # what the server injects when it serves the form (procgen serve: _csrf, _lang)
    w.page.evaluate("""() => {
        const form = document.getElementById('procgen-form');
        for (const [name, value] of [['_csrf', 'tok-123.abc'], ['_lang', 'en']]) {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = name; input.value = value;
            form.appendChild(input);
        }
        const nameless = document.createElement('input');
        nameless.type = 'hidden'; nameless.value = 'no name, not sent';
        form.appendChild(nameless);
    }""")
    w.start()
    w.to_check()
    parts = w.submit()
    assert [(p.name, p.data) for p in parts[:2]] == [("_csrf", b"tok-123.abc"), ("_lang", b"en")]
    assert b"no name, not sent" not in b"".join(p.data for p in parts)
    assert w.page.inner_text("#pg-sent-reference") == "Reference: HS-2026-000777"
    assert watch.errors == []


def test_a_reply_without_application_id_shows_no_reference(site, context) -> None:
    w, _ = page_with(context, site, Api())
    w.replies.append((201, {"reference": "HS-OLD", "id": "HS-OLDER"}))
    w.open(site.url("hostile", "en", "every-kind"))
    w.start()
    w.to_check()
    w.submit()
    assert w.page.locator("#pg-sent").is_visible()
    assert w.page.inner_text("#pg-sent-reference") == ""
