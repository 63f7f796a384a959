"""Text for terminals: one line per change, grouped by procedure, then warnings and a tally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procgen.diff import wording
from procgen.diff.render import counts
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.diff import DiffResult


def render_text(result: DiffResult) -> str:
    lang = result.lang
    if not result.changes:
        return say("diff_no_changes", lang) + "\n"
    lines: list[str] = []
    for s in result.summaries:
        lines.append(f"{s.procedure}: {s.title}")
        for c in result.changes:
            if c.procedure != s.procedure:
                continue
            tag = ", ".join(c.classes) or "-"
            lines.append(f"  [{tag}] {c.path or '.'}: {c.message}")
    for w in result.warnings:
        where = f"{w.span.file}:{w.span.line}:{w.span.col}: " if w.span else ""
        lines.append(f"{where}warning[{w.code}]: {w.message}")
    tally = counts(result)
    parts = [f"{n} {wording.CLASS_NAMES[k][lang]}" for k, n in tally.items() if n]
    total = len(result.changes)
    head = say("diff_tally_one" if total == 1 else "diff_tally", lang, n=total)
    lines.append(f"{head}" + (f": {', '.join(parts)}" if parts else ""))
    return "\n".join(lines) + "\n"
