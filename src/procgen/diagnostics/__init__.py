"""Diagnostics: located, coded messages shared by every stage, and the sink that collects them.

A stage reports problems by calling :meth:`DiagnosticSink.emit` with a registered code
(see :mod:`procgen.diagnostics.codes`) and the template's named fields. Rendering happens
in exactly one place, :mod:`procgen.diagnostics.render`.

>>> sink = DiagnosticSink()
>>> d = sink.emit("PG101", Span("p.yaml", 3, 1), detail="invalid start byte")
>>> (d.code, d.severity, d.span.line)
('PG101', 'error', 3)
>>> sink.has_errors()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from msgspec import Struct, field
from msgspec.structs import force_setattr, replace

Severity = Literal["error", "warning"]


class Span(Struct, frozen=True, order=True):
    """A 1-based region of a source file; ``end_*`` default to the start."""

    file: str
    line: int
    col: int
    end_line: int = 0
    end_col: int = 0

    def __post_init__(self) -> None:
        if self.end_line == 0:
            force_setattr(self, "end_line", self.line)
        if self.end_col == 0:
            force_setattr(self, "end_col", self.col)


class Phrase(Struct, frozen=True):
    """Words of a diagnostic in both languages: a template field or a hint that is not a name.

    A field value that names something the author wrote (an id, a key, a value) is a plain
    ``str`` and reads the same in every language; words procgen says are a ``Phrase``.

    >>> Phrase("a whole number", "một số nguyên").said("vi")
    'một số nguyên'
    """

    en: str
    vi: str

    def said(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


Words = str | Phrase
"""A text of a diagnostic: the same in every language (``str``) or worded per language."""


def said(words: Words, lang: str) -> str:
    """``words`` in ``lang``."""
    return words.said(lang) if isinstance(words, Phrase) else words


class Related(Struct, frozen=True):
    """A secondary location that explains a diagnostic (e.g. the first of two duplicates)."""

    message: Words
    span: Span

    def text(self, lang: str = "en") -> str:
        return said(self.message, lang)


class Diagnostic(Struct, frozen=True):
    """One problem. ``message`` is the English text; :meth:`text` words it in any language
    from the code's templates and ``args`` (the template's fields, as given to ``emit``)."""

    code: str
    severity: Severity
    message: str
    span: Span | None
    related: tuple[Related, ...] = ()
    hint: Words | None = None
    args: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English for a language the registry does not word)."""
        from procgen.diagnostics.codes import CODES

        entry = CODES.get(self.code)
        if entry is None or (entry.fields and not self.args):
            return self.message
        return entry.format(lang, dict(self.args))

    def help(self, lang: str = "en") -> str | None:
        """What to do: this problem's own hint, else the fix the catalogue gives for its code."""
        if self.hint is not None:
            return said(self.hint, lang)
        from procgen.diagnostics.codes import CODES

        entry = CODES.get(self.code)
        return entry.worded(lang).fix if entry is not None else None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        s = self.span
        return (
            (s.file, s.line, s.col, self.code, self.message)
            if s
            else ("", 0, 0, self.code, self.message)
        )


class CompilerBug(Exception):
    """An internal invariant failed. Never a Diagnostic: the CLI turns it into exit 3."""


class StageFailed(Exception):
    """Ends a stage early; the diagnostics explaining why are already in the sink."""


class DiagnosticSink(Struct):
    """Collects diagnostics from every stage of one run."""

    items: list[Diagnostic] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(file, stage): checks not run on a file because its errors made them unsound; the
    command line says so after the diagnostics (``diag_skipped``)."""

    def skip(self, file: str, stage: str) -> None:
        """Record that ``stage`` (a ``diag_stage_…`` word) was not run on ``file``."""
        if (file, stage) not in self.skipped:
            self.skipped.append((file, stage))

    def emit(
        self,
        code: str,
        span: Span | None,
        *,
        related: Iterable[Related] = (),
        hint: Words | None = None,
        severity: Severity | None = None,
        **fields: object,
    ) -> Diagnostic:
        """Create a diagnostic from the registry, record it and return it.

        Raises:
            CompilerBug: for an unknown code or a missing template field.
        """
        from procgen.diagnostics.codes import make

        d = make(code, span, related=tuple(related), hint=hint, **fields)
        if severity is not None:
            d = replace(d, severity=severity)
        self.items.append(d)
        return d

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        if isinstance(diagnostics, DiagnosticSink):
            for entry in diagnostics.skipped:
                self.skip(*entry)
        self.items.extend(diagnostics)

    def has_errors(self, *, strict: bool = False) -> bool:
        return any(d.severity == "error" or strict for d in self.items)

    def error_count(self) -> int:
        return sum(1 for d in self.items if d.severity == "error")

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def promote_warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``--strict``: every warning becomes an error."""
    return [replace(d, severity="error") if d.severity == "warning" else d for d in diagnostics]


def did_you_mean(word: str, candidates: Iterable[str]) -> Words:
    """``; did you mean 'x'?`` (in both languages) for the closest candidate, or ``""``.

    An abbreviation of a candidate's words wins (``dob`` for ``date_of_birth``); otherwise
    the closest spelling (difflib), then a candidate that contains the word.

    >>> did_you_mean("child_dob", ["child_date_of_birth", "child_sex"]).en
    "; did you mean 'child_date_of_birth'?"
    >>> did_you_mean("lable", ["label", "hint"]).vi
    "; có phải ý bạn là 'label'?"
    >>> did_you_mean("zzz", ["child_sex"])
    ''
    """
    best = closest(word, candidates)
    if best is None:
        return ""
    return Phrase(f"; did you mean '{best}'?", f"; có phải ý bạn là '{best}'?")


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate :func:`did_you_mean` suggests, or None."""
    import difflib

    pool = sorted(set(candidates))
    matches = [c for c in pool if _abbreviates(word, c)]
    if not matches:
        matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not matches and len(word) >= 3:
        matches = [c for c in pool if word.lower() in c.lower()]
    return matches[0] if matches else None


def _abbreviates(word: str, candidate: str) -> bool:
    """``child_dob`` abbreviates ``child_date_of_birth``: same leading words, then initials."""
    sep = "_" if "_" in candidate else "-"
    w, c = word.split(sep), candidate.split(sep)
    if len(c) < 3 or len(w) >= len(c) or w[:-1] != c[: len(w) - 1]:
        return False
    rest = c[len(w) - 1 :]
    return len(rest) >= 2 and w[-1] == "".join(part[:1] for part in rest)
