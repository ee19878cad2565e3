"""entity.calqued: a known organisation or medium translated word for word, not by its name.

Machine translation renders a body it does not recognise character by character: 中新网
(ChinaNews, the China News Service's site) becomes "China News Network", 自由时报 (the Liberty
Times) "Free Times". The knowledge layer (:mod:`glossary.knowledge`) knows the established
English; CC-CEDICT's glosses of the name's own characters and words show that the English in
its place is a calque of the Chinese rather than another name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from review_app.checks.base import SegmentCheck, register
from review_app.checks.substituted import named_mentions, written_by_name
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from glossary.knowledge import Candidate
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# A capitalised English word (or a joiner inside a name: "of", "and", "the").
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_JOINERS = frozenset({"of", "and", "the", "for"})
# How the names of news outlets end: 网 (site), 报 (paper), 社 (agency), 台 (station) …
_MEDIA_ENDINGS = ("网", "报", "社", "台", "新闻", "周刊", "杂志")
# Fewest calqued words that make a rendering: one word ("China") is too little to tell.
MIN_WORDS = 2


@register
class CalquedNameCheck(SegmentCheck):
    """A known news outlet or branded body translated word for word instead of by its name.

    Minor: the source names an outlet the knowledge layer knows (中新网, 自由时报; a body of the
    editors' glossary), the
    translation writes none of its accepted English forms, and in their place stands a run of
    capitalised words each of which translates a character or word of the Chinese name ("China
    News Network", "Free Times"). The finding suggests the established name and says which
    knowledge source gave it.
    """

    id = "entity.calqued"
    mqm = "accuracy/mistranslation"
    severity = Severity.MINOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        _found, mentions = named_mentions(document, segment)
        reported: set[tuple[int, int]] = set()
        for mention in mentions:
            wanted = mention.candidates[0]
            if wanted.kind != "organisation" or not wanted.en or not _branded(wanted):
                continue
            if written_by_name(mention, segment.target):
                continue  # named right (a calque beside it is another body's)
            calque = find_calque(segment.target, mention.text, wanted.en)
            if calque is None or calque in reported:
                continue
            reported.add(calque)
            written = segment.target[calque[0] : calque[1]]
            yield self.finding(
                segment,
                f"{mention.text} is “{wanted.preferred}” ({wanted.layer}); the translation "
                f"writes “{written}”, a word-for-word rendering of the Chinese.",
                source=(mention.start, mention.end),
                target=calque,
                suggestion=wanted.preferred,
            )


def _branded(candidate: Candidate) -> bool:
    """Whether the body's English is a name of its own that a calque gets wrong: the editors'
    and the media list's entries, and CC-CEDICT's outlets (中新网, 人民日报). A ministry's
    calque (商务部 "Ministry of Commerce") is as often its name as CC-CEDICT's gloss is."""
    return candidate.layer in ("glossary", "media") or candidate.zh.endswith(_MEDIA_ENDINGS)


def find_calque(target: str, zh: str, accepted: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """The span of ``target`` that translates ``zh`` word for word: capitalised words in a row
    (joiners allowed between), which are CC-CEDICT glosses or the pinyin of parts of ``zh`` that
    together cover every character of it (one word inside may be a gloss CC-CEDICT lacks:
    "Evening" in "Yangzi Evening News"), and which are not all words of an ``accepted`` form
    ("European Commission" is no calque of 欧盟委员会 when "Commission of European Union" is)."""
    from alignment.lexicon import stem

    accepted_words = [word for form in accepted for word in _WORD.findall(form)]
    accepted_stems = {stem(word) for word in accepted_words}
    # The letters of an accepted acronym stand for words: "Party" is the P of CCP.
    initials = {letter.casefold() for word in accepted_words if word.isupper() for letter in word}
    best: tuple[int, int] | None = None
    for run in _capitalised_runs(target):
        words = [target[start:end] for start, end in run]
        spans = [_glossed_by(zh, stem(word)) or _spelt_by(zh, word) for word in words]
        for first in range(len(run)):
            for last in range(first + MIN_WORDS - 1, len(run)):
                window = range(first, last + 1)
                unglossed = [i for i in window if not spans[i]]
                if not spans[first] or not spans[last] or len(unglossed) > 1:
                    continue
                if all(
                    stem(words[i]) in accepted_stems or words[i][0].casefold() in initials
                    for i in window
                ):
                    continue
                covered = {c for i in window for start, end in spans[i] for c in range(start, end)}
                span = (run[first][0], run[last][1])
                if len(covered) == len(zh) and (
                    best is None or span[1] - span[0] > best[1] - best[0]
                ):
                    best = span
    return best


def _capitalised_runs(target: str) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words with only spaces or hyphens between them, a joiner (of, and,
    the) allowed inside a run; the joiners themselves are left out of the runs."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    last_end = -1
    for word in _WORD.finditer(target):
        text = word.group()
        gap = target[last_end : word.start()]
        adjacent = last_end >= 0 and gap in (" ", "-")
        if text[0].isupper():
            if not (run and adjacent):
                run = []
                runs.append(run)
            run.append((word.start(), word.end()))
            last_end = word.end()
        elif text in _JOINERS and run and adjacent:
            last_end = word.end()
        else:
            run, last_end = [], -1
    return runs


def _spelt_by(zh: str, word: str) -> list[tuple[int, int]]:
    """The spans of ``zh`` of which ``word`` is the pinyin (Yangzi for 扬子)."""
    from pypinyin import lazy_pinyin

    folded = word.casefold()
    syllables = lazy_pinyin(zh)
    return [
        (start, end)
        for start in range(len(zh))
        for end in range(start + 1, len(zh) + 1)
        if "".join(syllables[start:end]) == folded
    ]


def _glossed_by(zh: str, word_stem: str) -> list[tuple[int, int]]:
    """The spans of ``zh`` (characters and words) that CC-CEDICT glosses with ``word_stem``."""
    return [span for span, stems in _part_glosses(zh) if word_stem in stems]


@lru_cache(maxsize=4096)
def _part_glosses(zh: str) -> tuple[tuple[tuple[int, int], frozenset[str]], ...]:
    """Every character and word inside ``zh`` with its gloss stems (中 china, 新 new, 网 net)."""
    from alignment.lexicon import cedict_index

    index = cedict_index()
    return tuple(
        ((start, end), frozenset(index[zh[start:end]]))
        for start in range(len(zh))
        for end in range(start + 1, len(zh) + 1)
        if zh[start:end] in index
    )
