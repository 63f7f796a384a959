"""The reference implementation of ``generated/openapi/portal.yaml``.

Every operation of the generated spec, answering only the status codes the spec documents
(docs/targets/openapi.md, "Errors"), each error an RFC 9457 problem with per-field errors:

* ``GET /procedures`` and ``GET /procedures/<id>``: the listing and the public description,
  the OpenAPI target's own :func:`~procgen.targets.openapi.describe.describe`;
* ``POST /procedures/<id>/fee-quote``: :func:`procgen.quote.request.quote_request`, what
  ``procgen quote`` prints;
* ``POST /procedures/<id>/applications``: the body streamed (:mod:`procgen.serve.upload`),
  decoded by the encoding's one decoder, judged by :mod:`procgen.serve.decide`, stored
  (:mod:`procgen.serve.store`) and only then acknowledged (201);
* ``GET /applications/<id>``: its owner only (403 for anyone else, 401 for no one);
* drafts: ``POST /procedures/<id>/drafts``, and ``GET``/``PUT``/``DELETE
  /procedures/<id>/drafts/<token>``.

A request is authenticated by a bearer token (the portal's login; the server keeps only its
hash, as the application's owner) or, for a form this server served, by its session cookie
with the form's CSRF token (:mod:`procgen.serve.auth`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections import deque
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from procgen.serve import auth, pages
from procgen.serve.decide import FieldError, decide, pointer, problems
from procgen.serve.store import Application, Draft, Duplicate, Store, StoredFile
from procgen.serve.upload import Limits, TooLarge, receive
from procgen.targets.openapi.drafts import STEP_MAX
from procgen.targets.openapi.multipart import Unreadable, decode_application
from procgen.wording import say

if TYPE_CHECKING:
    from collections.abc import Mapping

    from procgen.model.ir import Document, Procedure
    from procgen.serve.site import Site

__all__ = ["Api", "Decided"]

JSON_LIMIT = 256 * 1024
"""The largest JSON body (answers for a quote, a draft)."""
DRAFT_DAYS = 30
APPLICATION_ID = re.compile(r"[A-Za-z0-9-]{6,64}")
"""The spec's ``application_id`` pattern (a fixed pattern: matched in linear time)."""
PROBLEM = "application/problem+json"
TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}
"""RFC 9110's names where Python's ``HTTPStatus`` still has the older ones (the same title on
every Python)."""


def title(status: int) -> str:
    return TITLES.get(status) or HTTPStatus(status).phrase


def instance(path: str) -> str:
    """A problem's ``instance``: the request's path as a URI reference (RFC 3986), a byte
    that may not stand in a path percent-encoded (``/api/applications/%C2%84``)."""
    from urllib.parse import quote

    return quote(path, safe="/:@!$&'()*+,;=~")


class Decided(Struct, frozen=True):
    """One submission as the author's preview shows it: what was sent, what was decided."""

    at: str
    procedure: str
    status: int
    answers: dict[str, Any]
    files: dict[str, str]
    """Document id → "name (type, size)"."""
    application_id: str | None
    errors: tuple[FieldError, ...]
    detail: str


class Api:
    """The operations, over a compiled :class:`Site`, a :class:`Store` and an uploads
    folder; :meth:`routes` mounts them under the spec's base path."""

    def __init__(self, site: Site, store: Store, uploads: Path, secret: bytes,
                 *, limits: Limits | None = None, today: str | None = None) -> None:
        self.site = site
        self.store = store
        self.uploads = uploads
        self.secret = secret
        self.limits = limits or Limits()
        self.fixed_today = today
        self.recent: deque[Decided] = deque(maxlen=50)

    # --- plumbing -------------------------------------------------------------------------

    def routes(self) -> list[Route]:
        p = "/procedures/{pid:str}"
        return [
            Route("/procedures", self.list_procedures, methods=["GET"]),
            Route(p, self.describe, methods=["GET"]),
            Route(p + "/fee-quote", self.fee_quote, methods=["POST"]),
            Route(p + "/applications", self.submit, methods=["POST"]),
            Route(p + "/drafts", self.new_draft, methods=["POST"]),
            Route(p + "/drafts/{token:str}", self.draft, methods=["GET", "PUT", "DELETE"]),
            Route("/applications/{application_id:str}", self.status, methods=["GET"]),
        ]

    def today(self) -> str:
        return self.fixed_today or dt.date.today().isoformat()

    def lang(self, request: Request, given: str | None = None) -> str:
        """The language to answer in: ``given`` (a form's page language), else the first of
        ``Accept-Language`` the project speaks, else its default."""
        settings = self.site.snapshot.portal.settings
        if given in settings.languages:
            return str(given)
        for item in request.headers.get("accept-language", "").split(","):
            tag = item.split(";")[0].strip().lower()[:2]
            if tag in settings.languages:
                return tag
        return settings.default_language

    def problem(self, request: Request, status: int, detail: str,
                errors: tuple[FieldError, ...] | list[FieldError] = (),
                headers: dict[str, str] | None = None) -> Response:
        body: dict[str, Any] = {"type": "about:blank", "title": title(status),
                                "status": status, "detail": detail,
                                "instance": instance(request.url.path)}
        if errors:
            body["errors"] = [_error_json(e) for e in errors]
        return JSONResponse(body, status, headers=headers, media_type=PROBLEM)

    def procedure(self, pid: str) -> Procedure | None:
        return self.site.snapshot.portal.procedure(pid)

    def not_found(self, request: Request, key: str = "serve_not_found") -> Response:
        return self.problem(request, 404, say(key, self.lang(request)))

    def unacceptable(self, request: Request) -> Response | None:
        """406 when ``Accept`` rules out JSON."""
        if auth.accepts(request.headers.get("accept"), "application/json"):
            return None
        return self.problem(request, 406, say("serve_not_acceptable", self.lang(request),
                                              offered="application/json"))

    async def json_body(self, request: Request) -> Any:
        """The JSON body, or the problem response that refuses it."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        lang = self.lang(request)
        if kind != "application/json" and not kind.endswith("+json"):
            return self.problem(request, 415, say("serve_unsupported", lang,
                                                  expected="application/json"))
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > JSON_LIMIT:
                return self.problem(request, 413, say("serve_too_large", lang,
                                                      reason=f"over {JSON_LIMIT} bytes"))
        try:
            return json.loads(bytes(body), parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            return self.problem(request, 400, say("serve_unreadable", lang,
                                                  reason=f"not JSON ({error})"[:200]))

    # --- the public description -----------------------------------------------------------

    async def list_procedures(self, request: Request) -> Response:
        if (refused := self.unacceptable(request)) is not None:
            return refused
        from procgen.targets.openapi.describe import summary

        portal = self.site.snapshot.portal
        return JSONResponse([summary(p, portal.settings.languages)
                             for p in portal.procedures])

    async def describe(self, request: Request) -> Response:
        procedure = self.procedure(request.path_params["pid"])
        if procedure is None:
            return self.not_found(request)
        if (refused := self.unacceptable(request)) is not None:
            return refused
        from procgen.model.local import local_facts
        from procgen.targets.openapi.describe import describe

        portal = self.site.snapshot.portal
        site = portal.locality(self.site.locality) if self.site.locality else None
        local = local_facts(procedure, portal.localities, site)
        return JSONResponse(describe(procedure, portal.settings.languages, local))

    # --- fee quote ------------------------------------------------------------------------

    async def fee_quote(self, request: Request) -> Response:
        from procgen.diagnostics import DiagnosticSink
        from procgen.quote.request import Refused, channel_of, locality_of, quote_request

        procedure = self.procedure(request.path_params["pid"])
        if procedure is None:
            return self.not_found(request)
        lang = self.lang(request)
        raw = await self.json_body(request)
        if isinstance(raw, Response):
            return raw
        if not isinstance(raw, dict):
            return self.problem(request, 422, say("serve_invalid_answers", lang, n=1), [
                FieldError("#", "answer-wrong-type", say("serve_answers_not_object", lang))])
        portal = self.site.snapshot.portal
        query = request.query_params
        if set(query) - {"channel", "locality"} or any(
                len(query.getlist(k)) > 1 or not query[k] for k in query):  # ?locality= too
            return self.problem(request, 400, say("serve_bad_query", lang,
                                                  reason=", ".join(sorted(query))))
        sink = DiagnosticSink()
        try:
            place = locality_of(portal, query.get("locality") or self.site.locality)
            quoted = quote_request(portal, procedure, raw,
                                   channel=channel_of(procedure, query.get("channel")),
                                   place=place, on=self.today(), lang=lang, partial=False,
                                   locate=pointer, sink=sink)
        except Refused as refused:
            return self.problem(request, 400, refused.said(lang))
        if quoted is None:
            errors = problems(procedure, sink, lang)
            return self.problem(request, 422, say("serve_invalid_answers", lang,
                                                  n=len(errors)), errors)
        return JSONResponse(quoted.as_json())

    # --- applications ---------------------------------------------------------------------

    async def submit(self, request: Request) -> Response:
        import anyio

        procedure = self.procedure(request.path_params["pid"])
        if procedure is None:
            return self.not_found(request)
        html = auth.wants_html(request)
        owner, csrf_ok = auth.owner(request, self.secret)
        lang = self.lang(request)
        kind = request.headers.get("content-type", "")
        if not kind.lower().startswith("multipart/form-data"):
            return self.problem(request, 415, say("serve_unsupported", lang,
                                                  expected="multipart/form-data"))
        if owner is None:
            return self.problem(request, 401, say("serve_unauthorized", lang),
                                headers={"WWW-Authenticate": 'Bearer realm="procgen"'})
        uploadable: dict[str, Document] = {d.id: d for d in procedure.uploadable_documents}
        limits: dict[str, int | None] = {k: d.max_bytes for k, d in uploadable.items()}
        try:
            received = await receive(request.stream(), kind, limits, self.uploads / "tmp",
                                     self.limits)
        except Unreadable as error:
            return self.refused(request, procedure, 400, {}, {},
                                say("serve_unreadable", lang, reason=str(error)), (), html,
                                lang)
        except TooLarge as error:
            errors: tuple[FieldError, ...] = ()
            if error.document is not None:
                big = uploadable[error.document]
                errors = (FieldError(f"#/{big.id}", "document-too-large",
                                     say("serve_document_too_large", lang,
                                         document=big.title.get(lang), mb=big.max_size_mb)),)
            return self.refused(request, procedure, 413, {}, {},
                                say("serve_too_large", lang, reason=str(error)), errors, html,
                                lang)
        try:
            reserved = {p.name: p for p in received.parts if p.name.startswith("_")}
            lang = self.lang(request, _text(reserved.get("_lang")))
            if not auth.bearer(request) and not csrf_ok(_text(reserved.get("_csrf"))):
                return self.problem(request, 401, say("serve_unauthorized", lang),
                                    headers={"WWW-Authenticate": 'Bearer realm="procgen"'})
            parts = [p for p in received.parts if not p.name.startswith("_")]
            try:
                answers = decode_application(procedure, parts).answers
            except Unreadable as error:
                return self.refused(request, procedure, 400, {}, {},
                                    say("serve_unreadable", lang, reason=str(error)), (), html,
                                    lang)
            files = {k: f"{u.filename or '—'} ({', '.join(u.media_types[:1]) or '?'}, "
                        f"{u.size} B)" for k, u in received.files.items()}
            today = self.today()
            decision = decide(procedure, answers, received.files, received.unknown,
                              today=today, lang=lang)
            if not decision.accepted:
                return self.refused(request, procedure, 422, answers, files,
                                    say("serve_invalid_application", lang,
                                        n=len(decision.errors)), decision.errors, html, lang)
            kept = []
            for doc_id, upload in received.files.items():
                doc = uploadable.get(doc_id)
                if doc is not None and doc.needed_with(decision.answers, today=today) is not None:
                    await anyio.to_thread.run_sync(upload.keep, self.uploads)
                    kept.append(StoredFile(doc_id, upload.sha256, upload.size,
                                           _chosen_type(upload.media_types, doc.accept),
                                           upload.filename))
            application = await self._store(procedure, owner, answers, tuple(kept), lang,
                                            decision.answers)
        finally:
            received.discard()
        self.recent.appendleft(Decided(application.submitted_at, procedure.id, 201, answers,
                                       files, application.id, (), ""))
        location = f"{self.base(request)}/applications/{application.id}"
        if html:
            return pages.received(application, lang, self.site.snapshot.portal.settings,
                                  location)
        return JSONResponse(status_json(application), 201, headers={"Location": location})

    def base(self, request: Request) -> str:
        """The API's base path as mounted (``/api``): Starlette's ``Mount`` sets it."""
        return str(request.scope.get("root_path", ""))

    async def _store(self, procedure: Procedure, owner: str, answers: dict[str, Any],
                     files: tuple[StoredFile, ...], lang: str,
                     effective: Mapping[str, Any]) -> Application:
        import anyio

        now = _now()
        channel = procedure.channel(procedure.default_channel)
        due = (channel.time_for(effective, now[:10]).due_on(now[:10])
               if channel is not None else None)  # the time for these answers
        from procgen.model.local import answered_locality

        for _ in range(5):  # a drawn id already taken: draw again
            application = Application(
                f"HS-{now[:4]}-{secrets.token_hex(8).upper()}", procedure.id,
                procedure.revision, owner, "received", answers,
                answered_locality(procedure, answers) or self.site.locality, lang, now, now,
                due, files)
            try:
                await anyio.to_thread.run_sync(self.store.add_application, application)
            except Duplicate:
                continue
            return application
        raise RuntimeError("five application ids drawn were all taken")

    def refused(self, request: Request, procedure: Procedure, status: int,
                answers: dict[str, Any], files: dict[str, str], detail: str,
                errors: tuple[FieldError, ...] | list[FieldError], html: bool,
                lang: str) -> Response:
        self.recent.appendleft(Decided(_now(), procedure.id, status, answers, files, None,
                                       tuple(errors), detail))
        if html:
            return pages.refused(procedure, status, detail, tuple(errors), lang,
                                 request.headers.get("referer"))
        return self.problem(request, status, detail, errors)

    async def status(self, request: Request) -> Response:
        import anyio

        lang = self.lang(request)
        owner, _ = auth.owner(request, self.secret)
        if owner is None:
            return self.problem(request, 401, say("serve_unauthorized", lang),
                                headers={"WWW-Authenticate": 'Bearer realm="procgen"'})
        application_id = request.path_params["application_id"]
        if not APPLICATION_ID.fullmatch(application_id):
            return self.not_found(request)
        application = await anyio.to_thread.run_sync(self.store.application, application_id)
        if application is None:
            return self.not_found(request)
        if not secrets.compare_digest(application.owner, owner):
            return self.problem(request, 403, say("serve_forbidden", lang))
        if (refused := self.unacceptable(request)) is not None:
            return refused
        return JSONResponse(status_json(application))

    # --- drafts ---------------------------------------------------------------------------

    async def new_draft(self, request: Request) -> Response:
        procedure = self.procedure(request.path_params["pid"])
        if procedure is None:
            return self.not_found(request)
        token = secrets.token_urlsafe(32)
        return await self._save_draft(request, procedure.id, token, create=True)

    async def draft(self, request: Request) -> Response:
        """A procedure's draft: resume, save again, delete. A token of no live draft of that
        procedure is 404 (another procedure's draft is not found here)."""
        import anyio

        token = request.path_params["token"]
        pid = request.path_params["pid"]
        if not auth.is_token(token) or self.procedure(pid) is None:
            return self.not_found(request, "serve_draft_not_found")
        stored = await anyio.to_thread.run_sync(self.store.draft, auth.digest(token), _now())
        if stored is None or stored.procedure != pid:
            return self.not_found(request, "serve_draft_not_found")
        if request.method == "PUT":
            return await self._save_draft(request, pid, token, create=False)
        if request.method == "DELETE":
            gone = await anyio.to_thread.run_sync(self.store.delete_draft, auth.digest(token),
                                                  _now())
            return Response(status_code=204) if gone else self.not_found(
                request, "serve_draft_not_found")
        if (refused := self.unacceptable(request)) is not None:
            return refused
        return JSONResponse(draft_json(stored, token))

    async def _save_draft(self, request: Request, pid: str, token: str, *,
                          create: bool) -> Response:
        import anyio

        lang = self.lang(request)
        body = await self.json_body(request)
        if isinstance(body, Response):
            return body
        procedure = self.procedure(pid)
        if procedure is None:  # the procedure left the project since the draft was saved
            return self.not_found(request, "serve_draft_not_found")
        errors = _draft_problems(procedure, body, lang)
        if errors:
            return self.problem(request, 422, say("serve_invalid_answers", lang,
                                                  n=len(errors)), errors)
        answers = dict(body["answers"])
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        draft = Draft(auth.digest(token), procedure.id, procedure.revision, answers,
                      body.get("step"), _iso(now), _iso(now + dt.timedelta(days=DRAFT_DAYS)))
        saved = await anyio.to_thread.run_sync(
            lambda: self.store.put_draft(draft, create=create))
        if not saved:
            return self.not_found(request, "serve_draft_not_found")
        if create:
            return JSONResponse(draft_json(draft, token), 201,
                                headers={"Location": f"{self.base(request)}/procedures/"
                                                     f"{procedure.id}/drafts/{token}"})
        return JSONResponse(draft_json(draft, token))


def _draft_problems(procedure: Procedure, body: Any, lang: str) -> list[FieldError]:
    """What is wrong with a draft's body: its shape, and its answers held to what a draft
    must fit (:func:`procgen.quote.check_draft`: the questions' types and options)."""
    from procgen.diagnostics import DiagnosticSink
    from procgen.quote import check_draft

    if not isinstance(body, dict):
        return [FieldError("#", "answer-wrong-type", say("serve_draft_not_object", lang))]
    out = [FieldError(f"#/{k}", "answer-unknown-field", say("serve_draft_unknown_key", lang,
                                                             name=k))
           for k in body if k not in ("answers", "step")]
    step = body.get("step")
    if step is not None and not (isinstance(step, str) and len(step) <= STEP_MAX):
        out.append(FieldError("#/step", "answer-wrong-type", say("serve_draft_bad_step", lang)))
    answers = body.get("answers")
    if not isinstance(answers, dict):
        out.append(FieldError("#/answers", "answer-wrong-type",
                              say("serve_draft_not_object", lang)))
        return out
    sink = DiagnosticSink()
    check_draft(procedure, answers, lang=lang, locate=lambda path: pointer(("answers", *path)),
                sink=sink)
    return out + problems(procedure, sink, lang)


def status_json(a: Application) -> dict[str, Any]:
    """An application as the spec's ``ApplicationStatus``."""
    return {"application_id": a.id, "procedure": a.procedure, "revision": a.revision,
            "status": a.status, "current_step": None, "submitted_at": a.submitted_at,
            "updated_at": a.updated_at, "due_on": a.due_on, "message": None}


def draft_json(d: Draft, token: str) -> dict[str, Any]:
    return {"token": token, "procedure": d.procedure, "revision": d.revision,
            "answers": d.answers, "step": d.step, "saved_at": d.saved_at,
            "expires_at": d.expires_at}


def _error_json(e: FieldError) -> dict[str, Any]:
    out = {"pointer": e.pointer, "code": e.code, "detail": e.detail}
    if e.rule is not None:
        out["rule"] = e.rule
    return out


def _chosen_type(found: tuple[str, ...], accept: tuple[str, ...]) -> str:
    """The type a file is stored as: the first sniffed type the document accepts."""
    return next((t for t in found if t in accept), found[0] if found else
                "application/octet-stream")


def _text(part: Any) -> str | None:
    if part is None:
        return None
    try:
        return str(part.data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _now() -> str:
    return _iso(dt.datetime.now(dt.UTC).replace(microsecond=0))


def _iso(t: dt.datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")
