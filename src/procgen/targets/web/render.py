"""The web target's templates: the shared strict environment (:mod:`procgen.targets._jinja`,
compiled templates kept in the build's cache) with the web's own filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    import jinja2


def _json_script(data: Any) -> Any:
    """Data for ``<script type="application/json">``: JSON with ``<``/``>``/``&`` escaped.

    Marked safe because :func:`~procgen.targets.web.rules.script_json` has already made it
    unable to leave the script element; HTML entity escaping would corrupt the JSON.
    """
    from markupsafe import Markup

    from procgen.targets.web.rules import script_json

    return Markup(script_json(data))


def _fmt(template: str, **values: Any) -> str:
    """``{{ ui.step_of|fmt(n=1, total=3) }}``: fill a wording template (result is escaped)."""
    return template.format(**values)


FILTERS: dict[str, Any] = {"json_script": _json_script, "fmt": _fmt}


def environment(cache: Path | None = None, readonly: bool = False) -> jinja2.Environment:
    """The web templates' environment (:func:`procgen.targets._jinja.environment`, built once
    per cache folder) with the web's filters."""
    from procgen.targets import _jinja

    return _jinja.environment("procgen.targets.web", cache, readonly, tuple(FILTERS.items()))


def render(template: str, *, cache: Path | None = None, readonly: bool = False,
           **context: Any) -> str:
    """``template`` rendered with ``context`` (see :func:`environment` for the cache)."""
    return environment(cache, readonly).get_template(template).render(**context)
