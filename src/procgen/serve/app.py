"""The ASGI application: the API mounted at the spec's base path, the preview beside it, and
what every response carries (security headers, the pages' CSP, a time limit, problem details
for every error the router itself answers: 404, 405, 500).

Starlette and uvicorn: a small, well-kept ASGI stack (Starlette's routing and responses,
uvicorn's HTTP/1.1 server, its h11/httptools parsers) whose parts each have one job, with no
framework-level validation to duplicate the model's: the rules are procgen's own.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from msgspec import Struct
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from procgen.serve.api import PROBLEM, Api, instance, title
from procgen.serve.preview import Events, Preview
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.serve.site import Site
    from procgen.serve.store import Store
    from procgen.serve.upload import Limits

__all__ = ["Options", "create_app"]

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
"""The forms' own policy (``procgen.targets.web.view.csp`` for a same-origin API), sent as a
header too, with ``frame-ancestors`` (which a ``<meta>`` policy cannot carry)."""
API_CSP = "default-src 'none'; frame-ancestors 'none'"


class Options(Struct, frozen=True):
    preview: bool = True
    """Serve the author's preview (False: ``--api``, a locality's back end)."""
    watch: bool = False
    time_limit: float = 30.0
    """Seconds a request may take before it is answered 503."""
    today: str | None = None
    """A fixed day for the rules (tests); None: the real today."""


def api_path(base_url: str) -> str:
    """Where the API is mounted: the path of ``api_base_url`` (``/api``).

    >>> api_path("/api"), api_path("https://api.example.gov.vn/v1/"), api_path("/")
    ('/api', '/v1', '')
    """
    return urlsplit(base_url).path.rstrip("/")


def create_app(site: Site, store: Store, uploads: Path, options: Options,
               *, limits: Limits | None = None, secret: bytes | None = None,
               events: Events | None = None,
               lifespan: Any = None) -> Starlette:
    """The server over a compiled ``site``, ``store`` and ``uploads`` folder."""
    api = Api(site, store, uploads, secret or secrets.token_bytes(32), limits=limits,
              today=options.today)
    base = api_path(site.snapshot.portal.settings.api_base_url)
    routes: list[BaseRoute] = [Mount(base, routes=api.routes())] if base else list(
        api.routes())
    preview = None
    if options.preview:
        preview = Preview(site, api, events or Events(), watch=options.watch)
        routes += preview.routes()

    def problem(request: Request, status: int, headers: dict[str, str] | None = None
                ) -> Response:
        lang = api.lang(request)
        key = {404: "serve_not_found", 500: "serve_server_error"}.get(status)
        detail = say(key, lang) if key else title(status)
        return JSONResponse({"type": "about:blank", "title": title(status),
                             "status": status, "detail": detail,
                             "instance": instance(request.url.path)}, status, headers=headers,
                            media_type=PROBLEM)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return problem(request, exc.status_code, dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        return problem(request, 500)

    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.api = api
    app.state.preview = preview
    app.add_middleware(Guard, time_limit=options.time_limit,
                       lang=site.snapshot.portal.settings.default_language)
    return app


class Guard:
    """Security headers on every response, and the time limit: a request that takes longer
    than ``time_limit`` seconds is answered 503 with ``Retry-After`` (the event stream and
    a response already under way are left alone)."""

    def __init__(self, app: ASGIApp, time_limit: float, lang: str) -> None:
        self.app = app
        self.time_limit = time_limit
        self.lang = lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        import anyio

        started = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = message.setdefault("headers", [])
                kind = next((v for k, v in headers if k == b"content-type"), b"")
                _secure(headers, html=kind.startswith(b"text/html"))
            await send(message)

        if scope["path"] == "/_preview/events":
            await self.app(scope, receive, guarded)
            return
        with anyio.move_on_after(self.time_limit) as scoped:
            await self.app(scope, receive, guarded)
        if scoped.cancelled_caught and not started:
            body = json.dumps({"type": "about:blank", "title": "Service Unavailable",
                               "status": 503, "detail": say("serve_timeout", self.lang),
                               "instance": instance(scope["path"])}).encode()
            await guarded({"type": "http.response.start", "status": 503,
                           "headers": [(b"content-type", PROBLEM.encode()),
                                       (b"retry-after", b"5"),
                                       (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def _secure(headers: list[tuple[bytes, bytes]], *, html: bool) -> None:
    present = {k.lower() for k, _ in headers}
    for name, value in (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        (b"content-security-policy", (PAGE_CSP if html else API_CSP).encode()),
        (b"cache-control", b"no-store"),
    ):
        if name not in present:
            headers.append((name, value))

