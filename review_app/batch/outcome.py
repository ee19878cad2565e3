"""What became of one document (:class:`Outcome`, picklable: it comes back from a worker), made
from its report or its failure; the report formats a batch writes.

An outcome is small (counts, not findings), so that the parent's memory does not grow with
the findings of a large batch: the overview reads the findings again from each document's
JSON report, one report at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from review_app.batch.discover import Job, printable
from review_app.findings import SEVERITIES

if TYPE_CHECKING:
    from review_app.batch.storage import Folder
    from review_app.report.model import Report


FORMATS = ("json", "html", "csv", "junit")


DEFAULT_FORMATS = FORMATS


@dataclass(frozen=True)
class Brief:
    """A finding as the overview lists it."""

    severity: str
    check: str
    segment: int
    unit_id: str | None
    message: str


@dataclass
class Outcome:
    """What became of one document (picklable: it comes back from a worker process)."""

    name: str
    label: str
    inputs: tuple[str, ...]
    status: str  # "checked", "unchanged" or "error"
    error: str | None = None
    segments: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    date: str | None = None
    date_origin: str | None = None
    # The findings by check, then by severity: what the overview's table of checks needs.
    by_check: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    size: int = 0  # bytes read
    # The document's TER and BLEU against its reference (--reference-dir), if it has one.
    reference_ter: float | None = None
    reference_bleu: float | None = None

    @property
    def worst(self) -> str | None:
        return next((severity for severity in SEVERITIES if self.counts.get(severity)), None)

    def reaches(self, fail_on: str) -> bool:
        worst = self.worst
        if fail_on == "never" or worst is None:
            return False
        return SEVERITIES.index(worst) <= SEVERITIES.index(fail_on)

    def counts_text(self) -> str:
        parts = [f"{self.counts[s]} {s}" for s in SEVERITIES if self.counts.get(s)]
        return ", ".join(parts) or "no findings"


def summarize(
    job: Job,
    report: Report,
    *,
    status: str,
    date_origin: str | None,
    seconds: float,
    size: int,
) -> Outcome:
    """What the overview needs of a report."""
    by_check: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        row = by_check.setdefault(finding.check, {})
        row[str(finding.severity)] = row.get(str(finding.severity), 0) + 1
    return Outcome(
        name=job.name,
        label=job.label,
        inputs=tuple(printable(p) for p in job.inputs),
        status=status,
        segments=len(report.segments),
        counts=report.counts(),
        date=report.date.isoformat() if report.date else None,
        date_origin=date_origin if report.date else None,
        by_check=by_check,
        seconds=seconds,
        size=size,
        reference_ter=report.reference.metric("ter").score if report.reference else None,
        reference_bleu=report.reference.metric("bleu").score if report.reference else None,
    )


def read_report(out: Folder, name: str) -> Report | None:
    """The JSON report ``NAME.json`` in ``out``, or None when it is missing or damaged."""
    from review_app.report.model import Report

    try:
        return Report.from_dict(json.loads(out.read_text(f"{name}.json")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def briefs(report: Report) -> list[Brief]:
    """The report's findings as the overview lists them."""
    units = {segment.id: segment.unit_id for segment in report.segments}
    return [
        Brief(
            severity=str(finding.severity),
            check=finding.check,
            segment=finding.segment,
            unit_id=units.get(finding.segment),
            message=finding.message,
        )
        for finding in report.findings
    ]


def csv_rows(report: Report) -> list[list[str]]:
    """The report's rows of ``bireview check --format csv``, without its header."""
    import csv
    import io

    from review_app.report.csv_report import BOM, to_csv

    rows = csv.reader(io.StringIO(to_csv(report).removeprefix(BOM), newline=""))
    next(rows, None)
    return list(rows)


def failed(job: Job, reason: str) -> Outcome:
    return Outcome(
        name=job.name,
        label=job.label,
        inputs=tuple(printable(p) for p in job.inputs),
        status="error",
        error=" ".join(printable(reason).split()),
    )


def died_twice(job: Job) -> Outcome:
    """The document whose worker process died twice while checking it (in a pool, or on a
    cluster): a failure of its own, not the end of the batch."""
    return failed(
        job,
        f"{job.label}: the process checking this document died, twice (out of memory, or a "
        "crash in a library)",
    )


def over_time(job: Job, limit: float) -> Outcome:
    """The document whose process was ended for keeping it past the time limit (a step that
    never came back to check the clock): a failure of its own, not checked again."""
    return failed(
        job,
        f"{job.label}: still being checked {limit:g} s after it started; its process was ended "
        "(see --time-limit)",
    )
