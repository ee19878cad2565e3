"""Score candidate beads: a Gale–Church length model plus bilingual lexical evidence.

A bead pairs ``a`` consecutive Chinese units (sentences or paragraphs) with ``b`` consecutive
English ones. Its cost, which the aligner's dynamic programming minimises, is

    W_LEN * length_cost + W_LEX * (1 - lexical_similarity) * (a + b) / 2 + PRIOR[a, b]
        [+ W_ENC * (1 - encoder_cosine) * (a + b) / 2 when a sentence encoder is given]

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
* ``MARK_WEIGHT`` (weight of the punctuation pseudo-words of ``lexicon.zh_marks``: quotation,
  question and exclamation marks, which translations keep; 0.847 → 0.876 strict F1 on MAC-Dev)
  and ``IDF`` (document-frequency weighting of words; it did not help, so it is 0) were added to
  the same grid search, whose objective now weighs WMT23 at 5 x so that no gain on fiction may
  cost a news line (WMT23 chunks stay at 1.000); it also moved ``PRIOR[3, 2]`` from 7 to 9.
* ``W_ENC`` (only used with a sentence encoder; not fitted here, since no encoder ships with
  the project): the cost of a bead gains ``W_ENC * (1 - cos) * (a + b) / 2``, the same shape as
  the lexical term. Cosines of true pairs from multilingual encoders sit around 0.7-0.9 and of
  neighbouring wrong pairs around 0.3-0.6, a gap of about 0.3-0.4 per sentence, while the
  lexical similarity separates them by about 0.2-0.3 with weight 6; ``W_ENC = 8`` lets the
  encoder outvote the dictionary where it is sure without silencing the length model. Refit it
  with ``--tune`` once an encoder is installed.
* ``CONF_*``: logistic regression (gradient descent) of "this pair is a translation" on
  (lexical similarity, length cost), over the beads predicted on MAC-Dev (positive when gold)
  and WMT23 line pairs (true pairs, plus each line against line k + 37 as negatives).
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

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
    (3, 2): 9.0,
}
# Weight of an encoder's cosine distance (1 - cos) per sentence, as W_LEX is of the lexical
# distance: see the module docstring.
W_ENC = 8.0
CONF_BIAS = -1.289
CONF_LEX = 10.71
CONF_LEN = 0.39
CONF_SKIP = 0.05
# -------------------------------------------------------------------------------------------


@runtime_checkable
class SentenceEncoder(Protocol):
    """A sentence-embedding model the aligner can use beside its dictionary (optional).

    ``embed`` returns one L2-normalised vector per text, in order (a numpy array of shape
    (len(texts), d), or any sequence of equal-length float sequences); the same model must embed
    both languages into one space (LaBSE, multilingual E5 and the like).
    """

    def embed(self, texts: Sequence[str]) -> Any:  # an (n, d) array or a list of lists
        """One L2-normalised vector per text."""
        ...


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALNUM_ASCII_RE = re.compile(r"[A-Za-z0-9]")
_ALNUM_RE = re.compile(r"[^\W_]")


def zh_length(text: str) -> int:
    """Length of a Chinese text for the length model: ideographs plus Latin letters and digits."""
    return len(_CJK_RE.findall(text)) + len(_ALNUM_ASCII_RE.findall(text))


def en_length(text: str) -> int:
    """Length of an English text for the length model: letters and digits."""
    return len(_ALNUM_RE.findall(text))


def length_cost(len_zh: float, len_en: float) -> float:
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


def bead_cost(similarity: float, len_cost: float, a: int, b: int) -> float:
    """DP cost of a non-empty a-b bead from its lexical similarity and length cost."""
    return W_LEN * len_cost + W_LEX * (1.0 - similarity) * (a + b) / 2.0 + PRIOR[a, b]


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
    zh_weights: list[tuple[float, ...]] | None = None
    en_weights: dict[str, float] | None = None


class BeadScorer:
    """Cost and confidence of beads over fixed Chinese and English unit lists.

    Lexical matches are counted once, up front, through an inverted index: for every window of
    ``k <= max_span`` consecutive units on one side and every unit on the other, how many words
    of the unit have a translation in the window. Beads then cost a few dictionary look-ups.
    ``window`` limits the counting to unit pairs near the diagonal (None: all pairs).
    """

    def __init__(
        self,
        feats: UnitFeatures,
        *,
        max_span: int = 4,
        window: int | None = None,
        zh_spans: Sequence[tuple[int, int]] | None = None,
        en_spans: Sequence[tuple[int, int]] | None = None,
        encoder_cos: Callable[[int, int, int, int], float] | None = None,
    ) -> None:
        self.n = n = len(feats.zh_len)
        self.m = m = len(feats.en_len)
        self.max_span = max_span
        self.encoder_cos = encoder_cos
        self._zl = _prefix(feats.zh_len)
        self._el = _prefix(feats.en_len)
        zw = feats.zh_weights or [(1.0,) * len(u) for u in feats.zh_units]
        ew = feats.en_weights or {}
        self._zn = _prefix([sum(w) for w in zw])
        self._en = _prefix([sum(ew.get(t, 1.0) for t in s) for s in feats.en_stems])
        if window is not None and zh_spans is None:
            slope = m / n if n else 0.0
            zh_spans = [(int(i * slope - window), int(i * slope + window) + 1) for i in range(n)]
        if window is not None and en_spans is None:
            inv = n / m if m else 0.0
            en_spans = [(int(j * inv - window), int(j * inv + window) + 1) for j in range(m)]

        en_post: dict[str, list[int]] = defaultdict(list)
        for j, stems in enumerate(feats.en_stems):
            for s in stems:
                en_post[s].append(j)
        zh_post: dict[str, list[int]] = defaultdict(list)
        for i, units in enumerate(feats.zh_units):
            seen: set[str] = set()
            for cands in units:
                for c in cands:
                    if c not in seen:
                        seen.add(c)
                        zh_post[c].append(i)

        # mz[k][(i, s)]: (weighted) words of zh unit i translated in en units s..s+k-1.
        mz: list[dict[tuple[int, int], float]] = [defaultdict(float) for _ in range(max_span + 1)]
        for i, units in enumerate(feats.zh_units):
            lo, hi = zh_spans[i] if zh_spans is not None else (0, m)
            for cands, weight in zip(units, zw[i], strict=True):
                hits: set[int] = set()
                for c in cands:
                    post = en_post.get(c)
                    if post:
                        if zh_spans is None:
                            hits.update(post)
                        else:
                            hits.update(post[bisect_left(post, lo) : bisect_left(post, hi)])
                if not hits:
                    continue
                # The windows of k units that hold a hit start at most k - 1 before it: those
                # of k - 1 units and one more start each (built up, not counted afresh).
                starts: set[int] = set()
                for k in range(1, max_span + 1):
                    starts.update(j - k + 1 for j in hits if j - k + 1 >= 0)
                    row = mz[k]
                    for start in starts:
                        row[i, start] += weight
        # me[k][(s, j)]: (weighted) stems of en unit j translated from zh units s..s+k-1.
        me: list[dict[tuple[int, int], float]] = [defaultdict(float) for _ in range(max_span + 1)]
        for j, stems in enumerate(feats.en_stems):
            lo, hi = en_spans[j] if en_spans is not None else (0, n)
            for t in stems:
                post = zh_post.get(t)
                if not post:
                    continue
                found = (
                    post
                    if en_spans is None
                    else post[bisect_left(post, lo) : bisect_left(post, hi)]
                )
                if not found:
                    continue
                weight = ew.get(t, 1.0)
                starts = set()
                for k in range(1, max_span + 1):
                    starts.update(i - k + 1 for i in found if i - k + 1 >= 0)
                    row = me[k]
                    for start in starts:
                        row[start, j] += weight
        self.mz = [dict(d) for d in mz]
        self.me = [dict(d) for d in me]

    def signals(self, i: int, a: int, j: int, b: int) -> tuple[float, float]:
        """Lexical similarity and length cost of Chinese units i..i+a-1 against j..j+b-1."""
        len_c = length_cost(self._zl[i + a] - self._zl[i], self._el[j + b] - self._el[j])
        nz = self._zn[i + a] - self._zn[i]
        ne = self._en[j + b] - self._en[j]
        hits = 0.0
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
        cost = bead_cost(sim, len_c, a, b)
        if self.encoder_cos is not None:
            cost += W_ENC * (1.0 - self.encoder_cos(i, a, j, b)) * (a + b) / 2.0
        return cost

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

        enc = self.encoder_cos
        if enc is None:
            return cost
        w_enc = W_ENC * (a + b) / 2.0

        def mixed(i: int, j: int) -> float:
            return cost(i, j) + w_enc * (1.0 - enc(i, a, j, b))

        return mixed

    def confidence(self, i: int, a: int, j: int, b: int) -> float:
        """Confidence in [0, 1] of the bead; low for 1-0 and 0-1 beads."""
        if a == 0 or b == 0:
            return CONF_SKIP
        sim, len_c = self.signals(i, a, j, b)
        return confidence(sim, len_c)


IDF = 0.0
MARKS = ("\x00q", "\x00?", "\x00!")
MARK_WEIGHT = 1.5


def idf_weights(
    zh_units: Sequence[tuple[tuple[str, ...], ...]], en_stems: Sequence[frozenset[str]]
) -> tuple[list[tuple[float, ...]], dict[str, float]]:
    """Evidence weights of Chinese words and English stems: rarer in the document weighs more.

    A word found in ``df`` of the ``N`` units of its side weighs
    ``1 + IDF * (log(N / df) / log(N) - 0.5)`` (clipped at 0.1), so words of average rarity keep
    weight 1 and ``IDF = 0`` turns weighting off.
    """
    zdf: dict[tuple[str, ...], int] = defaultdict(int)
    for units in zh_units:
        for u in set(units):
            zdf[u] += 1
    edf: dict[str, int] = defaultdict(int)
    for stems in en_stems:
        for t in stems:
            edf[t] += 1

    def weight(df: int, total: int) -> float:
        if total <= 1:
            return 1.0
        return max(0.1, 1.0 + IDF * (math.log(total / df) / math.log(total) - 0.5))

    nz, ne = len(zh_units), len(en_stems)
    zcache = {u: weight(df, nz) for u, df in zdf.items()}
    ew = {t: weight(df, ne) for t, df in edf.items()}
    for mark in MARKS:
        zcache[mark,] = ew[mark] = MARK_WEIGHT
    zw = [tuple(zcache[u] for u in units) for units in zh_units]
    return zw, ew


def _prefix(values: Sequence[float]) -> list[float]:
    out: list[float] = [0]
    for v in values:
        out.append(out[-1] + v)
    return out
