"""Checking again after an English edit gives what checking everything again gives.

review_app.recheck keeps a check's last findings on the pairs out of its reach from the edited
ones. Each edit below is checked both ways, on a document whose pairs depend on their
neighbours and on earlier pairs the way real ones do (a name the aligner moved into the next
pair, a place named in an earlier sentence, a clause translated inside the next sentence).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.load import load_glossary
from review_app.checks.base import all_checks
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import ReviewOptions, review_segments, select_checks
from review_app.recheck import reuse_of
from review_app.report.model import Report

GLOSSARY = load_glossary()
OPTIONS = ReviewOptions(date=dt.date(2023, 11, 10))
SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"

PAIRS = [
    ("我们先去了昆明。", "First we went to Guiyang, and"),
    ("然后去了贵阳。", "then to Kunming."),
    ("伊朗宣布了新的贸易政策。", "Iran announced a new trade policy."),
    ("今年出口到伊朗的商品增加了。", "Exports to the country rose this year."),
    ("会议在长春举行。", "The meeting was held in Changchun."),
    ("包装旧到不行；", ""),
    ("质量也很差。", "The packaging was terribly old, and the quality was very poor too."),
    ("共建一带一路。", "Cooperation."),
    ("十年成果丰硕。", "The Belt and Road has achieved much in ten years."),
    ("全年共接待游客3647万人次。", "It received 36.74 million visitors over the year."),
    ("双方签署了合作协议。", "The two sides signed a cooperation agreement."),
    ("澳新两国签署了贸易协定。", "Australia and Singapore signed a trade agreement."),
    ("蔡奇表示，要推动工作。", "Wang Jichi said the work must go on."),
    ("民进党立委郑运鹏表示反对。", "DPP legislator Cheng Yun-peng expressed opposition."),
    ("郑运鹏随后离开会场。", "Zheng Yunpeng then left the meeting."),
    ("产品符合GB/T 19001标准。", "The products meet GB/T 19010."),
    ("会议于2月30日举行。", "The meeting was held on February 30."),
    ("他说：“我们会继续努力。”", "He said: “我们会继续努力。”"),
    ("省长王伟中出席。", "Governor Wang Weizong attended."),
]


def _seed_pairs() -> list[tuple[str, str]]:
    def paragraphs(name: str) -> list[str]:
        text = (SEED / name).read_text(encoding="utf-8")
        return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]

    return list(zip(paragraphs("source.zh.txt"), paragraphs("release.en.txt"), strict=True))


def segments_of(pairs: list[tuple[str, str]]) -> list[Segment]:
    return [
        Segment(i, zh, en, (i,) if zh else (), (i,) if en else (), 0.9)
        for i, (zh, en) in enumerate(pairs)
    ]


DOCUMENT = segments_of(PAIRS + _seed_pairs())


def check(segments: list[Segment], previous: Report | None = None) -> Report:
    return review_segments(
        segments, GLOSSARY, OPTIONS, source_path="a.zh", target_path="a.en", previous=previous
    )


def listed(findings: tuple[Finding, ...]) -> list[tuple[str, int, str, str | None]]:
    return [(f.id, f.segment, f.message, f.suggestion) for f in findings]


def edited(segments: list[Segment], index: int, english: str) -> list[Segment]:
    changed = list(segments)
    changed[index] = replace(changed[index], target=english)
    return changed


def edits() -> list[tuple[int, str]]:
    """Every pair emptied, every pair given the English two pairs on, and every suggestion of
    the first run accepted."""
    found = [(i, "") for i in range(len(DOCUMENT))]
    found += [(i, DOCUMENT[(i + 2) % len(DOCUMENT)].target) for i in range(len(DOCUMENT))]
    for finding in check(DOCUMENT).findings:
        if finding.suggestion and finding.target_span:
            span, target = finding.target_span, DOCUMENT[finding.segment].target
            fixed = target[: span.start] + finding.suggestion + target[span.end :]
            found.append((finding.segment, fixed))
    return found


BEFORE = check(DOCUMENT)


def test_the_document_has_findings_of_many_checks() -> None:
    checks = {finding.check for finding in BEFORE.findings}
    assert len(checks) >= 6, checks


@pytest.mark.parametrize(("index", "english"), edits())
def test_an_edit_checked_again_gives_the_findings_of_a_full_run(index: int, english: str) -> None:
    after = edited(DOCUMENT, index, english)
    assert listed(check(after, previous=BEFORE).findings) == listed(check(after).findings)


@pytest.mark.parametrize(
    ("index", "english", "pair", "check_id"),
    [
        # The next pair no longer names the place the aligner moved there: a swap here now.
        (1, "then to Guiyang.", 0, "place.mismatch"),
        # No earlier sentence names Iran any more: "the country" stands for a name now.
        (2, "A new trade policy was announced.", 3, "entity.generic"),
        # The next sentence no longer holds this clause: it is left out now.
        (6, "The quality was very poor too.", 5, "alignment.unpaired"),
    ],
)
def test_an_edit_reaches_findings_on_other_pairs(
    index: int, english: str, pair: int, check_id: str
) -> None:
    assert not [f for f in BEFORE.findings if f.segment == pair and f.check == check_id]
    again = check(edited(DOCUMENT, index, english), previous=BEFORE)
    assert [f for f in again.findings if f.segment == pair and f.check == check_id]


def test_the_last_findings_are_kept_out_of_each_checks_reach() -> None:
    checks = select_checks(None)
    reuse = reuse_of(BEFORE, edited(DOCUMENT, 9, "Nothing."), GLOSSARY, checks, OPTIONS.date)
    assert reuse is not None and reuse.changed == {9}
    kept = {check.id: reuse.kept(check) for check in checks}
    everything = set(range(len(DOCUMENT)))
    assert kept["number.mismatch"] == everything - {9}
    assert kept["place.mismatch"] == everything - {8, 9, 10}
    assert kept["alignment.unpaired"] == everything - {7, 8, 9, 10, 11}
    assert kept["entity.generic"] == set()  # it reads every earlier sentence
    assert kept["term.consistency"] == set()  # a document check


def test_every_segment_check_says_how_far_it_reaches() -> None:
    # A new check runs on every pair again until its author says how far it reads.
    from review_app.checks.base import SegmentCheck

    unknown = [
        check.id
        for check in all_checks().values()
        if issubclass(check, SegmentCheck) and check.reach is None
    ]
    assert unknown == ["entity.generic"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s[:-1], id="a pair fewer (a merge)"),
        pytest.param(lambda s: [replace(s[0], source="其他"), *s[1:]], id="other Chinese"),
        pytest.param(lambda s: [replace(s[0], confidence=0.1), *s[1:]], id="another alignment"),
    ],
)
def test_nothing_is_kept_when_more_than_the_english_changed(
    change: Callable[[list[Segment]], list[Segment]],
) -> None:
    assert reuse_of(BEFORE, change(DOCUMENT), GLOSSARY, select_checks(None), OPTIONS.date) is None


def test_nothing_is_kept_when_the_edit_names_an_official_the_glossary_does_not_know() -> None:
    # 省长李明 written "Governor Li Ming": an official known by title and pinyin, whom the
    # analysis makes known to the whole document.
    segments = segments_of([*PAIRS, ("省长李明出席。", "Governor Li Ming attended.")])
    before = check(segments)
    after = edited(segments, len(PAIRS), "The governor attended.")
    assert reuse_of(before, after, GLOSSARY, select_checks(None), OPTIONS.date) is None
    elsewhere = edited(segments, 0, "First we went home.")
    assert reuse_of(before, elsewhere, GLOSSARY, select_checks(None), OPTIONS.date) is not None


def test_nothing_is_kept_for_another_date() -> None:
    other = ReviewOptions(date=dt.date(2020, 1, 1))
    assert reuse_of(BEFORE, DOCUMENT, GLOSSARY, select_checks(None), other.date) is None
    assert reuse_of(BEFORE, DOCUMENT, GLOSSARY, select_checks(None), OPTIONS.date) is not None
