"""Schema: check loaded YAML against the JSON Schemas in ``schemas/``, as located diagnostics.

Every violation is reported, one diagnostic per problem: ``anyOf`` noise is collapsed to the
branch that fits best, each keyword is rephrased in plain language, and each diagnostic points
at the offending key (missing and unknown keys) or value.

One validator does both jobs: jsonschema-rs (compiled, draft 2020-12) answers "valid" and, for
a file that is not, lists its errors; :class:`Problem` gives each the keyword, subschema and
paths the reporting below reads. (python-jsonschema, which explained errors before, cost a
broken file's ``validate`` ~50 ms of imports alone; it stays in the tests as an independent
oracle.)
"""

from __future__ import annotations

import copy
import json
import pathlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from procgen.diagnostics import DiagnosticSink, Phrase, Span, Words, closest, did_you_mean, said
from procgen.source.limits import WINDOWS_DEVICE_NAMES, windows_name_problem
from procgen.source.loader import describe

if TYPE_CHECKING:
    from procgen.source import Document, Path

Kind = Literal["procedure", "settings", "block", "list", "locality"]
SUPPORTED_VERSION = 1
_SCHEMAS = pathlib.Path(__file__).parent.parent / "_schemas"
"""The package's copy of ``schemas/`` (a plain folder: procgen is never imported from a zip)."""


@cache
def schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema for one kind of file."""
    text = (_SCHEMAS / f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(kind: Kind) -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(schema(kind))


_KEYWORDS = {
    "AdditionalProperties": "additionalProperties", "AnyOf": "anyOf", "Constant": "const",
    "Enum": "enum", "ExclusiveMaximum": "exclusiveMaximum",
    "ExclusiveMinimum": "exclusiveMinimum", "FalseSchema": "false", "Format": "format",
    "MaxItems": "maxItems", "MaxLength": "maxLength", "MaxProperties": "maxProperties",
    "Maximum": "maximum", "MinItems": "minItems", "MinLength": "minLength",
    "MinProperties": "minProperties", "Minimum": "minimum", "MultipleOf": "multipleOf",
    "Not": "not", "OneOfMultipleValid": "oneOf", "OneOfNotValid": "oneOf", "Pattern": "pattern",
    "Required": "required", "Type": "type", "UnevaluatedProperties": "unevaluatedProperties",
    "UniqueItems": "uniqueItems",
}
"""jsonschema-rs's error kinds by the schema keyword that raised them."""


class Problem:
    """One schema error: the keyword that failed, where in the file and in the schema.

    Attributes:
        keyword: the schema keyword (``required``, ``type``, ``anyOf``...).
        path: where the value is in the file (keys and list indexes).
        instance: the value the keyword refused.
        schema: the subschema holding the keyword; ``value`` is the keyword's value there.
        branches: for ``anyOf``/``oneOf``, each branch's own problems.
        missing: for ``required``, the one key this error is about.
    """

    __slots__ = ("branches", "instance", "keyword", "message", "missing", "owner", "path",
                 "schema", "value")

    def __init__(self, error: Any, root: dict[str, Any]) -> None:
        kind = error.kind
        name = type(kind).__name__
        if name == "PropertyNames":  # a key refused: its own error, at the mapping's path
            error, kind = kind.error, kind.error.kind
            name = type(kind).__name__
        where = list(error.schema_path)
        self.keyword: str = _KEYWORDS.get(name, name)
        if where and where[-1] == "dependentRequired":
            self.keyword = "dependentRequired"
        self.path: tuple[Any, ...] = tuple(error.instance_path)
        self.instance: Any = error.instance
        self.message: str = error.message
        self.schema: dict[str, Any] = _follow(root, where[:-1])
        self.value: Any = self.schema.get(self.keyword)
        branch = len(where) >= 3 and where[-3] in ("anyOf", "oneOf")
        self.owner: dict[str, Any] = _follow(root, where[:-3]) if branch else self.schema
        """The object schema whose ``properties`` the instance has: for a branch of an
        ``anyOf``/``oneOf`` such as ``{required: [hours]}``, the schema holding it."""
        self.missing: str | None = getattr(kind, "property", None) if name == "Required" else None
        self.branches: list[list[Problem]] = (
            [[Problem(e, root) for e in branch] for branch in kind.context]
            if name in ("AnyOf", "OneOfNotValid") else [])


def _follow(root: dict[str, Any], where: list[Any]) -> dict[str, Any]:
    node: Any = root
    for part in where:
        node = node[part] if isinstance(node, dict | list) else {}
    return node if isinstance(node, dict) else {}


def _problems(kind: Kind, value: Any) -> list[Problem]:
    root = schema(kind)
    return [Problem(e, root) for e in _validator(kind).iter_errors(value)]


def check_version(doc: Document, sink: DiagnosticSink) -> bool:
    """Refuse files without ``procgen: 1`` before anything else looks at them."""
    value = doc.value.get("procgen") if isinstance(doc.value, dict) else None
    if value is None:
        sink.emit(
            "PG111", doc.locate(()), key="procgen",
            context=Phrase(" (every file starts with 'procgen: 1')",
                           " (mọi tệp bắt đầu bằng 'procgen: 1')")
        )
        return False
    if value != SUPPORTED_VERSION or isinstance(value, bool):
        sink.emit(
            "PG110",
            doc.locate(("procgen",)),
            found=json.dumps(value, ensure_ascii=False),
            supported=SUPPORTED_VERSION,
        )
        return False
    return True


def validate(doc: Document, kind: Kind, sink: DiagnosticSink) -> bool:
    """Check ``doc`` against the schema for ``kind``; True when it is valid.

    A file whose name Windows cannot check out (``con.yaml``, ``what?.yaml``) is refused first,
    at its first line: it would break the repository for everyone on Windows.
    """
    if not check_file_name(doc.file, sink):
        return False
    if not check_version(doc, sink):
        return False
    _join_split_texts(doc.value, doc, (), sink)
    whole = check_whole_numbers(doc, kind, sink)
    if _validator(kind).is_valid(doc.value):
        return whole
    errors = _problems(kind, doc.value)
    for error in _flatten(errors):
        _report(doc, error, sink)
    doc.repaired = whole and kind == "procedure" and _repair(doc, kind, errors)
    return False


_NAMED = frozenset({"channels"})
"""Mappings whose keys are names other parts of the file refer to: an unknown key there is a
misspelt name, and removing it would make every reference to it a second error."""


def _repair(doc: Document, kind: Kind, errors: list[Problem]) -> bool:
    """Remove the unknown keys of a file whose only schema errors they are; True when what is
    left is valid, so the later stages can check the rest of the file soundly.

    An unknown key (a misspelt ``requried``) is one the DSL would not read, so the file without
    it means what the author's other keys say; any other error (a wrong type, a missing key)
    leaves the file's meaning unknown, and the later stages are skipped for it.
    """
    removals: list[tuple[Any, str]] = []
    for e in errors:
        if e.keyword != "additionalProperties" or not isinstance(e.instance, dict):
            return False
        if e.path and e.path[-1] in _NAMED:
            return False  # a misspelt channel: the fees and steps naming it would fail too
        if e.schema.get("patternProperties"):
            return False
        allowed = set(e.schema.get("properties", {}))
        owner = doc.value_at(e.path)  # the file's own mapping, not the error's copy of it
        removals += [(owner, key) for key in e.instance if key not in allowed]
    for owner, key in removals:
        owner.pop(key, None)
    return bool(_validator(kind).is_valid(doc.value))


_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
"""Thousands grouped as Vietnamese (``75.000``, ``1.500.000``) or English (``100,000``) write
them."""


def check_whole_numbers(doc: Document, kind: Kind, sink: DiagnosticSink) -> bool:
    """Refuse (PG125) a decimal where the schema wants a whole number: money and counts.

    Vietnamese writes thousands with dots, and YAML reads ``75.000`` as 75.0, which a JSON
    Schema ``integer`` accepts — so ``amount: 100.000`` would charge 100 đồng. Where the schema
    allows only a whole number (or an expression, as ``amount`` does), a number written with a
    decimal point or an exponent, and a text of grouped digits (``100,000``, ``1.500.000``), are
    refused with the digits meant. True when there is none.
    """
    ok = True
    for path, value in _leaves(doc.value, ()):
        if isinstance(value, bool) or not isinstance(value, float | str):
            continue
        info = doc.scalar(path)
        raw = info.source.strip() if info is not None else str(value)
        grouped = _GROUPED.fullmatch(raw.strip("'\""))
        if isinstance(value, str) and grouped is None:
            continue
        if not _expects_integer(schema(kind), path):
            continue
        meant: str | None = None
        if grouped is not None:
            meant = grouped.group(0).replace(".", "").replace(",", "")
            advice = Phrase(f"; write money and counts in digits only: did you mean {meant}?",
                            f"; viết tiền và số lượng chỉ bằng chữ số: có phải ý bạn là "
                            f"{meant}?")
        elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            meant = str(int(value))
            advice = Phrase(f"; write it as the whole number {meant}",
                            f"; hãy viết thành số nguyên {meant}")
        else:
            advice = Phrase("; money and counts are whole numbers (đồng, copies, days)",
                            "; tiền và số lượng là số nguyên (đồng, bản, ngày)")
        read = json.dumps(value, ensure_ascii=False)
        hint = None if meant is None else Phrase(
            f"Write `{path[-1]}: {meant}`.", f"Viết `{path[-1]}: {meant}`.")
        sink.emit("PG125", doc.locate(path), what=describe(path), raw=raw, read=read,
                  advice=advice, hint=hint)
        ok = False
    return ok


def _leaves(node: Any, path: Path) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    else:
        yield path, node


def _expects_integer(root: dict[str, Any], path: Path) -> bool:
    """Whether the schema wants a whole number at ``path``: some subschema reachable there says
    ``integer`` and none says ``number``."""
    types: set[str] = set()
    for sub in _at(root, root, path):
        t = sub.get("type")
        types.update([t] if isinstance(t, str) else t if isinstance(t, list) else [])
    return "integer" in types and "number" not in types


def _at(root: dict[str, Any], node: Any, path: Path, depth: int = 0) -> list[dict[str, Any]]:
    """The subschemas of ``node`` that apply to the value at ``path`` (following ``$ref``, the
    combinators and conditionals; enough for the shapes ``schemas/`` uses)."""
    if not isinstance(node, dict) or depth > 40:
        return []
    if "$ref" in node and str(node["$ref"]).startswith("#/"):
        target: Any = root
        for part in str(node["$ref"])[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return _at(root, target, path, depth + 1) + (_at(root, rest, path, depth + 1)
                                                     if rest else [])
    found: list[dict[str, Any]] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(key, ()):
            found += _at(root, branch, path, depth + 1)
    for key in ("then", "else"):
        found += _at(root, node.get(key), path, depth + 1)
    if not path:
        return [node, *found]
    head, tail = path[0], path[1:]
    if isinstance(head, int):
        found += _at(root, node.get("items"), tail, depth + 1)
    else:
        props = node.get("properties", {})
        if head in props:
            found += _at(root, props[head], tail, depth + 1)
        else:
            for pattern, sub in node.get("patternProperties", {}).items():
                if re.search(pattern, head):
                    found += _at(root, sub, tail, depth + 1)
            found += _at(root, node.get("additionalProperties"), tail, depth + 1)
    return found


def check_file_name(file: str, sink: DiagnosticSink) -> bool:
    """Refuse (PG115) a file name that Windows cannot check out; True when it can."""
    name = pathlib.PurePath(file).name
    problem = windows_name_problem(name)
    if problem is None:
        return True
    sink.emit(
        "PG115",
        Span(file, 1, 1),
        what=Phrase("file name", "tên tệp"),
        value=name,
        problem=Phrase(f"{problem.en}, so the repository could not be checked out on Windows; "
                       "rename the file",
                       f"{problem.vi}, nên kho mã không lấy về được trên Windows; hãy đổi tên "
                       "tệp"),
    )
    return False


_LANG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")


def _join_split_texts(node: Any, doc: Document, path: Path, sink: DiagnosticSink) -> None:
    """Join text cut in two by an unquoted comma inside ``{ }``, and warn (PG121).

    ``{vi: Họ, chữ đệm và tên, en: Name}`` reads as ``vi: Họ``, a key ``chữ đệm và tên`` with
    no value, and ``en: Name``. A key with no value that is not a language code, right after a
    language entry holding text, can only be this mistake; the author meant
    ``vi: "Họ, chữ đệm và tên"``.
    """
    if isinstance(node, list):
        for i, item in enumerate(node):
            _join_split_texts(item, doc, (*path, i), sink)
        return
    if not isinstance(node, dict):
        return
    lang: str | None = None
    joined: list[str] = []
    for key in list(node):
        value = node[key]
        if value is None and lang is not None and not _LANG.fullmatch(str(key)):
            node[lang] = f"{node[lang]}, {key}"
            del node[key]
            if lang not in joined:
                joined.append(lang)
            continue
        is_text = isinstance(value, str) and _LANG.fullmatch(str(key)) is not None
        lang = str(key) if is_text else None
        _join_split_texts(value, doc, (*path, key), sink)
    for lang in joined:
        sink.emit("PG121", doc.locate((*path, lang)), lang=lang, text=node[lang])


def _flatten(errors: list[Problem]) -> list[Problem]:
    """Replace each anyOf/oneOf error by its most relevant sub-error, then drop redundant ones."""
    out: list[Problem] = []
    pending = list(errors)
    while pending:
        e = pending.pop(0)
        if e.keyword in ("anyOf", "oneOf") and e.branches:
            either = _type_union(e)
            if either is not None:
                out.append(either)
            else:
                pending[:0] = _best_branch(e)
        else:
            out.append(e)
    by_path: dict[tuple[Any, ...], list[Problem]] = {}
    for e in out:
        by_path.setdefault(e.path, []).append(e)
    kept = []
    for path, group in by_path.items():
        types = [e for e in group if e.keyword in ("type", "enum", "const")]
        chosen = types[:1] if types else group
        # A type error below a wrong-typed parent is noise.
        if any(
            p.path == path[: len(p.path)] and p.keyword == "type"
            for p in out
            if len(p.path) < len(path)
        ):
            continue
        kept.extend(chosen)
    return kept


_PLAIN_TYPES = frozenset({"string", "number", "integer", "boolean", "null", "array"})


def _type_union(e: Problem) -> Problem | None:
    """One ``type`` error naming every type, when a value fits no branch of a union of types.

    ``schemas/`` spell "a number or a date text" as ``anyOf: [{type: number, ...}, {type:
    string}]`` rather than ``type: [number, string]``, which ajv's strict mode refuses; a value
    of none of those types gets the one message the type list gave ("must be a number or a
    text"), not one branch's half of it. None for any other ``anyOf``/``oneOf``.
    """
    branches = e.value
    if not isinstance(branches, list) or len(branches) != len(e.branches) or not all(
        isinstance(b, dict) and b.get("type") in _PLAIN_TYPES and "$ref" not in b
        for b in branches
    ):
        return None
    misses = [next((s for s in subs if s.keyword == "type" and s.path == e.path), None)
              for subs in e.branches]
    first = misses[0]
    if first is None or any(m is None for m in misses):
        return None
    combined = copy.copy(first)
    combined.value = [b["type"] for b in branches]
    return combined


def _best_branch(e: Problem) -> list[Problem]:
    """The errors of the anyOf/oneOf branch that fits best: one whose type matched, else the
    deepest error of any branch.

    A branch whose type matched the value (say, the mapping form of a localized text) reports the
    real, deeper problem; the other branch's "must be a text" is noise.
    """
    for subs in e.branches:
        if subs and not any(s.keyword == "type" and s.path == e.path for s in subs):
            return subs
    every = [s for subs in e.branches for s in subs]
    if not every:
        return [e]
    return [max(every, key=lambda s: (len(s.path), s.keyword not in ("anyOf", "oneOf")))]


_PATTERNS = {
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$": Phrase(
        "is not a lower-case slug such as 'birth-notice'",
        "không phải mã chữ thường nối bằng gạch ngang, như 'birth-notice'"),
    "^[a-z][a-z0-9_]*$": Phrase(
        "is not a snake_case id such as 'child_full_name'",
        "không phải mã chữ thường nối bằng gạch dưới, như 'child_full_name'"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": Phrase(
        "is not a date written YYYY-MM-DD", "không phải ngày viết dạng YYYY-MM-DD"),
    "^[a-z][a-z0-9]*([-_][a-z0-9]+)*$": Phrase(
        "is not a bare file name such as 'applicant'",
        "không phải tên tệp trơn, như 'applicant'"),
    "^[a-z]{2,3}(-[A-Z]{2})?$": Phrase(
        "is not a language code such as 'vi' or 'en'",
        "không phải mã ngôn ngữ, như 'vi' hay 'en'"),
    "^[a-z]+/([a-z0-9.+-]+|\\*)$": Phrase(
        "is not a MIME type such as 'application/pdf' or 'image/*'",
        "không phải kiểu MIME, như 'application/pdf' hay 'image/*'"),
    "^https?://": Phrase("is not an http(s) address", "không phải địa chỉ http(s)"),
}
_JSON_TYPES = {
    dict: Phrase("a mapping", "một ánh xạ"),
    list: Phrase("a list", "một danh sách"),
    str: Phrase("a text", "chữ"),
    bool: Phrase("true/false", "true/false"),
    int: Phrase("a whole number", "một số nguyên"),
    float: Phrase("a decimal number", "một số thập phân"),
    type(None): Phrase("empty", "để trống"),
}
_TYPE_WORDS = {
    "object": Phrase("a mapping", "một ánh xạ"),
    "array": Phrase("a list", "một danh sách"),
    "string": Phrase("a text", "chữ"),
    "boolean": Phrase("true or false", "true hoặc false"),
    "integer": Phrase("a whole number", "một số nguyên"),
    "number": Phrase("a number", "một số"),
    "null": Phrase("empty", "để trống"),
}


def _either(words: list[Phrase]) -> Phrase:
    """``a text or a list``, in both languages."""
    return Phrase(" or ".join(w.en for w in words), " hoặc ".join(w.vi for w in words))


def _report(doc: Document, e: Problem, sink: DiagnosticSink) -> None:
    path: Path = e.path
    v = e.keyword
    value: Any = e.value  # the keyword's value in the schema
    here = e.schema
    if v == "required":
        present: Any = e.instance if isinstance(e.instance, dict) else {}
        # One error per missing key: report only this error's own key.
        missing = [e.missing] if e.missing else [k for k in value if k not in present]
        known = e.owner.get("properties", {})
        unknown = [k for k in present if k not in known]
        suggested = {closest(k, known) for k in unknown}  # PG112 says "did you mean" them
        missing = [k for k in missing if not did_you_mean(k, unknown) and k not in suggested]
        owner = _owner(doc.value, path)
        for key in missing:
            sink.emit("PG111", doc.locate(path, "key"), key=key, context=owner)
        return
    if v == "additionalProperties" and isinstance(e.instance, dict):
        allowed: set[str] = set(here.get("properties", {}))
        for key in sorted(set(e.instance) - allowed, key=list(e.instance).index):
            suggestion = did_you_mean(key, allowed)
            sink.emit("PG112", doc.locate((*path, key), "key"), key=key, suggestion=suggestion)
        return
    if v == "propertyNames":
        bad = _bad_property_name(e)
        where = doc.locate((*path, bad), "key") if bad is not None else doc.locate(path)
        problem = _PATTERNS.get(
            str(here.get("propertyNames", {}).get("pattern", "")),
            Phrase("is not allowed here", "không được dùng ở đây"),
        )
        sink.emit("PG115", where, what=Phrase("key", "khóa"),
                  value=bad if bad is not None else "?", problem=problem)
        return
    span = doc.locate(path)
    if v == "type":
        expected = value if isinstance(value, list) else [value]
        words = _either([_TYPE_WORDS.get(str(t), Phrase(str(t), str(t))) for t in expected])
        name = type(e.instance).__name__
        found = _JSON_TYPES.get(type(e.instance), Phrase(name, name))
        extra: Words = ""
        if (
            "string" in expected
            and isinstance(e.instance, int | float)
            and path
            and path[-1] == "code"
        ):
            extra = Phrase(' (write it in quotes, e.g. "1.001193")',
                           ' (đặt trong dấu nháy, ví dụ "1.001193")')
        sink.emit("PG113", span, what=describe(path), expected=words, found=found, extra=extra)
    elif v in ("enum", "const"):
        choices = value if v == "enum" else [value]
        shown = ", ".join(str(a) for a in choices)
        suggestion = did_you_mean(str(e.instance), [str(a) for a in choices])
        sink.emit(
            "PG114", span, value=_short(e.instance), allowed=f"[{shown}]", suggestion=suggestion
        )
    elif v == "pattern":
        problem = _PATTERNS.get(str(value), Phrase(f"does not match {value}",
                                                    f"không khớp mẫu {value}"))
        sink.emit("PG115", span, what=describe(path), value=_short(e.instance), problem=problem)
    elif v == "not" and isinstance(e.instance, str) and e.instance in WINDOWS_DEVICE_NAMES:
        # A key is checked with the mapping's path (propertyNames): point at the key itself.
        node = doc.value_at(path)
        is_key = isinstance(node, dict) and e.instance in node
        where = doc.locate((*path, e.instance), "key") if is_key else span
        where_in = describe(path)
        what = (Phrase(f"key in {said(where_in, 'en')}", f"khóa trong {said(where_in, 'vi')}")
                if is_key else where_in)
        sink.emit("PG115", where, what=what, value=e.instance, problem=_DEVICE)
    elif v == "not" and isinstance(value, dict) and value.get("required"):
        # "Not both": {"not": {"required": [a, b]}} (a licence's SPDX identifier or its URL).
        keys = [str(k) for k in value["required"]]
        last = f"'{keys[-1]}'"
        others = ", ".join(f"'{k}'" for k in keys[:-1])
        sink.emit("PG117", doc.locate((*path, keys[-1]), "key"),
                  message=Phrase(f"{said(describe(path), 'en')}: give {others} or {last}, "
                                 "not both",
                                 f"{said(describe(path), 'vi')}: ghi {others} hoặc {last}, "
                                 "không ghi cả hai"))
    elif v in ("maxLength",) and isinstance(e.instance, str):
        sink.emit(
            "PG115",
            span,
            what=describe(path),
            value=_short(e.instance),
            problem=Phrase(f"is longer than {value} characters", f"dài quá {value} ký tự"),
        )
    elif v in (
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "minLength",
        "uniqueItems",
    ):
        sink.emit("PG116", span, what=describe(path), problem=_range_problem(v, value))
    elif v == "dependentRequired" and isinstance(e.instance, dict):
        for key, needs in value.items():
            missing = [n for n in needs if key in e.instance and n not in e.instance]
            if missing:
                sink.emit(
                    "PG117",
                    doc.locate((*path, key), "key"),
                    message=Phrase(f"'{key}' needs '{missing[0]}' beside it",
                                   f"'{key}' cần có '{missing[0]}' đi kèm"),
                )
    else:
        where_in = describe(path)
        sink.emit("PG117", span, message=Phrase(f"{said(where_in, 'en')}: {e.message}",
                                                f"{said(where_in, 'vi')}: {e.message}"))


def _owner(root: Any, path: Path) -> Words:
    node = root
    for p in path:
        node = node[p]
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        return Phrase(f" in '{node['id']}'", f" trong '{node['id']}'")
    if not path:
        return ""
    where_in = describe(path)
    return Phrase(f" in {said(where_in, 'en')}", f" trong {said(where_in, 'vi')}")


_DEVICE = Phrase(
    "is a name Windows reserves for a device, so a file named after it could not be checked "
    "out on Windows; choose another",
    "là tên Windows dành cho thiết bị, nên tệp mang tên đó không lấy về được trên Windows; "
    "hãy chọn tên khác",
)


def _bad_property_name(e: Problem) -> str | None:
    if isinstance(e.instance, dict):
        import jsonschema_rs

        check = jsonschema_rs.Draft202012Validator(e.schema.get("propertyNames", {}))
        for k in e.instance:
            if not check.is_valid(k):
                return str(k)
    return None


def _range_problem(keyword: str, limit: Any) -> Phrase:
    s = "s" if limit != 1 else ""
    return {
        "minimum": Phrase(f"must be at least {limit}", f"phải từ {limit} trở lên"),
        "maximum": Phrase(f"must be at most {limit}", f"không được quá {limit}"),
        "exclusiveMinimum": Phrase(f"must be more than {limit}", f"phải lớn hơn {limit}"),
        "exclusiveMaximum": Phrase(f"must be less than {limit}", f"phải nhỏ hơn {limit}"),
        "minItems": Phrase(f"must have at least {limit} item{s}",
                           f"phải có ít nhất {limit} mục"),
        "maxItems": Phrase(f"must have at most {limit} items", f"có tối đa {limit} mục"),
        "minProperties": Phrase(f"must have at least {limit} key{s}",
                                f"phải có ít nhất {limit} khóa"),
        "maxProperties": Phrase(f"must have at most {limit} key{s}",
                                f"có tối đa {limit} khóa"),
        "minLength": Phrase("must not be empty", "không được để trống"),
        "uniqueItems": Phrase("lists the same item twice", "có một mục lặp hai lần"),
    }[keyword]


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
