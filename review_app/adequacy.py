"""Adequacy signals from local models, one per aligned pair (both optional).

- Back-translation: a local translation model (:mod:`review_app.translator`) translates the
  source, and chrF (sacrebleu) scores the release against that translation, 0–100.
- Similarity: the cosine of the source's and the release's vectors from the sentence encoder
  the aligner uses (``--encoder``), -1–1.

Either is a hint, not a verdict: a model's translation differs from a good human one in
wording, and the scores vary with the text. What stands out is a pair far below the rest of
its document, which :mod:`review_app.checks.adequacy` reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from review_app.document import Segment

if TYPE_CHECKING:
    from alignment.score import SentenceEncoder
    from review_app.translator import MarianTranslator


@dataclass(frozen=True)
class PairAdequacy:
    """The signals of one aligned pair; None where the model was not given."""

    machine: str | None = None  # the local model's translation of the source
    chrf: float | None = None  # chrF of the release against ``machine``, 0–100
    similarity: float | None = None  # cosine of the source's and the release's vectors


def adequacy_signals(
    segments: Sequence[Segment],
    translator: MarianTranslator | None = None,
    encoder: SentenceEncoder | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[int, PairAdequacy]:
    """The signals of every pair with text on both sides, by segment id."""
    paired = [s for s in segments if s.source.strip() and s.target.strip()]
    if not paired or (translator is None and encoder is None):
        return {}
    machine: list[str | None] = [None] * len(paired)
    chrf: list[float | None] = [None] * len(paired)
    similarity: list[float | None] = [None] * len(paired)
    if translator is not None:
        from sacrebleu.metrics import CHRF

        metric = CHRF()
        translations = translator.translate([s.source for s in paired], progress)
        for index, (segment, translation) in enumerate(zip(paired, translations, strict=True)):
            machine[index] = translation
            chrf[index] = metric.sentence_score(segment.target, [translation]).score
    if encoder is not None:
        vectors = encoder.embed([s.source for s in paired] + [s.target for s in paired])
        count = len(paired)
        for index in range(count):
            pair = zip(vectors[index], vectors[count + index], strict=True)
            similarity[index] = sum(float(a) * float(b) for a, b in pair)
    return {
        segment.id: PairAdequacy(machine[i], chrf[i], similarity[i])
        for i, segment in enumerate(paired)
    }
