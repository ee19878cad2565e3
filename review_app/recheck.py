"""Checking again after a translator changed some English: only where the change can reach.

A segment check's findings on one pair depend on that pair, on the Chinese of the whole
document, on the glossary and the date, and on the English of the pairs within the check's
``reach`` (:class:`~review_app.checks.base.SegmentCheck`). An accepted suggestion, an edit or
an undo changes the English of one pair and nothing else: the last run's findings of a check
stand on every pair out of its reach from the changed ones, and the check runs again on the
others. Document checks (term consistency) and checks of unknown reach always run again.

The last run stands for nothing when more than the English changed: a merge or a split (other
pairs), another Chinese, date or set of checks. Nor when the changed English names an official
the glossary does not know (``glossary.names.find_titled_names``): such a person is known to
the whole document, not to the pair. Then every check runs on every pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from glossary.model import Glossary
from glossary.names import find_titled_names
from review_app.checks.base import Check, SegmentCheck
from review_app.document import Segment
from review_app.findings import Finding
from review_app.report.model import Report


@dataclass(frozen=True)
class Reuse:
    """The last run's findings, and the pairs whose English changed since."""

    findings: tuple[Finding, ...]
    changed: frozenset[int]
    pairs: int

    def kept(self, check: Check) -> frozenset[int]:
        """The pairs on which ``check``'s findings of the last run still hold."""
        reach = check.reach if isinstance(check, SegmentCheck) else None
        if reach is None or self.failed(check):
            return frozenset()
        touched = {pair + step for pair in self.changed for step in range(-reach, reach + 1)}
        return frozenset(range(self.pairs)) - touched

    def failed(self, check: Check) -> bool:
        """Whether the check crashed on the last run (its findings then are one notice)."""
        return any(f.check == check.id and f.mqm == "other" for f in self.findings)

    def findings_of(self, check: Check, pairs: frozenset[int]) -> Iterable[Finding]:
        return (f for f in self.findings if f.check == check.id and f.segment in pairs)


def reuse_of(
    previous: Report | None,
    segments: Sequence[Segment],
    glossary: Glossary,
    checks: Sequence[Check],
    date: object,
) -> Reuse | None:
    """What the checks may keep of ``previous`` for ``segments``; None to check everything."""
    if previous is None or previous.signature is None:
        return None
    same_run = (
        previous.date == date
        and previous.signature.checks == tuple(check.id for check in checks)
        and previous.signature.glossary_version == glossary.version
        and len(previous.segments) == len(segments)
    )
    if not same_run:
        return None
    changed: set[int] = set()
    for before, now in zip(previous.segments, segments, strict=True):
        if replace(before, target=now.target) != now:
            return None  # more than the English changed
        if before.target != now.target:
            if _names_an_official(glossary, before) or _names_an_official(glossary, now):
                return None
            changed.add(now.id)
    return Reuse(previous.findings, frozenset(changed), len(segments))


def _names_an_official(glossary: Glossary, segment: Segment) -> bool:
    known = tuple(person.zh for person in glossary.persons.values())
    titles = glossary.office_titles
    return bool(find_titled_names(segment.source, segment.target, titles, known))
