"""The start page's structured data: a schema.org ``GovernmentService`` and an ``FAQPage`` as
JSON-LD, so search engines and assistants read the service from the page itself
(docs/targets/web.md, "Structured data").

The ``FAQPage`` holds the questions :func:`procgen.guidance.questions` answers (the
assistant file's, less the per-province ones), which the page also shows under "Câu hỏi
thường gặp": structured data says what the page says.

Every value is the model's, as the page shows it: the title and summary, the agency, who may
apply (``audience``), what the citizen receives (``serviceOutput``), each channel with its
processing time (:attr:`procgen.model.ir.Duration.iso8601`, the catalogue's
too), and an ``Offer`` for each fee whose amount is known before any answer — a fixed amount
with no condition and no validity window, or on a locality's own site the amount its overlay
sets, unless that is a placeholder (never shown as a real fee). The text is escaped for a
``<script type="application/ld+json">`` data block (``<``, ``>`` and ``&`` as ``\\u003c``…),
which the page's CSP lets through as data: it is never run.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from procgen import wording

if TYPE_CHECKING:
    from procgen.model.ir import Fee, Procedure, Settings
    from procgen.model.local import Local


def government_service(procedure: Procedure, settings: Settings, lang: str, *, url: str,
                       place: Local | None, site: bool) -> dict[str, Any]:
    """The page's ``GovernmentService`` (``url``: its canonical address, "" for none)."""
    p = procedure
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": p.title.get(lang),
        "description": (p.summary or p.title).get(lang),
    }
    if p.code:
        out["identifier"] = p.code
    if url:
        out["url"] = url
    if p.agency is not None:
        out["provider"] = {"@type": "GovernmentOrganization", "name": p.agency.get(lang)}
    out["areaServed"] = (
        {"@type": "AdministrativeArea", "name": place.name.get(lang)} if site and place
        else {"@type": "Country", "name": wording.say("country_name", lang)})
    if p.audience:
        out["audience"] = [{"@type": "Audience", "audienceType": wording.say(f"audience_{a}", lang)}
                           for a in p.audience]
    if p.outputs:
        out["serviceOutput"] = [{"@type": "Thing", "name": o.title.get(lang)} for o in p.outputs]
    out["availableChannel"] = [
        {"@type": "ServiceChannel", "name": wording.say(c.name, lang),
         "processingTime": c.processing_time.iso8601}
        for c in p.channels]
    offers = [_offer(f, settings, lang, place if site else None) for f in p.fees]
    if any(offers):
        out["offers"] = [o for o in offers if o]
    return out


def faq_page(questions: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The page's ``FAQPage``: each ``(question, answer)`` as a ``Question`` with its
    ``acceptedAnswer``."""
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q,
         "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in questions]}


def _offer(fee: Fee, settings: Settings, lang: str, place: Local | None) -> dict[str, Any]:
    """The fee as an ``Offer`` when its amount is known before any answer, else ``{}``."""
    if fee.when is not None or fee.valid_from or fee.valid_until:
        return {}
    amount: int | None = fee.amount if isinstance(fee.amount, int) else None
    if fee.set_by_locality and place is not None:
        local = place.amount(fee.id)
        amount = local.amount if local is not None and not local.placeholder else None
    if amount is None:
        return {}
    return {"@type": "Offer", "name": fee.label.get(lang), "price": amount,
            "priceCurrency": settings.currency}


def script_text(data: dict[str, Any]) -> str:
    """``data`` as the text of a JSON-LD data block: no ``</script>``, no markup, stable.

    >>> script_text({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
