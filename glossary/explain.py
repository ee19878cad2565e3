"""What the glossary says about a term, and why an entity matched: for people, not programs.

The review app's glossary panel (and ``bireview glossary show``) use these: :func:`find_entries`
searches every entry by id, Chinese or English, and :func:`explain_match` says in a sentence why
a piece of text was read as an entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.match import EntityMatch
from glossary.model import (
    Compound,
    FalseFriend,
    Glossary,
    Office,
    Organisation,
    Person,
    Place,
    Term,
)

Entry = Place | Person | Office | FalseFriend | Compound | Organisation | Term

HOW = {
    "name": "its name as the glossary lists it",
    "abbreviation": "a one-character abbreviation, read in a run of abbreviations (such as 粤吉)",
    "compound": "a compound the glossary lists with its reading",
    "titled name": "a name after an official's title, matched to the English by its pinyin",
}


@dataclass(frozen=True)
class EntryView:
    """One glossary entry as a row: id, kind, Chinese forms, English forms, and the rest."""

    id: str
    kind: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    details: tuple[str, ...]  # abbreviations, false friends, roles, forbidden, notes, sources


def describe(entry: Entry, glossary: Glossary) -> EntryView:
    """The entry as a row of plain strings."""
    details: list[str] = []
    if isinstance(entry, Place):
        if entry.abbr:
            details.append(f"abbreviation {', '.join(entry.abbr)}")
        for mistaken, friend in glossary.mistaken_for(entry.id).items():
            wrong = glossary.entity_name(mistaken)
            details.append(f"false friend: {friend.zh} is not {wrong}")
        if not entry.check_presence:
            details.append("not reported when missing or added")
        view = EntryView(entry.id, entry.kind, entry.zh_names, entry.en_names, ())
    elif isinstance(entry, Person):
        for role in entry.roles:
            span = f"{role.start or '…'} to {role.end or 'now'}"
            office = glossary.offices.get(role.office)
            title = office.en[0] if office else role.office
            details.append(f"{title}, {glossary.entity_name(role.org)}: {span}")
        view = EntryView(entry.id, "person", entry.zh_names, entry.en_names, ())
    elif isinstance(entry, Office):
        view = EntryView(entry.id, "office", entry.zh, entry.en, ())
    elif isinstance(entry, Organisation):
        view = EntryView(entry.id, "organisation", entry.zh_names, entry.en_names, ())
    elif isinstance(entry, Term):
        if entry.forbidden:
            details.append(f"never: {', '.join(entry.forbidden)}")
        if entry.case_sensitive:
            details.append("capitals must be as written")
        view = EntryView(entry.id, "term", (entry.zh,), entry.en_names, ())
    elif isinstance(entry, FalseFriend):
        right, wrong = glossary.entity_name(entry.entity), glossary.entity_name(entry.mistaken_for)
        details.append(f"means {right}, often mistranslated as {wrong}")
        view = EntryView(entry.id, "false friend", (entry.zh,), (), ())
    else:
        reads = ", ".join(glossary.entity_name(i) for i in entry.reads) or "not a place"
        details.append(f"reads as: {reads}")
        view = EntryView(entry.id, "compound", (entry.zh,), (), ())
    details += [f"note: {entry.note}"] if entry.note else []
    details += [f"source: {entry.source}"] if entry.source else []
    return EntryView(view.id, view.kind, view.zh, view.en, tuple(details))


def entries(glossary: Glossary) -> list[Entry]:
    """Every entry of the glossary, places first."""
    return [
        *glossary.places.values(),
        *glossary.persons.values(),
        *glossary.offices.values(),
        *glossary.organisations.values(),
        *glossary.terms.values(),
        *glossary.false_friends,
        *glossary.compounds.values(),
    ]


def find_entries(glossary: Glossary, term: str, *, limit: int = 50) -> list[EntryView]:
    """Entries whose id, Chinese or English contains ``term`` (English ignoring case); exact
    matches first."""
    needle = term.strip().casefold()
    if not needle:
        return []
    scored: list[tuple[int, EntryView]] = []
    for entry in entries(glossary):
        view = describe(entry, glossary)
        forms = [view.id, *view.zh, *view.en]
        if isinstance(entry, Place):
            forms += list(entry.abbr)
        elif isinstance(entry, Term):
            forms += list(entry.forbidden)
        folded = [form.casefold() for form in forms]
        if needle in folded:
            scored.append((0, view))
        elif any(needle in form for form in folded):
            scored.append((1, view))
    scored.sort(key=lambda item: item[0])
    return [view for _, view in scored[:limit]]


def explain_match(match: EntityMatch, glossary: Glossary, text: str = "") -> str:
    """Why ``match`` (found in ``text``) was read as an entity: how it matched, and what it can
    stand for."""
    names = [f"{glossary.entity_name(i)} ({i})" for i in match.candidates]
    how = HOW.get(match.how, match.how)
    group = ""
    if match.in_group and text:
        group = f", as part of “{text[match.group_start : match.group_end]}”"
    meaning = names[0] if len(names) == 1 else "one of " + ", ".join(names)
    return f"“{match.text}” is {meaning}: matched by {how}{group}."
