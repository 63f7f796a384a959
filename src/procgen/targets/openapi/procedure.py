"""One procedure's part of a spec: its schemas (answers, application, quote) and its paths.

Component names are prefixed with the procedure's id in PascalCase (``KitchenSinkAnswers``), so
a procedure's spec is exactly its slice of ``portal.yaml``. Every text of its own is the
wording catalogue's (:mod:`procgen.wording.openapi`), in the default language with the others
under ``x-procgen-i18n`` (:class:`.shared.Texts`); the procedure's texts (labels, hints,
titles) are the author's, escaped (:func:`md`).
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from procgen import wording
from procgen.model.facts import FormPart
from procgen.model.ir import Document, Field, Procedure, Text
from procgen.targets import _common
from procgen.targets.openapi import answers as _answers
from procgen.targets.openapi import examples, markdown
from procgen.targets.openapi.drafts import ProcedureDrafts
from procgen.targets.openapi.shared import (
    PROBLEM,
    REF,
    Texts,
    Words,
    ref,
    responses,
    same,
    words,
)

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
        self.texts = Texts(self.langs, self.lang)
        title = procedure.title
        self.title: Words = lambda lang: md(title.get(lang))
        """The procedure's title, escaped for a description."""
        self.plain_title: Words = lambda lang: title.get(lang)
        """The procedure's title as a summary says it (plain text)."""
        self.sink = sink
        self.prefix = pascal(procedure.id)
        self.fields = procedure.asked_fields or procedure.fields
        self.answers = examples.example_answers(procedure, sink)
        self.files = examples.example_files(procedure, self.answers)
        self.example_complete = all(
            f.id in self.answers for f in self.fields if f.unconditionally_required
        )
        self._answers_schema: dict[str, Any] | None = None
        self._components: dict[str, Any] | None = None
        self.named: dict[str, dict[str, Any]] = {}
        """The enums and group entries of the answers, by component name (:meth:`_name`)."""

    # --- schemas -------------------------------------------------------------------------

    def _property(self, f: Field, schema: dict[str, Any], group: str | None = None) -> None:
        """Describe a property: its label (``x-procgen-label``, and first in the
        ``description``, never a ``title``: see :func:`.answers.field_schema`), hint, notes on
        conditions, option labels and translations (patterns are portable as written:
        validate refuses any other, PG314)."""
        notes: list[Words] = []
        if f.hint is not None:
            notes.append(_escaped(f.hint))
        if f.when is not None:
            notes.append(words("openapi_note_asked_when", condition=same(code(f.when.source))))
        if not isinstance(f.required, bool):
            notes.append(words("openapi_note_required_when",
                               condition=same(code(f.required.source))))
        elif f.required and f.when is not None:
            notes.append(words("openapi_note_required_when_asked"))
        if f.constraint is not None:
            must = words("openapi_note_must_satisfy", condition=same(code(f.constraint.source)))
            message = f.constraint_message
            notes.append(lambda lang: f"{must(lang)} {md(message.get(lang)) if message else ''}"
                         .strip())
        if f.kind == "date" and (f.min is not None or f.max is not None):
            notes.append(words("openapi_note_between", min=same(str(f.min or "…")),
                               max=same(str(f.max or "…"))))
        said = self.texts.said(description=_described(f.label, notes))
        schema.pop("description", None)
        rest = dict(schema)
        schema.clear()
        schema["description"] = said["description"]
        schema.update(rest)
        schema["x-procgen-label"] = _common.localized(f.label, self.langs)
        if group is None and f.section is not None:
            schema["x-procgen-section"] = _common.localized(f.section, self.langs)
        if f.options:
            schema["x-procgen-options"] = [
                {"value": o.value, "label": _common.localized(o.label, self.langs)}
                for o in f.options
            ]
        if "x-procgen-i18n" in said:
            schema["x-procgen-i18n"] = said["x-procgen-i18n"]
        if f.kind == "group":
            props = schema["items"]["properties"]
            for child in f.children:
                if child.kind == "group" and group is None:
                    self.sink.emit("PG532", child.span, field=child.id, group=f.id)
                self._property(child, props[child.id], f.id)

    def _name(self, fields: tuple[Field, ...], props: dict[str, Any], owner: str = "") -> None:
        """Move each enum and group entry into ``components/schemas`` under a name made of
        the procedure's and the fields' ids (``KitchenSinkChildrenEntry``,
        ``KitchenSinkGenderOption``, ``KitchenSinkChildrenRelationOption`` inside a group):
        client generators name their types after these, so the types are ASCII and do not
        change when a label is reworded."""
        for f in fields:
            s = props[f.id]
            if f.kind == "choice" and "enum" in s:
                enum = {"type": s.pop("type"), "enum": s.pop("enum")}
                _replace(s, self._named(f"{owner}{ident(f.id)}Option", enum))
            elif f.kind == "multichoice" and "enum" in s["items"]:
                s["items"] = self._named(f"{owner}{ident(f.id)}Option", s["items"])
            elif f.kind == "group":
                entry = s["items"]
                self._name(f.children, entry["properties"], f"{owner}{ident(f.id)}")
                s["items"] = self._named(f"{owner}{ident(f.id)}Entry", entry)

    def _named(self, name: str, schema: dict[str, Any]) -> dict[str, str]:
        full = self.prefix + name
        if full in self.named:
            raise ValueError(f"two schemas named {full} in {self.p.id}")  # pragma: no cover
        self.named[full] = schema
        return ref(full)

    def answers_schema(self) -> dict[str, Any]:
        if self._answers_schema is None:
            self._answers_schema = self._build_answers_schema()
        return self._answers_schema

    def _build_answers_schema(self) -> dict[str, Any]:
        s = _answers.answers_schema(self.p, self.lang)
        s.update(self.texts.said(description=words("openapi_answers_schema", title=self.title)))
        for f in self.fields:
            self._property(f, s["properties"][f.id])
        self._name(self.fields, s["properties"])
        s["x-procgen-rules"] = _answers.field_rules(self.p, self.langs)
        return _ordered(s)

    def _document(self, d: Document) -> dict[str, Any]:
        parts: list[Words] = [_escaped(d.hint)] if d.hint else []
        if d.accept:
            parts.append(words("openapi_note_accept",
                               types=same(", ".join(md(a) for a in d.accept))))
        if d.max_size_mb is not None:
            parts.append(words("openapi_note_max_size", mb=same(f"{d.max_size_mb:g}")))
        if d.when is not None:
            parts.append(words("openapi_note_needed_when", condition=same(code(d.when.source))))
        if not isinstance(d.required, bool):
            parts.append(words("openapi_note_required_when",
                               condition=same(code(d.required.source))))
        said = self.texts.said(description=_described(d.title, parts))
        s: dict[str, Any] = {"description": said["description"]}
        s.update(type="string", format="binary")
        if len(d.accept) == 1:
            s["contentMediaType"] = d.accept[0]
        if d.accept:
            s["x-procgen-accept"] = list(d.accept)
        if d.max_size_mb is not None:
            s["x-procgen-max-size-mb"] = d.max_size_mb
            s["x-procgen-max-bytes"] = d.max_bytes
        s["x-procgen-label"] = _common.localized(d.title, self.langs)
        if "x-procgen-i18n" in said:
            s["x-procgen-i18n"] = said["x-procgen-i18n"]
        return s

    def application_schema(self) -> dict[str, Any]:
        answers = self.answers_schema()
        docs = self.p.uploadable_documents
        s: dict[str, Any] = {
            "type": "object",
            **self.texts.said(description=words("openapi_application_schema",
                                                title=self.title)),
            "properties": {**answers["properties"], **{d.id: self._document(d) for d in docs}},
            "additionalProperties": False,
        }
        flags: set[str] = {f.id for f in self.fields if f.facts.form_part is FormPart.FLAG}
        for f in self.fields:
            if f.facts.form_part is FormPart.FLAG:
                s["properties"][f.id] = _form_boolean(s["properties"][f.id])
            elif f.facts.form_part is FormPart.ENTRIES:
                s["properties"][f.id] = _form_group(s["properties"][f.id])
        required = [
            *answers.get("required", []),
            *(d.id for d in docs if d.unconditionally_required),
        ]
        if required:
            s["required"] = required
        conditionals = [*_form_conditions(answers.get("allOf", []), flags),
                        *_form_conditions(_answers.document_required_schema(self.p), flags)]
        if conditionals:
            s["allOf"] = conditionals
        s["x-procgen-rules"] = [
            *answers["x-procgen-rules"],
            *_answers.document_rules(self.p, self.langs),
        ]
        return s

    def quote_schema(self) -> dict[str, Any]:
        from procgen.targets.openapi.shared import quote_schema

        return quote_schema(self.texts, [f.id for f in self.p.fees], list(self.p.channel_names),
                            self.p.id)

    def components(self) -> dict[str, Any]:
        """The procedure's schemas: answers, application, quote, draft, then its enums and
        group entries (named after the field ids). None of them depends on the locality, so
        they are built once (and shared by :meth:`located` copies)."""
        if self._components is None:
            answers = self.answers_schema()
            self._components = {
                f"{self.prefix}Answers": answers,
                f"{self.prefix}Application": self.application_schema(),
                f"{self.prefix}Quote": self.quote_schema(),
                **self.drafts().schemas(),
                **self.named,
            }
        return self._components

    def located(self, local: LocalFacts, sink: DiagnosticSink) -> ProcedureSpec:
        """This spec in another locality context (a locality's own site): the same example
        answers and :meth:`components`, built once for every site; what depends on the place
        (the quote's locality parameter and examples, the description's amounts) is built
        by the copy. Its warnings go to ``sink``."""
        other = copy.copy(self)
        other.local = local
        other.sink = sink
        return other

    def drafts(self) -> ProcedureDrafts:
        """The procedure's drafts operation and components (:mod:`.drafts`)."""
        return ProcedureDrafts(self)

    # --- examples ------------------------------------------------------------------------

    def description(self) -> dict[str, Any]:
        """The body of ``GET /procedures/{id}``: the procedure's public description."""
        from procgen.targets.openapi.describe import describe

        return describe(self.p, self.langs, self.local)

    def application_example(self) -> dict[str, Any]:
        """The example answers and files as the multipart schema states them (a boolean as
        the text ``true``/``false``)."""
        parts: dict[str, FormPart] = {f.id: f.facts.form_part for f in self.fields}
        answers = {k: _form_value(parts.get(k), v) for k, v in self.answers.items()}
        return {**answers, **self.files}

    def problem_example(self, *, files: bool) -> dict[str, Any]:
        """A 422 answer: a required answer missing, and (``files``: for an application) a
        document too large; the fee quote has no files, so its example names none."""
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
        docs = [d for d in self.p.uploadable_documents if d.max_size_mb] if files else []
        if docs:
            errors.append(
                {
                    "pointer": f"#/{docs[0].id}",
                    "code": "document-too-large",
                    "detail": wording.document_messages(docs[0], self.lang)["file_size"],
                }
            )
        what = "application" if files else "answers"
        return {
            "type": f"/problems/invalid-{what}",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": wording.say(f"serve_invalid_{what}", self.lang, n=len(errors)),
            "errors": errors,
        }

    # --- paths and their components --------------------------------------------------------

    def encoding(self) -> dict[str, Any]:
        """``encoding`` of the multipart application (docs/targets/openapi.md, "Multipart
        encoding"; :mod:`.multipart` decodes it): each entry of a group is an
        ``application/json`` part; a number (or a choice of numbers) is in ``form`` style,
        its text (RFC 6570), so that validators such as openapi-core read it as a number;
        any other multiple choice is one ``text/plain`` part per value (an entry of its own,
        or openapi-generator's clients join the values with commas into one part); a
        document is a file part of one of its types. A boolean is the text ``true`` or
        ``false`` (``FormBoolean``), a text part like any other."""
        out: dict[str, Any] = {}
        for f in self.fields:
            part = f.facts.form_part
            if part is FormPart.NUMBER or (
                    part in (FormPart.OPTION, FormPart.VALUES) and f.numeric_options):
                out[f.id] = {"style": "form", "explode": True}
            elif part in (FormPart.VALUES, FormPart.ENTRIES):  # an entry's JSON is a text
                out[f.id] = {"contentType": "text/plain"}
        for d in self.p.uploadable_documents:
            out[d.id] = {"contentType": ", ".join(d.accept) or "application/octet-stream"}
        return out

    def request_bodies(self) -> dict[str, Any]:
        """``components/requestBodies``: the application (multipart), the answers (JSON) and
        a draft (JSON)."""
        name = self.prefix
        form: dict[str, Any] = {"schema": ref(f"{name}Application")}
        encoding = self.encoding()
        if encoding:
            form["encoding"] = encoding
        answers: dict[str, Any] = {"schema": ref(f"{name}Answers")}
        if self.example_complete:  # PG531 on a required field: no valid example to show
            form["examples"] = {
                "complete": {**self.texts.said(summary=words("openapi_application_example")),
                             "value": self.application_example()}
            }
            answers["example"] = self.answers
        return {
            f"{name}Application": {
                **self.texts.said(description=words("openapi_application_body")),
                "required": True,
                "content": {"multipart/form-data": form},
            },
            f"{name}Answers": {
                **self.texts.said(description=words("openapi_answers_body")),
                "required": True,
                "content": {"application/json": answers},
            },
            **self.drafts().request_bodies(),
        }

    def responses(self) -> dict[str, Any]:
        """``components/responses``: the procedure's own answers (with their examples)."""
        name = self.prefix
        return {
            f"{name}Description": {
                **self.texts.said(description=words("openapi_described")),
                "content": {
                    "application/json": {
                        "schema": ref("ProcedureDescription"),
                        "example": self.description(),
                    }
                },
            },
            f"{name}Received": {
                **self.texts.said(description=words("openapi_received")),
                "headers": {
                    "Location": {
                        **self.texts.said(description=words("openapi_received_location")),
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
            f"{name}Quoted": {
                **self.texts.said(description=words("openapi_quoted")),
                "content": {
                    "application/json": {
                        "schema": ref(f"{name}Quote"),
                        "example": examples.example_quote(self.p, self.answers, self.local),
                    }
                },
            },
            f"{name}InvalidApplication": self.unprocessable(self.problem_example(files=True)),
            f"{name}InvalidAnswers": self.unprocessable(self.problem_example(files=False)),
            **self.drafts().responses(),
        }

    def worded(self, summary: str, description: str) -> dict[str, Any]:
        """An operation's ``summary`` and ``description``: the catalogue's, of this
        procedure."""
        return self.texts.said(summary=words(summary, title=self.plain_title),
                               description=words(description, title=self.title))

    def paths(self) -> dict[str, Any]:
        """The procedure's paths; bodies and answers are references to
        :meth:`request_bodies` and :meth:`responses`. Each operation lists exactly the
        statuses :mod:`procgen.serve.api` can answer: a procedure the portal no longer offers
        is a 404 (``ProcedureNotFound``, :meth:`.drafts.Drafts.problems`) on every one."""
        pid, name = self.p.id, self.prefix
        base = f"/procedures/{pid}"
        gone = {"404": _ref("responses", "ProcedureNotFound")}
        submit: dict[str, Any] = {
            "tags": [pid],
            "operationId": f"submit{name}Application",
            **self.worded("openapi_submit_summary", "openapi_submit_description"),
            "security": [{"bearerAuth": []}],
            "requestBody": _ref("requestBodies", f"{name}Application"),
            "responses": {
                "201": _ref("responses", f"{name}Received"),
                **responses("BadRequest", "Unauthorized"),
                **gone,
                **responses("PayloadTooLarge", "UnsupportedMediaType"),
                "422": _ref("responses", f"{name}InvalidApplication"),
                **responses("TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        default_channel = self.p.default_channel
        quote: dict[str, Any] = {
            "tags": [pid],
            "operationId": f"quote{name}Fees",
            **self.worded("openapi_quote_summary", "openapi_quote_description"),
            "security": [],
            "parameters": [
                {
                    "name": "channel",
                    "in": "query",
                    "required": False,
                    **self.texts.said(description=words("openapi_quote_channel")),
                    "schema": {
                        "type": "string",
                        "enum": list(self.p.channel_names),
                        "default": default_channel,
                    },
                },
                self.locality_parameter(),
            ],
            "requestBody": _ref("requestBodies", f"{name}Answers"),
            "responses": {
                "200": _ref("responses", f"{name}Quoted"),
                **responses("BadRequest"),
                **gone,
                **responses("PayloadTooLarge", "UnsupportedMediaType"),
                "422": _ref("responses", f"{name}InvalidAnswers"),
                **responses("TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        get = {
            "tags": [pid],
            "operationId": f"get{name}",
            **self.worded("openapi_describe_summary", "openapi_describe_description"),
            "security": [],
            "responses": {
                "200": _ref("responses", f"{name}Description"),
                **gone,
                **responses("NotAcceptable", "TooManyRequests", "ServerError", "Unavailable"),
            },
        }
        return {
            base: {"get": get},
            f"{base}/applications": {"post": submit},
            f"{base}/fee-quote": {"post": quote},
            f"{base}/drafts": {"post": self.drafts().operation()},
            f"{base}/drafts/{{token}}": self.drafts().token_path(),
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
            description = words("openapi_quote_site", site=same(site.id))
        else:
            description = words("openapi_quote_locality")
        return {"name": "locality", "in": "query", "required": False,
                **self.texts.said(description=description), "schema": schema}

    def unprocessable(self, example: dict[str, Any]) -> dict[str, Any]:
        """A 422 of the procedure's rules, with its ``example``."""
        return {
            **self.texts.said(description=words("openapi_unprocessable")),
            "content": {PROBLEM: {"schema": ref("Problem"), "example": example}},
        }


def _form_boolean(prop: dict[str, Any]) -> dict[str, Any]:
    """A boolean's property in the multipart application: the text ``true`` or ``false``
    (``FormBoolean``), which every client sends as written and every validator reads."""
    out: dict[str, Any] = {"$ref": REF + "FormBoolean"}
    for key, value in prop.items():
        if key == "default":
            out[key] = "true" if value else "false"
        elif key != "type":
            out[key] = value
    return out


def _form_group(prop: dict[str, Any]) -> dict[str, Any]:
    """A group's property in the multipart application: a list of texts, each one entry's
    JSON (``contentMediaType``), whose schema is the entry's (``contentSchema``). Client
    generators send a list of texts one part per text, as the encoding asks; a list of
    objects some of them cannot send (openapi-generator's typescript-fetch appends
    ``[object Object]``)."""
    out = {k: v for k, v in prop.items() if k != "items"}
    out["items"] = {"type": "string", "contentMediaType": "application/json",
                    "contentSchema": prop["items"]}
    return out


def form_entry(entry: Any) -> str:
    """One entry of a group as its multipart part says it: JSON, UTF-8, as written."""
    return json.dumps(entry, ensure_ascii=False)


def _form_value(part: FormPart | None, value: Any) -> Any:
    """An answer as the multipart application states it: a boolean as its text, a group's
    entries as their JSON texts."""
    if part is FormPart.FLAG:
        return _texts(value)
    if part is FormPart.ENTRIES and isinstance(value, list):
        return [form_entry(entry) for entry in value]
    return value


def _form_conditions(node: Any, flags: set[str]) -> Any:
    """``if``/``then`` of the answers restated for the multipart application, where a boolean
    is the text ``true``/``false``: ``{"const": True}`` on a boolean's property becomes
    ``{"const": "true"}``."""
    if isinstance(node, list):
        return [_form_conditions(v, flags) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {
                name: _texts(sub) if name in flags else _form_conditions(sub, flags)
                for name, sub in value.items()
            }
        else:
            out[key] = _form_conditions(value, flags)
    return out


def _texts(node: Any) -> Any:
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, list):
        return [_texts(v) for v in node]
    if isinstance(node, dict):
        return {k: v if k.startswith("x-") else _texts(v) for k, v in node.items()}
    return node


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def ident(field_id: str) -> str:
    """A field id in PascalCase, for a type name: ``child_birth_date`` → ``ChildBirthDate``.

    >>> ident("child_birth_date"), ident("x2_y")
    ('ChildBirthDate', 'X2Y')
    """
    return "".join(part[:1].upper() + part[1:] for part in field_id.split("_"))


def _escaped(text: Text) -> Words:
    """The author's ``text`` in a language, escaped for a description (:func:`md`)."""
    return lambda lang: md(text.get(lang))


def _described(label: Text, notes: list[Words]) -> Words:
    """A property's or a document's ``description`` in a language: its label, then its hint
    and notes."""
    def said(lang: str) -> str:
        rest = " ".join(note(lang) for note in notes)
        return md(label.get(lang)) + ("\n\n" + rest if rest else "")

    return said


def _replace(schema: dict[str, Any], target: dict[str, str]) -> None:
    """``schema`` becomes a reference to ``target`` that keeps its own annotations."""
    rest = dict(schema)
    schema.clear()
    schema.update(target)
    schema.update(rest)


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
