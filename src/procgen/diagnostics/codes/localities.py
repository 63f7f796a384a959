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
         "no amount for '{procedure}' fee '{name}' (set by localities)",
         "An overlay leaves a locality-set fee without an amount, so quotes show it as unknown.",
         "fees:\n  birth-registration: {}",
         "Add the amount the provincial People's Council set."),
)
