"""PG5xx: what a target cannot express."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES: tuple[Code, ...] = ()
