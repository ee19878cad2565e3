"""Writers for metric scores (:class:`review_app.scoring.Scores`): ``bireview score`` output,
and the block that a review report against a reference (``check --reference``) gains."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from html import escape

from review_app.scoring import DEFAULT_TOP, ScoredPair, Scores

CSV_HEADER = (
    "id",
    "ter",
    "edits",
    "bleu",
    "chrf",
    "hypothesis",
    "reference",
    "source",
    "hypothesis_units",
    "reference_units",
)
PAIRING_NAMES = {
    "source": "through the Chinese source",
    "lines": "line by line",
    "sentences": "sentences aligned",
    "segments": "the review's segments aligned with the reference's sentences",
}


def document_lines(scores: Scores) -> list[str]:
    """Each document score as sacrebleu prints it, its signature on the next line; then the
    signatures of the segment scores."""
    lines = []
    for score in scores.document:
        lines.append(score.detail)
        lines.append(f"  signature: {score.signature}")
    names = {score.metric: score.name for score in scores.document}
    document = {score.metric: score.signature for score in scores.document}
    same = []
    for metric, signature in scores.segment_signatures:
        if document.get(metric) == signature:
            same.append(names.get(metric, metric))
        else:
            lines.append(f"segment {names.get(metric, metric)}: {signature}")
    if same:
        lines.append(f"segment {' and '.join(same)}: the same signature")
    return lines


def _pair_lines(scored: ScoredPair, label: str) -> list[str]:
    pair = scored.pair
    lines = [
        f"[{label}] TER {scored.ter:.2f}  BLEU {scored.bleu:.2f}  chrF2 {scored.chrf:.2f}"
        f"  ({scored.edits} edit{'s' * (scored.edits != 1)})"
    ]
    if pair.source is not None:
        lines.append(f"  zh:  {pair.source}")
    lines.append(f"  hyp: {pair.hypothesis}")
    lines.append(f"  ref: {pair.reference}")
    return lines


def to_text(scores: Scores, top: int = DEFAULT_TOP) -> str:
    """The document scores with their signatures, then the ``top`` pairs of highest TER."""
    lines = [f"hypothesis: {scores.hypothesis_path}", f"reference:  {scores.reference_path}"]
    if scores.source_path:
        lines.append(f"source:     {scores.source_path}")
    count = len(scores.segments)
    lines.append(
        f"pairing:    {count} segment{'s' * (count != 1)}, "
        f"{PAIRING_NAMES.get(scores.pairing, scores.pairing)}"
    )
    lines.append("")
    lines.extend(document_lines(scores))
    changed = scores.most_changed(top)
    if changed:
        lines.append("")
        lines.append(f"Most changed segments (highest TER first, {len(changed)} of {count}):")
        for scored in changed:
            lines.append("")
            lines.extend(_pair_lines(scored, f"segment {scored.id}"))
    return "\n".join(lines) + "\n"


def to_json(scores: Scores, top: int = DEFAULT_TOP) -> str:
    """Every pair's scores and the document's, in the ``bireview.scores/1`` schema."""
    return json.dumps(scores.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(scores: Scores, top: int = DEFAULT_TOP) -> str:
    """One row a pair, in document order; UTF-8 with a BOM, cells safe for spreadsheets (as
    :mod:`review_app.report.csv_report`)."""
    from review_app.report.csv_report import BOM, safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for scored in scores.segments:
        pair = scored.pair
        row = (
            scored.id,
            f"{scored.ter:.4f}",
            scored.edits,
            f"{scored.bleu:.4f}",
            f"{scored.chrf:.4f}",
            pair.hypothesis,
            pair.reference,
            pair.source,
            " ".join(map(str, pair.hypothesis_units)),
            " ".join(map(str, pair.reference_units)),
        )
        writer.writerow([safe_cell(cell) for cell in row])
    return BOM + buffer.getvalue()


FORMATS: dict[str, Callable[[Scores, int], str]] = {
    "text": to_text,
    "json": to_json,
    "csv": to_csv,
}


# -- the block of a review report ---------------------------------------------------------------


def _covered(scored: ScoredPair) -> str:
    segments = scored.pair.segments
    if not segments:
        return "reference only"
    return "segment" + "s" * (len(segments) > 1) + " " + "+".join(map(str, segments))


def review_text_block(scores: Scores, top: int = DEFAULT_TOP) -> list[str]:
    """The lines a text review report gains with a reference."""
    lines = [
        f"reference: {scores.reference_path} ({PAIRING_NAMES.get(scores.pairing, scores.pairing)})",
        *document_lines(scores),
    ]
    changed = [scored for scored in scores.most_changed(top) if scored.ter > 0]
    if changed:
        lines.append("most changed (highest TER first):")
        for scored in changed:
            lines.extend("  " + line for line in _pair_lines(scored, _covered(scored)))
    return lines


def review_html_block(scores: Scores, top: int = DEFAULT_TOP) -> str:
    """The section an HTML review report gains with a reference (all text escaped)."""
    rows = "".join(
        f"<tr><td>{escape(score.name)}</td><td>{score.score:.2f}</td>"
        f'<td class="sig">{escape(score.signature)}</td></tr>'
        for score in scores.document
    )
    names = {score.metric: score.name for score in scores.document}
    segment_signatures = "<br>".join(
        f"{escape(names.get(metric, metric))}: {escape(signature)}"
        for metric, signature in scores.segment_signatures
    )
    changed_rows = "".join(
        f"<tr><td>{escape(_covered(scored))}</td><td>{scored.ter:.2f}</td>"
        f"<td>{scored.bleu:.2f}</td><td>{scored.chrf:.2f}</td>"
        f'<td lang="en">{escape(scored.pair.hypothesis)}</td>'
        f'<td lang="en">{escape(scored.pair.reference)}</td></tr>'
        for scored in scores.most_changed(top)
        if scored.ter > 0
    )
    changed = (
        "<h3>Most changed segments (highest TER first)</h3><table><thead><tr><th>Segment</th>"
        "<th>TER</th><th>BLEU</th><th>chrF2</th><th>English</th><th>Reference</th></tr></thead>"
        f"<tbody>{changed_rows}</tbody></table>"
        if changed_rows
        else "<p>No segment differs from the reference.</p>"
    )
    pairing = PAIRING_NAMES.get(scores.pairing, scores.pairing)
    return (
        '<h2 id="reference">Against the reference</h2>'
        f"<p>Reference: <code>{escape(str(scores.reference_path))}</code> "
        f"({escape(pairing)})</p>"
        "<table><thead><tr><th>Metric</th><th>Document</th><th>sacrebleu signature</th></tr>"
        f'</thead><tbody>{rows}</tbody></table><p class="sig">Segment scores: '
        f"{segment_signatures}</p>{changed}"
    )
