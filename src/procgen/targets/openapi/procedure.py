"""One procedure's part of a spec: its schemas (answers, application, quote) and its paths.

Component names are prefixed with the procedure's id in PascalCase (``KitchenSinkAnswers``), so
a procedure's spec is exactly its slice of ``portal.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen.model.ir import Document, Field, Procedure, Text
from procgen.targets import _common
from procgen.targets.openapi import answers as _answers
from procgen.targets.openapi import examples, markdown
from procgen.targets.openapi.shared import PROBLEM, ref, responses

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.ir import Settings
    from procgen.model.local import LocalFacts


def pascal(pid: str) -> str:
    """``kitchen-sink`` → ``KitchenSink``."""
    return "".join(part[:1].upper() + part[1:] for part in pid.split("-"))


def md(text: str) -> str:
    """Procedure text made literal inside a CommonMark description: shown, never rendered
    (HTML, links, images, emphasis, headings, lists, bare URLs: see :mod:`.markdown`).

    >>> md("Kitchen <script>alert(1)</script> & **co**")
    'Kitchen &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\\\*\\\\*co\\\\*\\\\*'
    """
    return markdown.text(text)


code = markdown.code
"""An expression as inline code in a description (:func:`.markdown.code`)."""


def i18n(languages: tuple[str, ...], default: str, **texts: Text | None) -> dict[str, Any]:
    """``{lang: {key: text}}`` for every non-default language whose text differs.

    ``description`` texts are CommonMark (escaped with :func:`md`); ``title`` is plain text.
    """
    out: dict[str, Any] = {}
    for lang in languages:
        if lang == default:
            continue
        entry = {
            key: md(t.get(lang)) if key == "description" else t.get(lang)
            for key, t in texts.items()
            if t is not None and t.get(lang) != t.get(default)
        }
        if entry:
            out[lang] = entry
    return out


class ProcedureSpec:
    """Builds one procedure's components and paths; warnings go to ``sink``."""

    def __init__(self, procedure: Procedure, settings: Settings, sink: DiagnosticSink,
                 local: LocalFacts | None = None) -> None:
        from procgen.model.local import LocalFacts

        self.p = procedure
        self.local = local if local is not None else LocalFacts((), procedure.locality_field)
        self.settings = settings
        self.lang = settings.default_language
        self.langs = settings.languages
        self.sink = sink
        self.prefix = pascal(procedure.id)
        self.fields = procedure.asked_fields or procedure.fields
        self.answers = examples.example_answers(procedure, sink)
        self.files = examples.example_files(procedure, self.answers)
        self.example_complete = all(
            f.id in self.answers for f in self.fields if f.unconditionally_required
        )
        self._answers_schema: dict[str, Any] | None = None

    # --- schemas -------------------------------------------------------------------------

    def _property(self, f: Field, schema: dict[str, Any], group: str | None = None) -> None:
        """Add translations, option labels and notes on conditions (patterns are portable as
        written: validate refuses any other, PG314)."""
        notes = [md(f.hint.get(self.lang))] if f.hint is not None else []
        if f.when is not None:
            notes.append(f"Asked only when {code(f.when.source)}; otherwise an answer is ignored.")
        if not isinstance(f.required, bool):
            notes.append(f"Required when {code(f.required.source)}.")
        elif f.required and f.when is not None:
            notes.append("Required when asked.")
        if f.constraint is not None:
            message = md(f.constraint_message.get(self.lang)) if f.constraint_message else ""
            notes.append(f"Must satisfy {code(f.constraint.source)}. {message}".strip())
        if f.kind == "date" and (f.min is not None or f.max is not None):
            notes.append(f"Between {f.min or '…'} and {f.max or '…'}.")
        schema.pop("description", None)
        if notes:
            rest = {k: v for k, v in schema.items() if k != "title"}
            schema.clear()
            schema.update(title=f.label.get(self.lang), description=" ".join(notes), **rest)
        if f.options:
            schema["x-procgen-options"] = [
                {"value": o.value, "label": _common.localized(o.label, self.langs)}
                for o in f.options
            ]
        translated = i18n(self.langs, self.lang, title=f.label, description=f.hint)
        if translated:
            schema["x-procgen-i18n"] = translated
        if f.kind == "group":
            props = schema["items"]["properties"]
            for child in f.children:
                if child.kind == "group" and group is None:
                    self.sink.emit("PG532", child.span, field=child.id, group=f.id)
                self._property(child, props[child.id], f.id)

    def answers_schema(self) -> dict[str, Any]:
        if self._answers_schema is None:
            self._answers_schema = self._build_answers_schema()
        return self._answers_schema

    def _build_answers_schema(self) -> dict[str, Any]:
        s = _answers.answers_schema(self.p, self.lang)
        s["description"] = (
            f"Answers to '{md(self.p.title.get(self.lang))}': field id → value (dates YYYY-MM-DD, "
            "a multiple choice as a list, a group as a list of objects). Rules that depend on "
            "other answers are in `x-procgen-rules`."
        )
        for f in self.fields:
            self._property(f, s["properties"][f.id])
        s["x-procgen-rules"] = _answers.field_rules(self.p, self.langs)
        return _ordered(s)

    def _document(self, d: Document) -> dict[str, Any]:
        parts = [md(d.hint.get(self.lang))] if d.hint else []
        if d.accept:
            parts.append("Accepted types: " + ", ".join(md(a) for a in d.accept) + ".")
        if d.max_size_mb is not None:
            parts.append(f"At most {d.max_size_mb:g} MB.")
        if d.when is not None:
            parts.append(f"Needed only when {code(d.when.source)}.")
        if not isinstance(d.required, bool):
            parts.append(f"Required when {code(d.required.source)}.")
        s: dict[str, Any] = {"title": d.title.get(self.lang), "description": " ".join(parts)}
        s.update(type="string", format="binary")
        if len(d.accept) == 1:
            s["contentMediaType"] = d.accept[0]
        if d.accept:
            s["x-procgen-accept"] = list(d.accept)
        if d.max_size_mb is not None:
            s["x-procgen-max-size-mb"] = d.max_size_mb
            s["x-procgen-max-bytes"] = d.max_bytes
        translated = i18n(self.langs, self.lang, title=d.title, description=d.hint)
        if translated:
            s["x-procgen-i18n"] = translated
        if not s["description"]:
            del s["description"]
        return s

    def application_schema(self) -> dict[str, Any]:
        answers = self.answers_schema()
        docs = self.p.uploadable_documents
        s: dict[str, Any] = {
            "type": "object",
            "description": (
                f"An application for '{md(self.p.title.get(self.lang))}': one part per answer "
                "(a group as one JSON part, a multiple choice as one part per choice) and "
                "one file part per document."
            ),
            "properties": {**answers["properties"], **{d.id: self._document(d) for d in docs}},
            "additionalProperties": False,
        }
        required = [
            *answers.get("required", []),
            *(d.id for d in docs if d.unconditionally_required),
        ]
        if required:
            s["required"] = required
        conditionals = [*answers.get("allOf", []), *_answers.document_required_schema(self.p)]
        if conditionals:
            s["allOf"] = conditionals
        s["x-procgen-rules"] = [
            *answers["x-procgen-rules"],
            *_answers.document_rules(self.p, self.langs),
        ]
        return s

    def quote_schema(self) -> dict[str, Any]:
        from procgen.targets.openapi.shared import quote_schema

        return quote_schema([f.id for f in self.p.fees], list(self.p.channel_names), self.p.id)

    def components(self) -> dict[str, Any]:
        return {
            f"{self.prefix}Answers": self.answers_schema(),
            f"{self.prefix}Application": self.application_schema(),
            f"{self.prefix}Quote": self.quote_schema(),
        }

    # --- examples ------------------------------------------------------------------------

    def description(self) -> dict[str, Any]:
        """The body of ``GET /procedures/{id}``: the procedure's public description."""
        from procgen.targets.openapi.describe import describe

        return describe(self.p, self.langs, self.local)

    def application_example(self) -> dict[str, Any]:
        return {**self.answers, **self.files}

    def problem_example(self) -> dict[str, Any]:
        errors = []
        required = [f for f in self.fields if f.unconditionally_required]
        if required:
            errors.append(
                {
                    "pointer": f"#/{required[0].id}",
                    "code": "answer-missing",
                    "detail": _answers.required_message(required[0], (self.lang,))[self.lang],
                }
            )
        docs = [d for d in self.p.uploadable_documents if d.max_size_mb]
        if docs:
            errors.append(
                {
                    "pointer": f"#/{docs[0].id}",
                    "code": "document-too-large",
                    "detail": f"At most {docs[0].max_size_mb:g} MB.",
                }
            )
        return {
            "type": "/problems/invalid-answers",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": f"{len(errors)} problem(s) with the application.",
            "errors": errors,
        }

    # --- paths ---------------------------------------------------------------------------

    def paths(self) -> dict[str, Any]:
        pid, name = self.p.id, self.prefix
        title = self.p.title.get(self.lang)
        base = f"/procedures/{pid}"
        unprocessable = {
            "description": "The answers or files break the procedure's rules (the schema or "
            "`x-procgen-rules`); `errors` lists every problem, each located by a JSON Pointer.",
            "content": {PROBLEM: {"schema": ref("Problem"), "example": self.problem_example()}},
        }
        encoding: dict[str, Any] = {}
        for f in self.fields:
            if f.kind == "group":
                encoding[f.id] = {"contentType": "application/json"}
            elif f.kind == "multichoice":
                encoding[f.id] = {"contentType": "text/plain"}
        for d in self.p.uploadable_documents:
            encoding[d.id] = {"contentType": ", ".join(d.accept) or "application/octet-stream"}
        submit: dict[str, Any] = {
            "tags": [pid],
            "operationId": f"submit{name}Application",
            "summary": f"Submit an application: {title}",
            "description": (
                "Files the application. Every answer is a form part (text/plain; a group is "
                "one `application/json` part holding the list of entries; a multiple choice "
                "is one part per chosen value); every document is a file part whose type "
                "must be one of its `x-procgen-accept` and whose size is at most "
                "`x-procgen-max-size-mb`. The server checks the schema and every "
                "`x-procgen-rules` entry and answers 422 listing all problems."
            ),
            "security": [{"bearerAuth": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": ref(f"{name}Application"),
                        "encoding": encoding,
                        "examples": {
                            "complete": {
                                "summary": "A complete application",
                                "value": self.application_example(),
                            }
                        },
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Received: the application's status, at the URL in `Location`.",
                    "headers": {
                        "Location": {
                            "description": "The URL of the new application's status.",
                            "schema": {"type": "string", "format": "uri-reference"},
                        }
                    },
                    "content": {
                        "application/json": {
                            "schema": ref("ApplicationStatus"),
                            "example": self.status_example(),
                        }
                    },
                },
                **responses(
                    "BadRequest", "Unauthorized", "PayloadTooLarge", "UnsupportedMediaType"
                ),
                "422": unprocessable,
                **responses("TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        if not encoding:
            del submit["requestBody"]["content"]["multipart/form-data"]["encoding"]
        default_channel = self.p.default_channel
        quote: dict[str, Any] = {
            "tags": [pid],
            "operationId": f"quote{name}Fees",
            "summary": f"Quote fees and processing time: {title}",
            "description": "What `procgen quote` prints for these answers: the fees that "
            "apply on the server's today, for a channel and optionally a locality.",
            "parameters": [
                {
                    "name": "channel",
                    "in": "query",
                    "required": False,
                    "description": "How the application is made.",
                    "schema": {
                        "type": "string",
                        "enum": list(self.p.channel_names),
                        "default": default_channel,
                    },
                },
                self.locality_parameter(),
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": ref(f"{name}Answers"),
                        "example": self.answers,
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "The quote.",
                    "content": {
                        "application/json": {
                            "schema": ref(f"{name}Quote"),
                            "example": examples.example_quote(
                                self.p, self.answers, self.local),
                        }
                    },
                },
                **responses("BadRequest", "UnsupportedMediaType"),
                "422": unprocessable,
                **responses("TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        get = {
            "tags": [pid],
            "operationId": f"get{name}",
            "summary": f"Describe the procedure: {title}",
            "description": "The procedure's public description: documents, fees, channels, "
            "processing times, steps and legal basis, in every language.",
            "responses": {
                "200": {
                    "description": "The description.",
                    "content": {
                        "application/json": {
                            "schema": ref("ProcedureDescription"),
                            "example": self.description(),
                        }
                    },
                },
                **responses("NotAcceptable", "TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        if not self.example_complete:  # PG531 on a required field: no valid example to show
            del submit["requestBody"]["content"]["multipart/form-data"]["examples"]
            del quote["requestBody"]["content"]["application/json"]["example"]
        return {
            base: {"get": get},
            f"{base}/applications": {"post": submit},
            f"{base}/fee-quote": {"post": quote},
        }

    def status_example(self) -> dict[str, Any]:
        return {
            "application_id": "HS-2026-000123",
            "procedure": self.p.id,
            "revision": self.p.revision,
            "status": "received",
            "current_step": None,
            "submitted_at": f"{examples.EXAMPLE_DAY}T09:30:00+07:00",
            "updated_at": f"{examples.EXAMPLE_DAY}T09:30:00+07:00",
            "due_on": None,
            "message": None,
        }

    def tag(self) -> dict[str, Any]:
        return tag(self.p, self.langs, self.lang)

    def local_table(self, lang: str) -> str:
        """Each province's amounts for the locality-set fees, as Markdown in ``lang``."""
        from procgen.targets.openapi.local import amounts_table

        return amounts_table(self.p, self.local, lang)

    def locality_parameter(self) -> dict[str, Any]:
        """``fee-quote``'s ``locality``: one of the localities; on a site, fixed to it."""
        schema: dict[str, Any] = {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"}
        ids = [p.id for p in self.local.places]
        if ids:
            schema["enum"] = ids
        site = self.local.the_place
        if site is not None:
            schema["default"] = site.id
            description = (f"The locality whose fee amounts apply: this site's, `{site.id}` "
                           "(the default, and the only one accepted).")
        else:
            description = ("The locality (e.g. `ha-noi`) whose fee amounts apply; without it, "
                           "fees set by each locality are listed with `amount: null` and the "
                           "total is null (`complete: false`, the known part in "
                           "`known_total`). When the answers name the province (the "
                           "procedure's locality question), that locality applies.")
        return {"name": "locality", "in": "query", "required": False,
                "description": description, "schema": schema}


def tag(procedure: Procedure, languages: tuple[str, ...], default: str) -> dict[str, Any]:
    """The procedure's tag: its id, described by its title."""
    out: dict[str, Any] = {"name": procedure.id, "description": md(procedure.title.get(default))}
    translated = i18n(languages, default, description=procedure.title)
    if translated:
        out["x-procgen-i18n"] = translated
    return out


_KEY_ORDER = (
    "title",
    "description",
    "type",
    "properties",
    "additionalProperties",
    "required",
    "allOf",
)


def _ordered(s: dict[str, Any]) -> dict[str, Any]:
    """Readable key order for an object schema (title and description first)."""
    head = {k: s[k] for k in _KEY_ORDER if k in s}
    return {**head, **{k: v for k, v in s.items() if k not in head}}
