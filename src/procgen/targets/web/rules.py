"""The data the browser runtime needs: fields, documents and fees with compiled conditions.

It goes into the page as ``<script type="application/json" id="procgen-rules">``: data, never
executed. Expressions are compiled with :func:`procgen.expr.to_runtime` (the form read by
``procgen-expr.js``); messages are already in the page's language. What a field's kind means
(its JSON type, its format's pattern and message key) is the model's
(:mod:`procgen.model.facts`), handed to ``procgen-check.js`` as data for the kinds the page
uses: the runtime holds no pattern of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from procgen import wording
from procgen.model.answer import type_key
from procgen.model.facts import FORMATS, SAFE_INTEGER, FieldKind
from procgen.model.ir import Document, Fee, Field, Office, Procedure
from procgen.targets.web import i18n
from procgen.targets.web.i18n import text
from procgen.wording import money

if TYPE_CHECKING:
    from procgen.expr import Expr
    from procgen.model.local import LocalFacts

_RUNTIME_MESSAGES = (
    "err_required", "err_required_choice", "err_required_file", "err_type", "err_option",
    "err_option_twice", "err_integer", "err_number",
    "err_min", "err_max", "err_date", "err_date_min", "err_date_max", "err_min_length",
    "err_max_length", "err_min_items", "err_max_items", "err_pattern", "err_email", "err_phone",
    "err_national_id", "err_constraint", "err_file_type", "err_file_size", "err_min_entries",
    "err_max_entries", "step_of", "entry", "remove_entry", "entry_added", "entry_removed",
    "not_answered", "fee_unknown", "total_plus_local", "fee_exempt", "sending", "sent",
    "reference", "send_failed", "draft_saving", "draft_saved", "draft_expires", "draft_files",
    "draft_save_failed", "draft_restored", "draft_not_found", "draft_restore_failed",
    "yes", "no", "change", "error_prefix",
    "local_fee_placeholder", "local_office_placeholder", "local_offices_unknown",
    "local_address", "local_hours", "local_phone", "local_map", "local_web", "total_provisional",
    "total",
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
    if f.section is not None:
        rule["section"] = text(f.section, lang)  # the summary heads its answers with it
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
        rule["values"] = [o.value for o in f.options]  # typed: 1 is not "1"
        rule["numeric_options"] = all(isinstance(o.value, int) for o in f.options)
    rule["messages"] = wording.problem_messages(f, lang)  # the field's own words, ready
    if f.kind == FieldKind.GROUP:
        rule["entry_name"] = wording.entry_name(f, lang)
        shown = [c for c in f.children if c.kind != FieldKind.GROUP]  # PG504: one level
        rule["fields"] = {c.id: field_rules(c, lang) for c in shown}
        rule["order"] = [c.id for c in shown]
        rule["repeat"] = {"min": f.repeat.min, "max": f.repeat.max}
    return rule


def kind_rules(fields: Iterable[Field]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The facts of the kinds ``fields`` use (groups' fields too): ``(kinds, formats)``.

    ``kinds`` holds each kind's JSON type, whether it is a number or a text (its length
    bounded by ``min_length``/``max_length``) and the message key of an answer of the wrong
    type; ``formats`` the anchored pattern and message key of the kinds that have a format.
    """
    used = {g for f in fields for g in f.walk()}
    kinds: dict[str, Any] = {}
    formats: dict[str, Any] = {}
    for f in sorted(used, key=lambda g: g.kind):
        facts = f.facts
        kinds[f.kind] = {"json_type": facts.json_type, "numeric": facts.numeric,
                         "textual": facts.textual, "type_message": type_key(f)}
        if facts.numeric:  # no number answer beyond ±(2^53 - 1): facts.SAFE_INTEGER
            kinds[f.kind]["safe"] = SAFE_INTEGER
        fmt = FORMATS.get(f.kind)
        if fmt is not None:
            formats[f.kind] = {"pattern": fmt.anchored, "message": fmt.message,
                               "strip": fmt.strip}
    return kinds, formats


def messages(lang: str) -> dict[str, str]:
    """The runtime's wording, in ``lang``; a key the catalogue lacks reads as a constraint's."""
    ui = i18n.ui(lang)
    return {key: ui.get(key, ui["err_constraint"]) for key in _RUNTIME_MESSAGES}


def document_rules(d: Document, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"label": text(d.title, lang), "required": _cond(d.required),
                            "accept": list(d.accept)}
    if d.when is not None:
        rule["when"] = _cond(d.when)
    if d.max_bytes:
        rule["max_bytes"] = d.max_bytes
        rule["max_size_mb"] = d.max_size_mb
    said = wording.document_messages(d, lang)
    rule["messages"] = {f"err_{key}" if key != "required" else "err_required_file": text
                        for key, text in said.items()}
    return rule


def fee_rules(fee: Fee, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": fee.id, "label": text(fee.label, lang),
                            "channels": list(fee.channels),
                            "amount": fee.amount if isinstance(fee.amount, int | None)
                            else _cond(fee.amount),
                            "set_by_locality": fee.set_by_locality,
                            "exemptions": [_cond(e.when) for e in fee.exemptions
                                           if e.holds_on("online")]}  # the form is online
    if fee.when is not None:
        rule["when"] = _cond(fee.when)
    if fee.valid_from:
        rule["valid_from"] = fee.valid_from
    if fee.valid_until:
        rule["valid_until"] = fee.valid_until
    return rule


def office_rules(o: Office, lang: str) -> dict[str, Any]:
    """One office as the runtime shows it; a placeholder keeps only its name."""
    rule: dict[str, Any] = {"name": text(o.name, lang)}
    if o.placeholder:
        rule["placeholder"] = True
        return rule
    for key, value in (("address", o.address), ("hours", text(o.hours, lang)),
                       ("phone", o.phone), ("url", o.url), ("map", o.map_url)):
        if value:
            rule[key] = value
    return rule


def local_rules(facts: LocalFacts, lang: str) -> dict[str, Any] | None:
    """Each locality's amounts and offices (on a site: its own), for the runtime to apply
    once the province is known; None when nothing differs by locality."""
    if not facts.depends:
        return None
    return {
        "field": facts.field,
        "site": facts.site,
        "options": facts.options(),  # the locality question's answer → locality id
        "order": [p.id for p in facts.places],
        "places": {p.id: {"name": text(p.name, lang),
                          "fees": {fid: {"amount": a.amount, "placeholder": a.placeholder}
                                   for fid, a in p.fees},
                          "offices": [office_rules(o, lang) for o in p.offices]}
                   for p in facts.places},
    }


def page_rules(procedure: Procedure, lang: str, action: str,
               facts: LocalFacts | None = None, *, api: str = "/api") -> dict[str, Any]:
    """Everything the runtime reads, for one procedure in one language.

    ``action`` is where the application goes; ``api`` the API's base (``api_base_url``
    without a trailing ``/``), from which the runtime addresses drafts:
    ``{api}/procedures/{id}/drafts`` and ``{api}/procedures/{id}/drafts/{token}``."""
    pages = procedure.pages
    kinds, formats = kind_rules(f for p in pages for f in p.fields)
    local = local_rules(facts, lang) if facts is not None else None
    rules: dict[str, Any] = {
        "procedure": procedure.id,
        "revision": procedure.revision,
        "lang": lang,
        "action": action,
        "api": api,
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
        "kinds": kinds,
        "formats": formats,
        "messages": messages(lang),
    }
    if local is not None:
        rules["localities"] = local
    return rules


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no procedure text can close the script
    element or open a comment; the JSON value is unchanged.

    >>> script_json({"t": "</script><!--"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    import msgspec

    from procgen.model.ir import plain_str

    # msgspec writes in C what json.dumps(ensure_ascii=False, sort_keys=True,
    # separators=(",", ":")) writes (the page's largest JSON; the rules hold no float that
    # the two would spell differently: whole numbers, and DSL decimals written shortest).
    raw = msgspec.json.encode(data, enc_hook=plain_str, order="sorted").decode("utf-8")
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
