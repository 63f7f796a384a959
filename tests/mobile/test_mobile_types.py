"""REQ issue 18: the mobile schema as a renderer team's tools read it.

A strict client (ajv ``strict: true``) accepts every generated file; json-schema-to-typescript
gives one typed interface per component, with its real fields, in a union told apart by
``type``; and ``tsc --noEmit --strict`` accepts every generated file typed against that output,
including code that narrows a component by its ``type``.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import SCHEMA, Corpus

pytestmark = pytest.mark.node

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
TYPES_SCRIPT = Path(__file__).with_name("mobile_types.js")
RULE = "boolean | JSONLogicOperation"
COMPONENT_INTERFACES = {
    "text": "TextComponent", "textarea": "TextAreaComponent", "number": "NumberComponent",
    "money": "MoneyComponent", "date": "DateComponent", "boolean": "YesNoComponent",
    "choice": "ChoiceComponent", "multichoice": "MultipleChoiceComponent",
    "national_id": "NationalIDComponent", "phone": "PhoneComponent", "email": "EmailComponent",
    "address": "AddressComponent", "repeat_group": "RepeatGroupComponent",
    "document_capture": "DocumentCaptureComponent",
    "info": "InformationComponent", "fee_summary": "FeeSummaryComponent",
}


def _node() -> str:
    exe = shutil.which("node")
    assert exe is not None
    return exe


@pytest.fixture(scope="module")
def declarations(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.conftest import NODE_MODULES, require_tool

    require_tool(shutil.which("node") is not None
                 and (NODE_MODULES / "json-schema-to-typescript").is_dir(),
                 "node with tests/js/node_modules/json-schema-to-typescript")
    run = subprocess.run([_node(), str(TYPES_SCRIPT), str(NODE_MODULES), str(SCHEMA)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


def interface(ts: str, name: str) -> str:
    """The body of ``export interface <name> { ... }``."""
    found = re.search(rf"^export interface {name} \{{\n(.*?)^\}}", ts, flags=re.S | re.M)
    assert found is not None, f"no interface {name}"
    return found.group(1)


def members(body: str) -> dict[str, str]:
    """``name`` (``name?`` when optional) → type, of an interface's own top-level members."""
    out: dict[str, str] = {}
    for line in body.splitlines():
        m = re.match(r"^  ([a-z_]+\??): (.+);$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def test_the_text_field_component_has_its_fields(declarations: str) -> None:
    text = interface(declarations, "TextComponent")
    assert members(text) == {
        "type": '"text"', "id": "string", "field": "string", "label": "LocalizedText",
        "hint?": "LocalizedText", "section?": "LocalizedText",
        "visible_when": RULE, "required": RULE,
        "constraint?": "Constraint",
        "keyboard": '"text" | "numeric" | "decimal" | "phone" | "email"',
        "pattern?": "string", "min_length?": "number", "max_length?": "number",
        "default?": "string", "prefill?": "Prefill", "messages": "ValidationMessages",
    }


@pytest.mark.parametrize(("kind", "name"), sorted(COMPONENT_INTERFACES.items()))
def test_every_component_is_a_closed_interface_tagged_by_type(declarations: str, kind: str,
                                                              name: str) -> None:
    body = interface(declarations, name)
    assert members(body)["type"] == f'"{kind}"'
    assert "[k: string]: unknown" not in body  # closed: a misspelt key is a type error
    union = re.search(r"^export type Component =\n(.*?);$", declarations, flags=re.S | re.M)
    assert union is not None and f"| {name}" in union.group(1)


NARROWING = """\
import type {Component, InputComponent, ProcgenMobileScreens} from "./mobile-screens";

export function fields(c: Component | InputComponent): string[] {
  switch (c.type) {
    case "text": return [c.field, c.keyboard];
    case "number": return [c.field, String(c.integer)];
    case "choice": return [c.field, ...c.options.map((o) => String(o.value))];
    case "repeat_group": return [c.field, ...c.components.flatMap(fields)];
    case "document_capture": return [c.document];
    case "info": return [c.role];
    case "fee_summary": return c.fees;
    default: return [c.field];
  }
}

export function every(doc: ProcgenMobileScreens): string[] {
  return doc.screens.flatMap((s) => s.components.flatMap(fields));
}
"""


def test_tsc_strict_accepts_every_generated_file(declarations: str, corpora: dict[str, Corpus],
                                                  tmp_path: Path) -> None:
    from tests.conftest import NODE_MODULES

    (tmp_path / "mobile-screens.ts").write_text(declarations, "utf-8")
    (tmp_path / "narrowing.ts").write_text(NARROWING, "utf-8")
    checks = [typed(tmp_path / f"{name}--{p.id}.ts", corpus.doc(p.id))
              for name, corpus in sorted(corpora.items()) for p in corpus.portal.procedures]
    assert len(checks) >= 27
    run = tsc(NODE_MODULES, tmp_path / "narrowing.ts", *checks)
    assert run.returncode == 0, (run.stdout + run.stderr)[:3000]

    bad = copy.deepcopy(corpora["kitchen-sink"].doc("kitchen-sink"))
    first = next(c for s in bad["screens"] for c in s["components"] if c["type"] == "text")
    first["keybaord"] = first.pop("keyboard")
    run = tsc(NODE_MODULES, typed(tmp_path / "misspelt.ts", bad))
    assert run.returncode != 0 and "keybaord" in run.stdout, run.stdout[:2000]


def typed(path: Path, doc: dict[str, Any]) -> Path:
    """A TypeScript module holding ``doc`` as a constant of the generated root type."""
    path.write_text('import type {ProcgenMobileScreens} from "./mobile-screens";\n'
                    f"export const doc: ProcgenMobileScreens = {json.dumps(doc)};\n", "utf-8")
    return path


def tsc(node_modules: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(node_modules / ".bin" / "tsc"), "--noEmit", "--strict", "--target", "es2020",
         "--module", "commonjs", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False)


def test_a_strict_client_accepts_every_generated_file(corpora: dict[str, Corpus],
                                                      tmp_path: Path) -> None:
    from tests.conftest import NODE_MODULES

    docs = []
    for name, corpus in sorted(corpora.items()):
        for path, data in corpus.files.items():
            target = tmp_path / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            docs.append(target)
    run = subprocess.run(
        [_node(), str(SCHEMAS_DIR / "ajv_strict.js"), str(NODE_MODULES), str(SCHEMA),
         "--validate", *map(str, docs)],
        capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["strict"] == {str(SCHEMA): []}
    assert report["invalid"] == {}
    assert len(docs) >= 27
