"""Exchange the glossary with CAT tools and spreadsheets: TBX and CSV, export and import (and
TSV, import only).

**TBX** (TermBase eXchange, ISO 30042; written as TBX-Basic, the ``martif`` dialect CAT tools
read; TBX v3 ``tbx``/``conceptEntry`` files are read too). One ``termEntry`` an entry, its
``id`` the entry's id::

    <termEntry id="term.belt-and-road">
      <descrip type="subjectField">terms</descrip>          the section
      <descrip type="placeKind">province</descrip>          places: kind
      <descrip type="checkPresence">false</descrip>         places: check_presence (if false)
      <descrip type="caseSensitive">true</descrip>          terms: case_sensitive (if true)
      <ref type="crossReference" target="province.jilin">entity</ref>    false friends: entity,
      <ref type="crossReference" target="country.kyrgyzstan">mistaken_for</ref>   mistaken_for
      <ref type="crossReference" target="city.nanjing">reads</ref>       compounds: reads, in order
      <descripGrp>                                          persons: one a role
        <descrip type="role">office=office.governor; org=province.jilin; from=2023-04-02</descrip>
        <admin type="source">…</admin><note>…</note>      the role's source and note
      </descripGrp>
      <admin type="source">…</admin>                        source
      <note>…</note>                                        note
      <langSet xml:lang="zh">                               zh (preferred), short (termType
        <tig><term>一带一路</term>                            shortForm), abbr (abbreviation)
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en">                               en (preferred), variants (admitted),
        …                                                   adjectives (admitted, partOfSpeech
      </langSet>                                            adjective), forbidden (deprecated)
    </termEntry>

Offices list several Chinese titles and English head words: the first of each is preferred, the
rest admitted. Every field of every kind of entry has a place, so export and import give the
same entries back. A CAT tool's own file is read as terms (its ``subjectField`` unless it names a
section): the first preferred English term is ``en``, the other admitted ones ``variants``, the
deprecated or superseded ones ``forbidden``; only the first Chinese term is kept (langSet- and
term-level notes and other subject fields are not read); a ``definition`` becomes the note; an
entry whose
``id`` is not a glossary id gets one made from its English (``term.belt-and-road-initiative``,
``-2`` added if that id is taken), and updates an entry of the same section with the same
Chinese if there is one.

**CSV** (UTF-8; exported with a byte-order mark so spreadsheets read the Chinese), one row an
entry, with this header (columns in any order on import; only ``zh`` or ``en`` needed; a
language tag names them too: ``zh-CN``, ``zh_Hans``, ``zho``, ``en-US``, ``eng`` …)::

    section,id,kind,zh,short,abbr,en,variants,adjectives,forbidden,case_sensitive,
    check_presence,entity,mistaken_for,reads,source,note

Lists are written ``a | b``; ``case_sensitive``/``check_presence`` are ``true``, ``false`` or
empty (the default); a column that does not apply to the row's section stays empty. A person's
``roles`` are not in CSV (a role has six fields of its own): exporting leaves them out and
importing keeps the roles an entry has; use TBX or the YAML for roles. A cell that starts with
``= + - @`` is written with a leading ``'`` so that a spreadsheet does not run it as a formula;
importing takes the ``'`` off again. A ``.tsv`` file is read the same way, with tabs.

**Import** (:func:`import_into`) validates every imported entry first. ``bireview glossary
import`` leaves each bad entry out, reports it as ``file:line: message`` (the line where the
entry starts) and imports the others; the functions, given no ``problems`` list, stop at the
first bad entry and write nothing (as accepting a proposal wants). A file that cannot be read
at all (not XML, not CSV, no header) is one error and nothing is imported. An entry whose id is
in the glossary is updated in place in its file (comments, order and formatting kept,
:mod:`glossary.edit`); a new one is added at the end of its section in the chosen file. Each
YAML file is written atomically, and only after the whole glossary was checked as it would be.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_origin

from glossary.errors import GlossaryError

if TYPE_CHECKING:
    import argparse

    from glossary.edit import Document
    from glossary.model import Entry, Glossary

SECTIONS = (
    "places",
    "false_friends",
    "compounds",
    "offices",
    "persons",
    "organisations",
    "terms",
)
DEFAULT_SECTION = "terms"
CSV_COLUMNS = (
    "section",
    "id",
    "kind",
    "zh",
    "short",
    "abbr",
    "en",
    "variants",
    "adjectives",
    "forbidden",
    "case_sensitive",
    "check_presence",
    "entity",
    "mistaken_for",
    "reads",
    "source",
    "note",
)
SEPARATOR = " | "
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLE_KEYS = ("office", "org", "from", "to")
# Roles' and entries' source and note are kept exactly; other text is trimmed on import.
EXACT = ("source", "note")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# A language tag (BCP 47 with - or _, or ISO 639-2): zh-CN, zh_Hans, zh-Hans-CN, zho, en-US, eng.
_LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")
_THREE_LETTER = {"chi": "zh", "zho": "zh", "eng": "en"}


@dataclass
class ImportedEntry:
    """One entry read from an import file: its section, its keys as in the YAML (``None``: not
    set), and where it was read."""

    section: str
    data: dict[str, Any]
    path: str
    line: int | None = None
    generated_id: bool = False  # the file gave no glossary id: one was made up


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the YAML files written

    def __str__(self) -> str:
        written = ", ".join(path.name for path in self.files) or "no file changed"
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged ({written})"
        )


def primary_language(tag: str) -> str:
    """The primary language of a tag, as two letters ("zh-Hans-CN" and "zho" → "zh", "en_GB"
    → "en"); "" for what is not a language tag."""
    match = _LANGUAGE_TAG.fullmatch(tag.strip().lower())
    if match is None:
        return ""
    return _THREE_LETTER.get(match.group(1), match.group(1))


def _bad_entry(problems: list[GlossaryError] | None, problem: GlossaryError) -> None:
    """Set a bad entry aside in ``problems``, so that the good ones are still imported; without
    a list, stop at the first one (all or nothing)."""
    if problems is None:
        raise problem from None
    problems.append(problem)


def glossary_entries(glossary: Glossary) -> Iterator[tuple[str, Entry]]:
    """(section, entry) for every entry, file by file, in the files' order."""
    for content in glossary.files.values():
        for section in SECTIONS:
            for entry in getattr(content, section):
                yield section, entry


# -- TBX ----------------------------------------------------------------------------------------


def export_tbx(glossary: Glossary) -> str:
    """The whole glossary as a TBX-Basic file."""
    from lxml import etree

    from glossary.edit import entry_data

    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    description = etree.SubElement(header, "fileDesc")
    title = etree.SubElement(etree.SubElement(description, "titleStmt"), "title")
    title.text = "bireview glossary"
    source = etree.SubElement(etree.SubElement(description, "sourceDesc"), "p")
    source.text = f"Exported by bireview from glossary version {glossary.version}."
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for section, entry in glossary_entries(glossary):
        _term_entry(body, section, entry_data(entry))
    etree.indent(root, space="  ")
    xml = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n'


def _term_entry(body: Any, section: str, data: dict[str, Any]) -> None:
    from lxml import etree

    def add(parent: Any, tag: str, text: str, **attributes: str) -> Any:
        element = etree.SubElement(parent, tag, attributes)
        element.text = text
        return element

    entry = etree.SubElement(body, "termEntry", id=data["id"])
    add(entry, "descrip", section, type="subjectField")
    if section == "places":
        add(entry, "descrip", data["kind"], type="placeKind")
        if data.get("check_presence") is False:
            add(entry, "descrip", "false", type="checkPresence")
    if data.get("case_sensitive"):
        add(entry, "descrip", "true", type="caseSensitive")
    for key in ("entity", "mistaken_for"):
        if key in data:
            add(entry, "ref", key, type="crossReference", target=data[key])
    for place in data.get("reads", []):
        add(entry, "ref", "reads", type="crossReference", target=place)
    for role in data.get("roles", []):
        group = etree.SubElement(entry, "descripGrp")
        fields = "; ".join(f"{key}={role[key]}" for key in ROLE_KEYS if key in role)
        add(group, "descrip", fields, type="role")
        if "source" in role:
            add(group, "admin", role["source"], type="source")
        if "note" in role:
            add(group, "note", role["note"])
    if "source" in data:
        add(entry, "admin", data["source"], type="source")
    if "note" in data:
        add(entry, "note", data["note"])

    zh: list[tuple[str, str, dict[str, str]]] = []  # (term, status, other term notes)
    for position, form in enumerate(_as_list(data.get("zh"))):
        zh.append((form, PREFERRED if position == 0 else ADMITTED, {}))
    zh += [(form, ADMITTED, {"termType": "shortForm"}) for form in data.get("short", [])]
    zh += [(form, ADMITTED, {"termType": "abbreviation"}) for form in data.get("abbr", [])]
    en: list[tuple[str, str, dict[str, str]]] = []
    for position, form in enumerate(_as_list(data.get("en"))):
        en.append((form, PREFERRED if position == 0 else ADMITTED, {}))
    en += [(form, ADMITTED, {}) for form in data.get("variants", [])]
    en += [(form, ADMITTED, {"partOfSpeech": "adjective"}) for form in data.get("adjectives", [])]
    en += [(form, DEPRECATED, {}) for form in data.get("forbidden", [])]
    for language, terms in (("zh", zh), ("en", en)):
        if not terms:
            continue
        lang_set = etree.SubElement(entry, "langSet", {XML_LANG: language})
        for form, status, notes in terms:
            tig = etree.SubElement(lang_set, "tig")
            add(tig, "term", form)
            for kind, value in notes.items():
                add(tig, "termNote", value, type=kind)
            add(tig, "termNote", status, type="administrativeStatus")


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def import_tbx(
    path: str | Path, problems: list[GlossaryError] | None = None
) -> list[ImportedEntry]:
    """The entries of a TBX file (v2 ``martif`` or v3 ``tbx``), as keys for the YAML. An entry
    that cannot be read goes to ``problems`` (see :func:`_bad_entry`); a file that is not TBX
    raises :class:`GlossaryError`."""
    from lxml import etree

    path = Path(path)
    root = parse_xml_safely(path, _read(path))
    if _local(root) not in ("martif", "tbx"):
        raise GlossaryError(path, f"not a TBX file (its root element is <{_local(root)}>)")
    result = []
    for element in root.iter(etree.Element):
        if _local(element) in ("termEntry", "conceptEntry"):
            try:
                result.append(_read_term_entry(path, element))
            except ValueError as error:
                problem = GlossaryError(path, str(error), line=element.sourceline)
                _bad_entry(problems, problem)
    return result


def _read_term_entry(path: Path, element: Any) -> ImportedEntry:
    info = _EntryInfo()
    for child in _children(element):
        name = _local(child)
        if name in ("langSet", "langSec"):
            side = primary_language(child.get(XML_LANG) or child.get("lang") or "")
            for term in _terms(child):
                if side == "zh":
                    info.zh.append(term)
                elif side == "en":
                    info.en.append(term)
        elif name == "descripGrp":
            info.roles.append(_read_role(child))
        else:
            _read_field(info, child)
    section = info.section if info.section in SECTIONS else DEFAULT_SECTION
    data = info.data(section)
    entry_id = element.get("id") or ""
    generated = not ID_PATTERN.match(entry_id)
    if generated:
        entry_id = make_id(section, data)
    return ImportedEntry(
        section, {"id": entry_id, **data}, str(path), element.sourceline, generated
    )


@dataclass
class _Term:
    text: str
    status: str = ""  # preferred, admitted, deprecated or empty (not said)
    term_type: str = ""
    part_of_speech: str = ""


@dataclass
class _EntryInfo:
    section: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (field, target)
    roles: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    definition: str | None = None
    zh: list[_Term] = field(default_factory=list)
    en: list[_Term] = field(default_factory=list)

    def data(self, section: str) -> dict[str, Any]:
        from glossary.edit import field_order, section_models

        model = section_models()[section]
        known = set(field_order(model))
        values: dict[str, Any] = {}
        zh = _ordered(self.zh)
        en = _ordered(self.en)
        if section == "offices":
            values["zh"] = [t.text for t in zh if t.status != "deprecated"]
            values["en"] = [t.text for t in en if t.status != "deprecated"]
        else:
            main = [t for t in zh if t.term_type not in ("shortForm", "abbreviation")] or zh
            values["zh"] = main[0].text if main else None
            others = [t for t in zh if main and t is not main[0] and t.status != "deprecated"]
            if section == "places":
                values["short"] = [t.text for t in others if t.term_type != "abbreviation"]
                values["abbr"] = [t.text for t in others if t.term_type == "abbreviation"]
            elif section == "organisations":
                values["short"] = [t.text for t in others]
            usable = [t for t in en if t.status != "deprecated"]
            if "en" in known:
                values["en"] = usable[0].text if usable else None
                rest = usable[1:]
                if section == "places":
                    values["adjectives"] = [t.text for t in rest if t.part_of_speech == "adjective"]
                    rest = [t for t in rest if t.part_of_speech != "adjective"]
                values["variants"] = [t.text for t in rest]
            if section == "terms":
                values["forbidden"] = [t.text for t in en if t.status == "deprecated"]
        if section == "places":
            values["kind"] = self.fields.get("placeKind")
            values["check_presence"] = self._flag("checkPresence", default=True)
        if section == "terms":
            values["case_sensitive"] = self._flag("caseSensitive", default=False)
        for key in ("entity", "mistaken_for"):
            if key in known:
                values[key] = next((target for name, target in self.refs if name == key), None)
        if section == "compounds":
            values["reads"] = [target for name, target in self.refs if name == "reads"]
        if section == "persons":
            values["roles"] = self.roles
        values["source"] = self.fields.get("source")
        values["note"] = "\n".join(self.notes) if self.notes else self.definition
        return {key: values[key] for key in field_order(model) if key in values}

    def _flag(self, name: str, *, default: bool) -> bool | None:
        try:
            return _boolean(self.fields.get(name), default=default)
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None


def _ordered(terms: list[_Term]) -> list[_Term]:
    """Preferred terms first (stably): the first one is the entry's name."""
    return sorted(terms, key=lambda term: term.status != "preferred")


def _read_field(info: _EntryInfo, child: Any) -> None:
    name = _local(child)
    kind = child.get("type") or name  # TBX v3 DCT style names the field by its element
    text = _text(child)
    if name in ("descrip", "admin", "termNote", "subjectField", "source"):
        if kind == "subjectField":
            info.section = text.strip()
        elif kind == "definition":
            info.definition = text
        elif kind in ("placeKind", "checkPresence", "caseSensitive"):
            info.fields[kind] = text.strip()
        elif kind == "source":
            info.fields["source"] = text
    elif name == "note":
        info.notes.append(text)
    elif name == "ref" and child.get("type", "crossReference") == "crossReference":
        info.refs.append((text.strip(), child.get("target") or ""))


def _read_role(group: Any) -> dict[str, Any]:
    role: dict[str, Any] = {}
    for child in _children(group):
        name, kind, text = _local(child), child.get("type"), _text(child)
        if name == "descrip" and kind == "role":
            for part in text.split(";"):
                key, _, value = part.partition("=")
                if key.strip():
                    role[key.strip()] = value.strip()
        elif (name == "admin" and kind == "source") or name == "source":
            role["source"] = text
        elif name == "note":
            role["note"] = text
    return role


def _terms(lang_set: Any) -> Iterator[_Term]:
    for child in _children(lang_set):
        if _local(child) not in ("tig", "ntig", "termSec"):
            continue
        term: _Term | None = None
        notes: list[tuple[str, str]] = []
        for node in child.iter():
            name = _local(node)
            if name == "term" and term is None:
                term = _Term(" ".join(_text(node).split()))
            elif name == "termNote":
                notes.append((node.get("type") or "", _text(node)))
            elif name in ("administrativeStatus", "termType", "partOfSpeech"):
                notes.append((name, _text(node)))
        if term is None or not term.text:
            continue
        for kind, value in notes:
            if kind in ("administrativeStatus", "normativeAuthorization"):
                term.status = _status(value)
            elif kind == "termType":
                term.term_type = value.strip()
            elif kind == "partOfSpeech":
                term.part_of_speech = value.strip().lower()
        yield term


def _status(value: str) -> str:
    folded = value.strip().lower()
    for status in ("preferred", "admitted"):
        if folded.startswith(status):
            return status
    if folded.startswith(("deprecated", "superseded", "notrecommended", "forbidden")):
        return "deprecated"
    return ""


def _boolean(value: str | None, *, default: bool) -> bool | None:
    """A true/false field; ``None`` (the default) when not given."""
    if value is None or not value.strip():
        return None
    folded = value.strip().lower()
    if folded in ("true", "yes", "1"):
        return None if default else True
    if folded in ("false", "no", "0"):
        return False if default else None
    raise ValueError(f"expected true or false, not {value!r}")


def _children(element: Any) -> Iterator[Any]:
    from lxml import etree

    yield from element.iterchildren(etree.Element)


def _local(element: Any) -> str:
    from lxml import etree

    return str(etree.QName(element).localname)


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryError(path, f"cannot read: {error.strerror or error}") from None


def parse_xml_safely(path: str | Path, data: bytes) -> Any:
    """The root element of ``data`` (see :mod:`glossary.xmlsafe`); bad XML: GlossaryError."""
    from glossary.xmlsafe import parse_xml

    return parse_xml(path, data, error=GlossaryError)


# -- CSV ----------------------------------------------------------------------------------------


def export_csv(glossary: Glossary) -> str:
    """The glossary as CSV with :data:`CSV_COLUMNS` (no byte-order mark: the caller adds it
    for a file)."""
    from glossary.edit import entry_data

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for section, entry in glossary_entries(glossary):
        data = entry_data(entry)
        row = []
        for column in CSV_COLUMNS:
            value = section if column == "section" else data.get(column)
            row.append(_guard(_cell(value)))
        writer.writerow(row)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(item) for item in value)
    return str(value)


def _guard(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA) else cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA) else cell


def import_csv(
    path: str | Path, problems: list[GlossaryError] | None = None
) -> list[ImportedEntry]:
    """The entries of a CSV file (a TSV file if its name ends in ``.tsv``) with (some of) the
    columns of :data:`CSV_COLUMNS`. A row that cannot be read goes to ``problems`` (see
    :func:`_bad_entry`); a file without a usable header raises :class:`GlossaryError`."""
    from glossary.edit import section_models

    path = Path(path)
    kind = "TSV" if path.suffix.lower() == ".tsv" else "CSV"
    try:
        text = _read(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(path, f"not valid UTF-8 (save the {kind} as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if kind == "TSV" else ",")
    try:
        names = next(reader)
    except StopIteration:
        raise GlossaryError(path, "empty file: expected a header line") from None
    except csv.Error as error:
        raise GlossaryError(path, f"not valid {kind}: {error}", line=1) from None
    header = _csv_header(path, names)
    models = section_models()
    result: list[ImportedEntry] = []
    line = reader.line_num
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            try:
                result.append(_csv_entry(path, header, row, start, models))
            except GlossaryError as problem:
                _bad_entry(problems, problem)
    except csv.Error as error:
        # The reader cannot go on past this: the file is not read at all.
        raise GlossaryError(path, f"not valid {kind}: {error}", line=line) from None
    return result


def _csv_header(path: Path, names: list[str]) -> list[str]:
    """The columns of a header line, as names of :data:`CSV_COLUMNS`: a spreadsheet's own
    header often names the two languages by tag (``zh-CN,en-US``)."""
    header: list[str] = []
    for name in names:
        column = name.strip().lower()
        if column not in CSV_COLUMNS and primary_language(column) in ("zh", "en"):
            column = primary_language(column)
        if column not in CSV_COLUMNS:
            known = ", ".join(CSV_COLUMNS)
            raise GlossaryError(
                path,
                f"unknown column {name.strip()!r} (known: {known}; zh and en may also be "
                "language tags such as zh-CN and en-US)",
                line=1,
            )
        if column in header:
            first = names[header.index(column)].strip()
            raise GlossaryError(
                path, f"two {column} columns ({first!r} and {name.strip()!r})", line=1
            )
        header.append(column)
    if "zh" not in header and "en" not in header:
        raise GlossaryError(path, "the header needs a zh or an en column", line=1)
    return header


def _csv_entry(
    path: Path, header: list[str], row: list[str], line: int, models: dict[str, type[Entry]]
) -> ImportedEntry:
    """The entry of one row (``line``: where the row starts); a bad cell: GlossaryError."""
    from glossary.edit import field_order

    cells = dict(zip(header, (_unguard(cell) for cell in row), strict=False))
    section = cells.get("section", "").strip() or DEFAULT_SECTION
    if section not in models:
        raise GlossaryError(
            path, f"unknown section {section!r} (one of {', '.join(SECTIONS)})", line=line
        )
    model = models[section]
    known = field_order(model)
    data: dict[str, Any] = {}
    for column, cell in cells.items():
        if column in ("section", "id"):
            continue
        if column not in known:
            if cell.strip():
                raise GlossaryError(path, f"{column}: not a field of {section}", line=line)
            continue
        try:
            data[column] = _parse_cell(model, column, cell)
        except ValueError as error:
            raise GlossaryError(path, f"{column}: {error}", line=line) from None
    entry_id = cells.get("id", "").strip()
    generated = not entry_id
    if generated:
        entry_id = make_id(section, data)
    ordered = {"id": entry_id, **{k: data[k] for k in known if k in data}}
    return ImportedEntry(section, ordered, str(path), line, generated)


def _parse_cell(model: type[Entry], column: str, cell: str) -> Any:
    info = model.model_fields[column]
    if column in EXACT:
        return cell if cell.strip() else None
    cell = cell.strip()
    if get_origin(info.annotation) is tuple:
        return [part.strip() for part in cell.split("|") if part.strip()]
    if info.annotation is bool:
        return _boolean(cell, default=bool(info.default))
    return cell or None


def make_id(section: str, data: dict[str, Any]) -> str:
    """An id for an entry that came without one: the section's prefix and its English
    (``term.belt-and-road-initiative``), or a short hash of its Chinese."""
    prefix = {
        "places": str(data.get("kind") or "place"),
        "false_friends": "ff",
        "compounds": "compound",
        "offices": "office",
        "persons": "person",
        "organisations": "org",
        "terms": "term",
    }[section]
    english = _as_list(data.get("en"))
    slug = re.sub(r"[^a-z0-9]+", "-", english[0].lower()).strip("-")[:60] if english else ""
    if not slug:
        chinese = "|".join(_as_list(data.get("zh")))
        slug = "x" + hashlib.sha1(chinese.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}.{slug}"


# -- import into the YAML -----------------------------------------------------------------------


def read_entries(
    path: str | Path, problems: list[GlossaryError] | None = None
) -> list[ImportedEntry]:
    """The entries of a .tbx, .csv or .tsv file; the bad ones go to ``problems`` (see
    :func:`_bad_entry`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tbx":
        return import_tbx(path, problems)
    if suffix in (".csv", ".tsv"):
        return import_csv(path, problems)
    raise GlossaryError(path, "unknown format: give a .tbx, .csv or .tsv file")


def import_into(
    directory: str | Path | None,
    entries: Sequence[ImportedEntry],
    target_file: str | Path | None = None,
    problems: list[GlossaryError] | None = None,
) -> ImportSummary:
    """Add ``entries`` to the glossary in ``directory`` (default: the built-in one), or update
    the entries with their ids in place.

    New entries go to ``target_file`` (a file name in the folder, created if need be); without
    one, to the first file that already has their section, else ``terms.yaml``. Everything is
    checked before anything is written. An invalid entry, or one that refers to an unknown id,
    is left out and goes to ``problems`` as a :class:`GlossaryError` naming the import file and
    line; with no ``problems`` list it is raised and nothing is written. A glossary that would
    not load afterwards raises, and nothing is written.
    """
    from glossary.edit import load_document, render, save_document, section_models, upsert_entry
    from glossary.load import BUILTIN_DIR, glossary_paths, load_glossary

    folder = Path(directory) if directory is not None else BUILTIN_DIR
    glossary = load_glossary(folder)  # the glossary must be valid before it is edited
    paths = glossary_paths(folder)
    home = folder.parent if folder.is_file() else folder
    documents = {path: load_document(path) for path in paths}
    where: dict[str, Path] = {}
    for path, document in documents.items():
        for entry_id in document.entry_ids():
            where.setdefault(entry_id, path)

    models = section_models()
    checked = _check_entries(entries, glossary, models, problems)
    summary = ImportSummary()
    for item in checked:
        path = where.get(item.data["id"]) or _target(folder, documents, item.section, target_file)
        if path not in documents:
            documents[path] = load_document(path)
        try:
            outcome = upsert_entry(documents[path], item.section, item.data)
        except ValueError as error:  # raised before the document is changed
            _bad_entry(problems, GlossaryError(item.path, str(error), line=item.line))
            continue
        where[item.data["id"]] = path
        getattr(summary, outcome).append(item.data["id"])
    changed = {path: render(doc) for path, doc in documents.items() if doc.changed}
    _check_result(home, paths, changed)
    for path in changed:
        save_document(documents[path])
        summary.files.append(path)
    return summary


def _check_entries(
    entries: Sequence[ImportedEntry],
    glossary: Glossary,
    models: dict[str, type[Entry]],
    problems: list[GlossaryError] | None = None,
) -> list[ImportedEntry]:
    """The good entries with ids settled, each validated; references checked against the
    glossary and the good entries of the import together. A bad entry goes to ``problems``
    (see :func:`_bad_entry`)."""
    from glossary.edit import validate

    by_zh: dict[tuple[str, str], str] = {}
    for section, entry in glossary_entries(glossary):
        zh = getattr(entry, "zh", None)
        if isinstance(zh, str):
            by_zh.setdefault((section, zh), entry.id)
    existing: dict[str, Entry] = {entry.id: entry for _, entry in glossary_entries(glossary)}
    seen: dict[str, ImportedEntry] = {}

    def check(item: ImportedEntry) -> Entry:
        if item.section not in models:
            raise GlossaryError(item.path, f"unknown section {item.section!r}", line=item.line)
        if item.generated_id:
            # The entry of the section with the same Chinese, else a free id (-2, -3 …).
            zh = item.data.get("zh")
            if isinstance(zh, str) and (item.section, zh) in by_zh:
                item.data["id"] = by_zh[(item.section, zh)]
            else:
                stem, number = item.data["id"], 1
                while item.data["id"] in existing or item.data["id"] in seen:
                    number += 1
                    item.data["id"] = f"{stem}-{number}"
        entry_id = item.data["id"]
        if entry_id in seen:
            first = seen[entry_id]
            raise GlossaryError(
                item.path, f"duplicate id {entry_id!r} (first at line {first.line})", line=item.line
            )
        seen[entry_id] = item
        base = existing.get(entry_id)
        try:
            if base is not None and not isinstance(base, models[item.section]):
                raise ValueError(f"id {entry_id!r} is already an entry of another section")
            start = _entry_keys(base) if base is not None else {}
            return validate(models[item.section], {**start, **item.data})
        except ValueError as error:
            raise GlossaryError(item.path, f"{entry_id}: {error}", line=item.line) from None

    validated: list[tuple[ImportedEntry, Entry]] = []
    for item in entries:
        try:
            validated.append((item, check(item)))
        except GlossaryError as problem:
            _bad_entry(problems, problem)
    # An entry left out can leave another pointing at nothing (a compound that reads a place
    # left out): check again until every reference is to the glossary or an imported entry.
    while True:
        unknown = _unknown_references(validated, glossary)
        for dangling in unknown.values():
            _bad_entry(problems, dangling)
        if not unknown:
            return [item for item, _ in validated]
        validated = [(item, entry) for item, entry in validated if id(item) not in unknown]


def _unknown_references(
    validated: list[tuple[ImportedEntry, Entry]], glossary: Glossary
) -> dict[int, GlossaryError]:
    """id() of each imported entry that refers to an id neither the glossary nor the import has
    → the problem, for its first such reference."""
    from glossary.load import _references
    from glossary.model import Glossary as GlossaryModel
    from glossary.model import GlossaryFile

    sections: dict[str, Any] = {s: [e for i, e in validated if i.section == s] for s in SECTIONS}
    imported = GlossaryFile.model_construct(None, **sections)
    combined = GlossaryModel({**glossary.files, "\0import": imported}, version="")
    entities = combined.places.keys() | combined.persons.keys() | combined.organisations.keys()
    found: dict[int, GlossaryError] = {}
    for item, entry in validated:
        for location, target, known in _references(item.section, entry, combined, entities):
            if target not in known:
                label = ".".join(str(part) for part in location)
                message = f"{entry.id}: {label}: unknown id {target!r}"
                found[id(item)] = GlossaryError(item.path, message, line=item.line)
                break
    return found


def _entry_keys(entry: Entry) -> dict[str, Any]:
    from glossary.edit import entry_data

    return entry_data(entry)


def _target(
    folder: Path, documents: dict[Path, Document], section: str, target_file: str | Path | None
) -> Path:
    """The file a new entry of ``section`` goes to."""
    if folder.is_file():
        return folder
    if target_file is not None:
        target = Path(target_file)
        if target.suffix != ".yaml":
            raise GlossaryError(target, "the file to import into must be a .yaml file")
        if target.parent == Path():
            return folder / target
        if target.resolve().parent != folder.resolve():
            raise GlossaryError(target, f"the file to import into must be in {folder}")
        return folder / target.name
    for path, document in sorted(documents.items()):
        if document.tree.get(section):
            return path
    return folder / "terms.yaml"


def _check_result(home: Path, paths: list[Path], changed: dict[Path, str]) -> None:
    """Load the glossary as it would be after the import, from a scratch copy."""
    import tempfile

    from glossary.load import load_glossary

    if not changed:
        return
    with tempfile.TemporaryDirectory(prefix="bireview-import-") as scratch:
        folder = Path(scratch)
        for path in sorted({*paths, *changed}):
            if path.parent.resolve() != home.resolve():
                continue
            text = changed[path] if path in changed else path.read_text(encoding="utf-8-sig")
            (folder / path.name).write_text(text, encoding="utf-8")
        try:
            load_glossary(folder)
        except GlossaryError as error:
            real = home / Path(error.path).name
            raise GlossaryError(
                real, f"the import would make this invalid: {error.reason}", line=error.line
            ) from None


# -- command line -------------------------------------------------------------------------------


def add_import_export(commands: Any) -> None:
    """Add ``import`` and ``export`` to ``commands`` (an argparse subparsers object, such as
    the one of ``bireview glossary``)."""
    importer = commands.add_parser(
        "import",
        help="add or update glossary entries from a TBX, CSV or TSV file",
        description="Add the entries of FILE (.tbx, .csv or .tsv) to the glossary, or update "
        "the entries with the same ids in place; comments and formatting of the YAML are kept. "
        "An invalid entry is left out and reported as FILE:LINE: reason; the others are "
        "imported. Exit 1 if an entry was left out, 0 if none was, 2 if FILE cannot be read.",
    )
    importer.add_argument("file", metavar="FILE", help="a .tbx, .csv or .tsv file")
    importer.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    importer.add_argument(
        "--into",
        metavar="NAME.yaml",
        help="the file of the folder that gets the new entries (default: the first file that "
        "has their section, else terms.yaml)",
    )
    importer.set_defaults(handler=cmd_import)
    exporter = commands.add_parser(
        "export",
        help="write the glossary as TBX or CSV",
        description="Write every entry of the glossary to FILE: TBX-Basic for a .tbx file, CSV "
        "(UTF-8 with BOM) for a .csv file.",
    )
    exporter.add_argument("file", metavar="FILE", help="a .tbx or .csv file to write")
    exporter.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    exporter.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    problems: list[GlossaryError] = []
    entries = read_entries(args.file, problems)
    summary = import_into(args.glossary, entries, getattr(args, "into", None), problems)
    # Reading and checking find problems at different times: report them in the file's order.
    for problem in sorted(problems, key=lambda problem: problem.line or 0):
        print(problem, file=sys.stderr)
    left_out = ""
    if problems:
        left_out = f"; {len(problems)} {'entry' if len(problems) == 1 else 'entries'} left out"
    print(f"{args.file}: {summary}{left_out}")
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from glossary.atomic import write_atomically
    from glossary.load import load_glossary

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in (".tbx", ".csv"):
        raise GlossaryError(path, "unknown format: give a .tbx or a .csv file")
    glossary = load_glossary(args.glossary)
    text = export_tbx(glossary) if suffix == ".tbx" else "\ufeff" + export_csv(glossary)
    write_atomically(path, text, error=GlossaryError)
    count = sum(1 for _ in glossary_entries(glossary))
    print(f"{path}: {count} entries exported")
    return 0
