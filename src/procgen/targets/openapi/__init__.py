"""OpenAPI target: one OpenAPI 3.1 spec per procedure and one for the whole portal.

``openapi/<id>.yaml`` describes ``GET /procedures/<id>`` (the public description),
``POST /procedures/<id>/applications`` (``multipart/form-data``: answers and files),
``POST /procedures/<id>/fee-quote`` (JSON answers → the quote of ``procgen quote``) and
``POST /procedures/<id>/drafts`` and ``GET``/``PUT``/``DELETE /procedures/<id>/drafts/{token}``
(answers saved to continue later, :mod:`.drafts`), and the operation every document shares:
``GET /applications/{application_id}`` (status). ``openapi/portal.yaml`` adds
``GET /procedures`` and holds every procedure's operations, whose request bodies and
responses refer to that procedure's named components
(``$ref: <id>.yaml#/components/requestBodies/<Id>Application``). Errors are RFC 9457
problem details. How a locality's backend implements the contract, ``x-procgen-rules`` and
``x-procgen-i18n`` included, is in ``docs/targets/openapi.md``.

Titles and descriptions are in the project's default language; other languages are under
``x-procgen-i18n`` (``{lang: {title, description}}``). The YAML is deterministic: dicts are
built in a fixed order and dumped with ``sort_keys=False``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from procgen.targets import OpenApiPart, ProcedureSummary
from procgen.targets.openapi.drafts import Drafts
from procgen.targets.openapi.procedure import ProcedureSpec, i18n, md, tag
from procgen.targets.openapi.shared import (
    REF,
    Texts,
    problem_responses,
    ref,
    responses,
    shared_schemas,
    words,
)
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.diagnostics import Diagnostic, DiagnosticSink
    from procgen.model.ir import Procedure, Settings
    from procgen.model.local import LocalFacts
    from procgen.targets import EmitContext, Files, PortalInput

OPENAPI_VERSION = "3.1.0"
FOLDER = PurePosixPath("openapi")


class OpenApiTarget:
    """The ``openapi`` target (see the module docstring)."""

    name = "openapi"

    def __init__(self) -> None:
        self._last: _Built | None = None
        """What :meth:`emit_procedure` built last, which :meth:`portal_part` of the same
        procedure in the same context reads instead of building it again."""
        self._base: _Base | None = None
        """The procedure whose locality sites are being emitted, as they all share it."""

    def emit_procedure(self, procedure: Procedure, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        if ctx.site is not None and (self._base is None
                                     or not self._base.made_for(procedure, ctx)):
            self._base = _Base.of(procedure, ctx)  # the first of its locality sites
        built = self._last = _Built.of(procedure, ctx, sink,
                                       self._base if ctx.site is not None else None)
        doc = _document(
            ctx.settings,
            built.paths,
            built.components,
            [built.spec.tag()],
            title=procedure.title,
            summary=procedure.summary,
            version=str(procedure.revision),
            contact=procedure.agency,
            local=built.spec.local_table,
        )
        _drop_unused_components(doc)  # FormBoolean, when no question is a yes/no one
        return {FOLDER / f"{procedure.id}.yaml": dump(doc)}

    def portal_part(self, procedure: Procedure, ctx: EmitContext) -> OpenApiPart:
        """The procedure's slice of ``portal.yaml``: its entry in the listing, its tag, and its
        operations, whose request bodies and responses refer to the named components of
        ``<id>.yaml`` (:func:`_by_reference`)."""
        from procgen.diagnostics import DiagnosticSink as Sink
        from procgen.targets.openapi.describe import summary

        settings, p = ctx.settings, procedure
        built = self._last
        if built is None or not built.made_for(p, ctx):
            # the procedure's warnings are reported once, by emit_procedure
            built = _Built.of(p, ctx, Sink())
        file = f"{p.id}.yaml"
        own = {("requestBodies", n) for n in built.components["requestBodies"]} | {
            ("responses", n) for n in built.components["responses"]}
        return OpenApiPart(
            stamp=f"{p.id}@{p.revision}",
            summary=msgspec.convert(summary(p, settings.languages), ProcedureSummary),
            tag=tag(p, settings.languages, settings.default_language),
            paths={path: _by_reference(file, own, item) for path, item in built.paths.items()},
            **_bundle_fragments(built.components),
        )

    def emit_portal(self, portal: PortalInput, ctx: EmitContext, sink: DiagnosticSink) -> Files:
        """``portal.yaml``: ``GET /procedures`` plus every procedure's operations, whose
        request bodies and responses are references to the named components of ``<id>.yaml``
        (see :func:`_by_reference`), so the portal does not repeat any procedure's schemas or
        examples and stays small however many procedures there are; and
        ``portal.bundled.yaml``, the same API in one self-contained file (every procedure's
        components in it), for the tools that do not follow references into other files
        (openapi-python-client)."""
        from procgen.model.ir import Text

        settings = ctx.settings
        lang = settings.default_language
        title = settings.portal_name or Text(
            tuple((other, say("portal", other)) for other in settings.languages), lang)
        texts = Texts(settings.languages, lang)
        parts = tuple(part for part in portal.parts if isinstance(part, OpenApiPart))
        stamp = ",".join(part.stamp for part in parts)
        version = "portal-" + hashlib.sha256(stamp.encode()).hexdigest()[:12]
        paths: dict[str, Any] = {"/procedures": {"get": _listing(parts, texts)}}
        for part in parts:
            paths.update(part.paths)
        tags = [
            {"name": "procedures", **texts.said(description=words("openapi_procedures_tag"))},
            *(part.tag for part in parts),
        ]

        def document(paths: dict[str, Any], own: dict[str, dict[str, Any]],
                     keep: set[tuple[str, str]], fill: dict[str, bytes]) -> bytes:
            doc = _document(
                settings,
                paths,
                {**own, "schemas": {"ProcedureSummary": _summary_schema(),
                                    **own.get("schemas", {})}},
                tags,
                title=title,
                summary=None,
                version=version,
                contact=settings.portal_name,
            )
            _drop_unused_components(doc, keep)
            text = dump(doc)
            for marker, lines in fill.items():  # each procedure's components, as written
                text = text.replace(f"    {marker}: null\n".encode(), lines, 1)
            return text

        bundled: dict[str, Any] = {"/procedures": paths["/procedures"]}
        for part in parts:
            bundled.update(_local(part.paths))
        own: dict[str, dict[str, Any]] = {}
        fill: dict[str, bytes] = {}
        for kind in ("schemas", "requestBodies", "responses"):
            lines = b"".join(part.components[kind].encode() for part in parts
                             if kind in part.components)
            marker = f"procgen-bundle-{kind}"  # where the pre-written lines go
            own[kind] = {marker: None} if lines else {}
            if lines:
                fill[marker] = lines
        keep = {(kind, marker) for kind, named in own.items() for marker in named}
        keep.update(ref for part in parts for ref in part.uses)
        return {
            FOLDER / "portal.yaml": document(paths, {}, set(), {}),
            FOLDER / "portal.bundled.yaml": document(bundled, own, keep, fill),
        }


class _Built(NamedTuple):
    """One procedure's paths and components in one context (its locality facts), as both
    its own file and its slice of the portal use them. Nothing downstream changes them:
    :func:`_document`, :func:`_by_reference` and :func:`_drop_unused_components` build new
    dicts around them."""

    procedure: Procedure
    settings: Settings
    local: LocalFacts
    spec: ProcedureSpec
    paths: dict[str, Any]
    components: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, procedure: Procedure, ctx: EmitContext, sink: DiagnosticSink,
           base: _Base | None = None) -> _Built:
        """Built in ``ctx``; from ``base``, when it is this procedure's, what does not depend
        on the locality is not built again (its warnings are told to ``sink`` again)."""
        local = ctx.local(procedure)
        if base is not None and base.made_for(procedure, ctx):
            sink.extend(base.said)
            spec = base.spec.located(local, sink)
        else:
            spec = ProcedureSpec(procedure, ctx.settings, sink, local)
        return cls(procedure, ctx.settings, local, spec, spec.paths(), {
            "schemas": spec.components(),
            "requestBodies": spec.request_bodies(),
            "responses": spec.responses(),
        })

    def made_for(self, procedure: Procedure, ctx: EmitContext) -> bool:
        return (self.procedure is procedure and self.settings is ctx.settings
                and self.local == ctx.local(procedure))


class _Base(NamedTuple):
    """A procedure's spec as every locality site shares it (:meth:`.ProcedureSpec.located`),
    with the warnings building it told."""

    procedure: Procedure
    settings: Settings
    spec: ProcedureSpec
    said: tuple[Diagnostic, ...]

    @classmethod
    def of(cls, procedure: Procedure, ctx: EmitContext) -> _Base:
        from procgen.diagnostics import DiagnosticSink as Sink

        sink = Sink()
        spec = ProcedureSpec(procedure, ctx.settings, sink, ctx.local(procedure))
        spec.components()
        return cls(procedure, ctx.settings, spec, tuple(sink.items))

    def made_for(self, procedure: Procedure, ctx: EmitContext) -> bool:
        return self.procedure is procedure and self.settings is ctx.settings


def _by_reference(
    file: str, own: set[tuple[str, str]], item: dict[str, Any]
) -> dict[str, Any]:
    """A procedure's path item as ``portal.yaml`` holds it.

    Operations cannot be references, so each keeps its own keys (``operationId``, tags,
    parameters...); its request body and each response of its own (``own``: the procedure's
    ``components/requestBodies`` and ``components/responses``) refer to that named component
    of the procedure's file, where its schemas and examples live; the shared problem
    responses stay the portal's own. Only named components are referred to, never a place
    under another file's ``paths`` (which bundlers and generators cannot name).
    """
    out: dict[str, Any] = {}
    for method, operation in item.items():
        op = dict(operation)
        if "requestBody" in op:
            op["requestBody"] = _external(file, own, op["requestBody"])
        op["responses"] = {
            code: _external(file, own, response) for code, response in op["responses"].items()
        }
        out[method] = op
    return out


def _external(file: str, own: set[tuple[str, str]], node: dict[str, str]) -> dict[str, str]:
    kind, _, name = node["$ref"].removeprefix("#/components/").partition("/")
    return {"$ref": f"{file}{node['$ref']}"} if (kind, name) in own else node


def _local(node: Any) -> Any:
    """``node`` with every reference into a procedure's file made local (``portal.bundled.yaml``
    holds that file's components itself)."""
    if isinstance(node, dict):
        return {
            k: "#" + v.partition("#")[2] if k == "$ref" and isinstance(v, str) else _local(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_local(v) for v in node]
    return node


_COMPONENTS = "#/components/"


def _refs(node: Any) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` of every local component reference anywhere in ``node``."""
    todo: list[Any] = [node]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_COMPONENTS):
                kind, _, name = ref.removeprefix(_COMPONENTS).partition("/")
                yield kind, name
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)


def _bundle_fragments(components: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A procedure's components as ``portal.bundled.yaml`` writes them (``OpenApiPart``):
    each kind's entries as YAML lines at their indent there (under ``components:`` and the
    kind), and the shared components they refer to."""
    from procgen.targets.openapi.yaml_out import mapping_lines

    own = {(kind, name) for kind, named in components.items() for name in named}
    return {"components": {kind: mapping_lines(named, 4) for kind, named in components.items()
                           if named},
            "uses": tuple(sorted(set(_refs(components)) - own))}


def _drop_unused_components(doc: dict[str, Any],
                            keep: set[tuple[str, str]] | None = None) -> None:
    """Keep only the components ``doc`` refers to (directly or through other components),
    and those in ``keep`` (what pre-written components refer to, and their placeholders)."""
    components: dict[str, dict[str, Any]] = doc["components"]
    used: set[tuple[str, str]] = set(keep or ())
    todo: list[Any] = [{k: v for k, v in doc.items() if k != "components"}]
    todo += [components[k][n] for k, n in used if n in components.get(k, {})]
    while todo:
        for kind, name in _refs(todo.pop()):
            if (kind, name) not in used and name in components.get(kind, {}):
                used.add((kind, name))
                todo.append(components[kind][name])
    for kind in ("schemas", "requestBodies", "responses"):
        if kind in components:
            components[kind] = {n: v for n, v in components[kind].items() if (kind, n) in used}


def dump(doc: dict[str, Any]) -> bytes:
    """Deterministic YAML of JSON-shaped data (tuples are lists), keys in the order built.

    Strings that a YAML 1.1 or 1.2 reader (Spectral, most tools) would take for a number, a
    boolean or null are quoted, e.g. a national ID ``'001099012345'``.

    >>> dump({"id": "001099012345", "k": 1, "s": "1e3", "t": "text"}).decode().splitlines()
    ["id: '001099012345'", 'k: 1', "s: '1e3'", 't: text']
    """
    from procgen.targets.openapi.yaml_out import dump as to_yaml

    return to_yaml(doc).encode("utf-8")


def _document(
    settings: Settings,
    paths: dict[str, Any],
    components: dict[str, dict[str, Any]],
    tags: list[dict[str, Any]],
    *,
    title: Any,
    summary: Any,
    version: str,
    contact: Any,
    local: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """One OpenAPI document: ``paths`` and ``components`` (beside the shared ones), the status
    and draft operations every document has, and ``tags`` followed by ``applications`` and
    ``drafts``; ``local`` writes the procedure's table of each province's amounts in a
    language (empty: none)."""
    lang = settings.default_language
    drafts = Drafts(settings.languages, lang)
    texts = Texts(settings.languages, lang)

    def description(lang: str) -> str:
        table = local(lang) if local is not None else ""
        return ((md(summary.get(lang)) + "\n\n" if summary is not None else "")
                + (table + "\n\n" if table else "") + say("openapi_generated", lang))

    info: dict[str, Any] = {
        "title": title.get(lang),
        "version": version,
        "description": description(lang),
        "contact": _contact(settings, contact),
    }
    if settings.license is not None:
        lic = settings.license
        info["license"] = {"name": lic.name, **(
            {"identifier": lic.identifier} if lic.identifier else {"url": lic.url} if lic.url
            else {})}
    translated = i18n(settings.languages, lang, title=title)
    for other, text in texts.said(description=description).get("x-procgen-i18n", {}).items():
        translated.setdefault(other, {}).update(text)
    if translated:
        info["x-procgen-i18n"] = translated
    return {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": settings.api_base_url,
                     **texts.said(description=words("openapi_server"))}],
        "tags": [*tags, {"name": "applications",
                         **texts.said(description=words("openapi_applications_tag"))}],
        "paths": {**paths,
                  "/applications/{application_id}": {"get": _status_operation(texts)}},
        "components": {
            "schemas": {**shared_schemas(settings.languages, lang), **drafts.schemas(),
                        **components["schemas"]},
            **({"requestBodies": components["requestBodies"]}
               if "requestBodies" in components else {}),
            "responses": {**problem_responses(settings.languages, lang), **drafts.problems(),
                          **components.get("responses", {})},
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    **texts.said(description=words("openapi_bearer")),
                }
            },
        },
    }


def _contact(settings: Settings, name: Any) -> dict[str, str]:
    lang = settings.default_language
    contact = {"name": name.get(lang) if name is not None else say("portal", lang)}
    if settings.api_base_url.startswith(("https://", "http://")):
        contact["url"] = settings.api_base_url
    return contact


def _status_operation(texts: Texts) -> dict[str, Any]:
    return {
        "tags": ["applications"],
        "operationId": "getApplication",
        **texts.said(summary=words("openapi_status_summary"),
                     description=words("openapi_status_description")),
        "security": [{"bearerAuth": []}],
        "parameters": [
            {
                "name": "application_id",
                "in": "path",
                "required": True,
                **texts.said(description=words("openapi_status_parameter")),
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9-]{6,64}$"},
            }
        ],
        "responses": {
            "200": {
                **texts.said(description=words("openapi_status_found")),
                "content": {
                    "application/json": {
                        "schema": ref("ApplicationStatus"),
                        "example": {
                            "application_id": "HS-2026-000123",
                            "procedure": "birth-registration",
                            "revision": 3,
                            "status": "in_review",
                            "current_step": "check",
                            "submitted_at": "2026-01-15T09:30:00+07:00",
                            "updated_at": "2026-01-16T08:00:00+07:00",
                            "due_on": "2026-01-19",
                            "message": None,
                        },
                    }
                },
            },
            **responses(
                "Unauthorized",
                "Forbidden",
                "NotFound",
                "NotAcceptable",
                "TooManyRequests",
                "ServerError",
                "Unavailable",
            ),
        },
    }


def _summary_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "revision": {"type": "integer", "minimum": 1},
            "title": {"$ref": REF + "LocalizedText"},
            "fully_online": {"type": "boolean"},
            "href": {"type": "string", "format": "uri-reference"},
        },
        "required": ["id", "revision", "title", "fully_online", "href"],
    }


def _listing(parts: tuple[OpenApiPart, ...], texts: Texts) -> dict[str, Any]:
    example = [msgspec.to_builtins(part.summary) for part in parts[:3]]
    return {
        "tags": ["procedures"],
        "operationId": "listProcedures",
        **texts.said(summary=words("openapi_list_summary"),
                     description=words("openapi_list_description")),
        "security": [],
        "responses": {
            "200": {
                **texts.said(description=words("openapi_list_found")),
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "items": ref("ProcedureSummary")},
                        "example": example,
                    }
                },
            },
            **responses("NotAcceptable", "TooManyRequests", "ServerError", "Unavailable"),
        },
    }
