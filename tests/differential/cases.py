"""Every field of every built procedure, with its artifacts and answers that make it asked.

A :class:`FieldCase` is one field (top level, or inside a group) with its property schema from
``openapi/<id>.yaml`` ($refs resolved), its component from ``mobile/<id>.json``, its
``x-procgen-rules`` constraint, and a *context*: answers to the other questions under which
``procgen quote`` asks it (its ``when`` and its group's hold), found by trying well-formed
answers to the fields its conditions read. Fields whose definitions are the same in every
artifact (the applicant block in 25 procedures…) are tested once; :attr:`FieldCase.also`
names the others.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

from tests.differential.harness import (
    Project,
    answers_schema_name,
    input_components,
    quote_run,
    resolve,
)
from tests.differential.values import valid_values

from procgen.model.ir import Field, FieldId, Procedure

_TEXT_KEYS = {"title", "description", "x-procgen-i18n", "x-procgen-options", "label", "hint",
              "note", "id", "field", "visible_when", "required", "prefill", "x-procgen-prefill",
              "message"}


def _strip(node: Any) -> Any:
    """An artifact without its texts, ids and conditions (what does not judge an answer)."""
    if isinstance(node, dict):
        out = {k: _strip(v) for k, v in node.items() if k not in _TEXT_KEYS}
        if "messages" in node and isinstance(node["messages"], dict):
            out["messages"] = sorted(node["messages"])
        return out
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


@dataclasses.dataclass
class FieldCase:
    project: Project
    procedure: Procedure
    field: Field
    group: Field | None
    prop: dict[str, Any]
    component: dict[str, Any]
    rule: dict[str, Any] | None
    top: dict[str, Any] = dataclasses.field(default_factory=dict)
    row: dict[str, Any] = dataclasses.field(default_factory=dict)
    also: list[str] = dataclasses.field(default_factory=list)

    @property
    def name(self) -> str:
        inner = f"{self.group.id}[].{self.field.id}" if self.group else self.field.id
        return f"{self.procedure.id}:{inner}"

    @property
    def path(self) -> tuple[Any, ...]:
        return (self.group.id, 0, self.field.id) if self.group else (self.field.id,)

    def raw(self, value: Any) -> dict[str, Any]:
        """The answers object quote is given: the context, and this answer."""
        if self.group is None:
            return {**self.top, self.field.id: value}
        return {**self.top, self.group.id: [{**self.row, self.field.id: value}]}

    def signature(self) -> str:
        f = self.field
        facts = (f.kind, f.min, f.max, f.min_length, f.max_length, f.pattern,
                 [(type(o.value).__name__, o.value) for o in f.options],
                 (f.repeat.min, f.repeat.max), f.constraint.source if f.constraint else None)
        return json.dumps([facts, _strip(self.prop), _strip(self.component),
                           _strip(self.rule)], sort_keys=True, default=str)


def field_cases(project: Project) -> list[FieldCase]:
    """One case per distinct field definition of ``project``, each asked in its context."""
    by_signature: dict[str, FieldCase] = {}
    for p in project.portal.procedures:
        spec = project.spec(p.id)
        schema = resolve(spec["components"]["schemas"][answers_schema_name(spec)], spec)
        rules = schema.get("x-procgen-rules", [])
        components = {c["field"]: c for c in input_components(project.mobile(p.id))}
        for f in p.asked_fields or p.fields:
            for child, group in [(f, None), *((c, f) for c in f.children)]:
                if group is None:
                    prop, comp = schema["properties"][child.id], components[child.id]
                else:
                    prop = schema["properties"][group.id]["items"]["properties"][child.id]
                    comp = next(c for c in components[group.id]["components"]
                                if c["field"] == child.id)
                rule = next((r for r in rules if r.get("field") == child.id
                             and r.get("group") == (group.id if group else None)
                             and r["kind"] == "constraint"), None)
                case = FieldCase(project, p, child, group, prop, comp, rule)
                known = by_signature.get(case.signature())
                if known is not None:
                    known.also.append(case.name)
                    continue
                asked_in(case)
                by_signature[case.signature()] = case
    return list(by_signature.values())


def _vars(logic: Any) -> set[str]:
    """The ``var`` names a JSON Logic rule reads."""
    if isinstance(logic, dict):
        out = set()
        for op, arg in logic.items():
            if op == "var":
                name = arg[0] if isinstance(arg, list) else arg
                out.add(str(name))
            else:
                out |= _vars(arg)
        return out
    if isinstance(logic, list):
        return set().union(*map(_vars, logic)) if logic else set()
    return set()


def asked_in(case: FieldCase) -> None:
    """Find answers to the fields the conditions read under which quote asks ``case``."""
    p = case.procedure
    by_id = {f.id: f for f in p.asked_fields or p.fields}
    doc = {c["field"]: c for c in input_components(case.project.mobile(p.id))}
    rows = {c.id: c for c in case.group.children} if case.group else {}
    comps = [doc[case.group.id]] if case.group else []
    comps.append(case.component)
    names: set[str] = set()
    todo = [c.get("visible_when", True) for c in comps]
    while todo:  # conditions, and the conditions of the fields they read
        for v in _vars(todo.pop()):
            if v in names or v == "today":
                continue
            names.add(v)
            scope, fid = v.split(".", 1)
            if scope == "answers" and fid in doc:
                todo.append(doc[fid].get("visible_when", True))
    choices = []
    for v in sorted(names):
        scope, fid = v.split(".", 1)
        f = (rows if scope == "row" else by_id).get(FieldId(fid))
        if f is not None and f.id != case.field.id:
            choices.append([(scope, fid, x) for x in valid_values(f)])
    probe = valid_values(case.field)[0]
    for combo in itertools.islice(itertools.product(*choices), 3000):
        case.top = {fid: x for scope, fid, x in combo if scope == "answers"}
        case.row = {fid: x for scope, fid, x in combo if scope == "row"}
        diags, _ = quote_run(p, case.raw(probe))
        hidden = {case.path, case.path[:1]}
        if not any(code == "PG609" and path in hidden for code, _, path, _ in diags):
            return
    raise AssertionError(f"{case.name}: no context found under which quote asks it")
