"""JSON: ``{"changes": [...], "warnings": [...], "summary": {...}}`` (CLI.md "Diff")."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procgen.diff import DiffResult


def render_json(result: DiffResult) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
