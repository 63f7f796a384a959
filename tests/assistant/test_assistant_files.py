"""REQ assistant target (issue 21): ``assistant/<id>.json`` answers what ``procgen quote``,
the model and the MCP server answer.

* every bundled file validates against ``schemas/assistant.schema.json`` (ajv strict);
* its fees, worked out the way an assistant reading the file would (its JSON Logic by
  json-logic-js, its locality amounts), are what ``quote`` computes, for every province and
  channel, on answers generated from the examples with every deciding question varied;
* its checklists give the documents the model asks for with those answers;
* its province answers state each province's own amounts;
* its tool definitions are the server's tools (names, parameters, required), and the
  answers they describe accept the example answers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from tests.assistant.test_assistant import KITCHEN_SINK, talk
from tests.conftest import ROOT, NodeProcess, emit_project, node_process

from procgen import wording
from procgen.diagnostics import DiagnosticSink
from procgen.guidance.tools import PARAMETERS, TOOLS
from procgen.model import load_portal
from procgen.model.ir import Portal, Procedure
from procgen.quote import check_answers, quote
from procgen.targets.openapi.examples import EXAMPLE_DAY, example_answers

SCHEMA = ROOT / "schemas" / "assistant.schema.json"
BUNDLED = ROOT / "procedures"
LOGIC = Path(__file__).with_name("logic.js")


@pytest.fixture(scope="module")
def portal() -> Portal:
    return load_portal(BUNDLED, DiagnosticSink())


@pytest.fixture(scope="module")
def files() -> dict[str, dict[str, Any]]:
    _, out, sink = emit_project(BUNDLED, "assistant", "0")
    assert not sink.items
    return {Path(path).stem: json.loads(data) for path, data in out.items()}


@pytest.fixture(scope="module")
def logic() -> Iterator[NodeProcess]:
    yield from node_process(LOGIC)


def test_every_file_validates(files: dict[str, dict[str, Any]], tmp_path: Path,
                              node_modules: Path) -> None:
    from tests.schemas.test_strict import ajv

    assert len(files) == 25
    paths = []
    for pid, doc in files.items():
        path = tmp_path / f"{pid}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        paths.append(path)
    report = ajv(node_modules, SCHEMA, "--validate", *paths)
    assert report["strict"] == {str(SCHEMA): []}
    assert report["invalid"] == {}  # ajv_strict.js names only the documents that fail


def _variants(p: Procedure, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The example answers, then one variant per other value of each deciding question."""
    base = example_answers(p)
    day = dt.date.fromisoformat(EXAMPLE_DAY)
    out = [base]
    for d in doc["deciding"]:
        f = p.field(d["field"])
        assert f is not None
        if f.kind == "boolean":
            values: list[Any] = [True, False]
        elif f.kind in ("choice",):
            values = [o["value"] for o in d.get("options", [])]
        elif f.kind == "multichoice":
            values = [[o["value"]] for o in d.get("options", [])]
        elif f.kind in ("integer", "money", "number"):
            values = [0, 1, 3]
        elif f.kind == "date":
            values = [(day - dt.timedelta(days=n)).isoformat() for n in (1, 20, 100)]
        else:
            continue
        out.extend({**base, f.id: v} for v in values if base.get(f.id) != v)
    return out


def _by_file(doc: dict[str, Any], answers: dict[str, Any], logic: NodeProcess,
             channel: str, locality: str) -> list[tuple[str, int | None]]:
    """The fees an assistant reading only ``doc`` charges: (fee id, amount)."""
    fees = [f for f in doc["fees"] if channel in f["channels"]
            and f.get("valid_from", "") <= EXAMPLE_DAY <= f.get("valid_until", "9999")]
    rules = []
    for f in fees:
        rules += [f.get("when_logic", True), f.get("amount_logic"),
                  *(e["logic"] for e in f.get("exemptions", ()))]
    values = iter(logic.ask({"rules": rules, "answers": answers, "today": EXAMPLE_DAY})
                  ["values"])
    out: list[tuple[str, int | None]] = []
    for f in fees:
        applies, computed = next(values), next(values)
        marks = [next(values) for _ in f.get("exemptions", ())]  # consume them all
        exempt = any(m is True for m in marks)
        if applies is not True:
            continue
        if "by_locality" in f:
            local = f["by_locality"].get(locality)
            amount = None if local is None and not exempt else 0 if exempt else local["amount"]
        elif "amount" in f:
            amount = 0 if exempt else f["amount"]
        else:
            if computed is None:
                continue
            amount = 0 if exempt else int(computed)
        out.append((f["id"], amount))
    return out


def test_fees_are_quotes_in_every_province_and_channel(
        portal: Portal, files: dict[str, dict[str, Any]], logic: NodeProcess) -> None:
    compared = 0
    for p in portal.procedures:
        doc = files[p.id]
        for answers in _variants(p, doc):
            checked = check_answers(p, answers, today=EXAMPLE_DAY, lang="en",
                                    locate=lambda *_: None, sink=DiagnosticSink())  # type: ignore[arg-type,return-value]
            for place in portal.localities:
                for channel in p.channel_names:
                    q = quote(p, checked, channel=channel, on=EXAMPLE_DAY, locality=place)
                    said = _by_file(doc, checked.values, logic, channel, place.id)
                    assert said == [(f.id, f.amount) for f in q.fees], (p.id, place.id,
                                                                         channel, answers)
                    compared += 1
    assert compared > 5000, compared


def test_checklists_are_the_documents_the_model_asks_for(
        portal: Portal, files: dict[str, dict[str, Any]], logic: NodeProcess) -> None:
    for p in portal.procedures:
        doc = files[p.id]
        lists = doc["checklists"]
        assert lists[0]["situation"] is None
        for answers in _variants(p, doc):
            checked = check_answers(p, answers, today=EXAMPLE_DAY, lang="en",
                                    locate=lambda *_: None, sink=DiagnosticSink()).values  # type: ignore[arg-type,return-value]
            holds = logic.ask({"rules": [s["situation"]["logic"] for s in lists[1:]],
                               "answers": checked, "today": EXAMPLE_DAY})["values"]
            said = {d["id"] for d in lists[0]["documents"]}
            for s, on in zip(lists[1:], holds, strict=True):
                if on is True:
                    said |= {d["id"] for d in s["documents"]}
            asked = {d.id for d in p.documents
                     if d.needed_with(checked, today=EXAMPLE_DAY) is not None}
            assert said == asked, (p.id, answers)


def test_province_answers_state_each_provinces_amounts(
        portal: Portal, files: dict[str, dict[str, Any]]) -> None:
    checked = 0
    for p in portal.procedures:
        for lang in portal.settings.languages:
            answers = {q["id"]: q["answer"] for q in files[p.id]["questions"][lang]}
            assert {"documents", "fees", "time", "where", "online"} <= set(answers)
            for place in portal.localities:
                for fee in p.fees:
                    amount = place.fee(p.id, fee.id)
                    if not fee.set_by_locality or amount is None:
                        continue
                    assert wording.local_amount(amount, lang) in \
                        answers[f"province/{place.id}"], (p.id, place.id, fee.id)
                    checked += 1
    assert checked > 100, checked


def test_tools_are_the_servers(files: dict[str, dict[str, Any]]) -> None:
    async def conversation(client: Any) -> Any:
        return (await client.list_tools()).tools

    served = {t.name: t.input_schema for t in talk(KITCHEN_SINK, conversation)}
    assert set(served) == {t.name for t in TOOLS}
    for t in TOOLS:
        assert list(served[t.name]["properties"]) == list(t.parameters), t.name
        assert set(served[t.name].get("required", [])) == set(t.required), t.name
        assert [p["description"] for p in served[t.name]["properties"].values()] == [
            PARAMETERS[p] for p in t.parameters], t.name
    for doc in files.values():
        written = {t["name"]: t["parameters"] for t in doc["tools"]}
        assert set(written) == {t.name for t in TOOLS if t.per_procedure}
        for name, schema in written.items():
            assert list(schema["properties"]) == list(served[name]["properties"]), name
            assert schema["required"] == list(served[name]["required"]), name


def test_the_tools_answers_schema_takes_the_example_answers(
        portal: Portal, files: dict[str, dict[str, Any]]) -> None:
    for p in portal.procedures:
        tools = {t["name"]: t["parameters"] for t in files[p.id]["tools"]}
        arguments = json.loads(json.dumps({"procedure_id": p.id, "answers": example_answers(p)}))
        for name in ("check_answers", "documents_needed", "quote_fees"):
            validator = jsonschema_rs.Draft202012Validator(tools[name])
            assert validator.is_valid(arguments), (p.id, name, [
                e.message for e in validator.iter_errors(arguments)])
        partial = {"procedure_id": str(p.id), "answers": {}}
        assert jsonschema_rs.Draft202012Validator(tools["quote_fees"]).is_valid(partial)
        assert not jsonschema_rs.Draft202012Validator(
            tools["describe_procedure"]).is_valid({"procedure_id": "another"})


def test_a_locality_site_answers_with_its_own_amounts(tmp_path: Path) -> None:
    """``build --locality``: the file names the locality, its fees say its amounts, and no
    province questions are asked (there is one province)."""
    from procgen.model.local import local_facts
    from procgen.targets import EmitContext, get

    portal = load_portal(BUNDLED, DiagnosticSink())
    place = portal.locality("ha-noi")
    p = portal.procedure("birth-registration")
    assert place is not None and p is not None
    ctx = EmitContext(settings=portal.settings, version="0", localities=portal.localities,
                      site=place)
    out = get("assistant").emit_procedure(p, ctx, DiagnosticSink())
    doc = json.loads(next(iter(out.values())))
    assert doc["locality"] == "ha-noi"
    assert not [q for q in doc["questions"]["vi"] if q["id"].startswith("province/")]
    facts = local_facts(p, portal.localities, place)
    for fee in doc["fees"]:
        if "by_locality" in fee:
            local = facts.places[0].amount(fee["id"])
            assert fee["said"]["vi"] == wording.local_amount(local, "vi")


def test_the_servers_questions_are_the_files(files: dict[str, dict[str, Any]]) -> None:
    """The MCP resource ``procgen://procedures/{id}/questions/{lang}`` holds the file's
    questions and answers (a held-out province's fee among them)."""
    pid = "birth-registration"

    async def conversation(client: Any) -> Any:
        out = {}
        for lang in ("vi", "en"):
            result = await client.read_resource(f"procgen://procedures/{pid}/questions/{lang}")
            out[lang] = json.loads(result.contents[0].text)
        return out

    said = talk(BUNDLED, conversation)
    assert said == files[pid]["questions"]
    assert any(q["id"] == "province/ca-mau" for q in said["vi"])
