"""Issue 17: every PG4xx, PG5xx and PG6xx code speaks Vietnamese — a message template with the
English one's fields, a summary and a fix — and a diagnostic made with procgen's own words as
:class:`Phrase` reads wholly in Vietnamese (no English fragment pasted in)."""

from __future__ import annotations

import contextlib

import pytest

from procgen.diagnostics import DiagnosticSink, Phrase, Span, StageFailed
from procgen.diagnostics.codes import CODES

MINE = sorted(c for c in CODES if c[2] in "456")

SAMPLE = {
    "PG401": ({"name": "birth-registraton", "suggestion": Phrase("; did you mean 'x'?",
                                                                 "; có phải ý bạn là 'x'?")},
              "không có thủ tục"),
    "PG402": ({"procedure": "p", "name": "late-fee", "suggestion": ""}, "không có khoản phí"),
    "PG403": ({"procedure": "p", "name": "f"}, "do trung ương quy định"),
    "PG404": ({"amount": 50000, "name": "f", "low": 0, "high": 10000}, "nằm ngoài khung"),
    "PG405": ({"given": 3, "total": 34, "name": "f", "procedure": "p", "missing": "hue"},
              "chưa đặt"),
    "PG406": ({"count": 2, "values": Phrase("values", "giá trị"), "names": "p/f"},
              "2 giá trị tạm thời"),
    "PG501": ({"lang": "fr"}, "chưa có lời giao diện"),
    "PG502": ({"url": "javascript:x"}, "không phải địa chỉ http(s)"),
    "PG504": ({"field": "heirs"}, "chứa một nhóm khác"),
    "PG531": ({"field": "code", "pattern": "[a]"}, "không tạo được câu trả lời mẫu"),
    "PG532": ({"field": "children", "group": "heirs"}, "nằm trong nhóm"),
    "PG560": ({"lang": "fr"}, "chưa có lời giao diện"),
    "PG562": ({"field": "children", "group": "heirs"}, "máy chủ sẽ kiểm tra"),
    "PG601": ({"name": "child_dob", "procedure": "p", "suggestion": ""}, "không phải là trường"),
    "PG602": ({"field": "n", "expected": Phrase("a number", "một số"),
               "found": Phrase("a list", "một danh sách")},
              "phải là một số, không phải một danh sách"),
    "PG603": ({"value": "mail", "field": "sex", "suggestion": ""}, "không phải là một lựa chọn"),
    "PG604": ({"field": "name", "label": Phrase("Name", "Họ tên")}, "là bắt buộc: Họ tên"),
    "PG605": ({"field": "d", "message": Phrase("too late", "quá muộn")},
              "không được chấp nhận: quá muộn"),
    "PG606": ({"field": "n", "problem": Phrase("must be at most 10", "không được quá 10")},
              "không được quá 10"),
    "PG607": ({"field": "g", "count": 0, "problem": Phrase("at least 1 is needed",
                                                           "cần ít nhất 1 mục")}, "có 0 mục"),
    "PG608": ({"value": "12345", "field": "id",
               "problem": Phrase("x", "số phải có đúng 12 chữ số")},
              "số định danh cá nhân hợp lệ"),
    "PG609": ({"field": "late_reason"}, "không được hỏi"),
    "PG610": ({"problem": Phrase("JSON has no comments", "JSON không có chú thích")},
              "không phải JSON: JSON không có chú thích"),
    "PG611": ({"problem": Phrase("twice", "hai lần")}, "hai lần"),
}


def test_every_code_of_mine_has_a_sample() -> None:
    assert sorted(SAMPLE) == MINE


@pytest.mark.parametrize("code", MINE)
def test_the_code_speaks_vietnamese(code: str) -> None:
    entry = CODES[code]
    assert entry.vi is not None and entry.vi.summary and entry.vi.fix
    assert entry.vi.fix != entry.fix and entry.vi.summary != entry.summary
    fields, words = SAMPLE[code]
    d = DiagnosticSink().emit(code, Span("a.yaml", 1, 1), **fields)
    assert words in d.text("vi")
    assert d.text("en") == d.message
    assert d.help("vi") == entry.vi.fix


def test_the_answers_reader_speaks_vietnamese() -> None:
    from procgen.quote.reader import read_answers_text

    sink = DiagnosticSink()
    with contextlib.suppress(StageFailed):  # it ends the read; the diagnostic is in the sink
        read_answers_text("a.json", '{"a": 1,}', sink)
    (d,) = sink.items
    assert d.code == "PG610" and "dấu phẩy thừa" in d.text("vi")
    assert "trailing comma" in d.text("en")
