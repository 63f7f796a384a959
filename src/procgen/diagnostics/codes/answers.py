"""PG6xx: answers given to `procgen quote`."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES: tuple[Code, ...] = ()
