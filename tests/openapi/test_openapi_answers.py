"""REQ openapi-answers (issue 6): the request schema plus ``x-procgen-rules`` accept exactly the
answers that ``procgen quote`` (the Python rules) accepts.

hypothesis generates answers a conforming client could send (right types, bounds, options and
patterns, every unconditionally required field; conditional rules left to chance), plus answers
with one plain mistake. For each, on a random day:

- answers the Python rules accept pass the JSON Schema (Draft 2020-12, formats asserted) and
  every ``x-procgen-rules`` entry, applied with json-logic-js by ``rules_check.js`` exactly as
  ``docs/targets/openapi.md`` tells a backend to;
- answers the Python rules reject are rejected by the schema or by a rule.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from tests.conftest import PROCEDURES
from tests.openapi.conftest import Built, RulesChecker
from tests.openapi.strategies import answers, broken_answers

from procgen.diagnostics import DiagnosticSink, Span
from procgen.model.ir import Procedure
from procgen.quote import check_answers
from procgen.targets.openapi.procedure import pascal

IDS = ["kitchen-sink", *sorted(p.stem for p in PROCEDURES.glob("*.yaml") if p.stem != "procgen")]
DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)).map(dt.date.isoformat)
SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


def _at(span: Span, _path: object) -> Span:
    return span


def python_accepts(p: Procedure, given_answers: dict[str, Any], today: str) -> bool:
    sink = DiagnosticSink()
    locate = functools.partial(_at, p.span)
    check_answers(p, given_answers, today=today, lang="en", locate=locate, sink=sink)
    return not sink.has_errors()


def setup(pid: str, kitchen_sink: Built, bundled: Built) -> tuple[Procedure, dict[str, Any], Any]:
    built = kitchen_sink if pid == "kitchen-sink" else bundled
    p = built.portal.procedure(pid)
    assert p is not None
    spec = built.spec(f"openapi/{pid}.yaml")
    # its references (named enums and group entries) resolve in the spec's components
    schema = {**spec["components"]["schemas"][f"{pascal(pid)}Answers"],
              "components": spec["components"]}
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return p, schema, validator


@pytest.mark.parametrize("pid", IDS)
def test_answers_the_python_rules_accept_pass_the_schema(
    pid: str, kitchen_sink: Built, bundled: Built
) -> None:
    p, _schema, validator = setup(pid, kitchen_sink, bundled)

    @settings(SETTINGS, max_examples=150 if pid == "kitchen-sink" else 30)
    @given(answers(p), DAYS)
    def check(given_answers: dict[str, Any], today: str) -> None:
        if python_accepts(p, given_answers, today):
            errors = [e.message for e in validator.iter_errors(given_answers)]
            assert errors == []

    check()


@pytest.mark.node
@pytest.mark.parametrize("pid", IDS)
def test_schema_and_rules_agree_with_the_python_rules(
    pid: str, kitchen_sink: Built, bundled: Built, rules_checker: RulesChecker
) -> None:
    p, schema, validator = setup(pid, kitchen_sink, bundled)

    @settings(SETTINGS, max_examples=300 if pid == "kitchen-sink" else 40)
    @given(answers(p) | broken_answers(p), DAYS)
    def check(given_answers: dict[str, Any], today: str) -> None:
        python_ok = python_accepts(p, given_answers, today)
        schema_errors = [e.message for e in validator.iter_errors(given_answers)]
        # A backend applies the rules to answers that pass the schema (docs/targets/openapi.md).
        violations = [] if schema_errors else rules_checker.violations(schema, given_answers, today)
        api_ok = not schema_errors and not violations
        assert python_ok == api_ok, (schema_errors, violations)

    check()


@pytest.mark.node
def test_the_rules_alone_catch_what_the_schema_cannot(
    kitchen_sink: Built, rules_checker: RulesChecker
) -> None:
    """Not vacuous: some answers pass the schema, break a rule, and are refused by it alone."""
    p, schema, validator = setup("kitchen-sink", kitchen_sink, kitchen_sink)
    today = "2026-01-15"

    seen: dict[str, int] = {"valid": 0, "rules only": 0}

    @settings(SETTINGS, max_examples=200)
    @given(answers(p))
    def check(given_answers: dict[str, Any]) -> None:
        python_ok = python_accepts(p, given_answers, today)
        if not validator.is_valid(given_answers):
            return
        violations = rules_checker.violations(schema, given_answers, today)
        if python_ok:
            seen["valid"] += 1
        elif violations:
            seen["rules only"] += 1
            assert {v["code"] for v in violations} <= {"answer-missing", "answer-constraint"}

    check()
    assert seen["valid"] > 0 and seen["rules only"] > 0, seen


@pytest.mark.node
def test_documents_needed_by_a_condition(kitchen_sink: Built, rules_checker: RulesChecker) -> None:
    spec = kitchen_sink.spec("openapi/kitchen-sink.yaml")
    # a backend decodes the parts into the answers (docs/targets/openapi.md, "Multipart
    # encoding") and applies the application's rules, documents' included, to them
    schemas = spec["components"]["schemas"]
    schema = {**schemas["KitchenSinkAnswers"], "components": spec["components"],
              "x-procgen-rules": schemas["KitchenSinkApplication"]["x-procgen-rules"]}
    ok = {"poor_household": True}
    missing = rules_checker.violations(schema, ok, "2026-01-15", files=["photo"])
    assert {
        "rule": "proof-of-poverty.required",
        "pointer": "#/proof-of-poverty",
        "code": "document-missing",
    } in missing
    sent = rules_checker.violations(schema, ok, "2026-01-15", files=["photo", "proof-of-poverty"])
    assert not [v for v in sent if v["code"] == "document-missing"]
    assert not [
        v
        for v in rules_checker.violations(schema, {}, "2026-01-15", files=[])
        if v["code"] == "document-missing"
    ]


def test_ids_cover_every_bundled_procedure(bundled: Built) -> None:
    assert sorted(p.id for p in bundled.portal.procedures) == IDS[1:]
    assert Path(PROCEDURES).is_dir()
