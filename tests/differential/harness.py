"""Shared pieces of the differential validation tests: the built artifacts and three validators.

Every validator is turned into the same small :class:`Verdict` (accepted or not, and the
wording key of the first problem when it can say which rule failed), so that
``test_quote_openapi_mobile.py`` can compare them with the reference,
:func:`procgen.model.answer.problems`:

* :func:`quote_run` is ``procgen quote``'s own path — the JSON reader, then
  :class:`procgen.quote.answers.AnswerChecker` — with each diagnostic's answers path kept
  (``locate`` writes the path into the span), and :func:`quote_key` maps PG602/603/606/607/608
  to a key;
* :func:`openapi_field` validates one answer against the field's property schema in
  ``openapi/<id>.yaml`` with jsonschema_rs (2020-12, formats asserted), plus what the OpenAPI
  page says a backend must check itself (``formatMinimum``/``formatMaximum``,
  ``x-procgen-pattern``); the failing keywords are found one keyword at a time;
* ``checker.js`` (one node process, :class:`Checker`) applies the mobile component properties as
  docs/targets/mobile.md describes them, and the JSON Logic rules of both artifacts with
  json-logic-js; :func:`mobile_key` maps a failing property to a key.

The projects are built once per session with ``procgen build --out <tmp>`` (a subprocess,
openapi and mobile targets only).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml
from tests.conftest import NodeProcess

from procgen.diagnostics import DiagnosticSink, Span, StageFailed
from procgen.model import load_portal
from procgen.model.answer import problems
from procgen.model.facts import FORMATS, SAFE_INTEGER, FieldKind
from procgen.model.ir import Field, Portal, Procedure

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ROOTS = {
    "procedures": ROOT / "procedures",
    "kitchen-sink": ROOT / "tests" / "fixtures" / "kitchen-sink",
    "edge-cases": HERE / "fixtures" / "edge-cases",
}
CHECKER = HERE / "checker.js"
TODAY = "2026-01-15"
"""The day every rule is evaluated on (the OpenAPI examples' day)."""

# The reference's order of checks (procgen.model.answer), by the key a problem carries.
CHECK_OF_KEY = {
    "err_type": "type", "err_integer": "type", "err_number": "type",
    "err_option": "option", "err_option_twice": "option",
    "err_date": "format", "err_email": "format", "err_phone": "format",
    "err_national_id": "format",
    "err_min": "min", "err_max": "max", "err_date_min": "min", "err_date_max": "max",
    "err_min_length": "min_length", "err_max_length": "max_length",
    "err_min_items": "min_length", "err_max_items": "max_length",
    "err_pattern": "pattern",
    "err_min_entries": "entries", "err_max_entries": "entries",
}
ORDER = {"type": 0, "option": 1, "format": 2, "min": 3, "max": 3, "min_length": 4,
         "max_length": 4, "pattern": 5, "entries": 6}


def first_key(keys: list[str | None]) -> str | None:
    """The key the reference would put first among ``keys`` (None: none can be named)."""
    named = [k for k in keys if k is not None]
    return min(named, key=lambda k: ORDER[CHECK_OF_KEY.get(k, "entries")], default=None)


@dataclass(frozen=True)
class Verdict:
    """One validator's judgement of one answer: ``key`` None when it cannot say which rule."""

    accepted: bool
    key: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        if self.accepted:
            return "accepted"
        return f"refused {self.key or '(no key)'}" + (f" [{self.detail}]" if self.detail else "")


def reference(f: Field, value: Any) -> Verdict:
    """:func:`procgen.model.answer.problems` of an answer (``null`` is of no answer's type)."""
    found = problems(f, value)
    return Verdict(not found, found[0].key if found else None)


def type_key(f: Field) -> str:
    if f.facts.numeric:
        return "err_integer" if f.facts.whole else "err_number"
    return "err_date" if f.kind == FieldKind.DATE else "err_type"


# ---------------------------------------------------------------- the built projects


@dataclass
class Project:
    """One procedures folder: its IR and its openapi and mobile files, built once."""

    name: str
    portal: Portal
    out: Path
    _specs: dict[str, dict[str, Any]] = field(default_factory=dict)
    _mobiles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def spec_path(self, pid: str) -> Path:
        """The OpenAPI file as JSON (node reads JSON; the YAML is parsed once, here)."""
        target = self.out / "openapi" / f"{pid}.json"
        if not target.exists():
            data = yaml.load((self.out / "openapi" / f"{pid}.yaml").read_text("utf-8"),
                             Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        return target

    def spec(self, pid: str) -> dict[str, Any]:
        if pid not in self._specs:
            self._specs[pid] = json.loads(self.spec_path(pid).read_text("utf-8"))
        return self._specs[pid]

    def mobile_path(self, pid: str) -> Path:
        return self.out / "mobile" / f"{pid}.json"

    def mobile(self, pid: str) -> dict[str, Any]:
        if pid not in self._mobiles:
            self._mobiles[pid] = json.loads(self.mobile_path(pid).read_text("utf-8"))
        return self._mobiles[pid]


def build_projects(tmp: Path) -> dict[str, Project]:
    """Load every project with the project's loader and build it with ``procgen build``."""
    script = Path(sys.executable).with_name("procgen")
    procgen = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from procgen.cli import main; sys.exit(main())"]
    out: dict[str, Project] = {}
    for name, root in ROOTS.items():
        sink = DiagnosticSink()
        portal = load_portal(root, sink)
        errors = [d.message for d in sink if d.severity == "error"]
        assert not errors, f"{name}: {errors}"
        folder = tmp / name
        run = subprocess.run(
            [*procgen, "--procedures", str(root), "build", "--out", str(folder),
             "--target", "openapi", "--target", "mobile"],
            capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"procgen build of {name} failed:\n{run.stdout}{run.stderr}"
        out[name] = Project(name, portal, folder)
    return out


def resolve(node: Any, spec: dict[str, Any], depth: int = 0) -> Any:
    """``node`` with every local ``$ref`` replaced by what it points at."""
    assert depth < 50, "$ref cycle"
    if isinstance(node, dict):
        if "$ref" in node and isinstance(node["$ref"], str):
            target: Any = spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return resolve({**copy.deepcopy(target), **rest}, spec, depth + 1)
        return {k: resolve(v, spec, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, spec, depth + 1) for v in node]
    return node


def answers_schema_name(spec: dict[str, Any]) -> str:
    names = [str(n) for n in spec["components"]["schemas"]  # not <Id>DraftAnswers (partial)
             if n.endswith("Answers") and not n.endswith("DraftAnswers")]
    assert len(names) == 1, names
    return names[0]


def input_components(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for s in doc["screens"] for c in s["components"] if "field" in c]


# ---------------------------------------------------------------- quote


Diag = tuple[str, str, tuple[Any, ...], str]
"""(code, severity, answers path, message) of one quote diagnostic."""


def quote_run(p: Procedure, raw: dict[str, Any]) -> tuple[list[Diag], dict[str, Any] | None]:
    """``procgen quote``'s checks of an answers object: its diagnostics and effective answers."""
    from procgen.quote import check_answers
    from procgen.quote.reader import read_answers_text

    sink = DiagnosticSink()
    text = json.dumps(raw, ensure_ascii=False)
    try:
        doc = read_answers_text("answers.json", text, sink)
    except StageFailed:
        return [(d.code, d.severity, (), d.message) for d in sink], None
    answers = check_answers(p, doc.value, today=TODAY, lang="en",
                            locate=lambda path: Span(json.dumps(list(path)), 1, 1), sink=sink)

    def where(span: Span | None) -> tuple[Any, ...]:
        return tuple(json.loads(span.file)) if span and span.file.startswith("[") else ()

    return [(d.code, d.severity, where(d.span), d.message) for d in sink], answers.values


def quote_key(f: Field, code: str, message: str) -> str | None:
    """The reference key a PG6xx diagnostic about ``f`` stands for (None: not a field check)."""
    date = f.kind == FieldKind.DATE
    items = f.kind == FieldKind.MULTICHOICE
    if code == "PG602":
        if f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE) and re.search(
                r"must be the (number|text) ", message):
            return "err_type"  # "1" for the option 1: quote calls it a wrong type
        for kind, fmt in FORMATS.items():
            if fmt.what in message and kind == f.kind:
                return fmt.message
        return type_key(f)
    if code == "PG603":
        return "err_option"
    if code == "PG608":
        return "err_national_id"
    if code == "PG607":
        return "err_min_entries" if "at least" in message else "err_max_entries"
    if code == "PG606":
        table = [("twice", "err_option_twice"),
                 ("must be at least", "err_date_min" if date else "err_min"),
                 ("must be at most", "err_date_max" if date else "err_max"),
                 ("must have at least", "err_min_items" if items else "err_min_length"),
                 ("must have at most", "err_max_items" if items else "err_max_length"),
                 ("must match the pattern", "err_pattern")]
        return next((k for text, k in table if text in message), "PG606?")
    return None  # PG610/PG611: the JSON reader refused the whole file (no field rule named)


# ---------------------------------------------------------------- OpenAPI

_VALIDATORS: dict[str, Any] = {}


def _valid(schema: dict[str, Any], value: Any) -> bool:
    text = json.dumps(schema, sort_keys=True)
    v = _VALIDATORS.get(text)
    if v is None:
        v = _VALIDATORS[text] = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    return bool(v.is_valid(value))


def _is_date(v: Any) -> bool:
    return isinstance(v, str) and _valid({"format": "date"}, v) and bool(
        re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v))


def extra_checks(prop: dict[str, Any], value: Any) -> list[str]:
    """What docs/targets/openapi.md tells a backend to check beyond 2020-12 (failing ones)."""
    out = []
    if _is_date(value):
        if "formatMinimum" in prop and value < prop["formatMinimum"]:
            out.append("formatMinimum")
        if "formatMaximum" in prop and value > prop["formatMaximum"]:
            out.append("formatMaximum")
    if isinstance(value, str) and "x-procgen-pattern" in prop and not re.fullmatch(
            prop["x-procgen-pattern"], value):
        out.append("x-procgen-pattern")
    return out


def openapi_field(f: Field, prop: dict[str, Any], value: Any) -> Verdict:
    """One answer against the field's property schema (a group's entries are not looked into)."""
    if f.kind == FieldKind.GROUP:
        prop = {**prop, "items": {"type": "object"}}
    failing: list[str] = []
    for kw, sub in prop.items():
        if kw == "items" and isinstance(sub, dict):
            failing += [f"items.{k}" for k, s in sub.items()
                        if k in ("type", "enum") and not _valid({"items": {k: s}}, value)]
        elif kw == "allOf":
            failing += [f"allOf.{k}" for part in sub for k, s in part.items()
                        if not _valid({k: s}, value)]
        elif not kw.startswith("x-") and kw not in ("title", "description", "default",
                                                    "examples", "formatMinimum",
                                                    "formatMaximum") and not _valid(
                {kw: sub}, value):
            failing.append(kw)
    failing += extra_checks(prop, value)
    accepted = _valid({k: v for k, v in prop.items()
                       if k not in ("formatMinimum", "formatMaximum")}, value) and not failing
    if not accepted and not failing:
        failing = ["(the whole schema)"]
    keys = [_keyword_key(f, prop, kw, value, failing) for kw in failing]
    if f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE) and None in keys:
        keys = []  # type and enum both refuse it: which rule failed cannot be said
    return Verdict(accepted, None if accepted else first_key(keys), ", ".join(failing))


def _keyword_key(f: Field, prop: dict[str, Any], kw: str, value: Any,
                 failing: list[str]) -> str | None:
    option_kind = f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE)
    if kw in ("type", "items.type"):
        if option_kind and ({"enum", "items.enum"} & set(failing)):
            return None  # type and enum both refuse it: which rule failed cannot be said
        return type_key(f)
    if kw in ("minimum", "maximum") and (
            abs(prop[kw]) == SAFE_INTEGER
            or (isinstance(value, int | float) and abs(value) > SAFE_INTEGER)):
        # the bound every number has (I-JSON): beyond it, the wrong type. A schema can only
        # say a bound failed; beyond ±(2^53 - 1) the author's bound fails first, and every
        # other validator names the type
        return type_key(f)
    pattern = prop.get("pattern") if kw == "pattern" else None
    fmt = FORMATS.get(f.kind)
    return {
        "enum": "err_option", "items.enum": "err_option", "uniqueItems": "err_option_twice",
        "format": fmt.message if fmt else None,
        "pattern": fmt.message if fmt and pattern == fmt.anchored else "err_pattern",
        "allOf.pattern": "err_pattern", "x-procgen-pattern": "err_pattern",
        "minimum": "err_min", "maximum": "err_max",
        "formatMinimum": "err_date_min", "formatMaximum": "err_date_max",
        "minLength": "err_min_length", "maxLength": "err_max_length",
        "minItems": "err_min_entries" if f.kind == FieldKind.GROUP else "err_min_items",
        "maxItems": "err_max_entries" if f.kind == FieldKind.GROUP else "err_max_items",
    }.get(kw)


# ---------------------------------------------------------------- mobile


def mobile_key(f: Field, c: dict[str, Any], check: str) -> str | None:
    """The key of a failing component property, when the component has a message for it."""
    messages = c.get("messages", {})
    fmt = FORMATS.get(f.kind)
    group = f.kind == FieldKind.GROUP
    if check == "shape":  # docs: the wrong shape → messages.format (numbers and dates)
        return type_key(f) if f.kind in ("integer", "number", "money", "date") else None
    if check in ("options", "options_twice"):
        return None  # a renderer offers only the options: no message says which
    key: str | None
    if check == "pattern" and fmt and c.get("pattern") == fmt.anchored:
        check, key = "format", fmt.message  # the kind's shape, carried as `pattern`
    else:
        key = {
            "format_pattern": fmt.message if fmt else None, "pattern": "err_pattern",
            "min": "err_date_min" if f.kind == "date" else "err_min",
            "max": "err_date_max" if f.kind == "date" else "err_max",
            "min_length": "err_min_length", "max_length": "err_max_length",
            "min_items": "err_min_entries" if group else "err_min_items",
            "max_items": "err_max_entries" if group else "err_max_items",
        }[check]
        check = "format" if check == "format_pattern" else check
    if check not in messages:
        return f"{key} (no messages.{check})"
    return key


NOT_SENT = object()
"""What the app sends for ``null``: nothing (docs/targets/mobile.md, "Submission")."""


def app_sends(c: dict[str, Any], value: Any) -> Any:
    """What the app checks and sends for a typed ``value``: its ``strip`` characters removed
    (docs/targets/mobile.md, "Components"); an unanswered question is left out."""
    if value is None:
        return NOT_SENT
    strip = c.get("strip")
    if not isinstance(value, str) or not isinstance(strip, str) or not strip:
        return value
    return "".join(ch for ch in value if ch not in strip)


class Checker:
    """``checker.js`` in one node process for the whole session."""

    def __init__(self, process: NodeProcess) -> None:
        self.process = process

    def fields(self, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for start in range(0, len(cases), 500):
            out += self.process.ask({"op": "fields", "cases": cases[start:start + 500]})[
                "results"]
        return out

    def form(self, doc: Path, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Per answers object as typed: the app's ``problems`` and the answers it ``sends``."""
        reply = self.process.ask({"op": "form", "doc": str(doc), "answers": answers,
                                  "today": TODAY})
        result: list[dict[str, Any]] = reply["results"]
        return result

    def api(self, spec: Path, schema: str, answers: list[dict[str, Any]]
            ) -> list[list[dict[str, Any]]]:
        reply = self.process.ask({"op": "api", "spec": str(spec), "schema": schema,
                                  "answers": answers, "today": TODAY})
        result: list[list[dict[str, Any]]] = reply["results"]
        return result


@dataclass
class Disagreements:
    """Disagreements found: per distinct (what, verdicts) signature, the fields and one example."""

    found: dict[tuple[Any, ...], tuple[list[str], str]] = field(default_factory=dict)
    examples: int = 0
    verdicts: Counter[tuple[str, bool]] = field(default_factory=Counter)
    """(validator, accepted) → examples: a run that never accepts or never refuses proves little."""

    def tell(self, validator: str, accepted: bool) -> None:
        self.verdicts[validator, accepted] += 1

    def one_sided(self) -> list[str]:
        """The validators that only accepted or only refused."""
        names = sorted({v for v, _ in self.verdicts})
        return [n for n in names if not (self.verdicts[n, True] and self.verdicts[n, False])]

    def add(self, signature: tuple[Any, ...], where: str, text: str) -> None:
        names, old = self.found.setdefault(signature, ([], text))
        if where not in names:
            names.append(where)
        if len(text) < len(old):
            self.found[signature] = (names, text)

    def report(self, limit: int = 200) -> str:
        lines = []
        for names, text in sorted(self.found.values(), key=lambda v: v[1]):
            listed = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
            lines.append(text + (f" — {len(names)} fields: {listed}" if len(names) > 1 else ""))
        tail = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
        return (f"{len(lines)} disagreement(s) in {self.examples} examples:\n"
                + "\n".join(lines[:limit]) + tail)


