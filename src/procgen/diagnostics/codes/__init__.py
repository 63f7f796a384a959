"""The registry of diagnostic codes: each ``PGnnn`` declared once, with its docs.

The hundreds digit is the category, so users can filter by prefix:

========  ==========================================================
PG1xx     reading YAML and checking it against the JSON Schemas
PG2xx     expressions (syntax, names, types)
PG3xx     references and rules across a procedure (ids, steps, fees)
PG4xx     locality overlays
PG5xx     targets (what a backend cannot express)
PG6xx     answers given to ``procgen quote``
========  ==========================================================

``docs/diagnostics.md`` is generated from this registry
(``python -m procgen.diagnostics.docs``); a test fails when it is stale, or when a code has
no triggering test case.

>>> CODES["PG104"].slug
'duplicate-key'
>>> make("PG104", None, key="id").message
"duplicate key 'id'"
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from procgen.diagnostics import Diagnostic, Related, Severity, Span, Words


class Worded(Struct, frozen=True):
    """A code's words in one language: the message template, the summary and the fix."""

    template: str
    summary: str
    fix: str


class Code(Struct, frozen=True):
    """One diagnostic code and its documentation, in English and Vietnamese.

    Attributes:
        code: ``PGnnn``.
        severity: default severity (``--strict`` promotes warnings).
        slug: a short stable name.
        template: the message, with ``{named}`` fields filled by :func:`make`.
        summary: one sentence for the docs.
        bad: a small YAML example that triggers it.
        fix: how to fix it, for a policy writer.
        strict_only: reported only under ``--strict`` (a list to clear before publishing,
            such as placeholder values, not a problem every command repeats).
        vi: the template, summary and fix in Vietnamese (the same ``{fields}``).
    """

    code: str
    severity: Severity
    slug: str
    template: str
    summary: str
    bad: str
    fix: str
    strict_only: bool = False
    vi: Worded | None = None

    @property
    def fields(self) -> frozenset[str]:
        return _fields(self.template)

    def worded(self, lang: str) -> Worded:
        """The template, summary and fix in ``lang`` (English when not worded in it)."""
        if lang == "vi" and self.vi is not None:
            return self.vi
        return Worded(self.template, self.summary, self.fix)

    def format(self, lang: str, args: dict[str, object]) -> str:
        """The message in ``lang`` with its fields filled (a :class:`Phrase` in ``lang``)."""
        from procgen.diagnostics import Phrase

        words = {k: v.said(lang) if isinstance(v, Phrase) else v for k, v in args.items()}
        return self.worded(lang).template.format(**words)


def _fields(template: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(template) if f)


def _collect() -> dict[str, Code]:
    from procgen.diagnostics.codes import (
        answers,
        expressions,
        localities,
        references,
        source,
        targets,
    )

    table: dict[str, Code] = {}
    for module in (source, expressions, references, localities, targets, answers):
        for c in module.CODES:
            if c.code in table:
                raise ValueError(f"diagnostic code {c.code} declared twice")
            if c.vi is not None and _fields(c.vi.template) != c.fields:
                raise ValueError(f"{c.code}: the Vietnamese template has other fields")
            table[c.code] = c
    return dict(sorted(table.items()))


CODES: dict[str, Code] = _collect()


def make(code: str, span: Span | None, *, related: tuple[Related, ...] = (),
         hint: Words | None = None, **fields: object) -> Diagnostic:
    """Build a :class:`~procgen.diagnostics.Diagnostic` from the registry.

    Raises:
        CompilerBug: the code is unknown, or a template field is missing or extra.
    """
    from procgen.diagnostics import CompilerBug, Diagnostic

    entry = CODES.get(code)
    if entry is None:
        raise CompilerBug(f"unknown diagnostic code {code}")
    given = set(fields)
    if given != entry.fields:
        raise CompilerBug(f"{code}: template fields {sorted(entry.fields)}, given {sorted(given)}")
    clean = {k: _clean(v) for k, v in fields.items()}
    return Diagnostic(code, entry.severity, entry.format("en", clean), span, related, hint,
                      tuple(sorted(clean.items())))


def _clean(value: object) -> object:
    from procgen.diagnostics import Phrase

    if isinstance(value, Phrase):
        return Phrase(_one_line(value.en), _one_line(value.vi))
    if isinstance(value, list | tuple):  # kept hashable, as a Diagnostic is
        return tuple(_clean(v) for v in value)
    if isinstance(value, bool | int | float):
        return value
    return _one_line(str(value))  # an id type, a path: the build cache stores plain values


def _one_line(text: str) -> str:
    r"""Escape control characters, so that a diagnostic is always exactly one line.

    >>> _one_line("kitchen\nsink")
    'kitchen\\nsink'
    """
    if text.isprintable():
        return text
    escapes = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(
        escapes.get(c, f"\\x{ord(c):02x}") if not c.isprintable() else c for c in text
    )
