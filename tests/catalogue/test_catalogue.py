"""REQ issue 21 (catalogue): every catalogue file of the bundled procedures and the kitchen
sink conforms to the CPSV-AP 3.2.0 SHACL shapes (pySHACL, zero violations); expanded offline
with PyLD, the graph holds the model's own values (titles, channels and processing times, fee
amounts, documents); a drifted amount or time fails; golden file for the kitchen sink;
deterministic bytes.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from procgen.model.ir import Duration, Procedure
from procgen.targets import EmitContext, get

from .conftest import KITCHEN_SINK, SHAPES, Built, build, offline_loader

pyld = pytest.importorskip("pyld")
pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")

from pyld import jsonld  # noqa: E402

CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
DCT = "http://purl.org/dc/terms/"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OPTIONS = {"documentLoader": offline_loader}


@pytest.fixture(scope="module")
def shapes() -> Any:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def _files(corpora: dict[str, Built]) -> list[tuple[str, str, Built]]:
    return [(name, path, built) for name, built in corpora.items() for path in built.files]


def _graph(doc: dict[str, Any]) -> Any:
    nquads = jsonld.to_rdf(doc, {**OPTIONS, "format": "application/n-quads"})
    return rdflib.Graph().parse(data=nquads, format="nt")


def conforms(doc: dict[str, Any], shapes: Any) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(_graph(doc), shacl_graph=shapes, inference="none")
    return bool(ok), str(text)


def test_every_file_conforms_to_cpsv_ap(corpora: dict[str, Built], shapes: Any) -> None:
    files = _files(corpora)
    assert len(files) >= 28  # 26 bundled procedures (+ portal file), the kitchen sink (+ portal)
    for name, path, built in files:
        ok, report = conforms(built.doc(path), shapes)
        assert ok, (name, path, report[:3000])
    assert not any(b.diagnostics for b in corpora.values())


@pytest.mark.parametrize("mutate, where", [
    (lambda n: n["cv:Channel"].pop("dct:identifier"), "a channel without identifier"),
    (lambda n: n["cv:Channel"].update({"cv:processingTime": {"@value": "5 days"}}),
     "a processing time that is no xsd:duration"),
    (lambda n: n["cv:Cost"].update({"cv:hasValue": "free"}), "a cost value that is text"),
    (lambda n: n["cpsv:PublicService"].pop("cv:hasCompetentAuthority"), "no authority"),
    (lambda n: n["cpsv:PublicService"].pop("dct:description"), "no description"),
    (lambda n: n["cv:Evidence"].pop("dct:title"), "an evidence without title"),
])
def test_the_shapes_catch_mistakes(corpora: dict[str, Built], shapes: Any, mutate: Any,
                                   where: str) -> None:
    """The validation is real: the shapes target our nodes and refuse a broken one."""
    doc = copy.deepcopy(corpora["kitchen-sink"].doc("catalogue/kitchen-sink.jsonld"))
    first: dict[str, Any] = {}
    for node in doc["@graph"]:
        first.setdefault(node["@type"], node)
    mutate(first)
    assert not conforms(doc, shapes)[0], where


def _expanded(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The expanded graph, by ``@id`` (expansion offline: the loader refuses every URL)."""
    flat = jsonld.flatten(doc, None, OPTIONS)
    return {node["@id"]: node for node in flat}


def _values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v.get("@id")) for v in node.get(prop, [])]


def _tagged(node: dict[str, Any], prop: str) -> dict[str, str]:
    return {v["@language"]: v["@value"] for v in node.get(prop, [])}


def _refs(graph: dict[str, dict[str, Any]], node: dict[str, Any], prop: str
          ) -> list[dict[str, Any]]:
    return [graph[v["@id"]] for v in node.get(prop, [])]


_DURATION = re.compile(r"^P(?:(\d+)D|T(\d+)H)$")


def duration_of(value: str) -> Duration:
    """An ``xsd:duration`` read back the way the docs say it is written."""
    m = _DURATION.match(value)
    assert m, value
    return Duration("working_days", int(m[1])) if m[1] else Duration("hours", int(m[2]))


def _service(graph: dict[str, dict[str, Any]], p: Procedure) -> dict[str, Any]:
    services = [n for n in graph.values() if CPSV + "PublicService" in n.get("@type", [])]
    found = [s for s in services if _values(s, DCT + "identifier") == [p.id]]
    assert len(found) == 1, p.id
    return found[0]


def check_service(graph: dict[str, dict[str, Any]], p: Procedure, langs: tuple[str, ...]) -> None:
    """The expanded graph holds ``p``'s own values (from the model, never from the output)."""
    s = _service(graph, p)
    assert _tagged(s, DCT + "title") == {lang: p.title.get(lang) for lang in langs}
    # channels and processing times
    channels = _refs(graph, s, CV + "hasChannel")
    assert [CV + "Channel"] * len(channels) == [c["@type"][0] for c in channels]
    got = {_values(c, DCT + "identifier")[0]: c for c in channels}
    assert sorted(got) == sorted(p.channel_names)
    for ch in p.channels:
        node = got[ch.name]
        times = node[CV + "processingTime"]
        assert [t["@type"] for t in times] == [XSD + "duration"]
        # xsd:duration has no working day: working and calendar days are both days
        written = ch.processing_time
        if written.unit == "days":
            written = Duration("working_days", written.value)
        assert duration_of(times[0]["@value"]).as_dict() == written.as_dict()
    # fees: a fixed amount is the model's; a locality-set or computed one has no value
    costs = _refs(graph, s, CV + "hasCost")
    by_fee: dict[str, list[dict[str, Any]]] = {}
    for cost in costs:
        assert cost["@type"] == [CV + "Cost"]
        fee_id = _values(cost, DCT + "identifier")[0].split("/")[0]
        by_fee.setdefault(fee_id, []).append(cost)
    assert sorted(by_fee) == sorted(f.id for f in p.fees)
    for fee in p.fees:
        charged: set[str] = set()
        for cost in by_fee[fee.id]:
            values = cost.get(CV + "hasValue", [])
            if isinstance(fee.amount, int):
                assert [(v["@type"], float(v["@value"])) for v in values] == [
                    (XSD + "double", float(fee.amount))], fee.id
            else:
                assert values == [], fee.id
            assert _values(cost, CV + "currency") == [
                "http://publications.europa.eu/resource/authority/currency/VND"]
            description = _tagged(cost, DCT + "description")
            assert set(description) == set(langs)
            assert description["en"].startswith(fee.label.get("en"))
            if fee.set_by_locality:
                assert "Set by your province" in description["en"], fee.id
            through = _refs(graph, cost, CV + "ifAccessedThrough")
            charged |= ({_values(c, DCT + "identifier")[0] for c in through} if through
                        else set(p.channel_names))
        assert charged == set(fee.channels), fee.id
    # documents, outputs, legal basis, authority
    inputs = _refs(graph, s, CPSV + "hasInput")
    assert [(_values(e, DCT + "identifier")[0], _tagged(e, DCT + "title")) for e in inputs] == [
        (d.id, {lang: d.title.get(lang) for lang in langs}) for d in p.documents]
    assert all(e["@type"] == [CV + "Evidence"] for e in inputs)
    outputs = _refs(graph, s, CPSV + "produces")
    assert [_tagged(o, DCT + "title") for o in outputs] == [
        {lang: o.title.get(lang) for lang in langs} for o in p.outputs]
    legal = _refs(graph, s, CV + "hasLegalResource")
    assert [(n["@type"], _tagged(n, DCT + "title")) for n in legal] == [
        ([ELI + "LegalResource"], {lang: b.title.get(lang) for lang in langs})
        for b in p.legal_basis]
    if p.agency is not None:
        (authority,) = _refs(graph, s, CV + "hasCompetentAuthority")
        assert authority["@type"] == [CV + "PublicOrganisation"]
        assert _tagged(authority, SKOS + "prefLabel") == {
            lang: p.agency.get(lang) for lang in langs}


def test_expanded_graph_holds_the_model_values(corpora: dict[str, Built]) -> None:
    for built in corpora.values():
        langs = built.portal.settings.languages
        portal = _expanded(built.doc("catalogue/cpsv-ap.jsonld"))
        for p in built.portal.procedures:
            check_service(_expanded(built.doc(f"catalogue/{p.id}.jsonld")), p, langs)
            check_service(portal, p, langs)


def test_kitchen_sink_values(corpora: dict[str, Built]) -> None:
    """The kitchen sink's national code, its IRIs from base_url, and a locality-set fee."""
    built = corpora["kitchen-sink"]
    (p,) = built.portal.procedures
    graph = _expanded(built.doc("catalogue/kitchen-sink.jsonld"))
    s = _service(graph, p)
    assert s["@id"] == f"{built.portal.settings.base_url}/id/procedure/kitchen-sink"
    (identifier,) = s["http://www.w3.org/ns/adms#identifier"]
    assert _values(graph[identifier["@id"]], SKOS + "notation") == [p.code]
    desk = next(f for f in p.fees if f.set_by_locality)
    (cost,) = [n for n in graph.values()
               if _values(n, DCT + "identifier") and
               _values(n, DCT + "identifier")[0].startswith(desk.id)]
    assert CV + "hasValue" not in cost


def test_bundled_iris_are_urns(corpora: dict[str, Built]) -> None:
    """Without base_url (the bundled procedures), IRIs are the documented stable URNs."""
    built = corpora["procedures"]
    assert built.portal.settings.base_url is None
    for p in built.portal.procedures:
        s = _service(_expanded(built.doc(f"catalogue/{p.id}.jsonld")), p)
        assert s["@id"] == f"urn:procgen:procedure:{p.id}"


def _drifted(p: Procedure, fee: bool) -> Procedure:
    import msgspec

    if fee:
        fees = tuple(msgspec.structs.replace(f, amount=f.amount + 1000)
                     if isinstance(f.amount, int) else f for f in p.fees)
        return msgspec.structs.replace(p, fees=fees)
    channels = tuple(msgspec.structs.replace(
        c, processing_time=Duration(c.processing_time.unit, c.processing_time.value + 1))
        for c in p.channels)
    return msgspec.structs.replace(p, channels=channels)


@pytest.mark.parametrize("fee", [True, False], ids=["fee-amount", "processing-time"])
def test_a_drifted_value_is_caught(corpora: dict[str, Built], fee: bool) -> None:
    """The value check compares with the model: output built from a changed fee amount or
    processing time no longer matches the procedure."""
    from procgen.diagnostics import DiagnosticSink

    built = corpora["kitchen-sink"]
    (p,) = built.portal.procedures
    ctx = EmitContext(built.portal.settings, "test", localities=built.portal.localities)
    files = get("catalogue").emit_procedure(_drifted(p, fee), ctx, DiagnosticSink())
    import json

    doc = json.loads(next(iter(files.values())))
    with pytest.raises(AssertionError):
        check_service(_expanded(doc), p, built.portal.settings.languages)


def test_no_remote_context(corpora: dict[str, Built]) -> None:
    """The context is embedded: an object, never a URL a processor would fetch."""
    for _, path, built in _files(corpora):
        context = built.doc(path)["@context"]
        assert isinstance(context, dict), path
        assert all(isinstance(v, str) and v.startswith("http") for v in context.values())


def test_golden_kitchen_sink(corpora: dict[str, Built], golden: Any) -> None:
    files = corpora["kitchen-sink"].files
    golden.check("catalogue/kitchen-sink.jsonld", files["catalogue/kitchen-sink.jsonld"])
    golden.check("catalogue/cpsv-ap.jsonld", files["catalogue/cpsv-ap.jsonld"])


def test_deterministic(corpora: dict[str, Built]) -> None:
    """Same bytes on a second build, and under two other hash seeds."""
    again = build(KITCHEN_SINK)
    assert again.files == corpora["kitchen-sink"].files
    script = ("import hashlib, sys; from tests.catalogue.conftest import build, KITCHEN_SINK;"
              "from tests.conftest import PROCEDURES;"
              "fs = {**build(KITCHEN_SINK).files, **{'p/' + k: v for k, v in "
              "build(PROCEDURES).files.items()}};"
              "print(hashlib.sha256(b''.join(k.encode() + v for k, v in sorted(fs.items())))"
              ".hexdigest())")
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True, cwd=KITCHEN_SINK.parents[2])
        digests.add(out.stdout.strip())
    assert len(digests) == 1
