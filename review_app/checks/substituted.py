"""entity.substituted: a person or organisation rendered as another known one.

Machine translation swaps a name it does not know for one it does: 冯德莱恩 (von der Leyen)
becomes "Jean-Claude Juncker", 证监会 (the CSRC) becomes "the SEC", a news site's byline becomes
"CNN". The knowledge layer (:mod:`glossary.knowledge`) knows both sides: what the source names,
and whose name the English writes instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossary.knowledge import Candidate, knowledge_for
from glossary.knowledge.mentions import (
    EnglishName,
    Mention,
    en_mentions,
    english_index,
    fold,
    zh_forms,
    zh_mentions,
)
from glossary.match import token_starts
from review_app.checks.base import SegmentCheck, register
from review_app.findings import Finding, Severity

if TYPE_CHECKING:
    from review_app.document import AnalyzedDocument, AnalyzedSegment

# Kinds this check decides; places and countries are place.mismatch's and the entity checks'.
KINDS = ("person", "organisation")


@register
class SubstitutedEntityCheck(SegmentCheck):
    """A person or organisation rendered as another known person or organisation.

    Major: the source names someone the knowledge layer knows (the glossary, then CC-CEDICT's
    people and organisations), no accepted English form of them is in the translation, and the
    translation instead names another known person or organisation of the same kind that the
    source does not name (冯德莱恩 written "Jean-Claude Juncker", 证监会 written "SEC"). The
    finding says which knowledge source decided and suggests the accepted form.
    """

    id = "entity.substituted"
    mqm = "accuracy/mistranslation"
    severity = Severity.MAJOR
    reach = 0

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        found, mentions = unrendered_mentions(document, segment)
        if not mentions:
            return
        knowledge = knowledge_for(document.glossary)
        # What the segment's other names are written as: their words are not substitutions
        # ("State Council" in "Taiwan Affairs Office of the State Council" for 国台办).
        others = [fold(form) for mention in found for form in mention.candidates[0].en]
        index = english_index(knowledge)
        reported: set[tuple[int, int]] = set()
        for start, end, names in en_mentions(segment.target, index):
            for mention in mentions:
                wanted = mention.candidates[0]
                following = segment.source[mention.end : mention.end + 4]
                other = _another(names, wanted, segment.source, others, following)
                if other is None or (start, end) in reported:
                    continue
                reported.add((start, end))
                written = segment.target[start:end]
                yield self.finding(
                    segment,
                    f"{mention.text} is “{wanted.preferred}” ({wanted.layer}); the translation "
                    f"writes “{written}”, which is {other.zh}, another {wanted.kind}.",
                    source=(mention.start, mention.end),
                    target=(start, end),
                    suggestion=wanted.preferred,
                )
                break


def unrendered_mentions(
    document: AnalyzedDocument, segment: AnalyzedSegment
) -> tuple[list[Mention], list[Mention]]:
    """The known names of a segment's source, and those of them (people and organisations, each
    a word of its own, outside the glossary's matches) that the translation does not render."""
    found, named = named_mentions(document, segment)
    return found, [mention for mention in named if not _rendered(mention, segment.target)]


def named_mentions(
    document: AnalyzedDocument, segment: AnalyzedSegment
) -> tuple[list[Mention], list[Mention]]:
    """The known names of a segment's source, and those of them that are people and
    organisations, each a word of its own, outside the glossary's matches."""
    if not segment.target.strip():
        return [], []
    found = source_mentions(document, segment)
    named = [
        mention
        for mention in found
        if mention.candidates[0].kind in KINDS
        and not _in_glossary_match(mention, segment)
        and not _ordinary_word(mention.text)
        and not (mention.start and segment.source[mention.start - 1].isdigit())  # 11日电
    ]
    return found, named


def source_mentions(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[Mention]:
    """The known names of a segment's source, as whole words by jieba's cut (a name inside a
    longer word, 时代 in 新时代, is none); worked out once a segment, for every check that asks."""
    key = f"source mentions:{segment.id}"
    found = document.cache.get(key)
    if found is None:
        knowledge = knowledge_for(document.glossary)
        found = document.cache[key] = zh_mentions(
            segment.source, knowledge, zh_forms(knowledge), token_starts(segment.source)
        )
    return found  # type: ignore[no-any-return]


def _in_glossary_match(mention: Mention, segment: AnalyzedSegment) -> bool:
    """Whether the glossary's own matcher found something here: its checks decide there."""
    return any(
        match.start < mention.end and mention.start < match.end for match in segment.source_entities
    )


def _rendered(mention: Mention, target: str) -> bool:
    """Whether the translation writes one of the accepted forms (compared without case or
    punctuation: ChinaNews ~ Chinanews.com), a word of a person's name alone ("Merkel",
    "Leyen"), or a word that is the pinyin of the Chinese ("Xinhua" for 新华社), as a word."""
    candidate = mention.candidates[0]
    folded = fold(target)
    if any(_whole_word(word, target) for word in _pinyin_words(mention.text, candidate)):
        return True
    for form in candidate.en:
        key = fold(form)
        if len(key) >= 6 and key in folded:
            return True
        if key and _whole_word(form, target):
            return True
        initials = _acronym(form).upper()  # European Union: EU
        if len(initials) >= 2 and re.search(rf"(?<![A-Za-z]){initials}(?![A-Za-z])", target):
            return True
    if candidate.kind == "person":
        words = {word for form in candidate.en for word in form.split()}
        return any(
            _whole_word(word, target)
            for word in words
            if len(word) >= 3 and word.casefold() not in _JOINERS
        )
    return False


_JOINERS = frozenset({"von", "der", "van", "den", "de", "la", "le", "bin", "al"})


def _acronym(form: str) -> str:
    """People's Liberation Army → pla; Chinese Communist Party → ccp."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z][A-Za-z']*", form)).casefold()


def _pinyin_words(zh: str, candidate: Candidate) -> list[str]:
    """The words of the accepted forms that spell part of ``zh`` in pinyin (Xinhua: 新华)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(zh)
    spans = [(i, j) for i in range(len(syllables)) for j in range(i + 2, len(syllables) + 1)]
    spelt = {"".join(syllables[i:j]) for i, j in spans}
    words = {word for form in candidate.en for word in re.findall(r"[A-Za-z]+", form)}
    return [word for word in words if word.casefold() in spelt]


# jieba's tags of names (people, places, bodies, other proper nouns) and abbreviations (证监会).
_NAME_TAGS = ("nr", "ns", "nt", "nz", "j")


def _ordinary_word(zh: str) -> bool:
    """Whether jieba's dictionary has ``zh`` as an ordinary word (时代, a noun, is also the
    magazine Time in CC-CEDICT; 现代 also Hyundai): a name it does not know is not one."""
    from glossary.words import dictionary_tag

    tag = dictionary_tag(zh)
    return tag is not None and not tag.startswith(_NAME_TAGS)


def written_by_name(mention: Mention, target: str) -> bool:
    """Whether ``target`` writes one of the mention's accepted forms as words of its own, or a
    word of them that is the pinyin of the Chinese (Xinhua for 新华社); stricter than
    :func:`_rendered`, which takes "ChinaNews" inside "China News Network" as written."""
    candidate = mention.candidates[0]
    words = (*candidate.en, *_pinyin_words(mention.text, candidate))
    return any(_whole_word(form, target) for form in words)


def _whole_word(form: str, text: str) -> bool:
    pattern = r"(?<![A-Za-z])" + r"\W*".join(map(re.escape, form.split())) + r"(?![A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _another(
    names: tuple[EnglishName, ...],
    wanted: Candidate,
    source: str,
    others: list[str],
    following: str = "",
) -> EnglishName | None:
    """One of ``names`` that is another entity of ``wanted``'s kind: not named in the source,
    not a part of the wanted name or of another name's English (Central Committee), not its
    acronym (PLA, CCP), not a name whose Chinese holds the wanted one's (中国人民解放军), and
    not one whose Chinese the source goes on with (中共 | 中央政治局: "CPC Central Committee")."""
    mine = [fold(form) for form in wanted.en]
    acronyms = {_acronym(form) for form in wanted.en}
    same_kind = [name for name in names if name.kind == wanted.kind]
    if not same_kind:
        return None
    for name in names:
        written = fold(name.form)
        forms = (*mine, *others)
        # A short name ("SEC") is compared whole: "sec" is in "securities".
        if written in acronyms or any(
            written == form or (len(written) >= 6 and written in form) for form in forms
        ):
            return None
        if wanted.zh in name.zh or name.zh in wanted.zh:
            return None
        if len(name.zh) > 2 and name.zh[:2] in following:
            return None
    if any(name.zh in source for name in names):
        return None  # the source names it too (in another segment's words, or here)
    return max(same_kind, key=lambda name: len(name.zh))  # the full name reads best
