"""The mobile screens' own wording (buttons, notes, validation messages), per language.

Procedure text comes from the procedure; this is the chrome that a native renderer shows around
it. ``{name}`` placeholders are filled by the compiler for messages it writes into the file
(``messages``), and by the renderer for the entries of the ``ui`` table it publishes.
A language this table does not know falls back to English, with a ``PG560`` warning.
"""

from __future__ import annotations

from procgen.targets._common import database

UI: dict[str, dict[str, str]] = {
    "vi": {
        "start": "Bắt đầu",
        "next": "Tiếp tục",
        "back": "Quay lại",
        "edit": "Sửa",
        "submit": "Nộp hồ sơ",
        "add_entry": "Thêm",
        "remove_entry": "Xóa",
        "optional": "(không bắt buộc)",
        "take_photo": "Chụp ảnh",
        "choose_file": "Chọn tệp",
        "no_entries": "Chưa có mục nào.",
        "not_answered": "Chưa trả lời",
        "yes": "Có",
        "no": "Không",
        "total": "Tổng cộng",
        "no_fees": "Không mất phí.",
        "fee_depends": "Tùy theo câu trả lời",
        "fee_set_by_locality": "Do tỉnh, thành phố quy định ({min}–{max})",
        "fee_exempt": "Được miễn",
        "fee_not_due": "Không áp dụng",
        "prefill": "Có thể tự điền từ {database}.",
        "sending": "Đang gửi hồ sơ…",
        "send_failed": "Chưa gửi được hồ sơ. Vui lòng thử lại.",
        "intro": "Trước khi bắt đầu",
        "summary": "Giới thiệu",
        "you_need": "Giấy tờ cần có",
        "no_documents": "Không cần nộp giấy tờ nào.",
        "times": "Thời gian giải quyết",
        "fees": "Phí và lệ phí",
        "legal_basis": "Căn cứ pháp lý",
        "article": "Điều {article}",
        "online_title": "Nộp trực tuyến",
        "fully_online": "Thủ tục này được thực hiện trực tuyến toàn trình.",
        "not_fully_online": "Thủ tục này chưa trực tuyến toàn trình: cần đến trực tiếp ở bước "
                            "{steps}.",
        "not_fully_online_documents": "Thủ tục này chưa trực tuyến toàn trình: một số giấy tờ "
                                      "phải nộp bản giấy.",
        "no_online": "Thủ tục này chưa nhận hồ sơ trực tuyến: hãy nộp trực tiếp hoặc qua bưu "
                     "chính.",
        "online": "Trực tuyến",
        "in_person": "Trực tiếp",
        "postal": "Qua bưu chính",
        "working_days": "{n} ngày làm việc",
        "working_days_one": "1 ngày làm việc",
        "hours_one": "1 giờ",
        "hours": "{n} giờ",
        "doc_upload": "tải lên bản quét hoặc ảnh chụp",
        "doc_present": "mang bản chính đến để đối chiếu, không phải nộp",
        "doc_held": "không cần nộp: cơ quan nhà nước đã có trong {database}",
        "doc_form": "chính là biểu mẫu bạn điền",
        "doc_paper": "nộp bản giấy",
        "doc_conditional": "chỉ trong một số trường hợp",
        "doc_optional": "không bắt buộc",
        "doc_counts": "bản chính: {originals}, bản sao: {copies}",
        "doc_types": "định dạng: {types}",
        "doc_size": "tối đa {mb} MB",
        "review": "Kiểm tra thông tin",
        "fee_summary": "Phí phải nộp",
        "submit_title": "Nộp hồ sơ",
        "declaration": "Tôi cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm "
                       "trước pháp luật về lời khai của mình.",
        "confirmation": "Đã nộp hồ sơ",
        "received": "Hồ sơ của bạn đã được gửi đến {agency}.",
        "what_happens": "Các bước tiếp theo",
        "you_receive": "Kết quả",
        "electronic_output": "{title} (bản điện tử)",
        "paper_output": "{title} (bản giấy)",
        "processing_online": "Thời gian giải quyết: {time}.",
        "in_person_step": "{title} (cần đến trực tiếp)",
        "required": "Vui lòng trả lời câu hỏi này.",
        "required_document": "Vui lòng đính kèm giấy tờ này.",
        "constraint": "Câu trả lời không hợp lệ.",
        "min": "Giá trị nhỏ nhất là {min}.",
        "max": "Giá trị lớn nhất là {max}.",
        "min_date": "Ngày không được trước {min}.",
        "max_date": "Ngày không được sau {max}.",
        "min_length": "Nhập ít nhất {min} ký tự.",
        "max_length": "Nhập tối đa {max} ký tự.",
        "min_items": "Chọn hoặc thêm ít nhất {min} mục.",
        "max_items": "Chọn hoặc thêm tối đa {max} mục.",
        "pattern": "Câu trả lời không đúng định dạng.",
        "integer": "Nhập một số nguyên.",
        "number": "Nhập một số.",
        "date": "Nhập ngày theo dạng ngày/tháng/năm.",
        "email": "Nhập địa chỉ thư điện tử, ví dụ ten@example.vn.",
        "phone": "Nhập số điện thoại, ví dụ 0912 345 678.",
        "national_id": "Số định danh cá nhân gồm 12 chữ số.",
        "file_type": "Tệp này không đúng định dạng được chấp nhận.",
        "file_size": "Tệp vượt quá {mb} MB.",
    },
    "en": {
        "start": "Start",
        "next": "Continue",
        "back": "Back",
        "edit": "Change",
        "submit": "Submit application",
        "add_entry": "Add",
        "remove_entry": "Remove",
        "optional": "(optional)",
        "take_photo": "Take a photo",
        "choose_file": "Choose a file",
        "no_entries": "No entries yet.",
        "not_answered": "Not answered",
        "yes": "Yes",
        "no": "No",
        "total": "Total",
        "no_fees": "Free of charge.",
        "fee_depends": "Depends on your answers",
        "fee_set_by_locality": "Set by the province or city ({min}–{max})",
        "fee_exempt": "Exempt",
        "fee_not_due": "Not due",
        "prefill": "Can be filled in from the {database}.",
        "sending": "Sending your application…",
        "send_failed": "Your application was not sent. Please try again.",
        "intro": "Before you start",
        "summary": "About this service",
        "you_need": "What you need",
        "no_documents": "No documents are needed.",
        "times": "Processing time",
        "fees": "Fees",
        "legal_basis": "Legal basis",
        "article": "article {article}",
        "online_title": "Applying online",
        "fully_online": "You can complete this procedure entirely online.",
        "not_fully_online": "This procedure is not fully online: you must attend in person at "
                            "the step {steps}.",
        "not_fully_online_documents": "This procedure is not fully online: some documents must "
                                      "be handed in on paper.",
        "no_online": "This procedure does not take online applications yet: apply in person or "
                     "by post.",
        "online": "Online",
        "in_person": "In person",
        "postal": "By post",
        "working_days": "{n} working days",
        "working_days_one": "1 working day",
        "hours_one": "1 hour",
        "hours": "{n} hours",
        "doc_upload": "upload a scan or photo",
        "doc_present": "show the original; it is not kept",
        "doc_held": "nothing to send: the state already holds it in the {database}",
        "doc_form": "this form is that document",
        "doc_paper": "hand in on paper",
        "doc_conditional": "only in some cases",
        "doc_optional": "optional",
        "doc_counts": "originals: {originals}, copies: {copies}",
        "doc_types": "formats: {types}",
        "doc_size": "up to {mb} MB",
        "review": "Check your answers",
        "fee_summary": "Fees to pay",
        "submit_title": "Submit your application",
        "declaration": "I declare that the information I have given is true, and I am "
                       "responsible before the law for it.",
        "confirmation": "Application sent",
        "received": "Your application has been sent to the {agency}.",
        "what_happens": "What happens next",
        "you_receive": "What you receive",
        "electronic_output": "{title} (electronic)",
        "paper_output": "{title} (on paper)",
        "processing_online": "Processing time: {time}.",
        "in_person_step": "{title} (in person)",
        "required": "Answer this question.",
        "required_document": "Attach this document.",
        "constraint": "This answer is not accepted.",
        "min": "The smallest value allowed is {min}.",
        "max": "The largest value allowed is {max}.",
        "min_date": "The date cannot be before {min}.",
        "max_date": "The date cannot be after {max}.",
        "min_length": "Enter at least {min} characters.",
        "max_length": "Enter at most {max} characters.",
        "min_items": "Choose or add at least {min}.",
        "max_items": "Choose or add at most {max}.",
        "pattern": "This answer is not in the expected format.",
        "integer": "Enter a whole number.",
        "number": "Enter a number.",
        "date": "Enter a real date.",
        "email": "Enter an email address, like name@example.vn.",
        "phone": "Enter a phone number, like 0912 345 678.",
        "national_id": "A personal ID number has 12 digits.",
        "file_type": "This file is not in an accepted format.",
        "file_size": "The file is larger than {mb} MB.",
    },
}

UI_KEYS_FOR_RENDERER: tuple[str, ...] = (
    "start", "next", "back", "edit", "submit", "add_entry", "remove_entry", "optional",
    "take_photo", "choose_file", "no_entries", "not_answered", "yes", "no", "total", "no_fees",
    "fee_depends", "fee_set_by_locality", "fee_exempt", "fee_not_due", "sending", "send_failed",
    "online", "in_person", "postal", "file_type", "file_size",
)
"""The ``ui`` string table published in every file: wording the renderer places itself."""




def words(lang: str) -> dict[str, str]:
    """The wording for ``lang`` (English when the table does not know it)."""
    return UI.get(lang, UI["en"])


def ui_text(key: str, languages: tuple[str, ...], **fields: object) -> dict[str, str]:
    """One entry in every language, ``{placeholders}`` filled from ``fields``.

    A ``database`` field is a state database's slug, named in each language.
    """
    out = {}
    for lang in languages:
        values = dict(fields)
        if isinstance(values.get("database"), str):
            values["database"] = database(str(values["database"]), lang)
        out[lang] = words(lang)[key].format(**values)
    return out
