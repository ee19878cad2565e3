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
from review_app.normalize import DATE, MONTH_NAMES, chinese_quantities

_MONTH = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
# A month and a day either way round: "February 110", "Feb. 30th", "150th of October".
_DAY_AFTER = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,3}})(?:st|nd|rd|th)?\b(?![,.]?\d)", re.I)
_DAY_BEFORE = re.compile(
    rf"(?<![\d,.])\b(\d{{1,3}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b", re.I
)
_CLOCK = re.compile(r"(?<![\d:.])(\d{1,3}):(\d{2,3})(?![\d:])")
_ZH_CLOCK = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[点时]\d{0,2}分?")


@register
class ImpossibleDateCheck(SegmentCheck):
    """A date or a clock time in the translation that cannot be.

    Major: a day the month does not have ("February 30", "May 120", "150th October") where the
    source gives a date in that month, or an hour past 24 or minutes past 59 ("160:10",
    "19:000") where the source gives a time; in either case the figure is not one of the
    source's (in "May 120 people", 120 is the source's people). The source's date in that month
    is suggested when there is one.
    """

    id = "number.impossible"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        target = segment.target
        if not any(char.isdigit() for char in target):
            return
        source = segment.source
        figures = set(re.findall(r"\d+", source))
        dates = [q for q in chinese_quantities(source) if q.kind == DATE]
        for start, end, month, day in _month_days(target):
            same_month = [q for q in dates if int(q.value) // 100 == month]
            if not same_month or str(day) in figures or _possible(month, day):
                continue
            suggestion = None
            if len(same_month) == 1:
                suggestion = f"{calendar.month_name[month]} {int(same_month[0].value) % 100}"
            yield self.finding(
                segment,
                f"“{target[start:end]}” is no date: {calendar.month_name[month]} has no day "
                f"{day}. The source gives "
                + ", ".join(source[q.start : q.end] for q in same_month)
                + ".",
                source=(same_month[0].start, same_month[0].end),
                target=(start, end),
                suggestion=suggestion,
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


def _month_days(target: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, month, day) of each month written with a day number beside it."""
    for hit in _DAY_AFTER.finditer(target):
        if hit.group(1)[0].isupper():
            yield hit.start(), hit.end(), MONTH_NAMES[hit.group(1).lower()], int(hit.group(2))
    for hit in _DAY_BEFORE.finditer(target):
        if hit.group(2)[0].isupper():
            yield hit.start(), hit.end(), MONTH_NAMES[hit.group(2).lower()], int(hit.group(1))


def _possible(month: int, day: int) -> bool:
    """Whether some year has that day (February 29 included)."""
    return 1 <= day <= calendar.monthrange(2024, month)[1]
