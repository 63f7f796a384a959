"""The multipart encoding of an application, decoded: form parts → the answers object.

``POST /procedures/<id>/applications`` is ``multipart/form-data`` (docs/targets/openapi.md,
"Multipart encoding"). This module is the one reader of that encoding, for a backend (the
reference server) and for the tests that submit through generated clients:

* :func:`parse_multipart` — a request body and its ``Content-Type`` → the :class:`Part` list;
* :func:`decode_application` — the parts → a :class:`Submission`: the answers object exactly as
  ``procgen quote --answers`` and the ``<Id>Answers`` schema take it, and the files by document.

The encoding, part by part (a part is named by a field id or a document id):

* a text, date, choice or number answer is one text part: UTF-8, numbers in JSON's number
  syntax (``2500000``, ``1.5``), dates ``YYYY-MM-DD``; a choice whose options are whole numbers
  is read as the option it names;
* a ``boolean`` is one text part, ``true`` or ``false`` exactly (the application schema's
  ``FormBoolean``); nothing else is a boolean;
* a multiple choice is one text part per chosen value;
* a group is one part per entry, each a JSON object (its values JSON typed), in order; the
  part is ``text/plain`` (as the spec's ``encoding`` says: the application schema states an
  entry as a JSON text), has no ``Content-Type``, or is ``application/json`` (the web form);
* a document is one file part.

Decoding never judges the answers: a text that is not of its field's type stays the text it
was (``"yes"`` for a boolean, two parts for a single answer become the list of their texts),
and a part of no field stays in the answers, so that the schema check that follows (step 1 of
"Checking an application") reports it like any other wrong answer (``answer-wrong-type``,
``answer-unknown-field``). Only what cannot be read at all raises :class:`Unreadable`, a 400:
a body that is not multipart, a text that is not UTF-8, a group part that is not JSON or of
another type, a document sent twice.

A form a browser posts **without JavaScript** (docs/targets/web.md) is read the same way:
its empty text parts (questions left blank) are no answer; a yes/no checkbox comes after a
hidden ``false`` of the same name, so a checked box sends ``false`` then ``true``, read as
``true``; and a group's entries arrive as one part per answer named ``group[i][child]``,
gathered into entry ``i`` and each read as its child's kind says, as if the entry had come as
one JSON part (:func:`browser_entries`).

>>> from procgen.diagnostics import Span
>>> from procgen.model.facts import FieldKind
>>> from procgen.model.ir import Field, FieldId, Text
>>> def field(fid, kind, children=()):
...     return Field(FieldId(fid), kind, Text((("vi", fid),), "vi"), Span("p.yaml", 1, 1),
...                  children=children)
>>> kids = field("kids", FieldKind.GROUP, (field("name", FieldKind.TEXT),
...                                        field("adult", FieldKind.BOOLEAN)))
>>> parts = [Part("agree", b"true"), Part("count", b"3"),
...          Part("kids", b'{"name": "An", "adult": false}', "application/json"),
...          Part("kids", b'{"name": "Binh", "adult": true}', "application/json")]
>>> answers = decode_fields((field("agree", FieldKind.BOOLEAN),
...                           field("count", FieldKind.INTEGER), kids), (), parts).answers
>>> answers["agree"], answers["count"], answers["kids"][1]
(True, 3, {'name': 'Binh', 'adult': True})
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.model.facts import JSON_INTEGER, JSON_NUMBER, FormPart

if TYPE_CHECKING:
    from procgen.model.ir import Document, Field, Procedure

__all__ = ["Part", "Submission", "Unreadable", "decode_application", "decode_fields",
           "parse_multipart"]

_JSON = "application/json"
_ENTRY_TYPES = (_JSON, "text/plain", None)
"""What a group entry's part may say it is: JSON, or a text (what a client sends for the
application schema's list of texts, with no ``Content-Type`` or ``text/plain``) holding JSON."""


class Part(Struct, frozen=True):
    """One part of a ``multipart/form-data`` body."""

    name: str
    """The ``name`` of its ``Content-Disposition``: a field id or a document id."""
    data: bytes
    content_type: str | None = None
    """Its ``Content-Type`` without parameters (``image/png``); None when it has none."""
    filename: str | None = None


class Submission(Struct, frozen=True):
    """An application as decoded: the answers object and the files by document id."""

    answers: dict[str, Any]
    """Field id → answer, as the ``<Id>Answers`` schema and ``procgen quote`` take them."""
    files: dict[str, Part]
    """Document id → its file part."""


class Unreadable(ValueError):
    """The body cannot be read as the encoding says: answer 400 (Bad Request)."""


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """The parts of a ``multipart/form-data`` body, in order.

    Args:
        body: the request body.
        content_type: the request's ``Content-Type`` header, with its ``boundary``.

    Raises:
        Unreadable: the body is not ``multipart/form-data`` or a part has no name.
    """
    from email.parser import BytesParser
    from email.policy import HTTP

    if not content_type.lower().startswith("multipart/form-data") or "boundary=" not in (
        content_type.lower()
    ):
        raise Unreadable(f"not multipart/form-data with a boundary: {content_type!r}")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise Unreadable("the body has no parts")
    parts: list[Part] = []
    for item in message.iter_parts():
        name = item.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise Unreadable("a part has no name")
        data = item.get_payload(decode=True)
        parts.append(
            Part(
                name,
                data if isinstance(data, bytes) else b"",
                item.get_content_type() if item["content-type"] is not None else None,
                item.get_filename(),
            )
        )
    return parts


def decode_application(procedure: Procedure, parts: Iterable[Part]) -> Submission:
    """The application that ``parts`` encode (see the module docstring).

    Args:
        procedure: the procedure applied for; its asked fields and uploadable documents say
            how each part is read.
        parts: the body's parts (:func:`parse_multipart`), in order.

    Returns:
        The answers object (fields in the order of their first part) and the files.

    Raises:
        Unreadable: a part cannot be read at all (400).
    """
    return decode_fields(
        procedure.asked_fields or procedure.fields, procedure.uploadable_documents, parts
    )


_BRACKETS = re.compile(r"([a-z][a-z0-9_]*)\[([0-9]{1,4})\]\[([a-z][a-z0-9_]*)\]")
"""A no-JavaScript form's name of one answer in a group entry: ``group[i][child]``."""


def browser_entries(by_id: dict[str, Field], parts: Iterable[Part]) -> list[Part]:
    """``parts`` with a browser's own form encoding read as the documented one: empty text
    parts dropped, and the ``group[i][child]`` parts of each entry made one JSON part, in
    entry order, where the first of them was.

    >>> from procgen.diagnostics import Span
    >>> from procgen.model.facts import FieldKind
    >>> from procgen.model.ir import Field, FieldId, Text
    >>> def field(fid, kind, children=()):
    ...     return Field(FieldId(fid), kind, Text((("vi", fid),), "vi"), Span("p.yaml", 1, 1),
    ...                  children=children)
    >>> kids = field("kids", FieldKind.GROUP, (field("name", FieldKind.TEXT),
    ...                                        field("age", FieldKind.INTEGER)))
    >>> got = browser_entries({"kids": kids}, [
    ...     Part("kids[1][name]", b"Binh"), Part("kids[0][name]", b"An"), Part("note", b""),
    ...     Part("kids[0][age]", b"3"), Part("kids[1][age]", b"")])
    >>> [(p.name, json.loads(p.data)) for p in got]
    [('kids', {'name': 'An', 'age': 3}), ('kids', {'name': 'Binh'})]
    >>> flag = field("ok", FieldKind.BOOLEAN)
    >>> [p.data for p in browser_entries({"ok": flag}, [Part("ok", b"false"), Part("ok", b"true")])]
    [b'true']
    """
    out: list[Part | str] = []  # a group's id holds its place until its entries are made
    entries: dict[str, dict[int, dict[str, list[str]]]] = {}
    for part in parts:
        if part.filename is None and part.data == b"":
            continue  # a question left blank
        match = _BRACKETS.fullmatch(part.name) if part.filename is None else None
        group = by_id.get(match.group(1)) if match else None
        if match is None or group is None or group.facts.form_part is not FormPart.ENTRIES:
            last = out[-1] if out else None
            if (isinstance(last, Part) and last.name == part.name and last.filename is None
                    and part.filename is None
                    and _checked_after_hidden(by_id.get(part.name), [_text(last), _text(part)])):
                out[-1] = part  # the checked box after its hidden "false"
            else:
                out.append(part)
            continue
        if group.id not in entries:
            out.append(group.id)
        rows = entries.setdefault(group.id, {})
        rows.setdefault(int(match.group(2)), {}).setdefault(match.group(3), []).append(
            _text(part))
    made: list[Part] = []
    for item in out:
        if isinstance(item, Part):
            made.append(item)
        else:
            made += [_browser_entry(by_id[item], row) for _, row in sorted(entries[item].items())]
    return made


def _browser_entry(group: Field, row: dict[str, list[str]]) -> Part:
    children: dict[str, Field] = {c.id: c for c in group.children}
    entry: dict[str, Any] = {}
    for cid, texts in row.items():
        child = children.get(cid)
        if child is None:  # no such child: kept, for the check to refuse
            entry[cid] = texts[0] if len(texts) == 1 else texts
        elif child.facts.form_part is FormPart.VALUES:
            entry[cid] = [_value(child, t) for t in texts]
        elif _checked_after_hidden(child, texts):
            entry[cid] = True
        else:
            entry[cid] = _value(child, texts[0]) if len(texts) == 1 else texts
    return Part(group.id, json.dumps(entry, ensure_ascii=False).encode("utf-8"), _JSON)


def _checked_after_hidden(f: Field | None, texts: list[str]) -> bool:
    """A yes/no checkbox's two parts when checked: its hidden ``false``, then ``true``."""
    return f is not None and f.facts.form_part is FormPart.FLAG and texts == ["false", "true"]


def decode_fields(
    fields: Iterable[Field], documents: Iterable[Document], parts: Iterable[Part]
) -> Submission:
    """:func:`decode_application` for a list of fields and documents."""
    by_id: dict[str, Field] = {f.id: f for f in fields}
    docs: set[str] = {d.id for d in documents}
    texts: dict[str, list[Any]] = {}
    files: dict[str, Part] = {}
    for part in browser_entries(by_id, parts):
        if part.name in docs and part.name not in by_id:
            if part.name in files:
                raise Unreadable(f"more than one file for the document {part.name!r}")
            files[part.name] = part
            continue
        f = by_id.get(part.name)
        if f is not None and f.facts.form_part is FormPart.ENTRIES:
            texts.setdefault(part.name, []).append(_entry(part))
        else:
            texts.setdefault(part.name, []).append(_text(part))
    answers: dict[str, Any] = {}
    for name, values in texts.items():
        f = by_id.get(name)
        if f is None:  # no such field: kept, for the schema to refuse (answer-unknown-field)
            answers[name] = values[0] if len(values) == 1 else values
        elif f.facts.form_part in (FormPart.ENTRIES, FormPart.VALUES):
            answers[name] = [_value(f, v) for v in values]
        else:
            answers[name] = _value(f, values[0]) if len(values) == 1 else values
    return Submission(answers, files)


def _text(part: Part) -> str:
    try:
        return part.data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(f"the part {part.name!r} is not UTF-8 text") from error


def _entry(part: Part) -> Any:
    if part.content_type not in _ENTRY_TYPES:
        raise Unreadable(f"a part of the group {part.name!r} must be {_JSON} (or text), "
                         "one per entry")
    try:
        return json.loads(_text(part))
    except ValueError as error:
        raise Unreadable(f"a part of the group {part.name!r} is not JSON") from error


def _value(f: Field, text: Any) -> Any:
    """One text part read as an answer to ``f``, as its kind's :class:`FormPart` says (an
    entry of a group is JSON already)."""
    if not isinstance(text, str):
        return text
    part = f.facts.form_part
    if part is FormPart.FLAG:
        return {"true": True, "false": False}.get(text, text)
    if part is FormPart.NUMBER:
        if f.facts.whole:
            return int(text) if JSON_INTEGER.fullmatch(text) else text
        match = JSON_NUMBER.fullmatch(text)
        if match is None:
            return text
        return float(text) if match.group(1) or match.group(2) else int(text)
    if part in (FormPart.OPTION, FormPart.VALUES) and f.numeric_options:
        for option in f.options:
            if not isinstance(option.value, str) and str(option.value) == text:
                return option.value
    return text
