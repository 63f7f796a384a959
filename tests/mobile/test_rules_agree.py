"""REQ issue 7: conditions in the mobile files, evaluated by json-logic-js under node, agree with
the Python evaluator on generated answers, unanswered values included.

``reference.js`` is a renderer's logic written only from ``docs/targets/mobile.md``: effective
answers (defaults, unchecked booleans, answers of hidden questions dropped until stable),
``visible_when``, ``required``, ``constraint`` (inside repeat groups too), document capture
rules and the online fee quote. The Python side is ``procgen quote``'s own answer checker and
quote. One node process serves every example.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procgen.diagnostics import DiagnosticSink, Span
from procgen.expr import evaluate, holds
from procgen.model.ir import Field, Procedure
from procgen.quote import check_answers, quote

from .conftest import Corpus, Reference

TODAYS = ["2026-11-29", "2024-02-29", "2025-01-01", "2026-03-01"]
TEXTS = ["", "a", "Nguyễn Văn An", "male", "female", "yes", "😀 x"]


def _dates(today: str) -> st.SearchStrategy[str]:
    t = dt.date.fromisoformat(today)
    near = [t - dt.timedelta(days=k) for k in (0, 1, 59, 60, 61, 90, 181, 365, -1, -30)]
    years = []
    for y in (6, 14, 15, 16, 18, 60, 65):
        try:
            years.append(t.replace(year=t.year - y))
        except ValueError:  # 29 February
            years.append(t.replace(year=t.year - y, day=28))
    wide = st.dates(dt.date(1940, 1, 1), dt.date(2031, 12, 31))
    return (st.sampled_from(near + years) | wide).map(str)


def _number(f: Field, whole: bool) -> st.SearchStrategy[Any]:
    low = int(f.min) if isinstance(f.min, int | float) else -3
    high = int(f.max) if isinstance(f.max, int | float) else 25
    high = min(high, low + 200_000)
    ints = st.integers(low, high) | st.sampled_from([low, high, 0, 1, 2, 18, 60, 1000])
    if whole:
        return ints
    return ints | st.integers(-40, 400).map(lambda k: k / 4)


def value_for(f: Field, today: str) -> st.SearchStrategy[Any]:
    """A well-typed answer to ``f`` (wrong types are the answer checker's business)."""
    k = f.kind
    if k in ("text", "textarea", "address"):
        return st.sampled_from(TEXTS)
    if k == "email":
        return st.just("an@example.vn")
    if k == "phone":
        return st.just("0912345678")
    if k == "national_id":
        return st.sampled_from(["001099012345", "079203000001"])
    if k in ("integer", "money"):
        return _number(f, True)
    if k == "number":
        return _number(f, False)
    if k == "date":
        return _dates(today)
    if k == "boolean":
        return st.booleans()
    values = [o.value for o in f.options]
    if k == "choice":
        return st.sampled_from(values)
    if k == "multichoice":
        return st.lists(st.sampled_from(values), unique=True, max_size=len(values))
    assert k == "group", k
    row = answers_for(f.children, today)
    return st.lists(row, max_size=3)


def answers_for(fields: tuple[Field, ...], today: str) -> st.SearchStrategy[dict[str, Any]]:
    """Answers as an app sends them: a question not answered is left out, never null."""
    return st.fixed_dictionaries({}, optional={f.id: value_for(f, today) for f in fields})


@st.composite
def cases(draw: st.DrawFn, procedures: list[tuple[Procedure, Path]]
          ) -> tuple[Procedure, Path, dict[str, Any], str]:
    p, path = draw(st.sampled_from(procedures))
    today = draw(st.sampled_from(TODAYS))
    answers = draw(answers_for(p.asked_fields or p.fields, today))
    return p, path, answers, today


def python_side(p: Procedure, raw: dict[str, Any], today: str) -> dict[str, Any]:
    """What the Python evaluator says, in the shape ``reference.js`` answers."""
    sink = DiagnosticSink()
    answers = check_answers(p, raw, today=today, lang="vi",
                            locate=lambda path: Span("answers.json", 1, 1), sink=sink)
    env = answers.values
    fields: dict[str, Any] = {}

    def judge(f: Field, key: str, given: dict[str, Any], scope: dict[str, Any],
              row: dict[str, Any] | None) -> None:
        visible = f.when is None or holds(f.when, env, today=today, row=row)
        required = visible and (f.required if isinstance(f.required, bool)
                                else holds(f.required, env, today=today, row=row))
        answered = visible and f.id in scope
        ok = not (answered and f.constraint is not None and given.get(f.id) is not None
                  and evaluate(f.constraint, env, today=today, row=row) is False)
        fields[key] = {"visible": visible, "required": required, "answered": answered,
                       "constraint_ok": ok}

    for f in p.asked_fields or p.fields:
        judge(f, f"f.{f.id}", raw, env, None)
        if f.kind == "group" and isinstance(env.get(f.id), list):
            for i, entry in enumerate(env[f.id]):
                for child in f.children:
                    judge(child, f"f.{f.id}.{child.id}#{i}", raw[f.id][i], entry, entry)
    documents = {}
    for d in p.uploadable_documents:
        visible = d.when is None or holds(d.when, env, today=today)
        documents[d.id] = {"visible": visible, "required": visible and (
            d.required if isinstance(d.required, bool) else holds(d.required, env, today=today))}
    fees = []
    if p.channel("online") is not None:
        # the rules decide amounts; where a fact comes from (source, confidence) is data the
        # file carries, not something the JavaScript works out
        fees = [{k: v for k, v in f.items() if k not in ("source", "confidence")}
                for f in quote(p, answers, channel="online", on=today).as_json()["fees"]]
    # A screen is skipped only when every component on it is hidden by its own condition.
    screens = dict.fromkeys(("intro", "review", "fees", "submit", "confirmation"), True)
    if p.channel("online") is None:
        screens = {"intro": True}
    for page in p.pages if p.channel("online") is not None else ():
        shown = [fields[f"f.{f.id}"]["visible"] for f in page.fields]
        shown += [documents[d.id]["visible"] if d.uploadable else True for d in page.documents]
        screens[f"page.{page.id}"] = any(shown) or not shown
    return {"env": env, "fields": fields, "documents": documents, "fees": fees,
            "screens": screens}


def _js_constraint_on_given(result: dict[str, Any], p: Procedure, raw: dict[str, Any]) -> None:
    """A constraint is judged on answers the citizen gave (a default is not judged)."""
    for f in p.asked_fields or p.fields:
        if raw.get(f.id) is None and f.constraint is not None:
            result["fields"][f"f.{f.id}"]["constraint_ok"] = True
        if f.kind == "group" and isinstance(raw.get(f.id), list):
            for i, row in enumerate(raw[f.id]):
                for child in f.children:
                    key = f"f.{f.id}.{child.id}#{i}"
                    if row.get(child.id) is None and key in result["fields"]:
                        result["fields"][key]["constraint_ok"] = True


@pytest.fixture(scope="session")
def written(corpora: dict[str, Corpus], tmp_path_factory: pytest.TempPathFactory
            ) -> list[tuple[Procedure, Path]]:
    out = tmp_path_factory.mktemp("mobile")
    pairs = []
    for corpus in corpora.values():
        for p in corpus.portal.procedures:
            path = out / f"{p.id}.json"
            path.write_bytes(corpus.files[f"mobile/{p.id}.json"])
            pairs.append((p, path))
    return pairs


def test_rules_agree_with_python(written: list[tuple[Procedure, Path]],
                                 reference: Reference) -> None:
    seen = {"hidden": 0, "constraint_false": 0, "fees": 0, "screens_skipped": 0}

    @settings(max_examples=1500, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(cases(written))
    def check(case: tuple[Procedure, Path, dict[str, Any], str]) -> None:
        p, path, raw, today = case
        expected = python_side(p, raw, today)
        actual = reference.run(path, raw, today)
        _js_constraint_on_given(actual, p, raw)
        assert actual == expected, (p.id, raw, today)
        states = expected["fields"].values()
        seen["hidden"] += sum(not s["visible"] for s in states)
        seen["constraint_false"] += sum(not s["constraint_ok"] for s in states)
        seen["fees"] += len(expected["fees"])
        seen["screens_skipped"] += sum(not v for v in expected["screens"].values())

    check()
    # The examples must exercise what they claim to: hidden questions, broken constraints, fees.
    assert seen["hidden"] > 50 and seen["constraint_false"] > 5 and seen["fees"] > 50, seen
    assert seen["screens_skipped"] > 5, seen
