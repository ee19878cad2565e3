"""Places CC-CEDICT knows (cities, counties, countries) named on one side, another on the other.

The glossary covers provinces and a few cities and countries (the ``entity.*`` checks); this
check covers the thousands of other places CC-CEDICT lists: prefecture- and county-level
cities, counties, foreign cities and countries. The places, and where a text names them, are
:mod:`glossary.knowledge.places`'s; this module decides which of them to report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from glossary.knowledge.places import (
    COUNTRY,
    Place,
    PlaceIndex,
    PlaceMention,
    chinese_places,
    english_name,
    english_places,
    fold,
    name_key,
    place_index,
    rendered,
)
from glossary.match import EntityMatch, pos_tokens
from glossary.model import Glossary
from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

__all__ = ["PlaceMismatchCheck", "glossary_forms"]

# Words as the place finders read them (glossary.knowledge.places), for telling a title-case
# headline.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def glossary_forms(glossary: Glossary) -> tuple[frozenset[str], frozenset[str]]:
    zh = {form for place in glossary.places.values() for form in place.zh_names}
    en = {name_key(form) for place in glossary.places.values() for form in place.en_names}
    return frozenset(zh), frozenset(en)


def title_case(text: str) -> bool:
    """A headline in title case, where capitals say nothing about names."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'“‘([")
    return not before or before[-1] in ".!?:;…"


@register
class PlaceMismatchCheck(SegmentCheck):
    """A city, county or country in the source that the translation names as another place.

    Places are those CC-CEDICT lists beyond the glossary's: prefecture- and county-level
    cities, counties, foreign cities and countries. Critical: the source names a place (昆明)
    that the translation does not render, and the translation names another place of the same
    kind ("Guiyang") that the source does not name; the suggestion is the source place's
    English. Renderings are read loosely: "Xian" for Xi'an, "Urumqi" for 乌鲁木齐, "Japanese"
    for 日本. Nothing is reported when either place is a glossary entry (the entity checks own
    those), when the other place is accounted for by the source (its Chinese, a homophone, a
    word whose dictionary gloss names it such as 蓉城 for Chengdu, a country's abbreviation as
    in 土叙), when the pair just before or after names it and does not render it (the
    alignment moved it), or when the English name is an ordinary word ("Nice", "Guide").
    """

    id = "place.mismatch"
    mqm = "accuracy/mistranslation"
    severity = Severity.CRITICAL
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        if not segment.target.strip() or not segment.source.strip():
            return
        candidates = english_places(segment.target)
        if not candidates:
            return
        index = place_index()
        key = "places.glossary_forms"
        if key not in document.cache:
            document.cache[key] = glossary_forms(document.glossary)
        glossary_zh, glossary_en = document.cache[key]
        neighbours = document.neighbours(segment)
        extra = [
            mention
            for mention in candidates
            if _extra(index, mention, segment, neighbours, glossary_zh, glossary_en)
        ]
        if not extra:
            return
        missing = [
            mention
            for mention in chinese_places(segment.source)
            if _missing(index, mention, segment, glossary_zh, glossary_en)
        ]
        yield from self._pairs(index, segment, missing, extra)

    def _pairs(
        self,
        index: PlaceIndex,
        segment: AnalyzedSegment,
        missing: list[PlaceMention],
        extra: list[PlaceMention],
    ) -> Iterator[Finding]:
        """One finding for each missing source place and extra target place of the same kind."""
        left = list(extra)
        seen: set[str] = set()
        for source in missing:
            place = index.places[source.places[0]]
            if place.id in seen:
                continue
            partner = next(
                (t for t in left if any(index.places[i].kind == place.kind for i in t.places)),
                None,
            )
            if partner is None:
                continue
            left.remove(partner)
            seen.add(place.id)
            wrong = " or ".join(_chinese(index, partner, place.kind))
            english = english_name(place)
            yield self.finding(
                segment,
                f"{source.text} is {english}; the translation has “{partner.text}”, which is "
                f"{wrong}.",
                source=(source.start, source.end),
                target=(partner.start, partner.end),
                suggestion=english,
            )


def _chinese(index: PlaceIndex, mention: PlaceMention, kind: str) -> list[str]:
    """The Chinese of the places an English name names: 台州, 泰州 for "Taizhou"; a country's
    most common name only (老挝, not also 寮国)."""
    ids = [i for i in mention.places if index.places[i].kind == kind]
    if kind == COUNTRY and len(ids) > 1:
        from glossary.words import frequency

        ids = [max(ids, key=frequency)]
    return ids


def _extra(
    index: PlaceIndex,
    mention: PlaceMention,
    segment: AnalyzedSegment,
    neighbours: list[AnalyzedSegment],
    glossary_zh: frozenset[str],
    glossary_en: frozenset[str],
) -> bool:
    """Whether a place in the translation is one the source does not name."""
    key = name_key(mention.text)
    if key in glossary_en or _overlaps(mention, segment.target_entities):
        return False
    places = [index.places[i] for i in mention.places]
    if any(form in glossary_zh for place in places for form in place.zh):
        return False
    if key in index.ordinary:
        # "Nice", "Guide", "Victoria": never a city; "Turkey" a country only mid-sentence.
        if any(place.kind != COUNTRY for place in places):
            return False
        if _sentence_start(segment.target, mention.start) or title_case(segment.target):
            return False
    if _named(index, key, places, segment.source):
        return False
    if _locates(index, segment.target, mention, glossary_en):
        return False
    # Named by a pair around whose translation lacks it: the alignment moved it here.
    return not any(
        _named(index, key, places, other.source)
        and not any(rendered(place, other.target) for place in places)
        for other in neighbours
    )


def _missing(
    index: PlaceIndex,
    mention: PlaceMention,
    segment: AnalyzedSegment,
    glossary_zh: frozenset[str],
    glossary_en: frozenset[str],
) -> bool:
    """Whether a place in the source is one the translation does not render."""
    if mention.text in glossary_zh or _overlaps(mention, segment.source_entities):
        return False
    places = [index.places[i] for i in mention.places]
    if any(name_key(name) in glossary_en for place in places for name in place.en):
        return False
    # Not excused by a rendering in the pairs around: in a text about one place, translators
    # name it where the source does not, and a name the alignment moved away leaves no
    # unexplained place behind (the other side of the finding).
    return not any(rendered(place, segment.target) for place in places)


def _locates(
    index: PlaceIndex, text: str, mention: PlaceMention, glossary_en: frozenset[str]
) -> bool:
    """Whether a name CC-CEDICT also gives to something else only locates a name that is no
    known place: "Atlanta, Georgia" (the US state; but "Japan, Georgia" is a list)."""
    if name_key(mention.text) not in index.shared:
        return False
    before = re.search(r"([A-Z][\w'’.]*(?:[ -][A-Z][\w'’.]*)*),\s*$", text[: mention.start])
    if before is None:
        return False
    name = name_key(before.group(1))
    return name not in index.by_en and name not in glossary_en


def _named(index: PlaceIndex, key: str, places: list[Place], text: str) -> bool:
    """Whether Chinese ``text`` accounts for the English place name ``key``."""
    forms = (*(form for place in places for form in place.zh), *index.mentions.get(key, ()))
    if any(form in text for form in forms):
        return True
    if any(place.kind == COUNTRY and _abbreviated(index, place, text) for place in places):
        return True
    return _sounds_like(fold(key).replace(" ", ""), text)


def _abbreviated(index: PlaceIndex, place: Place, text: str) -> bool:
    """A country by its first character in a run of country abbreviations: 土叙 (Turkey and
    Syria), 日菲, 中加, or before 方 (菲方, "the Philippine side")."""
    firsts = {form[0] for form in place.zh} & index.abbreviations
    for start, end, _ in pos_tokens(text):
        word = text[start:end]
        # A word of its own or a pair of abbreviations, never inside a word: not the 以 of 日以继夜
        # (Israel), the 拉 of 伊拉克 (Latvia), the 南 of 越南 (South Africa).
        if end - start > 2 or (end - start == 2 and word in index.by_zh):
            continue
        for at in range(start, end):
            if text[at] not in firsts:
                continue
            before, after = text[at - 1 : at] if at else "", text[at + 1 : at + 2]
            if before in index.abbreviations or after in index.abbreviations or after == "方":
                return True
    return False


def _overlaps(mention: PlaceMention, matches: Iterable[EntityMatch]) -> bool:
    """Whether a glossary entity covers part of the mention (the entity checks' business)."""
    return any(match.start < mention.end and mention.start < match.end for match in matches)


@functools.lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[tuple[str, ...], ...]:
    """The toneless pinyin of each character of ``text`` in context (non-Chinese: none).

    One reading a character, as pypinyin reads the phrase: every reading of every character
    would hear "Yining" in 一年 (年 has a rare reading ning).
    """
    from pypinyin import Style, lazy_pinyin

    readings: list[tuple[str, ...]] = [()] * len(text)
    for run in _CJK_RUN.finditer(text):
        syllables = lazy_pinyin(run.group(), style=Style.NORMAL)
        if len(syllables) != len(run.group()):
            continue
        for at, syllable in enumerate(syllables, start=run.start()):
            readings[at] = (syllable,) if syllable.isalpha() else ()
    return tuple(readings)


def _sounds_like(name: str, text: str) -> bool:
    """Whether two or more characters of ``text`` read as ``name`` in pinyin (桂阳, Guiyang)."""
    readings = _readings(text)

    def match(at: int, rest: str, taken: int) -> bool:
        if not rest:
            return taken >= 2
        if at >= len(readings):
            return False
        return any(
            rest.startswith(r) and match(at + 1, rest[len(r) :], taken + 1) for r in readings[at]
        )

    return any(match(at, name, 0) for at in range(len(readings)) if readings[at])
