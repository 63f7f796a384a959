"""Mobile target: one JSON screen definition per procedure, for native renderers.

Output (``CLI.md``): ``mobile/<id>.json``, valid against ``schemas/mobile-screens.schema.json``
and documented for the teams writing the renderers in ``docs/targets/mobile.md``. Metadata,
localized texts in every project language, typed components bound to fields, rules as JSON
Logic (json-logic-js plus ``src/procgen/expr/runtime/jsonlogic-ops.js``) and navigation.
Bytes are deterministic: fixed key order, ``ensure_ascii=False``, two-space indent, a final
newline, no timestamps.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Procedure
    from procgen.targets import EmitContext, Files, PortalInput

OUT = PurePosixPath("mobile")


def dumps(doc: Any) -> bytes:
    """The file's bytes (the one serialisation every mobile file goes through)."""
    from procgen.targets._common import pretty_json

    return pretty_json(doc)


class MobileTarget:
    """The ``mobile`` target (see the module docstring)."""

    name = "mobile"

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        from procgen.targets.mobile.components import Build
        from procgen.targets.mobile.screens import definition

        b = Build(ctx.settings.languages, sink)
        doc = definition(procedure, ctx.settings, ctx.version, b, ctx.local(procedure))
        return {OUT / f"{procedure.id}.json": dumps(doc)}

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> None:
        return None  # the portal files do not depend on any procedure

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        from procgen.targets.mobile.i18n import UI

        for lang in ctx.settings.languages:
            if lang not in UI:
                sink.emit("PG560", None, lang=lang)
        return {}
