"""Figures: numbers, percentages, years and dates in the source against the translation.

Both sides are read into figures with their kind and value (:mod:`review_app.normalize`):
三千五百 = 3,500, 1.2亿 = 120 million, 3.5万 = 35,000, 百分之五 = 5%,
二〇二三年 = 2023, 11月9日 = "November 9" / "9 November", 四个 = "four", 三五天 = three to five
days. A figure on one side is accounted for by a figure of the same value on the other, one to
one (dates and years exactly, other figures up to rounding: 34,567 may be "about 35,000"),
whatever the kind and however it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity
from review_app.normalize import (
    CARDINALS,
    DATE,
    NUMBER,
    PERCENT,
    YEAR,
    Quantity,
    chinese_quantities,
    converted,
    english_quantities,
    is_ordinal,
)

_KIND_NAMES = {DATE: "date", YEAR: "year", PERCENT: "percentage"}


def _unexplained(
    mine: list[Quantity],
    theirs: list[Quantity],
    counted: Callable[[Quantity], bool] = lambda q: q.firm,
    texts: tuple[str, str] = ("", ""),
    vague_explains_exact: bool = True,
    pairs_with: Callable[[Quantity, Quantity], bool] = lambda q, o: True,
) -> list[Quantity]:
    """The figures of ``mine`` that count (``counted``: the firm ones) and that no figure of
    ``theirs`` says. Figures of the same value pair off one to one first (two 5% in the source
    and one in the translation leave a 5% unsaid), and a figure of theirs that is exactly one of
    mine is that one's, not a rounding of another (the "30" of 30余套 does not round 26顶 into
    "62" tents). Pairs are made alike first (digits with digits: 1个 is "1 week", 一冲 is no
    "1"), then nearest by place in the two ``texts``: the list's "3." pairs with "3.", not
    with "three days". ``vague_explains_exact`` False: a range of theirs ("one or two") says
    no exact figure of mine (两个人). ``pairs_with(q, o)``: whether a figure of theirs of the
    same value may pair with one of mine."""
    exact = [o for o in theirs if o.upper is None and any(_same(o, q) for q in mine)]
    free = [o for o in theirs if o not in exact]
    sizes = [max(len(text), 1) for text in texts]
    pairs = sorted(
        (
            _in_digits(q, texts[0]) != _in_digits(o, texts[1]),
            abs(q.start / sizes[0] - o.start / sizes[1]),
            i,
            j,
        )
        for i, q in enumerate(mine)
        for j, o in enumerate(theirs)
        if o.upper is None and _same(o, q) and pairs_with(q, o)
    )
    paired_mine: set[int] = set()
    paired_theirs: set[int] = set()
    for _unalike, _distance, i, j in pairs:
        if i not in paired_mine and j not in paired_theirs:
            paired_mine.add(i)
            paired_theirs.add(j)
    return [
        q
        for i, q in enumerate(mine)
        if i not in paired_mine
        and counted(q)
        and not _explained(
            q,
            [
                o
                for o in free
                if (q.firm or o.firm)  # a loose figure is said by a firm one only
                and (vague_explains_exact or q.upper is not None or o.upper is None)
            ],
        )
    ]


_ZH_CALENDAR_BEFORE = re.compile(r"(?:周|星期|礼拜)$")
_ZH_CALENDAR_AFTER = re.compile(r"\s*(?:月|是|[日号](?![本元]))")


def _calendar_or_list(text: str, quantity: Quantity) -> bool:
    """Whether a Chinese figure is a weekday, a month, a day or a list's number (周五, 4月,
    10日, 二是): no count."""
    return (
        _ZH_CALENDAR_BEFORE.search(text, 0, quantity.start) is not None
        or _ZH_CALENDAR_AFTER.match(text, quantity.end) is not None
    )


_ZH_DAY = re.compile(r"\s*[日号](?![本元])")
_EN_DAY = re.compile(r"(?:st|nd|rd|th)\b|\s*days?\b")


def _day_of(source: str) -> Callable[[Quantity], bool]:
    """Whether a loose figure of ``source`` is a day (27号, 15日)."""
    return lambda q: not q.firm and _before(source, q, _ZH_DAY)


def _before(text: str, quantity: Quantity, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches ``text`` right after the figure."""
    return pattern.match(text, quantity.end) is not None


def _in_digits(quantity: Quantity, text: str) -> bool:
    return any(char.isdigit() for char in text[quantity.start : quantity.end])


def _same(one: Quantity, other: Quantity) -> bool:
    return one.kind == other.kind and one.value == other.value


def _explained(quantity: Quantity, theirs: list[Quantity]) -> bool:
    if any(quantity.matches(other) for other in theirs):
        return True
    values = {other.value for other in theirs}
    return bool(quantity.parts) and all(part in values for part in quantity.parts)


def _digits(value: float) -> str:
    return f"{value:.6e}".split("e")[0].rstrip("0").rstrip(".")


def _show(quantity: Quantity) -> str:
    if quantity.kind == DATE:
        return f"{int(quantity.value) // 100}/{int(quantity.value) % 100} (month/day)"
    if quantity.kind == YEAR:
        return f"{quantity.value:g}"
    text = _figure(quantity.value)
    if quantity.upper is not None:  # 一万六七千: a range
        text += f"–{_figure(quantity.upper)}"
    return text + ("%" if quantity.kind == PERCENT else "")


def _comparable(original: Quantity, changed: Quantity) -> bool:
    """Whether one figure may be a slip for the other: a small count (三部门, "four steps")
    is not changed into 19.54 billion, unless the digits are the same (3 and 3,000)."""
    low, high = sorted((original.value, changed.value))
    if original.kind == NUMBER and changed.value == 0:
        return False  # the "00" of 6:00 is no slip for a count
    if original.kind != NUMBER or low > max(_COUNTS) or high < 100:
        return True
    return _digits(original.value) == _digits(changed.value)


def _counting_word(text: str, quantity: Quantity, ordinals: bool) -> bool:
    """English number words from two up ("four steps", "three hundred"): loose, since a word
    may be idiom ("one or two"), but a count the source gives otherwise (五个) is a changed
    figure.
    An ordinal ("the fourth round") counts only where the source has one (``ordinals``: 第三轮);
    elsewhere "a second" is a moment and "a third" a share."""
    words = text[quantity.start : quantity.end]
    # Past twenty a figure in words ("twenty-three", "three hundred") counts when a numeral
    # says it; "hundred" alone is from "a hundred", an idiom as often as a figure.
    written = quantity.value in _COUNTS or (
        quantity.value > max(_COUNTS)
        and any(word in CARDINALS for word in re.split(r"[\s-]+", words.lower()))
    )
    return (
        not quantity.firm
        and quantity.kind == NUMBER
        and written
        and not any(char.isdigit() for char in words)
        and (ordinals or not is_ordinal(words))
    )


_COUNTS = frozenset(range(2, 21))
_ZH_ORDINAL = re.compile("第[二两三四五六七八九十]")


def _same_digits(original: Quantity, changed: Quantity) -> bool:
    """Whether ``changed`` holds the digits of ``original`` (of another kind) reordered or
    shifted by a power of ten: a slip of the keyboard, not another figure."""
    if DATE in (original.kind, changed.kind):
        return False
    plain = [_figure(q.value).replace(",", "").replace(".", "") for q in (original, changed)]
    reordered = len(plain[0]) >= 3 and sorted(plain[0]) == sorted(plain[1])
    return reordered or _digits(original.value) == _digits(changed.value)


def _figure(value: float) -> str:
    value = round(value, 6)
    return f"{int(value):,}" if value == int(value) else f"{value:,.6f}".rstrip("0")


# What joins the two ends of a range in English: "16,000 to 17,000", "16,000-17,000".
_RANGE_JOINER = re.compile(r"\s*(?:to|and|or|-|–|—)\s*$")


def _range_read_apart(
    target: str, changed: Quantity, source: list[Quantity], figures: list[Quantity]
) -> list[Quantity]:
    """The source's approximate figure whose range the translation writes with a wrong high
    end: 一万六七千 as "16,000 to 7,000", the low end right, the high end read as a digit."""
    for low in figures:
        if low.end > changed.start or not _RANGE_JOINER.match(target[low.end : changed.start]):
            continue
        return [q for q in source if q.upper is not None and q.matches(low)]
    return []


@register
class NumberCheck(SegmentCheck):
    """A figure, percentage, year or date in the translation that differs from the source's.

    Reported only when the source has a figure the translation lacks *and* the translation has
    a figure of the same kind (number, percentage, year, date) the source lacks, or one of
    the same digits reordered or shifted (2012年 as "2102"), or an English day for a day of the
    source ("the 21th" for 12号): a changed figure, not a dropped or added one (omissions are
    another check's business). A count the source gives in characters (四个步骤) is answered by
    an English number word, so "five steps" is a changed figure too. The
    translation's figure is marked, the source's is given in the message. Figures written
    loosely are never reported but do account for the other side: a lone Chinese numeral
    (一, 三), English number words ("twelve", "a dozen"), digits inside names and codes (G20,
    5G, COVID-19), phone numbers and list numbering. Critical for a percentage or a sum of
    money (it changes how much); major otherwise.
    """

    id = "number.mismatch"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        if not segment.source.strip() or not segment.target.strip():
            return
        source = chinese_quantities(segment.source)
        target = english_quantities(segment.target)
        texts = (segment.source, segment.target)
        missing = _unexplained(source, target, texts=texts, vague_explains_exact=False)
        ordinals = _ZH_ORDINAL.search(segment.source) is not None

        def counted(q: Quantity) -> bool:
            return q.firm or _counting_word(segment.target, q, ordinals)

        def pairs_with(q: Quantity, o: Quantity) -> bool:
            # A count in words is no weekday, month or list number of the source: "five
            # entities" is not the 五 of 周五 (Friday), nor "four countries" the 4 of 4月.
            loose_count = not q.firm and not o.firm and counted(q)
            return not (loose_count and _calendar_or_list(segment.source, o))

        extra = _unexplained(target, source, counted, texts[::-1], pairs_with=pairs_with)
        # A measurement converted (30米 as "98 feet") says the source's.
        for original, written in [(m, e) for m in missing for e in extra]:
            if (
                original in missing
                and written in extra
                and converted(segment.source, original, segment.target, written)
            ):
                missing.remove(original)
                extra.remove(written)
        days: list[Quantity] | None = None  # worked out for the rare figure left unpaired
        for changed in extra:
            candidates = [q for q in missing if q.kind == changed.kind and _comparable(q, changed)]
            if not candidates:
                candidates = _range_read_apart(segment.target, changed, source, target)
            if not candidates:  # 2012年 as "2102": no longer a year, still the same digits
                candidates = [q for q in missing if _same_digits(q, changed)]
            if not candidates:  # a day read wrong: "the 21th", "15 days", "80-15 days" for 8日
                if days is None:
                    # A day of the month or a count of days without its month (27号, 15日内):
                    # loose, but said by an English day ("the 27th", "15 days").
                    days = _unexplained(source, target, _day_of(segment.source), texts)
                near_day = _before(segment.target, changed, _EN_DAY)
                # An English date where the source gives the day alone (21号 as "October
                # 12") is that day, read wrong.
                read_as_day = near_day or changed.kind == DATE
                candidates = [
                    q
                    for q in days
                    if q not in missing and (read_as_day or _same_digits(q, changed))
                ]
                if changed.kind == DATE and any(q.value == changed.value % 100 for q in candidates):
                    continue  # 21号 as "October 21": the month comes from the context
                missing.extend(candidates)
            if not candidates and changed.firm:
                # A source figure said once right and once ten times over (5% … "50%"): the
                # slip keeps its digits and its kind.
                candidates = [
                    q
                    for q in source
                    if q.firm
                    and q.kind == changed.kind
                    and _digits(q.value) == _digits(changed.value)
                    and q.value != changed.value
                ]
            if not candidates:
                continue
            # A slip of scale (250万 as "25 million") keeps the digits: pair those first.
            original = min(
                candidates, key=lambda q: (_digits(q.value) != _digits(changed.value), q.start)
            )
            if original in missing:
                missing.remove(original)
            money = changed.money or original.money
            critical = changed.kind == PERCENT or money
            kind = "sum" if money else _KIND_NAMES.get(changed.kind, "figure")
            yield self.finding(
                segment,
                f"The {kind} {_show(changed)} is {_show(original)} in the source "
                f"({segment.source[original.start : original.end]}).",
                source=(original.start, original.end),
                target=(changed.start, changed.end),
                severity=Severity.CRITICAL if critical else None,
            )
