"""name.replaced: a person's name gone from the translation, another name in its place.

When machine translation cannot read a name at all it writes some other one: 范明政 becomes
"Van Minh" or "Van der Mei", 蔡奇 "Wang Ji", 夏立言 "Sharik". No half of the name is left for
``name.misread`` to compare. This check reports the pair when the segment has a person whose
name the translation does not write in any romanisation, not even a syllable of it (a foreign
name: nothing that sounds like it), and exactly one name-shaped run of words (or a surname
standing alone) that nothing in the source explains; of several such persons, the one whose
place the run takes.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge import knowledge_for
from glossary.knowledge.mentions import english_index, fold
from glossary.knowledge.phonetic import (
    SOUNDS_ALIKE,
    SOUNDS_UNLIKE,
    best_match,
    looks_transliterated,
    transliteration_alphabet,
)
from glossary.knowledge.romanise import fold as fold_name
from glossary.knowledge.romanise import preferred, romanisations
from glossary.match import token_starts
from review_app.checks.base import SegmentCheck, register
from review_app.checks.misread import (
    is_ordinary,
    name_words,
    reads_a_name_in,
    unwritten_clusters,
    usual_given,
)
from review_app.checks.spelling import SourceName, person_names
from review_app.checks.substituted import source_mentions
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# Lower-case words inside a foreign name (Van der Mei, Ursula von der Leyen).
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "la", "le", "bin", "al"})


@register
class ReplacedNameCheck(SegmentCheck):
    """A person's name missing from the translation while another name stands in its place.

    Major: the source names one person the translation does not write in any romanisation
    (pinyin, Wade-Giles, Cantonese, Sino-Vietnamese; not a syllable of the name; for a Japanese
    name in a document about Japan, not its surname's Hepburn reading), and the translation
    holds one run of two or more name words that no name, place or body of the source accounts
    for: 范明政 written "Van der Mei", 蔡奇 written "Wang Jiqi", 西村康稔 "Shiro Mishima".
    """

    id = "name.replaced"
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
        known = _known_spans(document, segment)
        people = _people(document, segment)
        japanese = _japanese_names(document, segment)
        absent: list[tuple[SourceName, str, str]] = []  # (name, how it reads, in which system)
        for cluster, _others in unwritten_clusters(document, segment, words):
            if any(_any_syllable_written(n, words) for n in cluster) or not any(
                _a_persons_word(n, known, people) for n in cluster
            ):
                continue
            if any(j.start < n.end and n.start < j.end for j in japanese for n in cluster):
                continue  # 康稔 of 西村康稔: a Japanese name's given name
            if any(_dotted(n, segment.source) for n in cluster) and any(
                sounds_written(n.zh, [w for _, _, w in words]) for n in cluster
            ):
                continue  # 梅萨米 of 法哈德·梅萨米, a foreign name written as it sounds
            # The cluster's widest reading that is no word (范明政, not 明政; not 顾问).
            name = next((n for n in cluster if _no_word(n.zh)), cluster[0])
            reading = preferred(name.zh, segment.source) or romanisations(name.zh)[0]
            absent.append((name, reading.written, reading.system))
        absent.extend(_japanese_absent(japanese, words))
        absent.extend(_foreign_absent(document, segment, words))
        if not absent:
            return
        runs = [run for run in _name_runs(target, words) if not _explained(document, segment, run)]
        if not runs:
            runs = _lone_surnames(document, segment, words)
        if len(runs) != 1:
            return
        start, end = runs[0]
        pick = _in_its_place(absent, segment, start)
        if pick is None:
            return  # several names, none where the run stands
        name, written, system = pick
        yield self.finding(
            segment,
            f"{name.zh} (“{written}” in {system}) is not in the translation; it names "
            f"“{target[start:end]}” instead, whom the source does not name.",
            source=(name.start, name.end),
            target=(start, end),
            suggestion=written,
        )


# How far apart (as shares of each side's length) a name and the run in its place may stand,
# and how much nearer than the next name the chosen one must be.
_PLACE_TOLERANCE = 0.25
_PLACE_MARGIN = 0.15


def _in_its_place(
    absent: list[tuple[SourceName, str, str]], segment: AnalyzedSegment, run_start: int
) -> tuple[SourceName, str, str] | None:
    """The absent name the run stands in for: the only one, or, of several, the one whose
    place in the source is clearly nearest the run's place in the translation (何立峰 opens
    the sentence, 岸田文雄 is where "Prime Minister Wen Jiabao" stands)."""
    if len(absent) == 1:
        return absent[0]
    where = run_start / max(1, len(segment.target))

    def distance(item: tuple[SourceName, str, str]) -> float:
        return abs(item[0].start / max(1, len(segment.source)) - where)

    nearest, second = sorted(absent, key=distance)[:2]
    if distance(nearest) <= _PLACE_TOLERANCE and distance(second) - distance(nearest) >= (
        _PLACE_MARGIN
    ):
        return nearest
    return None


def _japanese_names(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[SourceName]:
    """The Japanese names of the source, in a document about Japan (日本, 日方, 东京): a
    Japanese surname (岸田) and one or two characters that end where a word of jieba's starts
    (jieba cuts the names apart: 和岸 | 田文雄, 西村 | 康稔), outside known places (中山)."""
    from glossary.knowledge.romanise import japanese_name

    source = segment.source
    if not any(marker in document.source_text() for marker in _JAPAN):
        return []
    edges = {*token_starts(source), len(source)}
    known = _known_spans(document, segment, people=False)  # 西村 is a surname CC-CEDICT has
    found: dict[str, SourceName] = {}
    for hit in _japanese_surname_pattern().finditer(source):
        for size in (2, 1):
            end = hit.end() + size
            name = source[hit.start() : end]
            if end in edges and japanese_name(name) is not None:
                if not any(s < end and hit.start() < e for s, e in known):
                    found.setdefault(name, SourceName(hit.start(), end, name))
                break
    return list(found.values())  # each name once: its first mention


@functools.lru_cache(maxsize=1)
def _japanese_surname_pattern() -> re.Pattern[str]:
    """Every Japanese surname of the table in one pattern, the longest first (one search a
    segment instead of one a surname)."""
    from glossary.knowledge.romanise import japanese_surnames

    surnames = sorted(japanese_surnames(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, surnames)))


_JAPAN = ("日本", "日方", "东京")


def _japanese_absent(
    names: list[SourceName], words: list[tuple[int, int, str]]
) -> list[tuple[SourceName, str, str]]:
    """Those of the Japanese ``names`` whose surname the translation does not write."""
    from glossary.knowledge.romanise import japanese_name

    written = {fold_name(word) for _, _, word in words}
    found = []
    for name in names:
        japanese = japanese_name(name.zh)
        if japanese is None or japanese[1] & written:
            continue
        hepburn = sorted(japanese[1])[0].capitalize()
        found.append((name, hepburn, "Japanese (the surname)"))
    return found


def _known_spans(
    document: AnalyzedDocument, segment: AnalyzedSegment, people: bool = True
) -> list[tuple[int, int]]:
    """Where the source names a place, body or (unless ``people`` is false) person the
    knowledge layer knows."""
    return [
        (mention.start, mention.end)
        for mention in source_mentions(document, segment)
        if people or mention.candidates[0].kind != "person"
    ]


def _people(document: AnalyzedDocument, segment: AnalyzedSegment) -> set[tuple[int, int]]:
    """The spans that are surely names of people: jieba's words that its dictionary tags as
    names or that it found itself, and what follows an office title or a byline word."""
    return {(name.start, name.end) for name in person_names(document, segment)}


def _a_persons_word(
    name: SourceName, known: list[tuple[int, int]], people: set[tuple[int, int]]
) -> bool:
    """Whether the name is surely a person's: jieba's or a title's name (not 赫拉 inside
    卡赫拉曼马拉什), no known place or body overlaps it (田纳西, Tennessee; 华声 of 华声在线),
    and neither jieba's dictionary nor CC-CEDICT holds it as a word (顾问, an adviser)."""

    if (name.start, name.end) not in people:
        return False
    if any(start < name.end and name.start < end for start, end in known):
        return False
    return _no_word(name.zh)


def _no_word(zh: str) -> bool:
    """Whether neither dictionary holds ``zh`` as a word: jieba's tags some words nr (顾问),
    CC-CEDICT glosses them as words."""
    from alignment.lexicon import cedict_index
    from glossary.words import dictionary_tag

    tag = dictionary_tag(zh)
    return (tag is None or tag.startswith("nr")) and zh not in cedict_index()


def _any_syllable_written(name: SourceName, words: list[tuple[int, int, str]]) -> bool:
    """Whether any word of the translation is the name's surname or a syllable of its given
    name in any system ("Mr. Xia", "Liyan", "Minh"), or a Korean reading of its surname."""
    from glossary.knowledge.romanise import korean_surname

    if any(korean_surname(word, name.zh[:1]) for _, _, word in words):
        return True
    written = {fold_name(word) for _, _, word in words}
    for reading in romanisations(name.zh):
        usual = usual_given(name.zh, len(reading.given))
        if reading.system == "pinyin" and reading.given_folded != usual:
            continue  # 奇 is ji only in 奇数: "Wang Ji" writes no syllable of 蔡奇 (Cai Qi)
        if {
            reading.surname,
            reading.given_folded,
            reading.surname + reading.given_folded,
        } & written:
            return True  # "Xia", "Liyan", or the whole name one word ("Huasheng Online")
        if any(syllable in written for syllable in reading.given if len(syllable) >= 3):
            return True
    return False


# Words before a name that are not part of it ("Mr Shen" is the surname Shen).
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "madam", "madame", "sir"})


def _name_runs(target: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Runs of two or more name words (capitalised, no ordinary English) with single spaces
    or name particles between them: "Van Minh", "Van der Mei", "Wang Ji"."""
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    for word in words:
        ordinary = is_ordinary(word[2]) or word[2].casefold() in _HONORIFICS
        if run and _joined(target[run[-1][1] : word[0]]) and not ordinary:
            run.append(word)
            continue
        if len(run) >= 2:
            runs.append((run[0][0], run[-1][1]))
        opens = sentence_start(target, word[0]) and not _pinyin_surname(word[2])
        run = [] if ordinary or opens else [word]
    if len(run) >= 2:
        runs.append((run[0][0], run[-1][1]))
    return runs


def _pinyin_surname(word: str) -> bool:
    """Whether ``word`` is a surname in pinyin (Wang, Cai), which opens a sentence as a name:
    "Wang Jichi said …"."""
    from review_app.checks.misread import pinyin_surname_spellings

    return fold_name(word) in pinyin_surname_spellings()


# English words that are also surnames in pinyin (何 He, 游 You, 安 An): a capital at the start
# of a sentence makes them no name.
_FUNCTION_WORDS = frozenset({"he", "you", "an", "on", "no", "the", "in", "so", "me", "we", "ma"})


def _lone_surnames(
    document: AnalyzedDocument, segment: AnalyzedSegment, words: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Words that stand alone as a surname ("Prime Minister Ban", "Hu said") and that are no
    reading of any name of the source: a person called by another family's name."""
    from review_app.checks.misread import english_word, pinyin_surname_spellings

    target = segment.target
    readings = {
        form
        for name in person_names(document, segment)
        for reading in romanisations(name.zh)
        for form in (reading.surname, reading.given_folded)
    }
    found = []
    for index, (start, end, word) in enumerate(words):
        folded = fold_name(word)
        alone = all(
            target[other_end:other_start].strip(" ") not in ("", "-")
            for other_end, other_start in (
                (words[index - 1][1], start) if index else (0, 1),
                (end, words[index + 1][0]) if index + 1 < len(words) else (0, 1),
            )
        )
        if (
            alone
            and len(folded) >= 2
            and folded in pinyin_surname_spellings()
            and folded not in _FUNCTION_WORDS
            and not english_word(word)
            and folded not in readings
            and not _explained(document, segment, (start, end))
        ):
            found.append((start, end))
    return found


def _joined(gap: str) -> bool:
    return gap == " " or (
        gap.startswith(" ")
        and gap.endswith(" ")
        and all(part in _PARTICLES for part in gap.split())
    )


def sentence_start(target: str, start: int) -> bool:
    """A word that opens the text or a sentence: its capital says nothing."""
    before = target[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:"


def _spelt_words(source: str) -> frozenset[str]:
    """The pinyin of every run of two to four characters of ``source`` (杉杉: shanshan)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(source)
    return frozenset(
        "".join(syllables[start : start + size])
        for size in (2, 3, 4)
        for start in range(len(syllables) - size + 1)
    )


def _explained(document: AnalyzedDocument, segment: AnalyzedSegment, run: tuple[int, int]) -> bool:
    """Whether something of the source accounts for the run: a name it reads (any two of the
    run's words a surname and given name of the source's characters), or the English of a
    place, body or person the knowledge layer finds in the source."""
    text = segment.target[run[0] : run[1]]
    if text.casefold() in segment.source.casefold():
        return True  # the source writes it in Latin letters: 蒂姆·伯切特（Tim Burchett）
    parts = [fold_name(word) for word in re.findall(r"[A-Za-z]+", text)]
    if set(parts) & _spelt_words(segment.source):
        return True  # "Shanshan Co" for 杉杉股份: a word is the pinyin of the source's
    # A name the document gives elsewhere: the translator made the speaker explicit.
    for source in (segment.source, document.source_text()):
        for i in range(len(parts)):
            for j in range(len(parts)):
                if i != j and reads_a_name_in(source, parts[i], parts[j]):
                    return True
    knowledge = knowledge_for(document.glossary)
    key = fold(text)
    found = source_mentions(document, segment)
    run_words = {word.casefold() for word in re.findall(r"[A-Za-z]{3,}", text)}
    for mention in found:
        for candidate in mention.candidates:
            for form in candidate.en:
                if key in fold(form) or fold(form) in key:
                    return True
                if run_words & {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", form)}:
                    return True  # "Welle Chinese" of Deutsche Welle (德国之声中文网)
    named = english_index(knowledge).get(" ".join(word.casefold() for word in text.split()), ())
    if any(entry.zh in segment.source for entry in named):
        return True
    # A foreign name no lexicon holds, written as it sounds (里奥斯 "Rios").
    return any(
        sounds_written(zh, [word])
        for zh in _sounded(document, segment)
        for word in re.findall(r"[A-Za-z]{3,}", text)
    )


def sounds_written(zh: str, words: list[str]) -> bool:
    """Whether one of ``words`` is the transliteration ``zh`` written as it sounds."""
    return best_match(zh, words)[0] >= SOUNDS_ALIKE


def _sounded(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[str]:
    """What of the source may be a foreign name to compare by sound: the foreign names, and
    the two to four characters each side of a middle dot (法哈德·梅萨米: 哈德, 法哈德, 梅萨 …),
    whatever their characters."""
    found = [part for name in foreign_names(document, segment) for part in name.zh.split("·")]
    for dot in re.finditer("·", segment.source):
        before, after = segment.source[: dot.start()], segment.source[dot.end() :]
        found += [before[-size:] for size in (2, 3, 4) if len(before) >= size]
        found += [after[:size] for size in (2, 3, 4) if len(after) >= size]
    return found


def _dotted(name: SourceName, source: str) -> bool:
    """Whether the middle dot of a foreign name joins ``name`` to another part."""
    return source[name.end : name.end + 1] == "·" or source[name.start - 1 : name.start] == "·"


def foreign_names(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[SourceName]:
    """The foreign names of the source by their sounds (layer 6): runs of the transliteration
    alphabet, three characters or more or joined by the middle dot, between jieba's word edges,
    that no knowledge layer knows (胡里奥·里奥斯, 卡赫拉曼马拉什)."""
    key = f"foreign names:{segment.id}"
    cached = document.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    source = segment.source
    edges = {*token_starts(source), len(source)}
    known = _known_spans(document, segment)
    found = []
    for hit in _foreign_pattern().finditer(source):
        start, end = hit.span()
        if start not in edges or end not in edges or not looks_transliterated(hit.group()):
            continue
        if not any(s < end and start < e for s, e in known):
            found.append(SourceName(start, end, hit.group()))
    document.cache[key] = found
    return found


@functools.lru_cache(maxsize=1)
def _foreign_pattern() -> re.Pattern[str]:
    """Runs of the transliteration alphabet, parts joined by the middle dot (three characters
    or more: two say too little)."""
    alphabet = "".join(sorted(transliteration_alphabet()))
    return re.compile(rf"[{alphabet}]{{2,}}(?:·[{alphabet}]+)*|[{alphabet}]+(?:·[{alphabet}]+)+")


def _foreign_absent(
    document: AnalyzedDocument, segment: AnalyzedSegment, words: list[tuple[int, int, str]]
) -> list[tuple[SourceName, str, str]]:
    """The foreign names of the source that no word of the translation (nor two joined)
    sounds like at all."""
    written = [word for _, _, word in words]
    written += [first + second for first, second in itertools.pairwise(written)]
    return [
        (name, "a foreign name", "its sounds")
        for name in foreign_names(document, segment)
        if all(best_match(part, written)[0] < SOUNDS_UNLIKE for part in name.zh.split("·"))
    ]
