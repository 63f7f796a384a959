"""Validate an intercepted submission against the OpenAPI target's request schema, if built."""

from __future__ import annotations

from typing import Any

from procgen.diagnostics import DiagnosticSink
from procgen.model.ir import Portal


def request_schema(portal: Portal, pid: str) -> dict[str, Any] | None:
    """The multipart request schema of ``POST /procedures/{pid}/applications``; None when the
    OpenAPI target is not available (yet)."""
    import yaml

    from procgen.targets import EmitContext, available, get

    if "openapi" not in available():
        return None
    proc = portal.procedure(pid)
    assert proc is not None
    ctx = EmitContext(portal.settings, "test", localities=portal.localities)
    files = get("openapi").emit_procedure(proc, ctx, DiagnosticSink())
    (spec_bytes,) = [v for k, v in files.items() if k.name == f"{pid}.yaml"]
    spec = yaml.safe_load(spec_bytes)
    (path,) = [p for p in spec["paths"] if p.endswith(f"/procedures/{pid}/applications")
               or p.endswith("/applications")]
    content = spec["paths"][path]["post"]["requestBody"]["content"]["multipart/form-data"]
    schema = dict(content["schema"])
    schema["components"] = spec.get("components", {})
    return schema


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = root
        for key in schema["$ref"].removeprefix("#/").split("/"):
            node = node[key.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def coerce(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """Multipart text parts to the schema's JSON types, as a server reading them would."""
    schema = _resolve(schema, root)
    types = schema.get("type")
    types = [types] if isinstance(types, str) else types or []
    if isinstance(value, bytes):
        return "<file>"
    if isinstance(value, list):
        return [coerce(v, schema.get("items", {}), root) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: coerce(v, props.get(k, {}), root) for k, v in value.items()}
    if isinstance(value, str):
        if "integer" in types and value.lstrip("-").isdigit():
            return int(value)
        if "number" in types:
            try:
                return float(value) if "." in value else int(value)
            except ValueError:
                return value
        if "boolean" in types and value in ("true", "false"):
            return value == "true"
    return value


def validate(portal: Portal, pid: str, data: dict[str, Any]) -> list[str] | None:
    """Errors of ``data`` against the generated schema, or None when there is no schema."""
    import jsonschema

    schema = request_schema(portal, pid)
    if schema is None:
        return None
    props = _resolve(schema, schema).get("properties", {})
    typed = {k: coerce(v, props.get(k, {}), schema) for k, v in data.items()}
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(typed)]
