"""Word files as their readers see them (issue 16): tracked changes accepted, text boxes,
footnotes, headers and footers read as paragraphs of their own, a Japanese side refused. The
.docx files are written here, part by part, after the WordprocessingML schema."""

from __future__ import annotations

import zipfile
from pathlib import Path

from alignment.segment import split_paragraphs
from review_app.errors import InputError
from review_app.readers.text import read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def part(body: str, root: str = "document") -> str:
    inner = f"<w:body>{body}</w:body>" if root == "document" else body
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W}" xmlns:mc="{MC}">'
    return f"{head}{inner}</w:{root}>"


def paragraph(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def make_docx(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return path


def test_tracked_changes_are_read_accepted(tmp_path: Path) -> None:
    body = paragraph(
        run("广东省省长"),
        '<w:del w:id="1" w:author="editor"><w:r><w:delText>吉林省省长</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="editor">' + run("王伟中") + "</w:ins>",
        run("出席会议。"),
    )
    path = make_docx(tmp_path / "revised.zh.docx", {"word/document.xml": part(body)})
    assert read_document(path, lang="zh").text == "广东省省长王伟中出席会议。\n"


def test_text_boxes_notes_headers_and_footers_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    box = (
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
        + paragraph(run("粤吉合作成果丰硕。"))
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + paragraph(run("粤吉合作成果丰硕。"))
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = paragraph(run("广东省省长王伟中出席会议。"), box) + paragraph(
        run("会议在长春举行。"), '<w:r><w:footnoteReference w:id="1"/></w:r>'
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1">' + paragraph(run("———")) + "</w:footnote>"
        '<w:footnote w:id="1">' + paragraph(run("长春是吉林省省会。")) + "</w:footnote>"
    )
    path = make_docx(
        tmp_path / "release.zh.docx",
        {
            "word/document.xml": part(body),
            "word/footnotes.xml": part(notes, "footnotes"),
            "word/header1.xml": part(paragraph(run("新华社")), "hdr"),
            "word/footer1.xml": part(paragraph(run("第1页")), "ftr"),
        },
    )
    assert split_paragraphs(read_document(path, lang="zh").text) == [
        "新华社",  # the header first
        "广东省省长王伟中出席会议。",
        "粤吉合作成果丰硕。",  # the text box once, after its paragraph (not its fallback)
        "会议在长春举行。",
        "长春是吉林省省会。",  # the footnote, not its separator
        "第1页",  # the footer last
    ]


def test_a_japanese_document_is_no_chinese_source(tmp_path: Path) -> None:
    body = paragraph(
        run("広東省の王偉中省長は会議に出席しました。吉林省との協力について話しました。")
    )
    path = make_docx(tmp_path / "release.zh.docx", {"word/document.xml": part(body)})
    try:
        read_document(path, lang="zh")
    except InputError as error:
        assert str(error) == f"{path}: this looks like Japanese text, expected Chinese"
    else:
        raise AssertionError("a Japanese document was read as Chinese")
