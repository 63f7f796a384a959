"""Targets: pure functions from the IR to files in memory; only the build writes to disk.

A target is a small object satisfying :class:`Target`, registered in :data:`REGISTRY` by name.
It never touches the disk, never imports another target, and reports what it cannot express
as ``warning[PG5xx]`` diagnostics at the construct's span. Shared lower layers (e.g. a field's
JSON Schema, used by OpenAPI and mobile) live in :mod:`procgen.targets._common`.

How to add a target:

1. Write ``src/procgen/targets/<name>.py`` (or a package) with a class that has ``name``,
   ``emit_procedure`` and ``emit_portal`` as in :class:`Target`.
2. Add it to :data:`_TARGETS` below (``name`` → ``"module:Class"``; modules load lazily).
3. Add golden files under ``tests/golden/<name>/`` (``pytest --update-golden``).

>>> from procgen.targets import names
>>> sorted(names()) == sorted(_TARGETS)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Portal, Procedure, Settings

Files = dict[PurePosixPath, bytes]
"""Output files, by path relative to the output folder (``generated/``)."""


@dataclass(frozen=True, slots=True)
class EmitContext:
    """What every target may know besides the procedure itself."""

    settings: Settings
    version: str
    readonly: bool = False
    """``build --check``: write nothing besides the returned files, not even a cache."""


@runtime_checkable
class Target(Protocol):
    name: str

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """The files for one procedure (e.g. ``web/vi/<id>.html``). Pure and deterministic."""
        ...

    def emit_portal(self, portal: Portal, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """Files shared by the whole portal (assets, ``openapi/portal.yaml``); may be empty."""
        ...


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
