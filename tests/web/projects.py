"""Tiny procedure projects written to a temporary folder, for tests that need odd input."""

from __future__ import annotations

import textwrap
from pathlib import Path

SETTINGS = """\
procgen: 1
languages: [{languages}]
default_language: vi
currency: VND
api_base_url: https://api.example.gov.vn/v1
"""

SEX = """\
procgen: 1
options:
  - {value: male, label: {vi: Nam, en: Male}}
  - {value: female, label: {vi: Nữ, en: Female}}
"""


def project(tmp: Path, procedures: dict[str, str], languages: str = "vi, en") -> Path:
    """Write ``procgen.yaml``, a ``sex`` list and the given procedures; return the folder."""
    root = tmp / "procedures"
    (root / "lists").mkdir(parents=True, exist_ok=True)
    (root / "procgen.yaml").write_text(SETTINGS.format(languages=languages), "utf-8")
    (root / "lists" / "sex.yaml").write_text(SEX, "utf-8")
    for pid, body in procedures.items():
        (root / f"{pid}.yaml").write_text(textwrap.dedent(body), "utf-8")
    return root


def minimal(pid: str = "tiny", fields: str = "", extra: str = "") -> str:
    """A small valid procedure; ``fields`` is YAML for the items of its ``fields`` list."""
    fields = fields or "  - {id: name, type: text, label: {vi: Tên, en: Name}, required: true}\n"
    return (f"procgen: 1\nid: {pid}\nrevision: 1\ntitle: {{vi: Thủ tục, en: Procedure}}\n"
            "channels:\n  online: {processing_time: {working_days: 1}}\n"
            f"fields:\n{fields}{extra}")


HOSTILE_MARKUP = '<img src=x onerror=alert(\\"pwned\\")><script>alert(\\"pwned\\")</script>'
"""Markup that would run if any text reached the page unescaped (YAML double-quoted form)."""


def hostile() -> str:
    """A procedure whose every text carries markup that must be shown, never run."""
    m = HOSTILE_MARKUP

    def t(label: str) -> str:
        return f'{{vi: "{label} {m}", en: "{label} {m} </script><!--"}}'

    return f"""\
procgen: 1
id: hostile
revision: 1
title: {t("Title")}
summary: {t("Summary")}
agency: {t("Agency")}
legal_basis:
  - {{title: {t("Law")}, number: "1/2025 {m}", article: "2 {m}"}}
channels:
  online: {{processing_time: {{working_days: 1}}}}
  in_person: {{processing_time: {{working_days: 2}}}}
fields:
  - id: name
    type: text
    label: {t("Name")}
    hint: {t("Hint")}
    required: true
    constraint: len(name) > 2
    constraint_message: {t("Too short")}
  - id: kind
    type: choice
    label: {t("Kind")}
    options:
      - {{value: a, label: {t("Option A")}}}
      - {{value: b, label: {t("Option B")}}}
  - id: items
    type: group
    label: {t("Items")}
    repeat: {{min: 1, max: 3}}
    fields:
      - {{id: item_name, type: text, label: {t("Item")}, required: true}}
documents:
  - id: paper
    title: {t("Paper")}
    hint: {t("Paper hint")}
    template: {{code: "T-1 {m}", title: {t("Template")}}}
    originals: 1
    accept: [application/pdf]
    max_size_mb: 1
fees:
  - id: fee
    label: {t("Fee")}
    amount: 1000
    exemptions:
      - {{when: kind == "a", label: {t("Exempt")}}}
steps:
  - id: first
    actor: applicant
    title: {t("Step")}
    description: {t("Description")}
    fields: [name, kind, items]
    documents: [paper]
  - id: visit
    actor: applicant
    title: {t("Visit")}
    description: {t("Visit description")}
    presence: required
"""


def every_kind() -> str:
    """Every field kind at the top level and inside a repeatable group, with long option lists,
    integer option values and a question-free information step."""
    kinds = {
        "text": "", "textarea": "", "integer": ", min: 1, max: 9", "number": ", min: 0.5",
        "money": ", min: 0", "date": ", min: 2000-01-01", "boolean": "", "email": "",
        "phone": "", "national_id": "", "address": "",
        "choice": ", options: [{value: 1, label: Một}, {value: 2, label: Hai}]",
        "multichoice": ", options: [" + ", ".join(
            f"{{value: o{i}, label: Lựa chọn số {i}}}" for i in range(12)) + "], max_length: 3",
    }
    top = "".join(f"  - {{id: top_{k}, type: {k}, label: {{vi: Câu hỏi {k}, en: Question {k}}},"
                  f" hint: Gợi ý, required: {'false' if k == 'boolean' else 'true'}{extra}}}\n"
                  for k, extra in kinds.items())
    long_choice = ("  - {id: top_province, type: choice, label: Tỉnh, required: true, options: ["
                   + ", ".join(f"{{value: p{i}, label: Tỉnh {i}}}" for i in range(20)) + "]}\n")
    children = "".join(f"      - {{id: row_{k}, type: {k}, label: {{vi: Mục {k}, en: Item {k}}}"
                       f"{extra}}}\n" for k, extra in kinds.items())
    group = ("  - id: rows\n    type: group\n    label: {vi: Danh sách, en: List}\n"
             "    repeat: {min: 1, max: 4}\n    fields:\n" + children
             + "      - {id: row_province, type: choice, label: Tỉnh, options: ["
             + ", ".join(f"{{value: p{i}, label: Tỉnh {i}}}" for i in range(20)) + "]}\n")
    single = ("  - id: single\n    type: group\n    label: Một nhóm\n    fields:\n"
              "      - {id: single_name, type: text, label: Tên, required: true}\n")
    return minimal("every-kind", top + long_choice + group + single,
                   "steps:\n  - id: info\n    actor: applicant\n    title: Thông tin\n"
                   "    description: Đến trụ sở.\n")


PLACE_BLOCK = """\
procgen: 1
fields:
  - {id: place_province, type: text, label: {vi: Tỉnh, en: Province}, required: true}
  - {id: place_detail, type: text, label: {vi: Số nhà, en: House number},
     required: place_province != ""}
"""
"""A block used twice by :func:`two_places` (``common/place.yaml``)."""


def two_places() -> str:
    """One block used twice, each use under its own heading (one of them hostile markup)."""
    m = HOSTILE_MARKUP
    return minimal(
        "two-places",
        "  - use: place\n    heading: {vi: Nơi ở, en: Where you live}\n"
        "  - use: place\n    prefix: site\n"
        f'    heading: {{vi: "Công trình {m}", en: "Building site {m}"}}\n',
        "steps:\n  - {id: where, actor: applicant, title: {vi: Nơi, en: Places}, "
        "fields: [place, site_place]}\n")
