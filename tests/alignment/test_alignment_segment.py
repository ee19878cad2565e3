"""Tests for the paragraph and sentence splitters."""

from __future__ import annotations

import pytest

from alignment.segment import split_en, split_paragraphs, split_zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("那天晚上我没走掉。陈清扬把我拽住。", ["那天晚上我没走掉。", "陈清扬把我拽住。"]),
        ("你来了！他走了？我不知道；", ["你来了！", "他走了？", "我不知道；"]),
        ("他犹豫了……终于开口了。", ["他犹豫了……", "终于开口了。"]),
        ("真的吗！？不会吧。", ["真的吗！？", "不会吧。"]),
        ("他说：“你好。”然后走了。", ["他说：“你好。”", "然后走了。"]),
        ("“你是谁？”她问。", ["“你是谁？”", "她问。"]),
        (
            "他读完了《红楼梦》。（注：第六回。）后来睡了。",
            ["他读完了《红楼梦》。", "（注：第六回。）", "后来睡了。"],
        ),
        ("「走吧！」他说。", ["「走吧！」", "他说。"]),
        ("增长了3.5个百分点。GB/T 1.1 规定如下。", ["增长了3.5个百分点。", "GB/T 1.1 规定如下。"]),
        ("他来了!我们走吧.好的?", ["他来了!", "我们走吧.", "好的?"]),
        ("没有句号的标题", ["没有句号的标题"]),
        ("  \n ", []),
        ("。", ["。"]),
        ("第一行没有句号\n第二行接着写。", ["第一行没有句号第二行接着写。"]),
    ],
)
def test_split_zh(text: str, expected: list[str]) -> None:
    assert split_zh(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rained. We stayed home.", ["It rained.", "We stayed home."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("See No. 5 on the list. Then stop.", ["See No. 5 on the list.", "Then stop."]),
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        (
            "Prices rose 3.5 per cent. Wages did not.",
            ["Prices rose 3.5 per cent.", "Wages did not."],
        ),
        ("She moved to the U.S. Army base in May.", ["She moved to the U.S. Army base in May."]),
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        ('"Come here!" she said. "Why?" he asked.', ['"Come here!" she said.', '"Why?" he asked.']),
        ("“Go.” He went.", ["“Go.”", "He went."]),
        ("(This is an aside.) Back to it.", ["(This is an aside.)", "Back to it."]),
        (
            "It happened in Jan. 2020 at St. Paul. Nobody knew.",
            ["It happened in Jan. 2020 at St. Paul.", "Nobody knew."],
        ),
        ("Fruit, e.g. apples, etc. are fine. Yes!", ["Fruit, e.g. apples, etc. are fine.", "Yes!"]),
        ("Wait... What? Really!", ["Wait...", "What?", "Really!"]),
        ("The year was 1998. 2000 came next.", ["The year was 1998.", "2000 came next."]),
        ("No split. here because lowercase.", ["No split. here because lowercase."]),
        ("  ", []),
    ],
)
def test_split_en(text: str, expected: list[str]) -> None:
    assert split_en(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一段。\n\n第二段。\n第二段续。", ["第一段。", "第二段。\n第二段续。"]),
        ("一行。\n二行。\n三行。", ["一行。", "二行。", "三行。"]),
        ("\n\n  A.  \n \n\n B. \n", ["A.", "B."]),
        ("", []),
        ("one\r\n\r\ntwo", ["one", "two"]),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected
