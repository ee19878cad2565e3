"""A reviewed bilingual file goes back to the CAT tool with the fixes in it and nothing else
changed: the same ids, structure and inline codes (issue 17)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from review_app.corrected import corrected_copy
from review_app.inline import edit_inline
from review_app.readers.bilingual import read_bilingual
from review_app.report.model import Report
from review_app.writeback import noted_xliff

WRONG = "Promote Guangdong-Kyrgyzstan cooperation"
RIGHT = "Promote Guangdong-Jilin cooperation"


@pytest.mark.parametrize(
    ("markup", "before", "after", "expected"),
    [
        # A code around the changed word stays around the new word.
        (
            'Promote <g id="1">Guangdong-Kyrgyzstan</g> cooperation',
            WRONG,
            RIGHT,
            'Promote <g id="1">Guangdong-Jilin</g> cooperation',
        ),
        # A code the reader read as a space between two words stays between them.
        (
            'Click<x id="1"/>Customise',
            "Click Customise",
            "Click Customize",
            'Click<x id="1"/>Customize',
        ),
        # Native code inside a TMX or XLIFF 1.2 code is not text: it is never edited.
        (
            '<bpt i="1">&lt;b&gt;</bpt>36.74<ept i="1">&lt;/b&gt;</ept> million',
            "36.74 million",
            "36.47 million",
            '<bpt i="1">&lt;b&gt;</bpt>36.47<ept i="1">&lt;/b&gt;</ept> million',
        ),
        # Text between codes that the fix leaves alone stays as it was written (its
        # entities too); the text the fix changes is escaped anew.
        (
            "R&amp;D &#x4E2D;<x/> in 2023",
            "R&D 中 in 2023",
            "R&D 中 in 2024 <new>",
            "R&amp;D &#x4E2D;<x/> in 2024 &lt;new&gt;",
        ),
        # A change across a code keeps the code (its new text goes before it).
        ("a<x/>b", "a b", "c", "c<x/>"),
    ],
)
def test_a_fix_keeps_every_inline_code(markup: str, before: str, after: str, expected: str) -> None:
    assert edit_inline(markup, before, after) == expected


def only_changed_lines(before: bytes, after: bytes) -> list[str]:
    """The lines of ``after`` that differ from ``before`` (the rest must be byte for byte)."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    assert len(old) == len(new)
    return [line for line in difflib.ndiff(old, new) if line.startswith("+ ")]


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="memoQ" srclang="zh-CN" datatype="plaintext"
 segtype="sentence" adminlang="en" o-tmf="memoQ"/>
<body>
<tu tuid="u-1"><prop type="x-context">p1</prop>
  <tuv xml:lang="zh-CN"><seg>推动粤吉合作</seg></tuv>
  <tuv xml:lang="en-US"><seg>Promote <bpt i="1">&lt;b&gt;</bpt>Guangdong-Kyrgyzstan<ept i="1"
  >&lt;/b&gt;</ept> cooperation</seg></tuv>
</tu>
<tu>
  <tuv xml:lang="zh-CN"><seg>会议在长春举行。</seg></tuv>
  <tuv xml:lang="en-US"><seg>The meeting was held in Changchun.</seg></tuv>
</tu>
<tu>
  <tuv xml:lang="zh-CN"><seg>双方签署了协议。</seg></tuv>
</tu>
</body></tmx>
"""


def test_tmx_gets_the_fix_in_its_english_seg_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "job.tmx"
    path.write_bytes(TMX.encode("utf-8"))
    data = corrected_copy(
        path,
        "tmx",
        {
            "u-1": (WRONG, RIGHT),
            "2": ("The meeting was held in Changchun.", "The meeting took place in Changchun."),
        },
    )
    changed = only_changed_lines(TMX.encode("utf-8"), data)
    assert changed == [
        '+   <tuv xml:lang="en-US"><seg>Promote <bpt i="1">&lt;b&gt;</bpt>Guangdong-Jilin'
        '<ept i="1"\n',
        '+   <tuv xml:lang="en-US"><seg>The meeting took place in Changchun.</seg></tuv>\n',
    ]
    copy = tmp_path / "back.tmx"
    copy.write_bytes(data)
    assert [unit.target for unit in read_bilingual(copy).units] == [
        RIGHT,
        "The meeting took place in Changchun.",
        "",
    ]


def test_a_tmx_unit_without_english_gets_it_in_the_files_code(tmp_path: Path) -> None:
    path = tmp_path / "job.tmx"
    path.write_bytes(TMX.encode("utf-8"))
    copy = tmp_path / "back.tmx"
    copy.write_bytes(corrected_copy(path, "tmx", {"3": ("", "The two sides signed it.")}))
    assert '<tuv xml:lang="en-US"><seg>The two sides signed it.</seg></tuv></tu>' in copy.read_text(
        encoding="utf-8"
    )
    assert read_bilingual(copy).units[2].target == "The two sides signed it."


TSV = (
    "id\tzh-CN\ten-US\tstatus\r\nu1\t推动粤吉合作\t"
    + WRONG
    + "\tDraft\r\nu2\t会议在长春举行。\tThe meeting was held in Changchun.\tDraft\r\n"
)


def test_a_tsv_gets_the_fix_in_its_english_cell_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "job.tsv"
    path.write_bytes(TSV.encode("utf-8"))
    data = corrected_copy(path, "tsv", {"u1": (WRONG, RIGHT)})
    assert data == TSV.replace(WRONG, RIGHT).encode("utf-8")  # the CRLF endings kept too


def test_a_csv_row_with_quotes_and_a_line_break_is_rewritten_alone(tmp_path: Path) -> None:
    text = (
        "source,target,note\n"
        '"推动粤吉合作，深化交流",' + f'"{WRONG}, again",first\n'
        '"会议在长春\n举行。","The meeting was held\nin Changchun.","two, lines"\n'
        '双方签署了协议。,The two sides signed.,"kept ""as is"""\n'
    )
    path = tmp_path / "job.csv"
    path.write_bytes(text.encode("utf-8"))
    units = read_bilingual(path).units
    first, second, third = (unit.id for unit in units)
    data = corrected_copy(
        path,
        "csv",
        {
            first: (f"{WRONG}, again", f"{RIGHT}, again"),
            second: (units[1].target, "The meeting was held in Changchun."),
        },
    )
    assert data.decode("utf-8") == (
        "source,target,note\n"
        # The changed row is written again, quoted only where CSV needs it; its values are
        # the same but the English.
        f'推动粤吉合作，深化交流,"{RIGHT}, again",first\n'
        '"会议在长春\n举行。",The meeting was held in Changchun.,"two, lines"\n'
        '双方签署了协议。,The two sides signed.,"kept ""as is"""\n'
    )
    assert third == "6"  # a row's id is the line it starts on (the row above takes three)


def test_an_excel_sheet_gets_the_fix_in_its_cell_and_keeps_its_styles(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Source (zh-CN)", "Target (en-US)", "Comment"])
    sheet.append(["推动粤吉合作", WRONG, "check"])
    sheet.append(["会议在长春举行。", "The meeting was held in Changchun.", None])
    sheet["A1"].font = Font(bold=True)
    workbook.create_sheet("Glossary")["A1"] = "粤 = Guangdong"
    path = tmp_path / "job.xlsx"
    workbook.save(path)
    copy = tmp_path / "back.xlsx"
    copy.write_bytes(corrected_copy(path, "xlsx", {"2": (WRONG, RIGHT)}))
    back = load_workbook(copy)
    rows = [[cell.value for cell in row] for row in back.worksheets[0].iter_rows()]
    assert rows == [
        ["Source (zh-CN)", "Target (en-US)", "Comment"],
        ["推动粤吉合作", RIGHT, "check"],
        ["会议在长春举行。", "The meeting was held in Changchun.", None],
    ]
    assert back.worksheets[0]["A1"].font.bold
    assert back["Glossary"]["A1"].value == "粤 = Guangdong"


def test_an_xliff_fix_keeps_the_codes_inside_a_trados_segment(tmp_path: Path) -> None:
    xliff = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a"'
        ' source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>推动粤吉合作</source><seg-source><mrk mtype="seg" mid="1">'
        '推动粤吉合作</mrk></seg-source><target><mrk mtype="seg" mid="1">Promote <g id="5">'
        "Guangdong-Kyrgyzstan</g> cooperation</mrk></target></trans-unit>"
        '<trans-unit id="2"><source>会议举行。</source><target/></trans-unit>'
        "</body></file></xliff>"
    )
    path = tmp_path / "job.sdlxliff"
    path.write_bytes(xliff.encode("utf-8"))
    report = Report(
        source_path=str(path), target_path=str(path), date=None, segments=(), findings=()
    )
    data, _ = noted_xliff(path, report, {"1": (WRONG, RIGHT), "2": ("", "The meeting was held.")})
    assert data.decode("utf-8") == xliff.replace("Guangdong-Kyrgyzstan", "Guangdong-Jilin").replace(
        "<target/>", "<target>The meeting was held.</target>"
    )


def test_a_unit_no_longer_in_the_file_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    # The file changed since it was read: the unit to correct is gone. Nothing is written.
    from review_app.errors import InputError

    path = tmp_path / "job.tmx"
    path.write_bytes(TMX.encode("utf-8"))
    with pytest.raises(InputError, match=r"job\.tmx: units not found in the file to correct: u-9"):
        corrected_copy(path, "tmx", {"u-9": ("x", "y")})
    table = tmp_path / "job.tsv"
    table.write_bytes(TSV.encode("utf-8"))
    with pytest.raises(InputError, match=r"job\.tsv: rows not found in the file to correct: u9"):
        corrected_copy(table, "tsv", {"u9": ("x", "y")})
