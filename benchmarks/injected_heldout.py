"""A second injected-error benchmark, with half of its documents kept aside (issue 15).

The first benchmark (``injected_errors.py``) picks its figures with the number check's own
parser, so it can only inject errors the check already reads: it measured the generator. This
one finds its material with plain regular expressions of its own, written from the kinds of
error seen in real translations, and never asks the checks' normaliser what a figure is.

Each case changes one line of a WMT23 human reference inside its 20-line document:

- impossible day: a day of the month that the source gives (12月10日) made impossible in the
  English ("December 100", "150th October");
- percent x10: a percentage the source gives (66%, 百分之六十六) ten times too large;
- measure x10: a measurement with a unit (30米, 725公里, 5吨) ten times too large;
- year off by one: a year the source gives (2020年) one more or one less;
- transposed digits: two neighbouring digits of a figure the source gives swapped (725 → 752);
- range end: one end of a range ("13 to 15", "13-15") ten times too large;
- time: the hour of a clock time (16:10, 4 p.m.) ten times too large ("160:10", "40 p.m.");
- code: a digit of a model or version number written alike on both sides (F-35C, Windows 11)
  repeated ("F-355C") or a zero added ("Windows 110");
- number word: an English number word the source gives in figures or characters (three for 三
  or 3) turned into the next one ("four");
- magnitude: a scale word the source's figure needs (250万 "2.5 million") turned into the next
  ("2.5 billion");
- approximate: a run of two numerals that says "this or that" (三五天, 七八个) written as the
  number they spell ("35 days");
- generic person: a person the source names beside an office (外交部发言人汪文斌), written in
  pinyin, replaced by the office ("the spokesperson");
- generic place: a place the source names (CLDR's country names in Chinese, the glossary's
  provinces and cities), named for the first time in the document, replaced by a generic noun
  ("the city Municipal Bureau" for 北京市…局, "the province Daily" for 湖南日报).

A case counts as caught when a finding of one of the kind's expected checks lands on the line's
segment. The documents are split at random (seed 15) into a tuning half and a held-out half;
tune on the first, report both, and look at the misses of the tuning half only
(``--show-misses`` prints those).

    python benchmarks/injected_heldout.py [--half tune|heldout|both] [--kind KIND] [--show-misses N]
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from glossary.load import load_glossary
from review_app.pipeline import ReviewOptions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_alarms import DEFAULT_DATA, load_pairs
from injected_errors import Case, _checks_on_line

SEED = 15
NUMBER_CHECKS = frozenset({"number.mismatch", "number.impossible", "number.code"})
OMISSION_CHECKS = frozenset({"entity.missing", "place.mismatch", "entity.generic"})

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
# "December 10", "Dec. 10th", "10 December", "10th of December".
_DAY_AFTER = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(st|nd|rd|th)?\b")
_DAY_BEFORE = re.compile(rf"\b(\d{{1,2}})(st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b")
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s?(%|percent\b|per cent\b)")
_UNITS = (
    "km|kilometers|kilometres|m|meters|metres|cm|mm|kg|kilograms|tons|tonnes|hectares|"
    "square meters|square metres|square kilometers|square kilometres|km2|sq km|mu|liters|litres"
)
_MEASURE = re.compile(rf"(?<![\d.,])(\d+(?:\.\d+)?)\s?({_UNITS})\b")
# The Chinese units that the English units above render.
_ZH_UNITS = (
    "米",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公斤",
    "千克",
    "吨",
    "公顷",
    "平方米",
    "亩",
    "升",
)
_YEAR = re.compile(r"(?<![\d.,$])\b(19[5-9]\d|20[0-4]\d)\b(?![\d,.]?\d)")
_FIGURE = re.compile(r"(?<![\d.,])\d{2,}(?![\d])")
_RANGE = re.compile(r"(?<![\d.,])(\d+)(\s?(?:-|–|to|and)\s?)(\d+)(?![\d.,])")
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_HOUR = re.compile(
    r"(?<![\d:.])(1[0-2]|0?[1-9])\s?(a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.IGNORECASE
)
_CODE = re.compile(
    r"(?<![\w.-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-]|\.\d)"
)
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
_ZH_SMALL = "一二三四五六七八九十"
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_SCALES = ("thousand", "million", "billion", "trillion")
_MAGNITUDE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s(" + "|".join(_SCALES) + r")\b")
_ZH_PAIR = re.compile(
    r"(?<![一二三四五六七八九十])([一二三四五六七八])([二三四五六七八九])(?=[十百千万亿天年个人次名家倍岁])"
)
_EN_PAIR = re.compile(
    r"\b(\d+|"
    + "|".join(_NUMBER_WORDS)
    + r")(\s?(?:-|–|to|or)\s?)(\d+|"
    + "|".join(_NUMBER_WORDS)
    + r")\b",
    re.IGNORECASE,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=20, help="lines per document")
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--kind", action="append", default=[], help="only this kind of error")
    parser.add_argument("--show-misses", type=int, default=0, help="misses of the tuning half")
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    documents = (len(pairs) + args.lines - 1) // args.lines
    order = list(range(documents))
    random.Random(SEED).shuffle(order)
    tune = set(order[: documents // 2])
    halves = ("tune", "heldout") if args.half == "both" else (args.half,)
    glossary = load_glossary()
    options = ReviewOptions(line_aligned=True)
    places = _place_names(glossary)
    total: collections.Counter[tuple[str, str]] = collections.Counter()
    caught: collections.Counter[tuple[str, str]] = collections.Counter()
    misses = []
    started = time.perf_counter()
    for index, (zh, en) in enumerate(pairs):
        document = index // args.lines
        half = "tune" if document in tune else "heldout"
        if half not in halves:
            continue
        chooser = random.Random(f"{SEED}:{index}")
        earlier = " ".join(line for _, line in pairs[document * args.lines : index])
        for case in cases_for(Line(zh, en, earlier, places), chooser):
            if args.kind and case.kind not in args.kind:
                continue
            total[half, case.kind] += 1
            checks = _checks_on_line(pairs, index, case.injected, args.lines, glossary, options)
            if checks & case.expected:
                caught[half, case.kind] += 1
            elif half == "tune":
                misses.append((case.kind, zh, case.injected, checks))
    elapsed = time.perf_counter() - started

    print(f"data: {args.data}; {documents} documents of {args.lines} lines, split with seed {SEED}")
    print("| injected error | tuning half | held-out half |")
    print("| --- | ---: | ---: |")
    for kind in KINDS:
        if args.kind and kind not in args.kind:
            continue
        cells = []
        for half in ("tune", "heldout"):
            n = total[half, kind]
            cells.append(f"{caught[half, kind]}/{n} ({caught[half, kind] / n:.2f})" if n else "–")
        print(f"| {kind} | {cells[0]} | {cells[1]} |")
    print(f"time: {elapsed:.1f} s")
    for kind, zh, en, checks in misses[: args.show_misses]:
        found = ", ".join(sorted(checks)) or "nothing"
        print(f"- missed {kind} (found: {found}):\n    zh: {zh[:200]}\n    en: {en[:200]}")
    return 0


@dataclass(frozen=True)
class Line:
    """One line pair, with the English of the lines before it in its document and the place
    names a generic noun may replace."""

    zh: str
    en: str
    earlier: str
    places: dict[str, tuple[str, tuple[str, ...]]]


Maker = Callable[[Line, random.Random], "str | None"]


def cases_for(line: Line, chooser: random.Random) -> Iterator[Case]:
    """At most one case of each kind from one line."""
    for kind, (maker, expected) in KINDS.items():
        injected = maker(line, chooser)
        if injected is not None and injected != line.en:
            yield Case(kind, injected, expected)


def _pick(matches: list[re.Match[str]], chooser: random.Random) -> re.Match[str] | None:
    return chooser.choice(matches) if matches else None


def _swap(en: str, start: int, end: int, new: str) -> str:
    return en[:start] + new + en[end:]


def _times_ten(number: str) -> str:
    """``number`` ten times larger, written as the text writes it (66 → 660, 2.5 → 25)."""
    if "." in number:
        whole, fraction = number.split(".", 1)
        shifted = (whole + fraction[0]).lstrip("0") or "0"
        return shifted + ("." + fraction[1:] if fraction[1:] else "")
    return number + "0"


def _impossible_day(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    found = []
    for hit in _DAY_AFTER.finditer(en):
        found.append((hit, hit.group(1), hit.group(2), hit.start(2), hit.end(2)))
    for hit in _DAY_BEFORE.finditer(en):
        found.append((hit, hit.group(3), hit.group(1), hit.start(1), hit.end(1)))
    given = [
        entry
        for entry in found
        if re.search(rf"(?<!\d){MONTHS.index(entry[1]) + 1}月{int(entry[2])}日", zh)
    ]
    if not given:
        return None
    _hit, _month, day, start, end = chooser.choice(given)
    return _swap(en, start, end, day + "0")


def _percent(line: Line, chooser: random.Random) -> str | None:
    return _ten_times_larger(line, chooser, _PERCENT, r"\s*[%％]")


def _measure(line: Line, chooser: random.Random) -> str | None:
    units = "|".join(sorted(_ZH_UNITS, key=len, reverse=True))
    return _ten_times_larger(line, chooser, _MEASURE, rf"\s*(?:{units})")


def _ten_times_larger(
    line: Line, chooser: random.Random, english: re.Pattern[str], after_in_source: str
) -> str | None:
    """One figure of ``english`` (its number in group 1) that the source gives with
    ``after_in_source`` after it, made ten times larger."""
    hits = [
        hit
        for hit in english.finditer(line.en)
        if re.search(rf"(?<![\d.]){re.escape(hit.group(1))}{after_in_source}", line.zh)
    ]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    return _swap(line.en, hit.start(1), hit.end(1), _times_ten(hit.group(1)))


def _year(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = [hit for hit in _YEAR.finditer(en) if f"{hit.group(1)}年" in zh]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    year = int(hit.group(1)) + chooser.choice((-1, 1))
    if str(year) in en or f"{year}年" in zh:
        return None  # the neighbouring year is named too: the change might be right
    return _swap(en, hit.start(1), hit.end(1), str(year))


def _transposed(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = [
        hit
        for hit in _FIGURE.finditer(en)
        if re.search(rf"(?<![\d,.]){hit.group()}(?![\d])", zh) and len(set(hit.group())) > 1
    ]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    digits = hit.group()
    pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
    i = chooser.choice(pairs)
    swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    if swapped.startswith("0") or re.search(rf"(?<!\d){swapped}(?!\d)", zh + " " + en):
        return None
    return _swap(en, hit.start(), hit.end(), swapped)


def _range_end(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = [
        hit
        for hit in _RANGE.finditer(en)
        if int(hit.group(1)) < int(hit.group(3))
        and re.search(rf"(?<!\d){hit.group(1)}(?!\d)", zh)
        and re.search(rf"(?<!\d){hit.group(3)}(?!\d)", zh)
    ]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    group = chooser.choice((1, 3))
    return _swap(en, hit.start(group), hit.end(group), hit.group(group) + "0")


def _clock_time(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = []
    for hit in _TIME.finditer(en):
        hour, minute = int(hit.group(1)), hit.group(2)
        if re.search(rf"(?<!\d)0?{hour}[:：]{minute}(?!\d)|(?<!\d){hour}[时点]{int(minute)}分", zh):
            hits.append(hit)
    # An hour said with a.m., p.m. or o'clock (下午4点, "4 p.m.").
    for hit in _HOUR.finditer(en):
        hour = int(hit.group(1))
        if re.search(rf"(?<!\d)(?:{hour}|{hour + 12})\s*[时点]", zh):
            hits.append(hit)
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    return _swap(en, hit.start(1), hit.end(1), hit.group(1) + "0")


def _code(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = [
        hit
        for hit in _CODE.finditer(en)
        if re.search(rf"(?<![\w-]){re.escape(hit.group())}(?![\w-])", zh)
    ]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    code = hit.group()
    digits = [m for m in re.finditer(r"\d+", code)]
    number = chooser.choice(digits)
    after_point = code[number.start() - 1 : number.start()] == "."
    # A zero after a decimal point changes nothing (4.1g, 4.10g): repeat the last digit there.
    added = number.group()[-1] if after_point or chooser.random() < 0.5 else "0"
    new = number.group() + added
    changed = code[: number.start()] + new + code[number.end() :]
    return _swap(en, hit.start(), hit.end(), changed)


def _number_word(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = []
    for hit in _WORD.finditer(en):
        value = _NUMBER_WORDS.index(hit.group(1).lower()) + 1
        if value == 1:
            continue  # "one" is a pronoun as often as a figure
        written = (str(value), _ZH_SMALL[value - 1] if value <= 10 else None)
        if value == 2:
            written = (*written, "两")
        following = "[个名位项次家天年月周座条件种国人岁倍]"
        if any(
            w and re.search(rf"(?<![\d一二三四五六七八九十百千万]){w}{following}", zh)
            for w in written
        ):
            hits.append((hit, value))
    if not hits:
        return None
    hit, value = chooser.choice(hits)
    new = _NUMBER_WORDS[value] if value < len(_NUMBER_WORDS) else _NUMBER_WORDS[value - 2]
    if hit.group(1)[0].isupper():
        new = new.capitalize()
    if re.search(rf"\b{new}\b", en, re.IGNORECASE):
        return None
    return _swap(en, hit.start(1), hit.end(1), new)


def _magnitude(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    hits = [hit for hit in _MAGNITUDE.finditer(en) if re.search(r"\d\s*[万亿]", zh)]
    hit = _pick(hits, chooser)
    if hit is None:
        return None
    scale = _SCALES.index(hit.group(2))
    new = _SCALES[scale + 1] if scale + 1 < len(_SCALES) else _SCALES[scale - 1]
    return _swap(en, hit.start(2), hit.end(2), new)


def _approximate(line: Line, chooser: random.Random) -> str | None:
    zh, en = line.zh, line.en
    pairs = list(_ZH_PAIR.finditer(zh))
    if not pairs:
        return None
    for hit in _EN_PAIR.finditer(en):
        low, high = (_value(hit.group(1)), _value(hit.group(3)))
        for pair in pairs:
            a, b = _ZH_SMALL.index(pair.group(1)) + 1, _ZH_SMALL.index(pair.group(2)) + 1
            if (low, high) == (a, b):
                return _swap(en, hit.start(), hit.end(), f"{a}{b}")
    return None


def _value(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS.index(text.lower()) + 1


def _place_names(glossary: object) -> dict[str, tuple[str, tuple[str, ...]]]:
    """English place names, each with the generic noun that can stand for it and its Chinese
    names: CLDR's countries ("the country") and the glossary's provinces and cities ("the
    province", "the city")."""
    names: dict[str, tuple[str, tuple[str, ...]]] = {}
    english, chinese = Locale("en").territories, Locale("zh").territories
    for code, name in english.items():
        plain = code.isalpha() and len(code) == 2 and " " not in name and "&" not in name
        if plain and code in chinese:
            names[name] = ("the country", (chinese[code],))
    for place in getattr(glossary, "places", {}).values():
        noun = "the city" if place.kind == "city" else "the province"
        if getattr(place, "domestic", False):
            for name in place.en_names:
                if " " not in name:
                    names[name] = (noun, tuple(place.zh_names))
    return names


# Adjectives and demonyms that do not begin with their country's name; the others are found
# by its first four letters (China, Chinese; Iran, Iranian).
_DEMONYMS = {
    "France": "French",
    "Netherlands": "Dutch",
    "Switzerland": "Swiss",
    "Denmark": "Danish",
    "Spain": "Spanish",
    "Poland": "Polish",
    "Finland": "Finnish",
    "Ireland": "Irish",
    "Sweden": "Swedish",
    "Philippines": "Filipino",
}


def _names_place(name: str, text: str) -> bool:
    """Whether ``text`` names the place: by its name, or a word made from it (an adjective or
    demonym: "Chinese", "French officials") that tells the reader which place "the country" is."""
    stem = re.escape(name[:4]) if len(name) > 4 else re.escape(name)
    if re.search(rf"\b{stem}", text):
        return True
    demonym = _DEMONYMS.get(name)
    return demonym is not None and re.search(rf"\b{demonym}\b", text) is not None


def _generic_place(line: Line, chooser: random.Random) -> str | None:
    en, before = line.en, line.earlier
    hits = []
    for name, (noun, chinese) in line.places.items():
        if not any(zh in line.zh for zh in chinese):
            continue  # the source must name the place: "China Seas" for 南海 names no 中国
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w'’-])", en):
            # Named before, in an earlier line or earlier in this one, the place may well be
            # "the country": no error to inject.
            if _names_place(name, before + " " + en[: hit.start()]) or en.count(name) > 1:
                continue
            if hit.start() > 0 and en[hit.start() - 1 : hit.start()].isalpha():
                continue
            hits.append((hit, noun))
    if not hits:
        return None
    hit, noun = chooser.choice(sorted(hits, key=lambda h: h[0].start()))
    start = hit.start()
    # "the" already before the name (the Beijing office): keep one.
    article = en[max(0, start - 4) : start].lower()
    new = noun[4:] if article == "the " else noun
    if start == 0 or en[start - 2 : start] in (". ", '" '):
        new = new[0].upper() + new[1:]
    return _swap(en, start, hit.end(), new)


# Offices beside a name in Chinese, and the English noun a hurried edit leaves for the person.
_OFFICES = {
    "总理": "premier",
    "部长": "minister",
    "发言人": "spokesperson",
    "主席": "president",
    "省长": "governor",
    "市长": "mayor",
    "大使": "ambassador",
    "书记": "secretary",
}


def _generic_person(line: Line, chooser: random.Random) -> str | None:
    """A person named beside an office in the source (外交部发言人汪文斌), written in pinyin in the
    English and not named before in the document, replaced by the office ("the spokesperson"),
    together with the office word the English puts before the name."""
    from pypinyin import lazy_pinyin

    hits = []
    for office, noun in _OFFICES.items():
        for found in re.finditer(
            rf"{office}([\u4e00-\u9fff]{{2,3}})|([\u4e00-\u9fff]{{2,3}}){office}", line.zh
        ):
            chars = found.group(1) or found.group(2)
            for size in (3, 2):
                name = chars[:size] if found.group(1) else chars[-size:]
                syllables = lazy_pinyin(name)
                written = syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()
                hit = re.search(rf"(?:\b[A-Z][a-z-]+\s+)?{re.escape(written)}\b", line.en)
                if hit and written not in line.earlier:
                    hits.append((hit, noun))
                    break
    if not hits:
        return None
    hit, noun = chooser.choice(hits)
    new = "the " + noun
    if hit.start() == 0 or line.en[hit.start() - 2 : hit.start()] in (". ", '" '):
        new = new.capitalize()
    return _swap(line.en, hit.start(), hit.end(), new)


KINDS: dict[str, tuple[Maker, frozenset[str]]] = {
    "impossible day": (_impossible_day, NUMBER_CHECKS),
    "percent x10": (_percent, NUMBER_CHECKS),
    "measure x10": (_measure, NUMBER_CHECKS),
    "year off by one": (_year, NUMBER_CHECKS),
    "transposed digits": (_transposed, NUMBER_CHECKS),
    "range end": (_range_end, NUMBER_CHECKS),
    "time": (_clock_time, NUMBER_CHECKS),
    "code": (_code, NUMBER_CHECKS),
    "number word": (_number_word, NUMBER_CHECKS),
    "magnitude": (_magnitude, NUMBER_CHECKS),
    "approximate": (_approximate, NUMBER_CHECKS),
    "generic place": (_generic_place, OMISSION_CHECKS),
    "generic person": (_generic_person, OMISSION_CHECKS),
}


if __name__ == "__main__":
    sys.exit(main())
