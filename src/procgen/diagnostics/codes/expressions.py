"""PG2xx: expressions — syntax, names and types (see ``docs/expressions.md``)."""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

CODES: tuple[Code, ...] = (
    Code("PG201", "error", "expression-syntax", "syntax error in expression: {problem}",
         "The text of a `when`, `required`, `constraint` or `amount` is not a well-formed "
         "expression.",
         "when: child_sex = \"male\"",
         "Compare with `==`, join conditions with `and` / `or`, close every bracket and quote "
         "(`when: child_sex == \"male\"`).",
         vi=Worded('lỗi cú pháp trong biểu thức: {problem}',
                   'Nội dung của `when`, `required`, `constraint` hoặc `amount` không phải là một biểu thức viết đúng.',
                   'So sánh bằng `==`, nối điều kiện bằng `and` / `or`, đóng đủ mọi ngoặc và dấu nháy (`when: child_sex == "male"`).')),
    Code("PG202", "error", "bad-literal", "invalid {what}: {problem}",
         "A literal value in an expression cannot be used: a date that does not exist, a number "
         "too large to compute exactly, or a list holding something other than fixed values.",
         "when: child_date_of_birth < date(\"2024-02-30\")",
         "Write dates as `date(\"YYYY-MM-DD\")` with a real day, numbers below 9007199254740991, "
         "and lists of fixed values of one type (`[1, 2]`, `[\"a\", \"b\"]`).",
         vi=Worded('{what} không hợp lệ: {problem}',
                   'Một giá trị viết sẵn trong biểu thức không dùng được: ngày không có thật, số quá lớn để tính chính xác, hoặc danh sách chứa thứ không phải giá trị cố định.',
                   'Viết ngày dạng `date("YYYY-MM-DD")` với ngày có thật, số nhỏ hơn 9007199254740991, và danh sách các giá trị cố định cùng một loại (`[1, 2]`, `["a", "b"]`).')),
    Code("PG203", "error", "unknown-field", "unknown field '{name}' in expression{suggestion}",
         "An expression names a field that the procedure does not define (or that is not "
         "visible here, such as a group's field outside its group).",
         "when: days_between(child_dob, today()) > 60",
         "Use the field's exact id (the message suggests the closest one); outside a group, "
         "reach its fields with `count(group)` and `sum(group.field)`.",
         vi=Worded("biểu thức nhắc đến trường '{name}' không có trong thủ tục{suggestion}",
                   'Biểu thức nhắc đến một trường mà thủ tục không khai báo (hoặc không nhìn thấy ở đây, như trường của một nhóm khi ở ngoài nhóm).',
                   'Dùng đúng mã (id) của trường (thông báo gợi ý mã gần nhất); ở ngoài nhóm, dùng `count(nhóm)` và `sum(nhóm.trường)`.')),
    Code("PG204", "error", "unknown-function", "unknown function '{name}'{suggestion}",
         "An expression calls a function the language does not have.",
         "when: years(child_date_of_birth) < 6",
         "Use one of today(), age(d), days_between(a, b), len(x), count(group), "
         "sum(group.field), answered(x), date(\"YYYY-MM-DD\").",
         vi=Worded("không có hàm '{name}'{suggestion}",
                   'Biểu thức gọi một hàm mà ngôn ngữ biểu thức không có.',
                   'Dùng một trong các hàm today(), age(d), days_between(a, b), len(x), count(group), sum(group.field), answered(x), date("YYYY-MM-DD").')),
    Code("PG205", "error", "wrong-arity", "{function}() takes {expected}, not {given}",
         "A function is called with too few or too many arguments.",
         "when: days_between(child_date_of_birth) > 60",
         "Give the function the arguments it takes: "
         "`days_between(child_date_of_birth, today())`.",
         vi=Worded('hàm {function}() nhận {expected}, không phải {given}',
                   'Một hàm được gọi với quá ít hoặc quá nhiều đối số.',
                   'Truyền cho hàm đúng các đối số nó nhận: `days_between(child_date_of_birth, today())`.')),
    Code("PG206", "error", "type-mismatch", "{problem}",
         "Values of different types are mixed: text compared with a number, arithmetic on "
         "dates or text, `and` on a number, a function given the wrong kind of value.",
         "when: age(child_date_of_birth) > \"18\"",
         "Compare numbers with numbers (`> 18`, no quotes), dates with dates; compute with "
         "dates only through `age()` and `days_between()`.",
         vi=Worded('{problem}',
                   'Các giá trị khác loại bị trộn lẫn: so sánh chữ với số, tính toán trên ngày hoặc chữ, `and` trên một số, hoặc đưa cho hàm loại giá trị không đúng.',
                   'So sánh số với số (`> 18`, không có dấu nháy), ngày với ngày; chỉ tính toán với ngày qua `age()` và `days_between()`.')),
    Code("PG207", "error", "group-misuse", "{problem}",
         "A repeated group is used as if it were one value, or `group.field` is used outside "
         "`sum()`.",
         "when: children > 2",
         "Outside the group write `count(children)` or `sum(children.field)`; inside the "
         "group's own fields, name its fields bare.",
         vi=Worded('{problem}',
                   'Một nhóm lặp lại được dùng như một giá trị đơn, hoặc `nhóm.trường` được dùng ngoài `sum()`.',
                   'Ở ngoài nhóm, viết `count(children)` hoặc `sum(children.field)`; trong các trường của chính nhóm đó, gọi tên trường không kèm tên nhóm.')),
    Code("PG208", "error", "wrong-result-type",
         "this expression must give {expected}, but it gives {found}",
         "A `when`, `required` or `constraint` must be a condition (true or false), and an "
         "`amount` a number.",
         "when: extra_copies",
         "Make it a condition (`when: extra_copies > 0`) or a number, as the key needs.",
         vi=Worded('biểu thức này phải cho ra {expected}, nhưng lại cho ra {found}',
                   '`when`, `required` hoặc `constraint` phải là một điều kiện (đúng hoặc sai), còn `amount` phải là một số.',
                   'Viết thành điều kiện (`when: extra_copies > 0`) hoặc thành số, đúng như khóa đó cần.')),
    Code("PG209", "error", "unknown-option", "'{value}' is not an option of '{field}'{suggestion}",
         "An expression compares a choice field with a value that is not one of its options, so "
         "the comparison could never be true.",
         "when: child_sex == \"mael\"",
         "Use one of the option values of the field's list (the message suggests the closest).",
         vi=Worded("'{value}' không phải là một lựa chọn của trường '{field}'{suggestion}",
                   'Biểu thức so sánh một trường lựa chọn với giá trị không nằm trong các lựa chọn của trường, nên phép so sánh không bao giờ đúng.',
                   'Dùng một trong các giá trị (value) của danh sách lựa chọn của trường (thông báo gợi ý giá trị gần nhất).')),
    Code("PG210", "error", "unknown-group-field",
         "group '{group}' has no field '{name}'{suggestion}",
         "`sum(group.field)` names a field that the group does not have.",
         "amount: sum(heirs.shares)",
         "Use the id of one of the group's own fields.",
         vi=Worded("nhóm '{group}' không có trường '{name}'{suggestion}",
                   '`sum(nhóm.trường)` nhắc đến một trường mà nhóm không có.',
                   'Dùng mã của một trong các trường của chính nhóm đó.')),
    Code("PG211", "error", "expression-too-deep",
         "this expression nests {depth} operators deep; at most {limit} are allowed",
         "An expression nests operators inside one another more deeply than procgen's limit "
         "(a chain of `and`, `or`, `+` or `not` counts one level per operator; brackets alone "
         "do not count). The limit keeps every target able to evaluate it.",
         "when: a and b and c and ...   # 65 or more operators chained",
         "Split the rule: list fixed values with `in` (`x in [1, 2, 3]`), or move part of the "
         "condition to the `when` of a field or step.",
         vi=Worded('biểu thức này lồng {depth} phép toán; chỉ được tối đa {limit}',
                   'Biểu thức lồng các phép toán vào nhau sâu hơn giới hạn của procgen (mỗi `and`, `or`, `+` hoặc `not` trong chuỗi tính một tầng; riêng dấu ngoặc không tính). Giới hạn này bảo đảm mọi đầu ra đều tính được biểu thức.',
                   'Tách quy tắc: liệt kê các giá trị cố định bằng `in` (`x in [1, 2, 3]`), hoặc chuyển một phần điều kiện sang `when` của trường hay của bước.')),
    Code("PG212", "error", "expression-too-long",
         "this expression is {length} characters long; at most {limit} are allowed",
         "An expression longer than procgen's limit is refused before it is read.",
         "when: x == 1 or x == 2 or ...   # thousands of characters",
         "Shorten it: compare with a list (`x in [1, 2, 3]`) or split the rule.",
         vi=Worded('biểu thức này dài {length} ký tự; chỉ được tối đa {limit}',
                   'Biểu thức dài quá giới hạn của procgen bị từ chối trước khi được đọc.',
                   'Rút gọn: so sánh với một danh sách (`x in [1, 2, 3]`) hoặc tách quy tắc.')),
)
