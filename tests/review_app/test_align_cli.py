"""`bireview align`: the pairs in each format, already-split input, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignment.formats import read_vecalign
from review_app.cli import main

ZH = "广东省委书记黄坤明主持会议。吉林省委书记景俊海出席会议并讲话。\n\n双方签署了合作协议。\n"
EN = (
    "Huang Kunming, Party Secretary of Guangdong, presided over the meeting. "
    "Jing Junhai, Party Secretary of Jilin, attended and spoke.\n\n"
    "The two sides signed a cooperation agreement.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    source, target = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    source.write_text(ZH, encoding="utf-8")
    target.write_text(EN, encoding="utf-8")
    return str(source), str(target)


def test_vecalign_format(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", *pair, "--format", "vecalign"]) == 0
    out = capsys.readouterr().out
    assert out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
    assert read_vecalign(out) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_text_and_tsv_formats(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    main(["align", *pair])
    text = capsys.readouterr().out
    assert "zh: 双方签署了合作协议。" in text and "en: The two sides signed" in text
    main(["align", *pair, "--format", "tsv"])
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["source_sentences", "target_sentences", "confidence", "source", "target"]
    assert [row[:2] for row in rows[1:]] == [["[0]", "[0]"], ["[1]", "[1]"], ["[2]", "[2]"]]
    assert all(0.0 <= float(row[2]) <= 1.0 for row in rows[1:])


def test_tmx_format_reads_back(pair: tuple[str, str], tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    out = tmp_path / "pairs.tmx"
    assert main(["align", *pair, "--format", "tmx", "-o", str(out)]) == 0
    memory = tmxfile(out.read_bytes())
    units = [(unit.source, unit.target) for unit in memory.units]
    assert units[2] == ("双方签署了合作协议。", "The two sides signed a cooperation agreement.")
    assert len(units) == 3
    # Plain text in: the bare languages, and bireview named as the tool that made it.
    header = memory.document.getroot().find("header")
    assert header.get("creationtool") == "bireview" and header.get("srclang") == "zh"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {tuv.get(xml_lang) for tuv in memory.document.getroot().iter("tuv")} == {"zh", "en"}


def test_sentences_per_line_keeps_the_given_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "s.zh", tmp_path / "s.en"
    source.write_text("那天晚上我没走掉。\n陈清扬把我拽住，以伟大友谊的名义叫我留下来。\n", "utf-8")
    target.write_text(
        "I did not leave that night.\nChen Qingyang caught me\nand asked me to stay in the "
        "name of our great friendship.\n",
        "utf-8",
    )
    assert (
        main(["align", str(source), str(target), "--sentences-per-line", "--format", "vecalign"])
        == 0
    )
    assert capsys.readouterr().out == "[0]:[0]\n[1]:[1,2]\n"


def test_read_vecalign_errors_name_the_line() -> None:
    assert read_vecalign("[0,1]:[0]:0.12\n[]:[1]\n") == [((0, 1), (0,)), ((), (1,))]
    with pytest.raises(ValueError, match="line 2"):
        read_vecalign("[0]:[0]\n0-0\n")


def test_align_bad_input_is_one_line(
    tmp_path: Path, pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.en.txt"
    assert main(["align", pair[0], str(missing)]) == 2
    assert capsys.readouterr().err == f"bireview: error: {missing}: file not found\n"
    assert main(["align", pair[0], pair[1], "--encoder", str(tmp_path / "no-model")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bireview: error: {tmp_path / 'no-model'}") and err.count("\n") == 1


def test_many_pairs_in_one_run_from_a_folder_or_a_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--pairs (issue 18): a test set in one process, each alignment as its own command
    would write it."""
    folder = tmp_path / "set"
    folder.mkdir()
    for name, zh, en in (("001", ZH, EN), ("002", "双方签署了合作协议。\n", "They signed.\n")):
        (folder / f"{name}.zh").write_text(zh, encoding="utf-8")
        (folder / f"{name}.en").write_text(en, encoding="utf-8")
    (folder / "003.zh").write_text("只有中文。\n", encoding="utf-8")  # no English: not a pair
    out = tmp_path / "out"
    assert main(["align", "--pairs", str(folder), "--out-dir", str(out), "--format", "tsv"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["001.tsv", "002.tsv"]
    capsys.readouterr()
    main(["align", str(folder / "001.zh"), str(folder / "001.en"), "--format", "tsv"])
    assert (out / "001.tsv").read_text(encoding="utf-8") == capsys.readouterr().out
    # A list file: paths relative to it, a tab between; a pair that cannot be read is one line
    # on stderr, the others are written, and the exit code is 1.
    listing = tmp_path / "pairs.tsv"
    listing.write_text(
        "# source\ttarget\nset/001.zh\tset/001.en\n\nset/missing.zh\tset/002.en\n",
        encoding="utf-8",
    )
    listed = tmp_path / "listed"
    assert main(["align", "--pairs", str(listing), "--out-dir", str(listed)]) == 1
    err = capsys.readouterr().err
    assert "missing.zh" in err and "1 of 2 pairs aligned" in err
    assert sorted(p.name for p in listed.iterdir()) == ["001.txt"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pairs", "."], "--pairs needs --out-dir"),
        (["a.zh", "a.en", "--pairs", ".", "--out-dir", "o"], "--pairs takes no SOURCE"),
        ([], "align needs SOURCE and TARGET"),
    ],
)
def test_pairs_usage_errors_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", *argv]) == 2
    assert message in capsys.readouterr().err
