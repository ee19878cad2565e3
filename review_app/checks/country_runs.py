"""country.abbreviation: a one-character country abbreviation read as another country.

越新两国 is Vietnam and Singapore in a release about a visit to Singapore; machine translation
writes "Vietnam and New Zealand", since 新 abbreviates New Zealand too (澳新, 新西兰). The
knowledge layer reads the run (:meth:`glossary.knowledge.Knowledge.read_country_run`) and lists
what each character can abbreviate; the document says which it is: the country it names in full
somewhere (新加坡). Only then is another reading of the same character in the English an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge import knowledge_for
from review_app.checks.base import SegmentCheck, register
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from glossary.knowledge.abbreviations import Reading
    from review_app.document import AnalyzedDocument, AnalyzedSegment


@register
class CountryAbbreviationCheck(SegmentCheck):
    """A country abbreviation in a run (越新, 土叙) rendered as another country it can stand for.

    Critical: the character abbreviates several countries (新: Singapore, New Zealand), the
    document names one of them in full (新加坡), and the translation writes another (New
    Zealand) that the segment does not name. Without such a clue the reading is left alone.
    """

    id = "country.abbreviation"
    mqm = "accuracy/mistranslation"
    severity = Severity.CRITICAL

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        if not segment.target.strip() or not _has_abbreviation(segment.source):
            return
        from glossary.knowledge.abbreviations import abbreviation_table

        knowledge = knowledge_for(document.glossary)
        table = abbreviation_table()
        whole_source = _document_source(document)
        for run in knowledge.read_country_run(segment.source):
            for offset, char in enumerate(run.text):
                abbreviation = table.abbreviations.get(char)
                if abbreviation is None or len(abbreviation.readings) < 2:
                    continue
                readings = abbreviation.ordered(run.text)
                meant = [r for r in readings if r.zh in whole_source]
                if len(meant) != 1:
                    continue  # no clue, or several: the document does not say which
                for other in readings:
                    if other is meant[0] or other.zh in segment.source:
                        continue
                    written = _written(other, segment.target)
                    if written is None or _written(meant[0], segment.target) == written:
                        continue
                    start = run.start + offset
                    yield self.finding(
                        segment,
                        f"{char} in {run.text} is {meant[0].en[0]} here ({meant[0].zh} is named "
                        f"in the document); the translation writes {other.en[0]}, which {char} "
                        "also abbreviates.",
                        source=(start, start + 1),
                        target=written,
                        suggestion=meant[0].en[0],
                    )
                    break


def _has_abbreviation(text: str) -> bool:
    from glossary.knowledge.abbreviations import abbreviation_table

    characters = abbreviation_table().abbreviations
    return any(char in characters for char in text)


def _document_source(document: AnalyzedDocument) -> str:
    key = "country.abbreviation:source"
    text = document.cache.get(key)
    if text is None:
        text = document.cache[key] = "\n".join(segment.source for segment in document.segments)
    return str(text)


def _written(reading: Reading, target: str) -> tuple[int, int] | None:
    """Where the translation writes one of ``reading``'s English names, as whole words."""
    for name in reading.en:
        hit = re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", target)
        if hit:
            return hit.span()
    return None
