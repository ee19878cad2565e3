"""number.impossible: a date or a clock time in the translation that cannot be.

A slip of the keyboard in a day or an hour gives a date or a time that does not exist
("February 110" for 2月11日, "October 150th", "160:10" for 16:10). The number check may not see
it: no longer a date, the figure is a plain number, and a plain number is not paired with the
source's date. This check reports the impossible date or time itself, where the source gives a
date in that month (or a time), and the figure is none of the source's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity
from review_app.normalize import DATE, MONTH_NAMES, chinese_number, chinese_quantities

# Capitalised only: "may" is a verb, "march" a walk.
_MONTH = "|".join(name.capitalize() for name in sorted(MONTH_NAMES, key=len, reverse=True))
# A month and a day either way round: "February 110", "Feb. 30th", "150th of October".
_DAY_AFTER = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,3}})(?:st|nd|rd|th)?\b(?![,.]?\d)")
_DAY_BEFORE = re.compile(rf"(?<![\d,.])\b(\d{{1,3}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b")
_ZH_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:\s*\d{1,2}\s*[日号])?")
_ZH_DAY = re.compile(r"\d{1,2}\s*[日号]")
_EN_ORDINAL_DAY = re.compile(r"\bthe\s+(\d{1,3})(?:st|nd|rd|th)\b")
_CLOCK = re.compile(r"(?<![\d:.])(\d{1,3}):(\d{2,3})(?![\d:])")
_ZH_CLOCK = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[点时]\d{0,2}分?")


@register
class ImpossibleDateCheck(SegmentCheck):
    """A date or a clock time in the translation that cannot be.

    Major: a day the month does not have ("February 30", "May 120", "150th October") where the
    source gives a date in that month, or an hour past 24 or minutes past 59 ("160:10",
    "19:000") where the source gives a time; in either case the figure is not one of the
    source's (in "May 120 people", 120 is the source's people); and "the 61st" where the source
    gives a day of the month (16日). The source's date in that month is suggested when there is
    one.
    """

    id = "number.impossible"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        target = segment.target
        if not any(char.isdigit() for char in target):
            return
        source = segment.source
        figures = set(re.findall(r"\d+", source))
        # Impossible days first, the source's months only for them: most dates are possible.
        impossible = [found for found in _month_days(target) if not _possible(found[2], found[3])]
        months = _source_months(source) if impossible else {}
        for start, end, month, day in impossible:
            if month not in months or str(day) in figures:
                continue
            said = months[month]
            yield self.finding(
                segment,
                f"“{target[start:end]}” is no date: {calendar.month_name[month]} has no day "
                f"{day}. The source gives {source[said[0] : said[1]]}.",
                source=said,
                target=(start, end),
                suggestion=_suggested(source, said, month),
            )
        if _ZH_DAY.search(source):
            for hit in _EN_ORDINAL_DAY.finditer(target):
                if int(hit.group(1)) > 31 and hit.group(1) not in figures:
                    yield self.finding(
                        segment,
                        f"“{hit.group()}” is no day of a month, and the source gives a day there.",
                        target=hit.span(),
                    )
        if not _ZH_CLOCK.search(source):
            return
        for hit in _CLOCK.finditer(target):
            hours, minutes = hit.group(1), hit.group(2)
            if int(hours) <= 24 and len(minutes) == 2 and int(minutes) < 60:
                continue
            if hit.group() in source or (hours in figures and minutes in figures):
                continue
            yield self.finding(
                segment,
                f"“{hit.group()}” is no time of day (hours up to 24, minutes up to 59).",
                target=hit.span(),
            )


def _source_months(source: str) -> dict[int, tuple[int, int]]:
    """The months the source names (3月, 3 月 29 号, 十二月), each with the span of its first
    date, or of the month alone."""
    months: dict[int, tuple[int, int]] = {}
    for q in chinese_quantities(source):
        if q.kind == DATE:
            months.setdefault(int(q.value) // 100, (q.start, q.end))
    for hit in _ZH_MONTH.finditer(source):
        month = chinese_number(hit.group(1))
        if month is not None and 1 <= month <= 12:
            months.setdefault(int(month), hit.span())
    return months


def _suggested(source: str, span: tuple[int, int], month: int) -> str | None:
    """The source's date in English (February 11), when the span holds a day."""
    day = re.search(r"(\d{1,2})\s*[日号]", source[span[0] : span[1]])
    return f"{calendar.month_name[month]} {int(day.group(1))}" if day else None


def _month_days(target: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, month, day) of each month written with a day number beside it."""
    for hit in _DAY_AFTER.finditer(target):
        yield hit.start(), hit.end(), MONTH_NAMES[hit.group(1).lower()], int(hit.group(2))
    for hit in _DAY_BEFORE.finditer(target):
        yield hit.start(), hit.end(), MONTH_NAMES[hit.group(2).lower()], int(hit.group(1))


def _possible(month: int, day: int) -> bool:
    """Whether some year has that day (February 29 included)."""
    return 1 <= day <= calendar.monthrange(2024, month)[1]
