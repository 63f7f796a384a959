"""Limits of what procgen reads: how deep, how many values, how large a number, which names.

Each limit is defined once, here, and documented in ``docs/dsl.md`` (section *Limits*). The
loader enforces the structural and number limits on every file; the JSON Schemas repeat
:data:`MAX_SAFE_INTEGER` and :data:`WINDOWS_DEVICE_NAMES` so that editors flag the same values
(``tests/source/test_limits.py`` keeps them equal).
"""

from __future__ import annotations

import re

from procgen.diagnostics import Phrase

MAX_DEPTH = 32
"""The deepest a value may nest: mappings and lists inside one another, the file's own mapping
counting as the first. Real procedures nest at most about ten deep (a group inside a group is
four levels); the limit keeps every later pass (the JSON Schema validators, the builder, the
targets) far inside Python's recursion limit, whatever the file holds."""

MAX_VALUES = 200_000
"""The most values one file may hold, aliases expanded (a value is a mapping, a list or a
scalar): far beyond any real procedure (the largest bundled list, the communes, holds ~10 000)."""

MAX_ENTRIES = 1000
"""The most entries a group may require, nested groups multiplied: each group's ``repeat.min``
(counted as at least 1) times those of the groups around it. A group's own ``repeat`` is 0 to
1 000 (the schemas); nesting multiplies, and the API's example application holds that many
entries, so three groups of 1 000 would be a billion."""

MAX_SAFE_INTEGER = 2**53 - 1
"""The largest number, in size, that a file may hold: 9 007 199 254 740 991.

It is the largest whole number that every target computes exactly: beyond it JavaScript's
numbers (the web form, JSON Logic on mobile and in the API) round, so a total in the browser
could differ from the quote. Expressions refuse larger literals (PG202) with the same bound;
plain numbers are refused by the loader (PG116), whatever key holds them.
"""

WINDOWS_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)
"""Names Windows reserves for devices, in any case and with any extension (``con.yaml``,
``Aux.html``): a file so named cannot be checked out on Windows. Refused as file names of the
files procgen reads, and as slugs and block or list names, which name generated files."""

_WINDOWS_BAD_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_name_problem(name: str) -> Phrase | None:
    """Why Windows could not check out a file called ``name`` (one path component), or None.

    >>> windows_name_problem("birth-registration.yaml") is None
    True
    >>> windows_name_problem("CON.yaml").en
    "is a name Windows reserves for a device ('con')"
    >>> windows_name_problem("what?.yaml").vi
    "có '?', ký tự Windows không cho dùng trong tên tệp"
    """
    base = name.split(".", 1)[0].rstrip(" ").lower()
    if base in WINDOWS_DEVICE_NAMES:
        return Phrase(f"is a name Windows reserves for a device ('{base}')",
                      f"là tên Windows dành cho thiết bị ('{base}')")
    bad = _WINDOWS_BAD_CHARACTERS.search(name)
    if bad:
        shown = bad.group() if bad.group().isprintable() else f"U+{ord(bad.group()):04X}"
        return Phrase(f"holds '{shown}', which Windows does not allow in file names",
                      f"có '{shown}', ký tự Windows không cho dùng trong tên tệp")
    if name.endswith((".", " ")):
        return Phrase("ends with a dot or a space, which Windows drops from file names",
                      "kết thúc bằng dấu chấm hoặc dấu cách, thứ Windows bỏ khỏi tên tệp")
    return None
