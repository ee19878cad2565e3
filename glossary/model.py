"""The glossary's entries, as editors write them in YAML.

Every entry has a stable ``id`` (``province.jilin``, ``person.wang-weizhong``) that findings cite,
and may carry ``source`` (where the fact comes from) and ``note``. Unknown keys are errors, so a
typo such as ``abrr:`` cannot silently switch a check off.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PlaceKind = Literal["province", "municipality", "autonomous_region", "sar", "country", "city"]
DOMESTIC_KINDS: frozenset[str] = frozenset(
    {"province", "municipality", "autonomous_region", "sar", "city"}
)


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")
    source: str | None = None
    note: str | None = None


class Place(Entry):
    """A province-level division, a country or a city."""

    kind: PlaceKind
    zh: str
    short: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    en: str
    variants: tuple[str, ...] = ()
    # Translations routinely add or leave out some places ("China" for 全国): those are matched
    # and can be mistaken for, but are not reported as missing or extra.
    check_presence: bool = True

    @field_validator("abbr")
    @classmethod
    def _one_character(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for form in value:
            if len(form) != 1:
                raise ValueError(f"abbreviation {form!r} must be one character")
        return value

    @property
    def zh_names(self) -> tuple[str, ...]:
        return (self.zh, *self.short)

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    @property
    def domestic(self) -> bool:
        return self.kind in DOMESTIC_KINDS


class FalseFriend(Entry):
    """A Chinese form that translators and MT systems misread as another entity."""

    zh: str
    entity: str
    mistaken_for: str


class Compound(Entry):
    """A run of abbreviations whose reading the general rules would get wrong.

    ``reads`` lists the place ids in order (沪宁 → Shanghai, Nanjing); an empty list says the
    run is not a place at all (苏宁 the retailer).
    """

    zh: str
    reads: tuple[str, ...] = ()


class Office(Entry):
    """An office a person can hold: 省长 → Governor."""

    zh: tuple[str, ...]
    en: tuple[str, ...]


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    office: str
    org: str
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    source: str | None = None
    note: str | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(Entry):
    zh: str
    en: str
    variants: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role.held_on(day))


class GlossaryFile(BaseModel):
    """One YAML file: any of these sections, each a list of entries."""

    model_config = ConfigDict(extra="forbid")

    places: list[Place] = []
    false_friends: list[FalseFriend] = []
    compounds: list[Compound] = []
    offices: list[Office] = []
    persons: list[Person] = []
