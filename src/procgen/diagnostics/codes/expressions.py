"""PG2xx: expressions — syntax, names and types."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES: tuple[Code, ...] = ()
