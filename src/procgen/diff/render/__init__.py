"""Formatters for a :class:`~procgen.diff.DiffResult`: ``text``, ``markdown``, ``json`` and
``sarif``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procgen.diff import DiffResult

FORMATS = ("text", "markdown", "json", "sarif")


def render(result: DiffResult, fmt: str) -> str:
    """The whole report in one format, ending with a newline."""
    if fmt == "json":
        from procgen.diff.render.json import render_json

        return render_json(result)
    if fmt == "sarif":
        from procgen.diff.render.sarif import render_sarif

        return render_sarif(result)
    if fmt == "markdown":
        from procgen.diff.render.markdown import render_markdown

        return render_markdown(result)
    if fmt == "text":
        from procgen.diff.render.text import render_text

        return render_text(result)
    raise ValueError(f"unknown diff format {fmt!r}")


def counts(result: DiffResult) -> dict[str, int]:
    """How many changes carry each class (a change may count under several)."""
    out = dict.fromkeys(("breaking", "burden+", "burden-", "editorial"), 0)
    for c in result.changes:
        for k in c.classes:
            out[k] += 1
    return out
