"""XLIFF 1.2 and 2.x (and the CAT tools' dialects of 1.2) and TMX, read into units.

The dialects are XLIFF 1.2 with extensions: Trados Studio's SDLXLIFF (``sdl:`` segment
definitions with confirmation levels and locks, tracked changes as ``<mrk mtype="x-sdl-added">``
and ``"x-sdl-deleted"``), memoQ's MQXLIFF (``mq:status``, ``mq:locked``), Phrase's MXLIFF and
Wordfast's TXLF. What every reader needs from them is the same: the units' text, which units
not to review (``translate="no"``, locked), and their notes and status.

Inline markup: the text of ``<g>``, ``<pc>``, ``<mrk>`` and ``<hi>`` is kept; native codes
(``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``, ``<x>``, ``<bx>``, ``<ex>``, ``<sc>``,
``<ec>``) are dropped, and where a dropped code stood between two Latin letters or digits it
leaves a space: it stood for a tag, a variable or a line break, and "Click<ph/>Customize" is two
words, never "ClickCustomize". A deletion tracked by Trados is no text.

Dates, from the file's metadata: XLIFF 1.2, the earliest ``<file date>``; TMX, the header's
``creationdate``, else the earliest ``<tu creationdate>``. XLIFF 2 carries none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from review_app.errors import InputError
from review_app.readers.units import BilingualFile, Unit, language

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Codes whose content is the native markup, not text.
_NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "x", "bx", "ex", "sc", "ec", "cp"})
_DELETED = frozenset({"x-sdl-deleted", "x-sdl-feedback-deleted", "delete"})  # Trados; memoQ
_CODE_GAP = "\x00"  # where a dropped code stood, until its neighbours are known
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
_DATE = re.compile(r"\s*(\d{4})-?(\d{2})-?(\d{2})")
_SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"


def read_xliff(path: str | Path, root: Any) -> BilingualFile:
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
    languages = ("", "")
    for number, file in enumerate(files, 1):
        # Ids repeat across <file>s, so with several the file's name (or number) leads: a.html#u1.
        prefix = f"{file.get('original') or file.get('id') or number}#" if len(files) > 1 else ""
        if version2:
            languages = (root.get("srcLang") or "", root.get("trgLang") or "")
            swap = _swapped(path, *languages)
            units.extend(_units_2(file, q, prefix, swap))
        else:
            languages = (file.get("source-language") or "", file.get("target-language") or "")
            swap = _swapped(path, *languages)
            segment_defs = _sdl_segments(file)
            for index, trans_unit in enumerate(file.iter(q("trans-unit")), 1):
                unit_id = prefix + (trans_unit.get("id") or str(index))
                unit = _unit_12(trans_unit, q, unit_id, swap, segment_defs)
                if unit is not None:
                    units.append(unit)
            if (date := _date(file.get("date"))) is not None:
                dates.append(date)
    kept = tuple(unit for unit in units if unit.source)
    codes = _ordered(languages, swap=_swapped(path, *languages) if files else False)
    if version2:
        return BilingualFile(str(path), "xliff-2", kept, languages=codes)
    return BilingualFile(
        str(path),
        "xliff-1.2",
        kept,
        min(dates, default=None),
        "XLIFF file date" if dates else None,
        languages=codes,
    )


def _unit_12(
    trans_unit: Any,
    q: Callable[[str], str],
    unit_id: str,
    swap: bool,
    segment_defs: dict[str, dict[str, str]],
) -> Unit | None:
    """One XLIFF 1.2 trans-unit, or None when it is not for review (translate="no", locked)."""
    if trans_unit.get("translate") == "no" or _memoq_locked(trans_unit):
        return None
    target = trans_unit.find(q("target"))
    source, translation = _plain(trans_unit.find(q("source"))), _plain(target)
    state = target.get("state") if target is not None else None
    # Trados: the segments of a unit, with their confirmation level and lock.
    segment_ids = [m.get("mid") for m in _segment_marks(trans_unit.find(q("seg-source")))]
    sdl = [segment_defs[mid] for mid in segment_ids if mid in segment_defs]
    if sdl and all(seg.get("locked") == "true" for seg in sdl):
        return None
    if sdl:
        state = ", ".join(dict.fromkeys(seg.get("conf", "Draft") for seg in sdl))
    state = _memoq_status(trans_unit) or state
    notes = [_plain(note) for note in trans_unit.iter(q("note"))]
    pair = (translation, source) if swap else (source, translation)
    return Unit(unit_id, *pair, state=state, note="\n".join(n for n in notes if n) or None)


def _units_2(file: Any, q: Callable[[str], str], prefix: str, swap: bool) -> Iterator[Unit]:
    """The segments of an XLIFF 2 file's units; a unit with translate="no" is left out."""
    for index, unit in enumerate(file.iter(q("unit")), 1):
        if unit.get("translate") == "no":
            continue
        unit_id = prefix + (unit.get("id") or str(index))
        notes = [_plain(note) for note in unit.iter(q("note"))]
        note = "\n".join(n for n in notes if n) or None
        segments = unit.findall(q("segment"))
        for n, segment in enumerate(segments, 1):
            segment_id = f"{unit_id}/{segment.get('id') or n}" if len(segments) > 1 else unit_id
            source, target = _plain(segment.find(q("source"))), _plain(segment.find(q("target")))
            pair = (target, source) if swap else (source, target)
            yield Unit(segment_id, *pair, state=segment.get("state"), note=note)


def _sdl_segments(file: Any) -> dict[str, dict[str, str]]:
    """Trados' segment definitions of a file: mid → {conf, locked, …}."""
    return {seg.get("id"): dict(seg.attrib) for seg in file.iter(f"{{{_SDL}}}seg") if seg.get("id")}


def _segment_marks(seg_source: Any) -> list[Any]:
    if seg_source is None:
        return []
    return [m for m in seg_source.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"]


def _memoq_locked(trans_unit: Any) -> bool:
    return _extension(trans_unit, "locked") in ("locked", "true")


def _memoq_status(trans_unit: Any) -> str | None:
    """memoQ's status of a unit (ManuallyConfirmed, PartiallyEdited …), from ``mq:status``."""
    return _extension(trans_unit, "status")


def _extension(element: Any, name: str) -> str | None:
    """The value of a tool's own attribute (any namespace: memoQ's is "MQXliff") ``name``."""
    for key, value in element.attrib.items():
        if key.startswith("{") and key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def read_tmx(path: str | Path, root: Any) -> BilingualFile:
    """TMX: in each <tu>, the first <tuv> in Chinese and the first in English."""
    if root.tag != "tmx":
        raise InputError(
            path, f"not a TMX file (the root element is <{etree.QName(root).localname}>)"
        )
    units: list[Unit] = []
    languages: set[str] = set()
    codes: dict[str, str] = {}  # zh/en → the code the file uses (zh-CN, en-US)
    tu_dates: list[dt.date] = []
    for index, tu in enumerate(root.iter("tu"), 1):
        sides: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            declared = tuv.get(_XML_LANG) or tuv.get("lang") or "?"  # "lang" is TMX 1.1's
            languages.add(declared)
            side = language(declared) or "?"
            codes.setdefault(side, declared)
            sides.setdefault(side, _plain(tuv.find("seg")))
        if sides.get("zh"):
            notes = [" ".join((note.text or "").split()) for note in tu.findall("note")]
            units.append(
                Unit(
                    tu.get("tuid") or str(index),
                    sides["zh"],
                    sides.get("en", ""),
                    note="\n".join(n for n in notes if n) or None,
                )
            )
        if (date := _date(tu.get("creationdate"))) is not None:
            tu_dates.append(date)
    found = ", ".join(sorted(languages)) or "none"
    if "zh" not in codes:
        raise InputError(path, f"the TMX has no Chinese side (languages: {found})")
    if "en" not in codes:
        raise InputError(path, f"the TMX has no English side (languages: {found})")
    pair = (codes["zh"], codes["en"])
    header = root.find("header")
    date = _date(header.get("creationdate")) if header is not None else None
    if date is not None:
        return BilingualFile(
            str(path), "tmx", tuple(units), date, "TMX header creationdate", languages=pair
        )
    if tu_dates:
        return BilingualFile(
            str(path), "tmx", tuple(units), min(tu_dates), "TMX tu creationdate", languages=pair
        )
    return BilingualFile(str(path), "tmx", tuple(units), languages=pair)


def _swapped(path: str | Path, source: str | None, target: str | None) -> bool:
    """Whether the declared source is the English side; refuse a pair without zh and en."""
    sides = (language(source), language(target))
    if sides in {("zh", "en"), ("zh", None), (None, "en"), (None, None)}:
        return False
    if sides in {("en", "zh"), ("en", None), (None, "zh")}:
        return True
    declared = f"{source or '?'} → {target or '?'}"
    if "zh" not in sides:
        raise InputError(path, f"the file has no Chinese side (languages: {declared})")
    raise InputError(path, f"the file has no English side (languages: {declared})")


def _ordered(declared: tuple[str, str], *, swap: bool) -> tuple[str, str] | None:
    """The file's (Chinese, English) language codes, when it declares both."""
    source, target = reversed(declared) if swap else declared
    return (source, target) if source and target else None


def _plain(element: Any) -> str:
    """The text of an XLIFF/TMX segment, inline markup removed (see the module's notes)."""
    if element is None:
        return ""

    def text(node: Any) -> str:
        parts = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str):
                name = _local(child)
                if name in _NATIVE_CODES:
                    parts.append(_CODE_GAP)
                elif not (name == "mrk" and child.get("mtype") in _DELETED):
                    parts.append(text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    joined = text(element)
    if _CODE_GAP in joined:
        joined = re.sub(f"{_CODE_GAP}+", lambda gap: _gap(joined, gap), joined)
    return " ".join(joined.split())


def _gap(text: str, gap: re.Match[str]) -> str:
    """A space where dropped codes stood between two Latin letters or digits, else nothing
    (Chinese has no spaces; "(<ph/>)" needs none)."""
    before, after = text[gap.start() - 1 : gap.start()], text[gap.end() : gap.end() + 1]
    return " " if _WORD_CHAR.match(before) and _WORD_CHAR.match(after) else ""


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def _date(value: str | None) -> dt.date | None:
    """The date of an ISO 8601 (2023-11-10T08:00:00Z) or TMX (20231110T080000Z) timestamp."""
    match = _DATE.match(value) if value else None
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
