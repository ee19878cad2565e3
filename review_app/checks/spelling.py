"""Person names whose English spelling is one or two letters off their pinyin or glossary form.

The names come from three places: the glossary's people (with their accepted English, which may
be a Wade-Giles or Hong Kong form), names after an office title (省长王伟中), and the words jieba
tags as person names that start with a surname. A name is checked only where its translation is
evidently trying to write it: two English words, one of which is the name's surname or given
name exactly, the other a near miss (Wang Weizong for 王伟中). A name rendered in another
system (Tsai Ing-wen, Chan Kwok-ki) or not at all is no misspelling and stays silent.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import lru_cache

from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity
from review_app.names import (
    NameReading,
    edit_distance,
    fold,
    is_pinyin,
    name_readings,
    split_name,
    surname_misreadings,
    usual_readings,
    within_one_edit,
)

# An English word that may be part of a name: capitalised, letters with inner hyphens or
# apostrophes (Wei-zhong, O'Neill).
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z]*(?:[-'’](?![sS]\b)[A-Za-z]+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


# Words a reporter's or editor's name follows in a byline (记者马祚波, 责编：李絮枫).
BYLINE_WORDS = ("记者", "通讯员", "实习生", "责编：", "责编:", "编辑：", "编辑:", "摄影：", "摄影:")


@dataclass(frozen=True)
class SourceName:
    """A person name in the source and the English forms the glossary accepts for it."""

    start: int
    end: int
    zh: str
    accepted: tuple[str, ...] = ()
    glossary_id: str | None = None


@dataclass(frozen=True)
class Misspelling:
    """Where the English misspells a name, and the spelling it should have."""

    start: int
    end: int
    written: str
    expected: str


def _titled_spans(document: AnalyzedDocument, text: str) -> set[tuple[int, int]]:
    """The two- and three-character spans after an office title or a byline word (省长王伟中,
    记者马祚波): where a name stands."""
    spans: set[tuple[int, int]] = set()
    for title in (*document.glossary.office_titles, *BYLINE_WORDS):
        if title not in text:  # the common case, and far cheaper than a regex search
            continue
        for hit in re.finditer(re.escape(title), text):
            spans.update((hit.end(), hit.end() + length) for length in (2, 3))
    return spans


def _glossary_people(
    document: AnalyzedDocument, segment: AnalyzedSegment
) -> dict[tuple[int, int], SourceName]:
    """The glossary's people the matcher found in the source, by span, with their English."""
    names: dict[tuple[int, int], SourceName] = {}
    for match in segment.source_entities:
        person = document.glossary.persons.get(match.entity)
        if person is not None:
            span = (match.start, match.end)
            names[span] = SourceName(*span, match.text, person.en_names, person.id)
    return names


def person_names(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[SourceName]:
    """The person names of a segment's source, found without jieba's part-of-speech tagger
    (it costs milliseconds a paragraph): glossary people, names after an office title or
    a byline word, and jieba's words (its cut, cached) that its dictionary tags as names or
    that it does not know at all (a new word its HMM found: 夏立言) and that read as a surname
    and a given name. Cached a segment: several checks ask."""
    key = f"person names:{segment.id}"
    cached = document.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from glossary.match import token_starts
    from glossary.words import dictionary_tag

    text = segment.source
    names = _glossary_people(document, segment)
    spans: set[tuple[int, int]] = set()
    edges = sorted({*token_starts(text), len(text)})
    for start, end in itertools.pairwise(edges):
        tag = dictionary_tag(text[start:end])
        if (tag is None and 2 <= end - start <= 5) or (tag is not None and tag.startswith("nr")):
            spans.add((start, end))
            if end - start == 2 and end < len(text) and _CJK.match(text[end]):
                spans.add((start, end + 1))  # 王伟 | 中
        if tag is None and end - start >= 4:
            # ... or the start of the word after: 刘亦千 | 向 cut as one new word 刘亦千向.
            spans.update((start, start + size) for size in (2, 3))
            # A new word of jieba's may hold the end of the word before: 部长颜金勇 cut as
            # 贸工部 | 长颜金勇. Its last characters are the name when the ones before them
            # end a word with the word before (部 + 长: 部长); 首相 | 岸田文雄 holds no 田文雄.
            for size in (2, 3):
                head = text[start : end - size]
                if 1 <= len(head) <= 2 and start and dictionary_tag(text[start - 1] + head):
                    spans.add((end - size, end))
    spans.update(_titled_spans(document, text))
    for start, end in spans:
        zh = text[start:end]
        if start and text[start - 1].isdigit():
            continue  # 1968年生, 11日电: a date's word, not a surname
        if end <= len(text) and split_name(zh) is not None:
            names.setdefault((start, end), SourceName(start, end, zh))
    found = sorted(names.values(), key=lambda name: (name.start, name.end))
    document.cache[key] = found
    return found


def find_misspelling(
    target: str, name: SourceName, others: Container[tuple[str, str]]
) -> Misspelling | None:
    """The near miss of ``name`` in ``target``, unless ``target`` spells the name right.

    ``others`` are the (surname, given) spellings of the document's other names: a near miss
    that is exactly another person's name is that person.
    """
    words = [(hit.start(), hit.end(), hit.group()) for hit in _NAME_WORD.finditer(target)]
    readings = name_readings(name.zh)
    misread = surname_misreadings(name.zh)
    usual = usual_readings(name.zh)
    if _written_right(target, words, name, readings):
        return None
    for accepted in name.accepted:
        miss = _near_accepted_form(target, words, accepted)
        if miss is not None:
            return miss
    best: tuple[int, Misspelling] | None = None
    for first, second in itertools.pairwise(words):
        if not target[first[1] : second[0]].isspace() or "\n" in target[first[1] : second[0]]:
            continue
        for surname_word, given_word, surname_first in (
            (first, second, True),
            (second, first, False),
        ):
            surname, given = fold(surname_word[2]), fold(given_word[2])
            for reading in usual:
                distance = _miss(surname, given, given_word[2], reading, misread)
                if not distance or (best is not None and distance >= best[0]):
                    continue
                if (surname, given) not in others:
                    expected = (
                        f"{reading.surname.capitalize()} {reading.given.capitalize()}"
                        if surname_first
                        else f"{reading.given.capitalize()} {reading.surname.capitalize()}"
                    )
                    best = (
                        distance,
                        Misspelling(first[0], second[1], target[first[0] : second[1]], expected),
                    )
    return best[1] if best else None


def _miss(
    surname: str, given: str, given_written: str, reading: NameReading, misread: frozenset[str]
) -> int:
    """How far (surname, given) misses ``reading``: 0 when it is not a near miss at all. A
    surname read as the word it also is (单 as Dan, not Shan) counts as one letter off."""
    if surname == reading.surname and given != reading.given:
        if "-" in given_written and not is_pinyin(given_written):
            return 0  # a Wade-Giles or Hong Kong given name (Ying-jeou), not a pinyin typo
        distance = edit_distance(given, reading.given)
        return distance if distance <= _allowed(reading.given) else 0
    if given == reading.given and surname != reading.surname:
        if surname in misread:
            return 1
        if len(reading.surname) > 1 and edit_distance(surname, reading.surname) == 1:
            return 1
    return 0


def _allowed(spelling: str) -> int:
    """Edits that still count as a misspelling: one in a short name, two in a long one."""
    return 1 if len(spelling) < 6 else 2


def written_spans(target: str, name: SourceName) -> list[tuple[int, int]]:
    """Where ``target`` spells ``name`` right: any reading in either order, or a glossary form."""
    words = [(hit.start(), hit.end(), hit.group()) for hit in _NAME_WORD.finditer(target)]
    return _written_right(target, words, name, name_readings(name.zh))


def _written_right(
    target: str,
    words: list[tuple[int, int, str]],
    name: SourceName,
    readings: tuple[NameReading, ...],
) -> list[tuple[int, int]]:
    spellings = {(reading.surname, reading.given) for reading in readings}
    spellings |= {(given, surname) for surname, given in spellings}
    spans = [
        (first[0], second[1])
        for first, second in itertools.pairwise(words)
        if (fold(first[2]), fold(second[2])) in spellings and target[first[1] : second[0]].isspace()
    ]
    lowered = target.lower()
    for form in name.accepted:
        start = lowered.find(form.lower())
        if start >= 0:
            spans.append((start, start + len(form)))
    return spans


def _near_accepted_form(
    target: str, words: list[tuple[int, int, str]], accepted: str
) -> Misspelling | None:
    """A run of words one or two letters off a glossary form, sharing a word with it."""
    form_words = accepted.split()
    size = len(form_words)
    if size < 2:
        return None
    folded_form = fold(accepted)
    for index in range(len(words) - size + 1):
        window = words[index : index + size]
        text = target[window[0][0] : window[-1][1]]
        if "\n" in text or not {w for _, _, w in window} & set(form_words):
            continue
        distance = edit_distance(fold(text), folded_form)
        if 1 <= distance <= _allowed(folded_form):
            return Misspelling(window[0][0], window[-1][1], text, accepted)
    return None


_OTHERS_KEY = "name.spelling:others"


class _DocumentSpellings:
    """Whether a spelling (surname, given; either order) is the name of someone else in the
    document's source. Worked out per surname reading asked, tagging only the clauses that hold
    a surname read that way: a near miss is rare, tagging the whole document is not. Each
    reading is looked up once a document (there are a few hundred), so the cost stays linear in
    the document's length however many near misses it holds."""

    def __init__(self, document: AnalyzedDocument) -> None:
        self.document = document
        self.by_reading: dict[str, frozenset[tuple[str, ...]]] = {}

    def __contains__(self, spelling: object) -> bool:
        if not isinstance(spelling, tuple) or len(spelling) != 2:
            return False
        wanted = {spelling, spelling[::-1]}
        return any(wanted & self._spellings_read(part) for part in spelling)

    def _spellings_read(self, reading: str) -> frozenset[tuple[str, ...]]:
        """Every spelling of a source name in a clause holding a surname read ``reading``."""
        if reading not in self.by_reading:
            surnames = _surnames_read_as().get(reading, set())
            found: set[tuple[str, ...]] = set()
            for segment in self.document.segments:
                if not any(surname in segment.source for surname in surnames):
                    continue
                for name in person_names(self.document, segment):
                    found.update((r.surname, r.given) for r in name_readings(name.zh))
                    found.update(
                        tuple(fold(part) for part in form.split()) for form in name.accepted
                    )
            self.by_reading[reading] = frozenset(found)
        return self.by_reading[reading]


@lru_cache(maxsize=1)
def _surname_set() -> frozenset[str]:
    from alignment.lexicon import surname_readings

    return frozenset(surname_readings())


@lru_cache(maxsize=1)
def _surnames_read_as() -> dict[str, set[str]]:
    """Each folded surname reading and the surnames read so: "shan" → {单, 山, 善, …}."""
    from alignment.lexicon import surname_readings

    read_as: dict[str, set[str]] = {}
    for surname, forms in surname_readings().items():
        for form in forms:
            read_as.setdefault(fold(form), set()).add(surname)
    return read_as


def _surnames_written(source: str, target: str) -> set[str]:
    """The surnames of the source (单, 欧阳) that the target may write: one of two capitalised
    English words side by side is a reading of the surname, or one letter off one and alike at
    the start or the end (so that a misspelt surname still gets a look). A cheap test that
    spares most sentences jieba's tagger."""
    known = _surname_set()
    candidates = (set(source) | {source[i : i + 2] for i in range(len(source) - 1)}) & known
    forms = {surname: _surname_forms(surname) for surname in candidates}
    written: set[str] = set()
    if not forms:
        return written
    words = list(_NAME_WORD.finditer(target))
    for first, second in itertools.pairwise(words):
        if not target[first.end() : second.start()].isspace():
            continue
        for word in (fold(first.group()), fold(second.group())):
            for surname, readings in forms.items():
                if word in readings or any(
                    abs(len(reading) - len(word)) <= 1
                    and (word[0] == reading[0] or word[-1] == reading[-1])
                    and within_one_edit(word, reading)
                    for reading in readings
                ):
                    written.add(surname)
    return written


@lru_cache(maxsize=8192)
def _surname_forms(surname: str) -> frozenset[str]:
    """How a surname (单, 欧阳) may be written: CC-CEDICT's surname readings and, as misreadings,
    the other readings pypinyin knows of a one-character surname (单: shan, dan, chan)."""
    from pypinyin import Style, pinyin

    from alignment.lexicon import surname_readings

    forms = surname_readings().get(surname)
    if not forms:
        return frozenset()
    others = pinyin(surname, style=Style.NORMAL, heteronym=True)[0] if len(surname) == 1 else []
    return frozenset(fold(form) for form in (*forms, *others))


@register
class NameSpellingCheck(SegmentCheck):
    """A person's name spelt one or two letters off its pinyin or its glossary form.

    Major: the source names a person (王伟中) and the translation writes the name nearly but
    not quite (Wang Weizong for Wang Weizhong, Wnag Weizhong), in either order. Surnames are
    read as surnames (单 Shan, 曾 Zeng, 仇 Qiu); the glossary's accepted forms (Carrie Lam,
    Wade-Giles or Hong Kong spellings) count as right. A near miss that is another name of the
    document, or a given name in another romanisation (Ying-jeou), is left alone.
    """

    id = "name.spelling"
    mqm = "fluency/spelling"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        if not segment.target.strip():
            return
        # jieba's tagger is the costly part: run it only where a name may be written.
        glossary_person = any(
            m.entity in document.glossary.persons for m in segment.source_entities
        )
        surnames = _surnames_written(segment.source, segment.target)
        if not glossary_person and not surnames:
            return
        names = person_names(document, segment)
        if not names:
            return
        # One a document, kept in its cache: what it has worked out is reused by every segment.
        others = document.cache.get(_OTHERS_KEY)
        if others is None:
            others = document.cache[_OTHERS_KEY] = _DocumentSpellings(document)
        reported: set[tuple[int, int]] = set()
        for name in _rendered_elsewhere_removed(segment.target, names):
            miss = find_misspelling(segment.target, name, others)
            if miss is None or (miss.start, miss.end) in reported:
                continue
            reported.add((miss.start, miss.end))
            source = "the glossary" if name.glossary_id else "pinyin"
            yield self.finding(
                segment,
                f"{name.zh} is “{miss.expected}” in {source}; the translation spells it "
                f"“{miss.written}”.",
                source=(name.start, name.end),
                target=(miss.start, miss.end),
                suggestion=miss.expected,
                glossary_id=name.glossary_id,
            )


def _rendered_elsewhere_removed(target: str, names: list[SourceName]) -> list[SourceName]:
    """The names left to check: of a name and its one-character-longer reading (王伟, 王伟中),
    neither is checked when the translation spells one of them right."""
    words = [(hit.start(), hit.end(), hit.group()) for hit in _NAME_WORD.finditer(target)]
    right_starts = {
        name.start for name in names if _written_right(target, words, name, name_readings(name.zh))
    }
    return [name for name in names if name.start not in right_starts]
