"""REQ openapi-paths, openapi-request, openapi-required, openapi-rules, openapi-errors,
openapi-meta, openapi-examples (issue 6): the spec of every procedure, field by field.

- the four paths, multipart applications with one part per asked field and uploadable
  document (type, format, pattern, enum, bounds, lengths; groups as JSON parts; files with
  ``encoding.contentType`` from ``accept`` and the size limit);
- ``required`` is exactly the unconditionally required fields and documents;
- every ``when``/``required``/``constraint`` is in ``x-procgen-rules`` as its compiled JSON Logic;
- problem+json for every error, every operation documented, servers, contact, operationIds;
- every example validates against its schema, and the example answers satisfy ``procgen quote``.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from tests.openapi.conftest import KITCHEN_SINK, Built, resolved

from procgen.cli import cli
from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import to_jsonlogic
from procgen.model.facts import FORMATS, SAFE_INTEGER
from procgen.model.ir import Field, Procedure
from procgen.quote import check_answers
from procgen.targets.openapi.examples import EXAMPLE_DAY
from procgen.targets.openapi.procedure import pascal

JSON_TYPES = {
    "text": "string",
    "textarea": "string",
    "address": "string",
    "email": "string",
    "phone": "string",
    "national_id": "string",
    "date": "string",
    "integer": "integer",
    "money": "integer",
    "number": "number",
    "boolean": "boolean",
    "multichoice": "array",
    "group": "array",
}
METHODS = ("get", "put", "post", "delete", "patch")


def specs(built: Built) -> list[tuple[Procedure, dict[str, Any]]]:
    return [(p, built.spec(f"openapi/{p.id}.yaml")) for p in built.portal.procedures]


@pytest.fixture(scope="module", params=["kitchen-sink", "bundled"])
def project(request: pytest.FixtureRequest) -> Built:
    built: Built = request.getfixturevalue(
        "kitchen_sink" if request.param == "kitchen-sink" else "bundled"
    )
    return built


def validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    root = {**schema, "components": spec["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def component(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def test_one_file_per_procedure_and_a_portal(project: Built) -> None:
    expected = {f"openapi/{p.id}.yaml" for p in project.portal.procedures} | {
        "openapi/portal.yaml", "openapi/portal.bundled.yaml"}
    assert set(project.files) == expected
    assert not project.sink.has_errors()
    assert [d.code for d in project.sink] == []  # the corpora use nothing the API cannot say


def test_paths(project: Built) -> None:
    for p, spec in specs(project):
        assert list(spec["paths"]) == [
            f"/procedures/{p.id}",
            f"/procedures/{p.id}/applications",
            f"/procedures/{p.id}/fee-quote",
            f"/procedures/{p.id}/drafts",
            f"/procedures/{p.id}/drafts/{{token}}",
            "/applications/{application_id}",
        ]
        assert set(spec["paths"][f"/procedures/{p.id}"]) == {"get"}
        assert set(spec["paths"][f"/procedures/{p.id}/applications"]) == {"post"}
        assert set(spec["paths"][f"/procedures/{p.id}/fee-quote"]) == {"post"}
        assert set(spec["paths"][f"/procedures/{p.id}/drafts"]) == {"post"}
        assert list(spec["paths"][f"/procedures/{p.id}/drafts/{{token}}"]) == [
            "get", "put", "delete"]
        assert spec["openapi"] == "3.1.0"
        assert spec["servers"][0]["url"] == project.portal.settings.api_base_url
        assert spec["info"]["contact"]["name"]
        assert spec["info"]["version"] == str(p.revision)


def _check_field(spec: dict[str, Any], f: Field, prop: dict[str, Any],
                 form: bool = False) -> None:
    """``prop`` states ``f``; ``form``: as a part of the multipart application, where a
    top-level boolean is the text ``true``/``false`` (``FormBoolean``)."""
    if form and f.kind == "boolean":
        assert prop["$ref"] == "#/components/schemas/FormBoolean", f.id
    prop = resolved(spec, prop)
    assert prop["type"] in (JSON_TYPES.get(f.kind), ["integer", "string"], "string", "integer")
    if f.kind in JSON_TYPES and not (form and f.kind == "boolean"):
        assert prop["type"] == JSON_TYPES[f.kind], f.id
    # no title (generators would name classes after labels); the label in both languages
    assert "title" not in prop and prop["x-procgen-label"] == dict(f.label.values), f.id
    assert prop["description"].startswith(f.label.get(f.label.default).split("<")[0]), f.id
    if f.kind == "choice":
        assert prop["enum"] == [o.value for o in f.options]
    if f.kind == "multichoice":
        assert resolved(spec, prop["items"])["enum"] == [o.value for o in f.options]
    if f.kind == "date":
        assert prop["format"] == "date"
    if f.kind in FORMATS:  # the one table of answer shapes, as quote and the runtimes read it
        assert prop["pattern"] == FORMATS[f.kind].anchored, f.id
        if f.pattern is not None:
            assert prop["allOf"] == [{"pattern": f"^(?:{f.pattern})$"}], f.id
    if f.kind in ("integer", "money", "number"):
        # the field's bounds, else I-JSON's: no number answer is beyond ±(2^53 - 1)
        low = f.min if f.min is not None else -SAFE_INTEGER
        high = f.max if f.max is not None else SAFE_INTEGER
        assert prop["minimum"] == low and prop["maximum"] == high, f.id
    if f.kind in ("text", "textarea", "address"):
        assert prop.get("minLength") == f.min_length and prop.get("maxLength") == f.max_length
        if f.pattern is not None:
            assert prop["pattern"] == f"^(?:{f.pattern})$"
    if f.kind == "group":
        entry = prop["items"]
        if form:  # a part per entry: the entry's JSON, a text (docs: "Multipart encoding")
            assert entry["type"] == "string", f.id
            assert entry["contentMediaType"] == "application/json", f.id
            entry = entry["contentSchema"]
        assert entry["$ref"].endswith(f"{_ident(f.id)}Entry"), f.id  # a named entry
        items = resolved(spec, entry)
        assert items["type"] == "object" and items["additionalProperties"] is False
        assert list(items["properties"]) == [c.id for c in f.children]
        assert items.get("required", []) == [c.id for c in f.children if c.unconditionally_required]
        if f.repeat is not None:
            assert prop["minItems"] == f.repeat.min and prop.get("maxItems") == f.repeat.max
        for child in f.children:
            _check_field(spec, child, items["properties"][child.id])
    if f.default is not None:
        default = list(f.default) if isinstance(f.default, tuple) else f.default
        if form and f.kind == "boolean":
            default = "true" if default else "false"
        assert prop["default"] == default


def _ident(field_id: str) -> str:
    return "".join(w.capitalize() for w in field_id.split("_"))


def _body(spec: dict[str, Any], pid: str, path: str) -> dict[str, Any]:
    """The request body of ``POST /procedures/<pid>/<path>`` (a named component)."""
    return resolved(spec, spec["paths"][f"/procedures/{pid}/{path}"]["post"]["requestBody"])


def _response(spec: dict[str, Any], operation: dict[str, Any], code: str) -> dict[str, Any]:
    return resolved(spec, operation["responses"][code])


def test_application_is_multipart_with_every_field_and_document(project: Built) -> None:
    for p, spec in specs(project):
        media = _body(spec, p.id, "applications")["content"]["multipart/form-data"]
        assert media["schema"] == {"$ref": f"#/components/schemas/{pascal(p.id)}Application"}
        schema = component(spec, f"{pascal(p.id)}Application")
        fields, docs = p.asked_fields, p.uploadable_documents
        assert list(schema["properties"]) == [f.id for f in fields] + [d.id for d in docs]
        assert schema["additionalProperties"] is False
        assert schema.get("required", []) == [
            f.id for f in fields if f.unconditionally_required
        ] + [d.id for d in docs if d.required is True and d.when is None]
        for f in fields:
            _check_field(spec, f, schema["properties"][f.id], form=True)
            if f.kind == "group":  # each entry's JSON as a text part
                assert media["encoding"][f.id] == {"contentType": "text/plain"}
            elif f.kind in ("integer", "money", "number") or any(
                    not isinstance(o.value, str) for o in f.options):  # numbers, from the text
                assert media["encoding"][f.id] == {"style": "form", "explode": True}
            elif f.kind == "multichoice":  # one part per value, not one joined with commas
                assert media["encoding"][f.id] == {"contentType": "text/plain"}
            else:
                assert f.id not in media.get("encoding", {}), f.id  # text/plain
        for d in docs:
            part = schema["properties"][d.id]
            assert part["type"] == "string" and part["format"] == "binary"
            assert media["encoding"][d.id]["contentType"] == (
                ", ".join(d.accept) or "application/octet-stream"
            )
            if d.max_size_mb is not None:
                assert part["x-procgen-max-size-mb"] == d.max_size_mb
                assert f"{d.max_size_mb:g} MB" in part["description"]
            if len(d.accept) == 1:
                assert part["contentMediaType"] == d.accept[0]


def test_answers_schema_requires_exactly_the_unconditional_fields(project: Built) -> None:
    for p, spec in specs(project):
        schema = component(spec, f"{pascal(p.id)}Answers")
        assert list(schema["properties"]) == [f.id for f in p.asked_fields]
        assert schema.get("required", []) == [
            f.id for f in p.asked_fields if f.unconditionally_required
        ]
        body = _body(spec, p.id, "fee-quote")
        assert body["content"]["application/json"]["schema"]["$ref"].endswith(
            f"/{pascal(p.id)}Answers"
        )


def test_every_condition_is_in_x_procgen_rules(project: Built) -> None:
    for p, spec in specs(project):
        rules = {
            r["id"]: r for r in component(spec, f"{pascal(p.id)}Application")["x-procgen-rules"]
        }
        expected = 0
        for f in p.asked_fields:
            scopes = [(f, "")] + [(c, f"{f.id}.") for c in f.children]
            for field, prefix in scopes:
                for kind in ("when", "constraint"):
                    expr = getattr(field, kind)
                    if expr is not None:
                        expected += 1
                        rule = rules[f"{prefix}{field.id}.{kind}"]
                        assert rule["logic"] == json.loads(json.dumps(to_jsonlogic(expr)))
                        assert set(rule["message"]) == set(project.portal.settings.languages)
                if not isinstance(field.required, bool):
                    expected += 1
                    assert rules[f"{prefix}{field.id}.required"]["logic"] == json.loads(
                        json.dumps(to_jsonlogic(field.required))
                    )
                elif field.required and field.when is not None:
                    expected += 1
                    assert rules[f"{prefix}{field.id}.required"]["logic"] is True
        for d in p.uploadable_documents:
            if d.when is not None:
                expected += 1
                assert rules[f"{d.id}.when"]["document"] == d.id
            if d.required is not False and (d.when is not None or not isinstance(d.required, bool)):
                expected += 1
                assert f"{d.id}.required" in rules
        assert len(rules) == expected


def test_conditional_requirements_in_if_then_where_exact(kitchen_sink: Built) -> None:
    spec = kitchen_sink.spec("openapi/kitchen-sink.yaml")
    schema = component(spec, "KitchenSinkApplication")
    check = validator(spec, schema)
    ok = json.loads(json.dumps(_body(spec, "kitchen-sink", "applications")["content"][
        "multipart/form-data"]["examples"]["complete"]["value"]))
    assert check.is_valid(ok)
    # home_address is required when not poor_household: exact in JSON Schema.
    assert not check.is_valid({k: v for k, v in ok.items() if k != "home_address"})
    assert check.is_valid(
        {
            **{k: v for k, v in ok.items() if k != "home_address"},
            "poor_household": "true",  # a part's text (FormBoolean)
            "proof-of-poverty": "x.pdf",
        }
    )
    # proof-of-poverty is needed when poor_household: exact too.
    assert not check.is_valid({**ok, "poor_household": "true"})
    assert not check.is_valid({**ok, "poor_household": True})  # JSON true is no part's text
    # contact_email is required when "notary" in services.
    assert not check.is_valid({**ok, "services": ["notary"]})
    assert check.is_valid({**ok, "services": ["notary"], "contact_email": "a@b.vn"})
    rules = {r["id"]: r for r in schema["x-procgen-rules"]}
    assert rules["home_address.required"]["in_schema"] is True
    assert rules["late_reason.required"]["in_schema"] is False  # days_between(...): rules only


def test_errors_are_problem_json_and_every_status_documented(project: Built) -> None:
    expected = {
        "get": {"200", "404", "406", "429", "500", "503"},
        "applications": {"201", "400", "401", "404", "413", "415", "422", "429", "500", "503"},
        "fee-quote": {"200", "400", "404", "413", "415", "422", "429", "500", "503"},
        "status": {"200", "401", "403", "404", "406", "429", "500", "503"},
        "drafts": {"201", "400", "404", "413", "415", "422", "429", "500", "503"},
        "draft get": {"200", "404", "406", "429", "500", "503"},
        "draft put": {"200", "400", "404", "413", "415", "422", "429", "500", "503"},
        "draft delete": {"204", "404", "429", "500", "503"},
    }
    for _p, spec in specs(project):
        ids = []
        for path, item in spec["paths"].items():
            for method, op in item.items():
                assert method in METHODS
                ids.append(op["operationId"])
                assert op["tags"] and op["description"] and op["summary"]
                key = (
                    "status"
                    if path.startswith("/applications")
                    else f"draft {method}"
                    if path.endswith("/drafts/{token}")
                    else path.rsplit("/", 1)[1]
                    if path.count("/") == 3
                    else "get"
                )
                assert set(op["responses"]) == expected[key], (path, method)
                for status, response in op["responses"].items():
                    if "$ref" in response:
                        name = response["$ref"].rsplit("/", 1)[1]
                        response = spec["components"]["responses"][name]
                    if status.startswith(("4", "5")):
                        assert list(response["content"]) == ["application/problem+json"]
                        assert response["content"]["application/problem+json"]["schema"] == {
                            "$ref": "#/components/schemas/Problem"
                        }
        assert len(ids) == len(set(ids)) == 8
        tags = {t["name"] for t in spec["tags"]}
        assert {
            t for item in spec["paths"].values() for op in item.values() for t in op["tags"]
        } <= tags
        problem = component(spec, "Problem")
        assert {"type", "title", "status", "detail", "instance", "errors"} <= set(
            problem["properties"]
        )


def _examples(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every media type example in the spec."""
    out = []
    responses = [("components", r) for r in spec["components"]["responses"].values()]
    responses += [("components", r) for r in spec["components"].get("requestBodies", {}).values()]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            found = [op.get("requestBody", {}), *op["responses"].values()]
            media = [m for r in found if not r.get("$ref", "#").partition("#")[0]  # this file's
                     for m in resolved(spec, r).get("content", {}).items()]
            for name, m in media:
                where = f"{method} {path} {name}"
                if "example" in m:
                    out.append((where, m["schema"], m["example"]))
                for ex in m.get("examples", {}).values():
                    out.append((where, m["schema"], ex["value"]))
    for where, r in responses:
        for m in r.get("content", {}).values():  # a 204 has none
            if "example" in m:
                out.append((where, m["schema"], m["example"]))
            for ex in m.get("examples", {}).values():
                out.append((where, m["schema"], ex["value"]))
    return out


def test_every_example_validates_against_its_schema(project: Built) -> None:
    for name in project.files:
        spec = project.spec(name)
        found = _examples(spec)
        assert len(found) >= 10
        for where, schema, example in found:
            errors = [e.message for e in validator(spec, schema).iter_errors(example)]
            assert errors == [], (name, where)


def _at(span: Span, _path: object) -> Span:
    return span


def test_example_answers_satisfy_procgen_quote(project: Built) -> None:
    for p, spec in specs(project):
        answers = _body(spec, p.id, "fee-quote")["content"]["application/json"]["example"]
        sink = DiagnosticSink()
        locate = functools.partial(_at, p.span)
        check_answers(p, answers, today=EXAMPLE_DAY, lang="en", locate=locate, sink=sink)
        assert [d.message for d in sink if d.severity == "error"] == [], p.id
        value = _body(spec, p.id, "applications")["content"]["multipart/form-data"]["examples"][
            "complete"]["value"]
        # the same answers, a top-level boolean as the text of its part, a group's entries
        # as their JSON
        groups = {f.id for f in p.fields if f.kind == "group"} & set(answers)
        for group in groups:
            assert [json.loads(entry) for entry in value[group]] == answers[group], group
        texts = {k: ("true" if v else "false") if isinstance(v, bool) else v
                 for k, v in answers.items() if k not in groups}
        assert {k: v for k, v in value.items() if k in texts} == texts
        assert set(value) >= set(answers)


def test_fee_quote_example_is_what_procgen_quote_prints(tmp_path: Any) -> None:
    from tests.openapi.conftest import build

    built = build(KITCHEN_SINK)
    spec = built.spec("openapi/kitchen-sink.yaml")
    op = spec["paths"]["/procedures/kitchen-sink/fee-quote"]["post"]
    answers = tmp_path / "answers.json"
    example = _body(spec, "kitchen-sink", "fee-quote")["content"]["application/json"]["example"]
    answers.write_text(json.dumps(example))
    result = CliRunner().invoke(
        cli,
        [
            "--procedures",
            str(KITCHEN_SINK),
            "quote",
            "kitchen-sink",
            "--answers",
            str(answers),
            "--on",
            EXAMPLE_DAY,
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _response(spec, op, "200")["content"][
        "application/json"]["example"]
    # the fee quote takes no files: its 422 example names no document problem
    problem = _response(spec, op, "422")["content"]["application/problem+json"]["example"]
    assert problem["errors"] and not any(
        e["code"].startswith("document-") for e in problem["errors"])
    submit = spec["paths"]["/procedures/kitchen-sink/applications"]["post"]
    problem = _response(spec, submit, "422")["content"]["application/problem+json"]["example"]
    assert "document-too-large" in {e["code"] for e in problem["errors"]}


def test_description_example_is_the_procedure(kitchen_sink: Built) -> None:
    spec = kitchen_sink.spec("openapi/kitchen-sink.yaml")
    op = spec["paths"]["/procedures/kitchen-sink"]["get"]
    body = _response(spec, op, "200")["content"]["application/json"]["example"]
    assert body["id"] == "kitchen-sink" and body["revision"] == 2
    assert body["title"]["en"] == "Kitchen sink <script>alert(1)</script> procedure"
    assert [d["id"] for d in body["documents"]] == [
        "declaration",
        "photo",
        "proof-of-poverty",
        "optional-letter",
        "id-card",
        "original-deed",
    ]
    assert {c["name"]: c["processing_time"] for c in body["channels"]} == {
        "online": {"working_days": 2},
        "in_person": {"working_days": 3},
        "postal": {"hours": 96},
    }
    assert body["fully_online"] is False
    fees = {f["id"]: f for f in body["fees"]}
    assert fees["base-fee"]["amount"] == 50000 and fees["copy-fee"]["amount"] is None
    assert fees["desk-fee"]["set_by_locality"] is True


def resolve(built: Built, ref: str) -> Any:
    """Follow ``<file>#<JSON pointer>`` from ``openapi/portal.yaml`` into the emitted files."""
    file, _, fragment = ref.partition("#")
    node: Any = built.spec(f"openapi/{file}")
    for token in fragment.split("/")[1:]:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def test_portal_holds_every_procedure_by_reference(project: Built) -> None:
    """``portal.yaml`` refers to each procedure's named request bodies and responses in its
    file (never to a place under its ``paths``), and copies none of its schemas."""
    portal = project.spec("openapi/portal.yaml")
    assert "/procedures" in portal["paths"]
    for p, spec in specs(project):
        for path, item in spec["paths"].items():
            if path == "/applications/{application_id}":  # the portal's
                assert portal["paths"][path] == item
                continue
            assert portal["paths"][path].keys() == item.keys()
            for method, operation in item.items():
                mine = portal["paths"][path][method]
                assert mine.keys() == operation.keys()
                for key in operation.keys() - {"requestBody", "responses"}:
                    assert mine[key] == operation[key]
                if "requestBody" in operation:
                    ref = mine["requestBody"]["$ref"]
                    assert ref == f"{p.id}.yaml" + operation["requestBody"]["$ref"]
                    assert ref.startswith(f"{p.id}.yaml#/components/requestBodies/")
                    assert resolve(project, ref) == resolved(spec, operation["requestBody"])
                assert mine["responses"].keys() == operation["responses"].keys()
                for code, response in operation["responses"].items():
                    if mine["responses"][code] == response:  # a shared problem response
                        assert response["$ref"] in {
                            f"#/components/responses/{n}" for n in portal["components"][
                                "responses"]}
                    else:
                        ref = mine["responses"][code]["$ref"]
                        assert ref.startswith(f"{p.id}.yaml#/components/responses/")
                        assert resolve(project, ref) == resolved(spec, response)
        # nothing of the procedure's own is copied: its schemas stay in its file
        assert not any(name.startswith(pascal(p.id)) for name in portal["components"]["schemas"])
        assert "requestBodies" not in portal["components"]
    ids = [op["operationId"] for item in portal["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) == 7 * len(project.portal.procedures) + 2


def test_the_bundled_portal_is_self_contained(project: Built) -> None:
    """``portal.bundled.yaml``: the same operations as ``portal.yaml``, every reference local,
    and each procedure's components exactly as its own file has them."""
    portal = project.spec("openapi/portal.yaml")
    bundled = project.spec("openapi/portal.bundled.yaml")
    assert bundled["info"] == portal["info"] and bundled["tags"] == portal["tags"]
    assert list(bundled["paths"]) == list(portal["paths"])
    refs = re.findall(r'"\$ref": "([^"]*)"', json.dumps(bundled))
    assert refs and all(r.startswith("#/components/") for r in refs), refs
    for _p, spec in specs(project):
        for path, item in spec["paths"].items():
            assert bundled["paths"][path] == item
        for kind, named in spec["components"].items():
            for name, value in named.items():
                assert bundled["components"][kind][name] == value, (kind, name)


def test_portal_components_are_exactly_the_ones_it_uses(project: Built) -> None:
    for name in ("openapi/portal.yaml", "openapi/portal.bundled.yaml"):
        portal = project.spec(name)
        text = json.dumps({k: v for k, v in portal.items() if k != "components"})
        text += json.dumps(portal["components"])
        for kind in ("schemas", "requestBodies", "responses"):
            for component_name in portal["components"].get(kind, {}):
                assert f'"#/components/{kind}/{component_name}"' in text, (kind, component_name)
        assert "ProcedureSummary" in portal["components"]["schemas"]


def test_markup_is_escaped_in_commonmark_descriptions(kitchen_sink: Built) -> None:
    text = kitchen_sink.files["openapi/kitchen-sink.yaml"].decode()
    spec = kitchen_sink.spec("openapi/kitchen-sink.yaml")
    assert spec["tags"][0]["x-procgen-i18n"]["en"]["description"] == (
        "Kitchen sink &lt;script&gt;alert(1)&lt;/script&gt; procedure"
    )
    purpose = component(spec, "KitchenSinkAnswers")["properties"]["purpose"]
    assert purpose["description"] == "Mục đích\n\nVí dụ: &lt;i&gt;du lịch&lt;/i&gt;"
    for line in text.splitlines():
        if "description:" in line:
            assert "<script" not in line and "<i>" not in line, line
