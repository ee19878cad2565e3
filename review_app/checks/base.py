"""The check registry: every check is a small class with an id, an MQM category and a severity.

A check's docstring is its user documentation: the first line is what ``bireview checks``
prints. Checks are registered explicitly with :func:`register`; a duplicate id is an error.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from review_app.findings import Finding, Severity, Span

if TYPE_CHECKING:
    from review_app.document import AnalyzedDocument, AnalyzedSegment


class Check(ABC):
    """Base of all checks."""

    id: ClassVar[str]
    mqm: ClassVar[str]
    severity: ClassVar[Severity]

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    @abstractmethod
    def run(self, document: AnalyzedDocument) -> Iterable[Finding]:
        """Yield the findings for ``document``; never raise for a failed check."""

    def finding(
        self,
        segment: AnalyzedSegment,
        message: str,
        *,
        source: tuple[int, int] | None = None,
        target: tuple[int, int] | None = None,
        suggestion: str | None = None,
        glossary_id: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            check=self.id,
            mqm=self.mqm,
            severity=severity or self.severity,
            segment=segment.id,
            message=message,
            source_span=Span.of(segment.source, *source) if source else None,
            target_span=Span.of(segment.target, *target) if target else None,
            suggestion=suggestion,
            glossary_id=glossary_id,
        )


class SegmentCheck(Check):
    """A check that looks at one aligned pair at a time."""

    # How far a pair's findings depend on the English of other pairs, for checking again after
    # an edit (review_app.recheck): 0, the pair's own English only; 1 or 2, also the English
    # of the pairs that near; None, of any pair (the check runs again on every pair). The
    # Chinese of the whole document, the glossary and the date may be read at any reach.
    reach: ClassVar[int | None] = None

    def run(
        self, document: AnalyzedDocument, skip: Collection[int] = frozenset()
    ) -> Iterator[Finding]:
        """The findings on every pair but those of ``skip`` (by segment id)."""
        for segment in document.segments:
            if segment.id not in skip:
                yield from self.check_segment(document, segment)
            if document.tick is not None:
                document.tick(1)

    @abstractmethod
    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterable[Finding]:
        """Findings for one segment."""


REGISTRY: dict[str, type[Check]] = {}


def register(check: type[Check]) -> type[Check]:
    """Add ``check`` to the registry (a class decorator); ids must be unique."""
    if check.id in REGISTRY:
        raise ValueError(f"duplicate check id {check.id!r}")
    REGISTRY[check.id] = check
    return check


# The modules that register checks, in the order their findings on one pair are listed: who
# and where first, then figures, names and terms, then form, then alignment and model hints.
CHECK_MODULES = (
    "entity",
    "numbers",
    "dates",
    "codes",
    "spelling",
    "places",
    "substituted",
    "country_runs",
    "misread",
    "calque",
    "romanisation",
    "replaced",
    "unnamed",
    "generic",
    "term",
    "consistency",
    "untranslated",
    "unpaired",
    "adequacy",
)


def all_checks() -> dict[str, type[Check]]:
    """Every registered check, by id (importing the modules that register them)."""
    for name in CHECK_MODULES:
        importlib.import_module(f"review_app.checks.{name}")
    return dict(REGISTRY)
