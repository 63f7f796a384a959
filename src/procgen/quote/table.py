"""``procgen quote --format table``: a quote as a person reads it, in the CLI's language.

The table is drawn from the same :class:`~procgen.quote.Quote` as the JSON (never a second
computation): the fees with the procedure's own labels and amounts written the way the
language writes money (``16.000 ₫`` in Vietnamese, ``16,000 ₫`` in English), the total, the
processing time, and what the application still needs.
"""

from __future__ import annotations

from procgen.model.ir import Duration, Procedure
from procgen.quote import Quote, QuotedFee
from procgen.wording import duration, money, online_status, say


def render_table(q: Quote, procedure: Procedure, lang: str) -> str:
    """The quote ``q`` of ``procedure`` as lines of text in ``lang``."""
    labels: dict[str, str] = {f.id: f.label.get(lang) for f in procedure.fees}
    lines = [
        say("quote_table_heading", lang, title=procedure.title.get(lang),
            procedure=q.procedure, revision=q.revision),
        say("quote_table_context", lang, channel=q.channel, on=q.on,
            locality=q.locality or say("quote_table_nowhere", lang)),
        "",
    ]
    rows = [(labels.get(f.id, f.id), _amount(f, lang)) for f in q.fees]
    if q.total is not None:
        total = money(q.total, lang)
        if q.provisional:
            total = say("quote_table_placeholder", lang, amount=total)
    else:
        total = say("quote_table_known", lang, amount=money(q.known_total, lang))
    if rows:
        head = (say("quote_table_fee", lang), say("quote_table_amount", lang))
        foot = (say("quote_table_total", lang), total)
        width = max(len(r[0]) for r in (head, *rows, foot))
        right = max(len(r[1]) for r in (head, *rows, foot))
        rule = "-" * width + "  " + "-" * right
        lines += [_row(head, width, right), rule]
        lines += [_row(r, width, right) for r in rows]
        lines += [rule, _row(foot, width, right)]
    else:
        lines.append(say("quote_table_no_fee", lang))
    lines += ["", say("quote_table_time", lang,
                      time=uncertain(_time(q, lang), q.time_confidence, lang)),
              say("quote_table_online", lang,
                  yes=say("quote_table_yes" if q.fully_online else "quote_table_no", lang))]
    if not q.fully_online:  # why not, as the page and the app say it
        lines.append(online_status(procedure, lang))
    if q.still_needed:
        lines += ["", say("quote_table_still_needed", lang)]
        lines += [f"  - {n.label} ({n.field})" for n in q.still_needed]
    return "\n".join(lines) + "\n"


def _row(cells: tuple[str, str], width: int, right: int) -> str:
    return f"{cells[0]:<{width}}  {cells[1]:>{right}}".rstrip()


def _amount(f: QuotedFee, lang: str) -> str:
    if f.exempt:
        return say("quote_table_exempt", lang)
    if f.amount is None:
        if f.needs:
            return say("quote_table_needs", lang, fields=", ".join(f.needs))
        return say("quote_table_unknown", lang)
    written = money(f.amount, lang)
    if f.placeholder:
        return say("quote_table_placeholder", lang, amount=written)
    return uncertain(written, f.confidence, lang)


def uncertain(written: str, confidence: str, lang: str) -> str:
    """``written`` marked with how sure it is, unless it is sourced: nothing unsourced is
    printed as certain."""
    if confidence == "sourced":
        return written
    return say("quote_table_uncertain", lang, amount=written,
               confidence=say(f"confidence_{confidence}", lang))


def _time(q: Quote, lang: str) -> str:
    """The quote's time, worded as the pages word it (``procgen.wording.duration``)."""
    return duration(Duration.of(q.processing_time), lang)
