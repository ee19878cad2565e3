"""A self-contained HTML report: summary, then each finding with its pair, spans highlighted.

A report from a review (with decisions) also shows each finding's status, who decided it, when
and why, and a table of every decision after the findings. All document text, and everything a
translator typed, is escaped; a release holding ``<script>`` is shown as text.
"""

from __future__ import annotations

from html import escape

from review_app.decision import Decision
from review_app.findings import Finding, Severity, Span
from review_app.report.model import Report
from review_app.report.render import where

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.5rem;
vertical-align:top;text-align:left}.zh{font-family:"Noto Sans CJK SC","Source Han Sans",sans-serif}
mark{padding:0 .1em;border-radius:.2em}.critical mark{background:#f8b4b4}.major mark{
background:#fcd9a8}.minor mark{background:#fdf3b0}.info mark{background:#cfe3fa}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.critical .sev{color:#b00}
.major .sev{color:#c60}.minor .sev{color:#886a00}.info .sev{color:#246}
.summary span{margin-right:1.5em}.sig{color:#777;font-size:.8em}
"""
# Only in a report with decisions, so a plain report is byte for byte as it was.
_DECISION_STYLE = """.status{font-weight:bold;font-size:.8em}.who{color:#555;font-size:.85em}
h2{margin-top:2rem}del{background:#fecaca}ins{background:#bbf7d0;text-decoration:none}
"""


def _marked(text: str, span: Span | None) -> str:
    if span is None:
        return escape(text)
    return (
        escape(text[: span.start])
        + f"<mark>{escape(text[span.start : span.end])}</mark>"
        + escape(text[span.end :])
    )


def to_html(report: Report) -> str:
    """The report as one HTML page."""
    segments = {segment.id: segment for segment in report.segments}
    counts = report.counts()
    rows = []
    for finding in report.findings:
        segment = segments.get(finding.segment)
        source = _marked(segment.source, finding.source_span) if segment else ""
        target = _marked(segment.target, finding.target_span) if segment else ""
        suggestion = (
            f"<br><b>Suggestion:</b> {escape(finding.suggestion)}" if finding.suggestion else ""
        )
        status = _status_html(report, finding) if report.decisions else ""
        rows.append(
            f'<tr class="{escape(str(finding.severity))}" id="{escape(finding.id)}">'
            f'<td><span class="sev">{escape(str(finding.severity))}</span><br>'
            f"<code>{escape(finding.check)}</code><br>"
            f"{escape(where(finding.segment, segment))}{status}</td>"
            f'<td class="zh" lang="zh">{source}</td><td lang="en">{target}</td>'
            f"<td>{escape(finding.message)}{suggestion}</td></tr>"
        )
    summary = "".join(
        f'<span class="{sev}"><span class="sev">{sev}</span> {counts[str(sev)]}</span>'
        for sev in Severity
    )
    date = report.date.isoformat() if report.date else "unknown"
    signature = f'<p class="sig">{escape(str(report.signature))}</p>' if report.signature else ""
    body = "".join(rows) or '<tr><td colspan="4">No findings.</td></tr>'
    style = _STYLE + (_DECISION_STYLE if report.decisions else "")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>bireview: {escape(report.target_path)}</title><style>{style}</style></head>"
        f"<body><h1>Translation review</h1><p>Source: <code>{escape(report.source_path)}</code>"
        f"<br>Translation: <code>{escape(report.target_path)}</code><br>Date: {escape(date)}"
        f'<br>Segments: {len(report.segments)}</p><p class="summary">{summary}</p>'
        "<table><thead><tr><th>Finding</th><th>Chinese</th><th>English</th><th>Why</th></tr>"
        f"</thead><tbody>{body}</tbody></table>{_decisions_html(report.decisions)}"
        f"{_reference_html(report)}{signature}</body></html>\n"
    )


def _reference_html(report: Report) -> str:
    """The scores against a reference (``check --reference``); empty without one."""
    if report.reference is None:
        return ""
    from review_app.report.scores import review_html_block

    return review_html_block(report.reference)


def _status_html(report: Report, finding: Finding) -> str:
    """The finding's status, and who took the last decision on it, when and why."""
    status = report.status(finding.id)
    html = f'<br><span class="status">{escape(status)}</span>'
    last = next(
        (
            d
            for d in reversed(report.decisions)
            if d.finding_id == finding.id and d.action != "commented"
        ),
        None,
    )
    details = []
    if last is not None:
        details.append(f"by {escape(last.who)}, {escape(last.when)}")
        if last.reason:
            details.append(escape(last.reason))
    comments = [d.comment for d in report.decisions if d.finding_id == finding.id and d.comment]
    details.extend(f"“{escape(comment)}”" for comment in comments)
    if details:
        html += f'<br><span class="who">{"<br>".join(details)}</span>'
    return html


def _decisions_html(decisions: tuple[Decision, ...]) -> str:
    """Every decision, in the order taken; empty when there are none."""
    if not decisions:
        return ""
    rows = []
    for decision in decisions:
        change = ""
        if decision.before is not None or decision.after is not None:
            change = (
                f"<del>{escape(decision.before or '')}</del> → "
                f"<ins>{escape(decision.after or '')}</ins>"
            )
        cells = (
            escape(decision.action),
            str(decision.segment),
            f"<code>{escape(decision.check)}</code>" if decision.check else "",
            escape(decision.who),
            escape(decision.when),
            escape(decision.reason or ""),
            escape(decision.comment or ""),
            change,
        )
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    head = "".join(
        f"<th>{label}</th>"
        for label in (
            "Action",
            "Segment",
            "Check",
            "Who",
            "When",
            "Reason",
            "Comment",
            "English before → after",
        )
    )
    return (
        f'<h2 id="decisions">Decisions</h2><table class="decisions"><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
