"""Pinyin of person names (review_app.names) and the name.spelling check."""

from __future__ import annotations

import pytest

import review_app.checks.spelling  # noqa: F401  (registers name.spelling)
from glossary.load import load_glossary
from glossary.model import Glossary
from review_app.checks.base import REGISTRY
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.names import (
    edit_distance,
    fold,
    is_pinyin,
    name_readings,
    split_name,
    surname_misreadings,
    usual_readings,
)
from review_app.pipeline import analyze, run_checks, select_checks


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def check(glossary: Glossary, zh: str, en: str) -> list[Finding]:
    segments = [Segment(0, zh, en, (0,), (0,), 0.9)]
    return run_checks(analyze(segments, glossary, None), select_checks(["name.spelling"]))


def marked(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.target_span.text if f.target_span else "", f.suggestion) for f in findings]


# --- the normaliser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        ("单霁翔", "Shan Jixiang"),  # 单 is dan in 单位, Shan as a surname
        ("曾庆红", "Zeng Qinghong"),  # 曾 is ceng in 曾经
        ("仇和", "Qiu He"),  # 仇 is chou in 仇恨
        ("区家麟", "Ou Jialin"),
        ("欧阳修", "Ouyang Xiu"),  # a two-character surname
        ("王伟中", "Wang Weizhong"),
    ],
)
def test_surnames_are_read_as_surnames(zh: str, expected: str) -> None:
    readings = [reading.canonical for reading in name_readings(zh)]
    assert expected in readings
    assert expected in [reading.canonical for reading in usual_readings(zh)]


def test_a_given_name_keeps_every_reading_but_the_usual_one_comes_from_pypinyin() -> None:
    # 重 is zhong or chong: either spelling is the person's own, the usual one is zhong.
    assert {r.given for r in name_readings("王重")} >= {"zhong", "chong"}
    assert [r.given for r in usual_readings("王重")] == ["zhong"]


def test_word_readings_of_a_surname_are_misreadings() -> None:
    assert {"dan", "chan"} <= surname_misreadings("单霁翔")
    assert "shan" not in surname_misreadings("单霁翔")
    assert surname_misreadings("曾庆红") == frozenset({"ceng"})
    # 乐 is a surname both as Le and as Yue: neither is a misreading.
    assert not {"le", "yue"} & surname_misreadings("乐嘉")


def test_what_is_not_a_name_has_no_reading() -> None:
    assert split_name("的确") is None  # 的 is no surname
    assert split_name("王") is None  # a surname alone
    assert split_name("王abc") is None
    assert name_readings("的确") == ()
    assert split_name("欧阳修") == ("欧阳", "修")


def test_spellings_fold_case_hyphens_apostrophes_and_umlauts() -> None:
    assert fold("Wei-zhong") == fold("weizhong") == "weizhong"
    assert fold("Lü") == fold("Lv") == fold("Lu") == "lu"
    assert fold("Xi'an") == "xian"


def test_pinyin_is_told_from_other_romanisations() -> None:
    assert is_pinyin("Weizhong") and is_pinyin("Wei-zhong") and is_pinyin("Weizong")
    assert not is_pinyin("Ying-jeou")  # Wade-Giles (Ma Ying-jeou)
    assert not is_pinyin("Kwok-ki")  # Hong Kong (Cantonese)


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("weizhong", "weizhong", 0),
        ("weizhong", "weizong", 1),  # a letter dropped
        ("weizhong", "wiezhong", 1),  # two letters swapped
        ("qiang", "qiani", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
    ],
)
def test_edit_distance(first: str, second: str, distance: int) -> None:
    assert edit_distance(first, second) == distance
    assert edit_distance(second, first) == distance


# --- the check ------------------------------------------------------------------------------


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["name.spelling"]
    assert check_class.severity == Severity.MAJOR
    assert check_class.mqm == "fluency/spelling"
    assert check_class.description().startswith("A person's name spelt")


@pytest.mark.parametrize(
    ("zh", "en", "written", "suggestion"),
    [
        # A glossary official, the given name one letter short.
        (
            "广东省省长王伟中出席会议。",
            "Guangdong Governor Wang Weizong attended the meeting.",
            "Wang Weizong",
            "Wang Weizhong",
        ),
        # The surname's letters swapped.
        (
            "广东省省长王伟中出席会议。",
            "Governor Wnag Weizhong attended.",
            "Wnag Weizhong",
            "Wang Weizhong",
        ),
        # A name found by jieba, not in the glossary.
        (
            "上海证券基金评价研究中心业务负责人刘亦千表示。",
            "Liu Yichan, head of the centre, said.",
            "Liu Yichan",
            "Liu Yiqian",
        ),
        # Given name first.
        ("记者曾庆红报道。", "Reporter Qinhong Zeng reports.", "Qinhong Zeng", "Qinghong Zeng"),
        # A two-character surname.
        ("记者欧阳修报道。", "Reporter Ouyang Xui reports.", "Ouyang Xui", "Ouyang Xiu"),
        # The surname read as the word it also is.
        ("记者单霁翔报道。", "Reporter Dan Jixiang reports.", "Dan Jixiang", "Shan Jixiang"),
        ("记者曾庆红报道。", "Reporter Ceng Qinghong reports.", "Ceng Qinghong", "Zeng Qinghong"),
    ],
)
def test_a_near_miss_is_reported_with_the_right_spelling(
    glossary: Glossary, zh: str, en: str, written: str, suggestion: str
) -> None:
    findings = check(glossary, zh, en)
    assert marked(findings) == [(written, suggestion)]
    source = findings[0].source_span
    assert source is not None and source.text in zh and len(source.text) in (2, 3)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("广东省省长王伟中出席会议。", "Governor Wang Weizhong attended the meeting."),
        ("广东省省长王伟中出席会议。", "Governor Weizhong Wang attended."),  # given name first
        ("广东省省长王伟中出席会议。", "Governor Wang Wei-zhong attended."),  # hyphenated
        ("记者单霁翔报道。", "Reporter Shan Jixiang reports."),
        ("记者王重报道。", "Reporter Wang Chong reports."),  # a rarer reading is the person's own
        ("宋涛表示欢迎。", "Song Tao's statement was welcome."),  # a possessive is no letter off
        ("马英九出席。", "Ma Ying-jeou attended."),  # Wade-Giles
        ("陈国基出席。", "Chan Kwok-ki attended."),  # Hong Kong spelling
        ("李强总理说。", "Premier Li said."),  # surname alone
        ("李强总理说。", "The premier said."),  # not written at all: not a misspelling
        # A near miss that is another name of the document is that person.
        ("李强和李倩说。", "Li Qiang and Li Qian said."),
    ],
)
def test_right_or_other_spellings_stay_silent(glossary: Glossary, zh: str, en: str) -> None:
    assert check(glossary, zh, en) == []


def test_a_glossary_form_in_another_romanisation_is_accepted_and_its_typos_reported(
    glossary: Glossary,
) -> None:
    person = next(p for p in glossary.persons.values() if p.zh == "李家超")
    assert check(glossary, "行政长官李家超表示。", f"Chief Executive {person.en} said.") == []
    misspelt = person.en.replace("Lee", "Lea")
    findings = check(glossary, "行政长官李家超表示。", f"Chief Executive {misspelt} said.")
    assert [f.suggestion for f in findings] == [person.en]
    assert findings[0].glossary_id == person.id


def test_the_one_pass_test_agrees_with_the_edit_distance() -> None:
    import random

    from review_app.names import edit_distance, within_one_edit

    chooser = random.Random(0)
    for _ in range(20_000):
        first = "".join(chooser.choice("abc") for _ in range(chooser.randint(0, 5)))
        second = "".join(chooser.choice("abc") for _ in range(chooser.randint(0, 5)))
        assert within_one_edit(first, second) == (edit_distance(first, second) <= 1)
