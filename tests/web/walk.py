"""A citizen's walk through a generated form: fill, continue, read errors, submit (intercepted).

Fills what a step asks with plausible answers unless told otherwise, the way a tester would,
and reads the intercepted multipart request with the API's own decoder.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from procgen.model.ir import Procedure
from procgen.targets.openapi.multipart import Part, decode_application, parse_multipart

CURRENT = "section.pg-page:not([hidden])"
PATTERN_SAMPLES = {
    "^[0-9]{10}$": "0123456789", "^[0-9]{10}([0-9]{3})?$": "0123456789",
    "^[0-9]{12}$": "001090012345", "^[0-9]{6,20}$": "12345678", "^[0-9]{9}$": "123456789",
    "^[A-Z]{2}[0-9A-Z]{8,14}$": "AB12345678", "^[A-Z]{2}[0-9]{4}$": "AB1234",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def day(offset: int) -> str:
    """Today plus ``offset`` days, as the browser sees it (both run on this machine)."""
    return (dt.date.today() + dt.timedelta(days=offset)).isoformat()


def sample(rule: dict[str, Any]) -> str:
    kind = rule["kind"]
    if "pattern" in rule:
        return PATTERN_SAMPLES[rule["pattern"]]
    if kind in ("integer", "money", "number"):
        low = rule.get("min", 0)
        return str(max(low, 100000) if kind == "money" else max(low, 1))
    if kind == "date":
        return rule.get("min", "1990-01-15") if rule.get("min", "") > "1990-01-15" else "1990-01-15"
    return {"textarea": "Số 1 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
            "address": "Số 1 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
            "email": "an.nguyen@example.vn", "phone": "0912 345 678",
            "national_id": "001090012345"}.get(kind, "Nguyễn Văn An")


@dataclass
class Walker:
    page: Any
    rules: dict[str, Any] = field(default_factory=dict)
    sent: list[tuple[str, bytes]] = field(default_factory=list)
    replies: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """Responses to give before the default ``201`` (e.g. a ``422`` problem)."""
    submitted: list[Part] = field(default_factory=list)
    """The parts of the last application sent."""

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("() => document.documentElement.classList.contains('pg-js')")
        self.rules = self.page.evaluate(
            "() => JSON.parse(document.getElementById('procgen-rules').textContent)")
        self.page.route("**/procedures/*/applications", self._intercept)

    def _intercept(self, route: Any, request: Any) -> None:
        self.sent.append((request.headers["content-type"], request.post_data_buffer))
        status, body = (self.replies.pop(0) if self.replies
                        else (201, {"application_id": "HS-2026-000123",
                                    "status": "received"}))
        ctype = "application/problem+json" if status >= 400 else "application/json"
        route.fulfill(status=status, content_type=ctype, body=json.dumps(body))

    # -- where am I --------------------------------------------------------------------------

    def current(self) -> str:
        return self.page.locator(CURRENT).first.get_attribute("id") or ""

    def focused(self) -> str:
        return self.page.evaluate("() => document.activeElement && document.activeElement.id")

    def errors(self) -> list[str]:
        if not self.page.locator("#pg-error-summary").is_visible():
            return []
        return self.page.locator("#pg-error-list li").all_inner_texts()

    def shown(self, dom_id: str) -> bool:
        return self.page.locator(f"#{dom_id}-field").is_visible()

    # -- acting ------------------------------------------------------------------------------

    def start(self) -> None:
        self.page.click("[data-action=start]")

    def proceed(self) -> None:
        self.page.click(f"{CURRENT} [data-action=continue]")

    def set(self, dom_id: str, rule: dict[str, Any], value: Any = None) -> None:
        """Answer one question; ``None`` means "something plausible if still empty"."""
        page, kind = self.page, rule["kind"]
        if not self.shown(dom_id):
            return
        if kind == "boolean":
            if value is not None:
                page.set_checked(f"#{dom_id}", bool(value))
            return
        if kind == "choice":
            select = page.locator(f"select#{dom_id}")
            if select.count():
                if value is not None:
                    select.select_option(str(value))
                elif select.input_value() == "":
                    select.select_option(index=1)
            elif value is not None:
                page.check(f"#{dom_id}-field input[value='{value}']")
            elif not page.locator(f"#{dom_id}-field input:checked").count():
                page.check(f"#{dom_id}-1")
            return
        if kind == "multichoice":
            boxes = page.locator(f"#{dom_id}-field input[type=checkbox]")
            if value is not None:
                for i in range(boxes.count()):
                    box = boxes.nth(i)
                    box.set_checked(box.get_attribute("value") in value)
            elif not page.locator(f"#{dom_id}-field input:checked").count():
                for i in range(max(rule.get("min_length", 1), 1)):
                    boxes.nth(i).check()
            return
        box = page.locator(f"#{dom_id}")
        if value is not None:
            box.fill(str(value))
        elif not box.input_value():
            box.fill(sample(rule))

    def upload(self, doc: str, size: int = 0, name: str = "scan.pdf") -> None:
        accept = self.rules["documents"][doc]["accept"]
        mime = "application/pdf" if not accept or "application/pdf" in accept else accept[0]
        data = PDF + b"0" * max(size - len(PDF), 0)
        self.page.set_input_files(f"#d-{doc}", files=[{"name": name, "mimeType": mime,
                                                        "buffer": data}])

    def fill(self, **values: Any) -> None:
        """Answer everything the current step shows (``values`` by field id win)."""
        step_id = self.current().removeprefix("step-")
        step = next(s for s in self.rules["steps"] if s["id"] == step_id)
        for fid in step["fields"]:
            rule = self.rules["fields"][fid]
            if rule["kind"] != "group":
                self.set(f"f-{fid}", rule, values.get(fid))
                continue
            if not self.shown(f"f-{fid}"):
                continue
            entries = self.page.locator(f"#f-{fid}-entries > [data-entry]")
            while entries.count() < max(rule["repeat"]["min"], 1):
                self.page.click(f"#f-{fid}-field [data-action=add]")
            for i in range(entries.count()):
                for cid in rule["order"]:
                    self.set(f"f-{fid}-{i}-{cid}", rule["fields"][cid], values.get(cid))
        for doc in step["documents"]:
            if self.page.locator(f"#d-{doc}-field").is_visible() and not self.page.evaluate(
                    f"() => document.getElementById('d-{doc}').files.length"):
                self.upload(doc)

    def to_check(self, limit: int = 20, **values: Any) -> None:
        """Fill and continue until the check-your-answers page shows."""
        for _ in range(limit):
            if self.current() == "pg-check":
                return
            self.fill(**values)
            self.proceed()
            assert self.errors() == [], (self.current(), self.errors())
        raise AssertionError("never reached the check page")

    def submit(self) -> list[Part]:
        """Send the application; the request's parts, as the API's decoder reads them."""
        self.page.click("#pg-submit")
        self.page.locator("#pg-sent").wait_for(state="visible")
        content_type, body = self.sent[-1]
        assert content_type.startswith("multipart/form-data; boundary=")
        self.submitted = parse_multipart(body, content_type)
        return self.submitted


def decoded(procedure: Procedure, parts: list[Part]) -> dict[str, Any]:
    """The application the parts encode, read by the one decoder of the documented encoding
    (:mod:`procgen.targets.openapi.multipart`, what a backend and the generated-client tests
    use): the answers as the API's ``<Id>Answers`` takes them, and each document's bytes."""
    groups = {f.id for f in procedure.asked_fields if f.kind == "group"}
    for p in parts:  # a group is one application/json part per entry, each a JSON object
        if p.name in groups:
            assert p.content_type == "application/json", p
            assert isinstance(json.loads(p.data), dict), p
    submission = decode_application(procedure, parts)
    return {**submission.answers, **{k: v.data for k, v in submission.files.items()}}
