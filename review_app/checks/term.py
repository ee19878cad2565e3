"""The team's terms: where the source has a glossary term, the translation must use its English.

A term (glossary ``terms:``) names the required English (``en``), other accepted English
(``variants``) and renderings to avoid (``forbidden``). The English is compared as whole words,
ignoring capitals unless the term is ``case_sensitive``, with any run of spaces, any hyphen or
dash and either apostrophe accepted for one another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from glossary.model import Term
from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014"


@lru_cache(maxsize=1024)
def english_pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """``form`` as a whole-word pattern: spaces, hyphens and apostrophes loosely matched."""
    parts: list[str] = []
    for char in form.strip():
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in _HYPHENS:
            parts.append(f"\\s*[{_HYPHENS}]\\s*")
        elif char in "'\u2019":
            parts.append("['\u2019]")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    start = r"(?<!\w)" if form.strip()[:1].isalnum() else ""
    end = r"(?!\w)" if form.strip()[-1:].isalnum() else ""
    return re.compile(start + body + end, 0 if case_sensitive else re.IGNORECASE)


def _spans(text: str, forms: tuple[str, ...], case_sensitive: bool) -> list[tuple[int, int]]:
    return [
        (hit.start(), hit.end())
        for form in forms
        if form.strip()
        for hit in english_pattern(form, case_sensitive).finditer(text)
    ]


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in others)


@register
class TermCheck(SegmentCheck):
    """A glossary term rendered with a forbidden English form, or without its required English.

    Major: the translation uses a rendering the glossary forbids for a term the source has
    (一带一路 as "One Belt, One Road"); the suggestion is the required English. Minor: the
    source has the term and the translation uses neither its English nor an accepted variant
    (also not in the pairs just before and after, in case the alignment moved it); nothing in
    the translation is marked then. A term marked ``case_sensitive`` written with other
    capitals is minor too, with the right spelling as the suggestion.
    """

    id = "term.glossary"
    mqm = "terminology/wrong-term"
    severity = Severity.MAJOR
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        terms = document.glossary.terms
        if not terms or not segment.target.strip():
            return
        neighbours = document.neighbours(segment)
        for term in terms.values():
            if not term.zh:
                continue
            here = segment.source.find(term.zh)
            if here < 0 and not any(term.zh in other.source for other in neighbours):
                continue
            yield from self._check_term(term, segment, here, neighbours)

    def _check_term(
        self,
        term: Term,
        segment: AnalyzedSegment,
        here: int,
        neighbours: list[AnalyzedSegment],
    ) -> Iterator[Finding]:
        target = segment.target
        source = (here, here + len(term.zh)) if here >= 0 else None
        accepted = _spans(target, term.en_names, term.case_sensitive)
        wrong = [
            span
            for span in _spans(target, term.forbidden, term.case_sensitive)
            if not _within(span, accepted)
        ]
        note = f" {term.note}" if term.note else ""
        for start, end in sorted(set(wrong)):
            yield self.finding(
                segment,
                f"{term.zh} is “{term.en}” in the glossary; “{target[start:end]}” is a "
                f"rendering to avoid.{note}",
                source=source,
                target=(start, end),
                suggestion=term.en,
                glossary_id=term.id,
            )
        if source is None or accepted or wrong:
            return
        if any(_spans(other.target, term.en_names, term.case_sensitive) for other in neighbours):
            return
        if term.case_sensitive:
            loose = _spans(target, term.en_names, False)
            if loose:
                start, end = loose[0]
                yield self.finding(
                    segment,
                    f"{term.zh} is written “{term.en}” (capitals as shown), not "
                    f"“{target[start:end]}”.",
                    source=source,
                    target=(start, end),
                    suggestion=_same_form(term, target[start:end]),
                    glossary_id=term.id,
                    severity=Severity.MINOR,
                )
                return
        others = "".join(f" or “{variant}”" for variant in term.variants)
        yield self.finding(
            segment,
            f"The source has {term.zh}; the glossary requires “{term.en}”{others}, which the "
            "translation does not use.",
            source=source,
            suggestion=term.en,
            glossary_id=term.id,
            severity=Severity.MINOR,
        )


def _same_form(term: Term, written: str) -> str:
    """The accepted form that ``written`` matches ignoring capitals."""
    for form in term.en_names:
        if english_pattern(form, False).fullmatch(written):
            return form
    return term.en
