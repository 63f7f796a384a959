"""Issue 15, "a cross-target text test": for every bundled procedure and the kitchen sink, in
every language, the web page and the mobile screens carry the same declaration, the same
submit button and the same messages (required, format, bounds, lengths, entries, files) for
the same fields and documents.

Both targets are built by ``procgen build --out <tmp>`` and read from their own output only:
the web page's ``pg-declaration`` paragraphs, ``#pg-submit`` button and the runtime's rules
(``<script id="procgen-rules">``: each field's and document's ``messages``, which the form
shows); the app's ``submit.declaration`` component, its ``ui.submit`` and each component's
``messages``. The two key their texts differently (the runtime by answer problem, ``err_…``;
the app by check, ``required``…), so the texts themselves are compared: every text the app
can show for a question is one the form shows for it, and the required one is the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = {"procedures": ROOT / "procedures",
            "kitchen-sink": ROOT / "tests" / "fixtures" / "kitchen-sink"}


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(request.param) / "out"
    subprocess.run(
        [str(Path(sys.executable).with_name("procgen")), "--procedures",
         str(PROJECTS[request.param]), "build", "--out", str(out),
         "--target", "web", "--target", "mobile"],
        check=True, capture_output=True, text=True, cwd=ROOT)
    return out


class WebTexts(HTMLParser):
    """The texts of one page this test compares."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.declarations: list[str] = []
        self.submit: str | None = None
        self.rules: dict[str, Any] = {}
        self._into: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "p" and a.get("class") == "pg-declaration":
            self._into, self._text = "declaration", []
        elif tag == "button" and a.get("id") == "pg-submit":
            self._into, self._text = "submit", []
        elif tag == "script" and a.get("id") == "procgen-rules":
            self._into, self._text = "rules", []

    def handle_data(self, data: str) -> None:
        if self._into:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._into and tag in ("p", "button", "script"):
            text = "".join(self._text).strip()
            if self._into == "declaration":
                self.declarations.append(text)
            elif self._into == "rules":
                self.rules = json.loads(text)
            else:
                self.submit = text
            self._into = None

    @property
    def messages(self) -> dict[str, dict[str, str]]:
        """The runtime's texts by the app's component id (``f.children.child_name``, ``d.x``)."""
        out: dict[str, dict[str, str]] = {}

        def visit(fields: dict[str, Any], prefix: str) -> None:
            for fid, rule in fields.items():
                out[f"{prefix}.{fid}"] = rule["messages"]
                visit(rule.get("fields", {}), f"{prefix}.{fid}")

        visit(self.rules.get("fields", {}), "f")
        for did, rule in self.rules.get("documents", {}).items():
            out[f"d.{did}"] = rule["messages"]
        return out


REQUIRED = ("err_required", "err_required_choice", "err_required_file", "err_min_entries")
"""The runtime's keys of "an answer is needed" (the app's ``required``)."""


def mobile_components(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(comps: list[dict[str, Any]]) -> None:
        for c in comps:
            out.append(c)
            walk(c.get("components", []))

    for screen in doc["screens"]:
        walk(screen["components"])
    return out


def pages(built: Path) -> list[tuple[str, str]]:
    return sorted((p.stem, p.parent.name) for p in (built / "web").glob("*/*.html"))


def test_every_procedure_is_compared(built: Path) -> None:
    assert pages(built), "no web page was built"
    assert {pid for pid, _ in pages(built)} == {p.stem for p in (built / "mobile").glob("*.json")}


def test_web_and_mobile_say_the_same(built: Path) -> None:
    checked = 0
    for pid, lang in pages(built):
        web = WebTexts()
        web.feed((built / "web" / lang / f"{pid}.html").read_text("utf-8"))
        doc = json.loads((built / "mobile" / f"{pid}.json").read_text("utf-8"))
        comps = mobile_components(doc)
        where = f"{pid} [{lang}]"
        declaration = [c["body"][lang] for c in comps if c["id"] == "submit.declaration"]
        if not doc["online"]:
            assert web.declarations == [] and declaration == [] and web.submit is None, where
            continue
        assert web.declarations and set(web.declarations) == set(declaration), where
        assert web.submit == doc["ui"]["submit"][lang], where
        app = {c["id"]: {k: v[lang] for k, v in c["messages"].items()}
               for c in comps if "messages" in c}
        assert web.messages, where
        for cid, messages in web.messages.items():
            assert cid in app, f"{where}: {cid} is on the page but not in the app"
            said = set(messages.values())
            missing = {k: v for k, v in app[cid].items() if v not in said}
            assert not missing, f"{where}: {cid}: the app says what the form never does: {missing}"
            required = [messages[k] for k in REQUIRED if k in messages]
            assert required and required[0] == app[cid]["required"], f"{where}: {cid}"
        checked += 1
    assert checked


def test_messages_name_the_field(built: Path) -> None:
    """No generic "answer this question": every required message names its field or document."""
    for pid, lang in pages(built):
        doc = json.loads((built / "mobile" / f"{pid}.json").read_text("utf-8"))
        for c in mobile_components(doc):
            if "messages" in c and c["type"] != "repeat_group":
                label = c["label"][lang]
                required = c["messages"]["required"][lang].casefold()
                assert label.casefold() in required, (pid, lang, c["id"], required)
