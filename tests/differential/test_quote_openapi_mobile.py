"""REQ issue 15 ("Proven by"): quote, the OpenAPI request schema and the mobile rules accept and
reject the same answers as the reference, :func:`procgen.model.answer.problems`, with the same
message key.

Purpose. procgen promises that a service behaves the same everywhere. This test holds three of
the four validators to the one ordered check of an answer in ``procgen.model.answer`` (the web
runtime's part is ``test_web_runtime.py``):

* **quote** — ``procgen quote``'s JSON reader and answer checker, given the answer plus answers
  to the other questions under which the field is asked; only diagnostics located at the
  field's path count (PG602 type or format, PG603 option, PG606 bounds, lengths, pattern and
  repeated options, PG607 entries, PG608 ID number; PG605 for the constraint);
* **OpenAPI** — the field's property schema in ``openapi/<id>.yaml`` under jsonschema_rs
  (JSON Schema 2020-12, ECMA-262 patterns, formats asserted), plus ``formatMinimum`` /
  ``formatMaximum`` and ``x-procgen-pattern``, which docs/targets/openapi.md tells a backend to
  check; the first failing keyword (in the reference's order) gives the key; and the field's
  ``x-procgen-rules`` constraint under json-logic-js;
* **mobile** — the field's component in ``mobile/<id>.json``, its properties applied as
  docs/targets/mobile.md says a renderer does (``checker.js``), its constraint under
  json-logic-js; a key is compared only where the component has a message for the check. The
  app removes a component's ``strip`` characters from what was typed before it checks and
  sends it, so it is compared with the reference (and quote) on what it sends; the API and
  quote judge the data as it is.

1. :func:`test_field_answers` — for every distinct field definition (top level and inside
   groups) of ``procedures/``, the kitchen sink and ``fixtures/edge-cases`` (definitions the
   bundled procedures lack: a phone with its own pattern, numeric options, a group without
   ``repeat``…), every boundary answer of :mod:`tests.differential.values` plus answers that
   hypothesis varies around them (derandomized), ``null`` and wrong JSON types included
   (``null`` is of no answer's type: the app leaves an unanswered question out).
   :func:`test_field_constraints` compares a well-formed answer's ``constraint`` (Python,
   PG605, both JSON Logic rules).
2. :func:`test_whole_answers` — whole answers objects for every procedure: hypothesis ones
   (at random; well-formed or missing; all well-formed but one), and two well-formed bases
   changed in one place each (a field or a group entry's field left out, or given one refused
   answer of its type per problem key; groups one entry short or over). Answers are what a
   conforming client sends: values of the field's JSON type (wrong types are test 1's: an
   app's controls cannot make them), required booleans and defaulted fields always present.
   quote's verdict must equal the OpenAPI verdict (the schema, then the rules as
   docs/targets/openapi.md's "Checking an application" says), and the mobile verdict
   (docs/targets/mobile.md's "Validation") must equal quote's verdict on what the app sends
   (its effective answers: hidden questions dropped, ``strip`` applied, "Submission"). Each
   validator must both accept and refuse some, and quote accept at least a tenth.

A failure lists every distinct disagreement, grouped by cause: the kind of answer, one field
and answer, each validator's verdict (and key), and the other fields with the same cause. One
``procgen build`` and one node process serve the whole session; a run judges about 8,000
field answers and 3,500 answers objects, in about 20 seconds.

Run it with ``.venv/bin/python -m pytest -p no:cacheprovider -q
tests/differential/test_quote_openapi_mobile.py`` (needs node and ``tests/js/node_modules``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import node_process
from tests.differential.cases import FieldCase, field_cases
from tests.differential.harness import (
    CHECK_OF_KEY,
    CHECKER,
    NOT_SENT,
    ORDER,
    TODAY,
    Checker,
    Disagreements,
    Project,
    Verdict,
    answers_schema_name,
    app_sends,
    build_projects,
    extra_checks,
    first_key,
    mobile_key,
    openapi_field,
    quote_key,
    quote_run,
    reference,
    resolve,
)
from tests.differential.values import Labelled, boundaries, near, valid_values

from procgen.expr import evaluate
from procgen.model.answer import has_type, problems
from procgen.model.facts import FieldKind
from procgen.model.ir import Field, Procedure

pytestmark = pytest.mark.node

FUZZ_PER_FIELD = 30
ANSWERS_PER_PROCEDURE = 60
SETTINGS: dict[str, Any] = {"derandomize": True, "deadline": None, "database": None,
                            "suppress_health_check": list(HealthCheck)}
VALIDATORS = ("quote", "openapi", "mobile")
PROJECTS = ("procedures", "kitchen-sink", "edge-cases")


@pytest.fixture(scope="session")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    return build_projects(tmp_path_factory.mktemp("differential"))


@pytest.fixture(scope="session")
def checker() -> Iterator[Checker]:
    for process in node_process(CHECKER):
        yield Checker(process)


# ---------------------------------------------------------------- 1. one answer to one field


def _answers(f: Field) -> list[Labelled]:
    """The boundary answers, then FUZZ_PER_FIELD that hypothesis draws around them."""
    drawn: list[Labelled] = []

    @settings(max_examples=FUZZ_PER_FIELD, **SETTINGS)
    @given(near(f))
    def draw(labelled: Labelled) -> None:
        drawn.append(labelled)

    draw()
    return boundaries(f) + drawn


def _quote_verdict(case: FieldCase, diags: list[Any]) -> tuple[Verdict, bool | None]:
    """Quote's judgement of the answer: diagnostics at its path (or refusing the whole file)."""
    refused, keys, constraint, detail = False, [], None, []
    for code, severity, path, message in diags:
        assert not (code == "PG609" and path == case.path), f"{case.name} is not asked"
        if severity != "error" or path not in (case.path, ()):
            continue
        if code == "PG605":
            constraint = False
        elif code in ("PG602", "PG603", "PG606", "PG607", "PG608", "PG610", "PG611"):
            refused = True
            keys.append(quote_key(case.field, code, message))
            detail.append(code)
    return Verdict(not refused, first_key(keys), " ".join(detail)), constraint


def _mobile_verdict(case: FieldCase, value: Any, fails: list[str]) -> Verdict:
    if value is None:  # docs/targets/mobile.md: given[c.field] != null counts; null is absent
        return Verdict(True, detail="left out")
    keys = [mobile_key(case.field, case.component, check) for check in fails]
    shown = [k for k in keys if k is not None]
    key = min(shown, key=lambda k: _order(k.split(" ")[0])) if shown else None
    return Verdict(not fails, key, ", ".join(fails))


def _order(key: str) -> int:
    return ORDER[CHECK_OF_KEY.get(key, "entries")]


def _agree(ref: Verdict, other: Verdict) -> bool:
    if ref.accepted != other.accepted:
        return False
    return ref.accepted or other.key is None or other.key == ref.key


def _show(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 80 else f"{text[:60]}…({len(text)} chars)"


class FieldRun:
    """Every (case, answer) of one project, judged by the reference and the three validators."""

    def __init__(self, project: Project, checker: Checker) -> None:
        started = time.perf_counter()
        self.found = {name: Disagreements() for name in (*VALIDATORS, "constraint")}
        self.cases = field_cases(project)
        self.fields = sum(1 + len(c.also) for c in self.cases)
        rows: list[tuple[FieldCase, str, Any, Verdict, Verdict, bool | None, Verdict,
                         dict[str, Any] | None]] = []
        node_cases: list[dict[str, Any]] = []
        for case in self.cases:
            for label, value in _answers(case.field):
                diags, env = quote_run(case.procedure, case.raw(value))
                quote, constraint = _quote_verdict(case, diags)
                api = openapi_field(case.field, case.prop, value)
                data = _data(case, env)
                logics = [case.rule["logic"] if case.rule else None,
                          case.component.get("constraint", {}).get("logic")]
                node_cases.append({"component": case.component, "value": value,
                                   "logics": logics if data else [], "data": data})
                rows.append((case, label, value, reference(case.field, value), quote,
                             constraint, api, data))
        results = checker.fields(node_cases)
        for (case, label, value, ref, quote, constraint, api, data), js in zip(
                rows, results, strict=True):
            mobile = _mobile_verdict(case, value, js["fails"])
            verdicts = {"quote": quote, "openapi": api, "mobile": mobile}
            sent = app_sends(case.component, value)  # the app judges what it sends
            refs = {} if sent == value else {
                "mobile": Verdict(True, detail="not sent") if sent is NOT_SENT
                else reference(case.field, sent)}
            if value == [] and case.field.kind == FieldKind.MULTICHOICE and (
                    case.field.unconditionally_required):
                verdicts["openapi"] = ref  # no answer to a required question: test 2's business
            for name, v in verdicts.items():
                self.found[name].examples += 1
                self.found[name].tell(name, v.accepted)
                if not _agree(refs.get(name, ref), v):
                    told = (f"{label}; the app sends "
                            f"{'nothing' if sent is NOT_SENT else _show(sent)}"
                            if name in refs else label)
                    self._add(name, case, told, value, refs.get(name, ref), verdicts)
            if (ref.accepted and value not in (None, []) and data
                    and case.field.constraint is not None):
                self._constraint(case, label, value, data, constraint, js["logics"])
        self.examples = len(rows)
        self.seconds = time.perf_counter() - started

    def _add(self, name: str, case: FieldCase, label: str, value: Any, ref: Verdict,
             verdicts: dict[str, Verdict]) -> None:
        v = verdicts[name]
        what = label if label != "fuzz" else f"fuzz {case.field.kind}"
        signature = (what, case.field.kind, name, str(ref), str(Verdict(v.accepted, v.key)))
        others = "; ".join(f"{n}: {x}" for n, x in verdicts.items())
        also = f" (+{len(case.also)} same)" if case.also else ""
        self.found[name].add(signature, case.name,
                             f"[{what}] {case.name}{also} = {_show(value)}: reference {ref}; "
                             f"{others}")

    def _constraint(self, case: FieldCase, label: str, value: Any, data: dict[str, Any],
                    quote: bool | None, logics: list[Any]) -> None:
        f = case.field
        assert f.constraint is not None
        row = data["row"] if case.group else None
        ref_refused = evaluate(f.constraint, data["answers"], today=TODAY, row=row) is False
        got = {"quote": quote is False, "openapi": logics[0] is False,
               "mobile": logics[1] is False}
        self.found["constraint"].examples += 1
        self.found["constraint"].tell("reference", not ref_refused)
        bad = {n: r for n, r in got.items() if r != ref_refused}
        if bad:
            text = ", ".join(f"{n}: {'refused' if r else 'accepted'}" for n, r in got.items())
            self.found["constraint"].add(
                (case.name, ref_refused, tuple(sorted(bad))), case.name,
                f"{case.name} = {_show(value)} [{label}]: reference constraint "
                f"{f.constraint.source!r} {'refuses' if ref_refused else 'accepts'}; {text}")


def _data(case: FieldCase, env: dict[str, Any] | None) -> dict[str, Any] | None:
    """The rules' data for the answer, from quote's effective answers (None: no answers)."""
    if env is None:
        return None
    if case.group is None:
        return {"answers": env, "row": {}, "today": TODAY}
    rows = env.get(case.group.id)
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
        return None
    return {"answers": env, "row": rows[0], "today": TODAY}


@pytest.fixture(scope="session")
def field_runs(projects: dict[str, Project], checker: Checker) -> dict[str, FieldRun]:
    return {name: FieldRun(project, checker) for name, project in projects.items()}


@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize("project", PROJECTS)
def test_field_answers(field_runs: dict[str, FieldRun], project: str, validator: str) -> None:
    run = field_runs[project]
    found = run.found[validator]
    assert found.examples >= 500 or project != "procedures", found.examples
    assert not found.one_sided(), found.verdicts
    assert not found.found, (
        f"{validator} disagrees with procgen.model.answer.problems on {project} "
        f"({run.fields} fields, {len(run.cases)} distinct): " + found.report())


@pytest.mark.parametrize("project", PROJECTS)
def test_field_constraints(field_runs: dict[str, FieldRun], project: str) -> None:
    """A well-formed answer: the constraint refuses it in quote, both rule sets and Python alike."""
    found = field_runs[project].found["constraint"]
    assert found.examples or project == "edge-cases"
    assert not found.found, "constraints disagree: " + found.report()


# ---------------------------------------------------------------- 2. whole answers objects


def _value(f: Field, pick: int, invalid: list[Any]) -> Any:
    """``pick`` 0-5: a well-formed answer; 6: none; 7-9: one the reference refuses."""
    if pick == 6 and _always_sent(f):
        pick = 0
    good = [v for v in valid_values(f) if not problems(f, v)]
    if f.constraint is not None:  # prefer answers the field's constraint alone accepts
        fine = [v for v in good if evaluate(f.constraint, {f.id: v}, today=TODAY,
                                            row={f.id: v}) is not False]
        good = fine or good
    if pick <= 5 and good:
        return good[pick % len(good)]
    if pick >= 7 and invalid:
        return invalid[(pick * 7919) % len(invalid)]
    return None


def _refused(f: Field) -> list[Any]:
    """Answers of the right JSON type that the reference refuses (a form's controls only make
    answers of their type; wrong types are test 1's)."""
    return [v for _, v in boundaries(f) if v is not None and has_type(f, v) and problems(f, v)]


@st.composite
def whole_answers(draw: st.DrawFn, p: Procedure) -> dict[str, Any]:
    """Answers to every question: at random (well-formed, missing or refused); well-formed or
    missing; or all well-formed but one (missing, refused, or a group with one entry too few
    or too many)."""
    fields = p.asked_fields or p.fields
    mode = draw(st.sampled_from(["random", "clean", "one defect"]))
    defect = draw(st.integers(0, len(fields) - 1)) if mode == "one defect" else None
    out: dict[str, Any] = {}
    for i, f in enumerate(fields):
        pick = {"random": draw(st.integers(0, 9)), "clean": _clean(draw, f),
                "one defect": 0}[mode]
        if defect == i:
            pick = draw(st.sampled_from([6, 7, 8, 9]))
        if f.kind == FieldKind.GROUP and pick != 6:
            out[f.id] = [_entry(f, draw, mode)
                         for _ in range(draw(_counts(f, defect == i and pick > 6)))]
            continue
        v = _value(f, pick, _refused(f))
        if v is not None:
            out[f.id] = v
    return out


def one_change(p: Procedure) -> list[dict[str, Any]]:
    """Deterministic answers: two well-formed bases (each field's first, or last, well-formed
    answer, so that conditions go both ways), each changed in one place: one field (or the
    field of a group's first entry) left out, or given one refused answer per problem key;
    or an answer to a field the procedure (or the group) does not have."""
    fields = p.asked_fields or p.fields
    out = []
    for end in (0, -1):
        base = {f.id: _base(f, end) for f in fields}
        base = {k: v for k, v in base.items() if v is not None}
        for f in fields:
            targets = [(f, None)] + [(c, f) for c in f.children if base.get(f.id)]
            for child, group in targets:
                for change in _changes(child):
                    raw = json.loads(json.dumps(base))
                    where = raw[group.id][0] if group else raw
                    if change is _LEAVE_OUT:
                        where.pop(child.id, None)
                    else:
                        where[child.id] = change
                    out.append(raw)
        out.append({**base, "zz_not_a_field": "x"})  # PG601; additionalProperties: false
        for f in fields:
            if f.kind == FieldKind.GROUP and base.get(f.id):
                raw = json.loads(json.dumps(base))
                raw[f.id][0]["zz_not_a_field"] = "x"
                out.append(raw)
    return out


_LEAVE_OUT = object()


def _base(f: Field, end: int) -> Any:
    if f.kind == FieldKind.GROUP:
        return [{c.id: v for c in f.children if (v := _base(c, end)) is not None}
                for _ in range(max(f.repeat.min, 1))]
    good = [v for v in valid_values(f) if not problems(f, v)]
    fine = [v for v in good if f.constraint is None or evaluate(
        f.constraint, {f.id: v}, today=TODAY, row={f.id: v}) is not False]
    return (fine or good or [None])[end]


def _changes(f: Field) -> list[Any]:
    """Leave it out (unless a conforming client always sends it), and one refused answer of
    the right type per first problem key."""
    by_key: dict[str, Any] = {}
    for v in _refused(f):
        by_key.setdefault(problems(f, v)[0].key, v)
    return [*([] if _always_sent(f) else [_LEAVE_OUT]), *by_key.values()]


def _clean(draw: st.DrawFn, f: Field) -> int:
    """Well-formed (0-5); a question not always required unanswered (6) one time in four."""
    if not f.unconditionally_required and draw(st.integers(0, 3)) == 0:
        return 6
    return draw(st.integers(0, 5))


def _counts(f: Field, beyond: bool) -> st.SearchStrategy[int]:
    top = f.repeat.max if f.repeat.max is not None else f.repeat.min + 2
    if beyond:
        return st.sampled_from(sorted({max(f.repeat.min - 1, 0), top + 1}))
    return st.integers(f.repeat.min, max(f.repeat.min, min(top, 3)))


def _entry(f: Field, draw: st.DrawFn, mode: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for c in f.children:
        pick = {"random": draw(st.integers(0, 9)), "clean": _clean(draw, c),
                "one defect": 0}[mode]
        v = _value(c, pick, _refused(c))
        if v is not None:
            entry[c.id] = v
    return entry


Problem = tuple[str, str]
"""(what, JSON pointer) of one problem a validator reports."""


def _pointer(path: Any) -> str:
    return "/" + "/".join(map(str, path))


def _openapi_schema_problems(schema: dict[str, Any], raw: dict[str, Any]) -> list[Problem]:
    """docs/targets/openapi.md step 1: the schema (jsonschema_rs), and what it asks on top."""
    import jsonschema_rs

    v = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    found = []
    for e in v.iter_errors(raw):
        kind = type(e.kind).__name__
        path = list(e.instance_path)
        if kind == "Required":  # the missing property, not the object that lacks it
            path.append(e.message.split('"')[1])
        found.append((kind, _pointer(path)))
    for name, value in raw.items():
        prop = schema["properties"].get(name, {})
        found += [(kw, f"/{name}") for kw in extra_checks(prop, value)]
        if isinstance(value, list) and prop.get("items", {}).get("type") == "object":
            for i, entry in enumerate(value):
                for child, cv in (entry.items() if isinstance(entry, dict) else ()):
                    sub = prop["items"]["properties"].get(child, {})
                    found += [(kw, f"/{name}/{i}/{child}") for kw in extra_checks(sub, cv)]
    return found


def _always_sent(f: Field) -> bool:
    """What a conforming client always sends (docs/targets/openapi.md, "required"): a required
    boolean or a required field with a default, though quote and the app would fill it in."""
    return f.unconditionally_required and (f.kind == FieldKind.BOOLEAN or f.default is not None)


def _whole_run(project: Project, p: Procedure, checker: Checker, found: Disagreements) -> None:
    spec = project.spec(p.id)
    name = answers_schema_name(spec)
    schema = resolve(spec["components"]["schemas"][name], spec)
    drawn: list[dict[str, Any]] = []

    @settings(max_examples=ANSWERS_PER_PROCEDURE, **SETTINGS)
    @given(whole_answers(p))
    def draw(raw: dict[str, Any]) -> None:
        drawn.append(raw)

    draw()
    drawn = json.loads(json.dumps(drawn + one_change(p)))  # plain JSON: ids are str subclasses
    schema_problems = [_openapi_schema_problems(schema, raw) for raw in drawn]
    passing = [raw for raw, probs in zip(drawn, schema_problems, strict=True) if not probs]
    violations = iter(checker.api(project.spec_path(p.id), name, passing))
    mobile = checker.form(project.mobile_path(p.id), drawn)
    for raw, probs, app_run in zip(drawn, schema_problems, mobile, strict=True):
        diags, _ = quote_run(p, raw)
        quote = [(code, _pointer(path)) for code, sev, path, _ in diags if sev == "error"]
        sent = app_run["sends"]  # the app is judged on what it sends (its effective answers)
        quote_app = [(code, _pointer(path)) for code, sev, path, _ in quote_run(p, sent)[0]
                     if sev == "error"]
        hidden = [_pointer(path) for code, _, path, _ in diags if code == "PG609"]
        api = probs or [(v["code"], _pointer(v["path"])) for v in next(violations)]
        app = [(m["check"], _pointer(m["path"])) for m in app_run["problems"]]
        found.examples += 1
        verdicts = {"quote": quote, "openapi": api, "mobile": app}
        for name, problems_found in verdicts.items():
            found.tell(name, not problems_found)
        if (not quote) == (not api) and (not quote_app) == (not app):
            continue
        if (not quote_app) != (not quote):
            verdicts = {"quote": quote, "openapi": api, "quote of what the app sends": quote_app,
                        "mobile": app}
        paths = sorted({where for v in verdicts.values() for _, where in v})
        asked = "not asked" if any(w == h or w.startswith(h + "/") for w in paths
                                   for h in hidden) else "asked"
        signature = (asked, *(tuple(sorted({what for what, _ in v})) for v in verdicts.values()))
        text = "; ".join(f"{n}: " + ("refused " + ", ".join(f"{what} {w}" for what, w in v)[:200]
                                     if v else "accepted") for n, v in verdicts.items())
        answers = ", ".join(f"{w} = {_show(_at(raw, w))}" for w in paths[:3])
        found.add(signature, f"{p.id}:{paths[0] if paths else '/'}",
                  f"[{asked}] {p.id}: {answers}: {text}")


def _at(raw: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        if isinstance(raw, list) and part.isdigit() and int(part) < len(raw):
            raw = raw[int(part)]
        elif isinstance(raw, dict) and part in raw:
            raw = raw[part]
        else:
            return None
    return raw


@pytest.mark.parametrize("project", PROJECTS)
def test_whole_answers(projects: dict[str, Project], checker: Checker, project: str) -> None:
    found = Disagreements()
    for p in projects[project].portal.procedures:
        _whole_run(projects[project], p, checker, found)
    assert not found.one_sided(), found.verdicts
    assert found.verdicts["quote", True] * 10 >= found.examples, found.verdicts  # ≥ 10 % pass
    assert not found.found, "whole answers: " + found.report(limit=60)


def test_enough_examples(field_runs: dict[str, FieldRun]) -> None:
    """At least 1,000 examples a run (the issue's floor), within the time budget."""
    total = sum(r.examples for r in field_runs.values())
    seconds = sum(r.seconds for r in field_runs.values())
    assert total >= 1000, total
    assert seconds < 90, f"{total} field examples took {seconds:.0f} s"
