"""REQ openapi-drafts: the drafts operations of the spec are what ``procgen serve`` does.

- every bundled procedure's spec (and both portals) has ``save<Id>Draft``, and
  ``get<Id>Draft``/``update<Id>Draft``/``delete<Id>Draft`` at the draft's one address, none
  needing a login, each with exactly the statuses :mod:`procgen.serve.api` can answer, every
  text in every language from the wording catalogue;
- ``<Id>DraftAnswers`` is the procedure's answers with every question optional, no rule, and
  no keyword beyond a draft's checks (type and options), a group's entries alike;
- the reference server's real answers (201, 200, 204, 400, 404, 406, 413, 415, 422), on
  every bundled procedure, validate against the spec's response schemas (jsonschema) and
  against the spec as openapi-core reads it, and each status is one the operation documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from tests.conftest import PROCEDURES
from tests.openapi.conftest import Built, resolved

from procgen.targets._answers import BEYOND_DRAFTS
from procgen.targets.openapi.procedure import pascal
from procgen.wording import say

DRAFT_STATUSES = {
    ("post", "save"): {"201", "400", "404", "413", "415", "422", "429", "500", "503"},
    ("get", "get"): {"200", "404", "406", "429", "500", "503"},
    ("put", "update"): {"200", "400", "404", "413", "415", "422", "429", "500", "503"},
    ("delete", "delete"): {"204", "404", "429", "500", "503"},
}


def _specs(built: Built) -> Iterator[tuple[str, dict[str, Any]]]:
    for p in built.portal.procedures:
        yield p.id, built.spec(f"openapi/{p.id}.yaml")


def _operations(spec: dict[str, Any], pid: str) -> list[tuple[str, str, dict[str, Any]]]:
    mine = f"/procedures/{pid}/drafts"
    return [("post", mine, spec["paths"][mine]["post"]),
            *((m, mine + "/{token}", op) for m, op in spec["paths"][mine + "/{token}"].items())]


def test_every_procedure_has_the_drafts_operations(bundled: Built) -> None:
    portal = bundled.spec("openapi/portal.yaml")
    for pid, spec in _specs(bundled):
        name = pascal(pid)
        found = _operations(spec, pid)
        assert [(m, op["operationId"]) for m, _, op in found] == [
            ("post", f"save{name}Draft"), ("get", f"get{name}Draft"),
            ("put", f"update{name}Draft"), ("delete", f"delete{name}Draft")]
        for (method, path, op), statuses in zip(found, DRAFT_STATUSES.values(), strict=True):
            assert set(op["responses"]) == statuses, (pid, method)
            assert op["security"] == []  # the token is the secret
            assert op["tags"] == [pid]
            assert op["x-procgen-i18n"]["en"]["summary"] and op["summary"] != op[
                "x-procgen-i18n"]["en"]["summary"]
            assert portal["paths"][path][method]["operationId"] == op["operationId"]
        post = found[0][2]
        title = bundled.portal.procedure(pid).title  # type: ignore[union-attr]
        assert post["summary"] == say("openapi_draft_save_summary", "vi", title=title.get("vi"))
        assert post["x-procgen-i18n"]["en"]["summary"] == say(
            "openapi_draft_save_summary", "en", title=title.get("en"))
        body = resolved(spec, post["requestBody"])["content"]["application/json"]
        assert body["schema"] == {"$ref": f"#/components/schemas/{name}DraftSave"}
        save = spec["components"]["schemas"][f"{name}DraftSave"]
        assert save["properties"]["answers"] == {
            "$ref": f"#/components/schemas/{name}DraftAnswers"}
        assert save["required"] == ["answers"] and save["additionalProperties"] is False
        schemas = spec["components"]["schemas"]
        partial = schemas[f"{name}DraftAnswers"]
        answers = schemas[f"{name}Answers"]
        assert list(partial["properties"]) == list(answers["properties"])
        assert not {"required", "allOf", "x-procgen-rules"} & set(partial)
        assert partial["additionalProperties"] is False
        for prop in _drafted(spec, partial):
            assert not BEYOND_DRAFTS & set(prop), (pid, prop)
        for key, entry in schemas.items():
            if key.endswith("DraftEntry"):
                assert not {"required", "allOf"} & set(entry)
                assert entry["additionalProperties"] is False
                assert list(entry["properties"]) == list(
                    schemas[key.removesuffix("DraftEntry") + "Entry"]["properties"])


def _drafted(spec: dict[str, Any], schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every answer's schema in a draft's ``schema``, a group's entries' too."""
    for prop in schema["properties"].values():
        yield prop
        items = prop.get("items", {})
        if "$ref" in items and items["$ref"].endswith("DraftEntry"):
            yield from _drafted(spec, resolved(spec, items))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The reference server on the bundled procedures, storing into SQLite."""
    from starlette.testclient import TestClient

    from procgen.serve.app import Options, create_app
    from procgen.serve.site import Site
    from procgen.serve.store import open_store

    folder = tmp_path_factory.mktemp("drafts")
    store = open_store(str(folder / "serve.sqlite3"), folder)
    app = create_app(Site(PROCEDURES), store, folder / "uploads", Options(today="2026-01-15"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client
    store.close()


class Checked:
    """One spec's operations, checking the server's answers against them."""

    def __init__(self, spec: dict[str, Any], pid: str) -> None:
        from openapi_core import Config, OpenAPI

        self.spec = spec
        self.pid = pid
        # openapi-core 0.23 has no uri-reference format, nor reads +json as JSON, itself
        self.core = OpenAPI.from_dict(spec, config=Config(
            extra_format_validators={"uri-reference": _uri_reference},
            extra_media_type_deserializers={"application/problem+json": json.loads}))
        self.base = spec["servers"][0]["url"]
        self.seen: set[tuple[str, str]] = set()

    def check(self, got: Any, path: str, method: str) -> Any:
        """``got`` (a response to ``method path``) is documented and valid; its JSON."""
        from openapi_core.testing import MockRequest, MockResponse

        status = str(got.status_code)
        op = self.spec["paths"][path][method]
        assert status in op["responses"], (path, method, status, got.text)
        self.seen.add((method, status))
        response = resolved(self.spec, op["responses"][status])
        kind = got.headers.get("content-type", "").split(";")[0]
        if status == "204":
            assert "content" not in response and not got.content
            return None
        media = response["content"][kind]
        root = {**media["schema"], "components": self.spec["components"]}
        check = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
        body = got.json()
        assert [e.message for e in check.iter_errors(body)] == [], (path, method, body)
        request = MockRequest("http://127.0.0.1:8000", method, got.request.url.path,
                              content_type="application/json")
        answer = MockResponse(got.content, status_code=got.status_code, content_type=kind,
                              headers=dict(got.headers))
        errors = self.core.unmarshal_response(request, answer).errors
        assert errors == [], (path, method, status, body, [repr(e.__cause__) for e in errors])
        return body


def _uri_reference(value: Any) -> bool:
    return isinstance(value, str) and not any(c.isspace() for c in value) and bool(
        urlsplit(value).path)


def _example(spec: dict[str, Any], pid: str) -> dict[str, Any]:
    body = resolved(spec, spec["paths"][f"/procedures/{pid}/drafts"]["post"]["requestBody"])
    example: dict[str, Any] = body["content"]["application/json"]["example"]
    return example


def test_the_servers_drafts_validate_against_the_spec(server: Any, bundled: Built) -> None:
    big = json.dumps({"answers": {"x": "a" * (256 * 1024)}})
    seen: set[tuple[str, str]] = set()
    for pid, spec in _specs(bundled):
        c = Checked(spec, pid)
        new = f"/procedures/{pid}/drafts"
        base, one = c.base, new + "/{token}"
        example = _example(spec, pid)
        unknown = c.check(server.post(base + new, json={**example, "answers": {
            **example["answers"], "no_such_question": 1}}), new, "post")
        assert [(e["pointer"], e["code"]) for e in unknown["errors"]] == [
            ("#/answers/no_such_question", "answer-unknown-field")]
        made = c.check(server.post(base + new, json=example), new, "post")
        assert made["answers"] == example["answers"] and made["step"] == example["step"]
        assert made["procedure"] == pid
        token = made["token"]
        url = f"{base}{new}/{token}"
        assert c.check(server.get(url), one, "get") == made
        again = c.check(server.put(url, json={"answers": {}, "step": None}), one, "put")
        assert again["answers"] == {} and again["step"] is None
        problem = c.check(server.put(url, json={"answers": [], "step": "x" * 65, "y": 1}),
                          one, "put")
        assert {e["pointer"] for e in problem["errors"]} == {"#/answers", "#/step", "#/y"}
        other = "death-registration" if pid != "death-registration" else "birth-registration"
        for method in ("GET", "PUT", "DELETE"):  # another procedure's: no such draft
            elsewhere = server.request(method, f"{base}/procedures/{other}/drafts/{token}",
                                       json={"answers": {}})
            assert elsewhere.status_code == 404
            assert elsewhere.headers["content-type"] == "application/problem+json"
        c.check(server.post(base + new, content=b"{", headers={
            "content-type": "application/json"}), new, "post")
        c.check(server.post(base + new, content=b"a=1", headers={
            "content-type": "application/x-www-form-urlencoded"}), new, "post")
        c.check(server.post(base + new, content=big.encode(), headers={
            "content-type": "application/json"}), new, "post")
        c.check(server.post(base + new, json=[]), new, "post")
        c.check(server.put(url, content=big.encode(), headers={
            "content-type": "application/json"}), one, "put")
        c.check(server.put(url, content=b"[", headers={
            "content-type": "application/json"}), one, "put")
        c.check(server.put(url, content=b"x", headers={"content-type": "text/plain"}),
                one, "put")
        c.check(server.get(url, headers={"accept": "text/html"}), one, "get")
        c.check(server.delete(url), one, "delete")
        for method in ("get", "delete"):
            c.check(server.request(method.upper(), url), one, method)
        c.check(server.put(url, json={"answers": {}}), one, "put")
        c.check(server.get(f"{base}{new}/short"), one, "get")
        seen |= c.seen
    assert seen == {
        ("post", "201"), ("post", "400"), ("post", "413"), ("post", "415"), ("post", "422"),
        ("get", "200"), ("get", "404"), ("get", "406"),
        ("put", "200"), ("put", "400"), ("put", "404"), ("put", "413"), ("put", "415"),
        ("put", "422"), ("delete", "204"), ("delete", "404"),
    }


def test_a_draft_is_saved_at_the_location_it_names(server: Any, bundled: Built) -> None:
    spec = bundled.spec("openapi/birth-registration.yaml")
    base = spec["servers"][0]["url"]
    made = server.post(f"{base}/procedures/birth-registration/drafts",
                       json=_example(spec, "birth-registration"))
    assert made.status_code == 201
    assert made.headers["location"] == (
        f"{base}/procedures/birth-registration/drafts/{made.json()['token']}")
    assert server.get(made.headers["location"]).json() == made.json()


def test_the_docs_list_the_drafts_statuses() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "targets" / "openapi.md").read_text()
    for (_method, _id), statuses in DRAFT_STATUSES.items():
        assert ", ".join(sorted(statuses)) in text
