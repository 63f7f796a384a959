"""What a procedure is in each locality: the amounts and offices every target shows.

The procedure is national; a locality overlay fills in what it leaves open (``set_by:
locality`` fees) and says where to go in person. :func:`local_facts` resolves that once for
one procedure, and the web form, the mobile file, the OpenAPI description and ``quote`` all
read it. Which locality handles an application is the answer to the procedure's
``locality_field`` (a ``provinces`` choice: the option ``ha_noi`` is the locality ``ha-noi``),
or, before that is answered, the province the applicant picks; a locality's own site
(``procgen build --locality``) has exactly one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from procgen.model.ir import LocalAmount, Locality, Office, Procedure, Text

PROVINCES = "provinces"
"""The option list whose answers name a locality (``lists/provinces.yaml``)."""
ADDRESS_BLOCK = "address"
"""The block (``common/address.yaml``) whose province question, unless the procedure names
another ``locality_field``, says where the application is handled."""


def locality_id(value: object) -> str:
    """The locality an option value of the provinces list names.

    >>> locality_id("ha_noi"), locality_id("ho_chi_minh")
    ('ha-noi', 'ho-chi-minh')
    """
    return str(value).replace("_", "-")


def option_value(locality: str) -> str:
    """The provinces-list option value of a locality id (the inverse of :func:`locality_id`)."""
    return locality.replace("-", "_")


class Local(Struct, frozen=True):
    """One locality's facts for one procedure."""

    id: str
    name: Text
    fees: tuple[tuple[str, LocalAmount], ...]
    """``(fee id, amount)`` for each of the procedure's ``set_by: locality`` fees it sets."""
    offices: tuple[Office, ...]

    def amount(self, fee: str) -> LocalAmount | None:
        return next((a for f, a in self.fees if f == fee), None)


class LocalFacts(Struct, frozen=True):
    """A procedure across the localities (or on one locality's own site)."""

    places: tuple[Local, ...]
    """Every locality, in id order; on a locality site, that one alone."""
    field: str | None
    """The question whose answer picks the place (a top-level choice of provinces)."""
    site: bool = False
    """A locality's own site: ``places`` holds its one locality, always applied."""
    local_fees: tuple[str, ...] = ()
    """The procedure's ``set_by: locality`` fees, in procedure order."""

    @property
    def depends(self) -> bool:
        """True when what the citizen sees differs by locality (amounts or offices)."""
        return bool(self.places) and (bool(self.local_fees)
                                      or any(p.offices for p in self.places))

    @property
    def picker(self) -> bool:
        """The start page asks for the province: nothing else in the form says it."""
        return self.depends and not self.site and self.field is None

    @property
    def the_place(self) -> Local | None:
        """On a locality site, its locality."""
        return self.places[0] if self.site and self.places else None

    def place(self, locality: str | None) -> Local | None:
        return next((p for p in self.places if p.id == locality), None)

    def options(self) -> dict[str, str]:
        """Option value of the locality field → locality id, for the places that exist."""
        return {option_value(p.id): p.id for p in self.places}


def local_facts(procedure: Procedure, localities: tuple[Locality, ...],
                site: Locality | None = None) -> LocalFacts:
    """Resolve ``procedure`` in every locality (or, with ``site``, in that one)."""
    chosen = (site,) if site is not None else tuple(sorted(localities, key=lambda x: x.id))
    local_fees = tuple(f.id for f in procedure.fees if f.set_by_locality)
    places = tuple(
        Local(loc.id, loc.name,
              tuple((fid, a) for fid in local_fees
                    if (a := loc.fee(procedure.id, fid)) is not None),
              loc.offices_for(procedure))
        for loc in chosen)
    return LocalFacts(places, procedure.locality_field, site is not None, local_fees)


def answered_locality(procedure: Procedure, answers: Mapping[str, Any]) -> str | None:
    """The locality the answers name through the procedure's locality field, if any."""
    if procedure.locality_field is None:
        return None
    value = answers.get(procedure.locality_field)
    return None if value is None else locality_id(value)
