"""PG1xx: reading YAML files and checking them against the JSON Schemas."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES = (
    Code("PG100", "error", "cannot-read", "cannot read {path}: {reason}",
         "A file or folder named on the command line (or needed by a procedure) cannot be read, "
         "or an entry named `*.yaml` is not a file procgen reads: only regular files (or links "
         "to them) of at most 5 MB are read, so a folder, a FIFO, a device, a dangling link or "
         "an unreadable file is reported here by `validate` and `build` alike.",
         "procgen validate procedures/brith-registration.yaml",
         "Check the path (paths are relative to the folder you run procgen from). Move or "
         "rename an entry that is not a procedure file so its name no longer ends in `.yaml`."),
    Code("PG101", "error", "not-utf8", "file is not valid UTF-8: {detail}",
         "Procedure files must be saved as UTF-8 (Vietnamese text needs it).",
         "title: {vi: \\xd0\\u0103ng k\\xfd}   # saved as Windows-1258",
         "Save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)."),
    Code("PG102", "error", "yaml-syntax", "YAML syntax error: {problem}",
         "The file is not well-formed YAML.",
         "title: {vi: Đăng ký khai sinh, en: Birth registration",
         "Close brackets and quotes; quote text that contains ': ' or starts with a symbol."),
    Code("PG103", "error", "tab-indent", "tab character used for indentation; YAML needs spaces",
         "YAML does not allow tabs for indentation.",
         "fields:\n\t- id: child_name",
         "Replace each tab with spaces (most editors can show and convert tabs)."),
    Code("PG104", "error", "duplicate-key", "duplicate key '{key}'",
         "The same key appears twice in one mapping; YAML would silently keep only the last one.",
         "- id: child_name\n  label: {vi: Tên}\n  label: {en: Name}",
         "Keep one copy of the key, merging the values (e.g. `label: {vi: Tên, en: Name}`)."),
    Code("PG105", "error", "unsafe-tag", "tag '{tag}' is not allowed; procedure files hold plain data",
         "Explicit YAML tags (e.g. `!!python/object`) could construct code objects and are refused.",
         "default: !!python/object/apply:os.system [\"rm -rf /\"]",
         "Remove the tag and write the plain value."),
    Code("PG106", "error", "alias-bomb",
         "anchors and aliases expand to more than {limit} values; refusing to expand",
         "Anchors (`&x`) and aliases (`*x`) that expand exponentially (a \"billion laughs\" bomb).",
         "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on",
         "Write values out, or share fields with `- use: <block>` from `procedures/common/`."),
    Code("PG107", "error", "not-a-mapping", "{what}",
         "A procedure file must hold exactly one YAML document, a mapping of keys to values.",
         "- id: child_name\n- id: child_sex",
         "Start the file with `procgen: 1` and the procedure's keys (run `procgen new ID`)."),
    Code("PG108", "error", "bad-key", "mapping key must be a plain text, not {what}",
         "Keys must be plain words; null, list or mapping keys are refused.",
         "? [a, b]\n: value",
         "Use a plain word as the key."),
    Code("PG109", "error", "output-refused", "cannot write the output folder {path}: {reason}",
         "`procgen build` replaces its output folder as a whole, so it writes only a folder "
         "it owns (absent, empty, or holding procgen's own `manifest.json`) that is not a "
         "symbolic link and not inside or above the procedures folder; it also stops, "
         "changing nothing, when the folder cannot be written (read-only, disk full).",
         "procgen build --out ~/Documents      # a folder of your own files",
         "Build into another folder (`--out generated`), or empty the folder first. For a link, "
         "give the real folder as `--out`; for a read-only folder, make it writable."),
    Code("PG110", "error", "unsupported-version",
         "procgen: {found} is not supported; this compiler reads version {supported}",
         "The `procgen:` version at the top of the file is missing or newer than this compiler.",
         "procgen: 2\nid: birth-registration",
         "Write `procgen: 1`, or upgrade procgen."),
    Code("PG111", "error", "missing-key", "missing key '{key}'{context}",
         "A required key is absent.",
         "- id: child_name\n  label: {vi: Tên}          # no type",
         "Add the key. `procgen new ID` writes a starter showing every required key."),
    Code("PG112", "error", "unknown-key", "unknown key '{key}'{suggestion}",
         "A key that the DSL does not define: typos are never ignored.",
         "- id: child_name\n  type: text\n  lable: {vi: Tên}",
         "Fix the spelling (the message suggests the closest key) or remove the key."),
    Code("PG113", "error", "wrong-type", "{what} must be {expected}, not {found}{extra}",
         "A value has the wrong type (e.g. a list where a mapping is expected).",
         "required: \"yes\"      # a string: read as an expression",
         "Write the value in the expected form; quote codes such as `\"1.001193\"`."),
    Code("PG114", "error", "not-allowed", "'{value}' is not one of {allowed}{suggestion}",
         "A value outside the fixed choices of a key (e.g. a field type).",
         "type: dropdown",
         "Use one of the values listed in the message (for a list of options: `type: choice`)."),
    Code("PG115", "error", "bad-format", "{what} '{value}' {problem}",
         "A value with the wrong shape: an id that is not a slug, a date that is not YYYY-MM-DD.",
         "id: Birth_Registration",
         "Ids of procedures, documents, fees, steps and outputs are lower-case slugs "
         "(`birth-registration`); field ids are snake_case (`child_full_name`)."),
    Code("PG116", "error", "out-of-range", "{what} {problem}",
         "A number or list is too small or too large (e.g. `revision: 0`, no channels).",
         "revision: 0",
         "Use a value within the limits the message names."),
    Code("PG117", "error", "schema", "{message}",
         "Any other violation of the JSON Schema for this kind of file, e.g. a key that needs "
         "another beside it.",
         "- {id: name, type: text, label: Tên, constraint_message: Sai}   # no constraint",
         "Read the message and the DSL reference (`docs/dsl.md`) for the key."),
    Code("PG118", "warning", "missing-translation",
         "missing '{lang}' text; the '{default}' text will be shown instead",
         "A localized text lacks one of the project's languages. An error with `--strict`.",
         "title: {vi: Đăng ký khai sinh}     # no en",
         "Add the missing language: `title: {vi: Đăng ký khai sinh, en: Birth registration}`."),
    Code("PG119", "error", "unknown-language",
         "language '{lang}' is not one of the project's languages {languages}{suggestion}",
         "A localized text uses a language code that `procedures/procgen.yaml` does not list.",
         "title: {vi: Đăng ký khai sinh, eng: Birth registration}",
         "Use the codes from `procgen.yaml` (`vi`, `en`), or add the language there."),
    Code("PG121", "warning", "comma-in-text",
         "unquoted comma inside {{ }}: read the '{lang}' text as \"{text}\"; put it in quotes",
         "Inside `{ }` a comma separates entries, so unquoted text with a comma is cut in two "
         "(the rest becomes a key with no value). procgen joins the pieces back, as the author "
         "evidently meant, and warns; an error with `--strict`.",
         "label: {vi: Họ, chữ đệm và tên của trẻ, en: Child's full name}",
         "Quote the text: `label: {vi: \"Họ, chữ đệm và tên của trẻ\", en: Child's full name}`, "
         "or write the mapping on several lines."),
    Code("PG122", "error", "too-deep",
         "values nest more than {limit} levels deep; procgen reads at most {limit}",
         "Mappings and lists nest inside one another deeper than procgen reads (the file's own "
         "mapping is level 1; a group inside a group is about eight). Hundreds of levels are a "
         "generated or hostile file, and would exhaust the compiler's stack.",
         "x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
         "Flatten the structure. Share fields with `- use: <block>` rather than nesting "
         "groups deeply."),
    Code("PG123", "error", "recursive-alias",
         "alias '*{name}' is inside the value its anchor '&{name}' names, so that value would "
         "hold itself forever",
         "An alias (`*a`) placed inside the very value its anchor (`&a`) marks: the value "
         "would contain itself, endlessly.",
         "fields: &a [*a]",
         "Write the value out, or alias a value that is complete before the alias: "
         "`a: &a [x]` then `b: *a`."),
    Code("PG124", "error", "too-many-values",
         "the file holds more than {limit} values; procgen reads at most {limit} in one file",
         "A file with more values (mappings, lists and single values, counted one by one) "
         "than procgen reads: far more than any real procedure, so a generated or corrupted "
         "file.",
         "options: [a, b, c, d, ...]        # a million options",
         "Split the file: shared option lists go in `procedures/lists/`, shared fields in "
         "`procedures/common/`, one file each."),
    Code("PG120", "error", "no-settings", "{problem}",
         "The project settings file `procedures/procgen.yaml` is missing or invalid.",
         "procedures/          # with no procgen.yaml",
         "Create `procedures/procgen.yaml` with `procgen: 1`, `languages: [vi, en]`, "
         "`default_language: vi`, `currency: VND`."),
)
