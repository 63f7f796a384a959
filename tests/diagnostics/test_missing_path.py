"""REQ foundation: a path that does not exist is a located PG100, not a traceback."""

from __future__ import annotations

from pathlib import Path

from procgen.diagnostics import DiagnosticSink
from procgen.model import validate_paths


def test_missing_path_is_reported(tmp_path: Path) -> None:
    sink = DiagnosticSink()
    validate_paths([tmp_path / "nope.yaml"], tmp_path, sink)
    assert [d.code for d in sink] == ["PG100"]
    assert "no such file" in sink.items[0].message
