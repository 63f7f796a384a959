"""A small, fast, deterministic YAML writer for JSON-shaped data (the OpenAPI documents).

PyYAML's representer walks every node in Python and dominated the build (about 0.01 s per
procedure spec, and seconds for ``portal.yaml`` of a large portal). The data here is only
``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, so block-style YAML can be written
directly. Strings are written plain only when no YAML 1.1 or 1.2 reader can take them for
anything but that text; otherwise single-quoted, as a literal block (multi-line text), or as a
JSON string (which is valid YAML). ``tests/openapi/test_yaml_out.py`` checks with hypothesis
that PyYAML reads back exactly the data written.

It is on the build's hot path (a procedure's spec is ~3,000 lines), hence the inlined string
case in :func:`_mapping` and the memo of how each string is written: keys and many values
repeat within a document and across the documents of a build.

>>> print(dump({"a": [1, {"b": "x", "c": True}], "d": {}, "e": "001", "f": "two\\nlines"}), end="")
a:
- 1
- b: x
  c: true
d: {}
e: '001'
f: |-
  two
  lines
"""

from __future__ import annotations

import re
from typing import Any

_FORBIDDEN = re.compile(r": |:$| #|\s$")  # after a letter, only these end or break plain text
_SPECIAL = frozenset(
    ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]
)


def _plain_ok(s: str) -> bool:
    first = s[:1]
    return (
        bool(first)
        and (first.isalpha() or first in "/$_")
        and s.isprintable()
        and _FORBIDDEN.search(s) is None
        and s.lower() not in _SPECIAL
    )


def scalar(value: Any) -> str:
    """One scalar on one line."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)  # YAML 1.1 wants a dot in the mantissa: 5e-324 -> 5.0e-324
        mantissa, e, exponent = text.partition("e")
        return f"{mantissa}.0{e}{exponent}" if e and "." not in mantissa else text
    if not isinstance(value, str):  # pragma: no cover - JSON-shaped data only
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    written = _text(value)
    return written if isinstance(written, str) else _string(value)  # multi-line: quoted


def _string(value: str) -> str:
    if _plain_ok(value):
        return value
    if value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _double_quoted(s: str) -> str:
    """A YAML double-quoted scalar: every character that is not printable becomes an escape."""
    out = []
    for c in s:
        if c in '\\"':
            out.append("\\" + c)
        elif c.isprintable():
            out.append(c)
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def _block_ok(s: str) -> bool:
    lines = s.split("\n")
    return (
        "\n" in s
        and not s.endswith("\n")
        and not s.startswith((" ", "\n"))
        and all(line.isprintable() and not line.endswith(" ") for line in lines)
    )


_TEXTS: dict[str, tuple[str, ...] | str] = {}
"""How each string already seen is written after ``key:``: one line, or a literal block's lines
(keys and many values repeat within a document and across the documents of a build)."""


def _text(value: str) -> tuple[str, ...] | str:
    known = _TEXTS.get(value)
    if known is None:
        known = tuple(value.split("\n")) if _block_ok(value) else _string(value)
        if len(_TEXTS) < 50_000:
            _TEXTS[value] = known
    return known


def _mapping(data: dict[str, Any], indent: int, out: list[str], first: str | None = None) -> None:
    pad = " " * indent
    lead = pad if first is None else first
    texts = _TEXTS
    for key, value in data.items():
        known = texts.get(key) if type(key) is str else None
        head = f"{lead}{known if type(known) is str else scalar(key)}:"
        lead = pad
        if type(value) is str and isinstance(text := _text(value), str):  # the common case
            out.append(f"{head} {text}")
        else:
            _entry(head, value, indent, out)


def _sequence(data: list[Any] | tuple[Any, ...], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in data:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first=pad + "- ")
        elif isinstance(item, list | tuple) and item:
            out.append(pad + "-")
            _sequence(item, indent + 2, out)
        else:
            _entry(pad + "-", item, indent, out)


_SUBTREES: dict[tuple[str, bytes], list[str]] = {}
"""The lines of the mappings written near the top of a document (a path, a schema), by their
content: a build emits each procedure once per locality site, and all but a few of these are
the same each time."""
_SUBTREE_DEPTH = 4
"""Mappings at this indent or less are remembered (deeper ones are parts of those)."""


def _entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(f"{head} {{}}")
        elif indent <= _SUBTREE_DEPTH:
            import msgspec

            from procgen.model.ir import plain_str

            key = (head, msgspec.json.encode(value, enc_hook=plain_str))
            lines = _SUBTREES.get(key)
            if lines is None:
                lines = [head]
                _mapping(value, indent + 2, lines)
                if len(_SUBTREES) > 4_000:
                    _SUBTREES.clear()
                _SUBTREES[key] = lines
            out.extend(lines)
        else:
            out.append(head)
            _mapping(value, indent + 2, out)
    elif isinstance(value, list | tuple):
        if value:
            out.append(head)
            _sequence(value, indent, out)
        else:
            out.append(f"{head} []")
    elif isinstance(value, str):
        text = _text(value)
        if isinstance(text, str):
            out.append(f"{head} {text}")
        else:
            out.append(f"{head} |-")
            block = " " * (indent + 2)
            out.extend(block + line if line else "" for line in text)
    else:
        out.append(f"{head} {scalar(value)}")


def mapping_lines(data: dict[str, Any], indent: int) -> str:
    """The lines :func:`dump` writes for the entries of ``data`` when they sit at ``indent``
    in a larger document, each ending in a newline (pre-written parts of a document)."""
    out: list[str] = []
    _mapping(data, indent, out)
    return "".join(line + "\n" for line in out)


def dump(data: dict[str, Any]) -> str:
    """Block-style YAML for a JSON-shaped mapping, keys in their order, ending in a newline."""
    out: list[str] = []
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"
