"""Figures in Chinese and English text, normalised to comparable values.

:func:`chinese_quantities` and :func:`english_quantities` return every figure found, with its
kind (``number``, ``percent``, ``year``, ``date``), its value and its character span. A figure
is *firm* when it is written unambiguously (Arabic digits, 三千五百, 百分之五, 11月9日 …);
a loose one (a lone 三, "twelve", "a dozen", "G20", a list number) may only explain a figure on
the other side, never raise an alarm by itself. Chinese numerals are read with ``cn2an``,
imported only for a numeral of more than one character (it takes a third of a second).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NUMBER = "number"
PERCENT = "percent"
YEAR = "year"
DATE = "date"


@dataclass(frozen=True)
class Quantity:
    """One figure: ``value`` (for a date: month * 100 + day) at ``start:end`` of its text."""

    kind: str
    value: float
    start: int
    end: int
    firm: bool = True
    money: bool = False
    # A Chinese "249,289,299" may be a list (ASCII commas): its parts, each a figure.
    parts: tuple[float, ...] = ()
    # An approximate figure (一万六七千: 16,000 to 17,000): ``value`` is the low end, ``upper``
    # the high one; either end or the middle says the same, another figure between them does
    # not (16,700 is a misreading of 一万六七千, 16,500 its middle).
    upper: float | None = None

    def matches(self, other: Quantity) -> bool:
        """Whether the two figures may say the same: dates and years exactly, other figures
        up to rounding (34,567 is "about 35,000"; 1.23亿 is "123 million")."""
        if (self.kind == DATE) != (other.kind == DATE):
            return False
        if self.kind in (DATE, YEAR) or other.kind in (DATE, YEAR):
            return self.value == other.value
        if self.kind == PERCENT and other.kind == PERCENT:
            # A share is rounded to its unit at most (33.3% is 33%), never to a power of ten
            # (10% is not "100%", 88% not "about 100%").
            return abs(self.value - other.value) < 1
        if self.upper is not None and other.upper is not None:  # 两三天, "two or three days"
            return (self.value, self.upper) == (other.value, other.upper)
        for approximate, figure in ((self, other), (other, self)):
            if approximate.upper is not None:
                middle = (approximate.value + approximate.upper) / 2
                # The figure may round an end ("about 20,000"); an end never rounds the
                # figure (23,400 is not "about 23,000" here: the source says 23 or 24).
                ends = (approximate.value, approximate.upper)
                return figure.value == middle or any(_rounds_to(e, figure.value) for e in ends)
        return _rounds_to(self.value, other.value) or _rounds_to(other.value, self.value)


def _rounds_to(exact: float, rounded: float) -> bool:
    """Whether ``rounded`` is ``exact`` rounded to ``rounded``'s significant digits."""
    if exact == rounded:
        return True
    if rounded == 0 or exact == 0:
        return False
    if exact == int(exact) and abs(exact) < 100:
        return False  # a small whole number is said as it is: 11 is not "about 10"
    try:
        digits = Decimal(repr(rounded)).normalize()
    except InvalidOperation:
        return False
    exponent = digits.as_tuple().exponent
    assert isinstance(exponent, int)
    quantum = Decimal(1).scaleb(exponent)
    # Within half a unit of the last digit, a half rounded up: 12.345 is "12.35", but 3.55 is
    # no "3.5" (a digit repeated) and 36,457 no rounding of 36,475 (two digits swapped).
    exact_digits = Decimal(repr(exact))
    return exact_digits.quantize(quantum, rounding=ROUND_HALF_UP) == digits.quantize(quantum)


# ---------------------------------------------------------------- Chinese

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_UNITS = "十百千万亿"
_CN_MULTIPLIERS = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
}
_ARABIC = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_RUN = f"[{_CN_DIGITS}{_CN_UNITS}]+"
_CN_MONEY = re.compile(
    r"\s*(?:多|余)?\s*(?:美元|新元|元|欧元|英镑|日元|港元|港币|人民币|美金|块|令吉|卢布|韩元|澳元|加元|新台币|台币)"
)
_CN_DATE = re.compile(
    rf"(\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*月(?:份)?\s*(\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*[日号]"
)
_CN_YEAR = re.compile(rf"(\d{{4}}|[{_CN_DIGITS}]{{4}})年")
_CN_PERCENT_WORDS = re.compile(rf"百分之({_ARABIC}|{_CN_RUN})")
_CN_PERCENT_SIGN = re.compile(rf"({_ARABIC})\s*[%％]|({_ARABIC}|{_CN_RUN})个百分点")
_CN_NUMBER = re.compile(
    rf"({_ARABIC})\s*(?:余|多)?\s*(万亿|千亿|百亿|亿|千万|百万|万|千(?![米克瓦卡伏帕焦赫]))?"
    r"(?=\s*(?:到|至|-|~|～|—|－)\s*(\d+(?:\.\d+)?)\s*(?:余|多)?\s*"
    r"(万亿|千亿|百亿|亿|千万|百万|万|千(?![米克瓦卡伏帕焦赫])))?"
)
_CN_COMPOUND = re.compile(r"\d+[万亿]\d+[千百万]?(?![\d.])")


# Numerals whose value needs no parser: nineteen in twenty of those a text holds.
_DIGIT_VALUES = {char: value for value, char in enumerate("〇一二三四五六七八九")}
_DIGIT_VALUES.update({"零": 0, "两": 2, "十": 10})
_ARABIC_ONLY = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def chinese_number(text: str) -> float | None:
    """The value of a Chinese or mixed numeral (三千五百, 3.5万, 1.2亿), or None."""
    text = text.replace(",", "").replace("，", "")
    if not text:
        return None
    if text in _DIGIT_VALUES:
        return float(_DIGIT_VALUES[text])
    if _ARABIC_ONLY.fullmatch(text):
        return float(text)
    import cn2an  # type: ignore[import-untyped]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return float(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError, IndexError, TypeError):
            return None


# Measure words after a numeral that counts (四个, 两名, 五天, 三倍): the numeral is a figure.
_CLASSIFIER = re.compile(
    r"[个名位项次家天年周座条件种国人岁倍所只台辆架艘场届批轮部本张份篇股支"
    r"包盒瓶袋杯双对块片颗粒根把间层套节门首句步笔头匹枚栋棵朵幅封户级处"
    # 三款产品, 三类, 三点建议, 四大发明, 三方面, 三例, 两起事故, 三轮谈判, 三道题, 三集 …
    # (not 分: 四分之三 is three quarters, no count of four).
    r"款类点大方例起期口道班趟遍番回集章页组队季代段站局盘轮]"
)


# 第二天, 第二年, 第二周: "the next day", "the following year".
_NEXT_AFTER_SECOND = frozenset("天日年周月早晚")


def chinese_quantities(text: str) -> list[Quantity]:
    """Every figure in the Chinese ``text``, first the most specific reading of each."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def add(quantity: Quantity) -> None:
        found.append(quantity)
        taken.append((quantity.start, quantity.end))

    for hit in _CN_DATE.finditer(text):
        month, day = chinese_number(hit.group(1)), chinese_number(hit.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            add(Quantity(DATE, month * 100 + day, hit.start(), hit.end()))
    for hit in _CN_YEAR.finditer(text):
        value = chinese_number(hit.group(1))
        if value is not None and free(*hit.span()) and not _after_digit(text, hit.start()):
            add(Quantity(YEAR, value, hit.start(), hit.end()))
    for pattern in (_CN_PERCENT_WORDS, _CN_PERCENT_SIGN):
        for hit in pattern.finditer(text):
            number = next(group for group in hit.groups() if group)
            value = chinese_number(number)
            if value is not None and free(*hit.span()):
                add(Quantity(PERCENT, value, hit.start(), hit.end()))
    for hit in _CN_COMPOUND.finditer(text):
        value = chinese_number(hit.group())
        if value is not None and free(*hit.span()):
            money = _money(_CN_MONEY, text, hit.end())
            add(_arabic(text, hit.start(), hit.end(), value, money))
    for hit in _CN_NUMBER.finditer(text):
        if not free(hit.start(), hit.end(1)):
            continue
        number = hit.group(1)
        multiplier = hit.group(2) or (hit.group(4) if hit.group(3) else None)
        # 4到6万: the multiplier of the range's end is the start's too.
        value = float(number.replace(",", "").replace("，", ""))
        if multiplier:
            value *= _CN_MULTIPLIERS[multiplier]
        end = hit.end(2) if hit.group(2) else hit.end(1)
        quantity = _arabic(text, hit.start(), end, value, _money(_CN_MONEY, text, hit.end()))
        if re.match(r"\s*(?:月(?!份)|[日号](?![本元]))", text[end:]) and not multiplier:
            quantity = Quantity(quantity.kind, value, quantity.start, end, False)
        if re.search(r"\d{3}[,，]\d{3}[,，]", number):
            groups = tuple(float(g) for g in re.split(r"[,，]", number))
            quantity = Quantity(
                quantity.kind, value, quantity.start, end, quantity.firm, quantity.money, groups
            )
        add(quantity)
    for hit in re.finditer(_CN_RUN, text):
        if not free(*hit.span()):
            continue
        run = hit.group()
        ordinal = text[hit.start() - 1 : hit.start()] == "第"
        counted = not ordinal and bool(_CLASSIFIER.match(text, hit.end()))
        approximate = _approximate(run, counted)
        if approximate is not None:
            low, high = approximate
            money = _money(_CN_MONEY, text, hit.end())
            add(Quantity(NUMBER, low, hit.start(), hit.end(), True, money, upper=high))
            continue
        value = chinese_number(run)
        if value is None:
            continue
        # 三千五百 is a figure; a lone 一 or 十 is as often a word (一些, 十分) as a number, but
        # a numeral that counts (四个步骤, 两年) is one.
        firm = any(c in _CN_UNITS for c in run) and any(c in _CN_DIGITS for c in run)
        # 两 is "two" whatever follows it (两声道, 两岸), never a word of its own like 一.
        firm = firm or ((counted or run == "两") and run not in ("一", "〇", "零"))
        # An ordinal past the first is a figure (第三轮, "the third round"); 第一 is as often
        # "first of all" or 第一时间 "at once", 第二天 "the next day". A numeral in brackets
        # numbers a list.
        next_one = value == 2 and text[hit.end() : hit.end() + 1] in _NEXT_AFTER_SECOND
        firm = firm or (ordinal and value >= 2 and not next_one)
        firm = firm and text[hit.start() - 1 : hit.start()] not in ("（", "(")
        money = _money(_CN_MONEY, text, hit.end())
        add(Quantity(NUMBER, value, hit.start(), hit.end(), firm, money))
    for hit in re.finditer("双(?=方)", text):  # 双方: the two sides, a count of two
        found.append(Quantity(NUMBER, 2, hit.start(), hit.end(), firm=True))
    for hit in re.finditer("[俩仨]", text):  # 他们俩, 我们仨: the two, the three of them
        found.append(Quantity(NUMBER, 2 if hit.group() == "俩" else 3, *hit.span(), firm=True))
    for hit in re.finditer(rf"([{_CN_DIGITS}十])成", text):
        value = chinese_number(hit.group(1))
        if value is not None:
            found.append(Quantity(PERCENT, value * 10, hit.start(), hit.end(), firm=False))
    found.sort(key=lambda q: q.start)
    return found


# Two neighbouring digits before a unit, or ending a numeral with a unit: 一万六七千 (16,000 to
# 17,000), 三四百 (300 to 400), 二三十 (20 to 30), 十五六 (15 or 16); or counting something:
# 四五天 (four or five days), 一两年 (a year or two), 两三个; and 三五天, three to five days.
_APPROXIMATE = re.compile(r"([一二两三四五六七八])([二两三四五六七八九])(?=[十百千万亿]|$)")
_LOOSE_PAIRS = frozenset({("三", "五")})


def _approximate(run: str, counted: bool = False) -> tuple[float, float] | None:
    """The low and high ends of an approximate numeral, or None when ``run`` is not one: the
    two digits must follow each other (六七, not 一三) and the run must hold a unit or count
    something (``counted``: a measure word follows)."""
    digits = "一二三四五六七八九"
    for hit in _APPROXIMATE.finditer(run):
        first, second = hit.groups()
        step = digits.index(second.replace("两", "二")) - digits.index(first.replace("两", "二"))
        if step != 1 and not (counted and (first, second) in _LOOSE_PAIRS):
            continue
        if not counted and not any(unit in run for unit in _CN_UNITS):
            return None
        low = chinese_number(run[: hit.start()] + first + run[hit.end() :])
        high = chinese_number(run[: hit.start()] + second + run[hit.end() :])
        if low is not None and high is not None and low < high:
            return low, high
    return None


def _after_digit(text: str, start: int) -> bool:
    return start > 0 and text[start - 1].isdigit()


def _money(pattern: re.Pattern[str], text: str, end: int) -> bool:
    return pattern.match(text, end) is not None


# Units of measurement written against a figure, as opposed to the letters of a code (5G, 4K).
UNIT_AFTER = re.compile(
    r"(?:km|cm|mm|m|kg|g|t|mAh|mA|ml|mL|kWh|kW|W|V|Hz|kHz|MHz|GHz|TB|GB|MB|KB|L|lbs?|ft|h)"
    r"(?![A-Za-z0-9])"
)


def _range_end(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` ends a range of two short figures (3-4次, 8-15),
    not a group of a code or a phone number (COVID-19, 010-6091-0566). The end may have a
    digit more than the start, as a slip gives it ("2023-20270")."""
    before = re.search(r"(?<![A-Za-z0-9_.-])(\d{1,4})-$", text[max(0, start - 6) : start])
    return (
        before is not None
        and end - start <= max(4, len(before[1]) + 1)
        and text[end : end + 1] != "-"
    )


def _arabic(
    text: str, start: int, end: int, value: float, money: bool, tail: int | None = None
) -> Quantity:
    """An Arabic-digit figure: loose inside a name or code (G20, 5G, COVID-19, 010-1234)."""
    before = text[max(0, start - 2) : start]
    after = text[tail or end : (tail or end) + 3]
    digits = text[start:end]
    letter_before = before[-1:].isascii() and before[-1:].isalpha()
    code_before = (
        bool(before[-1:])
        and before[-1:] in "-_/"
        and before[:1].isalnum()
        and not _range_end(text, start, end)
    )
    suffix = re.match(r"(?:st|nd|rd|th|s)\b", after) is not None  # 3rd, 1990s
    # A unit written against the figure (725km, 500mA) measures it; "$5m" is money's million.
    unit = UNIT_AFTER.match(text, tail or end) is not None and not (money and after[:1] == "m")
    letter_after = after[:1].isascii() and after[:1].isalpha() and not suffix and not unit
    code_after = (
        bool(after[:1])
        and after[:1] in "-_/"
        and after[1:2].isdigit()
        and not re.match(r"\d{1,2}(?!\d)", after[1:])
    )
    in_name = letter_before or (code_before and before[:1].isascii()) or letter_after or code_after
    # A long run of digits without separators is a phone, account or ID number.
    identifier = len(re.sub(r"\D", "", digits)) > 9 and "," not in digits and "." not in digits
    firm = not (in_name or identifier)
    kind = NUMBER
    if (
        re.fullmatch(r"(19|20)\d\d", digits)
        and text[end : end + 1] not in ("%", "％")
        and not money
    ):
        kind = YEAR
    return Quantity(kind, value, start, end, firm, money)


# Measurements a translator may convert: a source unit, and the English units it becomes with
# the factor from one to the other (30米 is "98 feet", 5公里 "3.1 miles").
_CONVERSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "米": (("feet", 3.28084), ("foot", 3.28084), ("ft", 3.28084), ("yards", 1.09361)),
    "公里": (("miles", 0.621371), ("mile", 0.621371)),
    "千米": (("miles", 0.621371), ("mile", 0.621371)),
    "厘米": (("inches", 0.393701), ("inch", 0.393701), ("in", 0.393701)),
    "毫米": (("inches", 0.0393701), ("inch", 0.0393701)),
    "公斤": (("pounds", 2.20462), ("lbs", 2.20462), ("lb", 2.20462)),
    "千克": (("pounds", 2.20462), ("lbs", 2.20462), ("lb", 2.20462)),
    "克": (("ounces", 0.035274), ("oz", 0.035274)),
    "亩": (("acres", 0.164737), ("hectares", 0.0666667)),
    "公顷": (("acres", 2.47105),),
    "平方公里": (("square miles", 0.386102),),
    "平方米": (("square feet", 10.7639),),
    "升": (("gallons", 0.264172),),
}
_ZH_UNIT = re.compile(r"\s*(" + "|".join(sorted(_CONVERSIONS, key=len, reverse=True)) + ")")
_EN_UNIT = re.compile(r"[\s-]*(square [a-z]+|[a-z]+)", re.IGNORECASE)
_CELSIUS = re.compile(r"\s*(?:摄氏度|°C|℃)")
_FAHRENHEIT = re.compile(r"[\s-]*(?:°\s?F\b|degrees? Fahrenheit)", re.IGNORECASE)


def converted(zh: str, source: Quantity, en: str, english: Quantity) -> bool:
    """Whether the English figure is the source's measurement converted to another unit,
    rounded (30米 as "98 feet", 35摄氏度 as "95 degrees Fahrenheit"): within 3 %."""
    if _CELSIUS.match(zh, source.end) and _FAHRENHEIT.match(en, english.end):
        return _close(source.value * 9 / 5 + 32, english.value)
    zh_unit, en_unit = _ZH_UNIT.match(zh, source.end), _EN_UNIT.match(en, english.end)
    if zh_unit is None or en_unit is None:
        return False
    word = en_unit.group(1).lower()
    return any(
        word == unit and _close(source.value * factor, english.value)
        for unit, factor in _CONVERSIONS[zh_unit.group(1)]
    )


def _close(expected: float, written: float) -> bool:
    return expected != 0 and abs(written - expected) <= 0.03 * abs(expected)


# ---------------------------------------------------------------- English

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # noqa: E501
_EN_DATE = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*%|,\d)"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"
)
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "hundred": 1e2,
}
_EN_NUMBER = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
    r"(?:(?:\s+|-)?(hundred|thousand|million|billion|trillion|bn|mn)\b)?"
    r"(\s*(?:%|％|per\s?cent\b|percentage\s+points?\b))?"
)
_EN_RANGE = re.compile(
    r"\s*(?:to|and|or|-|–|—)\s*[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?\s*"
    r"(hundred|thousand|million|billion|trillion|bn|mn)\b"
)
_EN_MONEY_BEFORE = re.compile(r"(?:[$¥€£]|RMB|CNY|USD|HK\$|US\$)\s*$")
_EN_MONEY_AFTER = re.compile(
    r"\s*(?:(?:hundred|thousand|million|billion|trillion|bn|mn)\s+)?"
    r"(?:[A-Z][a-z]+\s+)?(?:yuan|dollars?|euros?|pounds?|RMB|renminbi|yen|ringgit|rubles?|won)\b",
    re.IGNORECASE,
)
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "half": 0.5,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "thirtieth": 30,
    "hundredth": 100,
}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
_EN_WORDS = re.compile(
    rf"\b(?:a\s+|an\s+)?((?:(?:{_WORD}|{_SCALE_WORD}|and)(?:[\s-]+|\b))+)"
    rf"(\s*(?:%|per\s?cent\b|percentage\s+points?\b))?",
    re.IGNORECASE,
)


_ORDINAL_END = re.compile(r"(?:first|second|third|th)$", re.IGNORECASE)
_DECADES = re.compile(r"\s*decades?\b", re.IGNORECASE)


def is_ordinal(words: str) -> bool:
    """Whether English number words are an ordinal ("second", "twenty-fifth")."""
    return _ORDINAL_END.search(words.strip()) is not None


# "one or two", "three or four hundred": a few, or a few of a scale (any two words are
# matched, the numbers picked after: an alternation of every number word is three times slower).
_EN_OR = re.compile(rf"\b([a-z]+)\s+or\s+([a-z]+)\b(?:[\s-]+({_SCALE_WORD})\b)?", re.IGNORECASE)


CARDINALS = {
    word: float(value)
    for word, value in _WORDS.items()
    if value == int(value) and word != "dozen" and not _ORDINAL_END.search(word)
}


def english_number_words(words: str) -> float | None:
    """The value of English number words ("twenty-five", "a dozen", "three hundred
    thousand"), or None."""
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if word in ("", "and", "a", "an"):
            continue
        if word in _WORDS:
            if not _adds_to(current, _WORDS[word]):
                return None  # "one second", "one two": not one number
            current += _WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _adds_to(current: float, value: float) -> bool:
    """Whether a number word of ``value`` goes on a number read so far as ``current``: units
    after tens ("twenty-one"), anything below a hundred after hundreds ("three hundred and
    five"), anything at the start."""
    below_hundred = current % 100
    if value < 10:
        return below_hundred == 0 or (below_hundred >= 20 and below_hundred % 10 == 0)
    return value < 100 and below_hundred == 0


def english_quantities(text: str) -> list[Quantity]:
    """Every figure in the English ``text``."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for hit in _EN_DATE.finditer(text):
        month_name = hit.group(1) or hit.group(4)
        day = int(hit.group(2) or hit.group(3))
        month = MONTH_NAMES[month_name.lower().rstrip(".")]
        if 1 <= day <= 31:
            found.append(Quantity(DATE, month * 100 + day, hit.start(), hit.end()))
            taken.append(hit.span())
    for hit in _EN_NUMBER.finditer(text):
        if not free(*hit.span()):
            continue
        number = hit.group(1)
        value = float(number.replace(",", ""))
        scale = (hit.group(2) or "").lower()
        shared = (
            _EN_RANGE.match(text, hit.end())
            if not scale and not hit.group(3) and value < 1000 and "," not in number
            else None
        )
        if shared:  # "between 1.27 and 2.5 million": the first is in millions too
            value *= _SCALES[shared.group(1).lower()]
        if scale:
            value *= _SCALES[scale]
        start, end = hit.start(), hit.end()
        money = bool(_EN_MONEY_BEFORE.search(text, 0, start)) or bool(
            _EN_MONEY_AFTER.match(text, hit.end(1))
        )
        quantity = _arabic(text, start, hit.end(1), value, money, tail=end)
        if hit.group(3):
            quantity = Quantity(PERCENT, value, start, end, quantity.firm, False)
        elif scale:
            quantity = Quantity(NUMBER, value, start, end, quantity.firm, money)
        if _list_number(text, start, hit.end(1)):
            quantity = Quantity(quantity.kind, value, start, end, False, False)
        found.append(quantity)
        taken.append((start, end))
    # "one or two", "two or three": a few, not a count.
    for hit in _EN_OR.finditer(text):
        low, high = (CARDINALS.get(hit.group(i).lower()) for i in (1, 2))
        if low is not None and high == low + 1 and free(*hit.span()):
            scale = (english_number_words(hit.group(3)) if hit.group(3) else None) or 1
            found.append(
                Quantity(
                    NUMBER, low * scale, hit.start(), hit.end(), firm=False, upper=high * scale
                )
            )
            taken.append(hit.span())
    for hit in _EN_WORDS.finditer(text):
        if not hit.group(1).strip() or not free(hit.start(1), hit.end(1)):
            continue
        words = english_number_words(hit.group(1))
        if words is None:
            continue
        if hit.start(1) > hit.start() and is_ordinal(hit.group(1)):
            continue  # "a second" (a moment), "a third" (a fraction): no ordinal
        kind = PERCENT if hit.group(2) else NUMBER
        if not hit.group(2) and _DECADES.match(text, hit.end()):
            words *= 10  # "two decades": 二十年
        # The words without the space or hyphen the pattern takes after them.
        end = hit.end() if hit.group(2) else hit.start(1) + len(hit.group(1).rstrip(" \t\n-"))
        found.append(Quantity(kind, words, hit.start(1), end, firm=False))
    found.sort(key=lambda q: q.start)
    return found


def _list_number(text: str, start: int, end: int) -> bool:
    """A "1." or "(2)" opening a text or a line: list numbering, not a figure."""
    before = text[:start].rstrip(" (")
    return (not before or before.endswith("\n")) and text[end : end + 1] in (".", ")", "、")
