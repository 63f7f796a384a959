"""Targets: pure functions from the IR to files in memory; only the build writes to disk.

A target is a small object satisfying :class:`Target`, registered in :data:`REGISTRY` by name.
It never touches the disk, never imports another target, and reports what it cannot express
as ``warning[PG5xx]`` diagnostics at the construct's span. Shared lower layers (e.g. a field's
JSON Schema, used by OpenAPI and mobile) live in :mod:`procgen.targets._common`.

How to add a target:

1. Write ``src/procgen/targets/<name>.py`` (or a package) with a class that has ``name``,
   ``emit_procedure``, ``portal_part`` and ``emit_portal`` as in :class:`Target`.
2. Add it to :data:`_TARGETS` below (``name`` → ``"module:Class"``; modules load lazily).
3. Add golden files under ``tests/golden/<name>/`` (``pytest --update-golden``).

>>> from procgen.targets import names
>>> sorted(names()) == sorted(_TARGETS)
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


class PortalInput(Struct, frozen=True):
    """What one target's ``emit_portal`` sees.

    Not the procedures themselves: for each procedure, in the build's order, what the target's
    ``portal_part`` returned for it. The build computes parts with the procedure's other
    outputs and caches them, so a rebuild after one file changed re-emits the portal files
    without loading any other procedure.
    """

    localities: tuple[Locality, ...]
    parts: tuple[Any, ...]


@runtime_checkable
class Target(Protocol):
    name: str

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """The files for one procedure (e.g. ``web/vi/<id>.html``). Pure and deterministic."""
        ...

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> Any:
        """What ``emit_portal`` needs of one procedure, or None: small, plain data (dicts,
        lists, strings, numbers, booleans), since the build cache keeps it as MessagePack and
        ``emit_portal`` may get it back with tuples as lists and ids as plain ``str``. Pure and
        deterministic; reports nothing (the procedure's diagnostics come from
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
}


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
