"""REQ issue 20: ``procgen score`` — indicator values worked out by hand for the kitchen sink,
properties of the burden and of full-process, the JSON against its published schema (jsonschema
and ajv strict), and the command's options."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from procgen.cli import cli
from procgen.diagnostics import DiagnosticSink, Span
from procgen.model import load_portal
from procgen.model.facts import FieldKind
from procgen.model.ir import Document, Portal, Procedure, Slug, Text
from procgen.score import as_of, scorecard
from procgen.score.burden import SECONDS, burden
from procgen.score.indicators import score_procedure

ROOT = Path(__file__).resolve().parents[2]
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
BUNDLED = ROOT / "procedures"
SCHEMA = ROOT / "schemas" / "score.schema.json"
FIXTURES = HealthCheck.function_scoped_fixture  # module-scoped portals, read only


def portal(root: Path) -> Portal:
    sink = DiagnosticSink()
    loaded = load_portal(root, sink)
    assert not sink.error_count(), [d.message for d in sink]
    return loaded


@pytest.fixture(scope="module")
def kitchen() -> Portal:
    return portal(KITCHEN)


@pytest.fixture(scope="module")
def bundled() -> Portal:
    return portal(BUNDLED)


def invoke(root: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--procedures", str(root), "score", *args])


# --- worked by hand ------------------------------------------------------------------------------


def test_the_kitchen_sink_worked_by_hand(kitchen: Portal) -> None:
    """tests/fixtures/kitchen-sink/kitchen-sink.yaml, read line by line.

    Questions: the person block's 6 (full name prefilled) and 13 of the procedure's own, the
    children group's 3 entry fields among them: 22, poor_household prefilled too, so 20 typed.
    Uploads: photo and proof-of-poverty (the letter is optional; the declaration is the form,
    the ID card held by the state, the deed shown only). Paper: the deed, 1 original. Pages:
    you, request, family. Visits: the collect step needs presence (the deed is shown there).
    Seconds: 60 (person: id 15, date 10, choice 8, phone 12, email 15) + 364 (textarea 90,
    text 25, integer 6, money 10, number 8, date 10, multichoice 12, choice 8, address 40,
    email 15, group 5, text 25, date 10, money 10, textarea 90) + 2 uploads x 120 + 3 pages
    x 15 = 709 s, 11.8 min, + 90 min for the visit = 101.8.
    """
    p = kitchen.procedure("kitchen-sink")
    assert p is not None
    b = burden(p)
    assert (b.typed_fields, b.prefilled_fields, b.uploads, b.paper_originals, b.paper_copies,
            b.visits, b.pages, b.minutes) == (20, 2, 2, 1, 0, 1, 3, 101.8)
    s = score_procedure(p)
    on = as_of(kitchen.procedures)
    assert on == "2026-01-01"
    values = s.values(on)
    assert values == pytest.approx({
        "online": 1.0,
        "full_process": 0.0,          # the collect visit and the deed shown on paper
        "payable_online": 1.0,        # fee-bearing; every fee charged online is paid online
        "electronic_result": 1.0,     # the certificate is electronic
        "data_reuse": 3 / 26,         # 2 prefilled + the ID card / 22 questions + 4 papers
        "completeness": 1.0,          # code, steps, dossier, a form, audience, agency, ...
        "fee_parity": 1.0,            # online-fee 45 000 <= base-fee 50 000 (2026-01-01)
        "time_parity": 1.0,           # online 2 working days, in person 3
        "sourced": 12 / 16,           # 2 weak (proof, online-fee), 2 inferred (desk time,
    })                                # value-fee) of 16 facts
    assert s.reasons == ("steps", "documents")
    assert s.facts == {"sourced": 12, "weak": 2, "inferred": 2, "placeholder": 0,
                       "unsourced": 0}
    assert s.score(on) == round(100 * (6 + 3 / 26 + 0.75) / 9, 1) == 76.3


BUNDLED_BY_HAND = {
    # stay-notification: the applicant block's 7 questions (5 prefilled; phone, email typed),
    # host_kind, accommodation_name, accommodation_address, the guests group and its 8 entry
    # fields, the note: 15 typed. 12+15 + 8+25+40+5 + (25+10+8+15+25+25+10+10) + 90 = 323 s,
    # 2 pages 30 s: 353 s = 5.9 min. No fee; the notification is the form; the receipt is
    # electronic; 5 prefilled of 20 questions (no paper to ask); 6 facts, 5 weak, 1 inferred.
    "stay-notification": (
        (15, 5, 0, 0, 0, 0, 2, 5.9),
        {"online": 1.0, "full_process": 1.0, "payable_online": None, "electronic_result": 1.0,
         "data_reuse": 5 / 20, "completeness": 1.0, "fee_parity": None, "time_parity": 1.0,
         "sourced": 0.0},
        (), (), 75.0),
    # traffic-fine-payment: 10 prefilled (applicant 5; decision number, plate, date, amount,
    # papers held), 4 typed (phone 12, email 15, return method 8, return address 40 = 75 s),
    # 3 pages 45 s: 2.0 min. The fine is an expression (no parity), paid online; the decision
    # is held by the state: (10 + 1) / (14 + 1). No national code and no form: 6 of 8 parts.
    "traffic-fine-payment": (
        (4, 10, 0, 0, 0, 0, 3, 2.0),
        {"online": 1.0, "full_process": 1.0, "payable_online": 1.0, "electronic_result": 1.0,
         "data_reuse": 11 / 15, "completeness": 0.75, "fee_parity": None, "time_parity": 1.0,
         "sourced": 0.0},
        (), ("code", "forms"), 81.0),
    # marriage-registration: 9 typed (phone 12, email 15, two IDs 15+15, two yes/no 4+4,
    # commitment 4, copies 6, appointment 10 = 85 s), 10 prefilled; the divorce-or-death
    # proof is the one upload (120 s); 4 pages (60 s); both sign in person and the certificate
    # is handed over at the desk: 2 visits, 180 min. 265 s + 180 min = 184.4. Reuse: 10
    # prefilled + marital status and identity held, of 19 questions + 3 papers.
    "marriage-registration": (
        (9, 10, 1, 0, 0, 2, 4, 184.4),
        {"online": 1.0, "full_process": 0.0, "payable_online": 1.0, "electronic_result": 1.0,
         "data_reuse": 12 / 22, "completeness": 1.0, "fee_parity": None, "time_parity": 1.0,
         "sourced": 0.0},
        ("steps", "result"), (), 69.3),
}
"""Three bundled procedures worked out by hand from procedures/*.yaml as of this commit:
update the working (and the numbers) with the file when it changes."""


@pytest.mark.parametrize("pid", sorted(BUNDLED_BY_HAND))
def test_bundled_procedures_worked_by_hand(bundled: Portal, pid: str) -> None:
    counts, values, reasons, missing, points = BUNDLED_BY_HAND[pid]
    p = bundled.procedure(pid)
    assert p is not None
    b = burden(p)
    assert (b.typed_fields, b.prefilled_fields, b.uploads, b.paper_originals, b.paper_copies,
            b.visits, b.pages, b.minutes) == counts
    s = score_procedure(p)
    on = as_of(bundled.procedures)
    assert s.values(on) == pytest.approx(values)
    assert (s.reasons, s.missing_parts, s.score(on)) == (reasons, missing, points)


def test_a_locality_adds_its_amounts(kitchen: Portal) -> None:
    """Test City sets desk-fee at 30 000 without a source: one more fact, unsourced, and the
    in-person side of the parity grows to 80 000."""
    city = kitchen.locality("test-city")
    p = kitchen.procedure("kitchen-sink")
    assert city is not None and p is not None
    s = score_procedure(p, city)
    assert s.facts["unsourced"] == 1
    assert s.values("2026-01-01")["sourced"] == pytest.approx(12 / 17)
    assert sum(x.amount for x in s.fee_lines if x.channel == "in_person") == 80000


def test_fee_windows_move_the_parity(kitchen: Portal) -> None:
    """The online fee runs 2024-01-01 to 2030-12-31: before it, only the desk fee is charged
    (parity holds); a day after, likewise."""
    p = kitchen.procedure("kitchen-sink")
    assert p is not None
    s = score_procedure(p)
    assert s.values("2023-06-01")["fee_parity"] == 1.0
    online = [x for x in s.fee_lines if x.channel == "online"]
    assert [(x.amount, x.valid_from, x.valid_until) for x in online] == [
        (45000, "2024-01-01", "2030-12-31")]


def test_every_field_kind_has_a_time() -> None:
    assert set(SECONDS) == set(FieldKind)
    assert all(s > 0 for s in SECONDS.values())


# --- properties ----------------------------------------------------------------------------------


def _procedures(kitchen: Portal, bundled: Portal) -> list[Procedure]:
    return [*kitchen.procedures, *bundled.procedures]


UPLOAD = st.builds(
    lambda n, originals, copies, mb: Document(
        id=Slug(f"extra-upload-{n}"), title=Text((("vi", "Giấy"), ("en", "Paper")), "vi"),
        span=Span("x.yaml", 1, 1), originals=originals, copies=copies,
        accept=("application/pdf",), max_size_mb=mb),
    st.integers(0, 99), st.integers(0, 3), st.integers(0, 3), st.sampled_from([1, 5, 10]))


@settings(max_examples=60, deadline=None, suppress_health_check=[FIXTURES])
@given(data=st.data(), doc=UPLOAD)
def test_a_required_upload_never_lowers_the_burden(kitchen: Portal, bundled: Portal,
                                                   data: st.DataObject, doc: Document) -> None:
    p = data.draw(st.sampled_from(_procedures(kitchen, bundled)))
    more = replace(p, documents=(*p.documents, doc))
    before, after = burden(p), burden(more)
    assert after.uploads == before.uploads + 1
    assert after.minutes > before.minutes
    on = as_of((p,))
    assert score_procedure(more).values(on)["full_process"] == \
        score_procedure(p).values(on)["full_process"]  # an upload is electronic


@settings(max_examples=40, deadline=None, suppress_health_check=[FIXTURES])
@given(data=st.data())
def test_without_the_online_channel_nothing_is_full_process(kitchen: Portal, bundled: Portal,
                                                           data: st.DataObject) -> None:
    p = data.draw(st.sampled_from(_procedures(kitchen, bundled)))
    if p.channel_names == ("online",):
        return  # the schema needs a channel; nothing to take away
    offline = replace(p, channels=tuple(c for c in p.channels if c.name != "online"),
                      fees=tuple(replace(f, channels=tuple(c for c in f.channels
                                                           if c != "online"))
                                 for f in p.fees))
    s = score_procedure(offline)
    on = as_of((p,))
    assert s.values(on)["full_process"] == 0.0 and s.values(on)["online"] == 0.0
    assert s.reasons == ("no_online_channel",)
    assert burden(offline).visits >= 1
    assert burden(offline).minutes >= burden(p).minutes


@settings(max_examples=40, deadline=None, suppress_health_check=[FIXTURES])
@given(data=st.data())
def test_a_fee_not_payable_online_is_not_full_process(kitchen: Portal, bundled: Portal,
                                                     data: st.DataObject) -> None:
    candidates = [p for p in _procedures(kitchen, bundled)
                  if any("online" in f.channels for f in p.fees)]
    p = data.draw(st.sampled_from(candidates))
    i = data.draw(st.sampled_from([i for i, f in enumerate(p.fees) if "online" in f.channels]))
    fees = list(p.fees)
    fees[i] = replace(fees[i], payment=("desk",))
    s = score_procedure(replace(p, fees=tuple(fees)))
    on = as_of((p,))
    assert "fees" in s.reasons
    assert s.values(on)["full_process"] == 0.0
    if s.values(on)["payable_online"] is not None:
        assert s.values(on)["payable_online"] == 0.0


# --- the JSON and the command --------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = invoke(BUNDLED, "--format", "json", "--locality", "all")
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("score") / "score.json"
    path.write_text(result.stdout, "utf-8")
    return path


def test_the_json_follows_its_schema(every_card: Path) -> None:
    import jsonschema_rs

    doc = json.loads(every_card.read_text("utf-8"))
    jsonschema_rs.Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")),
                                       validate_formats=True).validate(doc)
    cards = doc["scorecards"]
    bundled = portal(BUNDLED)
    assert [c["locality"] for c in cards] == [None, *(x.id for x in bundled.localities)]
    assert len(cards) == 35 and all(len(c["procedures"]) == 25 for c in cards)


@pytest.mark.node
def test_ajv_strict_validates_the_json(node_modules: Path, every_card: Path) -> None:
    script = ROOT / "tests" / "schemas" / "ajv_strict.js"
    run = subprocess.run(["node", str(script), str(node_modules), str(SCHEMA), "--validate",
                          str(every_card)], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["strict"] == {str(SCHEMA): []} and report["invalid"] == {}


def test_the_command_matches_the_model(bundled: Portal) -> None:
    result = invoke(BUNDLED, "--format", "json")
    card = json.loads(result.stdout)["scorecards"][0]
    expected = scorecard(bundled.procedures, as_of(bundled.procedures)).as_json()
    assert card == json.loads(json.dumps(expected))


def test_output_is_deterministic() -> None:
    first, second = (invoke(BUNDLED, "--format", "json", "--locality", "all").stdout
                     for _ in range(2))
    assert first == second


def test_fail_under(kitchen: Portal) -> None:
    assert invoke(KITCHEN, "--fail-under", "70").exit_code == 0
    low = invoke(KITCHEN, "--fail-under", "80", "--lang", "en")
    assert low.exit_code == 1
    assert "scores 76.3, under 80" in low.stderr


def test_an_unknown_locality_is_refused_with_a_suggestion() -> None:
    result = invoke(KITCHEN, "--locality", "test-cty", "--lang", "en")
    assert result.exit_code == 1
    assert "no locality 'test-cty'; did you mean 'test-city'?" in result.output
    assert "Traceback" not in result.output


def test_a_bad_day_is_refused() -> None:
    result = invoke(KITCHEN, "--on", "2026-02-30")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_text_and_markdown_in_both_languages() -> None:
    vi = invoke(KITCHEN, "--lang", "vi").stdout
    en = invoke(KITCHEN, "--lang", "en", "--format", "markdown").stdout
    assert "Bảng chấm điểm chất lượng — Toàn quốc, tính đến 2026-01-01: 76,3/100" in vi
    assert "Trực tuyến toàn trình" in vi and "phải đến trực tiếp; giấy tờ giấy" in vi
    assert "## Quality scorecard — National, as of 2026-01-01: 76.3/100" in en
    # markup from a procedure title is shown, never run, in a pull request comment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in en and "<script>" not in en


def test_paths_choose_procedures() -> None:
    result = invoke(BUNDLED, str(BUNDLED / "passport-issuance.yaml"), "--format", "json")
    cards = json.loads(result.stdout)["scorecards"]
    assert [p["id"] for p in cards[0]["procedures"]] == ["passport-issuance"]


def test_after_a_build_the_scores_come_from_its_cache(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm path reads the score target's cached parts and parses no procedure; it prints
    exactly what the model path prints, and a changed file sends it back to the model."""
    import procgen.commands.score as command

    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    out = tmp_path / "generated"
    cold = invoke(root, "--format", "json", "--locality", "all", "--out", str(out))
    assert cold.exit_code == 0, cold.output
    built = CliRunner().invoke(cli, ["--procedures", str(root), "build", "--out", str(out)])
    assert built.exit_code == 0, built.output

    def refuse(_root: Path) -> None:
        raise AssertionError("the model was loaded although the build cached the scores")

    with monkeypatch.context() as m:
        m.setattr(command, "_from_model", refuse)
        warm = invoke(root, "--format", "json", "--locality", "all", "--out", str(out))
        assert warm.exit_code == 0, warm.output
        assert warm.stdout == cold.stdout
        text = invoke(root, "--locality", "test-city", "--lang", "en", "--out", str(out))
        assert "Quality scorecard — Test City" in text.stdout
    path = root / "kitchen-sink.yaml"
    path.write_text(path.read_text("utf-8").replace("revision: 2", "revision: 3"), "utf-8")
    called: list[Path] = []
    real = command._from_model
    monkeypatch.setattr(command, "_from_model", lambda r: called.append(r) or real(r))
    changed = invoke(root, "--format", "json", "--out", str(out))
    assert changed.exit_code == 0 and called == [root]
    assert json.loads(changed.stdout)["scorecards"][0]["procedures"][0]["revision"] == 3


def test_a_broken_project_is_reported_located_and_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    path = root / "kitchen-sink.yaml"
    path.write_text(path.read_text("utf-8").replace("revision: 2", "revision: [2"), "utf-8")
    result = invoke(root, "--lang", "en")
    assert result.exit_code == 1
    assert "kitchen-sink.yaml:" in result.stderr and "error[PG" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


def test_the_json_bytes_are_the_standard_librarys(kitchen: Portal) -> None:
    """msgspec writes them (fast); they stay exactly what json.dumps(indent=2) writes."""
    from procgen.score.report import document, dumps

    cards = [scorecard(kitchen.procedures, "2026-01-01", place)
             for place in (None, *kitchen.localities)]
    assert dumps(cards) == json.dumps(document(cards), ensure_ascii=False, indent=2) + "\n"
