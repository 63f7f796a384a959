"""PG1xx: reading YAML files and checking them against the JSON Schemas."""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

CODES = (
    Code("PG100", "error", "cannot-read", "cannot read {path}: {reason}",
         "A file or folder named on the command line (or needed by a procedure) cannot be read, "
         "or an entry named `*.yaml` is not a file procgen reads: only regular files (or links "
         "to them) of at most 5 MB are read, so a folder, a FIFO, a device, a dangling link or "
         "an unreadable file is reported here by `validate` and `build` alike.",
         "procgen validate procedures/brith-registration.yaml",
         "Check the path (paths are relative to the folder you run procgen from). Move or "
         "rename an entry that is not a procedure file so its name no longer ends in `.yaml`.",
         vi=Worded('không đọc được {path}: {reason}',
                   'Không đọc được một tệp hay thư mục ghi trên dòng lệnh (hoặc một thủ tục cần đến), hoặc một mục tên `*.yaml` không phải là tệp procgen đọc: procgen chỉ đọc tệp thường (hoặc liên kết tới tệp thường) không quá 5 MB, nên thư mục, FIFO, thiết bị, liên kết hỏng hay tệp không có quyền đọc đều được báo ở đây, khi `validate` cũng như khi `build`.',
                   'Kiểm tra lại đường dẫn (đường dẫn tính từ thư mục nơi bạn chạy procgen). Chuyển chỗ hoặc đổi tên mục không phải tệp thủ tục để tên của nó không còn kết thúc bằng `.yaml`.')),
    Code("PG101", "error", "not-utf8", "file is not valid UTF-8: {detail}",
         "Procedure files must be saved as UTF-8 (Vietnamese text needs it).",
         "title: {vi: \\xd0\\u0103ng k\\xfd}   # saved as Windows-1258",
         "Save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8).",
         vi=Worded('tệp không phải UTF-8 hợp lệ: {detail}',
                   'Tệp thủ tục phải được lưu dạng UTF-8 (chữ tiếng Việt cần như vậy).',
                   'Trong trình soạn thảo, lưu lại tệp dạng UTF-8 ("Save with encoding" → UTF-8).')),
    Code("PG102", "error", "yaml-syntax", "YAML syntax error: {problem}{detail}",
         "The file is not well-formed YAML.",
         "title: {vi: Đăng ký khai sinh, en: Birth registration",
         "Close brackets and quotes; quote text that contains ': ' or starts with a symbol.",
         vi=Worded('lỗi cú pháp YAML: {problem}{detail}',
                   'Tệp không viết đúng cú pháp YAML.',
                   "Đóng đủ ngoặc và dấu nháy; đặt trong dấu nháy kép đoạn chữ có ': ' hoặc bắt đầu bằng một ký hiệu.")),
    Code("PG103", "error", "tab-indent", "tab character used for indentation; YAML needs spaces",
         "YAML does not allow tabs for indentation.",
         "fields:\n\t- id: child_name",
         "Replace each tab with spaces (most editors can show and convert tabs).",
         vi=Worded('thụt lề bằng ký tự tab; YAML cần dấu cách',
                   'YAML không cho phép thụt lề bằng tab.',
                   'Thay mỗi tab bằng dấu cách (hầu hết trình soạn thảo hiện được và đổi được tab).')),
    Code("PG104", "error", "duplicate-key", "duplicate key '{key}'",
         "The same key appears twice in one mapping; YAML would silently keep only the last one.",
         "- id: child_name\n  label: {vi: Tên}\n  label: {en: Name}",
         "Keep one copy of the key, merging the values (e.g. `label: {vi: Tên, en: Name}`).",
         vi=Worded("khóa '{key}' bị lặp",
                   'Cùng một khóa xuất hiện hai lần trong một ánh xạ; YAML sẽ lặng lẽ chỉ giữ lần cuối.',
                   'Chỉ giữ một khóa và gộp các giá trị (ví dụ `label: {vi: Tên, en: Name}`).')),
    Code("PG105", "error", "unsafe-tag", "tag '{tag}' is not allowed; procedure files hold plain data",
         "Explicit YAML tags (e.g. `!!python/object`) could construct code objects and are refused.",
         "default: !!python/object/apply:os.system [\"rm -rf /\"]",
         "Remove the tag and write the plain value.",
         vi=Worded("không được dùng thẻ '{tag}'; tệp thủ tục chỉ chứa dữ liệu thuần",
                   'Thẻ YAML tường minh (như `!!python/object`) có thể tạo ra đối tượng mã lệnh nên bị từ chối.',
                   'Bỏ thẻ và viết giá trị thuần.')),
    Code("PG106", "error", "alias-bomb",
         "anchors and aliases expand to more than {limit} values; refusing to expand",
         "Anchors (`&x`) and aliases (`*x`) that expand exponentially (a \"billion laughs\" bomb).",
         "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on",
         "Write values out, or share fields with `- use: <block>` from `procedures/common/`.",
         vi=Worded('neo và bí danh bung ra hơn {limit} giá trị; procgen không bung',
                   'Neo (`&x`) và bí danh (`*x`) bung ra theo cấp số nhân (kiểu tấn công "billion laughs").',
                   'Viết thẳng giá trị ra, hoặc dùng chung trường bằng `- use: <khối>` trong `procedures/common/`.')),
    Code("PG107", "error", "not-a-mapping", "{what}",
         "A procedure file must hold exactly one YAML document, a mapping of keys to values.",
         "- id: child_name\n- id: child_sex",
         "Start the file with `procgen: 1` and the procedure's keys (run `procgen new ID`).",
         vi=Worded('{what}',
                   'Một tệp thủ tục phải chứa đúng một văn bản YAML, là một ánh xạ từ khóa tới giá trị.',
                   'Bắt đầu tệp bằng `procgen: 1` rồi các khóa của thủ tục (chạy `procgen new ID` để có tệp mẫu).')),
    Code("PG108", "error", "bad-key", "mapping key must be a plain text, not {what}",
         "Keys must be plain words; null, list or mapping keys are refused.",
         "? [a, b]\n: value",
         "Use a plain word as the key.",
         vi=Worded('khóa của ánh xạ phải là chữ thường, không phải {what}',
                   'Khóa phải là từ thuần; khóa null, danh sách hay ánh xạ đều bị từ chối.',
                   'Dùng một từ thuần làm khóa.')),
    Code("PG109", "error", "output-refused", "cannot write the output folder {path}: {reason}",
         "`procgen build` replaces its output folder as a whole, so it writes only a folder "
         "it owns (absent, empty, or holding procgen's own `manifest.json`) that is not a "
         "symbolic link and not inside or above the procedures folder; it also stops, "
         "changing nothing, when the folder cannot be written (read-only, disk full).",
         "procgen build --out ~/Documents      # a folder of your own files",
         "Build into another folder (`--out generated`), or empty the folder first. For a link, "
         "give the real folder as `--out`; for a read-only folder, make it writable.",
         vi=Worded('không ghi được thư mục kết quả {path}: {reason}',
                   '`procgen build` thay cả thư mục kết quả, nên chỉ ghi vào thư mục của chính nó (chưa có, đang trống, hoặc có tệp `manifest.json` do procgen viết), không phải liên kết tượng trưng và không nằm trong hay bao trùm thư mục thủ tục; nó cũng dừng, không thay đổi gì, khi không ghi được thư mục (chỉ đọc, đầy đĩa).',
                   'Dựng vào thư mục khác (`--out generated`), hoặc làm trống thư mục trước. Với liên kết, ghi thư mục thật vào `--out`; với thư mục chỉ đọc, cho phép ghi.')),
    Code("PG110", "error", "unsupported-version",
         "procgen: {found} is not supported; this compiler reads version {supported}",
         "The `procgen:` version at the top of the file is missing or newer than this compiler.",
         "procgen: 2\nid: birth-registration",
         "Write `procgen: 1`, or upgrade procgen.",
         vi=Worded('procgen: {found} không được hỗ trợ; trình biên dịch này đọc phiên bản {supported}',
                   'Số phiên bản `procgen:` ở đầu tệp bị thiếu hoặc mới hơn trình biên dịch này.',
                   'Viết `procgen: 1`, hoặc nâng cấp procgen.')),
    Code("PG111", "error", "missing-key", "missing key '{key}'{context}",
         "A required key is absent.",
         "- id: child_name\n  label: {vi: Tên}          # no type",
         "Add the key. `procgen new ID` writes a starter showing every required key.",
         vi=Worded("thiếu khóa '{key}'{context}",
                   'Thiếu một khóa bắt buộc.',
                   'Thêm khóa đó. `procgen new ID` tạo tệp mẫu có đủ mọi khóa bắt buộc.')),
    Code("PG112", "error", "unknown-key", "unknown key '{key}'{suggestion}",
         "A key that the DSL does not define: typos are never ignored.",
         "- id: child_name\n  type: text\n  lable: {vi: Tên}",
         "Fix the spelling (the message suggests the closest key) or remove the key.",
         vi=Worded("khóa '{key}' không có trong DSL{suggestion}",
                   'Một khóa mà DSL không định nghĩa: lỗi chính tả không bao giờ bị bỏ qua.',
                   'Sửa chính tả (thông báo gợi ý khóa gần nhất) hoặc bỏ khóa.')),
    Code("PG113", "error", "wrong-type", "{what} must be {expected}, not {found}{extra}",
         "A value has the wrong type (e.g. a list where a mapping is expected).",
         "required: \"yes\"      # a string: read as an expression",
         "Write the value in the expected form; quote codes such as `\"1.001193\"`.",
         vi=Worded('{what} phải là {expected}, không phải {found}{extra}',
                   'Giá trị sai kiểu (ví dụ một danh sách ở chỗ cần ánh xạ).',
                   'Viết giá trị theo đúng dạng cần; đặt mã số trong dấu nháy, như `"1.001193"`.')),
    Code("PG114", "error", "not-allowed", "'{value}' is not one of {allowed}{suggestion}",
         "A value outside the fixed choices of a key (e.g. a field type).",
         "type: dropdown",
         "Use one of the values listed in the message (for a list of options: `type: choice`).",
         vi=Worded("'{value}' không thuộc {allowed}{suggestion}",
                   'Một giá trị nằm ngoài các lựa chọn cố định của khóa (ví dụ kiểu của trường).',
                   'Dùng một trong các giá trị thông báo liệt kê (danh sách lựa chọn thì dùng `type: choice`).')),
    Code("PG115", "error", "bad-format", "{what} '{value}' {problem}",
         "A value with the wrong shape: an id that is not a slug, a date that is not YYYY-MM-DD.",
         "id: Birth_Registration",
         "Ids of procedures, documents, fees, steps and outputs are lower-case slugs "
         "(`birth-registration`); field ids are snake_case (`child_full_name`).",
         vi=Worded("{what} '{value}' {problem}",
                   'Giá trị sai hình thức: mã không phải dạng slug, ngày không theo dạng YYYY-MM-DD.',
                   'Mã của thủ tục, giấy tờ, lệ phí, bước và kết quả là chữ thường nối bằng gạch ngang (`birth-registration`); mã trường nối bằng gạch dưới (`child_full_name`).')),
    Code("PG116", "error", "out-of-range", "{what} {problem}",
         "A number or list is too small or too large (e.g. `revision: 0`, no channels).",
         "revision: 0",
         "Use a value within the limits the message names.",
         vi=Worded('{what} {problem}',
                   'Một số hay danh sách quá nhỏ hoặc quá lớn (ví dụ `revision: 0`, không có kênh nào).',
                   'Dùng giá trị trong giới hạn thông báo nêu.')),
    Code("PG117", "error", "schema", "{message}",
         "Any other violation of the JSON Schema for this kind of file, e.g. a key that needs "
         "another beside it.",
         "- {id: name, type: text, label: Tên, constraint_message: Sai}   # no constraint",
         "Read the message and the DSL reference (`docs/dsl.md`) for the key.",
         vi=Worded('{message}',
                   'Các vi phạm khác đối với JSON Schema của loại tệp này, ví dụ một khóa cần một khóa khác đi kèm.',
                   'Đọc thông báo và tài liệu DSL (`docs/dsl.md`) về khóa đó.')),
    Code("PG118", "warning", "missing-translation",
         "missing '{lang}' text; the '{default}' text will be shown instead",
         "A localized text lacks one of the project's languages. An error with `--strict`.",
         "title: {vi: Đăng ký khai sinh}     # no en",
         "Add the missing language: `title: {vi: Đăng ký khai sinh, en: Birth registration}`.",
         vi=Worded("thiếu bản '{lang}'; sẽ hiển thị bản '{default}' thay thế",
                   'Một đoạn chữ thiếu một trong các ngôn ngữ của dự án. Là lỗi khi chạy với `--strict`.',
                   'Thêm ngôn ngữ còn thiếu: `title: {vi: Đăng ký khai sinh, en: Birth registration}`.')),
    Code("PG119", "error", "unknown-language",
         "language '{lang}' is not one of the project's languages {languages}{suggestion}",
         "A localized text uses a language code that `procedures/procgen.yaml` does not list.",
         "title: {vi: Đăng ký khai sinh, eng: Birth registration}",
         "Use the codes from `procgen.yaml` (`vi`, `en`), or add the language there.",
         vi=Worded("ngôn ngữ '{lang}' không thuộc các ngôn ngữ của dự án {languages}{suggestion}",
                   'Một đoạn chữ dùng mã ngôn ngữ mà `procedures/procgen.yaml` không liệt kê.',
                   'Dùng các mã trong `procgen.yaml` (`vi`, `en`), hoặc thêm ngôn ngữ vào đó.')),
    Code("PG121", "warning", "comma-in-text",
         "unquoted comma inside {{ }}: read the '{lang}' text as \"{text}\"; put it in quotes",
         "Inside `{ }` a comma separates entries, so unquoted text with a comma is cut in two "
         "(the rest becomes a key with no value). procgen joins the pieces back, as the author "
         "evidently meant, and warns; an error with `--strict`.",
         "label: {vi: Họ, chữ đệm và tên của trẻ, en: Child's full name}",
         "Quote the text: `label: {vi: \"Họ, chữ đệm và tên của trẻ\", en: Child's full name}`, "
         "or write the mapping on several lines.",
         vi=Worded('dấu phẩy không trong dấu nháy bên trong {{ }}: đã đọc bản \'{lang}\' thành "{text}"; hãy đặt trong dấu nháy',
                   'Trong `{ }` dấu phẩy ngăn cách các mục, nên đoạn chữ có dấu phẩy mà không có dấu nháy bị cắt làm hai (phần sau thành một khóa không có giá trị). procgen nối lại như tác giả rõ ràng muốn, và cảnh báo; là lỗi khi chạy với `--strict`.',
                   'Đặt đoạn chữ trong dấu nháy: `label: {vi: "Họ, chữ đệm và tên của trẻ", en: Child\'s full name}`, hoặc viết ánh xạ trên nhiều dòng.')),
    Code("PG122", "error", "too-deep",
         "values nest more than {limit} levels deep; procgen reads at most {limit}",
         "Mappings and lists nest inside one another deeper than procgen reads (the file's own "
         "mapping is level 1; a group inside a group is about eight). Hundreds of levels are a "
         "generated or hostile file, and would exhaust the compiler's stack.",
         "x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
         "Flatten the structure. Share fields with `- use: <block>` rather than nesting "
         "groups deeply.",
         vi=Worded('các giá trị lồng nhau quá {limit} cấp; procgen đọc tối đa {limit}',
                   'Ánh xạ và danh sách lồng nhau sâu hơn mức procgen đọc (ánh xạ của tệp là cấp 1; nhóm trong nhóm vào khoảng cấp 8). Hàng trăm cấp là tệp do máy sinh ra hoặc có ý đồ xấu, và sẽ làm tràn ngăn xếp của trình biên dịch.',
                   'Làm phẳng cấu trúc. Dùng chung trường bằng `- use: <khối>` thay vì lồng nhóm quá sâu.')),
    Code("PG123", "error", "recursive-alias",
         "alias '*{name}' is inside the value its anchor '&{name}' names, so that value would "
         "hold itself forever",
         "An alias (`*a`) placed inside the very value its anchor (`&a`) marks: the value "
         "would contain itself, endlessly.",
         "fields: &a [*a]",
         "Write the value out, or alias a value that is complete before the alias: "
         "`a: &a [x]` then `b: *a`.",
         vi=Worded("bí danh '*{name}' nằm bên trong chính giá trị mà neo '&{name}' đánh dấu, nên giá trị đó sẽ chứa chính nó mãi mãi",
                   'Một bí danh (`*a`) đặt bên trong chính giá trị mà neo (`&a`) của nó đánh dấu: giá trị sẽ chứa chính nó, vô tận.',
                   'Viết thẳng giá trị ra, hoặc dùng bí danh cho một giá trị đã trọn vẹn trước đó: `a: &a [x]` rồi `b: *a`.')),
    Code("PG124", "error", "too-many-values",
         "the file holds more than {limit} values; procgen reads at most {limit} in one file",
         "A file with more values (mappings, lists and single values, counted one by one) "
         "than procgen reads: far more than any real procedure, so a generated or corrupted "
         "file.",
         "options: [a, b, c, d, ...]        # a million options",
         "Split the file: shared option lists go in `procedures/lists/`, shared fields in "
         "`procedures/common/`, one file each.",
         vi=Worded('tệp có hơn {limit} giá trị; procgen đọc tối đa {limit} giá trị trong một tệp',
                   'Tệp có nhiều giá trị (ánh xạ, danh sách và giá trị đơn, đếm từng cái) hơn mức procgen đọc: nhiều hơn hẳn mọi thủ tục thật, nên là tệp do máy sinh ra hoặc bị hỏng.',
                   'Tách tệp: danh sách lựa chọn dùng chung để trong `procedures/lists/`, trường dùng chung trong `procedures/common/`, mỗi thứ một tệp.')),
    Code("PG125", "error", "not-a-whole-number",
         "{what} is written {raw}, which YAML reads as {read}{advice}",
         "Money and counts are whole numbers written in digits. Vietnamese groups thousands "
         "with dots, and YAML reads `75.000` as the decimal 75.0 (and `100,000` as a text), so "
         "`amount: 100.000` would charge 100 đồng: where a whole number is wanted, a number "
         "with a decimal point or an exponent, or digits grouped with dots or commas, is "
         "refused.",
         "amount: 100.000       # meant one hundred thousand đồng",
         "Write the digits only: `amount: 100000`.",
         vi=Worded("{what} được viết là {raw}, YAML đọc thành {read}{advice}",
                   "Tiền và số lượng là số nguyên viết bằng chữ số. Tiếng Việt nhóm hàng nghìn "
                   "bằng dấu chấm, còn YAML đọc `75.000` thành số thập phân 75,0 (và `100,000` "
                   "thành chữ), nên `amount: 100.000` sẽ thu 100 đồng: ở chỗ cần số nguyên, số "
                   "có dấu thập phân hay số mũ, hoặc chữ số nhóm bằng dấu chấm, dấu phẩy, đều "
                   "bị từ chối.",
                   "Chỉ viết chữ số: `amount: 100000`.")),
    Code("PG126", "error", "bad-base-url",
         "base_url '{url}' cannot be the address of the web pages: {problem}",
         "`base_url` in `procgen.yaml` is the public address the web pages are published at: "
         "each page links its other languages and itself (canonical) as "
         "`{base_url}/{lang}/{id}.html`. It must be an absolute `https://` (or `http://`) "
         "address with a host name, and at most a path: no user name or password, no query "
         "(`?…`), no fragment (`#…`), no spaces. Until it is fixed the pages keep relative "
         "links and no canonical link.",
         "base_url: dichvucong.example.gov.vn/thu-tuc?lang=vi",
         "Write the address the `web/` folder of the output is served at, from `https://` to "
         "the folder: `base_url: https://dichvucong.example.gov.vn/thu-tuc`.",
         vi=Worded("base_url '{url}' không dùng được làm địa chỉ của các trang web: {problem}",
                   "`base_url` trong `procgen.yaml` là địa chỉ công khai nơi đăng các trang "
                   "web: mỗi trang liên kết tới các bản ngôn ngữ khác và tới chính nó "
                   "(canonical) theo dạng `{base_url}/{lang}/{id}.html`. Đó phải là một địa chỉ "
                   "tuyệt đối bắt đầu bằng `https://` (hoặc `http://`), có tên máy chủ, và nhiều "
                   "nhất là thêm một đường dẫn: không có tên người dùng hay mật khẩu, không có "
                   "phần truy vấn (`?…`), không có phân đoạn (`#…`), không có dấu cách. Khi "
                   "chưa sửa, các trang giữ liên kết tương đối và không có liên kết canonical.",
                   "Ghi địa chỉ nơi phục vụ thư mục `web/` của kết quả build, từ `https://` đến "
                   "thư mục đó: `base_url: https://dichvucong.example.gov.vn/thu-tuc`.")),
    Code("PG120", "error", "no-settings", "{problem}",
         "The project settings file `procedures/procgen.yaml` is missing or invalid.",
         "procedures/          # with no procgen.yaml",
         "Create `procedures/procgen.yaml` with `procgen: 1`, `languages: [vi, en]`, "
         "`default_language: vi`, `currency: VND`.",
         vi=Worded('{problem}',
                   'Tệp thiết lập dự án `procedures/procgen.yaml` bị thiếu hoặc không hợp lệ.',
                   'Tạo `procedures/procgen.yaml` với `procgen: 1`, `languages: [vi, en]`, `default_language: vi`, `currency: VND`.')),
)
