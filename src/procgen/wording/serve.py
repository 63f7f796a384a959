"""The words of ``procgen serve`` (merged into :data:`procgen.wording.catalogue.TEXTS`): the
API's problem details and field errors, the no-JavaScript receipt pages, the author's preview
(index, diagnostics, submissions) and the command's own lines."""

from __future__ import annotations

SERVE_TEXTS: dict[str, dict[str, str]] = {
    # ---- field errors the document checks add to the answers' PG6xx ------------------------
    "serve_document_type": {
        "vi": "“{document}” phải là tệp {accept}; tệp đã gửi là {found}.",
        "en": "“{document}” must be {accept}; the file sent is {found}."},
    "serve_type_unknown": {"vi": "loại không nhận ra", "en": "of a type not recognised"},
    "serve_document_unknown": {"vi": "Thủ tục này không có giấy tờ “{document}” để tải lên.",
                               "en": "This procedure has no document “{document}” to upload."},
    "serve_document_too_large": {"vi": "“{document}” lớn hơn {mb} MB cho phép.",
                                 "en": "“{document}” is over the {mb} MB allowed."},
    "serve_draft_not_object": {"vi": "“answers” phải là một đối tượng JSON.",
                               "en": "“answers” must be a JSON object."},
    "serve_draft_bad_step": {"vi": "“step” phải là chuỗi tối đa 64 ký tự hoặc null.",
                             "en": "“step” must be a text of at most 64 characters, or null."},
    "serve_draft_unknown_key": {"vi": "Không có mục “{name}” trong bản nháp.",
                                "en": "A draft has no “{name}”."},
    "serve_answers_not_object": {"vi": "Câu trả lời phải là một đối tượng JSON.",
                                 "en": "The answers must be a JSON object."},
    # ---- problem details (RFC 9457): title and detail by status ---------------------------
    "serve_invalid_application": {"vi": "Hồ sơ có {n} lỗi.",
                                  "en": "Problems with the application: {n}."},
    "serve_invalid_answers": {"vi": "Câu trả lời có {n} lỗi.",
                              "en": "Problems with the answers: {n}."},
    "serve_unreadable": {"vi": "Không đọc được yêu cầu: {reason}.",
                         "en": "The request cannot be read: {reason}."},
    "serve_too_large": {"vi": "Yêu cầu quá lớn: {reason}.",
                        "en": "The request is too large: {reason}."},
    "serve_unsupported": {"vi": "Nội dung phải có kiểu {expected}.",
                          "en": "The body must be {expected}."},
    "serve_unauthorized": {
        "vi": "Cần đăng nhập: gửi “Authorization: Bearer …”, hoặc gửi từ biểu mẫu do máy chủ "
              "này phục vụ.",
        "en": "A login is needed: send “Authorization: Bearer …”, or submit from a form this "
              "server served."},
    "serve_forbidden": {"vi": "Hồ sơ này không phải của bạn.",
                        "en": "This application is not yours."},
    "serve_not_found": {"vi": "Không tìm thấy.", "en": "Not found."},
    "serve_draft_not_found": {"vi": "Không có bản nháp này, hoặc bản nháp đã hết hạn.",
                              "en": "No such draft, or it has expired."},
    "serve_not_acceptable": {"vi": "Chỉ trả lời được {offered}.",
                             "en": "Only {offered} can be answered."},
    "serve_timeout": {"vi": "Yêu cầu quá thời gian cho phép; hãy thử lại.",
                      "en": "The request took too long; try again."},
    "serve_server_error": {"vi": "Lỗi máy chủ; hồ sơ chưa được lưu.",
                           "en": "A server error; nothing was stored."},
    "serve_bad_query": {"vi": "Tham số không hợp lệ: {reason}",
                        "en": "A parameter is not valid: {reason}"},
    # ---- the receipt pages a form posted without JavaScript gets ---------------------------
    "serve_received_title": {"vi": "Đã nhận hồ sơ", "en": "Application received"},
    "serve_received_body": {"vi": "Mã hồ sơ của bạn là {id}. Hãy giữ mã này để tra cứu.",
                            "en": "Your application number is {id}. Keep it to look it up."},
    "serve_received_due": {"vi": "Hạn trả kết quả: {due}.", "en": "The result is due on {due}."},
    "serve_refused_title": {"vi": "Hồ sơ chưa gửi được", "en": "The application was not sent"},
    "serve_refused_intro": {"vi": "Hãy sửa những lỗi sau rồi gửi lại:",
                            "en": "Fix these problems, then send it again:"},
    "serve_back": {"vi": "Quay lại biểu mẫu", "en": "Back to the form"},
    # ---- the author's preview --------------------------------------------------------------
    "serve_index_title": {"vi": "Xem trước các thủ tục", "en": "Procedures preview"},
    "serve_index_intro": {
        "vi": "Mỗi biểu mẫu được biên dịch từ thư mục {root}. Khi lưu tệp, trang đang mở sẽ tự "
              "tải lại.",
        "en": "Each form is compiled from {root}. When a file is saved, the open page reloads "
              "itself."},
    "serve_index_procedure": {"vi": "Thủ tục", "en": "Procedure"},
    "serve_index_forms": {"vi": "Biểu mẫu", "en": "Forms"},
    "serve_index_locality": {"vi": "Xem như trang của địa phương",
                             "en": "Preview as a locality's site"},
    "serve_index_national": {"vi": "Toàn quốc", "en": "National"},
    "serve_index_show": {"vi": "Xem", "en": "Show"},
    "serve_broken_title": {"vi": "Tệp có lỗi", "en": "Files with errors"},
    "serve_broken_intro": {
        "vi": "Biểu mẫu sẽ hiện lại khi các lỗi dưới đây được sửa và tệp được lưu.",
        "en": "The form comes back once the errors below are fixed and the file is saved."},
    "serve_shared_files": {"vi": "tệp dùng chung", "en": "shared files"},
    "serve_submissions_title": {"vi": "Hồ sơ đã gửi thử", "en": "Test submissions"},
    "serve_submissions_intro": {
        "vi": "Những gì mỗi lần gửi thử đã gửi và máy chủ đã quyết định (mới nhất trước).",
        "en": "What each test submission sent and what the server decided (newest first)."},
    "serve_submissions_none": {"vi": "Chưa có hồ sơ nào được gửi.",
                               "en": "Nothing has been submitted yet."},
    "serve_accepted": {"vi": "Chấp nhận: {id}", "en": "Accepted: {id}"},
    "serve_refused": {"vi": "Từ chối ({status})", "en": "Refused ({status})"},
    "serve_sent_answers": {"vi": "Câu trả lời đã gửi", "en": "Answers sent"},
    "serve_sent_files": {"vi": "Tệp đã gửi", "en": "Files sent"},
    # ---- the command -----------------------------------------------------------------------
    "serve_listening": {"vi": "procgen serve: {what} tại {url} (Ctrl+C để dừng)",
                        "en": "procgen serve: {what} at {url} (Ctrl+C to stop)"},
    "serve_what_preview": {"vi": "xem trước và API", "en": "preview and API"},
    "serve_what_api": {"vi": "API", "en": "the API"},
    "serve_reloaded": {"vi": "đã biên dịch lại {procedures} ({ms} ms)",
                       "en": "recompiled {procedures} ({ms} ms)"},
    "serve_needs_extra": {"vi": "procgen serve cần thêm thư viện: pip install 'procgen[serve]' "
                                "({missing})",
                          "en": "procgen serve needs its libraries: pip install "
                                "'procgen[serve]' ({missing})"},
    "serve_no_locality": {"vi": "không có địa phương “{locality}”{suggestion}",
                          "en": "no locality '{locality}'{suggestion}"},
    "serve_database_failed": {"vi": "không mở được cơ sở dữ liệu {database}: {reason}",
                              "en": "cannot open the database {database}: {reason}"},
    "serve_broken_start": {"vi": "{n} tệp có lỗi; trang xem trước hiện các lỗi đó",
                           "en": "{n} files have errors; the preview shows them"},
}
