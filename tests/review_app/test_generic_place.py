"""entity.generic: a place the source names, written as a generic noun that no earlier sentence
explains (examples of our own)."""

from __future__ import annotations

import pytest

from tests.pairs import review_pairs


def check(*pairs: tuple[str, str]) -> list[tuple[int, str, str | None]]:
    return [
        (f.segment, f.target_span.text if f.target_span else "", f.suggestion)
        for f in review_pairs(("entity.generic",), *pairs)
    ]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (
            "今年出口到伊朗的商品增加了。",
            "Exports to the country rose this year.",
            ("the country", "Iran"),
        ),
        (
            "苏州市文旅局发布了新规定。",
            "The city Bureau of Culture and Tourism issued new rules.",
            ("The city", "Suzhou"),
        ),
        # jieba keeps 伊朗政府 one word; Russia is no longer rendered by "China".
        (
            "伊朗政府宣布了新的政策。",
            "The country government announced a new policy.",
            ("The country", "Iran"),
        ),
        (
            "中方愿同俄罗斯加强合作。",
            "China is willing to strengthen cooperation with the country.",
            ("the country", "Russia"),
        ),
        # CC-CEDICT's 荷兰 is "Holland" and "the Netherlands", one country (CLDR's 荷兰).
        (
            "荷兰的经济今年增长较快。",
            "The economy of the country grew fast this year.",
            ("the country", "Netherlands"),
        ),
    ],
)
def test_a_place_written_as_a_generic_noun_is_reported(
    zh: str, en: str, expected: tuple[str, str]
) -> None:
    assert check((zh, en)) == [(0, *expected)]


def test_a_glossary_place_that_entity_missing_reports_is_left_to_it() -> None:
    findings = review_pairs(
        ("entity.generic", "entity.missing"),
        ("湖南日报记者报道。", "A reporter from the province Daily reported."),
    )
    assert [(f.check, f.suggestion) for f in findings] == [("entity.missing", "Hunan")]


def test_a_place_named_in_an_earlier_sentence_may_be_the_country() -> None:
    assert (
        check(
            ("伊朗宣布了新的贸易政策。", "Iran announced a new trade policy."),
            ("今年出口到伊朗的商品增加了。", "Exports to the country rose this year."),
        )
        == []
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Named in the sentence itself, by its name or an adjective.
        ("伊朗的出口增加了。", "Iran's exports rose, the country said."),
        ("伊朗的出口增加了。", "Iranian exports rose, the country said."),
        # A noun that cannot stand for that kind of place.
        ("今年出口到伊朗的商品增加了。", "Exports to the city rose this year."),
        # No place in the source: the noun is the translator's.
        ("全国出口增加了。", "Exports across the country rose."),
    ],
)
def test_a_generic_noun_that_stands_for_no_dropped_place_is_left_alone(zh: str, en: str) -> None:
    assert check((zh, en)) == []


def test_countries_of_other_layers_and_of_a_run_of_abbreviations() -> None:
    # CLDR's 海地 (Haiti), and the Philippines of 美日菲 (the US and Japan are written).
    assert check(("海地发生强烈地震。", "A strong earthquake hit the country.")) == [
        (0, "the country", "Haiti")
    ]
    assert check(("美日菲达成防卫共识", "The US, Japan and the country agree on defence")) == [
        (0, "the country", "Philippines")
    ]


def test_an_adjective_tells_which_place_only_before_the_noun() -> None:
    zh = "随着伊朗放宽政策，伊朗游客人数将恢复。"
    assert check(
        (zh, "With the country easing its policy, Iranian tourist numbers will recover.")
    ) == [(0, "the country", "Iran")]
    assert check((zh, "As Iranian rules ease, the country expects more tourists.")) == []


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        # A person beside an office, written as the office alone.
        (
            "外交部发言人汪文斌表示，中方欢迎。",
            "The spokesman said China welcomed it.",
            ("The spokesman", "Wang Wenbin"),
        ),
        (
            "刘建超部长会见了代表团。",
            "The minister met the delegation.",
            ("The minister", "Liu Jianchao"),
        ),
        # A body the knowledge layer knows.
        (
            "世界卫生组织发布了报告。",
            "The organization released a report.",
            ("The organization", "World Health Organization"),
        ),
    ],
)
def test_a_person_or_body_written_as_a_generic_noun_is_reported(
    zh: str, en: str, expected: tuple[str, str]
) -> None:
    assert check((zh, en)) == [(0, *expected)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("外交部发言人汪文斌表示，中方欢迎。", "Spokesman Wang Wenbin said China welcomed it."),
        ("外交部发言人汪文斌表示，中方欢迎。", "Wang said China welcomed it, the spokesman added."),
        # The noun of another office is not this person's.
        ("外交部发言人汪文斌表示，中方欢迎。", "The minister said China welcomed it."),
        ("世界卫生组织发布了报告。", "The WHO released a report, the organization said."),
    ],
)
def test_a_person_or_body_named_is_left_alone(zh: str, en: str) -> None:
    assert check((zh, en)) == []


def test_a_person_named_in_an_earlier_sentence_may_be_the_spokesman() -> None:
    assert (
        check(
            (
                "外交部发言人汪文斌主持记者会。",
                "Foreign Ministry spokesman Wang Wenbin held a briefing.",
            ),
            ("外交部发言人汪文斌表示，中方欢迎。", "The spokesman said China welcomed it."),
        )
        == []
    )


def test_a_body_is_stood_for_only_by_a_word_of_its_name() -> None:
    # "The commission" is the European Commission of the source's 委员会, not the EU.
    assert (
        check(
            ("欧盟领导人呼吁委员会立即调动资金。", "The leaders called on the commission to act.")
        )
        == []
    )


def test_a_possessive_generic_noun_counts() -> None:
    assert check(("伊朗外长表示欢迎。", "The country's Foreign Minister welcomed it.")) == [
        (0, "The country", "Iran")
    ]
