"""The catalogue of diff rules: one registered rule per kind of change, entity by entity.

Registered with :func:`procgen.diff.rules.rule` when this module is imported (the package
imports it). Within one entity and operation, order matters: the first rule whose condition
holds classifies the change. ``docs/review.md`` lists these rules (generated, tested).
"""

from __future__ import annotations

from procgen.diff.rules import (
    always,
    appeared,
    in_hours,
    literal_shift,
    rule,
    tighter_limit,
    unconditional,
    vanished,
    went_down,
    went_up,
    widens,
)

# Order matters within one (entity, op): first match wins.

B, UP, DOWN, ED = "breaking", "burden+", "burden-", "editorial"
WORDING = "{name}: {attr} reworded from {old} to {new}"
WORDING_VI = "{name}: sửa câu chữ {attr} từ {old} thành {new}"

# procedure ------------------------------------------------------------------------------------
rule("procedure-removed", "procedure", "removed", (B,),
     en="Procedure {name} removed (its API endpoint disappears)",
     vi="Bỏ thủ tục {name} (điểm cuối API của nó không còn)")(always)
rule("procedure-added", "procedure", "added", (),
     en="New procedure {name}", vi="Thêm thủ tục mới {name}")(always)
rule("fully-online-lost", "procedure", "fully_online", (UP,),
     en="{name} is no longer fully online", vi="{name} không còn trực tuyến toàn trình")(
    lambda d: d.old is True)
rule("fully-online-gained", "procedure", "fully_online", (DOWN,),
     en="{name} is now fully online", vi="{name} nay trực tuyến toàn trình")(
    lambda d: d.new is True)
rule("procedure-wording", "procedure", "title summary agency legal_basis", (ED,),
     en=WORDING, vi=WORDING_VI)(always)
rule("procedure-revision", "procedure", "revision effective_from", (),
     en="{name}: {attr} {old} → {new}", vi="{name}: {attr} {old} → {new}")(always)
rule("procedure-metadata", "procedure", "code level sector audience", (),
     en="{name}: {attr} changed from {old} to {new}",
     vi="{name}: {attr} đổi từ {old} thành {new}")(always)

# channels -------------------------------------------------------------------------------------
rule("online-channel-removed", "channel", "removed", (B, UP),
     en="The online channel was removed: no more online applications",
     vi="Bỏ kênh trực tuyến: không thể nộp hồ sơ trực tuyến nữa")(
    lambda d: d.path[-1] == "online")
rule("channel-removed", "channel", "removed", (UP,),
     en="Channel {name} removed", vi="Bỏ kênh nộp {name}")(always)
rule("channel-added", "channel", "added", (DOWN,),
     en="New channel: {name}", vi="Thêm kênh nộp {name}")(always)
rule("processing-time-longer", "channel", "processing_time", (UP,),
     en="Processing time {name} longer: {old} → {new}",
     vi="Thời hạn giải quyết {name} dài hơn: {old} → {new}")(
    lambda d: (in_hours(d.new) or 0) > (in_hours(d.old) or 0))
rule("processing-time-shorter", "channel", "processing_time", (DOWN,),
     en="Processing time {name} shorter: {old} → {new}",
     vi="Thời hạn giải quyết {name} ngắn hơn: {old} → {new}")(
    lambda d: (in_hours(d.new) or 0) < (in_hours(d.old) or 0))
rule("processing-time-unit", "channel", "processing_time", (ED,),
     en="Processing time {name} written differently: {old} → {new}",
     vi="Thời hạn giải quyết {name} viết lại: {old} → {new}")(always)

# fields ---------------------------------------------------------------------------------------
rule("field-removed", "field", "removed", (B, DOWN),
     en="Field {name} removed", vi="Bỏ trường {name}")(always)
rule("field-added-required", "field", "added", (B, UP),
     en="New required field {name}", vi="Thêm trường bắt buộc {name}")(
    lambda d: unconditional(d.new))
rule("field-added", "field", "added", (UP,),
     en="New field {name}", vi="Thêm trường {name}")(always)
rule("field-retyped", "field", "kind", (B,),
     en="Field {name} changed type: {old} → {new}",
     vi="Trường {name} đổi kiểu: {old} → {new}")(always)
rule("field-made-required", "field", "required", (B, UP),
     en="Field {name} is now required ({old} → {new})",
     vi="Trường {name} nay bắt buộc ({old} → {new})")(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("field-made-optional", "field", "required", (DOWN,),
     en="Field {name} is no longer always required ({old} → {new})",
     vi="Trường {name} không còn luôn bắt buộc ({old} → {new})")(
    lambda d: d.new is False or d.old is True)
rule("field-required-condition", "field", "required", (B,),
     en="Field {name}: the condition that makes it required changed: {old} → {new}",
     vi="Trường {name}: điều kiện bắt buộc thay đổi: {old} → {new}")(always)
rule("field-when-removed-required", "field", "when", (B, UP),
     en="Field {name} is now asked of everyone and required (was only when {old})",
     vi="Trường {name} nay hỏi mọi người và bắt buộc (trước chỉ khi {old})")(
    lambda d: d.new is None and d.context.get("required") is not False)
rule("field-when-removed", "field", "when", (UP,),
     en="Field {name} is now asked of everyone (was only when {old})",
     vi="Trường {name} nay hỏi mọi người (trước chỉ khi {old})")(lambda d: d.new is None)
rule("field-when-added", "field", "when", (DOWN,),
     en="Field {name} is now asked only when {new}",
     vi="Trường {name} nay chỉ hỏi khi {new}")(lambda d: d.old is None)
rule("field-when-widened-required", "field", "when", (B, UP),
     en="Field {name} is now asked (and required) in more cases: {old} → {new}",
     vi="Trường {name} nay hỏi (và bắt buộc) trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.old, d.new) and d.context.get("required") is not False)
rule("field-when-widened", "field", "when", (UP,),
     en="Field {name} is now asked in more cases: {old} → {new}",
     vi="Trường {name} nay hỏi trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.old, d.new))
rule("field-when-narrowed", "field", "when", (DOWN,),
     en="Field {name} is now asked in fewer cases: {old} → {new}",
     vi="Trường {name} nay hỏi trong ít trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.new, d.old))
rule("field-when-changed-required", "field", "when", (B,),
     en="Field {name}: when it is asked (and required) changed: {old} → {new}",
     vi="Trường {name}: điều kiện hỏi (và bắt buộc) thay đổi: {old} → {new}")(
    lambda d: d.context.get("required") is not False)
rule("field-when-changed", "field", "when", (),
     en="Field {name}: when it is asked changed: {old} → {new}",
     vi="Trường {name}: điều kiện hỏi thay đổi: {old} → {new}")(always)
rule("field-constraint-added", "field", "constraint", (B,),
     en="Field {name}: new check {new}", vi="Trường {name}: thêm điều kiện kiểm tra {new}")(
    appeared)
rule("field-constraint-removed", "field", "constraint", (),
     en="Field {name}: check {old} removed", vi="Trường {name}: bỏ điều kiện kiểm tra {old}")(
    vanished)
rule("field-constraint-changed", "field", "constraint", (B,),
     en="Field {name}: check changed: {old} → {new}",
     vi="Trường {name}: điều kiện kiểm tra thay đổi: {old} → {new}")(always)
rule("field-limit-tightened", "field", "min max min_length max_length", (B,),
     en="Field {name}: {attr} tightened: {old} → {new}",
     vi="Trường {name}: {attr} chặt hơn: {old} → {new}")(tighter_limit)
rule("field-limit-relaxed", "field", "min max min_length max_length", (),
     en="Field {name}: {attr} relaxed: {old} → {new}",
     vi="Trường {name}: {attr} nới ra: {old} → {new}")(always)
rule("field-pattern-removed", "field", "pattern", (),
     en="Field {name}: pattern {old} removed",
     vi="Trường {name}: bỏ mẫu định dạng {old}")(vanished)
rule("field-pattern-changed", "field", "pattern", (B,),
     en="Field {name}: pattern {old} → {new}",
     vi="Trường {name}: mẫu định dạng {old} → {new}")(always)
rule("field-repeat-min-raised", "field", "repeat", (B, UP),
     en="Group {name}: more entries needed: {old} → {new}",
     vi="Nhóm {name}: cần nhiều mục hơn: {old} → {new}")(
    lambda d: d.new["min"] > d.old["min"])
rule("field-repeat-max-lowered", "field", "repeat", (B,),
     en="Group {name}: fewer entries allowed: {old} → {new}",
     vi="Nhóm {name}: cho phép ít mục hơn: {old} → {new}")(
    lambda d: d.new["max"] is not None and (d.old["max"] is None or d.new["max"] < d.old["max"]))
rule("field-repeat-min-lowered", "field", "repeat", (DOWN,),
     en="Group {name}: fewer entries needed: {old} → {new}",
     vi="Nhóm {name}: cần ít mục hơn: {old} → {new}")(
    lambda d: d.new["min"] < d.old["min"])
rule("field-repeat-relaxed", "field", "repeat", (),
     en="Group {name}: entries {old} → {new}", vi="Nhóm {name}: số mục {old} → {new}")(always)
rule("field-prefill-added", "field", "prefill", (DOWN,),
     en="Field {name} is now filled in from {new}", vi="Trường {name} nay được điền sẵn từ {new}")(
    appeared)
rule("field-prefill-removed", "field", "prefill", (UP,),
     en="Field {name} is no longer filled in from {old}",
     vi="Trường {name} không còn được điền sẵn từ {old}")(vanished)
rule("field-prefill-changed", "field", "prefill", (),
     en="Field {name}: filled in from {new} (was {old})",
     vi="Trường {name}: điền sẵn từ {new} (trước là {old})")(always)
rule("field-default-changed", "field", "default", (),
     en="Field {name}: default {old} → {new}", vi="Trường {name}: giá trị mặc định {old} → {new}")(
    always)
rule("field-wording", "field", "label hint constraint_message", (ED,),
     en=WORDING, vi=WORDING_VI)(always)
rule("option-removed", "option", "removed", (B,),
     en="Option {name} removed", vi="Bỏ lựa chọn {name}")(always)
rule("option-added", "option", "added", (),
     en="New option {name}", vi="Thêm lựa chọn {name}")(always)
rule("option-wording", "option", "label", (ED,), en=WORDING, vi=WORDING_VI)(always)

# documents ------------------------------------------------------------------------------------
rule("document-removed-optional", "document", "removed", (),
     en="Optional document {name} removed", vi="Bỏ giấy tờ không bắt buộc {name}")(
    lambda d: d.old["required"] is False)
rule("document-removed", "document", "removed", (DOWN,),
     en="Document {name} no longer needed", vi="Không còn yêu cầu giấy tờ {name}")(always)
rule("document-added-upload", "document", "added", (B, UP),
     en="New required document {name}, uploaded online",
     vi="Thêm giấy tờ bắt buộc {name}, phải tải lên khi nộp trực tuyến")(
    lambda d: unconditional(d.new) and d.new["uploadable"])
rule("document-added-optional", "document", "added", (),
     en="New optional document {name}", vi="Thêm giấy tờ không bắt buộc {name}")(
    lambda d: d.new["required"] is False)
rule("document-added", "document", "added", (UP,),
     en="New document {name}", vi="Thêm giấy tờ {name}")(always)
rule("document-made-required-upload", "document", "required", (B, UP),
     en="Document {name} is now required ({old} → {new})",
     vi="Giấy tờ {name} nay bắt buộc ({old} → {new})")(
    lambda d: (d.old is False or (d.new is True and isinstance(d.old, str)))
    and d.context["uploadable"])
rule("document-made-required", "document", "required", (UP,),
     en="Document {name} is now required ({old} → {new})",
     vi="Giấy tờ {name} nay bắt buộc ({old} → {new})")(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("document-made-optional", "document", "required", (DOWN,),
     en="Document {name} is no longer always required ({old} → {new})",
     vi="Giấy tờ {name} không còn luôn bắt buộc ({old} → {new})")(
    lambda d: d.new is False or d.old is True)
rule("document-required-condition", "document", "required", (),
     en="Document {name}: when it is required changed: {old} → {new}",
     vi="Giấy tờ {name}: điều kiện bắt buộc thay đổi: {old} → {new}")(always)
rule("document-when-removed", "document", "when", (UP,),
     en="Document {name} is now asked of everyone (was only when {old})",
     vi="Giấy tờ {name} nay yêu cầu với mọi người (trước chỉ khi {old})")(
    lambda d: d.new is None)
rule("document-when-added", "document", "when", (DOWN,),
     en="Document {name} is now asked only when {new}",
     vi="Giấy tờ {name} nay chỉ yêu cầu khi {new}")(lambda d: d.old is None)
rule("document-when-widened", "document", "when", (UP,),
     en="Document {name} is now asked in more cases: {old} → {new}",
     vi="Giấy tờ {name} nay yêu cầu trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.old, d.new))
rule("document-when-narrowed", "document", "when", (DOWN,),
     en="Document {name} is now asked in fewer cases: {old} → {new}",
     vi="Giấy tờ {name} nay yêu cầu trong ít trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.new, d.old))
rule("document-when-changed", "document", "when", (),
     en="Document {name}: when it is asked changed: {old} → {new}",
     vi="Giấy tờ {name}: điều kiện yêu cầu thay đổi: {old} → {new}")(always)
for _what, _vi in (("originals", "bản chính"), ("copies", "bản sao")):
    rule(f"document-{_what}-more", "document", _what, (UP,),
         en=f"Document {{name}}: more {_what}: {{old}} → {{new}}",
         vi=f"Giấy tờ {{name}}: thêm {_vi}: {{old}} → {{new}}")(went_up)
    rule(f"document-{_what}-fewer", "document", _what, (DOWN,),
         en=f"Document {{name}}: fewer {_what}: {{old}} → {{new}}",
         vi=f"Giấy tờ {{name}}: bớt {_vi}: {{old}} → {{new}}")(went_down)
rule("document-now-filed", "document", "present_only", (UP,),
     en="Document {name} must now be filed, not only shown",
     vi="Giấy tờ {name} nay phải nộp, không chỉ xuất trình")(lambda d: d.new is False)
rule("document-now-shown-only", "document", "present_only", (DOWN,),
     en="Document {name} is now only shown, not filed",
     vi="Giấy tờ {name} nay chỉ cần xuất trình, không phải nộp")(always)
rule("document-held-by-state", "document", "held_by_state", (DOWN,),
     en="Document {name} is no longer asked for: the state holds it in {new}",
     vi="Không còn yêu cầu giấy tờ {name}: Nhà nước đã có trong {new}")(appeared)
rule("document-no-longer-held-upload", "document", "held_by_state", (B, UP),
     en="Document {name} must now be provided and uploaded (no longer taken from {old})",
     vi="Giấy tờ {name} nay phải nộp và tải lên (không còn lấy từ {old})")(
    lambda d: d.new is None and d.context["uploadable"] and unconditional(d.context))
rule("document-no-longer-held", "document", "held_by_state", (UP,),
     en="Document {name} must now be provided (no longer taken from {old})",
     vi="Giấy tờ {name} nay phải nộp (không còn lấy từ {old})")(vanished)
rule("document-held-elsewhere", "document", "held_by_state", (),
     en="Document {name}: now taken from {new} (was {old})",
     vi="Giấy tờ {name}: nay lấy từ {new} (trước là {old})")(always)
rule("document-generated-from-form", "document", "generated_from_form", (DOWN,),
     en="Document {name} is now made from the online form",
     vi="Giấy tờ {name} nay được tạo từ tờ khai trực tuyến")(lambda d: d.new is True)
rule("document-no-longer-generated", "document", "generated_from_form", (UP,),
     en="Document {name} is no longer made from the online form: it must be provided",
     vi="Giấy tờ {name} không còn được tạo từ tờ khai trực tuyến: phải tự nộp")(always)
rule("document-accept-narrowed", "document", "accept", (B,),
     en="Document {name}: file types no longer accepted: {gone}",
     vi="Giấy tờ {name}: không còn nhận định dạng {gone}")(
    lambda d: bool(set(d.old) - set(d.new)))
rule("document-accept-widened", "document", "accept", (),
     en="Document {name}: file types now accepted: {came}",
     vi="Giấy tờ {name}: nay nhận thêm định dạng {came}")(always)
rule("document-max-size-lowered", "document", "max_size_mb", (B,),
     en="Document {name}: largest file lowered: {old} → {new}",
     vi="Giấy tờ {name}: dung lượng tệp tối đa giảm: {old} → {new}")(
    lambda d: d.new is not None and (d.old is None or d.new < d.old))
rule("document-max-size-raised", "document", "max_size_mb", (),
     en="Document {name}: largest file raised: {old} → {new}",
     vi="Giấy tờ {name}: dung lượng tệp tối đa tăng: {old} → {new}")(always)
rule("document-wording", "document", "title hint template", (ED,),
     en=WORDING, vi=WORDING_VI)(always)

# fees -----------------------------------------------------------------------------------------
rule("fee-added", "fee", "added", (UP,),
     en="New fee {name}", vi="Thêm khoản thu {name}")(always)
rule("fee-removed", "fee", "removed", (DOWN,),
     en="Fee {name} removed", vi="Bỏ khoản thu {name}")(always)
rule("fee-raised", "fee", "amount", (UP,),
     en="Fee {name} raised: {old} → {new}", vi="Khoản thu {name} tăng: {old} → {new}")(
    lambda d: went_up(d) or literal_shift(d.old, d.new) > 0)
rule("fee-lowered", "fee", "amount", (DOWN,),
     en="Fee {name} lowered: {old} → {new}", vi="Khoản thu {name} giảm: {old} → {new}")(
    lambda d: went_down(d) or literal_shift(d.old, d.new) < 0)
rule("fee-amount-changed", "fee", "amount", (),
     en="Fee {name}: amount changed: {old} → {new}",
     vi="Khoản thu {name}: cách tính thay đổi: {old} → {new}")(always)
rule("fee-set-by-locality", "fee", "set_by_locality", (),
     en="Fee {name}: set by each locality: {old} → {new}",
     vi="Khoản thu {name}: do địa phương quy định: {old} → {new}")(always)
rule("fee-range-raised", "fee", "range", (UP,),
     en="Fee {name}: national range raised: {old} → {new}",
     vi="Khoản thu {name}: khung mức thu tăng: {old} → {new}")(
    lambda d: d.old is not None and d.new is not None and d.new != d.old
    and d.new["min"] >= d.old["min"] and d.new["max"] >= d.old["max"])
rule("fee-range-lowered", "fee", "range", (DOWN,),
     en="Fee {name}: national range lowered: {old} → {new}",
     vi="Khoản thu {name}: khung mức thu giảm: {old} → {new}")(
    lambda d: d.old is not None and d.new is not None
    and d.new["min"] <= d.old["min"] and d.new["max"] <= d.old["max"])
rule("fee-range-changed", "fee", "range", (),
     en="Fee {name}: national range {old} → {new}",
     vi="Khoản thu {name}: khung mức thu {old} → {new}")(always)
rule("fee-channels-widened", "fee", "channels", (UP,),
     en="Fee {name} now also charged for: {came}",
     vi="Khoản thu {name} nay thu thêm với kênh: {came}")(
    lambda d: bool(set(d.new) - set(d.old)))
rule("fee-channels-narrowed", "fee", "channels", (DOWN,),
     en="Fee {name} no longer charged for: {gone}",
     vi="Khoản thu {name} không còn thu với kênh: {gone}")(always)
rule("fee-when-removed", "fee", "when", (UP,),
     en="Fee {name} is now charged to everyone (was only when {old})",
     vi="Khoản thu {name} nay thu với mọi người (trước chỉ khi {old})")(
    lambda d: d.new is None)
rule("fee-when-added", "fee", "when", (DOWN,),
     en="Fee {name} is now charged only when {new}",
     vi="Khoản thu {name} nay chỉ thu khi {new}")(lambda d: d.old is None)
rule("fee-when-widened", "fee", "when", (UP,),
     en="Fee {name} is now charged in more cases: {old} → {new}",
     vi="Khoản thu {name} nay thu trong nhiều trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.old, d.new))
rule("fee-when-narrowed", "fee", "when", (DOWN,),
     en="Fee {name} is now charged in fewer cases: {old} → {new}",
     vi="Khoản thu {name} nay thu trong ít trường hợp hơn: {old} → {new}")(
    lambda d: widens(d.new, d.old))
rule("fee-when-changed", "fee", "when", (),
     en="Fee {name}: when it is charged changed: {old} → {new}",
     vi="Khoản thu {name}: điều kiện thu thay đổi: {old} → {new}")(always)
rule("fee-validity", "fee", "valid_from valid_until", (),
     en="Fee {name}: {attr} {old} → {new}", vi="Khoản thu {name}: {attr} {old} → {new}")(
    always)
rule("fee-wording", "fee", "label", (ED,), en=WORDING, vi=WORDING_VI)(always)
rule("exemption-removed", "exemption", "removed", (UP,),
     en="Fee {fee}: exemption “{name}” removed", vi="Phí {fee}: bỏ miễn, giảm “{name}”")(always)
rule("exemption-added", "exemption", "added", (DOWN,),
     en="Fee {fee}: new exemption “{name}”", vi="Phí {fee}: thêm miễn, giảm “{name}”")(always)
rule("exemption-widened", "exemption", "when", (DOWN,),
     en="Fee {fee}: exemption “{name}” now covers more people: {old} → {new}",
     vi="Phí {fee}: miễn, giảm “{name}” nay áp dụng rộng hơn: {old} → {new}")(
    lambda d: widens(d.old, d.new))
rule("exemption-narrowed", "exemption", "when", (UP,),
     en="Fee {fee}: exemption “{name}” now covers fewer people: {old} → {new}",
     vi="Phí {fee}: miễn, giảm “{name}” nay áp dụng hẹp hơn: {old} → {new}")(
    lambda d: widens(d.new, d.old))
rule("exemption-condition-changed", "exemption", "when", (),
     en="Fee {fee}: exemption “{name}” applies when {new} (was {old})",
     vi="Phí {fee}: miễn, giảm “{name}” áp dụng khi {new} (trước là {old})")(always)
rule("exemption-wording", "exemption", "label", (ED,),
     en="Fee {fee}: exemption reworded: {old} → {new}",
     vi="Phí {fee}: sửa câu chữ miễn, giảm: {old} → {new}")(always)
rule("locality-fee-raised", "locality_fee", "amount", (UP,),
     en="Fee {fee} in {name} raised: {old} → {new}",
     vi="Khoản thu {fee} tại {name} tăng: {old} → {new}")(went_up)
rule("locality-fee-lowered", "locality_fee", "amount", (DOWN,),
     en="Fee {fee} in {name} lowered: {old} → {new}",
     vi="Khoản thu {fee} tại {name} giảm: {old} → {new}")(always)
rule("locality-fee-added", "locality_fee", "added", (UP,),
     en="Fee {fee} now charged in {name}", vi="Khoản thu {fee} nay thu tại {name}")(always)
rule("locality-fee-removed", "locality_fee", "removed", (DOWN,),
     en="Fee {fee} no longer set in {name}", vi="Khoản thu {fee} không còn quy định tại {name}")(
    always)

# steps and outputs ----------------------------------------------------------------------------
rule("visit-added", "step", "added", (UP,),
     en="New step {name} needing a visit in person",
     vi="Thêm bước {name} phải đến trực tiếp")(lambda d: d.new["presence"] == "required")
rule("step-added", "step", "added", (UP,),
     en="New step {name}", vi="Thêm bước {name}")(always)
rule("step-removed", "step", "removed", (DOWN,),
     en="Step {name} removed", vi="Bỏ bước {name}")(always)
rule("visit-required", "step", "presence", (UP,),
     en="Step {name} now needs a visit in person", vi="Bước {name} nay phải đến trực tiếp")(
    lambda d: d.new == "required")
rule("visit-dropped", "step", "presence", (DOWN,),
     en="Step {name} no longer needs a visit in person",
     vi="Bước {name} không còn phải đến trực tiếp")(lambda d: d.old == "required")
rule("step-presence-changed", "step", "presence", (),
     en="Step {name}: presence {old} → {new}", vi="Bước {name}: có mặt {old} → {new}")(always)
rule("step-longer", "step", "duration", (UP,),
     en="Step {name} takes longer: {old} → {new}", vi="Bước {name} lâu hơn: {old} → {new}")(
    lambda d: (in_hours(d.new) or 0) > (in_hours(d.old) or 0) and d.old is not None)
rule("step-shorter", "step", "duration", (DOWN,),
     en="Step {name} is quicker: {old} → {new}", vi="Bước {name} nhanh hơn: {old} → {new}")(
    lambda d: (in_hours(d.new) or 0) < (in_hours(d.old) or 0) and d.new is not None)
rule("step-duration-changed", "step", "duration", (),
     en="Step {name}: duration {old} → {new}", vi="Bước {name}: thời gian {old} → {new}")(always)
rule("step-actor", "step", "actor", (),
     en="Step {name}: done by {new} (was {old})",
     vi="Bước {name}: do {new} thực hiện (trước là {old})")(always)
rule("step-reordered", "step", "fields documents outputs", (ED,),
     en="Step {name}: {attr} reordered: {old} → {new}",
     vi="Bước {name}: sắp xếp lại {attr}: {old} → {new}")(
    lambda d: sorted(d.old) == sorted(d.new))
rule("step-layout", "step", "fields documents outputs", (),
     en="Step {name}: {attr} {moves}", vi="Bước {name}: {attr} {moves}")(always)
rule("step-wording", "step", "title description", (ED,), en=WORDING, vi=WORDING_VI)(always)
rule("output-added", "output", "added", (),
     en="New result {name}", vi="Thêm kết quả {name}")(always)
rule("output-removed", "output", "removed", (),
     en="Result {name} removed", vi="Bỏ kết quả {name}")(always)
rule("output-electronic", "output", "electronic", (DOWN,),
     en="Result {name} is now issued electronically",
     vi="Kết quả {name} nay được cấp bản điện tử")(lambda d: d.new is True)
rule("output-not-electronic", "output", "electronic", (UP,),
     en="Result {name} is no longer issued electronically",
     vi="Kết quả {name} không còn được cấp bản điện tử")(always)
rule("output-wording", "output", "title", (ED,), en=WORDING, vi=WORDING_VI)(always)
