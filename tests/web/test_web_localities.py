"""Each province's fees and offices in the browser (issue 16).

A copy of the kitchen sink whose locality-set desk fee is also charged online, with two
overlays that set different amounts and list different offices: choosing either province
shows its own amount and office on the start page, the check-answers page and the
confirmation. A locality's own site shows its values resolved, and its pages are axe-clean
at 360 and 1280 px and never scroll sideways.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.helpers import KITCHEN_SINK, Watch, axe, serve, write
from tests.web.walk import Walker

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.targets import EmitContext, portal_input
from procgen.targets.web import WebTarget

pytestmark = pytest.mark.browser

PLACES = {  # locality → (option name, desk fee, office, its address)
    "test-city": ("Test City", "30,000 ₫", "Public Administration Service Centre",
                  "1 Test Street"),
    "other-town": ("Other Town", "47,000 ₫", "Other Town One-stop Desk", "9 Other Road"),
}


def _project(root: Path) -> Path:
    shutil.copytree(KITCHEN_SINK, root)
    path = root / "kitchen-sink.yaml"
    text = path.read_text("utf-8")
    head, _, rest = text.partition("  - id: desk-fee\n")
    rest = rest.replace("    channels: [in_person]\n", "    channels: [online, in_person]\n", 1)
    path.write_text(head + "  - id: desk-fee\n" + rest, "utf-8")
    city = (root / "localities" / "test-city.yaml").read_text("utf-8")
    other = (city.replace("locality: test-city", "locality: other-town")
             .replace("Thành phố Thử nghiệm", "Thị xã Khác").replace("Test City", "Other Town")
             .replace("desk-fee: 30000", "desk-fee: 47000").replace("1 Test Street", "9 Other Road")
             .replace("en: Public Administration Service Centre", "en: Other Town One-stop Desk"))
    (root / "localities" / "other-town.yaml").write_text(other, "utf-8")
    return root


def _emit(root: Path, out: Path, site: str | None = None) -> None:
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    assert not sink.has_errors(), [d.message for d in sink]
    ctx = EmitContext(portal.settings, "test", localities=portal.localities,
                      site=portal.locality(site) if site else None)
    target = WebTarget()
    files = dict(target.emit_portal(portal_input(target, portal, ctx), ctx, sink))
    for p in portal.procedures:
        files.update(target.emit_procedure(p, ctx, sink))
    write(files, out)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, chrome: Any) -> Iterator[tuple[str, Any]]:
    # the session's one browser: a second sync_playwright in the same process is refused
    from tests.conftest import CHROMIUM, NODE_MODULES, require_tool

    require_tool(CHROMIUM.exists(), "Debian chromium (/usr/bin/chromium)")
    require_tool((NODE_MODULES / "axe-core").is_dir(), "tests/js/node_modules (npm ci)")
    folder = tmp_path_factory.mktemp("local-site")
    root = _project(tmp_path_factory.mktemp("local-project") / "procedures")
    _emit(root, folder / "national")
    _emit(root, folder / "other-town", site="other-town")
    shutil.copy(NODE_MODULES / "axe-core" / "axe.min.js", folder / "axe.min.js")
    with serve(folder) as base:
        yield base, chrome


@pytest.mark.parametrize("locality", sorted(PLACES))
def test_the_chosen_province_gives_its_fee_and_office_everywhere(served, locality: str) -> None:
    base, chrome = served
    _, fee, office, address = PLACES[locality]
    context = chrome.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    watch = Watch(page, base)
    w = Walker(page)
    w.open(f"{base}/national/web/en/kitchen-sink.html")
    start = page.inner_text("#pg-start-offices")
    assert office not in start and address not in start  # before a province is known
    page.select_option("#pg-locality", locality)
    assert fee in page.inner_text("#pg-start .pg-table-wrap")
    assert office in page.inner_text("#pg-start-offices")
    assert address in page.inner_text("#pg-start-offices")
    other = next(v for k, v in PLACES.items() if k != locality)
    assert other[1] not in page.inner_text("#pg-start .pg-table-wrap")
    w.start()
    w.to_check(services=["notary"], purpose="Travel with my family", reference_code="AB1234",
               declared_value="")
    desk = page.inner_text('[data-fee="desk-fee"] .pg-amount')
    assert desk == fee
    assert office in page.inner_text("#pg-check-offices")
    assert axe(page, base) == []
    w.submit()
    sent = page.inner_text("#pg-sent-fees")
    assert fee in sent and other[1] not in sent
    assert office in page.inner_text("#pg-sent-offices")
    assert address in page.inner_text("#pg-sent-offices")
    assert axe(page, base) == []
    context.close()
    assert watch.errors == [] and watch.outside == [u for u in watch.outside
                                                    if u.endswith("/applications")]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_locality_site_is_resolved_accessible_and_never_scrolls_sideways(
        served, width: int, lang: str) -> None:
    base, chrome = served
    page = chrome.new_page(viewport={"width": width, "height": 900})
    watch = Watch(page, base)
    page.goto(f"{base}/other-town/web/{lang}/kitchen-sink.html")
    page.wait_for_function("() => document.documentElement.classList.contains('pg-js')")
    assert page.locator("#pg-locality").count() == 0  # no picker on a locality's own site
    amount = "47.000 ₫" if lang == "vi" else "47,000 ₫"
    assert amount in page.inner_text("#pg-start .pg-table-wrap")
    assert "9 Other Road" in page.inner_text("#pg-start-offices")
    assert axe(page, base) == []
    page.evaluate("() => document.querySelectorAll('.pg-page').forEach(s => {"
                  " if (s.id !== 'pg-sent') s.hidden = false; })")
    assert axe(page, base) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.close()
    assert watch.errors == [] and watch.outside == []
