"""Web target: one accessible, multi-step HTML form per procedure and language.

Output (``CLI.md``): ``web/<lang>/<id>.html`` and the shared ``web/assets/``. A page is
self-contained except for those assets (``../assets/...``): no inline script or style, so a
strict Content-Security-Policy works, and no request leaves the portal except the submission
to ``{api_base_url}/procedures/{id}/applications``. Without JavaScript every step shows at
once and the form still posts. Conditions travel as data (``procgen-rules`` JSON) that
``procgen-form.js`` (with ``procgen-check.js``, the pure check of one answer,
``procgen-review.js`` and ``procgen-draft.js``, the draft saved and resumed) evaluates using
the expression runtime ``procgen-expr.js``; the five are bundled into
``web/assets/procgen.js``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from procgen.diagnostics import CompilerBug

if TYPE_CHECKING:
    from markupsafe import Markup

    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Procedure
    from procgen.targets import EmitContext, Files, PortalInput
    from procgen.targets.web.view import PageView

ASSETS = PurePosixPath("web/assets")
RUNTIME = ("procgen-check.js", "procgen-review.js", "procgen-draft.js", "procgen-form.js")
"""The form runtime's files in ``assets/``, bundled in this order after ``procgen-expr.js``."""


class WebTarget:
    """The ``web`` target (see the module docstring)."""

    name = "web"

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str, str], tuple[Procedure, Markup]] = {}

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        from procgen.targets.web.render import render
        from procgen.targets.web.rules import page_rules
        from procgen.targets.web.view import page_view

        _check(procedure, sink)
        facts = ctx.local(procedure)
        files: Files = {}
        for lang in ctx.settings.languages:
            view = page_view(procedure, ctx.settings, lang, facts)
            rules = page_rules(procedure, lang, view.action, facts, api=view.api)
            html = render("procedure.html.j2", cache=ctx.cache, readonly=ctx.readonly,
                          page=view, rules=rules, steps=self._steps(procedure, view, ctx))
            files[PurePosixPath("web", lang, f"{procedure.id}.html")] = html.encode("utf-8")
        return files

    def _steps(self, procedure: Procedure, view: PageView, ctx: EmitContext) -> Markup:
        """The question pages' HTML, the same for every locality: rendered once per procedure
        and language, and reused when a build emits the procedure for each locality's site."""
        from markupsafe import Markup

        from procgen.targets.web.render import render

        key = (procedure.source_hash, procedure.id, view.lang)
        kept = self._kept.get(key)
        if kept is None or kept[0] is not procedure:  # keep the current procedure's only
            self._kept = {k: v for k, v in self._kept.items() if v[0] is procedure}
            html = Markup(render("steps.html.j2", cache=ctx.cache, readonly=ctx.readonly,
                                 page=view))
            kept = self._kept[key] = (procedure, html)
        return kept[1]

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> None:
        return None  # the portal files do not depend on any procedure

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        from procgen.targets.web.i18n import UI

        for lang in ctx.settings.languages:
            if lang not in UI:
                sink.emit("PG501", None, lang=lang)
        here = Path(__file__).parent / "assets"
        expr_js = Path(__file__).parents[2] / "expr" / "runtime" / "procgen-expr.js"
        if not expr_js.is_file():
            raise CompilerBug("the expression runtime procgen-expr.js is missing")
        header = "/* procgen web runtime: the expression runtime, then the form runtime. */\n"
        parts = [expr_js.read_text("utf-8")] + [
            (here / name).read_text("utf-8") for name in RUNTIME]
        bundle = header + "\n".join(p.rstrip("\n") + "\n" for p in parts)
        return {
            ASSETS / "procgen.js": bundle.encode("utf-8"),
            ASSETS / "procgen.css": (here / "procgen.css").read_bytes(),
        }



def _check(procedure: Procedure, sink: DiagnosticSink) -> None:
    """Warn about what the browser cannot do as written (PG5xx)."""
    from procgen.targets.web.view import safe_url

    for lb in procedure.legal_basis:
        if lb.url and not safe_url(lb.url):
            sink.emit("PG502", procedure.span, url=lb.url)
    for top in procedure.fields:
        for f in top.walk():
            if f.kind == "group" and any(c.kind == "group" for c in f.children):
                sink.emit("PG504", f.span, field=f.id)
