"""Align Chinese and English sentences (and paragraphs) into beads.

Alignment is a dynamic programme over beads of up to four sentences a side, scored by
``alignment.score``; long inputs are aligned inside a band around the diagonal that widens when
the best path runs along its edge.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from alignment import score
from alignment.lexicon import en_stems, zh_units
from alignment.segment import split_en, split_paragraphs, split_zh

logger = logging.getLogger(__name__)

__all__ = ["Bead", "DocumentAlignment", "align_document", "align_sentences"]

SENTENCE_BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (1, 4),
    (2, 3),
    (3, 2),
)
PARAGRAPH_BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))
# Beyond this many units a side, the DP (and lexical counting) is limited to a diagonal band.
FULL_DP_LIMIT = 60
MIN_BAND = 25


@dataclass(frozen=True)
class Bead:
    """One aligned group: Chinese sentence indices, English sentence indices, confidence.

    Indices are global in the document; one side may be empty (an omission or an addition).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float


@dataclass(frozen=True)
class DocumentAlignment:
    """Sentences of both texts and the beads that pair them, in document order."""

    src_sentences: list[str]
    tgt_sentences: list[str]
    beads: list[Bead]


def _term_regexes(term_pairs: Sequence[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for zh, en in term_pairs:
        if zh and en.strip():
            pattern = (
                r"(?<![A-Za-z0-9])" + r"\s+".join(map(re.escape, en.split())) + r"(?![A-Za-z0-9])"
            )
            out.append((zh, re.compile(pattern, re.IGNORECASE)))
    return out


def _features(
    src: Sequence[str],
    tgt: Sequence[str],
    term_pairs: Sequence[tuple[str, str]],
) -> score.UnitFeatures:
    """Per-sentence features (cached by sentence text), with term pairs added as evidence."""
    zh_u = [zh_units(s) for s in src]
    en_s = [en_stems(t) for t in tgt]
    terms = _term_regexes(term_pairs)
    if terms:
        for k, (zh, rx) in enumerate(terms):
            key = f"\x00term{k}"
            for i, s in enumerate(src):
                if zh in s:
                    zh_u[i] = (*zh_u[i], (key,))
            for j, t in enumerate(tgt):
                if rx.search(t):
                    en_s[j] = en_s[j] | {key}
    return score.UnitFeatures(
        zh_len=[score.zh_length(s) for s in src],
        en_len=[score.en_length(t) for t in tgt],
        zh_units=zh_u,
        en_stems=en_s,
    )


def _merge(
    feats: score.UnitFeatures, zh_groups: list[range], en_groups: list[range]
) -> score.UnitFeatures:
    """Features of units made by joining consecutive units (sentences into paragraphs)."""
    return score.UnitFeatures(
        zh_len=[sum(feats.zh_len[k] for k in g) for g in zh_groups],
        en_len=[sum(feats.en_len[k] for k in g) for g in en_groups],
        zh_units=[tuple(u for k in g for u in feats.zh_units[k]) for g in zh_groups],
        en_stems=[frozenset().union(*(feats.en_stems[k] for k in g)) for g in en_groups],
    )


def _slice(feats: score.UnitFeatures, zr: range, er: range) -> score.UnitFeatures:
    return score.UnitFeatures(
        zh_len=feats.zh_len[zr.start : zr.stop],
        en_len=feats.en_len[er.start : er.stop],
        zh_units=feats.zh_units[zr.start : zr.stop],
        en_stems=feats.en_stems[er.start : er.stop],
    )


def _dp(
    feats: score.UnitFeatures, bead_types: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int, float]]:
    """Best bead path as (i, a, j, b, confidence) tuples; banded for long inputs."""
    n, m = len(feats.zh_len), len(feats.en_len)
    if n == 0 or m == 0:
        return [(i, 1, 0, 0, score.CONF_SKIP) for i in range(n)] + [
            (0, 0, j, 1, score.CONF_SKIP) for j in range(m)
        ]
    max_span = max(max(a, b) for a, b in bead_types)
    if max(n, m) <= FULL_DP_LIMIT:
        scorer = score.BeadScorer(feats, max_span=max_span)
        return _run_dp(scorer, bead_types, None)
    band = MIN_BAND
    while True:
        scorer = score.BeadScorer(feats, max_span=max_span, window=band + max_span)
        path = _run_dp(scorer, bead_types, band)
        if band >= max(n, m) or not _touches_edge(path, n, m, band):
            return path
        band *= 2
        logger.debug("alignment path touched the band edge; widening to %d", band)


def _band_limits(n: int, m: int, band: int | None) -> list[tuple[int, int]]:
    if band is None:
        return [(0, m)] * (n + 1)
    out = []
    for i in range(n + 1):
        centre = i * m / n
        out.append((max(0, int(centre - band)), min(m, int(centre + band) + 1)))
    return out


def _touches_edge(path: list[tuple[int, int, int, int, float]], n: int, m: int, band: int) -> bool:
    limits = _band_limits(n, m, band)
    for i, _a, j, _b, _c in path:
        lo, hi = limits[i]
        if (lo > 0 and j - lo < 2) or (hi < m and hi - j < 2):
            return True
    return False


def _run_dp(
    scorer: score.BeadScorer, bead_types: Sequence[tuple[int, int]], band: int | None
) -> list[tuple[int, int, int, int, float]]:
    n, m = scorer.n, scorer.m
    limits = _band_limits(n, m, band)
    inf = float("inf")
    # cost[i] and back[i] are lists over j in [lo_i, hi_i].
    cost: list[list[float]] = []
    back: list[list[int]] = []
    fns = [(t, a, b, scorer.cost_function(a, b)) for t, (a, b) in enumerate(bead_types)]
    for i in range(n + 1):
        lo, hi = limits[i]
        row = [inf] * (hi - lo + 1)
        brow = [-1] * (hi - lo + 1)
        if i == 0 and lo == 0:
            row[0] = 0.0
        for j in range(lo, hi + 1):
            best = row[j - lo]
            arg = brow[j - lo]
            for t, a, b, fn in fns:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                if a:
                    plo, phi = limits[pi]
                    if pj < plo or pj > phi:
                        continue
                    prev = cost[pi][pj - plo]
                else:
                    if pj < lo:
                        continue
                    prev = row[pj - lo]
                if prev == inf:
                    continue
                c = prev + fn(pi, pj)
                if c < best:
                    best = c
                    arg = t
            row[j - lo] = best
            brow[j - lo] = arg
        cost.append(row)
        back.append(brow)
    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        lo = limits[i][0]
        t = back[i][j - lo]
        if t < 0:  # unreachable cell: cannot happen with 1-0 and 0-1 beads available
            raise RuntimeError("alignment DP found no path")
        a, b = bead_types[t]
        i, j = i - a, j - b
        path.append((i, a, j, b, scorer.confidence(i, a, j, b)))
    path.reverse()
    return path


def _to_beads(
    path: list[tuple[int, int, int, int, float]], src_offset: int = 0, tgt_offset: int = 0
) -> list[Bead]:
    return [
        Bead(
            src=tuple(range(src_offset + i, src_offset + i + a)),
            tgt=tuple(range(tgt_offset + j, tgt_offset + j + b)),
            confidence=conf,
        )
        for i, a, j, b, conf in path
    ]


def align_sentences(
    src: Sequence[str], tgt: Sequence[str], *, term_pairs: Sequence[tuple[str, str]] = ()
) -> list[Bead]:
    """Align Chinese sentences ``src`` with English sentences ``tgt``.

    Returns beads in order covering every sentence exactly once; indices are positions in
    ``src`` and ``tgt``. ``term_pairs`` are extra (Chinese, English) pairs, such as glossary
    names, counted as evidence that two sentences translate each other.
    """
    feats = _features(src, tgt, term_pairs)
    return _to_beads(_dp(feats, SENTENCE_BEADS))


def _line_aligned(src_text: str, tgt_text: str) -> bool:
    """Whether both texts are one segment a line with the same number (>1) of lines."""

    def lines(text: str) -> list[str] | None:
        raw = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
        if any(not ln.strip() for ln in raw):
            return None
        return raw

    a, b = lines(src_text), lines(tgt_text)
    return a is not None and b is not None and len(a) == len(b) > 1


def align_document(
    src_text: str,
    tgt_text: str,
    *,
    line_aligned: bool | None = None,
    term_pairs: Sequence[tuple[str, str]] = (),
) -> DocumentAlignment:
    """Split a Chinese text and its English translation into sentences and align them.

    Paragraphs (blank-line separated) are aligned first, then the sentences inside each group
    of aligned paragraphs. With ``line_aligned`` (auto-detected when None: same number of
    non-empty lines, no blank line) line ``k`` of one text is paired with line ``k`` of the
    other, one bead a line pair. Raises ValueError if ``line_aligned=True`` and the numbers of
    non-empty lines differ.
    """
    if line_aligned is None:
        line_aligned = _line_aligned(src_text, tgt_text)
    if line_aligned:
        return _align_lines(src_text, tgt_text, term_pairs)

    zh_paras = split_paragraphs(src_text)
    en_paras = split_paragraphs(tgt_text)
    zh_sents_by_para = [split_zh(p) for p in zh_paras]
    en_sents_by_para = [split_en(p) for p in en_paras]
    src_sentences = [s for ss in zh_sents_by_para for s in ss]
    tgt_sentences = [s for ss in en_sents_by_para for s in ss]
    feats = _features(src_sentences, tgt_sentences, term_pairs)
    zh_ranges = _ranges([len(ss) for ss in zh_sents_by_para])
    en_ranges = _ranges([len(ss) for ss in en_sents_by_para])

    groups = _paragraph_groups(feats, zh_ranges, en_ranges)
    beads: list[Bead] = []
    for zr, er in groups:
        path = _dp(_slice(feats, zr, er), SENTENCE_BEADS)
        beads.extend(_to_beads(path, zr.start, er.start))
    return DocumentAlignment(src_sentences, tgt_sentences, beads)


def _ranges(sizes: list[int]) -> list[range]:
    out = []
    start = 0
    for size in sizes:
        out.append(range(start, start + size))
        start += size
    return out


def _paragraph_groups(
    feats: score.UnitFeatures, zh_ranges: list[range], en_ranges: list[range]
) -> list[tuple[range, range]]:
    """Sentence ranges of aligned paragraph groups; one group when paragraphs do not pair up."""
    n_zh, n_en = len(feats.zh_len), len(feats.en_len)
    whole = [(range(0, n_zh), range(0, n_en))]
    p, q = len(zh_ranges), len(en_ranges)
    if p <= 1 or q <= 1 or not 0.5 <= p / q <= 2.0:
        return whole
    para_feats = _merge(feats, zh_ranges, en_ranges)
    path = _dp(para_feats, PARAGRAPH_BEADS)
    skipped = sum(a + b for _i, a, _j, b, _c in path if a == 0 or b == 0)
    if skipped > 0.25 * (p + q):
        logger.info(
            "paragraphs do not pair up (%d of %d skipped); aligning sentences as one",
            skipped,
            p + q,
        )
        return whole
    groups = []
    for i, a, j, b, _c in path:
        zr = range(_start(zh_ranges, i, n_zh), _start(zh_ranges, i + a, n_zh))
        er = range(_start(en_ranges, j, n_en), _start(en_ranges, j + b, n_en))
        groups.append((zr, er))
    return groups


def _start(ranges: list[range], k: int, total: int) -> int:
    return ranges[k].start if k < len(ranges) else total


def _align_lines(
    src_text: str, tgt_text: str, term_pairs: Sequence[tuple[str, str]]
) -> DocumentAlignment:
    """One bead a line pair, holding all the sentences split from the two lines."""
    zh_lines = [ln.strip() for ln in src_text.splitlines() if ln.strip()]
    en_lines = [ln.strip() for ln in tgt_text.splitlines() if ln.strip()]
    if len(zh_lines) != len(en_lines):
        raise ValueError(
            f"line_aligned=True needs as many non-empty lines on both sides; "
            f"the Chinese text has {len(zh_lines)}, the English {len(en_lines)}"
        )
    zh_sents = [split_zh(ln) for ln in zh_lines]
    en_sents = [split_en(ln) for ln in en_lines]
    src_sentences = [s for ss in zh_sents for s in ss]
    tgt_sentences = [s for ss in en_sents for s in ss]
    feats = _features(src_sentences, tgt_sentences, term_pairs)
    zh_ranges = _ranges([len(ss) for ss in zh_sents])
    en_ranges = _ranges([len(ss) for ss in en_sents])
    line_feats = _merge(feats, zh_ranges, en_ranges)
    window = None if len(zh_lines) <= FULL_DP_LIMIT else MIN_BAND
    scorer = score.BeadScorer(line_feats, max_span=1, window=window)
    beads = [
        Bead(
            src=tuple(zr),
            tgt=tuple(er),
            confidence=scorer.confidence(k, 1, k, 1),
        )
        for k, (zr, er) in enumerate(zip(zh_ranges, en_ranges, strict=True))
    ]
    return DocumentAlignment(src_sentences, tgt_sentences, beads)
