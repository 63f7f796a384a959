"""Markdown to paste as a pull-request comment: a summary table per procedure, then details.

Texts written by policy staff are escaped outside code spans, so markup in a label shows as
written and never turns into HTML in the comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procgen.diff import wording
from procgen.diff.render import counts
from procgen.wording import LANGUAGES, say
from procgen.wording import words as wording_words
from procgen.wording.markdown import escape

if TYPE_CHECKING:
    from procgen.diff import DiffResult, Facts, Summary

BADGES = {"breaking": "🔴", "burden+": "🟠", "burden-": "🟢", "editorial": "⚪"}
HEAD = {
    lang: {
        "title": words["diff_md_title"],
        "none": words["diff_no_changes"],
        "fee": words["diff_md_fee"],
        "documents": words["diff_md_documents"],
        "time": words["diff_md_time"],
        "online": words["diff_md_online"],
        "before": words["diff_md_before"],
        "after": words["diff_md_after"],
        "warnings": words["diff_md_warnings"],
        "class": words["diff_md_class"],
        "change": words["diff_md_change"],
        "path": words["diff_md_path"],
        "new": words["diff_md_new"],
        "gone": words["diff_md_gone"],
    }
    for lang, words in ((lang, wording_words(lang)) for lang in LANGUAGES)
}
"""The report's headings per language, from the wording catalogue's ``diff_md_…`` keys."""


def _classes(classes: tuple[str, ...], lang: str) -> str:
    return " ".join(f"{BADGES[k]} {wording.CLASS_NAMES[k][lang]}" for k in classes) or "—"


def render_markdown(result: DiffResult) -> str:
    lang = result.lang
    h = HEAD[lang]
    out = [f"## {h['title']}", ""]
    if not result.changes:
        return "\n".join([*out, h["none"], ""])
    tally = counts(result)
    out.append(" · ".join(f"{BADGES[k]} **{n}** {wording.CLASS_NAMES[k][lang]}"
                          for k, n in tally.items() if n) or "—")
    out.append("")
    if result.warnings:
        out.append(f"> **⚠️ {h['warnings']}**")
        out.extend(f"> - {escape(w.message)}" for w in result.warnings)
        out.append("")
    for s in result.summaries:
        out.append(f"### {escape(s.title)} (`{s.procedure}`) — {_classes(s.classes, lang)}")
        out.append("")
        out.extend(_table(s.before, s.after, h))
        out.extend(_score_rows(s, lang))
        out.append("")
        out.append(f"| {h['class']} | {h['path']} | {h['change']} |")
        out.append("| --- | --- | --- |")
        for c in result.changes:
            if c.procedure == s.procedure:
                out.append(f"| {_classes(c.classes, lang)} | `{c.path or '.'}` | "
                           f"{escape(c.message)} |")
        out.append("")
    return "\n".join(out)


SCORE_ROWS = ("typed_fields", "uploads", "paper_originals", "visits", "minutes")
"""The burden counts the summary shows beside the score (docs/score.md)."""


def _score_rows(s: Summary, lang: str) -> list[str]:
    """The scorecard's score and burden before and after, each change with its delta."""
    from procgen.score.report import number

    b, a = s.scored_before, s.scored_after

    def row(label: str, old: float | None, new: float | None) -> str:
        shown_old = "—" if old is None else number(old, lang)
        if new is None:
            return f"| {label} | {shown_old} | — |"
        shown_new = number(new, lang)
        if old is not None and new != old:
            delta = number(new - old, lang)
            shown_new = f"**{shown_new}** ({'+' if new > old else ''}{delta})"
        return f"| {label} | {shown_old} | {shown_new} |"

    rows = [row(say("score_score", lang), None if b is None else b.score,
                None if a is None else a.score)]
    for key in SCORE_ROWS:
        old = None if b is None else b.burden.as_json()[key]
        new = None if a is None else a.burden.as_json()[key]
        rows.append(row(say(f"score_burden_{key}", lang), old, new))
    return rows


def _table(before: Facts | None, after: Facts | None, h: dict[str, str]) -> list[str]:
    def cell(f: Facts | None, attr: str, missing: str) -> str:
        return missing if f is None else escape(getattr(f, attr))

    rows = [f"| | {h['before']} | {h['after']} |", "| --- | --- | --- |"]
    for attr, label in (("fee", "fee"), ("documents", "documents"), ("time", "time"),
                        ("fully_online", "online")):
        b = cell(before, attr, f"*{h['new']}*")
        a = cell(after, attr, f"*{h['gone']}*")
        if before is not None and after is not None and b != a:
            a = f"**{a}**"
        rows.append(f"| {h[label]} | {b} | {a} |")
    return rows
