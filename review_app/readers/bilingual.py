"""Bilingual files, already split into pairs: XLIFF 1.2 and 2.x (with the CAT tools' own
dialects: Trados SDLXLIFF, memoQ MQXLIFF, Phrase MXLIFF, Wordfast TXLF), TMX, PO, and TSV/CSV.

Each file is one document of units (Chinese source, English target). A file is recognised by
its suffix or, for any other suffix (.xml, none), by its content: an ``<xliff>`` or ``<tmx>``
root, or PO entries. The Chinese and the English side are chosen by the languages the file
declares, so an English→Chinese XLIFF is read the other way round; a file without a Chinese or
an English side is refused. Units with an empty source, ``translate="no"`` and locked units are
skipped. The XML formats are read by :mod:`review_app.readers.xliff`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from review_app.errors import InputError
from review_app.limits import DEFAULT_LIMITS, Limits
from review_app.readers.text import (
    CJK,
    LANGUAGE_NAMES,
    decode_bytes,
    detect_language,
    read_bytes,
    read_text,
)
from review_app.readers.units import BilingualFile, Unit, language, select_states
from review_app.readers.xliff import read_tmx, read_xliff
from review_app.readers.xmlsafe import parse_xml

__all__ = [
    "BILINGUAL_SUFFIXES",
    "BilingualFile",
    "Unit",
    "is_bilingual",
    "is_xliff",
    "read_bilingual",
    "select_states",
]

# By suffix: XLIFF and its CAT dialects, TMX, PO, tables.
_XLIFF_SUFFIXES = frozenset({".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff", ".txlf"})
_KIND_OF_SUFFIX = {
    **dict.fromkeys(_XLIFF_SUFFIXES, "xliff"),
    ".tmx": "tmx",
    ".po": "po",
    ".tsv": "tsv",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
BILINGUAL_SUFFIXES = frozenset(_KIND_OF_SUFFIX)
# Documents of one language, never sniffed for bilingual content.
_MONOLINGUAL_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx"})
_SNIFF_BYTES = 4096
_COLUMN_NAMES = {
    "source": "zh", "src": "zh", "zh": "zh", "chinese": "zh", "中文": "zh", "原文": "zh",
    "target": "en", "tgt": "en", "trg": "en", "en": "en", "english": "en", "英文": "en",
    "译文": "en", "id": "id", "unit": "id", "unit_id": "id", "unit id": "id",
    "segment id": "id", "source segment": "zh", "target segment": "en",
    "status": "state", "state": "state", "segment status": "state",
    "comment": "note", "comments": "note", "note": "note", "notes": "note",
}  # fmt: skip
_ROLES = ("zh", "en", "id", "state", "note")


def bilingual_kind(path: str | Path) -> str | None:
    """ "xliff", "tmx", "po", "tsv" or "csv": by the suffix, else by the first bytes of a file
    whose suffix says nothing (.xml, .bak, none); None for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _KIND_OF_SUFFIX:
        return _KIND_OF_SUFFIX[suffix]
    if suffix == ".docx" and path.is_file():
        return "docx-table" if _is_review_table(path) else None
    if suffix in _MONOLINGUAL_SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return None
    return _sniff(head)


def _sniff(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    lowered = text.lower()
    if "<xliff" in lowered:
        return "xliff"
    if "<tmx" in lowered:
        return "tmx"
    if 'msgid "' in text and 'msgstr "' in text:
        return "po"
    return None


def _is_review_table(path: Path) -> bool:
    """Whether a .docx is a bilingual review table: its largest table has a column in Chinese
    and another in English (a Word document that merely holds a table is not: its cells are
    in one language)."""
    from review_app.readers.formats import docx_table_rows

    try:
        rows = [row for row in docx_table_rows(path) if any(row)]
    except InputError:
        return False  # read as a document, which reports what is wrong with it
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    width = max(len(row) for row in rows)
    sides = {
        detect_language(" ".join(row[i] for row in rows[:200] if i < len(row)))
        for i in range(width)
    }
    return {"zh", "en"} <= sides


def is_xliff(path: str | Path) -> bool:
    """Whether ``path`` is an XLIFF of any dialect (by suffix or content)."""
    return bilingual_kind(path) == "xliff"


def is_bilingual(path: str | Path) -> bool:
    """Whether ``path`` is a bilingual file, by its suffix (any case) or its content."""
    return bilingual_kind(path) is not None


def read_bilingual(
    path: str | Path,
    limits: Limits = DEFAULT_LIMITS,
    *,
    columns: tuple[str | None, str | None] = (None, None),
) -> BilingualFile:
    """Read the bilingual file ``path`` (XLIFF, TMX, PO, a table) as (Chinese, English) units.
    A file over ``limits.file_mb`` is refused before it is read. ``columns``: a table's Chinese
    and English columns, by 1-based number or header name (``--source-column``,
    ``--target-column``), where the header and the text cannot tell."""
    kind = bilingual_kind(path)
    if kind is None:
        raise InputError(
            path,
            "not a bilingual file (expected XLIFF, SDLXLIFF, MQXLIFF, MXLIFF, TXLF, TMX, PO, "
            "TSV or CSV)",
        )
    if kind in ("tsv", "csv", "xlsx", "docx-table"):
        file = _table_units(path, kind, _table_rows(path, kind, limits), columns)
    else:
        raw = read_bytes(Path(path), limits)
        if not raw.strip():
            raise InputError(path, "the file is empty")
        if kind == "po":
            file = _read_po(path, raw)
        else:
            root = parse_xml(path, raw)
            file = read_tmx(path, root) if kind == "tmx" else read_xliff(path, root)
    if not file.units:
        raise InputError(path, "the file holds no unit with Chinese text to review")
    if not any(CJK.search(unit.source + unit.target) for unit in file.units):
        raise InputError(path, "the file holds no Chinese text (bireview reviews Chinese→English)")
    found = detect_language(" ".join(unit.source for unit in file.units))
    if found == "en":
        raise InputError(
            path, "the Chinese side looks like English text (are the languages swapped?)"
        )
    if found in ("ja", "ko"):
        raise InputError(path, f"the Chinese side looks like {LANGUAGE_NAMES[found]} text")
    return file


def _read_po(path: str | Path, raw: bytes) -> BilingualFile:
    """A gettext PO file (translate-toolkit reads it): msgid and msgstr, the header's Language
    saying which is which (an English msgid with Chinese msgstr is read the other way round).
    Obsolete entries are skipped; a fuzzy entry's state is "fuzzy"."""
    from translate.storage.pypo import pofile

    text, _ = decode_bytes(path, raw)
    try:
        store = pofile(io.BytesIO(text.encode("utf-8")))
    except Exception as error:  # the toolkit raises ValueError and its own parse errors
        raise InputError(path, f"not a readable PO file ({error})") from None
    entries = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    sources = " ".join(str(u.source) for u in entries)
    targets = " ".join(str(u.target) for u in entries if u.target)
    declared = language(store.gettargetlanguage())
    swap = declared == "zh" or (
        declared is None and detect_language(sources) == "en" and detect_language(targets) == "zh"
    )
    units = []
    for number, entry in enumerate(entries, 1):
        source, target = str(entry.source), str(entry.target or "")
        if swap:
            source, target = target, source
        unit_id = entry.getid() or str(number)
        notes = entry.getnotes() or None
        state = "fuzzy" if entry.isfuzzy() else ("translated" if entry.target else None)
        units.append(Unit(unit_id, source, target, state=state, note=notes))
    return BilingualFile(str(path), "po", tuple(u for u in units if u.source))


def _table_rows(path: str | Path, kind: str, limits: Limits) -> list[tuple[int, list[str]]]:
    """A table's non-empty rows: (the line or row number, its cells)."""
    if kind == "xlsx":
        return _read_xlsx(path, limits)
    if kind == "docx-table":
        from review_app.readers.formats import docx_table_rows

        rows = docx_table_rows(path, limits)
        return [(number, row) for number, row in enumerate(rows, 1) if any(row)]
    return _read_table(path, kind, limits)


def _read_table(path: str | Path, kind: str, limits: Limits) -> list[tuple[int, list[str]]]:
    """TSV/CSV: Chinese, English and an optional id column, or the columns a header names.

    The first row is a header when it names a Chinese and an English column (source/target,
    zh/en, chinese/english, a language tag such as zh-CN or en-US …; an "id" column is then used
    too; other columns are ignored). What the columns hold has the last word: a "source"
    column in English beside a "target" in Chinese is the English one. A unit's id is its id
    cell, else the line its row starts on. TSV cells are not quoted.
    """
    text, _ = read_text(path, limits)
    options: dict[str, Any] = (
        {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if kind == "tsv" else {"strict": True}
    )
    reader = csv.reader(io.StringIO(text), **options)
    rows: list[tuple[int, list[str]]] = []  # (the line the row starts on, its cells)
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, [cell.strip() for cell in row]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(
            path, f"not a readable {kind.upper()} file ({error})", line=reader.line_num
        ) from None
    return rows


def _read_xlsx(path: str | Path, limits: Limits) -> list[tuple[int, list[str]]]:
    """An Excel workbook's first sheet, read as a table (see :func:`_read_table`); a unit's id
    is its id cell, else its row number. The package is checked as a .docx is (size, entities)
    before openpyxl reads it."""
    from openpyxl import load_workbook

    from review_app.readers.formats import checked_package

    raw = read_bytes(Path(path), limits)
    checked_package(path, raw, limits, ".xlsx", "xl/workbook.xml")
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [
            (number, ["" if value is None else str(value).strip() for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
            if any(value is not None and str(value).strip() for value in values)
        ]
        workbook.close()
    except Exception as error:  # openpyxl fails in many ways on a damaged workbook
        raise InputError(path, f"not a readable .xlsx file ({error})") from None
    return rows


def _table_units(
    path: str | Path,
    kind: str,
    rows: list[tuple[int, list[str]]],
    chosen: tuple[str | None, str | None] = (None, None),
) -> BilingualFile:
    """The units of a table's rows (line or row number, cells): see :func:`_read_table`.
    ``chosen``: the Chinese and English columns the user named, which have the last word."""
    first = rows[0][1] if rows else []
    header = [_column_role(cell) for cell in first]
    named = any(column and not column.strip().isdigit() for column in chosen)
    columns = {"zh": 0, "en": 1, "id": 2}
    if "zh" in header and "en" in header:
        columns = {role: header.index(role) for role in _ROLES if role in header}
    has_header = ("zh" in header and "en" in header) or named
    if has_header:
        rows = rows[1:]  # a header: it names the columns
    if any(chosen):
        names = [cell.strip().lower() for cell in first]
        for role, column in zip(("zh", "en"), chosen, strict=True):
            if column:
                columns[role] = _chosen_column(path, column, names)
        if columns.get("id") in (columns["zh"], columns["en"]):
            del columns["id"]  # the default third column, now a language's
        zh = columns["zh"]
        if not has_header and rows and zh < len(first) and not CJK.search(first[zh]):
            rows = rows[1:]  # columns given by number, and a first row with no Chinese: a header
    else:
        columns.update(_columns_by_content(rows, columns))

    def cell(row: list[str], role: str) -> str:
        index = columns.get(role)
        return row[index] if index is not None and index < len(row) else ""

    units = (
        Unit(
            table_unit_id(row, columns, line),
            cell(row, "zh"),
            cell(row, "en"),
            state=cell(row, "state") or None,
            note=cell(row, "note") or None,
        )
        for line, row in rows
    )
    found = tuple(unit for unit in units if unit.source)
    return BilingualFile(str(path), kind, found, columns=tuple(sorted(columns.items())))


def table_unit_id(row: Sequence[str], columns: Mapping[str, int], line: int) -> str:
    """A table row's unit id (its cells stripped): its id cell, else the line (or sheet row) the
    row starts on. The writer of a corrected table finds its rows by the same rule."""
    index = columns.get("id")
    own = row[index] if index is not None and index < len(row) else ""
    return own or str(line)


def _chosen_column(path: str | Path, column: str, names: list[str]) -> int:
    """A column named by the user: its 1-based number, or its header cell."""
    if column.strip().isdigit() and int(column) >= 1:
        return int(column) - 1
    wanted = column.strip().lower()
    if wanted in names:
        return names.index(wanted)
    raise InputError(path, f"no column {column!r} (the header has: {', '.join(names) or 'none'})")


def _column_role(cell: str) -> str | None:
    """The role of a header cell ("zh", "en", "id", "state", "note"): a name (source, 译文,
    Segment status, Comment), a language tag (zh-CN), or a tag in brackets (Target (en-US))."""
    name = " ".join(cell.strip().lower().split())
    if name in _COLUMN_NAMES:
        return _COLUMN_NAMES[name]
    bracketed = re.search(r"\(([a-z]{2,3}(?:[-_][a-z0-9]+)*)\)", name)
    if bracketed:
        name = bracketed.group(1)
    tag = language(name) if len(name) <= 12 and " " not in name else None
    return tag if tag in ("zh", "en") else None


def _columns_by_content(rows: list[tuple[int, list[str]]], columns: dict[str, int]) -> dict:
    """The Chinese and the English column as their text says, where the header (or the
    default order) says otherwise: English under "source", or a review table's id first."""
    sample = rows[:200]
    width = max((len(row) for _, row in sample), default=0)
    sides = [
        detect_language(" ".join(row[i] for _, row in sample if i < len(row))) for i in range(width)
    ]
    found = {}
    for side in ("zh", "en"):
        if columns[side] < width and sides[columns[side]] == side:
            continue
        if side in sides:
            found[side] = sides.index(side)
    return found
