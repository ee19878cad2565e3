"""Where a text names something the knowledge layer knows: Chinese forms in a source, English
names in a translation.

Both directions read the same layers (:mod:`glossary.knowledge.lookup`): the editors' glossary,
CC-CEDICT's people, organisations and places, CLDR's countries. The English index is what lets a
check see that a translation names *another* known entity (证监会, the CSRC, written "SEC").
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.knowledge.candidate import Candidate, Row

if TYPE_CHECKING:
    from glossary.knowledge.lookup import Knowledge

# Chinese forms shorter than this are left to the abbreviation rules (越, 新 …).
MIN_ZH = 2
MAX_ZH = 12
MAX_EN_WORDS = 6
# An English word of a name: a capitalised word (with hyphens and apostrophes inside) or an
# acronym; "von", "der", "de", "of", "the" may join two such words.
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Z]")
_JOINERS = frozenset({"von", "der", "de", "of", "the", "and", "for", "van", "al", "bin", "la"})


@dataclass(frozen=True)
class Mention:
    """A known form found in a text, with what it can name."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]


def fold(text: str) -> str:
    """A name compared: letters and digits only, lower case (Chinanews.com ~ ChinaNews)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def zh_forms(knowledge: Knowledge) -> frozenset[str]:
    """Every Chinese form of two characters or more that some layer knows (built once)."""
    forms = knowledge.derived.get("zh forms")
    if forms is None:
        from glossary.knowledge.cedict import cedict_layer
        from glossary.knowledge.cldr import cldr_layer
        from glossary.knowledge.media import media_layer

        every = (*knowledge.curated, *media_layer(), *cedict_layer(), *cldr_layer()[0])
        forms = knowledge.derived["zh forms"] = frozenset(
            form for form in every if MIN_ZH <= len(form) <= MAX_ZH
        )
    return forms  # type: ignore[return-value]


@lru_cache(maxsize=4)
def _openings(forms: frozenset[str]) -> frozenset[str]:
    """The first two characters of every form: most places in a text start none."""
    return frozenset(form[:MIN_ZH] for form in forms)


def zh_mentions(
    text: str, knowledge: Knowledge, forms: frozenset[str], edges: Iterable[int]
) -> list[Mention]:
    """The known forms of ``text`` that are whole words, longest first from left to right
    (中国证监会 before 中国). ``edges``: where words start (jieba's); only the spans between
    them are tried, far fewer than every position of the text."""
    points = sorted({*edges, len(text)})
    openings = _openings(forms)
    found = []
    taken = 0
    for index, start in enumerate(points):
        if start < taken or text[start : start + MIN_ZH] not in openings:
            continue
        ends = points[index + 1 : bisect_right(points, start + MAX_ZH)]
        for end in reversed(ends):
            form = text[start:end]
            if form in forms:
                candidates = knowledge.lookup(form)
                if candidates:
                    found.append(Mention(start, end, form, candidates))
                    taken = end
                    break
    return found


@dataclass(frozen=True)
class EnglishName:
    """An English name in the index: the Chinese form it renders, and that form's kind."""

    zh: str
    kind: str
    form: str


def english_index(knowledge: Knowledge) -> dict[str, tuple[EnglishName, ...]]:
    """Every English name of the layers, by its folded words joined with spaces (built once)."""
    index = knowledge.derived.get("english index")
    if index is None:
        from glossary.knowledge.cedict import cedict_layer
        from glossary.knowledge.cldr import cldr_layer
        from glossary.knowledge.media import media_layer

        layers = (knowledge.curated, media_layer(), cedict_layer(), cldr_layer()[0])
        index = knowledge.derived["english index"] = _english_index(*layers)
    return index  # type: ignore[return-value]


def _english_index(*layers: Mapping[str, Iterable[Row]]) -> dict[str, tuple[EnglishName, ...]]:
    found: dict[str, list[EnglishName]] = {}
    for layer in layers:
        for zh, rows in layer.items():
            for kind, en, _detail, _dates in rows:
                for form in en:
                    words = _key(form)
                    if words:
                        found.setdefault(words, []).append(EnglishName(zh, kind, form))
    return {words: tuple(names) for words, names in found.items()}


def _key(form: str) -> str:
    return " ".join(word.casefold() for word in _EN_WORD.findall(form))


def en_mentions(
    text: str, index: dict[str, tuple[EnglishName, ...]]
) -> Iterator[tuple[int, int, tuple[EnglishName, ...]]]:
    """The known English names of ``text`` that are names as written: several capitalised
    words (joiners such as "von der" allowed inside), or an acronym of two capitals or more.
    Longest first; a single capitalised word ("Sharp", "Green") is never taken for a name."""
    words = [(hit.start(), hit.end(), hit.group()) for hit in _EN_WORD.finditer(text)]
    i = 0
    while i < len(words):
        start, _end, word = words[i]
        if not word[0].isupper():
            i += 1
            continue
        taken = False
        for size in range(min(MAX_EN_WORDS, len(words) - i), 0, -1):
            window = words[i : i + size]
            if not _name_shaped(window, text):
                continue
            names = index.get(" ".join(w.casefold() for _, _, w in window))
            if names:
                yield start, window[-1][1], names
                i += size
                taken = True
                break
        if not taken:
            i += 1


def _name_shaped(window: list[tuple[int, int, str]], text: str) -> bool:
    """Capitalised words (or joiners between them) with nothing but spaces and hyphens between
    them; one word only if it is an acronym (SEC, CNN)."""
    if not window[-1][2][0].isupper():
        return False
    if len(window) == 1:
        word = window[0][2]
        return len(word) >= 3 and word.isupper()  # "TV", "EU": too many things
    for (_, end, _), (start, _, word) in itertools.pairwise(window):
        if text[end:start].strip(" -") or "\n" in text[end:start]:
            return False
        if not (word[0].isupper() or word in _JOINERS):
            return False
    return True
