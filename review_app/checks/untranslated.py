"""Untranslated text: Chinese characters or Chinese punctuation left in the translation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# Chinese (full-width) punctuation only: curly quotes “” ‘’ and the dash are English too.
_PUNCTUATION = "，。、：；！？《》【】「」『』〈〉〔〕（）"
_RUN = re.compile(f"[{_IDEOGRAPHS}{_PUNCTUATION}]+")
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")
# The ideograph 丨 (a stroke) is typed as a vertical bar between a headline's parts: a
# separator on its own, as | is.
_SEPARATORS = frozenset({"丨"})
_GLOSS = re.compile(r"[A-Za-z][\w'\u2019.-]*\s*[(（]$")


@register
class UntranslatedCheck(SegmentCheck):
    """Chinese characters or Chinese punctuation left in the translation.

    Each run of Chinese characters and full-width Chinese punctuation (，。、：；！？《》【】 …)
    in the translation is marked. Major when the run has Chinese characters; minor when it is
    punctuation only. Curly quotes are English punctuation and are never reported, nor is 丨
    standing alone (a vertical bar between a headline's parts). Chinese given in parentheses
    right after an English word, as a gloss ("hukou (户口)"), is info.
    """

    id = "untranslated"
    mqm = "accuracy/untranslated"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        target = segment.target
        if not target.strip():
            return
        for hit in _RUN.finditer(target):
            start, end = hit.span()
            text = hit.group()
            if text in _SEPARATORS:
                continue  # "Xinhuanet 丨 Xi meets …": a vertical bar, whatever its code point
            if _IDEOGRAPH.search(text) is None:
                yield self.finding(
                    segment,
                    f"Chinese punctuation {text} left in the translation.",
                    target=(start, end),
                    severity=Severity.MINOR,
                )
                continue
            # A gloss: "hukou (户口)", the parentheses possibly full-width.
            core = text.strip("（）")
            lead = start + len(text) - len(text.lstrip("（"))
            glossed = _GLOSS.search(target[:lead]) is not None and (
                target[lead + len(core) : lead + len(core) + 1] in (")", "）")
            )
            if glossed:
                yield self.finding(
                    segment,
                    f"Chinese {core} given as a gloss in the translation.",
                    target=(lead, lead + len(core)),
                    severity=Severity.INFO,
                )
                continue
            yield self.finding(
                segment,
                f"Untranslated Chinese {text} left in the translation.",
                target=(start, end),
            )
