"""Guide target: a printable one-stop guide per procedure and language, to hand a citizen.

Output: ``guide/<lang>/<id>.html`` and the shared ``guide/guide.css`` (linked as
``../guide.css``). A guide is one or two A4 pages a desk officer hands over, or a commune's
digital-technology team reads with a citizen at home: the title, code and agency, whether it
is fully online and why not, the documents to prepare with a box to tick before each (always,
in each situation with its condition in words, optional), the fees on each channel, where to
apply and how long it takes, the online form's address and its QR code (when ``base_url`` is
set), and the questions whose answers decide the documents and fees. On a locality's own
site it gives that locality's amounts and offices; nationally, what the web page's fee table
says of a fee each province sets (its range). Every fact and word comes from
:mod:`procgen.guidance` and :mod:`procgen.wording` (:mod:`procgen.targets.guide.view`).

A page has no script and no inline style, under a strict Content-Security-Policy; procedure
text is escaped by the template engine; the bytes hold no time (docs/targets/guide.md).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Procedure
    from procgen.targets import EmitContext, Files, PortalInput

OUT = PurePosixPath("guide")
STYLESHEET = OUT / "guide.css"


class GuideTarget:
    """The ``guide`` target (see the module docstring)."""

    name = "guide"

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        from procgen.targets.guide.render import render
        from procgen.targets.guide.view import guide_view

        facts = ctx.local(procedure)
        return {OUT / lang / f"{procedure.id}.html":
                render(guide_view(procedure, ctx.settings, lang, facts), cache=ctx.cache,
                       readonly=ctx.readonly).encode("utf-8")
                for lang in ctx.settings.languages}

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> None:
        return None  # the stylesheet depends on no procedure

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        return {STYLESHEET: (Path(__file__).parent / "guide.css").read_bytes()}
