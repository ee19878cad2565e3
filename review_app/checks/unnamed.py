"""entity.unnamed: a known organisation of the source written as something else.

Machine translation that does not know a body writes something else in its place: 中新网
(Chinanews.com) comes out "- The New Network", "- Chinchinet" or "(Xinhua)", 经济观察网 (the
Economic Observer) "- Economic and Social Council", 证监会 (the CSRC) "the SFC", 国民党 (the
Kuomintang) "the National Party". ``entity.substituted`` reports a body written as another
known one and ``entity.calqued`` an outlet rendered word for word; this check reports the rest.

A translator may leave a byline or a source out (human translations often drop "-中新网"), so
the check asks for the English that stands where the body was: the tail after the last dash for
a byline that ends the source, the agency before or beside the dateline for one that opens it,
an acronym nothing in the source explains, or a capitalised run that shares a word with the
body's name without being it ("National Party" for the Nationalist Party).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge import knowledge_for
from glossary.knowledge.mentions import Mention, english_index, fold
from review_app.checks.base import SegmentCheck, register
from review_app.checks.places import title_case
from review_app.checks.replaced import sentence_start
from review_app.checks.substituted import unrendered_mentions
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from glossary.knowledge import Candidate
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# Words that join the words of a name and say nothing of which name it is.
_JOINERS = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "de"})
# Words that say what kind of body it is, which translations render either way (商务部: the
# Ministry or the Department of Commerce).
_BODY_WORDS = {"department": "ministry", "bureau": "ministry", "office": "ministry"}
# The longest byline a headline ends with: "- Economic Observer", "- The New Network".
MAX_TAIL_WORDS = 5
# What separates a byline from the headline it ends: 标题-中新网, 标题 - 经济观察网－ 网站.
_SEPARATORS = "-－—–|丨︱ "
# An English acronym: SFC, CNN, MGTO (an "s" of the plural or possessive allowed).
_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})(?:s|'s|’s)?(?![A-Za-z])")
# A run of capitalised words, joiners allowed inside: "National Party", "Viet Na News Agency".
_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|and|the|for)\s+)*[A-Z][\w'’.-]*)*")
# A dateline's date: "February 11", "Feb. 11", "11 Feb", "2月11日" kept in the English.
_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)
# A headline's tail after a dash: "…360 days-CNN", "… - The New Network".
_TAIL = re.compile(r"(?:^|\s|(?<=[\w”\"’)]))[-－—–|]\s*([A-Z][^-－—–|]*?)\s*(?=$|\s[-－—–|])")
# The capitalised words that open a dateline before its date: "Beijing News, February 11".
_OPENING = re.compile(r"\s*([A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3})[\s,]*$")
# Words of a dateline that name no outlet.
_DATELINE_WORDS = frozenset({"beijing", "feb", "february", "jan", "january", "electricity"})


@register
class UnnamedBodyCheck(SegmentCheck):
    """A known organisation or news outlet of the source written as something else.

    Major: the source names a body the knowledge layer knows (the editors' glossary, the media
    list, CC-CEDICT's organisations), the translation writes none of its accepted English forms
    (nor most of the words of one), and something else stands in its place: the tail of a
    headline ("- The New Network" for -中新网), the agency of a dateline ("(Xinhua)" for
    中新网…电), an acronym the source does not explain ("SFC" for 证监会), or a garbled name
    ("National Party" for 国民党). A byline simply left out is not reported.
    """

    id = "entity.unnamed"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        found, mentions = unrendered_mentions(document, segment)
        bodies = [
            mention
            for mention in mentions
            if mention.candidates[0].kind == "organisation"
            and mention.candidates[0].en
            and not loosely_named(mention, segment.target)
        ]
        if not bodies:
            return
        reported: set[tuple[int, int]] = set()
        for mention in bodies:
            wanted = mention.candidates[0]
            stand_in = _stand_in(document, segment, mention, found)
            if stand_in is None or stand_in in reported:
                continue
            reported.add(stand_in)
            written = segment.target[stand_in[0] : stand_in[1]]
            yield self.finding(
                segment,
                f"{mention.text} is “{wanted.preferred}” ({wanted.layer}); the translation "
                f"writes “{written}” in its place.",
                source=(mention.start, mention.end),
                target=stand_in,
                suggestion=wanted.preferred,
            )


def _content_words(form: str) -> list[str]:
    words = (word.casefold() for word in re.findall(r"[A-Za-z][A-Za-z'’]*", form))
    return [_BODY_WORDS.get(word, word) for word in words if word not in _JOINERS]


def loosely_named(mention: Mention, target: str) -> bool:
    """Whether ``target`` names the body in a looser form than its accepted ones:
    most of the words of one (all of a short one, all but one of a longer one: "European
    Commission" for the Commission of the European Union, "Ministry of Commerce" for the
    Department of Commerce), its pinyin with a word of its name ("Yangzi Evening News" for the
    Yangtse Evening Post), or the initials of its pinyin ("JD" for 京东, Jingdong)."""
    from pypinyin import lazy_pinyin

    written = set(_content_words(target))
    syllables = lazy_pinyin(mention.text)
    initials = "".join(syllable[0] for syllable in syllables).upper()
    if len(initials) >= 2 and re.search(rf"(?<![A-Za-z]){initials}(?![A-Za-z])", target):
        return True
    spelt = "".join(syllables[:2])
    for candidate in mention.candidates:
        for form in candidate.en:
            words = set(_content_words(form))
            present = len(words & written)
            if present and spelt in written:
                return True
            if len(words) < 2:
                continue
            if present == len(words) or (len(words) >= 3 and present >= len(words) - 1):
                return True
    return False


def _stand_in(
    document: AnalyzedDocument,
    segment: AnalyzedSegment,
    mention: Mention,
    found: list[Mention],
) -> tuple[int, int] | None:
    """The span of the translation that stands where ``mention`` was, if anything does."""
    source, target = segment.source, segment.target
    before = source[: mention.start].rstrip(" ")
    after = source[mention.end :].strip(" ")
    if not after and before and before[-1] in _SEPARATORS:
        return _tail(target, mention.candidates[0])
    if not before.strip('【[（(“"') and _dateline(after):
        return _dateline_agency(target, _words_of(found))
    if after[:1] in "-－—–" and before:  # a byline inside a headline: 标题- 经济观察网－ 网站
        tail = _tail(target, mention.candidates[0], last=False)
        if tail is not None:
            return tail
    others = [m for m in found if m is not mention]
    return _acronym(document, segment, found) or _garbled(target, mention.candidates[0], others)


def _tail(target: str, wanted: Candidate, last: bool = True) -> tuple[int, int] | None:
    """The words after the translation's last (or, with ``last`` false, any) headline dash,
    when they are no form of the wanted body: "- CNN", "-Zhongxin.com"."""
    hits = list(
        re.finditer(
            r"(?:^|\s|(?<=[\w”\"’)]))[-－—–|]\s*([A-Z][^-－—–|]*?)\s*(?=$|\s[-－—–|])", target
        )
    )
    if not hits:
        return None
    for hit in reversed(hits) if last else hits:
        start, end = hit.span(1)
        words = len(target[start:end].split())
        glued = hit.start(1) > 1 and target[hit.start(1) - 2].isalnum()
        if words > MAX_TAIL_WORDS or (glued and _hyphenated(target, hit.start(1), words)):
            return None  # a hyphenated word inside the headline (China-Japan), not a byline
        if last and target[end:].strip():
            return None  # the headline goes on after the last dash: no byline there
        if not any(fold(form) and fold(form) in fold(target[start:end]) for form in wanted.en):
            return start, end
        if last:
            return None
    return None


def _hyphenated(target: str, tail: int, words: int) -> bool:
    """Whether a dash with no space before it joins two words of one name ("China-Japan
    Forum") rather than opening a byline ("360 days-CNN"): a capitalised word before it, or
    more words after it than a byline has."""
    before = re.search(r"([A-Za-z]+)\W?$", target[: tail - 1])
    return words > 3 or (before is not None and before.group(1)[0].isupper())


def _dateline(after: str) -> bool:
    """Whether the source goes on as a dateline does: 2月11日电, 北京2月10日电, 讯, 消息."""
    return re.match(r"(?:[\u4e00-\u9fff]{2,4})?\d{1,2}月\d{1,2}日电|讯|消息|电", after) is not None


def _words_of(found: list[Mention]) -> set[str]:
    """The words of the English names of what the source names (Beijing, Shenzhen …)."""
    return {
        word.casefold()
        for mention in found
        for candidate in mention.candidates
        for form in candidate.en
        for word in re.findall(r"[A-Za-z]+", form)
    }


def _dateline_agency(target: str, places: set[str]) -> tuple[int, int] | None:
    """The agency a translated dateline names: "(Xinhua)" near the start, or the words before
    the date ("Beijing News, February 11")."""
    head = target[:60]
    paren = re.search(r"\(([A-Z][A-Za-z.]*)\)", head)  # one word: "(Reporter Ma Zuobo)" is none
    if paren is not None:
        return paren.span(1)
    date = _DATE.search(head)
    if date is None:
        return None
    opening = re.match(
        r"\s*([A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3})[\s,]*$", head[: date.start()]
    )
    if opening is None:
        return None
    from review_app.checks.misread import is_ordinary

    words = [word.strip(".") for word in opening.group(1).split()]
    if all(
        len(word) <= 2
        or word.casefold() in _DATELINE_WORDS
        or word.casefold() in places
        or is_ordinary(word)
        for word in words
    ):
        return None  # "On February 11", "BEIJING, Feb. 11": a dateline without its agency
    return opening.span(1)


def _acronym(
    document: AnalyzedDocument, segment: AnalyzedSegment, found: list[Mention]
) -> tuple[int, int] | None:
    """An acronym of the translation that nothing of the source explains: not in the source,
    not the acronym or a word of a known name there, not the English of a form the source
    holds."""
    source = segment.source.casefold()
    explained = _words_of(found) | {
        "".join(word[0] for word in _content_words(form))
        for mention in found
        for candidate in mention.candidates
        for form in candidate.en
    }
    index = english_index(knowledge_for(document.glossary))
    for hit in _ACRONYM.finditer(segment.target):
        word = hit.group(1)
        key = word.casefold()
        if key in source or key in explained:
            continue
        names = index.get(key, ())
        if any(name.zh in segment.source for name in names):
            continue
        return hit.span(1)
    return None


def _garbled(target: str, wanted: Candidate, others: list[Mention]) -> tuple[int, int] | None:
    """A capitalised run that shares a telling word with the wanted name but is not it, nor the
    name of another body of the source: "National Party" (Nationalist Party), "Economic and
    Social Council" (Economic Observer); not "China Daily" beside 中国日报 (China is in many
    names)."""
    if title_case(target):
        return None  # a headline in title case: every run is capitalised
    wanted_words = {word for form in wanted.en for word in _content_words(form)} - _COMMON
    named = [fold(form) for m in others for c in m.candidates for form in c.en if fold(form)]
    for hit in _RUN.finditer(target):
        start, end = hit.span()
        opens = sentence_start(target, start)
        if opens and target.startswith("The ", start):
            start, opens = start + 4, False  # "The National Party view …": capitals after The
        words = _content_words(target[start:end])
        if len(words) < 2 or (opens and len(words) < 3):
            continue
        run = fold(target[start:end])
        if set(words) & wanted_words and not any(run in form or form in run for form in named):
            return start, end
    return None


# Words of many bodies' names, which tell none of them apart.
_COMMON = frozenset(
    {"china", "chinese", "national", "state", "people's", "central", "international", "new"}
)
