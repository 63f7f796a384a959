"""The web form's own wording, per interface language: a view of :mod:`procgen.wording`.

Procedure text comes from the procedure; the form's chrome and messages come from the one
wording catalogue, which the app shares. A language the catalogue does not know falls back to
English, with a ``PG501`` warning from the target.

The runtime (``procgen-form.js``) fills a message's ``{label}`` with the field's label as
written, so in this table a field message's sentence-start ``{Label}`` reads ``{label}`` too;
the page itself carries each field's own messages, label in place (``data-msg-…``, from
:func:`procgen.wording.field_messages`).
"""

from __future__ import annotations

from procgen.model.ir import Text
from procgen.wording import LANGUAGES
from procgen.wording import words as _words

UI: dict[str, dict[str, str]] = {
    lang: {key: value.replace("{Label}", "{label}") for key, value in _words(lang).items()}
    for lang in LANGUAGES
}
"""Language → key → text (the whole catalogue: the page, the runtime and its messages)."""

UI_LANGUAGE_NAMES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}


def ui(lang: str) -> dict[str, str]:
    """The interface wording for ``lang`` (English when the catalogue does not have it)."""
    return UI.get(lang, UI["en"])


def text(value: Text | None, lang: str) -> str:
    """Procedure text in ``lang`` (``""`` when absent)."""
    return value.get(lang) if value is not None else ""
