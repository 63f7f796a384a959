"""PG6xx: answers given to ``procgen quote`` (and to the generated API) that break the rules."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

_EXAMPLE = '{"child_full_name": "Nguyễn Văn An", "child_dob": "2026-01-05"}'

CODES = (
    Code("PG601", "error", "answer-unknown-field", "'{name}' is not a field of '{procedure}'{suggestion}",
         "An answer names a field the procedure does not have.",
         _EXAMPLE,
         "Use the field ids of the procedure (the message suggests the closest one)."),
    Code("PG602", "error", "answer-wrong-type", "answer to '{field}' must be {expected}, not {found}",
         "An answer has the wrong type for its field (dates are written \"YYYY-MM-DD\").",
         '{"extra_copies": "two"}',
         "Write the answer in the field's type: a number, true/false, a \"YYYY-MM-DD\" date, "
         "a list for multichoice, a list of objects for a group."),
    Code("PG603", "error", "answer-not-an-option", "'{value}' is not an option of '{field}'{suggestion}",
         "A choice answer that is not one of the field's options.",
         '{"child_sex": "mail"}',
         "Use one of the option values of the field's list."),
    Code("PG604", "error", "answer-missing", "'{field}' is required: {label}",
         "A required question (given the other answers) has no answer.",
         '{}    # child_full_name is required',
         "Answer the question."),
    Code("PG605", "error", "answer-constraint", "answer to '{field}' is not accepted: {message}",
         "An answer breaks the field's `constraint`; the message is the procedure's own.",
         '{"child_date_of_birth": "2999-01-01"}',
         "Correct the answer as the message says."),
    Code("PG606", "error", "answer-out-of-bounds", "answer to '{field}' {problem}",
         "An answer outside the field's min/max, length limits or pattern.",
         '{"extra_copies": 50}    # max: 10',
         "Give an answer within the limits the message names."),
    Code("PG607", "error", "answer-repeat-count", "'{field}' has {count} entries; {problem}",
         "A repeated group with fewer or more entries than its `repeat: {min, max}` allows.",
         '{"children": []}    # repeat: {min: 1}',
         "Add or remove entries."),
    Code("PG608", "error", "answer-national-id", "'{value}' is not a valid personal ID number for '{field}': {problem}",
         "A national_id answer that is not a 12-digit Vietnamese personal identification number.",
         '{"applicant_national_id": "12345"}',
         "Write the 12 digits of the personal ID number (số định danh cá nhân), as text."),
    Code("PG609", "warning", "answer-not-asked", "'{field}' is not asked with these answers, so its answer is ignored",
         "An answer to a question whose `when` is false: it is dropped, as the form would. It "
         "must still fit its question (type, bounds, a group's entries), as the API checks "
         "every answer it is sent; a misfit is reported beside this warning.",
         '{"is_late": false, "late_reason": "..."}',
         "Remove the answer, or check the answers that decide whether it is asked."),
    Code("PG610", "error", "answers-not-json", "the answers are not JSON: {problem}",
         "The answers file is not JSON (RFC 8259): a syntax error, a trailing comma, a comment, "
         "single quotes, `NaN` or `Infinity`.",
         '{"copies": 2, "purpose": \'Du lịch\',}',
         "Write the answers as a JSON object, texts in double quotes, no trailing comma "
         "(`json.dumps` or any JSON library writes it right)."),
    Code("PG611", "error", "answers-ambiguous-json", "{problem}",
         "JSON that readers disagree about, refused as I-JSON (RFC 7493) refuses it: a key given "
         "twice in one object, a whole number beyond ±(2^53 − 1) or a number beyond a double, "
         "a lone surrogate escape; or a top level that is not an object, or nesting deeper than "
         "answers need.",
         '{"copies": 1, "copies": 2}',
         "Give each answer once, as a JSON object of field id → answer, with numbers a double "
         "holds exactly."),
)
