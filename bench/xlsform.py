"""An XLSForm built from a procedure, so pyxform's ``xls2xform`` converts a form of the same
size as the one procgen compiles: the same fields (kinds, both languages' labels and hints,
options, required, groups and repeats) and one ``file`` question per uploadable document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from procgen.model.ir import Field, Procedure

LANGS = {"vi": "Vietnamese (vi)", "en": "English (en)"}
_TYPES = {
    "text": "text",
    "textarea": "text",
    "integer": "integer",
    "number": "decimal",
    "money": "decimal",
    "date": "date",
    "email": "text",
    "phone": "text",
    "national_id": "text",
    "address": "text",
}


def write_xlsform(procedure: Procedure, path: Path) -> int:
    """Write ``path`` (.xlsx); returns the number of questions."""
    from openpyxl import Workbook

    survey: list[list[Any]] = []
    choices: list[list[Any]] = []
    lists: dict[tuple[str, ...], str] = {}
    count = 0

    def labels(text: Any) -> list[str]:
        return [text.get(lang) if text else "" for lang in LANGS]

    def add(f: Field, prefix: str) -> None:
        nonlocal count
        name = f"{prefix}{f.id}"
        required = "yes" if f.unconditionally_required else ""
        hint = labels(f.hint) if f.hint else ["", ""]
        if f.kind == "group":
            kind = "repeat"  # every group takes its repeat range (Field.repeat)
            survey.append([f"begin_{kind}", name, *labels(f.label), *hint, ""])
            for child in f.children:
                add(child, f"{name}_")
            survey.append([f"end_{kind}", "", "", "", "", "", ""])
            return
        count += 1
        if f.kind in ("choice", "multichoice", "boolean"):
            # fields with the same options (a shared list such as sex) share one choice list
            key = tuple(str(o.value) for o in f.options) or (name,)
            if key not in lists:
                lists[key] = name.replace("-", "_")
                opts = f.options or ()
                if f.kind == "boolean":
                    choices.append([lists[key], "yes", "Có", "Yes"])
                    choices.append([lists[key], "no", "Không", "No"])
                for o in opts:
                    choices.append([lists[key], str(o.value), *labels(o.label)])
            kind = "select_multiple" if f.kind == "multichoice" else "select_one"
            qtype = f"{kind} {lists[key]}"
        else:
            qtype = _TYPES[f.kind]
        survey.append([qtype, name, *labels(f.label), *hint, required])

    for f in procedure.asked_fields:
        add(f, "")
    for d in procedure.uploadable_documents:
        count += 1
        survey.append(
            [
                "file",
                f"doc_{d.id.replace('-', '_')}",
                *labels(d.title),
                "",
                "",
                "yes" if d.required is True else "",
            ]
        )

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    ws.append(
        [
            "type",
            "name",
            *(f"label::{v}" for v in LANGS.values()),
            *(f"hint::{v}" for v in LANGS.values()),
            "required",
        ]
    )
    for row in survey:
        ws.append(row)
    cs = wb.create_sheet("choices")
    cs.append(["list_name", "name", *(f"label::{v}" for v in LANGS.values())])
    for row in choices:
        cs.append(row)
    st = wb.create_sheet("settings")
    st.append(["form_title", "form_id", "default_language"])
    st.append([procedure.title.get("vi"), procedure.id.replace("-", "_"), LANGS["vi"]])
    wb.save(path)
    return count
