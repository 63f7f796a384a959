"""The small view model the web templates render: plain strings and flags, no IR, no logic.

:func:`page_view` turns one procedure into a :class:`PageView` for one language. Everything
the templates show is a ``str`` here, still unescaped: escaping is the template engine's job
(autoescape), so procedure text is shown literally wherever it lands.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from msgspec import Struct

from procgen import wording
from procgen.guidance import questions
from procgen.model.ir import (
    Document,
    Fee,
    Field,
    Office,
    Procedure,
    Settings,
    Step,
)
from procgen.model.local import LocalFacts
from procgen.targets.web import i18n
from procgen.targets.web.i18n import text
from procgen.targets.web.structured import faq_page, government_service, script_text
from procgen.wording import database

if TYPE_CHECKING:
    from procgen.model.local import Local

INDEX = "__i__"
"""Placeholder for a repeat-group entry's index in ids and names (the runtime replaces it)."""

INPUT_TYPES: dict[str, tuple[str, str]] = {
    # kind: (input type, inputmode)
    "text": ("text", ""), "email": ("email", "email"), "phone": ("tel", "tel"),
    "national_id": ("text", "numeric"), "integer": ("text", "numeric"),
    "number": ("text", "decimal"), "money": ("text", "numeric"), "date": ("date", ""),
}

_AUTOCOMPLETE = {  # only for fields about the person filling in the form (WCAG 1.3.5)
    "full_name": "name", "date_of_birth": "bday", "phone": "tel", "email": "email",
    "address": "street-address",
}
_SELF_BLOCKS = ("applicant", "person", "contact", "representative")


class OptionView(Struct, frozen=True):
    value: str
    label: str
    dom_id: str
    checked: bool


class FieldView(Struct, frozen=True):
    """One question. ``dom_id``/``name`` hold :data:`INDEX` inside a repeat-group template."""

    id: str
    kind: str
    dom_id: str
    name: str
    label: str
    hint: str
    prefill: str
    required: bool
    optional: bool
    value: str
    options: tuple[OptionView, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[FieldView, ...] = ()
    entries: tuple[tuple[FieldView, ...], ...] = ()
    repeat_min: int = 0
    repeat_max: int = 0
    add_label: str = ""
    entry_name: str = ""
    """A group: what one entry is called ("con"), in remove buttons; ``entry_title`` ("Con")
    starts its entries' legends."""
    entry_title: str = ""

    @property
    def describedby(self) -> str:
        ids = [f"{self.dom_id}-hint"] if self.hint or self.prefill else []
        return " ".join([*ids, f"{self.dom_id}-error"])


class DocumentView(Struct, frozen=True):
    id: str
    dom_id: str
    name: str
    title: str
    hint: str
    counts: str
    upload_note: str
    note: str
    template: str
    required: bool
    optional: bool
    conditional: bool
    accept: str
    limits: str


class PartView(Struct, frozen=True):
    """Consecutive questions of a step under one heading: a block's use with a ``heading``
    is a fieldset with it as legend; ``heading`` is empty for the others."""

    heading: str
    dom_id: str
    fields: tuple[FieldView, ...]


class StepView(Struct, frozen=True):
    id: str
    dom_id: str
    number: int
    title: str
    description: str
    parts: tuple[PartView, ...]
    documents: tuple[DocumentView, ...]


class FeeView(Struct, frozen=True):
    id: str
    label: str
    cells: tuple[str, ...]
    notes: tuple[str, ...]
    local: bool = False
    """Set by the locality: the runtime shows the chosen province's amount in its cells."""
    channels: tuple[str, ...] = ()
    """The channel of each cell ("" where the fee is not charged)."""


class OfficeView(Struct, frozen=True):
    """Where to go in person; a placeholder office shows its name and that the rest is to be
    confirmed, never a made-up address."""

    name: str
    placeholder: bool
    address: str = ""
    hours: str = ""
    phone: str = ""
    url: str = ""
    map: str = ""


class LocalView(Struct, frozen=True):
    """What the start page shows of the localities."""

    picker: tuple[tuple[str, str], ...] = ()
    """``(locality id, name)`` for the province picker (no locality question, not a site)."""
    fee_labels: tuple[str, ...] = ()
    by_province: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The no-JS table of each province's amounts: ``(name, amount per local fee)``."""
    offices: tuple[OfficeView, ...] = ()
    """A site's offices (shown as they are); nationally, the runtime fills them in."""
    dynamic_offices: bool = False
    """Nationally, some locality lists offices: shown once the province is known."""
    site_name: str = ""


class InfoStep(Struct, frozen=True):
    title: str
    description: str
    duration: str


class LegalView(Struct, frozen=True):
    title: str
    detail: str
    url: str


class PageView(Struct, frozen=True):
    lang: str
    ui: dict[str, str]
    procedure_id: str
    title: str
    summary: str
    description: str
    """The ``<meta name="description">``: the summary on one line, or the title without one."""
    code: str
    agency: str
    portal: str
    csp: str
    action: str
    api: str
    """The API's base address, ``api_base_url`` without a trailing ``/``."""
    alternates: tuple[tuple[str, str, str], ...]
    """The header's language switch: (language, relative link, language name), others only."""
    hreflang: tuple[tuple[str, str], ...]
    """The head's ``<link rel="alternate">`` (hreflang, href): see :func:`head_links`."""
    canonical: str
    channels: tuple[tuple[str, str], ...]
    fees: tuple[FeeView, ...]
    fully_online: bool
    online: bool
    online_status: str
    """Whether it is fully online and why not (:func:`procgen.wording.online_status`)."""
    documents: tuple[DocumentView, ...]
    steps: tuple[StepView, ...]
    after: tuple[InfoStep, ...]
    legal: tuple[LegalView, ...]
    declaration: str
    local: LocalView | None = None
    faq: tuple[tuple[str, str], ...] = ()
    """``(question, answer)``: what :func:`procgen.guidance.questions` answers, less the
    per-province questions (the province table shows those)."""
    structured_data: tuple[str, ...] = ()
    """The schema.org ``GovernmentService`` and ``FAQPage``, each the text of a JSON-LD data
    block (:mod:`.structured`)."""


def page_view(procedure: Procedure, settings: Settings, lang: str,
              facts: LocalFacts | None = None) -> PageView:
    """The view of ``procedure`` in ``lang``; ``facts``: its amounts and offices by locality."""
    ui = i18n.ui(lang)
    place = facts.the_place if facts is not None else None
    pages = procedure.pages
    steps = tuple(
        StepView(p.id, f"step-{p.id}", n, text(p.title, lang), text(p.description, lang),
                 parts(p.fields, lang, ui),
                 tuple(document_view(d, lang, ui) for d in p.documents if d.uploadable))
        for n, p in enumerate(pages, 1)
    )
    api = api_base(settings.api_base_url)
    faq = tuple((q.question, q.answer) for q in questions(
        procedure, settings, lang, facts or LocalFacts((), None))
        if not q.id.startswith("province/"))
    canonical, hreflang = head_links(procedure.id, settings, lang,
                                     site=bool(facts and facts.site))
    return PageView(
        lang=lang, ui=ui, procedure_id=procedure.id, title=text(procedure.title, lang),
        summary=text(procedure.summary, lang), code=procedure.code or "",
        description=one_line(text(procedure.summary, lang) or text(procedure.title, lang)),
        agency=text(procedure.agency, lang),
        portal=text(settings.portal_name, lang) or ui["portal"],
        csp=csp(api), action=f"{settings.api_base_url.rstrip('/')}/procedures/{procedure.id}"
                             "/applications",
        api=settings.api_base_url.rstrip("/"),
        alternates=tuple((other, f"../{other}/{procedure.id}.html",
                          i18n.UI_LANGUAGE_NAMES.get(other, other))
                         for other in settings.languages if other != lang),
        hreflang=hreflang, canonical=canonical,
        channels=tuple((ui.get(c.name, c.name), wording.channel_time(c, lang))
                       for c in procedure.channels),
        fees=tuple(fee_view(f, procedure, lang, place, site=bool(facts and facts.site))
                   for f in procedure.fees),
        fully_online=procedure.fully_online,
        online="online" in procedure.channel_names,
        online_status=wording.online_status(procedure, lang),
        documents=tuple(document_view(d, lang, ui) for d in procedure.documents),
        steps=steps,
        after=tuple(info_step(s, lang, ui) for s in procedure.steps
                    if s.actor != "applicant" or s.is_information),
        legal=tuple(LegalView(text(lb.title, lang),
                              " ".join(x for x in (lb.number or "", _article(lb.article, lang))
                                       if x),
                              lb.url if lb.url and safe_url(lb.url) else "")
                    for lb in procedure.legal_basis),
        declaration=wording.declaration(procedure, lang),
        local=local_view(procedure, facts, lang, ui) if facts and facts.depends else None,
        faq=faq,
        structured_data=(
            script_text(government_service(procedure, settings, lang, url=canonical,
                                           place=place, site=bool(facts and facts.site))),
            script_text(faq_page(faq))),
    )


def head_links(pid: str, settings: Settings, lang: str, *,
               site: bool = False) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The page's canonical address ("" for none) and its ``hreflang`` alternates.

    With ``base_url`` every language's page (this one too) at ``{base_url}/{lang}/{id}.html``,
    then ``x-default`` at the default language's, and the page itself as canonical. Without it,
    or on a locality's own site (published at an address of its own), the other languages'
    pages relatively and no canonical.

    >>> from procgen.model.ir import Settings
    >>> head_links("tiny", Settings(("vi", "en"), "vi", base_url="https://x.gov.vn/tt"), "en")
    ... # doctest: +NORMALIZE_WHITESPACE
    ('https://x.gov.vn/tt/en/tiny.html', (('vi', 'https://x.gov.vn/tt/vi/tiny.html'),
     ('en', 'https://x.gov.vn/tt/en/tiny.html'), ('x-default', 'https://x.gov.vn/tt/vi/tiny.html')))
    >>> head_links("tiny", Settings(("vi", "en"), "vi"), "en")
    ('', (('vi', '../vi/tiny.html'),))
    """
    url = settings.page_url
    if settings.base_url is None or site:
        return "", tuple((other, f"../{other}/{pid}.html")
                         for other in settings.languages if other != lang)
    links = tuple((other, str(url(pid, other))) for other in settings.languages)
    return (str(url(pid, lang)),
            (*links, ("x-default", str(url(pid, settings.default_language)))))


def one_line(words: str) -> str:
    """``words`` with every run of white space (a block scalar's line breaks) one space.

    >>> one_line("Đăng ký khai sinh\\n  cho trẻ em. ")
    'Đăng ký khai sinh cho trẻ em.'
    """
    return " ".join(words.split())


def local_view(procedure: Procedure, facts: LocalFacts, lang: str,
               ui: dict[str, str]) -> LocalView:
    local = [f for f in procedure.fees if f.set_by_locality]
    by_province: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if local and not facts.site:
        by_province = tuple((text(p.name, lang),
                             tuple(wording.local_amount(p.amount(f.id), lang) for f in local))
                            for p in facts.places)
    place = facts.the_place
    return LocalView(
        picker=tuple((p.id, text(p.name, lang)) for p in facts.places) if facts.picker else (),
        fee_labels=tuple(text(f.label, lang) for f in local),
        by_province=by_province,
        offices=tuple(office_view(o, lang) for o in place.offices) if place else (),
        dynamic_offices=not facts.site and any(p.offices for p in facts.places),
        site_name=text(place.name, lang) if place else "",
    )


def office_view(o: Office, lang: str) -> OfficeView:
    if o.placeholder:
        return OfficeView(text(o.name, lang), True)
    return OfficeView(text(o.name, lang), False, o.address or "", text(o.hours, lang),
                      o.phone or "", o.url if o.url and safe_url(o.url) else "",
                      o.map_url if o.map_url and safe_url(o.map_url) else "")


def _article(article: str | None, lang: str) -> str:
    if not article:
        return ""
    return wording.say("article", lang, article=article)


def parts(fields: tuple[Field, ...], lang: str, ui: dict[str, str]) -> tuple[PartView, ...]:
    """A step's questions cut where the heading of their block's use changes."""
    out: list[PartView] = []
    for use, run in groupby(fields, lambda f: f.used if f.section is not None else None):
        out.append(PartView(text(use.heading, lang) if use else "",
                            f"part-{use.name}" if use else "",
                            tuple(field_view(f, lang, ui) for f in run)))
    return tuple(out)


def field_view(f: Field, lang: str, ui: dict[str, str], group: str | None = None) -> FieldView:
    """The view of one field; inside a repeat group its ids and names carry :data:`INDEX`."""
    dom_id = f"f-{group}-{INDEX}-{f.id}" if group else f"f-{f.id}"
    name = f"{group}[{INDEX}][{f.id}]" if group else f.id
    label = text(f.label, lang)
    value = _default(f)
    options = tuple(
        OptionView(str(o.value), text(o.label, lang), f"{dom_id}-{i}",
                   str(o.value) in value.split("\n") if value else False)
        for i, o in enumerate(f.options, 1)
    )
    children: tuple[FieldView, ...] = ()
    entries: tuple[tuple[FieldView, ...], ...] = ()
    rmin = rmax = 0
    add_label = entry_name = ""
    if f.kind == "group":
        children = tuple(field_view(c, lang, ui, f.id) for c in f.children
                         if c.kind != "group")  # PG504: one level of groups
        rmin = f.repeat.min
        rmax = f.repeat.max or 0
        entries = tuple(tuple(entry(c, i) for c in children) for i in range(rmin))
        add_label, entry_name = wording.add_entry(f, lang), wording.entry_name(f, lang)
    return FieldView(
        id=f.id, kind=f.kind, dom_id=dom_id, name=name, label=label,
        hint=text(f.hint, lang),
        prefill=ui["prefill"].format(database=database(f.prefill, lang)) if f.prefill else "",
        required=f.unconditionally_required and f.kind not in ("boolean", "group"),
        optional=f.required is False and f.kind not in ("boolean", "group"),
        value="" if f.kind in ("group", "multichoice") else value,
        options=options, attrs=_attrs(f, lang), children=children, entries=entries,
        repeat_min=rmin, repeat_max=rmax,
        add_label=add_label, entry_name=entry_name, entry_title=wording.sentence(entry_name),
    )


def entry(f: FieldView, index: int) -> FieldView:
    """A repeat-group child for entry ``index`` (0-based) instead of the template's placeholder."""
    from msgspec.structs import replace

    i = str(index)
    return replace(
        f, dom_id=f.dom_id.replace(INDEX, i), name=f.name.replace(INDEX, i),
        options=tuple(replace(o, dom_id=o.dom_id.replace(INDEX, i)) for o in f.options))


def _default(f: Field) -> str:
    d = f.default
    if d is None or isinstance(d, bool):
        return "true" if d is True else ""
    if isinstance(d, tuple):
        return "\n".join(str(x) for x in d)
    return str(d)


def _attrs(f: Field, lang: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if f.kind in INPUT_TYPES:
        kind, mode = INPUT_TYPES[f.kind]
        out.append(("type", kind))
        if mode and kind != mode:
            out.append(("inputmode", mode))
    if f.kind == "date":
        for key in ("min", "max"):
            value = getattr(f, key)
            if value is not None:
                out.append((key, str(value)))
    if f.kind in ("text", "textarea", "email", "phone", "address") and f.max_length:
        out.append(("maxlength", str(f.max_length)))
    if f.kind == "national_id":
        out.append(("maxlength", "12"))
    if f.kind not in ("group", "choice", "multichoice", "boolean", "date"):
        out.append(("spellcheck", "false") if f.kind in INPUT_TYPES and f.kind != "text"
                   else ("spellcheck", "true"))
    auto = _autocomplete(f)
    if auto:
        out.append(("autocomplete", auto))
    return tuple(out)


def _autocomplete(f: Field) -> str:
    """The browser's token for a question about the person filling in the form; a block used
    with a prefix (a co-applicant, a representative's own details) is about someone else."""
    if f.block not in _SELF_BLOCKS or (f.used is not None and f.used.prefix):
        return ""
    for suffix, token in _AUTOCOMPLETE.items():
        if f.id.endswith(suffix):
            return token
    return ""


def document_view(d: Document, lang: str, ui: dict[str, str]) -> DocumentView:
    if d.held_by_state:
        note = ui["held_by_state"].format(database=database(d.held_by_state, lang))
    elif d.present_only:
        note = ui["present_only"]
    elif d.generated_from_form:
        note = ui["generated_from_form"]
    elif d.required is not True:
        note = ui["optional_document"] if d.required is False else ui["conditional_document"]
    else:
        note = ""
    if d.when is not None and d.uploadable and not note:
        note = ui["conditional_document"]
    template = ""
    if d.template:
        template = wording.form_code(d.template.code, lang)
        if d.template.title:
            template += f": {text(d.template.title, lang)}"
    types = ", ".join(wording.file_type_name(t) for t in d.accept)
    limits = ""
    if d.accept or d.max_size_mb:
        limits = ui["file_limit"].format(types=types or "*", size=_num(d.max_size_mb or 0))
        if not d.max_size_mb:
            limits = limits.split(".")[0] + "."
    return DocumentView(
        id=d.id, dom_id=f"d-{d.id}", name=d.id, title=text(d.title, lang), hint=text(d.hint, lang),
        counts=ui["originals_copies"].format(originals=d.originals, copies=d.copies)
        if d.originals or d.copies else "",
        upload_note=ui["upload_original"] if d.originals or not d.copies else ui["upload_copy"],
        note=note, template=template,
        required=d.unconditionally_required, optional=d.required is False,
        conditional=d.when is not None, accept=",".join(d.accept), limits=limits)


def _num(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def fee_view(fee: Fee, procedure: Procedure, lang: str, place: Local | None = None, *,
             site: bool = False) -> FeeView:
    amount = wording.fee_amount(fee, lang, place, site=site)
    cells = tuple(amount if c in fee.channels else "—" for c in procedure.channel_names)
    return FeeView(fee.id, text(fee.label, lang), cells, tuple(wording.fee_notes(fee, lang)),
                   local=fee.set_by_locality and not site,
                   channels=tuple(c if c in fee.channels else "" for c in procedure.channel_names))


def info_step(s: Step, lang: str, ui: dict[str, str]) -> InfoStep:
    return InfoStep(text(s.title, lang), text(s.description, lang),
                    wording.duration(s.duration, lang) if s.duration else "")


def safe_url(url: str) -> bool:
    """Only ``http(s)`` links are rendered as links (never ``javascript:`` and friends).

    >>> safe_url("https://vbpl.vn/x"), safe_url("javascript:alert(1)"), safe_url("http:///x")
    (True, False, False)
    """
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def api_base(url: str) -> str:
    """The CSP source for the API: its origin, or ``'self'`` for a relative base URL.

    >>> api_base("https://api.example.gov.vn/v1"), api_base("/api")
    ('https://api.example.gov.vn', "'self'")
    """
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and _CSP_SAFE(parts.netloc):
        return f"{parts.scheme}://{parts.netloc}"
    return "'self'"


def _CSP_SAFE(netloc: str) -> bool:
    return all(c.isalnum() or c in ".-:[]" for c in netloc)


def csp(api: str) -> str:
    """A Content-Security-Policy that needs no 'unsafe-inline' and allows only the API."""
    connect = "'self'" if api == "'self'" else f"'self' {api}"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"form-action {api}; connect-src {connect}; base-uri 'none'")
