"""REQ openapi-golden, openapi-deterministic, openapi-diagnostics (issue 6).

- the kitchen sink's specs match the golden files (``pytest --update-golden`` rewrites them);
- two builds, and builds under two ``PYTHONHASHSEED`` values, give the same bytes;
- what the API cannot express is reported: PG531 (no example for a pattern), PG532 (a group
  inside a group), each at the YAML line; a pattern is carried as written (anchored);
- ``procgen build --target openapi`` writes ``openapi/<id>.yaml``, ``openapi/portal.yaml`` and
  the self-contained ``openapi/portal.bundled.yaml``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from openapi_spec_validator import validate
from tests.conftest import ROOT
from tests.openapi.conftest import KITCHEN_SINK, Built, build, resolved

from procgen.cli import cli

SETTINGS = """procgen: 1
languages: [vi, en]
default_language: vi
currency: VND
"""

TRICKY = """procgen: 1
id: tricky
revision: 1
title: {vi: Thử, en: Test}
channels:
  online: {processing_time: {working_days: 1}}
fields:
  - {id: plain, type: text, label: {vi: A, en: A}, pattern: "(?:[a-z]{4})\\\\/[0-9]"}
  - {id: echo, type: text, label: {vi: C, en: C}, pattern: "[ a]\\\\b[ b]", required: true}
  - id: outer
    type: group
    label: {vi: D, en: D}
    repeat: {min: 0, max: 3}
    fields:
      - {id: name, type: text, label: {vi: E, en: E}}
      - id: inner
        type: group
        label: {vi: F, en: F}
        fields:
          - {id: thing, type: text, label: {vi: G, en: G}}
"""


def test_golden_kitchen_sink(kitchen_sink: Built, golden: Any) -> None:
    golden.check("openapi/kitchen-sink.yaml", kitchen_sink.files["openapi/kitchen-sink.yaml"])
    golden.check("openapi/portal.yaml", kitchen_sink.files["openapi/portal.yaml"])
    golden.check("openapi/portal.bundled.yaml", kitchen_sink.files["openapi/portal.bundled.yaml"])


def test_two_builds_are_identical(kitchen_sink: Built) -> None:
    assert build(KITCHEN_SINK).files == kitchen_sink.files


def _digest_under_seed(seed: str) -> str:
    code = (
        "import hashlib, sys\n"
        "from tests.openapi.conftest import build, KITCHEN_SINK\n"
        "files = build(KITCHEN_SINK).files\n"
        "h = hashlib.sha256()\n"
        "[h.update(k.encode() + files[k]) for k in sorted(files)]\n"
        "print(h.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


def test_bytes_do_not_depend_on_hash_seed(kitchen_sink: Built) -> None:
    h = hashlib.sha256()
    for k in sorted(kitchen_sink.files):
        h.update(k.encode() + kitchen_sink.files[k])
    assert _digest_under_seed("1") == _digest_under_seed("4242") == h.hexdigest()


def test_what_the_api_cannot_express_is_reported(tmp_path: Path) -> None:
    (tmp_path / "procgen.yaml").write_text(SETTINGS)
    (tmp_path / "tricky.yaml").write_text(TRICKY)
    built = build(tmp_path)
    spans = [(d, d.span) for d in built.sink]
    found = sorted((d.code, s.line, s.col, d.severity) for d, s in spans if s is not None)
    assert len(found) == len(spans)
    assert found == [  # each at its field's id
        ("PG531", 9, 10, "warning"),
        ("PG532", 16, 13, "warning"),
    ], found
    spec = built.spec("openapi/tricky.yaml")
    validate(spec)
    props = spec["components"]["schemas"]["TrickyAnswers"]["properties"]
    assert props["plain"]["pattern"] == "^(?:(?:[a-z]{4})\\/[0-9])$"  # as written
    body = resolved(spec, spec["paths"]["/procedures/tricky/applications"]["post"][
        "requestBody"])
    assert "examples" not in body["content"]["multipart/form-data"]  # 'echo' has no example
    inner = resolved(spec, props["outer"]["items"])["properties"]["inner"]
    assert resolved(spec, inner["items"])["properties"]["thing"]["type"] == "string"


def test_build_command_writes_the_specs(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = CliRunner().invoke(
        cli,
        ["--procedures", str(KITCHEN_SINK), "build", "--out", str(out), "--target", "openapi"],
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in (out / "openapi").iterdir())
    assert written == ["openapi/kitchen-sink.yaml", "openapi/portal.bundled.yaml",
                       "openapi/portal.yaml"]
    for name in ("portal.yaml", "portal.bundled.yaml"):
        portal = out / "openapi" / name
        validate(yaml.safe_load(portal.read_text("utf-8")), base_uri=portal.as_uri())
