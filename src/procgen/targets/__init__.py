"""Targets: pure functions from the IR to files in memory; only the build writes to disk.

A target is a small object satisfying :class:`Target`, registered in :data:`REGISTRY` by name.
It never touches the disk, never imports another target, and reports what it cannot express
as ``warning[PG5xx]`` diagnostics at the construct's span. Shared lower layers (e.g. a field's
JSON Schema, used by OpenAPI and mobile) live in :mod:`procgen.targets._common`.

How to add a target:

1. Write ``src/procgen/targets/<name>.py`` (or a package) with a class that has ``name``,
   ``emit_procedure``, ``portal_part`` and ``emit_portal`` as in :class:`Target`.
2. Add it to :data:`_TARGETS` below (``name`` → ``"module:Class"``; modules load lazily), and
   its part record (a :class:`PortalPart`, or None) to :data:`PARTS`.
3. Add golden files under ``tests/golden/<name>/`` (``pytest --update-golden``).

>>> from procgen.targets import names
>>> sorted(names()) == sorted(_TARGETS) == sorted(PARTS)
True
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from msgspec import Struct

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Locality, Portal, Procedure, Settings
    from procgen.model.local import LocalFacts

Files = dict[PurePosixPath, bytes]
"""Output files, by path relative to the output folder (``generated/``)."""


class EmitContext(Struct, frozen=True):
    """What every target may know besides the procedure itself."""

    settings: Settings
    version: str
    readonly: bool = False
    """``build --check``: write nothing besides the returned files, not even into ``cache``."""
    cache: Path | None = None
    """A folder the build owns (``.procgen-cache/templates``, docs/build.md) where a target may
    keep what a later process can reuse (the web target's compiled templates); None: keep
    nothing. A target writes nowhere else: everything else it makes is in its returned files."""
    localities: tuple[Locality, ...] = ()
    """The locality overlays, each holding (at least) the values for the procedure being
    emitted. Targets read them only through :func:`procgen.model.local.local_facts`."""
    site: Locality | None = None
    """A locality's own site (``build --locality``): its values resolved, no province picker.
    A procedure whose facts do not depend on the locality (``LocalFacts.depends`` false) must
    come out the same on every site: the build emits it once for all of them."""

    def local(self, procedure: Procedure) -> LocalFacts:
        """``procedure`` across the localities (or on the site): what every target shows."""
        from procgen.model.local import local_facts

        site = self.site
        if site is not None:  # the site's record as read for this procedure
            site = next((x for x in self.localities if x.id == site.id), site)
        return local_facts(procedure, self.localities, site)


class PortalPart(Struct, frozen=True):
    """Base of what a target's ``portal_part`` returns: its share of the portal files for one
    procedure. A typed record, so ``emit_portal`` reads fields, not keys, and the build's cache
    round trip is checked: the build keeps parts as MessagePack and decodes each back into the
    class :data:`PARTS` names for its target (a list where the record says tuple, an id as a
    plain ``str``)."""


class ProcedureSummary(Struct, frozen=True):
    """One procedure in the portal's listing (``GET /procedures``, ``ProcedureSummary``)."""

    id: str
    revision: int
    title: dict[str, str]
    """By language, in project order."""
    fully_online: bool
    href: str


class OpenApiPart(PortalPart, frozen=True):
    """The OpenAPI target's share of ``openapi/portal.yaml`` for one procedure."""

    stamp: str
    """``<id>@<revision>``; the portal's ``info.version`` hashes every procedure's stamp."""
    summary: ProcedureSummary
    tag: dict[str, Any]
    """The procedure's OpenAPI tag object (JSON)."""
    paths: dict[str, Any]
    """Its OpenAPI path items by path (JSON), referring into ``<id>.yaml``."""
    components: dict[str, str] = {}
    """Its own named components by kind, for the self-contained ``portal.bundled.yaml``, as
    the YAML lines that file holds them in (at their indent there): written once, in the
    worker that compiles the procedure, so a rebuild after one file changed writes only that
    procedure's again, not every procedure's (tens of megabytes at 1,000 procedures)."""
    uses: tuple[tuple[str, str], ...] = ()
    """The shared components those refer to (``("schemas", "FormBoolean")``): the bundle keeps
    them."""


class CataloguePart(PortalPart, frozen=True):
    """The catalogue target's share of ``catalogue/cpsv-ap.jsonld`` for one procedure."""

    nodes: tuple[dict[str, Any], ...]
    """Its JSON-LD nodes (each with an ``@id``), as in ``catalogue/<id>.jsonld``; nodes that
    several procedures share (currency, channel types) are equal, and kept once."""


class ScorePart(PortalPart, frozen=True):
    """The score target's share of ``generated/score/`` for one procedure: its title and its
    :class:`~procgen.score.indicators.ProcedureScore`, nationally and in each locality where
    it differs (a fee the province sets, its amounts' provenance). The scores are kept as
    their plain JSON form (lists, ``str`` ids), so decoding a cached part never imports
    the model; the target converts them back."""

    title: dict[str, str]
    """By language, in project order."""
    national: dict[str, Any]
    localities: dict[str, dict[str, Any]] = {}
    """Locality id → its score, only where it differs from ``national`` (sorted by id)."""


class PortalInput(Struct, frozen=True):
    """What one target's ``emit_portal`` sees.

    Not the procedures themselves: for each procedure, in the build's order, what the target's
    ``portal_part`` returned for it. The build computes parts with the procedure's other
    outputs and caches them, so a rebuild after one file changed re-emits the portal files
    without loading any other procedure.
    """

    localities: tuple[Locality, ...]
    parts: tuple[PortalPart | None, ...]


@runtime_checkable
class Target(Protocol):
    name: str

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """The files for one procedure (e.g. ``web/vi/<id>.html``). Pure and deterministic."""
        ...

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> PortalPart | None:
        """What ``emit_portal`` needs of one procedure: an instance of the target's
        :data:`PARTS` class, or None when that is None. Small (the build cache keeps it).
        Pure and deterministic; reports nothing (the procedure's diagnostics come from
        ``emit_procedure``)."""
        ...

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """Files shared by the whole portal (assets, ``openapi/portal.yaml``); may be empty."""
        ...


def portal_input(target: Target, portal: Portal, ctx: EmitContext) -> PortalInput:
    """``target``'s :class:`PortalInput` for a whole :class:`~procgen.model.ir.Portal` (the
    build assembles it from cached parts instead)."""
    parts = tuple(target.portal_part(p, ctx) for p in portal.procedures)
    return PortalInput(portal.localities, parts)


_TARGETS: dict[str, str] = {
    "web": "procgen.targets.web:WebTarget",
    "openapi": "procgen.targets.openapi:OpenApiTarget",
    "mobile": "procgen.targets.mobile:MobileTarget",
    "catalogue": "procgen.targets.catalogue:CatalogueTarget",
    "assistant": "procgen.targets.assistant:AssistantTarget",
    "score": "procgen.targets.score:ScoreTarget",
    "guide": "procgen.targets.guide:GuideTarget",
}

PARTS: dict[str, type[PortalPart] | None] = {
    "web": None, "openapi": OpenApiPart, "mobile": None, "catalogue": CataloguePart,
    "assistant": None, "guide": None, "score": ScorePart}
"""What each target's ``portal_part`` returns (None: its portal files depend on no procedure).
Declared here, beside the registry, so the build decodes a cached part without the target."""


def names() -> tuple[str, ...]:
    """The registered target names, in build order."""
    return tuple(_TARGETS)


def get(name: str) -> Target:
    """The target registered as ``name`` (its module is imported now)."""
    module, _, cls = _TARGETS[name].partition(":")
    target: Target = getattr(import_module(module), cls)()
    return target


def available() -> tuple[str, ...]:
    """Registered targets whose module is importable (all of them in a complete install)."""
    out = []
    for name in _TARGETS:
        try:
            import_module(_TARGETS[name].partition(":")[0])
        except ModuleNotFoundError:
            continue
        out.append(name)
    return tuple(out)
