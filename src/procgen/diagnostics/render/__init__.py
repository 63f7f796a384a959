"""Render diagnostics in the formats of CLI.md: ``text``, ``json`` and ``github``.

>>> from procgen.diagnostics import Diagnostic, Span
>>> d = Diagnostic("PG104", "error", "duplicate key 'id'", Span("p.yaml", 4, 3))
>>> print(render([d], "text"))
p.yaml:4:3: error[PG104]: duplicate key 'id'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from procgen.diagnostics import Diagnostic

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


def render(diagnostics: Iterable[Diagnostic], fmt: Format, *, color: bool = False,
           words: Mapping[str, str] | None = None) -> str:
    """Render sorted diagnostics (file, line, column) as one string without trailing newline.

    ``words`` are the text format's own words, keyed by the tokens they stand for
    (``error``, ``warning``, ``note``, ``help``): the caller's, from the wording catalogue
    (this bottom layer reads no catalogue); a token without a word is written as it is.
    The JSON and GitHub formats have no words of their own.
    """
    from procgen.diagnostics.render import github, json, text

    items = sorted(set(diagnostics), key=Diagnostic.sort_key)
    if fmt == "text":
        return text.render(items, color=color, words=words or {})
    module = {"json": json, "github": github}[fmt]
    rendered: str = module.render(items, color=color)
    return rendered
