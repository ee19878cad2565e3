"""name.replaced: a person's name gone from the translation with another name in its place
(examples of our own, not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from tests.pairs import review_pairs


def check(zh: str, en: str) -> list[tuple[str, str, str | None]]:
    return [
        (f.source_span.text, f.target_span.text, f.suggestion)
        for f in review_pairs(("name.replaced",), (zh, en))
        if f.source_span and f.target_span
    ]


def test_a_japanese_name_replaced_by_another_is_reported() -> None:
    assert check(
        "日本经济产业大臣西村康稔出席主论坛。",
        "Japanese Minister of Economy and Industry, Shiro Mishima, attended the main forum.",
    ) == [("西村康稔", "Shiro Mishima", "Nishimura")]


def test_a_name_replaced_by_another_is_reported() -> None:
    assert check(
        "越南国家主席武文赏会见了代表团。",
        "Vietnamese President Nguyen Xuan Phuc met the delegation.",
    ) == [("武文赏", "Nguyen Xuan Phuc", "Vo Van Thuong")]
    assert check(
        "市委书记蔡奇出席会议并讲话。",
        "Party Secretary Wang Jiqi attended the meeting and spoke.",
    ) == [("蔡奇", "Wang Jiqi", "Cai Qi")]


def test_a_name_replaced_at_the_start_of_a_sentence_is_reported() -> None:
    # A pinyin surname opens the run: its capital is the name's, not only the sentence's.
    assert check("蔡奇表示，要推动工作。", "Wang Jichi said the work must go on.") == [
        ("蔡奇", "Wang Jichi", "Cai Qi")
    ]
    # 奇 reads ji only in words (奇数): "Ji" writes no syllable of the name Cai Qi.
    assert check("蔡奇表示，要推动工作。", "Wang Ji said the work must go on.") == [
        ("蔡奇", "Wang Ji", "Cai Qi")
    ]


def test_of_several_absent_names_the_one_where_the_run_stands_is_reported() -> None:
    assert check(
        "何立峰指出，论坛是落实习近平主席和日本首相岸田文雄会晤共识的举措。",
        "The forum implements the consensus of President Xi Jinping and Prime Minister Wen Jiabao.",
    ) == [("岸田文雄", "Wen Jiabao", "Kishida")]


def test_a_surname_alone_in_place_of_the_name_is_reported() -> None:
    assert check("何立峰出席论坛并发表演讲。", "Hu attended the forum and gave a speech.") == [
        ("何立峰", "Hu", "He Lifeng")
    ]


@pytest.mark.parametrize(
    "en",
    [
        "He attended the forum and gave a speech.",  # a pronoun that is also a surname
        "Mr He attended the forum and gave a speech.",  # the surname written right
    ],
)
def test_a_pronoun_or_the_right_surname_alone_is_left_alone(en: str) -> None:
    assert check("何立峰出席论坛并发表演讲。", en) == []


def test_a_foreign_name_replaced_by_another_is_reported() -> None:
    (finding,) = check(
        "西班牙专家胡里奥·里奥斯表示，经济将复苏。",
        "Spanish expert Pedro Sanchez said the economy would recover.",
    )
    assert finding[1] == "Pedro Sanchez"


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Written as they sound, though no lexicon holds them (layer 6).
        ("西班牙专家胡里奥·里奥斯表示，经济将复苏。", "Spanish expert Julio Rios said so."),
        (
            "伊朗当局释放了法哈德·梅萨米和学者法里巴·阿德尔哈。",
            "Iran freed Farhad Mesami and the scholar Fariba Adelha.",
        ),
    ],
)
def test_a_foreign_name_written_as_it_sounds_is_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []


def test_several_absent_names_and_a_run_between_them_are_left_alone() -> None:
    assert (
        check(
            "何立峰与代表团的蔡奇出席会议并发言。",
            "Yesterday, Wen Jiabao attended the meeting and spoke to the group.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Written, whole or in part, in some system.
        ("市委书记蔡奇出席会议并讲话。", "Party Secretary Cai Qi attended and spoke."),
        ("市委书记蔡奇出席会议并讲话。", "Secretary Cai attended the meeting and spoke."),
        ("越南国家主席武文赏会见了代表团。", "Vietnam's President Thuong met the delegation."),
        # Not written, and no other name in its place.
        ("市委书记蔡奇出席会议并讲话。", "The city's Party secretary attended and spoke."),
        # The other name is the source's own: in Latin letters, or a place it names.
        (
            "众议员蒂姆·伯切特（Tim Burchett）提出批评。",
            "Representative Tim Burchett criticised it.",
        ),
        ("市委书记蔡奇在北京出席会议。", "The Party secretary attended a meeting in Beijing City."),
        # A word jieba's dictionary tags as a name but CC-CEDICT knows as a word (顾问).
        ("名誉顾问出席会议。", "Honorary Adviser John Smith attended."),
        # A Japanese name jieba keeps whole holds no Chinese name (田文雄 of 岸田文雄).
        ("日本首相岸田文雄会见了客人。", "Japanese Prime Minister Fumio Kishida met guests."),
        # A Japanese surname written (the given name is not read), and one that is a place.
        ("日本经济产业大臣西村康稔出席。", "Japan's trade minister Yasutoshi Nishimura attended."),
        (
            "中山市市长出席了会议。日本客人也来了。",
            "Zhongshan's mayor, Li Ming, met Japanese guests.",
        ),
        # Two people unwritten: which is which cannot be told.
        ("书记蔡奇和市长殷勇出席。", "Secretary Wang Jiqi and Mayor Li Ming attended."),
    ],
)
def test_no_other_name_in_its_place_is_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []
