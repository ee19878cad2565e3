"""entity.calqued: a news outlet the knowledge layer knows, translated word for word instead of
by its own name (examples of our own, not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from tests.pairs import review_pairs


def check(zh: str, en: str) -> list[tuple[str, str | None]]:
    findings = review_pairs(("entity.calqued",), (zh, en))
    return [(f.target_span.text, f.suggestion) for f in findings if f.target_span]


@pytest.mark.parametrize(
    ("zh", "en", "written", "suggestion"),
    [
        # The media list's outlet, word for word (自由 free, 时报 times).
        (
            "据自由时报报道，台风造成停电。",
            "According to the Free Times, the typhoon caused blackouts.",
            "Free Times",
            "Liberty Times",
        ),
        # CC-CEDICT's outlet, each character glossed (中 China, 新 new, 网 network).
        (
            "中新网3月2日电 展会开幕。",
            "China News Network, March 2 -- The fair opened.",
            "China News Network",
            "ChinaNews",
        ),
        # Pinyin and glosses together (扬子 Yangzi, 晚报 evening paper).
        (
            "扬子晚报讯 南京地铁新线开通。",
            "Yangzi Evening News -- A new Nanjing metro line opened.",
            "Yangzi Evening News",
            "Yangtse Evening Post",
        ),
    ],
)
def test_a_calqued_outlet_is_reported(zh: str, en: str, written: str, suggestion: str) -> None:
    assert check(zh, en) == [(written, suggestion)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("据自由时报报道，台风造成停电。", "According to the Liberty Times, the typhoon hit."),
        ("中新网3月2日电 展会开幕。", "Chinanews.com, March 2 -- The fair opened."),
        # A ministry's calque is as often its name: only outlets and curated bodies count.
        ("商务部发布了新规。", "The Ministry of Commerce issued new rules."),
        # Words of an accepted form, or letters of its acronym (the P of CCP).
        ("在党中央领导下开展工作。", "Work under the leadership of the Party Central Committee."),
        # One glossed word is no rendering of the whole name.
        ("中新网3月2日电 展会开幕。", "China, March 2 -- The fair opened."),
    ],
)
def test_an_outlet_by_its_name_or_a_body_by_its_calque_is_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []
