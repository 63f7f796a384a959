"""The drafts operations: answers saved to continue later, as :mod:`procgen.serve.api` does them.

A draft is its procedure's: ``POST /procedures/<id>/drafts`` saves a new one
(``save<Id>Draft``), and ``/procedures/<id>/drafts/{token}`` is where it lives: ``GET``,
``PUT``, ``DELETE`` (``get<Id>Draft``, ``update<Id>Draft``, ``delete<Id>Draft``). A body is
``<Id>DraftSave``, whose ``answers`` are ``<Id>DraftAnswers``: the procedure's answers with
every question optional, each held only to its type and options
(:data:`procgen.model.answer.DRAFT_CHECKS`, as the server checks them), no rule, a group's
entries ``<Id><Group>DraftEntry``. A reply is the shared ``Draft``, whose ``answers`` are an
object: a draft saved under an earlier revision of the procedure keeps the answers it was
saved with (its ``revision`` says which). No operation needs a login: the token is the
secret.

Every text is the wording catalogue's (``openapi_draft_…``), in the spec's default language,
the others under ``x-procgen-i18n``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from procgen.targets._answers import draft_schema
from procgen.targets.openapi import examples, markdown
from procgen.targets.openapi.shared import PROBLEM, ref, responses
from procgen.wording import say

if TYPE_CHECKING:
    from procgen.targets.openapi.procedure import ProcedureSpec

TOKEN_PATTERN = "^[A-Za-z0-9_-]{43}$"
"""A draft token (:data:`procgen.serve.auth.TOKEN_PATTERN`, anchored)."""
TOKEN_EXAMPLE = "q7Zk1v0bT9hX3mEwP5rN8cYd2uLs6aJf4gHi_K-oWxA"
"""A made-up token of the right shape.

>>> import re; bool(re.fullmatch(TOKEN_PATTERN, TOKEN_EXAMPLE))
True
"""
STEP_MAX = 64
SAVED_AT = f"{examples.EXAMPLE_DAY}T02:30:00Z"
EXPIRES_AT = "2026-02-14T02:30:00Z"
"""30 days after :data:`SAVED_AT` (``procgen.serve.api.DRAFT_DAYS``)."""
ID_PATTERN = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"

Words = Callable[[str], str]
"""A text in a language."""


def words(key: str, **params: Words) -> Words:
    """The catalogue's ``key`` in a language, each parameter said in that language."""
    return lambda lang: say(key, lang, **{k: v(lang) for k, v in params.items()})


def worded(languages: tuple[str, ...], default: str, **texts: Words) -> dict[str, Any]:
    """``{key: text}`` in ``default``, and ``x-procgen-i18n`` with the other languages' texts
    where they differ."""
    out: dict[str, Any] = {k: t(default) for k, t in texts.items()}
    other = {lang: {k: t(lang) for k, t in texts.items() if t(lang) != t(default)}
             for lang in languages if lang != default}
    other = {lang: entry for lang, entry in other.items() if entry}
    if other:
        out["x-procgen-i18n"] = other
    return out


class Drafts:
    """The shared part: ``Draft``, the ``token`` parameter and the problems only drafts
    answer."""

    def __init__(self, languages: tuple[str, ...], default: str) -> None:
        self.langs = languages
        self.lang = default

    def said(self, **texts: Words) -> dict[str, Any]:
        return worded(self.langs, self.lang, **texts)

    def described(self, key: str, node: dict[str, Any]) -> dict[str, Any]:
        """``node`` with the catalogue's ``key`` as its description, first."""
        return {**self.said(description=words(key)), **node}

    def schemas(self) -> dict[str, Any]:
        return {
            "Draft": {
                **self.said(description=words("openapi_draft_schema")),
                "type": "object",
                "properties": {
                    "token": self.described("openapi_draft_token",
                                            {"type": "string", "pattern": TOKEN_PATTERN}),
                    "procedure": self.described("openapi_draft_procedure",
                                                {"type": "string", "pattern": ID_PATTERN}),
                    "revision": self.described("openapi_draft_revision",
                                               {"type": "integer", "minimum": 1}),
                    "answers": self.described("openapi_draft_answers", {"type": "object"}),
                    "step": self.step(),
                    "saved_at": self.described("openapi_draft_saved_at",
                                               {"type": "string", "format": "date-time"}),
                    "expires_at": self.described("openapi_draft_expires_at",
                                                 {"type": "string", "format": "date-time"}),
                },
                "required": ["token", "procedure", "revision", "answers", "step", "saved_at",
                             "expires_at"],
            },
        }

    def step(self) -> dict[str, Any]:
        return self.described("openapi_draft_step",
                              {"type": ["string", "null"], "maxLength": STEP_MAX})

    def save_schema(self, answers: dict[str, Any]) -> dict[str, Any]:
        """A draft's body: ``answers`` (required) and ``step``, nothing else (the server
        answers 422 to any other key)."""
        return {
            **self.said(description=words("openapi_draft_save_schema")),
            "type": "object",
            "properties": {"answers": answers, "step": self.step()},
            "additionalProperties": False,
            "required": ["answers"],
        }

    def problems(self) -> dict[str, Any]:
        """``components/responses`` only drafts use: 204 for a draft deleted, 404 for a draft
        or a procedure, 422 for a body that is not a draft (its example what the server
        answers to ``{}``)."""
        def problem(key: str, status: int, title: str, **more: Any) -> dict[str, Any]:
            example = {"type": "about:blank", "title": title, "status": status, **more}
            return {**self.said(description=words(key)),
                    "content": {PROBLEM: {"schema": ref("Problem"), "example": example}}}

        return {
            "DraftDeleted": self.said(description=words("openapi_draft_deleted")),
            "DraftNotFound": problem("openapi_draft_not_found", 404, "Not Found",
                                     detail=say("serve_draft_not_found", self.lang)),
            "ProcedureNotFound": problem("openapi_procedure_not_found", 404, "Not Found",
                                         detail=say("serve_not_found", self.lang)),
            "InvalidDraft": problem(
                "openapi_draft_invalid", 422, "Unprocessable Content",
                detail=say("serve_invalid_answers", self.lang, n=1),
                errors=[{"pointer": "#/answers", "code": "answer-wrong-type",
                         "detail": say("serve_draft_not_object", self.lang)}]),
        }

    def example(self) -> dict[str, Any]:
        """A draft of any procedure, for the shared operations."""
        return {"token": TOKEN_EXAMPLE, "procedure": "birth-registration", "revision": 3,
                "answers": {"child_full_name": "Nguyễn Văn An"}, "step": "child",
                "saved_at": SAVED_AT, "expires_at": EXPIRES_AT}

    def token(self) -> dict[str, Any]:
        """The ``token`` path parameter."""
        return {"name": "token", "in": "path", "required": True,
                **self.said(description=words("openapi_draft_token_parameter")),
                "schema": {"type": "string", "pattern": TOKEN_PATTERN}}


class ProcedureDrafts:
    """One procedure's part: ``POST /procedures/<id>/drafts`` and its named components."""

    def __init__(self, spec: ProcedureSpec) -> None:
        self.spec = spec
        self.shared = Drafts(spec.langs, spec.lang)
        self.name = spec.prefix

    def title(self, plain: bool = False) -> Words:
        t = self.spec.p.title
        return (lambda lang: t.get(lang)) if plain else (lambda lang: markdown.text(t.get(lang)))

    def schemas(self) -> dict[str, Any]:
        """``<Id>DraftAnswers``, ``<Id>DraftSave`` and a ``<Id><Group>DraftEntry`` per group:
        the answers' properties held to what a draft must fit (:func:`draft_schema`), none
        required, no rule."""
        answers = self.spec.answers_schema()
        entries: dict[str, Any] = {}
        properties = {}
        for f in self.spec.fields:
            prop = draft_schema(copy.deepcopy(answers["properties"][f.id]))
            if f.kind == "group":
                name = prop["items"]["$ref"].rsplit("/", 1)[1]
                entry = self.spec.named[name]
                entries[name.removesuffix("Entry") + "DraftEntry"] = {
                    **{k: v for k, v in entry.items() if k not in ("required", "allOf")},
                    "properties": {k: draft_schema(copy.deepcopy(v))
                                   for k, v in entry["properties"].items()},
                }
                prop["items"] = ref(name.removesuffix("Entry") + "DraftEntry")
            properties[f.id] = prop
        partial = {
            **self.shared.said(description=words("openapi_draft_answers_schema",
                                                 title=self.title())),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        body = self.shared.save_schema(ref(f"{self.name}DraftAnswers"))
        return {f"{self.name}DraftAnswers": partial, f"{self.name}DraftSave": body, **entries}

    def example(self) -> tuple[dict[str, Any], str | None]:
        """What a form saves on its first step that asks something: that step's example
        answers, and its id."""
        answers = self.spec.answers
        for s in self.spec.p.steps:
            mine: dict[str, Any] = {k: answers[k] for k in s.fields if k in answers}
            if s.actor == "applicant" and mine:
                return mine, str(s.id)
        return dict(list(answers.items())[:1]), None

    def request_bodies(self) -> dict[str, Any]:
        answers, step = self.example()
        return {f"{self.name}DraftSave": {
            **self.shared.said(description=words("openapi_draft_body")),
            "required": True,
            "content": {"application/json": {"schema": ref(f"{self.name}DraftSave"),
                                              "example": {"answers": answers, "step": step}}},
        }}

    def responses(self) -> dict[str, Any]:
        """``<Id>DraftSaved`` (201, with its ``Location``), ``<Id>DraftFound`` and
        ``<Id>DraftUpdated`` (200)."""
        answers, step = self.example()
        example = {**self.shared.example(), "procedure": self.spec.p.id,
                   "revision": self.spec.p.revision, "answers": answers, "step": step}
        content = {"application/json": {"schema": ref("Draft"), "example": example}}
        return {
            f"{self.name}DraftSaved": {
                **self.shared.said(description=words("openapi_draft_saved")),
                "headers": {"Location": {
                    **self.shared.said(description=words("openapi_draft_location")),
                    "schema": {"type": "string", "format": "uri-reference"}}},
                "content": content},
            f"{self.name}DraftFound": {
                **self.shared.said(description=words("openapi_draft_found")),
                "content": copy.deepcopy(content)},
            f"{self.name}DraftUpdated": {
                **self.shared.said(description=words("openapi_draft_updated")),
                "content": copy.deepcopy(content)},
        }

    def token_path(self) -> dict[str, Any]:
        """``/procedures/<id>/drafts/{token}``: resume (``get<Id>Draft``), save again
        (``update<Id>Draft``), delete (``delete<Id>Draft``). A token of another procedure's
        draft is no draft here (404)."""
        name = self.name
        busy = responses("TooManyRequests", "ServerError", "Unavailable")
        not_found = {"404": {"$ref": "#/components/responses/DraftNotFound"}}

        def operation(verb: str, summary: str, description: str,
                      **rest: Any) -> dict[str, Any]:
            return {
                "tags": [self.spec.p.id],
                "operationId": f"{verb}{name}Draft",
                **self.shared.said(summary=words(summary, title=self.title(plain=True)),
                                   description=words(description, title=self.title())),
                "security": [],
                "parameters": [self.shared.token()],
                **rest,
            }

        return {
            "get": operation("get", "openapi_draft_get_summary",
                             "openapi_draft_get_description", responses={
                "200": {"$ref": f"#/components/responses/{name}DraftFound"},
                **not_found, **responses("NotAcceptable"), **busy}),
            "put": operation(
                "update", "openapi_draft_put_summary", "openapi_draft_put_description",
                requestBody={"$ref": f"#/components/requestBodies/{name}DraftSave"},
                responses={
                    "200": {"$ref": f"#/components/responses/{name}DraftUpdated"},
                    **responses("BadRequest"), **not_found,
                    **responses("PayloadTooLarge", "UnsupportedMediaType"),
                    "422": {"$ref": "#/components/responses/InvalidDraft"}, **busy}),
            "delete": operation("delete", "openapi_draft_delete_summary",
                                "openapi_draft_delete_description", responses={
                "204": {"$ref": "#/components/responses/DraftDeleted"},
                **not_found, **busy}),
        }

    def operation(self) -> dict[str, Any]:
        name = self.name
        return {
            "tags": [self.spec.p.id],
            "operationId": f"save{name}Draft",
            **self.shared.said(
                summary=words("openapi_draft_save_summary", title=self.title(plain=True)),
                description=words("openapi_draft_save_description", title=self.title())),
            "security": [],
            "requestBody": {"$ref": f"#/components/requestBodies/{name}DraftSave"},
            "responses": {
                "201": {"$ref": f"#/components/responses/{name}DraftSaved"},
                **responses("BadRequest"),
                "404": {"$ref": "#/components/responses/ProcedureNotFound"},
                **responses("PayloadTooLarge", "UnsupportedMediaType"),
                "422": {"$ref": "#/components/responses/InvalidDraft"},
                **responses("TooManyRequests", "ServerError", "Unavailable"),
            },
        }
