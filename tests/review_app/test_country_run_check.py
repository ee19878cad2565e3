"""country.abbreviation: a one-character country abbreviation in a run, rendered as another
country it can stand for, when the document says which one it is."""

from __future__ import annotations

from glossary.load import load_glossary
from review_app.document import Segment
from review_app.pipeline import ReviewOptions, review_segments


def check(*pairs: tuple[str, str]) -> list[tuple[int, str, str]]:
    segments = [
        Segment(
            id=i, source=zh, target=en, source_sentences=(i,), target_sentences=(i,), confidence=1.0
        )
        for i, (zh, en) in enumerate(pairs)
    ]
    report = review_segments(
        segments,
        load_glossary(),
        ReviewOptions(checks=("country.abbreviation",)),
        source_path="a.zh.txt",
        target_path="a.en.txt",
    )
    return [
        (f.segment, f.source_span.text, f.target_span.text)
        for f in report.findings
        if f.source_span and f.target_span
    ]


NEW_ZEALAND = (
    "新西兰总理本周访问堪培拉。",
    "The New Zealand prime minister visits Canberra this week.",
)


def test_the_document_says_which_country_and_the_translation_writes_another() -> None:
    run = ("澳新两国签署了贸易协定。", "Australia and Singapore signed a trade agreement.")
    assert check(NEW_ZEALAND, run) == [(1, "新", "Singapore")]


def test_the_reading_the_document_names_is_right() -> None:
    run = ("澳新两国签署了贸易协定。", "Australia and New Zealand signed a trade agreement.")
    assert check(NEW_ZEALAND, run) == []


def test_without_a_clue_in_the_document_no_reading_is_wrong() -> None:
    run = ("越新两国签署了贸易协定。", "Vietnam and New Zealand signed a trade agreement.")
    assert check(run) == []


def test_with_both_countries_named_the_document_does_not_say_which() -> None:
    singapore = ("新加坡总理也出席了会议。", "The Prime Minister of Singapore also attended.")
    run = ("澳新两国签署了贸易协定。", "Australia and Singapore signed a trade agreement.")
    assert check(NEW_ZEALAND, singapore, run) == []


def test_a_country_the_segment_names_in_full_is_not_a_misreading() -> None:
    run = (
        "澳新两国和新加坡签署了贸易协定。",
        "Australia, New Zealand and Singapore signed a trade agreement.",
    )
    assert check(NEW_ZEALAND, run) == []
