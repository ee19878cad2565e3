"""name.misread: a person's name written with a surname or given name that no romanisation of
its characters gives (examples of our own, not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from glossary.knowledge.romanise import fold, korean_surnames, romanisations
from review_app.findings import Finding
from tests.pairs import review_pairs


def findings(zh: str, en: str) -> tuple[Finding, ...]:
    return review_pairs(("name.misread",), (zh, en))


def check(zh: str, en: str) -> list[tuple[str, str | None]]:
    return [
        (finding.target_span.text, finding.suggestion)
        for finding in findings(zh, en)
        if finding.target_span
    ]


def spellings(zh: str, system: str) -> set[str]:
    return {r.written for r in romanisations(zh) if r.system == system}


def test_each_system_reads_a_name() -> None:
    assert "Wang Weizhong" in spellings("王伟中", "pinyin")
    assert "Shan Jixiang" in spellings("单霁翔", "pinyin")  # 单 read as a surname
    assert "Ma Ying-chiu" in spellings("马英九", "Wade-Giles")
    assert "Leung Kwok-hung" in spellings("梁国雄", "Cantonese")  # simplified, read as 梁國雄
    assert "Nguyen Phu Trong" in spellings("阮富仲", "Sino-Vietnamese")
    assert romanisations("的确是") == ()  # no surname: not a name
    assert fold("Phạm Minh Chính") == "phamminhchinh"
    assert {"lee", "yi", "rhee"} <= korean_surnames()["李"]


@pytest.mark.parametrize(
    ("zh", "en", "written", "suggestion"),
    [
        # A Vietnamese leader: surname right in Sino-Vietnamese, given name another's.
        (
            "越南国家主席武文赏会见了代表团。",
            "Vietnamese President Vo Van Kiet met the delegation.",
            "Vo Van Kiet",
            "Vo Van Thuong",
        ),
        # Given name right, surname another family's.
        (
            "国民党副主席连胜文当天表示支持。",
            "KMT Vice Chairman Wu Sheng-wen expressed support that day.",
            "Wu Sheng-wen",
            "Lian Shengwen",
        ),
        # Pinyin surname, given name no reading of 晓明 (not a one-letter slip).
        (
            "记者张晓明报道，展会吸引了大量观众。",
            "Reporter Zhang Haoran reported that the fair drew large crowds.",
            "Zhang Haoran",
            "Zhang Xiaoming",
        ),
        # Half a given name.
        (
            "副主席夏立言率团访问。",
            "Vice Chairman Xia Li led the delegation.",
            "Xia Li",
            "Xia Liyan",
        ),
        # The first syllable of the given name alone, after another family's surname.
        (
            "越南国家主席武文赏会见了代表团。",
            "Vietnamese President Nguyen Van met the delegation.",
            "Nguyen Van",
            "Vo Van Thuong",
        ),
        # Two letters off a name jieba cut from its surname (范 | 文明): name.spelling does not
        # see that name, so the near miss is this check's.
        (
            "在出访泰国的两天里，范文明总理会见了企业代表。",
            "During the two-day visit to Thailand, Premier Fan Wemin met business leaders.",
            "Fan Wemin",
            "Fan Wenming",
        ),
        # An honorific with the wrong surname.
        (
            "看房人孙先生告诉记者，价格偏高。",
            "Mr. Song told reporters the price was high.",
            "Song",
            "Sun",
        ),
    ],
)
def test_a_misread_name_is_reported(zh: str, en: str, written: str, suggestion: str) -> None:
    assert check(zh, en) == [(written, suggestion)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Right in pinyin, Wade-Giles, Hong Kong Cantonese, Sino-Vietnamese; Western order.
        ("副主席夏立言率团访问。", "Vice Chairman Xia Liyan led the delegation."),
        ("副主席夏立言率团访问。", "Vice Chairman Hsia Li-yen led the delegation."),
        ("立法会议员梁国雄发言。", "Legislator Leung Kwok-hung spoke."),
        ("越南国家主席武文赏会见了代表团。", "Vietnamese President Vo Van Thuong met them."),
        ("越南国家主席武文赏会见了代表团。", "Vietnamese President Vo Van Thuong's visit."),
        # A Korean surname: the given name is the person's own spelling.
        ("朝鲜领导人金正恩视察了工厂。", "North Korean leader Kim Jong-un inspected a factory."),
        # A one-letter slip is name.spelling's, not this check's.
        ("记者张晓明报道。", "Reporter Zhang Xiaomin reported."),
        # Another person of the source with the same surname (郑淯心 is no word jieba tags).
        (
            "记者郑淯心报道，郑永刚因病去世。",
            "Reporter Zheng Yuxin reported that Zheng Yonggang had died.",
        ),
        # The name not written at all, or a name of the same surname that is a word's
        # (诸葛亮会, a brainstorming meeting).
        ("副主席夏立言率团访问。", "The vice chairman led the delegation."),
        ("开了一些诸葛亮会。", "They held some Zhuge Liang meetings."),
        # A possessive is no part of the given name ("Tao's" is Tao).
        ("宋涛会见了代表团。", "Song Tao's meeting with the delegation went well."),
        # The right honorific.
        ("看房人孙先生告诉记者，价格偏高。", "Mr Sun's view was that the price was high."),
    ],
)
def test_a_name_written_right_or_not_at_all_is_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []


def test_the_finding_names_the_system_that_decided() -> None:
    (finding,) = findings(
        "越南国家主席武文赏会见了代表团。", "Vietnamese President Vo Van Kiet met the delegation."
    )
    assert finding.check == "name.misread"
    assert "Sino-Vietnamese" in finding.message
    assert finding.source_span is not None and finding.source_span.text == "武文赏"
