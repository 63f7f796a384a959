"""How the diff shows values and names to a reviewer, in Vietnamese or English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CHANNEL_NAMES = {
    "online": {"vi": "trực tuyến", "en": "online"},
    "in_person": {"vi": "trực tiếp", "en": "in person"},
    "postal": {"vi": "qua bưu chính", "en": "by post"},
}
CLASS_NAMES = {
    "breaking": {"vi": "phá vỡ API", "en": "breaking"},
    "burden+": {"vi": "tăng gánh nặng", "en": "more burden"},
    "burden-": {"vi": "giảm gánh nặng", "en": "less burden"},
    "editorial": {"vi": "câu chữ", "en": "editorial"},
}
WORDS = {
    "none": {"vi": "không có", "en": "none"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "working_days": {"vi": "ngày làm việc", "en": "working days"},
    "hours": {"vi": "giờ", "en": "hours"},
    "set_by_locality": {"vi": "do địa phương quy định", "en": "set by each locality"},
    "free": {"vi": "miễn phí", "en": "free"},
}


ATTRIBUTES = {
    "label": {"vi": "nhãn", "en": "label"},
    "title": {"vi": "tên", "en": "title"},
    "hint": {"vi": "gợi ý", "en": "hint"},
    "summary": {"vi": "tóm tắt", "en": "summary"},
    "agency": {"vi": "cơ quan thực hiện", "en": "agency"},
    "legal_basis": {"vi": "căn cứ pháp lý", "en": "legal basis"},
    "constraint_message": {"vi": "thông báo khi sai", "en": "error message"},
    "description": {"vi": "mô tả", "en": "description"},
    "template": {"vi": "mẫu đơn, tờ khai", "en": "form template"},
    "revision": {"vi": "phiên bản", "en": "revision"},
    "effective_from": {"vi": "ngày có hiệu lực", "en": "effective date"},
    "code": {"vi": "mã thủ tục", "en": "procedure code"},
    "level": {"vi": "cấp thực hiện", "en": "level"},
    "sector": {"vi": "lĩnh vực", "en": "sector"},
    "audience": {"vi": "đối tượng", "en": "audience"},
    "min": {"vi": "giá trị nhỏ nhất", "en": "minimum"},
    "max": {"vi": "giá trị lớn nhất", "en": "maximum"},
    "min_length": {"vi": "độ dài tối thiểu", "en": "minimum length"},
    "max_length": {"vi": "độ dài tối đa", "en": "maximum length"},
    "valid_from": {"vi": "áp dụng từ", "en": "valid from"},
    "valid_until": {"vi": "áp dụng đến", "en": "valid until"},
    "actor": {"vi": "người thực hiện", "en": "actor"},
    "fields": {"vi": "các trường", "en": "fields"},
    "documents": {"vi": "các giấy tờ", "en": "documents"},
    "outputs": {"vi": "các kết quả", "en": "outputs"},
}


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
    return digits.replace(",", ".") + " đồng" if lang == "vi" else digits + " VND"


def duration(value: Mapping[str, Any] | None, lang: str) -> str:
    if not value:
        return word("none", lang)
    unit, amount = next(iter(value.items()))
    name = word(unit, lang)
    if lang == "en" and amount == 1:
        name = name[:-1]  # 1 working day, 1 hour
    return f"{amount:g} {name}" if isinstance(amount, float) else f"{amount} {name}"


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
        if attr in {"processing_time", "duration"} or set(value) <= {"working_days", "hours"}:
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
                parts.append(("điều " if lang == "vi" else "art. ") + str(value["article"]))
            return "“" + " ".join(str(p) for p in parts if p) + "”"
        if "code" in value:
            return f"`{value['code']}`"
    return f"`{value}`"


def channel(name: str, lang: str) -> str:
    return CHANNEL_NAMES.get(name, {}).get(lang, name)
