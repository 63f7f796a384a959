"""REQ foundation/model: the builder rules that docs/dsl.md states, through ``load_portal``.

Defaults (revision 1, documents required, originals/copies 0, fee channels = every channel),
how pages are derived, the fully-online rule, id uniqueness (siblings only, so groups may
reuse each other's field ids), nested blocks, and the validated-input-only contract.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from procgen.cli import cli
from procgen.diagnostics import DiagnosticSink
from procgen.diagnostics.codes import CODES
from procgen.model import load_portal
from procgen.model.ir import Procedure

SETTINGS = "procgen: 1\nlanguages: [vi, en]\ndefault_language: vi\ncurrency: VND\n"
HEAD = """\
procgen: 1
id: p
title: {vi: Thủ tục, en: Procedure}
channels:
  online: {processing_time: {working_days: 1}}
  in_person: {processing_time: {working_days: 2}}
"""


def project(tmp_path: Path, body: str, **files: str) -> Path:
    root = tmp_path / "procedures"
    root.mkdir(parents=True)
    (root / "procgen.yaml").write_text(SETTINGS, "utf-8")
    (root / "p.yaml").write_text(HEAD + textwrap.dedent(body), "utf-8")
    for rel, text in files.items():
        path = root / f"{rel.replace('__', '/')}.yaml"  # common__person: common/person.yaml
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return root


def build(tmp_path: Path, body: str, **files: str) -> tuple[Procedure | None, list[str]]:
    sink = DiagnosticSink()
    portal = load_portal(project(tmp_path, body, **files), sink)
    # --strict-only codes (unsourced facts) are not what these rules are about
    return portal.procedure("p"), [f"{d.code}@{d.span.line}" for d in sink
                                   if d.span and not CODES[d.code].strict_only]


def field(fid: str, kind: str = "text", extra: str = "") -> str:
    return f"  - {{id: {fid}, type: {kind}, label: {{vi: {fid}, en: {fid}}}{extra}}}\n"


def doc(did: str, extra: str = "") -> str:
    return f"  - {{id: {did}, title: {{vi: {did}, en: {did}}}{extra}}}\n"


def step(sid: str, actor: str = "applicant", extra: str = "") -> str:
    return f"  - {{id: {sid}, actor: {actor}, title: {{vi: {sid}, en: {sid}}}{extra}}}\n"


# --- defaults -----------------------------------------------------------------------------------


def test_defaults(tmp_path: Path) -> None:
    body = (
        "fields:\n" + field("a")
        + "documents:\n" + doc("paper", ", accept: [application/pdf]")
        + "fees:\n  - {id: fee, label: {vi: Phí, en: Fee}, amount: 1000}\n"
    )  # fmt: skip
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert proc.revision == 1
    (paper,) = proc.documents
    assert (paper.required, paper.originals, paper.copies) == (True, 0, 0)
    assert (paper.present_only, paper.generated_from_form, paper.uploadable) == (False, False, True)
    (fee,) = proc.fees
    assert fee.channels == ("online", "in_person")
    (a,) = proc.fields
    assert a.required is False and a.when is None


def test_fee_channels_keep_the_procedure_order(tmp_path: Path) -> None:
    body = "fees:\n  - {id: fee, label: {vi: P, en: F}, amount: 1, channels: [in_person, online]}\n"
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert proc.fees[0].channels == ("online", "in_person")


@pytest.mark.parametrize(
    ("fee", "code"),
    [
        ("amount: 1, set_by: locality, range: {min: 0, max: 5}", "PG307"),
        ("set_by: locality", "PG307"),
        ("range: {min: 0, max: 5}", "PG307"),
        ("set_by: locality, range: {min: 6, max: 5}", "PG307"),
        ("amount: 1, channels: [postal]", "PG308"),
        ("amount: 1, valid: {from: 2025-01-02, until: 2025-01-01}", "PG312"),
    ],
)
def test_fee_rules(tmp_path: Path, fee: str, code: str) -> None:
    proc, diags = build(tmp_path, f"fees:\n  - {{id: fee, label: {{vi: P, en: F}}, {fee}}}\n")
    assert proc is None
    assert [d.split("@")[0] for d in diags] == [code]


# --- pages --------------------------------------------------------------------------------------


def test_pages_follow_applicant_steps(tmp_path: Path) -> None:
    body = (
        "fields:\n" + field("a") + field("b")
        + "documents:\n" + doc("listed", ", accept: [application/pdf]")
        + doc("unlisted", ", accept: [application/pdf]")
        + doc("held", ", held_by_state: civil-status-database")
        + "steps:\n" + step("second", extra=", fields: [b], documents: [listed]")
        + step("check", "agency") + step("first", extra=", fields: [a]")
        + step("collect")
    )  # fmt: skip
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert [p.id for p in proc.pages] == ["second", "first", "documents"]
    assert [f.id for f in proc.pages[0].fields] == ["b"]
    assert [d.id for d in proc.pages[0].documents] == ["listed"]
    assert [d.id for d in proc.pages[-1].documents] == ["unlisted"]  # held_by_state: never asked
    assert [f.id for f in proc.asked_fields] == ["b", "a"]


def test_without_stepped_fields_one_page_holds_them_all(tmp_path: Path) -> None:
    body = (
        "fields:\n" + field("a") + field("b")
        + "documents:\n" + doc("paper", ", accept: [application/pdf]")
        + "steps:\n" + step("upload", extra=", documents: [paper]") + step("collect")
    )  # fmt: skip
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert [p.id for p in proc.pages] == ["details", "upload"]
    assert [f.id for f in proc.pages[0].fields] == ["a", "b"]
    assert proc.pages[0].title == proc.title


def test_a_field_on_no_step_or_two_steps(tmp_path: Path) -> None:
    body = (
        "fields:\n" + field("a") + field("b")
        + "steps:\n" + step("one", extra=", fields: [a]") + step("two", extra=", fields: [a]")
    )  # fmt: skip
    proc, diags = build(tmp_path, body)
    assert proc is None
    assert sorted(d.split("@")[0] for d in diags) == ["PG304", "PG305"]


def test_back_office_steps_cannot_ask(tmp_path: Path) -> None:
    body = "fields:\n" + field("a") + "steps:\n" + step("s", "agency", ", fields: [a]")
    proc, diags = build(tmp_path, body)
    assert proc is None
    assert "PG306" in [d.split("@")[0] for d in diags]


# --- fully online -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_docs", "extra_steps", "online"),
    [
        (doc("pdf", ", accept: [application/pdf]"), "", True),
        (doc("held", ", held_by_state: tax-database"), "", True),
        (doc("form", ", generated_from_form: true"), "", True),
        (doc("paper"), "", False),
        (doc("paper", ", required: false"), "", True),
        (doc("pdf", ", accept: [application/pdf]"), step("visit", extra=", presence: required"),
         False),
        (doc("pdf", ", accept: [application/pdf]"), step("visit", extra=", presence: optional"),
         True),
    ],
)  # fmt: skip
def test_fully_online(tmp_path: Path, extra_docs: str, extra_steps: str, online: bool) -> None:
    body = "documents:\n" + extra_docs + ("steps:\n" + extra_steps if extra_steps else "")
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert proc.fully_online is online


def test_no_online_channel_is_never_fully_online(tmp_path: Path) -> None:
    root = project(tmp_path, "")
    text = (
        (root / "p.yaml")
        .read_text("utf-8")
        .replace("  online: {processing_time: {working_days: 1}}\n", "")
    )
    (root / "p.yaml").write_text(text, "utf-8")
    sink = DiagnosticSink()
    proc = load_portal(root, sink).procedure("p")
    assert proc is not None and proc.fully_online is False


FEE = "  - {id: f, label: {vi: Lệ phí, en: Fee}, amount: 10000%s}\n"


@pytest.mark.parametrize(
    ("fee", "online_results", "online", "why"),
    [
        ("", "", True, None),                                   # charged online: paid online
        (", payment: [online, desk]", "", True, None),
        (", payment: [desk]", "", False, "fees"),               # Decree 42: pay online too
        (", payment: [desk], channels: [in_person]", "", True, None),  # not charged online
        ("", ", results: [electronic]", True, None),
        ("", ", results: [post, desk]", True, None),            # by public post is enough
        ("", ", results: [desk]", False, "result_in_person"),   # only at the office
    ],
)  # fmt: skip
def test_fully_online_is_decree_42s_full_process(tmp_path: Path, fee: str, online_results: str,
                                                 online: bool, why: str | None) -> None:
    """Decree 42/2022 art. 11: filed, settled and paid online, the result returned online or
    by public post; the reason is kept where every target reads it."""
    root = project(tmp_path, "fees:\n" + FEE % fee)
    path = root / "p.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "online: {processing_time: {working_days: 1}}",
        "online: {processing_time: {working_days: 1}" + online_results + "}"), "utf-8")
    sink = DiagnosticSink()
    proc = load_portal(root, sink).procedure("p")
    assert proc is not None, [d.message for d in sink]
    assert proc.fully_online is online
    obstacles = proc.online_obstacles
    assert (obstacles is None) is online
    if why == "fees":
        assert obstacles is not None and [f.id for f in obstacles.fees] == ["f"]
    elif why == "result_in_person":
        assert obstacles is not None and obstacles.result_in_person


def test_the_reasons_are_said_once_everywhere(tmp_path: Path) -> None:
    """Every reason in one sentence, the same on the page, the app and the assistant."""
    from procgen import wording

    body = ("fees:\n" + FEE % ", payment: [desk]" + "documents:\n" + doc("paper")
            + "steps:\n" + step("visit", extra=", presence: required"))
    root = project(tmp_path, body)
    path = root / "p.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "online: {processing_time: {working_days: 1}}",
        "online: {processing_time: {working_days: 1}, results: [desk]}"), "utf-8")
    proc = load_portal(root, DiagnosticSink()).procedure("p")
    assert proc is not None
    assert wording.online_status(proc, "en") == (
        "This procedure is not fully online: you must attend in person at the step visit; "
        "these documents must be handed in on paper: paper; these fees cannot be paid online: "
        "Fee; the result is only handed over at the office.")
    assert wording.online_status(proc, "vi").startswith(
        "Thủ tục này chưa thực hiện trực tuyến toàn trình: cần đến trực tiếp ở bước visit; ")


# --- uniqueness and blocks ----------------------------------------------------------------------


def group(gid: str, children: str) -> str:
    return (
        f"  - id: {gid}\n    type: group\n    label: {{vi: {gid}, en: {gid}}}\n    fields:\n"
        + textwrap.indent(children, "    ")
    )


def test_groups_may_reuse_field_ids(tmp_path: Path) -> None:
    body = (
        "fields:\n" + field("name")
        + group("children", field("name") + field("born", "date"))
        + group("heirs", field("name") + field("children"))
    )  # fmt: skip
    proc, diags = build(tmp_path, body)
    assert proc is not None, diags
    assert [c.id for c in proc.field("heirs").children] == ["name", "children"]  # type: ignore[union-attr]


def test_siblings_may_not_share_an_id(tmp_path: Path) -> None:
    proc, diags = build(tmp_path, "fields:\n" + group("g", field("x") + field("x")))
    assert proc is None
    assert [d.split("@")[0] for d in diags] == ["PG302"]


def test_a_block_field_clashing_with_a_procedure_field(tmp_path: Path) -> None:
    block = "procgen: 1\nfields:\n" + field("name")
    proc, diags = build(
        tmp_path, "fields:\n  - use: person\n" + field("name"), common__person=block
    )
    assert proc is None
    assert [d.split("@")[0] for d in diags] == ["PG302"]


def test_a_block_name_in_a_step_stands_for_its_own_fields(tmp_path: Path) -> None:
    outer = "procgen: 1\nfields:\n" + field("outer_a") + "  - use: inner\n"
    inner = "procgen: 1\nfields:\n" + field("inner_b")
    body = "fields:\n  - use: outer\nsteps:\n" + step("s", extra=", fields: [outer, inner]")
    proc, diags = build(tmp_path, body, common__outer=outer, common__inner=inner)
    assert proc is not None, diags
    assert proc.steps[0].fields == ("outer_a", "inner_b")
    body = "fields:\n  - use: outer\nsteps:\n" + step("s", extra=", fields: [outer]")
    proc, diags = build(tmp_path / "again", body, common__outer=outer, common__inner=inner)
    # inner_b is on no step: said once, at the procedure's own '- use: outer' line (PG318),
    # not inside common/inner.yaml, which other procedures share
    text = (tmp_path / "again" / "procedures" / "p.yaml").read_text("utf-8").splitlines()
    assert proc is None and diags == [f"PG318@{text.index('  - use: outer') + 1}"]


# --- known bugs ---------------------------------------------------------------------------------


def test_decimals_where_counts_are_wanted_are_refused(tmp_path: Path) -> None:
    """``originals: 1.0`` was once read as 1; a count is a whole number written as one (the
    ``75.000`` trap: issue 17), so each is refused with the number meant ("PG125")."""
    body = "revision: 2.0\ndocuments:\n" + doc("paper", ", originals: 1.0, copies: 2.000")
    proc, diags = build(tmp_path, body)
    assert proc is None
    assert sorted(d.split("@")[0] for d in diags) == ["PG125"] * 3, diags
    sink = DiagnosticSink()
    load_portal(tmp_path / "procedures", sink)
    said = sorted(d.message for d in sink if d.code == "PG125")
    assert said == [
        "'copies' is written 2.000, which YAML reads as 2.0; write money and counts in digits "
        "only: did you mean 2000?",
        "'originals' is written 1.0, which YAML reads as 1.0; write it as the whole number 1",
        "'revision' is written 2.0, which YAML reads as 2.0; write it as the whole number 2",
    ]


def test_validate_a_subfolder_of_a_project(tmp_path: Path) -> None:
    block = "procgen: 1\nfields:\n" + field("person_name")
    root = project(tmp_path, "", common__person=block)
    result = CliRunner().invoke(cli, ["--procedures", str(root), "validate", str(root / "common")])
    assert result.exit_code == 0, result.output


def kitchen_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "procedures"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "kitchen-sink", root)
    return root


def codes_in(root: Path) -> list[tuple[str, str, int]]:
    sink = DiagnosticSink()
    load_portal(root, sink)
    return [(d.code, Path(d.span.file).name, d.span.line) for d in sink if d.span]


def test_a_broken_block_is_one_error(tmp_path: Path) -> None:
    root = kitchen_copy(tmp_path)
    person = root / "common" / "person.yaml"
    person.write_text(person.read_text("utf-8").replace("type: text", "type: txt", 1), "utf-8")
    assert codes_in(root) == [("PG114", "person.yaml", 4)]


def test_a_misspelt_use_is_one_error(tmp_path: Path) -> None:
    root = kitchen_copy(tmp_path)
    ks = root / "kitchen-sink.yaml"
    ks.write_text(ks.read_text("utf-8").replace("- use: person", "- use: persn", 1), "utf-8")
    assert codes_in(root) == [("PG303", "kitchen-sink.yaml", 25)]


# --- a block used twice: prefix and heading (docs/dsl.md) --------------------------------------

ADDRESS = """\
procgen: 1
fields:
  - {id: address_province, type: text, label: {vi: Tỉnh, en: Province}, required: true}
  - {id: address_detail, type: text, label: {vi: Chi tiết, en: Detail},
     required: address_province != "", constraint: len(address_detail) > 2}
  - id: address_people
    type: group
    label: {vi: Người ở, en: Residents}
    fields:
      - {id: name, type: text, label: {vi: Tên, en: Name}, when: address_province != ""}
"""
TWICE = """\
fields:
  - use: address
  - use: address
    prefix: site
    heading: {vi: Địa chỉ công trình, en: Building site}
  - {id: note, type: text, label: {vi: n, en: n}, when: site_address_province == "x"}
steps:
"""


def test_a_prefix_renames_a_block_and_what_its_expressions_mean(tmp_path: Path) -> None:
    body = TWICE + step("s", extra=", fields: [address, site_address, note]")
    proc, diags = build(tmp_path, body, common__address=ADDRESS)
    assert proc is not None and diags == []
    by_id = {f.id: f for f in proc.fields}
    assert list(by_id) == ["address_province", "address_detail", "address_people",
                           "site_address_province", "site_address_detail",
                           "site_address_people", "note"]
    site = by_id["site_address_detail"]
    # the block's own expressions read the fields of the same use, in the AST and as shown
    assert site.required.names == {"site_address_province"}  # type: ignore[union-attr]
    assert site.required.source == 'site_address_province != ""'  # type: ignore[union-attr]
    assert site.constraint is not None and site.constraint.names == {"site_address_detail"}
    assert by_id["address_detail"].constraint.names == {"address_detail"}  # type: ignore[union-attr]
    child = by_id["site_address_people"].children[0]
    assert child.id == "name" and child.when is not None
    assert child.when.names == {"site_address_province"}
    assert by_id["site_address_province"].used is not None
    assert by_id["site_address_province"].used.name == "site_address"
    assert by_id["site_address_province"].used.heading is not None
    assert by_id["address_province"].used is not None
    assert by_id["address_province"].used.heading is None
    assert proc.steps[0].fields == tuple(by_id)


def test_a_prefixed_use_is_named_by_its_prefix_in_steps(tmp_path: Path) -> None:
    body = TWICE + step("s", extra=", fields: [address, note]")
    proc, diags = build(tmp_path, body, common__address=ADDRESS)
    # 'address' is the unprefixed use only; the site's fields are on no step: one PG318 at
    # its '- use:' line, naming it as steps do
    assert proc is None and diags == ["PG318@9"]
    body = TWICE + step("s", extra=", fields: [address, site, note]")
    proc, diags = build(tmp_path / "misnamed", body, common__address=ADDRESS)
    assert proc is None and sorted(diags) == ["PG303@14", "PG318@9"]


def test_the_same_block_twice_without_a_prefix(tmp_path: Path) -> None:
    body = "fields:\n  - use: address\n  - use: address\nsteps:\n" + step(
        "s", extra=", fields: [address]")
    proc, diags = build(tmp_path, body, common__address=ADDRESS)
    assert proc is None and diags == ["PG319@9"]


def test_a_heading_is_a_fieldset_on_the_page_and_a_section_in_the_rules(tmp_path: Path) -> None:
    from procgen.model.ir import Settings
    from procgen.targets.web.rules import field_rules
    from procgen.targets.web.view import page_view

    body = TWICE + step("s", extra=", fields: [address, site_address, note]")
    proc, _ = build(tmp_path, body, common__address=ADDRESS)
    assert proc is not None
    view = page_view(proc, Settings(("vi", "en"), "vi"), "en")
    parts = [(p.heading, p.dom_id, [f.id for f in p.fields]) for p in view.steps[0].parts]
    assert parts == [
        ("", "", ["address_province", "address_detail", "address_people"]),
        ("Building site", "part-site_address",
         ["site_address_province", "site_address_detail", "site_address_people"]),
        ("", "", ["note"]),
    ]
    by_id = {f.id: f for f in proc.fields}
    assert field_rules(by_id["site_address_detail"], "vi")["section"] == "Địa chỉ công trình"
    assert "section" not in field_rules(by_id["address_detail"], "vi")


def test_the_app_and_the_api_carry_the_same_section(tmp_path: Path) -> None:
    """One heading, worded once: the app's component ``section`` and the API's
    ``x-procgen-section`` are the page's fieldset legend, in every language."""
    import json

    import yaml

    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Settings
    from procgen.targets import EmitContext, get

    body = TWICE + step("s", extra=", fields: [address, site_address, note]")
    proc, _ = build(tmp_path, body, common__address=ADDRESS)
    assert proc is not None
    ctx = EmitContext(Settings(("vi", "en"), "vi"), "test")
    heading = {"vi": "Địa chỉ công trình", "en": "Building site"}
    sink = DiagnosticSink()
    (app,) = get("mobile").emit_procedure(proc, ctx, sink).values()
    components = [c for s in json.loads(app)["screens"] for c in s.get("components", [])]
    sections = {c["field"]: c.get("section") for c in components if "field" in c}
    assert sections == {"address_province": None, "address_detail": None,
                        "address_people": None, "site_address_province": heading,
                        "site_address_detail": heading, "site_address_people": heading,
                        "note": None}
    group = next(c for c in components if c.get("field") == "site_address_people")
    assert all("section" not in c for c in group["components"])  # only a screen's own
    files = get("openapi").emit_procedure(proc, ctx, sink)
    (spec,) = [yaml.safe_load(v) for k, v in files.items() if str(k).endswith(".yaml")]
    answers = next(s for name, s in spec["components"]["schemas"].items()
                   if name.endswith("Answers"))
    assert {k: p.get("x-procgen-section") for k, p in answers["properties"].items()} == sections
