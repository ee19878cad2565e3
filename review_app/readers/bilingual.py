"""Bilingual files, already split into pairs: XLIFF 1.2 and 2.x, TMX, and TSV/CSV.

Each file is one document of units (Chinese source, English target). The Chinese and the English
side are chosen by the languages the file declares, so an English→Chinese XLIFF is read the
other way round; a file without a Chinese or an English side is refused. Units with an empty
source are skipped. Inline markup is removed: the text of ``<g>``, ``<pc>``, ``<mrk>`` and
``<hi>`` is kept, native codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are dropped.

The XML is parsed with lxml directly (through :mod:`review_app.readers.xmlsafe`) rather than
translate-toolkit: the toolkit prefixes XLIFF ids with the file name, matches TMX languages
exactly (``zh`` is not ``zh-CN``) and keeps native codes in the text.

Dates, from the file's metadata: XLIFF 1.2 — the earliest ``<file date>``; TMX — the header's
``creationdate``, else the earliest ``<tu creationdate>``. XLIFF 2 and TSV/CSV carry none. A
date that cannot be read is ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from review_app.errors import InputError
from review_app.limits import DEFAULT_LIMITS, Limits
from review_app.readers.text import detect_language, read_bytes, read_text
from review_app.readers.xmlsafe import parse_xml


@dataclass(frozen=True)
class Unit:
    """One pair of a bilingual file."""

    id: str  # XLIFF trans-unit/unit id, TMX tuid or 1-based <tu> index, TSV/CSV id or line
    source: str  # Chinese, plain text
    target: str  # English, "" when the unit has no translation yet


@dataclass(frozen=True)
class BilingualFile:
    """A bilingual file's units and, if its metadata has one, its date."""

    path: str
    kind: str  # "xliff-1.2", "xliff-2", "tmx", "tsv", "csv"
    units: tuple[Unit, ...]
    date: dt.date | None = None
    date_origin: str | None = None  # e.g. "XLIFF file date", "TMX header creationdate"


BILINGUAL_SUFFIXES = frozenset({".xlf", ".xliff", ".tmx", ".tsv", ".csv"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NATIVE_CODES = {"bpt", "ept", "ph", "it", "ut"}
_DATE = re.compile(r"\s*(\d{4})-?(\d{2})-?(\d{2})")
_ISO_639_2 = {"zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en"}
_COLUMN_NAMES = {
    "source": "zh", "src": "zh", "zh": "zh", "chinese": "zh", "中文": "zh", "原文": "zh",
    "target": "en", "tgt": "en", "trg": "en", "en": "en", "english": "en", "英文": "en",
    "译文": "en", "id": "id", "unit": "id", "unit_id": "id", "unit id": "id",
}  # fmt: skip


def is_bilingual(path: str | Path) -> bool:
    """Whether ``path``'s suffix (any case) is one of :data:`BILINGUAL_SUFFIXES`."""
    return Path(path).suffix.lower() in BILINGUAL_SUFFIXES


def read_bilingual(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> BilingualFile:
    """Read the XLIFF, TMX, TSV or CSV file ``path`` (by its suffix) as (Chinese, English) units.

    A file over ``limits.file_mb`` is refused before it is read."""
    suffix = Path(path).suffix.lower()
    if suffix not in BILINGUAL_SUFFIXES:
        raise InputError(path, "not a bilingual file (expected .xlf, .xliff, .tmx, .tsv or .csv)")
    if suffix in (".tsv", ".csv"):
        file = _read_table(path, suffix[1:], limits)
    else:
        raw = read_bytes(Path(path), limits)
        if not raw.strip():
            raise InputError(path, "the file is empty")
        root = parse_xml(path, raw)
        file = _read_tmx(path, root) if suffix == ".tmx" else _read_xliff(path, root)
    if not file.units:
        raise InputError(path, "the file holds no unit with Chinese text")
    if detect_language(" ".join(unit.source for unit in file.units)) == "en":
        raise InputError(
            path, "the Chinese side looks like English text (are the languages swapped?)"
        )
    return file


def _read_xliff(path: str | Path, root: Any) -> BilingualFile:
    """XLIFF 1.x (file/trans-unit) or 2.x (file/unit/segment), told by version or namespace."""
    name = etree.QName(root)
    if name.localname != "xliff":
        raise InputError(path, f"not an XLIFF file (the root element is <{name.localname}>)")
    namespace = name.namespace or ""
    version2 = root.get("version", "").startswith("2") or ":xliff:document:2" in namespace

    def q(tag: str) -> str:
        return f"{{{namespace}}}{tag}" if namespace else tag

    files = root.findall(q("file"))
    units: list[Unit] = []
    dates: list[dt.date] = []
    for number, file in enumerate(files, 1):
        # Ids repeat across <file>s, so with several the file's name (or number) leads: a.html#u1.
        prefix = f"{file.get('original') or file.get('id') or number}#" if len(files) > 1 else ""
        if version2:
            swap = _swapped(path, root.get("srcLang"), root.get("trgLang"))
            for index, unit in enumerate(file.iter(q("unit")), 1):
                unit_id = prefix + (unit.get("id") or str(index))
                segments = unit.findall(q("segment"))
                for n, segment in enumerate(segments, 1):
                    segment_id = (
                        f"{unit_id}/{segment.get('id') or n}" if len(segments) > 1 else unit_id
                    )
                    pair = _plain(segment.find(q("source"))), _plain(segment.find(q("target")))
                    units.append(_unit(segment_id, pair, swap))
        else:
            swap = _swapped(path, file.get("source-language"), file.get("target-language"))
            for index, trans_unit in enumerate(file.iter(q("trans-unit")), 1):
                pair = _plain(trans_unit.find(q("source"))), _plain(trans_unit.find(q("target")))
                units.append(_unit(prefix + (trans_unit.get("id") or str(index)), pair, swap))
            if (date := _date(file.get("date"))) is not None:
                dates.append(date)
    kept = tuple(unit for unit in units if unit.source)
    if version2:
        return BilingualFile(str(path), "xliff-2", kept)
    return BilingualFile(
        str(path), "xliff-1.2", kept, min(dates, default=None), "XLIFF file date" if dates else None
    )


def _read_tmx(path: str | Path, root: Any) -> BilingualFile:
    """TMX: in each <tu>, the first <tuv> in Chinese and the first in English."""
    if root.tag != "tmx":
        raise InputError(
            path, f"not a TMX file (the root element is <{etree.QName(root).localname}>)"
        )
    units: list[Unit] = []
    languages: set[str] = set()
    sides_found: set[str] = set()
    tu_dates: list[dt.date] = []
    for index, tu in enumerate(root.iter("tu"), 1):
        sides: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            declared = tuv.get(_XML_LANG) or tuv.get("lang") or "?"  # "lang" is TMX 1.1's
            languages.add(declared)
            sides.setdefault(_language(declared) or "?", _plain(tuv.find("seg")))
        sides_found.update(sides)
        if sides.get("zh"):
            units.append(Unit(tu.get("tuid") or str(index), sides["zh"], sides.get("en", "")))
        if (date := _date(tu.get("creationdate"))) is not None:
            tu_dates.append(date)
    found = ", ".join(sorted(languages)) or "none"
    if "zh" not in sides_found:
        raise InputError(path, f"the TMX has no Chinese side (languages: {found})")
    if "en" not in sides_found:
        raise InputError(path, f"the TMX has no English side (languages: {found})")
    header = root.find("header")
    date = _date(header.get("creationdate")) if header is not None else None
    if date is not None:
        return BilingualFile(str(path), "tmx", tuple(units), date, "TMX header creationdate")
    if tu_dates:
        return BilingualFile(str(path), "tmx", tuple(units), min(tu_dates), "TMX tu creationdate")
    return BilingualFile(str(path), "tmx", tuple(units))


def _read_table(path: str | Path, kind: str, limits: Limits) -> BilingualFile:
    """TSV/CSV: Chinese, English and an optional id column, or the columns a header names.

    The first row is a header when it names a Chinese and an English column (source/target,
    zh/en, chinese/english …; an "id" column is then used too; other columns are ignored). A
    unit's id is its id cell, else the line its row starts on. TSV cells are not quoted.
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
    columns = {"zh": 0, "en": 1, "id": 2}
    header = [_COLUMN_NAMES.get(cell.lower()) for cell in rows[0][1]] if rows else []
    if "zh" in header and "en" in header:
        columns = {role: header.index(role) for role in ("zh", "en", "id") if role in header}
        rows = rows[1:]

    def cell(row: list[str], role: str) -> str:
        index = columns.get(role)
        return row[index] if index is not None and index < len(row) else ""

    units = (
        Unit(cell(row, "id") or str(line), cell(row, "zh"), cell(row, "en")) for line, row in rows
    )
    return BilingualFile(str(path), kind, tuple(unit for unit in units if unit.source))


def _swapped(path: str | Path, source: str | None, target: str | None) -> bool:
    """Whether the declared source is the English side; refuse a pair without zh and en."""
    sides = (_language(source), _language(target))
    if sides in {("zh", "en"), ("zh", None), (None, "en"), (None, None)}:
        return False
    if sides in {("en", "zh"), ("en", None), (None, "zh")}:
        return True
    declared = f"{source or '?'} → {target or '?'}"
    if "zh" not in sides:
        raise InputError(path, f"the file has no Chinese side (languages: {declared})")
    raise InputError(path, f"the file has no English side (languages: {declared})")


def _language(tag: str | None) -> str | None:
    """The primary language of a tag ("zh-Hans-CN" → "zh"), None when undeclared or "*all*"."""
    if not tag or not tag.strip() or tag.strip() == "*all*":
        return None
    primary = re.split(r"[-_]", tag.strip().lower())[0]
    return _ISO_639_2.get(primary, primary)


def _unit(unit_id: str, pair: tuple[str, str], swap: bool) -> Unit:
    source, target = reversed(pair) if swap else pair
    return Unit(unit_id, source, target)


def _plain(element: Any) -> str:
    """The text of an XLIFF/TMX segment, inline tags removed (native codes with their content)."""
    if element is None:
        return ""

    def text(node: Any) -> str:
        parts = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str) and etree.QName(child).localname not in _NATIVE_CODES:
                parts.append(text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return " ".join(text(element).split())


def _date(value: str | None) -> dt.date | None:
    """The date of an ISO 8601 (2023-11-10T08:00:00Z) or TMX (20231110T080000Z) timestamp."""
    match = _DATE.match(value) if value else None
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
