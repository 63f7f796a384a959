"""The author's preview: the index, the forms as the build would write them, reloaded when a
file is saved, and what each test submission sent and got.

A form page is the web target's bytes (:class:`procgen.serve.site.Site`), with three things
added for this server only: the session cookie and the form's hidden ``_csrf`` and ``_lang``
parts (:mod:`procgen.serve.auth`), and, with ``--watch``, ``/_preview/reload.js`` (allowed by
the page's own CSP, ``script-src 'self'``), which listens to ``/_preview/events`` (server-sent
events) and reloads the page when its procedure is recompiled. A form whose file no longer
compiles is replaced by its located diagnostics, and comes back when the file is fixed.

``/sites/<locality>/web/…`` serves a locality's own site (``procgen build --locality``), each
compiled on first use.
"""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from procgen.serve import auth, pages

if TYPE_CHECKING:
    from procgen.serve.api import Api
    from procgen.serve.site import Site

__all__ = ["Events", "Preview"]

ASSETS = Path(__file__).parent / "assets"
FORM_TAG = b'<form id="procgen-form"'


class Events:
    """Who listens for reloads: one queue per open page."""

    def __init__(self) -> None:
        self.listeners: set[asyncio.Queue[str]] = set()

    def publish(self, changed: set[str]) -> None:
        message = " ".join(sorted(changed)) or "*"
        for q in self.listeners:
            q.put_nowait(message)

    async def stream(self, request: Request) -> AsyncIterator[bytes]:
        q: asyncio.Queue[str] = asyncio.Queue()
        self.listeners.add(q)
        try:
            yield b"retry: 500\n\n"
            while not await request.is_disconnected():
                with contextlib.suppress(TimeoutError):
                    message = await asyncio.wait_for(q.get(), 15)
                    yield f"event: reload\ndata: {message}\n\n".encode()
                    continue
                yield b": keep-alive\n\n"
        finally:
            self.listeners.discard(q)


class Preview:
    """The preview's routes over the national :class:`Site` (and locality sites)."""

    def __init__(self, site: Site, api: Api, events: Events, *, watch: bool) -> None:
        self.site = site
        self.api = api
        self.events = events
        self.watch = watch
        self.sites: dict[str, Site] = {}

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index, methods=["GET"]),
            Route("/web/{path:path}", self.web, methods=["GET"]),
            Route("/sites/{locality:str}/web/{path:path}", self.locality_web, methods=["GET"]),
            Route("/_preview/submissions", self.submissions, methods=["GET"]),
            Route("/_preview/events", self.stream, methods=["GET"]),
            Route("/_preview/{name:str}", self.asset, methods=["GET"]),
        ]

    async def index(self, request: Request) -> Response:
        chosen = request.query_params.get("locality") or None
        snapshot = self.site.snapshot
        if chosen is not None and snapshot.portal.locality(chosen) is None:
            chosen = None
        return pages.index(snapshot, self.api.lang(request), str(self.site.root), chosen,
                           sites=self.site.locality is None)

    async def submissions(self, request: Request) -> Response:
        return pages.submissions(list(self.api.recent), self.api.lang(request))

    async def stream(self, request: Request) -> Response:
        return StreamingResponse(self.events.stream(request), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("reload.js", "preview.css"):
            return self.api.not_found(request)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response((ASSETS / name).read_bytes(), media_type=f"{kind}; charset=utf-8")

    async def web(self, request: Request) -> Response:
        return self.serve_file(request, self.site, request.path_params["path"])

    async def locality_web(self, request: Request) -> Response:
        import anyio

        slug = request.path_params["locality"]
        if self.site.snapshot.portal.locality(slug) is None or self.site.locality is not None:
            return self.api.not_found(request)
        if slug not in self.sites:
            from procgen.serve.site import Site

            self.sites[slug] = await anyio.to_thread.run_sync(
                lambda: Site(self.site.root, locality=slug))
        return self.serve_file(request, self.sites[slug], request.path_params["path"])

    def serve_file(self, request: Request, site: Site, path: str) -> Response:
        snapshot = site.snapshot
        key = f"web/{path}"
        parts = path.split("/")
        if len(parts) == 2 and parts[1].endswith(".html"):
            pid = parts[1].removesuffix(".html")
            unit = snapshot.unit_of(pid)
            if unit is not None and unit.procedure is None:
                lang = parts[0] if parts[0] in snapshot.portal.settings.languages else (
                    self.api.lang(request))
                return pages.broken(unit.diagnostics, lang, pid)
            data = snapshot.files.get(key)
            if data is None:
                return self.api.not_found(request)
            return self.form_page(request, data, parts[0], pid)
        data = snapshot.files.get(key)
        if data is None:
            return self.api.not_found(request)
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        return Response(data, media_type=kind)

    def form_page(self, request: Request, data: bytes, lang: str, pid: str) -> Response:
        from markupsafe import escape

        sid = auth.session(request)
        fresh = sid is None
        if sid is None:
            sid = auth.new_session()
        hidden = (f'<input type="hidden" name="_csrf" value="'
                  f'{escape(auth.csrf_token(self.api.secret, sid))}">'
                  f'<input type="hidden" name="_lang" value="{escape(lang)}">').encode()
        start = data.find(FORM_TAG)
        if start >= 0:
            end = data.index(b">", start) + 1
            data = data[:end] + hidden + data[end:]
        if self.watch:
            script = (f'<script src="/_preview/reload.js" defer data-watch="{escape(pid)}">'
                      "</script>").encode()
            data = data.replace(b"</head>", script + b"</head>", 1)
        response = Response(data, media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-store"})
        if fresh:
            response.set_cookie(auth.SESSION, sid, httponly=True, samesite="strict", path="/")
        return response
