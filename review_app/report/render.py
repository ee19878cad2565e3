"""Report writers: each format is a function from a report to text, registered by name."""

from __future__ import annotations

import json
from collections.abc import Callable

from review_app.document import Segment
from review_app.findings import Span
from review_app.report.model import Report


def to_json(report: Report) -> str:
    """The ``bireview.report/1`` JSON document."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def mark(text: str, span: Span | None, left: str = "«", right: str = "»") -> str:
    """``text`` with ``span`` wrapped in markers."""
    if span is None:
        return text
    return text[: span.start] + left + text[span.start : span.end] + right + text[span.end :]


def where(segment_id: int, segment: Segment | None) -> str:
    """How a report names a segment: by the unit id of the file it came from when there is
    one (what the CAT tool shows), "unit 147 (segment 46)", else "segment 46"."""
    if segment is not None and segment.unit_id:
        return f"unit {segment.unit_id} (segment {segment_id})"
    return f"segment {segment_id}"


def _unit_said(segment: Segment) -> str:
    """What the bilingual file says of the unit: "status Translated; note: …"."""
    said = [f"status {segment.unit_state}"] if segment.unit_state else []
    if segment.unit_note:
        said.append(f"note: {' '.join(segment.unit_note.split())}")
    return "; ".join(said)


def to_text(report: Report) -> str:
    """A plain-text report for the terminal: each finding with its sentence pair."""
    segments = {segment.id: segment for segment in report.segments}
    lines = [
        f"source: {report.source_path}",
        f"target: {report.target_path}",
        f"date:   {report.date.isoformat() if report.date else 'unknown'}"
        + (f" ({report.date_origin})" if report.date and report.date_origin else ""),
        "",
    ]
    for finding in report.findings:
        segment = segments.get(finding.segment)
        status = f"  status: {report.status(finding.id)}" if report.decisions else ""
        lines.append(
            f"[{finding.severity.upper()}] {finding.check}  ({where(finding.segment, segment)})"
            + status
        )
        if segment is not None:
            lines.append(f"  zh: {mark(segment.source, finding.source_span)}")
            lines.append(f"  en: {mark(segment.target, finding.target_span)}")
            if segment.unit_state or segment.unit_note:
                lines.append(f"  in the file: {_unit_said(segment)}")
        lines.append(f"  {finding.message}")
        if finding.suggestion:
            lines.append(f"  suggestion: {finding.suggestion}")
        lines.append("")
    counts = report.counts()
    summary = ", ".join(f"{count} {severity}" for severity, count in counts.items())
    lines.append(f"{len(report.segments)} segments; findings: {summary}")
    if report.signature is not None:
        lines.append(f"signature: {report.signature}")
    if report.reference is not None:
        from review_app.report.scores import review_text_block

        lines.append("")
        lines.extend(review_text_block(report.reference))
    return "\n".join(lines) + "\n"


def _html(report: Report) -> str:
    from review_app.report.html import to_html

    return to_html(report)


def _csv(report: Report) -> str:
    from review_app.report.csv_report import to_csv

    return to_csv(report)


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": to_text,
    "json": to_json,
    "html": _html,
    "csv": _csv,
}
