"""entity.unnamed: a known body of the source written as something else (examples of our own,
not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from tests.pairs import review_pairs


def check(zh: str, en: str) -> list[tuple[str, str | None]]:
    findings = review_pairs(("entity.unnamed",), (zh, en))
    return [(f.target_span.text, f.suggestion) for f in findings if f.target_span]


@pytest.mark.parametrize(
    ("zh", "en", "written", "suggestion"),
    [
        # A headline's byline, another outlet's name in its place.
        ("春运客流创新高-中新网", "Spring travel hits a record-CNN", "CNN", "ChinaNews"),
        # ... or a made-up one.
        (
            "春运客流创新高 - 中新网",
            "Spring travel hits a record - The New Web",
            "The New Web",
            "ChinaNews",
        ),
        # A byline inside the headline, before the site's motto.
        (
            "油价上涨 - 经济观察网－ 专业财经新闻网站",
            "Oil prices rise - Economic and Social Council - Professional financial news",
            "Economic and Social Council",
            "The Economic Observer",
        ),
        # A dateline whose agency became another agency.
        (
            "中新网3月2日电 展会开幕。",
            "March 2 (Xinhua) -- The fair opened.",
            "Xinhua",
            "ChinaNews",
        ),
        # An acronym that nothing of the source explains (the SFC is Hong Kong's regulator).
        (
            "3月1日，证监会发布公告。",
            "On March 1, the SFC issued an announcement.",
            "SFC",
            "China Securities Regulatory Commission",
        ),
        # A garbled name that shares a word with the body's own.
        (
            "国民党方面表示欢迎。",
            "The National Party said it welcomed it.",
            "National Party",
            "Guomindang",
        ),
    ],
)
def test_a_body_written_as_something_else_is_reported(
    zh: str, en: str, written: str, suggestion: str
) -> None:
    assert check(zh, en) == [(written, suggestion)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Named right, with or without its exact accepted spelling.
        ("春运客流创新高-中新网", "Spring travel hits a record-Chinanews.com"),
        ("3月1日，证监会发布公告。", "On March 1, the CSRC issued an announcement."),
        ("国民党方面表示欢迎。", "The Kuomintang said it welcomed it."),
        # A byline left out is an editor's choice, not a wrong name.
        ("春运客流创新高-中新网", "Spring travel hits a record"),
        ("新华社北京3月2日电 展会开幕。", "On March 2, the fair opened in Beijing."),
        ("新华社北京3月2日电 展会开幕。", "BEIJING, March 2 (Xinhua) -- The fair opened."),
        # Most words of an accepted form, the body word either way (Department of Commerce).
        ("商务部发布了新规。", "The Ministry of Commerce issued new rules."),
        ("欧盟委员会提出新方案。", "The European Commission proposed a new plan."),
        # The initials of its pinyin (京东, Jingdong): its own name.
        ("京东和天猫都在促销。", "JD and Tmall are both running promotions."),
        # Another body of the source, named right, is no stand-in for the one left out.
        ("据中新网报道，中国日报称经济好转。", "The China Daily said the economy improved."),
        # A hyphenated word in the headline is no byline.
        ("中日论坛在京举办-中新网", "The China-Japan Forum Opens in Beijing"),
    ],
)
def test_a_body_named_or_left_out_is_not_reported(zh: str, en: str) -> None:
    assert check(zh, en) == []
