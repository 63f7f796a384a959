"""Chromium walks of forms served by ``procgen serve``, posting to it for real: with
JavaScript (the form's own ``fetch``) and without (the browser's own post, group entries named
``group[i][child]``); the stored application is read back equal to what was entered, files
byte for byte (issue 19, "Chromium walks")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.serve.conftest import Live
from tests.web.walk import PDF, Walker, day, decoded

pytestmark = pytest.mark.browser


class LiveWalker(Walker):
    """A walk whose submission reaches the server: the request is recorded, then sent on."""

    def _intercept(self, route: Any, request: Any) -> None:
        self.sent.append((request.headers["content-type"], request.post_data_buffer))
        route.continue_()


@pytest.fixture
def browser_context(playwright_browser: Any) -> Iterator[Any]:
    context = playwright_browser.new_context(viewport={"width": 360, "height": 800})
    yield context
    context.close()


def stored(live: Live, backend: str, application_id: str) -> Any:
    """The application as the server's database holds it (read beside the running server)."""
    from procgen.serve.store import open_store

    database = live.database if backend == "postgresql" else "serve.sqlite3"
    store = open_store(database, live.data)
    try:
        return store.application(application_id)
    finally:
        store.close()


def test_a_form_filled_with_javascript_is_stored_as_entered(live: Live, backend: str,
                                                            browser_context: Any,
                                                            site: Any) -> None:
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    w = LiveWalker(page)
    w.open(f"{live.url}/web/vi/stay-notification.html")
    w.start()
    w.set("f-host_kind", w.rules["fields"]["host_kind"], "household")
    w.fill()
    w.proceed()
    w.page.click("#f-guests-field [data-action=add]")
    w.fill(guest_stay_from=day(0), guest_stay_until=day(2))
    w.to_check()
    parts = w.submit()
    reference = page.inner_text("#pg-sent-reference")
    procedure = site.snapshot.portal.procedure("stay-notification")
    entered = decoded(procedure, parts)
    assert len(entered["guests"]) == 2
    ids = [word for word in reference.replace(":", " ").split() if word.startswith("HS-")]
    assert ids, reference  # the reference shown is the server's application id
    application = stored(live, backend, ids[0])
    assert application is not None and application.procedure == "stay-notification"
    assert entered["_csrf"] and entered["_lang"] == "vi"  # the server's own parts travel
    assert application.answers == {k: v for k, v in entered.items()
                                   if not isinstance(v, bytes) and not k.startswith("_")}
    status = page.request.get(f"{live.url}/api/applications/{ids[0]}")
    assert status.status == 200 and status.json()["application_id"] == ids[0]
    assert errors == []


def test_a_form_posted_without_javascript_is_stored_as_entered(live: Live, backend: str,
                                                               playwright_browser: Any,
                                                               site: Any) -> None:
    import json
    import re

    context = playwright_browser.new_context(java_script_enabled=False,
                                             viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live.url}/web/en/birth-registration.html")
        rules = json.loads(page.locator("#procgen-rules").text_content())
        w = Walker(page, rules)
        values = {"child_date_of_birth": day(-10), "has_birth_notice": True,
                  "applicant_relationship": "father", "father_known": False,
                  "surrogacy_birth": False, "delivery_method": "electronic"}
        procedure = site.snapshot.portal.procedure("birth-registration")
        when = {f.id for f in procedure.fields if f.when is not None}
        for step in rules["steps"]:
            for fid in step["fields"]:
                if fid in when or rules["fields"][fid]["kind"] == "group":
                    continue
                w.set(f"f-{fid}", rules["fields"][fid], values.get(fid))
        uploads = {}
        for doc in rules["documents"]:
            wanted = next((d for d in procedure.uploadable_documents if d.id == doc), None)
            if page.locator(f"#d-{doc}").count() and wanted is not None and wanted.needed_with(
                    {**values, "electronic_birth_notice_received": False},
                    today=day(0)) is not None:
                data = PDF + doc.encode()
                page.set_input_files(f"#d-{doc}", files=[{"name": f"{doc}.pdf",
                                                          "mimeType": "application/pdf",
                                                          "buffer": data}])
                uploads[doc] = data
        with page.expect_navigation():
            page.click(".pg-nojs-submit button[type=submit]")
        body = page.inner_text("body")
        assert "Application received" in body, body
        application_id = re.search(r"HS-[0-9]{4}-[0-9A-F]{16}", body).group(0)
        application = stored(live, backend, application_id)
        assert application is not None
        assert application.answers["child_date_of_birth"] == day(-10)
        assert application.answers["has_birth_notice"] is True
        assert application.answers["applicant_relationship"] == "father"
        kept = {f.document: f for f in application.files}
        for doc, data in uploads.items():
            if doc in kept:
                path = Path(live.data) / "uploads" / kept[doc].sha256[:2] / kept[doc].sha256
                assert path.read_bytes() == data
        assert set(kept) == set(uploads)
    finally:
        context.close()


def test_a_draft_saved_on_the_server_is_resumed_after_a_reload(live: Live, backend: str,
                                                               browser_context: Any,
                                                               site: Any) -> None:
    """Save and continue later, for real: the draft goes to the server's /drafts, the page is
    reloaded from its link, the answers and the step come back, and the application sent
    from the resumed form is stored as entered."""
    import re

    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = f"{live.url}/web/en/stay-notification.html"
    w = LiveWalker(page)
    w.open(url)
    w.start()
    w.set("f-host_kind", w.rules["fields"]["host_kind"], "household")
    w.fill()
    w.proceed()
    step = w.current()
    before = {fid: page.input_value(f"#f-{fid}")
              for s in w.rules["steps"] for fid in s["fields"]
              if w.rules["fields"][fid]["kind"] not in ("group", "boolean", "choice")
              and page.locator(f"#f-{fid}").count() and page.input_value(f"#f-{fid}")}
    assert before, "the first step answered something to save"
    page.click("section.pg-page:not([hidden]) [data-action=save]")
    link = page.locator("section.pg-page:not([hidden]) [data-draft-status] a")
    link.wait_for(state="visible")
    href = link.get_attribute("href") or ""
    token = re.search(r"#draft=([A-Za-z0-9_-]{43})$", href)
    assert token, href
    saved = page.request.get(f"{live.url}/api/procedures/stay-notification/drafts/"
                            f"{token.group(1)}")
    assert saved.status == 200 and saved.json()["procedure"] == "stay-notification"

    again = browser_context.new_page()  # a new tab: nothing of the first page survives
    again.on("pageerror", lambda e: errors.append(str(e)))
    w2 = LiveWalker(again)
    w2.open(f"{url}#draft={token.group(1)}")
    again.wait_for_function(
        "() => [...document.querySelectorAll('[data-draft-status]')].some(s => s.textContent)")
    assert "restored" in again.inner_text("section.pg-page:not([hidden]) [data-draft-status]")
    assert w2.current() == step
    strip = {kind: f["strip"] for kind, f in w.rules["formats"].items()}

    def plain(fid: str, value: str) -> str:  # a phone is kept as sent: "0912345678"
        kind = w.rules["fields"][fid]["kind"]
        return "".join(c for c in value if c not in strip.get(kind, ""))

    assert ({fid: plain(fid, again.input_value(f"#f-{fid}")) for fid in before}
            == {fid: plain(fid, v) for fid, v in before.items()})
    again.click("#f-guests-field [data-action=add]")
    w2.fill(guest_stay_from=day(0), guest_stay_until=day(2))
    w2.to_check()
    parts = w2.submit()
    reference = again.inner_text("#pg-sent-reference")
    [application_id] = [x for x in reference.replace(":", " ").split() if x.startswith("HS-")]
    entered = decoded(site.snapshot.portal.procedure("stay-notification"), parts)
    application = stored(live, backend, application_id)
    assert application is not None
    assert application.answers == {k: v for k, v in entered.items()
                                   if not isinstance(v, bytes) and not k.startswith("_")}
    assert all(application.answers.get(fid) is not None for fid in before)
    assert errors == []
