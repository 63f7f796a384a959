"""Classification: one small registered rule per change kind, from a Delta to a classified Change.

Each rule has an id, the entity and operation it looks at (``added``, ``removed`` or the
modified key), the classes it assigns (from ``breaking``, ``burden+``, ``burden-``,
``editorial``), a sentence in Vietnamese and English, and a predicate. Rules for the same
entity and operation are tried in the order they are registered; the first whose predicate
holds classifies the delta. A delta no rule claims falls back to ``other-change`` (no class),
so nothing is ever dropped silently.

>>> [r.id for r in RULES if r.entity == "document" and r.op == "copies"]
['document-copies-more', 'document-copies-fewer']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from procgen.diff import wording

if TYPE_CHECKING:
    from procgen.diagnostics import Span
    from procgen.diff.structural import Delta

CLASSES = ("breaking", "burden+", "burden-", "editorial")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    entity: str
    op: str
    classes: tuple[str, ...]
    en: str
    vi: str
    applies: Callable[[Delta], bool]


@dataclass(frozen=True, slots=True)
class Change:
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
    rule_id: str, entity: str, ops: str, classes: tuple[str, ...], *, en: str, vi: str
) -> Callable[[Callable[[Delta], bool]], Callable[[Delta], bool]]:
    """Register a rule for ``entity`` and each of the space-separated ``ops``."""
    assert all(c in CLASSES for c in classes), classes

    def register(fn: Callable[[Delta], bool]) -> Callable[[Delta], bool]:
        for op in ops.split():
            r = Rule(rule_id, entity, op, classes, en, vi, fn)
            assert all(x.id != rule_id or x.op != op for x in RULES), rule_id
            RULES.append(r)
            _BY_KEY.setdefault((entity, op), []).append(r)
        return fn

    return register


def always(_: Delta) -> bool:
    return True


FALLBACK = Rule(
    "other-change", "*", "*", (), "{name}: {attr} changed from {old} to {new}",
    "{name}: {attr} đổi từ {old} thành {new}", always,
)


def classify(delta: Delta, lang: str) -> Change:
    """The first matching rule's classes and sentence for one delta."""
    op = delta.attr if delta.op == "modified" and delta.attr else delta.op
    chosen = next((r for r in _BY_KEY.get((delta.entity, op), ()) if r.applies(delta)), FALLBACK)
    message = (chosen.vi if lang == "vi" else chosen.en).format(**_args(delta, lang))
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
        added, dropped = ("thêm", "bỏ") if lang == "vi" else ("added", "removed")
        args["moves"] = "; ".join(
            [f"{added} {args['came']}"] * bool(came) + [f"{dropped} {args['gone']}"] * bool(gone)
        )
    return args


# ---------------------------------------------------------------------------------------------
# Predicates shared by several rules


def _num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _up(d: Delta) -> bool:
    return _num(d.old) and _num(d.new) and d.new > d.old


def _down(d: Delta) -> bool:
    return _num(d.old) and _num(d.new) and d.new < d.old


def _became_true(d: Delta) -> bool:
    return d.old is not True and d.new is True


def _became_false(d: Delta) -> bool:
    return d.old is True and d.new is not True


def _appeared(d: Delta) -> bool:
    return d.old is None and d.new is not None


def _vanished(d: Delta) -> bool:
    return d.old is not None and d.new is None


def _unconditional(v: Any) -> bool:
    return v.get("required") is True and v.get("when") is None


def _hours(v: Any) -> float | None:
    if not isinstance(v, dict) or not v:
        return None
    unit, amount = next(iter(v.items()))
    return float(amount) * (24 if unit == "working_days" else 1)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _literal_shift(old: Any, new: Any) -> int:
    """+1 / -1 when two expressions differ only in numbers, all moved the same way; else 0.

    >>> _literal_shift("8000 * extra_copies", "10000 * extra_copies")
    1
    >>> _literal_shift("8000 * a", "8000 * b")
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


def _widens(old: Any, new: Any) -> bool:
    """``new`` holds whenever ``old`` does, judged on the text: more ``or`` alternatives, or
    fewer ``and`` conditions.

    >>> _widens("poor", "poor or disabled"), _widens("a and b", "a"), _widens("a", "b")
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


def _tighter_limit(d: Delta) -> bool:
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


# ---------------------------------------------------------------------------------------------
# The rules, entity by entity. Order matters within one (entity, op): first match wins.

B, UP, DOWN, ED = "breaking", "burden+", "burden-", "editorial"
WORDING = "{name}: {attr} reworded from {old} to {new}"
WORDING_VI = "{name}: sửa câu chữ {attr} từ {old} thành {new}"

# procedure ------------------------------------------------------------------------------------
rule("procedure-removed", "procedure", "removed", (B,),
     en="Procedure {name} removed (its API endpoint disappears)",
     vi="Bỏ thủ tục {name} (điểm cuối API của nó không còn)")(always)
rule("procedure-added", "procedure", "added", (),
     en="New procedure {name}", vi="Thêm thủ tục mới {name}")(always)
rule("fully-online-lost", "procedure", "fully_online", (UP,),
     en="{name} is no longer fully online", vi="{name} không còn trực tuyến toàn trình")(
    lambda d: d.old is True)
rule("fully-online-gained", "procedure", "fully_online", (DOWN,),
     en="{name} is now fully online", vi="{name} nay trực tuyến toàn trình")(
    lambda d: d.new is True)
rule("procedure-wording", "procedure", "title summary agency legal_basis", (ED,),
     en=WORDING, vi=WORDING_VI)(always)
rule("procedure-revision", "procedure", "revision effective_from", (),
     en="{name}: {attr} {old} → {new}", vi="{name}: {attr} {old} → {new}")(always)
rule("procedure-metadata", "procedure", "code level sector audience", (),
     en="{name}: {attr} changed from {old} to {new}",
     vi="{name}: {attr} đổi từ {old} thành {new}")(always)

# channels -------------------------------------------------------------------------------------
rule("online-channel-removed", "channel", "removed", (B, UP),
     en="The online channel was removed: no more online applications",
     vi="Bỏ kênh trực tuyến: không thể nộp hồ sơ trực tuyến nữa")(
    lambda d: d.path[-1] == "online")
rule("channel-removed", "channel", "removed", (UP,),
     en="Channel {name} removed", vi="Bỏ kênh nộp {name}")(always)
rule("channel-added", "channel", "added", (DOWN,),
     en="New channel: {name}", vi="Thêm kênh nộp {name}")(always)
rule("processing-time-longer", "channel", "processing_time", (UP,),
     en="Processing time {name} longer: {old} → {new}",
     vi="Thời hạn giải quyết {name} dài hơn: {old} → {new}")(
    lambda d: (_hours(d.new) or 0) > (_hours(d.old) or 0))
rule("processing-time-shorter", "channel", "processing_time", (DOWN,),
     en="Processing time {name} shorter: {old} → {new}",
     vi="Thời hạn giải quyết {name} ngắn hơn: {old} → {new}")(
    lambda d: (_hours(d.new) or 0) < (_hours(d.old) or 0))
rule("processing-time-unit", "channel", "processing_time", (ED,),
     en="Processing time {name} written differently: {old} → {new}",
     vi="Thời hạn giải quyết {name} viết lại: {old} → {new}")(always)

# fields ---------------------------------------------------------------------------------------
rule("field-removed", "field", "removed", (B, DOWN),
     en="Field {name} removed", vi="Bỏ trường {name}")(always)
rule("field-added-required", "field", "added", (B, UP),
     en="New required field {name}", vi="Thêm trường bắt buộc {name}")(
    lambda d: _unconditional(d.new))
rule("field-added", "field", "added", (UP,),
     en="New field {name}", vi="Thêm trường {name}")(always)
rule("field-retyped", "field", "kind", (B,),
     en="Field {name} changed type: {old} → {new}",
     vi="Trường {name} đổi kiểu: {old} → {new}")(always)
rule("field-made-required", "field", "required", (B, UP),
     en="Field {name} is now required ({old} → {new})",
     vi="Trường {name} nay bắt buộc ({old} → {new})")(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("field-made-optional", "field", "required", (DOWN,),
     en="Field {name} is no longer always required ({old} → {new})",
     vi="Trường {name} không còn luôn bắt buộc ({old} → {new})")(
    lambda d: d.new is False or d.old is True)
rule("field-required-condition", "field", "required", (B,),
     en="Field {name}: the condition that makes it required changed: {old} → {new}",
     vi="Trường {name}: điều kiện bắt buộc thay đổi: {old} → {new}")(always)
rule("field-when-removed-required", "field", "when", (B, UP),
     en="Field {name} is now asked of everyone and required (was only when {old})",
     vi="Trường {name} nay hỏi mọi người và bắt buộc (trước chỉ khi {old})")(
    lambda d: d.new is None and d.context.get("required") is not False)
rule("field-when-removed", "field", "when", (UP,),
     en="Field {name} is now asked of everyone (was only when {old})",
     vi="Trường {name} nay hỏi mọi người (trước chỉ khi {old})")(lambda d: d.new is None)
rule("field-when-added", "field", "when", (DOWN,),
     en="Field {name} is now asked only when {new}",
     vi="Trường {name} nay chỉ hỏi khi {new}")(lambda d: d.old is None)
rule("field-when-widened-required", "field", "when", (B, UP),
     en="Field {name} is now asked (and required) in more cases: {old} → {new}",
     vi="Trường {name} nay hỏi (và bắt buộc) trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.old, d.new) and d.context.get("required") is not False)
rule("field-when-widened", "field", "when", (UP,),
     en="Field {name} is now asked in more cases: {old} → {new}",
     vi="Trường {name} nay hỏi trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.old, d.new))
rule("field-when-narrowed", "field", "when", (DOWN,),
     en="Field {name} is now asked in fewer cases: {old} → {new}",
     vi="Trường {name} nay hỏi trong ít trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.new, d.old))
rule("field-when-changed-required", "field", "when", (B,),
     en="Field {name}: when it is asked (and required) changed: {old} → {new}",
     vi="Trường {name}: điều kiện hỏi (và bắt buộc) thay đổi: {old} → {new}")(
    lambda d: d.context.get("required") is not False)
rule("field-when-changed", "field", "when", (),
     en="Field {name}: when it is asked changed: {old} → {new}",
     vi="Trường {name}: điều kiện hỏi thay đổi: {old} → {new}")(always)
rule("field-constraint-added", "field", "constraint", (B,),
     en="Field {name}: new check {new}", vi="Trường {name}: thêm điều kiện kiểm tra {new}")(
    _appeared)
rule("field-constraint-removed", "field", "constraint", (),
     en="Field {name}: check {old} removed", vi="Trường {name}: bỏ điều kiện kiểm tra {old}")(
    _vanished)
rule("field-constraint-changed", "field", "constraint", (B,),
     en="Field {name}: check changed: {old} → {new}",
     vi="Trường {name}: điều kiện kiểm tra thay đổi: {old} → {new}")(always)
rule("field-limit-tightened", "field", "min max min_length max_length", (B,),
     en="Field {name}: {attr} tightened: {old} → {new}",
     vi="Trường {name}: {attr} chặt hơn: {old} → {new}")(_tighter_limit)
rule("field-limit-relaxed", "field", "min max min_length max_length", (),
     en="Field {name}: {attr} relaxed: {old} → {new}",
     vi="Trường {name}: {attr} nới ra: {old} → {new}")(always)
rule("field-pattern-removed", "field", "pattern", (),
     en="Field {name}: pattern {old} removed",
     vi="Trường {name}: bỏ mẫu định dạng {old}")(_vanished)
rule("field-pattern-changed", "field", "pattern", (B,),
     en="Field {name}: pattern {old} → {new}",
     vi="Trường {name}: mẫu định dạng {old} → {new}")(always)
rule("field-repeat-min-raised", "field", "repeat", (B, UP),
     en="Group {name}: more entries needed: {old} → {new}",
     vi="Nhóm {name}: cần nhiều mục hơn: {old} → {new}")(
    lambda d: d.old is None or (d.new is not None and d.new["min"] > d.old["min"]))
rule("field-repeat-max-lowered", "field", "repeat", (B,),
     en="Group {name}: fewer entries allowed: {old} → {new}",
     vi="Nhóm {name}: cho phép ít mục hơn: {old} → {new}")(
    lambda d: d.new is not None and d.new["max"] is not None
    and (d.old["max"] is None or d.new["max"] < d.old["max"]))
rule("field-repeat-min-lowered", "field", "repeat", (DOWN,),
     en="Group {name}: fewer entries needed: {old} → {new}",
     vi="Nhóm {name}: cần ít mục hơn: {old} → {new}")(
    lambda d: d.new is None or (d.old is not None and d.new["min"] < d.old["min"]))
rule("field-repeat-relaxed", "field", "repeat", (),
     en="Group {name}: entries {old} → {new}", vi="Nhóm {name}: số mục {old} → {new}")(always)
rule("field-prefill-added", "field", "prefill", (DOWN,),
     en="Field {name} is now filled in from {new}", vi="Trường {name} nay được điền sẵn từ {new}")(
    _appeared)
rule("field-prefill-removed", "field", "prefill", (UP,),
     en="Field {name} is no longer filled in from {old}",
     vi="Trường {name} không còn được điền sẵn từ {old}")(_vanished)
rule("field-prefill-changed", "field", "prefill", (),
     en="Field {name}: filled in from {new} (was {old})",
     vi="Trường {name}: điền sẵn từ {new} (trước là {old})")(always)
rule("field-default-changed", "field", "default", (),
     en="Field {name}: default {old} → {new}", vi="Trường {name}: giá trị mặc định {old} → {new}")(
    always)
rule("field-wording", "field", "label hint constraint_message", (ED,),
     en=WORDING, vi=WORDING_VI)(always)
rule("option-removed", "option", "removed", (B,),
     en="Option {name} removed", vi="Bỏ lựa chọn {name}")(always)
rule("option-added", "option", "added", (),
     en="New option {name}", vi="Thêm lựa chọn {name}")(always)
rule("option-wording", "option", "label", (ED,), en=WORDING, vi=WORDING_VI)(always)

# documents ------------------------------------------------------------------------------------
rule("document-removed-optional", "document", "removed", (),
     en="Optional document {name} removed", vi="Bỏ giấy tờ không bắt buộc {name}")(
    lambda d: d.old["required"] is False)
rule("document-removed", "document", "removed", (DOWN,),
     en="Document {name} no longer needed", vi="Không còn yêu cầu giấy tờ {name}")(always)
rule("document-added-upload", "document", "added", (B, UP),
     en="New required document {name}, uploaded online",
     vi="Thêm giấy tờ bắt buộc {name}, phải tải lên khi nộp trực tuyến")(
    lambda d: _unconditional(d.new) and d.new["uploadable"])
rule("document-added-optional", "document", "added", (),
     en="New optional document {name}", vi="Thêm giấy tờ không bắt buộc {name}")(
    lambda d: d.new["required"] is False)
rule("document-added", "document", "added", (UP,),
     en="New document {name}", vi="Thêm giấy tờ {name}")(always)
rule("document-made-required-upload", "document", "required", (B, UP),
     en="Document {name} is now required ({old} → {new})",
     vi="Giấy tờ {name} nay bắt buộc ({old} → {new})")(
    lambda d: (d.old is False or (d.new is True and isinstance(d.old, str)))
    and d.context["uploadable"])
rule("document-made-required", "document", "required", (UP,),
     en="Document {name} is now required ({old} → {new})",
     vi="Giấy tờ {name} nay bắt buộc ({old} → {new})")(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("document-made-optional", "document", "required", (DOWN,),
     en="Document {name} is no longer always required ({old} → {new})",
     vi="Giấy tờ {name} không còn luôn bắt buộc ({old} → {new})")(
    lambda d: d.new is False or d.old is True)
rule("document-required-condition", "document", "required", (),
     en="Document {name}: when it is required changed: {old} → {new}",
     vi="Giấy tờ {name}: điều kiện bắt buộc thay đổi: {old} → {new}")(always)
rule("document-when-removed", "document", "when", (UP,),
     en="Document {name} is now asked of everyone (was only when {old})",
     vi="Giấy tờ {name} nay yêu cầu với mọi người (trước chỉ khi {old})")(
    lambda d: d.new is None)
rule("document-when-added", "document", "when", (DOWN,),
     en="Document {name} is now asked only when {new}",
     vi="Giấy tờ {name} nay chỉ yêu cầu khi {new}")(lambda d: d.old is None)
rule("document-when-widened", "document", "when", (UP,),
     en="Document {name} is now asked in more cases: {old} → {new}",
     vi="Giấy tờ {name} nay yêu cầu trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.old, d.new))
rule("document-when-narrowed", "document", "when", (DOWN,),
     en="Document {name} is now asked in fewer cases: {old} → {new}",
     vi="Giấy tờ {name} nay yêu cầu trong ít trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.new, d.old))
rule("document-when-changed", "document", "when", (),
     en="Document {name}: when it is asked changed: {old} → {new}",
     vi="Giấy tờ {name}: điều kiện yêu cầu thay đổi: {old} → {new}")(always)
for _what, _vi in (("originals", "bản chính"), ("copies", "bản sao")):
    rule(f"document-{_what}-more", "document", _what, (UP,),
         en=f"Document {{name}}: more {_what}: {{old}} → {{new}}",
         vi=f"Giấy tờ {{name}}: thêm {_vi}: {{old}} → {{new}}")(_up)
    rule(f"document-{_what}-fewer", "document", _what, (DOWN,),
         en=f"Document {{name}}: fewer {_what}: {{old}} → {{new}}",
         vi=f"Giấy tờ {{name}}: bớt {_vi}: {{old}} → {{new}}")(_down)
rule("document-now-filed", "document", "present_only", (UP,),
     en="Document {name} must now be filed, not only shown",
     vi="Giấy tờ {name} nay phải nộp, không chỉ xuất trình")(lambda d: d.new is False)
rule("document-now-shown-only", "document", "present_only", (DOWN,),
     en="Document {name} is now only shown, not filed",
     vi="Giấy tờ {name} nay chỉ cần xuất trình, không phải nộp")(always)
rule("document-held-by-state", "document", "held_by_state", (DOWN,),
     en="Document {name} is no longer asked for: the state holds it in {new}",
     vi="Không còn yêu cầu giấy tờ {name}: Nhà nước đã có trong {new}")(_appeared)
rule("document-no-longer-held-upload", "document", "held_by_state", (B, UP),
     en="Document {name} must now be provided and uploaded (no longer taken from {old})",
     vi="Giấy tờ {name} nay phải nộp và tải lên (không còn lấy từ {old})")(
    lambda d: d.new is None and d.context["uploadable"] and _unconditional(d.context))
rule("document-no-longer-held", "document", "held_by_state", (UP,),
     en="Document {name} must now be provided (no longer taken from {old})",
     vi="Giấy tờ {name} nay phải nộp (không còn lấy từ {old})")(_vanished)
rule("document-held-elsewhere", "document", "held_by_state", (),
     en="Document {name}: now taken from {new} (was {old})",
     vi="Giấy tờ {name}: nay lấy từ {new} (trước là {old})")(always)
rule("document-generated-from-form", "document", "generated_from_form", (DOWN,),
     en="Document {name} is now made from the online form",
     vi="Giấy tờ {name} nay được tạo từ tờ khai trực tuyến")(lambda d: d.new is True)
rule("document-no-longer-generated", "document", "generated_from_form", (UP,),
     en="Document {name} is no longer made from the online form: it must be provided",
     vi="Giấy tờ {name} không còn được tạo từ tờ khai trực tuyến: phải tự nộp")(always)
rule("document-accept-narrowed", "document", "accept", (B,),
     en="Document {name}: file types no longer accepted: {gone}",
     vi="Giấy tờ {name}: không còn nhận định dạng {gone}")(
    lambda d: bool(set(d.old) - set(d.new)))
rule("document-accept-widened", "document", "accept", (),
     en="Document {name}: file types now accepted: {came}",
     vi="Giấy tờ {name}: nay nhận thêm định dạng {came}")(always)
rule("document-max-size-lowered", "document", "max_size_mb", (B,),
     en="Document {name}: largest file lowered: {old} → {new}",
     vi="Giấy tờ {name}: dung lượng tệp tối đa giảm: {old} → {new}")(
    lambda d: d.new is not None and (d.old is None or d.new < d.old))
rule("document-max-size-raised", "document", "max_size_mb", (),
     en="Document {name}: largest file raised: {old} → {new}",
     vi="Giấy tờ {name}: dung lượng tệp tối đa tăng: {old} → {new}")(always)
rule("document-wording", "document", "title hint template", (ED,),
     en=WORDING, vi=WORDING_VI)(always)

# fees -----------------------------------------------------------------------------------------
rule("fee-added", "fee", "added", (UP,),
     en="New fee {name}", vi="Thêm khoản thu {name}")(always)
rule("fee-removed", "fee", "removed", (DOWN,),
     en="Fee {name} removed", vi="Bỏ khoản thu {name}")(always)
rule("fee-raised", "fee", "amount", (UP,),
     en="Fee {name} raised: {old} → {new}", vi="Khoản thu {name} tăng: {old} → {new}")(
    lambda d: _up(d) or _literal_shift(d.old, d.new) > 0)
rule("fee-lowered", "fee", "amount", (DOWN,),
     en="Fee {name} lowered: {old} → {new}", vi="Khoản thu {name} giảm: {old} → {new}")(
    lambda d: _down(d) or _literal_shift(d.old, d.new) < 0)
rule("fee-amount-changed", "fee", "amount", (),
     en="Fee {name}: amount changed: {old} → {new}",
     vi="Khoản thu {name}: cách tính thay đổi: {old} → {new}")(always)
rule("fee-set-by-locality", "fee", "set_by_locality", (),
     en="Fee {name}: set by each locality: {old} → {new}",
     vi="Khoản thu {name}: do địa phương quy định: {old} → {new}")(always)
rule("fee-range-raised", "fee", "range", (UP,),
     en="Fee {name}: national range raised: {old} → {new}",
     vi="Khoản thu {name}: khung mức thu tăng: {old} → {new}")(
    lambda d: d.old is not None and d.new is not None and d.new != d.old
    and d.new["min"] >= d.old["min"] and d.new["max"] >= d.old["max"])
rule("fee-range-lowered", "fee", "range", (DOWN,),
     en="Fee {name}: national range lowered: {old} → {new}",
     vi="Khoản thu {name}: khung mức thu giảm: {old} → {new}")(
    lambda d: d.old is not None and d.new is not None
    and d.new["min"] <= d.old["min"] and d.new["max"] <= d.old["max"])
rule("fee-range-changed", "fee", "range", (),
     en="Fee {name}: national range {old} → {new}",
     vi="Khoản thu {name}: khung mức thu {old} → {new}")(always)
rule("fee-channels-widened", "fee", "channels", (UP,),
     en="Fee {name} now also charged for: {came}",
     vi="Khoản thu {name} nay thu thêm với kênh: {came}")(
    lambda d: bool(set(d.new) - set(d.old)))
rule("fee-channels-narrowed", "fee", "channels", (DOWN,),
     en="Fee {name} no longer charged for: {gone}",
     vi="Khoản thu {name} không còn thu với kênh: {gone}")(always)
rule("fee-when-removed", "fee", "when", (UP,),
     en="Fee {name} is now charged to everyone (was only when {old})",
     vi="Khoản thu {name} nay thu với mọi người (trước chỉ khi {old})")(
    lambda d: d.new is None)
rule("fee-when-added", "fee", "when", (DOWN,),
     en="Fee {name} is now charged only when {new}",
     vi="Khoản thu {name} nay chỉ thu khi {new}")(lambda d: d.old is None)
rule("fee-when-widened", "fee", "when", (UP,),
     en="Fee {name} is now charged in more cases: {old} → {new}",
     vi="Khoản thu {name} nay thu trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.old, d.new))
rule("fee-when-narrowed", "fee", "when", (DOWN,),
     en="Fee {name} is now charged in fewer cases: {old} → {new}",
     vi="Khoản thu {name} nay thu trong ít trường hợp hơn: {old} → {new}")(
    lambda d: _widens(d.new, d.old))
rule("fee-when-changed", "fee", "when", (),
     en="Fee {name}: when it is charged changed: {old} → {new}",
     vi="Khoản thu {name}: điều kiện thu thay đổi: {old} → {new}")(always)
rule("fee-validity", "fee", "valid_from valid_until", (),
     en="Fee {name}: {attr} {old} → {new}", vi="Khoản thu {name}: {attr} {old} → {new}")(
    always)
rule("fee-wording", "fee", "label", (ED,), en=WORDING, vi=WORDING_VI)(always)
rule("exemption-removed", "exemption", "removed", (UP,),
     en="Fee {fee}: exemption “{name}” removed", vi="Phí {fee}: bỏ miễn, giảm “{name}”")(always)
rule("exemption-added", "exemption", "added", (DOWN,),
     en="Fee {fee}: new exemption “{name}”", vi="Phí {fee}: thêm miễn, giảm “{name}”")(always)
rule("exemption-widened", "exemption", "when", (DOWN,),
     en="Fee {fee}: exemption “{name}” now covers more people: {old} → {new}",
     vi="Phí {fee}: miễn, giảm “{name}” nay áp dụng rộng hơn: {old} → {new}")(
    lambda d: _widens(d.old, d.new))
rule("exemption-narrowed", "exemption", "when", (UP,),
     en="Fee {fee}: exemption “{name}” now covers fewer people: {old} → {new}",
     vi="Phí {fee}: miễn, giảm “{name}” nay áp dụng hẹp hơn: {old} → {new}")(
    lambda d: _widens(d.new, d.old))
rule("exemption-condition-changed", "exemption", "when", (),
     en="Fee {fee}: exemption “{name}” applies when {new} (was {old})",
     vi="Phí {fee}: miễn, giảm “{name}” áp dụng khi {new} (trước là {old})")(always)
rule("exemption-wording", "exemption", "label", (ED,),
     en="Fee {fee}: exemption reworded: {old} → {new}",
     vi="Phí {fee}: sửa câu chữ miễn, giảm: {old} → {new}")(always)
rule("locality-fee-raised", "locality_fee", "amount", (UP,),
     en="Fee {fee} in {name} raised: {old} → {new}",
     vi="Khoản thu {fee} tại {name} tăng: {old} → {new}")(_up)
rule("locality-fee-lowered", "locality_fee", "amount", (DOWN,),
     en="Fee {fee} in {name} lowered: {old} → {new}",
     vi="Khoản thu {fee} tại {name} giảm: {old} → {new}")(always)
rule("locality-fee-added", "locality_fee", "added", (UP,),
     en="Fee {fee} now charged in {name}", vi="Khoản thu {fee} nay thu tại {name}")(always)
rule("locality-fee-removed", "locality_fee", "removed", (DOWN,),
     en="Fee {fee} no longer set in {name}", vi="Khoản thu {fee} không còn quy định tại {name}")(
    always)

# steps and outputs ----------------------------------------------------------------------------
rule("visit-added", "step", "added", (UP,),
     en="New step {name} needing a visit in person",
     vi="Thêm bước {name} phải đến trực tiếp")(lambda d: d.new["presence"] == "required")
rule("step-added", "step", "added", (UP,),
     en="New step {name}", vi="Thêm bước {name}")(always)
rule("step-removed", "step", "removed", (DOWN,),
     en="Step {name} removed", vi="Bỏ bước {name}")(always)
rule("visit-required", "step", "presence", (UP,),
     en="Step {name} now needs a visit in person", vi="Bước {name} nay phải đến trực tiếp")(
    lambda d: d.new == "required")
rule("visit-dropped", "step", "presence", (DOWN,),
     en="Step {name} no longer needs a visit in person",
     vi="Bước {name} không còn phải đến trực tiếp")(lambda d: d.old == "required")
rule("step-presence-changed", "step", "presence", (),
     en="Step {name}: presence {old} → {new}", vi="Bước {name}: có mặt {old} → {new}")(always)
rule("step-longer", "step", "duration", (UP,),
     en="Step {name} takes longer: {old} → {new}", vi="Bước {name} lâu hơn: {old} → {new}")(
    lambda d: (_hours(d.new) or 0) > (_hours(d.old) or 0) and d.old is not None)
rule("step-shorter", "step", "duration", (DOWN,),
     en="Step {name} is quicker: {old} → {new}", vi="Bước {name} nhanh hơn: {old} → {new}")(
    lambda d: (_hours(d.new) or 0) < (_hours(d.old) or 0) and d.new is not None)
rule("step-duration-changed", "step", "duration", (),
     en="Step {name}: duration {old} → {new}", vi="Bước {name}: thời gian {old} → {new}")(always)
rule("step-actor", "step", "actor", (),
     en="Step {name}: done by {new} (was {old})",
     vi="Bước {name}: do {new} thực hiện (trước là {old})")(always)
rule("step-reordered", "step", "fields documents outputs", (ED,),
     en="Step {name}: {attr} reordered: {old} → {new}",
     vi="Bước {name}: sắp xếp lại {attr}: {old} → {new}")(
    lambda d: sorted(d.old) == sorted(d.new))
rule("step-layout", "step", "fields documents outputs", (),
     en="Step {name}: {attr} {moves}", vi="Bước {name}: {attr} {moves}")(always)
rule("step-wording", "step", "title description", (ED,), en=WORDING, vi=WORDING_VI)(always)
rule("output-added", "output", "added", (),
     en="New result {name}", vi="Thêm kết quả {name}")(always)
rule("output-removed", "output", "removed", (),
     en="Result {name} removed", vi="Bỏ kết quả {name}")(always)
rule("output-electronic", "output", "electronic", (DOWN,),
     en="Result {name} is now issued electronically",
     vi="Kết quả {name} nay được cấp bản điện tử")(lambda d: d.new is True)
rule("output-not-electronic", "output", "electronic", (UP,),
     en="Result {name} is no longer issued electronically",
     vi="Kết quả {name} không còn được cấp bản điện tử")(always)
rule("output-wording", "output", "title", (ED,), en=WORDING, vi=WORDING_VI)(always)


def rules_table() -> str:
    """The rules as a markdown table, for ``docs/review.md`` (a test keeps the two equal)."""
    rows = ["| rule | looks at | classes | says (en) |", "| --- | --- | --- | --- |"]
    seen: dict[str, list[Rule]] = {}
    for r in RULES:
        seen.setdefault(r.id, []).append(r)
    for rid, rs in seen.items():
        ops = " ".join(x.op for x in rs)
        classes = ", ".join(rs[0].classes) or "—"
        says = rs[0].en.replace("|", "\\|")
        rows.append(f"| `{rid}` | {rs[0].entity}: {ops} | {classes} | {says} |")
    return "\n".join(rows) + "\n"
