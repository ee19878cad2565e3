"""The glossary's entries, as editors write them in YAML.

Every entry has a stable ``id`` (``province.jilin``, ``person.wang-weizhong``) that findings cite,
and may carry ``source`` (where the fact comes from) and ``note``. Unknown keys are errors, so a
typo such as ``abrr:`` cannot silently switch a check off.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
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
    # Adjectives and demonyms that render the place too: Singaporean, Tibetan.
    adjectives: tuple[str, ...] = ()
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
        return (self.en, *self.variants, *self.adjectives)

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
    def zh_names(self) -> tuple[str, ...]:
        return (self.zh,)

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role.held_on(day))


class Organisation(Entry):
    """A body with an official English name: 国家发展和改革委员会 → National Development and
    Reform Commission. Roles may name one as their ``org``."""

    zh: str
    short: tuple[str, ...] = ()  # shorter Chinese names: 国家发改委, 发改委
    en: str
    variants: tuple[str, ...] = ()  # other accepted English names or abbreviations: NDRC

    @property
    def zh_names(self) -> tuple[str, ...]:
        return (self.zh, *self.short)

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.variants)


class Term(Entry):
    """A team's term: where the Chinese occurs, the English must use ``en`` (or a variant), and
    never one of the ``forbidden`` renderings."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case_sensitive: bool = False  # compare the English exactly as written, capitals included

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.variants)


class GlossaryFile(BaseModel):
    """One YAML file: any of these sections, each a list of entries."""

    model_config = ConfigDict(extra="forbid")

    places: list[Place] = []
    false_friends: list[FalseFriend] = []
    compounds: list[Compound] = []
    offices: list[Office] = []
    persons: list[Person] = []
    organisations: list[Organisation] = []
    terms: list[Term] = []


class Glossary:
    """All entries of a glossary folder, indexed by id."""

    def __init__(self, files: dict[str, GlossaryFile], *, version: str) -> None:
        self.files = files
        self.version = version
        self.places: dict[str, Place] = {}
        self.persons: dict[str, Person] = {}
        self.offices: dict[str, Office] = {}
        self.false_friends: list[FalseFriend] = []
        self.compounds: dict[str, Compound] = {}
        self.organisations: dict[str, Organisation] = {}
        self.terms: dict[str, Term] = {}
        for content in files.values():
            self.places.update((place.id, place) for place in content.places)
            self.persons.update((person.id, person) for person in content.persons)
            self.offices.update((office.id, office) for office in content.offices)
            self.false_friends.extend(content.false_friends)
            self.compounds.update((compound.zh, compound) for compound in content.compounds)
            self.organisations.update((org.id, org) for org in content.organisations)
            self.terms.update((term.id, term) for term in content.terms)

    def entity_name(self, entity_id: str) -> str:
        """The canonical English name of a place or person id (the id itself if unknown)."""
        entry = (
            self.places.get(entity_id)
            or self.persons.get(entity_id)
            or self.organisations.get(entity_id)
        )
        return entry.en if entry else entity_id

    @cached_property
    def office_titles(self) -> tuple[str, ...]:
        """Every Chinese form of every office (省长, 省委书记 …): what a name may follow."""
        return tuple(form for office in self.offices.values() for form in office.zh)

    def mistaken_for(self, entity_id: str) -> dict[str, FalseFriend]:
        """What a place is known to be mistaken for: mistaken id → false-friend entry."""
        return {ff.mistaken_for: ff for ff in self.false_friends if ff.entity == entity_id}
