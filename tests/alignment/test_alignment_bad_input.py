"""Bad input never crashes the aligner nor makes it run for minutes (sizes are bounded)."""

from __future__ import annotations

import pytest

from alignment import align_document, align_sentences
from alignment.segment import MAX_EN_CHARS, MAX_ZH_CHARS, split_en, split_zh

ZH = [f"第{k}条规定于{1900 + k}年生效，适用于全国。" for k in range(1, 201)]
EN = [f"Article {k} took effect in {1900 + k} and applies nationwide." for k in range(1, 201)]


def covers(beads: list, n: int, m: int) -> bool:
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    return src == list(range(n)) and tgt == list(range(m))


@pytest.mark.parametrize(("src", "tgt"), [("", ""), ("  \n\n ", "\n"), ("", "   ")])
def test_empty_documents(src: str, tgt: str) -> None:
    doc = align_document(src, tgt)
    assert doc.beads == [] and doc.src_sentences == [] and doc.tgt_sentences == []


@pytest.mark.parametrize("empty_side", ["zh", "en"])
def test_one_side_empty_gives_only_skips_with_low_confidence(empty_side: str) -> None:
    zh_text = "" if empty_side == "zh" else "。".join(ZH[:120])
    en_text = "" if empty_side == "en" else " ".join(EN[:120])
    doc = align_document(zh_text, en_text)
    assert len(doc.beads) == len(doc.src_sentences) + len(doc.tgt_sentences) > 100
    assert all(not b.src or not b.tgt for b in doc.beads)
    assert all(b.confidence < 0.2 for b in doc.beads)
    beads = align_sentences(ZH if empty_side == "en" else [], EN if empty_side == "zh" else [])
    assert len(beads) == 200 and all(b.confidence < 0.2 for b in beads)


@pytest.mark.parametrize("truncated", ["en", "zh"])
def test_one_side_truncated_leaves_the_rest_unpaired(truncated: str) -> None:
    zh = ZH if truncated == "en" else ZH[:40]
    en = EN[:40] if truncated == "en" else EN
    beads = align_sentences(zh, en)
    assert covers(beads, len(zh), len(en))
    paired = [b for b in beads if b.src and b.tgt]
    unpaired = [b for b in beads if not b.src or not b.tgt]
    assert len(unpaired) >= 150  # the untranslated tail: deletions, not forced pairings
    assert all(b.confidence < 0.2 for b in unpaired)
    assert sum((b.src, b.tgt) == ((k,), (k,)) for k, b in enumerate(paired)) >= 35
    assert all(len(b.src) + len(b.tgt) <= 5 for b in beads)


def test_wildly_different_lengths_in_a_document() -> None:
    doc = align_document("。".join(ZH[:5]) + "。", " ".join(EN))
    assert covers(doc.beads, len(doc.src_sentences), len(doc.tgt_sentences))
    assert len(doc.tgt_sentences) == 200
    assert sum(1 for b in doc.beads if not b.src) >= 170  # at most a few merged into beads
    for k in range(5):  # each Chinese sentence still finds its translation
        assert next(b for b in doc.beads if k in b.src).tgt[0] == k


def test_overlong_runs_are_cut_into_capped_sentences() -> None:
    zh = split_zh("他说，" * 400)
    assert all(len(s) <= MAX_ZH_CHARS for s in zh) and "".join(zh) == "他说，" * 400
    assert all(s.endswith("，") for s in zh[:-1])  # cut after a comma
    en = split_en("word " * 1000)
    assert all(len(s) <= MAX_EN_CHARS for s in en)
    assert " ".join(en) == ("word " * 1000).strip()
    assert [len(s) for s in split_en("x" * 3000)] == [MAX_EN_CHARS, MAX_EN_CHARS, 600]


def test_a_megabyte_paragraph_without_punctuation_on_one_side() -> None:
    zh = "".join(ZH[:40])
    en = "word " * 210_000  # 1 MB, no sentence end anywhere
    doc = align_document(zh, en)
    assert len(doc.tgt_sentences) <= 2 * len(en) // MAX_EN_CHARS + 1
    assert covers(doc.beads, len(doc.src_sentences), len(doc.tgt_sentences))
    assert len(doc.beads) <= len(doc.src_sentences) + len(doc.tgt_sentences)


def test_a_long_chinese_run_without_punctuation() -> None:
    zh = "我们的" * 40_000  # 120,000 characters (360 KB of UTF-8), not one end mark
    doc = align_document(zh, " ".join(EN[:40]))
    assert len(doc.src_sentences) <= 2 * len(zh) // MAX_ZH_CHARS + 1
    assert covers(doc.beads, len(doc.src_sentences), len(doc.tgt_sentences))
