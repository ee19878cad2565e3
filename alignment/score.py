"""Score candidate beads: a Gale–Church length model plus bilingual lexical evidence.

A bead pairs ``a`` consecutive Chinese units (sentences or paragraphs) with ``b`` consecutive
English ones. Its cost, which the aligner's dynamic programming minimises, is

    W_LEN * length_cost + W_LEX * (1 - lexical_similarity) * (a + b) / 2 + PRIOR[a, b]

and its confidence is a logistic function of the same two signals.

How the constants were obtained (``benchmarks/align_mac.py --fit`` and ``--tune``; the data is
not shipped and never read at run time):

* ``LEN_RATIO`` and ``LEN_VAR``: English letters/digits per Chinese character (ideographs plus
  Latin letters/digits) and the variance of ``(len_en - LEN_RATIO * len_zh) / sqrt(mean)``,
  ``mean`` being the average of both lengths in Chinese units, fitted (ratio of sums, mean of
  squares) on the 1-1 gold beads of MAC-Dev (six literary chapters) and the 1,976 line pairs of
  the WMT23 zh→en test set (news, manuals, social media): 2,802 pairs.
* ``W_LEN``, ``W_LEX``, ``SMOOTH``, ``SKIP`` and ``PRIOR``: coordinate-wise grid search (two
  rounds, ``--tune``) maximising strict F1 on MAC-Dev + 0.5 x F1 of line alignment on seven
  100-line WMT23 chunks, so that the weights suit news as well as fiction. Beads of up to 1-4
  lift MAC-Dev strict F1 from 0.686 (1-1, 1-2, 2-1, 2-2 only) to 0.847.
* ``CONF_*``: logistic regression (gradient descent) of "this pair is a translation" on
  (lexical similarity, length cost), over the beads predicted on MAC-Dev (positive when gold)
  and WMT23 line pairs (true pairs, plus each line against line k + 37 as negatives).
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# --- Fitted constants (see the module docstring) -------------------------------------------
LEN_RATIO = 3.486
LEN_VAR = 27.9
W_LEN = 0.5
W_LEX = 6.0
SMOOTH = 1.0
SKIP = 16.0
PRIOR: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 2): 1.5,
    (2, 1): 3.5,
    (2, 2): 5.0,
    (1, 3): 3.0,
    (3, 1): 6.0,
    (1, 4): 4.5,
    (2, 3): 9.0,
    (3, 2): 7.0,
}
CONF_BIAS = -1.289
CONF_LEX = 10.71
CONF_LEN = 0.39
CONF_SKIP = 0.05
# -------------------------------------------------------------------------------------------

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALNUM_ASCII_RE = re.compile(r"[A-Za-z0-9]")
_ALNUM_RE = re.compile(r"[^\W_]")


def zh_length(text: str) -> int:
    """Length of a Chinese text for the length model: ideographs plus Latin letters and digits."""
    return len(_CJK_RE.findall(text)) + len(_ALNUM_ASCII_RE.findall(text))


def en_length(text: str) -> int:
    """Length of an English text for the length model: letters and digits."""
    return len(_ALNUM_RE.findall(text))


def length_cost(len_zh: int, len_en: int) -> float:
    """Gale–Church cost ``-log P(|delta|)`` of a Chinese length against an English one."""
    if len_zh == 0 and len_en == 0:
        return 0.0
    mean = (len_zh + len_en / LEN_RATIO) / 2.0
    delta = (len_en - LEN_RATIO * len_zh) / math.sqrt(LEN_VAR * max(mean, 1.0))
    x = abs(delta) / math.sqrt(2.0)
    p = math.erfc(x)
    if p > 1e-300:
        return -math.log(p)
    return x * x + math.log(x * math.sqrt(math.pi))


def confidence(similarity: float, len_cost: float) -> float:
    """Probability-like confidence in [0, 1] that a non-empty bead is a correct pairing."""
    z = CONF_BIAS + CONF_LEX * similarity - CONF_LEN * len_cost
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class UnitFeatures:
    """What the scorer needs of one Chinese and one English unit list (sentences or paragraphs).

    ``zh_units[i]`` holds, for each content word of Chinese unit ``i``, the English stems that
    may translate it; ``en_stems[j]`` the content stems of English unit ``j``.
    """

    zh_len: list[int]
    en_len: list[int]
    zh_units: list[tuple[tuple[str, ...], ...]]
    en_stems: list[frozenset[str]]


class BeadScorer:
    """Cost and confidence of beads over fixed Chinese and English unit lists.

    Lexical matches are counted once, up front, through an inverted index: for every window of
    ``k <= max_span`` consecutive units on one side and every unit on the other, how many words
    of the unit have a translation in the window. Beads then cost a few dictionary look-ups.
    ``window`` limits the counting to unit pairs near the diagonal (None: all pairs).
    """

    def __init__(
        self, feats: UnitFeatures, *, max_span: int = 4, window: int | None = None
    ) -> None:
        self.n = n = len(feats.zh_len)
        self.m = m = len(feats.en_len)
        self.max_span = max_span
        self.window = window
        self._zl = _prefix(feats.zh_len)
        self._el = _prefix(feats.en_len)
        self._zn = _prefix([len(u) for u in feats.zh_units])
        self._en = _prefix([len(s) for s in feats.en_stems])
        slope = m / n if n else 0.0
        inv_slope = n / m if m else 0.0

        en_post: dict[str, list[int]] = defaultdict(list)
        for j, stems in enumerate(feats.en_stems):
            for s in stems:
                en_post[s].append(j)
        zh_post: dict[str, set[int]] = defaultdict(set)
        for i, units in enumerate(feats.zh_units):
            for cands in units:
                for c in cands:
                    zh_post[c].add(i)

        # mz[k][(i, s)]: words of zh unit i translated in en units s..s+k-1.
        self.mz: list[dict[tuple[int, int], int]] = [defaultdict(int) for _ in range(max_span + 1)]
        for i, units in enumerate(feats.zh_units):
            centre = i * slope
            for cands in units:
                hits: set[int] = set()
                for c in cands:
                    post = en_post.get(c)
                    if post:
                        hits.update(post)
                if window is not None:
                    hits = {j for j in hits if abs(j - centre) <= window}
                if not hits:
                    continue
                for k in range(1, max_span + 1):
                    starts = {j - d for j in hits for d in range(k) if j - d >= 0}
                    row = self.mz[k]
                    for s in starts:
                        row[i, s] += 1
        # me[k][(s, j)]: stems of en unit j translated from zh units s..s+k-1.
        self.me: list[dict[tuple[int, int], int]] = [defaultdict(int) for _ in range(max_span + 1)]
        for j, stems in enumerate(feats.en_stems):
            centre = j * inv_slope
            for t in stems:
                post = zh_post.get(t)
                if not post:
                    continue
                hits = post
                if window is not None:
                    hits = {i for i in post if abs(i - centre) <= window}
                    if not hits:
                        continue
                for k in range(1, max_span + 1):
                    starts = {i - d for i in hits for d in range(k) if i - d >= 0}
                    row = self.me[k]
                    for s in starts:
                        row[s, j] += 1
        self.mz = [dict(d) for d in self.mz]
        self.me = [dict(d) for d in self.me]

    def signals(self, i: int, a: int, j: int, b: int) -> tuple[float, float]:
        """Lexical similarity and length cost of Chinese units i..i+a-1 against j..j+b-1."""
        len_c = length_cost(self._zl[i + a] - self._zl[i], self._el[j + b] - self._el[j])
        nz = self._zn[i + a] - self._zn[i]
        ne = self._en[j + b] - self._en[j]
        hits = 0
        if 0 < a <= self.max_span and 0 < b <= self.max_span:
            mzb, mea = self.mz[b], self.me[a]
            hits = sum(mzb.get((i + t, j), 0) for t in range(a))
            hits += sum(mea.get((i, j + u), 0) for u in range(b))
        return hits / (nz + ne + SMOOTH), len_c

    def cost(self, i: int, a: int, j: int, b: int) -> float:
        """DP cost of the bead (lower is better); 1-0 and 0-1 beads cost ``SKIP``."""
        if a == 0 or b == 0:
            return SKIP
        sim, len_c = self.signals(i, a, j, b)
        return W_LEN * len_c + W_LEX * (1.0 - sim) * (a + b) / 2.0 + PRIOR[a, b]

    def cost_function(self, a: int, b: int) -> Callable[[int, int], float]:
        """A fast ``cost(i, j)`` for beads of shape a-b, with the constants bound now."""
        if a == 0 or b == 0:
            skip = SKIP
            return lambda i, j: skip
        zl, el, zn, en = self._zl, self._el, self._zn, self._en
        mzb, mea = self.mz[b], self.me[a]
        ratio, var, smooth = LEN_RATIO, LEN_VAR, SMOOTH
        w_len = W_LEN
        w_lex = W_LEX * (a + b) / 2.0
        base = PRIOR[a, b] + w_lex
        sqrt, erfc, log = math.sqrt, math.erfc, math.log
        rng_a, rng_b = range(a), range(b)

        def cost(i: int, j: int) -> float:
            lz = zl[i + a] - zl[i]
            le = el[j + b] - el[j]
            mean = (lz + le / ratio) / 2.0
            x = abs(le - ratio * lz) / sqrt(2.0 * var * (mean if mean > 1.0 else 1.0))
            p = erfc(x)
            len_c = -log(p) if p > 1e-300 else x * x + log(x * 1.7724538509055159)
            if a == 1:
                hits = mzb.get((i, j), 0)
            else:
                hits = 0
                for t in rng_a:
                    hits += mzb.get((i + t, j), 0)
            if b == 1:
                hits += mea.get((i, j), 0)
            else:
                for u in rng_b:
                    hits += mea.get((i, j + u), 0)
            sim = hits / (zn[i + a] - zn[i] + en[j + b] - en[j] + smooth)
            return w_len * len_c + base - w_lex * sim

        return cost

    def confidence(self, i: int, a: int, j: int, b: int) -> float:
        """Confidence in [0, 1] of the bead; low for 1-0 and 0-1 beads."""
        if a == 0 or b == 0:
            return CONF_SKIP
        sim, len_c = self.signals(i, a, j, b)
        return confidence(sim, len_c)


def _prefix(values: Sequence[int]) -> list[int]:
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return out
