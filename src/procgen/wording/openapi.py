"""The words of the OpenAPI target's drafts operations (merged into
:data:`procgen.wording.catalogue.TEXTS`): their summaries and descriptions, the ``Draft``
schemas' and the responses'. Descriptions are CommonMark: a ``{title}`` is escaped by the
target (:func:`procgen.targets.openapi.procedure.md`); summaries are plain text."""

from __future__ import annotations

OPENAPI_TEXTS: dict[str, dict[str, str]] = {
    # ---- the tag and the operations ------------------------------------------------------
    "openapi_drafts_tag": {
        "vi": "Bản nháp: câu trả lời lưu lại để làm tiếp sau, mở lại bằng mã của bản nháp.",
        "en": "Drafts: answers saved to continue later, resumed by the draft's token."},
    "openapi_draft_save_summary": {"vi": "Lưu bản nháp: {title}",
                                   "en": "Save a draft: {title}"},
    "openapi_draft_save_description": {
        "vi": "Lưu những câu trả lời đã có cho “{title}” và trả về một bản nháp mới cùng mã "
              "`token` của nó (đường dẫn trong `Location`). Không cần đăng nhập: ai có mã "
              "đều mở được bản nháp, vì vậy chỉ đưa mã cho người nộp hồ sơ. Câu trả lời không "
              "thuộc câu hỏi nào bị bỏ đi; các câu trả lời còn lại được lưu nguyên như đã gửi, "
              "chưa kiểm tra; tệp không được lưu. Bản nháp hết hạn sau 30 ngày kể từ lần lưu "
              "cuối.",
        "en": "Saves the answers so far to “{title}” and answers a new draft with its `token` "
              "(its URL in `Location`). No login: whoever holds the token can resume the "
              "draft, so give it to the applicant alone. Answers to no question are dropped; "
              "the others are kept as sent, unchecked; files are never kept. A draft expires "
              "30 days after it was last saved."},
    "openapi_draft_get_summary": {"vi": "Mở lại một bản nháp", "en": "Resume a draft"},
    "openapi_draft_get_description": {
        "vi": "Câu trả lời đã lưu trong bản nháp, và bước đang làm dở. Không cần đăng nhập: "
              "mã của bản nháp là bí mật.",
        "en": "The answers saved in the draft, and the step the applicant was on. No login: "
              "the draft's token is the secret."},
    "openapi_draft_put_summary": {"vi": "Lưu lại một bản nháp", "en": "Save a draft again"},
    "openapi_draft_put_description": {
        "vi": "Thay câu trả lời và bước của bản nháp bằng những gì được gửi, và tính lại hạn "
              "30 ngày. Thủ tục của bản nháp quyết định câu trả lời nào được giữ (câu trả lời "
              "không thuộc câu hỏi nào bị bỏ đi). Không cần đăng nhập.",
        "en": "Replaces the draft's answers and step with those sent, and starts its 30 days "
              "again. The draft's procedure decides which answers are kept (answers to no "
              "question are dropped). No login."},
    "openapi_draft_delete_summary": {"vi": "Xóa một bản nháp", "en": "Delete a draft"},
    "openapi_draft_delete_description": {
        "vi": "Xóa bản nháp; mã của nó không dùng được nữa. Không cần đăng nhập.",
        "en": "Forgets the draft; its token no longer works. No login."},
    "openapi_draft_token_parameter": {
        "vi": "Mã của bản nháp, do thao tác lưu bản nháp trả về (32 byte ngẫu nhiên, "
              "base64url).",
        "en": "The draft's token, as saving the draft answered it (32 random bytes, "
              "base64url)."},
    # ---- request bodies and responses ----------------------------------------------------
    "openapi_draft_body": {
        "vi": "Câu trả lời đến lúc này (một phần câu trả lời của hồ sơ) và bước đang làm dở.",
        "en": "The answers so far (a part of the application's answers) and the step the "
              "applicant is on."},
    "openapi_draft_saved": {"vi": "Đã lưu: bản nháp mới, tại đường dẫn trong `Location`.",
                            "en": "Saved: the new draft, at the URL in `Location`."},
    "openapi_draft_location": {"vi": "Đường dẫn của bản nháp mới.",
                               "en": "The URL of the new draft."},
    "openapi_draft_found": {"vi": "Bản nháp.", "en": "The draft."},
    "openapi_draft_updated": {"vi": "Đã lưu: bản nháp, với hạn mới.",
                              "en": "Saved: the draft, with its new expiry."},
    "openapi_draft_deleted": {"vi": "Đã xóa bản nháp.", "en": "The draft is deleted."},
    "openapi_draft_not_found": {
        "vi": "Không có bản nháp này: mã không đúng, hoặc bản nháp đã hết hạn hay đã bị xóa.",
        "en": "No such draft: the token is unknown, or the draft expired or was deleted."},
    "openapi_procedure_not_found": {
        "vi": "Cổng không còn cung cấp thủ tục này.",
        "en": "The portal no longer offers this procedure."},
    "openapi_draft_invalid": {
        "vi": "Nội dung không phải một bản nháp: chỉ có `answers` (một đối tượng) và `step` "
              "(chuỗi tối đa 64 ký tự, hoặc null); `errors` liệt kê từng lỗi.",
        "en": "The body is not a draft: only `answers` (an object) and `step` (a text of at "
              "most 64 characters, or null); `errors` lists every problem."},
    # ---- the schemas ---------------------------------------------------------------------
    "openapi_draft_schema": {
        "vi": "Một bản nháp đã lưu: câu trả lời như đã gửi (câu trả lời không thuộc câu hỏi "
              "nào đã bị bỏ đi), bước đang làm dở, lúc lưu và lúc hết hạn.",
        "en": "A saved draft: the answers as sent (answers to no question dropped), the step "
              "the applicant was on, when it was saved and when it expires."},
    "openapi_draft_save_schema": {
        "vi": "Những gì một bản nháp lưu: `answers` (bắt buộc) và `step`.",
        "en": "What a draft saves: `answers` (required) and `step`."},
    "openapi_draft_answers_schema": {
        "vi": "Câu trả lời đến lúc này cho “{title}”: như câu trả lời của hồ sơ, nhưng câu nào "
              "cũng có thể bỏ trống và không có quy tắc nào được kiểm tra.",
        "en": "The answers so far to “{title}”: as the application's answers, but any may be "
              "left out and no rule is checked."},
    "openapi_draft_token": {"vi": "Mã của bản nháp: ai có mã đều mở được bản nháp.",
                            "en": "The draft's token: whoever holds it can resume the draft."},
    "openapi_draft_procedure": {"vi": "Mã thủ tục của bản nháp.",
                                "en": "The id of the draft's procedure."},
    "openapi_draft_revision": {"vi": "Phiên bản của thủ tục khi bản nháp được lưu.",
                               "en": "The procedure's revision when the draft was saved."},
    "openapi_draft_answers": {
        "vi": "Câu trả lời đã lưu: mã câu hỏi → giá trị, như trong câu trả lời của hồ sơ.",
        "en": "The answers saved: field id → value, as in the application's answers."},
    "openapi_draft_step": {
        "vi": "Bước của biểu mẫu đang làm dở (`id` của một bước, hoặc `check`); null: chưa "
              "bắt đầu.",
        "en": "The step of the form the applicant was on (a step's `id`, or `check`); null: "
              "not started."},
    "openapi_draft_saved_at": {"vi": "Lúc lưu lần cuối (UTC).",
                               "en": "When it was last saved (UTC)."},
    "openapi_draft_expires_at": {"vi": "Lúc hết hạn: 30 ngày sau lần lưu cuối (UTC).",
                                 "en": "When it expires: 30 days after it was last saved "
                                       "(UTC)."},
}
