"""The score report in a real browser (Debian's Chromium under Playwright): axe-core (WCAG
2.0/2.1/2.2 A and AA) finds nothing at 360 and 1280 px; at 360 px no page scrolls sideways
(a wide table scrolls inside its own region, which a keyboard can reach) and each chart fits
the column; under the page's own CSP the stylesheet loads, nothing is blocked, no request
leaves the server and no markup runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.helpers import Watch, axe

from .conftest import Site

pytestmark = pytest.mark.browser


def _pages(site: Site, every: bool) -> list[tuple[str, str]]:
    """``(corpus, path)``: the kitchen sink's pages and the bundled national pages, with
    ``every`` each bundled locality's too (else two of them: the layout is the same)."""
    out = []
    for name, built in site.corpora.items():
        for path in built.pages():
            if name == "bundled" and not every and not path.endswith(
                    ("/index.html", "/ha-noi.html", "/ho-chi-minh.html")):
                continue
            out.append((name, path))
    return out


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing(site: Site, chrome: Any, width: int) -> None:
    # the pages allow no script at all: axe is let in by bypassing the CSP (the last test
    # loads them under it)
    context = chrome.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for corpus, path in _pages(site, every=False):
        page.goto(site.url(corpus, path))
        if found := axe(page, site.base):
            failures[f"{corpus}/{path}"] = found
    # the harness can fail: a page without its language is reported
    page.evaluate("() => document.documentElement.removeAttribute('lang')")
    assert any(v.startswith("html-has-lang:") for v in axe(page, site.base))
    context.close()
    assert failures == {}


LAYOUT = """() => {
  const page = document.documentElement.scrollWidth <= window.innerWidth;
  const charts = [...document.querySelectorAll('svg')].map(
    s => s.getBoundingClientRect().right <= window.innerWidth);
  const regions = [...document.querySelectorAll('.pg-scroll')].map(
    r => [r.getAttribute('tabindex'), !!document.getElementById(r.getAttribute('aria-labelledby')),
          r.getBoundingClientRect().right <= window.innerWidth]);
  const wide = [...document.querySelectorAll('.pg-scroll')].some(
    r => r.scrollWidth > r.clientWidth);
  return {page, charts, regions, wide, css: getComputedStyle(document.body).maxWidth};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways(site: Site, chrome: Any, width: int) -> None:
    page = chrome.new_page(viewport={"width": width, "height": 800})
    watch = Watch(page, site.base)
    wide_somewhere = False
    for corpus, path in _pages(site, every=width < 1000):
        page.goto(site.url(corpus, path))
        got = page.evaluate(LAYOUT)
        assert got["page"], (corpus, path, width)
        assert got["charts"] and all(got["charts"]), (corpus, path)
        assert all(r == ["0", True, True] for r in got["regions"]), (corpus, path, got)
        assert got["css"] == "1152px"  # 72rem: the stylesheet loaded under the CSP
        wide_somewhere |= got["wide"]
    page.close()
    assert wide_somewhere == (width < 1000)  # the indicator table scrolls in its region
    assert watch.errors == []
    assert watch.outside == []
    assert watch.dialogs == []


def test_the_skip_link_is_the_first_stop_and_shows(site: Site, chrome: Any) -> None:
    page = chrome.new_page(viewport={"width": 360, "height": 800})
    page.goto(site.url("bundled", "score/vi/index.html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className,"
                            " document.activeElement.getBoundingClientRect().left >= 0]")
    assert focused == ["pg-skip", True]
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    page.close()
