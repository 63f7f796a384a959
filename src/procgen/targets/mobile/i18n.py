"""The mobile screens' own wording, per language: a view of :mod:`procgen.wording`.

Procedure text comes from the procedure; the chrome a native renderer shows around it comes
from the one wording catalogue, which the web form shares. ``{name}`` placeholders are filled
by the compiler for messages it writes into the file (``messages``), and by the renderer for
the entries of the ``ui`` table it publishes. A language the catalogue does not know falls
back to English, with a ``PG560`` warning.
"""

from __future__ import annotations

from procgen.wording import LANGUAGES, database
from procgen.wording import words as _words

RENDERER_KEYS: dict[str, str] = {
    "next": "continue", "edit": "change", "add_entry": "add_button",
    "remove_entry": "remove_button", "file_type": "file_type_any", "file_size": "file_size_any",
}
"""The published ``ui`` table's names (docs/targets/mobile.md) that differ from the
catalogue's key for the same words."""

UI: dict[str, dict[str, str]] = {
    lang: {**_words(lang), **{mine: _words(lang)[key] for mine, key in RENDERER_KEYS.items()}}
    for lang in LANGUAGES
}
"""Language → key → text: the catalogue, plus the renderer's names of :data:`RENDERER_KEYS`."""

UI_KEYS_FOR_RENDERER: tuple[str, ...] = (
    "start", "next", "back", "edit", "submit", "add_entry", "remove_entry", "optional",
    "take_photo", "choose_file", "no_entries", "not_answered", "yes", "no", "total", "no_fees",
    "fee_depends", "fee_set_by_locality", "fee_exempt", "fee_not_due", "sending", "send_failed",
    "online", "in_person", "postal", "file_type", "file_size", "local_fee_placeholder",
    "local_pick_province", "local_offices", "local_office_placeholder",
)
"""The ``ui`` string table published in every file: wording the renderer places itself."""


def words(lang: str) -> dict[str, str]:
    """The wording for ``lang`` (English when the catalogue does not know it)."""
    return UI.get(lang, UI["en"])


def ui_text(key: str, languages: tuple[str, ...], **fields: object) -> dict[str, str]:
    """One entry in every language, ``{placeholders}`` filled from ``fields``.

    A ``database`` field is a state database's slug, named in each language.
    """
    out = {}
    for lang in languages:
        values = dict(fields)
        if isinstance(values.get("database"), str):
            values["database"] = database(str(values["database"]), lang)
        out[lang] = words(lang)[key].format(**values)
    return out
