"""Score target: the quality scorecard as an accessible HTML report (docs/targets/score.md).

Output: ``score/<lang>/index.html`` (the national scorecard and every locality's score),
``score/<lang>/<locality>.html`` (one locality's scorecard, the same layout) and the shared
``score/score.css``. Every number is the scorecard model's (:mod:`procgen.score`), worded
by :mod:`procgen.score.report` exactly as ``procgen score`` prints it; the indicators are
defined in docs/score.md. No file per procedure: each procedure's share is its
:class:`~procgen.targets.ScorePart` (its title and scores), so a rebuild after one file
changed re-scores that procedure only.

A page has no script and no inline style, under a strict Content-Security-Policy; text from
the procedure files is escaped by the template engine; the bytes hold no time (the report's
day is :func:`procgen.score.as_of`, the latest ``effective_from``).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from procgen.targets import ScorePart

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Locality, Procedure
    from procgen.score.indicators import ProcedureScore
    from procgen.targets import EmitContext, Files, PortalInput

OUT = PurePosixPath("score")
STYLESHEET = OUT / "score.css"


def _places(ctx: EmitContext) -> tuple[Locality, ...]:
    """The localities the report covers: every one, or on a locality's own site that one
    (its record as read for the procedure)."""
    site = ctx.site
    if site is None:
        return ctx.localities
    return (next((x for x in ctx.localities if x.id == site.id), site),)


def _plain(score: ProcedureScore) -> dict[str, Any]:
    """``score`` as the plain data the build's cache holds (lists, not tuples; an id as a
    ``str``), so a part read back from the cache equals the one computed."""
    import msgspec

    plain: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(score, enc_hook=str))
    return plain


class ScoreTarget:
    """The ``score`` target (see the module docstring)."""

    name = "score"

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        return {}  # the report is the portal's: see portal_part and emit_portal

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> ScorePart:
        from procgen.score.indicators import score_procedure

        national = score_procedure(procedure)
        local = {}
        for loc in sorted(_places(ctx), key=lambda x: x.id):
            here = score_procedure(procedure, loc)
            if here != national:
                local[str(loc.id)] = _plain(here)
        title = {lang: procedure.title.get(lang) for lang in ctx.settings.languages}
        return ScorePart(title, _plain(national), local)

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        from procgen.targets.score.render import pages

        site = ctx.site
        places = portal.localities if site is None else tuple(
            x for x in portal.localities if x.id == site.id) or (site,)
        parts = tuple(p for p in portal.parts if isinstance(p, ScorePart))
        files: Files = {STYLESHEET: (Path(__file__).parent / "score.css").read_bytes()}
        files.update(pages(parts, places, ctx))
        return files
