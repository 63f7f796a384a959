"""The server's own HTML pages: the receipt and refusal a form posted without JavaScript gets,
and the author's preview (the index, a broken file's diagnostics, the submissions view).

Rendered by Jinja with autoescaping on (every text from a procedure or a request is escaped),
worded by the catalogue in the page's language, styled by the forms' own stylesheet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.responses import HTMLResponse

from procgen.wording import say

if TYPE_CHECKING:
    from jinja2 import Environment

    from procgen.diagnostics import Diagnostic
    from procgen.model.ir import Procedure, Settings
    from procgen.serve.api import Decided
    from procgen.serve.decide import FieldError
    from procgen.serve.site import Snapshot
    from procgen.serve.store import Application

__all__ = ["broken", "index", "received", "refused", "submissions"]


@lru_cache(maxsize=1)
def _env() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                       autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True)


def render(template: str, lang: str, status: int = 200, **values: Any) -> HTMLResponse:
    def said(key: str, **params: object) -> str:
        return say(key, lang, **params)

    html = _env().get_template(template).render(lang=lang, say=said, **values)
    return HTMLResponse(html, status)


def received(application: Application, lang: str, settings: Settings,
             location: str) -> HTMLResponse:
    del settings  # the page names the portal by its title alone
    return render("received.html.j2", lang, 201, title=say("serve_received_title", lang),
                  application=application, location=location, reload=None)


def refused(procedure: Procedure, status: int, detail: str, errors: tuple[FieldError, ...],
            lang: str, back: str | None) -> HTMLResponse:
    labels = {f"#/{f.id}": f.label.get(lang) for f in procedure.fields}
    labels.update({f"#/{d.id}": d.title.get(lang) for d in procedure.uploadable_documents})
    safe_back = back if back and back.startswith(("http://", "https://", "/")) else None
    return render("refused.html.j2", lang, status, title=say("serve_refused_title", lang),
                  detail=detail, errors=errors, labels=labels, back=safe_back, reload=None)


def _diagnostics(items: Iterable[Diagnostic], lang: str) -> list[dict[str, Any]]:
    out = []
    for d in sorted(items, key=lambda d: d.sort_key()):
        s = d.span
        out.append({"location": f"{s.file}:{s.line}:{s.col}" if s else "", "code": d.code,
                    "message": d.text(lang), "hint": d.help(lang)})
    return out


def index(snapshot: Snapshot, lang: str, root: str, chosen: str | None,
          sites: bool) -> HTMLResponse:
    settings = snapshot.portal.settings
    prefix = f"/sites/{chosen}" if chosen else ""
    procedures = [{"id": p.id, "title": p.title.get(lang),
                   "links": [(other, f"{prefix}/web/{other}/{p.id}.html")
                             for other in settings.languages]}
                  for p in snapshot.portal.procedures]
    broken = [(file, _diagnostics(items, lang)) for file, items in snapshot.broken.items()]
    localities = [(x.id, x.name.get(lang)) for x in snapshot.portal.localities] if sites else []
    return render("index.html.j2", lang, title=say("serve_index_title", lang),
                  procedures=procedures, broken=broken, root=root, localities=localities,
                  chosen=chosen, reload="*")


def broken(items: Iterable[Diagnostic], lang: str, pid: str) -> HTMLResponse:
    """What stands in for a form whose file does not compile: its located diagnostics; the
    page reloads itself when the file is fixed."""
    return render("broken.html.j2", lang, title=say("serve_broken_title", lang),
                  items=_diagnostics(items, lang), reload=pid)


def submissions(recent: Iterable[Decided], lang: str) -> HTMLResponse:
    shown = [{"at": r.at, "procedure": r.procedure, "status": r.status,
              "application_id": r.application_id, "errors": r.errors, "detail": r.detail,
              "answers_json": json.dumps(r.answers, ensure_ascii=False, indent=2,
                                         sort_keys=True),
              "files": sorted(r.files.items())} for r in recent]
    return render("submissions.html.j2", lang, title=say("serve_submissions_title", lang),
                  recent=shown, reload="*")
