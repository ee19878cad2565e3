"""number.code: a code, model or standard number that the translation writes otherwise.

Codes are copied, not translated: a model number (TWSEJO61LS, DN1080, F-35C), a standard (GB
18030, GB/T 11383), a phone number (010-60910566), a size (26.65x16.4x216mm) reads the same on
both sides. The number check leaves them alone (a digit inside a code is no figure), so a slip
in one ("DN1008", "GB 18003", "F-350C") goes through. This check compares them verbatim: a
source code that the translation does not hold, while it holds a code of the same shape (the
same letters and separators, digits in the same places, one more or fewer at most) that the
source does not, is a changed code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity
from review_app.names import edit_distance
from review_app.normalize import UNIT_AFTER

# A run of Latin letters and digits with inner separators (- / . x :), or a standard's letters
# and its number (GB 18030, GB/T 11383, ISO 9001). A point joins only before a digit (1.1,
# 26.65x16): "0x8439FE39.gly" is the code and a file's extension.
_CODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,4}(?:/[A-Z])?\s(?=\d))?"
    r"[A-Za-z0-9]+(?:(?:[-/x×:]|\.(?=\d))[A-Za-z0-9]+)*(?![A-Za-z0-9])"
    # A standard's year after a dash, which scanned text turns into 一 (GB 18030 一 2005).
    r"(?:\s*[-一–—]\s*(?:19|20)\d\d(?!\d))?"
)
# A plain figure, with or without a unit against it, is the number check's (725km, 3.5, 2023);
# a size with letters that are no unit (3XL) is a code.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def codes(text: str) -> list[tuple[int, int, str]]:
    """The codes of ``text``: (start, end, code), a digit in each and more than a figure."""
    found = []
    for hit in _CODE.finditer(text):
        code = hit.group()
        figure = _FIGURE.match(code)
        if figure is None and not any(char.isdigit() for char in code):
            continue
        if figure is not None and (
            figure.end() == len(code) or UNIT_AFTER.fullmatch(code, figure.end())
        ):
            continue
        digits = re.findall(r"\d+", code)
        letters = re.search(r"[A-Za-z]", code) is not None
        # Digits and separators only: a phone or a part number (010-60910566-1260), not a range
        # of years (2023-2027) or a score (3:1).
        if not letters and len(digits) < 3 and max(map(len, digits)) < 5:
            continue
        found.append((hit.start(), hit.end(), code))
        # Two codes joined by a dash or a tilde (0x8140-0xFE7E, a range) are each a code too.
        parts = list(re.finditer(r"[^-~]+", code))
        if len(parts) > 1 and all(_CODE_PART.fullmatch(part.group()) for part in parts):
            found.extend((hit.start() + p.start(), hit.start() + p.end(), p.group()) for p in parts)
    return found


# A part of a code that is a code on its own: letters and digits, both (0x8140, F35).
_CODE_PART = re.compile(r"(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{3,}")


def shape(code: str) -> str:
    """The code with every run of digits as one mark and letters folded: DN1080 → dn#."""
    return re.sub(r"\d+", "#", _key(code))


@register
class CodeCheck(SegmentCheck):
    """A code, model or standard number of the source written otherwise in the translation.

    Major: the source holds a code (letters and digits, or digits in three groups: DN1080,
    GB 18030, 26.65x16.4x216mm, 010-60910566-1260) that the translation does not hold verbatim
    (case and spaces aside), and the translation holds a code of the same shape that the source
    does not: "DN1008", "GB 18003". The source's code is suggested.
    """

    id = "number.code"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        source_codes = codes(segment.source)
        if not source_codes:
            return
        target_codes = codes(segment.target)
        # One to one: GB 18030-2005 twice in the source is not said by one "GB 18030-2005"
        # beside a "GB 18030-2050".
        missing = _unmatched(source_codes, target_codes)
        extra = _unmatched(target_codes, source_codes)
        used: set[int] = set()
        for start, end, code in missing:
            near = [
                (edit_distance(_key(code), _key(other[2])), index)
                for index, other in enumerate(extra)
                if index not in used and _same_shape(code, other[2])
            ]
            if not near:
                continue
            _distance, index = min(near)
            used.add(index)
            t_start, t_end, written = extra[index]
            yield self.finding(
                segment,
                f"The code “{written}” is {code} in the source: codes are copied as they are.",
                source=(start, end),
                target=(t_start, t_end),
                suggestion=code,
            )


def _unmatched(
    mine: list[tuple[int, int, str]], theirs: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The codes of ``mine`` that no code of ``theirs`` is, one to one."""
    left = Counter(_key(code) for _, _, code in theirs)
    unmatched = []
    for found in mine:
        key = _key(found[2])
        if left[key]:
            left[key] -= 1
        else:
            unmatched.append(found)
    return unmatched


def _same_shape(code: str, other: str) -> bool:
    """The same letters and separators, each run of digits at most one digit longer or
    shorter (a digit doubled or dropped: F-35C, F-355C)."""
    if shape(code) != shape(other):
        return False
    runs = zip(re.findall(r"\d+", code), re.findall(r"\d+", other), strict=True)
    return all(abs(len(a) - len(b)) <= 1 for a, b in runs)


def _key(code: str) -> str:
    """The code as compared: case, spaces and the kind of dash aside."""
    return re.sub(r"[一–—]", "-", re.sub(r"\s+", "", code.lower()))
