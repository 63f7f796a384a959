"""The guide's Jinja2 environment: built once per process, strict, autoescaping everything.

One template (``guide.html.j2``) over a :class:`~procgen.targets.guide.view.GuideView`; it is
small, so it is compiled once per process and kept in memory (no bytecode cache on disk).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from procgen.targets.guide.view import GuideView


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("procgen.targets.guide", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render(view: GuideView) -> str:
    """The guide page of ``view``."""
    return environment().get_template("guide.html.j2").render(page=view)
