"""Findings: what a check reports, with spans the UI can highlight."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """MQM severities, most serious first."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank <= other.rank


SEVERITIES: tuple[str, ...] = tuple(str(severity) for severity in Severity)


@dataclass(frozen=True)
class Span:
    """Character offsets into one segment's source or target text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Finding:
    check: str
    mqm: str
    severity: Severity
    segment: int
    message: str
    source_span: Span | None = None
    target_span: Span | None = None
    suggestion: str | None = None
    glossary_id: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self._stable_id())

    def _stable_id(self) -> str:
        # Same check, segment and spans → same id across runs, so decisions can be re-attached.
        parts = [self.check, str(self.segment)]
        for span in (self.source_span, self.target_span):
            parts.append(f"{span.start}:{span.end}:{span.text}" if span else "-")
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]
        return f"{self.check}-{digest}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        ordered = (
            "id",
            "check",
            "mqm",
            "severity",
            "segment",
            "source_span",
            "target_span",
            "message",
            "suggestion",
            "glossary_id",
        )
        return {key: data[key] for key in ordered}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        spans = {
            key: Span(**data[key]) if data.get(key) else None
            for key in ("source_span", "target_span")
        }
        return cls(
            id=data["id"],
            check=data["check"],
            mqm=data["mqm"],
            severity=Severity(data["severity"]),
            segment=data["segment"],
            message=data["message"],
            suggestion=data.get("suggestion"),
            glossary_id=data.get("glossary_id"),
            **spans,
        )
