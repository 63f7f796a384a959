"""The catalogue of diff rules: one registered rule per kind of change, entity by entity.

Registered with :func:`procgen.diff.rules.rule` when this module is imported (the package
imports it). Within one entity and operation, order matters: the first rule whose condition
holds classifies the change. ``docs/review.md`` lists these rules (generated, tested).

What a rule says is in the wording catalogue (:mod:`procgen.wording.catalogue`), in Vietnamese
and English: the key ``diff_rule_<id>`` (hyphens as underscores), or the ``says`` key given.
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
WORDING = "diff_reworded"  # one sentence for every "reworded" rule

# procedure ------------------------------------------------------------------------------------
rule("procedure-removed", "procedure", "removed", (B,))(always)
rule("procedure-added", "procedure", "added", ())(always)
rule("fully-online-lost", "procedure", "fully_online", (UP,))(
    lambda d: d.old is True)
rule("fully-online-gained", "procedure", "fully_online", (DOWN,))(
    lambda d: d.new is True)
rule("procedure-wording", "procedure", "title summary agency legal_basis", (ED,),
     says=WORDING)(always)
rule("procedure-revision", "procedure", "revision effective_from", ())(always)
rule("procedure-metadata", "procedure", "code level sector audience", ())(always)

# channels -------------------------------------------------------------------------------------
rule("online-channel-removed", "channel", "removed", (B, UP))(
    lambda d: d.path[-1] == "online")
rule("channel-removed", "channel", "removed", (UP,))(always)
rule("channel-added", "channel", "added", (DOWN,))(always)
rule("processing-time-longer", "channel", "processing_time", (UP,))(
    lambda d: (in_hours(d.new) or 0) > (in_hours(d.old) or 0))
rule("processing-time-shorter", "channel", "processing_time", (DOWN,))(
    lambda d: (in_hours(d.new) or 0) < (in_hours(d.old) or 0))
rule("processing-time-unit", "channel", "processing_time", (ED,))(always)
rule("processing-time-cases-changed", "channel", "time_cases", ())(always)
rule("result-delivery-narrowed", "channel", "results", (UP,))(
    lambda d: bool(d.old and d.new) and bool(set(d.old) - set(d.new)))
rule("result-delivery-widened", "channel", "results", (DOWN,))(
    lambda d: bool(d.old and d.new))
rule("result-delivery-stated", "channel", "results", ())(always)

# fields ---------------------------------------------------------------------------------------
rule("field-removed", "field", "removed", (B, DOWN))(always)
rule("field-added-required", "field", "added", (B, UP))(lambda d: unconditional(d.new))
rule("field-added", "field", "added", (UP,))(always)
rule("field-retyped", "field", "kind", (B,))(always)
rule("field-made-required", "field", "required", (B, UP))(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("field-made-optional", "field", "required", (DOWN,))(
    lambda d: d.new is False or d.old is True)
rule("field-required-condition", "field", "required", (B,))(always)
rule("field-when-removed-required", "field", "when", (B, UP))(
    lambda d: d.new is None and d.context.get("required") is not False)
rule("field-when-removed", "field", "when", (UP,))(lambda d: d.new is None)
rule("field-when-added", "field", "when", (DOWN,))(lambda d: d.old is None)
rule("field-when-widened-required", "field", "when", (B, UP))(
    lambda d: widens(d.old, d.new) and d.context.get("required") is not False)
rule("field-when-widened", "field", "when", (UP,))(lambda d: widens(d.old, d.new))
rule("field-when-narrowed", "field", "when", (DOWN,))(lambda d: widens(d.new, d.old))
rule("field-when-changed-required", "field", "when", (B,))(
    lambda d: d.context.get("required") is not False)
rule("field-when-changed", "field", "when", ())(always)
rule("field-constraint-added", "field", "constraint", (B,))(
    appeared)
rule("field-constraint-removed", "field", "constraint", ())(
    vanished)
rule("field-constraint-changed", "field", "constraint", (B,))(always)
rule("field-limit-tightened", "field", "min max min_length max_length", (B,))(tighter_limit)
rule("field-limit-relaxed", "field", "min max min_length max_length", ())(always)
rule("field-pattern-removed", "field", "pattern", ())(vanished)
rule("field-pattern-changed", "field", "pattern", (B,))(always)
rule("field-repeat-min-raised", "field", "repeat", (B, UP))(
    lambda d: d.new["min"] > d.old["min"])
rule("field-repeat-max-lowered", "field", "repeat", (B,))(
    lambda d: d.new["max"] is not None and (d.old["max"] is None or d.new["max"] < d.old["max"]))
rule("field-repeat-min-lowered", "field", "repeat", (DOWN,))(
    lambda d: d.new["min"] < d.old["min"])
rule("field-repeat-relaxed", "field", "repeat", ())(always)
rule("field-prefill-added", "field", "prefill", (DOWN,))(
    appeared)
rule("field-prefill-removed", "field", "prefill", (UP,))(vanished)
rule("field-prefill-changed", "field", "prefill", ())(always)
rule("field-default-changed", "field", "default", ())(
    always)
rule("field-wording", "field", "label hint constraint_message", (ED,),
     says=WORDING)(always)
rule("option-removed", "option", "removed", (B,))(always)
rule("option-added", "option", "added", ())(always)
rule("option-wording", "option", "label", (ED,), says=WORDING)(always)

# documents ------------------------------------------------------------------------------------
rule("document-removed-optional", "document", "removed", ())(
    lambda d: d.old["required"] is False)
rule("document-removed", "document", "removed", (DOWN,))(always)
rule("document-added-upload", "document", "added", (B, UP))(
    lambda d: unconditional(d.new) and d.new["uploadable"])
rule("document-added-optional", "document", "added", ())(
    lambda d: d.new["required"] is False)
rule("document-added", "document", "added", (UP,))(always)
rule("document-made-required-upload", "document", "required", (B, UP))(
    lambda d: (d.old is False or (d.new is True and isinstance(d.old, str)))
    and d.context["uploadable"])
rule("document-made-required", "document", "required", (UP,))(
    lambda d: d.old is False or (d.new is True and isinstance(d.old, str)))
rule("document-made-optional", "document", "required", (DOWN,))(
    lambda d: d.new is False or d.old is True)
rule("document-required-condition", "document", "required", ())(always)
rule("document-when-removed", "document", "when", (UP,))(
    lambda d: d.new is None)
rule("document-when-added", "document", "when", (DOWN,))(lambda d: d.old is None)
rule("document-when-widened", "document", "when", (UP,))(lambda d: widens(d.old, d.new))
rule("document-when-narrowed", "document", "when", (DOWN,))(lambda d: widens(d.new, d.old))
rule("document-when-changed", "document", "when", ())(always)
for _what in ("originals", "copies"):
    rule(f"document-{_what}-more", "document", _what, (UP,))(went_up)
    rule(f"document-{_what}-fewer", "document", _what, (DOWN,))(went_down)
rule("document-now-filed", "document", "present_only", (UP,))(lambda d: d.new is False)
rule("document-now-shown-only", "document", "present_only", (DOWN,))(always)
rule("document-held-by-state", "document", "held_by_state", (DOWN,))(appeared)
rule("document-no-longer-held-upload", "document", "held_by_state", (B, UP))(
    lambda d: d.new is None and d.context["uploadable"] and unconditional(d.context))
rule("document-no-longer-held", "document", "held_by_state", (UP,))(vanished)
rule("document-held-elsewhere", "document", "held_by_state", ())(always)
rule("document-generated-from-form", "document", "generated_from_form", (DOWN,))(
    lambda d: d.new is True)
rule("document-no-longer-generated", "document", "generated_from_form", (UP,))(always)
rule("document-accept-narrowed", "document", "accept", (B,))(
    lambda d: bool(set(d.old) - set(d.new)))
rule("document-accept-widened", "document", "accept", ())(always)
rule("document-max-size-lowered", "document", "max_size_mb", (B,))(
    lambda d: d.new is not None and (d.old is None or d.new < d.old))
rule("document-max-size-raised", "document", "max_size_mb", ())(always)
rule("document-wording", "document", "title hint template", (ED,),
     says=WORDING)(always)

# fees -----------------------------------------------------------------------------------------
rule("fee-added", "fee", "added", (UP,))(always)
rule("fee-removed", "fee", "removed", (DOWN,))(always)
rule("fee-raised", "fee", "amount", (UP,))(
    lambda d: went_up(d) or literal_shift(d.old, d.new) > 0)
rule("fee-lowered", "fee", "amount", (DOWN,))(
    lambda d: went_down(d) or literal_shift(d.old, d.new) < 0)
rule("fee-amount-changed", "fee", "amount", ())(always)
rule("fee-set-by-locality", "fee", "set_by_locality", ())(always)
rule("fee-range-raised", "fee", "range", (UP,))(
    lambda d: d.old is not None and d.new is not None and d.new != d.old
    and d.new["min"] >= d.old["min"] and d.new["max"] >= d.old["max"])
rule("fee-range-lowered", "fee", "range", (DOWN,))(
    lambda d: d.old is not None and d.new is not None
    and d.new["min"] <= d.old["min"] and d.new["max"] <= d.old["max"])
rule("fee-range-changed", "fee", "range", ())(always)
rule("fee-channels-widened", "fee", "channels", (UP,))(lambda d: bool(set(d.new) - set(d.old)))
rule("fee-channels-narrowed", "fee", "channels", (DOWN,))(always)
rule("fee-when-removed", "fee", "when", (UP,))(
    lambda d: d.new is None)
rule("fee-when-added", "fee", "when", (DOWN,))(lambda d: d.old is None)
rule("fee-when-widened", "fee", "when", (UP,))(lambda d: widens(d.old, d.new))
rule("fee-when-narrowed", "fee", "when", (DOWN,))(lambda d: widens(d.new, d.old))
rule("fee-when-changed", "fee", "when", ())(always)
rule("fee-validity", "fee", "valid_from valid_until", ())(
    always)
rule("fee-online-payment-removed", "fee", "payment", (UP,))(
    lambda d: bool(d.old and d.new) and "online" in d.old and "online" not in d.new)
rule("fee-online-payment-added", "fee", "payment", (DOWN,))(
    lambda d: bool(d.old and d.new) and "online" not in d.old and "online" in d.new)
rule("fee-payment-changed", "fee", "payment", ())(always)
rule("fee-wording", "fee", "label", (ED,), says=WORDING)(always)
rule("exemption-removed", "exemption", "removed", (UP,))(always)
rule("exemption-added", "exemption", "added", (DOWN,))(always)
rule("exemption-widened", "exemption", "when", (DOWN,))(lambda d: widens(d.old, d.new))
rule("exemption-narrowed", "exemption", "when", (UP,))(lambda d: widens(d.new, d.old))
rule("exemption-condition-changed", "exemption", "when", ())(always)
rule("exemption-wording", "exemption", "label", (ED,))(always)
rule("locality-fee-raised", "locality_fee", "amount", (UP,))(went_up)
rule("locality-fee-lowered", "locality_fee", "amount", (DOWN,))(always)
rule("locality-fee-added", "locality_fee", "added", (UP,))(always)
rule("locality-fee-removed", "locality_fee", "removed", (DOWN,))(
    always)

# steps and outputs ----------------------------------------------------------------------------
rule("visit-added", "step", "added", (UP,))(lambda d: d.new["presence"] == "required")
rule("step-added", "step", "added", (UP,))(always)
rule("step-removed", "step", "removed", (DOWN,))(always)
rule("visit-required", "step", "presence", (UP,))(
    lambda d: d.new == "required")
rule("visit-dropped", "step", "presence", (DOWN,))(lambda d: d.old == "required")
rule("step-presence-changed", "step", "presence", ())(always)
rule("step-longer", "step", "duration", (UP,))(
    lambda d: (in_hours(d.new) or 0) > (in_hours(d.old) or 0) and d.old is not None)
rule("step-shorter", "step", "duration", (DOWN,))(
    lambda d: (in_hours(d.new) or 0) < (in_hours(d.old) or 0) and d.new is not None)
rule("step-duration-changed", "step", "duration", ())(always)
rule("step-actor", "step", "actor", ())(always)
rule("step-reordered", "step", "fields documents outputs", (ED,))(
    lambda d: sorted(d.old) == sorted(d.new))
rule("step-layout", "step", "fields documents outputs", ())(always)
rule("step-wording", "step", "title description", (ED,), says=WORDING)(always)
rule("output-added", "output", "added", ())(always)
rule("output-removed", "output", "removed", ())(always)
rule("output-electronic", "output", "electronic", (DOWN,))(lambda d: d.new is True)
rule("output-not-electronic", "output", "electronic", (UP,))(always)
rule("output-wording", "output", "title", (ED,), says=WORDING)(always)
