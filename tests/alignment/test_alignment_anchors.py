"""Long documents: anchors, cuts between them and a band that follows them."""

from __future__ import annotations

import pytest

from alignment import score
from alignment.align import (
    PARAGRAPH_BEADS,
    SENTENCE_BEADS,
    _cut_points,
    _features,
    _longest_chain,
    _one_against_one,
    _run_dp,
    align_sentences,
    find_anchors,
)

PLACES = ["北京", "上海", "广州", "深圳", "天津", "重庆", "南京", "武汉", "成都", "西安"]
PLACES_EN = [
    "Beijing",
    "Shanghai",
    "Guangzhou",
    "Shenzhen",
    "Tianjin",
    "Chongqing",
    "Nanjing",
    "Wuhan",
    "Chengdu",
    "Xi'an",
]


def pair(k: int) -> tuple[str, str]:
    p = k % len(PLACES)
    return (
        f"第{k}号文件于{1000 + k}年在{PLACES[p]}发布。",
        f"Document {k} was issued in {PLACES_EN[p]} in {1000 + k}.",
    )


def test_longest_chain() -> None:
    assert _longest_chain([(0, 0), (1, 5), (2, 1), (3, 2), (4, 9), (5, 3)]) == [
        (0, 0),
        (2, 1),
        (3, 2),
        (5, 3),
    ]
    assert _longest_chain([]) == []


def test_cuts_only_inside_runs_of_three_anchors() -> None:
    anchors = [(0, 0), (1, 1), (5, 7), (6, 8), (7, 9), (8, 10), (12, 13)]
    assert _cut_points(anchors) == [(6, 8), (7, 9), (8, 10)]


def test_anchors_are_found_and_follow_the_translation() -> None:
    zh, en = zip(*(pair(k) for k in range(300)), strict=True)
    anchors = find_anchors(_features(list(zh), list(en), ()))
    assert len(anchors) > 250
    assert all(i == j for i, j in anchors)


def test_an_untranslated_preface_is_found_beyond_the_diagonal_band() -> None:
    # 150 English sentences with no Chinese counterpart come first: the translation of zh[k]
    # is en[k + 150], far outside a band of 25 around the diagonal.
    zh, en_tr = (list(x) for x in zip(*(pair(k) for k in range(300)), strict=True))
    preface = [
        f"Editor's note {k}: the printing history of this volume is long." for k in range(150)
    ]
    beads = align_sentences(zh, preface + en_tr)
    pairs = [(b.src, b.tgt) for b in beads if b.src and b.tgt]
    correct = sum(src == (k,) and tgt == (k + 150,) for k, (src, tgt) in enumerate(pairs))
    assert correct >= 290
    assert sum(1 for b in beads if not b.src) >= 140


def test_a_long_document_aligns_without_a_full_matrix() -> None:
    zh, en = (list(x) for x in zip(*(pair(k) for k in range(2000)), strict=True))
    beads = align_sentences(zh, en)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(2000)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("国务院总理李强在北京会见了越南总理范明政。", "Premier Li Qiang met Pham Minh Chinh."),
        ("会议在北京举行。", "The meeting was held in Beijing."),
        # Lengths far apart: skipping both sentences is cheaper than pairing them.
        ("好。", " ".join(["The committee approved the plan in full"] * 40)),
        ("", "Beijing."),
    ],
)
@pytest.mark.parametrize("beads", [SENTENCE_BEADS, PARAGRAPH_BEADS, ((0, 1), (1, 0), (1, 1))])
def test_one_sentence_against_one_takes_the_path_of_the_full_dp(
    zh: str, en: str, beads: tuple[tuple[int, int], ...]
) -> None:
    feats = _features([zh], [en], [])
    full = _run_dp(score.BeadScorer(feats, max_span=4), beads, [(0, 1), (0, 1)])
    assert _one_against_one(feats, beads) == full
