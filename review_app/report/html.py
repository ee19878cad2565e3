"""A self-contained HTML report: summary, then each finding with its pair, spans highlighted.

All document text is escaped; a release holding ``<script>`` is shown as text.
"""

from __future__ import annotations

from html import escape

from review_app.findings import Severity, Span
from review_app.report.model import Report

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
        rows.append(
            f'<tr class="{escape(str(finding.severity))}" id="{escape(finding.id)}">'
            f'<td><span class="sev">{escape(str(finding.severity))}</span><br>'
            f"<code>{escape(finding.check)}</code><br>segment {finding.segment}</td>"
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
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>bireview: {escape(report.target_path)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>Translation review</h1><p>Source: <code>{escape(report.source_path)}</code>"
        f"<br>Translation: <code>{escape(report.target_path)}</code><br>Date: {escape(date)}"
        f'<br>Segments: {len(report.segments)}</p><p class="summary">{summary}</p>'
        "<table><thead><tr><th>Finding</th><th>Chinese</th><th>English</th><th>Why</th></tr>"
        f"</thead><tbody>{body}</tbody></table>{signature}</body></html>\n"
    )
