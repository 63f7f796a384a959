"""Render diagnostics in the formats of CLI.md: ``text``, ``json`` and ``github``, and SARIF.

Every format says what to do: the text format's ``help:`` line, JSON's ``hint``, the
annotation body for GitHub and SARIF's ``help`` — the diagnostic's own hint, else the fix its
code's catalogue entry gives. Messages are worded in ``lang``.

>>> from procgen.diagnostics import Diagnostic, Span
>>> d = Diagnostic("PG104", "error", "duplicate key 'id'", Span("p.yaml", 4, 3))
>>> print(render([d], "text"))
p.yaml:4:3: error[PG104]: duplicate key 'id'
  help: Keep one copy of the key, merging the values (e.g. `label: {vi: Tên, en: Name}`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from procgen.diagnostics import Diagnostic

Format = Literal["text", "json", "github", "sarif"]
FORMATS: tuple[Format, ...] = ("text", "json", "github", "sarif")


def render(diagnostics: Iterable[Diagnostic], fmt: Format, *, color: bool = False,
           words: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """Render sorted diagnostics (file, line, column) as one string without trailing newline.

    ``words`` are the text format's own words, keyed by the tokens they stand for
    (``error``, ``warning``, ``note``, ``help``): the caller's, from the wording catalogue
    (this bottom layer reads no catalogue); a token without a word is written as it is.
    The JSON and GitHub formats have no words of their own.
    """
    from procgen.diagnostics.render import github, json, sarif, text

    items = sorted(set(diagnostics), key=Diagnostic.sort_key)
    if fmt == "text":
        return text.render(items, color=color, words=words or {}, lang=lang)
    module = {"json": json, "github": github, "sarif": sarif}[fmt]
    rendered: str = module.render(items, lang=lang)
    return rendered
