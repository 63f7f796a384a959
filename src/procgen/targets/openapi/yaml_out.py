"""A small, fast, deterministic YAML writer for JSON-shaped data (the OpenAPI documents).

PyYAML's representer walks every node in Python and dominated the build (about 0.01 s per
procedure spec, and seconds for ``portal.yaml`` of a large portal). The data here is only
``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, so block-style YAML can be written
directly. Strings are written plain only when no YAML 1.1 or 1.2 reader can take them for
anything but that text; otherwise single-quoted, as a literal block (multi-line text), or as a
JSON string (which is valid YAML). ``tests/openapi/test_yaml_out.py`` checks with hypothesis
that PyYAML reads back exactly the data written.

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
    known = _STRINGS.get(value)
    if known is None:
        known = _string(value)
        if len(_STRINGS) < 50_000:
            _STRINGS[value] = known
    return known


_STRINGS: dict[str, str] = {}
"""Strings already written: keys and values repeat across a document and a build."""


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


def _value(value: Any, indent: int, out: list[str]) -> str:
    """The text after ``key:`` (or ``-``) for a scalar, or "" when lines were appended."""
    if isinstance(value, str) and _block_ok(value):
        pad = " " * (indent + 2)
        out.extend(pad + line if line else "" for line in value.split("\n"))
        return "|-"
    return scalar(value)


def _mapping(data: dict[str, Any], indent: int, out: list[str], first: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first if (first is not None and i == 0) else pad
        head = f"{lead}{scalar(key)}:"
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


def _entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict) and value:
        out.append(head)
        _mapping(value, indent + 2, out)
    elif isinstance(value, list | tuple) and value:
        out.append(head)
        _sequence(value, indent, out)
    elif isinstance(value, dict | list | tuple):
        out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
    else:
        at = len(out)
        out.append(head)
        text = _value(value, indent, out)
        out[at] = f"{head} {text}"


def dump(data: dict[str, Any]) -> str:
    """Block-style YAML for a JSON-shaped mapping, keys in their order, ending in a newline."""
    out: list[str] = []
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"
