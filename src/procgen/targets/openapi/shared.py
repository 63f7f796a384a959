"""Components every spec shares: problem details, the procedure description, quotes, statuses.

Texts of the public description are :data:`LOCALIZED` objects (``{"vi": …, "en": …}``) so one
response serves every language; the spec's own titles and descriptions are the wording
catalogue's (:mod:`procgen.wording.openapi`), in the default language, with the others under
``x-procgen-i18n`` (:class:`Texts`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PROBLEM = "application/problem+json"
REF = "#/components/schemas/"

ERROR_CODES = (
    "answer-unknown-field",
    "answer-wrong-type",
    "answer-not-an-option",
    "answer-missing",
    "answer-constraint",
    "answer-out-of-bounds",
    "answer-repeat-count",
    "answer-national-id",
    "document-missing",
    "document-type",
    "document-too-large",
    "document-unknown",
)
"""``errors[].code`` of a 422 answer: the ``procgen quote`` slugs (PG601–PG608) plus files."""

STATUSES = (
    "received",
    "in_review",
    "needs_more_information",
    "approved",
    "rejected",
    "result_ready",
    "completed",
    "withdrawn",
)


Words = Callable[[str], str]
"""A text in a language."""


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def words(key: str, **params: Words) -> Words:
    """The catalogue's ``key`` in a language (:func:`.drafts.words`, imported when called:
    :mod:`.drafts` imports this module)."""
    from procgen.targets.openapi.drafts import words as catalogue

    return catalogue(key, **params)


def same(text: str) -> Words:
    """A parameter said alike in every language (an expression, a number, an id)."""
    return lambda _lang: text


class Texts:
    """The catalogue's texts as one spec writes them: in its default language, the other
    languages under ``x-procgen-i18n`` where they differ (:func:`.drafts.worded`)."""

    def __init__(self, languages: tuple[str, ...], default: str) -> None:
        self.langs = languages
        self.lang = default

    def said(self, **texts: Words) -> dict[str, Any]:
        from procgen.targets.openapi.drafts import worded

        return worded(self.langs, self.lang, **texts)

    def described(self, key: str, node: dict[str, Any], **params: Words) -> dict[str, Any]:
        """``node`` with the catalogue's ``key`` as its description, first."""
        return {**self.said(description=words(key, **params)), **node}


def localized_schema(t: Texts) -> dict[str, Any]:
    languages, default = t.langs, t.lang
    return t.described("openapi_localized", {
        "type": "object",
        "properties": {lang: {"type": "string"} for lang in languages},
        "required": [default],
        "additionalProperties": {"type": "string"},
    })


def duration_schema(t: Texts) -> dict[str, Any]:
    return t.described("openapi_duration", {
        "type": "object",
        "properties": {
            "working_days": {"type": "number", "minimum": 0},
            "days": {"type": "number", "minimum": 0},
            "hours": {"type": "number", "minimum": 0},
        },
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
    })


def problem_schema(t: Texts) -> dict[str, Any]:
    return t.described("openapi_problem", {
        "type": "object",
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "default": "about:blank"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"},
            "errors": {"type": "array", "items": ref("FieldError")},
        },
        "required": ["type", "title", "status"],
    })


def field_error_schema(t: Texts) -> dict[str, Any]:
    return t.described("openapi_field_error", {
        "type": "object",
        "properties": {
            "pointer": t.described("openapi_field_error_pointer", {
                "type": "string",
                "pattern": "^#(/[^/]*)*$",  # RFC 6901: a key may be empty
            }),
            "code": {"type": "string", "enum": list(ERROR_CODES)},
            "rule": t.described("openapi_field_error_rule", {"type": "string"}),
            "detail": t.described("openapi_field_error_detail", {"type": "string"}),
        },
        "required": ["pointer", "code", "detail"],
    })


def description_schema(t: Texts) -> dict[str, Any]:
    text = ref("LocalizedText")
    optional_text = {"oneOf": [text, {"type": "null"}]}
    return t.described("openapi_description", {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
            "code": {"type": ["string", "null"]},
            "revision": {"type": "integer", "minimum": 1},
            "effective_from": {"type": ["string", "null"], "format": "date"},
            "title": text,
            "summary": optional_text,
            "level": {"type": ["string", "null"], "enum": ["central", "province", "commune", None]},
            "sector": {"type": ["string", "null"]},
            "agency": optional_text,
            "audience": {"type": "array", "items": {"type": "string"}},
            "fully_online": {"type": "boolean"},
            "legal_basis": {
                "type": "array",
                "items": _object(
                    title=text,
                    number={"type": ["string", "null"]},
                    article={"type": ["string", "null"]},
                    url={"type": ["string", "null"], "format": "uri"},
                ),
            },
            "channels": {
                "type": "array",
                "items": _object(
                    name={"type": "string", "enum": ["online", "in_person", "postal"]},
                    processing_time=ref("Duration"),
                    time_cases=t.described("openapi_channel_time_cases", {
                        "type": "array",
                        "items": _object(label=text, processing_time=ref("Duration")),
                    }),
                    results=t.described("openapi_channel_results", {
                        "type": "array",
                        "items": {"type": "string", "enum": ["electronic", "post", "desk"]},
                    }),
                ),
            },
            "documents": {
                "type": "array",
                "items": _object(
                    id={"type": "string"},
                    title=text,
                    originals={"type": "integer", "minimum": 0},
                    copies={"type": "integer", "minimum": 0},
                    required={"type": "string", "enum": ["always", "conditional", "optional"]},
                    present_only={"type": "boolean"},
                    held_by_state={"type": ["string", "null"]},
                    uploadable={"type": "boolean"},
                    accept={"type": "array", "items": {"type": "string"}},
                    max_size_mb={"type": ["number", "null"]},
                    template={
                        "oneOf": [
                            _object(code={"type": "string"}, title=optional_text),
                            {"type": "null"},
                        ]
                    },
                ),
            },
            "fees": {
                "type": "array",
                "items": _object(
                    id={"type": "string"},
                    label=text,
                    channels={"type": "array", "items": {"type": "string"}},
                    payment=t.described("openapi_fee_payment", {
                        "type": "array",
                        "items": {"type": "string", "enum": ["online", "desk", "post"]},
                    }),
                    amount=t.described("openapi_fee_amount", {"type": ["integer", "null"]}),
                    depends_on_answers={"type": "boolean"},
                    set_by_locality={"type": "boolean"},
                    range={
                        "oneOf": [
                            _object(min={"type": "integer"}, max={"type": "integer"}),
                            {"type": "null"},
                        ]
                    },
                    valid_from={"type": ["string", "null"], "format": "date"},
                    valid_until={"type": ["string", "null"], "format": "date"},
                    exemptions={"type": "array", "items": text},
                ),
            },
            "steps": {
                "type": "array",
                "items": _object(
                    id={"type": "string"},
                    actor={"type": "string", "enum": ["applicant", "agency", "system"]},
                    title=text,
                    duration={"oneOf": [ref("Duration"), {"type": "null"}]},
                    presence_required={"type": "boolean"},
                ),
            },
            "outputs": {
                "type": "array",
                "items": _object(
                    id={"type": "string"},
                    title=text,
                    electronic={"type": "boolean"},
                ),
            },
            "localities": t.described("openapi_localities", {
                "type": "array",
                "items": _object(
                    id={"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
                    name=text,
                    fees={
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "amount": {"type": "integer", "minimum": 0},
                                "placeholder": {"type": "boolean"},
                                "source": source_schema(t, "openapi_local_source"),
                            },
                            "required": ["id", "amount", "placeholder"],
                        },
                    },
                    offices={
                        "type": "array",
                        "items": _object(
                            name=text,
                            address={"type": ["string", "null"]},
                            phone={"type": ["string", "null"]},
                            hours=optional_text,
                            email={"type": ["string", "null"]},
                            url={"type": ["string", "null"]},
                            map_url={"type": ["string", "null"]},
                            placeholder={"type": "boolean"},
                        ),
                    },
                ),
            }),
        },
        "required": [
            "id",
            "revision",
            "title",
            "fully_online",
            "channels",
            "documents",
            "fees",
            "steps",
            "legal_basis",
        ],
    })


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties)}


def source_schema(t: Texts, key: str) -> dict[str, Any]:
    """A fact's source as every artifact prints it (:meth:`Source.as_dict`), described by the
    catalogue's ``key``."""
    return t.described(key, {
        "type": "object",
        "properties": {
            "act": {"type": "string"},
            "record": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)+$"},
            "url": {"type": "string", "format": "uri"},
        },
        "minProperties": 1,
        "additionalProperties": False,
    })


def confidence_schema(t: Texts, what: str) -> dict[str, Any]:
    """How sure a printed fact (the catalogue's ``what``) is, given only when it is not
    ``sourced`` (:attr:`Provenance.level`)."""
    return t.described("openapi_confidence", {
        "type": "string",
        "enum": ["weak", "inferred", "placeholder", "unsourced"],
    }, what=words(what))


def quote_schema(
    t: Texts,
    fee_ids: list[str] | None = None,
    channels: list[str] | None = None,
    procedure: str | None = None,
) -> dict[str, Any]:
    """The quote object of CLI.md (``procgen quote``'s output)."""
    fee_id: dict[str, Any] = {"type": "string"}
    if fee_ids:
        fee_id["enum"] = fee_ids
    channel: dict[str, Any] = {"type": "string"}
    if channels:
        channel["enum"] = channels
    pid: dict[str, Any] = {"type": "string"}
    if procedure:
        pid["const"] = procedure
    return t.described("openapi_quote", {
        "type": "object",
        "properties": {
            "procedure": pid,
            "revision": {"type": "integer", "minimum": 1},
            "channel": channel,
            "on": {"type": "string", "format": "date"},
            "locality": {"type": "string"},
            "fees": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": fee_id,
                        "amount": {"type": ["integer", "null"], "minimum": 0},
                        "exempt": {"type": "boolean"},
                        # not `const: true`: openapi-python-client 0.29 writes invalid
                        # Python for an optional non-string const
                        "placeholder": t.described("openapi_quote_placeholder",
                                                   {"type": "boolean"}),
                        "source": source_schema(t, "openapi_quote_source"),
                        "confidence": confidence_schema(t, "openapi_the_amount"),
                    },
                    "required": ["id", "amount", "exempt"],
                    "additionalProperties": False,
                },
            },
            "total": t.described("openapi_quote_total",
                                 {"type": ["integer", "null"], "minimum": 0}),
            "known_total": t.described("openapi_quote_known_total",
                                       {"type": "integer", "minimum": 0}),
            "complete": t.described("openapi_quote_complete", {"type": "boolean"}),
            "provisional": t.described("openapi_quote_provisional", {"type": "boolean"}),
            "currency": {"type": "string", "const": "VND"},
            "processing_time": ref("Duration"),
            "processing_time_confidence": confidence_schema(t, "openapi_the_processing_time"),
            "fully_online": {"type": "boolean"},
        },
        "required": [
            "procedure",
            "revision",
            "channel",
            "on",
            "fees",
            "total",
            "complete",
            "currency",
            "processing_time",
            "fully_online",
        ],
        "additionalProperties": False,
    })


def status_schema(t: Texts) -> dict[str, Any]:
    return t.described("openapi_status", {
        "type": "object",
        "properties": {
            "application_id": {"type": "string", "pattern": "^[A-Za-z0-9-]{6,64}$"},
            "procedure": {"type": "string"},
            "revision": {"type": "integer", "minimum": 1},
            "status": {"type": "string", "enum": list(STATUSES)},
            "current_step": t.described("openapi_status_step", {"type": ["string", "null"]}),
            "submitted_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "due_on": t.described("openapi_status_due",
                                  {"type": ["string", "null"], "format": "date"}),
            "message": {"oneOf": [ref("LocalizedText"), {"type": "null"}]},
        },
        "required": [
            "application_id",
            "procedure",
            "revision",
            "status",
            "submitted_at",
            "updated_at",
        ],
    })


def form_boolean_schema(t: Texts) -> dict[str, Any]:
    return t.described("openapi_form_boolean", {"type": "string", "enum": ["true", "false"]})


def shared_schemas(languages: tuple[str, ...], default: str) -> dict[str, Any]:
    t = Texts(languages, default)
    return {
        "FormBoolean": form_boolean_schema(t),
        "LocalizedText": localized_schema(t),
        "Duration": duration_schema(t),
        "Problem": problem_schema(t),
        "FieldError": field_error_schema(t),
        "ProcedureDescription": description_schema(t),
        "ApplicationStatus": status_schema(t),
    }


_PROBLEMS: dict[str, tuple[str, str]] = {
    "BadRequest": ("400", "openapi_bad_request"),
    "Unauthorized": ("401", "openapi_unauthorized"),
    "Forbidden": ("403", "openapi_forbidden"),
    "NotFound": ("404", "openapi_application_not_found"),
    "NotAcceptable": ("406", "openapi_not_acceptable"),
    "PayloadTooLarge": ("413", "openapi_too_large"),
    "UnsupportedMediaType": ("415", "openapi_unsupported"),
    "TooManyRequests": ("429", "openapi_too_many"),
    "ServerError": ("500", "openapi_server_error"),
    "Unavailable": ("503", "openapi_unavailable"),
}
"""The shared problem responses: name → (status, the catalogue's key for its description)."""


def problem_responses(languages: tuple[str, ...], default: str) -> dict[str, Any]:
    t = Texts(languages, default)
    out: dict[str, Any] = {}
    for name, (status, key) in _PROBLEMS.items():
        response: dict[str, Any] = t.described(key, {
            "content": {PROBLEM: {"schema": ref("Problem"), "example": _problem_example(status)}},
        })
        if status in ("429", "503"):
            response["headers"] = {
                "Retry-After": t.described("openapi_retry_after",
                                           {"schema": {"type": "integer", "minimum": 0}}),
            }
        out[name] = response
    return out


def _problem_example(status: str) -> dict[str, Any]:
    example: dict[str, Any] = {
        "type": "about:blank",
        "title": _PROBLEMS_BY_STATUS[status],
        "status": int(status),
    }
    return example


_PROBLEMS_BY_STATUS = {
    "400": "Bad Request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not Found",
    "406": "Not Acceptable",
    "413": "Content Too Large",
    "415": "Unsupported Media Type",
    "422": "Unprocessable Content",
    "429": "Too Many Requests",
    "500": "Internal Server Error",
    "503": "Service Unavailable",
}


def responses(*names: str) -> dict[str, Any]:
    """``{status: {$ref}}`` for the named shared problem responses."""
    return {_PROBLEMS[n][0]: {"$ref": f"#/components/responses/{n}"} for n in names}
