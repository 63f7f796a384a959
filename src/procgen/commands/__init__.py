"""One module per heavier ``procgen`` command, loaded only when that command runs.

Shared helpers for command modules: :func:`report` prints diagnostics and :class:`InputError`
exits 1 (both re-exported from :mod:`procgen.cli`).
"""

from procgen.cli import FORMAT, LANG, STRICT, InputError
from procgen.cli import _report as report

__all__ = ["FORMAT", "LANG", "STRICT", "InputError", "report"]
