"""Recall of the checks on errors injected into real human translations (WMT23 zh→en).

Each case changes one line's reference translation, inside its 20-line document, in one way:
- false friend: a Chinese province-level place the line names (once) replaced by what it is
  known to be mistaken for (Jilin → Kyrgyzstan); expects entity.false_friend;
- swap province: that place replaced by another province-level place the line does not name;
  expects entity.mismatch (or entity.false_friend when the swap is a known false friend);
- swap city: a city, county or country that CC-CEDICT knows and the glossary does not (named
  once), replaced by another place of the same kind that the line does not name (not an
  ordinary English word); expects place.mismatch;
- drop place / drop person: a glossary place or person the line names (once) deleted; expects
  entity.missing (a person the document named before is counted apart: English often says "he"
  the second time, and the check leaves those alone);
- misspell name: a person's name written right (in pinyin or the glossary's form) given a typo,
  one letter dropped, doubled, swapped with its neighbour or changed; expects name.spelling;
- change figure: one digit of a figure that both sides give once changed; expects
  number.mismatch.
A case counts as caught when a finding of the expected check lands on the line's segment; the
share flagged by any check is printed beside it. Lines where the injected text is still right
(a typo that is another reading of the name, a figure that still rounds to the source's) are
not cases.

    python benchmarks/injected_errors.py [--data ../shared/data/wmt23-zhen] [--lines 20]
"""

from __future__ import annotations

import argparse
import collections
import functools
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.knowledge.places import (
    Place,
    chinese_places,
    english_places,
    name_key,
    place_index,
    places_of_kind,
    rendered,
)
from glossary.load import load_glossary
from glossary.match import EntityMatch, matcher_for
from glossary.model import Glossary
from review_app.checks.places import glossary_forms
from review_app.checks.spelling import person_names, written_spans
from review_app.document import Document, Segment
from review_app.normalize import DATE, YEAR, chinese_quantities, english_quantities
from review_app.pipeline import ReviewOptions, analyze, review

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_alarms import DEFAULT_DATA, load_pairs


@dataclass(frozen=True)
class Case:
    kind: str
    injected: str
    expected: frozenset[str]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=20, help="lines per document")
    parser.add_argument("--show-misses", type=int, default=10)
    parser.add_argument("--kind", action="append", default=[], help="only this kind of error")
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    glossary = load_glossary()
    chooser = random.Random(0)
    options = ReviewOptions(line_aligned=True)
    caught: collections.Counter[str] = collections.Counter()
    flagged: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    misses = []
    started = time.perf_counter()
    for index, (zh, en) in enumerate(pairs):
        earlier = [line for line, _ in pairs[index - index % args.lines : index]]
        for case in cases_for(zh, en, glossary, chooser, earlier):
            if args.kind and case.kind not in args.kind:
                continue
            total[case.kind] += 1
            checks = _checks_on_line(pairs, index, case.injected, args.lines, glossary, options)
            flagged[case.kind] += bool(checks)
            if checks & case.expected:
                caught[case.kind] += 1
            else:
                misses.append((case.kind, zh, case.injected, checks))
    elapsed = time.perf_counter() - started

    print(f"data: {args.data}; cases from {len(pairs)} lines")
    for kind in total:
        print(
            f"  {kind:<15} caught {caught[kind]:>3} of {total[kind]:>3}  "
            f"recall {caught[kind] / total[kind]:.3f}  "
            f"(flagged by any check: {flagged[kind] / total[kind]:.3f})"
        )
    print(f"time: {elapsed:.1f} s")
    for kind, zh, en, checks in misses[: args.show_misses]:
        found = ", ".join(sorted(checks)) or "nothing"
        print(f"- missed {kind} (found: {found}):\n    zh: {zh[:160]}\n    en: {en[:160]}")
    return 0


def cases_for(
    zh: str, en: str, glossary: Glossary, chooser: random.Random, earlier: list[str]
) -> Iterator[Case]:
    """Every injected error made from one line (at most one of each kind); ``earlier`` are the
    source lines before it in its document."""
    yield from _glossary_cases(zh, en, glossary, chooser, earlier)
    yield from _city_cases(zh, en, glossary, chooser)
    yield from _misspelt_name_cases(zh, en, glossary, chooser)
    yield from _changed_figure_cases(zh, en, chooser)


def _glossary_cases(
    zh: str, en: str, glossary: Glossary, chooser: random.Random, earlier: list[str]
) -> Iterator[Case]:
    matcher = matcher_for(glossary)
    provinces = sorted(p.id for p in glossary.places.values() if p.domestic and p.kind != "city")
    source_ids = {e for m in matcher.find_zh(zh) for e in m.candidates}
    target_matches = matcher.find_en(en)
    once = [
        match
        for match in target_matches
        if match.entity in source_ids and sum(m.entity == match.entity for m in target_matches) == 1
    ]
    place = next((m for m in once if (p := glossary.places.get(m.entity)) and p.domestic), None)
    if place is not None:
        friends = glossary.mistaken_for(place.entity)
        if friends:
            wrong = glossary.entity_name(sorted(friends)[0])
            yield Case(
                "false friend", _replace(en, place, wrong), frozenset({"entity.false_friend"})
            )
        swap = glossary.entity_name(chooser.choice([p for p in provinces if p not in source_ids]))
        yield Case(
            "swap province",
            _replace(en, place, swap),
            frozenset({"entity.mismatch", "entity.false_friend"}),
        )
    if place is not None:
        yield Case("drop place", _replace(en, place, ""), frozenset({"entity.missing"}))
    person = next((m for m in once if m.entity in glossary.persons), None)
    if person is not None:
        # A person already named in the document may rightly be "he" here: told apart.
        named_before = any(glossary.persons[person.entity].zh in line for line in earlier)
        kind = "drop person, named before" if named_before else "drop person"
        yield Case(kind, _replace(en, person, ""), frozenset({"entity.missing"}))


def _city_cases(zh: str, en: str, glossary: Glossary, chooser: random.Random) -> Iterator[Case]:
    """The first CC-CEDICT place (not a glossary one) both sides name, the reference naming it
    once, swapped for a random place of the same kind that the line does not name."""
    index = place_index()
    glossary_zh, glossary_en = glossary_forms(glossary)
    source_places = {place for mention in chinese_places(zh) for place in mention.places}
    mentions = english_places(en)
    for mention in mentions:
        ids = [place for place in mention.places if place in source_places]
        if not ids:
            continue
        place = index.places[ids[0]]
        if set(place.zh) & glossary_zh or name_key(mention.text) in glossary_en:
            continue
        if sum(bool(set(other.places) & set(mention.places)) for other in mentions) > 1:
            continue
        others = [
            other
            for other in _swappable(place.kind, glossary_zh, glossary_en)
            if other.id != place.id
            and not any(name in zh for name in other.zh)
            and other.en[0] not in en
            and not set(index.by_en[name_key(other.en[0])]) & source_places
        ]
        injected = en[: mention.start] + chooser.choice(others).en[0] + en[mention.end :]
        if not rendered(place, injected):  # an adjective left behind still renders it
            yield Case("swap city", injected, frozenset({"place.mismatch"}))
        return


@functools.lru_cache(maxsize=8)
def _swappable(kind: str, glossary_zh: frozenset[str], glossary_en: frozenset[str]) -> list[Place]:
    """Places of ``kind`` that a swap may bring in: not glossary places, not ordinary words."""
    ordinary = place_index().ordinary
    return [
        place
        for place in places_of_kind(kind)
        if not set(place.zh) & glossary_zh
        and not any(name_key(name) in glossary_en for name in place.en)
        and name_key(place.en[0]) not in ordinary
    ]


def _misspelt_name_cases(
    zh: str, en: str, glossary: Glossary, chooser: random.Random
) -> Iterator[Case]:
    document = analyze([Segment(0, zh, en, (0,), (0,), 1.0)], glossary, None)
    for name in person_names(document, document.segments[0]):
        spans = written_spans(en, name)
        if len(spans) != 1:
            continue
        start, end = spans[0]
        written = en[start:end]
        for _ in range(5):
            typo = _typo(written, chooser)
            injected = en[:start] + typo + en[end:]
            if typo != written and not written_spans(injected, name):
                yield Case("misspell name", injected, frozenset({"name.spelling"}))
                return


def _typo(written: str, chooser: random.Random) -> str:
    """``written`` with one slip of the keyboard inside one of its words (not its first letter)."""
    positions = [i for i in range(len(written)) if written[i].isalpha()]
    i = chooser.choice(positions)
    slip = chooser.choice(("drop", "double", "swap", "change"))
    if written[i].isupper():
        slip = "change"  # a capital mistyped is another capital: the word still reads as a name
    if slip == "drop":
        return written[:i] + written[i + 1 :]
    if slip == "double":
        return written[:i] + written[i] + written[i:]
    if slip == "swap" and i + 1 < len(written) and written[i + 1].isalpha():
        return written[:i] + written[i + 1] + written[i] + written[i + 2 :]
    vowels = "aeiou"
    pool = vowels if written[i].lower() in vowels else "bcdfghjklmnpqrstwxyz"
    letter = chooser.choice([c for c in pool if c != written[i].lower()])
    return written[:i] + (letter.upper() if written[i].isupper() else letter) + written[i + 1 :]


def _changed_figure_cases(zh: str, en: str, chooser: random.Random) -> Iterator[Case]:
    source = [quantity for quantity in chinese_quantities(zh) if quantity.firm]
    target = english_quantities(en)
    candidates = [
        quantity
        for quantity in target
        if quantity.firm
        and re.search(r"\d", en[quantity.start : quantity.end])
        and sum(quantity.matches(other) for other in source) == 1
        and sum(quantity.value == other.value for other in target) == 1
    ]
    if not candidates:
        return
    figure = chooser.choice(candidates)
    text = en[figure.start : figure.end]
    numbers = list(re.finditer(r"\d+", text))
    if figure.kind in (YEAR, DATE):
        # A slip that still reads as a year or a day: 2018 → 2016, May 12 → May 15.
        number = numbers[-1] if figure.kind == DATE else numbers[0]
        value = int(number.group())
        low, high = (1, 28) if figure.kind == DATE else (value - 9, value + 9)
        new = str(chooser.choice([v for v in range(max(low, 1), high + 1) if v != value]))
        changed = text[: number.start()] + new + text[number.end() :]
    else:
        digits = [i for i, char in enumerate(text) if char.isdigit()]
        i = chooser.choice(digits)
        new = str((int(text[i]) + chooser.randint(1, 8)) % 10)
        if new == "0" and (i == 0 or not text[i - 1].isdigit()):
            new = "1" if text[i] != "1" else "2"
        changed = text[:i] + new + text[i + 1 :]
    injected = en[: figure.start] + changed + en[figure.end :]
    after = english_quantities(injected)
    if any(q.matches(s) for q in after if q.start == figure.start for s in source):
        return  # still the source's figure after rounding: not an error
    yield Case("change figure", injected, frozenset({"number.mismatch"}))


def _replace(text: str, match: EntityMatch, replacement: str) -> str:
    return text[: match.start] + replacement + text[match.end :]


def _checks_on_line(
    pairs: list[tuple[str, str]],
    index: int,
    injected: str,
    lines: int,
    glossary: Glossary,
    options: ReviewOptions,
) -> set[str]:
    """The checks that report on the injected line, reviewed inside its document."""
    start = index - index % lines
    chunk = list(pairs[start : start + lines])
    chunk[index - start] = (chunk[index - start][0], injected)
    source = Document(path="zh", text="\n".join(zh for zh, _ in chunk), lang="zh")
    target = Document(path="en", text="\n".join(en for _, en in chunk), lang="en")
    report = review(source, target, glossary, options)
    return {f.check for f in report.findings if f.segment == index - start}


if __name__ == "__main__":
    sys.exit(main())
