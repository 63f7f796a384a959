"""REQ issue 17: editor hover help speaks Vietnamese, and VS Code finds the schemas unaided.

Every key of the five authoring schemas has its own description, and every description is two
paragraphs: Vietnamese first, then the English one. The committed ``.vscode/settings.json``
maps each authoring schema to file patterns that pick real files under ``procedures/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
SETTINGS = ROOT / ".vscode" / "settings.json"
AUTHORING = ("procedure", "block", "list", "locality", "settings")
VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)


def load(kind: str) -> Any:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))


def nodes(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in the schema, with its JSON pointer."""
    if isinstance(node, dict):
        yield where, node
        for key, sub in node.items():
            yield from nodes(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from nodes(sub, f"{where}/{i}")


def schema_nodes(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema (not ``properties`` maps themselves, whose keys are property names)."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key, sub in node.items():
        if key in ("properties", "$defs") and isinstance(sub, dict):
            for name, child in sub.items():
                yield from schema_nodes(child, f"{where}/{key}/{name}")
        elif isinstance(sub, dict):
            yield from schema_nodes(sub, f"{where}/{key}")
        elif isinstance(sub, list):
            for i, child in enumerate(sub):
                yield from schema_nodes(child, f"{where}/{key}/{i}")


@pytest.mark.parametrize("kind", AUTHORING)
def test_every_property_has_its_own_description(kind: str) -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, node in schema_nodes(load(kind))
        if isinstance(node.get("properties"), dict)
        for name, sub in node["properties"].items()
        if isinstance(sub, dict) and "description" not in sub
    ]
    assert missing == []


def descriptions(kind: str) -> list[tuple[str, str]]:
    return [
        (where, node["description"])
        for where, node in schema_nodes(load(kind))
        if isinstance(node.get("description"), str)
    ]


@pytest.mark.parametrize("kind", AUTHORING)
def test_every_description_is_vietnamese_then_english(kind: str) -> None:
    found = descriptions(kind)
    assert found
    for where, text in found:
        paragraphs = text.split("\n\n")
        assert len(paragraphs) == 2, (where, text)
        vi, en = paragraphs
        assert vi.strip() and en.strip(), (where, text)
        assert VIETNAMESE.search(vi), (where, vi)
        ascii_share = sum(c.isascii() for c in en) / len(en)
        assert ascii_share >= 0.9, (where, en)
        assert re.search(r"[A-Za-z]{2,}", en), (where, en)


def test_every_description_string_is_checked() -> None:
    """The walk above sees every ``description`` key a subschema holds, at any depth."""
    for kind in AUTHORING:
        everywhere = sum(
            isinstance(node.get("description"), str) for _, node in nodes(load(kind))
        )
        assert everywhere == len(descriptions(kind)), kind


def test_vscode_settings_map_every_schema_to_real_files() -> None:
    settings = json.loads(SETTINGS.read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert {Path(k).name for k in mapping} == {f"{k}.schema.json" for k in AUTHORING}
    for schema, patterns in mapping.items():
        assert (ROOT / schema).is_file(), schema
        assert patterns, schema
        for pattern in patterns:
            assert pattern.startswith("procedures/"), pattern
            assert list(ROOT.glob(pattern)), pattern
    assert settings["yaml.yamlVersion"] == "1.1"
