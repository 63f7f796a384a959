"""Components every spec shares: problem details, the procedure description, quotes, statuses.

Texts of the public description are :data:`LOCALIZED` objects (``{"vi": …, "en": …}``) so one
response serves every language; the spec's own titles and descriptions are in the default
language, with the others under ``x-procgen-i18n``.
"""

from __future__ import annotations

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


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def localized_schema(languages: tuple[str, ...], default: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A text in each of the portal's languages (keys are language codes).",
        "properties": {lang: {"type": "string"} for lang in languages},
        "required": [default],
        "additionalProperties": {"type": "string"},
    }


def duration_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A processing time: exactly one of `working_days` or `hours`.",
        "properties": {
            "working_days": {"type": "number", "minimum": 0},
            "hours": {"type": "number", "minimum": 0},
        },
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
    }


def problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": (
            "Problem details (RFC 9457). `errors` lists every problem with the answers or "
            "files, each located by a JSON Pointer into the answers object (`#/children/0/"
            "child_name`) or naming the document part (`#/photo`)."
        ),
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "default": "about:blank"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"},
            "errors": {"type": "array", "items": ref("FieldError")},
        },
        "required": ["type", "title", "status"],
    }


def field_error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One problem with one answer or file.",
        "properties": {
            "pointer": {
                "type": "string",
                "description": "JSON Pointer (as a URI fragment) to the answer or document.",
                "pattern": "^#(/[^/]+)*$",
            },
            "code": {"type": "string", "enum": list(ERROR_CODES)},
            "rule": {
                "type": "string",
                "description": "The `id` of the `x-procgen-rules` entry that failed, if any.",
            },
            "detail": {
                "type": "string",
                "description": "A readable message in the language asked for "
                "(`Accept-Language`), from the rule's `message` where there is one.",
            },
        },
        "required": ["pointer", "code", "detail"],
    }


def description_schema() -> dict[str, Any]:
    text = ref("LocalizedText")
    optional_text = {"oneOf": [text, {"type": "null"}]}
    return {
        "type": "object",
        "description": "The public description of a procedure, as published.",
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
                    results={
                        "type": "array",
                        "items": {"type": "string", "enum": ["electronic", "post", "desk"]},
                        "description": "How the result reaches the applicant on this channel "
                        "(an electronic copy with legal value, by post, at the office); empty "
                        "when the procedure does not say.",
                    },
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
                    payment={
                        "type": "array",
                        "items": {"type": "string", "enum": ["online", "desk", "post"]},
                        "description": "How the fee can be paid: online (the national "
                        "portal's payment platform), at the office, by post.",
                    },
                    amount={
                        "type": ["integer", "null"],
                        "description": "A fixed amount in VND; null when it depends on the "
                        "answers (ask for a fee quote) or is set by each locality.",
                    },
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
            "localities": {
                "type": "array",
                "description": "Only when the procedure differs by locality: each locality's "
                "amounts for the fees it sets and its offices (on a locality's own site, that "
                "one). A `placeholder` is not yet confirmed: never show it as a real fee.",
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
                                "source": source_schema("The act that sets the amount."),
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
            },
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
    }


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties)}


def source_schema(description: str) -> dict[str, Any]:
    """A fact's source as every artifact prints it (:meth:`Source.as_dict`)."""
    return {
        "type": "object",
        "description": description,
        "properties": {
            "act": {"type": "string"},
            "record": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)+$"},
            "url": {"type": "string", "format": "uri"},
        },
        "minProperties": 1,
        "additionalProperties": False,
    }


def confidence_schema(what: str) -> dict[str, Any]:
    """How sure a printed fact is, given only when it is not ``sourced``
    (:attr:`Provenance.level`)."""
    return {
        "type": "string",
        "enum": ["weak", "inferred", "placeholder", "unsourced"],
        "description": f"Only when {what} is not sourced: only weakly sourced, inferred, a "
        "placeholder, or without a source. Never show it as a certain fact.",
    }


def quote_schema(
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
    return {
        "type": "object",
        "description": (
            "Fees and processing time for the answers, exactly as `procgen quote` prints "
            "them: a fee that does not apply is left out; an exempt fee is listed with "
            "`exempt: true` and counts 0; a fee set by each locality is listed with "
            "`amount: null` and not counted when no locality is given: `total` is then null, "
            "`complete` false and the known part in `known_total`. A locality's amount not yet "
            "confirmed is counted but marked `placeholder: true`, and the quote "
            "`provisional: true`."
        ),
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
                        "placeholder": {
                            # not `const: true`: openapi-python-client 0.29 writes invalid
                            # Python for an optional non-string const
                            "type": "boolean",
                            "description": "Only when true (never false): the locality's "
                            "amount is a placeholder, not yet confirmed by its own act: never "
                            "show it as a real fee.",
                        },
                        "source": source_schema("Where the amount comes from: the fee's "
                                                "source, or the act that sets the locality's "
                                                "amount."),
                        "confidence": confidence_schema("the amount"),
                    },
                    "required": ["id", "amount", "exempt"],
                    "additionalProperties": False,
                },
            },
            "total": {
                "type": ["integer", "null"],
                "minimum": 0,
                "description": "The sum of the amounts; null when one is unknown.",
            },
            "known_total": {
                "type": "integer",
                "minimum": 0,
                "description": "Only when `complete` is false: the sum of the known amounts.",
            },
            "complete": {
                "type": "boolean",
                "description": "Every charged fee has an amount.",
            },
            "provisional": {
                "type": "boolean",
                "description": "Only when true (never false): some counted amount is a "
                "placeholder.",
            },
            "currency": {"type": "string", "const": "VND"},
            "processing_time": ref("Duration"),
            "processing_time_confidence": confidence_schema("the processing time"),
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
    }


def status_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Where an application stands.",
        "properties": {
            "application_id": {"type": "string", "pattern": "^[A-Za-z0-9-]{6,64}$"},
            "procedure": {"type": "string"},
            "revision": {"type": "integer", "minimum": 1},
            "status": {"type": "string", "enum": list(STATUSES)},
            "current_step": {
                "type": ["string", "null"],
                "description": "The `id` of the procedure step under way.",
            },
            "submitted_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "due_on": {
                "type": ["string", "null"],
                "format": "date",
                "description": "When the result is due, from the processing time.",
            },
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
    }


def form_boolean_schema() -> dict[str, Any]:
    return {
        "type": "string",
        "enum": ["true", "false"],
        "description": "A yes/no answer as a part of a multipart form: the text `true` or "
        "`false`, exactly (in the answers object, the JSON `true` or `false`).",
    }


def shared_schemas(languages: tuple[str, ...], default: str) -> dict[str, Any]:
    return {
        "FormBoolean": form_boolean_schema(),
        "LocalizedText": localized_schema(languages, default),
        "Duration": duration_schema(),
        "Problem": problem_schema(),
        "FieldError": field_error_schema(),
        "ProcedureDescription": description_schema(),
        "ApplicationStatus": status_schema(),
    }


_PROBLEMS: dict[str, tuple[str, str]] = {
    "BadRequest": (
        "400",
        "The request cannot be read (a malformed body or a JSON part that is not JSON).",
    ),
    "Unauthorized": ("401", "No valid login: send `Authorization: Bearer <token>`."),
    "Forbidden": ("403", "The login may not see or act on this application."),
    "NotFound": ("404", "No such application."),
    "NotAcceptable": (
        "406",
        "Only `application/json` (and `application/problem+json` for errors) can be returned.",
    ),
    "PayloadTooLarge": (
        "413",
        "The request, or one file in it, is larger than allowed; each "
        "document's limit is its `x-procgen-max-size-mb`.",
    ),
    "UnsupportedMediaType": (
        "415",
        "The body's media type, or a file's type, is not one accepted.",
    ),
    "TooManyRequests": ("429", "Too many requests; retry after `Retry-After` seconds."),
    "ServerError": ("500", "The server failed; the request may be retried."),
    "Unavailable": ("503", "The service is down for maintenance; retry after `Retry-After`."),
}


def problem_responses() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (status, text) in _PROBLEMS.items():
        response: dict[str, Any] = {
            "description": text,
            "content": {PROBLEM: {"schema": ref("Problem"), "example": _problem_example(status)}},
        }
        if status in ("429", "503"):
            response["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before retrying.",
                    "schema": {"type": "integer", "minimum": 0},
                }
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
