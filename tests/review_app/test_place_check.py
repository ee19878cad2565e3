"""The place check: CC-CEDICT cities, counties and countries rendered as another place."""

from __future__ import annotations

import pytest

import review_app.checks.places  # noqa: F401  (registers place.mismatch)
from glossary.knowledge.places import (
    COUNTRY,
    KINDS,
    chinese_places,
    english_places,
    place_index,
    places_of_kind,
    rendered,
)
from glossary.load import load_glossary
from review_app.checks.base import REGISTRY
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.pipeline import analyze, run_checks, select_checks

GLOSSARY = load_glossary()


def check(pairs: list[tuple[str, str]] | tuple[str, str]) -> list[Finding]:
    if isinstance(pairs, tuple):
        pairs = [pairs]
    segments = [Segment(i, zh, en, (i,), (i,), 0.9) for i, (zh, en) in enumerate(pairs)]
    return run_checks(analyze(segments, GLOSSARY, None), select_checks(["place.mismatch"]))


def summary(findings: list[Finding]) -> list[tuple[int, str | None, str | None, str | None]]:
    return [
        (
            f.segment,
            f.source_span.text if f.source_span else None,
            f.target_span.text if f.target_span else None,
            f.suggestion,
        )
        for f in findings
    ]


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["place.mismatch"]
    assert check_class.mqm == "accuracy/mistranslation"
    assert check_class.severity == Severity.CRITICAL
    assert check_class.description().startswith("A city, county or country in the source")


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        # a prefecture-level city
        (("我们从昆明出发。", "We set off from Guiyang."), [(0, "昆明", "Guiyang", "Kunming")]),
        # written with 市, the English with a possessive
        (
            ("昆明市的天气很好。", "Guiyang's weather is fine."),
            [(0, "昆明市", "Guiyang", "Kunming")],
        ),
        # a county
        (
            ("他出生在桐庐县。", "He was born in Chun'an County."),
            [(0, "桐庐县", "Chun'an", "Tonglu")],
        ),
        # a country
        (
            ("越南和新加坡签署了协议。", "Thailand and Singapore signed the agreement."),
            [(0, "越南", "Thailand", "Vietnam")],
        ),
        # a foreign city
        (("他在曼谷工作。", "He works in Hanoi."), [(0, "曼谷", "Hanoi", "Bangkok")]),
        # a dateline in capitals
        (
            ("新华社昆明2月10日电", "GUIYANG, Feb. 10 (Xinhua)"),
            [(0, "昆明", "GUIYANG", "Kunming")],
        ),
        # an English name two places share: either is wrong for 泰州
        (("我们从泰州出发。", "We set off from Suzhou."), [(0, "泰州", "Suzhou", "Taizhou")]),
        # the right place beside the wrong one: only the wrong one is reported
        (
            ("台州和昆明都在南方。", "Taizhou and Guiyang are both in the south."),
            [(0, "昆明", "Guiyang", "Kunming")],
        ),
        # 蓉城 is a nickname of Chengdu: Chengdu is accounted for, Guiyang is not
        (
            ("蓉城的天气比昆明好。", "The weather in Chengdu is better than in Guiyang."),
            [(0, "昆明", "Guiyang", "Kunming")],
        ),
    ],
)
def test_a_place_rendered_as_another_is_critical(
    pair: tuple[str, str], expected: list[tuple[int, str, str, str]]
) -> None:
    findings = check(pair)
    assert summary(findings) == expected
    assert all(f.severity == Severity.CRITICAL for f in findings)


def test_the_message_names_both_places() -> None:
    [finding] = check(("我们从昆明出发。", "We set off from Guiyang."))
    assert finding.message == "昆明 is Kunming; the translation has “Guiyang”, which is 贵阳."
    [shared] = check(("我们从泰州出发。", "We set off from Suzhou."))
    assert "宿州 or 苏州" in shared.message


@pytest.mark.parametrize(
    "pair",
    [
        # rendered right; an added city beside it is no swap
        ("我们从昆明出发前往贵阳。", "We set off from Kunming for Guiyang."),
        ("西安很冷。", "Xi’an is cold, colder than Lanzhou."),
        # other spellings: without accents and apostrophe, an old name, pinyin
        ("西安很冷。", "Xian is cold, colder than Lanzhou."),
        ("乌鲁木齐很冷。", "Urumqi is cold, colder than Lanzhou."),
        ("在厦门出生。", "Born in Amoy, raised in Lanzhou."),
        ("呼和浩特很冷。", "Huhehaote is cold, colder than Lanzhou."),
        # a country by its adjective
        ("越南的经济增长很快。", "The Vietnamese economy, unlike Thailand's, grows fast."),
        ("墨西哥的经济", "the Mexican economy, unlike Brazil's"),
        # glossary places are the entity checks' (Hangzhou, Nanjing are glossary cities)
        ("我们去了苏州。", "We went to Hangzhou."),
        ("我们去了南京。", "We went to Suzhou."),
        ("我们去了日本。", "We went to Thailand."),
        # the two places share their English name
        ("他来自泰州。", "He is from Taizhou."),
        ("他来自台州。", "He is from Taizhou."),
        # a word whose gloss names the place: 新华社 is Xinhua, also a county (新化)
        ("新华社昆明电", "KUNMING (Xinhua)"),
        # an ordinary English word is no place ("Nice"), nor at a sentence start
        ("她住在巴黎。", "She lives in Nice."),
        # a US state, not the country: it only locates a city CC-CEDICT does not know
        ("他从越南搬到亚特兰大。", "He moved from Vietnam to Atlanta, Georgia."),
        # countries by their abbreviations: 土叙 is Turkey and Syria
        ("越南救援队抵达土叙两国灾区。", "A rescue team reached Turkey and Syria."),
        # a place is never paired with one of another kind (a country with a city)
        ("越南很热。", "Hanoi is hot."),
        # 江山 (Jiangshan) inside a word, 锦绣江山 "a splendid land", is no place
        ("锦绣江山如画。", "The land is as beautiful as Guiyang."),
        # empty sides
        ("昆明", ""),
        ("", "Guiyang"),
    ],
)
def test_renderings_and_accounted_places_are_left_alone(pair: tuple[str, str]) -> None:
    assert check(pair) == []


def test_a_place_the_alignment_moved_into_the_next_pair_is_left_alone() -> None:
    pairs = [
        ("我们先去了昆明。", "First we went to Guiyang, and"),
        ("然后去了贵阳。", "then to Kunming."),
    ]
    assert check(pairs) == []
    # Without the neighbour, the same English is a swap.
    assert summary(check(pairs[0])) == [(0, "昆明", "Guiyang", "Kunming")]


def test_a_neighbour_names_a_country_only_by_its_standard_abbreviation() -> None:
    # 浪高高度 (wave heights) holds no 高 of 高棉 (Khmer, Cambodia): the swap is reported.
    pairs = [
        ("地震引发了浪高高度达30米的海啸。", "The quake set off tsunamis with waves 30 m high."),
        ("受灾最严重的是印尼亚齐省。", "The worst hit was Aceh Province in Cambodia."),
    ]
    assert summary(check(pairs)) == [(1, "印尼", "Cambodia", "Indonesia")]


def test_english_places_gives_spans_and_ids() -> None:
    text = "From Xi’an via SUZHOU and Suzhou's port to Guinea-Bissau; a nice day."
    assert [(text[m.start : m.end], m.places) for m in english_places(text)] == [
        ("Xi’an", ("西安",)),
        ("SUZHOU", ("宿州", "苏州")),
        ("Suzhou", ("宿州", "苏州")),
        ("Guinea-Bissau", ("几内亚比索", "几内亚比绍")),
    ]


def test_chinese_places_are_whole_jieba_words() -> None:
    assert [(m.start, m.end, m.text) for m in chinese_places("昆明市和贵阳是邻居")] == [
        (0, 3, "昆明市"),
        (4, 6, "贵阳"),
    ]
    # Inside a word: 中山大学 (Sun Yat-sen University), 锦绣江山 (a splendid land).
    assert chinese_places("中山大学") == []
    assert chinese_places("锦绣江山") == []
    # A country that jieba keeps with its body or team is named all the same.
    assert [m.text for m in chinese_places("伊朗政府宣布")] == ["伊朗"]
    assert [m.text for m in chinese_places("土耳其队获得了冠军")] == ["土耳其"]


def test_places_of_kind_and_rendered_for_benchmarks() -> None:
    for kind in KINDS:
        places = places_of_kind(kind)
        assert len(places) > 100
        assert {place.kind for place in places} == {kind}
    japan = next(place for place in places_of_kind(COUNTRY) if place.id == "日本")
    assert rendered(japan, "Japanese companies")
    assert not rendered(japan, "Korean companies")
    # 俄罗斯族 is "Russian ethnic group (of northeast China and Xinjiang etc)": China is no
    # rendering of Russia; the brackets of 韩语 give Korea to South Korea.
    russia = next(place for place in places_of_kind(COUNTRY) if place.id == "俄罗斯")
    assert rendered(russia, "Russian troops")
    assert not rendered(russia, "China is willing")
    korea = next(place for place in places_of_kind(COUNTRY) if place.id == "韩国")
    assert rendered(korea, "exports from Korea")


def test_a_later_definition_names_the_country_only_where_cldr_agrees() -> None:
    places = place_index().places
    # 荷兰: "Holland", "the Netherlands"; CLDR's 荷兰 is the Netherlands: one country.
    assert not places["荷兰"].ambiguous
    assert set(places["荷兰"].en) == {"Holland", "Netherlands"}
    # 多明尼加: "Dominica", "Dominican Republic (Tw)": two countries, no CLDR name to decide.
    assert places["多明尼加"].ambiguous
