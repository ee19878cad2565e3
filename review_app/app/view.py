"""HTML for the review app: document text escaped first, then highlighted, coloured by severity.

Every piece of text that comes from a document (or a finding, a comment, a path) goes through
:func:`html.escape` before any tag is put around it, so a release that contains ``<script>`` or
other markup shows as text. The functions return strings for ``st.html``; none import Streamlit.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from glossary.explain import EntryView
from review_app.decision import Decision
from review_app.document import Segment
from review_app.findings import Finding, Severity, Span

# Highlight (background) and badge colours, most serious first.
MARK_COLOURS: dict[str, str] = {
    "critical": "#fca5a5",
    "major": "#fdba74",
    "minor": "#fde68a",
    "info": "#bfdbfe",
}
BADGE_COLOURS: dict[str, str] = {
    "critical": "#b91c1c",
    "major": "#c2410c",
    "minor": "#a16207",
    "info": "#1d4ed8",
}
STATUS_COLOURS: dict[str, str] = {
    "open": "#4b5563",
    "accepted": "#15803d",
    "edited": "#15803d",
    "dismissed": "#6b7280",
}
SEVERITY_ORDER = tuple(str(severity) for severity in Severity)

CSS = """<style>
.br-pair{font-size:1.02rem;line-height:1.6;white-space:pre-wrap;overflow-wrap:anywhere}
.br-pair mark{color:#111;padding:0 .1em;border-radius:.2em}
.br-badge{color:#fff;border-radius:.3em;padding:.05em .45em;font-size:.78rem;font-weight:600;
letter-spacing:.03em;margin-right:.4em}
.br-check{font-family:monospace;font-size:.9rem;margin-right:.6em}
.br-muted{color:#6b7280;font-size:.85rem}
.br-diff del{background:#fecaca;color:#111;text-decoration:line-through}
.br-diff ins{background:#bbf7d0;color:#111;text-decoration:none}
table.br-doc{border-collapse:collapse;width:100%}
table.br-doc td{vertical-align:top;border-top:1px solid #e5e7eb;padding:.4em .5em;
line-height:1.55;overflow-wrap:anywhere}
table.br-doc td.br-num{white-space:nowrap;color:#6b7280;font-size:.8rem}
[data-testid="stMainBlockContainer"]{padding-top:2.5rem}
</style>"""


@dataclass(frozen=True)
class Mark:
    """A span of text to highlight: character offsets, its severity, and a tooltip."""

    start: int
    end: int
    severity: str
    title: str = ""


def escape(text: str) -> str:
    """HTML-escape ``text`` (quotes too, so it is safe in attributes)."""
    return html.escape(text, quote=True)


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with each mark's span wrapped in a coloured ``<mark>``.

    Overlapping marks are cut at every boundary; each piece takes the colour of the most
    serious mark covering it. Marks outside the text are ignored (a stale finding).
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    pieces: list[str] = []
    for start, end in pairwise(bounds):
        piece = escape(text[start:end])
        covering = [m for m in valid if m.start <= start and end <= m.end]
        if not covering:
            pieces.append(piece)
            continue
        worst = min(covering, key=lambda m: _rank(m.severity))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        colour = MARK_COLOURS.get(worst.severity, MARK_COLOURS["info"])
        pieces.append(
            f'<mark class="br-{escape(worst.severity)}" style="background:{colour}"'
            f' title="{escape(title)}">{piece}</mark>'
        )
    return "".join(pieces)


def _rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def mark_of(span: Span | None, finding: Finding) -> list[Mark]:
    """The finding's span as a mark (none if the finding has no span on that side)."""
    if span is None:
        return []
    return [Mark(span.start, span.end, str(finding.severity), f"{finding.check}: {span.text}")]


def pair_html(text: str, marks: Iterable[Mark], lang: str) -> str:
    """One side of a pair, highlighted, in a block with its language set."""
    return f'<div class="br-pair" lang="{escape(lang)}">{highlight(text, marks)}</div>'


def source_html(segment: Segment, findings: Sequence[Finding]) -> str:
    """The Chinese of ``segment`` with the source spans of ``findings`` highlighted."""
    marks = [m for f in findings for m in mark_of(f.source_span, f)]
    return pair_html(segment.source, marks, "zh")


def target_html(segment: Segment, findings: Sequence[Finding]) -> str:
    """The English of ``segment`` with the target spans of ``findings`` highlighted."""
    marks = [m for f in findings for m in mark_of(f.target_span, f)]
    return pair_html(segment.target, marks, "en")


def severity_badge(severity: str) -> str:
    colour = BADGE_COLOURS.get(severity, BADGE_COLOURS["info"])
    return f'<span class="br-badge" style="background:{colour}">{escape(severity.upper())}</span>'


def status_badge(status: str) -> str:
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["open"])
    return f'<span class="br-badge" style="background:{colour}">{escape(status)}</span>'


def finding_header(
    finding: Finding, status: str, *, selected: bool = False, unit_id: str | None = None
) -> str:
    """Severity, check id, MQM category, segment number (and the bilingual file's unit id)
    and status, on one line."""
    pointer = "&#9654; " if selected else ""
    unit = f" &middot; unit {escape(unit_id)}" if unit_id else ""
    return (
        f"<div>{pointer}{severity_badge(str(finding.severity))}"
        f'<span class="br-check">{escape(finding.check)}</span>'
        f'<span class="br-muted">MQM {escape(finding.mqm)} &middot; segment {finding.segment}'
        f"{unit}</span> {status_badge(status)}</div>"
    )


def message_html(finding: Finding) -> str:
    """The finding's message and, if it has one, its suggestion."""
    parts = [f"<div>{escape(finding.message)}</div>"]
    if finding.suggestion is not None:
        replaced = finding.target_span.text if finding.target_span else ""
        parts.append(
            "<div><b>Suggestion:</b> "
            + (f"<del>{escape(replaced)}</del> &rarr; " if replaced else "")
            + f"<ins>{escape(finding.suggestion)}</ins></div>"
        )
    return f'<div class="br-diff">{"".join(parts)}</div>'


def comments_html(comments: Sequence[Decision]) -> str:
    """The comments on a finding: who, when, what (a dismissal's comment with its reason)."""
    items = []
    for decision in comments:
        reason = f" ({escape(decision.reason)})" if decision.reason else ""
        items.append(
            f"<li><b>{escape(decision.who)}</b> "
            f'<span class="br-muted">{escape(decision.when)}{reason}</span>: '
            f"{escape(decision.comment or '')}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else ""


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff_html(before: str, after: str) -> str:
    """``before`` → ``after`` word by word: removed words struck out, added ones marked."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[a1:a2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return f'<div class="br-pair br-diff">{"".join(out)}</div>'


def decision_html(decision: Decision) -> str:
    """An accepted suggestion or an edit: who, when, which segment, and the word diff."""
    what = escape(decision.check) + " &middot; " if decision.check else ""
    head = (
        f'<div class="br-muted">{status_badge(decision.action)}{what}segment {decision.segment}'
        f" &middot; {escape(decision.who)} &middot; {escape(decision.when)}</div>"
    )
    diff = word_diff_html(decision.before or "", decision.after or "")
    return head + diff


def document_html(segments: Sequence[Segment], findings: Sequence[Finding]) -> str:
    """Every aligned pair side by side, highlighted, with its number and confidence."""
    by_segment: dict[int, list[Finding]] = {}
    for finding in findings:
        by_segment.setdefault(finding.segment, []).append(finding)
    rows = []
    for segment in segments:
        found = by_segment.get(segment.id, [])
        rows.append(
            f'<tr><td class="br-num">{segment.id}<br>{segment.confidence:.2f}{_unit(segment)}'
            "</td>"
            f"<td>{source_html(segment, found)}</td><td>{target_html(segment, found)}</td></tr>"
        )
    head = (
        '<tr><th class="br-num"># / conf.</th><th>Chinese</th><th>English</th></tr>' if rows else ""
    )
    return f'<table class="br-doc">{head}{"".join(rows)}</table>'


def sentences_html(sentences: Sequence[str], lang: str) -> str:
    """A pair's sentences, numbered from 1, escaped (to choose where to split it)."""
    items = "".join(f"<li>{escape(sentence)}</li>" for sentence in sentences)
    empty = '<span class="br-muted">(none)</span>'
    return f'<ol class="br-pair" lang="{lang}">{items}</ol>' if items else empty


def entries_html(views: Sequence[EntryView]) -> str:
    """Glossary entries as a table: id and kind, Chinese, English, details."""
    rows = "".join(
        f"<tr><td><code>{escape(v.id)}</code><br>"
        f'<span class="br-muted">{escape(v.kind)}</span></td>'
        f'<td lang="zh">{escape("、".join(v.zh))}</td><td>{escape("; ".join(v.en))}</td>'
        f'<td class="br-muted">{"<br>".join(escape(d) for d in v.details)}</td></tr>'
        for v in views
    )
    head = "<tr><th>entry</th><th>Chinese</th><th>English</th><th>details</th></tr>"
    return f'<table class="br-doc br-entries">{head}{rows}</table>'


def explanations_html(label: str, lines: Sequence[str]) -> str:
    """Why each entity of one side matched, one line each."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    body = f"<ul>{items}</ul>" if items else '<p class="br-muted">No glossary entity found.</p>'
    return f"<div><b>{escape(label)}</b>{body}</div>"


def _unit(segment: Segment) -> str:
    return f"<br>{escape(segment.unit_id)}" if segment.unit_id else ""


def path_html(label: str, value: str) -> str:
    """A labelled path or value, escaped."""
    return f'<div class="br-muted"><b>{escape(label)}</b> {escape(value)}</div>'


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~$|#])")


def md_escape(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped (for ``st.error`` etc.)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
