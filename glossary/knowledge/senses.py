"""Read one CC-CEDICT definition of a proper noun: who or what it names, in which English.

CC-CEDICT has no field saying "person" or "organisation"; its definitions follow habits this
module reads: a person is a name and years ("Angela Merkel (1954-), German CDU politician"), or a
name and a calling ("Dan Brown (American novelist)"), or a name marked "(name)"; an organisation
is a name whose head noun is a body ("Xinhua News Agency", "Bank of China (BoC)") or is described
as one ("People's Daily (PRC newspaper)"); an abbreviation says "abbr. for" its full form. What
reads as none of these is left out: a wrong entry here would make a check accuse a correct
translation, a missing one only keeps it silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.knowledge.candidate import unique


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese reference inside a definition: 中國證券監督管理委員會|中国证券监督管理委员会[Zhong1 …]
_REFERENCE = re.compile(rf"[{_CJK}·、]+(?:\|[{_CJK}·、]+)?(?:\[[^\]]*\])?")
_ABBREVIATION = re.compile(rf"abbr\. (for|of|to)\b[^{_CJK}]*?({_REFERENCE.pattern})")
_UPPER = "A-ZÀ-ÖØ-Þ"
# One word of a name: Merkel, D'Alembert, P.A.M., Jae-in, Sōseki, 1st, G20.
_WORD = rf"(?:[{_UPPER}][\w'’.\-]*|[0-9][\w]*)"
# Lowercase words a name may hold: von der Leyen, Aishah bint Abi Bakr.
_PARTICLES = r"(?:von|van|der|den|de|da|di|du|la|le|bin|ibn|bint|al|el|zu|ter|dos|das|del)"
_NAME = rf"{_WORD}(?: (?:{_PARTICLES} )*{_WORD})*"
_YEAR = r"(?:c\. ?|ca\. ?|b\. ?|d\. ?)?\d{1,4}(?: ?BC| ?AD)?"
_DATES = rf"{_YEAR} ?- ?(?:{_YEAR})?"  # a span, or a birth year and a dash: never one year
_PERSON = re.compile(
    rf"^(?P<names>{_NAME}(?:,? or {_NAME})*) \((?P<dates>{_DATES})\)(?P<rest>,.*|$)"
)
_NAMED = re.compile(
    rf"^(?P<names>{_NAME}(?:(?:,|,? or) {_NAME})*) \((?P<qualifier>[\w -]+ )?"
    r"(?:name|surname|given name|person name|proper name|family name|first name)\)$"
)
_CALLED = re.compile(
    rf"^(?P<names>{_NAME}) \((?P<calling>[a-z][^()]*|[{_UPPER}]\w+ [a-z][^()]*)\)$"
)

# Capitalised words that make a dated "name" an event, an era or a body, not a person.
_NOT_PEOPLE = _words(
    "War Wars Dynasty Dynasties Empire Kingdom Kingdoms Revolution Rebellion Uprising Incident "
    "Movement Period Era Campaign Battle Treaty Conference Expedition Reform Reforms Olympics "
    "Games Republic Army Party Society Company Church Temple Bridge Canal Railway Line Expo "
    "Cup Championship Prize Award Act Accord Agreement Declaration Crisis Massacre Famine "
    "Council Congress Commune Edict Constitution Plan Program Programme Project Mission "
    "International Earthquake Forward Leap "
    "University College Academy Institute Museum School"
)
# What a name's qualifier or a dated name's description says that no person is.
_NOT_PERSONAL = re.compile(r"\b(?:company|brand|place|product|trade|store|band|team|ship|firm)\b")
_NOT_A_LIFE = re.compile(
    r"\b(?:dynasty|dynasties|period|era|kingdom|state|family|clan|tribe|people|reign|novel|"
    r"book|film|movie|poem|opera|song|album|series|game|sheep|dog|horse|animal|ship|satire|"
    r"attempt|campaign|movement|war|battle|earthquake|event|incident|festival)s?$"
)
# What a person is called: "American novelist", "King of Morocco".
_CALLINGS = re.compile(
    r"\b(?:politician|president|premier|prime minister|chancellor|minister|king|queen|emperor|"
    r"empress|prince|princess|writer|novelist|poet|playwright|dramatist|author|journalist|"
    r"singer|actor|actress|director|composer|musician|pianist|painter|artist|sculptor|"
    r"architect|philosopher|scientist|physicist|chemist|mathematician|astronomer|biologist|"
    r"economist|historian|scholar|explorer|inventor|engineer|general|admiral|leader|dictator|"
    r"statesman|diplomat|businessman|businesswoman|entrepreneur|founder|footballer|player|"
    r"athlete|swimmer|boxer|coach|pope|saint|prophet|monk|priest|astronaut|model|comedian|"
    r"sociologist|psychologist|linguist|translator|lawyer|judge|activist|revolutionary)s?\b",
    re.IGNORECASE,
)
# The head noun of a body's name: the "Commission" of "China Securities Regulatory Commission".
_BODIES = _words(
    "Company Corporation Corp Inc Ltd Limited Co Group Holdings Agency Party Committee "
    "Commission Association University College Institute Academy Bank Ministry Bureau "
    "Administration Authority Council Confederation League Organization "
    "Organisation Society Foundation Fund Alliance Front Daily Times News Post Herald Journal "
    "Gazette Television TV Radio Broadcasting Press Network Exchange Airlines Airways "
    "Department Office Court Procuratorate Congress Parliament Assembly Reserve Service "
    "Museum Library Hospital Nations Army Navy Force Forces Police Club Motors Media Studio "
    "Studios Publishing Publishers Commune Secretariat Cabinet Senate Guard Guards"
)
# A name ending in one of these is a building or a place, whatever body it starts with.
_NOT_BODIES = _words(
    "Tower Building Bridge Street Road Avenue Square Station Airport Park Hall Palace Temple "
    "Church Stadium Center Centre Plaza Gate Port Harbor Harbour Mountain Mountains River Lake "
    "Island Islands Sea Bay Canal Railway Line Dam Prize Award Cup Incident Affair Act Law "
    "Plan Program Programme Index Day Festival Games Declaration Treaty Agreement"
)
# Lowercase nouns that describe a body: "(PRC newspaper)", ", Chinese telecom company".
_BODY_NOUNS = re.compile(
    r"\b(?:company|corporation|firm|conglomerate|agency|newspaper|paper|magazine|periodical|"
    r"broadcaster|network|station|party|organization|organisation|bank|airline|university|"
    r"college|institute|think tank|ministry|committee|commission|council|association|"
    r"federation|foundation|charity|club|publisher|manufacturer|automaker|carmaker|retailer|"
    r"exchange|website|portal|group|army|militia|agency|regulator|operator|body)s?$"
)
# A description that makes a "body" a place: a league or a banner of Inner Mongolia.
_PLACE_NOUNS = re.compile(
    r"\b(?:subdivision|prefecture|county|city|district|region|province|town|village|area)s?$"
)
# Where a description's first phrase ends: "Chinese telecom company | based in Shenzhen".
_PHRASE_END = re.compile(
    r",|;| (?:of|in|on|at|for|from|with|that|which|who|based|founded|established|formed|"
    r"set up|since|under|and|or|to)\b"
)
_CROSS_REFERENCES = ("see ", "variant of", "old variant", "also written", "Taiwanese variant")
# Parenthesised words that say where, not what: "State Electricity Regulatory Commission (PRC)".
_QUALIFIERS = _words("PRC US USA UK U.K. ROC Tw HK Japan Taiwan China Korea Germany France")
_CONNECTORS = _words("of and for the on in de du des & or")
# Where a name is written family name first, the Chinese gives it whole: no surname alone.
_CHINESE_CONTEXT = re.compile(
    r"\b(?:China|Chinese|PRC|CCP|Taiwan(?:ese)?|Hong Kong|Macao|Macau|Singapore(?:an)?|"
    r"Vietnam(?:ese)?|dynasty|Tang|Song|Ming|Qing|Han|"
    r"Yuan|Jin|Sui|Zhou|Qin|Three Kingdoms|Warring States|Kuomintang|Guomindang|Beijing|"
    r"Confucius|Tibet(?:an)?|Mongolia(?:n)?|Uighur|Uyghur|Manchu)\b"
)
# A nationality in a description's first phrase ("Japanese politician"), not "Sino-Japanese war".
_JAPANESE = re.compile(r"(?<![\w-])Japan(?:ese)?\b")
_KOREAN = re.compile(r"(?<![\w-])Korean?\b")


@dataclass(frozen=True)
class Sense:
    """What one definition names: its kind, English forms, years (people) and the definition."""

    kind: str  # "person" or "organisation"; places come from the place index
    en: tuple[str, ...]
    detail: str
    dates: str | None = None


def abbreviation_of(definition: str) -> tuple[str, str] | None:
    """("for", 中国证券监督管理委员会) when the definition says the headword abbreviates one
    form (``abbr. for``), ("to", 华航) when it says the headword is abbreviated to one; None when
    it names no form or several (北上广: "abbr. for 北京、上海、广州")."""
    found = _ABBREVIATION.search(definition)
    if found is None or len(_REFERENCE.findall(definition)) != 1:
        return None
    reference = found.group(2).split("[")[0]
    if "、" in reference or "·" in reference:
        return None
    direction = "to" if found.group(1) == "to" else "for"
    return direction, reference.split("|")[-1]


def without_references(definition: str) -> str:
    """The definition without its Chinese references: "abbr. for Singapore and Malaysia"."""
    text = " ".join(_REFERENCE.sub("", definition).split())
    return re.sub(r"\s+([,)])", r"\1", text)


def plain(definition: str) -> str:
    """The definition without Chinese references, abbreviation notes and "(Tw)" marks."""
    text = _REFERENCE.sub("", definition)
    text = re.sub(r"\s*\((?:abbr\.|Tw|coll\.|old|lit\.)[^()]*\)", "", text)
    text = re.sub(r"[,;/]?\s*\babbr\. (?:for|of|to)\b[^,;()]*", "", text)
    text = re.sub(r"\s+([,)])", r"\1", text)
    return " ".join(text.split()).strip(" ,;")


def read_sense(definition: str, pinyin: str, headword: str) -> Sense | None:
    """The person or organisation one definition names, or None (see the module docstring).

    ``pinyin`` (toneless, run together) and ``headword`` tell a Chinese name, whose pinyin is
    its English, from a transliterated one, which usually renders only the surname (默克尔 is
    "Merkel" as much as "Angela Merkel")."""
    skipped = (
        "see ",
        "variant of",
        "old variant",
        "also written",
        "Taiwanese variant",
        "Taiwan pr.",
    )
    if definition.startswith(skipped):
        return None
    text = plain(definition)
    if not text or not text[0].isupper():
        return None
    person = _PERSON.match(text)
    if person is not None:
        names = _names(person.group("names"))
        rest = person.group("rest").lstrip(", ")
        if any(word in _NOT_PEOPLE for name in names for word in name.split()):
            return None
        if _BODY_NOUNS.search(_phrase_head(rest)) or _NOT_A_LIFE.search(_phrase_head(rest)):
            return None  # "Manchester United (1878-), football club"; "…, legendary dynasty"
        en = _person_forms(names, rest, pinyin, headword)
        return Sense("person", en, definition, _dates(person.group("dates")))
    named = _NAMED.match(text)
    if named is not None:
        qualifier = named.group("qualifier") or ""
        if _NOT_PERSONAL.search(qualifier):
            kind = "organisation" if "company" in qualifier else ""
            return Sense(kind, _names(named.group("names")), definition) if kind else None
        return Sense("person", _names(named.group("names")), definition)
    called = _CALLED.match(text)
    if called is not None and _CALLINGS.search(called.group("calling")):
        names = _names(called.group("names"))
        if not any(word in _NOT_PEOPLE for name in names for word in name.split()):
            forms = _person_forms(names, called.group("calling"), pinyin, headword)
            return Sense("person", forms, definition)
    return _organisation(text, definition)


def _organisation(text: str, definition: str) -> Sense | None:
    head, groups, rest = _split_head(text)
    if not head:
        return None
    names = [n for n in re.split(r" or ", head) if n]
    # "DPP (Democratic Progressive Party, Taiwan)": the name before the comma
    acronyms = [g.split(",")[0] for g in groups if _is_name(g.split(",")[0])]
    described = [g for g in groups if not _is_name(g)] + ([rest] if rest else [])
    body = any(_names_a_body(name) for name in (*names, *acronyms))
    if not body:
        body = any(_BODY_NOUNS.search(_phrase_head(text)) for text in described)
    if not body or any(name.split()[-1] in _NOT_BODIES for name in names):
        return None
    if any(_PLACE_NOUNS.search(_phrase_head(text)) for text in described):
        return None  # "Xilingol League, a prefecture-level subdivision of Inner Mongolia"
    if any("dynasty" in text for text in described):
        return (
            None  # "Green Standard Army, … during Qing dynasty" (绿营, in news the pan-Green camp)
        )
    forms = [*names, *acronyms]
    forms += [n.removeprefix("PRC ").removeprefix("US ") for n in names]
    return Sense("organisation", unique(forms), definition)


def _split_head(text: str) -> tuple[str, list[str], str]:
    """("Bank of China", ["BoC"], "rest") from "Bank of China (BoC), rest": the capitalised
    name a definition opens with, the parenthesised groups after it, and the description."""
    words = text.split(" ")
    head: list[str] = []
    for index, word in enumerate(words):
        bare = word.rstrip(",;")
        if word.startswith("("):
            break
        if bare[:1].isupper() or bare[:1].isdigit() or (head and bare in _CONNECTORS):
            head.append(bare)
            if bare != word:  # a comma or semicolon ends the name
                break
        elif index == 0 and bare == "the":
            continue
        else:
            return "", [], text
    while head and head[-1] in _CONNECTORS:
        head.pop()
    name = " ".join(head)
    after = text[text.find(name) + len(name) :] if name else text
    groups: list[str] = []
    while True:
        group = re.match(r"\s*\(([^()]*)\)", after)
        if group is None:
            break
        groups.append(group.group(1).strip())
        after = after[group.end() :]
    if after.strip() and not after.lstrip().startswith((",", ";")):
        return "", [], text  # the name runs on into a description: "Green Dam software"
    return name, groups, after.lstrip(" ,;")


def bare_names(definition: str) -> tuple[str, ...]:
    """The names of a definition that is nothing but names ("Guomindang or Kuomintang (KMT)",
    "ASEAN"): other names of what another definition of the entry classifies."""
    text = plain(definition)
    head, groups, rest = _split_head(text)
    if not head or rest or not all(_is_name(group) for group in groups):
        return ()
    return english_names(text)


def english_names(text: str) -> tuple[str, ...]:
    """The names a plain definition opens with, and the names in parentheses after them:
    ("National People's Congress", "NPC") of "National People's Congress (NPC), …"."""
    head, groups, _ = _split_head(text)
    if not head:
        return ()
    return unique([*re.split(r" or ", head), *(g for g in groups if _is_name(g))])


def _is_name(group: str) -> bool:
    """Whether a parenthesised group is another name: an acronym (CSRC, BoC) or a name of two
    words or more (China News Service); not a description (PRC newspaper), a place
    (Guangdong), a country (PRC) or years."""
    if group in _QUALIFIERS:
        return False
    if (
        re.fullmatch(r"[A-Z][A-Za-z0-9&.\-]*[A-Z0-9.]", group)
        and sum(c.isupper() for c in group) > 1
    ):
        return True
    words = group.split()
    if len(words) < 2 or len(words) > 8:
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w in _CONNECTORS for w in words)


def _names_a_body(name: str) -> bool:
    """Whether a name's head noun is a body: "Commission" in "China Securities Regulatory
    Commission", "Bank" in "Bank of China" (the words before the first "of")."""
    first = re.split(r" (?:of|for|on|in)\b", name)[0].split()
    return bool(first) and first[-1].rstrip(".") in _BODIES


def _phrase_head(text: str) -> str:
    return _PHRASE_END.split(text.lower(), maxsplit=1)[0].strip()


def _names(text: str) -> tuple[str, ...]:
    """The names of "Liu Ji or Liu Bowen", "Ayshe, Aise or Ayesha"; capitals (TOYOTOMI
    Hideyoshi) as a name is written."""
    parts = re.split(r",? or |, ", text)
    return unique(
        " ".join(
            w.title() if w.isupper() and w.isalpha() and len(w) > 1 else w for w in part.split()
        )
        for part in parts
    )


def _capitalised(word: str) -> str:
    """TOYOTOMI as Toyotomi; not a Roman numeral (Cleopatra VII)."""
    if word.isupper() and word.isalpha() and len(word) > 1 and not re.fullmatch("[IVXLC]+", word):
        return word.title()
    return word


def _person_forms(names: tuple[str, ...], rest: str, pinyin: str, headword: str) -> tuple[str, ...]:
    """A person's accepted English: the names as written, and the forms English news uses
    of a name the Chinese gives only in part or in another order."""
    forms = list(names)
    if any(_fold(name) == pinyin for name in names):
        return unique(forms)  # a Chinese name in pinyin (Yang Shangkun): the Chinese is whole
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        first = rest.split(",")[0]
        if _JAPANESE.search(first) and len(words) == 2:
            forms += [f"{words[1]} {words[0]}", words[0]]  # Kishida Fumio: Fumio Kishida
        elif _KOREAN.search(first):
            forms.append(words[0])
        elif _transliterates_surname(words, rest, pinyin, headword):
            forms.append(_surname(words))  # 默克尔: Merkel
    return unique(forms)


def _transliterates_surname(words: list[str], rest: str, pinyin: str, headword: str) -> bool:
    """Whether the Chinese renders only the surname of a foreign name: 默克尔 (mo-) is Merkel
    of Angela Merkel; not 丹布朗 (dan-, Dan Brown), not a name with ·, not a Chinese name
    written otherwise (Soong Mei-ling)."""
    if "·" in headword or _CHINESE_CONTEXT.search(rest) or "-" in words[-1]:
        return False
    surname = _fold(_surname(words))
    given = _fold(words[0])
    return _sounds_alike(pinyin, surname) and not _sounds_alike(pinyin, given)


# Letters a transliteration may begin a name's sound with: 克林顿 (ke-) is Clinton.
_INITIALS = ("bp", "dt", "gkcq", "fvwh", "hx", "sxzc", "jgyz", "lr", "m", "n")


def _sounds_alike(pinyin: str, name: str) -> bool:
    """Whether a pinyin reading and an English name begin with kindred sounds."""
    if not pinyin or not name:
        return False
    if pinyin[0] == name[0]:
        return True
    return any(pinyin[0] in group and name[0] in group for group in _INITIALS)


def _surname(words: list[str]) -> str:
    """The last name with its particles: Merkel, von der Leyen."""
    index = len(words) - 1
    while index > 1 and re.fullmatch(_PARTICLES, words[index - 1]):
        index -= 1
    return " ".join(words[index:])


def _dates(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", text.strip())


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isalpha() and ch.isascii())
