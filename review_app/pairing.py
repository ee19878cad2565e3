"""Pair two English versions of a text segment by segment, so one can be scored against the other.

The rules, first that applies:

``source``
    A Chinese source is given: each English text is aligned to it with the review's aligner
    (:func:`review_app.pipeline.align_pair`), and the two are paired through the source
    sentences. Where the two alignments group the source differently (one English merged two
    sentences the other kept apart), the groups are joined so that nothing is counted twice;
    English with no Chinese counterpart joins the segment before it.
``lines``
    Both texts are one segment a line (no blank line) with the same number (>1) of lines: line
    ``k`` with line ``k``, as sacrebleu reads its files.
``sentences``
    Otherwise the sentences (:func:`alignment.segment.split_en`, paragraph by paragraph) of the
    two whole texts are aligned; paragraph breaks do not bind, so a sentence moved to the next
    paragraph stays paired.

Sentences are aligned in order. Runs of identical sentences (case and spaces aside, at least
``MIN_ANCHOR`` characters) found by :mod:`difflib` are fixed first; between them a small dynamic
programme (:func:`align_english`) chooses among beads 1-1, 1-2, 2-1, 1-0 and 0-1. A bead costs
the character trigrams (lowercased, spaces collapsed; repeats counted) of its two sides that do
not match, plus ``MERGE_COST`` for each sentence beyond the first on a side; a sentence left
alone costs all its trigrams. So a sentence split in two costs little as 1-2, and a sentence
added costs exactly as much alone (0-1) as joined to a neighbour, plus the merge cost: it stays
alone, paired with "" (fully changed: TER 100). The programme keeps to a band of ``BAND``
sentences, plus the difference in the numbers of sentences, around the diagonal.

A review report (``bireview check --reference``) is paired by :func:`pair_with_segments`: its
segments' English against the reference's sentences, with the same programme.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alignment.segment import split_en, split_paragraphs
from review_app.document import Document, Segment
from review_app.errors import InputError, ReviewError
from review_app.limits import DEFAULT_LIMITS, Limits
from review_app.scoring import Pair

if TYPE_CHECKING:
    from alignment.align import Bead
    from glossary.model import Glossary

Shape = tuple[int, int]
Link = tuple[tuple[int, ...], tuple[int, ...]]  # (hypothesis units, reference units)

SENTENCE_SHAPES: tuple[Shape, ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))
# A review segment may hold several English sentences; two segments may be one reference sentence.
SEGMENT_SHAPES: tuple[Shape, ...] = ((1, 1), (1, 2), (2, 1), (1, 3), (1, 4), (1, 0), (0, 1))
NGRAM = 3
MERGE_COST = 3.0  # in unmatched trigrams, for each sentence beyond the first on a side
BAND = 20  # sentences either side of the diagonal the programme looks at (plus |n - m|)
MIN_ANCHOR = 20  # characters of a run of identical sentences taken as fixed before the programme


@dataclass(frozen=True)
class Pairing:
    """The pairs, in document order, and the rule that made them."""

    pairs: tuple[Pair, ...]
    method: str  # "source", "lines", "sentences" or "segments"


def read_english(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """An English document: .txt, .md, .html, .docx, or the translations of a bilingual file
    (XLIFF, TMX, TSV/CSV) one unit a line. Bad input raises InputError naming the file."""
    from review_app.readers.bilingual import is_bilingual

    if is_bilingual(path):
        from review_app.pipeline import bilingual_pair
        from review_app.readers.bilingual import read_bilingual

        english = bilingual_pair(read_bilingual(path, limits)).target
        if not english.text.strip():
            raise InputError(path, "no unit has an English translation")
        return english
    from review_app.readers.text import read_document

    return read_document(path, lang="en", limits=limits)


# -- two English texts -------------------------------------------------------------------------


def pair_texts(hypothesis: str, reference: str) -> Pairing:
    """Pair two English texts by lines or sentences (see the module's notes)."""
    hyp_lines, ref_lines = _lines(hypothesis), _lines(reference)
    if hyp_lines is not None and ref_lines is not None and len(hyp_lines) == len(ref_lines) > 1:
        lines = enumerate(zip(hyp_lines, ref_lines, strict=True))
        pairs = [Pair(h, r, (k,), (k,)) for k, (h, r) in lines]
        return Pairing(tuple(pairs), "lines")
    hyp, ref = _sentences(hypothesis), _sentences(reference)
    pairs = [
        Pair(" ".join(hyp[i] for i in h), " ".join(ref[j] for j in r), h, r)
        for h, r in align_english(hyp, ref)
    ]
    return Pairing(tuple(pairs), "sentences")


def _sentences(text: str) -> list[str]:
    return [sentence for paragraph in split_paragraphs(text) for sentence in split_en(paragraph)]


def _lines(text: str) -> list[str] | None:
    """The lines of a text that is one segment a line (no blank line); None otherwise."""
    lines = text.strip("\n").split("\n")
    if any(not line.strip() for line in lines):
        return None
    return [line.strip() for line in lines]


# -- through the Chinese source ----------------------------------------------------------------


def pair_through_source(
    source: Document, hypothesis: Document, reference: Document, glossary: Glossary
) -> Pairing:
    """Align each English text to the Chinese and pair them through its sentences."""
    from review_app.pipeline import align_pair

    hyp = align_pair(source, hypothesis, glossary)
    ref = align_pair(source, reference, glossary)
    if hyp.src_sentences != ref.src_sentences:  # both split the same text the same way
        raise ReviewError(f"{source.path}: the source was split differently for the two texts")
    n = len(hyp.src_sentences)
    cuts = _cuts(hyp.beads, n) & _cuts(ref.beads, n)
    starts = [0, *sorted(cuts)]
    group_of = [0] * n
    for group, start in enumerate(starts):
        end = starts[group + 1] if group + 1 < len(starts) else n
        for k in range(start, end):
            group_of[k] = group
    hyp_groups = _english_by_group(hyp.beads, group_of, len(starts))
    ref_groups = _english_by_group(ref.beads, group_of, len(starts))
    pairs = []
    for group, start in enumerate(starts):
        end = starts[group + 1] if group + 1 < len(starts) else n
        hyp_units, ref_units = hyp_groups[group], ref_groups[group]
        pairs.append(
            Pair(
                " ".join(hyp.tgt_sentences[i] for i in hyp_units),
                " ".join(ref.tgt_sentences[j] for j in ref_units),
                tuple(hyp_units),
                tuple(ref_units),
                source="".join(hyp.src_sentences[start:end]),
            )
        )
    return Pairing(tuple(pairs), "source")


def _cuts(beads: Sequence[Bead], n: int) -> set[int]:
    """Source positions ``k`` (0 < k < n) where no bead holds both sentence k-1 and k."""
    bead_of = list(range(-n, 0))  # a sentence in no bead is a group of its own
    for index, bead in enumerate(beads):
        for k in bead.src:
            bead_of[k] = index
    return {k for k in range(1, n) if bead_of[k - 1] != bead_of[k]}


def _english_by_group(beads: Sequence[Bead], group_of: list[int], groups: int) -> list[list[int]]:
    """Each source group's English sentences; English without Chinese joins the group before
    (at the start, the first)."""
    english: list[list[int]] = [[] for _ in range(groups)]
    last = 0
    for bead in beads:
        if bead.src:
            last = group_of[bead.src[0]]
        english[last].extend(bead.tgt)
    return [sorted(units) for units in english]


# -- a review report's segments ----------------------------------------------------------------


def pair_with_segments(segments: Sequence[Segment], reference: str) -> Pairing:
    """Pair a review's segments (their English) with the reference's sentences.

    Each pair covers one review segment (or two, when the reference joined them into one
    sentence) and the reference sentences aligned to it; pairs with nothing on either side (a
    segment without English where the reference has none either) are left out.
    """
    hyp = [segment.target for segment in segments]
    ref = _sentences(reference)
    pairs = []
    for hyp_units, ref_units in align_english(hyp, ref, shapes=SEGMENT_SHAPES):
        hypothesis = " ".join(hyp[i] for i in hyp_units if hyp[i])
        ref_text = " ".join(ref[j] for j in ref_units)
        if not hypothesis and not ref_text:
            continue
        covered = tuple(segments[i].id for i in hyp_units)
        source = "".join(segments[i].source for i in hyp_units)
        pairs.append(Pair(hypothesis, ref_text, covered, ref_units, source, covered))
    return Pairing(tuple(pairs), "segments")


# -- the dynamic programme ---------------------------------------------------------------------


def align_english(
    hypothesis: Sequence[str],
    reference: Sequence[str],
    *,
    shapes: Sequence[Shape] = SENTENCE_SHAPES,
) -> list[Link]:
    """Align two lists of English sentences in order; every sentence is in exactly one link.

    ``shapes``: the beads allowed, (hypothesis sentences, reference sentences); ties go to the
    earlier shape. See the module's notes for the costs.
    """
    links: list[Link] = []
    i = j = 0
    for anchor_i, anchor_j, size in [
        *_anchors(hypothesis, reference),
        (len(hypothesis), len(reference), 0),
    ]:
        for hyp_units, ref_units in _align(hypothesis[i:anchor_i], reference[j:anchor_j], shapes):
            links.append((tuple(i + k for k in hyp_units), tuple(j + k for k in ref_units)))
        links.extend(((anchor_i + k,), (anchor_j + k,)) for k in range(size))
        i, j = anchor_i + size, anchor_j + size
    return links


def _anchors(hypothesis: Sequence[str], reference: Sequence[str]) -> list[tuple[int, int, int]]:
    """Runs of identical sentences (spaces and case aside) found in order by difflib, as
    (hypothesis start, reference start, length); runs of under ``MIN_ANCHOR`` characters
    ("Yes.") are left to the programme."""
    from difflib import SequenceMatcher

    hyp = [" ".join(sentence.lower().split()) for sentence in hypothesis]
    ref = [" ".join(sentence.lower().split()) for sentence in reference]
    blocks = SequenceMatcher(None, hyp, ref, autojunk=False).get_matching_blocks()
    return [
        (block.a, block.b, block.size)
        for block in blocks
        if block.size and sum(map(len, hyp[block.a : block.a + block.size])) >= MIN_ANCHOR
    ]


def _align(
    hypothesis: Sequence[str], reference: Sequence[str], shapes: Sequence[Shape]
) -> list[Link]:
    """The dynamic programme, in a band around the diagonal."""
    n, m = len(hypothesis), len(reference)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    numbers: dict[tuple[str, int], int] = {}
    hyp, ref = _Side(hypothesis, numbers), _Side(reference, numbers)
    band = BAND + abs(n - m)
    # best[i][j]: (cost, shape) of the cheapest way to link the first i and j sentences.
    best: list[dict[int, tuple[float, Shape]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, (0, 0))
    for i in range(n + 1):
        centre = i * m / n
        for j in range(max(0, math.floor(centre - band)), min(m, math.ceil(centre + band)) + 1):
            if i == 0 and j == 0:
                continue
            found: tuple[float, Shape] | None = None
            for a, b in shapes:
                if a > i or b > j:
                    continue
                previous = best[i - a].get(j - b)
                if previous is None:
                    continue
                cost = previous[0] + _bead_cost(hyp, i - a, a, ref, j - b, b)
                if found is None or cost < found[0] - 1e-9:
                    found = (cost, (a, b))
            if found is not None:
                best[i][j] = found
    links: list[Link] = []
    i, j = n, m
    while i or j:
        a, b = best[i][j][1]
        links.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    links.reverse()
    return links


class _Side:
    """One side's sentences as multisets of trigrams, with those of runs of them cached.

    A multiset is a set of (trigram, k) for k = 1 … its count, so that the size of the
    intersection of two of them (the trigrams they share, repeats included) is one set
    operation.
    """

    def __init__(self, sentences: Sequence[str], numbers: dict[tuple[str, int], int]) -> None:
        self.grams = [_trigrams(sentence) for sentence in sentences]
        self._numbers = numbers  # (trigram, k) → a number shared by both sides: cheap to hash
        self._runs: dict[tuple[int, int], frozenset[int]] = {}

    def run(self, start: int, length: int) -> frozenset[int]:
        """The trigrams of ``length`` sentences from ``start``, as a multiset."""
        key = (start, length)
        if key not in self._runs:
            counts: Counter[str] = Counter()
            for grams in self.grams[start : start + length]:
                counts.update(grams)
            numbers = self._numbers
            self._runs[key] = frozenset(
                numbers.setdefault((gram, k), len(numbers))
                for gram, count in counts.items()
                for k in range(1, count + 1)
            )
        return self._runs[key]


def _trigrams(sentence: str) -> Counter[str]:
    text = " ".join(sentence.lower().split())
    if len(text) <= NGRAM:
        return Counter([text] if text else [])
    return Counter(text[k : k + NGRAM] for k in range(len(text) - NGRAM + 1))


def _bead_cost(hyp: _Side, i: int, a: int, ref: _Side, j: int, b: int) -> float:
    """The unmatched trigrams of the two sides, plus the merge cost."""
    hyp_grams, ref_grams = hyp.run(i, a), ref.run(j, b)
    if a == 0 or b == 0:
        return float(len(hyp_grams) + len(ref_grams))
    matched = len(hyp_grams & ref_grams)
    return len(hyp_grams) + len(ref_grams) - 2 * matched + MERGE_COST * (a + b - 2)
