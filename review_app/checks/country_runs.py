"""country.abbreviation: a one-character country abbreviation read as another country.

越新两国 is Vietnam and Singapore in a release about a visit to Singapore; machine translation
writes "Vietnam and New Zealand", since 新 abbreviates New Zealand too (澳新, 新西兰). The
knowledge layer reads the run (:meth:`glossary.knowledge.Knowledge.read_country_run`) and lists
what each character can abbreviate; the document says which it is: the country it names in full
somewhere (新加坡). Only then is another reading of the same character in the English an error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge import knowledge_for
from review_app.checks.base import SegmentCheck, register
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from glossary.knowledge import CountryRun
    from glossary.knowledge.abbreviations import Reading, Table
    from review_app.document import AnalyzedDocument, AnalyzedSegment


@register
class CountryAbbreviationCheck(SegmentCheck):
    """A country abbreviation in a run (越新, 土叙) rendered as another country it can stand for.

    Critical: the character abbreviates several countries (新: Singapore, New Zealand), the
    document names one of them in full (新加坡), and the translation writes another (New
    Zealand) that the segment does not name. Without such a clue the reading is left alone.
    Also a country of the run that the translation drops while writing the others (越文 beside
    越南 and 文莱 as "Vietnam-Vietnam"): a pair that is also a word (越文, the Vietnamese
    language) reads as countries when the document names both and a relation follows; and a
    run written in pinyin (土叙 as "Tuxu").
    """

    id = "country.abbreviation"
    mqm = "accuracy/mistranslation"
    severity = Severity.CRITICAL
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        if not segment.target.strip() or not _has_abbreviation(segment.source):
            return
        from glossary.knowledge.abbreviations import abbreviation_table

        knowledge = knowledge_for(document.glossary)
        table = abbreviation_table()
        whole_source = document.source_text()
        yield from self._transliterated(segment, table)
        for run in knowledge.read_country_run(segment.source, named=whole_source):
            yield from self._dropped(segment, run, whole_source)
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

    def _dropped(
        self, segment: AnalyzedSegment, run: CountryRun, whole_source: str
    ) -> Iterator[Finding]:
        """A country of the run that the translation does not write while it writes the run's
        others (越文 as "Vietnam-Vietnam": Brunei, named in the document, is gone)."""
        from glossary.knowledge.abbreviations import abbreviation_table

        table = abbreviation_table()
        meant: list[tuple[int, Reading]] = []
        for offset, char in enumerate(run.text):
            readings = table.abbreviations[char].ordered(run.text)
            named = [r for r in readings if r.zh in whole_source]
            if len(named) > 1 or not (named or len(readings) == 1):
                return  # the document does not say which country a character is
            meant.append((offset, (named or list(readings))[0]))
        written = [_mentioned(reading, segment.target) for _, reading in meant]
        if not any(written) or all(written):
            return  # all of them there, or none (rendered another way: "the two countries")
        for (offset, reading), found in zip(meant, written, strict=True):
            if found or reading.domestic:
                continue
            start = run.start + offset
            yield self.finding(
                segment,
                f"{run.text[offset]} in {run.text} is {reading.en[0]} ({reading.zh}"
                f"{' is named in the document' if reading.zh in whole_source else ''}); the "
                "translation writes the run's other countries but not this one.",
                source=(start, start + 1),
                suggestion=reading.en[0],
            )

    def _transliterated(self, segment: AnalyzedSegment, table: Table) -> Iterator[Finding]:
        """Two or three country abbreviations that jieba cuts as a word of their own (土叙 in
        土叙|地震) written in pinyin in the translation ("Tuxu"): machine translation took the
        run for a name. Each character is read as its usual country."""
        from pypinyin import lazy_pinyin

        from glossary.match import token_starts

        source = segment.source
        edges = sorted({*token_starts(source), len(source)})
        for start, end in itertools.pairwise(edges):
            run = source[start:end]
            if not 2 <= len(run) <= 3 or not all(char in table.abbreviations for char in run):
                continue
            if table.pairs.get(run) == "word":
                continue  # 中文, 法西斯: a word of its own
            pattern = r"[\s-]?".join(map(re.escape, lazy_pinyin(run)))
            hit = re.search(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", segment.target, re.IGNORECASE)
            if hit is None:
                continue
            readings = [table.abbreviations[char].ordered(run)[0] for char in run]
            if any(reading.kind != "country" for reading in readings):
                continue  # 美亚 (Amazon US, a shop): 亚 is a continent, the pair no two countries
            countries = " and ".join(reading.en[0] for reading in readings)
            yield self.finding(
                segment,
                f"{run} is {countries}; the translation writes it in pinyin, “{hit.group()}”.",
                source=(start, end),
                target=hit.span(),
                suggestion=countries,
            )


def _mentioned(reading: Reading, target: str) -> bool:
    """Whether ``target`` names the country, a word made from its name (Vietnamese, Bruneian,
    Turkish for Türkiye), or its combining form (Sino-Japanese)."""
    from glossary.knowledge.cldr import COMBINING_FORMS

    text = _plain(target)
    for name in (*reading.en, *COMBINING_FORMS.get(reading.code or "", ())):
        name = _plain(name)
        if len(name) <= 4:  # US, UAE, Iran: the word itself
            if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text):
                return True
            continue
        stem = name[: max(4, len(name) - 3)]
        if re.search(rf"(?<![a-z]){re.escape(stem)}", text):
            return True
    return False


def _plain(text: str) -> str:
    """Lower case without diacritics: Türkiye and Turkey compare at "turk"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _has_abbreviation(text: str) -> bool:
    from glossary.knowledge.abbreviations import abbreviation_table

    characters = abbreviation_table().abbreviations
    return any(char in characters for char in text)


def _written(reading: Reading, target: str) -> tuple[int, int] | None:
    """Where the translation writes one of ``reading``'s English names, as whole words."""
    for name in reading.en:
        hit = re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", target)
        if hit:
            return hit.span()
    return None
