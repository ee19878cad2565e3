"""name.romanisation: a Taiwan, Hong Kong, Macao or Singapore person's name in Mainland pinyin.

Whose name it is decides how English writes it: 夏立言, vice chairman of the Kuomintang, is
Andrew Hsia (Wade-Giles: Hsia Li-yen) and not "Xia Liyan"; a Hong Kong legislator is written
from Cantonese (梁国雄 Leung Kwok-hung); a Singapore official from the family's dialect. The
context says whose (国民党, 香港, 新加坡 before the name in its clause, or at the name's first
mention in the document); ``glossary.knowledge.romanise`` knows the markers and the systems.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge.romanise import (
    REGION_MARKERS,
    REGION_SYSTEMS,
    fold,
    region_of,
    romanisations,
)
from review_app.checks.base import SegmentCheck, register
from review_app.checks.misread import name_words, written_right
from review_app.checks.spelling import BYLINE_WORDS, SourceName, person_names
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# A clause ends at these; a name's region marker must stand in its own clause.
_CLAUSE_END = re.compile(r"[，。；！？：,;!?\n]")
_REGIONS_KEY = "name.romanisation:regions"


@register
class RegionalRomanisationCheck(SegmentCheck):
    """A Taiwan, Hong Kong, Macao or Singapore person's name written in Mainland pinyin.

    Minor: the name's clause ties the person to the region (国民党副主席夏立言, 新加坡旅游局
    执行署长王凌丽), here or where the document first names them, and the translation writes
    the name in Hanyu pinyin where the region's system spells it otherwise ("Xia Liyan" for
    Hsia Li-yen). The finding asks for the person's own spelling, with the region's reading.
    """

    id = "name.romanisation"
    mqm = "locale-convention/name-format"
    severity = Severity.MINOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        regions = document_regions(document)
        if not regions or not segment.target.strip():
            return
        words = name_words(segment.target)
        for name in person_names(document, segment):
            region = regions.get(name.zh)
            if region is None or name.accepted:
                continue
            written = _pinyin_written(segment.target, words, name.zh, REGION_SYSTEMS[region][0])
            if written is None:
                continue
            system, why = REGION_SYSTEMS[region]
            local = next((r.written for r in romanisations(name.zh) if r.system == system), None)
            hint = f" ({system}: {local})" if local and region != "Singapore" else ""
            yield self.finding(
                segment,
                f"{name.zh} is a {region} person here: {why}{hint}; the translation writes "
                f"“{segment.target[written[0] : written[1]]}” in Mainland pinyin. Check the "
                "person's own spelling.",
                source=(name.start, name.end),
                target=written,
                suggestion=local if region != "Singapore" else None,
            )


def document_regions(document: AnalyzedDocument) -> dict[str, str]:
    """Each person of the document tied to a region where it names them (cached a document);
    empty, at the cost of one string search, when the document names no region at all."""
    found = document.cache.get(_REGIONS_KEY)
    if found is not None:
        return found  # type: ignore[no-any-return]
    regions: dict[str, str] = {}
    markers = tuple(marker for group in REGION_MARKERS.values() for marker in group)
    for segment in document.segments:
        if not any(marker in segment.source for marker in markers):
            continue
        names = person_names(document, segment)
        for name in names:
            clause = _clause_before(segment, name, names)
            if clause.endswith(BYLINE_WORDS) or "记者" in clause:
                continue  # a reporter is the agency's (新华社台北电(记者赵博): a Xinhua reporter)
            region = region_of(clause)
            if region is not None:
                regions.setdefault(name.zh, region)
    document.cache[_REGIONS_KEY] = regions
    return regions


def _clause_before(segment: AnalyzedSegment, name: SourceName, names: list[SourceName]) -> str:
    """The text from the start of the name's clause to the name, cut after any other name of
    the segment that the translation writes (国民党副主席夏立言访中传达宋涛语: 国民党 is
    夏立言's, not 宋涛's; 康养, which jieba also tags, is no one's name in the English)."""
    text = segment.source
    start = max((hit.end() for hit in _CLAUSE_END.finditer(text, 0, name.start)), default=0)
    words = name_words(segment.target)
    for other in names:
        if start <= other.end <= name.start and written_right(
            segment.target, words, romanisations(other.zh)
        ):
            start = other.end
    return text[start : name.start]


def _pinyin_written(
    target: str, words: list[tuple[int, int, str]], zh: str, system: str
) -> tuple[int, int] | None:
    """Where ``target`` writes ``zh`` in pinyin (surname, then the given name as one word or
    two) in a spelling the region's ``system`` does not give."""
    readings = romanisations(zh)
    pinyin = {(r.surname, r.given_folded) for r in readings if r.system == "pinyin"}
    local = {(r.surname, r.given_folded) for r in readings if r.system == system}
    local_surnames = {surname for surname, _ in local}
    for index, (start, _end, word) in enumerate(words):
        for size in (1, 2):
            run = words[index + 1 : index + 1 + size]
            if len(run) < size or any(
                target[a[1] : b[0]] != " " for a, b in zip(words[index:], run, strict=False)
            ):
                continue
            spelling = (fold(word), fold("".join(w for _, _, w in run)))
            if spelling in pinyin and spelling not in local and spelling[0] not in local_surnames:
                return start, run[-1][1]
    return None
