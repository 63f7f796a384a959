"""Each province's amounts in a procedure's description: a Markdown table per language.

Read from :class:`procgen.model.local.LocalFacts` (resolved once, in the model). One row per
locality (on a locality site, its one row, said to be the one applied), one column per
``set_by: locality`` fee; a placeholder amount reads "to be confirmed (placeholder)", never
as a real fee. Every text is escaped with :mod:`.markdown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procgen import wording
from procgen.targets.openapi import markdown

if TYPE_CHECKING:
    from procgen.model.ir import LocalAmount, Procedure
    from procgen.model.local import LocalFacts


def amounts_table(procedure: Procedure, facts: LocalFacts, lang: str) -> str:
    """The table in ``lang``; empty when the procedure has no locality-set fee."""
    if not facts.local_fees or not facts.places:
        return ""
    labels = {str(f.id): f.label.get(lang) for f in procedure.fees}
    heading = [wording.say("local_province", lang),
               *(markdown.text(labels[fid]) for fid in facts.local_fees)]
    rows = ["| " + " | ".join(heading) + " |", "|" + "---|" * len(heading)]
    for place in facts.places:
        cells = [markdown.text(place.name.get(lang)),
                 *(_cell(place.amount(fid), lang) for fid in facts.local_fees)]
        rows.append("| " + " | ".join(cells) + " |")
    title = wording.say("local_api_heading", lang)
    if facts.the_place is not None:
        title += ". " + wording.say("local_api_site",
                                    lang, name=markdown.text(facts.the_place.name.get(lang)))
    return f"{title}:\n\n" + "\n".join(rows)


def _cell(amount: LocalAmount | None, lang: str) -> str:
    if amount is None:
        return wording.say("local_api_unset", lang)
    if amount.placeholder:
        return wording.say("local_api_placeholder", lang)
    return markdown.text(wording.money(amount.amount, lang))
