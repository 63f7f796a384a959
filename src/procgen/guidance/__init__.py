"""What a citizen asks about a procedure, answered once from the model and the wording.

The assistant target (``assistant/<id>.json``), the start page's schema.org ``FAQPage`` and
the printed one-stop guide all read these; none words a question or an answer of its own, so
the chatbot, the search result and the paper a desk officer hands over say the same:

* :func:`checklist` — the documents always needed, the optional ones, and those one
  situation (a ``when``) asks for, grouped by situation;
* :func:`where` — where each channel's application goes;
* :func:`deciding` — the questions whose answers decide which documents and fees apply (the
  eligibility questions: the fields that the conditions and amounts read);
* :func:`questions` — the questions people ask (what documents, how much, how long, where,
  is it fully online, what decides it; how much and where in each province), each with its
  answer in one language.

Every fact is the model's (:class:`~procgen.model.ir.Procedure`, its
:class:`~procgen.model.local.LocalFacts`) and every word the catalogue's
(:mod:`procgen.wording`, :func:`procgen.wording.conditions.condition`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from procgen import wording
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.expr.ast import Expr
    from procgen.model.ir import Document, Fee, Field, Office, Procedure, Settings
    from procgen.model.local import Local, LocalFacts

__all__ = ["Checklist", "Decider", "Question", "Situation", "Where", "checklist", "deciding",
           "online_url", "questions", "where"]


class Question(Struct, frozen=True):
    id: str
    """Stable across languages and builds: ``documents``, ``fees``, ``time``, ``where``,
    ``online``, ``deciding``, ``province/<locality id>``."""
    question: str
    answer: str


class Situation(Struct, frozen=True):
    """Documents asked for only when one condition holds."""

    when: Expr
    documents: tuple[Document, ...]


class Checklist(Struct, frozen=True):
    always: tuple[Document, ...]
    """Required whatever the answers."""
    optional: tuple[Document, ...]
    """Never required, asked whatever the answers."""
    situations: tuple[Situation, ...]
    """One per distinct condition (a ``when``, else a ``required`` expression), in document
    order."""


class Decider(Struct, frozen=True):
    """A question whose answer decides documents or fees."""

    field: Field
    documents: tuple[str, ...]
    fees: tuple[str, ...]


def checklist(procedure: Procedure) -> Checklist:
    always: list[Document] = []
    optional: list[Document] = []
    by_condition: dict[str, tuple[Expr, list[Document]]] = {}
    for d in procedure.documents:
        condition = d.when if d.when is not None else (
            d.required if not isinstance(d.required, bool) else None)
        if condition is not None:
            by_condition.setdefault(condition.source, (condition, []))[1].append(d)
        elif d.required is False:
            optional.append(d)
        else:
            always.append(d)
    return Checklist(tuple(always), tuple(optional),
                     tuple(Situation(when, tuple(docs)) for when, docs in by_condition.values()))


def deciding(procedure: Procedure) -> tuple[Decider, ...]:
    """The top-level questions the documents' and fees' conditions and amounts read, in form
    order, each with what it decides."""
    out = []
    for f in procedure.fields:
        docs = tuple(d.id for d in procedure.documents if f.id in d.reads)
        fees = tuple(x.id for x in procedure.fees if f.id in x.reads)
        if docs or fees:
            out.append(Decider(f, docs, fees))
    return tuple(out)


def online_url(procedure: Procedure, settings: Settings, lang: str) -> str | None:
    """The online form's address, when the pages' address is known (``base_url``)."""
    if "online" not in procedure.channel_names:
        return None
    return settings.page_url(procedure.id, lang)


def questions(procedure: Procedure, settings: Settings, lang: str,
              facts: LocalFacts) -> tuple[Question, ...]:
    """The questions people ask about ``procedure`` and their answers in ``lang``; on a
    locality's own site (``facts.site``) with its amounts and offices, nationally with one
    ``province/<id>`` question per locality whose amounts or offices differ."""
    p = procedure
    place = facts.the_place
    out = [
        Question("documents", say("q_documents", lang), _documents(p, lang)),
        Question("fees", say("q_fees", lang), _fees(p, lang, place, site=facts.site)),
        Question("time", say("q_time", lang), " ".join(
            say("a_channel", lang, channel=say(c.name, lang),
                text=wording.channel_time(c, lang)) for c in p.channels)),
        Question("where", say("q_where", lang), _where(p, settings, lang, place)),
        Question("online", say("q_online", lang), wording.online_status(p, lang)),
    ]
    deciders = deciding(p)
    if deciders:
        out.append(Question("deciding", say("q_deciding", lang), say(
            "a_deciding", lang, labels="; ".join(d.field.label.get(lang) for d in deciders))))
    if facts.depends and not facts.site:
        for local in facts.places:
            out.append(Question(f"province/{local.id}",
                                say("q_province", lang, province=local.name.get(lang)),
                                _province(p, lang, local)))
    return tuple(out)


def _titles(docs: tuple[Document, ...] | list[Document], lang: str) -> str:
    return "; ".join(d.title.get(lang) for d in docs)


def _documents(p: Procedure, lang: str) -> str:
    from procgen.wording.conditions import condition

    lists = checklist(p)
    held = [d for d in p.documents if d.held_by_state]
    said = []
    if brought := [d for d in lists.always if not d.held_by_state]:
        said.append(say("a_documents_always", lang, items=_titles(brought, lang)))
    if optional := [d for d in lists.optional if not d.held_by_state]:
        said.append(say("a_documents_optional", lang, items=_titles(optional, lang)))
    for s in lists.situations:
        if docs := [d for d in s.documents if not d.held_by_state]:
            said.append(say("a_documents_when", lang, when=condition(s.when, p, lang),
                            items=_titles(docs, lang)))
    if held:
        said.append(say("a_documents_held", lang, items=_titles(held, lang)))
    return " ".join(said) or say("no_documents", lang)


def _fee_item(fee: Fee, lang: str, amount: str) -> str:
    notes = wording.fee_notes(fee, lang)
    item = say("a_fee", lang, label=fee.label.get(lang), amount=amount)
    return f"{item} ({'; '.join(notes)})" if notes else item


def _fees(p: Procedure, lang: str, place: Local | None, *, site: bool) -> str:
    """Per channel, each fee charged there (with ``site``, ``place``'s own amounts)."""
    if not p.fees:
        return say("no_fees", lang)
    said = []
    for c in p.channels:
        items = [_fee_item(f, lang, wording.fee_amount(f, lang, place, site=site))
                 for f in p.fees if c.name in f.channels]
        said.append(say("a_channel", lang, channel=say(c.name, lang),
                        text="; ".join(items) if items else say("a_no_fee", lang)))
    return " ".join(said)


def _office(o: Office, lang: str) -> str:
    if o.placeholder:
        return say("a_office_placeholder", lang, name=o.name.get(lang))
    details = [x for x in (o.address, o.hours.get(lang) if o.hours else None, o.phone) if x]
    return f"{o.name.get(lang)} ({'; '.join(details)})" if details else o.name.get(lang)


class Where(Struct, frozen=True):
    """Where one channel's application goes."""

    channel: str
    said: str
    """In words, inside a sentence: "trên cổng dịch vụ công", "tại Ủy ban nhân dân cấp xã"."""
    url: str | None = None
    """Online, the form's address (with ``base_url``)."""
    offices: tuple[Office, ...] = ()
    """In person, on a locality's own site: its offices (``said`` names them)."""


def where(p: Procedure, settings: Settings, lang: str, place: Local | None) -> tuple[Where, ...]:
    """Where to apply on each channel: online the form's address or the portal, in person
    the locality's offices (on its site) or the agency, by post the agency. The assistant's
    and the FAQ's answer and the printed guide say this."""
    agency = p.agency.get(lang) if p.agency else say("a_agency_unnamed", lang)
    out = []
    for c in p.channels:
        if c.name == "online":
            url = online_url(p, settings, lang)
            portal = settings.portal_name.get(lang) if settings.portal_name else None
            out.append(Where(c.name, say("a_where_online_url", lang, url=url), url) if url
                       else Where(c.name, say("a_where_online", lang, portal=portal or
                                              wording.inline(say("portal", lang)))))
        elif c.name == "in_person" and place is not None and place.offices:
            out.append(Where(c.name, say("a_where_offices", lang, offices="; ".join(
                _office(o, lang) for o in place.offices)), offices=place.offices))
        elif c.name == "in_person":
            out.append(Where(c.name, say("a_where_in_person", lang, agency=agency)))
        else:
            out.append(Where(c.name, say("a_where_postal", lang, agency=agency)))
    return tuple(out)


def _where(p: Procedure, settings: Settings, lang: str, place: Local | None) -> str:
    return " ".join(say("a_channel", lang, channel=say(w.channel, lang), text=w.said)
                    for w in where(p, settings, lang, place))


def _province(p: Procedure, lang: str, local: Local) -> str:
    said = [say("a_province_fees", lang, province=local.name.get(lang),
                fees=_fees(p, lang, local, site=True))]
    if local.offices and "in_person" in p.channel_names:
        said.append(say("a_channel", lang, channel=say("in_person", lang), text=say(
            "a_where_offices", lang, offices="; ".join(_office(o, lang) for o in local.offices))))
    return " ".join(said)
