"""SARIF 2.1.0 for code-scanning services: each change a result of its diff rule.

The log is :mod:`procgen.diagnostics.render.sarif`'s (the same envelope, rule descriptors and
locations as ``validate --format sarif``), filled with the diff's findings in its language:

- a **rule** per rule id that occurs (``field-removed``, ``fee-raised``… and
  ``revision-not-bumped``): its sentence with ``…`` for the names, what a reviewer does about
  its classes, ``docs/review.md`` as help, and its classes as tags;
- a **result** per change: the level from its classes (``breaking`` → ``error``, ``burden+``
  → ``warning``, anything else → ``note``), its message, where it is in the revision (for a
  removal, the procedure it was removed from; a removed procedure has no place in the revision),
  its procedure and path as a logical location, the change's fingerprint as the partial
  fingerprint (so a service recognises a change across pushes), and the JSON format's
  ``procedure``, ``path``, ``classes``, ``old``, ``new`` and ``base`` as properties;
- a ``revision-not-bumped`` warning per procedure whose revision did not go up.

Checked against the official schema by ``tests/diff/test_sarif.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from procgen.diagnostics.render.sarif import descriptor, location, log
from procgen.diff.rules import FALLBACK, RULES, Rule
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.diff import DiffResult
    from procgen.diff.rules import Change

REVIEW = "https://github.com/procgen/procgen/blob/main/docs/review.md"
FINGERPRINT = "procgenChange/v1"
"""The partial fingerprint's name: a change's :attr:`~procgen.diff.rules.Change.fingerprint`."""

ACTIONS = {"breaking": "diff_sarif_breaking", "burden+": "diff_sarif_more_burden",
           "burden-": "diff_sarif_less_burden", "editorial": "diff_sarif_editorial"}
"""Class → the catalogue's words on what a reviewer does about it."""

REVISION = "revision-not-bumped"


def level(classes: tuple[str, ...]) -> str:
    """The SARIF level of a change of ``classes``.

    >>> level(("breaking", "burden+")), level(("burden+",)), level(("editorial",)), level(())
    ('error', 'warning', 'note', 'note')
    """
    if "breaking" in classes:
        return "error"
    return "warning" if "burden+" in classes else "note"


def render_sarif(result: DiffResult) -> str:
    lang = result.lang
    places = {s.procedure: s.span for s in result.summaries}
    by_id: dict[str, Rule] = {}
    for r in (*RULES, FALLBACK):
        by_id.setdefault(r.id, r)
    ids = sorted({c.rule for c in result.changes})
    rules = [_rule(by_id[i], lang) for i in ids]
    if result.warnings:
        ids.append(REVISION)
        rules.append(descriptor(REVISION, REVISION, say("diff_sarif_revision", lang),
                                say("diff_sarif_revision_fix", lang),
                                f"{REVIEW}#revision-bumps", "warning"))
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    results = [_change(c, index[c.rule], places.get(c.procedure)) for c in result.changes]
    for w in result.warnings:
        found: dict[str, Any] = {"ruleId": REVISION, "ruleIndex": index[REVISION],
                                 "level": "warning", "message": {"text": w.message},
                                 "locations": [_place(w.span, w.procedure, "")]}
        results.append(found)
    return log(rules, results, lang=lang, information=REVIEW) + "\n"


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    summary = re.sub(r"\{\w+\}", "…", rule.sentence(lang))
    actions = " ".join(say(ACTIONS[k], lang) for k in rule.classes)
    return descriptor(rule.id, rule.id, summary, actions or say("diff_sarif_unclassed", lang),
                      f"{REVIEW}#the-rules", level(rule.classes), rule.classes)


def _change(c: Change, index: int, procedure: Span | None) -> dict[str, Any]:
    facts = c.as_json()
    return {
        "ruleId": c.rule,
        "ruleIndex": index,
        "level": level(c.classes),
        "message": {"text": c.message},
        "locations": [_place(c.revision_span or procedure, c.procedure, c.path)],
        "partialFingerprints": {FINGERPRINT: c.fingerprint},
        "properties": {k: facts[k] for k in ("procedure", "path", "classes", "old", "new",
                                             "base")},
    }


def _place(span: Span | None, procedure: str, path: str) -> dict[str, Any]:
    """A result's location: the span, if any, and the procedure and path as a logical one."""
    place = location(span) if span is not None else {}
    name = path.rsplit(".", 1)[-1] if path else procedure
    place["logicalLocations"] = [{
        "name": name,
        "fullyQualifiedName": f"{procedure}.{path}" if path else procedure,
        "kind": "member" if path else "module",
    }]
    return place
