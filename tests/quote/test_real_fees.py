"""REQ fees: ``procgen quote`` on the bundled procedures, against the official fee rules.

Every expected number below was worked out by hand from ``../shared/reference/
essential-services.md`` (cited as "ref §…"), not copied from procgen's output. Only facts the
reference marks [S] (sourced) are asserted as official. An amount that the reference or the
procedure's own comments mark [I] (inferred) is written ``INFERRED``: the fee must be listed
and not exempt, but its amount is not checked, and the total is then not asserted either.

Sourced facts used (ref §2, common framework, unless said otherwise):

- Civil-status fees are set by each provincial People's Council (Circular 85/2019/TT-BTC): a
  ``set_by: locality`` fee with no ``--locality`` is listed with ``amount: null`` and not
  counted (CLI.md).
- Hanoi Resolution 07/2023/NQ-HĐND: fees are 0 for procedures submitted online, except copies
  of civil-status extracts, which are national (Ministry of Finance) fees.
- Circular 63/2023/TT-BTC: passports online 10% lower from 2024-01-01 to 2025-12-31.
- Birth (ref §2.1): register within 60 days; on-time registration, revolutionary families,
  poor households and people with disabilities are exempt; late registration pays the
  provincial fee.
- Death (ref §2.2): register within 15 days; free if on time.
- Marriage (ref §2.3): 0 online in Hanoi.
- Residence (ref §2.4, Circular 75/2022/TT-BTC, national): permanent 20,000 in person /
  10,000 online; temporary (individual, household) 15,000 / 7,000.
- Criminal record (ref §2.5): 2 copies included, 5,000 VND per extra copy; children, the
  elderly, people with disabilities and poor households are exempt; a reduced rate exists for
  students, revolutionary contributors and martyrs' relatives. The amounts 200,000 / 100,000
  are [I].
- Driving licence (ref §2.6): 135,000 VND per licence; the online rate (115,000?) is [I].
- Passport (ref §2.7, Circular 25/2021/TT-BTC): 200,000 new; 400,000 to replace a lost or
  damaged passport. From 1 Jul 2025 to 31 Dec 2026 Circular 64/2025/TT-BTC halves both on
  every channel (100,000 / 200,000), replacing the online 10 % (the 2025-26 sources of
  tests/procedures/test_sources.py; the reference predates them).

Day counts (``--on 2026-11-29``): 2026-09-30 is 60 days before (30 to 2026-10-30, 30 more to
2026-11-29), 2026-09-29 is 61; 2026-11-14 is 15 days before, 2026-11-13 is 16.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procgen.cli import cli

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"
ON = "2026-11-29"
INFERRED = object()  # listed, not exempt, amount [I]: not checked against the reference

APPLICANT: dict[str, Any] = {
    "applicant_full_name": "Nguyễn Thị Lan",
    "applicant_national_id": "001190012345",
    "applicant_date_of_birth": "1990-05-01",
    "applicant_sex": "female",
    "applicant_phone": "0912345678",
    "applicant_address": "12 Phố Huế, Hà Nội",
}
BIRTH: dict[str, Any] = {
    **APPLICANT,
    "applicant_relationship": "mother",
    "child_full_name": "Trần Minh An",
    "child_date_of_birth": "2026-09-30",
    "child_sex": "male",
    "child_ethnic_group": "kinh",
    "child_place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "child_hometown": "Hà Nội",
    "mother_full_name": "Nguyễn Thị Lan",
    "mother_national_id": "001190012345",
    "father_known": False,
}
LATE_BIRTH = {**BIRTH, "child_date_of_birth": "2026-09-29", "late_reason": "Ốm sau sinh"}
BIRTH_BUNDLE: dict[str, Any] = {
    **{k: v for k, v in BIRTH.items() if k not in ("mother_full_name", "child_hometown")},
    "child_hometown": "Hà Nội",
    "initial_clinic": "Trạm y tế phường Hai Bà Trưng",
}
LATE_BIRTH_BUNDLE = {**BIRTH_BUNDLE, "child_date_of_birth": "2026-09-29", "late_reason": "Ốm"}
DEATH: dict[str, Any] = {
    **APPLICANT,
    "applicant_relationship": "child",
    "deceased_national_id": "001045012345",
    "deceased_full_name": "Nguyễn Văn Bình",
    "date_of_death": "2026-11-14",
    "place_of_death_kind": "home",
    "place_of_death": "12 Phố Huế, Hà Nội",
    "cause_of_death": "Tuổi già",
}
LATE_DEATH = {**DEATH, "date_of_death": "2026-11-13", "late_reason": "Gia đình ở xa"}
DEATH_BUNDLE: dict[str, Any] = {
    **{k: v for k, v in LATE_DEATH.items() if k != "place_of_death_kind"},
    "allowance_basis": "none",
}
MARRIAGE: dict[str, Any] = {
    **APPLICANT,
    "groom_national_id": "001095012345",
    "groom_full_name": "Trần Văn Nam",
    "groom_date_of_birth": "1995-03-02",
    "bride_national_id": "001196012345",
    "bride_full_name": "Lê Thị Hoa",
    "bride_date_of_birth": "1996-07-08",
    "voluntary_commitment": True,
    "appointment_date": "2026-12-10",
}
PASSPORT: dict[str, Any] = {**APPLICANT, "request_kind": "first"}
LOST_PASSPORT: dict[str, Any] = {**APPLICANT, "request_kind": "lost_or_damaged"}
ADDRESS: dict[str, Any] = {
    "address_province": "ha_noi",
    "address_commune": "Phường Hai Bà Trưng",
    "address_detail": "12 Phố Huế",
}
PERMANENT: dict[str, Any] = {**APPLICANT, **ADDRESS, "residence_basis": "own_dwelling"}
TEMPORARY: dict[str, Any] = {
    **APPLICANT,
    **ADDRESS,
    "request_kind": "new",
    "stay_purpose": "work",
    "stay_from": "2026-12-01",
    "stay_until": "2027-06-01",
    "dwelling_owner_national_id": "001070012345",
    "registrant_count": 1,
}
CRIMINAL: dict[str, Any] = {
    **APPLICANT,
    "certificate_type": "type_1",
    "purpose": "Xin việc",
    "father_full_name": "Nguyễn Văn Cường",
    "mother_full_name": "Phạm Thị Dung",
    "copies_wanted": 2,
}
LICENCE: dict[str, Any] = {
    **APPLICANT,
    "licence_number": "010123456789",
    "licence_classes": ["a1"],
    "request_kind": "expired",
}
LAND: dict[str, Any] = {
    **APPLICANT,
    "change_kind": "personal_data",
    "certificate_serial": "CS 123456",
    "parcel_number": "45",
    "map_sheet_number": "12",
    "parcel_area": 80.5,
}


@dataclass(frozen=True)
class Case:
    """One quote: what is asked, and what the reference says it must cost."""

    name: str
    procedure: str
    answers: dict[str, Any]
    channel: str
    fees: dict[str, tuple[Any, bool]]  # fee id -> (amount, exempt); exactly the fees listed
    total: int | None  # None when an amount is INFERRED
    why: str  # the sourced facts, ref section
    locality: str | None = None
    on: str = ON
    marks: tuple[Any, ...] = field(default=())


# The table stays one case per few lines, as the reference reads; ruff format would give each
# argument its own line.
# fmt: off
CASES = [
    # -- birth registration, ref §2.1 ------------------------------------------------------
    Case("birth on time (day 60), in person", "birth-registration", BIRTH, "in_person",
         {}, 0, "§2.1: within 60 days; on-time registration exempt"),
    Case("birth on time, online, Hanoi", "birth-registration", BIRTH, "online",
         {}, 0, "§2.1: on-time registration free", locality="ha-noi"),
    Case("birth late (day 61), in person, no province", "birth-registration", LATE_BIRTH,
         "in_person", {"late-registration-fee": (None, False)}, None,
         "§2.1: late fee set by the provincial People's Council; null, so the total is unknown"),
    Case("birth late, online, Hanoi", "birth-registration", LATE_BIRTH, "online",
         {"late-registration-fee-online": (0, False)}, 0,
         "§2 and §2.1: Hanoi Resolution 07/2023/NQ-HĐND, online civil-status fees 0",
         locality="ha-noi"),
    Case("birth late, in person, poor household", "birth-registration",
         {**LATE_BIRTH, "poor_household": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0, "§2.1: poor households exempt",
         locality="da-nang"),
    Case("birth late, in person, disability", "birth-registration",
         {**LATE_BIRTH, "has_disability": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0, "§2.1: people with disabilities exempt",
         locality="nghe-an"),
    Case("birth late, online, revolutionary family", "birth-registration",
         {**LATE_BIRTH, "revolutionary_family": True}, "online",
         {"late-registration-fee-online": (0, True)}, 0,
         "§2.1: families of revolutionary contributors exempt", locality="can-tho"),
    Case("birth late, online, Hanoi, 2 extra copies", "birth-registration",
         {**LATE_BIRTH, "extra_copies": 2}, "online",
         {"late-registration-fee-online": (0, False), "extra-copy-fee": (INFERRED, False)},
         None, "§2: Hanoi online 0 except copies of extracts, which are national fees "
         "(8,000 a copy is [I])", locality="ha-noi"),
    # -- birth + residence + health-insurance bundle, ref §1a #17 and §2.1 ------------------
    Case("birth bundle late, online, Hanoi", "birth-residence-health-insurance-bundle",
         LATE_BIRTH_BUNDLE, "online", {"late-registration-fee-online": (0, False)}, 0,
         "§2: Hanoi Resolution 07/2023/NQ-HĐND, online civil-status fees 0",
         locality="ha-noi"),
    Case("birth bundle on time, in person", "birth-residence-health-insurance-bundle",
         BIRTH_BUNDLE, "in_person", {}, 0, "§2.1: on-time birth registration exempt"),
    Case("birth bundle late, in person, poor household",
         "birth-residence-health-insurance-bundle",
         {**LATE_BIRTH_BUNDLE, "poor_household": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0, "§2.1: poor households exempt",
         locality="da-nang"),
    Case("birth bundle late, in person, disability", "birth-residence-health-insurance-bundle",
         {**LATE_BIRTH_BUNDLE, "has_disability": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0,
         "§2.1: people with disabilities are exempt from the birth-registration fee",
         locality="da-nang"),
    # -- death registration, ref §2.2 --------------------------------------------------------
    Case("death on time (day 15), in person", "death-registration", DEATH, "in_person",
         {}, 0, "§2.2: within 15 days; free if on time"),
    Case("death late (day 16), in person, no province", "death-registration", LATE_DEATH,
         "in_person", {"late-registration-fee": (None, False)}, None,
         "§2.2: late fee set by the provincial People's Council (Circular 85/2019)"),
    Case("death late, online, Hanoi", "death-registration", LATE_DEATH, "online",
         {"late-registration-fee-online": (0, False)}, 0,
         "§2: Hanoi Resolution 07/2023/NQ-HĐND, online civil-status fees 0",
         locality="ha-noi"),
    Case("death bundle late, online, Hanoi", "death-residence-funeral-allowance-bundle",
         DEATH_BUNDLE, "online", {"late-registration-fee-online": (0, False)}, 0,
         "§2: Hanoi Resolution 07/2023/NQ-HĐND, online civil-status fees 0",
         locality="ha-noi"),
    Case("death late, in person, disability", "death-registration",
         {**LATE_DEATH, "has_disability": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0,
         "§2.2 sets no exemption; the procedure follows §2.1's [I]", locality="da-nang"),
    Case("death bundle late, in person, disability: as death-registration",
         "death-residence-funeral-allowance-bundle",
         {**DEATH_BUNDLE, "has_disability": True}, "in_person",
         {"late-registration-fee": (0, True)}, 0,
         "one service, one rule: the bundle exempts whom death-registration exempts",
         locality="da-nang"),
    # -- marriage, ref §2.3 ------------------------------------------------------------------
    Case("marriage online, Hanoi", "marriage-registration", MARRIAGE, "online", {}, 0,
         "§2.3: 0 online in Hanoi", locality="ha-noi"),
    # -- passport, ref §2.7 ------------------------------------------------------------------
    Case("passport new, in person", "passport-issuance", PASSPORT, "in_person",
         {"passport-fee": (200000, False)}, 200000, "§2.7: new passport 200,000",
         on="2025-03-01"),
    Case("passport new, in person, 2026", "passport-issuance", PASSPORT, "in_person",
         {"passport-fee-reduced": (100000, False)}, 100000,
         "Circular 64/2025: 200,000 at 50 % until 31 Dec 2026"),
    Case("passport new, in person, during the online discount", "passport-issuance",
         PASSPORT, "in_person", {"passport-fee": (200000, False)}, 200000,
         "§2.7: the 10% reduction is for online submission only", on="2025-06-01"),
    Case("passport new, online, first day of the discount", "passport-issuance", PASSPORT,
         "online", {"passport-fee-online-discount": (180000, False)}, 180000,
         "§2.7: online 10% lower from 2024-01-01: 200,000 x 0.9", on="2024-01-01"),
    Case("passport new, online, mid-2025", "passport-issuance", PASSPORT, "online",
         {"passport-fee-online-discount": (180000, False)}, 180000,
         "§2.7: online 10% lower until 2025-12-31", on="2025-06-01"),
    Case("passport new, online, last day of the 10% discount", "passport-issuance", PASSPORT,
         "online", {"passport-fee-online-discount": (180000, False)}, 180000,
         "§2.7: online 10% lower, until Circular 64/2025's 50 % took over", on="2025-06-30"),
    Case("passport new, online, 2026", "passport-issuance", PASSPORT, "online",
         {"passport-fee-reduced": (100000, False)}, 100000,
         "Circular 64/2025: 50 % once, not on top of the 10 %", on="2026-01-01"),
    Case("passport new, online, Hanoi", "passport-issuance", PASSPORT, "online",
         {"passport-fee-reduced": (100000, False)}, 100000,
         "§2.7: a national fee; Hanoi's 07/2023 zeroes only fees the People's Council sets "
         "(§2)", locality="ha-noi"),
    Case("passport lost, in person", "passport-issuance", LOST_PASSPORT, "in_person",
         {"replacement-fee": (400000, False)}, 400000,
         "§2.7: re-issue of a lost or damaged passport 400,000", on="2025-03-01"),
    Case("passport lost, online, 2025", "passport-issuance", LOST_PASSPORT, "online",
         {"replacement-fee-online-discount": (360000, False)}, 360000,
         "§2.7: 400,000 x 0.9 online in the 2024-2025 window", on="2025-03-01"),
    Case("passport lost, online, 2026", "passport-issuance", LOST_PASSPORT, "online",
         {"replacement-fee-reduced": (200000, False)}, 200000,
         "Circular 64/2025: 400,000 at 50 % until 31 Dec 2026"),
    Case("passport lost, online, 2027", "passport-issuance", LOST_PASSPORT, "online",
         {"replacement-fee-2027": (400000, False)}, 400000,
         "§2.7: 400,000 once the reductions have ended", on="2027-03-01"),
    # -- residence, ref §2.4 (Circular 75/2022/TT-BTC) ---------------------------------------
    Case("permanent residence, in person", "permanent-residence-registration", PERMANENT,
         "in_person", {"registration-fee": (20000, False)}, 20000, "§2.4: 20,000 in person"),
    Case("permanent residence, online", "permanent-residence-registration", PERMANENT,
         "online", {"registration-fee-online": (10000, False)}, 10000, "§2.4: 10,000 online"),
    Case("permanent residence, online, Hanoi", "permanent-residence-registration", PERMANENT,
         "online", {"registration-fee-online": (10000, False)}, 10000,
         "§2.4: Circular 75/2022 is national, not a People's Council fee", locality="ha-noi"),
    Case("temporary residence, one person, in person", "temporary-residence-registration",
         TEMPORARY, "in_person", {"registration-fee": (15000, False)}, 15000,
         "§2.4: temporary residence (individual) 15,000 in person"),
    Case("temporary residence, one person, online", "temporary-residence-registration",
         TEMPORARY, "online", {"registration-fee-online": (7000, False)}, 7000,
         "§2.4: temporary residence (individual) 7,000 online"),
    Case("temporary residence, a household of four, in person", "temporary-residence-registration",
         {**TEMPORARY, "registrant_count": 4, "by_list": False}, "in_person",
         {"registration-fee": (15000, False)}, 15000,
         "§2.4: 'individual, household' 15,000 a registration, not per person"),
    Case("temporary residence, a household of four, online", "temporary-residence-registration",
         {**TEMPORARY, "registrant_count": 4}, "online",
         {"registration-fee-online": (7000, False)}, 7000,
         "§2.4: 'individual, household' 7,000 online (by_list unticked is false)"),
    Case("temporary residence, a list of 12, in person", "temporary-residence-registration",
         {**TEMPORARY, "registrant_count": 12, "by_list": True}, "in_person",
         {"list-fee": (120000, False)}, 120000,
         "§2.4: by list 10,000 per person: 12 x 10,000"),
    Case("temporary residence, a list of 12, online", "temporary-residence-registration",
         {**TEMPORARY, "registrant_count": 12, "by_list": True}, "online",
         {"list-fee-online": (60000, False)}, 60000,
         "§2.4: by list 5,000 per person online: 12 x 5,000"),
    Case("temporary residence, a list, exempt", "temporary-residence-registration",
         {**TEMPORARY, "registrant_count": 3, "by_list": True, "fee_exempt": True}, "online",
         {"list-fee-online": (0, True)}, 0,
         "§2.4 and Circular 75/2022: exempt groups pay nothing"),
    # -- criminal record, ref §2.5 -----------------------------------------------------------
    Case("criminal record, 2 copies", "criminal-record-certificate", CRIMINAL, "online",
         {"certificate-fee": (INFERRED, False)}, None,
         "§2.5: 2 copies included, no extra-copy fee (200,000 is [I])"),
    Case("criminal record, 4 copies", "criminal-record-certificate",
         {**CRIMINAL, "copies_wanted": 4}, "online",
         {"certificate-fee": (INFERRED, False), "extra-copy-fee": (10000, False)}, None,
         "§2.5: 5,000 per copy beyond 2: 2 x 5,000"),
    Case("criminal record, poor household / disability / elderly", "criminal-record-certificate",
         {**CRIMINAL, "exempt_group": True}, "in_person",
         {"certificate-fee": (0, True)}, 0, "§2.5: exempt groups"),
    Case("criminal record, a child of 10", "criminal-record-certificate",
         {**CRIMINAL, "applicant_date_of_birth": "2016-03-01"}, "postal",
         {"certificate-fee": (0, True)}, 0, "§2.5: children exempt"),
    Case("criminal record, student", "criminal-record-certificate",
         {**CRIMINAL, "reduced_group": True}, "online",
         {"certificate-fee-reduced": (INFERRED, False)}, None,
         "§2.5: reduced rate for students and others (100,000 is [I])"),
    # -- driving licence, ref §2.6 -----------------------------------------------------------
    Case("driving licence, in person", "driving-licence-exchange", LICENCE, "in_person",
         {"licence-fee": (135000, False)}, 135000, "§2.6: 135,000 VND per licence"),
    Case("driving licence, in person, 2025", "driving-licence-exchange", LICENCE, "in_person",
         {"licence-fee": (135000, False)}, 135000, "§2.6: 135,000 in person", on="2025-06-01"),
    Case("driving licence, online, 2026", "driving-licence-exchange", LICENCE, "online",
         {"licence-fee-online": (135000, False)}, 135000,
         "§2.6: 135,000 per licence; §2: the 63/2023 online reductions ended 2025-12-31"),
    Case("driving licence, online, 2025", "driving-licence-exchange", LICENCE, "online",
         {"licence-fee-online-discount": (INFERRED, False)}, None,
         "§2.6: an online reduced rate existed; 115,000 is [I, unverified]", on="2025-06-01"),
    # -- land change, ref §2 (Hanoi online) --------------------------------------------------
    Case("land change, online, Hanoi", "land-change-registration", LAND, "online",
         {"registration-fee-online": (0, False)}, 0,
         "§2: Hanoi Resolution 07/2023/NQ-HĐND, fees 0 for online submissions",
         locality="ha-noi"),
    Case("land change, in person, no province", "land-change-registration", LAND, "in_person",
         {"registration-fee": (None, False)}, None,
         "§2: the fee is a People's Council fee (Circular 85/2019); null without a province"),
]
# fmt: on


def quote(tmp_path: Path, case: Case) -> tuple[int, str]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(case.answers, ensure_ascii=False, indent=1), "utf-8")
    args = [
        "--procedures",
        str(PROCEDURES),
        "quote",
        case.procedure,
        "--answers",
        str(path),
        "--channel",
        case.channel,
        "--on",
        case.on,
    ]
    if case.locality:
        args += ["--locality", case.locality]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES])
def test_quote_matches_the_official_fee_rules(tmp_path: Path, case: Case) -> None:
    code, out = quote(tmp_path, case)
    assert code == 0, (case.why, out)
    data = json.loads(out)
    got = {f["id"]: (f["amount"], f["exempt"]) for f in data["fees"]}
    assert set(got) == set(case.fees), (case.why, got)
    for fee_id, (amount, exempt) in case.fees.items():
        got_amount, got_exempt = got[fee_id]
        assert got_exempt is exempt, (case.why, fee_id, got[fee_id])
        if amount is INFERRED:
            assert isinstance(got_amount, int) and got_amount > 0, (case.why, fee_id, got_amount)
        else:
            assert got_amount == amount, (case.why, fee_id, got_amount)
    unknown = any(a is None and not e for a, e in case.fees.values())
    if unknown:  # a People's Council fee without a province: the total is not a number
        assert (data["total"], data["complete"]) == (None, False), (case.why, data)
        known = sum(a for a, e in case.fees.values() if isinstance(a, int) and not e)
        assert data["known_total"] == known, (case.why, data)
    elif case.total is not None:
        assert data["total"] == case.total, (case.why, data["total"])
    assert data["currency"] == "VND" and data["channel"] == case.channel
    assert data["on"] == case.on


def test_the_table_covers_every_procedure_with_sourced_fees() -> None:
    covered = {c.procedure for c in CASES}
    assert covered >= {
        "birth-registration",
        "death-registration",
        "marriage-registration",
        "passport-issuance",
        "permanent-residence-registration",
        "temporary-residence-registration",
        "criminal-record-certificate",
        "driving-licence-exchange",
    }
