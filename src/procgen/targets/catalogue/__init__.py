"""Catalogue target: the procedures as CPSV-AP 3.2.0 JSON-LD, for public service catalogues.

Output: ``catalogue/<id>.jsonld`` (one ``cpsv:PublicService`` and the nodes it refers to) and
``catalogue/cpsv-ap.jsonld`` (every procedure's nodes in one graph). The mapping, the IRIs and
what is left out are in ``docs/targets/catalogue.md``; :mod:`procgen.targets.catalogue.service`
builds the nodes from the model and :mod:`procgen.wording`, re-deriving nothing. The
``@context`` is embedded (prefixes only, every value written explicitly), so a JSON-LD
processor reads a file without fetching anything. Bytes are deterministic: keys sorted,
``ensure_ascii=False``, two-space indent, a final newline, no timestamps.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from procgen.targets import CataloguePart

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Procedure
    from procgen.targets import EmitContext, Files, PortalInput

OUT = PurePosixPath("catalogue")
PORTAL_FILE = OUT / "cpsv-ap.jsonld"

CONTEXT: dict[str, str] = {
    "adms": "http://www.w3.org/ns/adms#",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The embedded ``@context``: the prefixes of the CPSV-AP 3.2.0 context
(``cpsv-ap.jsonld``) that the files use. No remote context, no term coercion: every
literal carries its own ``@language`` or ``@type``, every reference is ``{"@id": ...}``."""


def dumps(doc: Any) -> bytes:
    """The file's bytes (the one serialisation every catalogue file goes through)."""
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def document(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON-LD document of ``nodes`` (sorted by ``@id``), with the embedded context."""
    return {"@context": CONTEXT, "@graph": sorted(nodes, key=lambda n: str(n["@id"]))}


class CatalogueTarget:
    """The ``catalogue`` target (see the module docstring)."""

    name = "catalogue"

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext,
                       sink: DiagnosticSink) -> Files:
        from procgen.targets.catalogue.service import nodes

        doc = document(nodes(procedure, ctx.settings))
        return {OUT / f"{procedure.id}.jsonld": dumps(doc)}

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> CataloguePart:
        from procgen.targets.catalogue.service import nodes

        return CataloguePart(tuple(nodes(procedure, ctx.settings)))

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        merged: dict[str, dict[str, Any]] = {}
        for part in portal.parts:
            if not isinstance(part, CataloguePart):
                continue
            for node in part.nodes:  # shared nodes (currency, channel types) are equal
                merged.setdefault(str(node["@id"]), node)
        return {PORTAL_FILE: dumps(document(list(merged.values())))}
