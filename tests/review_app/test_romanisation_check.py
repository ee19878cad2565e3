"""name.romanisation: a Taiwan, Hong Kong, Macao or Singapore person's name written in Mainland
pinyin (examples of our own, not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from glossary.knowledge.romanise import region_of
from tests.pairs import review_pairs


def check(*pairs: tuple[str, str]) -> list[tuple[int, str, str | None]]:
    findings = review_pairs(("name.romanisation",), *pairs)
    return [(f.segment, f.target_span.text, f.suggestion) for f in findings if f.target_span]


def test_region_markers() -> None:
    assert region_of("国民党副主席") == "Taiwan"
    assert region_of("新加坡旅游局执行署长") == "Singapore"
    assert region_of("香港特区立法会议员") == "Hong Kong"
    assert region_of("北京市委书记") is None
    # Where a person travels to is not where they are from.
    assert region_of("在出访新加坡和泰国期间，") is None
    assert region_of("结束访问香港后，台湾") == "Taiwan"


@pytest.mark.parametrize(
    ("zh", "en", "written", "suggestion"),
    [
        (
            "民进党立委郑运鹏表示反对。",
            "DPP legislator Zheng Yunpeng expressed opposition.",
            "Zheng Yunpeng",
            "Cheng Yun-peng",
        ),
        (
            "香港特区政府发言人陈志强表示。",
            "A Hong Kong government spokesman, Chen Zhiqiang, said.",
            "Chen Zhiqiang",
            "Chan Chi-keung",
        ),
        (
            "新加坡贸工部长颜金勇说，贸易恢复增长。",
            "Singapore's trade minister Yan Jinyong said trade grew again.",
            "Yan Jinyong",
            None,
        ),
    ],
)
def test_a_regional_name_in_mainland_pinyin_is_reported(
    zh: str, en: str, written: str, suggestion: str | None
) -> None:
    assert check((zh, en)) == [(0, written, suggestion)]


def test_the_region_holds_for_the_document() -> None:
    first = ("民进党立委郑运鹏表示反对。", "DPP legislator Cheng Yun-peng expressed opposition.")
    later = ("郑运鹏随后离开会场。", "Zheng Yunpeng then left the meeting.")
    assert check(first, later) == [(1, "Zheng Yunpeng", "Cheng Yun-peng")]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # The region's own spelling, or an English name with it.
        ("民进党立委郑运鹏表示反对。", "DPP legislator Cheng Yun-peng expressed opposition."),
        (
            "香港特区政府发言人陈志强表示。",
            "A Hong Kong government spokesman, Chan Chi-keung, said.",
        ),
        # A Mainland official after a Taiwan marker in another clause, or after another name.
        ("国民党副主席夏立言访问大陆，会见宋涛。", "KMT vice chairman Andrew Hsia met Song Tao."),
        ("国台办主任宋涛会见了客人。", "Taiwan Affairs Office director Song Tao met guests."),
        # A reporter in a dateline is the agency's.
        (
            "新华社台北3月1日电（记者赵博）岛内物价上涨。",
            "TAIPEI, March 1 (Xinhua, reporter Zhao Bo).",
        ),
        # Pinyin that is also the region's spelling (Lin in pinyin and Wade-Giles).
        ("台湾作家林立表示。", "Taiwanese writer Lin Li said."),
    ],
)
def test_the_regions_spelling_or_a_mainland_person_is_left_alone(zh: str, en: str) -> None:
    assert check((zh, en)) == []
