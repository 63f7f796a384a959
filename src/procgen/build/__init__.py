"""Build: compile a procedures folder into ``generated/``: deterministic, atomic, incremental.

* :mod:`procgen.build.inputs` hashes the input files and derives the cache keys (cheap; a
  no-op rebuild runs nothing else).
* :mod:`procgen.build.cache` keeps the last build's state and one entry per compiled file.
* :mod:`procgen.build.compile` validates and emits procedures, in worker processes for ``-j``.
* :mod:`procgen.build.pipeline` plans the build and compares it with the current output.
* :mod:`procgen.build.writer` is the only code that writes the output folder.

See ``docs/build.md`` for the guarantees and how they are kept.
"""

from __future__ import annotations

from procgen.build.pipeline import BuildResult, build, build_many, default_targets
from procgen.build.writer import OutputRefused

__all__ = ["BuildResult", "OutputRefused", "build", "build_many", "default_targets"]
