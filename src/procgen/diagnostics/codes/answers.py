"""PG6xx: answers given to ``procgen quote`` (and to the generated API) that break the rules."""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

_EXAMPLE = '{"child_full_name": "Nguyễn Văn An", "child_dob": "2026-01-05"}'

CODES = (
    Code("PG601", "error", "answer-unknown-field", "'{name}' is not a field of '{procedure}'{suggestion}",
         "An answer names a field the procedure does not have.",
         _EXAMPLE,
         "Use the field ids of the procedure (the message suggests the closest one).",
         vi=Worded("'{name}' không phải là trường của '{procedure}'{suggestion}",
                   'Một câu trả lời ghi tên một trường mà thủ tục không có.',
                   'Dùng mã trường (id) của thủ tục (thông báo gợi ý mã gần nhất).')),
    Code("PG602", "error", "answer-wrong-type", "answer to '{field}' must be {expected}, not {found}",
         "An answer has the wrong type for its field (dates are written \"YYYY-MM-DD\").",
         '{"extra_copies": "two"}',
         "Write the answer in the field's type: a number, true/false, a \"YYYY-MM-DD\" date, "
         "a list for multichoice, a list of objects for a group.",
         vi=Worded("câu trả lời cho '{field}' phải là {expected}, không phải {found}",
                   'Một câu trả lời sai kiểu so với trường của nó (ngày viết dạng "YYYY-MM-DD").',
                   'Viết câu trả lời đúng kiểu của trường: một số, true/false, một ngày "YYYY-MM-DD", một danh sách cho câu hỏi chọn nhiều, một danh sách đối tượng cho một nhóm.')),
    Code("PG603", "error", "answer-not-an-option", "'{value}' is not an option of '{field}'{suggestion}",
         "A choice answer that is not one of the field's options.",
         '{"child_sex": "mail"}',
         "Use one of the option values of the field's list.",
         vi=Worded("'{value}' không phải là một lựa chọn của '{field}'{suggestion}",
                   'Một câu trả lời cho câu hỏi lựa chọn mà không thuộc các lựa chọn của trường.',
                   'Dùng một trong các giá trị lựa chọn trong danh sách của trường.')),
    Code("PG604", "error", "answer-missing", "'{field}' is required: {label}",
         "A required question (given the other answers) has no answer.",
         '{}    # child_full_name is required',
         "Answer the question.",
         vi=Worded("'{field}' là bắt buộc: {label}",
                   'Một câu hỏi bắt buộc (theo các câu trả lời khác) chưa được trả lời.',
                   'Trả lời câu hỏi đó.')),
    Code("PG605", "error", "answer-constraint", "answer to '{field}' is not accepted: {message}",
         "An answer breaks the field's `constraint`; the message is the procedure's own.",
         '{"child_date_of_birth": "2999-01-01"}',
         "Correct the answer as the message says.",
         vi=Worded("câu trả lời cho '{field}' không được chấp nhận: {message}",
                   'Một câu trả lời vi phạm `constraint` của trường; thông báo là lời của chính thủ tục.',
                   'Sửa câu trả lời theo thông báo.')),
    Code("PG606", "error", "answer-out-of-bounds", "answer to '{field}' {problem}",
         "An answer outside the field's min/max, length limits or pattern.",
         '{"extra_copies": 50}    # max: 10',
         "Give an answer within the limits the message names.",
         vi=Worded("câu trả lời cho '{field}' {problem}",
                   'Một câu trả lời nằm ngoài min/max, giới hạn độ dài hoặc mẫu (pattern) của trường.',
                   'Đưa câu trả lời nằm trong giới hạn mà thông báo nêu.')),
    Code("PG607", "error", "answer-repeat-count", "'{field}' has {count} entries; {problem}",
         "A repeated group with fewer or more entries than its `repeat: {min, max}` allows.",
         '{"children": []}    # repeat: {min: 1}',
         "Add or remove entries.",
         vi=Worded("'{field}' có {count} mục; {problem}",
                   'Một nhóm lặp lại có ít hơn hoặc nhiều hơn số mục mà `repeat: {min, max}` cho phép.',
                   'Thêm hoặc bớt mục.')),
    Code("PG608", "error", "answer-national-id", "'{value}' is not a valid personal ID number for '{field}': {problem}",
         "A national_id answer that is not a 12-digit Vietnamese personal identification number.",
         '{"applicant_national_id": "12345"}',
         "Write the 12 digits of the personal ID number (số định danh cá nhân), as text.",
         vi=Worded("'{value}' không phải là số định danh cá nhân hợp lệ cho '{field}': {problem}",
                   'Một câu trả lời national_id không phải là số định danh cá nhân 12 chữ số của Việt Nam.',
                   'Viết đủ 12 chữ số của số định danh cá nhân, dưới dạng chữ (trong dấu nháy kép).')),
    Code("PG609", "warning", "answer-not-asked", "'{field}' is not asked with these answers, so its answer is ignored",
         "An answer to a question whose `when` is false: it is dropped, as the form would. It "
         "must still fit its question (type, bounds, a group's entries), as the API checks "
         "every answer it is sent; a misfit is reported beside this warning.",
         '{"is_late": false, "late_reason": "..."}',
         "Remove the answer, or check the answers that decide whether it is asked.",
         vi=Worded("với các câu trả lời này, '{field}' không được hỏi nên câu trả lời của nó bị bỏ qua",
                   'Câu trả lời cho một câu hỏi có `when` sai: câu trả lời bị bỏ, như biểu mẫu vẫn làm. Nó vẫn phải hợp với câu hỏi (kiểu, giới hạn, các mục của nhóm), vì API kiểm tra mọi câu trả lời được gửi tới; chỗ không hợp được báo kèm cảnh báo này.',
                   'Xóa câu trả lời, hoặc kiểm tra các câu trả lời quyết định việc câu hỏi có được hỏi hay không.')),
    Code("PG610", "error", "answers-not-json", "the answers are not JSON: {problem}",
         "The answers file is not JSON (RFC 8259): a syntax error, a trailing comma, a comment, "
         "single quotes, `NaN` or `Infinity`.",
         '{"copies": 2, "purpose": \'Du lịch\',}',
         "Write the answers as a JSON object, texts in double quotes, no trailing comma "
         "(`json.dumps` or any JSON library writes it right).",
         vi=Worded('các câu trả lời không phải JSON: {problem}',
                   'Tệp câu trả lời không phải JSON (RFC 8259): lỗi cú pháp, dấu phẩy thừa ở cuối, chú thích, dấu nháy đơn, `NaN` hoặc `Infinity`.',
                   'Viết các câu trả lời thành một đối tượng JSON, chữ đặt trong dấu nháy kép, không có dấu phẩy thừa ở cuối (`json.dumps` hay bất kỳ thư viện JSON nào cũng viết đúng).')),
    Code("PG611", "error", "answers-ambiguous-json", "{problem}",
         "JSON that readers disagree about, refused as I-JSON (RFC 7493) refuses it: a key given "
         "twice in one object, a whole number beyond ±(2^53 − 1) or a number beyond a double, "
         "a lone surrogate escape; or a top level that is not an object, or nesting deeper than "
         "answers need.",
         '{"copies": 1, "copies": 2}',
         "Give each answer once, as a JSON object of field id → answer, with numbers a double "
         "holds exactly.",
         vi=Worded('{problem}',
                   'JSON mà các trình đọc hiểu khác nhau, bị từ chối như I-JSON (RFC 7493) từ chối: một khóa ghi hai lần trong một đối tượng, một số nguyên vượt ±(2^53 − 1) hay một số vượt kiểu double, một mã thoát surrogate đơn lẻ; hoặc cấp ngoài cùng không phải đối tượng, hoặc lồng sâu hơn mức câu trả lời cần.',
                   'Ghi mỗi câu trả lời một lần, thành một đối tượng JSON gồm mã trường → câu trả lời, với các số mà kiểu double giữ được chính xác.')),
)
