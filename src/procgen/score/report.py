"""The scorecard as people read it: plain text for the terminal and markdown for pull requests,
in one language, from the same :class:`~procgen.score.Scorecard` as the JSON (never a second
computation). The HTML report is the ``score`` target's (``generated/score/``)."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from procgen.model.ir import LEVELS as LEVELS  # the report's order of confidence levels
from procgen.score import FORMAT_VERSION, Scorecard
from procgen.score.indicators import INDICATORS, ProcedureScore
from procgen.wording import say, words
from procgen.wording.markdown import escape

BURDEN = ("typed_fields", "prefilled_fields", "uploads", "paper_originals", "paper_copies",
          "visits", "pages")


def document(cards: list[Scorecard]) -> dict[str, Any]:
    """The JSON document (schemas/score.schema.json)."""
    return {"procgen_score": FORMAT_VERSION, "scorecards": [c.as_json() for c in cards]}


def dumps(cards: list[Scorecard]) -> str:
    """The JSON as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it, byte for byte,
    encoded by msgspec (the standard library's indenting encoder is pure Python: 5 s of the
    5.7 s of scoring 1,000 procedures in 35 places)."""
    import msgspec

    raw = msgspec.json.encode(document(cards), enc_hook=str)  # ids are str subclasses
    return msgspec.json.format(raw, indent=2).decode() + "\n"


def percent(value: float | None, lang: str) -> str:
    """``84 %`` (vi) or ``84%`` (en); ``n/a`` when the indicator applies to nothing."""
    if value is None:
        return say("score_na", lang)
    shown = f"{100 * value:.1f}".rstrip("0").rstrip(".")
    if lang == "vi":
        shown = shown.replace(".", ",")
    return f"{shown} %" if lang == "vi" else f"{shown}%"


def number(value: float, lang: str) -> str:
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",") if lang == "vi" else shown


class Names(Struct, frozen=True):
    """What the report calls things: each procedure's title and each locality's name, by
    language (from the model, or from the build's cached parts)."""

    titles: dict[str, dict[str, str]]
    places: dict[str, dict[str, str]]


def where(card: Scorecard, names: Names, lang: str) -> str:
    if card.locality is None:
        return say("score_national", lang)
    return names.places.get(card.locality, {}).get(lang, card.locality)


def reasons(p: ProcedureScore, lang: str) -> str:
    return "; ".join(say(f"score_reason_{r}", lang) for r in p.reasons)


def ref(iid: str, written: str, lang: str) -> str:
    """An indicator's source as read in ``lang``: a legal citation as written, a meeting or
    procgen's own rule in words."""
    key = f"score_{iid}_ref"
    return say(key, lang) if key in words(lang) else written


def indicator_rows(card: Scorecard, lang: str) -> list[tuple[str, ...]]:
    """``(name, value, source)`` for every indicator; a live one says what to record."""
    rows: list[tuple[str, ...]] = []
    for ind in INDICATORS:
        name = say(f"score_{ind.id}_name", lang)
        if ind.kind == "live":
            value = say("score_live_short", lang)
        else:
            met, applies = card.indicator(ind.id)
            value = percent(card.value(ind.id), lang)
            if applies:
                value += " (" + say("score_of", lang, met=number(met, lang),
                                    applies=applies) + ")"
        rows.append((name, value, ref(ind.id, ind.ref, lang)))
    return rows


def live_lines(lang: str) -> list[str]:
    """What a portal must record for each live indicator."""
    return [f"{say(f'score_{i.id}_name', lang)}: "
            + say("score_live", lang, events=", ".join(i.events))
            for i in INDICATORS if i.kind == "live"]


def procedure_rows(card: Scorecard, names: Names, lang: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for p, points in zip(card.procedures, card.scores, strict=True):
        title = names.titles.get(p.id, {}).get(lang, p.id)
        full = say("score_yes" if not p.reasons else "score_no", lang)
        rows.append((f"{title} ({p.id})", number(points, lang), full, reasons(p, lang),
                     number(p.burden.minutes, lang), str(p.facts["unsourced"]
                                                         + p.facts["placeholder"])))
    return rows


PROCEDURE_HEAD = ("score_procedure", "score_score", "score_full", "score_why_not",
                  "score_burden_minutes", "score_unsourced")


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def text(cards: list[Scorecard], names: Names, lang: str) -> str:
    out: list[str] = []
    for card in cards:
        out += [say("score_heading", lang, title=say("score_title", lang),
                    where=where(card, names, lang), on=card.on,
                    score=number(card.score, lang)), ""]
        head = tuple(say(k, lang) for k in ("score_indicator", "score_value", "score_ref"))
        out += [*_table(head, indicator_rows(card, lang)), ""]
        out += [*live_lines(lang), ""]
        b = card.burden()
        out.append(say("score_burden", lang) + ": " + ", ".join(
            f"{say(f'score_burden_{k}', lang)} {number(b[k], lang)}"
            for k in (*BURDEN, "mean_minutes")))
        facts = card.facts()
        out.append(say("score_facts", lang) + ": " + ", ".join(
            f"{say(f'score_level_{k}', lang)} {facts.get(k, 0)}" for k in LEVELS))
        out.append("")
        out += [*_table(tuple(say(k, lang) for k in PROCEDURE_HEAD),
                        procedure_rows(card, names, lang)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(c) for c in cells) + " |"


def markdown(cards: list[Scorecard], names: Names, lang: str) -> str:
    out: list[str] = []
    for card in cards:
        out += ["## " + say("score_heading", lang, title=say("score_title", lang),
                            where=where(card, names, lang), on=card.on,
                            score=number(card.score, lang)), ""]
        head = tuple(say(k, lang) for k in ("score_indicator", "score_value", "score_ref"))
        out += [_md_row(head), _md_row(("---",) * 3)]
        out += [_md_row(r) for r in indicator_rows(card, lang)] + [""]
        out += [f"- {escape(line)}" for line in live_lines(lang)] + [""]
        b, facts = card.burden(), card.facts()
        out += [_md_row((say("score_burden", lang), "")), _md_row(("---", "---:"))]
        out += [_md_row((say(f"score_burden_{k}", lang), number(b[k], lang)))
                for k in (*BURDEN, "mean_minutes")]
        out += ["", _md_row((say("score_facts", lang), "")), _md_row(("---", "---:"))]
        out += [_md_row((say(f"score_level_{k}", lang), str(facts.get(k, 0)))) for k in LEVELS]
        out.append("")
        out += [_md_row(tuple(say(k, lang) for k in PROCEDURE_HEAD)),
                _md_row(("---", "---:", "---", "---", "---:", "---:"))]
        out += [_md_row(r) for r in procedure_rows(card, names, lang)] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
