"""Classification: one small registered rule per change kind, from a Delta to a classified Change.

The rules themselves live in :mod:`procgen.diff.catalogue`. Each rule has an id, the entity
and operation it looks at (``added``, ``removed`` or the modified key), the classes it assigns
(from ``breaking``, ``burden+``, ``burden-``, ``editorial``), the wording catalogue's key of
its sentence (Vietnamese and English, :mod:`procgen.wording.catalogue`), and a predicate.
Rules for the same entity and operation are tried in the order they are registered; the first
whose predicate holds classifies the delta. A delta no rule claims falls back to
``other-change`` (no class), so nothing is ever dropped silently.

>>> [r.id for r in RULES if r.entity == "document" and r.op == "copies"]
['document-copies-more', 'document-copies-fewer']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from procgen.diff import wording
from procgen.wording import TEXTS, say

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.diff.structural import Delta

CLASSES = ("breaking", "burden+", "burden-", "editorial")


class Rule(Struct, frozen=True):
    id: str
    entity: str
    op: str
    classes: tuple[str, ...]
    says: str
    """The wording catalogue's key of what the rule says (``diff_rule_<id>`` unless given)."""
    applies: Callable[[Delta], bool]

    def sentence(self, lang: str) -> str:
        """What the rule says in ``lang``, its ``{placeholders}`` not filled."""
        return say(self.says, lang)


class Change(Struct, frozen=True):
    """A classified change: what a reviewer sees."""

    rule: str
    procedure: str
    path: str
    classes: tuple[str, ...]
    message: str
    old: Any
    new: Any
    fingerprint: str
    base_span: Span | None
    revision_span: Span | None

    def as_json(self) -> dict[str, Any]:
        def span(s: Span | None) -> dict[str, Any] | None:
            return None if s is None else {"file": s.file, "line": s.line, "col": s.col}

        return {
            "procedure": self.procedure,
            "classes": list(self.classes),
            "path": self.path,
            "message": self.message,
            "old": self.old,
            "new": self.new,
            "rule": self.rule,
            "fingerprint": self.fingerprint,
            "base": span(self.base_span),
            "revision": span(self.revision_span),
        }


RULES: list[Rule] = []
_BY_KEY: dict[tuple[str, str], list[Rule]] = {}


def rule(
    rule_id: str, entity: str, ops: str, classes: tuple[str, ...], *, says: str | None = None
) -> Callable[[Callable[[Delta], bool]], Callable[[Delta], bool]]:
    """Register a rule for ``entity`` and each of the space-separated ``ops``; it says the
    catalogue's ``says`` (default :func:`says_key` of its id)."""
    assert all(c in CLASSES for c in classes), classes
    key = says or says_key(rule_id)
    assert key in TEXTS, f"{rule_id}: no text {key!r} in the wording catalogue"

    def register(fn: Callable[[Delta], bool]) -> Callable[[Delta], bool]:
        for op in ops.split():
            r = Rule(rule_id, entity, op, classes, key, fn)
            assert all(x.id != rule_id or x.op != op for x in RULES), rule_id
            RULES.append(r)
            _BY_KEY.setdefault((entity, op), []).append(r)
        return fn

    return register


def says_key(rule_id: str) -> str:
    """The wording catalogue's key of a rule's sentence: ``diff_rule_`` and its id.

    >>> says_key("document-copies-more")
    'diff_rule_document_copies_more'
    """
    return "diff_rule_" + rule_id.replace("-", "_")


def always(_: Delta) -> bool:
    return True


FALLBACK = Rule("other-change", "*", "*", (), says_key("other-change"), always)


def classify(delta: Delta, lang: str) -> Change:
    """The first matching rule's classes and sentence for one delta."""
    op = delta.attr if delta.op == "modified" and delta.attr else delta.op
    chosen = next((r for r in _BY_KEY.get((delta.entity, op), ()) if r.applies(delta)), FALLBACK)
    message = say(chosen.says, lang, **_args(delta, lang))
    return Change(
        chosen.id, delta.procedure, delta.dotted, chosen.classes, message, delta.old, delta.new,
        fingerprint(chosen.id, delta), delta.base_span, delta.revision_span,
    )


def fingerprint(rule_id: str, delta: Delta) -> str:
    """Stable across line moves and rewording: a hash of rule, procedure, path and values."""
    blob = json.dumps([rule_id, delta.procedure, delta.dotted, delta.old, delta.new],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _args(d: Delta, lang: str) -> dict[str, str]:
    ident = d.path[-2] if d.op == "modified" and len(d.path) >= 2 else (
        d.path[-1] if d.path else d.procedure
    )
    if d.entity == "channel":
        label = wording.channel(ident, lang)
    elif d.entity == "procedure":
        label = wording.pick(d.name, lang) or d.procedure
        ident = d.procedure
    else:
        label = wording.pick(d.name, lang) or ident
    attr = d.attr or ""
    old, new = d.old, d.new
    args = {
        "name": f"{label} (`{ident}`)" if d.entity not in {"channel", "exemption"} else label,
        "attr": wording.attribute(attr, lang),
        "old": wording.show(old, lang, attr=attr),
        "new": wording.show(new, lang, attr=attr),
        "fee": f"`{d.path[1]}`" if len(d.path) > 1 else "",
        "moves": "",
    }
    if isinstance(old, list) and isinstance(new, list):
        gone = sorted(set(map(str, old)) - set(map(str, new)))
        came = sorted(set(map(str, new)) - set(map(str, old)))
        if attr == "channels":
            args["gone"] = ", ".join(wording.channel(c, lang) for c in gone)
            args["came"] = ", ".join(wording.channel(c, lang) for c in came)
        else:
            args["gone"] = wording.show(gone, lang)
            args["came"] = wording.show(came, lang)
        args["moves"] = "; ".join(
            [say("diff_moves_added", lang, items=args["came"])] * bool(came)
            + [say("diff_moves_removed", lang, items=args["gone"])] * bool(gone)
        )
    return args


# ---------------------------------------------------------------------------------------------
# Predicates shared by several rules


def _num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def went_up(d: Delta) -> bool:
    return _num(d.old) and _num(d.new) and d.new > d.old


def went_down(d: Delta) -> bool:
    return _num(d.old) and _num(d.new) and d.new < d.old


def appeared(d: Delta) -> bool:
    return d.old is None and d.new is not None


def vanished(d: Delta) -> bool:
    return d.old is not None and d.new is None


def unconditional(v: Any) -> bool:
    return v.get("required") is True and v.get("when") is None


def in_hours(v: Any) -> float | None:
    if not isinstance(v, dict) or not v:
        return None
    from procgen.model.ir import Duration

    return Duration.of(v).hours


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def literal_shift(old: Any, new: Any) -> int:
    """+1 / -1 when two expressions differ only in numbers, all moved the same way; else 0.

    >>> literal_shift("8000 * extra_copies", "10000 * extra_copies")
    1
    >>> literal_shift("8000 * a", "8000 * b")
    0
    """
    if not isinstance(old, str) or not isinstance(new, str):
        return 0
    if _NUMBER.split(old) != _NUMBER.split(new):
        return 0
    pairs = [(float(a), float(b)) for a, b in zip(_NUMBER.findall(old), _NUMBER.findall(new),
                                                   strict=True) if a != b]
    if pairs and all(b > a for a, b in pairs):
        return 1
    if pairs and all(b < a for a, b in pairs):
        return -1
    return 0


def widens(old: Any, new: Any) -> bool:
    """``new`` holds whenever ``old`` does, judged on the text: more ``or`` alternatives, or
    fewer ``and`` conditions.

    >>> widens("poor", "poor or disabled"), widens("a and b", "a"), widens("a", "b")
    (True, True, False)
    """
    if not isinstance(old, str) or not isinstance(new, str) or old == new:
        return False
    threshold = _threshold_shift(old, new)
    if threshold:
        return threshold > 0
    if " and " not in old + new:
        return set(old.split(" or ")) < set(new.split(" or "))
    if " or " not in old + new:
        return set(new.split(" and ")) < set(old.split(" and "))
    return False


def _threshold_shift(old: str, new: str) -> int:
    """+1 when only one number moved and that lets more answers through (``x > 60`` →
    ``x > 30``), -1 when fewer, 0 when it cannot tell.

    >>> _threshold_shift("age > 60", "age > 30"), _threshold_shift("n <= 2", "n <= 1")
    (1, -1)
    """
    parts = _NUMBER.split(old)
    if parts != _NUMBER.split(new):
        return 0
    moved = [(i, float(a), float(b)) for i, (a, b) in
             enumerate(zip(_NUMBER.findall(old), _NUMBER.findall(new), strict=True)) if a != b]
    if len(moved) != 1:
        return 0
    i, a, b = moved[0]
    before = parts[i].rstrip()
    if before.endswith((">", ">=")):
        return 1 if b < a else -1
    if before.endswith(("<", "<=")):
        return 1 if b > a else -1
    return 0


def tighter_limit(d: Delta) -> bool:
    """A new limit, or a lower bound raised / an upper bound lowered, or incomparable values."""
    if d.new is None:
        return False
    if d.old is None:
        return True
    try:
        raised = d.new > d.old
    except TypeError:
        return True
    return raised if d.attr in {"min", "min_length"} else not raised


def rules_table() -> str:
    """The rules as a markdown table, for ``docs/review.md`` (a test keeps the two equal)."""
    rows = ["| rule | looks at | classes | says (en) |", "| --- | --- | --- | --- |"]
    seen: dict[str, list[Rule]] = {}
    for r in RULES:
        seen.setdefault(r.id, []).append(r)
    for rid, rs in seen.items():
        ops = " ".join(x.op for x in rs)
        classes = ", ".join(rs[0].classes) or "—"
        says = rs[0].sentence("en").replace("|", "\\|")
        rows.append(f"| `{rid}` | {rs[0].entity}: {ops} | {classes} | {says} |")
    return "\n".join(rows) + "\n"
