"""name.misread: a person's name written as another name, in no romanisation of its characters.

Machine translation that does not know a name guesses it: 范明政 (Pham Minh Chinh, Vietnam's
prime minister) comes out "Pham Minh Thanh", 赵春山 (Zhao Chunshan) "Liu Chun-shan", 孙先生
"Mr. Son". A one- or two-letter slip in pinyin is ``name.spelling``'s; this check reports a name
whose surname or given name is no reading of the characters in any system the knowledge layer
knows (pinyin, Wade-Giles, Hong Kong Cantonese, Sino-Vietnamese: ``glossary.knowledge.romanise``)
while the other half shows that the translation is writing this person.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.knowledge import Candidate, knowledge_for
from glossary.knowledge.romanise import (
    Romanisation,
    fold,
    korean_surname,
    romanisations,
    surname_forms,
)
from glossary.match import token_starts
from review_app.checks.base import SegmentCheck, register
from review_app.checks.spelling import SourceName, person_names
from review_app.findings import Finding, Severity
from review_app.names import edit_distance, within_one_edit

if TYPE_CHECKING:
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# A capitalised English word that may be part of a name (Li-yen, O'Neill).
NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z]*(?:[-'’](?![sS]\b)[A-Za-z]+)*")
# Honorifics after a surname in Chinese, and before one in English.
_ZH_HONORIFIC = re.compile(r"([\u4e00-\u9fff]{1,2})(?:先生|女士|小姐|太太|夫人)")
_EN_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Madam|Madame)\.?\s+([A-Z][A-Za-z-]*[A-Za-z])")


def name_words(target: str) -> list[tuple[int, int, str]]:
    """The capitalised words of ``target`` that may be part of a name: (start, end, word)."""
    return list(_name_words(target))


@lru_cache(maxsize=1024)
def _name_words(target: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((hit.start(), hit.end(), hit.group()) for hit in NAME_WORD.finditer(target))


@dataclass(frozen=True)
class Misread:
    """Where the translation writes a name wrongly, and how it should read."""

    start: int
    end: int
    written: str
    expected: str
    system: str


@register
class MisreadNameCheck(SegmentCheck):
    """A person's name written as another name: a surname or given name no romanisation gives.

    Major: the source names a person (范明政, 赵春山, 孙先生) and the translation writes one half
    of the name in some romanisation (pinyin, Wade-Giles, Hong Kong Cantonese, Sino-Vietnamese)
    beside another word that is no reading of the other half: "Pham Minh Thanh" (Pham Minh
    Chinh), "Liu Chun-shan" (Zhao Chunshan), "Mr. Son" (Mr. Sun). Near misses of the pinyin are
    name.spelling's; a name written as another person of the segment is left alone.
    """

    id = "name.misread"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        target = segment.target
        words = name_words(target)
        if not words:
            return
        reported: set[tuple[int, int]] = set()
        clusters = unwritten_clusters(document, segment, words)
        # name.spelling reports near misses of the names it finds, not the spans added here
        # (范明政 of 范 | 明政总理 written "Fan Mingeng").
        spelled = {(name.start, name.end) for name in person_names(document, segment)}
        for cluster, others in clusters:
            for name in cluster:
                span = (name.start, name.end)
                miss = misread(
                    target, words, name.zh, others, segment.source, span, span in spelled
                )
                if miss is None or (miss.start, miss.end) in reported:
                    continue
                reported.add((miss.start, miss.end))
                yield self._report(segment, name.start, name.end, name.zh, miss)
                break
        yield from self._honorifics(segment, reported)

    def _report(
        self, segment: AnalyzedSegment, start: int, end: int, zh: str, miss: Misread
    ) -> Finding:
        return self.finding(
            segment,
            f"{zh} is “{miss.expected}” ({miss.system}); the translation writes "
            f"“{miss.written}”, which no romanisation of {zh} gives.",
            source=(start, end),
            target=(miss.start, miss.end),
            suggestion=miss.expected,
        )

    def _honorifics(
        self, segment: AnalyzedSegment, reported: set[tuple[int, int]]
    ) -> Iterator[Finding]:
        """孙先生 as "Mr. Son": one honorific each side, the English surname none of 孙's."""
        zh = [hit for hit in _ZH_HONORIFIC.finditer(segment.source) if _surname_of(hit.group(1))]
        en = list(_EN_HONORIFIC.finditer(segment.target))
        if len(zh) != 1 or len(en) != 1:
            return
        surname = _surname_of(zh[0].group(1))
        assert surname is not None
        written = en[0].group(1)
        forms = surname_forms(surname)
        if fold(written) in forms or (en[0].start(), en[0].end()) in reported:
            return
        if any(
            fold(written) == fold(w) for w in NAME_WORD.findall(segment.target[: en[0].start()])
        ):
            return  # "Sun Li … Mr. Sun": the full name came first, written as something else
        expected = next(r for r in romanisations(surname + "某") if r.system == "pinyin")
        miss = Misread(
            en[0].start(1), en[0].end(1), written, expected.surname.capitalize(), "pinyin"
        )
        start = zh[0].start() + zh[0].group(1).index(surname)
        yield self._report(segment, start, start + len(surname), surname, miss)


def unwritten_clusters(
    document: AnalyzedDocument, segment: AnalyzedSegment, words: list[tuple[int, int, str]]
) -> list[tuple[list[SourceName], frozenset[tuple[str, str]]]]:
    """The person names of the source that the translation does not write right, each as the
    cluster of overlapping readings jieba's cut allows (王伟 | 中, 明政总 of 范明政总理), with
    the spellings of the segment's other names."""
    key = f"unwritten names:{segment.id}"
    cached = document.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = _with_neighbours(person_names(document, segment), segment.source)
    names = [name for name in names if romanisations(name.zh)]
    # A name the knowledge layer knows (达芬奇, Da Vinci; 诸葛亮) has its English there:
    # written so, it is right.
    # A Singapore name is written from a dialect no reader here knows (柯淑丹 Ko Suk Tan, in
    # Hokkien): name.romanisation speaks for it, not this check.
    from review_app.checks.romanisation import document_regions

    regions = document_regions(document)
    names = [name for name in names if regions.get(name.zh) != "Singapore"]
    knowledge = knowledge_for(document.glossary)
    known = {name.zh: knowledge.lookup(name.zh) for name in names}
    edges = token_starts(segment.source) | {len(segment.source)}
    clusters = _clusters(names)
    found = []
    for index, cluster in enumerate(clusters):
        others = _spellings([n for c in clusters[:index] + clusters[index + 1 :] for n in c])
        cluster = _plausible(cluster, edges)
        # A cluster is right when any of its readings is written right.
        if not any(_right(name, known[name.zh], segment, words) for name in cluster):
            found.append((cluster, others))
    document.cache[key] = found
    return found


def _surname_of(chars: str) -> str | None:
    """The surname that ends ``chars`` (孙 of 看房人孙), if one does."""
    from alignment.lexicon import surname_readings

    surnames = surname_readings()
    for length in (2, 1):
        if len(chars) >= length and chars[-length:] in surnames:
            return chars[-length:]
    return None


def _with_neighbours(names: list[SourceName], text: str) -> list[SourceName]:
    """The names and the spans jieba may have meant: one character shorter at the end of a
    four-character one (诸葛亮 of 诸葛亮会), and one longer at the start where that character
    is a surname (范明政 of 范 | 明政总理)."""
    from glossary.knowledge.romanise import split_name

    found = {(name.start, name.end): name for name in names}
    for name in names:
        if name.accepted:
            continue
        spans = [(name.start, name.end - 1)] if len(name.zh) >= 4 else []
        if name.start > 0:
            spans += [(name.start - 1, name.end), (name.start - 1, name.end - 1)]
        for start, end in spans:
            if split_name(text[start:end]) is not None:
                found.setdefault((start, end), SourceName(start, end, text[start:end]))
    return list(found.values())


def _clusters(names: list[SourceName]) -> list[list[SourceName]]:
    """Overlapping names together, each cluster the earliest start first, then the longest."""
    clusters: list[list[SourceName]] = []
    end = -1
    for name in sorted(names, key=lambda n: (n.start, -(n.end - n.start))):
        if clusters and name.start < end:
            clusters[-1].append(name)
            end = max(end, name.end)
        else:
            clusters.append([name])
            end = name.end
    return clusters


def _plausible(cluster: list[SourceName], edges: frozenset[int]) -> list[SourceName]:
    """The names of a cluster that start and end where words of jieba's start (夏立 of 夏立言 |
    率团 is no name, nor 田文雄 of 岸田 | 文雄), and a four-character name's first three (诸葛亮
    of the one word 诸葛亮会)."""
    longer = {(name.start, name.end) for name in cluster if len(name.zh) == 4}
    kept = [
        n
        for n in cluster
        if n.start in edges and (n.end in edges or (n.start, n.end + 1) in longer)
    ]
    return kept or cluster


def _right(
    name: SourceName,
    known: tuple[Candidate, ...],
    segment: AnalyzedSegment,
    words: list[tuple[int, int, str]],
) -> bool:
    """Whether the translation writes ``name`` right: a glossary form, the knowledge layer's
    English of it, the source's own Latin form of it, or a romanisation."""
    target = segment.target
    return (
        _accepted_written(name, target)
        or _known_written(name.zh, known, target)
        or _glossed_written(segment.source[name.end :], target)
        or written_right(target, words, romanisations(name.zh))
    )


# A name's own Latin form right after it in the source: 小马科斯（Bongbong Marcos）.
_GLOSS = re.compile(r"^[（(]([A-Za-z][A-Za-z .'-]*)[)）]")


def _glossed_written(after: str, target: str) -> bool:
    """Whether the source glosses the name in Latin letters and the translation writes a word
    of that gloss."""
    gloss = _GLOSS.match(after)
    if gloss is None:
        return False
    written = {word.casefold() for word in re.findall(r"[A-Za-z]{3,}", target)}
    return any(word.casefold() in written for word in re.findall(r"[A-Za-z]{3,}", gloss[1]))


def _accepted_written(name: SourceName, target: str) -> bool:
    lowered = target.casefold()
    return any(form.casefold() in lowered for form in name.accepted)


def _known_written(zh: str, candidates: tuple[Candidate, ...], target: str) -> bool:
    """Whether ``target`` writes a known name's English: in full, or by its last word where
    the English is no romanisation of the characters (Vinci of Leonardo da Vinci for 达芬奇;
    Pham Minh Chinh is all or nothing)."""
    folded_target = fold(target)
    words = {fold(word) for word in re.findall(r"[A-Za-z]+", target)}
    spelt = {r.surname + r.given_folded for r in romanisations(zh)}
    spelt |= {r.given_folded + r.surname for r in romanisations(zh)}
    for candidate in candidates:
        for form in candidate.en:
            if fold(form) in folded_target:
                return True
            last = re.findall(r"[A-Za-z]{3,}", form)[-1:]
            if fold(form) not in spelt and last and fold(last[0]) in words:
                return True
    return False


def _spellings(names: list[SourceName]) -> frozenset[tuple[str, str]]:
    """(surname, given) of every name of the segment, in every system: a word pair that is one
    of them names that person, whatever the other names."""
    return frozenset(
        (reading.surname, reading.given_folded)
        for name in names
        for reading in romanisations(name.zh)
    )


def misread(
    target: str,
    words: list[tuple[int, int, str]],
    zh: str,
    others: frozenset[tuple[str, str]] = frozenset(),
    source: str = "",
    span: tuple[int, int] = (0, 0),
    spelled: bool = True,
) -> Misread | None:
    """Where ``target`` writes the name ``zh`` with one half right and the other no reading of
    its characters; None when it writes the name right somewhere, or not at all. ``others``:
    the spellings of the source's other names; ``source``: the Chinese, for names it holds that
    were not recognised as names (a word pair that reads some of its characters is theirs);
    ``spelled``: whether name.spelling checks this name (then its near misses are left to it)."""
    readings = romanisations(zh)
    if not readings or written_right(target, words, readings):
        return None
    surname_zh = zh[: len(zh) - len(readings[0].given)]
    size = len(readings[0].given)
    for index, (start, end, word) in enumerate(words):
        if korean_surname(word, surname_zh) and fold(word) not in _pinyin_surnames(zh):
            continue  # a Korean's given name is the person's own spelling (Kim Jong-un)
        after = _run(target, words, index + 1, size)
        before = _run_before(target, words, index, size)
        for reading in readings:
            if fold(word) == reading.surname and after:
                usual = usual_given(zh, size) if spelled else ""
                wrong = _wrong_given(after, reading, readings, usual)
                if (
                    wrong
                    and (reading.surname, fold(wrong[2])) not in others
                    and not reads_a_name_in(source, fold(word), fold(wrong[2]), span)
                ):
                    return Misread(start, wrong[1], target[start : wrong[1]], *_expected(reading))
            given_end = _given_written(word, end, after, reading) if size == 2 else None
            if (
                given_end is not None
                and before
                and _wrong_surname(before[-1][2], readings, others, reading)
                and not reads_a_name_in(source, fold(before[-1][2]), reading.given_folded, span)
            ):
                first = before[-1][0]
                return Misread(first, given_end, target[first:given_end], *_expected(reading))
    return None


def _pinyin_surnames(zh: str) -> frozenset[str]:
    """The name's surname in pinyin: Ma and Wang are Chinese whatever Korean also writes."""
    return frozenset(r.surname for r in romanisations(zh) if r.system == "pinyin")


def _expected(reading: Romanisation) -> tuple[str, str]:
    return reading.written, reading.system


def _given_written(
    word: str, end: int, after: list[tuple[int, int, str]], reading: Romanisation
) -> int | None:
    """Where a two-syllable given name written from ``word`` on ends (Chun-shan, or Chun Shan
    in two words, or its first syllable alone where the name ends there: "Van Minh" of Pham
    Minh Chinh); None if it is not written there."""
    if _close(fold(word), reading.given_folded):
        return end
    if after and _close(fold(word + after[0][2]), reading.given_folded):
        return after[0][1]
    if not after and len(reading.given[0]) >= 3 and fold(word) == reading.given[0]:
        return end
    return None


def reads_a_name_in(source: str, surname: str, given: str, skip: tuple[int, int] = (0, 0)) -> bool:
    """Whether ``source`` holds a name read (surname, given) in some system: a surname
    character followed by one or two characters that read so (郑淯心, "Zheng Yuxin", which
    jieba did not take for a name). ``skip``: the span of the name being checked, whose own
    first characters are no other name (夏立 of 夏立言)."""
    from glossary.knowledge.romanise import split_name

    for start in _surname_positions(source).get(surname, ()):
        if skip[0] <= start < skip[1]:
            continue
        for size in (2, 3, 4):
            chars = source[start : start + size]
            if len(chars) < size or split_name(chars) is None:
                continue
            if any(r.surname == surname and r.given_folded == given for r in romanisations(chars)):
                return True
    return False


@lru_cache(maxsize=256)
def _surname_positions(source: str) -> dict[str, tuple[int, ...]]:
    """Where ``source`` has a surname character (or two), by each folded way to write it:
    the few places a name read with that surname can start."""
    from alignment.lexicon import surname_readings

    surnames = surname_readings()
    found: dict[str, list[int]] = {}
    for start in range(len(source)):
        for size in (1, 2):
            chars = source[start : start + size]
            if len(chars) == size and chars in surnames:
                for form in surname_forms(chars):
                    found.setdefault(form, []).append(start)
    return {form: tuple(dict.fromkeys(starts)) for form, starts in found.items()}


def written_right(
    target: str, words: list[tuple[int, int, str]], readings: tuple[Romanisation, ...]
) -> bool:
    """Whether some run of words spells surname and given name in one system (either order;
    the given name one word, hyphenated, or a word a syllable), within one letter."""
    size = len(readings[0].given)
    folded = [fold(word) for _, _, word in words]
    for index, word in enumerate(folded):
        for reading in readings:
            if word != reading.surname:
                continue
            # Two words at most after the surname; a shorter reading counts only where the
            # name does not go on (范明 is not "Pham Minh" in "Pham Minh Triet").
            after = [fold(w) for _, _, w in _run(target, words, index + 1, 2)]
            before = [fold(w) for _, _, w in _run_before(target, words, index, size)]
            for count in range(1, len(after) + 1):
                goes_on = count < len(after) and after[count] in _syllables()
                if not goes_on and _close("".join(after[:count]), reading.given_folded):
                    return True
            for count in range(1, size + 1):
                if count <= len(before) and _close("".join(before[-count:]), reading.given_folded):
                    return True
    return False


def _close(written: str, expected: str) -> bool:
    """Within one letter of ``expected`` (exact when it is short)."""
    if not written or abs(len(written) - len(expected)) > 1:
        return False  # the cheap test first: most words are nowhere near
    if written == expected:
        return True
    return len(expected) >= 4 and within_one_edit(written, expected)


def _run(
    target: str, words: list[tuple[int, int, str]], index: int, size: int
) -> list[tuple[int, int, str]]:
    """Up to ``size`` name words from ``index`` on, each one space after the last."""
    run: list[tuple[int, int, str]] = []
    previous_end = words[index - 1][1] if index > 0 else None
    for start, end, word in words[index : index + size]:
        if previous_end is None or target[previous_end:start] != " " or is_ordinary(word):
            break
        run.append((start, end, word))
        previous_end = end
    return run


def _run_before(
    target: str, words: list[tuple[int, int, str]], index: int, size: int
) -> list[tuple[int, int, str]]:
    run: list[tuple[int, int, str]] = []
    next_start = words[index][0]
    for start, end, word in reversed(words[max(0, index - size) : index]):
        if target[end:next_start] != " " or is_ordinary(word):
            break
        run.insert(0, (start, end, word))
        next_start = start
    return run


def _wrong_given(
    after: list[tuple[int, int, str]],
    reading: Romanisation,
    readings: tuple[Romanisation, ...],
    usual: str = "",
) -> tuple[int, int, str] | None:
    """The given-name words after a surname when they are no reading of the given name, even
    two letters off the ``usual`` pinyin (which name.spelling reports)."""
    written = "".join(fold(word) for _, _, word in after)
    same_surname = [r for r in readings if r.surname == reading.surname]
    if any(edit_distance(written, r.given_folded) <= _tolerance(r, usual) for r in same_surname):
        return None
    expected = {r.given_folded for r in same_surname}
    if len(written) >= len(min(expected, key=len)) and any(
        given.startswith(written) or written.startswith(given) for given in expected
    ):
        return None  # the given name and more (a word is_ordinary did not stop): right
    return (after[0][0], after[-1][1], " ".join(word for _, _, word in after))


def _tolerance(reading: Romanisation, usual: str = "") -> int:
    """Edits a written given name may be off ``reading`` and still be this name: one in a long
    name; off the usual pinyin as many as name.spelling reports (one, two in a long name),
    which measures against that reading only (絮 is xu, not the rare na)."""
    size = len(reading.given_folded)
    if reading.system == "pinyin" and reading.given_folded == usual:
        return 1 if size < 6 else 2
    return 1 if size >= 4 else 0


@lru_cache(maxsize=8192)
def usual_given(zh: str, size: int) -> str:
    """The given name's usual pinyin (pypinyin's choice), folded."""
    from pypinyin import lazy_pinyin

    return fold("".join(lazy_pinyin(zh[len(zh) - size :])))


def _wrong_surname(
    word: str,
    readings: tuple[Romanisation, ...],
    others: frozenset[tuple[str, str]],
    reading: Romanisation,
) -> bool:
    """Whether ``word``, before a right given name, is a surname the name does not have."""
    folded = fold(word)
    if any(folded == r.surname for r in readings) or (folded, reading.given_folded) in others:
        return False
    if any(edit_distance(folded, r.surname) <= 1 for r in readings if len(r.surname) >= 4):
        return False  # a one-letter slip is name.spelling's
    return is_surname_spelling(folded)


@lru_cache(maxsize=1)
def _surname_spellings() -> frozenset[str]:
    """Every folded spelling of a one-character surname, in every system (Liu, Chan, Nguyen)."""
    from alignment.lexicon import surname_readings

    return frozenset(
        form
        for surname in surname_readings()
        if len(surname) == 1
        for form in surname_forms(surname)
    )


@lru_cache(maxsize=1)
def pinyin_surname_spellings() -> frozenset[str]:
    """Every folded pinyin spelling of a surname (wang, cai, ouyang)."""
    from alignment.lexicon import surname_readings

    return frozenset(fold(form) for forms in surname_readings().values() for form in forms)


def is_surname_spelling(folded: str) -> bool:
    return folded in _surname_spellings()


@lru_cache(maxsize=1)
def _english_stems() -> frozenset[str]:
    """The stems of CC-CEDICT's English glosses: words of English, not of a name."""
    from alignment.lexicon import cedict_index

    return frozenset(itertools.chain.from_iterable(cedict_index().values()))


@lru_cache(maxsize=65536)
def is_ordinary(word: str) -> bool:
    """An English word that is no name's ("Thought", "Minister", "Said"); a word that reads as
    romanised syllables (Li, Chen, Minh, Haoran) counts as a name's."""
    if _romanised(fold(word)):
        return False
    return "-" not in word and english_word(word)


def english_word(word: str) -> bool:
    """Whether ``word`` is a word of English (CC-CEDICT's definitions write it in lower case):
    "The", "You", "Ban"; names are not ("Hu", "Xia", "Abe")."""
    from alignment.lexicon import english_vocabulary, stem

    return stem(word) in english_vocabulary()


def _romanised(folded: str) -> bool:
    """Whether ``folded`` is romanised syllables end to end (haoran, minh, hsiao)."""
    from glossary.knowledge.romanise import spelt_with

    return spelt_with(folded, _syllables())


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every romanised syllable of the common characters, in every system."""
    from glossary.knowledge.romanise import syllables

    return syllables()
