"""REQ openapi/descriptions (issue 14): procedure text in a description is shown, never rendered.

Every ``description`` procgen writes is CommonMark. Text from the procedure, run through
``md()``, must render in real renderers to exactly its own text (whitespace aside) with no
element but paragraphs: no link, image, emphasis, code, heading, list, quote, table, rule or
line break, not even from a bare ``https://…``, ``www.…``, ``example.vn`` or an e-mail address.
The renderers: markdown-it-py with ``linkify`` (fuzzy links on) and, under node, marked (what
Redoc uses, GFM) and remarkable's commonmark preset with tables (what Swagger UI uses for
OpenAPI 3). Inputs: a corpus of attacks and hypothesis strings built from Markdown's pieces.
Then a whole hostile procedure is built and every description in its spec, translations and
``portal.yaml`` included, is rendered and checked.
"""

from __future__ import annotations

import html.parser
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import NODE_MODULES, NodeProcess, node_process, require_tool
from tests.openapi.conftest import build
from tests.web.projects import project

from procgen.targets.openapi.procedure import code, md

ATTACKS = [
    "[Pay here](https://phish.example/pay)", "![](https://tracker.example/t.png)",
    "[js](javascript:alert(1))", "**urgent** and __now__ and *this* and _that_",
    "Pay at https://evil.example/pay or www.evil.example or evil.vn today",
    "Write to hotro@dichvucong.gov.vn", "a@b.1com", "www.1.com", "http://127.0.0.1/x",
    "# Heading", "## Heading ##", "1. first\n2. second", "3) third", "- item\n+ item\n* item",
    "> quoted", "    indented code", "\tcode", "```\nfenced\n```", "~~~\nfenced\n~~~",
    "line with hard break  \nnext", "line with backslash\\\nnext", "title\n===", "title\n---",
    "***", "___", "- - -", "a | b\n--- | ---\nc | d", "~~struck~~ ~one~", "`code` ``more``",
    "<b>bold</b> <script>alert(1)</script> <!-- c -->", "<https://auto.example>",
    "<a@b.vn>", "&copy; &#169; &#xA9; &amp;", "[ref]: https://ref.example\n[ref]",
    "[^note]\n\n[^note]: text", "\\*not\\* escaped twice", "snake_case __init__ a_b_",
    "image/*, application/*", "Phí 1.000.000 đồng, theo Nghị định 123/2015/NĐ-CP.",
    "TP.HCM, v.v. và e.g.", "Tra cứu tại dichvucong.gov.vn hoặc https://dichvucong.gov.vn.",
    "ftp://files.example/x", "mailto:a@b.vn", "<img src=x onerror=alert(1)>", "x <!DOCTYPE y>",
]
MARKDOWN = [
    "https://", "http://", "www.", "evil.com", ".vn", "@", "[", "]", "(", ")", "![", "](", "*",
    "**", "_", "__", "`", "```", "~", "~~", "|", "#", "# ", "-", "- ", "+ ", "1. ", "2) ", ">",
    "<", "<a href='x'>", "&", "&amp;", "&#x41;", "\\", "\n", "\n\n", "  \n", "    ", "\t", "=",
    "===", "---", ":", "//", "javascript:", "mailto:", "Nộp hồ sơ", "đồng", "snake_case",
    "1.000.000", " ", "x", "!", "{", "}", "^", "$", '"', "'", "%", "…", "\u00a0", "ư.", "a.b",
]
CHARS = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"))
HOSTILE = st.lists(st.sampled_from(MARKDOWN) | st.text(CHARS, max_size=3), max_size=25).map(
    "".join)
_BLANKS = re.compile(r"[ \t\r\n]+")


def flat(text: str) -> str:
    """Text with runs of blanks made one space: what a paragraph shows (remarkable also
    writes a no-break space as a space)."""
    return _BLANKS.sub(" ", text.replace("\u00a0", " ")).strip()


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)
        self._in_code = self._in_code or tag == "code"

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self._in_code = False

    def handle_data(self, data: str) -> None:
        (self.code if self._in_code else self.text).append(data)
        if self._in_code:
            self.text.append(data)


def parse(rendered: str) -> _Html:
    p = _Html()
    p.feed(rendered)
    p.close()
    return p


def assert_literal(original: str, rendered: str, renderer: str) -> None:
    p = parse(rendered)
    assert set(p.tags) <= {"p"}, (renderer, original, rendered)
    assert flat("".join(p.text)) == flat(original), (renderer, original, rendered)


def markdown_it() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"linkify": True, "html": True})


@pytest.fixture(scope="module")
def renderers() -> Iterator[NodeProcess]:
    require_tool((NODE_MODULES / "marked").is_dir() and (NODE_MODULES / "remarkable").is_dir(),
                 "marked and remarkable in tests/js/node_modules (cd tests/js && npm ci)")
    yield from node_process(Path(__file__).with_name("markdown_render.js"))


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_render_literally_in_markdown_it(text: str) -> None:
    assert_literal(text, markdown_it().render(md(text)), "markdown-it")


@settings(max_examples=400, deadline=None)
@given(HOSTILE)
def test_any_text_renders_literally_in_markdown_it(text: str) -> None:
    assert_literal(text, markdown_it().render(md(text)), "markdown-it")


def test_attacks_and_hostile_strings_render_literally_in_marked_and_remarkable(
    renderers: NodeProcess,
) -> None:
    rng = random.Random(14)
    texts = [*ATTACKS, *("".join(rng.choices(MARKDOWN, k=rng.randint(1, 25))) for _ in range(500))]
    reply = renderers.ask({"texts": [md(t) for t in texts]})
    for name in ("marked", "remarkable"):
        for text, rendered in zip(texts, reply[name], strict=True):
            assert_literal(text, rendered, name)


def test_ordinary_text_stays_readable() -> None:
    plain = ("Nộp hồ sơ tại Ủy ban nhân dân cấp xã (phường, thị trấn); lệ phí 1.000.000 đồng. "
             "Kết quả: 05 ngày làm việc, theo Nghị định số 123/2015/NĐ-CP!")
    assert md(plain) == plain


@pytest.mark.parametrize("source", ['name == "a`b"', "x", "`", "``a``", 'a\n  == "b"'])
def test_an_expression_is_one_code_span(source: str) -> None:
    p = parse(markdown_it().render(f"Asked only when {code(source)}."))
    assert p.tags == ["p", "code"]
    assert p.code == [" ".join(source.split())]


# -- a whole procedure: every description of its spec --------------------------------------

M = ("**b** [l](https://x.example) ![i](https://t.example/i.png) www.w.example e@mail.vn `c` "
     "<i>h</i>")


def _t(word: str) -> str:
    return f'{{vi: "{word} vi {M}", en: "{word} en {M}"}}'


HOSTILE_PROCEDURE = f"""\
procgen: 1
id: markdown
revision: 1
title: {_t("Title")}
summary: {_t("Summary")}
agency: {_t("Agency")}
channels:
  online: {{processing_time: {{working_days: 1}}}}
fields:
  - id: name
    type: text
    label: {_t("Name")}
    hint: {_t("Hint")}
    required: true
    constraint: len(name) > 2 or name == "`**x**`"
    constraint_message: {_t("Too short")}
  - id: kind
    type: choice
    label: {_t("Kind")}
    hint: "# Heading\\n1. list\\n> quote\\n    code"
    when: answered(name)
    options:
      - {{value: a, label: {_t("Option A")}}}
      - {{value: b, label: {_t("Option B")}}}
  - id: items
    type: group
    label: {_t("Items")}
    repeat: {{min: 1, max: 3}}
    fields:
      - {{id: item_name, type: text, label: {_t("Item")}, hint: {_t("Item hint")}, required: true}}
documents:
  - id: paper
    title: {_t("Paper")}
    hint: {_t("Paper hint")}
    originals: 1
    accept: [application/pdf, image/*]
    max_size_mb: 1
    when: kind == "a"
fees:
  - id: fee
    label: {_t("Fee")}
    amount: 1000
steps:
  - id: first
    actor: applicant
    title: {_t("Step")}
    fields: [name, kind, items]
    documents: [paper]
"""


EXPRESSIONS = ('len(name) > 2 or name == "`**x**`"', "answered(name)", 'kind == "a"')


def descriptions(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every (path, description) in a spec, ``x-procgen-i18n`` translations included
    (examples are data, not descriptions, and are skipped)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("example", "examples"):
                continue
            if key == "description" and isinstance(value, str):
                yield f"{where}/{key}", value
            else:
                yield from descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from descriptions(value, f"{where}/{i}")


def test_every_description_of_a_hostile_procedure_renders_literally(tmp_path: Path) -> None:
    built = build(project(tmp_path, {"markdown": HOSTILE_PROCEDURE}))
    render = markdown_it()
    seen = 0
    for name in ("openapi/markdown.yaml", "openapi/portal.yaml"):
        for where, text in descriptions(built.spec(name)):
            p = parse(render.render(text))
            assert set(p.tags) <= {"p", "code"}, (name, where, text)
            shown = flat("".join(p.text))
            # Code spans are procgen's own: its words, or an expression; never the text's.
            assert all(c in EXPRESSIONS or not re.search(r"\*\*b|x\.example|<i>| vi | en ", c)
                       for c in p.code), (where, p.code)
            if M.split()[0] in text or "\\*\\*b" in text:
                assert flat(M) in shown, (name, where, shown)
                seen += 1
    assert seen >= 12  # titles, hints, messages and their translations were all found
