"""A translator's decision on a finding or a segment, shared by the review and the report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

DISMISS_REASONS = ("false alarm", "acceptable variant", "out of scope")
# What a decision can be: on a finding (accept, edit, dismiss, comment, reopen), on the
# alignment (merge, split), or the undoing of an earlier one.
ACTIONS = (
    "accepted",
    "edited",
    "dismissed",
    "commented",
    "merged",
    "split",
    "reopened",
    "undone",
)


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
    undoes: str | None = None  # for "undone": the key of the decision it takes back

    @property
    def key(self) -> str:
        """What names the decision in the history (an undo points at it)."""
        return f"{self.when}|{self.action}|{self.finding_id or ''}|{self.segment}"

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


def in_force(decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions that stand: neither undone nor an undo themselves. The history keeps
    them all; an undo is a decision too, so that it is saved and can be seen."""
    undone = {d.undoes for d in decisions if d.action == "undone"}
    return [d for d in decisions if d.action != "undone" and d.key not in undone]


def statuses_of(decisions: Sequence[Decision]) -> dict[str, str]:
    """Each decided finding's status (the last decision in force on it, a comment aside; a
    reopened finding is "open" again), in one pass: a finding not listed is open."""
    statuses: dict[str, str] = {}
    for decision in in_force(decisions):
        if decision.finding_id and decision.action != "commented":
            statuses[decision.finding_id] = (
                "open" if decision.action == "reopened" else decision.action
            )
    return statuses


def status_of(decisions: Sequence[Decision], finding_id: str) -> str:
    """ "open", or the last decision in force on the finding (dismissed, accepted …); a
    reopened finding is open again."""
    return statuses_of(decisions).get(finding_id, "open")
