"""REQ foundation/editor: the editor set-up in ``docs/editor.md`` points at real schemas.

The ``yaml.schemas`` snippet is valid JSON naming schema files that exist and folders the
project has; each modeline resolves to the schema it names and does not upset procgen; the
schemas the editor reads are the ones procgen checks with; every key has hover text.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EDITOR_MD = ROOT / "docs" / "editor.md"
SCHEMAS = ROOT / "schemas"
PACKAGED = ROOT / "src" / "procgen" / "_schemas"
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
AUTHORING = ("procedure", "settings", "block", "list", "locality")


def settings_snippet() -> dict[str, Any]:
    blocks = re.findall(r"```json\n(.*?)```", EDITOR_MD.read_text("utf-8"), flags=re.S)
    full = [json.loads(b) for b in blocks if b.lstrip().startswith("{")]
    assert len(full) == 1, "one complete .vscode/settings.json example"
    snippet: dict[str, Any] = full[0]
    return snippet


def test_settings_snippet_maps_every_kind_to_an_existing_schema() -> None:
    mapping = settings_snippet()["yaml.schemas"]
    assert {Path(k).name for k in mapping} == {f"{k}.schema.json" for k in AUTHORING}
    for schema, patterns in mapping.items():
        assert (ROOT / schema).is_file(), schema
        for pattern in patterns:
            assert pattern.startswith("procedures/")
            assert (ROOT / pattern).parent.is_dir(), pattern
    assert mapping["./schemas/settings.schema.json"] == ["procedures/procgen.yaml"]
    assert mapping["./schemas/block.schema.json"] == ["procedures/common/*.yaml"]
    assert mapping["./schemas/list.schema.json"] == ["procedures/lists/*.yaml"]
    assert mapping["./schemas/locality.schema.json"] == ["procedures/localities/*.yaml"]


def test_settings_snippet_reads_yaml_as_procgen_does() -> None:
    assert settings_snippet()["yaml.yamlVersion"] == "1.1"


def modelines() -> list[tuple[str, str]]:
    rows = re.findall(
        r"\| `(procedures/[^`]+)` \| `# yaml-language-server: \$schema=([^`]+)` \|",
        EDITOR_MD.read_text("utf-8"),
    )
    return [(file, schema) for file, schema in rows]


def test_every_kind_has_a_modeline_row() -> None:
    assert {Path(s).name for _, s in modelines()} == {f"{k}.schema.json" for k in AUTHORING}


@pytest.mark.parametrize(("file", "schema"), modelines())
def test_modeline_paths_resolve_from_the_file(file: str, schema: str) -> None:
    target = (ROOT / file).parent / schema
    assert target.resolve() == (SCHEMAS / Path(schema).name).resolve()
    assert target.is_file()


def test_a_modeline_is_only_a_comment_to_procgen(tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    by_kind = {Path(schema).name: schema for _, schema in modelines()}
    for rel, kind in (
        ("kitchen-sink.yaml", "procedure"),
        ("common/person.yaml", "block"),
        ("lists/sex.yaml", "list"),
        ("localities/test-city.yaml", "locality"),
        ("procgen.yaml", "settings"),
    ):
        path = root / rel
        line = f"# yaml-language-server: $schema={by_kind[f'{kind}.schema.json']}\n"
        path.write_text(line + path.read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.mark.parametrize("kind", AUTHORING)
def test_editor_schemas_are_the_ones_procgen_checks_with(kind: str) -> None:
    name = f"{kind}.schema.json"
    assert (SCHEMAS / name).read_bytes() == (PACKAGED / name).read_bytes()


@pytest.mark.parametrize("kind", AUTHORING)
def test_schemas_are_valid_2020_12(kind: str) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema.get("title") and schema.get("description")


def undocumented(kind: str) -> list[str]:
    """Keys that would show no hover text: no title or description, directly or via $ref."""
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    defs = schema.get("$defs", {})

    def documented(node: dict[str, Any]) -> bool:
        if "description" in node or "title" in node:
            return True
        ref = node.get("$ref", "")
        return bool(ref) and documented(defs[ref.rsplit("/", 1)[-1]])

    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            if not documented(sub):
                missing.append(f"{where}.{key}")
            walk(sub, f"{where}.{key}")
        for key in ("items", "additionalProperties"):
            walk(node.get(key), f"{where}[]")
        for name, sub in node.get("$defs", {}).items():
            walk(sub, f"#{name}")

    walk(schema, "")
    return missing


def test_settings_keys_all_have_hover_text() -> None:
    assert undocumented("settings") == []


@pytest.mark.parametrize("kind", ["procedure", "block", "list", "locality"])
def test_every_key_has_hover_text(kind: str) -> None:
    assert undocumented(kind) == []
