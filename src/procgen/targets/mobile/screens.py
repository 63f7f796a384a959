"""Assemble one procedure's mobile screen definition: metadata, fees, documents and screens.

Screen order: ``intro``, one ``page.<id>`` screen per :attr:`Procedure.pages` (questions and
document capture), ``review``, ``fees``, ``submit``, ``confirmation``. A procedure without an
online channel gets only the intro, which says how to apply instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen import wording
from procgen.targets.mobile.components import (
    Build,
    capture_component,
    field_component,
    logic,
)
from procgen.targets.mobile.i18n import UI_KEYS_FOR_RENDERER, words
from procgen.targets.mobile.local import localities

if TYPE_CHECKING:
    from procgen.model.ir import Channel, Document, Duration, Fee, Page, Procedure, Settings
    from procgen.model.local import LocalFacts

FORMAT = "procgen-mobile-screens"
FORMAT_VERSION = 1
CUSTOM_OPERATIONS = ("pg_round", "pg_age", "pg_days_between", "pg_len")


def definition(p: Procedure, settings: Settings, version: str, b: Build,
               local: LocalFacts) -> dict[str, Any]:
    """The whole JSON document for ``p`` (a dict in a fixed key order); ``local`` is what
    differs by locality (the ``localities`` table, :mod:`.local`)."""
    langs = b.languages
    meta: dict[str, Any] = {
        "id": p.id,
        "code": p.code,
        "revision": p.revision,
        "effective_from": p.effective_from,
        "source_hash": p.source_hash,
        "title": b.text(p.title),
    }
    if p.summary is not None:
        meta["summary"] = b.text(p.summary)
    if p.agency is not None:
        meta["agency"] = b.text(p.agency)
    meta["level"] = p.level
    meta["sector"] = p.sector
    meta["audience"] = list(p.audience)
    online = "online" in p.channel_names
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "compiler": {"name": "procgen", "version": version},
        "procedure": meta,
        "languages": list(langs),
        "default_language": settings.default_language,
        "currency": settings.currency,
        "online": online,
        "fully_online": p.fully_online,
        "channels": [_channel(c, b) for c in p.channels],
        "rules": {
            "language": "jsonlogic",
            "data": {"answers": "effective answers", "row": "group entry", "today": "YYYY-MM-DD"},
            "custom_operations": list(CUSTOM_OPERATIONS),
        },
        "documents": [_document(d, b) for d in p.documents],
        "fees": [_fee(f, b) for f in p.fees],
        "localities": localities(local, b),
        "ui": {key: {lang: words(lang)[key] for lang in langs} for key in UI_KEYS_FOR_RENDERER},
        "start": "intro",
        "screens": _screens(p, settings, b) if online else _navigate([_intro(p, b, "none")]),
    }


def _document(d: Document, b: Build) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "title": b.text(d.title)}
    if d.hint is not None:
        out["hint"] = b.text(d.hint)
    out["provide"] = d.provided
    if d.held_by_state:
        out["held_by"] = d.held_by_state
    out["originals"] = d.originals
    out["copies"] = d.copies
    if d.template is not None:
        out["template"] = {"code": d.template.code}
        if d.template.title is not None:
            out["template"]["title"] = b.text(d.template.title)
    out["visible_when"] = logic(d.when, absent=True)
    out["required"] = logic(d.required, absent=True)
    return out


def _fee(f: Fee, b: Build) -> dict[str, Any]:
    amount: dict[str, Any]
    if f.set_by_locality:
        low, high = f.range if f.range else (None, None)
        amount = {"set_by_locality": {"min": low, "max": high}}
    elif isinstance(f.amount, int):
        amount = {"fixed": f.amount}
    else:
        amount = {"logic": {"pg_round": [logic(f.amount, absent=True)]}}
    return {
        "id": f.id,
        "label": b.text(f.label),
        "channels": list(f.channels),
        "payment": list(f.paid_through),
        "amount": amount,
        "when": logic(f.when, absent=True),
        "exemptions": [{"when": logic(e.when, absent=False), "label": b.text(e.label),
                        **({"channels": list(e.channels)} if e.channels else {})}
                       for e in f.exemptions],
        "valid_from": f.valid_from,
        "valid_until": f.valid_until,
    }


def _duration(d: Duration, b: Build) -> dict[str, str]:
    return {lang: wording.duration(d, lang) for lang in b.languages}


def _channel(c: Channel, b: Build) -> dict[str, Any]:
    """A channel: its processing time, and each case's with its rule (the first that holds
    applies, as ``quote`` and the server's due date read it)."""
    out: dict[str, Any] = {"name": c.name, "processing_time": c.processing_time.as_dict()}
    if c.time_cases:
        out["time_cases"] = [{"when": logic(x.when, absent=False),
                              "processing_time": x.time.as_dict(), "label": b.text(x.label)}
                             for x in c.time_cases]
    if c.results:
        out["results"] = list(c.results)
    return out


def _channel_time(c: Channel, b: Build) -> dict[str, str]:
    return {lang: wording.channel_time(c, lang) for lang in b.languages}


def _info(cid: str, role: str, b: Build, *, title: dict[str, str] | None = None,
          body: dict[str, str] | None = None,
          items: list[dict[str, str]] | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"type": "info", "id": cid, "role": role}
    if title is not None:
        c["title"] = title
    if body is not None:
        c["body"] = body
    if items:
        c["items"] = items
    return c


def _join(b: Build, *parts: dict[str, str], sep: str = "; ") -> dict[str, str]:
    return {lang: sep.join(p[lang] for p in parts) for lang in b.languages}


def document_line(d: Document, b: Build) -> dict[str, str]:
    """One line of "what you need" (:func:`procgen.wording.document_line`)."""
    return {lang: wording.document_line(d, lang) for lang in b.languages}


def _intro(p: Procedure, b: Build, action: str = "start") -> dict[str, Any]:
    comps = [_info("intro.summary", "summary", b, title=b.text(p.title),
                   body=b.text(p.summary) if p.summary else None,
                   items=[b.text(p.agency)] if p.agency else None)]
    online = {lang: wording.online_status(p, lang) for lang in b.languages}
    comps.append(_info("intro.online", "online", b, title=b.ui("online_title"), body=online))
    lines = [document_line(d, b) for d in p.documents]
    comps.append(_info("intro.documents", "documents", b, title=b.ui("you_need"),
                       body=None if lines else b.ui("no_documents"), items=lines))
    comps.append({"type": "fee_summary", "id": "intro.fees", "mode": "overview",
                  "title": b.ui("fees"), "fees": [f.id for f in p.fees]})
    times = [_join(b, b.ui(c.name), _channel_time(c, b), sep=": ")
             for c in p.channels]
    comps.append(_info("intro.times", "times", b, title=b.ui("processing_time"), items=times))
    if p.legal_basis:
        laws = []
        for lb in p.legal_basis:
            parts = [b.text(lb.title)]
            if lb.number:
                parts.append(dict.fromkeys(b.languages, lb.number))
            if lb.article:
                parts.append(b.ui("article", article=lb.article))
            laws.append(_join(b, *parts, sep=", "))
        comps.append(_info("intro.legal_basis", "legal_basis", b, title=b.ui("legal_basis"),
                           items=laws))
    return {"id": "intro", "kind": "intro", "title": b.ui("start_heading"), "action": action,
            "visible_when": True, "components": comps}


def _page(page: Page, b: Build) -> dict[str, Any]:
    comps: list[dict[str, Any]] = [field_component(f, b) for f in page.fields]
    for d in page.documents:
        if d.uploadable:
            comps.append(capture_component(d, b))
        else:
            comps.append(_info(f"d.{d.id}", "document", b, title=b.text(d.title),
                               body=document_line(d, b)))
    inputs = [c["visible_when"] for c in comps if c["type"] != "info"]
    shown: Any = True
    if inputs and len(inputs) == len(comps) and all(v is not True for v in inputs):
        shown = inputs[0] if len(inputs) == 1 else {"or": inputs}
    screen: dict[str, Any] = {
        "id": f"page.{page.id}",
        "kind": "questions" if page.fields else "documents",
        "title": b.text(page.title),
    }
    if page.description is not None:
        screen["description"] = b.text(page.description)
    screen.update(action="next", visible_when=shown, components=comps)
    return screen


def _screens(p: Procedure, settings: Settings, b: Build) -> list[dict[str, Any]]:
    pages = [_page(pg, b) for pg in p.pages]
    review = {"id": "review", "kind": "review", "title": b.ui("check_heading"), "action": "next",
              "visible_when": True, "components": [],
              "sections": [{"screen": s["id"], "title": s["title"]} for s in pages]}
    online_fees = [f.id for f in p.fees if "online" in f.channels]
    fees = {"id": "fees", "kind": "fees", "title": b.ui("fee_summary"), "action": "next",
            "visible_when": True,
            "components": [{"type": "fee_summary", "id": "fees.quote", "mode": "quote",
                            "channel": "online", "fees": online_fees}]}
    submit = {"id": "submit", "kind": "submit", "title": b.ui("submit_title"), "action": "submit",
              "visible_when": True,
              "components": [_info("submit.declaration", "declaration", b,
                                   body={lang: wording.declaration(p, lang)
                                         for lang in b.languages})],
              "submit": {"method": "POST",
                         "url": f"{settings.api_base_url.rstrip('/')}/procedures/{p.id}"
                                "/applications",
                         "content_type": "multipart/form-data"}}
    return _navigate([_intro(p, b), *pages, review, fees, submit, _confirmation(p, b)])


def _confirmation(p: Procedure, b: Build) -> dict[str, Any]:
    agency = p.agency or p.title
    received = {lang: words(lang)["received"].format(agency=agency.get(lang))
                for lang in b.languages}
    online = p.channel("online")
    if online is not None:
        time = _channel_time(online, b)
        received = _join(b, received, {lang: words(lang)["processing_online"].format(
            time=time[lang]) for lang in b.languages}, sep=" ")
    comps = [_info("confirmation.received", "received", b, body=received)]
    nxt = []
    for s in p.steps:
        if s.actor != "applicant":
            line = b.text(s.title)
            if s.duration is not None:
                line = _join(b, line, _duration(s.duration, b), sep=": ")
            nxt.append(line)
        elif s.is_information:
            title = b.text(s.title)
            if s.presence == "required":
                title = {lang: words(lang)["in_person_step"].format(title=title[lang])
                         for lang in b.languages}
            if s.description is not None:
                title = _join(b, title, b.text(s.description), sep=": ")
            nxt.append(title)
    if nxt:
        comps.append(_info("confirmation.next", "next_steps", b, title=b.ui("what_happens_next"),
                           items=nxt))
    if p.outputs:
        outs = [{lang: words(lang)["electronic_output" if o.electronic else "paper_output"]
                 .format(title=o.title.get(lang)) for lang in b.languages} for o in p.outputs]
        comps.append(_info("confirmation.outputs", "outputs", b, title=b.ui("you_receive"),
                           items=outs))
    return {"id": "confirmation", "kind": "confirmation", "title": b.ui("sent_heading"),
            "action": "none", "visible_when": True, "components": comps}


def _navigate(screens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``navigation`` (``back``/``next`` screen ids, ``null`` at either end).

    The confirmation screen has no way back: the application has been sent.
    """
    for i, s in enumerate(screens):
        back = screens[i - 1]["id"] if i > 0 else None
        nxt = screens[i + 1]["id"] if i + 1 < len(screens) else None
        if s["kind"] == "confirmation":
            back = None
        if s["kind"] == "submit":
            s["navigation"] = {"back": back, "next": None, "on_success": nxt}
        else:
            s["navigation"] = {"back": back, "next": nxt}
    return screens
