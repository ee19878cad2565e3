"""The CLDR layer: country and region names in Chinese and English, from Babel's CLDR data.

CLDR gives every territory a code and a name in each language: 越南 (zh), 越南 (zh_Hant), Vietnam
(en). That is the authority for country names the other layers lack, and the codes let the
curated abbreviations (越 → VN) take their English from here. Simplified, Taiwan (zh_Hant) and
Hong Kong (zh_Hant_HK) names are all read (紐西蘭, 新西蘭 and 新西兰 are New Zealand); the regions
(Europe, Central America) only in simplified Chinese, since zh_Hant's 中美 (Central America) is
mainland news' China–US. Built once a machine and cached: Babel's locale files take a while.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

from glossary.knowledge.candidate import Row, unique

# form → rows; territory code → (simplified Chinese name, its row)
Index = tuple[dict[str, tuple[Row, ...]], dict[str, tuple[str, Row]]]

_CHINESE_LOCALES = ("zh", "zh_Hant", "zh_Hant_HK")
_ENGLISH_LOCALES = ("en", "en_GB")
# Codes that name no place: unknown, pseudo-locales, the Eurozone, "Outlying Oceania".
_SKIPPED = frozenset({"ZZ", "XA", "XB", "EZ", "QO"})
_BODIES = frozenset({"EU", "UN"})
# Territories of China, and places that are no country: kind "place", never "country".
_REGIONS = frozenset({"HK", "MO", "TW", "AQ", "AC", "CP", "DG", "EA", "IC", "TA"})


@functools.lru_cache(maxsize=1)
def cldr_layer() -> Index:
    """The layer, from the cache when an earlier run built it."""
    from glossary.cache import cached

    code = [Path(__file__), Path(__file__).with_name("candidate.py")]
    return cached("knowledge-cldr", ("babel",), code, _build, tuple)


def territory(code: str) -> tuple[str, Row] | None:
    """The simplified Chinese name and the row of a CLDR territory code (VN, 002), or None."""
    return cldr_layer()[1].get(code)


def kind_of(code: str) -> str:
    """What a territory code names: a country, a place (a region, Hong Kong) or a body (EU)."""
    if code in _BODIES:
        return "organisation"
    if code.isdigit() or code in _REGIONS:
        return "place"
    return "country"


def _build() -> Index:
    from babel import Locale

    english = [Locale.parse(name).territories for name in _ENGLISH_LOCALES]
    chinese = [Locale.parse(name).territories for name in _CHINESE_LOCALES]
    rows: dict[str, list[Row]] = defaultdict(list)
    codes: dict[str, tuple[str, Row]] = {}
    for code, name in english[0].items():
        simplified = chinese[0].get(code)
        if code in _SKIPPED or not simplified:
            continue
        en = unique(form for names in english for form in _english_forms(names.get(code, name)))
        row: Row = (kind_of(code), en, f"CLDR {code}: {simplified} / {name}", None)
        codes[code] = (simplified, row)
        locales = chinese[:1] if code.isdigit() else chinese
        for form in unique(form for names in locales for form in _chinese_forms(names.get(code))):
            rows[form].append(row)
    return {form: tuple(found) for form, found in rows.items()}, codes


def _english_forms(name: str) -> list[str]:
    """The English a CLDR name stands for: "Myanmar (Burma)" is Myanmar and Burma, "Hong Kong
    SAR China" is Hong Kong, "St. Kitts & Nevis" is Saint Kitts and Nevis too."""
    forms: list[str] = []
    core = re.sub(r" SAR China$", "", name)
    if core != name:
        forms += [core, f"{core} SAR"]
    inside = re.fullmatch(r"(.+?) \((.+)\)", name)
    if inside:
        forms += [inside.group(1), inside.group(2)]
    forms.append(re.sub(r" - ", "-", name))  # Congo - Brazzaville: Congo-Brazzaville
    for form in list(forms):
        spelled = form.replace(" & ", " and ")
        forms += [spelled, re.sub(r"\bSt\.? ", "Saint ", spelled)]
    forms += [form.replace("’", "'") for form in forms if "’" in form]
    forms += [_plain_letters(form) for form in forms if not form.isascii()]  # Türkiye: Turkiye
    return [*forms, name]


def _chinese_forms(name: str | None) -> list[str]:
    """The Chinese a CLDR name stands for: 中国香港特别行政区 is 香港 too; 刚果（布） also with
    half-width parentheses."""
    if not name:
        return []
    forms = [name]
    core = re.fullmatch(r"中[国國](.+?)(特别行政区|特別行政區)", name)
    if core:
        forms += [core.group(1) + core.group(2), core.group(1)]
    if "（" in name:
        forms.append(name.replace("（", "(").replace("）", ")"))
    return forms


def _plain_letters(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Other forms English writes a country in, by CLDR territory code: the combining form of a
# compound (Sino-Japanese relations, Franco-German, Indo-Pacific) and short forms (US, USA).
COMBINING_FORMS: dict[str, tuple[str, ...]] = {
    "CN": ("Sino",),
    "FR": ("Franco",),
    "GB": ("Anglo", "British"),
    "IN": ("Indo",),
    "RU": ("Russo",),
    "JP": ("Japano",),
    "PT": ("Luso",),
    "ES": ("Hispano",),
    "IT": ("Italo",),
    "AT": ("Austro",),
    "GR": ("Greco",),
    "DE": ("German",),
    "US": ("America", "U.S.", "US", "USA"),
}
