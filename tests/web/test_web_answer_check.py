"""Issue 15 in a real browser: the form shows the model's verdict on typed boundary answers.

A sample of what ``tests/differential/test_web_runtime.py`` checks under node, typed into the
generated kitchen-sink page in Chromium: a phone number with dashes or spaces is accepted; an
ID number with a bad province code, a too-short text, a pattern miss and numbers beyond their
bounds are refused, each with the text of the first problem's key of
:func:`procgen.model.answer.problems` (or nothing, when it has none).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.web.helpers import Watch
from tests.web.walk import Walker

from procgen.model.answer import problems
from procgen.model.ir import Field

pytestmark = pytest.mark.browser

YOU = {"person_phone": "0912-345-678", "person_national_id": "097099012345",
       "person_email": "an@example"}
YOU_AGAIN = {"person_phone": "+84 912 345 678", "person_national_id": "001099012345",
             "person_email": "an.nguyen@example.vn"}
REQUEST = {"purpose": "quá ngắn", "reference_code": "ab1234", "copies": "11", "area": "0.4"}
REQUEST_AGAIN = {"purpose": "Đi du lịch nước ngoài", "reference_code": "AB1234",
                 "copies": "10", "area": "0.5"}


def _fields(site: Any) -> dict[str, Field]:
    p = next(p for p in site.portals["kitchen"].procedures if p.id == "kitchen-sink")
    return {g.id: g for f in p.fields for g in f.walk()}


def _answer(f: Field, typed: str) -> Any:
    """The answer the page reads from what was typed: trimmed, numbers parsed, and (as the
    form has always done) spaces and dots dropped from a phone or ID number."""
    text = typed.strip()
    if f.kind in ("phone", "national_id"):
        return re.sub(r"[\s.]", "", text)
    if f.kind in ("integer", "money"):
        return int(text)
    if f.kind == "number":
        return float(text)
    return text


def _expected(rule: dict[str, Any], messages: dict[str, str], f: Field, typed: str) -> str:
    """The reference's first problem, worded as the page words it ("" when there is none)."""
    found = problems(f, _answer(f, typed))
    if not found:
        return ""
    first = found[0]
    wording = rule.get("messages", {}).get(first.key, messages[first.key])
    params = {"label": rule["label"], **first.param}
    return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m[1], m[0])), wording)


def _type_and_compare(w: Walker, fields: dict[str, Field], typed: dict[str, str]) -> None:
    for fid, value in typed.items():
        w.page.fill(f"#f-{fid}", value)
    w.proceed()
    for fid, value in typed.items():
        rule = w.rules["fields"][fid]
        shown = w.page.locator(f"#f-{fid}-error")
        seen = shown.inner_text().strip() if shown.is_visible() else ""
        assert seen == _expected(rule, w.rules["messages"], fields[fid], value), (fid, value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_typed_boundary_answers_get_the_models_message(site, chrome, lang: str) -> None:
    context = chrome.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, site.base)
    w = Walker(page)
    fields = _fields(site)
    w.open(site.url("kitchen", lang, "kitchen-sink"))
    w.start()
    w.fill()
    _type_and_compare(w, fields, YOU)
    assert w.current() == "step-you"
    assert w.errors() and w.focused() == "pg-error-summary"
    _type_and_compare(w, fields, YOU_AGAIN)
    assert w.current() == "step-request", w.errors()
    w.fill()
    _type_and_compare(w, fields, REQUEST)
    assert w.current() == "step-request"
    _type_and_compare(w, fields, REQUEST_AGAIN)
    assert w.current() != "step-request", w.errors()
    context.close()
    assert watch.errors == [] and watch.dialogs == []
