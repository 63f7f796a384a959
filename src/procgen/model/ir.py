"""The frozen, typed intermediate representation every target compiles from.

Built only from validated input by :mod:`procgen.model.builder`. Tuples, not lists; every node
carries the :class:`~procgen.diagnostics.Span` it came from, so targets and the diff can point
back at the YAML. Frozen ``msgspec.Struct`` records give structural ``==`` for golden and diff
tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct

from procgen.diagnostics import CompilerBug, Span
from procgen.model.facts import KINDS, FieldKind, KindFacts, max_bytes
from procgen.source.limits import WINDOWS_DEVICE_NAMES

if TYPE_CHECKING:
    from procgen.expr import Expr

_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_FIELD = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_ID_LENGTH = 64
"""The longest field id (the schema's ``maxLength``; a block's prefix counts too)."""

CHANNELS: tuple[str, ...] = ("online", "in_person", "postal")
RESULTS: tuple[str, ...] = ("electronic", "post", "desk")
"""How a channel hands the result over (``results``), in the order they are kept."""
PAYMENTS: tuple[str, ...] = ("online", "desk", "post")
"""How a fee can be paid (``payment``), in the order they are kept."""
PAID_THROUGH: dict[str, str] = {"online": "online", "in_person": "desk", "postal": "post"}
"""A fee's payment when the file does not say: as the channels it is charged on."""


CONFIDENCES: tuple[str, ...] = ("sourced", "weak", "inferred", "placeholder")
"""How sure a written fact is (``confidence``), surest first; a fact with neither a source nor
a confidence is ``unsourced`` (:attr:`Provenance.level`). Only ``sourced`` is printed as a
plain fact: anything else is marked wherever it is shown."""
LEVELS: tuple[str, ...] = (*CONFIDENCES, "unsourced")


class Source(Struct, frozen=True):
    """Where a published fact comes from: a legal act (a circular, a People's Council
    resolution), the procedure's record code in the National Database on Administrative
    Procedures, and/or the address of the text."""

    act: str | None = None
    url: str | None = None
    record: str | None = None

    def as_dict(self) -> dict[str, str]:
        """What every artifact and ``quote`` print: the parts given, ``act``, ``record``,
        then ``url``."""
        return {k: v for k, v in (("act", self.act), ("record", self.record),
                                  ("url", self.url)) if v}


class Provenance(Struct, frozen=True):
    """How a fee, document, processing time or legal-basis entry is known: its ``source``
    and ``confidence`` as written (docs/dsl.md "Provenance")."""

    source: Source | None = None
    confidence: str | None = None
    """One of :data:`CONFIDENCES` as written; None: as :attr:`level` says."""

    @property
    def level(self) -> str:
        """``sourced``, ``weak``, ``inferred``, ``placeholder`` or ``unsourced``: as written,
        else ``sourced`` with a source and ``unsourced`` without."""
        if self.confidence is not None:
            return self.confidence
        return "sourced" if self.source is not None else "unsourced"

    @property
    def unsourced(self) -> bool:
        """``validate --strict`` lists it: no source, or only a placeholder."""
        return self.source is None or self.level == "placeholder"


UNSTATED = Provenance()
"""The provenance of a fact the file says nothing about."""


class Slug(str):
    """A procedure, document, fee, step, output or locality id: safe in paths and URLs.

    >>> Slug("birth-notice")
    'birth-notice'
    >>> Slug("../etc")
    Traceback (most recent call last):
    ...
    procgen.diagnostics.CompilerBug: not a slug: '../etc'
    >>> Slug("con")  # a Windows device name: generated/web/vi/con.html could not be checked out
    Traceback (most recent call last):
    ...
    procgen.diagnostics.CompilerBug: not a slug: 'con'
    """

    __slots__ = ()

    def __new__(cls, value: str) -> Slug:
        if not _SLUG.match(value) or len(value) > 64 or value in WINDOWS_DEVICE_NAMES:
            raise CompilerBug(f"not a slug: {value!r}")
        return super().__new__(cls, value)


class FieldId(str):
    """A snake_case field id, nameable in expressions and safe as a JSON/HTML name."""

    __slots__ = ()

    def __new__(cls, value: str) -> FieldId:
        if not _FIELD.match(value) or len(value) > MAX_ID_LENGTH:
            raise CompilerBug(f"not a field id: {value!r}")
        return super().__new__(cls, value)


def plain_str(obj: object) -> str:
    """msgspec's ``enc_hook`` for ids: it writes ``str`` but not subclasses such as :class:`Slug`.

    >>> import msgspec
    >>> msgspec.json.encode({"id": Slug("birth-notice")}, enc_hook=plain_str)
    b'{"id":"birth-notice"}'
    """
    if isinstance(obj, str):
        return str.__str__(obj)
    raise TypeError(f"msgspec cannot write a {type(obj).__name__}")


class Text(Struct, frozen=True):
    """Localized text: ``(language, text)`` pairs, plus the project's default language.

    >>> t = Text((("vi", "Tên"),), "vi")
    >>> t.get("en")
    'Tên'
    """

    values: tuple[tuple[str, str], ...]
    default: str

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in the default language, else the first one written.

        Walks the few pairs instead of building a dict: every target calls this thousands of
        times a procedure.
        """
        values = self.values
        for wanted in (lang, self.default):
            for code, text in values:
                if code == wanted:
                    if text:
                        return text
                    break
        return values[0][1]

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


class Option(Struct, frozen=True):
    value: str | int
    label: Text
    span: Span


class Repeat(Struct, frozen=True):
    """How many entries a group takes: ``min`` to ``max`` (None: no upper bound)."""

    min: int
    max: int | None

    def allows(self, count: int) -> bool:
        return count >= self.min and (self.max is None or count <= self.max)


ANY_NUMBER = Repeat(0, None)
"""The entries of a group that says no ``repeat`` (DSL.md): none or any number."""

MESSAGE_KEYS: tuple[str, ...] = ("required", "format", "min", "max", "min_length",
                                 "max_length", "entries")
"""What a field's ``messages`` may reword (docs/dsl.md): each replaces procgen's own words."""


class BlockUse(Struct, frozen=True):
    """The ``- use:`` that brought a field in from a shared block (docs/dsl.md, "Blocks").

    Attributes:
        name: what steps call this use: the block's name, or ``<prefix>_<block>``.
        block: the block (``procedures/common/<block>.yaml``).
        prefix: put before the block's field ids (``site`` → ``site_address_province``), so one
            block can be used twice; None when the use has none.
        heading: shown above the block's fields where a step asks them (web fieldset legend,
            mobile section, API ``x-procgen-section``); None when the use has none.
    """

    name: str
    block: str
    prefix: str | None = None
    heading: Text | None = None


class Field(Struct, frozen=True):
    id: FieldId
    kind: FieldKind
    label: Text
    span: Span
    hint: Text | None = None
    required: bool | Expr = False
    when: Expr | None = None
    constraint: Expr | None = None
    constraint_message: Text | None = None
    min: int | float | str | None = None
    max: int | float | str | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    options: tuple[Option, ...] = ()
    options_list: str | None = None
    """The shared list (``lists/<name>.yaml``) the options come from, if any."""
    default: str | int | float | bool | tuple[str | int, ...] | None = None
    example: str | int | float | bool | tuple[str | int, ...] | None = None
    """The author's sample answer (checked like ``default``): what the API's examples show."""
    prefill: str | None = None
    children: tuple[Field, ...] = ()
    repeat: Repeat = ANY_NUMBER
    """A group's entries range (always set; meaningless for other kinds)."""
    entry_label: Text | None = None
    """A group: what one entry is called ("đồng sở hữu"), for "Thêm đồng sở hữu"."""
    messages: tuple[tuple[str, Text], ...] = ()
    """The author's own wording for :data:`MESSAGE_KEYS`, in the order written."""
    block: str | None = None
    used: BlockUse | None = None
    """The ``- use:`` that brought the field in (None for a procedure's own field). For a
    block used inside a block it is the procedure's use: the one whose prefix and heading
    apply."""

    @property
    def facts(self) -> KindFacts:
        """What every field of this kind shares (:mod:`procgen.model.facts`)."""
        return KINDS[self.kind]

    @property
    def section(self) -> Text | None:
        """The heading the field is asked under: its block use's ``heading`` (web fieldset
        legend, app ``section``, API ``x-procgen-section``, "label (heading)" in messages)."""
        return self.used.heading if self.used is not None else None

    @property
    def numeric_options(self) -> bool:
        """A choice (or multichoice) with an option that is a number: its form part is read
        back as that number, so the API states it in ``form`` style."""
        return any(not isinstance(o.value, str) for o in self.options)

    @property
    def unconditionally_required(self) -> bool:
        """Required whatever the answers: ``required: true`` and no ``when``."""
        return self.required is True and self.when is None

    @property
    def effective_default(self) -> str | int | float | bool | list[str | int] | None:
        """What an asked field that is not answered takes: its ``default`` (a multichoice's as a
        list), else ``false`` for a yes/no question (a box left unticked), else None."""
        if self.default is not None:
            return list(self.default) if isinstance(self.default, tuple) else self.default
        return False if self.kind == FieldKind.BOOLEAN else None

    def message(self, key: str) -> Text | None:
        """The author's wording for ``key`` (one of :data:`MESSAGE_KEYS`), if any."""
        return next((t for k, t in self.messages if k == key), None)

    def walk(self) -> Iterator[Field]:
        """This field and, for groups, every field inside it."""
        yield self
        for child in self.children:
            yield from child.walk()


class Template(Struct, frozen=True):
    code: str
    title: Text | None


class Document(Struct, frozen=True):
    id: Slug
    title: Text
    span: Span
    hint: Text | None = None
    template: Template | None = None
    originals: int = 0
    copies: int = 0
    required: bool | Expr = True
    when: Expr | None = None
    present_only: bool = False
    held_by_state: str | None = None
    accept: tuple[str, ...] = ()
    max_size_mb: float | None = None
    generated_from_form: bool = False
    provenance: Provenance = UNSTATED

    @property
    def unconditionally_required(self) -> bool:
        """Required whatever the answers: ``required: true`` and no ``when``."""
        return self.required is True and self.when is None

    def needed_with(self, answers: Mapping[str, Any], *, today: str) -> bool | None:
        """With these (effective) answers: None when the document is not asked for (its
        ``when`` does not hold), else whether it is required (an optional one is False)."""
        from procgen.expr import holds

        if self.when is not None and not holds(self.when, answers, today=today):
            return None
        if isinstance(self.required, bool):
            return self.required
        return holds(self.required, answers, today=today)

    @property
    def reads(self) -> frozenset[str]:
        """The fields whose answers decide whether it is asked for and required."""
        return _names(self.when, self.required)

    @property
    def max_bytes(self) -> int | None:
        """The largest file accepted, in bytes (``max_size_mb`` is in MiB)."""
        return max_bytes(self.max_size_mb)

    @property
    def uploadable(self) -> bool:
        """Asked for as a file online: not held by the state, not shown only, not the form."""
        return not (self.held_by_state or self.present_only or self.generated_from_form)

    @property
    def provided(self) -> Literal["held_by_state", "form", "present", "upload"]:
        """How the citizen provides it: the state holds it, the form is it, the original is
        shown at the desk, or it is uploaded (or handed in)."""
        if self.held_by_state:
            return "held_by_state"
        if self.generated_from_form:
            return "form"
        return "present" if self.present_only else "upload"

    @property
    def electronic(self) -> bool:
        """Accepted electronically, as DSL.md's fully-online rule defines."""
        return bool(self.accept) or self.held_by_state is not None or self.generated_from_form


DurationUnit = Literal["working_days", "days", "hours"]
DURATION_UNITS: tuple[DurationUnit, ...] = ("working_days", "days", "hours")
"""The keys a duration is written in, as the schemas' ``duration`` allows them."""


class Duration(Struct, frozen=True):
    """A time in ``working_days`` (Monday to Friday), calendar ``days`` (the law's plain
    "ngày": weekends count) or ``hours``."""

    unit: DurationUnit
    value: int | float

    @classmethod
    def of(cls, written: Mapping[str, Any]) -> Duration:
        """The duration a mapping states in its one unit key (``{"days": 10}``, or a
        ``processing_time`` that also holds ``source`` and ``cases``), as the schemas allow.

        >>> Duration.of({"days": 10, "source": "x"})
        Duration(unit='days', value=10)
        """
        unit = next(u for u in DURATION_UNITS if u in written)
        return cls(unit, written[unit])

    def as_dict(self) -> dict[str, int | float]:
        return {self.unit: self.value}

    @property
    def hours(self) -> float:
        """As hours, to compare two times: a working day counts 24, a calendar day 5/7 of
        that (seven calendar days hold five working days), so 10 days is shorter than 10
        working days (the diff's "longer" and the scorecard's online-versus-in-person parity
        both compare this).

        >>> [Duration(u, v).hours for u, v in (("working_days", 2), ("hours", 36),
        ...                                    ("days", 7))]
        [48.0, 36.0, 120.0]
        """
        per = {"working_days": 24.0, "days": 24.0 * 5 / 7, "hours": 1.0}[self.unit]
        return float(self.value) * per

    @property
    def iso8601(self) -> str:
        """As an ISO 8601 / ``xsd:duration``: working and calendar days written as days
        (``P5D``), hours as hours (``PT4H``); a fraction only on seconds, as xsd allows (1.5
        hours is ``PT5400S``, half a day ``PT43200S``). The catalogue's ``cv:processingTime``
        and the pages' schema.org ``processingTime``.

        >>> [Duration(u, v).iso8601 for u, v in (("working_days", 5), ("hours", 96),
        ...                                      ("hours", 1.5), ("working_days", 0.5),
        ...                                      ("days", 10))]
        ['P5D', 'PT96H', 'PT5400S', 'PT43200S', 'P10D']
        """
        if float(self.value).is_integer():
            n = int(self.value)
            return f"PT{n}H" if self.unit == "hours" else f"P{n}D"
        seconds = self.value * (3600 if self.unit == "hours" else 86400)
        return f"PT{int(seconds) if float(seconds).is_integer() else seconds}S"

    def due_on(self, filed: str) -> str:
        """The day the result is due for an application filed on ``filed`` (ISO dates): that
        many working days later (Monday to Friday; public holidays are not known to the
        model, so they are not skipped), a part day counting whole; calendar days and hours,
        as calendar time.

        >>> [Duration("working_days", n).due_on("2026-12-04") for n in (0, 1, 3, 0.5)]
        ['2026-12-04', '2026-12-07', '2026-12-09', '2026-12-07']
        >>> Duration("hours", 36).due_on("2026-12-04"), Duration("days", 10).due_on("2026-12-04")
        ('2026-12-05', '2026-12-14')
        """
        import datetime as dt
        import math

        day = dt.date.fromisoformat(filed)
        if self.unit == "hours":
            return (day + dt.timedelta(hours=float(self.value))).isoformat()
        if self.unit == "days":
            return (day + dt.timedelta(days=math.ceil(self.value))).isoformat()
        left = math.ceil(self.value)
        while left > 0:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day.isoformat()


class TimeCase(Struct, frozen=True):
    """Another processing time in some cases: ``time`` when ``when`` holds for the answers;
    ``label`` says the case as a "when …" phrase."""

    when: Expr
    time: Duration
    label: Text
    span: Span


class Channel(Struct, frozen=True):
    name: str
    processing_time: Duration
    span: Span
    results: tuple[str, ...] = ()
    """How the result reaches the applicant on this channel (``electronic``, ``post``,
    ``desk``); empty when the procedure does not say."""
    time_provenance: Provenance = UNSTATED
    """The source and confidence of :attr:`processing_time` (and of its cases)."""
    time_cases: tuple[TimeCase, ...] = ()
    """Other times in some cases (``processing_time.cases``), in the order written."""

    def time_for(self, values: Mapping[str, Any], today: str) -> Duration:
        """The processing time for these answers: the first case that holds, else the
        channel's time (a case that cannot be decided yet, an answer missing, does not hold).
        ``quote`` and the server's due date both read it."""
        from procgen.expr import holds

        for case in self.time_cases:
            if holds(case.when, values, today=today):
                return case.time
        return self.processing_time

    @property
    def result_in_person_only(self) -> bool:
        """The result is only collected at the desk: neither electronic nor by post (Decree
        42/2022 art. 11: a full-process service returns it online or by public post)."""
        return bool(self.results) and not {"electronic", "post"} & set(self.results)


class Exemption(Struct, frozen=True):
    when: Expr
    """Who is exempt, and when: with a ``valid`` window, the builder has already joined
    ``today()`` within it to the file's condition, so every target evaluates one rule."""
    label: Text
    span: Span
    valid_from: str | None = None
    valid_until: str | None = None
    """The exemption's own window, as written (``valid``), for the wording."""
    channels: tuple[str, ...] = ()
    """The channels it holds on, among its fee's; empty: every channel of the fee."""

    def holds_on(self, channel: str) -> bool:
        """Can the exemption hold for an application through ``channel``?"""
        return not self.channels or channel in self.channels


class Fee(Struct, frozen=True):
    id: Slug
    label: Text
    span: Span
    channels: tuple[str, ...]
    amount: int | Expr | None = None
    set_by_locality: bool = False
    range: tuple[int, int] | None = None
    when: Expr | None = None
    exemptions: tuple[Exemption, ...] = ()
    valid_from: str | None = None
    valid_until: str | None = None
    provenance: Provenance = UNSTATED
    """The source and confidence of its amount, exemptions and validity."""
    payment: tuple[str, ...] = ()
    """How it can be paid (``online``, ``desk``, ``post``) as written; empty when the file
    does not say (:attr:`paid_through` then follows the channels)."""

    @property
    def paid_through(self) -> tuple[str, ...]:
        """How it can be paid: as written, else as the channels it is charged on (charged on
        the online channel, it is paid online)."""
        if self.payment:
            return self.payment
        return tuple(x for x in PAYMENTS if x in {PAID_THROUGH[c] for c in self.channels})

    @property
    def unpayable_online(self) -> bool:
        """Charged on an online application but not payable online (Decree 42/2022: then the
        procedure is not full-process)."""
        return "online" in self.channels and "online" not in self.paid_through

    @property
    def reads(self) -> frozenset[str]:
        """The fields whose answers decide the fee: read by its ``when``, amount or
        exemptions (a partial quote leaves it out while one is unanswered)."""
        return _names(self.when, self.amount, *(x.when for x in self.exemptions))


def _names(*exprs: Expr | int | bool | None) -> frozenset[str]:
    return frozenset(n for e in exprs if e is not None and not isinstance(e, int | bool)
                     for n in e.names)


class Step(Struct, frozen=True):
    id: Slug
    actor: Literal["applicant", "agency", "system"]
    title: Text
    span: Span
    description: Text | None = None
    fields: tuple[FieldId, ...] = ()
    documents: tuple[Slug, ...] = ()
    outputs: tuple[Slug, ...] = ()
    duration: Duration | None = None
    presence: str | None = None

    @property
    def is_information(self) -> bool:
        """An applicant step that asks nothing: shown as what to do and where."""
        return self.actor == "applicant" and not self.fields and not self.documents


class Output(Struct, frozen=True):
    id: Slug
    title: Text
    span: Span
    electronic: bool = False


class LegalBasis(Struct, frozen=True):
    title: Text
    number: str | None
    article: str | None
    url: str | None
    span: Span | None = None
    provenance: Provenance = UNSTATED
    """Where its number and force were checked: ``source`` as written, else its ``url``."""


class Page(Struct, frozen=True):
    """One question page (web) or screen (mobile): derived, so every target agrees."""

    id: str
    title: Text
    fields: tuple[Field, ...]
    documents: tuple[Document, ...]
    description: Text | None = None


class OnlineObstacles(Struct, frozen=True):
    """What keeps a procedure from being fully online: every page, the app, the API's
    description, the assistant and the printed guide say the same reasons."""

    no_online_channel: bool = False
    steps: tuple[Step, ...] = ()
    """Steps with ``presence: required``, in order."""
    documents: tuple[Document, ...] = ()
    """Documents that may be required and are not accepted electronically, in order."""
    fees: tuple[Fee, ...] = ()
    """Fees charged online that cannot be paid online (:attr:`Fee.unpayable_online`)."""
    result_in_person: bool = False
    """The online channel hands the result over only at the desk."""


class Procedure(Struct, frozen=True, dict=True):  # a __dict__ for the ``pages`` cache
    id: Slug
    file: str
    span: Span
    title: Text
    revision: int
    channels: tuple[Channel, ...]
    code: str | None = None
    effective_from: str | None = None
    summary: Text | None = None
    level: str | None = None
    sector: str | None = None
    agency: Text | None = None
    audience: tuple[str, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    fields: tuple[Field, ...] = ()
    documents: tuple[Document, ...] = ()
    fees: tuple[Fee, ...] = ()
    steps: tuple[Step, ...] = ()
    outputs: tuple[Output, ...] = ()
    declaration: Text | None = None
    """The applicant's sworn statement before sending, when the author words it."""
    locality_field: FieldId | None = None
    """The question whose answer says which locality handles the application (its amounts
    and offices apply): ``locality_field`` as written, else the ``address`` block's province
    question (docs/localities.md)."""
    source_hash: str = ""
    """sha256 of the file's text (the mobile screens carry it). ``==`` compares every field,
    spans and this hash included: a reformatted file is an equal procedure only to a
    comparison that leaves positions out (as ``tests/expr/test_records.py`` does)."""

    @property
    def channel_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    @property
    def default_channel(self) -> str:
        """The channel an application uses when it names none: online when offered."""
        names = self.channel_names
        return "online" if "online" in names else names[0]

    def channel(self, name: str) -> Channel | None:
        return next((c for c in self.channels if c.name == name), None)

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    @property
    def fees_in_force(self) -> tuple[Fee, ...]:
        """The fees still charged once this revision takes effect: a fee whose ``valid``
        window ended before ``effective_from`` is history (what a printed guide leaves out)."""
        start = self.effective_from
        return tuple(f for f in self.fees
                     if not (start and f.valid_until and f.valid_until < start))

    @property
    def online_obstacles(self) -> OnlineObstacles | None:
        """Why the procedure is not fully online (full-process, Decree 42/2022), None when it
        is (DSL.md "Fully online", extended in docs/dsl.md)."""
        if "online" not in self.channel_names:
            return OnlineObstacles(no_online_channel=True)
        steps = tuple(s for s in self.steps if s.presence == "required")
        documents = tuple(d for d in self.documents
                          if d.required is not False and not d.electronic)
        fees = tuple(f for f in self.fees if f.unpayable_online)
        online = self.channel("online")
        result = online is not None and online.result_in_person_only
        if not (steps or documents or fees or result):
            return None
        return OnlineObstacles(steps=steps, documents=documents, fees=fees,
                               result_in_person=result)

    @property
    def fully_online(self) -> bool:
        """Full-process as Decree 42/2022 defines it (docs/dsl.md "Fully online"): an online
        channel, no step needing presence, every required document electronic, every fee
        charged online payable online, the result returned online or by post."""
        return self.online_obstacles is None

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        """The applicant's question pages, in order.

        Applicant steps that ask fields or documents become pages. With no applicant step listing
        fields, one page holds them all. Uploadable documents that no step lists go on a final
        ``documents`` page.
        """
        by_id = {f.id: f for f in self.fields}
        docs = {d.id: d for d in self.documents}
        pages: list[Page] = []
        stepped_fields = any(s.fields for s in self.steps if s.actor == "applicant")
        if not stepped_fields and self.fields:
            pages.append(Page("details", self.title, self.fields, ()))
        for s in self.steps:
            if s.actor != "applicant" or s.is_information:
                continue
            fields = tuple(by_id[f] for f in s.fields)
            pages.append(
                Page(s.id, s.title, fields, tuple(docs[d] for d in s.documents), s.description)
            )
        placed = {d.id for p in pages for d in p.documents}
        rest = tuple(d for d in self.documents if d.id not in placed and d.uploadable)
        if rest:
            title = Text((("vi", "Giấy tờ"), ("en", "Documents")), self.title.default)
            pages.append(Page("documents", title, (), rest))
        return tuple(pages)

    @property
    def asked_fields(self) -> tuple[Field, ...]:
        """Top-level fields in page order (what the form asks and the API accepts)."""
        return tuple(f for p in self.pages for f in p.fields)

    @property
    def uploadable_documents(self) -> tuple[Document, ...]:
        return tuple(d for p in self.pages for d in p.documents if d.uploadable)


class LocalAmount(Struct, frozen=True):
    """What one locality charges for one ``set_by: locality`` fee.

    A ``placeholder`` is a value written only to fill the overlay in, not yet confirmed against
    the province's own act: it is never shown to a citizen as a real fee (docs/localities.md).
    """

    amount: int
    placeholder: bool = False
    source: Source | None = None
    confidence: str | None = None
    """As written (``placeholder`` sets :attr:`placeholder` too)."""

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.source, "placeholder" if self.placeholder else self.confidence)


class Office(Struct, frozen=True):
    """Where to go in person in one locality."""

    name: Text
    address: str | None = None
    phone: str | None = None
    hours: Text | None = None
    email: str | None = None
    url: str | None = None
    map_url: str | None = None
    placeholder: bool = False
    """Its address and hours are not confirmed yet: shown as "to be confirmed", not as facts."""
    procedures: tuple[str, ...] = ()
    """The procedures it receives; empty: every procedure of the locality (of its level)."""
    level: str | None = None
    """The level of the procedures it receives (``province`` for a provincial centre)."""

    def serves(self, procedure: Procedure) -> bool:
        if self.procedures:
            return procedure.id in self.procedures
        return self.level is None or procedure.level is None or procedure.level == self.level


class Locality(Struct, frozen=True):
    id: Slug
    file: str
    name: Text
    span: Span
    offices: tuple[Office, ...] = ()
    fees: tuple[tuple[str, str, LocalAmount], ...] = ()
    """``(procedure id, fee id, amount)`` triples, sorted."""

    def fee(self, procedure: str, fee: str) -> LocalAmount | None:
        return next((a for p, f, a in self.fees if p == procedure and f == fee), None)

    def offices_for(self, procedure: Procedure) -> tuple[Office, ...]:
        return tuple(o for o in self.offices if o.serves(procedure))


class License(Struct, frozen=True):
    """``license`` in ``procgen.yaml``: OpenAPI's ``info.license`` (a name; an SPDX
    ``identifier`` or a ``url``)."""

    name: str
    identifier: str | None = None
    url: str | None = None


class Settings(Struct, frozen=True):
    languages: tuple[str, ...]
    default_language: str
    currency: str = "VND"
    api_base_url: str = "/api"
    portal_name: Text | None = None
    license: License | None = None
    base_url: str | None = None
    """Where the web pages are published (``http(s)://host/path``, no trailing ``/``): a page
    is ``{base_url}/{lang}/{id}.html``. None: the pages link each other relatively."""

    def page_url(self, procedure: str, lang: str) -> str | None:
        """The published address of a procedure's web page in ``lang`` (None without
        ``base_url``): the page's canonical link and the guide's QR code."""
        return None if self.base_url is None else f"{self.base_url}/{lang}/{procedure}.html"


class Portal(Struct, frozen=True):
    """Everything one build compiles: the settings, the procedures and the localities."""

    settings: Settings
    procedures: tuple[Procedure, ...]
    localities: tuple[Locality, ...] = ()

    def procedure(self, pid: str) -> Procedure | None:
        return next((p for p in self.procedures if p.id == pid), None)

    def locality(self, lid: str) -> Locality | None:
        return next((loc for loc in self.localities if loc.id == lid), None)
