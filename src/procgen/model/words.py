"""The words the model stage says in its diagnostics, in English and Vietnamese.

A ``kind`` names what an id belongs to (``duplicate field id 'x'``); the related notes
point at the first of two. Kept here, once, so that every emit site says the same thing.

>>> kind("option list").vi
'danh sách lựa chọn'
"""

from __future__ import annotations

from procgen.diagnostics import Phrase

KINDS: dict[str, Phrase] = {
    "procedure": Phrase("procedure", "thủ tục"),
    "locality": Phrase("locality", "địa phương"),
    "field": Phrase("field", "trường"),
    "document": Phrase("document", "giấy tờ"),
    "output": Phrase("output", "kết quả"),
    "fee": Phrase("fee", "lệ phí"),
    "step": Phrase("step", "bước"),
    "block": Phrase("block", "khối dùng chung"),
    "option": Phrase("option", "lựa chọn"),
    "option list": Phrase("option list", "danh sách lựa chọn"),
    "channel": Phrase("channel", "kênh"),
    "processing_time": Phrase("processing time", "thời hạn giải quyết"),
    "legal_basis": Phrase("legal basis", "văn bản căn cứ"),
}

FIRST_DEFINED = Phrase("first defined here", "khai báo lần đầu ở đây")
FIRST_ASKED = Phrase("first asked here", "đã hỏi lần đầu ở đây")
FIRST_USED = Phrase("first used here", "đã dùng lần đầu ở đây")


def kind(name: str) -> Phrase:
    """The words for ``name`` (a key of :data:`KINDS`).

    Raises:
        KeyError: ``name`` has no words yet; add it to :data:`KINDS`.
    """
    return KINDS[name]
