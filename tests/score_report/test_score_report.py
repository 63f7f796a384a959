"""The score target (docs/targets/score.md): golden files for the kitchen sink; every number on
a page is the scorecard model's (read back from the HTML and compared with
:class:`procgen.score.Scorecard`); the words are ``procgen score``'s; one page per locality;
a locality's own site has its page only; procedure text escaped; a strict page (CSP, no
script, no inline style, one h1, tables with captions and scoped headers, each chart with a
title and its table); parts survive the build cache; deterministic bytes.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import msgspec
import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.score import Scorecard, as_of, scorecard
from procgen.score.indicators import INDICATORS
from procgen.score.report import indicator_rows, live_lines, number, percent, reasons
from procgen.targets import PARTS, EmitContext, PortalInput, ScorePart, get, names
from procgen.wording import say

from .conftest import KITCHEN_SINK, Built, build

LANGS = ("vi", "en")


class Tables(HTMLParser):
    """A page's tables by id (each row's cells as text), its h1s and its SVG charts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.h1: list[str] = []
        self.charts: list[dict[str, str]] = []
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._h1: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._table = a.get("id") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "h1":
            self._h1 = []
        elif tag == "svg":
            self.charts.append({k: v or "" for k, v in a.items()})

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "h1" and self._h1 is not None:
            self.h1.append(" ".join("".join(self._h1).split()))
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._h1 is not None:
            self._h1.append(data)

    def body(self, tid: str) -> list[list[str]]:
        """The table's rows under its header row."""
        return self.tables[tid][1:]


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def _cards(built: Built) -> dict[str, Scorecard]:
    """The scorecards the report must show: ``index`` and each locality's, by file name."""
    procs = built.portal.procedures
    on = as_of(procs)
    out = {"index": scorecard(procs, on)}
    out |= {loc.id: scorecard(procs, on, loc) for loc in built.portal.localities}
    return out


def test_registered_and_built_by_default() -> None:
    from procgen.build.pipeline import default_targets

    assert "score" in names()
    assert "score" in default_targets()
    assert PARTS["score"] is ScorePart


def test_golden_kitchen_sink(corpora: dict[str, Built], golden: Any) -> None:
    files = corpora["kitchen"].files
    assert sorted(files) == ["score/en/index.html", "score/en/test-city.html", "score/score.css",
                             "score/vi/index.html", "score/vi/test-city.html"]
    for path in sorted(files):
        if path.endswith(".html"):
            golden.check(path, files[path])


def test_a_page_per_language_and_locality(corpora: dict[str, Built]) -> None:
    built = corpora["bundled"]
    langs = built.portal.settings.languages
    assert langs[0] == "vi"
    expected = {f"score/{lang}/{name}.html" for lang in langs
                for name in ("index", *(x.id for x in built.portal.localities))}
    assert set(built.files) == expected | {"score/score.css"}
    assert len(built.portal.localities) == 34
    assert not any(b.diagnostics for b in corpora.values())


@pytest.mark.parametrize("corpus", ["kitchen", "bundled"])
def test_every_number_is_the_scorecards(corpora: dict[str, Built], corpus: str) -> None:
    """Read back from the HTML: the heading's score, each indicator's share and met of
    applies, the burden, the facts, each procedure's score and minutes, and on the national
    page each locality's score."""
    built = corpora[corpus]
    cards = _cards(built)
    for lang in LANGS:
        for name, card in cards.items():
            page = Tables(built.html(lang, name))
            assert len(page.h1) == 1
            assert page.h1[0].endswith(f": {number(card.score, lang)}/100")
            assert _num(page.h1[0].rsplit(": ", 1)[1].removesuffix("/100")) == card.score
            rows = page.body("table-indicators")
            computed = [i for i in INDICATORS if i.kind == "computed"]
            assert [r[0] for r in rows] == [say(f"score_{i.id}_name", lang) for i in computed]
            for ind, row in zip(computed, rows, strict=True):
                value = card.value(ind.id)
                met, applies = card.indicator(ind.id)
                if value is None:
                    assert row[1] == say("score_na", lang)
                    continue
                m = re.fullmatch(r"([\d,.]+) ?% \(([\d,.]+) \S+ (\d+)\)", row[1])
                assert m, row[1]
                assert _num(m[1]) == round(100 * value, 1), (ind.id, row)
                assert _num(m[2]) == round(met, 1)
                assert int(m[3]) == applies
            burden = card.burden()
            got = [_num(r[1]) for r in page.body("table-burden")]
            want = [burden[k] for k in ("typed_fields", "prefilled_fields", "uploads",
                                        "paper_originals", "paper_copies", "visits", "pages",
                                        "mean_minutes")]
            assert got == want
            facts = card.facts()
            assert [int(r[1]) for r in page.body("table-facts")] == [
                facts[k] for k in ("sourced", "weak", "inferred", "placeholder", "unsourced")]
            procs = page.body("table-procedures")
            assert len(procs) == len(card.procedures)
            for p, row in zip(card.procedures, procs, strict=True):
                assert row[0].endswith(f"({p.id})")
                assert _num(row[1]) == p.score(card.on)
                assert row[2] == say("score_no" if p.reasons else "score_yes", lang)
                assert row[3] == reasons(p, lang)
                assert _num(row[4]) == p.burden.minutes
                assert int(row[5]) == p.facts["unsourced"] + p.facts["placeholder"]
            if name == "index":
                places = page.body("table-localities")
                assert [_num(r[1]) for r in places] == [
                    cards[x.id].score for x in sorted(built.portal.localities,
                                                      key=lambda x: x.id)]
            else:
                assert "table-localities" not in page.tables


@pytest.mark.parametrize("corpus", ["kitchen", "bundled"])
def test_says_what_procgen_score_prints(corpora: dict[str, Built], corpus: str) -> None:
    built = corpora[corpus]
    for lang in LANGS:
        for name, card in _cards(built).items():
            text = html_lib.unescape(built.html(lang, name))
            said = [*(v for row in indicator_rows(card, lang) for v in row), *live_lines(lang),
                    *(say(f"score_{i.id}_definition", lang) for i in INDICATORS),
                    *(say(f"score_{i.id}_formula", lang) for i in INDICATORS
                      if i.kind == "computed")]
            said += [p.title.get(lang) for p in built.portal.procedures]
            assert [s for s in said if s not in text] == []


def test_charts_have_a_title_and_their_table(corpora: dict[str, Built]) -> None:
    built = corpora["bundled"]
    for path in built.pages():
        text = built.files[path].decode()
        page = Tables(text)
        assert len(page.charts) == 2
        for svg in page.charts:
            assert svg["role"] == "img"
            assert svg["aria-describedby"] in page.tables
            assert f'<title id="{svg["aria-labelledby"]}">' in text
        bars = re.findall(r'class="pg-bar-value"[^>]*>([^<]*)<', text)
        card_rows = page.body("table-indicators")
        assert bars[: len(card_rows)] == [r[1].split(" (")[0] for r in card_rows]
        assert bars[len(card_rows):] == [r[1] for r in page.body("table-procedures")]


def test_a_strict_accessible_page(corpora: dict[str, Built]) -> None:
    for built in corpora.values():
        for path in built.pages():
            text = built.files[path].decode()
            lang = path.split("/")[1]
            assert text.startswith("<!DOCTYPE html>\n")
            assert f'<html lang="{lang}">' in text
            assert "Content-Security-Policy" in text and "default-src &#39;none&#39;" in text
            assert "<script" not in text.lower()
            assert " style=" not in text and "<style" not in text
            assert text.count("<h1>") == 1
            assert '<a class="pg-skip" href="#main">' in text and '<main id="main"' in text
            assert "<nav " in text and "<header" in text and "<footer" in text
            assert text.count("<table") == text.count("<caption") == text.count(
                'role="region"')
            assert text.count('tabindex="0"') == text.count('role="region"')
            assert '<th scope="col">' in text and "<th>" not in text


def test_procedure_text_is_escaped(corpora: dict[str, Built]) -> None:
    built = corpora["kitchen"]
    title = built.portal.procedures[0].title.get("en")
    assert "<script>" in title
    for path in built.pages():
        text = built.files[path].decode()
        assert "<script>" not in text and "<b>" not in text
    assert html_lib.escape(title, quote=False) in built.html("en")


def test_percent_and_number_are_the_reports() -> None:
    assert percent(0.724, "vi") == "72,4 %" and percent(0.724, "en") == "72.4%"
    assert number(72.0, "vi") == "72"


def _site_files(locality: str) -> dict[str, bytes]:
    sink = DiagnosticSink()
    portal = load_portal(KITCHEN_SINK, sink)
    site = next(x for x in portal.localities if x.id == locality)
    ctx = EmitContext(portal.settings, "test", localities=portal.localities, site=site)
    target = get("score")
    parts = tuple(target.portal_part(p, ctx) for p in portal.procedures)
    return {str(k): v for k, v in
            target.emit_portal(PortalInput(portal.localities, parts), ctx, sink).items()}


def test_a_locality_site_has_its_own_page_only(corpora: dict[str, Built]) -> None:
    files = _site_files("test-city")
    assert sorted(files) == sorted(corpora["kitchen"].files)
    assert files == corpora["kitchen"].files  # one locality: the same report


def test_a_part_is_small_and_survives_the_cache(corpora: dict[str, Built]) -> None:
    """Only the localities where a procedure's score differs are kept; a part read back
    from MessagePack makes the same pages."""
    sink = DiagnosticSink()
    portal = load_portal(KITCHEN_SINK.parents[2] / "procedures", sink)
    ctx = EmitContext(portal.settings, "test", localities=portal.localities)
    target = get("score")
    parts = tuple(target.portal_part(p, ctx) for p in portal.procedures)
    for proc, part in zip(portal.procedures, parts, strict=True):
        if not any(f.set_by_locality for f in proc.fees) and not any(
                pid == proc.id for loc in portal.localities for pid, _, _ in loc.fees):
            assert part.localities == {}, proc.id
    assert any(part.localities for part in parts)
    back = tuple(msgspec.convert(msgspec.msgpack.decode(msgspec.msgpack.encode(p)), ScorePart)
                 for p in parts)
    assert back == parts
    again = target.emit_portal(PortalInput(portal.localities, back), ctx, sink)
    assert {str(k): v for k, v in again.items()} == corpora["bundled"].files


def test_deterministic(corpora: dict[str, Built]) -> None:
    """Same bytes on a second build, and under two other hash seeds."""
    assert build(KITCHEN_SINK).files == corpora["kitchen"].files
    script = ("import hashlib; from tests.score_report.conftest import build, PROCEDURES;"
              "fs = build(PROCEDURES).files;"
              "print(hashlib.sha256(b''.join(k.encode() + v for k, v in sorted(fs.items())))"
              ".hexdigest())")
    import hashlib

    fs = corpora["bundled"].files
    digests = {hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(fs.items())))
               .hexdigest()}
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True, cwd=KITCHEN_SINK.parents[2])
        digests.add(out.stdout.strip())
    assert len(digests) == 1
