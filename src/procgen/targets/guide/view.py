"""The small view model the guide's template renders: plain strings, no IR, no logic.

:func:`guide_view` turns one procedure into a :class:`GuideView` for one language. Every fact
is the model's and every word the catalogue's, as :mod:`procgen.guidance` and
:mod:`procgen.wording` give them (the checklist, the deciding questions, the online address,
a fee's amount and notes, a document's line, a condition in words, a duration, whether it is
fully online): the guide says what the web page, the app and the assistant say. Strings are
unescaped here; escaping is the template engine's job (autoescape).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from procgen import guidance, wording
from procgen.wording import say
from procgen.wording.conditions import condition

if TYPE_CHECKING:
    from procgen.model.ir import Channel, Document, Office, Procedure, Settings, Text
    from procgen.model.local import LocalFacts


class DocumentView(Struct, frozen=True):
    line: str
    """:func:`procgen.wording.document_line`: title, how it is provided, counts, formats."""
    hint: str


class SituationView(Struct, frozen=True):
    when: str
    """The heading: the condition in words (:func:`procgen.wording.conditions.condition`)."""
    documents: tuple[DocumentView, ...]


class FeeRow(Struct, frozen=True):
    label: str
    notes: str
    """:func:`procgen.wording.fee_notes`, joined; "" for none."""
    amounts: tuple[str, ...]
    """One per channel of the procedure, in channel order: the amount charged there
    (:func:`procgen.wording.fee_amount`) or "not due"."""


class OfficeView(Struct, frozen=True):
    name: str
    placeholder: bool
    address: str = ""
    hours: str = ""
    phone: str = ""


class ChannelView(Struct, frozen=True):
    name: str
    """The channel as people call it ("Online", "In person", "By post")."""
    time: str
    """Its processing time (:func:`procgen.wording.duration`)."""
    where: str = ""
    """Where to go or send it, in a sentence ("" when ``url`` or ``offices`` say it)."""
    url: str = ""
    """The online form's address (:func:`procgen.guidance.online_url`); "" without one."""
    qr: str = ""
    """That address as a QR code (inline SVG made by segno from ``url`` alone: it holds no
    procedure text); "" without an address."""
    offices: tuple[OfficeView, ...] = ()
    """On a locality's own site, its offices for this procedure."""


class DeciderView(Struct, frozen=True):
    label: str
    decides: str
    """What its answer decides: the documents' titles, then the fees' labels."""


class GuideView(Struct, frozen=True):
    lang: str
    ui: dict[str, str]
    """The catalogue's words in ``lang`` (:func:`procgen.wording.words`)."""
    csp: str
    title: str
    portal: str
    code: str
    agency: str
    site: str
    """On a locality's own site, where its amounts and offices apply; "" nationally."""
    by_province: str
    """Nationally, when amounts or offices differ by province, that they do; else ""."""
    online_status: str
    always: tuple[DocumentView, ...]
    optional: tuple[DocumentView, ...]
    situations: tuple[SituationView, ...]
    channels: tuple[ChannelView, ...]
    fees: tuple[FeeRow, ...]
    deciders: tuple[DeciderView, ...]
    made_from: str


CSP = ("default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
"""No script at all, styles from the shared ``guide.css`` only (no inline style), the
``data:`` icon that spares a favicon request; the QR code is inline SVG, not an image."""


def _text(value: Text | None, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def _documents(docs: tuple[Document, ...], lang: str) -> tuple[DocumentView, ...]:
    return tuple(DocumentView(wording.document_line(d, lang), _text(d.hint, lang))
                 for d in docs)


def _office(o: Office, lang: str) -> OfficeView:
    if o.placeholder:
        return OfficeView(o.name.get(lang), True)
    return OfficeView(o.name.get(lang), False, o.address or "", _text(o.hours, lang),
                      o.phone or "")


def _channel(c: Channel, w: guidance.Where, lang: str) -> ChannelView:
    """One channel: its time, and where its application goes (:func:`procgen.guidance.where`,
    the assistant's words too)."""
    name, time = say(c.name, lang), wording.channel_time(c, lang)
    if w.url is not None:
        from procgen.targets.guide.qr import qr_svg

        return ChannelView(name, time, url=w.url, qr=qr_svg(w.url))
    if w.offices:
        return ChannelView(name, time, offices=tuple(_office(o, lang) for o in w.offices))
    return ChannelView(name, time, wording.sentence(w.said) + ".")


def _deciders(p: Procedure, lang: str) -> tuple[DeciderView, ...]:
    titles: dict[str, str] = {d.id: d.title.get(lang) for d in p.documents}
    labels: dict[str, str] = {f.id: f.label.get(lang) for f in p.fees_in_force}
    out = []
    for d in guidance.deciding(p):  # a fee's windows share its label: said once
        items = list(dict.fromkeys([titles[x] for x in d.documents]
                                   + [labels[x] for x in d.fees if x in labels]))
        out.append(DeciderView(d.field.label.get(lang),
                               say("guide_decides", lang, items="; ".join(items))))
    return tuple(out)


def guide_view(p: Procedure, settings: Settings, lang: str, facts: LocalFacts) -> GuideView:
    """What the guide of ``p`` shows in ``lang``; on a locality's own site (``facts.site``)
    with that locality's amounts and offices, nationally with what the fee table says of a
    fee each province sets (its range, never a table of the provinces)."""
    place = facts.the_place
    lists = guidance.checklist(p)
    fees = tuple(
        FeeRow(f.label.get(lang), "; ".join(wording.fee_notes(f, lang)), tuple(
            wording.fee_amount(f, lang, place, site=facts.site) if c.name in f.channels
            else say("fee_not_due", lang) for c in p.channels))
        for f in p.fees_in_force)
    return GuideView(
        lang=lang, ui=wording.words(lang), csp=CSP,
        title=p.title.get(lang),
        portal=_text(settings.portal_name, lang) or say("portal", lang),
        code=p.code or "", agency=_text(p.agency, lang),
        site=(say("local_api_site", lang, name=place.name.get(lang))
              if place is not None and facts.depends else ""),
        by_province=say("local_pick_hint", lang) if facts.depends and not facts.site else "",
        online_status=wording.online_status(p, lang),
        always=_documents(lists.always, lang),
        optional=_documents(lists.optional, lang),
        situations=tuple(SituationView(say("guide_when", lang, when=condition(s.when, p, lang)),
                                       _documents(s.documents, lang))
                         for s in lists.situations),
        channels=tuple(_channel(c, w, lang) for c, w in zip(
            p.channels, guidance.where(p, settings, lang, place), strict=True)),
        fees=fees,
        deciders=_deciders(p, lang),
        made_from=say("guide_made_from", lang, id=p.id, revision=p.revision),
    )
