"""REQ web/runtime (issue 14): ids and option values that name ``Object.prototype`` members.

A field id is snake_case and a document or fee id a slug, so of Object.prototype's members
the schema lets ``constructor`` through (the test works that out from the schema and node);
an option value is any text, so every member is one (``__proto__``, ``toString``,
``hasOwnProperty``…). Runtime maps must not inherit:

- under node, ``procgen-expr.js`` reads every such name as an answer (or its absence) in
  ``answers`` and ``row`` and ``sum``, and JSON Logic with procgen's operations registered
  resolves ``var`` the same way (json-logic-js's own ``var`` finds ``Object.prototype``'s);
- in Chromium, a form whose field, group child, document and fee are all ``constructor`` and
  whose options are all of Object.prototype's names is walked: hidden questions stay hidden,
  conditions on each value show and hide what they should, the check page and fee work, the
  request carries the answers, and the page logs no error.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NODE_MODULES, RUNTIME, require_tool
from tests.web.helpers import Watch, build, serve, write
from tests.web.projects import project
from tests.web.walk import Walker, decoded

from procgen.model.ir import Procedure

ROOT = Path(__file__).resolve().parents[2]


def node(script: str) -> Any:
    exe = shutil.which("node")
    require_tool(exe is not None and (NODE_MODULES / "json-logic-js").is_dir(),
                 "node with tests/js/node_modules (cd tests/js && npm ci)")
    assert exe is not None
    out = subprocess.run([exe, "-e", script], capture_output=True, text=True, check=True,
                         timeout=60, cwd=ROOT)
    return json.loads(out.stdout)


NAMES = ["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty",
         "__lookupGetter__", "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable",
         "toString", "valueOf", "__proto__", "toLocaleString"]
"""Object.prototype's own names (V8's; the first test checks the list against node)."""


def schema_pattern(name: str) -> re.Pattern[str]:
    defs = json.loads((ROOT / "schemas" / "block.schema.json").read_text("utf-8"))["$defs"]
    return re.compile(defs[name]["pattern"])


def test_the_schema_lets_constructor_through_as_an_id() -> None:
    found = node("console.log(JSON.stringify(Object.getOwnPropertyNames(Object.prototype)))")
    assert sorted(found) == sorted(NAMES)
    for kind in ("field_id", "slug"):
        assert [n for n in NAMES if schema_pattern(kind).search(n)] == ["constructor"], kind


RUNTIME_CHECK = """
const path = require("path");
const jsonLogic = require(path.join(%(nm)s, "json-logic-js"));
require(path.join(%(rt)s, "jsonlogic-ops.js")).register(jsonLogic);
const E = require(path.join(%(rt)s, "procgen-expr.js"));
const names = %(names)s, out = [];
const today = "2026-01-01";
for (const n of names) {
  const own = JSON.parse('{' + JSON.stringify(n) + ': 5}');
  const rows = [own, {}, JSON.parse('{' + JSON.stringify(n) + ': 2}')];
  out.push([n,
    E.evaluate(["var", n], {}, today, null),
    E.evaluate(["var", n], own, today, null),
    E.evaluate(["row", n], {}, today, {}),
    E.evaluate(["row", n], {}, today, own),
    E.evaluate(["answered", ["var", n]], {}, today, null),
    E.evaluate(["sum", ["var", "g"], n], {g: rows}, today, null),
    E.evaluate(["sum", ["var", "g"], n], {g: [{}, {}]}, today, null),
    jsonLogic.apply({"var": "answers." + n}, {answers: {}}),
    jsonLogic.apply({"var": "answers." + n}, {answers: own}),
    jsonLogic.apply({"!=": [{"var": "row." + n}, null]}, {row: {}}),
    jsonLogic.apply({"var": ["answers." + n, 7]}, {answers: {}})]);
}
console.log(JSON.stringify(out));
"""


def test_the_runtimes_read_no_inherited_member() -> None:
    script = RUNTIME_CHECK % {"nm": json.dumps(str(NODE_MODULES)), "rt": json.dumps(str(RUNTIME)),
                              "names": json.dumps(NAMES)}
    for row in node(script):
        assert row[1:] == [None, 5, None, 5, False, 7, 0, None, 5, False, 7], row


# -- the form in Chromium -----------------------------------------------------------------

def _options() -> str:
    return "".join(f"      - {{value: {json.dumps(n)}, label: {{vi: {json.dumps('Chọn ' + n)}, "
                   f"en: {json.dumps('Pick ' + n)}}}}}\n" for n in NAMES)


PROTO = f"""\
procgen: 1
id: proto
revision: 1
title: {{vi: Thủ tục, en: Procedure}}
channels:
  online: {{processing_time: {{working_days: 1}}}}
fields:
  - id: constructor
    type: choice
    label: {{vi: Loại, en: Kind}}
    required: true
    options:
{_options()}  - id: detail
    type: text
    label: {{vi: Chi tiết, en: Detail}}
    when: constructor == "__proto__"
    required: true
  - id: unless_value
    type: text
    label: {{vi: Ghi chú, en: Note}}
    when: answered(constructor) and constructor != "valueOf"
  - id: picks
    type: multichoice
    label: {{vi: Chọn nhiều, en: Picks}}
    options:
{_options()}  - id: items
    type: group
    label: {{vi: Mục, en: Items}}
    repeat: {{min: 1, max: 2}}
    fields:
      - {{id: constructor, type: text, label: {{vi: Tên, en: Name}}, required: true}}
      - id: hidden_child
        type: text
        label: {{vi: Ẩn, en: Hidden}}
        when: constructor == "show"
        required: true
documents:
  - id: constructor
    title: {{vi: Giấy, en: Paper}}
    originals: 1
    accept: [application/pdf]
    when: constructor == "toString"
fees:
  - id: constructor
    label: {{vi: Phí, en: Fee}}
    amount: 1000
    when: constructor == "hasOwnProperty"
steps:
  - id: first
    actor: applicant
    title: {{vi: Bước một, en: Step one}}
    fields: [constructor, detail, unless_value, picks]
    documents: [constructor]
  - id: second
    actor: applicant
    title: {{vi: Bước hai, en: Step two}}
    fields: [items]
"""


@pytest.fixture(scope="module")
def proto_site(tmp_path_factory: pytest.TempPathFactory,
               chrome: Any) -> Iterator[tuple[str, Any, Procedure]]:
    """The form served, the session's Chromium (one playwright at a time), the procedure."""
    root = project(tmp_path_factory.mktemp("proto"), {"proto": PROTO})
    portal, files, _ = build(root)
    folder = write(files, tmp_path_factory.mktemp("proto-site"))
    procedure = portal.procedure("proto")
    assert procedure is not None
    with serve(folder) as base:
        yield base, chrome, procedure


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_form_of_prototype_names_walks_through(proto_site: tuple[str, Any, Procedure],
                                                lang: str) -> None:
    base, chrome, procedure = proto_site
    context = chrome.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, base)
    w = Walker(page)
    try:
        w.open(f"{base}/web/{lang}/proto.html")
        # Read the rules in Python: the browser-to-Python bridge drops keys like "__proto__".
        w.rules = json.loads(page.locator("#procgen-rules").text_content() or "")
        kind = w.rules["fields"]["constructor"]
        assert sorted(kind["options"]) == sorted(NAMES)
        w.start()
        assert w.current() == "step-first"
        assert not w.shown("f-detail") and not w.shown("f-unless_value")
        assert not page.locator("#d-constructor-field").is_visible()
        w.proceed()
        assert len(w.errors()) == 1  # only the kind: hidden questions are not asked
        for name in NAMES:  # each value shows and hides exactly what its condition says
            w.set("f-constructor", kind, name)
            assert w.shown("f-detail") == (name == "__proto__"), name
            assert w.shown("f-unless_value") == (name != "valueOf"), name
            assert page.locator("#d-constructor-field").is_visible() == (name == "toString")
        w.set("f-picks", w.rules["fields"]["picks"], NAMES)
        w.set("f-constructor", kind, "hasOwnProperty")
        w.proceed()
        assert w.errors() == [] and w.current() == "step-second"
        page.fill("#f-items-0-constructor", "show")
        assert w.shown("f-items-0-hidden_child")
        w.proceed()
        assert len(w.errors()) == 1  # the child shown by the entry's own "constructor"
        page.fill("#f-items-0-hidden_child", "x")
        w.proceed()
        assert w.current() == "pg-check"
        summary = page.inner_text("#pg-summary")
        word = "Pick " if lang == "en" else "Chọn "
        assert all(word + n in summary for n in NAMES), summary
        assert page.locator("[data-fee=constructor]").is_visible()
        assert "1" in page.inner_text("#pg-fee-total")
        data = decoded(procedure, w.submit())
        assert data["constructor"] == "hasOwnProperty"
        assert sorted(data["picks"]) == sorted(NAMES)
        assert data["items"] == [{"constructor": "show", "hidden_child": "x"}]
        assert "detail" not in data
    finally:
        context.close()
    assert watch.errors == [] and watch.dialogs == []
