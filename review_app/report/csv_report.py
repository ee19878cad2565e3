"""A CSV report for spreadsheets: one row a finding, with the translator's decision on it.

The columns, always these and in this order (:data:`HEADER`):

``source_path, target_path, date``
    the documents and their date (ISO, empty when unknown), repeated on every row;
``segment, unit_id``
    the aligned pair the finding is on, and the unit's id in a bilingual file (XLIFF …), if any;
``finding_id, check, mqm, severity``
    what was found (the id is stable across runs);
``segment_source, segment_target``
    the pair's whole Chinese and English;
``source_span, source_start, source_end, target_span, target_start, target_end``
    the marked text and its character offsets into ``segment_source`` / ``segment_target``
    (all empty when the finding has no span on that side);
``suggestion, glossary_id, message``
    the fix offered, the glossary entry behind it, and why;
``status, decided_by, decided_at, reason``
    "open", or the last decision other than a comment taken on the finding (accepted, edited,
    dismissed …) with who took it, when and, for a dismissal, the reason;
``comment``
    every comment on the finding (comments, and a dismissal's comment), in order, joined
    with " | ".

A report from ``bireview check`` has no decisions: every status is "open" and the decision
columns are empty.

Spreadsheet safety: document text is untrusted, and a spreadsheet runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (CSV or formula injection). Every text cell that
starts with one of those, with a tab or a carriage return, or with their full-width forms
(``＝ ＋ － ＠``, which some East Asian spreadsheet set-ups treat alike), gets a leading
apostrophe ``'``: the spreadsheet shows it as text. A program that needs the exact text reads the
JSON report instead (or drops that one leading apostrophe).

Encoding: UTF-8 with a byte-order mark. Excel opens a UTF-8 CSV without one in the system's
legacy code page, which garbles every Chinese character; with it, Excel, LibreOffice and Numbers
all read UTF-8. Python reads it with ``encoding="utf-8-sig"``. Rows end in ``\\n`` (every
spreadsheet reads that; a text-mode writer on Windows turns it into ``\\r\\n``, where a ``\\r\\n``
would become ``\\r\\r\\n``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from review_app.decision import Decision, in_force
from review_app.document import Segment
from review_app.findings import Span
from review_app.report.model import Report

HEADER: tuple[str, ...] = (
    "source_path",
    "target_path",
    "date",
    "segment",
    "unit_id",
    "finding_id",
    "check",
    "mqm",
    "severity",
    "segment_source",
    "segment_target",
    "source_span",
    "source_start",
    "source_end",
    "target_span",
    "target_start",
    "target_end",
    "suggestion",
    "glossary_id",
    "message",
    "status",
    "decided_by",
    "decided_at",
    "reason",
    "comment",
)
BOM = "\ufeff"
# What a spreadsheet may take as the start of a formula (OWASP's list, and full-width forms).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
COMMENT_SEPARATOR = " | "


def safe_cell(value: object) -> str:
    """``value`` as a cell: empty for None, an apostrophe before a would-be formula."""
    if value is None:
        return ""
    if isinstance(value, int):  # offsets and segment numbers: never negative
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def to_csv(report: Report) -> str:
    """The report as CSV text, starting with a byte-order mark (see the module's notes)."""
    segments = {segment.id: segment for segment in report.segments}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    date = report.date.isoformat() if report.date else None
    for finding in report.findings:
        segment = segments.get(finding.segment)
        on_finding = [d for d in report.decisions if d.finding_id == finding.id]
        last = _last_decision(on_finding)
        row = {
            "source_path": report.source_path,
            "target_path": report.target_path,
            "date": date,
            "segment": finding.segment,
            "unit_id": segment.unit_id if segment else None,
            "finding_id": finding.id,
            "check": finding.check,
            "mqm": finding.mqm,
            "severity": str(finding.severity),
            "segment_source": segment.source if segment else None,
            "segment_target": segment.target if segment else None,
            **_span("source", finding.source_span),
            **_span("target", finding.target_span),
            "suggestion": finding.suggestion,
            "glossary_id": finding.glossary_id,
            "message": finding.message,
            "status": last.action if last else "open",
            "decided_by": last.who if last else None,
            "decided_at": last.when if last else None,
            "reason": last.reason if last else None,
            "comment": _comments(on_finding),
        }
        writer.writerow([safe_cell(row[column]) for column in HEADER])
    # Fixes: an accepted suggestion or an edit leaves no finding behind, but is a decision.
    listed = {finding.id for finding in report.findings}
    for decision in in_force(report.decisions):
        if decision.action in ("accepted", "edited") and decision.finding_id not in listed:
            fix = _fix_row(report, segments.get(decision.segment), decision, date)
            writer.writerow([safe_cell(value) for value in fix])
    return BOM + buffer.getvalue()


def _fix_row(
    report: Report, segment: Segment | None, decision: Decision, date: str | None
) -> list[object]:
    """The row of an accepted or edited fix, whose finding the English no longer raises."""
    row: dict[str, object] = dict.fromkeys(HEADER)
    row.update(
        source_path=report.source_path,
        target_path=report.target_path,
        date=date,
        segment=decision.segment,
        unit_id=segment.unit_id if segment else None,
        finding_id=decision.finding_id,
        check=decision.check,
        segment_source=decision.source_text,
        segment_target=decision.after,
        target_span=decision.target_span,
        status=decision.action,
        decided_by=decision.who,
        decided_at=decision.when,
        reason=decision.reason,
        comment=decision.comment,
    )
    return [row[column] for column in HEADER]


def _span(side: str, span: Span | None) -> dict[str, object]:
    if span is None:
        return {f"{side}_span": None, f"{side}_start": None, f"{side}_end": None}
    return {f"{side}_span": span.text, f"{side}_start": span.start, f"{side}_end": span.end}


def _last_decision(decisions: Sequence[Decision]) -> Decision | None:
    """The decision that sets the status (as :func:`review_app.decision.status_of`)."""
    for decision in reversed(in_force(decisions)):
        if decision.action != "commented":
            return None if decision.action == "reopened" else decision
    return None


def _comments(decisions: Sequence[Decision]) -> str | None:
    texts = [d.comment.strip() for d in decisions if d.comment and d.comment.strip()]
    return COMMENT_SEPARATOR.join(texts) or None
