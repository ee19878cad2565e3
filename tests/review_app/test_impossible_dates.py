"""number.impossible: dates and clock times that cannot be (examples of our own)."""

from __future__ import annotations

import pytest

from tests.pairs import review_pairs


def check(zh: str, en: str) -> list[tuple[str, str | None]]:
    return [
        (f.target_span.text if f.target_span else "", f.suggestion)
        for f in review_pairs(("number.impossible",), (zh, en))
    ]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (
            "会议于12月10日开幕。",
            "The meeting opened on December 100.",
            ("December 100", "December 10"),
        ),
        (
            "10月15日起实施。",
            "It takes effect from 150th October.",
            ("150th October", "October 15"),
        ),
        ("2月28日发布。", "Released on February 30.", ("February 30", "February 28")),
        ("4月3日至5日", "from April 31 to 5", ("April 31", "April 3")),
        ("营业时间16:10至16:30。", "Open from 160:10 to 16:30.", ("160:10", None)),
        ("配送时间19:00-22:00。", "Delivery from 19:000-22:00.", ("19:000", None)),
    ],
)
def test_an_impossible_date_or_time_is_reported(
    zh: str, en: str, expected: tuple[str, str | None]
) -> None:
    assert check(zh, en) == [expected]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("2月29日是闰日。", "February 29 is the leap day."),
        # The figure after the month is the source's own: 120 people, not a day.
        ("5月，120人参加了会议。", "In May 120 people attended the meeting."),
        # No date in that month in the source: the translation's business is elsewhere.
        ("会议举行。", "The March 300 list was published."),
        # A ratio is no time where the source has no time.
        ("比分为160比10。", "The score was 160:10."),
        ("营业时间16:10至16:30。", "Open from 16:10 to 16:30."),
    ],
)
def test_possible_dates_and_other_figures_are_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []


def test_a_month_written_with_spaces_and_an_ordinal_day_count() -> None:
    assert check("在 3 月 29 号购买", "bought on March 92") == [("March 92", "March 29")]
    assert check("下周四也就是16日", "next Thursday, the 61th") == [("the 61th", None)]
    assert check("下周四也就是16日", "next Thursday, the 16th") == []
