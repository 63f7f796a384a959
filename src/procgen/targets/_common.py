"""What the API-shaped targets (OpenAPI, mobile) write the same way: texts, patterns, JSON bytes.

Everything here is pure and deterministic. What a field *means* is not here: it is decided in
the model (:mod:`procgen.model.facts`, :mod:`procgen.model.answer`) and the wording
catalogue (:mod:`procgen.wording`); the OpenAPI target's answer schemas and rules are in
:mod:`procgen.targets.openapi.answers`.

* :func:`json_pattern` — a DSL ``pattern`` (matched whole) as an anchored JSON Schema
  pattern; the dialect (:mod:`procgen.model.patterns`) reads the same in ECMA-262;
* :func:`localized` — a :class:`~procgen.model.ir.Text` as ``{lang: text}`` in project order;
* :func:`pretty_json` — the bytes of an indented JSON file (the mobile screens).
"""

from __future__ import annotations

from typing import Any

from procgen.model.ir import Text, plain_str

__all__ = ["json_pattern", "localized", "pretty_json"]


def pretty_json(doc: Any) -> bytes:
    """``doc`` as UTF-8 JSON with a two-space indent and a final newline.

    Written by msgspec: the standard library's encoder is pure Python as soon as it indents,
    and was most of the mobile target's time. The bytes are those of
    ``json.dumps(doc, ensure_ascii=False, indent=2)`` except that floats with an exponent are
    written ``1e16`` rather than ``1e+16`` (no document holds NaN or infinities: the schemas
    refuse them, and msgspec would write ``null``).

    >>> from procgen.model.ir import Slug
    >>> doc = {"a": [1, "ủy ban"], "b": {}, 1: 2**70, "id": Slug("x")}
    >>> print(pretty_json(doc).decode(), end="")
    {
      "a": [
        1,
        "ủy ban"
      ],
      "b": {},
      "1": 1180591620717411303424,
      "id": "x"
    }
    """
    import msgspec

    return msgspec.json.format(msgspec.json.encode(doc, enc_hook=plain_str), indent=2) + b"\n"


def localized(text: Text, languages: tuple[str, ...] | None = None) -> dict[str, str]:
    """``{lang: text}`` for every language (the default language fills any gap)."""
    langs = languages or tuple(lang for lang, _ in text.values)
    return {lang: text.get(lang) for lang in langs}


def json_pattern(pattern: str) -> str:
    """The DSL's ``pattern`` (matched whole) anchored for JSON Schema.

    >>> json_pattern("[A-Z]{2}[0-9]{4}")
    '^(?:[A-Z]{2}[0-9]{4})$'
    """
    return f"^(?:{pattern})$"
