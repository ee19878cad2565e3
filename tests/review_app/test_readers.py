"""Reading documents: encodings are detected, bad files are refused with the file's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.errors import InputError
from review_app.readers.meta import read_meta
from review_app.readers.text import detect_language, read_document, read_text

ZH = "广东省委书记黄坤明主持会议并讲话。\n吉林省委书记景俊海出席会议。\n"
EN = "Huang Kunming presided over the meeting.\nJing Junhai attended the meeting.\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "source.zh.txt"
    path.write_bytes(bom + ZH.encode(encoding))
    text, _ = read_text(path)
    assert text == ZH


def test_windows_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "release.en.txt"
    path.write_bytes(EN.replace("\n", "\r\n").encode())
    assert read_text(path)[0] == EN


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        (b"", "the file is empty"),
        (b"  \n\n  ", "the file is empty"),
        (bytes(range(256)) * 8, "not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x10" * 50, "not a text file"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "bad file.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)


@pytest.mark.parametrize(
    ("text", "language"),
    [(ZH, "zh"), (EN, "en"), ("GB/T 1.1 一 202 标准化工作导则第工部分", "zh"), ("12 34", None)],
)
def test_language_detection(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_english_given_as_the_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "source.txt"
    path.write_text(EN, encoding="utf-8")
    with pytest.raises(InputError, match="looks like English text, expected Chinese"):
        read_document(path, lang="zh")


def test_meta_date_and_errors(tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("date: 2023-11-10\nsource_lang: zh\n", encoding="utf-8")
    assert read_meta(meta).date.isoformat() == "2023-11-10"
    meta.write_text("title: x\ndate: 2023-13-45\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"meta.yaml:2: invalid date"):
        read_meta(meta)
    meta.write_text("date: [2023\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"meta.yaml:\d+: YAML syntax error"):
        read_meta(meta)
