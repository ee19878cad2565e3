"""Align Chinese and English sentences (and paragraphs) into beads.

Alignment is a dynamic programme over beads of up to four sentences a side, scored by
``alignment.score``. Long inputs (over ``FULL_DP_LIMIT`` sentences a side) are first anchored:
confident 1-1 pairs are found through rare words in about linear time (``find_anchors``), the
text is cut inside runs of three consecutive anchors, and each stretch between cuts is aligned
inside a band that follows the anchors and widens when the best path runs along its edge. No
n x m matrix is ever built: a 10,000-sentence book aligns in seconds (benchmarks/align_scale.py).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from alignment import score
from alignment.lexicon import en_marks, en_stems, zh_marks, zh_units
from alignment.segment import split_en, split_paragraphs, split_zh

logger = logging.getLogger(__name__)

__all__ = ["Bead", "DocumentAlignment", "Tick", "align_document", "align_sentences"]

# Told after each stretch of work: its stage ("paragraphs" or "sentences"), the rows (Chinese
# units) it covered, and the rows of that stage in all. A caller's progress bar or time limit
# hangs on it; it may raise to stop the alignment.
Tick = Callable[[str, int, int], None]

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
# The band widens (doubling) while the best path runs along its edge, up to the whole matrix
# while that has at most BAND_CELLS cells (5 sentences against 200), else no further than
# MAX_BAND: a long stretch without anchors (the same paragraphs repeated, a table of figures)
# would otherwise widen it to the whole n x m matrix, hours and gigabytes for a large file.
MAX_BAND = 100
BAND_CELLS = 200_000
# Anchors (see find_anchors): rare words are those found in at most ANCHOR_RARE English
# sentences within ANCHOR_RADIUS of the expected position (ANCHOR_RARE_GLOBAL in the whole text).
ANCHOR_RARE = 3
ANCHOR_RARE_GLOBAL = 2
ANCHOR_RADIUS = 60
# The second pass looks within (n + m) / 40 of the first pass's course, but no further: a window
# wider than this holds a repeated text's every word several times (no word is rare in it, so
# no anchor, so one huge stretch); a real document's rare words keep the course far closer.
ANCHOR_MAX_RADIUS = 600
ANCHOR_CANDIDATES = 4
ANCHOR_MIN_SIM = 0.3
ANCHOR_MARGIN = 0.05
ANCHOR_MAX_LEN_COST = 3.0
ANCHOR_RUN = 3
ANCHOR_SLACK = 2
ANCHOR_NEIGHBOUR = 20


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


def _term_patterns(term_pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str | None, str]]:
    """(Chinese, a lower-case ASCII word the English must contain or None, English pattern).

    The patterns are compiled by :func:`_term_pattern` when a sentence may hold the term:
    compiling the glossary's hundreds of them took a tenth of a second a process."""
    if isinstance(term_pairs, tuple):  # the glossary's pairs: made once, not per document
        return _glossary_terms(term_pairs)
    return _terms(term_pairs)


@functools.lru_cache(maxsize=4)
def _glossary_terms(term_pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str | None, str]]:
    return _terms(term_pairs)


def _terms(term_pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str | None, str]]:
    out = []
    for zh, en in term_pairs:
        if zh and en.strip():
            words = en.split()
            pattern = r"(?<![A-Za-z0-9])" + r"\s+".join(map(re.escape, words)) + r"(?![A-Za-z0-9])"
            first = words[0].lower()
            out.append((zh, first if first.isascii() else None, pattern))
    return out


@functools.lru_cache(maxsize=8192)
def _term_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _features(
    src: Sequence[str],
    tgt: Sequence[str],
    term_pairs: Sequence[tuple[str, str]],
) -> score.UnitFeatures:
    """Per-sentence features (cached by sentence text), with term pairs added as evidence."""
    zh_u = [zh_units(s) + tuple((mark,) for mark in zh_marks(s)) for s in src]
    en_s = [en_stems(t) | en_marks(t) for t in tgt]
    terms = _term_patterns(term_pairs)
    if terms:
        lowered = [t.lower() for t in tgt]
        # Substring tests on the whole text first: most terms are in neither side.
        zh_text, en_text = "\n".join(src), "\n".join(lowered)
        for k, (zh, word, pattern) in enumerate(terms):
            key = f"\x00term{k}"
            if zh in zh_text:
                for i, s in enumerate(src):
                    if zh in s:
                        zh_u[i] = (*zh_u[i], (key,))
            if word is not None and word not in en_text:
                continue
            for j, t in enumerate(tgt):
                # A substring test first: the regular expression runs on few sentences.
                if (word is None or word in lowered[j]) and _term_pattern(pattern).search(t):
                    en_s[j] = en_s[j] | {key}
    zh_w, en_w = score.idf_weights(zh_u, en_s)
    return score.UnitFeatures(
        zh_len=[score.zh_length(s) for s in src],
        en_len=[score.en_length(t) for t in tgt],
        zh_units=zh_u,
        en_stems=en_s,
        zh_weights=zh_w,
        en_weights=en_w,
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
        zh_weights=None
        if feats.zh_weights is None
        else [tuple(w for k in g for w in feats.zh_weights[k]) for g in zh_groups],
        en_weights=feats.en_weights,
    )


def _slice(feats: score.UnitFeatures, zr: range, er: range) -> score.UnitFeatures:
    return score.UnitFeatures(
        zh_len=feats.zh_len[zr.start : zr.stop],
        en_len=feats.en_len[er.start : er.stop],
        zh_units=feats.zh_units[zr.start : zr.stop],
        en_stems=feats.en_stems[er.start : er.stop],
        zh_weights=None if feats.zh_weights is None else feats.zh_weights[zr.start : zr.stop],
        en_weights=feats.en_weights,
    )


def _dp(
    feats: score.UnitFeatures,
    bead_types: Sequence[tuple[int, int]],
    vectors: tuple[Any, Any] | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[tuple[int, int, int, int, float]]:
    """Best bead path as (i, a, j, b, confidence) tuples.

    Short inputs get the full dynamic programme. Longer ones are first cut at confident anchors
    (two consecutive 1-1 pairs of strong lexical evidence: the boundary between them is a bead
    boundary), and each stretch between cuts is aligned inside a band that follows the anchors,
    so time and memory grow about linearly with the length of the document.
    """
    n, m = len(feats.zh_len), len(feats.en_len)
    if n == 0 or m == 0:
        return [(i, 1, 0, 0, score.CONF_SKIP) for i in range(n)] + [
            (0, 0, j, 1, score.CONF_SKIP) for j in range(m)
        ]
    if max(n, m) <= FULL_DP_LIMIT:
        whole = _dp_segment(feats, bead_types, [], vectors)
        if tick is not None:
            tick(n)
        return whole
    anchors = find_anchors(feats)
    cuts = [(0, 0), *_cut_points(anchors), (n, m)]
    path: list[tuple[int, int, int, int, float]] = []
    anchor_rows = [i for i, _ in anchors]  # increasing: each stretch's anchors by bisection
    for (i0, j0), (i1, j1) in itertools.pairwise(cuts):
        sub = _slice(feats, range(i0, i1), range(j0, j1))
        inside = anchors[bisect_left(anchor_rows, i0) : bisect_left(anchor_rows, i1)]
        sub_anchors = [(i - i0, j - j0) for i, j in inside if j0 <= j < j1]
        sub_vectors = None if vectors is None else (vectors[0][i0:i1], vectors[1][j0:j1])
        for i, a, j, b, c in _dp_segment(sub, bead_types, sub_anchors, sub_vectors):
            path.append((i + i0, a, j + j0, b, c))
        if tick is not None:
            tick(i1 - i0)
    return path


def _cut_points(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Bead boundaries inside runs of at least ``ANCHOR_RUN`` consecutive 1-1 anchors."""
    cuts = []
    run = 1
    for k in range(1, len(anchors) + 1):
        if k < len(anchors) and anchors[k] == (anchors[k - 1][0] + 1, anchors[k - 1][1] + 1):
            run += 1
            continue
        if run >= ANCHOR_RUN:  # anchors[k - run : k] are consecutive: cut between them
            cuts.extend(anchors[k - run + 1 : k])
        run = 1
    return cuts


def _dp_segment(
    feats: score.UnitFeatures,
    bead_types: Sequence[tuple[int, int]],
    anchors: list[tuple[int, int]],
    vectors: tuple[Any, Any] | None,
) -> list[tuple[int, int, int, int, float]]:
    """Best path through one stretch: full DP when short, else a band along the anchors."""
    n, m = len(feats.zh_len), len(feats.en_len)
    if n == 0 or m == 0:
        return _dp(feats, bead_types)
    if n == m == 1 and vectors is None and {(1, 1), (1, 0), (0, 1)} <= set(bead_types):
        return _one_against_one(feats, bead_types)
    max_span = max(max(a, b) for a, b in bead_types)
    if max(n, m) <= FULL_DP_LIMIT:
        limits = [(0, m)] * (n + 1)
        scorer = score.BeadScorer(
            feats, max_span=max_span, encoder_cos=_encoder_cos(vectors, limits)
        )
        return _run_dp(scorer, bead_types, limits)
    centre = _centre_line(n, m, anchors)
    band = MIN_BAND
    while True:
        limits = _band_limits(centre, m, band)
        zh_spans, en_spans = _spans(limits, n, m, max_span)
        scorer = score.BeadScorer(
            feats,
            max_span=max_span,
            zh_spans=zh_spans,
            en_spans=en_spans,
            encoder_cos=_encoder_cos(vectors, limits),
        )
        path = _run_dp(scorer, bead_types, limits)
        widest = max(MAX_BAND, BAND_CELLS // (n + 1))
        if band >= min(max(n, m), widest) or not _touches_edge(path, limits, m):
            return path
        band *= 2
        logger.debug("alignment path touched the band edge; widening to %d", band)


def _one_against_one(
    feats: score.UnitFeatures, bead_types: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int, float]]:
    """The path ``_run_dp`` finds for one unit against one (nine stretches in ten: a paragraph
    of one sentence each side), without building a scorer: the 1-1 bead unless skipping both
    units costs less; of equal costs, the bead type listed first wins, as in the DP."""
    cand_union = frozenset(c for cands in feats.zh_units[0] for c in cands)
    sim = _pair_similarity(feats, 0, 0, cand_union)
    len_c = score.length_cost(feats.zh_len[0], feats.en_len[0])
    paired = score.bead_cost(sim, len_c, 1, 1)
    skipped = 2 * score.SKIP
    order = bead_types.index
    paired_first = order((1, 1)) < min(order((1, 0)), order((0, 1)))
    if paired < skipped or (paired == skipped and paired_first):
        return [(0, 1, 0, 1, score.confidence(sim, len_c))]
    if order((0, 1)) < order((1, 0)):  # the last bead 0-1, from the Chinese unit skipped first
        return [(0, 1, 0, 0, score.CONF_SKIP), (1, 0, 0, 1, score.CONF_SKIP)]
    return [(0, 0, 0, 1, score.CONF_SKIP), (0, 1, 1, 0, score.CONF_SKIP)]


def _centre_line(n: int, m: int, anchors: list[tuple[int, int]]) -> list[float]:
    """Expected English position of each row 0..n: straight lines through the anchors."""
    points = [(0.0, 0.0)] + [(i + 0.5, j + 0.5) for i, j in anchors] + [(float(n), float(m))]
    centre = []
    k = 0
    for i in range(n + 1):
        while k + 2 < len(points) and points[k + 1][0] <= i:
            k += 1
        (x0, y0), (x1, y1) = points[k], points[k + 1]
        centre.append(y0 + (y1 - y0) * (i - x0) / (x1 - x0) if x1 > x0 else y1)
    return centre


def _band_limits(centre: list[float], m: int, band: int) -> list[tuple[int, int]]:
    """Allowed English positions (lo, hi) of each row: the band, widened across jumps."""
    n = len(centre) - 1
    out = []
    for i in range(n + 1):
        c0 = centre[i]
        c1 = centre[i + 1] if i < n else c0
        lo, hi = min(c0, c1), max(c0, c1)
        out.append((max(0, int(lo - band)), min(m, int(hi + band) + 1)))
    out[0] = (0, out[0][1])
    out[n] = (out[n][0], m)
    return out


def _spans(
    limits: list[tuple[int, int]], n: int, m: int, max_span: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """For each unit of a side, the range of the other side's units it can share a bead with."""
    zh_spans = []
    for i in range(n):
        rows = limits[max(0, i - max_span) : min(n, i + max_span) + 1]
        zh_spans.append((min(lo for lo, _ in rows), max(hi for _, hi in rows) + max_span))
    en_lo = [n] * m
    en_hi = [0] * m
    for i, (lo, hi) in enumerate(limits):
        for j in range(max(0, lo - max_span), min(m, hi + max_span)):
            if i < en_lo[j]:
                en_lo[j] = i
            en_hi[j] = i
    en_spans = [(max(0, en_lo[j] - max_span), en_hi[j] + max_span + 1) for j in range(m)]
    return zh_spans, en_spans


def _touches_edge(
    path: list[tuple[int, int, int, int, float]], limits: list[tuple[int, int]], m: int
) -> bool:
    for i, _a, j, _b, _c in path:
        lo, hi = limits[i]
        if (lo > 0 and j - lo < 2) or (hi < m and hi - j < 2):
            return True
    return False


def _run_dp(
    scorer: score.BeadScorer,
    bead_types: Sequence[tuple[int, int]],
    limits: list[tuple[int, int]],
) -> list[tuple[int, int, int, int, float]]:
    n = scorer.n
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
    i, j = n, scorer.m
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


def find_anchors(feats: score.UnitFeatures) -> list[tuple[int, int]]:
    """Confident 1-1 pairs (i, j), increasing on both sides, found in about linear time.

    Candidates come from rare words only (an inverted index of English stems found in at most
    a few sentences near the expected position); a pair is kept when it is the other's best
    candidate on both sides, its lexical similarity and length agree, and it fits the longest
    chain increasing on both sides. A first pass over the whole document, with the rarest words,
    finds the rough course of the translation; a second pass looks near it.
    """
    n, m = len(feats.zh_len), len(feats.en_len)
    diagonal = [i * m / n for i in range(n + 1)] if n else [0.0]
    rough = _anchor_pass(feats, diagonal, None, ANCHOR_RARE_GLOBAL)
    centre = _centre_line(n, m, rough)
    radius = max(ANCHOR_RADIUS, min((n + m) // 40, ANCHOR_MAX_RADIUS))
    return _anchor_pass(feats, centre, radius, ANCHOR_RARE)


def _anchor_pass(
    feats: score.UnitFeatures, centre: list[float], radius: int | None, max_df: int
) -> list[tuple[int, int]]:
    """One pass of ``find_anchors``: near ``centre`` (within ``radius``; None: anywhere)."""
    post: dict[str, list[int]] = defaultdict(list)
    for j, stems in enumerate(feats.en_stems):
        for t in stems:
            post[t].append(j)
    best_zh: dict[int, tuple[float, int]] = {}  # i -> (sim, j)
    best_en: dict[int, tuple[float, int]] = {}  # j -> (sim, i)
    second: dict[tuple[str, int], float] = defaultdict(float)
    for i, units in enumerate(feats.zh_units):
        lo = hi = 0
        if radius is not None:
            lo, hi = int(centre[i] - radius), int(centre[i] + radius) + 1
        votes: dict[int, int] = defaultdict(int)
        for cands in units:
            hits: set[int] = set()
            for c in cands:
                p = post.get(c)
                if not p or (radius is None and len(p) > max_df):
                    continue
                if radius is not None:
                    p = p[bisect_left(p, lo) : bisect_left(p, hi)]
                    if len(p) > max_df:
                        continue
                hits.update(p)
            for j in hits:
                votes[j] += 1
        if not votes:
            continue
        top = sorted(votes, key=votes.__getitem__, reverse=True)[:ANCHOR_CANDIDATES]
        cand_union = frozenset(c for cands in units for c in cands)
        for j in top:
            sim = _pair_similarity(feats, i, j, cand_union)
            for key, best, other in (("z", best_zh, i), ("e", best_en, j)):
                mine = j if key == "z" else i
                old = best.get(other)
                if old is None or sim > old[0]:
                    if old is not None:
                        second[key, other] = max(second[key, other], old[0])
                    best[other] = (sim, mine)
                else:
                    second[key, other] = max(second[key, other], sim)
    chosen = []
    for i, (sim, j) in best_zh.items():
        if best_en.get(j, (0.0, -1))[1] != i or sim < ANCHOR_MIN_SIM:
            continue
        if sim - max(second.get(("z", i), 0.0), second.get(("e", j), 0.0)) < ANCHOR_MARGIN:
            continue
        if score.length_cost(feats.zh_len[i], feats.en_len[j]) > ANCHOR_MAX_LEN_COST:
            continue
        chosen.append((i, j))
    chosen.sort()
    return _consistent(_longest_chain(chosen))


def _consistent(chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Anchors with a close neighbour in the chain, at a plausible slope.

    A lone anchor far from the course of the others (a repeated name, a stock phrase) would
    bend the band away from the true path; true anchors come in clusters: a neighbour less than
    ``ANCHOR_NEIGHBOUR`` sentences away on both sides, at a slope between 1:3 and 3:1 (plus
    ``ANCHOR_SLACK``).
    """

    def agree(a: tuple[int, int], b: tuple[int, int]) -> bool:
        di, dj = abs(b[0] - a[0]), abs(b[1] - a[1])
        return max(di, dj) <= min(ANCHOR_NEIGHBOUR, ANCHOR_SLACK + 3 * min(di, dj))

    out = []
    for k, x in enumerate(chain):
        if (k > 0 and agree(chain[k - 1], x)) or (k + 1 < len(chain) and agree(x, chain[k + 1])):
            out.append(x)
    return out


def _pair_similarity(
    feats: score.UnitFeatures, i: int, j: int, cand_union: frozenset[str]
) -> float:
    """Lexical similarity of the 1-1 pair (i, j), as ``BeadScorer.signals`` computes it."""
    stems = feats.en_stems[j]
    zw = feats.zh_weights[i] if feats.zh_weights else (1.0,) * len(feats.zh_units[i])
    ew = feats.en_weights or {}
    hits = nz = 0.0
    for cands, w in zip(feats.zh_units[i], zw, strict=True):
        nz += w
        if not stems.isdisjoint(cands):
            hits += w
    ne = 0.0
    for t in stems:
        w = ew.get(t, 1.0)
        ne += w
        if t in cand_union:
            hits += w
    return hits / (nz + ne + score.SMOOTH)


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs (sorted by i) strictly increasing in j."""
    tails: list[int] = []  # tails[k]: index of the smallest j ending a chain of length k + 1
    tail_js: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect_left(tail_js, j)
        if pos > 0:
            prev[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
            tail_js.append(j)
        else:
            tails[pos] = k
            tail_js[pos] = j
    out = []
    k = tails[-1] if tails else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    out.reverse()
    return out


def _encoder_cos(
    vectors: tuple[Any, Any] | None, limits: list[tuple[int, int]]
) -> Callable[[int, int, int, int], float] | None:
    """Cosine of the summed sentence vectors of a bead's two sides, computed a row at a time.

    A run of sentences is represented by the normalised sum (the mean direction) of its
    sentence vectors: each sentence is embedded once, so a document costs n + m encoder calls
    rather than one for every candidate run.
    """
    if vectors is None:
        return None
    import numpy as np

    zv, ev = vectors
    p = np.vstack([np.zeros((1, zv.shape[1])), np.cumsum(zv, axis=0)])
    q = np.vstack([np.zeros((1, ev.shape[1])), np.cumsum(ev, axis=0)])
    m = ev.shape[0]
    rows: dict[tuple[int, int, int], tuple[int, list[float]]] = {}

    def cos(i: int, a: int, j: int, b: int) -> float:
        row = rows.get((i, a, b))
        if row is None:
            lo, hi = limits[i]
            hi = min(hi, m - b)
            va = p[i + a] - p[i]
            va = va / max(float(np.linalg.norm(va)), 1e-9)
            vb = q[lo + b : hi + b + 1] - q[lo : hi + 1]
            norms = np.maximum(np.linalg.norm(vb, axis=1), 1e-9)
            row = (lo, ((vb @ va) / norms).tolist())
            rows[i, a, b] = row
        lo, values = row
        return values[j - lo]

    return cos


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
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    term_pairs: Sequence[tuple[str, str]] = (),
    encoder: score.SentenceEncoder | None = None,
    tick: Tick | None = None,
) -> list[Bead]:
    """Align Chinese sentences ``src`` with English sentences ``tgt``.

    Returns beads in order covering every sentence exactly once; indices are positions in
    ``src`` and ``tgt``. ``term_pairs`` are extra (Chinese, English) pairs, such as glossary
    names, counted as evidence that two sentences translate each other. ``encoder``, a local
    sentence-embedding model, adds the cosine similarity of each candidate pairing to the
    dictionary's evidence; without one the aligner uses no neural model at all. ``tick`` is
    told of the work done (see :data:`Tick`).
    """
    feats = _features(src, tgt, term_pairs)
    vectors = _embed(encoder, src, tgt)
    return _to_beads(_dp(feats, SENTENCE_BEADS, vectors, _stage(tick, "sentences", len(src))))


def _stage(tick: Tick | None, stage: str, total: int) -> Callable[[int], None] | None:
    """``tick`` bound to one stage of the work."""
    if tick is None:
        return None
    tick(stage, 0, total)
    return lambda rows: tick(stage, rows, total)


def _embed(
    encoder: score.SentenceEncoder | None, src: Sequence[str], tgt: Sequence[str]
) -> tuple[Any, Any] | None:
    """Sentence vectors of both sides as float arrays (numpy is imported only here)."""
    if encoder is None or not src or not tgt:
        return None
    import numpy as np

    zv = np.asarray(encoder.embed(list(src)), dtype=np.float64)
    ev = np.asarray(encoder.embed(list(tgt)), dtype=np.float64)
    if zv.ndim != 2 or ev.ndim != 2 or zv.shape[0] != len(src) or ev.shape[0] != len(tgt):
        raise ValueError(
            f"encoder returned arrays of shape {zv.shape} and {ev.shape} "
            f"for {len(src)} and {len(tgt)} texts"
        )
    return zv, ev


def _sum_vectors(vectors: Any, ranges: list[range]) -> Any:
    """Vectors of groups of consecutive units (sentences into paragraphs): their sums."""
    import numpy as np

    out = np.zeros((len(ranges), vectors.shape[1]))
    for k, r in enumerate(ranges):
        if len(r):
            out[k] = vectors[r.start : r.stop].sum(axis=0)
    return out


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
    encoder: score.SentenceEncoder | None = None,
    tick: Tick | None = None,
    on_split: Callable[[int, int], None] | None = None,
) -> DocumentAlignment:
    """Split a Chinese text and its English translation into sentences and align them.

    Paragraphs (blank-line separated) are aligned first, then the sentences inside each group
    of aligned paragraphs. With ``line_aligned`` (auto-detected when None: same number of
    non-empty lines, no blank line) line ``k`` of one text is paired with line ``k`` of the
    other, one bead a line pair. Raises ValueError if ``line_aligned=True`` and the numbers of
    non-empty lines differ. ``encoder`` (optional) is a sentence-embedding model whose cosine
    similarities join the dictionary's evidence (see ``align_sentences``); line-aligned texts
    need no alignment and do not use it. ``tick`` is told of the work done (see :data:`Tick`);
    ``on_split`` of the number of sentences a side once the texts are split, before the costly
    part (it may raise to refuse the document).
    """
    if line_aligned is None:
        line_aligned = _line_aligned(src_text, tgt_text)
    if line_aligned:
        return _align_lines(src_text, tgt_text, term_pairs, on_split)

    zh_paragraphs, en_paragraphs = split_paragraphs(src_text), split_paragraphs(tgt_text)
    src_sentences, tgt_sentences, feats, zh_ranges, en_ranges = _split_units(
        zh_paragraphs, en_paragraphs, term_pairs, on_split
    )

    vectors = _embed(encoder, src_sentences, tgt_sentences)
    groups = _paragraph_groups(
        feats, zh_ranges, en_ranges, vectors, _stage(tick, "paragraphs", len(zh_ranges))
    )
    beads: list[Bead] = []
    sentence_tick = _stage(tick, "sentences", len(src_sentences))
    for zr, er in groups:
        sub_vectors = (
            None
            if vectors is None
            else (vectors[0][zr.start : zr.stop], vectors[1][er.start : er.stop])
        )
        path = _dp(_slice(feats, zr, er), SENTENCE_BEADS, sub_vectors, sentence_tick)
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
    feats: score.UnitFeatures,
    zh_ranges: list[range],
    en_ranges: list[range],
    vectors: tuple[Any, Any] | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[tuple[range, range]]:
    """Sentence ranges of aligned paragraph groups; one group when paragraphs do not pair up."""
    n_zh, n_en = len(feats.zh_len), len(feats.en_len)
    whole = [(range(0, n_zh), range(0, n_en))]
    p, q = len(zh_ranges), len(en_ranges)
    if p <= 1 or q <= 1 or not 0.5 <= p / q <= 2.0:
        return whole
    para_feats = _merge(feats, zh_ranges, en_ranges)
    para_vectors = None
    if vectors is not None:
        para_vectors = (_sum_vectors(vectors[0], zh_ranges), _sum_vectors(vectors[1], en_ranges))
    path = _dp(para_feats, PARAGRAPH_BEADS, para_vectors, tick)
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


def _split_units(
    zh_units: Sequence[str],
    en_units: Sequence[str],
    term_pairs: Sequence[tuple[str, str]],
    on_split: Callable[[int, int], None] | None = None,
) -> tuple[list[str], list[str], score.UnitFeatures, list[range], list[range]]:
    """Split paragraphs (or lines) into sentences: both sides' sentences, their features, and
    the sentence range of each unit (``on_split``: told the numbers of sentences first)."""
    zh_sents = [split_zh(unit) for unit in zh_units]
    en_sents = [split_en(unit) for unit in en_units]
    src_sentences = [s for ss in zh_sents for s in ss]
    tgt_sentences = [s for ss in en_sents for s in ss]
    if on_split is not None:
        on_split(len(src_sentences), len(tgt_sentences))
    feats = _features(src_sentences, tgt_sentences, term_pairs)
    return (
        src_sentences,
        tgt_sentences,
        feats,
        _ranges([len(ss) for ss in zh_sents]),
        _ranges([len(ss) for ss in en_sents]),
    )


def _align_lines(
    src_text: str,
    tgt_text: str,
    term_pairs: Sequence[tuple[str, str]],
    on_split: Callable[[int, int], None] | None = None,
) -> DocumentAlignment:
    """One bead a line pair, holding all the sentences split from the two lines."""
    zh_lines = [ln.strip() for ln in src_text.splitlines() if ln.strip()]
    en_lines = [ln.strip() for ln in tgt_text.splitlines() if ln.strip()]
    if len(zh_lines) != len(en_lines):
        raise ValueError(
            f"line_aligned=True needs as many non-empty lines on both sides; "
            f"the Chinese text has {len(zh_lines)}, the English {len(en_lines)}"
        )
    src_sentences, tgt_sentences, feats, zh_ranges, en_ranges = _split_units(
        zh_lines, en_lines, term_pairs, on_split
    )
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
