"""Text the aligner could not pair: a possible omission or addition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from alignment.score import LEN_RATIO, en_length, zh_length
from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

# Long enough that leaving it out loses content, not a label: about two lines of text.
LONG_SOURCE_CHARACTERS = 40
LONG_TARGET_WORDS = 25
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]+")


@register
class UnpairedCheck(SegmentCheck):
    """Source or translation text with nothing aligned to it: a possible omission or addition.

    A pair with Chinese and no English is a possible omission, one with English and no Chinese
    a possible addition (or a sentence the aligner put elsewhere). Not reported when a
    neighbouring pair's other side is long enough to hold it (a clause translated inside the
    next sentence is no omission). Minor; major when the unpaired text is long (40 Chinese
    characters, or 25 English words, and more).
    """

    id = "alignment.unpaired"
    mqm = "accuracy/omission"
    severity = Severity.MINOR
    reach = 2  # two pairs either side: where the unpaired text may have gone

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        source, target = segment.source.strip(), segment.target.strip()
        if source and not target:
            length = len(_CJK.findall(source))
            if length == 0 or _held_nearby(document, segment, zh_length(source) * LEN_RATIO):
                return  # nothing to translate, or its English is likely in a neighbour
            start = segment.source.index(source)
            yield self.finding(
                segment,
                f"This Chinese ({length} characters) has no English aligned to it: "
                "a possible omission.",
                source=(start, start + len(source)),
                severity=Severity.MAJOR if length >= LONG_SOURCE_CHARACTERS else None,
            )
        elif target and not source:
            words = len(_WORD.findall(target))
            if words == 0 or _held_nearby(document, segment, -en_length(target)):
                return
            start = segment.target.index(target)
            finding = self.finding(
                segment,
                f"This English ({words} words) has no Chinese aligned to it: a possible "
                "addition, or a sentence the aligner placed elsewhere.",
                target=(start, start + len(target)),
                severity=Severity.MAJOR if words >= LONG_TARGET_WORDS else None,
            )
            yield replace(finding, mqm="accuracy/addition", id="")  # an addition, in MQM terms


def _held_nearby(document: AnalyzedDocument, segment: AnalyzedSegment, surplus: float) -> bool:
    """Whether the pairs around have room for the unpaired text. ``surplus`` > 0: English
    letters an unpaired Chinese calls for; < 0: Chinese an unpaired English calls for (in
    letters). Within two pairs either side, the English beyond what the paired Chinese
    expects (or short of it) must make up at least half of it; a clause the translator put
    inside a neighbouring sentence does, a sentence left out does not."""
    index = segment.id
    window = document.segments[max(0, index - 2) : index + 3]
    paired = [other for other in window if other.source.strip() and other.target.strip()]
    extra = sum(en_length(o.target) - LEN_RATIO * zh_length(o.source) for o in paired)
    return extra >= surplus / 2 if surplus > 0 else extra <= surplus / 2
