"""Layer 6: foreign names by their sounds (examples of our own, not from the MQM or WMT23
files)."""

from __future__ import annotations

import pytest

from glossary.knowledge.phonetic import (
    SOUNDS_ALIKE,
    SOUNDS_UNLIKE,
    en_sounds,
    looks_transliterated,
    similarity,
    transliteration_alphabet,
    zh_sounds,
)


def test_both_sides_reduce_to_the_same_consonants() -> None:
    assert zh_sounds("克林顿") == en_sounds("Clinton") == "KLNTN"
    assert zh_sounds("默克尔") == "MKL"  # 尔 ends a name as l or r: Merkel
    assert en_sounds("Philippe") == "FLP"  # ph is f; doubled letters are one sound


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("克林顿", "Clinton"),
        ("默克尔", "Merkel"),
        ("里奥斯", "Rios"),  # l and r are one sound to Chinese
        ("卡赫拉曼马拉什", "Kahramanmaras"),
        ("哈瓦那", "Havana"),  # w and v
    ],
)
def test_a_transliteration_sounds_like_its_name(zh: str, en: str) -> None:
    assert similarity(zh, en) >= SOUNDS_ALIKE


@pytest.mark.parametrize(
    ("zh", "en"),
    [("克林顿", "Johnson"), ("里奥斯", "Sanchez"), ("卡赫拉曼马拉什", "Gaziantep")],
)
def test_another_name_does_not(zh: str, en: str) -> None:
    assert similarity(zh, en) < SOUNDS_ALIKE


def test_a_name_of_other_sounds_is_surely_not_it() -> None:
    assert similarity("克林顿", "Obama") < SOUNDS_UNLIKE
    assert similarity("里奥斯", "Pedro") < SOUNDS_UNLIKE


def test_the_alphabet_is_learned_from_cc_cedicts_foreign_names() -> None:
    alphabet = transliteration_alphabet()
    assert {"斯", "克", "尔", "里", "奥"} <= alphabet
    assert not {"中", "国", "大", "新", "市"} & alphabet  # frequent in Chinese words too


@pytest.mark.parametrize(
    ("zh", "foreign"),
    [
        ("里奥斯", True),
        ("胡里奥·里奥斯", True),  # the middle dot marks a foreign name
        ("卡赫拉曼马拉什", True),
        ("张晓明", False),
        ("中新网", False),
        ("克林", False),  # two characters say too little
    ],
)
def test_a_foreign_name_looks_transliterated(zh: str, foreign: bool) -> None:
    assert looks_transliterated(zh) is foreign
