"""The guide's template (``guide.html.j2``) over a
:class:`~procgen.targets.guide.view.GuideView`, in the targets' shared strict environment
(:mod:`procgen.targets._jinja`: compiled templates kept in the build's cache, as the web
pages' are)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from procgen.targets.guide.view import GuideView


def render(view: GuideView, *, cache: Path | None = None, readonly: bool = False) -> str:
    """The guide page of ``view``."""
    from procgen.targets import _jinja

    env = _jinja.environment("procgen.targets.guide", cache, readonly)
    return env.get_template("guide.html.j2").render(page=view)
