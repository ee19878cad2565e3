"""The batch with its inputs and output at fsspec URLs: the reports of a local run, resumable.

memory:// is a file system of this process only, with no local paths and no appending (as
object storage): the batch runs in this process (--jobs 1). file:// URLs go through fsspec too,
and are seen by a pool of worker processes (--jobs 2).
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from review_app.batch import MANIFEST, main
from review_app.batch.plan import JOURNAL
from review_app.batch.storage import Folder, Journal

fsspec = pytest.importorskip("fsspec")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
OVERVIEW = {"index.html", "errors.json", "findings.csv", "junit.xml", MANIFEST}


def documents(folder: Path) -> None:
    """A seed folder, a pair with a critical finding, a TSV and a pair missing its English."""
    shutil.copytree(SEED, folder / "seed-2023-11-10")
    (folder / "sub").mkdir()
    (folder / "sub" / "jilin.zh.txt").write_text("吉林省委书记景俊海出席会议。", encoding="utf-8")
    (folder / "sub" / "jilin.en.txt").write_text(
        "Jing Junhai, Party Secretary of Kyrgyzstan, attended.", encoding="utf-8"
    )
    rows = "广东省委书记黄坤明出席会议。\tHuang Kunming, Party Secretary of Guangdong, attended.\n"
    (folder / "sub" / "table.tsv").write_text(rows, encoding="utf-8")
    (folder / "sub" / "lonely.zh.txt").write_text("只有中文。", encoding="utf-8")


def upload(local: Path, url: str) -> None:
    fs, root = fsspec.core.url_to_fs(url)
    for path in local.rglob("*"):
        if path.is_file():
            fs.pipe_file(f"{root}/{path.relative_to(local).as_posix()}", path.read_bytes())


def files_at(url: str) -> dict[str, bytes]:
    fs, root = fsspec.core.url_to_fs(url)
    return {path[len(root) :].lstrip("/"): fs.cat_file(path) for path in fs.find(root)}


def without_paths(report: dict, prefix: str) -> dict:
    """A JSON report with its documents' paths relative to the input folder ``prefix``."""
    report = dict(report)
    for side in ("source", "target"):
        report[side] = {**report[side], "path": report[side]["path"].removeprefix(prefix)}
    return report


def local_run(tmp_path: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """The JSON reports and the errors of the same documents in local folders."""
    folder, out = tmp_path / "local-in", tmp_path / "local-out"
    documents(folder)
    assert main(["batch", str(folder), "--out", str(out), "--jobs", "1"]) == 1
    reports = {
        path.name: without_paths(json.loads(path.read_text(encoding="utf-8")), f"{folder}/")
        for path in out.glob("*.json")
        if path.name not in {"errors.json", MANIFEST}
    }
    errors = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    return reports, {e["document"]: e["error"].replace(f"{folder}/", "") for e in errors}


def test_a_batch_between_urls_writes_the_reports_of_a_local_run(tmp_path: Path) -> None:
    expected, expected_errors = local_run(tmp_path)
    base = f"memory://bireview-{uuid.uuid4().hex}"
    local = tmp_path / "in"
    documents(local)
    upload(local, f"{base}/in")
    fs, root = fsspec.core.url_to_fs(f"{base}/in")
    prefix = fs.unstrip_protocol(root) + "/"  # fsspec's own form of the URL (memory:///…)

    assert main(["batch", f"{base}/in", "--out", f"{base}/out", "--jobs", "1"]) == 1
    written = files_at(f"{base}/out")
    assert set(written) >= OVERVIEW and JOURNAL not in written
    reports = {
        name: without_paths(json.loads(data), prefix)
        for name, data in written.items()
        if name.endswith(".json") and name not in {"errors.json", MANIFEST}
    }
    assert reports == expected
    assert {name.removesuffix(".json") + ".html" for name in reports} <= set(written)
    errors = json.loads(written["errors.json"])
    # A problem names the document by its URL, as a local run names it by its path.
    assert {e["document"]: e["error"].replace(prefix, "") for e in errors} == expected_errors
    assert errors[0]["error"].startswith(f"{prefix}sub/lonely.zh.txt: ")
    csv_lines = written["findings.csv"].decode("utf-8-sig").splitlines()
    assert sum(1 for line in csv_lines if line.startswith("sub__jilin,")) == 1

    # A second run finds every document unchanged, by the fingerprints of their contents.
    fs, root = fsspec.core.url_to_fs(f"{base}/out")
    fs.rm_file(f"{root}/index.html")
    assert main(["batch", f"{base}/in", "--out", f"{base}/out", "--jobs", "1"]) == 1
    index = files_at(f"{base}/out")["index.html"].decode("utf-8")
    assert "0 checked, 3 unchanged" in index


def test_file_urls_are_read_and_written_by_worker_processes(tmp_path: Path) -> None:
    expected, _ = local_run(tmp_path)
    folder, out = tmp_path / "in", tmp_path / "out"
    documents(folder)
    url = folder.as_uri()
    assert main(["batch", url, "--out", out.as_uri(), "--jobs", "2"]) == 1
    reports = {
        path.name: without_paths(json.loads(path.read_text(encoding="utf-8")), f"{url}/")
        for path in out.glob("*.json")
        if path.name not in {"errors.json", MANIFEST}
    }
    assert reports == expected


def test_a_url_without_its_package_is_a_one_line_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", "nosuchscheme://bucket/releases", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("bireview: error: nosuchscheme://bucket/releases: ")
    assert "\n" not in error and "Traceback" not in error
    assert main(["batch", f"memory://nothing-{uuid.uuid4().hex}", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().endswith(": not found")


def test_a_journal_at_a_url_keeps_the_lines_of_a_run_killed_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Object storage cannot append: the journal is uploaded whole, and a new run's journal
    starts from the lines the killed run had uploaded."""
    folder = Folder(f"memory://journal-{uuid.uuid4().hex}")
    folder.ensure()
    monkeypatch.setattr(Journal, "FLUSH_SECONDS", 0.0)
    first = Journal(folder, JOURNAL)
    first.write('{"a": {}}\n')
    first.write('{"b": {}}\n')  # then killed: no close()
    assert folder.read_text(JOURNAL) == '{"a": {}}\n{"b": {}}\n'
    with folder.journal(JOURNAL) as second:
        second.write('{"c": {}}\n')
    assert folder.read_text(JOURNAL).splitlines() == ['{"a": {}}', '{"b": {}}', '{"c": {}}']


def test_a_reference_dir_at_a_url_scores_each_document(tmp_path: Path) -> None:
    """--reference-dir as a URL: each document's namesake there is copied with it and scored,
    with the scores a local reference folder gives."""
    folder, references = tmp_path / "in", tmp_path / "refs"
    documents(folder)
    (references / "sub").mkdir(parents=True)
    draft = "Jing Junhai, the Party Secretary of Jilin, was at the meeting."
    (references / "sub" / "jilin.en.txt").write_text(draft, encoding="utf-8")
    local_out = tmp_path / "local-out"
    args = ["--jobs", "1", "--reference-dir"]
    assert main(["batch", str(folder), "--out", str(local_out), *args, str(references)]) == 1
    expected = json.loads((local_out / "sub__jilin.json").read_text(encoding="utf-8"))
    assert expected["reference"]  # the local run scored it

    base = f"memory://bireview-{uuid.uuid4().hex}"
    upload(folder, f"{base}/in")
    upload(references, f"{base}/refs")
    assert main(["batch", f"{base}/in", "--out", f"{base}/out", *args, f"{base}/refs"]) == 1
    scores = json.loads(files_at(f"{base}/out")["sub__jilin.json"])["reference"]
    fs, root = fsspec.core.url_to_fs(base)
    prefix = fs.unstrip_protocol(root)
    # The scores name the URLs, not the copies the worker made of them.
    assert scores["hypothesis"]["path"] == f"{prefix}/in/sub/jilin.en.txt"
    assert scores["reference"]["path"] == f"{prefix}/refs/sub/jilin.en.txt"
    text = json.dumps(scores).replace(f"{prefix}/in", str(folder))
    assert json.loads(text.replace(f"{prefix}/refs", str(references))) == expected["reference"]
    assert "reference" not in json.loads(files_at(f"{base}/out")["sub__table.tsv.json"])
