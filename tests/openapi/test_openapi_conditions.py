"""REQ openapi-if-then (issue 6): conditions that JSON Schema can state exactly are stated
exactly.

A procedure whose every conditional requirement has an exact form (boolean fields, ``==``,
``!=``, ``in``, ``not in``, a value in a multiple choice, ``not``/``and``/``or``): on
hypothesis-generated answers, the JSON Schema **alone** accepts exactly what ``procgen quote``
accepts — no ``x-procgen-rules`` needed — and every rule says ``in_schema: true``.
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
from tests.openapi.conftest import Built, build
from tests.openapi.strategies import answers

from procgen.diagnostics import DiagnosticSink, Span
from procgen.quote import check_answers

SETTINGS = "procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\ncurrency: VND\n"

PROCEDURE = """procgen: 1
id: conditions
revision: 1
title: {vi: Điều kiện, en: Conditions}
channels:
  online: {processing_time: {working_days: 1}}
fields:
  - {id: flag, type: boolean, label: {vi: Cờ, en: Flag}}
  - id: kind
    type: choice
    label: {vi: Loại, en: Kind}
    options:
      - {value: a, label: {vi: A, en: A}}
      - {value: b, label: {vi: B, en: B}}
      - {value: c, label: {vi: C, en: C}}
  - id: tags
    type: multichoice
    label: {vi: Nhãn, en: Tags}
    options:
      - {value: x, label: {vi: X, en: X}}
      - {value: "y", label: {vi: Y, en: "Y"}}
  - {id: n, type: integer, label: {vi: Số, en: Number}, min: 0, max: 5}
  - {id: r1, type: text, label: {vi: R1, en: R1}, required: flag}
  - {id: r2, type: text, label: {vi: R2, en: R2}, required: flag == false}
  - {id: r3, type: text, label: {vi: R3, en: R3}, required: kind == "a" or n == 3}
  - {id: r4, type: text, label: {vi: R4, en: R4}, required: kind != "b" and not flag}
  - {id: r5, type: text, label: {vi: R5, en: R5}, when: 'kind in ["a", "c"]', required: true}
  - id: r6
    type: text
    label: {vi: R6, en: R6}
    when: 'kind not in ["a"]'
    required: '"x" in tags'
  - {id: r7, type: text, label: {vi: R7, en: R7}, required: '"y" not in tags'}
  - {id: r8, type: text, label: {vi: R8, en: R8}, required: flag != true}
  - {id: r9, type: text, label: {vi: R9, en: R9}, required: 'not ("x" in tags) and n != 2'}
"""


def _at(span: Span, _path: object) -> Span:
    return span


@pytest.fixture(scope="module")
def conditions(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("conditions")
    (root / "procgen.yaml").write_text(SETTINGS, "utf-8")
    (root / "conditions.yaml").write_text(PROCEDURE, "utf-8")
    return build(Path(root))


def test_every_condition_is_in_the_schema(conditions: Built) -> None:
    spec = conditions.spec("openapi/conditions.yaml")
    schema = spec["components"]["schemas"]["ConditionsAnswers"]
    rules = [r for r in schema["x-procgen-rules"] if r["kind"] == "required"]
    assert [r["field"] for r in rules] == [f"r{i}" for i in range(1, 10)]
    assert all(r["in_schema"] for r in rules)
    asked = [c for c in schema["allOf"] if "x-procgen-asked" in str(c["then"])]
    assert len(asked) == 2  # r5 and r6 are marked "not asked", never refused


def test_the_schema_alone_agrees_with_procgen_quote(conditions: Built) -> None:
    p = conditions.portal.procedures[0]
    spec = conditions.spec("openapi/conditions.yaml")
    schema = {**spec["components"]["schemas"]["ConditionsAnswers"],
              "components": spec["components"]}  # its named enums
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    locate = functools.partial(_at, p.span)
    seen = {True: 0, False: 0}

    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(answers(p), st.dates(dt.date(2024, 1, 1), dt.date(2030, 1, 1)))
    def check(given_answers: dict[str, Any], day: dt.date) -> None:
        sink = DiagnosticSink()
        check_answers(p, given_answers, today=day.isoformat(), lang="en", locate=locate, sink=sink)
        python_ok = not sink.has_errors()
        seen[python_ok] += 1
        errors = [e.message for e in validator.iter_errors(given_answers)]
        assert python_ok == (errors == []), ([d.message for d in sink], errors)

    check()
    assert seen[True] > 10 and seen[False] > 10, seen
