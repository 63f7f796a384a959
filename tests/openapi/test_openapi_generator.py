"""REQ openapi-clients (issue 18): the specs work with openapi-generator's ``typescript-fetch``.

openapi-generator (the ``openapi-generator-cli`` jar, run by java) generates a TypeScript
client for the kitchen sink and for the held-out procedure with a group holding booleans; tsc
compiles it with ``--strict``; node submits the spec's ``complete`` example through it, to a
``fetchApi`` that keeps the request. Then, read by :mod:`procgen.targets.openapi.multipart`:

- the whole application is exactly what was sent, files included: booleans as
  ``FormBoolean``'s text, numbers, dates, a choice, a multiple choice of two values (two
  parts, as its ``encoding`` entry asks; with none typescript-fetch joins them with commas),
  and each group entry one part holding its JSON (the application schema states an entry as
  a text with ``contentMediaType: application/json``: typescript-fetch 7.26 appends an array
  of objects' elements as ``[object Object]``, OpenAPITools/openapi-generator#18853, but a
  list of texts one part per text);
- openapi-core validates the same request and reads the same answers.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import NODE_MODULES, require_tool
from tests.openapi.clients import openapi_core_body
from tests.openapi.conftest import Built, resolved
from tests.openapi.test_openapi_clients import HOUSEHOLD, _dated, _project, _write

from procgen.model.ir import Procedure
from procgen.targets.openapi.multipart import (
    Part,
    decode_application,
    parse_multipart,
)

LAUNCHER = Path(sys.executable).with_name("openapi-generator-cli")
TSC = NODE_MODULES / "typescript" / "bin" / "tsc"
DRIVER = Path(__file__).with_name("ts_fetch_submit.mjs")
TOKEN = "t0ken"
PROCEDURES = ("kitchen-sink", "household-declaration")


@dataclass(frozen=True)
class Client:
    """A procedure's spec and the typescript-fetch client generated from it, compiled."""

    built: Built
    pid: str
    compiled: Path

    @property
    def procedure(self) -> Procedure:
        procedure = self.built.portal.procedure(self.pid)
        assert procedure is not None
        return procedure

    @property
    def spec(self) -> dict[str, Any]:
        return self.built.spec(f"openapi/{self.pid}.yaml")

    @property
    def prefix(self) -> str:
        return "".join(w.capitalize() for w in self.pid.split("-"))

    def component(self, kind: str, name: str, media: str) -> dict[str, Any]:
        """The content ``media`` of ``components/<kind>/<Prefix><name>``."""
        content: dict[str, dict[str, Any]] = self.spec["components"][kind][
            self.prefix + name]["content"]
        return content[media]

    def example(self) -> dict[str, Any]:
        """The application's ``complete`` example (parts' values)."""
        form = self.component("requestBodies", "Application", "multipart/form-data")
        return copy.deepcopy(form["examples"]["complete"]["value"])

    def answers(self) -> dict[str, Any]:
        """The answers object that the example encodes (the ``<Id>Answers`` example)."""
        example: dict[str, Any] = self.component("requestBodies", "Answers",
                                                 "application/json")["example"]
        return example

    def files(self) -> dict[str, bytes]:
        docs = {d.id for d in self.procedure.uploadable_documents}
        return {k: f"%PDF-1.7 {k}\n".encode() for k in self.example() if k in docs}


def _generate(spec: Path, out: Path) -> None:
    """``openapi-generator-cli generate -g typescript-fetch`` with its default options."""
    run = subprocess.run(
        [str(LAUNCHER), "generate", "-g", "typescript-fetch", "-i", str(spec), "-o", str(out)],
        capture_output=True, text=True, timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (out / "apis").is_dir(), run.stdout


def _compile(sources: Path, out: Path, roots: list[Path]) -> None:
    """tsc --strict over the generated clients, to CommonJS: the generated imports have no
    ``.js`` extension (``from '../runtime'``), which node resolves only for CommonJS."""
    node = shutil.which("node")
    assert node is not None
    run = subprocess.run(
        [node, str(TSC), "--strict", "--noEmitOnError", "--pretty", "false",
         "--target", "es2022", "--lib", "es2022,dom", "--module", "commonjs",
         "--rootDir", str(sources), "--outDir", str(out), *map(str, roots)],
        capture_output=True, text=True, timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (out / "package.json").write_text('{"type": "commonjs"}\n', "utf-8")


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _project(tmp_path_factory.mktemp("household") / "procedures", HOUSEHOLD)


@pytest.fixture(scope="module")
def clients(kitchen_sink: Built, household: Built,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Client]:
    """Both clients generated (java is slow: once per module) and compiled in one tsc run."""
    require_tool(shutil.which("java") is not None, "java (openapi-generator's jar runs on it)")
    require_tool(LAUNCHER.exists(), "openapi-generator-cli (pip install '.[test]')")
    require_tool(shutil.which("node") is not None and TSC.exists(),
                 "node with tests/js/node_modules/typescript (cd tests/js && npm ci)")
    root = tmp_path_factory.mktemp("typescript-fetch")
    built = dict(zip(PROCEDURES, (kitchen_sink, household), strict=True))
    for pid, project in built.items():
        folder = _write(project, root / "spec" / pid)
        _generate(folder / f"{pid}.yaml", root / "src" / pid)
    _compile(root / "src", root / "js", [root / "src" / pid / "index.ts" for pid in built])
    return {pid: Client(project, pid, root / "js" / pid) for pid, project in built.items()}


def _param(name: str) -> str:
    """The client's name for a part: the id camelized (``household-book`` → ``householdBook``)."""
    first, *rest = re.split(r"[-_]", name)
    return first + "".join(w[:1].upper() + w[1:] for w in rest)


def _submit(client: Client, tmp: Path,
            example: dict[str, Any] | None = None) -> httpx.Request:
    """Submit ``example`` (the spec's ``complete`` one) through the compiled client in node;
    the request it sent (the client read the 201 it was answered)."""
    example = client.example() if example is None else example
    schema = resolved(client.spec, client.spec["components"]["schemas"][
        f"{client.prefix}Application"])
    props = {k: resolved(client.spec, v) for k, v in schema["properties"].items()}
    files = client.files()
    accept = {str(d.id): d.accept[0] for d in client.procedure.uploadable_documents}
    status = client.component("responses", "Received", "application/json")["example"]
    call = {
        "api": f"{client.prefix}Api",
        "operation": f"submit{client.prefix}Application",
        "basePath": client.spec["servers"][0]["url"],
        "token": TOKEN,
        "params": {_param(k): v for k, v in example.items() if k not in files},
        "dates": [_param(k) for k in example if props[k].get("format") == "date"],
        "files": {_param(k): {"data": base64.b64encode(data).decode(), "type": accept[k]}
                  for k, data in files.items()},
        "status": status,
    }
    (tmp / "call.json").write_text(json.dumps(call, ensure_ascii=False), "utf-8")
    node = shutil.which("node")
    assert node is not None
    run = subprocess.run(
        [node, str(DRIVER), str(client.compiled), str(tmp / "call.json"), str(tmp / "sent.json")],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sent = json.loads((tmp / "sent.json").read_text("utf-8"))
    request = httpx.Request(sent["method"], sent["url"], headers=sent["headers"],
                            content=base64.b64decode(sent["body"]))
    assert request.method == "POST"
    assert str(request.url) == f"{call['basePath']}/procedures/{client.pid}/applications"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent["result"]["application_id"] == status["application_id"]
    return request


def _parts(request: httpx.Request) -> list[Part]:
    return parse_multipart(request.content, request.headers["content-type"])


@pytest.mark.parametrize("pid", PROCEDURES)
def test_an_application_reaches_the_decoder_exactly(
        clients: dict[str, Client], pid: str, tmp_path: Path) -> None:
    client = clients[pid]
    example, files = client.example(), client.files()
    groups = {f.id for f in client.procedure.fields if f.kind == "group"}
    assert groups & set(example), "the example has a group"
    request = _submit(client, tmp_path)
    parts = _parts(request)
    for group in groups & set(example):  # one part per entry, its JSON as written
        assert [p.data.decode() for p in parts if p.name == group] == example[group]
    submission = decode_application(client.procedure, parts)
    assert submission.answers == client.answers()
    assert {k: p.data for k, p in submission.files.items()} == files
    # openapi-core: the same request is valid, and it reads the same answers
    form = client.component("requestBodies", "Application", "multipart/form-data")
    types = {form["encoding"][d]["contentType"] for d in files}
    read = openapi_core_body(client.spec, request, types)
    assert {k: v for k, v in read.items() if k not in files} == _dated(
        {k: v for k, v in example.items() if k not in files})
    assert {k: read[k].encode("latin-1") for k in files} == files


def test_a_multiple_choice_of_two_is_two_parts(clients: dict[str, Client],
                                               tmp_path: Path) -> None:
    """The property's ``encoding`` entry (``contentType: text/plain``) makes openapi-generator
    send one part per value (``collectionFormat: multi``); with none it would join them with
    commas into one part, ``water,power``, which the schema refuses."""
    client = clients["household-declaration"]
    form = client.component("requestBodies", "Application", "multipart/form-data")
    assert form["encoding"]["needs"] == {"contentType": "text/plain"}
    example = {**client.example(), "needs": ["water", "power"]}
    request = _submit(client, tmp_path, example)
    parts = _parts(request)
    assert [p.data for p in parts if p.name == "needs"] == [b"water", b"power"]
    assert decode_application(client.procedure, parts).answers["needs"] == ["water", "power"]
    files = client.files()
    read = openapi_core_body(client.spec, request,
                             {form["encoding"][d]["contentType"] for d in files})
    assert read["needs"] == ["water", "power"]
