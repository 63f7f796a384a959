"""The guides in a real browser: every guide (the bundled procedures, the kitchen sink, a
hostile procedure; vi and en) printed to A4 PDF by Debian's Chromium fits on at most two pages
and its text (read back with pypdf) holds the title and every always-needed document; on
screen, axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing; under the page's own CSP the
stylesheet loads, nothing is blocked, no request leaves the server and no markup runs.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pytest
from tests.web.helpers import Watch, axe

from procgen import guidance

from .conftest import Site

pytestmark = pytest.mark.browser

pypdf = pytest.importorskip("pypdf")

MAX_PAGES = 2


def _letters(text: str) -> str:
    """``text`` as a PDF's text reads back, to compare: NFKC (a ligature "ﬁ" is "fi") and no
    white space at all (a line may break after a hyphen or between ">" and "<")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_every_guide_prints_on_two_a4_pages_at_most(site: Site, chrome: Any) -> None:
    page = chrome.new_page()
    pages: dict[str, int] = {}
    missing: dict[str, list[str]] = {}
    for corpus, path in site.guides():
        page.goto(site.url(corpus, path))
        reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        pages[f"{corpus}/{path}"] = len(reader.pages)
        text = _letters("\n".join(p.extract_text() for p in reader.pages))
        lang, pid = path.split("/")[1], path.split("/")[2].removesuffix(".html")
        procedure = next(p for p in site.corpora[corpus].portal.procedures if p.id == pid)
        wanted = [procedure.title.get(lang),
                  *(d.title.get(lang) for d in guidance.checklist(procedure).always)]
        if lost := [w for w in wanted if _letters(w) not in text]:
            missing[f"{corpus}/{path}"] = lost
    page.close()
    assert len(pages) >= 2 * 25 + 4
    assert {k: n for k, n in pages.items() if n > MAX_PAGES} == {}
    assert missing == {}


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing_on_any_guide(site: Site, chrome: Any, width: int) -> None:
    """Every guide at 1280 px; at 360 px the kitchen sink's and the hostile procedure's (the
    layout test below checks every guide at that width)."""
    # the guides allow no script at all: axe is let in by bypassing the CSP (the next test
    # loads them under it)
    context = chrome.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for corpus, path in site.guides():
        if width < 1000 and corpus == "bundled":
            continue
        page.goto(site.url(corpus, path))
        if found := axe(page, site.base):
            failures[f"{corpus}/{path}"] = found
    # the harness can fail: a page without its language is reported
    page.evaluate("() => document.documentElement.removeAttribute('lang')")
    assert any(v.startswith("html-has-lang:") for v in axe(page, site.base))
    context.close()
    assert failures == {}


def test_under_its_own_csp_nothing_is_blocked_or_run(site: Site, chrome: Any) -> None:
    page = chrome.new_page(viewport={"width": 360, "height": 800})
    watch = Watch(page, site.base)
    for corpus, path in site.guides():
        page.goto(site.url(corpus, path))
        style = page.evaluate(
            "() => { const li = document.querySelector('.pg-check li');"
            " return [getComputedStyle(document.body).fontSize,"
            " li ? getComputedStyle(li, '::before').borderTopStyle : 'solid',"
            " document.documentElement.scrollWidth <= window.innerWidth]; }")
        assert style == ["14.6667px", "solid", True], (corpus, path, style)  # 11pt, tick box
    page.close()
    assert watch.errors == []
    assert watch.outside == []
    assert watch.dialogs == []
