"""PG5xx: what a target cannot express.

Ranges: PG500–PG529 web, PG530–PG559 OpenAPI, PG560–PG589 mobile.
"""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

CODES: tuple[Code, ...] = (
    # --- web (PG500–PG529) ---
    Code("PG501", "warning", "web-no-interface-language",
         "web: no interface wording for language '{lang}'; the form's buttons and messages "
         "are shown in English",
         "The web form's own wording (buttons, progress, error messages) exists in Vietnamese "
         "and English only.",
         "# procgen.yaml\nlanguages: [vi, en, fr]",
         "Add the language's wording to `src/procgen/targets/web/i18n.py`, or drop the "
         "language.",
         vi=Worded("web: chưa có lời giao diện cho ngôn ngữ '{lang}'; nút bấm và thông báo của biểu mẫu hiện bằng tiếng Anh",
                   'Lời giao diện riêng của biểu mẫu web (nút bấm, tiến độ, thông báo lỗi) chỉ có tiếng Việt và tiếng Anh.',
                   'Thêm lời của ngôn ngữ đó vào `src/procgen/targets/web/i18n.py`, hoặc bỏ ngôn ngữ đó.')),
    Code("PG502", "warning", "web-unsafe-link",
         "web: legal basis link '{url}' is not an http(s) address; it is shown as text",
         "Only `http://` and `https://` links become links in the web form, so a "
         "`javascript:` or relative address can never run or mislead.",
         "legal_basis:\n  - {title: Luật, number: 1/2025/QH15, url: \"javascript:alert(1)\"}",
         "Use the full `https://` address of the published text.",
         vi=Worded("web: liên kết căn cứ pháp lý '{url}' không phải địa chỉ http(s); chỉ hiện dưới dạng chữ",
                   'Chỉ liên kết `http://` và `https://` mới thành liên kết trong biểu mẫu web, để một địa chỉ `javascript:` hay địa chỉ tương đối không bao giờ chạy được hoặc đánh lừa người dùng.',
                   'Dùng địa chỉ `https://` đầy đủ của văn bản đã công bố.')),
    Code("PG504", "warning", "web-nested-group",
         "web: group '{field}' holds another group; the inner group is not shown in the form",
         "The web form shows one level of groups (entries of a repeatable group hold plain "
         "questions).",
         "- id: heirs\n  type: group\n  fields:\n    - {id: children, type: group, fields: [...]}",
         "Flatten the inner group into its own top-level repeatable group.",
         vi=Worded("web: nhóm '{field}' chứa một nhóm khác; nhóm bên trong không hiện trên biểu mẫu",
                   'Biểu mẫu web chỉ hiện một cấp nhóm (mỗi mục của nhóm lặp lại chỉ gồm các câu hỏi thường).',
                   'Tách nhóm bên trong thành một nhóm lặp lại riêng ở cấp ngoài cùng.')),
    # --- OpenAPI (PG530–PG559) ---
    Code("PG531", "warning", "openapi-no-example",
         "openapi: no example answer for '{field}' could be made from its pattern {pattern}; "
         "the example request leaves it out",
         "The OpenAPI spec carries an example request built from the procedure. A value for a "
         "text field is made by following its `pattern` (the first character of each class, "
         "the first alternative, the fewest repetitions) and must also fit `min_length` and "
         "`max_length`; word boundaries (`\\b`) or lengths can rule that value out.",
         "pattern: \"[ a]\\\\b[ b]\"   # the first choices give two spaces, with no word boundary",
         "Put the alternative an example should use first (`[a ]\\b[ b]`), or simplify the "
         "pattern.",
         vi=Worded("openapi: không tạo được câu trả lời mẫu cho '{field}' theo mẫu (pattern) {pattern}; yêu cầu mẫu bỏ trống trường này",
                   'Đặc tả OpenAPI có một yêu cầu mẫu tạo từ thủ tục. Giá trị cho trường chữ được tạo theo `pattern` của nó (ký tự đầu của mỗi lớp, lựa chọn đầu tiên, số lần lặp ít nhất) và còn phải hợp với `min_length` và `max_length`; ranh giới từ (`\\b`) hay độ dài có thể loại giá trị đó.',
                   'Đặt lựa chọn mà ví dụ nên dùng lên đầu (`[a ]\\b[ b]`), hoặc viết pattern đơn giản hơn.')),
    Code("PG532", "warning", "openapi-nested-group",
         "openapi: group '{field}' inside group '{group}': its rules (when, required, "
         "constraint) are not carried in x-procgen-rules",
         "`x-procgen-rules` applies a rule to each entry of a top-level group; a group inside "
         "a group is described by the JSON Schema only.",
         "- id: heirs\n  type: group\n  fields:\n    - {id: children, type: group, fields: [...]}",
         "Flatten the inner group into its own top-level repeatable group.",
         vi=Worded("openapi: nhóm '{field}' nằm trong nhóm '{group}': các quy tắc của nó (when, required, constraint) không có trong x-procgen-rules",
                   '`x-procgen-rules` áp dụng quy tắc cho từng mục của một nhóm ở cấp ngoài cùng; nhóm nằm trong nhóm chỉ được mô tả bằng JSON Schema.',
                   'Tách nhóm bên trong thành một nhóm lặp lại riêng ở cấp ngoài cùng.')),
    # --- mobile (PG560–PG589) ---
    Code("PG560", "warning", "mobile-no-interface-language",
         "mobile: no interface wording for language '{lang}'; the screens' buttons and "
         "messages are written in English",
         "The mobile screens' own wording (buttons, notes, validation messages) exists in "
         "Vietnamese and English only; procedure texts are unaffected.",
         "# procgen.yaml\nlanguages: [vi, en, fr]",
         "Add the language's wording to `src/procgen/targets/mobile/i18n.py`, or drop the "
         "language.",
         vi=Worded("mobile: chưa có lời giao diện cho ngôn ngữ '{lang}'; nút bấm và thông báo của các màn hình viết bằng tiếng Anh",
                   'Lời giao diện riêng của các màn hình di động (nút bấm, ghi chú, thông báo kiểm tra) chỉ có tiếng Việt và tiếng Anh; nội dung của thủ tục không bị ảnh hưởng.',
                   'Thêm lời của ngôn ngữ đó vào `src/procgen/targets/mobile/i18n.py`, hoặc bỏ ngôn ngữ đó.')),
    Code("PG562", "warning", "mobile-nested-group",
         "mobile: group '{field}' inside group '{group}': the when, required and constraint "
         "rules of its questions are not carried to the screens; the server checks them",
         "Mobile rules see one group entry (`row`) at a time; the questions of a group inside "
         "a group are shown always, required only when `required: true`.",
         "- id: heirs\n  type: group\n  fields:\n    - {id: children, type: group, fields: [...]}",
         "Flatten the inner group into its own top-level repeatable group.",
         vi=Worded("mobile: nhóm '{field}' nằm trong nhóm '{group}': các quy tắc when, required và constraint của các câu hỏi trong đó không được chuyển lên màn hình; máy chủ sẽ kiểm tra",
                   'Quy tắc trên di động chỉ thấy một mục của nhóm (`row`) mỗi lần; câu hỏi của nhóm nằm trong nhóm luôn được hiện, và chỉ bắt buộc khi có `required: true`.',
                   'Tách nhóm bên trong thành một nhóm lặp lại riêng ở cấp ngoài cùng.')),
)
