"""The data the browser runtime needs: fields, documents and fees with compiled conditions.

It goes into the page as ``<script type="application/json" id="procgen-rules">``: data, never
executed. Expressions are compiled with :func:`procgen.expr.to_runtime` (the form read by
``procgen-expr.js``); messages are already in the page's language.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from procgen.model.ir import Document, Fee, Field, Procedure
from procgen.targets.web import i18n
from procgen.targets.web.i18n import text
from procgen.targets.web.view import money

if TYPE_CHECKING:
    from procgen.expr import Expr

_RUNTIME_MESSAGES = (
    "err_required", "err_required_choice", "err_required_file", "err_integer", "err_number",
    "err_min", "err_max", "err_date", "err_date_min", "err_date_max", "err_min_length",
    "err_max_length", "err_min_items", "err_max_items", "err_pattern", "err_email", "err_phone",
    "err_national_id", "err_constraint", "err_file_type", "err_file_size", "err_min_entries",
    "err_max_entries", "step_of", "entry", "remove_entry", "entry_added", "entry_removed",
    "not_answered", "fee_unknown", "total_plus_local", "fee_exempt", "sending", "sent",
    "reference", "send_failed",
    "yes", "no", "change", "error_prefix",
)


def _cond(value: bool | Expr | None) -> Any:
    """``true``/``false`` stay literal; an expression becomes its runtime form."""
    if value is None or isinstance(value, bool):
        return value
    from procgen.expr import to_runtime

    return to_runtime(value)


def field_rules(f: Field, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"kind": f.kind, "label": text(f.label, lang),
                            "required": _cond(f.required)}
    if f.when is not None:
        rule["when"] = _cond(f.when)
    if f.constraint is not None:
        rule["constraint"] = _cond(f.constraint)
        rule["constraint_message"] = text(f.constraint_message, lang)
    for key in ("min", "max", "min_length", "max_length", "pattern"):
        value = getattr(f, key)
        if value is not None:
            rule[key] = str(value) if key in ("min", "max") and f.kind == "date" else value
    if f.default is not None:
        rule["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    if f.options:
        rule["options"] = {str(o.value): text(o.label, lang) for o in f.options}
        rule["numeric_options"] = all(isinstance(o.value, int) for o in f.options)
    if f.kind == "group":
        shown = [c for c in f.children if c.kind != "group"]  # PG504: one level of groups
        rule["fields"] = {c.id: field_rules(c, lang) for c in shown}
        rule["order"] = [c.id for c in shown]
        rule["repeat"] = ({"min": f.repeat.min, "max": f.repeat.max} if f.repeat
                          else {"min": 1, "max": 1})
    return rule


def document_rules(d: Document, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"label": text(d.title, lang), "required": _cond(d.required),
                            "accept": list(d.accept)}
    if d.when is not None:
        rule["when"] = _cond(d.when)
    if d.max_size_mb:
        rule["max_bytes"] = int(d.max_size_mb * 1024 * 1024)
        rule["max_size_mb"] = d.max_size_mb
    return rule


def fee_rules(fee: Fee, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": fee.id, "label": text(fee.label, lang),
                            "channels": list(fee.channels),
                            "amount": fee.amount if isinstance(fee.amount, int | None)
                            else _cond(fee.amount),
                            "set_by_locality": fee.set_by_locality,
                            "exemptions": [_cond(e.when) for e in fee.exemptions]}
    if fee.when is not None:
        rule["when"] = _cond(fee.when)
    if fee.valid_from:
        rule["valid_from"] = fee.valid_from
    if fee.valid_until:
        rule["valid_until"] = fee.valid_until
    return rule


def page_rules(procedure: Procedure, lang: str, action: str) -> dict[str, Any]:
    """Everything the runtime reads, for one procedure in one language."""
    ui = i18n.ui(lang)
    pages = procedure.pages
    return {
        "procedure": procedure.id,
        "revision": procedure.revision,
        "lang": lang,
        "action": action,
        "title": text(procedure.title, lang),
        "steps": [{"id": p.id, "title": text(p.title, lang),
                   "fields": [f.id for f in p.fields],
                   "documents": [d.id for d in p.documents if d.uploadable]} for p in pages],
        "fields": {f.id: field_rules(f, lang) for p in pages for f in p.fields},
        "documents": {d.id: document_rules(d, lang) for p in pages for d in p.documents
                      if d.uploadable},
        "fees": [fee_rules(f, lang) for f in procedure.fees
                 if "online" in f.channels],
        "money": {"zero": money(0, lang)},
        "messages": {key: ui[key] for key in _RUNTIME_MESSAGES},
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no procedure text can close the script
    element or open a comment; the JSON value is unchanged.

    >>> script_json({"t": "</script><!--"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
