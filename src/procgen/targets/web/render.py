"""The web target's Jinja2 environment: built once, strict, autoescaping everything."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("procgen.targets.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
