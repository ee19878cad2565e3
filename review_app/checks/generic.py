"""entity.generic: a name the source gives, standing in the translation as a generic noun.

Post-editing in a hurry turns names into nouns: "the city Municipal Bureau of Human
Resources" for 北京市人力资源和社会保障局, "the province Daily" for 湖南日报, "exports to the
country" for 出口到伊朗, "the premier said" for 李强总理表示. Where an earlier sentence of the
document names the place, person or body, "the city" is good English; where none does, the
reader is never told which, and the name must be restored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.knowledge import knowledge_for
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
from glossary.knowledge.romanise import fold, romanisations
from review_app.checks.base import SegmentCheck, register
from review_app.checks.entity import account
from review_app.checks.misread import name_words, written_right
from review_app.checks.spelling import person_names
from review_app.checks.substituted import source_mentions
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

PERSON, ORGANISATION = "person", "organisation"
# An office beside a person's name in the source (总理李强, 李强总理), and the nouns that
# translate it: "the premier" stands for that person.
_TITLE_NOUNS: dict[str, tuple[str, ...]] = {
    "总理": ("premier", "prime minister"),
    "首相": ("prime minister", "premier"),
    "主席": ("president", "chairman", "chairwoman", "leader"),
    "总统": ("president",),
    "部长": ("minister",),
    "外长": ("minister",),
    "大臣": ("minister",),
    "省长": ("governor",),
    "市长": ("mayor",),
    "书记": ("secretary",),
    "大使": ("ambassador", "envoy"),
    "发言人": ("spokesman", "spokeswoman", "spokesperson"),
    "董事长": ("chairman", "chairwoman"),
    "总裁": ("president", "director"),
    "局长": ("director",),
    "主任": ("director",),
    "署长": ("director",),
    "领导人": ("leader",),
}
# The generic nouns that stand for a name, by the kinds of place (or a person, a body) each can
# stand for.
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
    **dict.fromkeys(
        (noun for nouns in _TITLE_NOUNS.values() for noun in nouns), frozenset({PERSON})
    ),
    **dict.fromkeys(
        [
            "company",
            "firm",
            "group",
            "agency",
            "ministry",
            "bank",
            "commission",
            "committee",
            "bureau",
            "department",
            "council",
            "association",
            "organization",
            "organisation",
            "university",
            "newspaper",
            "institute",
        ],
        frozenset({ORGANISATION}),
    ),
}
_GENERIC = re.compile(
    r"\b[Tt]he\s+(" + "|".join(sorted(_NOUN_KINDS, key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True)
class _SourceEntity:
    start: int
    end: int
    text: str
    kind: str
    names: tuple[str, ...]  # its English names, the first to restore
    glossary_id: str | None
    nouns: tuple[str, ...] = ()  # a person's: the nouns of the office beside the name


@register
class GenericNounCheck(SegmentCheck):
    """A place, person or body the source names that the translation writes as a generic noun.

    Major (an omission): the source names a place (the editors' glossary, CC-CEDICT's cities,
    counties and countries, CLDR's), a person beside an office (总理李强, 李强总理), or a body
    the knowledge layer knows, that the translation does not render, while it says
    "the city", "the country", "the premier", "the company" (a noun that can stand for that
    kind of name), and no earlier sentence of the translation names it. The name to restore is
    suggested. A glossary place that ``entity.missing`` already reports is left to it.
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
        places = [p for p in _source_entities(document, segment) if not _named(p, target)]
        if not places:
            return
        used: set[tuple[int, int]] = set()
        for noun in nouns:
            kinds = _NOUN_KINDS[noun.group(1)]
            place = next(
                (
                    p
                    for p in places
                    if _stands_for(noun.group(1), p, kinds)
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
                f"“{noun.group()}” stands for {place.text} ({place.names[0]}), "
                + (
                    "whom no earlier sentence names: the reader is not told who."
                    if place.kind == PERSON
                    else "which no earlier sentence names: the reader is not told which."
                )
                + " Write the name.",
                source=(place.start, place.end),
                target=noun.span(),
                suggestion=place.names[0],
                glossary_id=place.glossary_id,
            )


def _source_entities(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[_SourceEntity]:
    """The places, people and bodies the source names: the glossary's places first, then
    CC-CEDICT's, the countries of a run of abbreviations, the countries and bodies the other
    layers know (CLDR, CC-CEDICT), and titled or glossary people. A glossary place that
    entity.missing reports is its."""
    glossary = document.glossary
    reported = {match.entity for match in account(document, segment).missing}
    found: list[_SourceEntity] = []
    for match in segment.source_entities:
        entry = glossary.places.get(match.entity)
        if entry is None or match.entity in reported:
            continue
        found.append(
            _SourceEntity(
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
        place = known[0]
        found.append(
            _SourceEntity(mention.start, mention.end, mention.text, place.kind, place.en, None)
        )
        taken.append((mention.start, mention.end))
    # The countries of a run of abbreviations (美日菲: the United States, Japan, the
    # Philippines), each its likeliest reading.
    knowledge = knowledge_for(glossary)
    for run in knowledge.read_country_run(segment.source):
        for offset, country in enumerate(run.countries):
            at = run.start + offset
            if not _overlaps(at, at + 1, taken):
                found.append(_SourceEntity(at, at + 1, country.zh, COUNTRY, country.en, None))
        taken.append((run.start, run.end))
    # Countries and bodies the other layers know (CLDR's 海地, Haiti, which CC-CEDICT files
    # otherwise; 世界卫生组织).
    for known_form in source_mentions(document, segment):
        if _overlaps(known_form.start, known_form.end, taken):
            continue
        if len(known_form.candidates) == 1 and known_form.candidates[0].kind in (
            COUNTRY,
            ORGANISATION,
        ):
            answer = known_form.candidates[0]
            found.append(
                _SourceEntity(
                    known_form.start, known_form.end, known_form.text, answer.kind, answer.en, None
                )
            )
            taken.append((known_form.start, known_form.end))
    # People: a name with an office beside it (总理李强, 李强总理), written in a romanisation.
    source = segment.source
    for name in person_names(document, segment):
        titles = [
            title
            for title in _TITLE_NOUNS
            if source.endswith(title, 0, name.start) or source.startswith(title, name.end)
        ]
        readings = romanisations(name.zh)
        if not titles or not readings or _overlaps(name.start, name.end, taken):
            continue
        names = (*name.accepted, *(reading.written for reading in readings))
        nouns = tuple(noun for title in titles for noun in _TITLE_NOUNS[title])
        found.append(
            _SourceEntity(name.start, name.end, name.zh, PERSON, names, name.glossary_id, nouns)
        )
    return sorted(found, key=lambda p: p.start)


def _stands_for(noun: str, place: _SourceEntity, kinds: frozenset[str]) -> bool:
    """Whether the generic noun can stand for the name: a place of its kinds, a person whose
    office it translates, a body whose English name holds it ("the organization" for the World
    Health Organization; "the commission" is not the European Union)."""
    if place.kind == PERSON:
        return noun in place.nouns
    if place.kind == ORGANISATION:
        return any(noun in name.lower().split() for name in place.names)
    return place.kind in kinds


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _named(place: _SourceEntity, english: str) -> bool:
    """Whether ``english`` holds one of the place's names as words (not "Iranian"); a person
    is named by any romanisation of theirs, or by the surname alone ("Li said")."""
    if place.kind == PERSON:
        words = name_words(english)
        readings = romanisations(place.text)
        surnames = {reading.surname for reading in readings}
        if written_right(english, words, readings) or any(
            fold(word) in surnames for _, _, word in words
        ):
            return True
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", english, re.IGNORECASE)
        for name in place.names
    )


def _written(place: _SourceEntity, english: str) -> bool:
    """Whether ``english`` names the place (any form the knowledge layer knows)."""
    return _named(place, english) or any(rendered(known, english) for known in _known(place))


def _known(place: _SourceEntity) -> list[KnownPlace]:
    index = place_index()
    return [index.places[i] for i in index.by_zh.get(place.text, ()) if i in index.places]


def _named_before(
    document: AnalyzedDocument, segment: AnalyzedSegment, place: _SourceEntity
) -> bool:
    """Whether a sentence of the translation before ``segment`` names the place (asked only
    of the rare place that a generic noun stands for)."""
    return any(_written(place, s.target) for s in document.segments if s.id < segment.id)
