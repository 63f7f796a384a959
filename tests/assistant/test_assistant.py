"""REQ assistant (issue 21): ``procgen assistant`` is an MCP server whose answers are the
portal's own.

The server is started as a real subprocess (``procgen --procedures … assistant``) and driven
by the ``mcp`` SDK's own client over stdio. Its answers are compared with what the rest of
procgen computes for the same question: ``procgen quote`` run as a command (with a locality,
and partial), the OpenAPI target's description, the model's documents.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import pytest
from tests.conftest import ROOT

from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.model.ir import Portal
from procgen.targets.openapi.examples import EXAMPLE_DAY, example_answers

mcp = pytest.importorskip("mcp", reason="pip install '.[test]' installs the mcp SDK")

PROCGEN = Path(sys.executable).with_name("procgen")
KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
BUNDLED = ROOT / "procedures"
TOOLS = {"search_procedures", "describe_procedure", "quote_fees", "check_answers",
         "documents_needed"}

Session = Callable[[Any], Awaitable[Any]]


def talk(project: Path, conversation: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run ``conversation(client)`` against a fresh server on ``project``."""
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    params = StdioServerParameters(command=str(PROCGEN),
                                   args=["--procedures", str(project), "assistant"])

    async def main() -> Any:
        with anyio.fail_after(60):
            async with Client(params) as client:
                return await conversation(client)

    # A thread of its own: a browser test's sync Playwright leaves an event loop running in
    # the main thread, where anyio.run refuses to start another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, main).result()


def call(project: Path, tool: str, arguments: dict[str, Any]) -> Any:
    """One tool call's structured result (fails on a tool error)."""
    async def conversation(client: Any) -> Any:
        result = await client.call_tool(tool, arguments)
        assert not result.is_error, result.content
        return result.structured_content

    return talk(project, conversation)


def cli_quote(project: Path, tmp: Path, pid: str, answers: dict[str, Any],
              *options: str) -> dict[str, Any]:
    (tmp / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    run = subprocess.run(
        [str(PROCGEN), "--procedures", str(project), "quote", pid, "--answers",
         str(tmp / "answers.json"), "--on", EXAMPLE_DAY, *options],
        capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    quoted: dict[str, Any] = json.loads(run.stdout)
    return quoted


@pytest.fixture(scope="module")
def bundled() -> Portal:
    return load_portal(BUNDLED, DiagnosticSink())


def test_the_tools_and_their_inputs() -> None:
    async def conversation(client: Any) -> Any:
        return (await client.list_tools()).tools

    tools = {t.name: t for t in talk(KITCHEN_SINK, conversation)}
    assert set(tools) == TOOLS
    quote = tools["quote_fees"].input_schema
    assert set(quote["required"]) == {"procedure_id", "answers"}
    assert {"channel", "locality", "on", "partial", "lang"} <= set(quote["properties"])


def test_a_quote_is_procgen_quotes_in_every_province(bundled: Portal, tmp_path: Path) -> None:
    """A procedure whose fees a province sets: the tool and the command agree on the
    national quote (amounts unknown) and on each of three provinces'."""
    pid = "land-change-registration"
    procedure = bundled.procedure(pid)
    assert procedure is not None
    answers = example_answers(procedure)
    provinces = [loc.id for loc in bundled.localities][:3]

    async def conversation(client: Any) -> Any:
        out = {}
        for place in [None, *provinces]:
            result = await client.call_tool("quote_fees", {
                "procedure_id": pid, "answers": answers, "locality": place,
                "on": EXAMPLE_DAY, "partial": False})
            assert not result.is_error, result.content
            out[place] = result.structured_content
        return out

    said = talk(BUNDLED, conversation)
    for place, result in said.items():
        options = ("--locality", place) if place else ()
        assert result["problems"] == []
        assert result["quote"] == cli_quote(BUNDLED, tmp_path, pid, answers, *options), place


def test_a_partial_quote_names_what_is_still_needed(tmp_path: Path) -> None:
    result = call(KITCHEN_SINK, "quote_fees", {
        "procedure_id": "kitchen-sink", "answers": {"copies": 2}, "on": EXAMPLE_DAY,
        "lang": "en"})
    expected = cli_quote(KITCHEN_SINK, tmp_path, "kitchen-sink", {"copies": 2}, "--partial")
    assert result["quote"] == expected
    assert result["quote"]["still_needed"], "the kitchen sink has required questions"


def test_the_description_is_the_apis(bundled: Portal) -> None:
    from procgen.model.local import local_facts
    from procgen.targets.openapi.describe import describe

    pid = "birth-registration"
    procedure = bundled.procedure(pid)
    assert procedure is not None
    place = bundled.localities[0]

    async def conversation(client: Any) -> Any:
        national = await client.call_tool("describe_procedure", {"procedure_id": pid})
        local = await client.call_tool("describe_procedure",
                                       {"procedure_id": pid, "locality": place.id})
        resource = await client.read_resource(f"procgen://procedures/{pid}")
        return national.structured_content, local.structured_content, resource

    national, local, resource = talk(BUNDLED, conversation)
    langs = bundled.settings.languages
    assert national == describe(procedure, langs, local_facts(procedure, bundled.localities))
    assert local == describe(procedure, langs,
                             local_facts(procedure, bundled.localities, place))
    assert json.loads(resource.contents[0].text) == national


def test_problems_carry_code_pointer_and_the_forms_words() -> None:
    result = call(KITCHEN_SINK, "check_answers", {
        "procedure_id": "kitchen-sink", "lang": "vi",
        "answers": {"copies": "two", "surprise": 1}})
    assert result["valid"] is False
    by_pointer = {p["pointer"]: p for p in result["problems"]}
    assert by_pointer["#/surprise"]["code"] == "PG601"
    assert by_pointer["#/copies"]["severity"] == "error"
    assert all(p["message"] and p["code"].startswith("PG6") for p in result["problems"])


def test_valid_answers_are_valid(bundled: Portal) -> None:
    procedure = bundled.procedure("marriage-registration")
    assert procedure is not None
    result = call(BUNDLED, "check_answers", {
        "procedure_id": procedure.id, "answers": example_answers(procedure),
        "on": EXAMPLE_DAY})
    assert result == {"valid": True, "problems": []}


def test_documents_follow_the_answers() -> None:
    """The kitchen sink asks for proof of poverty only from a poor household."""
    def ids(poor: bool) -> dict[str, bool]:
        result = call(KITCHEN_SINK, "documents_needed", {
            "procedure_id": "kitchen-sink", "answers": {"poor_household": poor},
            "on": EXAMPLE_DAY})
        return {d["id"]: d["required"] for d in result["documents"]}

    poor, not_poor = ids(True), ids(False)
    assert "proof-of-poverty" in poor and "proof-of-poverty" not in not_poor
    assert poor["optional-letter"] is False  # asked, not required
    assert set(poor) - {"proof-of-poverty"} == set(not_poor)


def test_search_ignores_accents_and_case() -> None:
    found = call(BUNDLED, "search_procedures", {"query": "DANG KY khai sinh"})["result"]
    assert "birth-registration" in [p["id"] for p in found]
    assert call(BUNDLED, "search_procedures", {"query": "đăng ký khai sinh"}) == {
        "result": found}


def test_an_unknown_procedure_is_a_tool_error_with_a_suggestion() -> None:
    async def conversation(client: Any) -> Any:
        return await client.call_tool("describe_procedure",
                                      {"procedure_id": "birth-registraton"})

    result = talk(BUNDLED, conversation)
    assert result.is_error  # no language asked: the project's (Vietnamese)
    assert result.content[0].text.endswith(  # after the SDK's "Error executing tool …: "
        "không có thủ tục “birth-registraton”; có phải ý bạn là 'birth-registration'?")


def test_a_tool_error_speaks_the_language_asked() -> None:
    async def conversation(client: Any) -> Any:
        return [await client.call_tool("quote_fees", {"procedure_id": "nope", "answers": {},
                                                      "lang": lang}) for lang in ("en", "vi")]

    en, vi = talk(KITCHEN_SINK, conversation)
    assert en.is_error and en.content[0].text.endswith(": no procedure 'nope'")
    assert vi.is_error and vi.content[0].text.endswith(": không có thủ tục “nope”")


def test_an_unknown_language_is_refused() -> None:
    async def conversation(client: Any) -> Any:
        return await client.call_tool("search_procedures", {"query": "x", "lang": "fr"})

    result = talk(KITCHEN_SINK, conversation)
    assert result.is_error  # said in the project's language, since "fr" is none of its
    assert result.content[0].text.endswith(": không có ngôn ngữ “fr”: dự án này dùng vi, en")
