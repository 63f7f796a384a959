"""The report's pages: a :class:`Page` per scorecard and language, worked out from the
:class:`~procgen.score.Scorecard` and worded by :mod:`procgen.score.report` (the same strings
``procgen score`` prints), rendered by ``templates/score.html.j2`` in the targets' shared
strict environment (:mod:`procgen.targets._jinja`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procgen.model.ir import Locality
    from procgen.score import Scorecard
    from procgen.score.indicators import ProcedureScore
    from procgen.targets import EmitContext, ScorePart

OUT = PurePosixPath("score")

CSP = ("default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
"""No script at all, styles from the shared ``score.css`` only (no inline style), the
``data:`` icon that spares a favicon request; the charts are inline SVG."""

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
"""Each language's own name, for the language links."""

# chart geometry: heights in CSS pixels, widths in % of the column, so a chart is as wide
# as the page at 360 px and its text keeps its size (no scaling)
BAR_AREA = 85  # % of the width; the rest of a row is the value written after the bar
ROW = 40
LABEL_CHARS = 48  # a longer label is cut with "…" (the table after it has it in full)


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    """The value as the table says it."""
    y_label: str
    y_bar: str
    width: str
    """The bar's width, in % of the chart's (where the value is written after it)."""


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    table: str
    """The id of the table holding the same figures (``aria-describedby``)."""
    height: str
    bars: tuple[Bar, ...]
    track: str = f"{BAR_AREA}%"


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    value: str
    definition: str
    formula: str
    ref: str


@dataclass(frozen=True)
class LiveRow:
    line: str
    """``procgen score``'s own line: the name and the event fields to record."""
    definition: str
    ref: str


@dataclass(frozen=True)
class ProcedureRow:
    title: str
    id: str
    score: str
    full: str
    why_not: str
    minutes: str
    unsourced: str


@dataclass(frozen=True)
class LocalityRow:
    name: str
    href: str
    score: str


@dataclass(frozen=True)
class Link:
    lang: str
    name: str
    href: str


@dataclass(frozen=True)
class Page:
    lang: str
    csp: str
    ui: dict[str, str]
    portal: str
    heading: str
    where: str
    languages: tuple[Link, ...]
    back: str | None
    """The national page's address, from a locality's page."""
    indicators: tuple[IndicatorRow, ...]
    indicator_chart: Chart
    live: tuple[LiveRow, ...]
    burden: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, str], ...]
    procedures: tuple[ProcedureRow, ...]
    procedure_chart: Chart
    localities: tuple[LocalityRow, ...]


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _unit(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def chart(cid: str, title: str, table: str, rows: list[tuple[str, float | None, str]]) -> Chart:
    """A horizontal bar chart of ``rows`` (label, share 0 to 1 or None, value as shown)."""
    bars = []
    for i, (label, share, shown) in enumerate(rows):
        top = i * ROW
        width = BAR_AREA * (share or 0.0)
        bars.append(Bar(_cut(label), shown, _unit(top + 14), _unit(top + 20),
                        _unit(width) + "%"))
    return Chart(cid, title, table, _unit(len(rows) * ROW + 4), tuple(bars))


def page(card: Scorecard, titles: dict[str, dict[str, str]], lang: str, ctx: EmitContext,
         where: str, name: str, localities: tuple[LocalityRow, ...]) -> Page:
    """The page of ``card`` in ``lang`` (``name``: its file name, ``index`` or the
    locality's id)."""
    from procgen.score.indicators import INDICATORS
    from procgen.score.report import BURDEN, LEVELS, indicator_rows, live_lines, number, percent
    from procgen.wording import say, words

    portal = ctx.settings.portal_name.get(lang) if ctx.settings.portal_name else say(
        "portal", lang)
    heading = say("score_heading", lang, title=say("score_title", lang), where=where,
                  on=card.on, score=number(card.score, lang))
    rows = indicator_rows(card, lang)
    computed = [(ind, row) for ind, row in zip(INDICATORS, rows, strict=True)
                if ind.kind == "computed"]
    indicators = tuple(IndicatorRow(name, value, say(f"score_{ind.id}_definition", lang),
                                    say(f"score_{ind.id}_formula", lang), ref)
                       for ind, (name, value, ref) in computed)
    live_inds = [(ind, row) for ind, row in zip(INDICATORS, rows, strict=True)
                 if ind.kind == "live"]
    live = tuple(LiveRow(line, say(f"score_{ind.id}_definition", lang), row[2])
                 for (ind, row), line in zip(live_inds, live_lines(lang), strict=True))
    ind_chart = chart("chart-indicators", say("score_report_chart_indicators", lang),
                      "table-indicators",
                      [(r.name, card.value(ind.id), percent(card.value(ind.id), lang))
                       for (ind, _), r in zip(computed, indicators, strict=True)])
    b, facts = card.burden(), card.facts()
    burden = tuple((say(f"score_burden_{k}", lang), number(b[k], lang) if b else "0")
                   for k in (*BURDEN, "mean_minutes"))
    levels = tuple((say(f"score_level_{k}", lang), str(facts.get(k, 0))) for k in LEVELS)
    procs = tuple(_procedure_row(p, titles, card.on, lang) for p in card.procedures)
    proc_chart = chart("chart-procedures", say("score_report_chart_procedures", lang),
                       "table-procedures",
                       [(r.title, p.score(card.on) / 100, r.score)
                        for p, r in zip(card.procedures, procs, strict=True)])
    languages = tuple(Link(code, LANGUAGE_NAMES.get(code, code), f"../{code}/{name}.html")
                      for code in ctx.settings.languages)
    return Page(lang=lang, csp=CSP, ui=words(lang), portal=portal, heading=heading,
                where=where, languages=languages,
                back=None if card.locality is None else "index.html",
                indicators=indicators, indicator_chart=ind_chart, live=live, burden=burden,
                facts=levels, procedures=procs, procedure_chart=proc_chart,
                localities=localities)


def _procedure_row(p: ProcedureScore, titles: dict[str, dict[str, str]], on: str,
                   lang: str) -> ProcedureRow:
    from procgen.score.report import number, reasons
    from procgen.wording import say

    title = titles.get(p.id, {}).get(lang) or p.id
    full = say("score_yes" if not p.reasons else "score_no", lang)
    return ProcedureRow(title, p.id, number(p.score(on), lang), full, reasons(p, lang),
                        number(p.burden.minutes, lang),
                        str(p.facts.get("unsourced", 0) + p.facts.get("placeholder", 0)))


def render(view: Page, ctx: EmitContext) -> bytes:
    from procgen.targets import _jinja

    env = _jinja.environment("procgen.targets.score", ctx.cache, ctx.readonly)
    return env.get_template("score.html.j2").render(page=view).encode("utf-8")


def pages(parts: tuple[ScorePart, ...], places: tuple[Locality, ...],
          ctx: EmitContext) -> dict[PurePosixPath, bytes]:
    """Every page of the report: per language, the national one (``index.html``) and one per
    locality in ``places``."""
    import msgspec

    from procgen.score import Scorecard, as_of
    from procgen.score.indicators import ProcedureScore
    from procgen.score.report import number
    from procgen.wording import say

    national = tuple(msgspec.convert(p.national, ProcedureScore) for p in parts)
    titles = {s.id: p.title for s, p in zip(national, parts, strict=True)}
    on = as_of(national)
    card = Scorecard(on, None, national)
    cards = {loc.id: Scorecard(on, loc.id, tuple(
        msgspec.convert(p.localities[loc.id], ProcedureScore) if loc.id in p.localities
        else s for s, p in zip(national, parts, strict=True)))
        for loc in sorted(places, key=lambda x: x.id)}
    ordered = sorted(places, key=lambda x: x.id)
    out: dict[PurePosixPath, bytes] = {}
    for lang in ctx.settings.languages:
        rows = tuple(LocalityRow(loc.name.get(lang), f"{loc.id}.html",
                                 number(cards[loc.id].score, lang)) for loc in ordered)
        out[OUT / lang / "index.html"] = render(
            page(card, titles, lang, ctx, say("score_national", lang), "index", rows), ctx)
        for loc in ordered:
            out[OUT / lang / f"{loc.id}.html"] = render(
                page(cards[loc.id], titles, lang, ctx, loc.name.get(lang), loc.id, ()), ctx)
    return out
