"""entity.generic: a place the source names, standing in the translation as a generic noun.

Post-editing in a hurry turns names into nouns: "the city Municipal Bureau of Human
Resources" for 北京市人力资源和社会保障局, "the province Daily" for 湖南日报, "exports to the
country" for 出口到伊朗. Where an earlier sentence of the document names the place, "the city"
is good English; where none does, the reader is never told which city, and the name must be
restored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.knowledge import knowledge_for
from glossary.knowledge.mentions import zh_forms, zh_mentions
from glossary.knowledge.places import (
    CITY,
    COUNTRY,
    COUNTY,
    FOREIGN_CITY,
    chinese_places,
    place_index,
    rendered,
)
from glossary.knowledge.places import Place as KnownPlace
from glossary.match import token_starts
from review_app.checks.base import SegmentCheck, register
from review_app.checks.entity import account
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

# The generic nouns that stand for a place, by the kinds of place each can stand for.
_NOUN_KINDS: dict[str, frozenset[str]] = {
    "country": frozenset({COUNTRY}),
    "nation": frozenset({COUNTRY}),
    "city": frozenset({CITY, FOREIGN_CITY, COUNTY, "municipality"}),
    "capital": frozenset({CITY, FOREIGN_CITY, "municipality"}),
    "town": frozenset({CITY, COUNTY, FOREIGN_CITY}),
    "county": frozenset({COUNTY}),
    "municipality": frozenset({"municipality", CITY}),
    "province": frozenset({"province", "autonomous_region"}),
    "region": frozenset({"autonomous_region", "sar", "province"}),
}
_GENERIC = re.compile(r"\b[Tt]he\s+(" + "|".join(_NOUN_KINDS) + r")\b(?!['’]s?\s+[A-Z])")


@dataclass(frozen=True)
class _SourcePlace:
    start: int
    end: int
    text: str
    kind: str
    names: tuple[str, ...]  # its English names, the first to restore
    glossary_id: str | None


@register
class GenericPlaceCheck(SegmentCheck):
    """A place the source names that the translation writes as a generic noun.

    Major (an omission): the source names a place (the editors' glossary, CC-CEDICT's cities,
    counties and countries) that the translation does not render, while it says "the city",
    "the province", "the country" (a noun that can stand for that kind of place), and no
    earlier sentence of the translation names the place. The name to restore is suggested.
    A glossary place that ``entity.missing`` already reports is left to it.
    """

    id = "entity.generic"
    mqm = "accuracy/omission"
    severity = Severity.MAJOR

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        target = segment.target
        nouns = list(_GENERIC.finditer(target))
        if not nouns:
            return
        # Named anywhere in the sentence, the place is the noun's antecedent or its apposition;
        # an adjective ("Iranian exports rose, the country said") tells which only before it.
        places = [p for p in _source_places(document, segment) if not _named(p, target)]
        if not places:
            return
        used: set[tuple[int, int]] = set()
        for noun in nouns:
            kinds = _NOUN_KINDS[noun.group(1)]
            place = next(
                (
                    p
                    for p in places
                    if p.kind in kinds
                    and (p.start, p.end) not in used
                    and not _written(p, target[: noun.start()])
                    and not _named_before(document, segment, p)
                ),
                None,
            )
            if place is None:
                continue
            used.add((place.start, place.end))
            yield self.finding(
                segment,
                f"“{noun.group()}” stands for {place.text} ({place.names[0]}), which no "
                "earlier sentence names: the reader is not told which. Write the name.",
                source=(place.start, place.end),
                target=noun.span(),
                suggestion=place.names[0],
                glossary_id=place.glossary_id,
            )


def _source_places(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[_SourcePlace]:
    """The places the source names: the glossary's first, then CC-CEDICT's, the countries of
    a run of abbreviations, and the countries the other layers know (CLDR). A glossary place
    that entity.missing reports is its."""
    glossary = document.glossary
    reported = {match.entity for match in account(document, segment).missing}
    found: list[_SourcePlace] = []
    for match in segment.source_entities:
        entry = glossary.places.get(match.entity)
        if entry is None or match.entity in reported:
            continue
        found.append(
            _SourcePlace(
                match.start, match.end, match.text, entry.kind, entry.en_names, match.entity
            )
        )
    taken = [(p.start, p.end) for p in found]
    index = place_index()
    for mention in chinese_places(segment.source):
        if _overlaps(mention.start, mention.end, taken):
            continue
        known = [index.places[i] for i in mention.places]
        if len(known) != 1 or known[0].ambiguous:
            continue  # 江山, 中山: a word as often as a place; two places of one name
        found.append(
            _SourcePlace(mention.start, mention.end, mention.text, known[0].kind, known[0].en, None)
        )
        taken.append((mention.start, mention.end))
    # The countries of a run of abbreviations (美日菲: the United States, Japan, the
    # Philippines), each its likeliest reading.
    knowledge = knowledge_for(glossary)
    for run in knowledge.read_country_run(segment.source):
        for offset, country in enumerate(run.countries):
            at = run.start + offset
            if not _overlaps(at, at + 1, taken):
                found.append(_SourcePlace(at, at + 1, country.zh, COUNTRY, country.en, None))
        taken.append((run.start, run.end))
    # Countries the other layers know (CLDR's 海地, Haiti, which CC-CEDICT files otherwise).
    edges = token_starts(segment.source)
    for known_form in zh_mentions(segment.source, knowledge, zh_forms(knowledge), edges):
        if _overlaps(known_form.start, known_form.end, taken):
            continue
        if len(known_form.candidates) == 1 and known_form.candidates[0].kind == COUNTRY:
            country = known_form.candidates[0]
            found.append(
                _SourcePlace(
                    known_form.start, known_form.end, known_form.text, COUNTRY, country.en, None
                )
            )
    return sorted(found, key=lambda p: p.start)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _named(place: _SourcePlace, english: str) -> bool:
    """Whether ``english`` holds one of the place's names as words (not "Iranian")."""
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", english, re.IGNORECASE)
        for name in place.names
    )


def _written(place: _SourcePlace, english: str) -> bool:
    """Whether ``english`` names the place (any form the knowledge layer knows)."""
    return _named(place, english) or any(rendered(known, english) for known in _known(place))


def _known(place: _SourcePlace) -> list[KnownPlace]:
    index = place_index()
    return [index.places[i] for i in index.by_zh.get(place.text, ()) if i in index.places]


def _named_before(
    document: AnalyzedDocument, segment: AnalyzedSegment, place: _SourcePlace
) -> bool:
    """Whether a sentence of the translation before ``segment`` names the place (asked only
    of the rare place that a generic noun stands for)."""
    return any(_written(place, s.target) for s in document.segments if s.id < segment.id)
