"""The untranslated check: Chinese characters and Chinese punctuation left in the English."""

from __future__ import annotations

import pytest

import review_app.checks.untranslated  # noqa: F401  (registers untranslated)
from glossary.load import load_glossary
from glossary.model import Glossary
from review_app.checks.base import REGISTRY
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.pipeline import analyze, run_checks, select_checks


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def check(glossary: Glossary, en: str) -> list[Finding]:
    segments = [Segment(0, "促进合作。", en, (0,), (0,), 0.9)]
    return run_checks(analyze(segments, glossary, None), select_checks(["untranslated"]))


def summary(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [
        (str(f.severity), f.target_span.start, f.target_span.end, f.target_span.text)
        for f in findings
        if f.target_span
    ]


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["untranslated"]
    assert check_class.mqm == "accuracy/untranslated"
    assert check_class.severity == Severity.MAJOR
    assert check_class.description().startswith("Chinese characters or Chinese punctuation")


def test_chinese_characters_are_major_with_the_run_marked(glossary: Glossary) -> None:
    findings = check(glossary, "促进 cooperation")
    assert summary(findings) == [("major", 0, 2, "促进")]
    assert findings[0].suggestion is None
    assert summary(check(glossary, "to promote 合作。")) == [("major", 11, 14, "合作。")]


def test_chinese_punctuation_alone_is_minor(glossary: Glossary) -> None:
    assert summary(check(glossary, "Cooperation，growth。")) == [
        ("minor", 11, 12, "，"),
        ("minor", 18, 19, "。"),
    ]
    assert summary(check(glossary, "the book 《Growth》")) == [
        ("minor", 9, 10, "《"),
        ("minor", 16, 17, "》"),
    ]


@pytest.mark.parametrize(
    "english",
    ["“Cooperation” is the ‘key’ — he said.", "", "   ", "Cooperation (2023) matters."],
)
def test_english_punctuation_and_empty_targets_are_left_alone(
    glossary: Glossary, english: str
) -> None:
    assert check(glossary, english) == []


def test_a_gloss_in_parentheses_after_english_is_info(glossary: Glossary) -> None:
    assert summary(check(glossary, "the hukou (户口) system")) == [("info", 11, 13, "户口")]
    assert summary(check(glossary, "the hukou（户口）system")) == [("info", 10, 12, "户口")]
