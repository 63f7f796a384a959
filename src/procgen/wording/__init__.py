"""procgen's own words, in one catalogue: what every target says to users, in vi and en.

The web form, the mobile screens and the OpenAPI rules read their chrome and their messages
here (:mod:`procgen.wording.catalogue` holds the data), so one purpose has one wording on every
target. The author's words win where the DSL lets the author word something: a procedure's
``declaration``, a group's ``entry_label`` and a field's ``messages`` (``docs/wording.md``).

``procgen diff``'s report reads its ``diff_…`` words here too, and the commands their own
(``build_…``, ``quote_…``, ``diff_cmd_…``), in English for now (:func:`tell`).

A language the catalogue does not know is written in English (the targets warn: PG501, PG560).

>>> say("submit", "vi"), say("submit", "en")
('Nộp hồ sơ', 'Submit application')
>>> from procgen.diagnostics import Span
>>> from procgen.model.ir import Field, FieldId, Text
>>> name = Field(FieldId("full_name"), "text", Text((("vi", "Họ và tên"), ("en", "Full name")),
...              "vi"), Span("p.yaml", 1, 1), max_length=50)
>>> field_message(name, "err_required", "vi"), field_message(name, "err_required", "en")
('Nhập họ và tên', 'Enter full name')
>>> field_message(name, "err_max_length", "vi", n=50)
'Họ và tên không được quá 50 ký tự'
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from procgen.wording.catalogue import DATABASES, TEXTS

if TYPE_CHECKING:
    from procgen.model.ir import Channel, Document, Duration, Fee, Field, LocalAmount, Procedure
    from procgen.model.local import Local

__all__ = [
    "AUTHOR_KEY",
    "DATABASES",
    "LANGUAGES",
    "TEXTS",
    "add_entry",
    "database",
    "day",
    "declaration",
    "document_line",
    "document_messages",
    "duration",
    "entry_name",
    "fee_amount",
    "field_message",
    "field_messages",
    "file_type_name",
    "inline",
    "local_amount",
    "money",
    "number",
    "online_status",
    "problem_messages",
    "rule_message",
    "say",
    "sentence",
    "tell",
    "words",
]

LANGUAGES: tuple[str, ...] = ("vi", "en")
"""The languages the catalogue is written in (every key has every one)."""
FALLBACK = "en"
_CLI = {"lang": "en"}
"""The language procgen's command line speaks (diagnostics, summaries, errors): set once per
run by the command line (``--lang``, then ``PROCGEN_LANG``, then the project's
``default_language``; :func:`procgen.cli.choose_language`)."""


def cli_language() -> str:
    """The language the command line speaks in this run."""
    return _CLI["lang"]


def set_cli_language(lang: str) -> None:
    """Speak ``lang`` (one of :data:`LANGUAGES`) for the rest of this run."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _CLI["lang"] = lang

_TABLES: dict[str, dict[str, str]] = {
    lang: {key: texts[lang] for key, texts in TEXTS.items()} for lang in LANGUAGES
}

AUTHOR_KEY: dict[str, str] = {
    "err_required": "required", "err_required_choice": "required",
    "err_required_file": "required",
    "err_type": "format", "err_integer": "format", "err_number": "format", "err_date": "format",
    "err_email": "format", "err_phone": "format", "err_national_id": "format",
    "err_pattern": "format",
    "err_min": "min", "err_date_min": "min", "err_max": "max", "err_date_max": "max",
    "err_min_length": "min_length", "err_min_items": "min_length",
    "err_max_length": "max_length", "err_max_items": "max_length",
    "err_min_entries": "entries", "err_max_entries": "entries",
}
"""Message key → the field's ``messages`` key (:data:`procgen.model.ir.MESSAGE_KEYS`) that
rewords it. ``err_option``, ``err_constraint`` (``constraint_message``) and the file messages
have none."""


def words(lang: str) -> dict[str, str]:
    """Every text of the catalogue in ``lang`` (English when the catalogue does not have it)."""
    return _TABLES.get(lang, _TABLES[FALLBACK])


def say(key: str, lang: str, **params: object) -> str:
    """The text ``key`` in ``lang`` with its ``{placeholders}`` filled from ``params``.

    A parameter worded per language (a diagnostics ``Phrase``, such as a "did you mean") is
    said in ``lang``.
    """
    template = words(lang)[key]
    if not params:
        return template
    return template.format(**{k: v.said(lang) if hasattr(v, "said") else v
                              for k, v in params.items()})


def tell(key: str, **params: object) -> str:
    """What the command line says for ``key``: :func:`say` in :func:`cli_language`.

    >>> tell("build_failed", out="generated")
    'build failed: nothing written to generated'
    """
    return say(key, cli_language(), **params)


def database(slug: str, lang: str) -> str:
    """A state database's readable name; an unknown one is named by its id.

    >>> database("land-database", "vi"), database("new-registry", "vi")
    ('Cơ sở dữ liệu đất đai', 'cơ sở dữ liệu “new-registry”')
    """
    names = DATABASES.get(slug)
    if names:
        return names.get(lang, names[FALLBACK])
    return say("database_unknown", lang, slug=slug)


def rule_message(key: str, languages: tuple[str, ...]) -> dict[str, str]:
    """An API rule's message that names no field (``when``, ``when_document``), every language."""
    return {lang: say(f"rule_{key}", lang) for lang in languages}


def _title_word(word: str) -> bool:
    """Capitalised like an ordinary word at a sentence's start: ``Họ``, ``Date`` (not ``CCCD``,
    ``ID``, ``iPhone``, ``A1``)."""
    letters = [c for c in word if c.isalpha()]
    return (bool(letters) and letters[0].isupper() and all(c.islower() for c in letters[1:])
            and not any(c.isdigit() for c in word))


@lru_cache(maxsize=4096)
def inline(label: str) -> str:
    """``label`` as it reads inside a sentence: its first letter lowered, unless it is a name.

    The first letter is lowered when the first word is capitalised like an ordinary word
    (``Họ và tên`` → ``họ và tên``, ``Date of birth`` → ``date of birth``). It is kept when the
    first word is an acronym or holds a digit (``CCCD``, ``ID``, ``A1``), or when the second
    word is capitalised too, which is how Vietnamese and English write proper nouns (``Hà Nội``,
    ``Việt Nam``, ``New Zealand``). A proper noun of one word (``Vietnamese``) cannot be told
    apart: its author words the message with ``messages``.

    >>> inline("Họ và tên"), inline("CCCD của bạn"), inline("Hà Nội nơi ở"), inline("Số CCCD")
    ('họ và tên', 'CCCD của bạn', 'Hà Nội nơi ở', 'số CCCD')
    """
    parts = label.split()
    if not parts or not _title_word(parts[0]):
        return label
    if len(parts) > 1 and _title_word(parts[1]):
        return label
    i = next(i for i, c in enumerate(label) if c.isalpha())
    return label[:i] + label[i].lower() + label[i + 1:]


def sentence(label: str) -> str:
    """``label`` as it starts a sentence: its first letter upper-cased."""
    return label[:1].upper() + label[1:]


def number(value: int | float, lang: str) -> str:
    """A number as each language writes it: ``10.000`` and ``0,5`` in vi, ``10,000`` and
    ``0.5`` in en.

    >>> number(10000, "vi"), number(0.5, "vi"), number(10000, "en"), number(2.0, "en")
    ('10.000', '0,5', '10,000', '2')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}"
    return text.translate(_VI_DIGITS) if lang == "vi" else text


_VI_DIGITS = str.maketrans(",.", ".,")


def money(amount: int, lang: str) -> str:
    """Whole đồng, grouped the way each language writes them.

    >>> money(50000, "vi"), money(50000, "en")
    ('50.000 ₫', '50,000 ₫')
    """
    return number(amount, lang) + " ₫"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def day(iso: str, lang: str) -> str:
    """A ``YYYY-MM-DD`` day as people read it: ``01/02/2026`` in vi, ``1 February 2026`` in en.

    >>> day("2026-02-01", "vi"), day("2026-02-01", "en")
    ('01/02/2026', '1 February 2026')
    """
    year, month, date = iso.split("-")
    if lang == "vi":
        return f"{date}/{month}/{year}"
    return f"{int(date)} {_MONTHS[int(month) - 1]} {year}"


def named(f: Field, lang: str) -> str:
    """A field's label as messages name it: with the heading of its block's use, when that has
    one, so two uses of one block are told apart ("Enter house number (building site)").

    The field's own label, where it is asked, stays as written: the heading is above it.
    """
    label = f.label.get(lang)
    if f.section is not None:
        return say("label_under", lang, label=label, heading=inline(f.section.get(lang)))
    return label


def field_message(f: Field, key: str, lang: str, **params: object) -> str:
    """What procgen says about field ``f`` for message ``key`` (``err_…``) in ``lang``.

    The author's ``messages`` win (:data:`AUTHOR_KEY`); otherwise the catalogue's words, with
    ``{Label}`` and ``{label}`` filled from the field's label (:func:`sentence`,
    :func:`inline`) and the other placeholders from ``params``, written as the language writes
    them: a money bound as money, a number grouped, a date as a day (:func:`number`,
    :func:`money`, :func:`day`).
    """
    own = f.message(AUTHOR_KEY[key]) if key in AUTHOR_KEY else None
    if own is not None:
        return own.get(lang)
    label = named(f, lang)
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            bound = name in ("min", "max") and f.kind == "money"
            shown[name] = money(int(value), lang) if bound else number(value, lang)
        elif isinstance(value, str) and name in ("min", "max") and f.kind == "date":
            shown[name] = day(value, lang)
        else:
            shown[name] = value
    return say(key, lang, Label=sentence(label), label=inline(label), **shown)


_SHOWN_AS: dict[str, str] = {
    "err_required": "required", "err_required_choice": "required",
    "err_integer": "format", "err_number": "format", "err_date": "format",
    "err_email": "format", "err_phone": "format", "err_national_id": "format",
    "err_min": "min", "err_date_min": "min", "err_max": "max", "err_date_max": "max",
    "err_min_length": "min_length", "err_max_length": "max_length",
    "err_min_items": "min_items", "err_max_items": "max_items",
    "err_min_entries": "min_items", "err_max_entries": "max_items", "err_pattern": "pattern",
}
"""Answer-problem key → the check it is shown for in the app's ``messages`` and the page's
``data-msg-…`` attributes (a group's missing entries are its ``required`` too)."""

_SHOWN_ORDER = ("required", "format", "pattern", "min", "max", "min_length", "max_length",
                "min_items", "max_items")


def field_messages(f: Field, lang: str) -> dict[str, str]:
    """Every message field ``f`` can need, keyed as the app's ``messages`` and the web page's
    ``data-msg-…`` attributes are: ``required``, ``format``, ``pattern``, ``min``, ``max``,
    ``min_length``, ``max_length``, ``min_items``, ``max_items``.

    The same texts as :func:`problem_messages` (which the web runtime reads), re-keyed: only
    the checks the field has are there, in that order.
    """
    by_problem = problem_messages(f, lang)
    shown: dict[str, str] = {}
    for key, said in by_problem.items():
        if key in _SHOWN_AS:
            shown.setdefault(_SHOWN_AS[key], said)
    if f.kind == "group":
        shown["required"] = by_problem["err_min_entries"]
        if not f.repeat.min:
            shown.pop("min_items", None)
    return {key: shown[key] for key in _SHOWN_ORDER if key in shown}


def file_type_name(mime: str) -> str:
    """A media type as people call it: ``PDF``, ``JPEG`` (else its subtype, upper-cased)."""
    return {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}.get(
        mime, mime.rsplit("/", 1)[-1].upper())


def document_messages(d: Document, lang: str) -> dict[str, str]:
    """What the form and the app say about an upload: ``required``, ``file_type`` and, with a
    size limit, ``file_size``, the document's title in place."""
    title = d.title.get(lang)
    names = {"Label": sentence(title), "label": inline(title)}
    out = {"required": say("err_required_file", lang, **names),
           "file_type": say("err_file_type", lang, **names,
                            types=", ".join(file_type_name(t) for t in d.accept) or "*")}
    if d.max_size_mb is not None:
        size = d.max_size_mb
        out["file_size"] = say("err_file_size", lang, **names,
                               size=int(size) if float(size).is_integer() else size)
    return out


_MEMO: dict[tuple[int, str], tuple[Field, dict[str, str]]] = {}
"""problem_messages per (field, language): the web runtime, the page, the app and the API all
ask for the same field's texts; they are worded once. The field is kept beside its texts, so
its ``id()`` cannot be reused while the entry lives; the memo is emptied when it grows."""


def problem_messages(f: Field, lang: str) -> dict[str, str]:
    """Every message field ``f`` can need, keyed by the answer problem's key (``err_…``,
    :func:`procgen.model.answer.problems`), each ready to show (see :func:`_problem_messages`).

    Shared: do not change the dict returned.
    """
    hit = _MEMO.get((id(f), lang))
    if hit is not None and hit[0] is f:
        return hit[1]
    if len(_MEMO) > 4096:
        _MEMO.clear()
    said = _problem_messages(f, lang)
    _MEMO[(id(f), lang)] = (f, said)
    return said


def _problem_messages(f: Field, lang: str) -> dict[str, str]:
    """Every message field ``f`` can need, keyed by the answer problem's key (``err_…``,
    :func:`procgen.model.answer.problems`), each ready to show: the author's words or the
    catalogue's, the label and the field's bounds in place.

    The web runtime looks a problem's key up in a field's ``messages`` before the page's
    table; these are the same texts as :func:`field_messages` (the app's and the page's).
    """
    from procgen.model.answer import possible_problems

    keys = possible_problems(f)
    out = {key: field_message(f, key, lang, **params) for key, params in keys.items()}
    if f.constraint is not None:
        out["err_constraint"] = (f.constraint_message.get(lang) if f.constraint_message
                                 else field_message(f, "err_constraint", lang))
    return out


def fee_notes(fee: Fee, lang: str) -> list[str]:
    """What the fee table says under a fee's name, and the catalogue in its description:
    that it applies only in some cases, its validity window, each exemption."""
    notes: list[str] = []
    if fee.when is not None:
        notes.append(say("fee_conditional", lang))
    if fee.valid_from or fee.valid_until:
        notes.append(say("valid_window", lang, start=fee.valid_from or "…",
                         end=fee.valid_until or "…"))
    for e in fee.exemptions:
        who = e.label.get(lang)
        limits = []  # on some channels, in a window: said after who
        if e.channels:
            names = ", ".join(say(c, lang).lower() for c in e.channels)
            limits.append(say("exempt_channels", lang, channels=names))
        if e.valid_from or e.valid_until:
            limits.append(say("valid_window", lang, start=e.valid_from or "…",
                              end=e.valid_until or "…"))
        notes.append(say("exempt_when", lang, who=who, when="; ".join(limits)) if limits
                     else say("exempt", lang, who=who))
    return notes


def channel_time(c: Channel, lang: str) -> str:
    """A channel's processing time as citizens read it: its time, then each case's, as the
    web page, the printed guide, the app and the guidance all say it.

    >>> from procgen.diagnostics import Span
    >>> from procgen.model.ir import Channel, Duration
    >>> channel_time(Channel("online", Duration("working_days", 3), Span("f", 1, 1)), "vi")
    '3 ngày làm việc'
    """
    return "; ".join([duration(c.processing_time, lang), *(
        say("time_case", lang, time=duration(x.time, lang), case=x.label.get(lang))
        for x in c.time_cases)])


def duration(d: Duration, lang: str) -> str:
    """``3 ngày làm việc``, ``1 working day``, ``1,5 giờ``, ``10 ngày`` (calendar days).

    >>> from procgen.model.ir import Duration
    >>> duration(Duration("working_days", 1), "en"), duration(Duration("hours", 1.5), "vi")
    ('1 working day', '1,5 giờ')
    >>> duration(Duration("days", 10), "vi"), duration(Duration("days", 1), "en")
    ('10 ngày', '1 day')
    """
    if d.value == 1:
        return say(f"{d.unit}_one", lang)
    return say(d.unit, lang, n=number(d.value, lang))


def fee_amount(fee: Fee, lang: str, place: Local | None = None, *, site: bool = False) -> str:
    """A fee's amount as a citizen reads it before answering: the amount, on a locality's
    own site (``site``) the amount ``place`` sets, else that the province sets it (within
    its range) or that it depends on the answers. The web fee table, the catalogue, the
    assistant and the printed guide all say it so."""
    if isinstance(fee.amount, int):
        return money(fee.amount, lang)
    if fee.set_by_locality and site:
        return local_amount(place.amount(fee.id) if place else None, lang)
    if fee.set_by_locality and fee.range:
        return say("fee_set_by_locality", lang, min=money(fee.range[0], lang),
                   max=money(fee.range[1], lang))
    return say("fee_depends", lang)


def local_amount(amount: LocalAmount | None, lang: str) -> str:
    """A locality's amount: a placeholder is never shown as a fee, a missing one is unknown."""
    if amount is None:
        return say("fee_unknown", lang)
    if amount.placeholder:
        return say("local_fee_placeholder", lang)
    return money(amount.amount, lang)


def document_line(d: Document, lang: str) -> str:
    """One line of "what you need": the title, how it is provided, counts and conditions
    (the app's list, the assistant's checklist and the printed guide)."""
    how = {"upload": "doc_upload", "present": "doc_present", "held_by_state": "doc_held",
           "form": "doc_form"}[d.provided]
    parts = [say(how, lang, database=database(d.held_by_state or "", lang))]
    if d.originals or d.copies:
        parts.append(say("doc_counts", lang, originals=d.originals, copies=d.copies))
    if d.uploadable and d.accept:
        parts.append(say("doc_types", lang,
                         types=", ".join(file_type_name(t) for t in d.accept)))
    if d.uploadable and d.max_size_mb is not None:
        parts.append(say("doc_size", lang, mb=str(d.max_size_mb).removesuffix(".0")))
    if d.required is False:
        parts.append(say("doc_optional", lang))
    elif d.when is not None or not isinstance(d.required, bool):
        parts.append(say("doc_conditional", lang))
    return f"{d.title.get(lang)}: {'; '.join(parts)}"


def online_status(procedure: Procedure, lang: str) -> str:
    """Whether the procedure is fully online and, when not, why
    (:attr:`procgen.model.ir.Procedure.online_obstacles`): the pages, the app, the
    assistant and the guide say the same."""
    obstacles = procedure.online_obstacles
    if obstacles is None:
        return say("fully_online", lang)
    if obstacles.no_online_channel:
        return say("no_online", lang)
    reasons = []
    if obstacles.steps:
        reasons.append(say("reason_steps", lang,
                           steps=", ".join(s.title.get(lang) for s in obstacles.steps)))
    if obstacles.documents:
        reasons.append(say("reason_documents", lang,
                           documents=", ".join(d.title.get(lang) for d in obstacles.documents)))
    if obstacles.fees:
        reasons.append(say("reason_fees", lang,
                           fees=", ".join(f.label.get(lang) for f in obstacles.fees)))
    if obstacles.result_in_person:
        reasons.append(say("reason_result", lang))
    return say("not_fully_online", lang, reasons="; ".join(reasons))


def declaration(procedure: Procedure, lang: str) -> str:
    """The sworn statement shown with the submit button: the author's, else the catalogue's."""
    if procedure.declaration is not None:
        return procedure.declaration.get(lang)
    return say("declaration", lang)


def entry_name(group: Field, lang: str) -> str:
    """What one entry of ``group`` is called: its ``entry_label``, else its label inside a
    sentence."""
    if group.entry_label is not None:
        return group.entry_label.get(lang)
    return inline(group.label.get(lang))


def add_entry(group: Field, lang: str) -> str:
    """The "add one more" button: "Thêm con" / "Add a child" with an ``entry_label``, else
    "Thêm …" / "Add an entry to …" naming the group.

    English puts "a" or "an" before the entry's name, by its first letter (a vowel: "an").
    """
    if group.entry_label is None:
        return say("add_entry_to", lang, label=inline(group.label.get(lang)))
    name = entry_name(group, lang)
    if lang == "en":
        name = ("an " if name[:1].lower() in "aeiou" else "a ") + name
    return say("add_entry", lang, entry=name)


def form_code(code: str, lang: str) -> str:
    """A form's code as a document names it: "Mẫu TK-01" / "Form TK-01", but a code that
    already says it is a form ("Mẫu số 01", "Biểu mẫu 2A", "Tờ khai 01", "Form 2") is written
    as it is, never "Mẫu Mẫu số 01".

    >>> form_code("TK-01", "vi"), form_code("Mẫu số 01", "vi"), form_code("mẫu 02", "en")
    ('Mẫu TK-01', 'Mẫu số 01', 'mẫu 02')
    """
    words = code.split(maxsplit=1)
    form_words = {say("template", other).casefold() for other in ("vi", "en")} | {"biểu", "tờ"}
    if words and words[0].casefold() in form_words:
        return code
    return f"{say('template', lang)} {code}"
