"""One lookup over the knowledge layers: what a Chinese form names, and in which English.

The layers, asked in order (:data:`~glossary.knowledge.candidate.LAYERS`):

1. ``glossary``: the editors' YAML (places, persons, organisations, terms);
2. ``media``: the curated list of news media and agencies (扬子晚报, 越通社: ``media.yaml``);
3. ``cc-cedict``: CC-CEDICT's people, organisations, places and abbreviations;
4. ``cldr``: CLDR's country and region names (Babel);
5. ``abbreviations``: the curated one-character country abbreviations (越, 新 …).

The editors' YAML always wins: where the glossary answers a form with a kind (a person, a
country …), :meth:`Knowledge.lookup` leaves out the other layers' answers of that kind, which
:meth:`Knowledge.explain` still lists. An answer a later layer repeats (CLDR's "Vietnam" after
CC-CEDICT's) is given once. The heavy layers are loaded on the first lookup, not at import.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from glossary.knowledge.candidate import LAYERS, Candidate, Layer, Row, from_row, unique

if TYPE_CHECKING:
    from glossary.knowledge.abbreviations import Reading
    from glossary.knowledge.runs import CountryRun
    from glossary.model import Glossary


class Knowledge:
    """Every layer's knowledge for one glossary (or none); build it once (:func:`knowledge_for`)."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self._curated = _glossary_index(glossary) if glossary is not None else {}
        self._lookups: dict[str, tuple[Candidate, ...]] = {}
        # Indexes derived from the layers, built once per knowledge by the modules that use
        # them (glossary.knowledge.mentions), and gone with it.
        self.derived: dict[str, object] = {}

    @property
    def curated(self) -> dict[str, list[Row]]:
        """The editors' entries by each Chinese form they list (the glossary layer's index)."""
        return self._curated

    def lookup(self, zh: str) -> tuple[Candidate, ...]:
        """What ``zh`` can name, the glossary's answers first and overriding the other layers'
        answers of the same kind; the first candidate is the likeliest."""
        zh = zh.strip()
        found = self._lookups.get(zh)
        if found is None:
            found = self._lookups[zh] = _overridden(self.explain(zh))
        return found

    def explain(self, zh: str) -> list[tuple[Layer, tuple[Candidate, ...]]]:
        """Every layer's answer for ``zh``, in the order the layers are asked."""
        zh = zh.strip()
        return [(layer, self.layer(layer, zh)) for layer in LAYERS]

    def layer(self, layer: Layer, zh: str) -> tuple[Candidate, ...]:
        """One layer's answer for ``zh``."""
        if layer == "glossary":
            return tuple(from_row(zh, row, layer) for row in self._curated.get(zh, ()))
        if layer == "media":
            from glossary.knowledge.media import media_layer

            return tuple(from_row(zh, row, layer) for row in media_layer().get(zh, ()))
        if layer == "cc-cedict":
            from glossary.knowledge.cedict import cedict_layer

            return tuple(from_row(zh, row, layer) for row in cedict_layer().get(zh, ()))
        if layer == "cldr":
            from glossary.knowledge.cldr import cldr_layer

            return tuple(from_row(zh, row, layer) for row in cldr_layer()[0].get(zh, ()))
        return self._abbreviated(zh)

    def read_country_run(self, text: str, named: str = "") -> list[CountryRun]:
        """The runs of country abbreviations in ``text`` (越新, 中日韩), each character read as
        the countries it can abbreviate; see :mod:`glossary.knowledge.runs`. ``named``: the
        document's text, whose full country names can make a word a run (越文 beside 文莱)."""
        from glossary.knowledge.abbreviations import abbreviation_table
        from glossary.knowledge.runs import CountryRun, find_runs

        table = abbreviation_table()
        runs = []
        for start, end, word in find_runs(text, table, named):
            run = text[start:end]
            readings = tuple(
                tuple(self._candidate(ch, r) for r in table.abbreviations[ch].ordered(run))
                for ch in run
            )
            whole = tuple(self._candidate(run, r, word.note) for r in word.readings) if word else ()
            runs.append(CountryRun(start, end, run, readings, whole))
        return runs

    def _abbreviated(self, zh: str) -> tuple[Candidate, ...]:
        """The abbreviations layer: a character's countries, or a whole word's readings."""
        from glossary.knowledge.abbreviations import abbreviation_table

        table = abbreviation_table()
        abbreviation = table.abbreviations.get(zh)
        if abbreviation is not None:
            return tuple(self._candidate(zh, r, "") for r in abbreviation.ordered())
        word = table.words.get(zh)
        if word is not None:
            return tuple(self._candidate(zh, r, word.note) for r in word.readings)
        return ()

    def _candidate(self, zh: str, reading: Reading, note: str = "") -> Candidate:
        detail = f"{reading.detail}; {note}" if note else reading.detail
        return Candidate(zh, reading.kind, self._english(reading), "abbreviations", detail)  # type: ignore[arg-type]

    def _english(self, reading: Reading) -> tuple[str, ...]:
        """A reading's English: the glossary's forms of its full name first (美 is the US as
        the editors write it), then CLDR's, then CC-CEDICT's."""
        from glossary.knowledge.cedict import cedict_layer

        same = [row for row in self._curated.get(reading.zh, ()) if row[0] == reading.kind]
        cedict = [row for row in cedict_layer().get(reading.zh, ()) if row[0] == reading.kind]
        return unique(
            [
                *(form for row in same for form in row[1]),
                *reading.en,
                *(form for row in cedict for form in row[1]),
            ]
        )


def _overridden(answers: Iterable[tuple[Layer, tuple[Candidate, ...]]]) -> tuple[Candidate, ...]:
    """The answers in layer order, without the kinds the glossary answered and without a later
    layer's repetition of an earlier answer."""
    kept: list[Candidate] = []
    curated: set[str] = set()
    for layer, candidates in answers:
        for candidate in candidates:
            if layer != "glossary" and candidate.kind in curated:
                continue
            forms = {form.casefold() for form in candidate.en}
            if any(
                k.kind == candidate.kind and forms <= {f.casefold() for f in k.en} for k in kept
            ):
                continue
            kept.append(candidate)
        if layer == "glossary":
            curated = {candidate.kind for candidate in kept}
    return tuple(kept)


def _glossary_index(glossary: Glossary) -> dict[str, list[Row]]:
    """The editors' entries by each Chinese form they list."""
    index: dict[str, list[Row]] = {}

    def add(forms: Iterable[str], row: Row) -> None:
        for form in forms:
            index.setdefault(form, []).append(row)

    for place in glossary.places.values():
        kind = "country" if place.kind == "country" else "place"
        add(place.zh_names, (kind, unique(place.en_names), place.id, None))
    for person in glossary.persons.values():
        add(person.zh_names, ("person", unique(person.en_names), person.id, None))
    for body in glossary.organisations.values():
        add(body.zh_names, ("organisation", unique(body.en_names), body.id, None))
    for term in glossary.terms.values():
        never = f"; never: {', '.join(term.forbidden)}" if term.forbidden else ""
        add((term.zh,), ("term", unique(term.en_names), f"{term.id}{never}", None))
    return index


_KNOWLEDGE: dict[int, Knowledge] = {}


def knowledge_for(glossary: Glossary | None) -> Knowledge:
    """The knowledge for ``glossary`` (None: the built-in layers alone), built once per glossary
    object; the heavy layers behind it are built once per machine and cached on disk."""
    key = id(glossary)
    knowledge = _KNOWLEDGE.get(key)
    if knowledge is None or knowledge.glossary is not glossary:
        knowledge = _KNOWLEDGE[key] = Knowledge(glossary)
    return knowledge
