"""entity.substituted: a person or organisation the knowledge layer knows, written as another
known one (examples of our own, not from the MQM or WMT23 files)."""

from __future__ import annotations

import pytest

from glossary.load import load_glossary
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import ReviewOptions, review_segments


def findings(zh: str, en: str) -> tuple[Finding, ...]:
    segment = Segment(
        id=0, source=zh, target=en, source_sentences=(0,), target_sentences=(0,), confidence=1.0
    )
    report = review_segments(
        [segment],
        load_glossary(),
        ReviewOptions(checks=("entity.substituted",)),
        source_path="a.zh.txt",
        target_path="a.en.txt",
    )
    return report.findings


def check(zh: str, en: str) -> list[str]:
    return [finding.target_span.text for finding in findings(zh, en) if finding.target_span]


@pytest.mark.parametrize(
    ("zh", "en", "written"),
    [
        # A person for another person.
        (
            "德国总理默克尔当天会见了来访的客人。",
            "German Chancellor Helmut Kohl met the visitors that day.",
            "Helmut Kohl",
        ),
        # An organisation for another one, by its acronym.
        ("世界卫生组织发布了年度报告。", "The WTO released its annual report.", "WTO"),
    ],
)
def test_another_known_entity_is_reported(zh: str, en: str, written: str) -> None:
    assert check(zh, en) == [written]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Rendered: in full, by the surname alone, by its acronym.
        ("德国总理默克尔当天会见了客人。", "German Chancellor Angela Merkel met the visitors."),
        ("德国总理默克尔当天会见了客人。", "Chancellor Merkel met the visitors that day."),
        ("世界卫生组织发布了年度报告。", "The WHO released its annual report."),
        # Rendered by an acronym CC-CEDICT does not list (European Central Bank: ECB), or by
        # the pinyin of the name (新华社: Xinhua): CNN beside them substitutes nothing.
        ("欧洲中央银行宣布加息。", "The ECB raised rates, CNN reported."),
        (
            "新华社北京3月5日电 会议开幕。",
            "BEIJING, March 5 (Xinhua) -- The meeting opened, CNN said.",
        ),
        # 日电 after a date is the dateline's "report", not the company NEC.
        ("东京3月5日电 会议开幕。", "TOKYO, March 5 -- The meeting opened, CNN reported."),
        # The source goes on into the other's name: 中共 | 中央政治局 is the CPC Central
        # Committee's Political Bureau, not a substitution of the Central Committee for 中共.
        (
            "代表团会见中共中央政治局常委。",
            "The delegation met members of the Standing Committee of the Political Bureau of the "
            "CPC Central Committee.",
        ),
        # The source names the other one too.
        ("默克尔与科尔会面。", "Helmut Kohl met the visitors."),
        # A name inside an ordinary word is no name: 时代 (also the magazine Time) in 新时代.
        ("新时代的中国共产党", "The Communist Party of China in the new era"),
        # A single capitalised word is never taken for a name; nor a two-letter acronym.
        ("世界卫生组织发布了报告。", "The organisation's TV channel released a report."),
    ],
)
def test_no_finding_when_the_entity_is_rendered_or_not_replaced(zh: str, en: str) -> None:
    assert check(zh, en) == []


def test_the_finding_names_its_knowledge_source_and_suggests_the_accepted_form() -> None:
    (finding,) = findings("世界卫生组织发布了年度报告。", "The WTO released its annual report.")
    assert "(cc-cedict)" in finding.message and "another organisation" in finding.message
    assert finding.source_span is not None and finding.source_span.text == "世界卫生组织"
    assert finding.suggestion and "World Health Organization" in finding.suggestion
    assert str(finding.severity) == "major"
