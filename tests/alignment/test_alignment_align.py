"""Tests for sentence and document alignment (real Chinese, exact beads)."""

from __future__ import annotations

import time

import pytest

from alignment import Bead, DocumentAlignment, align_document, align_sentences

Shape = list[tuple[tuple[int, ...], tuple[int, ...]]]


def shape(beads: list[Bead]) -> Shape:
    return [(b.src, b.tgt) for b in beads]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            ["今天北京下了大雨。", "学校决定停课一天。", "许多家长对此表示支持。"],
            [
                "It rained heavily in Beijing today.",
                "The school decided to cancel classes for a day.",
                "Many parents expressed support for the decision.",
            ],
            [((0,), (0,)), ((1,), (1,)), ((2,), (2,))],
            id="1-1",
        ),
        pytest.param(
            ["他走进房间。", "他坐了下来。", "窗外的雪下得很大。"],
            [
                "He walked into the room and sat down.",
                "Outside the window the snow was falling heavily.",
            ],
            [((0, 1), (0,)), ((2,), (1,))],
            id="2-1",
        ),
        pytest.param(
            [
                "那天晚上我没走掉，陈清扬把我拽住，以伟大友谊的名义叫我留下来。",
                "她承认打我不对。",
            ],
            [
                "I did not leave that night.",
                "Chen Qingyang caught me and asked me to stay in the name of our great friendship.",
                "She admitted that she had been wrong to slap me.",
            ],
            [((0,), (0, 1)), ((1,), (2,))],
            id="1-2",
        ),
        pytest.param(
            [
                "会议于上午九点开始。",
                "这位发言人还详细介绍了过去五年里当地政府在环境保护、城市交通和公共卫生等方面所做的大量工作。",
                "会议持续了三个小时。",
            ],
            ["The meeting began at nine in the morning.", "It lasted three hours."],
            [((0,), (0,)), ((1,), ()), ((2,), (1,))],
            id="1-0 (omitted sentence)",
        ),
        pytest.param([], ["Only English."], [((), (0,))], id="empty-zh"),
        pytest.param(["只有中文。"], [], [((0,), ())], id="empty-en"),
        pytest.param([], [], [], id="both-empty"),
    ],
)
def test_align_sentences(zh: list[str], en: list[str], expected: Shape) -> None:
    beads = align_sentences(zh, en)
    assert shape(beads) == expected
    for b in beads:
        assert 0.0 <= b.confidence <= 1.0


def test_skip_beads_have_low_confidence() -> None:
    beads = align_sentences(
        [
            "会议于上午九点开始。",
            "这位发言人还详细介绍了过去五年里当地政府在环境保护、城市交通和公共卫生等方面所做的大量工作。",
            "会议持续了三个小时。",
        ],
        ["The meeting began at nine in the morning.", "It lasted three hours."],
    )
    assert beads[1].tgt == ()
    assert beads[1].confidence < 0.2
    assert beads[0].confidence > 0.5 and beads[2].confidence > 0.5


def test_confidence_good_pair_beats_bad_pair() -> None:
    zh = ["今天北京下了大雨。"]
    good = align_sentences(zh, ["It rained heavily in Beijing today."])[0]
    bad = align_sentences(zh, ["The committee approved the annual budget report."])[0]
    assert good.confidence > 0.7
    assert bad.confidence < 0.5
    assert good.confidence > bad.confidence


def test_numbers_and_latin_strings_are_evidence() -> None:
    zh = ["GDP增长了7.5%。"]
    with_evidence = align_sentences(zh, ["GDP grew by 7.5%."])[0]
    without = align_sentences(zh, ["Output went up a little."])[0]
    assert with_evidence.confidence > without.confidence


def test_added_english_sentence_is_absorbed_with_low_confidence() -> None:
    # Skips cost more than merges (fitted on MAC-Dev, where they are rare): an English
    # addition joins a neighbouring bead, and that bead's confidence drops.
    beads = align_sentences(
        ["这家工厂去年生产了三万辆汽车。", "工人们对此非常自豪。"],
        [
            "The factory produced 30,000 cars last year.",
            "Founded in 1952 by two brothers from a fishing village near the coast, the company "
            "has since grown into one of the largest employers in the province.",
            "The workers are very proud of it.",
        ],
    )
    assert shape(beads) == [((0,), (0, 1)), ((1,), (2,))]
    assert beads[0].confidence < 0.3 < 0.9 < beads[1].confidence


ZH_ABC = ["他昨天早上去了镇上的市场。", "乙镇。", "他下午买了很多新鲜的蔬菜。"]
EN_XY_TERM_FIRST = [
    "Yesterday morning he went to the market in town, in Hillford.",
    "In the afternoon he bought a lot of fresh vegetables.",
]
EN_XY_TERM_SECOND = [
    "Yesterday morning he went to the market in town.",
    "Hillford: in the afternoon he bought a lot of fresh vegetables.",
]


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        (EN_XY_TERM_FIRST, [((0, 1), (0,)), ((2,), (1,))]),
        (EN_XY_TERM_SECOND, [((0,), (0,)), ((1, 2), (1,))]),
    ],
)
def test_term_pairs_decide_where_a_sentence_goes(en: list[str], expected: Shape) -> None:
    beads = align_sentences(ZH_ABC, en, term_pairs=[("乙镇", "Hillford")])
    assert shape(beads) == expected


def test_without_term_pairs_the_opaque_sentence_goes_wrong() -> None:
    # Same input as above without the glossary pair: nothing ties 乙镇 to Hillford.
    beads = align_sentences(ZH_ABC, EN_XY_TERM_SECOND)
    assert shape(beads) == [((0, 1), (0,)), ((2,), (1,))]


def test_term_pairs_raise_confidence() -> None:
    zh = ["长春位于吉林。"]
    en = ["Changchun lies in Jilin."]
    plain = align_sentences(zh, en)[0].confidence
    boosted = align_sentences(zh, en, term_pairs=[("长春", "Changchun"), ("吉林", "Jilin")])
    assert boosted[0].confidence > plain


def test_long_input_uses_band_and_stays_fast() -> None:
    zh, en = [], []
    for k in range(1, 401):
        zh.append(f"第{k}条规定于{1900 + k}年生效，适用于全国。")
        en.append(f"Article {k} took effect in {1900 + k} and applies nationwide.")
        if k % 50 == 0:  # an English sentence split in two
            zh.append(f"委员会在第{k}次会议上讨论了这个问题并通过了决议。")
            en.append(f"The committee discussed the issue at its meeting number {k}.")
            en.append("It then adopted a resolution.")
    align_sentences(zh[:5], en[:5])  # load the lexicon outside the timing
    t = time.perf_counter()
    beads = align_sentences(zh, en)
    elapsed = time.perf_counter() - t
    assert [b.src for b in beads] == [(i,) for i in range(len(zh))]
    expected_tgt: list[tuple[int, ...]] = []
    j = 0
    for k in range(1, 401):
        expected_tgt.append((j,))
        j += 1
        if k % 50 == 0:
            expected_tgt.append((j, j + 1))
            j += 2
    assert [b.tgt for b in beads] == expected_tgt
    assert elapsed < 5.0


ZH_DOC = """那天晚上我没走掉。陈清扬把我拽住，以伟大友谊的名义叫我留下来。

她承认打我不对。她还说，我的伟大友谊是假的。

后来我们一起下山去了。"""

EN_DOC = """I did not leave that night. Chen Qingyang caught me and asked me to stay in the name \
of our great friendship.

She admitted that she had been wrong to slap me. But she said my great friendship was phony.

Later we went down the mountain together."""


def test_align_document_paragraphs_then_sentences() -> None:
    doc = align_document(ZH_DOC, EN_DOC)
    assert isinstance(doc, DocumentAlignment)
    assert len(doc.src_sentences) == 5
    assert len(doc.tgt_sentences) == 5
    assert shape(doc.beads) == [((i,), (i,)) for i in range(5)]


def test_align_document_keeps_paragraph_boundaries() -> None:
    zh = "他走进房间。他坐了下来。\n\n窗外的雪下得很大。"
    en = "He walked into the room and sat down.\n\nOutside the window the snow was falling heavily."
    doc = align_document(zh, en)
    assert shape(doc.beads) == [((0, 1), (0,)), ((2,), (1,))]


def test_align_document_unmatched_paragraph() -> None:
    zh = (
        "会议于上午九点开始。\n\n"
        "这位发言人还详细介绍了过去五年里当地政府在环境保护、城市交通和公共卫生等方面所做的大量工作。\n\n"
        "会议持续了三个小时。"
    )
    en = "The meeting began at nine in the morning.\n\nIt lasted three hours."
    doc = align_document(zh, en)
    assert shape(doc.beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


LINES_ZH = "今天北京下了大雨。学校决定停课。\n许多家长表示支持。\n会议持续了三个小时。"
LINES_EN = (
    "It rained heavily in Beijing today.\n"
    "Many parents expressed support. Some did not.\n"
    "The meeting lasted three hours."
)


@pytest.mark.parametrize("line_aligned", [None, True])
def test_line_aligned_pairs_lines(line_aligned: bool | None) -> None:
    doc = align_document(LINES_ZH, LINES_EN, line_aligned=line_aligned)
    # The first English line leaves out 学校决定停课, yet line pairing is kept.
    assert shape(doc.beads) == [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,))]
    assert all(0.0 <= b.confidence <= 1.0 for b in doc.beads)
    assert doc.beads[2].confidence > 0.5


def test_line_aligned_confidence_flags_a_mismatched_line() -> None:
    zh = "今天北京下了大雨。\n会议持续了三个小时。"
    en = "It rained heavily in Beijing today.\nThe committee approved the annual budget report."
    doc = align_document(zh, en)
    assert shape(doc.beads) == [((0,), (0,)), ((1,), (1,))]
    assert doc.beads[0].confidence > doc.beads[1].confidence


TWO_SENTENCE_ZH = "今天北京下了大雨。学校决定停课一天。\n许多家长对此表示支持。"
TWO_SENTENCE_EN = (
    "It rained heavily in Beijing today. The school decided to cancel classes for a day.\n"
    "Many parents expressed support for the decision."
)


@pytest.mark.parametrize(
    ("zh", "en", "line_aligned", "expected"),
    [
        (TWO_SENTENCE_ZH, TWO_SENTENCE_EN, None, [((0, 1), (0, 1)), ((2,), (2,))]),
        (TWO_SENTENCE_ZH, TWO_SENTENCE_EN, False, [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        (  # a blank line: paragraphs, not one segment a line
            TWO_SENTENCE_ZH.replace("\n", "\n\n"),
            TWO_SENTENCE_EN.replace("\n", "\n\n"),
            None,
            [((0,), (0,)), ((1,), (1,)), ((2,), (2,))],
        ),
        (  # different numbers of lines
            "他走进房间。\n他坐了下来。",
            "He walked into the room and sat down.",
            None,
            [((0, 1), (0,))],
        ),
    ],
)
def test_line_aligned_detection(
    zh: str, en: str, line_aligned: bool | None, expected: Shape
) -> None:
    assert shape(align_document(zh, en, line_aligned=line_aligned).beads) == expected


def test_line_aligned_true_with_different_line_counts_raises() -> None:
    with pytest.raises(ValueError, match="lines"):
        align_document("一。\n二。\n三。", "One.\nTwo.", line_aligned=True)


def test_every_sentence_in_exactly_one_bead() -> None:
    doc = align_document(ZH_DOC + "\n\n" + LINES_ZH, EN_DOC + "\n\n" + LINES_EN)
    src = [i for b in doc.beads for i in b.src]
    tgt = [j for b in doc.beads for j in b.tgt]
    assert src == list(range(len(doc.src_sentences)))
    assert tgt == list(range(len(doc.tgt_sentences)))
