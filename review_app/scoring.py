"""Standard metrics of one English text against another: BLEU, chrF and TER from sacrebleu.

Plain data in, plain data out. The text scored is sacrebleu's *hypothesis*, the other English
its *reference*; :mod:`review_app.pairing` turns two documents into :class:`Pair` s. Every
number carries sacrebleu's signature (its version and settings), so it can be reproduced with
``sacrebleu`` itself:

- per segment: sentence BLEU with ``effective_order`` (sacrebleu's advice for one sentence:
  no zero for lacking 4-grams), chrF2 and TER with sacrebleu's defaults;
- for the document: corpus BLEU, chrF2 and TER with sacrebleu's defaults, over every pair
  (a pair with one side empty, a sentence added or dropped, counts as fully changed: TER 100).

sacrebleu is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = "bireview.scores/1"
METRICS = ("bleu", "chrf", "ter")
# sacrebleu's settings for one segment; the document scores use sacrebleu's defaults.
SEGMENT_BLEU_OPTIONS: dict[str, Any] = {"effective_order": True}
DEFAULT_TOP = 10  # segments the text output lists, highest TER first (the CLI's --top)


@dataclass(frozen=True)
class Pair:
    """Two English versions of one segment; a side is "" where the other has no counterpart.

    The units are 0-based indices of what was paired: lines or sentences of each text (see
    :mod:`review_app.pairing`), or for a review report its segments (``segments``).
    """

    hypothesis: str
    reference: str
    hypothesis_units: tuple[int, ...] = ()
    reference_units: tuple[int, ...] = ()
    source: str | None = None  # the Chinese, when paired through the source
    segments: tuple[int, ...] = ()  # the review report's segments this pair covers


@dataclass(frozen=True)
class MetricScore:
    """One document-level score with sacrebleu's signature and its own one-line summary."""

    metric: str  # "bleu", "chrf" or "ter"
    name: str  # sacrebleu's name: "BLEU", "chrF2", "TER"
    score: float
    signature: str
    detail: str  # e.g. "BLEU = 39.76 60.0/50.0/33.3/25.0 (BP = 1.000 ratio = 1.000 ...)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "signature": self.signature,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ScoredPair:
    """A pair with its sentence BLEU, chrF2 and TER (``edits``: TER's edit count)."""

    id: int
    pair: Pair
    bleu: float
    chrf: float
    ter: float
    edits: int

    def to_dict(self) -> dict[str, Any]:
        pair = self.pair
        data: dict[str, Any] = {
            "id": self.id,
            "hypothesis": pair.hypothesis,
            "reference": pair.reference,
            "hypothesis_units": list(pair.hypothesis_units),
            "reference_units": list(pair.reference_units),
        }
        if pair.source is not None:
            data["source"] = pair.source
        if pair.segments:
            data["segments"] = list(pair.segments)
        data.update(bleu=round(self.bleu, 4), chrf=round(self.chrf, 4), ter=round(self.ter, 4))
        data["edits"] = self.edits
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoredPair:
        return cls(
            id=data["id"],
            pair=Pair(
                hypothesis=data["hypothesis"],
                reference=data["reference"],
                hypothesis_units=tuple(data.get("hypothesis_units", ())),
                reference_units=tuple(data.get("reference_units", ())),
                source=data.get("source"),
                segments=tuple(data.get("segments", ())),
            ),
            bleu=data["bleu"],
            chrf=data["chrf"],
            ter=data["ter"],
            edits=data.get("edits", 0),
        )


@dataclass(frozen=True)
class Scores:
    """Document and segment scores of a hypothesis against a reference."""

    document: tuple[MetricScore, ...]  # bleu, chrf, ter
    segment_signatures: tuple[tuple[str, str], ...]  # (metric, signature) of segment scores
    segments: tuple[ScoredPair, ...]
    pairing: str  # how the pairs were made (review_app.pairing): lines, sentences, …
    hypothesis_path: str | None = None
    reference_path: str | None = None
    source_path: str | None = None

    def metric(self, key: str) -> MetricScore:
        return next(score for score in self.document if score.metric == key)

    def most_changed(self, top: int | None = None) -> list[ScoredPair]:
        """The pairs by TER, highest first (then in document order); ``top``: only so many."""
        ranked = sorted(self.segments, key=lambda scored: (-scored.ter, scored.id))
        return ranked if top is None else ranked[:top]

    def by_segment(self) -> dict[int, ScoredPair]:
        """The pair covering each review report segment that has one."""
        return {segment: s for s in self.segments for segment in s.pair.segments}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "hypothesis": {"path": self.hypothesis_path},
            "reference": {"path": self.reference_path},
            "source": {"path": self.source_path} if self.source_path else None,
            "pairing": self.pairing,
            "document": {score.metric: score.to_dict() for score in self.document},
            "segment_signatures": dict(self.segment_signatures),
            "segments": [scored.to_dict() for scored in self.segments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scores:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} block")
        source = data.get("source")
        return cls(
            document=tuple(
                MetricScore(
                    metric=key,
                    name=value["name"],
                    score=value["score"],
                    signature=value["signature"],
                    detail=value.get("detail", ""),
                )
                for key, value in data["document"].items()
            ),
            segment_signatures=tuple(data.get("segment_signatures", {}).items()),
            segments=tuple(ScoredPair.from_dict(item) for item in data["segments"]),
            pairing=data["pairing"],
            hypothesis_path=data.get("hypothesis", {}).get("path"),
            reference_path=data.get("reference", {}).get("path"),
            source_path=source.get("path") if isinstance(source, dict) else None,
        )


def score_pairs(
    pairs: Sequence[Pair],
    *,
    pairing: str,
    hypothesis_path: str | None = None,
    reference_path: str | None = None,
    source_path: str | None = None,
) -> Scores:
    """Score every pair and the document (all pairs as one corpus) with sacrebleu."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if not pairs:
        raise ValueError("nothing to score: no pairs")
    hypotheses = [pair.hypothesis for pair in pairs]
    references = [[pair.reference for pair in pairs]]
    corpus_metrics = {"bleu": BLEU(), "chrf": CHRF(), "ter": TER()}
    document = []
    for key, metric in corpus_metrics.items():
        result = metric.corpus_score(hypotheses, references)
        document.append(
            MetricScore(
                metric=key,
                name=result.name,
                score=float(result.score),
                signature=str(metric.get_signature()),
                detail=result.format(),
            )
        )
    sentence_bleu = BLEU(**SEGMENT_BLEU_OPTIONS)
    chrf, ter = corpus_metrics["chrf"], corpus_metrics["ter"]
    scored = []
    for index, pair in enumerate(pairs):
        refs = [pair.reference]
        edit_rate = ter.sentence_score(pair.hypothesis, refs)
        scored.append(
            ScoredPair(
                id=index,
                pair=pair,
                bleu=float(sentence_bleu.sentence_score(pair.hypothesis, refs).score),
                chrf=float(chrf.sentence_score(pair.hypothesis, refs).score),
                ter=float(edit_rate.score),
                edits=int(edit_rate.num_edits),
            )
        )
    signatures = (
        ("bleu", str(sentence_bleu.get_signature())),
        ("chrf", str(chrf.get_signature())),
        ("ter", str(ter.get_signature())),
    )
    return Scores(
        document=tuple(document),
        segment_signatures=signatures,
        segments=tuple(scored),
        pairing=pairing,
        hypothesis_path=hypothesis_path,
        reference_path=reference_path,
        source_path=source_path,
    )
