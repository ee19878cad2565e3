"""The report: segments and findings, with one JSON path in and out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from review_app.decision import Decision, status_of
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.scoring import ScoredPair, Scores

SCHEMA = "bireview.report/1"


@dataclass(frozen=True)
class Signature:
    """What produced a report, so its numbers can be reproduced."""

    tool_version: str
    glossary_version: str
    checks: tuple[str, ...]
    aligner: str
    # The local models used, if any: "mt=opus-mt-zh-en@1a2b3c4d" (review_app.models).
    models: tuple[str, ...] = ()

    def __str__(self) -> str:
        models = f"|models:{','.join(self.models)}" if self.models else ""
        return (
            f"bireview:{self.tool_version}|glossary:{self.glossary_version}"
            f"|checks:{','.join(self.checks)}|align:{self.aligner}{models}"
        )


@dataclass(frozen=True)
class Report:
    source_path: str
    target_path: str
    date: dt.date | None
    segments: tuple[Segment, ...]
    findings: tuple[Finding, ...]
    signature: Signature | None = None
    date_origin: str | None = None
    # A translator's decisions, when the report comes from a review (the app's export).
    decisions: tuple[Decision, ...] = ()
    # Metric scores against a reference English (``check --reference``), if one was given.
    reference: Scores | None = None

    def status(self, finding_id: str) -> str:
        """ "open", or what the translator last decided about the finding."""
        return status_of(self.decisions, finding_id)

    def counts(self) -> dict[str, int]:
        counts = {str(severity): 0 for severity in Severity}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

    def worst(self) -> Severity | None:
        return min((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_dict(self) -> dict[str, Any]:
        """The report in the ``bireview.report/1`` JSON schema, exactly.

        A report from a review also has each finding's ``status`` and every ``decisions``. A
        report against a reference also has ``reference`` (the ``bireview.scores/1`` block of
        ``bireview score``) and, on each segment the reference was paired with, ``reference``:
        the reference text and the segment's BLEU, chrF2 and TER.
        """
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "source": {"path": self.source_path, "lang": "zh"},
            "target": {"path": self.target_path, "lang": "en"},
            "date": self.date.isoformat() if self.date else None,
            "segments": [segment.to_dict() for segment in self.segments],
            "findings": [finding.to_dict() for finding in self.findings],
            "summary": {"segments": len(self.segments), "findings": self.counts()},
        }
        if self.decisions:
            for finding in data["findings"]:
                finding["status"] = self.status(finding["id"])
            data["decisions"] = [decision.to_dict() for decision in self.decisions]
        if self.reference is not None:
            paired = self.reference.by_segment()
            for segment in data["segments"]:
                scored = paired.get(segment["id"])
                if scored is not None:
                    segment["reference"] = _segment_scores(scored)
            data["reference"] = self.reference.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} report")
        return cls(
            source_path=data["source"]["path"],
            target_path=data["target"]["path"],
            date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
            segments=tuple(
                Segment(
                    id=s["id"],
                    source=s["source"],
                    target=s["target"],
                    source_sentences=tuple(s["source_sentences"]),
                    target_sentences=tuple(s["target_sentences"]),
                    confidence=s["confidence"],
                    unit_id=s.get("unit_id"),
                    unit_state=s.get("unit_state"),
                    unit_note=s.get("unit_note"),
                )
                for s in data["segments"]
            ),
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            decisions=tuple(Decision.from_dict(d) for d in data.get("decisions", ())),
            reference=Scores.from_dict(data["reference"]) if data.get("reference") else None,
        )


def _segment_scores(scored: ScoredPair) -> dict[str, Any]:
    """What a segment entry of the JSON report gains: the pair it is in and its scores."""
    data: dict[str, Any] = {"text": scored.pair.reference, "pair": scored.id}
    if len(scored.pair.segments) > 1:
        data["segments"] = list(scored.pair.segments)  # scored together
    data.update(bleu=round(scored.bleu, 4), chrf=round(scored.chrf, 4), ter=round(scored.ter, 4))
    return data
