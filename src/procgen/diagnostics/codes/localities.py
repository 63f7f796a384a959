"""PG4xx: locality overlays, which may only fill in what a procedure leaves to them."""

from __future__ import annotations

from procgen.diagnostics.codes import Code

CODES = (
    Code("PG401", "error", "overlay-unknown-procedure", "unknown procedure '{name}'{suggestion}",
         "A locality overlay sets values for a procedure that does not exist.",
         "fees:\n  birth-registraton:\n    late-registration-fee: 8000",
         "Use the id of a procedure in `procedures/`."),
    Code("PG402", "error", "overlay-unknown-fee",
         "procedure '{procedure}' has no fee '{name}'{suggestion}",
         "A locality overlay sets a fee that the procedure does not define.",
         "fees:\n  birth-registration:\n    late-fee: 8000",
         "Use a fee id from the procedure's `fees`."),
    Code("PG403", "error", "overlay-fee-not-local",
         "fee '{name}' of '{procedure}' is set nationally, not by localities",
         "Only fees with `set_by: locality` may be set in an overlay.",
         "fees:\n  birth-registration:\n    extra-copy-fee: 5000   # amount fixed nationally",
         "Remove the line; ask the owner of the procedure to make the fee `set_by: locality`."),
    Code("PG404", "error", "overlay-fee-out-of-range",
         "{amount} for fee '{name}' is outside the national range {low}–{high}",
         "A locality's fee must lie inside the range the procedure sets.",
         "fees:\n  birth-registration:\n    late-registration-fee: 50000   # range max 10000",
         "Use an amount inside the range."),
    Code("PG405", "warning", "overlay-fee-missing",
         "{given} of {total} localities set fee '{name}' of '{procedure}'; not set by: "
         "{missing}",
         "A `set_by: locality` fee that some overlays leave without an amount: quotes and "
         "forms show it as unknown there. Reported once per fee, at the fee.",
         "fees:\n  - id: permit-fee\n    set_by: locality   # no overlay sets it",
         "Add the amount each People's Council set to the overlays named, e.g. "
         "`procgen locality set-fee PROCEDURE FEE AMOUNT --source ACT`; while an amount is "
         "not known, add it with `--placeholder`."),
    Code("PG406", "warning", "overlay-placeholder",
         "{count} placeholder {values} in this overlay: {names}",
         "Values marked `placeholder: true` are not confirmed against the locality's own act; "
         "citizens see them as \"to be confirmed\". Listed under `--strict` only.",
         "fees:\n  birth-registration:\n    late-registration-fee: {amount: 8000, "
         "placeholder: true}",
         "Replace each with the amount the People's Council resolution sets and cite it: "
         "`{amount: 8000, source: {act: \"Nghị quyết 07/2023/NQ-HĐND\"}}`.",
         strict_only=True),
)
