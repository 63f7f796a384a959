"""REQ issue 18: every published schema compiles under ajv's strict mode (``strict: true``, draft
2020-12, ajv-formats), as a strict client compiles it; what the strict spelling changed is
invisible to authors (a value of none of a union's types still gets one message naming them
all).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.schema import Kind, validate
from procgen.source.loader import load_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
SCRIPT = Path(__file__).with_name("ajv_strict.js")


def ajv(node_modules: Path, *args: str | Path) -> dict[str, Any]:
    """Run ``ajv_strict.js``; its JSON report."""
    exe = shutil.which("node")
    assert exe is not None
    run = subprocess.run([exe, str(SCRIPT), str(node_modules), *map(str, args)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    report: dict[str, Any] = json.loads(run.stdout)
    return report


@pytest.mark.node
def test_every_schema_compiles_under_ajv_strict(node_modules: Path) -> None:
    files = sorted(SCHEMAS.glob("*.json"))
    assert len(files) == 8
    report = ajv(node_modules, *files)
    assert report["strict"] == {str(f): [] for f in files}


@pytest.mark.node
def test_the_checker_catches_a_strict_problem(node_modules: Path, tmp_path: Path) -> None:
    loose = tmp_path / "loose.schema.json"
    loose.write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"n": {"type": ["integer", "string"]}}, "required": ["m"],
    }), "utf-8")
    complaints = ajv(node_modules, loose)["strict"][str(loose)]
    assert any("union type" in c for c in complaints), complaints
    assert any('missing type "object"' in c for c in complaints), complaints
    assert any('required property "m"' in c for c in complaints), complaints


HEAD = ("procgen: 1\nid: p\ntitle: {vi: T, en: T}\n"
        "channels:\n  online: {processing_time: {working_days: 1}}\n")


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("procedure", HEAD + "fields:\n  - {id: a, type: integer, label: A, min: {x: 1}}\n",
     "'min' must be a number or a text, not a mapping"),
    ("procedure", HEAD + "fields:\n  - {id: a, type: text, label: A, default: ~}\n",
     "'default' must be a text or a number or true or false or a list, not empty"),
    ("procedure", HEAD + "fields:\n  - {id: a, type: choice, label: A, "
     "options: [{value: [1], label: X}]}\n",
     "'value' must be a text or a whole number, not a list"),
    ("procedure", HEAD + "legal_basis:\n  - {title: X, article: 0}\n",
     "'article' must be at least 1"),
    ("settings", "procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\n"
     "license: {name: X, identifier: MIT, url: 'https://x'}\n",
     "'license': give 'identifier' or 'url', not both"),
])
def test_strict_spelling_keeps_the_messages(kind: Kind, text: str, expected: str) -> None:
    sink = DiagnosticSink()
    name = "procedures/procgen.yaml" if kind == "settings" else "procedures/p.yaml"
    validate(load_text(name, text, sink), kind, sink)
    assert [d.message for d in sink] == [expected]
