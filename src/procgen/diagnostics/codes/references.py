"""PG3xx: references and rules that span a whole procedure."""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

CODES = (
    Code("PG301", "error", "id-mismatch", "{kind} id '{id}' must equal the file name stem '{stem}'",
         "A procedure's `id` (or an overlay's `locality`) must match its file name.",
         "# procedures/birth-registration.yaml\nid: birth-registation",
         "Rename the file or fix the id so they are the same.",
         vi=Worded("mã {kind} '{id}' phải trùng với tên tệp '{stem}'",
                   '`id` của thủ tục (hoặc `locality` của tệp địa phương) phải trùng với tên tệp.',
                   'Đổi tên tệp hoặc sửa mã cho hai bên giống nhau.')),
    Code("PG302", "error", "duplicate-id", "duplicate {kind} id '{id}'",
         "Two fields (after expanding `use` blocks), documents, fees, steps, outputs or options "
         "share an id.",
         "fields:\n  - use: applicant        # defines applicant_full_name\n"
         "  - id: applicant_full_name\n    type: text",
         "Give each one its own id; the related location shows the first one.",
         vi=Worded("mã {kind} '{id}' bị trùng",
                   'Hai trường (sau khi mở rộng các khối `use`), giấy tờ, lệ phí, bước, kết quả hoặc lựa chọn có cùng một mã.',
                   'Đặt cho mỗi mục một mã riêng; vị trí liên quan chỉ ra mục đầu tiên.')),
    Code("PG303", "error", "unknown-reference", "unknown {kind} '{name}'{suggestion}",
         "A step, fee or overlay names a field, document, output, channel, block or list that "
         "does not exist.",
         "steps:\n  - id: child\n    actor: applicant\n    fields: [child_fullname]",
         "Use an id that is defined in the procedure (the message suggests the closest one).",
         vi=Worded("không có {kind} '{name}'{suggestion}",
                   'Một bước, lệ phí hoặc tệp địa phương nhắc đến trường, giấy tờ, kết quả, kênh, khối dùng chung hoặc danh sách không tồn tại.',
                   'Dùng một mã đã khai báo trong thủ tục (thông báo gợi ý mã gần nhất).')),
    Code("PG304", "error", "field-not-in-step",
         "field '{field}' is not asked on any applicant step",
         "Every asked field must appear in exactly one applicant step's `fields`.",
         "fields:\n  - {id: child_sex, type: choice, options: sex, label: Giới tính}\n"
         "steps:\n  - {id: child, actor: applicant, title: Trẻ, fields: [child_full_name]}",
         "Add the field to the applicant step where the citizen should answer it.",
         vi=Worded("trường '{field}' không được hỏi ở bước nào của người nộp hồ sơ",
                   'Mỗi trường cần hỏi phải nằm trong `fields` của đúng một bước của người nộp hồ sơ.',
                   'Thêm trường vào bước của người nộp hồ sơ nơi công dân cần trả lời.')),
    Code("PG305", "error", "field-in-two-steps",
         "field '{field}' is already asked on step '{step}'",
         "A field is listed on more than one applicant step.",
         "steps:\n  - {id: a, actor: applicant, title: A, fields: [child_sex]}\n"
         "  - {id: b, actor: applicant, title: B, fields: [child_sex]}",
         "Keep the field on one step only.",
         vi=Worded("trường '{field}' đã được hỏi ở bước '{step}'",
                   'Một trường được liệt kê ở nhiều hơn một bước của người nộp hồ sơ.',
                   'Chỉ giữ trường ở một bước.')),
    Code("PG306", "error", "fields-on-back-office-step",
         "a step with actor '{actor}' cannot ask fields or documents; only applicant steps do",
         "Agency and system steps describe back-office work; they are not form pages.",
         "- {id: check, actor: agency, title: Kiểm tra, fields: [child_sex]}",
         "Move the fields to an applicant step.",
         vi=Worded("bước có người thực hiện '{actor}' không được hỏi trường hay giấy tờ; chỉ bước của người nộp hồ sơ mới được",
                   'Bước của cơ quan và của hệ thống mô tả công việc nội bộ; đó không phải là trang biểu mẫu.',
                   'Chuyển các trường sang một bước của người nộp hồ sơ.')),
    Code("PG307", "error", "bad-fee", "{problem}",
         "A fee must have exactly one of `amount` or `set_by: locality`; a locality-set fee needs "
         "a national `range` with min <= max.",
         "- id: late-fee\n  label: Lệ phí\n  set_by: locality       # no range",
         "Give an `amount`, or `set_by: locality` with `range: {min: 0, max: 10000}`.",
         vi=Worded('{problem}',
                   'Một lệ phí phải có đúng một trong hai: `amount` hoặc `set_by: locality`; lệ phí do địa phương quy định cần khung `range` toàn quốc với min <= max.',
                   'Ghi `amount`, hoặc `set_by: locality` kèm `range: {min: 0, max: 10000}`.')),
    Code("PG308", "error", "channel-not-offered",
         "channel '{channel}' is not offered by this procedure (channels: {channels})",
         "A fee applies to a channel that the procedure's `channels` does not list.",
         "channels: {in_person: ...}\nfees:\n  - {id: f, label: Phí, amount: 1000, channels: [online]}",
         "Add the channel to `channels`, or remove it from the fee.",
         vi=Worded("thủ tục này không có kênh '{channel}' (các kênh: {channels})",
                   'Một lệ phí áp dụng cho kênh không có trong `channels` của thủ tục.',
                   'Thêm kênh vào `channels`, hoặc bỏ kênh đó khỏi lệ phí.')),
    Code("PG309", "error", "bad-field-setting", "{problem}",
         "A field key that does not fit the field (e.g. `options` on a date, `min` greater than "
         "`max`, a `default` that is not one of the options, `repeat` on a non-group).",
         "- {id: copies, type: integer, label: Bản sao, min: 10, max: 1}",
         "Follow the message: each field type takes only the keys that make sense for it.",
         vi=Worded('{problem}',
                   'Một khóa của trường không hợp với trường (ví dụ `options` trên trường ngày, `min` lớn hơn `max`, `default` không phải là một lựa chọn, `repeat` trên trường không phải nhóm).',
                   'Làm theo thông báo: mỗi loại trường chỉ nhận những khóa có ý nghĩa với nó.')),
    Code("PG311", "warning", "unused", "{kind} '{id}' is never used",
         "A document or output that no step, and nothing else, refers to.",
         "outputs:\n  - {id: certificate, title: Giấy chứng nhận}   # no step outputs it",
         "Reference it from a step (`outputs: [certificate]`) or remove it.",
         vi=Worded("{kind} '{id}' không được dùng ở đâu",
                   'Một giấy tờ hoặc kết quả mà không bước nào, không chỗ nào nhắc đến.',
                   'Nhắc đến nó từ một bước (`outputs: [certificate]`) hoặc xóa nó đi.')),
    Code("PG313", "error", "block-cycle", "block '{name}' uses itself ({chain})",
         "A block that pulls itself in through `use`, directly or through other blocks.",
         "# procedures/common/person.yaml\nfields:\n  - use: person",
         "Remove the `use` that closes the loop.",
         vi=Worded("khối dùng chung '{name}' tự dùng lại chính nó ({chain})",
                   'Một khối dùng chung tự kéo chính nó vào qua `use`, trực tiếp hoặc qua các khối khác.',
                   'Bỏ `use` làm khép vòng lặp.')),
    Code("PG312", "error", "bad-window", "{problem}",
         "A date window (`valid: {from, until}`) that ends before it starts.",
         "valid: {from: 2025-12-31, until: 2024-01-01}",
         "Swap or correct the dates.",
         vi=Worded('{problem}',
                   'Một khoảng thời gian hiệu lực (`valid: {from, until}`) kết thúc trước khi bắt đầu.',
                   'Đổi chỗ hoặc sửa lại các ngày.')),
    Code("PG314", "error", "bad-pattern", "invalid pattern: {problem}",
         "A field's `pattern` is not a regular expression of procgen's dialect: the part of "
         "JavaScript's regular expressions that browsers, phones and procgen read the same way "
         "(see the DSL reference, *Patterns*). Back-references, look-arounds, inline flags and "
         "Python's `\\A`, `\\Z`, `(?P<name>…)` are not part of it.",
         "pattern: \"(?i)[a-z]{4}\"",
         "Write it with the dialect's parts: `[A-Za-z]{4}` instead of `(?i)[a-z]{4}`; escape "
         "`-`, `/`, `(`, `)`, `[`, `]`, `{`, `}` and `|` inside `[...]` when they mean the "
         "character.",
         vi=Worded('mẫu (pattern) không hợp lệ: {problem}',
                   '`pattern` của trường không phải là biểu thức chính quy theo cách viết của procgen: phần biểu thức chính quy JavaScript mà trình duyệt, điện thoại và procgen đọc giống nhau (xem tài liệu DSL, mục *Patterns*). Tham chiếu ngược, nhìn trước/nhìn sau, cờ viết trong mẫu và `\\A`, `\\Z`, `(?P<name>…)` của Python không thuộc cách viết này.',
                   'Viết bằng các thành phần được phép: `[A-Za-z]{4}` thay cho `(?i)[a-z]{4}`; trong `[...]`, thêm dấu `\\` trước `-`, `/`, `(`, `)`, `[`, `]`, `{`, `}` và `|` khi muốn chỉ chính ký tự đó.')),
    Code("PG315", "error", "slow-pattern",
         "pattern may take exponential time in browsers and phones: {problem}",
         "Browsers and phone apps try a pattern's alternatives one by one. When a repeated part "
         "can match the same text in more than one way (`(a+)+`, `(a|aa)+`, `(\\d+\\.?)+`), "
         "an answer that almost matches makes them try every way, which doubles with each "
         "character and can freeze the form.",
         "pattern: \"^([0-9]+-?)+$\"",
         "Write the pattern so that each character can be matched only one way: "
         "`^[0-9]+(-[0-9]+)*$`; `(a+)+` → `a+`.",
         vi=Worded('mẫu (pattern) có thể chạy rất lâu trên trình duyệt và điện thoại: {problem}',
                   'Trình duyệt và ứng dụng điện thoại thử lần lượt từng phương án của mẫu. Khi một phần lặp lại có thể khớp cùng một đoạn chữ theo nhiều cách (`(a+)+`, `(a|aa)+`, `(\\d+\\.?)+`), một câu trả lời gần khớp buộc chúng thử mọi cách, số cách tăng gấp đôi theo mỗi ký tự và có thể làm treo biểu mẫu.',
                   'Viết mẫu sao cho mỗi ký tự chỉ khớp được theo một cách: `^[0-9]+(-[0-9]+)*$`; `(a+)+` → `a+`.')),
    Code("PG316", "error", "nested-too-deep",
         "'{name}' nests {depth} {what} deep; at most {limit} are allowed",
         "Groups inside groups, or blocks that `use` blocks that `use` blocks, deeper than "
         "procgen's limit.",
         "- id: a\n  type: group\n  fields:\n    - id: b\n      type: group\n      fields: "
         "[...]   # 11 groups deep",
         "Flatten the structure: a group's entry rarely needs more than one group inside it.",
         vi=Worded("'{name}' lồng sâu {depth} {what}; chỉ được tối đa {limit}",
                   'Nhóm lồng trong nhóm, hoặc khối dùng chung `use` khối khác rồi lại `use` khối khác, sâu hơn giới hạn của procgen.',
                   'Làm phẳng cấu trúc: một mục của nhóm hiếm khi cần quá một nhóm bên trong.')),
    Code("PG317", "error", "locality-field-not-choice",
         "locality_field '{name}' is not a top-level choice question of this procedure"
         "{suggestion}",
         "`locality_field` names the question whose answer says which province handles the "
         "application; it must be a top-level `choice` field whose option values are the "
         "localities' ids (`ha_noi` for `ha-noi`).",
         "locality_field: address\nfields:\n  - use: address   # its question is "
         "address_province",
         "Name the choice question itself, e.g. `locality_field: address_province`, or leave "
         "`locality_field` out to use the `address` block's province question.",
         vi=Worded("locality_field '{name}' không phải là câu hỏi lựa chọn (choice) ở cấp trên cùng của thủ tục này{suggestion}",
                   '`locality_field` chỉ ra câu hỏi mà câu trả lời cho biết tỉnh nào giải quyết hồ sơ; đó phải là trường `choice` ở cấp trên cùng, với các giá trị lựa chọn là mã địa phương (`ha_noi` cho `ha-noi`).',
                   'Ghi chính câu hỏi lựa chọn, ví dụ `locality_field: address_province`, hoặc bỏ `locality_field` để dùng câu hỏi tỉnh của khối `address`.')),
    Code("PG318", "error", "block-not-in-step",
         "block '{block}' is used here, but its fields are on no applicant step: {fields}",
         "A shared block (`- use: address`) brings fields in, but no applicant step lists them "
         "(or the block's name). Reported at the `use` line, where the procedure's author can "
         "act, rather than inside the block's own file, which other procedures share.",
         "fields:\n  - use: address\nsteps:\n  - {id: you, actor: applicant, title: Bạn, "
         "fields: [full_name]}",
         "Add the block's name (or its fields) to the applicant step where the citizen "
         "should answer them: `fields: [full_name, address]`.",
         vi=Worded("khối '{block}' được dùng ở đây, nhưng các trường của nó không nằm ở bước "
                   "nào của người nộp hồ sơ: {fields}",
                   "Một khối dùng chung (`- use: address`) đưa trường vào thủ tục, nhưng không "
                   "bước nào của người nộp hồ sơ liệt kê chúng (hay tên khối). Lỗi được báo ở "
                   "dòng `use`, nơi tác giả thủ tục sửa được, không phải trong tệp của khối mà "
                   "các thủ tục khác cũng dùng.",
                   "Thêm tên khối (hoặc các trường của nó) vào bước của người nộp hồ sơ nơi "
                   "công dân cần trả lời: `fields: [full_name, address]`.")),
    Code("PG319", "error", "block-used-twice",
         "block '{name}' is used twice with the same name; give one use a 'prefix'",
         "Two `- use:` items bring in the same block under the same name, so every field of "
         "the block would be asked twice under one id. A `prefix` renames one use's fields "
         "(`site` → `site_address_province`) and its name in steps (`site_address`).",
         "fields:\n  - use: address\n  - use: address",
         "Give the second use a prefix and, so the citizen can tell them apart, a heading: "
         "`- {use: address, prefix: site, heading: {vi: Địa chỉ công trình, en: Building "
         "site}}`; list it in a step as `site_address`.",
         vi=Worded("khối '{name}' được dùng hai lần với cùng một tên; hãy đặt 'prefix' cho một "
                   "lần dùng",
                   "Hai mục `- use:` đưa cùng một khối vào dưới cùng một tên, nên mọi trường của "
                   "khối sẽ bị hỏi hai lần với một mã. `prefix` đổi tên các trường của một lần "
                   "dùng (`site` → `site_address_province`) và tên của nó trong các bước "
                   "(`site_address`).",
                   "Đặt prefix cho lần dùng thứ hai và, để công dân phân biệt được, một tiêu đề: "
                   "`- {use: address, prefix: site, heading: {vi: Địa chỉ công trình, en: "
                   "Building site}}`; ghi nó trong bước là `site_address`.")),
    Code("PG320", "error", "prefix-too-long",
         "with the prefix '{prefix}' these field ids are longer than {limit} characters: {ids}",
         "A `prefix` goes before every id of the block (`site` + `_` + `address_province`); "
         "a field id has at most 64 characters, so the API, the forms and the database can "
         "all hold it.",
         "fields:\n  - {use: applicant, prefix: nguoi_duoc_uy_quyen_thay_mat_nop_ho_so}",
         "Use a shorter prefix, one or two words: `prefix: proxy`.",
         vi=Worded("với prefix '{prefix}', các mã trường này dài quá {limit} ký tự: {ids}",
                   "`prefix` được đặt trước mọi mã trường của khối (`site` + `_` + "
                   "`address_province`); mã trường dài tối đa 64 ký tự để API, biểu mẫu và cơ "
                   "sở dữ liệu đều chứa được.",
                   "Dùng prefix ngắn hơn, một hai từ: `prefix: proxy`.")),
    Code("PG322", "error", "exemption-channel-not-charged",
         "the fee is not charged on channel '{channel}', so it cannot be exempt there "
         "(the fee's channels: {channels})",
         "An exemption's `channels` names a channel its fee does not apply to: there would be "
         "nothing to exempt.",
         "- id: passport-fee-online\n  channels: [online]\n  exemptions:\n"
         "    - {when: vneid_level_2, channels: [in_person], label: Công dân số}",
         "Name only channels of the fee (`channels: [online]`), or drop `channels` to exempt on "
         "every channel of the fee.",
         vi=Worded("khoản phí không áp dụng cho kênh '{channel}' nên không thể miễn ở kênh đó "
                   "(các kênh của khoản phí: {channels})",
                   "`channels` của một trường hợp miễn có kênh mà khoản phí không áp dụng: ở "
                   "kênh đó không có gì để miễn.",
                   "Chỉ ghi các kênh của khoản phí (`channels: [online]`), hoặc bỏ `channels` "
                   "để miễn ở mọi kênh của khoản phí.")),
    Code("PG321", "warning", "unsourced-facts",
         "{count} {facts} without a source: {names}",
         "Fees, documents, processing times and legal-basis entries that give no `source`, or "
         "whose `confidence` is `placeholder`: nothing unsourced may be published as certain "
         "(`quote` and the scorecard mark them). Listed under `--strict` only, one line per "
         "procedure.",
         "fees:\n  - id: passport-fee\n    amount: 200000   # no source",
         "Cite where each fact comes from, e.g. `source: {act: \"Thông tư 25/2021/TT-BTC, "
         "điều 4\"}` or the national database's `source: {record: \"1.001193\"}`; if only a "
         "weak source exists, say so with `confidence: weak` (docs/dsl.md, Provenance).",
         strict_only=True,
         vi=Worded("{count} {facts} chưa có nguồn: {names}",
                   "Các khoản phí, giấy tờ, thời hạn giải quyết và văn bản căn cứ không ghi "
                   "`source`, hoặc có `confidence: placeholder`: không thông tin nào chưa có "
                   "nguồn được công bố như chắc chắn (`quote` và bảng chấm điểm đánh dấu "
                   "chúng). Chỉ liệt kê khi dùng `--strict`, mỗi thủ tục một dòng.",
                   "Ghi nguồn của từng thông tin, ví dụ `source: {act: \"Thông tư "
                   "25/2021/TT-BTC, điều 4\"}` hoặc mã trên Cơ sở dữ liệu quốc gia `source: "
                   "{record: \"1.001193\"}`; nếu chỉ có nguồn yếu, ghi rõ `confidence: weak` "
                   "(docs/dsl.md, mục Provenance).")),
)
