"""The overview of a batch: index.html, findings.csv, junit.xml and errors.json.

index.html and errors.json are built from the outcomes (counts, no findings). findings.csv and
the findings in junit.xml's failures are read from the documents' JSON reports, one at a time,
and written as they are read: the parent never holds every finding of the batch."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from review_app.batch.outcome import Brief, Outcome, briefs, csv_rows, read_report
from review_app.batch.storage import Folder
from review_app.findings import SEVERITIES

if TYPE_CHECKING:
    from review_app.report.model import Report


@dataclass
class _Tally:
    """What the overview counts over all the outcomes, gathered in one pass."""

    errors: list[Outcome] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    failing: int = 0
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_check: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0  # the documents' own times, summed
    with_reference: bool = False


@dataclass
class BatchResult:
    """A run's outcomes and what the overview says of them. The outcomes may be a
    :class:`~review_app.batch.ledger.Ledger` on disk: the counts are gathered in one pass
    (:attr:`tally`), which keeps counts, not outcomes (but for the documents that could not be
    read)."""

    outcomes: Sequence[Outcome]
    fail_on: str
    formats: tuple[str, ...]
    tool_version: str
    glossary_version: str
    seconds: float
    # Where the documents' JSON reports are (the findings of findings.csv and junit.xml).
    out: Folder | None = None

    @cached_property
    def tally(self) -> _Tally:
        tally = _Tally()
        for outcome in self.outcomes:
            tally.statuses[outcome.status] += 1
            tally.seconds += outcome.seconds
            tally.with_reference |= outcome.reference_ter is not None
            if outcome.error is not None:
                tally.errors.append(outcome)
                continue
            tally.failing += outcome.reaches(self.fail_on)
            for severity in SEVERITIES:
                tally.totals[severity] += outcome.counts.get(severity, 0)
            for check, counts in outcome.by_check.items():
                row = tally.by_check.setdefault(check, dict.fromkeys(SEVERITIES, 0))
                for severity, count in counts.items():
                    row[severity] = row.get(severity, 0) + count
        return tally

    @property
    def errors(self) -> list[Outcome]:
        return self.tally.errors

    @property
    def reviewed(self) -> Iterator[Outcome]:
        return (o for o in self.outcomes if o.error is None)

    @property
    def failing(self) -> int:
        """How many documents have a finding that reaches --fail-on."""
        return self.tally.failing

    @property
    def statuses(self) -> Counter[str]:
        return self.tally.statuses

    def totals(self) -> dict[str, int]:
        return dict(self.tally.totals)

    def by_check(self) -> dict[str, dict[str, int]]:
        """Findings by check and severity, the most frequent check first."""
        table = self.tally.by_check
        return dict(sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0])))

    def worst_first(self) -> Iterator[Outcome]:
        """The documents read, the worst first: sorted by their keys, then read one by one."""

        def key(outcome: Outcome) -> tuple[Any, ...]:
            worst = outcome.worst
            rank = SEVERITIES.index(worst) if worst else len(SEVERITIES)
            return (rank, *(-outcome.counts.get(s, 0) for s in SEVERITIES), outcome.name)

        order = sorted(
            (key(outcome), index)
            for index, outcome in enumerate(self.outcomes)
            if outcome.error is None
        )
        return (self.outcomes[index] for _, index in order)

    def exit_code(self) -> int:
        return 1 if self.errors or self.failing else 0

    def summary_line(self, out: Folder) -> str:
        totals = ", ".join(f"{count} {severity}" for severity, count in self.totals().items())
        threshold = (
            f"; {self.failing} reach --fail-on {self.fail_on}" if self.fail_on != "never" else ""
        )
        count = len(self.outcomes)
        return (
            f"bireview batch: {count} document{'s' if count != 1 else ''}"
            f" ({self.statuses['checked']} checked, {self.statuses['unchanged']} "
            f"unchanged, {len(self.errors)} could not be read) in {self.seconds:.1f} s; "
            f"findings: {totals}{threshold}. Overview: {out.location('index.html')}"
        )


def write_overview(out: Folder, batch: BatchResult) -> None:
    """errors.json and index.html, and findings.csv and junit.xml by the formats chosen (their
    findings read from the reports in ``out``)."""
    if batch.out is None:
        batch = replace(batch, out=out)
    errors = [
        {"document": o.name, "inputs": list(o.inputs), "error": o.error} for o in batch.errors
    ]
    out.write("errors.json", json.dumps(errors, ensure_ascii=False, indent=2) + "\n")
    if "csv" in batch.formats:
        out.write("findings.csv", findings_csv(batch))
    if "junit" in batch.formats:
        out.write("junit.xml", junit_pieces(batch))
    out.write("index.html", index_pieces(batch))


def findings_csv(batch: BatchResult) -> Iterator[str]:
    """Every finding of every document: ``document`` then the columns of the CSV report, read
    from the reports a document at a time and given a line at a time."""
    import csv
    import io

    from review_app.report.csv_report import BOM, HEADER, safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(row: Iterable[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        return buffer.getvalue()

    yield BOM + line(("document", *HEADER))
    for outcome in batch.reviewed:
        report = _report(batch, outcome) if any(outcome.counts.values()) else None
        for row in csv_rows(report) if report is not None else ():
            yield line((safe_cell(outcome.name), *row))


def _report(batch: BatchResult, outcome: Outcome) -> Report | None:
    return read_report(batch.out, outcome.name) if batch.out is not None else None


_XML_INVALID = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # compiled when used


def _xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold (control characters) replaced."""
    return re.sub(_XML_INVALID, "\ufffd", text)


def junit_xml(batch: BatchResult) -> str:
    """junit.xml as one text (see :func:`junit_pieces`)."""
    return "".join(junit_pieces(batch))


def junit_pieces(batch: BatchResult) -> Iterator[str]:
    """junit.xml a document at a time: one ``<testcase>`` a document, a ``<failure>`` when a
    finding reaches --fail-on (its findings read from the document's report), an ``<error>``
    when the document could not be read.

    Valid against the JUnit schema of Jenkins' xunit plugin (junit-10.xsd), which allows only
    ``name``, ``classname``, ``time`` and ``group`` on ``<testcase>``, and in it no
    ``<properties>``. So the document's file is no ``file`` attribute: it is the ``file:`` line
    of ``<system-out>`` (which Jenkins shows) and the first line of the ``<failure>`` or
    ``<error>`` text (which GitLab shows; it ignores ``<system-out>``)."""
    import xml.etree.ElementTree as ET

    counts = {
        "tests": str(len(batch.outcomes)),
        "failures": str(batch.failing),
        "errors": str(len(batch.errors)),
    }
    seconds = f"{batch.tally.seconds:.3f}"
    root = ET.Element("testsuites", {"name": "bireview", **counts, "time": seconds})
    timestamp = dt.datetime.now().replace(microsecond=0).isoformat()
    suite = ET.SubElement(
        root,
        "testsuite",
        {"name": "bireview batch", **counts, "skipped": "0", "time": seconds},
        timestamp=timestamp,
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("bireview.version", batch.tool_version),
        ("glossary.version", batch.glossary_version),
        ("fail-on", batch.fail_on),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    ET.indent(root)
    # The test cases go between the properties and the suite's end tag.
    frame = ET.tostring(root, encoding="unicode")
    cut = frame.index("</properties>") + len("</properties>\n")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + frame[:cut]
    for outcome in batch.outcomes:
        case = _test_case(batch, outcome)
        ET.indent(case, level=2)
        yield "    " + ET.tostring(case, encoding="unicode").rstrip() + "\n"
    yield frame[cut:] + "\n"


def _test_case(batch: BatchResult, outcome: Outcome) -> Any:
    import xml.etree.ElementTree as ET

    case = ET.Element(
        "testcase",
        classname="bireview",
        name=_xml_text(outcome.name),
        time=f"{outcome.seconds:.3f}",
    )
    # The English file (a bilingual file's only one).
    file = f"file: {outcome.inputs[min(1, len(outcome.inputs) - 1)]}"
    if outcome.error is not None:
        error = ET.SubElement(case, "error", message=_xml_text(outcome.error), type="input")
        error.text = _xml_text(f"{file}\n{outcome.error}")
        out = ET.SubElement(case, "system-out")
        out.text = _xml_text(f"{outcome.label}\n{file}")
        return case
    if outcome.reaches(batch.fail_on):
        failure = ET.SubElement(
            case,
            "failure",
            message=_xml_text(f"{outcome.counts_text()} (--fail-on {batch.fail_on})"),
            type=str(outcome.worst),
        )
        report = _report(batch, outcome)
        lines = map(_brief_line, briefs(report)) if report is not None else ()
        failure.text = _xml_text("\n".join([file, *lines]))
    date = f"{outcome.date} ({outcome.date_origin})" if outcome.date else "unknown"
    out = ET.SubElement(case, "system-out")
    out.text = _xml_text(
        f"{outcome.label}\n{file}\ndate: {date}\nsegments: {outcome.segments}\n"
        f"findings: {outcome.counts_text()}\nreport: {outcome.name}.json ({outcome.status})"
    )
    return case


def _brief_line(brief: Brief) -> str:
    unit = f", unit {brief.unit_id}" if brief.unit_id else ""
    return (
        f"[{brief.severity.upper()}] {brief.check} (segment {brief.segment}{unit}): {brief.message}"
    )


_INDEX_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;color:#222;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-top:1px solid #ddd;
padding:.35rem .5rem;vertical-align:top;text-align:left}td.n,th.n{text-align:right}
h2{margin-top:2rem}.sig{color:#777;font-size:.85em}.tot span{margin-right:1.5em}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.critical{color:#b00}
.major{color:#c60}.minor{color:#886a00}.info{color:#246}.err{color:#b00}
.bar{display:flex;height:1rem;min-width:1px;background:#eee}.bar span{display:block;height:100%}
.b-critical{background:#d33}.b-major{background:#f0962e}.b-minor{background:#e8c93a}
.b-info{background:#7aa7e0}td.chart{width:45%}.zero{color:#bbb}.fail{color:#b00;font-weight:bold}
"""


def index_html(batch: BatchResult) -> str:
    """index.html as one text (see :func:`index_pieces`)."""
    return "".join(index_pieces(batch))


def index_pieces(batch: BatchResult) -> Iterator[str]:
    """The overview page, a document's row at a time: self-contained, every name and message
    escaped."""
    from html import escape

    totals = batch.totals()
    total = sum(totals.values())
    by_check = batch.by_check()
    widest = max((sum(row.values()) for row in by_check.values()), default=0)
    tot = "".join(
        f'<span class="{s}"><span class="sev">{s}</span> {totals[s]}</span>' for s in SEVERITIES
    )
    severity_rows = "".join(
        f'<tr><td><span class="sev {s}">{s}</span></td><td class="n">{totals[s]}</td>'
        f'<td class="chart">{_bar({s: totals[s]}, max(total, 1))}</td></tr>'
        for s in SEVERITIES
    )
    check_rows = (
        "".join(
            f"<tr><td><code>{escape(check)}</code></td>"
            + "".join(_count_cell(row[s], s) for s in SEVERITIES)
            + f'<td class="n">{sum(row.values())}</td>'
            + f'<td class="chart">{_bar(row, widest)}</td></tr>'
            for check, row in by_check.items()
        )
        or '<tr><td colspan="7">No findings.</td></tr>'
    )
    error_rows = "".join(
        f"<tr><td>{escape(o.label)}</td><td>{escape(o.error or '')}</td></tr>" for o in batch.errors
    )
    errors_section = (
        f'<h2 id="errors" class="err">Could not be read ({len(batch.errors)})</h2>'
        f"<table><thead><tr><th>Document</th><th>Reason</th></tr></thead><tbody>{error_rows}"
        "</tbody></table>"
        if batch.errors
        else ""
    )
    with_reference = batch.tally.with_reference
    head = "".join(f'<th class="n">{s}</th>' for s in SEVERITIES)
    score_head = (
        '<th class="n" title="TER against the reference (--reference-dir)">TER</th>'
        '<th class="n" title="BLEU against the reference (--reference-dir)">BLEU</th>'
        if with_reference
        else ""
    )
    checked, unchanged = batch.statuses["checked"], batch.statuses["unchanged"]
    failing = batch.failing
    generated = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    yield (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>bireview batch: {len(batch.outcomes)} documents</title>"
        f"<style>{_INDEX_STYLE}</style></head><body><h1>Batch review</h1>"
        f"<p>{len(batch.outcomes)} document{'s' if len(batch.outcomes) != 1 else ''}: "
        f"{checked} checked, {unchanged} unchanged since "
        f'the last run, <a href="errors.json">{len(batch.errors)} could not be read</a>. '
        f"{failing} reach --fail-on {escape(batch.fail_on)}.</p>"
        f'<p class="tot">{tot}</p>'
        f"<h2>Findings by severity</h2><table><tbody>{severity_rows}</tbody></table>"
        f"<h2>Findings by check</h2><table><thead><tr><th>Check</th>{head}"
        f'<th class="n">total</th><th></th></tr></thead><tbody>{check_rows}</tbody></table>'
        f"{errors_section}"
        f"<h2>Documents, worst first</h2><table><thead><tr><th>#</th><th>Document</th>"
        f'<th>Date</th><th class="n">segments</th>{head}{score_head}<th>--fail-on</th>'
        "<th></th></tr></thead><tbody>"
    )
    yield from _document_rows(batch, with_reference)
    yield (
        "</tbody></table>"
        f'<p class="sig">bireview {escape(batch.tool_version)} · glossary '
        f"{escape(batch.glossary_version)} · {escape(generated)}</p></body></html>\n"
    )


def _document_rows(batch: BatchResult, with_reference: bool) -> Iterator[str]:
    """The documents' rows of index.html, the worst first, one at a time."""
    from html import escape
    from urllib.parse import quote

    suffix = ".html" if "html" in batch.formats else ".json"
    for rank, outcome in enumerate(batch.worst_first(), 1):
        href = escape(quote(outcome.name + suffix))
        date = escape(outcome.date or "unknown")
        if outcome.date and outcome.date_origin:
            date += f' <span class="sig">({escape(outcome.date_origin)})</span>'
        verdict = '<span class="fail">fail</span>' if outcome.reaches(batch.fail_on) else "pass"
        scores = ""
        if with_reference:
            scores = "".join(
                f'<td class="n">{value:.1f}</td>' if value is not None else '<td class="n">–</td>'
                for value in (outcome.reference_ter, outcome.reference_bleu)
            )
        yield (
            f'<tr><td class="n">{rank}</td><td><a href="{href}">{escape(outcome.label)}</a>'
            f'</td><td>{date}</td><td class="n">{outcome.segments}</td>'
            + "".join(_count_cell(outcome.counts.get(s, 0), s) for s in SEVERITIES)
            + f"{scores}<td>{verdict}</td><td>{escape(outcome.status)}</td></tr>"
        )


def _count_cell(count: int, severity: str) -> str:
    return f'<td class="n {severity if count else "zero"}">{count}</td>'


def _bar(counts: dict[str, int], scale: int) -> str:
    """A horizontal bar: one coloured part a severity, its width a share of ``scale``."""
    parts = "".join(
        f'<span class="b-{s}" style="width:{100 * counts[s] / scale:.2f}%" '
        f'title="{counts[s]} {s}"></span>'
        for s in SEVERITIES
        if counts.get(s) and scale
    )
    return f'<div class="bar">{parts}</div>'
