"""Check a decoded submission against the OpenAPI target's schemas, as a backend would.

The page's request is read by the API's decoder (:func:`tests.web.walk.decoded`); what comes
out must pass ``<Id>Answers`` (the answers, JSON-typed) and name only documents of
``<Id>Application``, each with bytes: the form sends nothing the API would refuse.
"""

from __future__ import annotations

from typing import Any

from procgen.diagnostics import DiagnosticSink
from procgen.model.ir import Portal


def spec(portal: Portal, pid: str) -> dict[str, Any]:
    """The procedure's OpenAPI document, as the target writes it."""
    import yaml

    from procgen.targets import EmitContext, get

    proc = portal.procedure(pid)
    assert proc is not None
    ctx = EmitContext(portal.settings, "test", localities=portal.localities)
    files = get("openapi").emit_procedure(proc, ctx, DiagnosticSink())
    (spec_bytes,) = [v for k, v in files.items() if k.name == f"{pid}.yaml"]
    doc: dict[str, Any] = yaml.safe_load(spec_bytes)
    return doc


def validate(portal: Portal, pid: str, data: dict[str, Any]) -> list[str]:
    """Errors of the decoded ``data`` (answers and document bytes) against the spec."""
    import jsonschema

    from procgen.targets.openapi.procedure import pascal

    doc = spec(portal, pid)
    schemas = doc["components"]["schemas"]
    documents = set(schemas[f"{pascal(pid)}Application"]["properties"]) - set(
        schemas[f"{pascal(pid)}Answers"]["properties"])
    answers = {k: v for k, v in data.items() if k not in documents}
    root = {"$ref": f"#/components/schemas/{pascal(pid)}Answers",
            "components": doc["components"]}
    validator = jsonschema.Draft202012Validator(
        root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(answers)]
    errors += [f"{k}: not a file" for k in documents & set(data)
               if not isinstance(data[k], bytes)]
    return errors
