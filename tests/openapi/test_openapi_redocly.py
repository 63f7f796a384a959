"""Redocly CLI lints the portal with the repository's ``redocly.yaml`` (issue 18), and
openapi-typescript + ``tsc --strict`` take the bundled portal as it is: no reference left
unresolved, no type error."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT

from .conftest import Built


def _write(built: Built, out: Path) -> Path:
    for name, data in built.files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out / "openapi"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "NO_COLOR": "1",
                               "REDOCLY_TELEMETRY": "off",
                               "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"})


def test_redocly_finds_no_error_in_the_portal(bundled: Built, node_modules: Path,
                                              tmp_path: Path) -> None:
    folder = _write(bundled, tmp_path / "spec")
    (tmp_path / "spec" / "redocly.yaml").write_bytes((ROOT / "redocly.yaml").read_bytes())
    for name in ("portal.yaml", "portal.bundled.yaml"):
        done = _run([str(node_modules / ".bin" / "redocly"), "lint", "--format", "json",
                     str(folder / name)], tmp_path / "spec")
        report = json.loads(done.stdout[done.stdout.index("{"):])
        errors = [p for p in report["problems"] if p["severity"] == "error"]
        assert done.returncode == 0 and not errors, (name, errors[:5], done.stderr[-2000:])
        rules = {p["ruleId"] for p in report["problems"]}
        # the bundled procedures' procgen.yaml names no licence yet; nothing else is allowed
        assert rules <= {"info-license"}, (name, rules)


def test_openapi_typescript_types_compile(bundled: Built, node_modules: Path,
                                          tmp_path: Path) -> None:
    folder = _write(bundled, tmp_path / "spec")
    types = tmp_path / "portal.d.ts"
    made = _run([str(node_modules / ".bin" / "openapi-typescript"),
                 str(folder / "portal.bundled.yaml"), "-o", str(types)], tmp_path)
    assert made.returncode == 0, made.stderr[-2000:]
    text = types.read_text("utf-8")
    assert "BirthRegistrationAnswers" in text and "$ref" not in text
    checked = _run([str(node_modules / ".bin" / "tsc"), "--strict", "--noEmit",
                    "--skipLibCheck", str(types)], tmp_path)
    assert checked.returncode == 0, checked.stdout[-3000:]
