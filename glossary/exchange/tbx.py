"""The glossary as TBX: written (:func:`export_tbx`) and read (:func:`import_tbx`).

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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.errors import GlossaryError
from glossary.exchange.common import (
    DEFAULT_SECTION,
    ID_PATTERN,
    SECTIONS,
    ImportedEntry,
    _as_list,
    _bad_entry,
    _boolean,
    _read,
    glossary_entries,
    make_id,
    primary_language,
)

if TYPE_CHECKING:
    from glossary.model import Glossary

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLE_KEYS = ("office", "org", "from", "to")


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


def _children(element: Any) -> Iterator[Any]:
    from lxml import etree

    yield from element.iterchildren(etree.Element)


def _local(element: Any) -> str:
    from lxml import etree

    return str(etree.QName(element).localname)


def _text(element: Any) -> str:
    return "".join(element.itertext())


def parse_xml_safely(path: str | Path, data: bytes) -> Any:
    """The root element of ``data`` (see :mod:`glossary.xmlsafe`); bad XML: GlossaryError."""
    from glossary.xmlsafe import parse_xml

    return parse_xml(path, data, error=GlossaryError)
