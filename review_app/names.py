"""Pinyin of Chinese person names, and how far an English spelling is from it.

A name is a surname (one character, or two: 欧阳, 司马) and a given name. The surname is read as
CC-CEDICT reads it as a surname (单 Shan, 曾 Zeng, 仇 Qiu, 区 Ou), which often differs from the
same character in a word; the given name takes every reading pypinyin knows for each character
(重 zhong or chong), since only the translation can tell which one the person uses.

Spellings are compared folded: lower case, without hyphens, apostrophes or spaces, with ü, v and
u alike (Lü, Lv and Lu are one surname in English).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_MAX_READINGS = 32


@dataclass(frozen=True)
class NameReading:
    """One way to read a name: ``surname`` and ``given`` folded (see :func:`fold`)."""

    surname: str
    given: str

    @property
    def canonical(self) -> str:
        """The reading as English writes it, surname first: "Wang Weizhong"."""
        return f"{self.surname.capitalize()} {self.given.capitalize()}".strip()


def fold(spelling: str) -> str:
    """``spelling`` lower-cased, without hyphens, apostrophes or spaces, ü and v as u."""
    folded = re.sub(r"[\s\-\u2010\u2011'\u2019]", "", spelling.lower())
    return folded.replace("ü", "u").replace("v", "u")


def split_name(zh: str) -> tuple[str, str] | None:
    """``zh`` as (surname, given name), a two-character surname first; None if not a name
    (the knowledge layer's rule: :func:`glossary.knowledge.romanise.split_name`)."""
    from glossary.knowledge.romanise import split_name as knowledge_split

    return knowledge_split(zh)


@lru_cache(maxsize=4096)
def name_readings(zh: str) -> tuple[NameReading, ...]:
    """Every reading of the person name ``zh`` (empty when ``zh`` does not start with a surname).

    >>> [reading.canonical for reading in name_readings("单霁翔")]
    ['Shan Jixiang']
    """
    from pypinyin import Style, pinyin

    from alignment.lexicon import surname_readings

    split = split_name(zh)
    if split is None:
        return ()
    surname, given = split
    given_syllables = pinyin(given, style=Style.NORMAL, heteronym=True)
    readings = []
    for family in surname_readings()[surname]:
        for combination in itertools.islice(itertools.product(*given_syllables), _MAX_READINGS):
            readings.append(NameReading(fold(family), fold("".join(combination))))
    return tuple(dict.fromkeys(readings))


@lru_cache(maxsize=4096)
def usual_readings(zh: str) -> tuple[NameReading, ...]:
    """The readings of ``zh`` with its given name read the usual way (pypinyin's choice):
    what a near-miss spelling is measured against, rather than every rare reading."""
    from pypinyin import Style, lazy_pinyin

    from alignment.lexicon import surname_readings

    split = split_name(zh)
    if split is None:
        return ()
    surname, given = split
    usual = fold("".join(lazy_pinyin(given, style=Style.NORMAL)))
    return tuple(NameReading(fold(family), usual) for family in surname_readings()[surname])


@lru_cache(maxsize=4096)
def surname_misreadings(zh: str) -> frozenset[str]:
    """Readings of the name's surname as an ordinary word, which it never has as a surname:
    单 read dan (Shan is right), 曾 read ceng (Zeng), 仇 read chou (Qiu). Folded."""
    from pypinyin import Style, pinyin

    from alignment.lexicon import surname_readings

    split = split_name(zh)
    if split is None:
        return frozenset()
    surname = split[0]
    right = {fold(form) for form in surname_readings()[surname]}
    readings = pinyin(surname, style=Style.NORMAL, heteronym=True)
    if len(readings) != 1:
        return frozenset()  # a two-character surname: its reading is fixed
    return frozenset(fold(reading) for reading in readings[0]) - right


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (folded), to tell pinyin from Wade-Giles (Ying-jeou)."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: set[str] = set()
    for readings in pinyin_dict.values():
        syllables.update(fold(_toneless(reading)) for reading in readings.split(","))
    return frozenset(syllables)


def _toneless(syllable: str) -> str:
    """Tone marks off: lǜ → lu (fold treats ü as u anyway)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_pinyin(spelling: str) -> bool:
    """Whether every hyphen-separated part of ``spelling`` can be read as pinyin syllables."""
    return all(_segments_as_pinyin(fold(part)) for part in re.split(r"[-\u2010\u2011]", spelling))


def _segments_as_pinyin(folded: str) -> bool:
    from glossary.knowledge.romanise import spelt_with

    return spelt_with(folded, pinyin_syllables())


def within_one_edit(first: str, second: str) -> bool:
    """Whether :func:`edit_distance` is at most 1, in one pass instead of a table."""
    if first == second:
        return True
    if len(first) > len(second):
        first, second = second, first
    if len(second) - len(first) > 1:
        return False
    pairs = zip(first, second, strict=False)  # the shorter one's letters
    index = next((i for i, (a, b) in enumerate(pairs) if a != b), len(first))
    if len(first) < len(second):
        return first[index:] == second[index + 1 :]  # one letter inserted
    swapped = first[index : index + 2] == second[index : index + 2][::-1]
    return first[index + 1 :] == second[index + 1 :] or (
        swapped and first[index + 2 :] == second[index + 2 :]
    )


def edit_distance(first: str, second: str) -> int:
    """Edits that turn ``first`` into ``second``: insert, delete, substitute, swap neighbours."""
    previous_row: list[int] | None = None
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (a != b))
            if before is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]
