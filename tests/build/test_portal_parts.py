"""Portal parts are typed records (procgen.targets.PARTS), and survive the build cache exactly.

A part is what a target's ``emit_portal`` needs of one procedure; the build keeps it in the
procedure's cache entry (MessagePack), so a rebuild re-emits the portal files from parts read
back from the cache. Reading one back gives the same record as computing it.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from procgen.build.cache import Cache, Entry
from procgen.build.compile import portal_parts
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.targets import PARTS, EmitContext, PortalPart, names

KITCHEN_SINK = Path(__file__).resolve().parents[1] / "fixtures" / "kitchen-sink"


@pytest.fixture(scope="module")
def parts() -> dict[str, PortalPart | None]:
    portal = load_portal(KITCHEN_SINK, DiagnosticSink())
    ctx = EmitContext(portal.settings, "test", localities=portal.localities)
    return portal_parts(portal.procedures[0], names(), ctx)


def test_every_target_declares_its_part() -> None:
    assert set(PARTS) == set(names())
    for kind in PARTS.values():
        assert kind is None or issubclass(kind, PortalPart)


@pytest.mark.parametrize("name", names())
def test_portal_part_returns_the_declared_record(name: str,
                                                  parts: dict[str, PortalPart | None]) -> None:
    kind = PARTS[name]
    part = parts[name]
    assert part is None if kind is None else type(part) is kind


def test_a_part_read_back_from_the_cache_is_the_same_record(
        parts: dict[str, PortalPart | None], tmp_path: Path) -> None:
    cache = Cache(tmp_path, tmp_path / "out")
    cache.save_entry(Entry("k" * 64, "kitchen-sink.yaml", ("kitchen-sink", 2), None, (),
                           portal=dict(parts)))
    entry = cache.load_entry("k" * 64)
    assert entry is not None
    for name, kind in PARTS.items():
        raw = entry.portal[name]
        if kind is None:
            assert raw is None
            continue
        assert isinstance(raw, dict), "the cache holds plain data, decoded by the build"
        assert msgspec.convert(raw, kind) == parts[name]
