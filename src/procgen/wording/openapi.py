"""The words of the OpenAPI target (merged into :data:`procgen.wording.catalogue.TEXTS`):
every operation's summary and description, its parameters', request bodies' and responses',
the shared problem responses', the tags', and the schemas' own prose (the drafts' included).
Descriptions are CommonMark: a ``{title}`` is escaped by the target
(:func:`procgen.targets.openapi.procedure.md`), a ``{condition}`` is inline code; summaries
are plain text."""

from __future__ import annotations

OPENAPI_TEXTS: dict[str, dict[str, str]] = {
    # ---- the tag and the operations ------------------------------------------------------
    "openapi_draft_save_summary": {"vi": "Lưu bản nháp: {title}",
                                   "en": "Save a draft: {title}"},
    "openapi_draft_save_description": {
        "vi": "Lưu những câu trả lời đã có cho “{title}” và trả về một bản nháp mới cùng mã "
              "`token` của nó (đường dẫn trong `Location`). Không cần đăng nhập: ai có mã "
              "đều mở được bản nháp, vì vậy chỉ đưa mã cho người nộp hồ sơ. Mỗi câu trả lời "
              "phải thuộc một câu hỏi, đúng kiểu của câu hỏi và là một trong các lựa chọn của "
              "nó; câu trả lời đã đầy đủ chưa, có bắt buộc không, có trong giới hạn không chỉ "
              "được kiểm tra khi nộp hồ sơ. Tệp không được lưu. Bản nháp hết hạn sau 30 ngày "
              "kể từ lần lưu cuối.",
        "en": "Saves the answers so far to “{title}” and answers a new draft with its `token` "
              "(its URL in `Location`). No login: whoever holds the token can resume the "
              "draft, so give it to the applicant alone. Every answer must be to one of the "
              "questions, of its type and one of its options; whether it is complete, "
              "required or within its bounds is checked only when the application is filed. "
              "Files are never kept. A draft expires 30 days after it was last saved."},
    "openapi_draft_get_summary": {"vi": "Mở lại bản nháp: {title}",
                                  "en": "Resume a draft: {title}"},
    "openapi_draft_get_description": {
        "vi": "Câu trả lời đã lưu trong một bản nháp của “{title}”, và bước đang làm dở. Không "
              "cần đăng nhập: mã của bản nháp là bí mật.",
        "en": "The answers saved in a draft of “{title}”, and the step the applicant was on. "
              "No login: the draft's token is the secret."},
    "openapi_draft_put_summary": {"vi": "Lưu lại bản nháp: {title}",
                                  "en": "Save a draft again: {title}"},
    "openapi_draft_put_description": {
        "vi": "Thay câu trả lời và bước của một bản nháp của “{title}” bằng những gì được "
              "gửi, kiểm tra như khi lưu lần đầu, và tính lại hạn 30 ngày. Không cần đăng "
              "nhập.",
        "en": "Replaces the answers and step of a draft of “{title}” with those sent, checked "
              "as on the first save, and starts its 30 days again. No login."},
    "openapi_draft_delete_summary": {"vi": "Xóa bản nháp: {title}",
                                     "en": "Delete a draft: {title}"},
    "openapi_draft_delete_description": {
        "vi": "Xóa một bản nháp của “{title}”; mã của nó không dùng được nữa. Không cần đăng "
              "nhập.",
        "en": "Forgets a draft of “{title}”; its token no longer works. No login."},
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
        "vi": "Không có bản nháp này: mã không đúng hoặc thuộc thủ tục khác, hoặc bản nháp đã "
              "hết hạn hay đã bị xóa.",
        "en": "No such draft: the token is unknown or another procedure's, or the draft "
              "expired or was deleted."},
    "openapi_procedure_not_found": {
        "vi": "Cổng không còn cung cấp thủ tục này.",
        "en": "The portal no longer offers this procedure."},
    "openapi_draft_invalid": {
        "vi": "Nội dung không phải một bản nháp của thủ tục: chỉ có `answers` (một đối tượng, "
              "mỗi câu trả lời thuộc một câu hỏi, đúng kiểu và là một lựa chọn của nó) và "
              "`step` (chuỗi tối đa 64 ký tự, hoặc null); `errors` liệt kê từng lỗi.",
        "en": "The body is not a draft of the procedure: only `answers` (an object, each "
              "answer to one of the questions, of its type and one of its options) and `step` "
              "(a text of at most 64 characters, or null); `errors` lists every problem."},
    # ---- the schemas ---------------------------------------------------------------------
    "openapi_draft_schema": {
        "vi": "Một bản nháp đã lưu: câu trả lời như đã gửi, bước đang làm dở, lúc lưu và lúc "
              "hết hạn.",
        "en": "A saved draft: the answers as sent, the step the applicant was on, when it was "
              "saved and when it expires."},
    "openapi_draft_save_schema": {
        "vi": "Những gì một bản nháp lưu: `answers` (bắt buộc) và `step`.",
        "en": "What a draft saves: `answers` (required) and `step`."},
    "openapi_draft_answers_schema": {
        "vi": "Câu trả lời đến lúc này cho “{title}”: như câu trả lời của hồ sơ, nhưng câu nào "
              "cũng có thể bỏ trống, và chỉ kiểu và lựa chọn của mỗi câu được kiểm tra (không "
              "kiểm tra định dạng, giới hạn, số mục hay quy tắc).",
        "en": "The answers so far to “{title}”: as the application's answers, but any may be "
              "left out, and only each answer's type and options are checked (not its shape, "
              "bounds, number of entries or rules)."},
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
    # ==== every other text of the spec (the older operations and the shared parts) ========
    # ---- the document: info, servers, tags, security --------------------------------------
    "openapi_generated": {
        "vi": "Do procgen sinh ra từ tệp YAML của thủ tục; không sửa trực tiếp. Các quy tắc có "
              "điều kiện nằm trong `x-procgen-rules` (JSON Logic), các ngôn ngữ khác trong "
              "`x-procgen-i18n`.",
        "en": "Generated by procgen from the procedure's YAML; do not edit. Conditional rules "
              "are in `x-procgen-rules` (JSON Logic), other languages in `x-procgen-i18n`."},
    "openapi_server": {"vi": "API của cổng.", "en": "The portal's API."},
    "openapi_procedures_tag": {"vi": "Các thủ tục của cổng.", "en": "The portal's procedures."},
    "openapi_applications_tag": {"vi": "Hồ sơ đã nộp.", "en": "Applications already filed."},
    "openapi_bearer": {
        "vi": "Tài khoản đăng nhập của cổng (ví dụ VNeID): mã xác định công dân hoặc tổ chức "
              "nộp hồ sơ.",
        "en": "The portal's login (for example VNeID): a token that identifies the citizen or "
              "organisation applying."},
    # ---- GET /procedures and GET /applications/{application_id} ---------------------------
    "openapi_list_summary": {"vi": "Danh sách thủ tục của cổng",
                             "en": "List the portal's procedures"},
    "openapi_list_description": {
        "vi": "Mọi thủ tục cổng cung cấp, kèm phiên bản của từng thủ tục.",
        "en": "Every procedure the portal offers, with its revision."},
    "openapi_list_found": {"vi": "Các thủ tục.", "en": "The procedures."},
    "openapi_status_summary": {"vi": "Tra cứu tình trạng hồ sơ",
                               "en": "Where an application stands"},
    "openapi_status_description": {
        "vi": "Tình trạng của một hồ sơ đã nộp theo bất kỳ thủ tục nào; chỉ người nộp hồ sơ "
              "(hoặc cán bộ) được xem.",
        "en": "The status of an application filed with any procedure; only the applicant (or "
              "staff) may see it."},
    "openapi_status_parameter": {"vi": "Mã hồ sơ được trả về khi nộp hồ sơ.",
                                 "en": "The id returned when the application was filed."},
    "openapi_status_found": {"vi": "Tình trạng của hồ sơ.", "en": "The status."},
    # ---- a procedure's operations ---------------------------------------------------------
    "openapi_describe_summary": {"vi": "Thông tin thủ tục: {title}",
                                 "en": "Describe the procedure: {title}"},
    "openapi_describe_description": {
        "vi": "Thông tin công khai của “{title}”: thành phần hồ sơ, phí và lệ phí, cách thức "
              "thực hiện, thời hạn giải quyết, trình tự thực hiện và căn cứ pháp lý, bằng mọi "
              "ngôn ngữ của cổng.",
        "en": "The public description of “{title}”: documents, fees, channels, processing "
              "times, steps and legal basis, in every language."},
    "openapi_described": {"vi": "Thông tin thủ tục.", "en": "The description."},
    "openapi_submit_summary": {"vi": "Nộp hồ sơ: {title}",
                               "en": "Submit an application: {title}"},
    "openapi_submit_description": {
        "vi": "Nộp hồ sơ “{title}”. Mỗi câu trả lời là một phần của biểu mẫu: text/plain (số "
              "viết dạng thập phân, có/không là `true`/`false`, ngày là `YYYY-MM-DD`); câu hỏi "
              "chọn nhiều là một phần cho mỗi giá trị đã chọn; một nhóm là một phần cho mỗi "
              "mục, cùng mang mã của nhóm, mỗi phần chứa JSON của mục đó; mỗi giấy tờ là một "
              "phần tệp, có kiểu là một trong `x-procgen-accept` và dung lượng không quá "
              "`x-procgen-max-size-mb`. Máy chủ kiểm tra lược đồ và từng quy tắc trong "
              "`x-procgen-rules`, và trả về 422 liệt kê mọi lỗi.",
        "en": "Files an application for “{title}”. Every answer is a form part: text/plain "
              "(numbers in decimal, booleans `true`/`false`, dates `YYYY-MM-DD`); a multiple "
              "choice is one part per chosen value; a group is one part per entry, all named "
              "by the group id, each holding the entry's JSON; every document is a file part "
              "whose type must be one of its `x-procgen-accept` and whose size is at most "
              "`x-procgen-max-size-mb`. The server checks the schema and every "
              "`x-procgen-rules` entry and answers 422 listing all problems."},
    "openapi_application_body": {
        "vi": "Hồ sơ: một phần cho mỗi câu trả lời (một phần cho mỗi mục của một nhóm, một phần "
              "cho mỗi giá trị đã chọn của câu hỏi chọn nhiều) và một phần tệp cho mỗi giấy "
              "tờ, như `encoding` quy định.",
        "en": "The application: one part per answer (one per entry of a group, one per chosen "
              "value of a multiple choice) and one file part per document, as `encoding` "
              "says."},
    "openapi_application_example": {"vi": "Một hồ sơ đầy đủ", "en": "A complete application"},
    "openapi_received": {
        "vi": "Đã tiếp nhận: tình trạng của hồ sơ, tại đường dẫn trong `Location`.",
        "en": "Received: the application's status, at the URL in `Location`."},
    "openapi_received_location": {"vi": "Đường dẫn đến tình trạng của hồ sơ vừa nộp.",
                                  "en": "The URL of the new application's status."},
    "openapi_quote_summary": {"vi": "Tính phí, lệ phí và thời hạn giải quyết: {title}",
                              "en": "Quote fees and processing time: {title}"},
    "openapi_quote_description": {
        "vi": "Kết quả của `procgen quote` cho các câu trả lời này về “{title}”: các khoản phí, "
              "lệ phí áp dụng vào ngày hiện tại của máy chủ, theo một cách thức nộp và, nếu "
              "có, một địa phương.",
        "en": "What `procgen quote` prints for these answers to “{title}”: the fees that apply "
              "on the server's today, for a channel and optionally a locality."},
    "openapi_quote_channel": {"vi": "Cách thức nộp hồ sơ.", "en": "How the application is made."},
    "openapi_quote_locality": {
        "vi": "Địa phương (ví dụ `ha-noi`) có mức phí được áp dụng; nếu không nêu, các khoản "
              "phí do từng địa phương quy định được liệt kê với `amount: null` và tổng là null "
              "(`complete: false`, phần đã biết trong `known_total`). Khi câu trả lời cho biết "
              "tỉnh, thành phố (câu hỏi về địa phương của thủ tục), địa phương đó được áp "
              "dụng.",
        "en": "The locality (e.g. `ha-noi`) whose fee amounts apply; without it, fees set by "
              "each locality are listed with `amount: null` and the total is null "
              "(`complete: false`, the known part in `known_total`). When the answers name the "
              "province (the procedure's locality question), that locality applies."},
    "openapi_quote_site": {
        "vi": "Địa phương có mức phí được áp dụng: địa phương của trang này, `{site}` (mặc "
              "định, và là giá trị duy nhất được nhận).",
        "en": "The locality whose fee amounts apply: this site's, `{site}` (the default, and "
              "the only one accepted)."},
    "openapi_answers_body": {"vi": "Câu trả lời, dạng JSON.", "en": "The answers, as JSON."},
    "openapi_quoted": {"vi": "Kết quả tính phí.", "en": "The quote."},
    "openapi_unprocessable": {
        "vi": "Câu trả lời hoặc tệp không đúng quy định của thủ tục (lược đồ hoặc "
              "`x-procgen-rules`); `errors` liệt kê từng lỗi, mỗi lỗi được chỉ vị trí bằng một "
              "JSON Pointer.",
        "en": "The answers or files break the procedure's rules (the schema or "
              "`x-procgen-rules`); `errors` lists every problem, each located by a JSON "
              "Pointer."},
    # ---- the shared problem responses -----------------------------------------------------
    "openapi_bad_request": {
        "vi": "Không đọc được yêu cầu (nội dung sai định dạng, hoặc một phần JSON không phải "
              "JSON).",
        "en": "The request cannot be read (a malformed body or a JSON part that is not JSON)."},
    "openapi_unauthorized": {
        "vi": "Chưa đăng nhập hợp lệ: gửi `Authorization: Bearer <token>`.",
        "en": "No valid login: send `Authorization: Bearer <token>`."},
    "openapi_forbidden": {
        "vi": "Tài khoản đăng nhập không được xem hoặc thao tác trên hồ sơ này.",
        "en": "The login may not see or act on this application."},
    "openapi_application_not_found": {"vi": "Không tìm thấy hồ sơ.",
                                      "en": "No such application."},
    "openapi_not_acceptable": {
        "vi": "Chỉ trả về được `application/json` (và `application/problem+json` khi có lỗi).",
        "en": "Only `application/json` (and `application/problem+json` for errors) can be "
              "returned."},
    "openapi_too_large": {
        "vi": "Yêu cầu, hoặc một tệp trong đó, lớn hơn mức cho phép; giới hạn của mỗi giấy tờ "
              "là `x-procgen-max-size-mb` của giấy tờ đó.",
        "en": "The request, or one file in it, is larger than allowed; each document's limit "
              "is its `x-procgen-max-size-mb`."},
    "openapi_unsupported": {
        "vi": "Kiểu nội dung của yêu cầu, hoặc kiểu của một tệp, không được chấp nhận.",
        "en": "The body's media type, or a file's type, is not one accepted."},
    "openapi_too_many": {
        "vi": "Quá nhiều yêu cầu; thử lại sau số giây trong `Retry-After`.",
        "en": "Too many requests; retry after `Retry-After` seconds."},
    "openapi_server_error": {"vi": "Máy chủ gặp lỗi; có thể gửi lại yêu cầu.",
                             "en": "The server failed; the request may be retried."},
    "openapi_unavailable": {
        "vi": "Dịch vụ tạm thời không phục vụ được (đang bảo trì, hoặc yêu cầu quá thời gian "
              "cho phép); thử lại sau `Retry-After`.",
        "en": "The service cannot answer now (down for maintenance, or the request took too "
              "long); retry after `Retry-After`."},
    "openapi_retry_after": {"vi": "Số giây cần chờ trước khi thử lại.",
                            "en": "Seconds to wait before retrying."},
    # ---- an answer's and a document's notes ------------------------------------------------
    "openapi_note_asked_when": {
        "vi": "Chỉ hỏi khi {condition}; nếu không, câu trả lời bị bỏ qua.",
        "en": "Asked only when {condition}; otherwise an answer is ignored."},
    "openapi_note_required_when": {"vi": "Bắt buộc khi {condition}.",
                                   "en": "Required when {condition}."},
    "openapi_note_required_when_asked": {"vi": "Bắt buộc khi được hỏi.",
                                         "en": "Required when asked."},
    "openapi_note_must_satisfy": {"vi": "Phải thỏa mãn {condition}.",
                                  "en": "Must satisfy {condition}."},
    "openapi_note_between": {"vi": "Từ {min} đến {max}.", "en": "Between {min} and {max}."},
    "openapi_note_accept": {"vi": "Loại tệp được nhận: {types}.",
                            "en": "Accepted types: {types}."},
    "openapi_note_max_size": {"vi": "Tối đa {mb} MB.", "en": "At most {mb} MB."},
    "openapi_note_needed_when": {"vi": "Chỉ cần khi {condition}.",
                                 "en": "Needed only when {condition}."},
    # ---- the schemas -----------------------------------------------------------------------
    "openapi_answers_schema": {
        "vi": "Câu trả lời cho “{title}”: mã câu hỏi → giá trị (ngày dạng YYYY-MM-DD, câu hỏi "
              "chọn nhiều là một danh sách, một nhóm là một danh sách đối tượng). Các quy tắc "
              "phụ thuộc vào câu trả lời khác nằm trong `x-procgen-rules`.",
        "en": "Answers to “{title}”: field id → value (dates YYYY-MM-DD, a multiple choice as "
              "a list, a group as a list of objects). Rules that depend on other answers are "
              "in `x-procgen-rules`."},
    "openapi_application_schema": {
        "vi": "Một hồ sơ “{title}”: một phần cho mỗi câu trả lời (một nhóm là một phần JSON "
              "cho mỗi mục, câu hỏi chọn nhiều là một phần cho mỗi lựa chọn, có/không là "
              "`true` hoặc `false`) và một phần tệp cho mỗi giấy tờ.",
        "en": "An application for “{title}”: one part per answer (a group as one JSON part per "
              "entry, a multiple choice as one part per choice, a boolean as `true` or "
              "`false`) and one file part per document."},
    "openapi_form_boolean": {
        "vi": "Câu trả lời có/không trong một phần của biểu mẫu multipart: đúng văn bản `true` "
              "hoặc `false` (trong đối tượng câu trả lời là JSON `true` hoặc `false`).",
        "en": "A yes/no answer as a part of a multipart form: the text `true` or `false`, "
              "exactly (in the answers object, the JSON `true` or `false`)."},
    "openapi_localized": {
        "vi": "Một văn bản bằng từng ngôn ngữ của cổng (khóa là mã ngôn ngữ).",
        "en": "A text in each of the portal's languages (keys are language codes)."},
    "openapi_duration": {
        "vi": "Thời hạn giải quyết: chỉ một trong ba `working_days` (ngày làm việc), `days` "
              "(ngày theo lịch, kể cả ngày nghỉ) hoặc `hours` (giờ).",
        "en": "A processing time: exactly one of `working_days`, `days` (calendar days, "
              "weekends included) or `hours`."},
    "openapi_problem": {
        "vi": "Thông tin lỗi (RFC 9457). `errors` liệt kê từng lỗi của câu trả lời hoặc tệp, "
              "mỗi lỗi được chỉ vị trí bằng một JSON Pointer trong đối tượng câu trả lời "
              "(`#/children/0/child_name`) hoặc nêu tên phần giấy tờ (`#/photo`).",
        "en": "Problem details (RFC 9457). `errors` lists every problem with the answers or "
              "files, each located by a JSON Pointer into the answers object "
              "(`#/children/0/child_name`) or naming the document part (`#/photo`)."},
    "openapi_field_error": {"vi": "Một lỗi của một câu trả lời hoặc một tệp.",
                            "en": "One problem with one answer or file."},
    "openapi_field_error_pointer": {
        "vi": "JSON Pointer (dạng phân đoạn URI) đến câu trả lời hoặc giấy tờ.",
        "en": "JSON Pointer (as a URI fragment) to the answer or document."},
    "openapi_field_error_rule": {
        "vi": "`id` của quy tắc trong `x-procgen-rules` không được thỏa mãn, nếu có.",
        "en": "The `id` of the `x-procgen-rules` entry that failed, if any."},
    "openapi_field_error_detail": {
        "vi": "Thông báo dễ đọc bằng ngôn ngữ được yêu cầu (`Accept-Language`), lấy từ "
              "`message` của quy tắc nếu có.",
        "en": "A readable message in the language asked for (`Accept-Language`), from the "
              "rule's `message` where there is one."},
    "openapi_description": {"vi": "Thông tin công khai của một thủ tục, như đã công bố.",
                            "en": "The public description of a procedure, as published."},
    "openapi_channel_time_cases": {
        "vi": "Thời hạn giải quyết khác trong một số trường hợp, theo câu trả lời của hồ sơ: "
              "trường hợp đầu tiên đúng được áp dụng, nếu không thì `processing_time`; "
              "`fee-quote` trả về thời hạn đã chọn.",
        "en": "Other processing times in some cases, decided by the application's answers: "
              "the first case that holds applies, otherwise `processing_time`; `fee-quote` "
              "returns the time that applies.",
    },
    "openapi_channel_results": {
        "vi": "Cách người nộp nhận kết quả theo cách thức này (bản điện tử có giá trị pháp lý, "
              "qua bưu chính, tại cơ quan); rỗng khi thủ tục không nêu.",
        "en": "How the result reaches the applicant on this channel (an electronic copy with "
              "legal value, by post, at the office); empty when the procedure does not say."},
    "openapi_fee_payment": {
        "vi": "Cách nộp phí: trực tuyến (nền tảng thanh toán của Cổng Dịch vụ công quốc gia), "
              "tại cơ quan, qua bưu chính.",
        "en": "How the fee can be paid: online (the national portal's payment platform), at "
              "the office, by post."},
    "openapi_fee_amount": {
        "vi": "Số tiền cố định (VND); null khi số tiền phụ thuộc vào câu trả lời (hãy yêu cầu "
              "tính phí) hoặc do từng địa phương quy định.",
        "en": "A fixed amount in VND; null when it depends on the answers (ask for a fee "
              "quote) or is set by each locality."},
    "openapi_localities": {
        "vi": "Chỉ có khi thủ tục khác nhau theo địa phương: mức phí của từng địa phương cho "
              "các khoản phí do địa phương quy định, và các cơ quan tiếp nhận (trên trang của "
              "một địa phương, chỉ địa phương đó). Mục có `placeholder` chưa được xác nhận: "
              "không bao giờ hiển thị như một mức phí thật.",
        "en": "Only when the procedure differs by locality: each locality's amounts for the "
              "fees it sets and its offices (on a locality's own site, that one). A "
              "`placeholder` is not yet confirmed: never show it as a real fee."},
    "openapi_local_source": {"vi": "Văn bản quy định mức phí.",
                             "en": "The act that sets the amount."},
    "openapi_confidence": {
        "vi": "Chỉ có khi {what} chưa có nguồn chắc chắn: nguồn yếu, suy luận, giá trị tạm, "
              "hoặc không có nguồn. Không bao giờ hiển thị như một thông tin chắc chắn.",
        "en": "Only when {what} is not sourced: only weakly sourced, inferred, a placeholder, "
              "or without a source. Never show it as a certain fact."},
    "openapi_the_amount": {"vi": "số tiền", "en": "the amount"},
    "openapi_the_processing_time": {"vi": "thời hạn giải quyết", "en": "the processing time"},
    "openapi_quote": {
        "vi": "Phí, lệ phí và thời hạn giải quyết cho các câu trả lời, đúng như `procgen "
              "quote` in ra: khoản không áp dụng bị bỏ đi; khoản được miễn được liệt kê với "
              "`exempt: true` và tính là 0; khoản do từng địa phương quy định được liệt kê với "
              "`amount: null` và không được cộng khi không nêu địa phương: khi đó `total` là "
              "null, `complete` là false và phần đã biết nằm trong `known_total`. Mức phí của "
              "địa phương chưa được xác nhận vẫn được cộng nhưng được đánh dấu "
              "`placeholder: true`, và kết quả có `provisional: true`.",
        "en": "Fees and processing time for the answers, exactly as `procgen quote` prints "
              "them: a fee that does not apply is left out; an exempt fee is listed with "
              "`exempt: true` and counts 0; a fee set by each locality is listed with "
              "`amount: null` and not counted when no locality is given: `total` is then null, "
              "`complete` false and the known part in `known_total`. A locality's amount not "
              "yet confirmed is counted but marked `placeholder: true`, and the quote "
              "`provisional: true`."},
    "openapi_quote_placeholder": {
        "vi": "Chỉ có khi là true (không bao giờ false): mức phí của địa phương là giá trị tạm, "
              "chưa được văn bản của địa phương xác nhận: không bao giờ hiển thị như một mức "
              "phí thật.",
        "en": "Only when true (never false): the locality's amount is a placeholder, not yet "
              "confirmed by its own act: never show it as a real fee."},
    "openapi_quote_source": {
        "vi": "Nguồn của số tiền: nguồn của khoản phí, hoặc văn bản quy định mức phí của địa "
              "phương.",
        "en": "Where the amount comes from: the fee's source, or the act that sets the "
              "locality's amount."},
    "openapi_quote_total": {"vi": "Tổng các số tiền; null khi có một số tiền chưa biết.",
                            "en": "The sum of the amounts; null when one is unknown."},
    "openapi_quote_known_total": {
        "vi": "Chỉ có khi `complete` là false: tổng các số tiền đã biết.",
        "en": "Only when `complete` is false: the sum of the known amounts."},
    "openapi_quote_complete": {"vi": "Mọi khoản phải nộp đều đã có số tiền.",
                               "en": "Every charged fee has an amount."},
    "openapi_quote_provisional": {
        "vi": "Chỉ có khi là true (không bao giờ false): có số tiền được cộng là giá trị tạm.",
        "en": "Only when true (never false): some counted amount is a placeholder."},
    "openapi_status": {"vi": "Tình trạng của một hồ sơ.", "en": "Where an application stands."},
    "openapi_status_step": {"vi": "`id` của bước đang thực hiện trong thủ tục.",
                            "en": "The `id` of the procedure step under way."},
    "openapi_status_due": {"vi": "Ngày hẹn trả kết quả, theo thời hạn giải quyết.",
                           "en": "When the result is due, from the processing time."},
}
