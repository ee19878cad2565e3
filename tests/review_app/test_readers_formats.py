"""Markdown, HTML and .docx documents; XLIFF, TMX, TSV and CSV bilingual files; hostile XML."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from alignment.formats import tmx_of_pairs
from alignment.segment import split_paragraphs
from review_app.errors import InputError
from review_app.readers.bilingual import (
    BILINGUAL_SUFFIXES,
    BilingualFile,
    Unit,
    is_bilingual,
    read_bilingual,
)
from review_app.readers.text import read_document
from review_app.readers.xmlsafe import ENTITY_MESSAGE

ZH1 = "广东省委书记黄坤明主持会议并讲话。"
ZH2 = "吉林省委书记景俊海出席会议。"
EN1 = "Huang Kunming presided over the meeting."
EN2 = "Jing Junhai attended the meeting."


def refused(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """The one-line message of the InputError ``call(*args, **kwargs)`` raises."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- monolingual documents -------------------------------------------------------------------


def test_markdown_syntax_is_stripped_and_blocks_become_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "release.MD"
    path.write_text(
        f"# 会议 #\n{ZH1}**景俊海**出席。\n\n- {ZH2}\n* 第二项\n1. [第三项](https://x.cn/a)\n---\n末段。\n",
        encoding="utf-8",
    )
    document = read_document(path, lang="zh")
    assert split_paragraphs(document.text) == [
        "会议",
        f"{ZH1}景俊海出席。",
        ZH2,
        "第二项",
        "第三项",
        "末段。",
    ]
    assert document.encoding == "utf-8"


def test_html_blocks_are_paragraphs_scripts_dropped_entities_decoded(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        (
            "<!DOCTYPE html><html><head><meta charset='gbk'><title>标题不要</title>"
            "<style>p {color: red}</style></head><body>"
            f"<script>var secret = '脚本';</script><h1>会议&amp;讲话</h1><p>{ZH1}\n"
            f"<b>黄坤明</b>同志&nbsp;讲话。</p><div>{ZH2}<br>第二行&lt;注&gt;</div>"
            "<!-- 注释 --><ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr>"
            "</table></body></html>"
        ).encode("gbk")
    )
    document = read_document(path, lang="zh")
    assert split_paragraphs(document.text) == [
        "会议&讲话",
        f"{ZH1}\n黄坤明同志 讲话。",
        ZH2,
        "第二行<注>",
        "一",
        "二",
        "甲",
        "乙",
    ]
    assert document.encoding == "gb18030"
    assert "脚本" not in document.text and "标题" not in document.text
    assert "color" not in document.text and "注释" not in document.text


def test_html_without_charset_is_detected_and_language_checked(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_bytes(f"<p>{EN1}</p><p>{EN2}</p>".encode("utf-16"))
    assert read_document(path, lang="en").text == f"{EN1}\n\n{EN2}\n"
    assert "expected Chinese" in refused(read_document, path, lang="zh")


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(ZH1)
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "甲单元"
    table.cell(0, 1).text = "乙单元"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并单元"
    document.add_paragraph(ZH2)
    document.save(str(path))


def test_docx_paragraphs_and_table_cells_in_body_order(tmp_path: Path) -> None:
    path = tmp_path / "release.DOCX"
    make_docx(path)
    document = read_document(path, lang="zh")
    assert split_paragraphs(document.text) == [ZH1, "甲单元", "乙单元", "合并单元", ZH2]
    assert document.encoding == "docx"


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    noise = tmp_path / "noise.docx"
    noise.write_bytes(bytes(range(256)) * 20)
    assert refused(read_document, noise, lang="zh") == (
        f"{noise}: not a readable .docx file (not a zip archive)"
    )

    no_body = tmp_path / "nobody.docx"
    with zipfile.ZipFile(no_body, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/other.xml", "<x/>")
    assert refused(read_document, no_body, lang="zh") == (
        f"{no_body}: not a readable .docx file (no word/document.xml in it)"
    )

    garbled = tmp_path / "garbled.docx"
    make_docx(tmp_path / "good.docx")
    with (
        zipfile.ZipFile(tmp_path / "good.docx") as good,
        zipfile.ZipFile(garbled, "w") as archive,
    ):
        for item in good.infolist():
            body = good.read(item)
            archive.writestr(item, body[:40] if item.filename == "word/document.xml" else body)
    assert refused(read_document, garbled, lang="zh").startswith(
        f"{garbled}: not a readable .docx file ("
    )


def make_hostile_docx(tmp_path: Path) -> Path:
    """A .docx whose document.xml declares an external entity and uses it in a table cell."""
    make_docx(tmp_path / "good.docx")
    hostile = tmp_path / "hostile.docx"
    with (
        zipfile.ZipFile(tmp_path / "good.docx") as good,
        zipfile.ZipFile(hostile, "w") as archive,
    ):
        for item in good.infolist():
            body = good.read(item)
            if item.filename == "word/document.xml":
                head, rest = body.split(b"?>", 1)
                body = (
                    head
                    + b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    + rest.replace("甲单元".encode(), b"&xxe;")
                )
            archive.writestr(item, body)
    return hostile


def test_docx_with_entity_declaration_is_refused(tmp_path: Path) -> None:
    hostile = make_hostile_docx(tmp_path)
    assert refused(read_document, hostile, lang="zh") == f"{hostile}: {ENTITY_MESSAGE}"


def test_the_docx_parser_itself_resolves_no_entity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the scan bypassed, the parts' parser (resolve_entities=False) reads no file."""
    from review_app.readers import formats

    monkeypatch.setattr(formats, "refuse_entity_declarations", lambda path, data: None)
    text, _ = formats.read_docx(make_hostile_docx(tmp_path))
    assert ZH1 in text and "乙单元" in text
    assert "root:" not in text and "甲单元" not in text


# --- bilingual files -------------------------------------------------------------------------

XLIFF12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="release.txt" source-language="zh-CN" target-language="en-US"
       datatype="plaintext" date="2023-11-10T08:00:00Z">
  <body>
   <trans-unit id="p1-s1"><source>{ZH1[:6]}<g id="1">黄坤明</g>主持<x id="2"/>会议<ph
     id="3">&lt;br/&gt;</ph>并讲话。</source>
    <target>Huang Kunming <g id="1">presided</g> over the meeting.</target>
    <alt-trans><source>别的</source><target>Other</target></alt-trans></trans-unit>
   <group id="g1"><trans-unit id="p1-s2"><source>{ZH2}</source></trans-unit></group>
   <trans-unit id="empty"><source> </source><target>Nothing</target></trans-unit>
  </body>
 </file>
</xliff>
"""


def test_xliff_12_units_ids_and_date(tmp_path: Path) -> None:
    path = tmp_path / "release.XLF"
    path.write_text(XLIFF12, encoding="utf-8")
    assert is_bilingual(path)
    assert read_bilingual(path) == BilingualFile(
        path=str(path),
        kind="xliff-1.2",
        units=(Unit("p1-s1", ZH1, EN1), Unit("p1-s2", ZH2, "")),
        date=dt.date(2023, 11, 10),
        date_origin="XLIFF file date",
        languages=("zh-CN", "en-US"),
    )


def test_xliff_12_declared_english_to_chinese_is_swapped(tmp_path: Path) -> None:
    path = tmp_path / "back.xliff"
    path.write_text(
        '<xliff version="1.2"><file original="a" source-language="en" target-language="zh-Hans"'
        f' datatype="plaintext"><body><trans-unit id="7"><source>{EN1}</source>'
        f"<target>{ZH1}</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    file = read_bilingual(path)
    assert file.units == (Unit("7", ZH1, EN1),)
    assert file.date is None and file.date_origin is None


def test_xliff_without_chinese_side_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fr.xlf"
    path.write_text(
        '<xliff version="1.2"><file original="a" source-language="en" target-language="fr"'
        ' datatype="plaintext"><body><trans-unit id="1"><source>Hello</source>'
        "<target>Bonjour</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    assert refused(read_bilingual, path) == (
        f"{path}: the file has no Chinese side (languages: en → fr)"
    )


def test_xliff_2_units_segments_and_inline_tags(tmp_path: Path) -> None:
    path = tmp_path / "release.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"'
        ' srcLang="zh" trgLang="en"><file id="f1">'
        f'<unit id="u1"><segment><source>{ZH1[:6]}<pc id="1">黄坤明</pc>主持<ph id="2"/>'
        "会议并讲话。"
        f"</source><target>{EN1}</target></segment></unit>"
        f'<group id="g"><unit id="u2"><segment id="s1"><source>{ZH2}</source>'
        f"<target>{EN2}</target></segment><ignorable><source> </source></ignorable>"
        '<segment id="s2"><source>散会。</source></segment></unit></group>'
        "</file></xliff>",
        encoding="utf-8",
    )
    file = read_bilingual(path)
    assert file.kind == "xliff-2"
    assert file.units == (
        Unit("u1", ZH1, EN1),
        Unit("u2/s1", ZH2, EN2),
        Unit("u2/s2", "散会。", ""),
    )
    assert file.date is None


def test_xliff_2_english_source_is_swapped_and_files_prefix_ids(tmp_path: Path) -> None:
    path = tmp_path / "two.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB"'
        ' trgLang="zh-CN">'
        f'<file id="a"><unit id="1"><segment><source>{EN1}</source><target>{ZH1}</target>'
        "</segment></unit></file>"
        f'<file id="b"><unit id="1"><segment><source>{EN2}</source><target>{ZH2}</target>'
        "</segment></unit></file></xliff>",
        encoding="utf-8",
    )
    assert read_bilingual(path).units == (Unit("a#1", ZH1, EN1), Unit("b#1", ZH2, EN2))


TMX = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
         srclang="*all*" datatype="plaintext" {{header_date}}/>
 <body>
  <tu tuid="first" creationdate="20231112T080000Z">
   <tuv xml:lang="EN-us"><seg>{EN1}</seg></tuv>
   <tuv xml:lang="zh-CN"><seg>{ZH1[:6]}<bpt i="1">&lt;b&gt;</bpt>黄坤明<ept
     i="1">&lt;/b&gt;</ept>主持会议并讲话。</seg></tuv>
  </tu>
  <tu creationdate="20231110T230000Z">
   <tuv xml:lang="zh-Hans"><seg>{ZH2}</seg></tuv><tuv xml:lang="en"><seg>{EN2}</seg></tuv>
  </tu>
  <tu><tuv xml:lang="en"><seg>English only</seg></tuv></tu>
  <tu><tuv xml:lang="zh"><seg>只有中文。</seg></tuv></tu>
 </body>
</tmx>
"""


def test_tmx_units_languages_ids_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX.format(header_date='creationdate="20231101T000000Z"'), encoding="utf-8")
    file = read_bilingual(path)
    assert file.kind == "tmx"
    assert file.units == (
        Unit("first", ZH1, EN1),
        Unit("2", ZH2, EN2),
        Unit("4", "只有中文。", ""),
    )
    assert (file.date, file.date_origin) == (dt.date(2023, 11, 1), "TMX header creationdate")

    path.write_text(TMX.format(header_date=""), encoding="utf-8")
    file = read_bilingual(path)
    assert (file.date, file.date_origin) == (dt.date(2023, 11, 10), "TMX tu creationdate")


def test_tmx_written_by_the_aligner_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "export.tmx"
    path.write_text(tmx_of_pairs([(ZH1, EN1), (ZH2, EN2)]), encoding="utf-8")
    assert read_bilingual(path).units == (Unit("1", ZH1, EN1), Unit("2", ZH2, EN2))


def test_tmx_written_names_bireview_and_the_languages(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from review_app import __version__

    def header_and_langs(text: str) -> tuple[dict[str, str], list[str | None]]:
        root = ET.fromstring(text.encode("utf-8"))
        header = root.find("header")
        assert header is not None
        langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")]
        return header.attrib, langs

    # Plain text: the bare languages.
    header, langs = header_and_langs(tmx_of_pairs([(ZH1, EN1), ("", EN2)]))
    assert (header["creationtool"], header["creationtoolversion"]) == ("bireview", __version__)
    assert header["srclang"] == "zh" and langs == ["zh", "en"]
    # The codes a file declared, as given: written, and read back as the file's own.
    text = tmx_of_pairs([(ZH1, EN1), (ZH2, EN2)], source_lang="zh-CN", target_lang="en-US")
    header, langs = header_and_langs(text)
    assert header["creationtool"] == "bireview" and header["srclang"] == "zh-CN"
    assert langs == ["zh-CN", "en-US"] * 2
    path = tmp_path / "export.tmx"
    path.write_text(text, encoding="utf-8")
    file = read_bilingual(path)
    assert file.languages == ("zh-CN", "en-US")
    assert file.units == (Unit("1", ZH1, EN1), Unit("2", ZH2, EN2))


def test_tmx_without_english_side_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zh-ja.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="zh"/><body><tu>'
        f'<tuv xml:lang="zh"><seg>{ZH1}</seg></tuv><tuv xml:lang="ja"><seg>会議</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    assert refused(read_bilingual, path) == (
        f"{path}: the TMX has no English side (languages: ja, zh)"
    )


def test_csv_with_header_and_id_column(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(
        f'English,Chinese,ID\n"{EN1}",{ZH1},a-1\n\n"Jing Junhai, governor, attended.",{ZH2},\n',
        encoding="utf-8-sig",
    )
    file = read_bilingual(path)
    assert (file.kind, file.date) == ("csv", None)
    assert file.units == (Unit("a-1", ZH1, EN1), Unit("4", ZH2, "Jing Junhai, governor, attended."))


def test_csv_quoted_newline_keeps_the_first_line_and_bad_quotes_name_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(f'{ZH1},"Huang Kunming\npresided."\n{ZH2},{EN2}\n', encoding="utf-8")
    assert read_bilingual(path).units == (
        Unit("1", ZH1, "Huang Kunming\npresided."),
        Unit("3", ZH2, EN2),
    )
    path.write_text(f'{ZH1},{EN1}\n{ZH2},"{EN2}" oops\n', encoding="utf-8")
    assert refused(read_bilingual, path).startswith(f"{path}:2: not a readable CSV file (")


def test_tsv_without_header_uses_third_column_as_id_else_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.TSV"
    path.write_bytes(f"{ZH1}\t{EN1}\tx9\n{ZH2}\t{EN2}\n\t孤儿\n".encode("gb18030"))
    assert read_bilingual(path).units == (Unit("x9", ZH1, EN1), Unit("2", ZH2, EN2))


def test_tsv_written_by_the_aligner_is_read_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "aligned.tsv"
    path.write_text(
        f"source_sentences\ttarget_sentences\tconfidence\tsource\ttarget\n0\t0\t0.9\t{ZH1}\t{EN1}\n",
        encoding="utf-8",
    )
    assert read_bilingual(path).units == (Unit("2", ZH1, EN1),)


def test_columns_are_told_by_their_language(tmp_path: Path) -> None:
    # No header, English first: the Chinese column is the one in Chinese.
    path = tmp_path / "swapped.tsv"
    path.write_text(f"{EN1}\t{ZH1}\n{EN2}\t{ZH2}\n", encoding="utf-8")
    assert read_bilingual(path).units == (Unit("1", ZH1, EN1), Unit("2", ZH2, EN2))
    # A header of language tags, and one that calls the English column "source".
    path = tmp_path / "tags.csv"
    path.write_text(f"en-US,zh-CN\n{EN1},{ZH1}\n", encoding="utf-8")
    assert read_bilingual(path).units == (Unit("2", ZH1, EN1),)
    path = tmp_path / "english-source.csv"
    path.write_text(f"source,target\n{EN1},{ZH1}\n{EN2},{ZH2}\n", encoding="utf-8")
    assert [unit.source for unit in read_bilingual(path).units] == [ZH1, ZH2]


def test_bilingual_suffixes_and_content(tmp_path: Path) -> None:
    for suffix in (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff", ".txlf", ".tmx", ".po"):
        assert suffix in BILINGUAL_SUFFIXES
    assert is_bilingual("a.XLIFF") and not is_bilingual("a.txt") and not is_bilingual("a.docx")
    assert refused(read_bilingual, "a.txt") == (
        "a.txt: not a bilingual file (expected XLIFF, SDLXLIFF, MQXLIFF, MXLIFF, TXLF, TMX, PO, "
        "TSV or CSV)"
    )
    # Any other suffix is read by its content.
    path = tmp_path / "export.xml"
    path.write_text(XLIFF12, encoding="utf-8")
    assert is_bilingual(path) and read_bilingual(path).kind == "xliff-1.2"
    path = tmp_path / "memory.bak"
    path.write_text(TMX.format(header_date=""), encoding="utf-8")
    assert is_bilingual(path) and read_bilingual(path).kind == "tmx"
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hi</note></notes>", encoding="utf-8")
    assert not is_bilingual(path)


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_text('<xliff version="1.2">\n<file>\n<body></file>\n</xliff>\n', encoding="utf-8")
    message = refused(read_bilingual, path)
    assert message.startswith(f"{path}:3: not well-formed XML (")
    assert "mismatch" in message


def test_wrong_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.xlf"
    path.write_text("<html><body>不是</body></html>", encoding="utf-8")
    assert (
        refused(read_bilingual, path) == f"{path}: not an XLIFF file (the root element is <html>)"
    )


# --- hostile XML -----------------------------------------------------------------------------

XXE_XLIFF = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file original="a" source-language="zh" target-language="en"
 datatype="plaintext"><body><trans-unit id="1"><source>&xxe;中文</source><target>&xxe;</target>
</trans-unit></body></file></xliff>
"""
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)).replace(
    "&lol0;", "lol"
)
BILLION_LAUGHS_TMX = f"""<?xml version="1.0"?>
<!DOCTYPE tmx [{LAUGHS}]>
<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>&lol9;</seg></tuv>
<tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize(
    ("name", "content", "encoding"),
    [
        ("xxe.xlf", XXE_XLIFF, "utf-8"),
        ("xxe16.xliff", XXE_XLIFF.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>'), "utf-16"),
        ("laughs.tmx", BILLION_LAUGHS_TMX, "utf-8"),
        ("laughs.xlf", BILLION_LAUGHS_TMX.replace("tmx", "xliff"), "utf-8"),
        ("internal.tmx", '<!DOCTYPE tmx [<!ELEMENT tmx ANY>]><tmx version="1.4"/>', "utf-8"),
    ],
)
def test_entity_declarations_are_refused(
    tmp_path: Path, name: str, content: str, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    started = time.monotonic()
    message = refused(read_bilingual, path)
    assert time.monotonic() - started < 1
    assert message == f"{path}: {ENTITY_MESSAGE}"
    assert "root:" not in message


def test_entity_declarations_are_refused_by_the_parser_too(tmp_path: Path) -> None:
    """Declarations the byte scan cannot read (UTF-7) are refused after a parse that resolves
    nothing."""
    _, body = XXE_XLIFF.replace("中文", "").split("?>", 1)
    path = tmp_path / "utf7.xlf"
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-7"?>' + body.replace("<", "+ADw-").encode()
    )
    assert b"<!ENTITY" not in path.read_bytes()
    assert refused(read_bilingual, path) == f"{path}: {ENTITY_MESSAGE}"
