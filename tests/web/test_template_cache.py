"""The web target's per-user Jinja2 bytecode cache (``docs/build.md``, "The template cache").

A fresh process loads compiled templates from the cache instead of compiling their source;
the pages are byte-identical with and without it; a cache that cannot be read or written, or
holds corrupt files, never fails a build; ``PROCGEN_TEMPLATE_CACHE=off`` turns it off.

Each test starts from a new environment (``environment.cache_clear()``) pointed at its own
folder, which is what a new process sees.
"""

from __future__ import annotations

import errno
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic
from tests.web.helpers import KITCHEN_SINK, build

from procgen.targets import Files
from procgen.targets.web.render import _bytecode_cache, cache_folder, environment


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A clean environment before and after the test (which sets the variables it needs)."""
    for name in ("PROCGEN_TEMPLATE_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    environment.cache_clear()
    yield monkeypatch
    environment.cache_clear()


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


def pages(monkeypatch: pytest.MonkeyPatch, cache: str | Path) -> Files:
    """Every web file of the kitchen sink, rendered by a new environment using ``cache``."""
    monkeypatch.setenv("PROCGEN_TEMPLATE_CACHE", str(cache))
    environment.cache_clear()
    _, files, _ = build(KITCHEN_SINK)
    return {path: data for path, data in files.items() if path.parts[0] == "web"}


@pytest.fixture
def uncached(fresh: pytest.MonkeyPatch) -> Files:
    return pages(fresh, "off")


def test_a_new_environment_loads_every_template_from_the_cache(
        fresh: pytest.MonkeyPatch, compiled: list[str], uncached: Files, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    compiled.clear()
    first = pages(fresh, folder)
    assert compiled, "the first build compiles the templates"
    assert len(list(folder.glob("*.cache"))) == len(set(compiled))
    compiled.clear()
    second = pages(fresh, folder)
    assert compiled == [], "a new environment with a filled cache compiles nothing"
    assert first == second == uncached


def test_the_folder_is_created_on_first_write_private(
        fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "a" / "templates"
    fresh.setenv("PROCGEN_TEMPLATE_CACHE", str(folder))
    environment.cache_clear()
    environment()
    assert not folder.exists(), "building the environment writes nothing"
    environment().get_template("procedure.html.j2")
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
    assert pages(fresh, folder) == uncached
    assert compiled, "compiled from source"
    compiled.clear()
    assert pages(fresh, folder) == uncached
    assert compiled, "nothing was cached, so compiled from source again"
    assert blocker.read_text("utf-8") == "not a folder"


@pytest.mark.parametrize("value", ["off", ""])
def test_off_or_empty_turns_the_cache_off(
        fresh: pytest.MonkeyPatch, compiled: list[str], tmp_path: Path, value: str) -> None:
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fresh.setenv("HOME", str(tmp_path / "home"))
    fresh.setenv("PROCGEN_TEMPLATE_CACHE", value)
    environment.cache_clear()
    assert cache_folder() is None
    assert environment().bytecode_cache is None
    build(KITCHEN_SINK)
    assert compiled
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing written anywhere"


def test_the_folder_defaults_to_xdg_cache_home_then_home(
        fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fresh.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "procgen" / "templates"
    fresh.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache_folder() == tmp_path / "home" / ".cache" / "procgen" / "templates"
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "procgen" / "templates"
    fresh.setenv("PROCGEN_TEMPLATE_CACHE", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"


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
    pages(fresh, folder)
    files = sorted(folder.glob("*.cache"))
    assert files
    for path in files:
        path.write_bytes(CORRUPTIONS[corruption](path.read_bytes()))
    compiled.clear()
    assert pages(fresh, folder) == uncached
    assert len(compiled) == len(files), "every corrupt entry compiled from source"
    compiled.clear()
    assert pages(fresh, folder) == uncached
    assert compiled == [], "and rewritten"


def test_a_change_of_environment_settings_misses_the_cache(tmp_path: Path) -> None:
    """Bytecode depends on settings such as ``trim_blocks``, not only on the source."""
    env = environment()
    same = _bytecode_cache(tmp_path, env.overlay())
    other = _bytecode_cache(tmp_path, env.overlay(trim_blocks=False))
    assert same.get_source_checksum("x") == _bytecode_cache(tmp_path, env).get_source_checksum("x")
    assert other.get_source_checksum("x") != same.get_source_checksum("x")
