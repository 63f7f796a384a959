"""Issue 15, "one wording catalogue": every key in every language, the same placeholders in
each, and no key that no code uses.

A key is used when the source (Python, templates, the web runtime's JavaScript) names it: as a
quoted string, as ``ui.<key>`` / ``M.<key>`` in a template or the runtime, or through one of
the few families the code builds by name (listed in :data:`BUILT_BY_NAME`, each with where).
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from procgen import wording
from procgen.diff.rules import FALLBACK, RULES, says_key
from procgen.model.facts import FORMATS
from procgen.score.indicators import INDICATORS
from procgen.score.report import BURDEN, LEVELS
from procgen.targets.mobile import i18n as mobile_i18n
from procgen.targets.web import i18n as web_i18n
from procgen.wording import DATABASES, LANGUAGES, TEXTS

SRC = Path(__file__).resolve().parents[2] / "src" / "procgen"

BUILT_BY_NAME: dict[str, str] = {
    # procgen.wording.rule_message(key) says f"rule_{key}" (targets/openapi/answers.py)
    **{f"rule_{k}": "rule_message" for k in ("when", "when_document")},
    # durations: f"{unit}_one" / unit (procgen.wording.duration)
    **dict.fromkeys(("working_days", "working_days_one", "days", "days_one", "hours",
                     "hours_one"), "Duration.unit"),
    # a condition's comparison and subject: cond_<op>, cond_days_ago_<op>, cond_<function>
    # (procgen.wording.conditions)
    **{f"cond_{p}{op}": "conditions._OPS" for p in ("", "days_ago_")
       for op in ("eq", "ne", "lt", "le", "gt", "ge")},
    **{f"cond_{f}": "conditions function" for f in ("age", "count", "len")},
    # who may apply: audience_<Procedure.audience> (web structured data)
    **dict.fromkeys(("audience_citizen", "audience_business", "audience_organisation"),
                    "Procedure.audience"),
    # channel names (web view's channel table, mobile's processing times)
    **dict.fromkeys(("online", "in_person", "postal"), "Channel.name"),
    # procgen explain: f"explain_severity_{Code.severity}" (cli.explain)
    **dict.fromkeys(("explain_severity_error", "explain_severity_warning"), "Code.severity"),
    # the scorecard: score_<Indicator.id>_name/_definition/_formula/_ref, score_reason_<reason>,
    # score_burden_<count>, score_level_<level> (procgen.score.report, targets/score)
    **{f"score_{i.id}_{part}": "Indicator.id" for i in INDICATORS
       for part in ("name", "definition", "formula", "ref")
       if f"score_{i.id}_{part}" in TEXTS},
    **{f"score_reason_{r}": "ProcedureScore.reasons"
       for r in ("no_online_channel", "steps", "documents", "fees", "result")},
    **{f"score_burden_{k}": "Burden field" for k in (*BURDEN, "minutes", "mean_minutes")},
    **{f"score_level_{k}": "Provenance.level" for k in LEVELS},
    # how sure a quoted amount is: confidence_<Provenance.level> (quote/table.py)
    **{f"confidence_{k}": "Provenance.level" for k in LEVELS if k != "sourced"},
    # a diff rule's sentence: diff_rule_<id> (procgen.diff.rules.says_key of Rule.id)
    **{r.says: "diff Rule.id" for r in (*RULES, FALLBACK) if r.says == says_key(r.id)},
}
"""Keys the code builds from data instead of naming them; each with the data it comes from."""

PROBLEM_KEYS = (
    "err_type", "err_option", "err_option_twice", "err_email", "err_phone", "err_national_id",
    "err_date", "err_integer", "err_number", "err_min", "err_max", "err_date_min",
    "err_date_max", "err_min_length", "err_max_length", "err_min_items", "err_max_items",
    "err_pattern", "err_min_entries", "err_max_entries", "err_required", "err_required_choice",
    "err_required_file", "err_constraint", "err_file_type", "err_file_size",
)
"""The message keys of :func:`procgen.model.answer.problems` and the validators."""


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_is_written_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = TEXTS[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(texts[lang].strip() for lang in LANGUAGES), f"{key}: an empty text"
    sets = {lang: placeholders(texts[lang]) for lang in LANGUAGES}
    assert len({frozenset(s) for s in sets.values()}) == 1, f"{key}: placeholders {sets}"


@pytest.mark.parametrize("slug", sorted(DATABASES))
def test_every_database_is_named_in_every_language(slug: str) -> None:
    assert set(DATABASES[slug]) == set(LANGUAGES)
    assert all(DATABASES[slug][lang].strip() for lang in LANGUAGES)


READERS = ("targets", "model/answer.py", "model/facts.py", "quote", "wording/__init__.py",
           "wording/conditions.py", "guidance", "assistant", "diff", "commands", "cli.py",
           "score", "serve")
"""Where the catalogue's keys are named: the targets, the model's problem and format keys,
``quote``, the catalogue's own API (field_messages, add_entry, database…, a condition in
words), the questions citizens ask (``guidance``), ``diff``, the
commands (``procgen build``, ``quote`` and ``diff``'s own words) and ``procgen serve``'s
problems and pages."""


def _sources() -> str:
    parts = []
    for reader in READERS:
        root = SRC / reader
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.suffix in (".py", ".j2", ".js"):
                parts.append(path.read_text("utf-8"))
    return "\n".join(parts)


def test_no_key_is_unused() -> None:
    source = _sources()
    unused = []
    for key in TEXTS:
        if key in BUILT_BY_NAME:
            continue
        named = re.search(rf"""["']{re.escape(key)}["']|\b(?:ui|M)\.{re.escape(key)}\b""",
                          source)
        if not named:
            unused.append(key)
    assert unused == [], f"keys no code uses: {unused}"


def test_built_by_name_keys_exist() -> None:
    assert set(BUILT_BY_NAME) <= set(TEXTS)


def test_every_diff_rule_says_a_catalogue_text_and_no_rule_text_is_stale() -> None:
    said = {r.says for r in (*RULES, FALLBACK)}
    assert said <= set(TEXTS)
    stale = sorted(k for k in TEXTS if k.startswith("diff_rule_") and k not in said)
    assert stale == [], f"diff_rule_… texts of no registered rule: {stale}"


def test_every_problem_key_is_in_the_web_table_in_every_language() -> None:
    keys = {*PROBLEM_KEYS, *(f.message for f in FORMATS.values())}
    for lang in LANGUAGES:
        assert keys <= set(web_i18n.ui(lang)), sorted(keys - set(web_i18n.ui(lang)))
        # the runtime fills {label} only: no sentence-start {Label} reaches it
        assert not any("{Label}" in web_i18n.ui(lang)[k] for k in keys)


def test_the_app_publishes_every_renderer_key() -> None:
    for lang in LANGUAGES:
        assert set(mobile_i18n.UI_KEYS_FOR_RENDERER) <= set(mobile_i18n.words(lang))


def test_an_unknown_language_reads_english() -> None:
    assert wording.words("fr") == wording.words("en")
    assert web_i18n.ui("fr") == web_i18n.ui("en")
    assert mobile_i18n.words("fr") == mobile_i18n.words("en")


@pytest.mark.parametrize(("label", "inline"), [
    ("Họ và tên", "họ và tên"),
    ("Date of birth", "date of birth"),
    ("Số CCCD", "số CCCD"),
    ("CCCD", "CCCD"),
    ("ID number", "ID number"),
    ("Hà Nội", "Hà Nội"),
    ("Việt Nam nơi sinh", "Việt Nam nơi sinh"),
    ("Điện thoại", "điện thoại"),
    ("Area (m²)", "area (m²)"),
    ("A1 licence", "A1 licence"),
    ("", ""),
])
def test_a_label_inside_a_sentence(label: str, inline: str) -> None:
    assert wording.inline(label) == inline
