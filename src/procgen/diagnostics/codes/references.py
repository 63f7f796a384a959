"""PG3xx: references and rules that span a whole procedure."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES = (
    Code("PG301", "error", "id-mismatch", "{kind} id '{id}' must equal the file name stem '{stem}'",
         "A procedure's `id` (or an overlay's `locality`) must match its file name.",
         "# procedures/birth-registration.yaml\nid: birth-registation",
         "Rename the file or fix the id so they are the same."),
    Code("PG302", "error", "duplicate-id", "duplicate {kind} id '{id}'",
         "Two fields (after expanding `use` blocks), documents, fees, steps, outputs or options "
         "share an id.",
         "fields:\n  - use: applicant        # defines applicant_full_name\n"
         "  - id: applicant_full_name\n    type: text",
         "Give each one its own id; the related location shows the first one."),
    Code("PG303", "error", "unknown-reference", "unknown {kind} '{name}'{suggestion}",
         "A step, fee or overlay names a field, document, output, channel, block or list that "
         "does not exist.",
         "steps:\n  - id: child\n    actor: applicant\n    fields: [child_fullname]",
         "Use an id that is defined in the procedure (the message suggests the closest one)."),
    Code("PG304", "error", "field-not-in-step",
         "field '{field}' is not asked on any applicant step",
         "Every asked field must appear in exactly one applicant step's `fields`.",
         "fields:\n  - {id: child_sex, type: choice, options: sex, label: Giới tính}\n"
         "steps:\n  - {id: child, actor: applicant, title: Trẻ, fields: [child_full_name]}",
         "Add the field to the applicant step where the citizen should answer it."),
    Code("PG305", "error", "field-in-two-steps",
         "field '{field}' is already asked on step '{step}'",
         "A field is listed on more than one applicant step.",
         "steps:\n  - {id: a, actor: applicant, title: A, fields: [child_sex]}\n"
         "  - {id: b, actor: applicant, title: B, fields: [child_sex]}",
         "Keep the field on one step only."),
    Code("PG306", "error", "fields-on-back-office-step",
         "a step with actor '{actor}' cannot ask fields or documents; only applicant steps do",
         "Agency and system steps describe back-office work; they are not form pages.",
         "- {id: check, actor: agency, title: Kiểm tra, fields: [child_sex]}",
         "Move the fields to an applicant step."),
    Code("PG307", "error", "bad-fee", "{problem}",
         "A fee must have exactly one of `amount` or `set_by: locality`; a locality-set fee needs "
         "a national `range` with min <= max.",
         "- id: late-fee\n  label: Lệ phí\n  set_by: locality       # no range",
         "Give an `amount`, or `set_by: locality` with `range: {min: 0, max: 10000}`."),
    Code("PG308", "error", "channel-not-offered",
         "channel '{channel}' is not offered by this procedure (channels: {channels})",
         "A fee applies to a channel that the procedure's `channels` does not list.",
         "channels: {in_person: ...}\nfees:\n  - {id: f, label: Phí, amount: 1000, channels: [online]}",
         "Add the channel to `channels`, or remove it from the fee."),
    Code("PG309", "error", "bad-field-setting", "{problem}",
         "A field key that does not fit the field (e.g. `options` on a date, `min` greater than "
         "`max`, a `default` that is not one of the options, `repeat` on a non-group).",
         "- {id: copies, type: integer, label: Bản sao, min: 10, max: 1}",
         "Follow the message: each field type takes only the keys that make sense for it."),
    Code("PG311", "warning", "unused", "{kind} '{id}' is never used",
         "A document or output that no step, and nothing else, refers to.",
         "outputs:\n  - {id: certificate, title: Giấy chứng nhận}   # no step outputs it",
         "Reference it from a step (`outputs: [certificate]`) or remove it."),
    Code("PG313", "error", "block-cycle", "block '{name}' uses itself ({chain})",
         "A block that pulls itself in through `use`, directly or through other blocks.",
         "# procedures/common/person.yaml\nfields:\n  - use: person",
         "Remove the `use` that closes the loop."),
    Code("PG312", "error", "bad-window", "{problem}",
         "A date window (`valid: {from, until}`) that ends before it starts.",
         "valid: {from: 2025-12-31, until: 2024-01-01}",
         "Swap or correct the dates."),
    Code("PG314", "error", "bad-pattern", "invalid pattern: {problem}",
         "A field's `pattern` is not a regular expression of procgen's dialect: the part of "
         "JavaScript's regular expressions that browsers, phones and procgen read the same way "
         "(see the DSL reference, *Patterns*). Back-references, look-arounds, inline flags and "
         "Python's `\\A`, `\\Z`, `(?P<name>…)` are not part of it.",
         "pattern: \"(?i)[a-z]{4}\"",
         "Write it with the dialect's parts: `[A-Za-z]{4}` instead of `(?i)[a-z]{4}`; escape "
         "`-`, `/`, `(`, `)`, `[`, `]`, `{`, `}` and `|` inside `[...]` when they mean the "
         "character."),
    Code("PG315", "error", "slow-pattern",
         "pattern may take exponential time in browsers and phones: {problem}",
         "Browsers and phone apps try a pattern's alternatives one by one. When a repeated part "
         "can match the same text in more than one way (`(a+)+`, `(a|aa)+`, `(\\d+\\.?)+`), "
         "an answer that almost matches makes them try every way, which doubles with each "
         "character and can freeze the form.",
         "pattern: \"^([0-9]+-?)+$\"",
         "Write the pattern so that each character can be matched only one way: "
         "`^[0-9]+(-[0-9]+)*$`; `(a+)+` → `a+`."),
    Code("PG316", "error", "nested-too-deep",
         "'{name}' nests {depth} {what} deep; at most {limit} are allowed",
         "Groups inside groups, or blocks that `use` blocks that `use` blocks, deeper than "
         "procgen's limit.",
         "- id: a\n  type: group\n  fields:\n    - id: b\n      type: group\n      fields: "
         "[...]   # 11 groups deep",
         "Flatten the structure: a group's entry rarely needs more than one group inside it."),
    Code("PG317", "error", "locality-field-not-choice",
         "locality_field '{name}' is not a top-level choice question of this procedure"
         "{suggestion}",
         "`locality_field` names the question whose answer says which province handles the "
         "application; it must be a top-level `choice` field whose option values are the "
         "localities' ids (`ha_noi` for `ha-noi`).",
         "locality_field: address\nfields:\n  - use: address   # its question is "
         "address_province",
         "Name the choice question itself, e.g. `locality_field: address_province`, or leave "
         "`locality_field` out to use the `address` block's province question."),
)
