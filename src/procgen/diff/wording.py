"""How the diff shows values and names to a reviewer, in Vietnamese or English.

The words are the catalogue's (:mod:`procgen.wording`, the ``diff_…`` keys); the tables here
are views of it, keyed as the diff names things (a channel, a class, a DSL key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procgen.model.ir import DURATION_UNITS, Duration
from procgen.wording import TEXTS, say
from procgen.wording import duration as worded


def _view(keys: Mapping[str, str]) -> dict[str, dict[str, str]]:
    return {name: TEXTS[key] for name, key in keys.items()}


CHANNEL_NAMES = _view({
    "online": "diff_channel_online",
    "in_person": "diff_channel_in_person",
    "postal": "diff_channel_postal",
})
CLASS_NAMES = _view({
    "breaking": "diff_class_breaking",
    "burden+": "diff_class_more_burden",
    "burden-": "diff_class_less_burden",
    "editorial": "diff_class_editorial",
})
WORDS = _view({
    "none": "diff_none",
    "yes": "diff_yes",
    "no": "diff_no",
    "free": "diff_free",
})
ATTRIBUTES = _view({
    "label": "diff_attr_label",
    "title": "diff_attr_title",
    "hint": "diff_attr_hint",
    "summary": "diff_attr_summary",
    "agency": "diff_attr_agency",
    "legal_basis": "diff_attr_legal_basis",
    "constraint_message": "diff_attr_constraint_message",
    "description": "diff_attr_description",
    "template": "diff_attr_template",
    "revision": "diff_attr_revision",
    "effective_from": "diff_attr_effective_from",
    "code": "diff_attr_code",
    "level": "diff_attr_level",
    "sector": "diff_attr_sector",
    "audience": "diff_attr_audience",
    "min": "diff_attr_min",
    "max": "diff_attr_max",
    "min_length": "diff_attr_min_length",
    "max_length": "diff_attr_max_length",
    "valid_from": "diff_attr_valid_from",
    "valid_until": "diff_attr_valid_until",
    "payment": "diff_attr_payment",
    "results": "diff_attr_results",
    "actor": "diff_attr_actor",
    "fields": "diff_attr_fields",
    "documents": "diff_attr_documents",
    "outputs": "diff_attr_outputs",
})


def attribute(name: str, lang: str) -> str:
    """A key of the DSL as a reviewer reads it."""
    table = ATTRIBUTES.get(name)
    return name if table is None else table.get(lang, table["en"])


def word(key: str, lang: str) -> str:
    table = WORDS[key]
    return table.get(lang, table["en"])


def pick(text: Mapping[str, str] | None, lang: str) -> str:
    """A localized text in ``lang``, else Vietnamese, else the first one written."""
    if not text:
        return ""
    return text.get(lang) or text.get("vi") or next(iter(text.values()))


def money(amount: int | float, lang: str) -> str:
    """8000 → ``8,000 VND`` (en) / ``8.000 đồng`` (vi)."""
    digits = f"{amount:,}"
    return say("diff_money", lang, amount=digits.replace(",", ".") if lang == "vi" else digits)


def duration(value: Mapping[str, Any] | None, lang: str) -> str:
    """A flattened duration (``{"days": 10}``), worded as every target words it."""
    if not value:
        return word("none", lang)
    return worded(Duration.of(value), lang)


def show(value: Any, lang: str, *, attr: str | None = None) -> str:
    """A value as a reviewer reads it; expressions and codes in backticks."""
    if value is None:
        return word("none", lang)
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if attr in {"amount", "range_min", "range_max"} and isinstance(value, int):
        return money(value, lang)
    if attr == "max_size_mb" and isinstance(value, int | float):
        return f"{value:g} MB"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, list):
        return ", ".join(show(v, lang, attr=attr) for v in value) or word("none", lang)
    if isinstance(value, dict):
        if attr in {"processing_time", "duration"} or set(value) <= set(DURATION_UNITS):
            return duration(value, lang)
        if set(value) == {"min", "max"}:
            lo, hi = value["min"], value["max"]
            if attr == "range":
                return f"{money(lo, lang)} – {money(hi, lang)}"
            return f"{lo} – {hi if hi is not None else '∞'}"
        if set(value) <= {"vi", "en"} or all(len(k) == 2 for k in value):
            return f"“{pick(value, lang)}”"
        if "number" in value and "title" in value:  # a legal basis
            parts = [pick(value["title"], lang), value.get("number")]
            if value.get("article"):
                parts.append(say("diff_article", lang, article=value["article"]))
            return "“" + " ".join(str(p) for p in parts if p) + "”"
        if "code" in value:
            return f"`{value['code']}`"
    return f"`{value}`"


def channel(name: str, lang: str) -> str:
    return CHANNEL_NAMES.get(name, {}).get(lang, name)
