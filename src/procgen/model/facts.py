"""What each kind of field *means*, decided once: every target, ``quote`` and the runtimes read it.

A field's kind fixes the JSON type of its answer, the shape a textual answer must have (its
*format*: national ID, phone, email, date), the keyboard a phone shows, and the wording key of
the message that says an answer does not have that shape. The web runtime receives
:data:`FORMATS` as data (no second regular expression in JavaScript), the OpenAPI and mobile
targets write the same patterns, and ``quote`` matches them with RE2
(:func:`procgen.model.patterns.compile_pattern`). See ``docs/dsl.md`` ("What a field type
means").

>>> FieldKind("phone") is FieldKind.PHONE and FieldKind.PHONE == "phone"
True
>>> KINDS[FieldKind.MONEY].json_type, KINDS[FieldKind.MONEY].whole
('integer', True)
>>> FORMATS["phone"].matches("0912-345-678"), FORMATS["phone"].matches("phone")
(True, False)
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Literal

from msgspec import Struct

from procgen.source.limits import MAX_SAFE_INTEGER

SAFE_INTEGER = MAX_SAFE_INTEGER
"""The largest magnitude of a number answer: beyond ±(2⁵³ − 1) a whole number is not read the
same by every JSON reader (I-JSON, RFC 7493), so no answer may be one, whatever the field."""


class FieldKind(StrEnum):
    """A field's ``type`` in the DSL. A ``str``: ``kind == "phone"`` and JSON output still work."""

    TEXT = "text"
    TEXTAREA = "textarea"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    EMAIL = "email"
    PHONE = "phone"
    NATIONAL_ID = "national_id"
    ADDRESS = "address"
    GROUP = "group"


class FormPart(StrEnum):
    """How an answer of a kind travels in ``multipart/form-data`` (the application, the web
    form's post): docs/targets/openapi.md, "Multipart encoding". The OpenAPI target states it
    (the schema and ``encoding``) and :mod:`procgen.targets.openapi.multipart` reads it back,
    both from this one fact."""

    TEXT = "text"
    """One text part, the answer as written."""
    NUMBER = "number"
    """One text part, a number as JSON writes it (:data:`JSON_NUMBER`)."""
    FLAG = "flag"
    """One text part, ``true`` or ``false`` exactly."""
    OPTION = "option"
    """One text part, an option's value (an option that is a number, as a number)."""
    VALUES = "values"
    """One text part per chosen option value, each read as an :attr:`OPTION`."""
    ENTRIES = "entries"
    """One part per entry of a group, each the entry's JSON object."""


JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
"""A number as JSON writes it (RFC 8259): what an answers file and a form part may hold."""
JSON_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
"""A whole number as JSON writes it, with no fraction or exponent."""

JsonType = Literal["string", "integer", "number", "boolean", "array"]
InputMode = Literal["text", "numeric", "decimal", "tel", "email", "none"]


class Format(Struct, frozen=True, dict=True):  # a __dict__ for the compiled-pattern cache
    """The shape every answer of one field kind has, whatever the procedure says.

    ``pattern`` is in procgen's pattern dialect and matches the whole answer; ``message`` is
    the wording key (:mod:`procgen.wording`) of "this is not a …"; ``what`` names the shape in
    English diagnostics (``quote``, ``validate``). ``strip`` are the characters a person may
    type to group digits that a form (the web page, the app) removes from what was typed
    before it checks and sends the answer: "001 099 012 345" is sent as "001099012345". An
    answer that arrives as data (the API, ``quote --answers``) is checked as it is.
    """

    pattern: str
    message: str
    what: str
    strip: str = ""
    what_vi: str = ""
    """``what`` in Vietnamese."""

    @cached_property
    def _compiled(self) -> object:
        from procgen.model.patterns import compile_pattern

        return compile_pattern(self.pattern)

    def matches(self, value: str) -> bool:
        """Whether ``value`` has this shape (matched whole, in linear time)."""
        return bool(self._compiled.fullmatch(value))  # type: ignore[attr-defined]

    @property
    def anchored(self) -> str:
        """The pattern anchored at both ends, as JSON Schema and ``RegExp`` read it."""
        return f"^(?:{self.pattern})$"


FORMATS: dict[str, Format] = {
    "email": Format(r"[^@\s]+@[^@\s]+\.[^@\s]+", "err_email", "an email address",
                    what_vi="một địa chỉ thư điện tử"),
    # Vietnamese numbers are written with spaces, dots or dashes (0912 345 678, 0912.345.678,
    # 0912-345-678) and with the country code (+84 912 345 678): all are accepted everywhere.
    "phone": Format(r"\+?[0-9][0-9 .\-]{7,14}[0-9]", "err_phone", "a phone number", " .",
                    what_vi="một số điện thoại"),
    "national_id": Format(
        "(00[1-9]|0[1-8][0-9]|09[0-6])[0-9]{9}", "err_national_id",
        "a personal ID number (12 digits, the first three a province code 001–096)", " .",
        what_vi="một số định danh cá nhân (12 chữ số, ba số đầu là mã tỉnh 001–096)"),
    "date": Format("[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}", "err_date",
                   'a date written "YYYY-MM-DD"', what_vi='một ngày viết dạng "YYYY-MM-DD"'),
}
"""Field kind → the shape of its answers. A ``date`` must also be a real calendar day, in the
years 1000–9999 (no procedure asks for an earlier one, and year 0000, which RFC 3339 allows,
is no day in Python's or JavaScript's calendar alike)."""


class KindFacts(Struct, frozen=True):
    """What every field of one kind shares."""

    json_type: JsonType
    input_mode: InputMode
    """The HTML ``inputmode`` and the mobile keyboard (``none``: not typed)."""
    expected: str
    """The answer's type in English diagnostics ("a whole number")."""
    expected_vi: str
    """``expected`` in Vietnamese ("một số nguyên")."""
    whole: bool = False
    numeric: bool = False
    textual: bool = False
    """Answered with a string whose length ``min_length``/``max_length`` bound."""
    form_part: FormPart = FormPart.TEXT
    """How the answer is sent as a form part."""


_K = FieldKind
KINDS: dict[FieldKind, KindFacts] = {
    _K.TEXT: KindFacts("string", "text", "a text", "một đoạn chữ", textual=True),
    _K.TEXTAREA: KindFacts("string", "text", "a text", "một đoạn chữ", textual=True),
    _K.ADDRESS: KindFacts("string", "text", "a text", "một đoạn chữ", textual=True),
    _K.EMAIL: KindFacts("string", "email", "a text", "một đoạn chữ", textual=True),
    _K.PHONE: KindFacts("string", "tel", "a text", "một đoạn chữ", textual=True),
    _K.NATIONAL_ID: KindFacts("string", "numeric", "a text", "một đoạn chữ", textual=True),
    _K.INTEGER: KindFacts("integer", "numeric", "a whole number", "một số nguyên", whole=True,
                          numeric=True, form_part=FormPart.NUMBER),
    _K.MONEY: KindFacts("integer", "numeric", "a whole number of VND",
                        "một số tiền nguyên (đồng)", whole=True, numeric=True,
                        form_part=FormPart.NUMBER),
    _K.NUMBER: KindFacts("number", "decimal", "a number", "một số", numeric=True,
                         form_part=FormPart.NUMBER),
    _K.DATE: KindFacts("string", "none", 'a date written "YYYY-MM-DD"',
                       'một ngày viết dạng "YYYY-MM-DD"'),
    _K.BOOLEAN: KindFacts("boolean", "none", "true or false", "true hoặc false",
                          form_part=FormPart.FLAG),
    _K.CHOICE: KindFacts("string", "none", "one option value", "một giá trị lựa chọn",
                         form_part=FormPart.OPTION),
    _K.MULTICHOICE: KindFacts("array", "none", "a list of option values",
                              "một danh sách giá trị lựa chọn", form_part=FormPart.VALUES),
    _K.GROUP: KindFacts("array", "none", "a list of objects (one per entry)",
                        "một danh sách đối tượng (mỗi mục một đối tượng)",
                        form_part=FormPart.ENTRIES),
}
"""Every field kind's facts; a test checks each :class:`FieldKind` has exactly one entry."""

def length_unit(kind: str) -> tuple[str, str]:
    """What ``min_length``/``max_length`` count for ``kind``, in English and Vietnamese: the
    choices of a multichoice, else characters."""
    return ("choices", "lựa chọn") if kind == FieldKind.MULTICHOICE else ("characters", "ký tự")


NUMERIC: tuple[FieldKind, ...] = tuple(k for k in FieldKind if KINDS[k].numeric)
TEXTUAL: tuple[FieldKind, ...] = tuple(k for k in FieldKind if KINDS[k].textual)
"""Kinds by what they share, in :class:`FieldKind` order (as messages list them)."""

BYTES_PER_MB = 1024 * 1024
"""``max_size_mb`` is in mebibytes: 2 means 2,097,152 bytes, in every target and the server."""


def max_bytes(max_size_mb: float | None) -> int | None:
    """The largest file, in bytes, that a document's ``max_size_mb`` allows.

    >>> max_bytes(2), max_bytes(0.5), max_bytes(None)
    (2097152, 524288, None)
    """
    return None if max_size_mb is None else int(max_size_mb * BYTES_PER_MB)
