"""The units of a bilingual file, as every bilingual reader returns them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from review_app.errors import InputError

_ISO_639_2 = {"zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en"}


@dataclass(frozen=True)
class Unit:
    """One pair of a bilingual file."""

    id: str  # XLIFF trans-unit/unit id, TMX tuid or 1-based <tu> index, TSV/CSV id or line
    source: str  # Chinese, plain text
    target: str  # English, "" when the unit has no translation yet
    state: str | None = None  # the CAT tool's status: XLIFF state, Trados conf, memoQ status
    note: str | None = None  # the file's notes on the unit, one a line


@dataclass(frozen=True)
class BilingualFile:
    """A bilingual file's units and, if its metadata has one, its date."""

    path: str
    kind: str  # "xliff-1.2", "xliff-2", "tmx", "po", "tsv", "csv"
    units: tuple[Unit, ...]
    date: dt.date | None = None
    date_origin: str | None = None  # e.g. "XLIFF file date", "TMX header creationdate"
    languages: tuple[str, str] | None = None  # the file's own codes (zh-CN, en-US), if declared
    # A table's columns by role ("zh", "en", "id", "state", "note" → 0-based index), to write
    # a corrected English back into the cell it came from.
    columns: tuple[tuple[str, int], ...] = ()


def language(tag: str | None) -> str | None:
    """The primary language of a tag ("zh-Hans-CN" → "zh"), None when undeclared or "*all*"."""
    if not tag or not tag.strip() or tag.strip() == "*all*":
        return None
    primary = re.split(r"[-_]", tag.strip().lower())[0]
    return _ISO_639_2.get(primary, primary)


NO_STATE = "none"  # what --states calls a unit the file gives no status


def select_states(file: BilingualFile, states: Collection[str] | None) -> BilingualFile:
    """Only the units whose status is one of ``states`` (any case; "none" for a unit without
    one): ``--states Draft,Translated`` reviews what is not yet signed off. None keeps all."""
    if not states:
        return file
    wanted = {state.strip().lower() for state in states if state.strip()}
    kept = tuple(u for u in file.units if (u.state or NO_STATE).lower() in wanted)
    if not kept:
        present = sorted({unit.state or NO_STATE for unit in file.units})
        raise InputError(
            file.path,
            f"no unit has the status {', '.join(sorted(wanted))} "
            f"(the file's units: {', '.join(present)})",
        )
    return dataclasses.replace(file, units=kept)
