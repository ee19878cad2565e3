"""alignment.unpaired: text with nothing aligned to it, unless a neighbour can hold it."""

from __future__ import annotations

from glossary.load import load_glossary
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import analyze, run_checks, select_checks

GLOSSARY = load_glossary()


def unpaired(pairs: list[tuple[str, str]]) -> list[Finding]:
    segments = [
        Segment(i, zh, en, (i,) if zh else (), (i,) if en else (), 0.9)
        for i, (zh, en) in enumerate(pairs)
    ]
    findings = run_checks(analyze(segments, GLOSSARY, None), select_checks(["alignment.unpaired"]))
    return findings


MEETING = ("会议在长春举行。", "The meeting was held in Changchun.")
SIGNING = ("双方签署了合作协议。", "The two sides signed a cooperation agreement.")


def test_a_sentence_left_out_is_a_possible_omission() -> None:
    dropped = (
        "双方还就新能源汽车产业链合作、冰雪旅游和农产品进入大湾区市场等议题进行了深入交流，"
        "达成了多项共识。"
    )
    (finding,) = unpaired([MEETING, (dropped, ""), SIGNING])
    assert (finding.segment, finding.severity, finding.mqm) == (1, "major", "accuracy/omission")
    assert finding.source_span is not None and finding.source_span.text == dropped
    (short,) = unpaired([MEETING, ("会场气氛热烈，交流十分充分。", ""), SIGNING])
    assert short.severity == "minor"


def test_a_clause_translated_inside_the_next_sentence_is_not() -> None:
    clause = ("包装旧到不行；", "")
    rest = ("质量也很差。", "The packaging was terribly old, and the quality was very poor too.")
    assert unpaired([MEETING, clause, rest]) == []


def test_an_added_sentence_is_a_possible_addition() -> None:
    added = "Officials from both provinces, business leaders and university presidents attended."
    (finding,) = unpaired([MEETING, ("", added), SIGNING])
    assert (finding.mqm, finding.severity) == ("accuracy/addition", "minor")
    assert finding.target_span is not None and finding.target_span.text == added


def test_numbers_and_punctuation_alone_are_not_reported() -> None:
    assert unpaired([MEETING, ("2023。", ""), SIGNING, ("", "(1)")]) == []
