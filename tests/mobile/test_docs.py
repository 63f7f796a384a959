"""REQ issue 7: docs/targets/mobile.md stays true to the files it documents.

The worked example is the kitchen sink's real component; every component type, screen kind,
info role and custom operation the schema allows is documented.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .conftest import REPO, Corpus

DOC = (REPO / "docs" / "targets" / "mobile.md").read_text("utf-8")


def test_worked_example_is_the_real_component(corpora: dict[str, Corpus]) -> None:
    doc = corpora["kitchen-sink"].doc("kitchen-sink")
    comps = {c["id"]: c for s in doc["screens"] for c in s["components"]}
    example = re.search(r"```json\n(\{\n  \"type\": \"email\".*?\n\})\n```", DOC, re.S)
    assert example is not None
    assert json.loads(example[1]) == comps["f.contact_email"]


def test_schema_vocabulary_is_documented(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    branches = [defs[b["$ref"].rsplit("/", 1)[-1]] for b in defs["component"]["oneOf"]]
    types = [b["properties"]["type"]["const"] for b in branches]
    assert len(types) == len(set(types)) > 10  # a discriminated union: one branch per type
    kinds = defs["screen"]["properties"]["kind"]["enum"]
    roles = defs["info"]["properties"]["role"]["enum"]
    ops = [o for o in defs["operation"]["propertyNames"]["enum"] if o.startswith("pg_")]
    for word in [*types, *kinds, *roles]:
        assert f"`{word}`" in DOC, f"{word} is not documented in docs/targets/mobile.md"
    for op in ops:
        assert f'`{{"{op}": [' in DOC, f"{op} is not documented in docs/targets/mobile.md"


def test_documented_ui_keys_exist(corpora: dict[str, Corpus]) -> None:
    ui = corpora["kitchen-sink"].doc("kitchen-sink")["ui"]
    for key in re.findall(r"`ui\.([a-z_]+)`", DOC):
        assert key in ui, f"docs/targets/mobile.md names ui.{key}, which files do not have"


def test_localities_example_is_the_real_table(corpora: dict[str, Corpus]) -> None:
    doc = corpora["kitchen-sink"].doc("kitchen-sink")
    example = re.search(r"```json\n(\{\n  \"field\".*?\n\})\n```", DOC, re.S)
    assert example is not None
    assert json.loads(example[1]) == doc["localities"]
