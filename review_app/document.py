"""Plain data passed between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossary.match import EntityMatch
from glossary.model import Glossary, Person
from glossary.roles import RoleClaim

if TYPE_CHECKING:
    from review_app.adequacy import PairAdequacy


@dataclass(frozen=True)
class Document:
    """A text as read from disk."""

    path: str
    text: str
    lang: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Segment:
    """One aligned pair: the source sentences and the target sentences they translate."""

    id: int
    source: str
    target: str
    source_sentences: tuple[int, ...]
    target_sentences: tuple[int, ...]
    confidence: float
    # The unit's id in the bilingual file (XLIFF, TMX …) it came from, to trace it back, and
    # what the file says of the unit: its CAT status (Translated, Draft, fuzzy) and notes.
    unit_id: str | None = None
    unit_state: str | None = None
    unit_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "source_sentences": list(self.source_sentences),
            "target_sentences": list(self.target_sentences),
            "confidence": round(self.confidence, 4),
        }
        if self.unit_id is not None:
            data["unit_id"] = self.unit_id
        if self.unit_state is not None:
            data["unit_state"] = self.unit_state
        if self.unit_note is not None:
            data["unit_note"] = self.unit_note
        return data


@dataclass(frozen=True)
class AnalyzedSegment:
    """A segment with the entities and roles found on each side."""

    segment: Segment
    source_entities: tuple[EntityMatch, ...]
    target_entities: tuple[EntityMatch, ...]
    source_roles: tuple[RoleClaim, ...] = ()
    target_roles: tuple[RoleClaim, ...] = ()

    @property
    def id(self) -> int:
        return self.segment.id

    @property
    def source(self) -> str:
        return self.segment.source

    @property
    def target(self) -> str:
        return self.segment.target

    def source_ids(self) -> set[str]:
        return {entity for match in self.source_entities for entity in match.candidates}

    def target_ids(self) -> set[str]:
        return {entity for match in self.target_entities for entity in match.candidates}


@dataclass
class AnalyzedDocument:
    """What the checks see: every analyzed segment, the glossary and the document date."""

    segments: list[AnalyzedSegment]
    glossary: Glossary
    date: dt.date | None
    # The glossary's people and the officials found by title and pinyin (glossary.names).
    persons: dict[str, Person] = field(default_factory=dict)
    # Signals from local models by segment id (review_app.adequacy); empty without models.
    adequacy: dict[int, PairAdequacy] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    # Told of each segment a check has looked at (review_app.limits.Budget: progress, time).
    tick: Callable[[int], None] | None = None

    def source_text(self) -> str:
        """The whole source, segment by segment on lines (kept in the cache: checks that read
        what the document names elsewhere ask for it once a segment)."""
        text = self.cache.get("source text")
        if text is None:
            text = self.cache["source text"] = "\n".join(s.source for s in self.segments)
        return str(text)

    def person(self, person_id: str) -> Person:
        return self.persons.get(person_id) or self.glossary.persons[person_id]

    def neighbours(self, segment: AnalyzedSegment) -> list[AnalyzedSegment]:
        index = segment.id  # segments are numbered in order from 0
        return [self.segments[i] for i in (index - 1, index + 1) if 0 <= i < len(self.segments)]
