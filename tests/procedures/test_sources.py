"""REQ procedures/provenance, procedures/full-process, procedures/fees-2025-26 (issue 22).

The 25 bundled procedures, as published:

- every fee, document, channel processing time and legal-basis entry says where it comes from
  (``validate --strict`` reports no PG321 for ``procedures/``), and a weak or inferred one
  says so rather than passing as checked;
- the full-process status (Decree 42/2022 art. 11) that the national records support;
- the fee windows and exemptions of the 2025-26 circulars, each quote worked out by hand from
  the NPSP records named below (a 2026 mirror of the National Public Service Portal,
  ``hdtruong802/Vietnam-AI-Innovation-Challenge-2026``, ``data/Data_DVC/<code>.txt``),
  ``../shared/reference/audit-2026-12.md`` (cited "audit §…"), and the texts of Circular
  117/2026/TT-BTC and Resolution 66.22/2026/NQ-CP as copied in ``diepxuan/diepxuan.github.io``
  (``van-ban/tai-chinh/117-2026-tt-btc.md``; ``van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-
  phat-trien-cong-dan-so.md``, appendix III), not copied from procgen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procgen.cli import cli
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal

ROOT = Path(__file__).resolve().parents[2]
PROCEDURES = ROOT / "procedures"


def _portal():  # type: ignore[no-untyped-def]
    return load_portal(PROCEDURES, DiagnosticSink())


# -- provenance ----------------------------------------------------------------------------


def test_no_published_fact_of_a_bundled_procedure_lacks_a_source() -> None:
    result = CliRunner().invoke(
        cli, ["validate", str(PROCEDURES), "--strict", "--format", "json", "--lang", "en"])
    diagnostics = json.loads(result.stdout)
    unsourced = [f"{d['file']}: {d['message']}" for d in diagnostics if d["code"] == "PG321"]
    assert unsourced == []


def _facts(procedure: Any) -> list[tuple[str, Any]]:
    """Each published fact with its provenance, as the model resolves it."""
    facts: list[tuple[str, Any]] = [(f"fee {f.id}", f.provenance) for f in procedure.fees]
    facts += [(f"document {d.id}", d.provenance) for d in procedure.documents]
    facts += [(f"legal basis {b.number or b.url}", b.provenance) for b in procedure.legal_basis]
    facts += [(f"time {c.name}", c.time_provenance) for c in procedure.channels]
    return facts


def test_every_fact_says_how_sure_it_is() -> None:
    """No fact is unsourced or a placeholder, and none passes as checked ("sourced") unless it
    cites the address of its text: a record of the NPSP mirror is weak, a reading of ours
    inferred."""
    portal = _portal()
    assert len(portal.procedures) == 25
    loose = []
    for procedure in portal.procedures:
        for what, provenance in _facts(procedure):
            level = provenance.level
            if level in ("unsourced", "placeholder"):
                loose.append(f"{procedure.id}: {what} is {level}")
            elif level == "sourced" and not (provenance.source and provenance.source.url):
                loose.append(f"{procedure.id}: {what} passes as sourced without an address")
    assert loose == []


# -- full-process status -------------------------------------------------------------------

FULL_PROCESS = {
    # NPSP 1.001456 / 1.001471: renewals filed online, result by post (audit §B.9)
    "passport-issuance": True,
    # NPSP 1.012575: domestically assembled vehicles, first registration (audit §B.8)
    "motorbike-registration": True,
    # NPSP 1.115231: online, postal or VNeID filing, result by post (audit §B.10)
    "seal-registration": True,
    "special-seal-registration": True,
    # Decree 63/2024 art. 5: the electronic birth notice feeds the bundle (audit §C.11)
    "birth-residence-health-insurance-bundle": True,
    "birth-registration": True,
    "death-registration": True,
    "permanent-residence-registration": True,
    "temporary-residence-registration": True,
    # both parties sign the register in person (Law on Civil Status art. 18)
    "marriage-registration": False,
    # photo, fingerprints and iris are taken at the desk (Law on Identification)
    "citizen-id-reissue": False,
    # the original land certificate is handed in or posted
    "land-change-registration": False,
}


@pytest.mark.parametrize(("pid", "expected"), sorted(FULL_PROCESS.items()))
def test_full_process_status(pid: str, expected: bool) -> None:
    procedure = _portal().procedure(pid)
    assert procedure is not None
    assert procedure.fully_online is expected, procedure.online_obstacles


def test_the_birth_bundle_takes_a_home_birth() -> None:
    """No birth notice (a home birth): the bundle asks a witness statement or commitment
    instead, so it can still be used (audit §C.11; NPSP 1.001193)."""
    procedure = _portal().procedure("birth-residence-health-insurance-bundle")
    assert procedure is not None
    documents = {d.id: d for d in procedure.documents}
    assert "witness-statement" in documents
    assert "not has_birth_notice" in str(documents["witness-statement"].when)


# -- fees on given dates, worked by hand --------------------------------------------------

PERSON: dict[str, Any] = {
    "applicant_full_name": "Nguyễn Thị Lan",
    "applicant_national_id": "001190012345",
    "applicant_date_of_birth": "1990-05-01",
    "applicant_sex": "female",
    "applicant_phone": "0912345678",
    "applicant_address": "12 Phố Huế, Hà Nội",
}
ID_CARD = {**PERSON, "request_kind": "damaged", "appointment_date": "2027-06-01",
           "delivery_method": "electronic"}
LOST_CARD = {**ID_CARD, "request_kind": "lost", "loss_circumstances": "Rơi khi đi chợ"}
LICENCE = {**PERSON, "licence_number": "012345678901", "licence_classes": ["b"],
           "request_kind": "expired", "has_car_class": False, "delivery_method": "electronic"}
PASSPORT = {**PERSON, "request_kind": "renewal", "previous_passport_number": "C1234567",
            "delivery_method": "electronic"}
LOST_PASSPORT = {**PERSON, "request_kind": "lost_or_damaged", "delivery_method": "electronic"}
CRIMINAL = {**PERSON, "certificate_type": "type_1", "purpose": "Xin việc",
            "father_full_name": "Nguyễn Văn Cường", "mother_full_name": "Phạm Thị Dung",
            "copies_wanted": 2}
ADDRESS = {"address_province": "ha_noi", "address_commune": "Phường Hai Bà Trưng",
           "address_detail": "12 Phố Huế"}
PERMANENT = {**PERSON, **ADDRESS, "residence_basis": "own_dwelling"}
TEMPORARY = {**PERSON, **ADDRESS, "request_kind": "new", "stay_purpose": "work",
             "stay_from": "2026-12-01", "stay_until": "2027-06-01",
             "dwelling_owner_national_id": "001070012345", "registrant_count": 1}

# (name, procedure, answers, channel, day, {fee id: (amount, exempt)}, total, why)
CASES: list[tuple[str, str, dict[str, Any], str, str, dict[str, tuple[int, bool]], int, str]] = [
    ("ID exchange in person, before Circular 64/2025", "citizen-id-reissue", ID_CARD,
     "in_person", "2025-03-01", {"exchange-fee": (50000, False)}, 50000,
     "NPSP 1.014063: 50,000 a card (Circular 73/2024)"),
    ("ID exchange online, early 2025", "citizen-id-reissue", ID_CARD, "online", "2025-03-01",
     {"exchange-fee-online-discount": (25000, False)}, 25000,
     "NPSP 1.014063: online 50 % from 1 Jan 2025"),
    ("ID exchange online, 2024", "citizen-id-reissue", ID_CARD, "online", "2024-10-01",
     {"exchange-fee-online": (50000, False)}, 50000, "the online 50 % began on 1 Jan 2025"),
    ("ID exchange in person, first day of Circular 64/2025", "citizen-id-reissue", ID_CARD,
     "in_person", "2025-07-01", {"exchange-fee-reduced": (25000, False)}, 25000,
     "NPSP 1.014063: every channel 50 % from 1 Jul 2025 (Circular 64/2025)"),
    ("ID exchange online, 2026", "citizen-id-reissue", ID_CARD, "online", "2026-03-10",
     {"exchange-fee-reduced": (25000, False)}, 25000,
     "50 % once, not 25 % (the windows do not stack)"),
    ("ID re-issue in person, last day of Circular 64/2025", "citizen-id-reissue", LOST_CARD,
     "in_person", "2026-12-31", {"reissue-fee-reduced": (35000, False)}, 35000,
     "NPSP 1.014064: 70,000 at 50 % until 31 Dec 2026"),
    ("ID re-issue, 2027", "citizen-id-reissue", LOST_CARD, "in_person", "2027-01-01",
     {"reissue-fee-2027": (70000, False)}, 70000, "the full 70,000 again from 1 Jan 2027"),
    ("ID exchange, level-2 VNeID, in the 117/2026 window", "citizen-id-reissue",
     {**ID_CARD, "vneid_level_2": True}, "online", "2026-08-15",
     {"exchange-fee-reduced": (0, True)}, 0,
     "Circular 117/2026 art. 1 cl. 4 and art. 2 cl. 1: from 15 Aug 2026"),
    ("ID exchange, no VNeID level 2, in the 117/2026 window", "citizen-id-reissue", ID_CARD,
     "in_person", "2026-11-29", {"exchange-fee-reduced": (25000, False)}, 25000,
     "only eligible level-2 VNeID holders are waived; the others pay 50 %"),
    ("ID re-issue, level-2 VNeID, last day of the 117/2026 window", "citizen-id-reissue",
     {**LOST_CARD, "vneid_level_2": True}, "online", "2027-02-28",
     {"reissue-fee-2027": (0, True)}, 0,
     "Circular 117/2026 art. 2 cl. 1: until 28 Feb 2027"),
    ("ID re-issue, level-2 VNeID, in person, in the 117/2026 window", "citizen-id-reissue",
     {**LOST_CARD, "vneid_level_2": True}, "in_person", "2027-02-28",
     {"reissue-fee-2027": (70000, False)}, 70000,
     "Resolution 66.22 appendix III: the waiver is for procedures done online"),
    ("ID exchange, level-2 VNeID, after the 117/2026 window", "citizen-id-reissue",
     {**ID_CARD, "vneid_level_2": True}, "in_person", "2027-03-01",
     {"exchange-fee-2027": (50000, False)}, 50000, "the waiver ended on 28 Feb 2027"),
    ("ID exchange, level-2 VNeID, before the 117/2026 window", "citizen-id-reissue",
     {**ID_CARD, "vneid_level_2": True}, "online", "2026-08-14",
     {"exchange-fee-reduced": (25000, False)}, 25000, "the waiver began on 15 Aug 2026"),
    ("CCCD-to-card exchange online, 2026", "citizen-id-reissue",
     {**ID_CARD, "request_kind": "from_citizen_id"}, "online", "2026-03-10",
     {"citizen-id-exchange-fee-reduced": (15000, False)}, 15000,
     "Resolution 66.22 app. III row 3: 15,000 (base 30,000) until 31 Dec 2026"),
    ("CCCD-to-card exchange online, level-2 VNeID", "citizen-id-reissue",
     {**ID_CARD, "request_kind": "from_citizen_id", "vneid_level_2": True}, "online",
     "2026-12-06", {"citizen-id-exchange-fee-reduced": (0, True)}, 0,
     "Circular 117/2026 art. 1 cl. 4"),
    ("CCCD-to-card exchange in person, 2027", "citizen-id-reissue",
     {**ID_CARD, "request_kind": "from_citizen_id", "vneid_level_2": True}, "in_person",
     "2027-01-05", {"citizen-id-exchange-fee-2027": (30000, False)}, 30000,
     "30,000 once the halving ended; the waiver is for online filings"),
    ("driving licence online, first day of the online rate", "driving-licence-exchange",
     LICENCE, "online", "2023-12-01", {"licence-fee-online-discount": (115000, False)}, 115000,
     "NPSP 3.000347: 115,000 online from 1 Dec 2023 to 31 Dec 2025"),
    ("driving licence online, 2026", "driving-licence-exchange", LICENCE, "online",
     "2026-02-01", {"licence-fee-online": (135000, False)}, 135000,
     "NPSP 3.000347: 135,000 once the online rate ended"),
    ("driving licence in person, 2026", "driving-licence-exchange", LICENCE, "in_person",
     "2026-11-29", {"licence-fee": (135000, False)}, 135000,
     "135,000 (154/2025 amounts not verified); 117/2026 waives online filings only"),
    ("driving licence online, level-2 VNeID, in the 117/2026 window",
     "driving-licence-exchange", {**LICENCE, "vneid_level_2": True}, "online", "2026-12-06",
     {"licence-fee-online": (0, True)}, 0, "Circular 117/2026 art. 1 cl. 6"),
    ("passport renewal online, 2026", "passport-issuance", PASSPORT,
     "online", "2026-09-01", {"passport-fee-reduced": (100000, False)}, 100000,
     "Resolution 66.22 app. III row 5: 100,000 (base 200,000) under 64/2025 until 31 Dec 2026"),
    ("passport renewal online, level-2 VNeID, 2026", "passport-issuance",
     {**PASSPORT, "vneid_level_2": True}, "online", "2026-12-06",
     {"passport-fee-reduced": (0, True)}, 0, "Circular 117/2026 art. 1 cl. 8a"),
    ("passport renewal in person, level-2 VNeID, 2026", "passport-issuance",
     {**PASSPORT, "vneid_level_2": True}, "in_person", "2026-12-06",
     {"passport-fee-reduced": (100000, False)}, 100000,
     "Resolution 66.22 appendix III: waived only when filed online"),
    ("passport lost online, level-2 VNeID, last day of the waiver", "passport-issuance",
     {**LOST_PASSPORT, "vneid_level_2": True}, "online", "2027-02-28",
     {"replacement-fee-2027": (0, True)}, 0,
     "Circular 117/2026 art. 2 cl. 1: until 28 Feb 2027"),
    ("passport lost online, 2027", "passport-issuance", LOST_PASSPORT, "online", "2027-01-01",
     {"replacement-fee-2027": (400000, False)}, 400000,
     "the 64/2025 halving ended on 31 Dec 2026: 400,000 (Circular 28/2026, base amount)"),
    ("passport new online, level-2 VNeID, after the waiver", "passport-issuance",
     {**PASSPORT, "request_kind": "first", "vneid_level_2": True}, "online", "2027-03-01",
     {"passport-fee-2027": (200000, False)}, 200000, "the waiver ended on 28 Feb 2027"),
    ("criminal record student online, 2026", "criminal-record-certificate",
     {**CRIMINAL, "reduced_group": True}, "online", "2026-08-14",
     {"certificate-fee-reduced": (100000, False)}, 100000,
     "Resolution 66.22 app. III row 6: 100,000 a person for students (16/2025 art. 4 cl. 1)"),
    ("criminal record online, level-2 VNeID", "criminal-record-certificate",
     {**CRIMINAL, "vneid_level_2": True}, "online", "2026-12-06",
     {"certificate-fee": (0, True)}, 0, "Circular 117/2026 art. 1 cl. 5"),
    ("criminal record by post, level-2 VNeID", "criminal-record-certificate",
     {**CRIMINAL, "reduced_group": True, "vneid_level_2": True}, "postal", "2026-12-06",
     {"certificate-fee-reduced": (100000, False)}, 100000, "the waiver is for online filings"),
    ("permanent residence online, level-2 VNeID", "permanent-residence-registration",
     {**PERMANENT, "vneid_level_2": True}, "online", "2026-12-06",
     {"registration-fee-online": (0, True)}, 0, "Circular 117/2026 art. 1 cl. 3"),
    ("temporary residence by list online, level-2 VNeID", "temporary-residence-registration",
     {**TEMPORARY, "registrant_count": 3, "by_list": True, "vneid_level_2": True}, "online",
     "2026-12-06", {"list-fee-online": (0, True)}, 0, "Circular 117/2026 art. 1 cl. 3"),
    ("temporary residence online, after the waiver", "temporary-residence-registration",
     {**TEMPORARY, "vneid_level_2": True}, "online", "2027-03-01",
     {"registration-fee-online": (7000, False)}, 7000, "7,000 online (Circular 75/2022)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fee_windows_and_exemptions(tmp_path: Path, case: tuple[Any, ...]) -> None:
    _name, pid, answers, channel, day, fees, total, why = case
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "quote", pid,
                                      "--answers", str(path), "--channel", channel,
                                      "--on", day])
    assert result.exit_code == 0, (why, result.output)
    data = json.loads(result.stdout)
    got = {f["id"]: (f["amount"], f["exempt"]) for f in data["fees"]}
    assert got == fees, why
    assert data["total"] == total, why


# -- processing times by case, worked by hand ---------------------------------------------

LAND = {**PERSON, "change_kind": "transfer", "certificate_serial": "CS 123456",
        "parcel_number": "45", "map_sheet_number": "12", "parcel_area": 80.5,
        "counterparties": [{"party_full_name": "Trần Văn Bình",
                            "party_national_id": "001080012345"}]}
ONE_PLACE = [{"history_from": "2004-05-01", "history_until": "2026-11-01",
              "history_address": "12 Phố Huế, Hà Nội"}]

# (name, procedure, answers, channel, time, why)
TIMES: list[tuple[str, str, dict[str, Any], str, dict[str, int], str]] = [
    ("land transfer", "land-change-registration", LAND, "online", {"working_days": 8},
     "NPSP 1.115246: 8 working days for transfers, gifts and inheritances"),
    ("land change of name", "land-change-registration",
     {**{k: v for k, v in LAND.items() if k != "counterparties"}, "change_kind": "personal_data"},
     "in_person", {"working_days": 4}, "NPSP 1.115207: 4 working days for a change of name"),
    ("criminal record, one place", "criminal-record-certificate",
     {**CRIMINAL, "residence_history": ONE_PLACE}, "online", {"days": 10},
     "NPSP 3.000333 and reference §2.5: 10 (calendar) days"),
    ("criminal record, several places", "criminal-record-certificate",
     {**CRIMINAL, "residence_history": ONE_PLACE * 2}, "postal", {"days": 15},
     "reference §2.5: up to 15 days for someone who lived in several places"),
    ("criminal record, a foreigner", "criminal-record-certificate",
     {**CRIMINAL, "nationality": "kr", "residence_history": ONE_PLACE}, "online",
     {"days": 15}, "reference §2.5: up to 15 for a foreigner"),
]


@pytest.mark.parametrize("case", TIMES, ids=[c[0] for c in TIMES])
def test_processing_time_by_case(tmp_path: Path, case: tuple[Any, ...]) -> None:
    _name, pid, answers, channel, time, why = case
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(cli, ["--procedures", str(PROCEDURES), "quote", pid,
                                      "--answers", str(path), "--channel", channel,
                                      "--on", "2026-12-06", "--partial"])
    assert result.exit_code == 0, (why, result.output)
    assert json.loads(result.stdout)["processing_time"] == time, why
