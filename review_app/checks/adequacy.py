"""Meaning checks from local models: pairs whose adequacy signal is far below their document's.

The signals (:mod:`review_app.adequacy`) exist only when ``--mt-model`` or ``--encoder`` is
given; without them this check has nothing to read and costs nothing.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from review_app.checks.base import Check, register
from review_app.document import AnalyzedDocument
from review_app.findings import Finding, Severity

# A document's typical score needs a few pairs to be worth comparing against.
MIN_PAIRS = 5
# How far below the median counts as far: in robust standard deviations (1.4826 × MAD) and
# at least this much in the score's own units.
ROBUST_DEVIATIONS = 3.0
MIN_CHRF_GAP = 20.0
MIN_SIMILARITY_GAP = 0.15


def outliers(scores: dict[int, float], min_gap: float) -> dict[int, float]:
    """The scores far below the median of ``scores`` (by segment id), with that median."""
    if len(scores) < MIN_PAIRS:
        return {}
    values = list(scores.values())
    median = statistics.median(values)
    spread = 1.4826 * statistics.median(abs(value - median) for value in values)
    threshold = median - max(min_gap, ROBUST_DEVIATIONS * spread)
    return {segment: median for segment, score in scores.items() if score < threshold}


@register
class AdequacyCheck(Check):
    """A pair whose meaning may have drifted: a local model's signal far below the document's.

    With ``--mt-model``, a local translation model translates the source and chrF compares the
    release with it; with ``--encoder``, the cosine of the source's and the release's sentence
    vectors. A pair is reported when its score is below the document's median by three robust
    standard deviations and by at least 20 chrF points (0.15 cosine), among five pairs or more.
    Minor: a hint to read the pair again, not proof of an error; the model's translation is
    shown for comparison.
    """

    id = "adequacy.low"
    mqm = "accuracy/mistranslation"
    severity = Severity.MINOR

    def run(self, document: AnalyzedDocument) -> Iterator[Finding]:
        signals = document.adequacy
        if not signals:
            return
        segments = {segment.id: segment for segment in document.segments}
        chrf = {i: s.chrf for i, s in signals.items() if s.chrf is not None}
        similarity = {i: s.similarity for i, s in signals.items() if s.similarity is not None}
        low_chrf = outliers(chrf, MIN_CHRF_GAP)
        low_similarity = outliers(similarity, MIN_SIMILARITY_GAP)
        for segment_id in sorted(set(low_chrf) | set(low_similarity)):
            reasons = []
            if segment_id in low_chrf:
                reasons.append(
                    f"chrF {chrf[segment_id]:.1f} against the local model's translation "
                    f"(document median {low_chrf[segment_id]:.1f})"
                )
            if segment_id in low_similarity:
                reasons.append(
                    f"similarity {similarity[segment_id]:.2f} between source and release "
                    f"(document median {low_similarity[segment_id]:.2f})"
                )
            machine = signals[segment_id].machine
            shown = f" The model reads the source as: “{machine}”." if machine else ""
            yield self.finding(
                segments[segment_id],
                f"The meaning may have drifted: {'; '.join(reasons)}.{shown}",
            )
