"""The files CAT tools exchange (issue 16): SDLXLIFF, MQXLIFF, PO, inline codes, units not for
review, notes and status. Every file is written here, after the tools' documented formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_app.cli import main as cli_main
from review_app.errors import InputError
from review_app.readers.bilingual import Unit, is_bilingual, read_bilingual, select_states

ZH = "广东省省长王伟中出席会议。"
EN = "Guangdong Governor Wang Weizhong attended the meeting."

SDLXLIFF = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"
 xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">
 <file original="release.docx" datatype="x-sdlfilterframework2" source-language="zh-CN"
  target-language="en-US">
  <body>
   <trans-unit id="a1b2">
    <source>{ZH}</source>
    <seg-source><mrk mtype="seg" mid="1">{ZH}</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">Guangdong Governor Wang Weizhong <mrk
     mtype="x-sdl-deleted" sdl:revid="r1">visited</mrk><mrk mtype="x-sdl-added"
     sdl:revid="r2">attended</mrk> the meeting.</mrk></target>
    <sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="interactive"/></sdl:seg-defs>
   </trans-unit>
   <trans-unit id="c3d4">
    <source>粤吉合作</source>
    <seg-source><mrk mtype="seg" mid="2">粤吉合作</mrk></seg-source>
    <target><mrk mtype="seg" mid="2">Guangdong-Jilin cooperation</mrk></target>
    <sdl:seg-defs><sdl:seg id="2" conf="ApprovedSignOff" locked="true"/></sdl:seg-defs>
   </trans-unit>
   <trans-unit id="e5f6" translate="no"><source>ISBN 978-7-01</source></trans-unit>
  </body>
 </file>
</xliff>
"""

MQXLIFF = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
 <file original="release.docx" source-language="zh-cn" target-language="en-us" datatype="x-docx">
  <body>
   <trans-unit id="1" mq:status="ManuallyConfirmed">
    <source>{ZH}</source><target>{EN}</target>
    <note>Check the governor's title.</note>
   </trans-unit>
   <trans-unit id="2" mq:status="NotStarted" mq:locked="locked">
    <source>吉林省</source><target>Jilin Province</target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""


def test_sdlxliff_tracked_deletions_locks_and_confirmation(tmp_path: Path) -> None:
    path = tmp_path / "release.docx.sdlxliff"
    path.write_text(SDLXLIFF, encoding="utf-8")
    file = read_bilingual(path)
    # The deleted "visited" is no text; the locked unit and translate="no" are not reviewed.
    assert file.units == (Unit("a1b2", ZH, EN, state="Translated"),)
    assert file.languages == ("zh-CN", "en-US")


def test_mqxliff_status_lock_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "release.mqxliff"
    path.write_text(MQXLIFF, encoding="utf-8")
    assert read_bilingual(path).units == (
        Unit("1", ZH, EN, state="ManuallyConfirmed", note="Check the governor's title."),
    )


def test_the_other_cat_suffixes_are_xliff(tmp_path: Path) -> None:
    for suffix in (".mxliff", ".txlf"):
        path = tmp_path / f"release{suffix}"
        path.write_text(MQXLIFF, encoding="utf-8")
        assert is_bilingual(path)
        assert [unit.id for unit in read_bilingual(path).units] == ["1"]


def test_inline_codes_never_join_two_words(tmp_path: Path) -> None:
    path = tmp_path / "codes.xlf"
    path.write_text(
        """<xliff version="1.2"><file source-language="zh-CN" target-language="en"><body>
<trans-unit id="1"><source>点击<x id="1"/>自定义。</source>
<target>Click<x id="1"/>Customize.</target></trans-unit>
<trans-unit id="2"><source>选择<bpt id="1">&lt;b&gt;</bpt>1090<ept
 id="1">&lt;/b&gt;</ept>寄存器</source>
<target>select<bpt id="1">&lt;b&gt;</bpt>1090<ept id="1">&lt;/b&gt;</ept> Registers</target>
</trans-unit>
<trans-unit id="3"><source>共<ph id="1">{0}</ph>人</source>
<target>(<ph id="1">{0}</ph>) people in un<g id="2">believ</g>able order</target>
</trans-unit>
</body></file></xliff>""",
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_bilingual(path).units] == [
        ("点击自定义。", "Click Customize."),
        ("选择1090寄存器", "select 1090 Registers"),
        # No space inside brackets, none where <g> keeps a word's letters together.
        ("共人", "() people in unbelievable order"),
    ]


def test_a_tmx_line_break_code_is_a_space(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(
        f"""<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence"
 creationtool="x" creationtoolversion="1" o-tmf="x" adminlang="en"/><body>
<tu tuid="7"><note>From the 2023 release.</note>
<tuv xml:lang="zh-CN"><seg>{ZH}</seg></tuv>
<tuv xml:lang="en-GB"><seg>This is<ph x="1">&lt;br/&gt;</ph>a paragraph</seg></tuv></tu>
</body></tmx>""",
        encoding="utf-8",
    )
    file = read_bilingual(path)
    assert file.units == (Unit("7", ZH, "This is a paragraph", note="From the 2023 release."),)
    assert file.languages == ("zh-CN", "en-GB")


def test_po_both_directions_fuzzy_and_obsolete(tmp_path: Path) -> None:
    path = tmp_path / "release.po"
    path.write_text(
        f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#. The governor's line
msgid "{ZH}"
msgstr "{EN}"

#, fuzzy
msgid "粤吉合作"
msgstr "Guangdong-Kyrgyzstan cooperation"

#~ msgid "旧的"
#~ msgstr "Old"
""",
        encoding="utf-8",
    )
    file = read_bilingual(path)
    assert file.kind == "po"
    assert [(u.source, u.target, u.state) for u in file.units] == [
        (ZH, EN, "translated"),
        ("粤吉合作", "Guangdong-Kyrgyzstan cooperation", "fuzzy"),
    ]
    assert file.units[0].note == "The governor's line"
    # Software strings go English → Chinese: the msgstr is then the Chinese side.
    path = tmp_path / "app.po"
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "{EN}"\nmsgstr "{ZH}"\n',
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_bilingual(path).units] == [(ZH, EN)]


def test_a_broken_po_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid "未完\nmsgstr\n', encoding="utf-8")
    try:
        read_bilingual(path)
    except InputError as error:
        assert str(error).startswith(f"{path}")
    else:
        raise AssertionError("a broken PO file was read")


STATES = f"""<xliff version="1.2"><file source-language="zh-CN" target-language="en-US"><body>
<trans-unit id="1"><source>{ZH}</source><target state="final">{EN}</target></trans-unit>
<trans-unit id="2"><source>粤吉合作</source>
<target state="translated">Guangdong-Kyrgyzstan cooperation</target>
<note>MT, not post-edited</note></trans-unit>
<trans-unit id="3"><source>吉林省</source></trans-unit>
</body></file></xliff>"""


def test_states_pick_the_units_to_review(tmp_path: Path) -> None:
    path = tmp_path / "release.xlf"
    path.write_text(STATES, encoding="utf-8")
    file = read_bilingual(path)
    assert [u.id for u in select_states(file, ["Translated", "none"]).units] == ["2", "3"]
    assert select_states(file, None) == file
    try:
        select_states(file, ["signed-off"])
    except InputError as error:
        assert str(error) == (
            f"{path}: no unit has the status signed-off (the file's units: final, none, translated)"
        )
    else:
        raise AssertionError("an empty selection was accepted")


def test_check_states_option_and_the_units_status_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "release.xlf"
    path.write_text(STATES, encoding="utf-8")
    out = tmp_path / "report.json"
    assert (
        cli_main(["check", str(path), "--states", "translated", "--format", "json", "-o", str(out)])
        == 1
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    (segment,) = data["segments"]
    assert (segment["unit_id"], segment["unit_state"], segment["unit_note"]) == (
        "2",
        "translated",
        "MT, not post-edited",
    )
    assert [f["check"] for f in data["findings"]] == ["entity.false_friend"]
    text = tmp_path / "report.txt"
    cli_main(["check", str(path), "--states", "translated", "-o", str(text)])
    assert "in the file: status translated; note: MT, not post-edited" in text.read_text(
        encoding="utf-8"
    )
    assert cli_main(["check", str(path), "--states", "signed-off"]) == 2
    assert "no unit has the status signed-off" in capsys.readouterr().err


def test_xlsx_two_column_table(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "en-US", "zh-CN", "Comment"])
    sheet.append(["u1", EN, ZH, "checked"])
    sheet.append([None, None, None, None])
    sheet.append([2, "Guangdong-Kyrgyzstan cooperation", "粤吉合作", None])
    path = tmp_path / "review.xlsx"
    workbook.save(path)
    file = read_bilingual(path)
    assert file.kind == "xlsx"
    assert file.units == (
        Unit("u1", ZH, EN, note="checked"),
        Unit("2", "粤吉合作", "Guangdong-Kyrgyzstan cooperation"),
    )


def test_a_cat_review_docx_is_a_bilingual_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Bilingual review: release.docx")
    rows = [
        ("Segment ID", "Segment status", "Source segment", "Target segment", "Comment"),
        ("1", "Translated", ZH, EN, ""),
        ("2", "Draft", "粤吉合作", "Guangdong-Kyrgyzstan cooperation", "MT"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "release_review.docx"
    document.save(path)
    assert is_bilingual(path)
    assert read_bilingual(path).units == (
        Unit("1", ZH, EN, state="Translated"),
        Unit("2", "粤吉合作", "Guangdong-Kyrgyzstan cooperation", state="Draft", note="MT"),
    )
    # A Word document that holds a table in one language is a document, not a review table.
    plain = docx.Document()
    plain.add_paragraph(ZH)
    one_language = plain.add_table(rows=2, cols=2)
    for cell, value in zip(one_language._cells, ["城市", "人口", "长春", "九百万"], strict=True):
        cell.text = value
    plain.save(tmp_path / "release.zh.docx")
    assert not is_bilingual(tmp_path / "release.zh.docx")


def test_columns_named_by_the_user(tmp_path: Path) -> None:
    # A table whose header and text cannot tell: two Chinese columns, the English third.
    path = tmp_path / "export.tsv"
    path.write_text(f"Key\tChinese draft\tTranslation\tChinese final\nk1\t旧稿\t{EN}\t{ZH}\n")
    file = read_bilingual(path, columns=("Chinese final", "3"))
    assert file.units == (Unit("2", ZH, EN),)
    # By number, a first row without Chinese in the Chinese column is a header.
    assert read_bilingual(path, columns=("4", "3")).units == (Unit("2", ZH, EN),)
    try:
        read_bilingual(path, columns=("Source", None))
    except InputError as error:
        assert "no column 'Source' (the header has: key, chinese draft" in str(error)
    else:
        raise AssertionError("an unknown column was accepted")
    out = tmp_path / "r.json"
    args = ["check", str(path), "--source-column", "4", "--target-column", "Translation"]
    assert cli_main([*args, "--format", "json", "-o", str(out)]) == 0
    assert [s["source"] for s in json.loads(out.read_text(encoding="utf-8"))["segments"]] == [ZH]


def test_numbered_columns_beside_a_header_of_languages(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(f"zh,en,note\n{ZH},{EN},a\n粤吉合作,cooperation,b\n", encoding="utf-8")
    assert [u.source for u in read_bilingual(path, columns=("1", "2")).units] == [ZH, "粤吉合作"]


def test_a_file_without_chinese_says_so(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Screen Capture"\nmsgstr "Capture d\'écran"\n',
        encoding="utf-8",
    )
    try:
        read_bilingual(path)
    except InputError as error:
        assert (
            str(error)
            == f"{path}: the file holds no Chinese text (bireview reviews Chinese→English)"
        )
    else:
        raise AssertionError("a French PO was read")


def test_a_po_in_gb18030_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "gbk.po"
    content = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GB2312\\n"\n"Language: en\\n"\n\n'
        f'msgid "{ZH}"\nmsgstr "{EN}"\n'
    )
    path.write_bytes(content.encode("gb18030"))
    assert [(u.source, u.target) for u in read_bilingual(path).units] == [(ZH, EN)]
