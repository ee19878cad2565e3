"""The report formats on a report with a translator's decisions: CSV, HTML, text and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from review_app.cli import main
from review_app.decision import Decision
from review_app.document import Segment
from review_app.findings import Finding, Severity, Span
from review_app.report.csv_report import BOM, HEADER, to_csv
from review_app.report.html import to_html
from review_app.report.model import Report
from review_app.report.render import FORMATS, to_json, to_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"

ZH0 = "推动粤吉合作迈上新台阶"
EN0 = "Promote Guangdong-Kyrgyzstan cooperation to a new level"
ZH1 = "吉林省委书记景俊海出席会议。"
EN1 = '=HYPERLINK("http://evil.example") Jing Junhai, <script>alert(1)</script> attended.'
ZH2 = "会议在广州举行。"
EN2 = "The meeting was held in Guangzhou, Hunan."


def _finding_false_friend() -> Finding:
    return Finding(
        check="entity.false_friend",
        mqm="accuracy/mistranslation",
        severity=Severity.CRITICAL,
        segment=0,
        message="吉 here is Jilin, but the translation says Kyrgyzstan.",
        source_span=Span.of(ZH0, 2, 4),
        target_span=Span.of(EN0, EN0.index("Guangdong-Kyrgyzstan"), EN0.index(" cooperation")),
        suggestion="Guangdong-Jilin",
        glossary_id="ff.ji-kyrgyzstan",
    )


def _finding_hostile() -> Finding:
    start = EN1.index("Jing Junhai")
    return Finding(
        check="entity.role",
        mqm="accuracy/mistranslation",
        severity=Severity.MAJOR,
        segment=1,
        message="-1 office: check <b>this</b>",
        target_span=Span.of(EN1, start, start + len("Jing Junhai")),
    )


def _finding_without_spans() -> Finding:
    return Finding(
        check="entity.extra",
        mqm="accuracy/addition",
        severity=Severity.MINOR,
        segment=2,
        message="Hunan is in the translation but not in the source.",
    )


def report_with_decisions() -> Report:
    false_friend, hostile, no_spans = (
        _finding_false_friend(),
        _finding_hostile(),
        _finding_without_spans(),
    )
    decisions = (
        Decision(
            action="commented",
            segment=1,
            who="li",
            when="2024-05-01T09:00:00+00:00",
            finding_id=hostile.id,
            check=hostile.check,
            comment="ask <i>the editor</i>",
        ),
        Decision(
            action="dismissed",
            segment=1,
            who="wang",
            when="2024-05-01T09:05:00+00:00",
            finding_id=hostile.id,
            check=hostile.check,
            reason="acceptable variant",
            comment="house style",
        ),
        # Accepted earlier on a finding the re-check no longer reports (so not in findings).
        Decision(
            action="accepted",
            segment=2,
            who="li",
            when="2024-05-01T09:10:00+00:00",
            finding_id="entity.false_friend-0000000000",
            check="entity.false_friend",
            before="Guangdong-Kyrgyzstan <script>x()</script>",
            after="Guangdong-Jilin",
        ),
    )
    return Report(
        source_path="in/source.zh.txt",
        target_path="in/release.en.txt",
        date=dt.date(2023, 11, 10),
        segments=(
            Segment(0, ZH0, EN0, (0,), (0,), 0.9, unit_id="tu-7"),
            Segment(1, ZH1, EN1, (1,), (1,), 0.8),
            Segment(2, ZH2, EN2, (2,), (2,), 0.7),
        ),
        findings=(false_friend, hostile, no_spans),
        decisions=decisions,
    )


def rows_of(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    reader = csv.DictReader(io.StringIO(text.removeprefix(BOM)))
    assert tuple(reader.fieldnames or ()) == HEADER
    return list(reader)


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_has_one_row_a_finding_with_spans_and_decisions() -> None:
    report = report_with_decisions()
    rows = rows_of(to_csv(report))
    # Every finding, then every fix the re-check no longer reports (issue 17: the CSV carries
    # every decision).
    fixed = "entity.false_friend-0000000000"
    assert [row["finding_id"] for row in rows] == [f.id for f in report.findings] + [fixed]
    assert (rows[-1]["status"], rows[-1]["decided_by"], rows[-1]["segment_target"]) == (
        "accepted",
        "li",
        "Guangdong-Jilin",
    )

    first = rows[0]
    assert first["source_path"] == "in/source.zh.txt"
    assert first["date"] == "2023-11-10"
    assert (first["segment"], first["unit_id"]) == ("0", "tu-7")
    assert (first["check"], first["severity"]) == ("entity.false_friend", "critical")
    assert first["segment_source"] == ZH0 and first["segment_target"] == EN0
    assert (first["source_span"], first["source_start"], first["source_end"]) == ("粤吉", "2", "4")
    start, end = int(first["target_start"]), int(first["target_end"])
    assert first["target_span"] == EN0[start:end] == "Guangdong-Kyrgyzstan"
    assert first["suggestion"] == "Guangdong-Jilin"
    assert first["glossary_id"] == "ff.ji-kyrgyzstan"
    assert first["status"] == "open"
    assert first["decided_by"] == first["decided_at"] == first["reason"] == first["comment"] == ""

    dismissed = rows[1]
    assert dismissed["status"] == "dismissed"
    assert dismissed["decided_by"] == "wang"
    assert dismissed["decided_at"] == "2024-05-01T09:05:00+00:00"
    assert dismissed["reason"] == "acceptable variant"
    assert dismissed["comment"] == "ask <i>the editor</i> | house style"
    assert dismissed["unit_id"] == ""


def test_csv_finding_without_spans_has_empty_span_cells() -> None:
    row = rows_of(to_csv(report_with_decisions()))[2]
    for column in ("source_span", "source_start", "source_end"):
        assert row[column] == ""
    for column in ("target_span", "target_start", "target_end", "suggestion", "glossary_id"):
        assert row[column] == ""
    assert row["segment_target"] == EN2
    assert row["status"] == "open"


def test_csv_guards_against_formula_injection() -> None:
    rows = rows_of(to_csv(report_with_decisions()))
    hostile = rows[1]
    assert hostile["segment_target"] == "'" + EN1  # starts with =HYPERLINK(
    assert hostile["message"] == "'-1 office: check <b>this</b>"
    # Cells that do not start with a trigger are left alone, wherever the character is.
    assert rows[0]["segment_target"] == EN0
    assert rows[0]["target_span"] == "Guangdong-Kyrgyzstan"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), value


def test_csv_of_a_report_without_decisions_is_all_open() -> None:
    plain = Report(
        source_path="a.zh",
        target_path="@b.en",  # a hostile file name is guarded too
        date=None,
        segments=(Segment(0, ZH0, "+" + EN0, (0,), (0,), 0.9),),
        findings=(_finding_false_friend(),),
    )
    [row] = rows_of(FORMATS["csv"](plain))
    assert row["target_path"] == "'@b.en"
    assert row["segment_target"] == "'+" + EN0
    assert row["date"] == ""
    assert row["status"] == "open"
    assert row["decided_by"] == row["reason"] == row["comment"] == ""
    assert rows_of(FORMATS["csv"](Report("a", "b", None, (), ()))) == []


# -- HTML --------------------------------------------------------------------------------------


def test_html_shows_statuses_and_decisions_escaped() -> None:
    page = to_html(report_with_decisions())
    assert "<script>" not in page and "<i>the editor</i>" not in page and "<b>this" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page  # in a decision's English before
    assert "ask &lt;i&gt;the editor&lt;/i&gt;" in page
    assert '<h2 id="decisions">Decisions</h2>' in page
    findings_part, decisions_part = page.split('<h2 id="decisions">')
    # The dismissed finding's row says so, with who, when and why.
    hostile_row = findings_part.split(f'id="{_finding_hostile().id}"')[1].split("</tr>")[0]
    assert '<span class="status">dismissed</span>' in hostile_row
    assert "by wang, 2024-05-01T09:05:00+00:00" in hostile_row
    assert "acceptable variant" in hostile_row and "house style" in hostile_row
    open_row = findings_part.split(f'id="{_finding_false_friend().id}"')[1].split("</tr>")[0]
    assert '<span class="status">open</span>' in open_row
    # Every decision is a row of the table, in order, with the change before → after.
    body = decisions_part.split("<tbody>")[1].split("</tbody>")[0]
    actions = [row.split("<td>")[1].split("</td>")[0] for row in body.split("<tr>")[1:]]
    assert actions == ["commented", "dismissed", "accepted"]
    assert "<ins>Guangdong-Jilin</ins>" in body


def test_html_without_decisions_has_no_status_or_decision_table() -> None:
    report = report_with_decisions()
    plain = Report(
        report.source_path, report.target_path, report.date, report.segments, report.findings
    )
    page = to_html(plain)
    assert "Decisions</h2>" not in page
    assert 'class="status"' not in page and ".status{" not in page
    assert "<mark>Guangdong-Kyrgyzstan</mark>" in page


# -- text and JSON -----------------------------------------------------------------------------


def test_text_report_appends_the_status_only_with_decisions() -> None:
    report = report_with_decisions()
    lines = [line for line in to_text(report).splitlines() if line.startswith("[")]
    assert lines == [
        # A segment of a bilingual file is named by its unit id, as the CAT tool shows it.
        "[CRITICAL] entity.false_friend  (unit tu-7 (segment 0))  status: open",
        "[MAJOR] entity.role  (segment 1)  status: dismissed",
        "[MINOR] entity.extra  (segment 2)  status: open",
    ]
    plain = Report("a", "b", None, report.segments, report.findings)
    assert "status:" not in to_text(plain)
    assert "unit tu-7 (segment 0)" in to_html(plain)


def test_json_round_trip_keeps_the_decisions() -> None:
    report = report_with_decisions()
    data = json.loads(to_json(report))
    assert [f["status"] for f in data["findings"]] == ["open", "dismissed", "open"]
    again = Report.from_dict(data)
    assert again.decisions == report.decisions
    assert again.findings == report.findings
    assert again.segments == report.segments
    assert again.status(_finding_hostile().id) == "dismissed"
    assert to_csv(again) == to_csv(report)


# -- the command line --------------------------------------------------------------------------


def test_cli_writes_the_seed_as_csv(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert main(["check", str(SEED), "--format", "csv", "-o", str(out)]) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 4
    assert {row["severity"] for row in rows} == {"critical"}
    assert {row["status"] for row in rows} == {"open"}
    assert sorted(row["check"] for row in rows) == ["entity.false_friend"] * 3 + ["entity.role"]
    assert all(row["date"] == "2023-11-10" for row in rows)
    kyrgyzstan = [row for row in rows if row["check"] == "entity.false_friend"]
    assert all("Kyrgyzstan" in row["target_span"] for row in kyrgyzstan)
    assert all(row["suggestion"] and "Jilin" in row["suggestion"] for row in kyrgyzstan)
