"""Officials the glossary does not list, found by their title and their pinyin.

A Chinese name right after an office title (省长王伟中, 湖南省委书记沈晓明) is a person whatever the
glossary knows. Its English rendering is found by pinyin: every reading of every character
(曾 Zeng or Ceng, 单 Shan or Dan), surname first ("Shen Xiaoming") or last ("Xiaoming Shen"). A
name is taken only when the English names it, which also settles how long it is (王伟 or 王伟中:
jieba cannot tell, the translation can).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from glossary.model import Person

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_MAX_READINGS = 64


@dataclass(frozen=True)
class FoundName:
    """A person found on both sides: the Chinese span and the English span."""

    person: Person
    zh_start: int
    zh_end: int
    en_start: int
    en_end: int


def find_titled_names(
    source: str, target: str, titles: Iterable[str], known: Iterable[str] = ()
) -> list[FoundName]:
    """Names that follow one of ``titles`` in ``source`` and whose pinyin ``target`` holds."""
    pattern = _titles_pattern(tuple(sorted(set(titles), key=len, reverse=True)))
    if pattern is None:
        return []
    known_names = set(known)
    found: list[FoundName] = []
    for title in pattern.finditer(source):
        start = title.end()
        # Three characters first: 王伟中 before 王伟.
        for length in (3, 2):
            name = source[start : start + length]
            if len(name) < length or not all(_CJK.match(char) for char in name):
                continue
            if name in known_names or any(known_name in name for known_name in known_names):
                break
            hit = _find_rendering(target, name)
            if hit is not None:
                found.append(FoundName(auto_person(name, hit[2]), start, start + length, *hit[:2]))
                break
    return found


def auto_person(zh: str, en: str) -> Person:
    """A person entry for a name found by title and pinyin: no roles, nothing but the names."""
    slug = re.sub(r"[^a-z]+", "-", en.lower()).strip("-")
    return Person(id=f"person.auto.{slug}", zh=zh, en=en, note="found by title and pinyin")


def romanizations(zh: str) -> list[str]:
    """Pinyin renderings of a Chinese name, surname first: 王伟中 → ["Wang Weizhong", …]."""
    return [canonical for canonical, _ in _renderings(zh)]


def _renderings(zh: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each reading of ``zh``: its surname-first form and every way English may write it
    (Wang Weizhong, Wang Wei-zhong, Weizhong Wang; ü as u or v: Lü Shiguang, Lv Shiguang)."""
    from pypinyin import Style, pinyin

    readings = pinyin(zh, style=Style.NORMAL, heteronym=True)
    renderings = []
    for combination in itertools.islice(itertools.product(*readings), _MAX_READINGS):
        surname, *given = (syllable.replace("v", "ü") for syllable in combination)
        forms: set[str] = set()
        for umlaut in ("ü", "u", "v"):
            family = surname.replace("ü", umlaut).capitalize()
            syllables = [syllable.replace("ü", umlaut) for syllable in given]
            for first in ("".join(syllables).capitalize(), "-".join(syllables).capitalize()):
                forms.update({f"{family} {first}", f"{first} {family}"})
        canonical = f"{surname.capitalize()} {''.join(given).capitalize()}"
        renderings.append((canonical, tuple(sorted(forms))))
    return renderings


def _find_rendering(target: str, zh: str) -> tuple[int, int, str] | None:
    """Where ``target`` names ``zh`` (start, end, the surname-first form), if it does."""
    for canonical, forms in _renderings(zh):
        for form in forms:
            hit = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", target, re.IGNORECASE)
            if hit is not None:
                return hit.start(), hit.end(), canonical
    return None


@lru_cache(maxsize=16)
def _titles_pattern(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    if not titles:
        return None
    return re.compile("|".join(re.escape(title) for title in titles))
