"""The bilingual file a translator brought, given back with their fixes in it.

The same format, ids, structure and inline codes; only the English of the units they changed
is new. Each format is edited in its own text, never parsed and written out again, so a CAT
tool gets back what it wrote:
- XLIFF (1.2, 2, SDLXLIFF, MQXLIFF …): :func:`review_app.writeback.noted_xliff`, which also
  adds the open findings as notes;
- TMX: the English ``<seg>`` of each changed ``<tu>`` (found by its tuid, else its number);
- TSV and CSV: the English cell of each changed row; every other line byte for byte;
- XLSX: the English cell of the first sheet, through openpyxl (styles and other sheets kept).

``changes`` maps a unit's id (as the reader gave it) to its English as read and as it is now.
"""

from __future__ import annotations

import csv
import io
import re
from html import escape, unescape
from pathlib import Path
from typing import Any

from review_app.errors import InputError
from review_app.inline import edit_inline
from review_app.readers.text import edited_bytes
from review_app.readers.units import language

Changes = dict[str, tuple[str, str]]

CORRECTABLE = ("tmx", "tsv", "csv", "xlsx")  # besides XLIFF, which writeback handles


def corrected_copy(path: str | Path, kind: str, changes: Changes) -> bytes:
    """The bytes of ``path`` (a bilingual file of ``kind``, one of :data:`CORRECTABLE`) with
    the English of the changed units replaced."""
    if kind == "tmx":
        return edited_bytes(path, lambda text: _tmx(path, text, changes))
    if kind in ("tsv", "csv"):
        return edited_bytes(path, lambda text: _table(path, kind, text, changes))
    if kind == "xlsx":
        return _xlsx(path, changes)
    raise ValueError(f"no corrected copy for {kind} files")


# -- TMX ----------------------------------------------------------------------------------------

_TU = re.compile(r"<tu\b[^>]*>", re.DOTALL)
_TUV = re.compile(r"<tuv\b([^>]*)>", re.DOTALL)
_LANG = re.compile(r"""\b(?:xml:lang|lang)\s*=\s*(["'])(.*?)\1""")
_TUID = re.compile(r"""\btuid\s*=\s*(["'])(.*?)\1""")


def _tmx(path: str | Path, text: str, changes: Changes) -> str:
    edits = []  # (start, end, new markup) in text
    left = dict(changes)
    for number, tu in enumerate(_TU.finditer(text), 1):
        if tu.group().endswith("/>"):
            continue
        tuid = _TUID.search(tu.group())
        unit_id = unescape(tuid.group(2)) if tuid and tuid.group(2) else str(number)
        if unit_id not in left:
            continue
        before, after = left.pop(unit_id)
        close = text.find("</tu>", tu.end())
        seg = _english_seg(text, tu.end(), close)
        if seg is None:  # no English yet: a variant of its own, in the file's code for English
            variant = f'<tuv xml:lang="{_english_code(text)}"><seg>{escape(after, quote=False)}'
            edits.append((close, close, variant + "</seg></tuv>"))
            continue
        start, end = seg
        edits.append((start, end, edit_inline(text[start:end], before, after)))
    if left:
        raise InputError(path, f"units not found in the file to correct: {', '.join(sorted(left))}")
    for start, end, markup in sorted(edits, reverse=True):
        text = text[:start] + markup + text[end:]
    return text


def _english_seg(text: str, start: int, close: int) -> tuple[int, int] | None:
    """The span of the content of the first English ``<seg>`` between ``start`` and ``close``."""
    for tuv in _TUV.finditer(text, start, close):
        declared = _LANG.search(tuv.group(1))
        if declared is None or language(declared.group(2)) != "en":
            continue
        seg = re.compile(r"<seg\b[^>]*>").search(text, tuv.end(), close)
        if seg is None:
            return None
        end = text.find("</seg>", seg.end(), close)
        return (seg.end(), end) if end >= 0 else None
    return None


def _english_code(text: str) -> str:
    """The code the TMX gives English (en-US, EN-GB), else "en"."""
    for declared in _LANG.finditer(text):
        if language(declared.group(2)) == "en":
            return declared.group(2)
    return "en"


# -- TSV and CSV --------------------------------------------------------------------------------


def _table(path: str | Path, kind: str, text: str, changes: Changes) -> str:
    """The table with the English cell of each changed row rewritten (the row's lines only)."""
    from review_app.readers.bilingual import read_bilingual, table_unit_id

    columns = dict(read_bilingual(path).columns)
    english = columns["en"]
    lines = text.splitlines(keepends=True)
    options: dict[str, Any] = (
        {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if kind == "tsv" else {}
    )
    reader = csv.reader(lines, **options)
    left = dict(changes)
    rewritten: list[tuple[int, int, str]] = []  # (first line, last line + 1, new text)
    first = 0
    for row in reader:
        last = reader.line_num
        cells = [cell.strip() for cell in row]
        unit_id = table_unit_id(cells, columns, first + 1)
        if unit_id in left and any(cells):
            _, after = left.pop(unit_id)
            while len(row) <= english:
                row.append("")
            row[english] = after
            ending = re.search(r"\r?\n$", lines[last - 1])
            rewritten.append((first, last, _row_text(kind, row, ending.group() if ending else "")))
        first = last
    if left:
        raise InputError(path, f"rows not found in the file to correct: {', '.join(sorted(left))}")
    for start, end, new in sorted(rewritten, reverse=True):
        lines[start:end] = [new]
    return "".join(lines)


def _row_text(kind: str, row: list[str], ending: str) -> str:
    if kind == "tsv":  # TSV cells are not quoted: a tab or a line break would split the row
        return "\t".join(re.sub(r"[\t\r\n]+", " ", cell) for cell in row) + ending
    out = io.StringIO()
    csv.writer(out, lineterminator=ending or "\n").writerow(row)
    text = out.getvalue()
    return text if ending else text.rstrip("\n")


# -- XLSX ---------------------------------------------------------------------------------------


def _xlsx(path: str | Path, changes: Changes) -> bytes:
    from openpyxl import load_workbook

    from review_app.readers.bilingual import read_bilingual, table_unit_id

    columns = dict(read_bilingual(path).columns)
    english = columns["en"]
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    left = dict(changes)
    for number, row in enumerate(sheet.iter_rows(min_row=1), 1):
        cells = ["" if cell.value is None else str(cell.value).strip() for cell in row]
        if (unit_id := table_unit_id(cells, columns, number)) in left:
            _, after = left.pop(unit_id)
            sheet.cell(row=number, column=english + 1, value=after)
    if left:
        raise InputError(path, f"rows not found in the file to correct: {', '.join(sorted(left))}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
