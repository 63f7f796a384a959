"""The targets' Jinja2 environments (the web pages, the printed guides): built once per
package, strict, autoescaping everything, the same settings for both.

Compiled templates are kept in a bytecode cache in the folder the build hands every target
(:attr:`procgen.targets.EmitContext.cache`: ``.procgen-cache/templates``, ``docs/build.md``),
so a new process loads them instead of compiling them again. Without that folder (tests, a
caller of ``emit_procedure``) nothing is kept: rendering writes nothing anywhere.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    import jinja2
    from jinja2.bccache import Bucket

# Environment settings that shape the compiled code (lexer, code generator). Their values are
# part of every cache checksum, so changing one never picks up bytecode compiled under the old
# value. (A callable value's repr differs per process: that would make every load a miss.)
COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "autoescape", "finalize", "optimized", "is_async",
)


def bytecode_cache(
    folder: Path, env: jinja2.Environment, *, writable: bool = True
) -> jinja2.BytecodeCache:
    """A :class:`jinja2.FileSystemBytecodeCache` in ``folder`` that never fails a build, and
    only reads when not ``writable`` (``build --check`` writes nothing).

    Staleness is Jinja's job: an entry is keyed by the template's name and file, and holds a
    checksum of its source and ``bc_magic``, which covers the Python version; on a mismatch
    Jinja compiles from source and rewrites the entry. The checksum here also covers the Jinja
    version and ``env``'s :data:`COMPILE_SETTINGS` and extensions. What Jinja 3.1.6 does not
    absorb itself is wrapped below. On load: ``open`` errors other than missing, directory or
    permission (say ``NotADirectoryError``), read errors, and corrupt content (its
    ``pickle.load`` of the checksum is unguarded). On dump: any ``OSError`` (it writes a
    temporary file in the folder, then renames it into place). Each falls back to compiling
    from source, silently.
    """
    from hashlib import sha1
    from types import CodeType

    import jinja2

    settings = [(name, getattr(env, name)) for name in COMPILE_SETTINGS]
    salt = repr((jinja2.__version__, settings, sorted(env.extensions))) + "\n"

    class Cache(jinja2.FileSystemBytecodeCache):
        writable = True
        folder_made = False

        def get_source_checksum(self, source: str) -> str:
            return sha1((salt + source).encode("utf-8")).hexdigest()

        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or corrupt: compile from source
                bucket.reset()
            if not isinstance(bucket.code, CodeType):
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            if not self.writable:
                return
            try:
                if not self.folder_made:  # created on the first write only, private
                    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                    self.folder_made = True
                super().dump_bytecode(bucket)
            except OSError:  # read-only home, full disk...: keep building, stop trying
                self.writable = False

    cache = Cache(str(folder))
    cache.writable = writable
    return cache


@lru_cache(maxsize=8)
def environment(package: str, cache: Path | None = None, readonly: bool = False,
                filters: tuple[tuple[str, Any], ...] = ()) -> jinja2.Environment:
    """The environment of ``package``'s ``templates`` folder with ``filters``, keeping
    compiled templates in ``cache`` (None: nowhere); with ``readonly`` (``build --check``),
    the cache is read but never written."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package files do not change under a build: no stat per page
    )
    env.filters.update(filters)
    if cache is not None:  # read by the loader on each get_template, so set before any
        env.bytecode_cache = bytecode_cache(cache, env, writable=not readonly)
    return env
