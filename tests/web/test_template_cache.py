"""The web target's Jinja2 bytecode cache (``docs/build.md``, "The template cache").

The build owns it: ``procgen build`` hands every target ``.procgen-cache/templates`` (or
``$PROCGEN_TEMPLATE_CACHE``; ``off`` turns it off) through :class:`EmitContext`, and ``emit``
writes nowhere else; without a folder in the context it keeps nothing at all. A fresh process
loads compiled templates from the cache instead of compiling their source; the pages are
byte-identical with and without it; ``build --check`` never writes it; a cache that cannot be
read or written, or holds corrupt files, never fails a build.

Each test starts from a new environment (``_jinja.environment.cache_clear()``), which is
what a new process sees.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic
from tests.web.helpers import KITCHEN_SINK

from procgen.build import build
from procgen.build.cache import Cache
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.targets import EmitContext, Files
from procgen.targets._jinja import bytecode_cache
from procgen.targets._jinja import environment as _shared
from procgen.targets.web import WebTarget
from procgen.targets.web.render import environment


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A clean environment before and after the test (which sets the variables it needs)."""
    monkeypatch.delenv("PROCGEN_TEMPLATE_CACHE", raising=False)
    _shared.cache_clear()
    yield monkeypatch
    _shared.cache_clear()


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source (a spy on ``Environment.compile``)."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None,
            *args: object, **kwargs: object) -> object:
        names.append(str(name))
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def pages(cache: Path | None, *, readonly: bool = False) -> Files:
    """Every web page of the kitchen sink, rendered by a new environment keeping ``cache``."""
    _shared.cache_clear()
    sink = DiagnosticSink()
    portal = load_portal(KITCHEN_SINK, sink)
    ctx = EmitContext(portal.settings, "test", readonly, cache, localities=portal.localities)
    files: Files = {}
    for p in portal.procedures:
        files.update(WebTarget().emit_procedure(p, ctx, sink))
    return files


@pytest.fixture
def uncached(fresh: pytest.MonkeyPatch) -> Files:
    return pages(None)


def project(tmp_path: Path) -> Path:
    """A copy of the kitchen sink to build, in ``tmp_path/work``."""
    root = tmp_path / "work" / "procedures"
    shutil.copytree(KITCHEN_SINK, root)
    return root


def test_emit_without_a_cache_folder_writes_nothing_anywhere(
        fresh: pytest.MonkeyPatch, compiled: list[str], tmp_path: Path) -> None:
    fresh.setenv("HOME", str(tmp_path / "home"))
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fresh.chdir(tmp_path)
    pages(None)
    assert compiled
    assert environment().bytecode_cache is None
    assert sorted(tmp_path.iterdir()) == [], "nothing written anywhere"


def test_the_build_keeps_templates_beside_its_own_cache(
        fresh: pytest.MonkeyPatch, compiled: list[str], uncached: Files, tmp_path: Path) -> None:
    fresh.setenv("HOME", str(tmp_path / "home"))
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = project(tmp_path)
    out = tmp_path / "work" / "generated"
    compiled.clear()
    _shared.cache_clear()
    assert not build(root, out, jobs=1).failed
    folder = tmp_path / "work" / ".procgen-cache" / "templates"
    assert Cache.beside(out).templates() == folder
    assert compiled and len(list(folder.glob("*.cache"))) == len(set(compiled))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"], "not in the home folder"
    assert {p: (out / p).read_bytes() for p in uncached} == uncached
    compiled.clear()
    assert pages(folder) == uncached
    assert compiled == [], "a new environment with a filled cache compiles nothing"


def test_build_check_reads_the_template_cache_but_writes_nothing(
        fresh: pytest.MonkeyPatch, compiled: list[str], tmp_path: Path) -> None:
    root = project(tmp_path)
    out = tmp_path / "work" / "generated"
    _shared.cache_clear()
    assert build(root, out, check=True, jobs=1).failed is False
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["procedures"]
    assert compiled, "compiled from source, the cache being empty"
    build(root, out, jobs=1)
    folder = Cache.beside(out).templates()
    assert folder is not None
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    for p in folder.iterdir():
        os.utime(p, ns=(1, 1))
    compiled.clear()
    assert pages(folder, readonly=True)
    assert compiled == [], "read"
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == dict.fromkeys(before, 1)


def test_procgen_template_cache_moves_or_turns_off_the_cache(
        fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cache = Cache.beside(tmp_path / "generated")
    assert cache.templates() == tmp_path / ".procgen-cache" / "templates"
    fresh.setenv("PROCGEN_TEMPLATE_CACHE", str(tmp_path / "mine"))
    assert cache.templates() == tmp_path / "mine"
    for value in ("off", ""):
        fresh.setenv("PROCGEN_TEMPLATE_CACHE", value)
        assert cache.templates() is None


def test_the_folder_is_created_on_first_write_private(
        fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "a" / "templates"
    environment(folder)
    assert not folder.exists(), "building the environment writes nothing"
    environment(folder).get_template("procedure.html.j2")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("where", ["through a regular file", "a regular file", "full disk"])
def test_a_cache_that_cannot_be_written_is_skipped_silently(
        fresh: pytest.MonkeyPatch, compiled: list[str], uncached: Files, tmp_path: Path,
        where: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    if where == "through a regular file":  # mkdir, open and the temporary file all fail
        folder = blocker / "templates"
    elif where == "a regular file":
        folder = blocker
    else:  # (a read-only folder would be the same, but root, as in CI, writes into it anyway)
        folder = tmp_path / "templates"

        def no_space(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        fresh.setattr(tempfile, "NamedTemporaryFile", no_space)  # how Jinja writes an entry
    compiled.clear()
    assert pages(folder) == uncached
    assert compiled, "compiled from source"
    compiled.clear()
    assert pages(folder) == uncached
    assert compiled, "nothing was cached, so compiled from source again"
    assert blocker.read_text("utf-8") == "not a folder"


CORRUPTIONS = {
    "garbage": lambda data: b"\x00garbage\xff" * 10,
    "empty": lambda data: b"",
    "garbage after the magic": lambda data: bc_magic + b"\x80\x05garbage",  # unpickling fails
    "truncated": lambda data: data[: len(data) // 2],
    "not code": lambda data: data[: data.index(b".", len(bc_magic)) + 1] + b"i\x01\x00\x00\x00",
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_corrupt_cache_files_are_ignored_and_rewritten(
        fresh: pytest.MonkeyPatch, compiled: list[str], uncached: Files, tmp_path: Path,
        corruption: str) -> None:
    folder = tmp_path / "templates"
    pages(folder)
    files = sorted(folder.glob("*.cache"))
    assert files
    for path in files:
        path.write_bytes(CORRUPTIONS[corruption](path.read_bytes()))
    compiled.clear()
    assert pages(folder) == uncached
    assert len(compiled) == len(files), "every corrupt entry compiled from source"
    compiled.clear()
    assert pages(folder) == uncached
    assert compiled == [], "and rewritten"


def test_a_change_of_environment_settings_misses_the_cache(tmp_path: Path) -> None:
    """Bytecode depends on settings such as ``trim_blocks``, not only on the source."""
    env = environment()
    same = bytecode_cache(tmp_path, env.overlay())
    other = bytecode_cache(tmp_path, env.overlay(trim_blocks=False))
    assert same.get_source_checksum("x") == bytecode_cache(tmp_path, env).get_source_checksum("x")
    assert other.get_source_checksum("x") != same.get_source_checksum("x")
