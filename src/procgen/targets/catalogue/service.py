"""One procedure as CPSV-AP 3.2.0 nodes: a ``cpsv:PublicService`` and what it refers to.

Every value is read from the model (:mod:`procgen.model.ir`) and every text from the
procedure or the wording catalogue (:mod:`procgen.wording`); the mapping table is in
``docs/targets/catalogue.md``. Nodes are flat JSON-LD objects with an ``@id`` each, so the
portal file merges them by ``@id``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procgen import wording

if TYPE_CHECKING:
    from procgen.model.ir import Fee, Procedure, Settings, Text

Node = dict[str, Any]

AUTHORITY = "http://publications.europa.eu/resource/authority/"
"""The EU Publications Office's authority tables (currencies, countries)."""

COUNTRY = "VNM"
"""``dct:spatial`` of every competent authority (mandatory in CPSV-AP): Viet Nam, the country
whose procedures the DSL describes (national ids, provinces, đồng)."""


def iris(settings: Settings) -> str:
    """The prefix of every IRI this target mints: ``{base_url}/id/`` when ``base_url`` is set,
    else ``urn:procgen:`` (docs/targets/catalogue.md, "IRIs").

    >>> from procgen.model.ir import Settings
    >>> iris(Settings(("vi",), "vi", base_url="https://x.gov.vn/tt")), iris(Settings(("vi",), "vi"))
    ('https://x.gov.vn/tt/id/', 'urn:procgen:')
    """
    return f"{settings.base_url}/id/" if settings.base_url else "urn:procgen:"


def _sep(settings: Settings) -> str:
    return "/" if settings.base_url else ":"


def service_iri(procedure_id: str, settings: Settings) -> str:
    """The ``cpsv:PublicService`` IRI of a procedure."""
    return f"{iris(settings)}procedure{_sep(settings)}{procedure_id}"


def _under(service: str, settings: Settings, *parts: str) -> str:
    sep = _sep(settings)
    return service + sep + sep.join(parts)


def texts(t: Text, languages: tuple[str, ...]) -> list[dict[str, str]]:
    """``t`` as language-tagged strings, one per project language, in project order."""
    return [{"@language": lang, "@value": t.get(lang)} for lang in languages]


def _worded(languages: tuple[str, ...], say: Any) -> list[dict[str, str]]:
    return [{"@language": lang, "@value": say(lang)} for lang in languages]


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def nodes(procedure: Procedure, settings: Settings) -> list[Node]:
    """The procedure's nodes: the public service first, then what it refers to."""
    langs = settings.languages
    sid = service_iri(procedure.id, settings)
    service: Node = {
        "@id": sid,
        "@type": "cpsv:PublicService",
        "dct:identifier": procedure.id,
        "dct:title": texts(procedure.title, langs),
        # mandatory in CPSV-AP: a procedure without a summary is described by its title
        "dct:description": texts(procedure.summary or procedure.title, langs),
    }
    out: list[Node] = [service]
    if procedure.code is not None:
        service["adms:identifier"] = {"@type": "adms:Identifier",
                                      "skos:notation": procedure.code}
    if procedure.agency is not None:
        authority = _under(sid, settings, "competent-authority")
        service["cv:hasCompetentAuthority"] = _ref(authority)
        country = f"{AUTHORITY}country/{COUNTRY}"
        out.append({"@id": authority, "@type": "cv:PublicOrganisation",
                    "skos:prefLabel": texts(procedure.agency, langs),
                    "dct:spatial": _ref(country)})
        out.append({"@id": country, "@type": "dct:Location"})
    channels = {c.name: _under(sid, settings, "channel", c.name) for c in procedure.channels}
    service["cv:hasChannel"] = [_ref(channels[c.name]) for c in procedure.channels]
    for c in procedure.channels:
        kind = f"{iris(settings)}channel-type{_sep(settings)}{c.name}"
        out.append({"@id": channels[c.name], "@type": "cv:Channel",
                    "dct:identifier": c.name,
                    "dct:type": _ref(kind),
                    "cv:processingTime": {"@type": "xsd:duration",
                                          "@value": c.processing_time.iso8601}})
        out.append({"@id": kind, "@type": "skos:Concept",
                    "skos:prefLabel": _worded(langs, lambda lang, n=c.name: wording.say(n, lang))})
    costs = [cost for fee in procedure.fees for cost in _costs(fee, sid, channels, settings)]
    if costs:
        service["cv:hasCost"] = [_ref(cost["@id"]) for cost in costs]
        currency = f"{AUTHORITY}currency/{settings.currency}"
        out.extend(costs)
        out.append({"@id": currency, "@type": "skos:Concept"})
    if procedure.documents:
        service["cpsv:hasInput"] = []
    for d in procedure.documents:
        evidence = _under(sid, settings, "document", d.id)
        service["cpsv:hasInput"].append(_ref(evidence))
        node: Node = {"@id": evidence, "@type": "cv:Evidence", "dct:identifier": d.id,
                      "dct:title": texts(d.title, langs)}
        if d.hint is not None:
            node["dct:description"] = texts(d.hint, langs)
        out.append(node)
    if procedure.outputs:
        service["cpsv:produces"] = []
    for o in procedure.outputs:
        output = _under(sid, settings, "output", o.id)
        service["cpsv:produces"].append(_ref(output))
        out.append({"@id": output, "@type": "cv:Output", "dct:identifier": o.id,
                    "dct:title": texts(o.title, langs)})
    if procedure.legal_basis:
        service["cv:hasLegalResource"] = []
    for n, basis in enumerate(procedure.legal_basis, 1):
        legal = _under(sid, settings, "legal-basis", str(n))
        service["cv:hasLegalResource"].append(_ref(legal))
        node = {"@id": legal, "@type": "eli:LegalResource",
                "dct:title": texts(basis.title, langs)}
        if basis.number is not None:
            node["dct:identifier"] = basis.number
        if basis.article is not None:
            node["dct:description"] = _worded(
                langs, lambda lang, a=basis.article: wording.say("article", lang, article=a))
        if basis.url is not None:
            node["dct:source"] = _ref(basis.url)
        out.append(node)
    return out


def _costs(fee: Fee, sid: str, channels: dict[str, str], settings: Settings) -> list[Node]:
    """The ``cv:Cost`` nodes of one fee: one when it is charged on every channel of the
    procedure (no ``cv:ifAccessedThrough``: whatever the channel), else one per channel it is
    charged on, each linked to its channel (the property takes one channel at most)."""
    every = set(fee.channels) >= set(channels)
    through: tuple[str | None, ...] = (None,) if every else tuple(
        c for c in channels if c in fee.channels)
    out = []
    for channel in through:
        iri = _under(sid, settings, "fee", fee.id, *((channel,) if channel else ()))
        node: Node = {"@id": iri, "@type": "cv:Cost",
                      "dct:identifier": f"{fee.id}/{channel}" if channel else fee.id,
                      "cv:currency": _ref(f"{AUTHORITY}currency/{settings.currency}"),
                      "dct:description": _worded(settings.languages,
                                                 lambda lang: fee_description(fee, lang))}
        if isinstance(fee.amount, int):
            node["cv:hasValue"] = {"@type": "xsd:double", "@value": str(fee.amount)}
        if channel is not None:
            node["cv:ifAccessedThrough"] = _ref(channels[channel])
        out.append(node)
    return out


def fee_description(fee: Fee, lang: str) -> str:
    """The fee's label, then, as the web page's fee table words them: why it has no value
    (set by the province within its range, or worked out from the answers), when it applies
    only in some cases, its validity window and its exemptions."""
    parts = [fee.label.get(lang)]
    if not isinstance(fee.amount, int):
        parts.append(wording.fee_amount(fee, lang))
    return "; ".join([*parts, *wording.fee_notes(fee, lang)])
