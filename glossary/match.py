"""Find glossary entities in Chinese and English text.

Chinese: full and short names (广东省, 广东), persons (王伟中), and one-character abbreviations
inside runs of abbreviations (粤吉合作, 京津冀, 粤港澳, 中吉). A run is read character by character,
each as its place; a country's abbreviation (吉 for Kyrgyzstan) counts only where the run is
international (beside 中 or another country), and the glossary's ``compounds`` override both
(沪宁 is Shanghai–Nanjing). Runs that jieba reads as ordinary words (新贵, 青云) are skipped.

English: every English name and variant of places and persons, whole words, case-sensitive,
longest first ("Inner Mongolia" before "Mongolia"). Names joined by hyphens ("Guangdong-Jilin")
share a ``group`` span, so a finding can show and fix the whole compound.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from glossary.model import Glossary, Place

log = logging.getLogger(__name__)

# jieba part-of-speech tags a word inside a run of abbreviations may carry (j = abbreviation,
# ns = place name; jieba tags many runs nr/n/m); a word that reaches outside the run must be an
# abbreviation or a place itself (辽三省 in 黑吉辽三省), never a person (王沪宁) or a word (新青年).
# Single characters are abbreviations whatever jieba tags them (中/f, 印/v in 中印边境).
_INSIDE_TAGS = frozenset({"j", "ns", "nr", "n", "m", "nz", "nt"})
_CROSSING_TAGS = frozenset({"j", "ns", "nt"})
# A two-character run that jieba does not read as abbreviations (云台, 美德, 中/f 新/a) is as
# likely a name or a word (中新社 is China News Service); it counts as a pair of places only
# before one of the words such pairs modify in news (粤港合作, 中新关系, 中巴经济走廊).
PAIR_CONTEXT = (
    "合作",
    "交流",
    "协作",
    "关系",
    "两省",
    "两地",
    "两区",
    "两市",
    "两国",
    "三省",
    "三地",
    "地区",
    "区域",
    "之间",
    "边界",
    "边境",
    "高铁",
    "铁路",
    "高速",
    "经贸",
    "经济",
    "对口",
    "一体化",
    "协同",
    "同胞",
    "居民",
    "联合",
    "共建",
    "通道",
    "走廊",
    "战略",
    "友好",
    "双方",
)


@dataclass(frozen=True)
class EntityMatch:
    """One mention of a glossary entity; offsets are character offsets into the text."""

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    how: str  # "name", "abbreviation" or "compound"
    group_start: int
    group_end: int

    @property
    def entity(self) -> str:
        return self.candidates[0]

    @property
    def in_group(self) -> bool:
        return (self.group_start, self.group_end) != (self.start, self.end)


def _literal_pattern(forms: Iterable[str], *, words: bool) -> re.Pattern[str] | None:
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    if not ordered:
        return None
    body = "|".join(re.escape(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if words else body)


class Matcher:
    """Entity finder for one glossary; build it once (see :func:`matcher_for`)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._zh_names: dict[str, list[str]] = {}
        self._en_names: dict[str, list[str]] = {}
        self._abbreviations: dict[str, list[Place]] = {}
        for place in glossary.places.values():
            for form in place.zh_names:
                _add(self._zh_names, form, place.id)
            for form in place.en_names:
                _add(self._en_names, form, place.id)
                # Datelines write places in capitals: "BEIJING, February 10 (Xinhua)".
                _add(self._en_names, form.upper(), place.id)
            for char in place.abbr:
                self._abbreviations.setdefault(char, []).append(place)
        for person in glossary.persons.values():
            _add(self._zh_names, person.zh, person.id)
            for form in person.en_names:
                _add(self._en_names, form, person.id)
        self._zh_pattern = _literal_pattern(self._zh_names, words=False)
        self._en_pattern = _literal_pattern(self._en_names, words=True)

    # -- Chinese -------------------------------------------------------------------------------

    def find_zh(self, text: str) -> list[EntityMatch]:
        """Entities mentioned in Chinese ``text``, in order."""
        matches = self._zh_name_matches(text)
        taken = [False] * len(text)
        for match in matches:
            for index in range(match.start, match.end):
                taken[index] = True
        matches.extend(self._abbreviation_matches(text, taken))
        return sorted(matches, key=lambda match: match.start)

    def _zh_name_matches(self, text: str) -> list[EntityMatch]:
        if self._zh_pattern is None:
            return []
        starts = token_starts(text)
        found = []
        for hit in self._zh_pattern.finditer(text):
            # A name must begin a word: 湖南 in 洞庭湖南岸 does not (洞庭湖|南岸).
            if hit.start() not in starts:
                continue
            ids = tuple(self._zh_names[hit.group()])
            found.append(
                EntityMatch(
                    hit.start(), hit.end(), hit.group(), ids, "name", hit.start(), hit.end()
                )
            )
        return found

    def _abbreviation_matches(self, text: str, taken: Sequence[bool]) -> list[EntityMatch]:
        found: list[EntityMatch] = []
        for start, end in _runs(text, lambda i: not taken[i] and text[i] in self._abbreviations):
            run = text[start:end]
            if end - start < 2 or not _reads_as_abbreviations(text, start, end):
                continue
            compound = self._compound_in(run)
            if compound is not None:
                found.extend(self._read_compound(text, start, end, compound))
                continue
            found.extend(self._read_run(text, start, end))
        return found

    def _compound_in(self, run: str) -> str | None:
        for zh in sorted(self.glossary.compounds, key=len, reverse=True):
            if zh in run:
                return zh
        return None

    def _read_compound(self, text: str, start: int, end: int, zh: str) -> list[EntityMatch]:
        """A run holding a listed compound: the compound as listed, the rest of the run as usual."""
        offset = start + text[start:end].index(zh)
        reads = self.glossary.compounds[zh].reads
        found = []
        if reads and len(reads) == len(zh):
            found = [
                EntityMatch(offset + i, offset + i + 1, zh[i], (place_id,), "compound", start, end)
                for i, place_id in enumerate(reads)
            ]
        for part_start, part_end in ((start, offset), (offset + len(zh), end)):
            if part_end - part_start >= 2 and _reads_as_abbreviations(text, part_start, part_end):
                found.extend(self._read_run(text, part_start, part_end))
        return found

    def _read_run(self, text: str, start: int, end: int) -> list[EntityMatch]:
        options = [self._abbreviations[char] for char in text[start:end]]
        # Beside a country (中吉, 日韩台澳) the run is international: a character that may be a
        # country is read as one; otherwise a character is read as its Chinese place.
        international = any(all(not place.domestic for place in places) for places in options)
        found = []
        for offset, places in enumerate(options):
            preferred = [place for place in places if place.domestic != international]
            index = start + offset
            ids = tuple(place.id for place in preferred or places)
            found.append(
                EntityMatch(index, index + 1, text[index], ids, "abbreviation", start, end)
            )
        return found

    def widened(self, match: EntityMatch, named: set[str]) -> EntityMatch:
        """``match`` with the other places its abbreviation stands for that the document names
        in full: in a release that names 新加坡, the 新 of 粤新 may be Singapore as well as
        Xinjiang, so neither rendering is a false friend."""
        if match.how != "abbreviation":
            return match
        others = tuple(
            place.id
            for place in self._abbreviations.get(match.text, ())
            if place.id in named and place.id not in match.candidates
        )
        return replace(match, candidates=match.candidates + others) if others else match

    # -- English -------------------------------------------------------------------------------

    def find_en(self, text: str) -> list[EntityMatch]:
        """Entities mentioned in English ``text``, in order, hyphenated compounds grouped."""
        if self._en_pattern is None:
            return []
        hits = [(hit.start(), hit.end(), hit.group()) for hit in self._en_pattern.finditer(text)]
        groups = _hyphen_groups(text, hits)
        return [
            EntityMatch(start, end, form, tuple(self._en_names[form]), "name", *groups[i])
            for i, (start, end, form) in enumerate(hits)
        ]

    @cached_property
    def en_forms(self) -> dict[str, list[str]]:
        """English form → entity ids, for suggestions and the glossary panel."""
        return dict(self._en_names)


def _add(index: dict[str, list[str]], form: str, entity: str) -> None:
    ids = index.setdefault(form, [])
    if entity not in ids:
        ids.append(entity)


def _hyphen_groups(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """For each hit, the span of the chain of hits joined by hyphens or dashes it belongs to."""
    groups = [(start, end) for start, end, _ in hits]
    for i in range(1, len(hits)):
        gap = text[hits[i - 1][1] : hits[i][0]]
        if gap in {"-", "–", "—", "‑"}:
            start = groups[i - 1][0]
            for j in range(i + 1):
                if groups[j][0] == start or j == i:
                    groups[j] = (start, hits[i][1])
    return groups


def _runs(text: str, member: object) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for index in range(len(text) + 1):
        inside = index < len(text) and member(index)  # type: ignore[operator]
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            runs.append((start, index))
            start = None
    return runs


@lru_cache(maxsize=4096)
def token_starts(text: str) -> frozenset[int]:
    """Where jieba's words of ``text`` start (cached: the matchers and checks ask again; the
    cut itself is shared with the aligner's, block by block)."""
    from glossary.words import cut

    starts = []
    position = 0
    for word in cut(text):
        starts.append(position)
        position += len(word)
    return frozenset(starts)


@lru_cache(maxsize=4096)
def pos_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's words of ``text`` with their part-of-speech tags: (start, end, tag)."""
    from glossary.words import tagged

    tokens = []
    position = 0
    for word, tag in tagged(text):
        tokens.append((position, position + len(word), tag))
        position += len(word)
    return tuple(tokens)


# Characters each side of a span that jieba needs to cut the span as it would in the whole text.
_WINDOW = 8


def pos_tokens_near(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """jieba's tagged words of the stretch of ``text`` around ``start:end``, with offsets in
    ``text``: tagging a paragraph costs milliseconds, and a run of abbreviations needs only its
    neighbourhood to tell a run (中吉) from part of a word (新加坡)."""
    left = max(0, start - _WINDOW)
    tokens = pos_tokens(text[left : min(len(text), end + _WINDOW)])
    return [(s + left, e + left, tag) for s, e, tag in tokens]


def _reads_as_abbreviations(text: str, start: int, end: int) -> bool:
    """Whether jieba reads text[start:end] as abbreviations or places, not as a word (新贵)."""
    words = [
        (token_start, token_end, flag)
        for token_start, token_end, flag in pos_tokens_near(text, start, end)
        if token_start < end and token_end > start
    ]
    for token_start, token_end, flag in words:
        inside = start <= token_start and token_end <= end
        if inside and token_end - token_start == 1:
            continue
        if flag not in (_INSIDE_TAGS if inside else _CROSSING_TAGS):
            return False
    if end - start == 2 and not all(flag == "j" for _, _, flag in words):
        return text.startswith(PAIR_CONTEXT, end)
    return True


_MATCHERS: dict[int, Matcher] = {}


def matcher_for(glossary: Glossary) -> Matcher:
    """The matcher for ``glossary``, built once per glossary object."""
    key = id(glossary)
    matcher = _MATCHERS.get(key)
    if matcher is None or matcher.glossary is not glossary:
        matcher = _MATCHERS[key] = Matcher(glossary)
    return matcher
