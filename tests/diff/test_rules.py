"""One test per classification rule (issue 9): edit the sample procedure, expect the rule.

Covers: every rule registered in procgen.diff.rules (a test fails when one has no row), the
classes each assigns, the path it reports, and that nothing else changed (strict, apart from
the listed side effects such as fully-online).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from tests.diff.conftest import Edit, remove, sub, write

from procgen.diff.rules import RULES

B, UP, DOWN, ED = "breaking", "burden+", "burden-", "editorial"


class Case(NamedTuple):
    rule: str
    edits: tuple[Edit, ...]
    path: str
    classes: tuple[str, ...]
    also: frozenset[str] = frozenset()
    base: tuple[Edit, ...] = ()
    reverse: bool = False
    procedure: str = "sample"


def case(rule: str, edits: Edit | tuple[Edit, ...], path: str, classes: tuple[str, ...],
         also: tuple[str, ...] = (), **kw: object) -> Case:
    edits = edits if isinstance(edits, tuple) else (edits,)
    return Case(rule, edits, path, classes, frozenset(also), **kw)  # type: ignore[arg-type]


NO_LOCAL_FEES = (
    sub("fees:\n  sample:\n    desk-fee: 20000\n", "", "localities/city.yaml"),
    sub("fees:\n  sample:\n    desk-fee: 10000\n", "", "localities/town.yaml"),
)
MINI = """procgen: 1
id: other
revision: 1
title: {vi: Thủ tục khác, en: Another procedure}
channels:
  online: {processing_time: {working_days: 1}}
fields:
  - {id: name, type: text, label: {vi: Tên, en: Name}, required: true}
"""
POSTAL = sub("  in_person: {processing_time: {working_days: 3}}\n",
             "  in_person: {processing_time: {working_days: 3}}\n"
             "  postal: {processing_time: {working_days: 5}}\n")
REFERENCE = '    label: {vi: Mã hồ sơ, en: Reference}\n'
PHONE = "  - id: phone\n    type: phone\n    label: {vi: Điện thoại, en: Phone}\n"
IN_STEP = sub("fields: [full_name, reference,", "fields: [full_name, phone, reference,")
COPIES = "    label: {vi: Số bản sao, en: Copies}\n"
DMG_CARD = '    originals: 1\n    when: reason == "damaged"\n'
LETTER = "  - id: letter\n    title: {vi: Thư giới thiệu, en: Letter}\n    required: false\n"
NEW_DOC = "  - id: receipt\n    title: {vi: Biên lai, en: Receipt}\n"
DEED = "    present_only: true\n    required: false\n"
OLD_CARD = "    title: {vi: Thẻ cũ, en: Old card}\n    originals: 1\n"
NEW_FEE = "  - id: new-fee\n    label: {vi: Phí mới, en: New fee}\n    amount: 1000\n"
EXEMPTION = "    exemptions:\n      - {when: poor, label: {vi: Hộ nghèo, en: Poor households}}\n"
STEP = "  - id: interview\n    actor: applicant\n    title: {vi: Phỏng vấn, en: Interview}\n"
OUTPUT = "  - id: receipt\n    title: {vi: Biên nhận, en: Receipt}\n"
VILLAGE = """procgen: 1
locality: village
name: {vi: Làng, en: Village}
fees:
  sample:
    desk-fee: 5000
"""

PAID = sub("    amount: 8000 * copies\n",
           "    amount: 8000 * copies\n    payment: [online, desk]\n")
"""A base edit: the copy fee says how it is paid."""
DELIVERED = sub("online: {processing_time: {working_days: 3}}",
                "online: {processing_time: {working_days: 3}, results: [electronic, desk]}")
"""A base edit: the online channel says how the result comes."""

CASES = [
    # procedure
    case("procedure-removed", (remove("sample.yaml"), *NO_LOCAL_FEES), "", (B,)),
    case("procedure-added", write("other.yaml", MINI), "", (), procedure="other"),
    case("fully-online-lost", sub("presence: optional", "presence: required"), "fully_online",
         (UP,), also=("steps.collect.presence",)),
    case("fully-online-gained", sub("presence: optional", "presence: required"), "fully_online",
         (DOWN,), also=("steps.collect.presence",), reverse=True),
    case("procedure-wording", sub("en: Sample procedure}", "en: A sample procedure}"), "title",
         (ED,)),
    case("procedure-wording", sub("number: 1/2025/QH15", "number: 2/2026/QH15"), "legal_basis",
         (ED,)),
    case("procedure-revision", sub("revision: 1", "revision: 2"), "revision", ()),
    case("procedure-metadata", sub("sector: testing", "sector: civil-status"), "sector", ()),
    # channels
    case("online-channel-removed", sub("  online: {processing_time: {working_days: 3}}\n", ""),
         "channels.online", (B, UP), also=("fully_online",)),
    case("channel-removed", POSTAL, "channels.postal", (UP,), reverse=True),
    case("channel-added", POSTAL, "channels.postal", (DOWN,)),
    case("processing-time-longer", sub("online: {processing_time: {working_days: 3}}",
                                       "online: {processing_time: {working_days: 5}}"),
         "channels.online.processing_time", (UP,)),
    case("processing-time-shorter", sub("online: {processing_time: {working_days: 3}}",
                                        "online: {processing_time: {hours: 8}}"),
         "channels.online.processing_time", (DOWN,)),
    case("processing-time-unit", sub("online: {processing_time: {working_days: 3}}",
                                     "online: {processing_time: {hours: 72}}"),
         "channels.online.processing_time", (ED,)),
    case("processing-time-shorter", sub("online: {processing_time: {working_days: 3}}",
                                        "online: {processing_time: {days: 3}}"),
         "channels.online.processing_time", (DOWN,)),  # 3 calendar days < 3 working days
    case("processing-time-longer", sub("online: {processing_time: {working_days: 3}}",
                                       "online: {processing_time: {days: 7}}"),
         "channels.online.processing_time", (UP,)),
    case("processing-time-unit", sub("online: {processing_time: {working_days: 3}}",
                                     "online: {processing_time: {days: 4.2}}"),
         "channels.online.processing_time", (ED,)),  # 4.2 days hold 3 working days
    case("processing-time-cases-changed",
         sub("online: {processing_time: {working_days: 3}}",
             "online: {processing_time: {working_days: 3, cases: [{when: copies > 5, "
             "working_days: 5, label: {vi: khi xin hơn 5 bản, en: for more than 5 copies}}]}}"),
         "channels.online.time_cases", ()),
    case("result-delivery-narrowed", sub("results: [electronic, desk]", "results: [desk]"),
         "channels.online.results", (UP,), base=(DELIVERED,), also=("fully_online",)),
    case("result-delivery-widened", sub("results: [electronic, desk]", "results: [desk]"),
         "channels.online.results", (DOWN,), base=(DELIVERED,), reverse=True,
         also=("fully_online",)),
    case("result-delivery-stated", DELIVERED, "channels.online.results", ()),
    # fields
    case("field-removed", (sub("  - id: reference\n    type: text\n" + REFERENCE
                               + '    pattern: "^[A-Z]{2}[0-9]{4}$"\n', ""),
                           sub("fields: [full_name, reference,", "fields: [full_name,")),
         "fields.reference", (B, DOWN), also=("steps.you.fields",)),
    case("field-added-required", (sub("  - id: reference\n", PHONE + "    required: true\n"
                                      "  - id: reference\n"), IN_STEP),
         "fields.phone", (B, UP), also=("steps.you.fields",)),
    case("field-added", (sub("  - id: reference\n", PHONE + "  - id: reference\n"), IN_STEP),
         "fields.phone", (UP,), also=("steps.you.fields",)),
    case("field-retyped", sub("    type: integer", "    type: number"), "fields.copies.kind",
         (B,)),
    case("field-made-required", sub(REFERENCE, REFERENCE + "    required: true\n"),
         "fields.reference.required", (B, UP)),
    case("field-made-required", sub("required: poor", "required: true"),
         "fields.note.required", (B, UP)),
    case("field-made-optional", sub("required: poor", "required: false"),
         "fields.note.required", (DOWN,)),
    case("field-required-condition", sub("required: poor", "required: not poor"),
         "fields.note.required", (B,)),
    case("field-when-removed-required", sub('    when: reason == "damaged"\n', ""),
         "fields.damage_details.when", (B, UP)),
    case("field-when-removed", sub(COPIES, COPIES + "    when: poor\n"), "fields.copies.when",
         (UP,), reverse=True),
    case("field-when-added", sub(COPIES, COPIES + "    when: poor\n"), "fields.copies.when",
         (DOWN,)),
    case("field-when-widened-required", sub('when: reason == "damaged"',
                                            'when: reason == "damaged" or poor'),
         "fields.damage_details.when", (B, UP)),
    case("field-when-widened", sub("when: poor", "when: poor or copies > 2"),
         "fields.copies.when", (UP,), base=(sub(COPIES, COPIES + "    when: poor\n"),)),
    case("field-when-narrowed", sub('when: reason == "damaged"',
                                    'when: reason == "damaged" or poor'),
         "fields.damage_details.when", (DOWN,), reverse=True),
    case("field-when-changed-required", sub('when: reason == "damaged"', 'when: reason != "lost"'),
         "fields.damage_details.when", (B,)),
    case("field-when-changed", sub("when: poor", "when: not poor"), "fields.copies.when", (),
         base=(sub(COPIES, COPIES + "    when: poor\n"),)),
    case("field-constraint-added", sub("    max_length: 100\n", "    max_length: 100\n"
                                       "    constraint: len(full_name) >= 2\n"),
         "fields.full_name.constraint", (B,)),
    case("field-constraint-removed", sub("    constraint: len(damage_details) >= 10\n"
                                         "    constraint_message: {vi: Quá ngắn, en: Too short}\n",
                                         ""),
         "fields.damage_details.constraint", (),
         also=("fields.damage_details.constraint_message",)),
    case("field-constraint-changed", sub(">= 10", ">= 20"), "fields.damage_details.constraint",
         (B,)),
    case("field-limit-tightened", sub("    max: 10\n", "    max: 5\n"), "fields.copies.max", (B,)),
    case("field-limit-tightened", sub("    min: 0\n", "    min: 1\n"), "fields.copies.min", (B,)),
    case("field-limit-tightened", sub("max_length: 100", "max_length: 50"),
         "fields.full_name.max_length", (B,)),
    case("field-limit-tightened", sub(REFERENCE, REFERENCE + "    min_length: 6\n"),
         "fields.reference.min_length", (B,)),
    case("field-limit-relaxed", sub("    max: 10\n", "    max: 20\n"), "fields.copies.max", ()),
    case("field-limit-relaxed", sub("    max_length: 100\n", ""), "fields.full_name.max_length",
         ()),
    case("field-pattern-removed", sub('    pattern: "^[A-Z]{2}[0-9]{4}$"\n', ""),
         "fields.reference.pattern", ()),
    case("field-pattern-changed", sub("[0-9]{4}$", "[0-9]{6}$"), "fields.reference.pattern",
         (B,)),
    case("field-pattern-changed", sub("    max_length: 100\n", "    max_length: 100\n"
                                      "    pattern: \"^[A-Z ]+$\"\n"),
         "fields.full_name.pattern", (B,)),
    case("field-repeat-min-raised", sub("repeat: {min: 0, max: 5}", "repeat: {min: 1, max: 5}"),
         "fields.kids.repeat", (B, UP)),
    case("field-repeat-max-lowered", sub("repeat: {min: 0, max: 5}", "repeat: {min: 0, max: 3}"),
         "fields.kids.repeat", (B,)),
    case("field-repeat-min-lowered", sub("repeat: {min: 0, max: 5}", "repeat: {min: 1, max: 5}"),
         "fields.kids.repeat", (DOWN,), reverse=True),
    case("field-repeat-relaxed", sub("repeat: {min: 0, max: 5}", "repeat: {min: 0, max: 8}"),
         "fields.kids.repeat", ()),
    case("field-prefill-added", sub(REFERENCE, REFERENCE + "    prefill: civil-status-database\n"),
         "fields.reference.prefill", (DOWN,)),
    case("field-prefill-removed", sub("    prefill: national-population-database\n", ""),
         "fields.full_name.prefill", (UP,)),
    case("field-prefill-changed", sub("prefill: national-population-database",
                                      "prefill: civil-status-database"),
         "fields.full_name.prefill", ()),
    case("field-default-changed", sub("default: 1", "default: 2"), "fields.copies.default", ()),
    case("field-wording", sub("en: Full name}", "en: Full legal name}"),
         "fields.full_name.label", (ED,)),
    case("field-wording", sub("en: Too short}", "en: Please write more}"),
         "fields.damage_details.constraint_message", (ED,)),
    case("field-wording", sub("kid_name, type: text, label: {vi: Tên con, en: Child's name}",
                              "kid_name, type: text, label: {vi: Tên con, en: Child's names}"),
         "fields.kids.fields.kid_name.label", (ED,)),
    case(
        "field-added", sub("      - {id: kid_name,",
                           "      - {id: kid_age, type: integer, label: {vi: Tuổi, en: Age}}\n"
                           "      - {id: kid_name,"),
        "fields.kids.fields.kid_age", (UP,)),
    # options
    case("option-removed", sub("      - {value: damaged,", "      - {value: other, label: {vi: "
                               "Khác, en: Other}}\n      - {value: damaged,"),
         "fields.reason.options.other", (B,), reverse=True),
    case("option-added", sub("      - {value: damaged,", "      - {value: other, label: {vi: "
                             "Khác, en: Other}}\n      - {value: damaged,"),
         "fields.reason.options.other", ()),
    case("option-wording", sub("{vi: Bị mất, en: Lost}", "{vi: Bị thất lạc, en: Lost}"),
         "fields.reason.options.lost.label", (ED,)),
    # documents
    case("document-removed", (sub("  - id: damaged-card\n    title: {vi: Thẻ bị hỏng, en: The "
                                  "damaged card}\n" + DMG_CARD + "    accept: [application/pdf]\n",
                                  ""),
                              sub("documents: [photo, damaged-card, letter]",
                                  "documents: [photo, letter]")),
         "documents.damaged-card", (DOWN,), also=("steps.you.documents",)),
    case("document-removed-optional", sub("\nfees:", NEW_DOC + "    required: false\n"
                                          "    accept: [application/pdf]\n\nfees:"),
         "documents.receipt", (), reverse=True),
    case("document-added-upload", sub("\nfees:", NEW_DOC + "    accept: [application/pdf]\n"
                                      "\nfees:"), "documents.receipt", (B, UP)),
    case("document-added-optional", sub("\nfees:", NEW_DOC + "    required: false\n"
                                        "    accept: [application/pdf]\n\nfees:"),
         "documents.receipt", ()),
    case("document-added", sub("\nfees:", NEW_DOC + "    when: poor\n"
                               "    accept: [application/pdf]\n\nfees:"),
         "documents.receipt", (UP,)),
    case("document-made-required-upload", sub(LETTER, LETTER.replace("false", "true")),
         "documents.letter.required", (B, UP)),
    case("document-made-required", sub(DEED, DEED.replace("false", "true")),
         "documents.deed.required", (UP,), also=("fully_online",)),
    case("document-made-optional", sub("    max_size_mb: 2\n", "    max_size_mb: 2\n"
                                       "    required: false\n"),
         "documents.photo.required", (DOWN,)),
    case("document-required-condition", sub("required: poor\n    accept",
                                            "required: not poor\n    accept"),
         "documents.letter.required", (),
         base=(sub(LETTER, LETTER.replace("false", "poor")),)),
    case("document-when-removed", sub(DMG_CARD, "    originals: 1\n"),
         "documents.damaged-card.when", (UP,)),
    case("document-when-added", sub("    max_size_mb: 2\n", "    max_size_mb: 2\n    when: poor\n"),
         "documents.photo.when", (DOWN,)),
    case("document-when-widened", sub(DMG_CARD, DMG_CARD.replace('"damaged"',
                                                                 '"damaged" or poor')),
         "documents.damaged-card.when", (UP,)),
    case("document-when-narrowed", sub(DMG_CARD, DMG_CARD.replace('"damaged"',
                                                                  '"damaged" or poor')),
         "documents.damaged-card.when", (DOWN,), reverse=True),
    case("document-when-changed", sub(DMG_CARD, DMG_CARD.replace('== "damaged"', '!= "lost"')),
         "documents.damaged-card.when", ()),
    case("document-originals-more", sub("originals: 2", "originals: 3"),
         "documents.photo.originals", (UP,)),
    case("document-originals-fewer", sub("originals: 2", "originals: 1"),
         "documents.photo.originals", (DOWN,)),
    case("document-copies-more", sub("copies: 1\n", "copies: 2\n"), "documents.photo.copies",
         (UP,)),
    case("document-copies-fewer", sub("copies: 1\n", "copies: 0\n"), "documents.photo.copies",
         (DOWN,)),
    case("document-now-filed", sub(DEED, "    required: false\n"),
         "documents.deed.present_only", (UP,)),
    case("document-now-shown-only", sub(DEED, "    required: false\n"),
         "documents.deed.present_only", (DOWN,), reverse=True),
    case("document-held-by-state", sub(DMG_CARD, DMG_CARD + "    held_by_state: "
                                       "national-population-database\n"),
         "documents.damaged-card.held_by_state", (DOWN,)),
    case("document-no-longer-held-upload",
         sub(OLD_CARD + "    held_by_state: national-population-database\n", OLD_CARD),
         "documents.old-card.held_by_state", (B, UP), also=("fully_online",)),
    case("document-no-longer-held", sub(OLD_CARD + "    when: poor\n    held_by_state: "
                                        "national-population-database\n",
                                        OLD_CARD + "    when: poor\n"),
         "documents.old-card.held_by_state", (UP,), also=("fully_online",),
         base=(sub(OLD_CARD, OLD_CARD + "    when: poor\n"),)),
    case("document-held-elsewhere", sub("    held_by_state: national-population-database",
                                        "    held_by_state: civil-status-database"),
         "documents.old-card.held_by_state", ()),
    case("document-no-longer-generated", sub("    generated_from_form: true\n", ""),
         "documents.declaration.generated_from_form", (UP,), also=("fully_online",)),
    case("document-generated-from-form", sub("    generated_from_form: true\n", ""),
         "documents.declaration.generated_from_form", (DOWN,), also=("fully_online",),
         reverse=True),
    case("document-accept-narrowed", sub("accept: [image/jpeg, image/png]", "accept: [image/jpeg]"),
         "documents.photo.accept", (B,)),
    case("document-accept-widened", sub("accept: [image/jpeg, image/png]",
                                        "accept: [image/jpeg, image/png, application/pdf]"),
         "documents.photo.accept", ()),
    case("document-max-size-lowered", sub("max_size_mb: 2", "max_size_mb: 1"),
         "documents.photo.max_size_mb", (B,)),
    case("document-max-size-lowered", sub("accept: [application/pdf]\n  - id: letter",
                                          "accept: [application/pdf]\n    max_size_mb: 4\n"
                                          "  - id: letter"),
         "documents.damaged-card.max_size_mb", (B,)),
    case("document-max-size-raised", sub("max_size_mb: 2", "max_size_mb: 5"),
         "documents.photo.max_size_mb", ()),
    case("document-wording", sub("title: {vi: Ảnh, en: Photo}",
                                 "title: {vi: Ảnh chân dung, en: Portrait photo}"),
         "documents.photo.title", (ED,)),
    case("document-wording", sub("code: TK-01", "code: TK-02"), "documents.declaration.template",
         (ED,)),
    # fees
    case("fee-added", sub("  - id: desk-fee\n", NEW_FEE + "  - id: desk-fee\n"), "fees.new-fee",
         (UP,)),
    case("fee-removed", sub("  - id: desk-fee\n", NEW_FEE + "  - id: desk-fee\n"),
         "fees.new-fee", (DOWN,), reverse=True),
    case("fee-raised", sub("amount: 50000", "amount: 60000"), "fees.base-fee.amount", (UP,)),
    case("fee-raised", sub("amount: 8000 * copies", "amount: 10000 * copies"),
         "fees.copy-fee.amount", (UP,)),
    case("fee-lowered", sub("amount: 50000", "amount: 40000"), "fees.base-fee.amount", (DOWN,)),
    case("fee-lowered", sub("amount: 8000 * copies", "amount: 5000 * copies"),
         "fees.copy-fee.amount", (DOWN,)),
    case("fee-amount-changed", sub("amount: 8000 * copies", "amount: 8000 * copies + 1000"),
         "fees.copy-fee.amount", ()),
    case("fee-set-by-locality", (sub("    set_by: locality\n    range: {min: 0, max: 50000}\n",
                                     "    amount: 20000\n"), *NO_LOCAL_FEES),
         "fees.desk-fee.set_by_locality", (),
         also=("fees.desk-fee.amount", "fees.desk-fee.range", "fees.desk-fee.localities.city",
               "fees.desk-fee.localities.town")),
    case("fee-range-raised", sub("range: {min: 0, max: 50000}", "range: {min: 0, max: 60000}"),
         "fees.desk-fee.range", (UP,)),
    case("fee-range-lowered", sub("range: {min: 0, max: 50000}", "range: {min: 0, max: 30000}"),
         "fees.desk-fee.range", (DOWN,)),
    case("fee-range-changed", sub("range: {min: 0, max: 50000}",
                                  "range: {min: 5000, max: 40000}"),
         "fees.desk-fee.range", ()),
    case("fee-channels-widened", sub("amount: 50000\n    channels: [in_person]",
                                     "amount: 50000\n    channels: [in_person, online]"),
         "fees.base-fee.channels", (UP,)),
    case("fee-channels-narrowed", sub("amount: 50000\n    channels: [in_person]",
                                      "amount: 50000\n    channels: [in_person, online]"),
         "fees.base-fee.channels", (DOWN,), reverse=True),
    case("fee-when-removed", sub("    when: copies > 0\n", ""), "fees.copy-fee.when", (UP,)),
    case("fee-when-added", sub("    when: copies > 0\n", ""), "fees.copy-fee.when", (DOWN,),
         reverse=True),
    case("fee-when-widened", sub("when: copies > 0", "when: copies > 0 or poor"),
        "fees.copy-fee.when", (UP,)),
    case("fee-when-narrowed", sub("when: copies > 0", "when: copies > 3"), "fees.copy-fee.when",
         (DOWN,)),
    case("fee-when-changed", sub("when: copies > 0", "when: poor"), "fees.copy-fee.when", ()),
    case("fee-validity", sub("valid: {from: 2026-01-01}", "valid: {from: 2026-06-01}"),
         "fees.desk-fee.valid_from", ()),
    case("fee-online-payment-removed", sub("payment: [online, desk]", "payment: [desk]"),
         "fees.copy-fee.payment", (UP,), base=(PAID,), also=("fully_online",)),
    case("fee-online-payment-added", sub("payment: [online, desk]", "payment: [desk]"),
         "fees.copy-fee.payment", (DOWN,), base=(PAID,), reverse=True,
         also=("fully_online",)),
    case("fee-payment-changed", sub("payment: [online, desk]", "payment: [online, post]"),
         "fees.copy-fee.payment", (), base=(PAID,)),
    case("fee-wording", sub("label: {vi: Lệ phí, en: Fee}", "label: {vi: Lệ phí cấp, en: Fee}"),
         "fees.base-fee.label", (ED,)),
    case("exemption-removed", sub(EXEMPTION, ""), "fees.base-fee.exemptions.poor", (UP,)),
    case("exemption-added", sub(EXEMPTION, ""), "fees.base-fee.exemptions.poor", (DOWN,),
         reverse=True),
    case("exemption-widened", sub("{when: poor, label", "{when: poor or copies == 0, label"),
         "fees.base-fee.exemptions.#1.when", (DOWN,)),
    case("exemption-narrowed", sub("{when: poor, label", "{when: poor or copies == 0, label"),
         "fees.base-fee.exemptions.#1.when", (UP,), reverse=True),
    case("exemption-widened", sub("{when: poor, channels: [online], label", "{when: poor, label"),
         "fees.base-fee.exemptions.#1.when", (DOWN,),  # no longer online only
         base=(sub("    channels: [in_person]\n    exemptions:\n      - {when: poor, label",
                   "    exemptions:\n      - {when: poor, channels: [online], label"),)),
    case("exemption-condition-changed", sub("{when: poor, label", "{when: copies == 0, label"),
         "fees.base-fee.exemptions.#1.when", ()),
    case("exemption-wording", sub("en: Poor households}", "en: Poor households only}"),
         "fees.base-fee.exemptions.poor.label", (ED,)),
    case("locality-fee-raised", sub("desk-fee: 20000", "desk-fee: 25000", "localities/city.yaml"),
         "fees.desk-fee.localities.city.amount", (UP,)),
    case("locality-fee-lowered", sub("desk-fee: 20000", "desk-fee: 15000",
                                     "localities/city.yaml"),
         "fees.desk-fee.localities.city.amount", (DOWN,)),
    case("locality-fee-added", write("localities/village.yaml", VILLAGE),
         "fees.desk-fee.localities.village", (UP,)),
    case("locality-fee-removed", write("localities/village.yaml", VILLAGE),
         "fees.desk-fee.localities.village", (DOWN,), reverse=True),
    # steps and outputs
    case("visit-added", sub("\noutputs:", STEP + "    presence: required\n\noutputs:"),
         "steps.interview", (UP,), also=("fully_online",)),
    case("step-added", sub("\noutputs:", STEP + "\noutputs:"), "steps.interview", (UP,)),
    case("step-removed", sub("\noutputs:", STEP + "\noutputs:"), "steps.interview", (DOWN,),
         reverse=True),
    case("visit-required", sub("presence: optional", "presence: required"),
         "steps.collect.presence", (UP,), also=("fully_online",)),
    case("visit-dropped", sub("presence: optional", "presence: required"),
         "steps.collect.presence", (DOWN,), also=("fully_online",), reverse=True),
    case("step-presence-changed", sub("    presence: optional\n", ""), "steps.collect.presence",
         ()),
    case("step-longer", sub("duration: {working_days: 2}", "duration: {working_days: 4}"),
         "steps.check.duration", (UP,)),
    case("step-shorter", sub("duration: {working_days: 2}", "duration: {hours: 4}"),
         "steps.check.duration", (DOWN,)),
    case("step-duration-changed", sub("    duration: {working_days: 2}\n", ""),
         "steps.check.duration", ()),
    case("step-actor", sub("actor: agency", "actor: system"), "steps.check.actor", ()),
    case("step-layout", sub("    presence: optional\n    outputs: [card]\n",
                            "    presence: optional\n"),
         "steps.collect.outputs", ()),
    case("step-reordered", sub("fields: [full_name, reference, copies,",
                               "fields: [reference, full_name, copies,"),
         "steps.you.fields", (ED,)),
    case("step-wording", sub("en: An officer checks}", "en: An officer checks the file}"),
         "steps.check.description", (ED,)),
    case("output-added", sub("    electronic: true\n", "    electronic: true\n" + OUTPUT),
         "outputs.receipt", ()),
    case("output-removed", sub("    electronic: true\n", "    electronic: true\n" + OUTPUT),
         "outputs.receipt", (), reverse=True),
    case("output-not-electronic", sub("electronic: true", "electronic: false"),
         "outputs.card.electronic", (UP,)),
    case("output-electronic", sub("electronic: true", "electronic: false"),
         "outputs.card.electronic", (DOWN,), reverse=True),
    case("output-wording", sub("title: {vi: Thẻ, en: Card}", "title: {vi: Thẻ, en: ID card}"),
         "outputs.card.title", (ED,)),
]


def test_every_rule_has_a_case() -> None:
    registered = {r.id for r in RULES}
    covered = {c.rule for c in CASES}
    assert registered - covered == set(), "rules without a test case"
    assert covered - registered == set(), "cases naming no rule"


@pytest.mark.parametrize("c", CASES, ids=[f"{c.rule}:{c.path}" for c in CASES])
def test_rule(c: Case, edited) -> None:  # type: ignore[no-untyped-def]
    result = edited(c.edits, base=c.base, reverse=c.reverse)
    found = [x for x in result.changes if x.path == c.path and x.procedure == c.procedure]
    assert len(found) == 1, [(x.path, x.rule) for x in result.changes]
    (change,) = found
    assert (change.rule, change.classes) == (c.rule, c.classes)
    others = {x.path for x in result.changes if x is not change and x.rule != "procedure-revision"}
    assert others == set(c.also)
    assert "other-change" not in {x.rule for x in result.changes}
    assert change.message
    assert not re.search(r"\{(name|old|new|attr|fee|gone|came|moves)\}", change.message)


@pytest.mark.parametrize("c", CASES[::7], ids=[c.rule for c in CASES[::7]])
def test_rule_speaks_vietnamese(c: Case, edited) -> None:  # type: ignore[no-untyped-def]
    en = edited(c.edits, base=c.base, reverse=c.reverse, lang="en")
    vi = edited(c.edits, base=c.base, reverse=c.reverse, lang="vi")
    assert [x.fingerprint for x in en.changes] == [x.fingerprint for x in vi.changes]
    assert [x.message for x in en.changes] != [x.message for x in vi.changes]
