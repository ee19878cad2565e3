"""A translator's decision on a finding or a segment, shared by the review and the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

DISMISS_REASONS = ("false alarm", "acceptable variant", "out of scope")
# What a decision can be: on a finding (accept, edit, dismiss, comment) or on the alignment.
ACTIONS = ("accepted", "edited", "dismissed", "commented", "merged", "split")


@dataclass(frozen=True)
class Decision:
    """What a translator did about a finding (or a segment), who and when."""

    action: str
    segment: int
    who: str
    when: str
    finding_id: str | None = None
    check: str | None = None
    reason: str | None = None
    comment: str | None = None
    before: str | None = None  # the segment's English before an edit
    after: str | None = None  # and after it
    source_text: str | None = None  # the segment's Chinese: re-anchors the decision
    target_span: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


def status_of(decisions: list[Decision] | tuple[Decision, ...], finding_id: str) -> str:
    """ "open", or the last decision taken on the finding (dismissed, accepted …)."""
    for decision in reversed(decisions):
        if decision.finding_id == finding_id and decision.action != "commented":
            return decision.action
    return "open"
