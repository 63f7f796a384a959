"""Text safe in a markdown table cell: the diff's and the scorecard's pull-request reports."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape markdown and HTML outside `code spans`; keep table cells on one line."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        p = parts[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for ch in "\\*_[]":
            p = p.replace(ch, "\\" + ch)
        parts[i] = p
    if len(parts) % 2 == 0:  # an odd backtick: show it as written
        parts[-2] = parts[-2] + "\\`" + parts.pop()
    return "`".join(parts).replace("|", "\\|").replace("\n", " ")
