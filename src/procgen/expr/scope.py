"""What an expression can see: the fields of a procedure, and the group it sits in."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct


class FieldSig(Struct, frozen=True):
    """What the checker knows about a field.

    Attributes:
        id: the field id.
        kind: the DSL field type (``text``, ``integer``, ``money``, ``group``...).
        options: option values of a ``choice`` or ``multichoice`` field.
        children: the fields of a ``group``.
        labels: (label, value) for each option label in every language, so that an author who
            compares with the label ("Nam") is told the value ("male").
    """

    id: str
    kind: str
    options: tuple[str, ...] | None = None
    children: tuple[FieldSig, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()


class Scope(Struct, frozen=True):
    """The names visible to an expression.

    Attributes:
        fields: top-level fields by id (groups included, their children inside them).
        group: when set, that group's children are also visible bare and shadow outer names.
        renames: for an expression written in a shared block that a procedure used with a
            ``prefix``: the block's own ids mapped to the ids the fields got
            (``address_province`` → ``site_address_province``).
    """

    fields: Mapping[str, FieldSig]
    group: str | None = None
    renames: Mapping[str, str] = {}

    @staticmethod
    def of(*fields: FieldSig, group: str | None = None) -> Scope:
        """A scope holding ``fields`` (a convenience for callers and tests)."""
        return Scope({f.id: f for f in fields}, group)

    def lookup(self, name: str) -> tuple[FieldSig, bool] | None:
        """The field a bare name means, and whether it is a child of the current group."""
        if self.group is not None:
            g = self.fields.get(self.group)
            for child in g.children if g else ():
                if child.id == name:
                    return child, True
        f = self.fields.get(self.renames.get(name, name))
        return (f, False) if f is not None else None

    def visible(self) -> list[str]:
        """Every name that can be written bare here (for "did you mean")."""
        names = [*self.fields, *self.renames]
        if self.group is not None and (g := self.fields.get(self.group)):
            names += [c.id for c in g.children]
        return names

    def owner_of(self, name: str) -> str | None:
        """The group that has a child ``name``, when the name is not visible bare."""
        for f in self.fields.values():
            if any(c.id == name for c in f.children):
                return f.id
        return None
