"""Runs of country abbreviations in Chinese text: 越新 (Vietnam and Singapore), 土叙, 中日韩.

A run is two or more characters of the curated table, read as countries where jieba takes the
run for a word of its own, as the glossary's matcher reads runs of province abbreviations
(``glossary.match``):

- no jieba word may reach into the run from before it, nor out of it after, except into a word
  such pairs modify (中美|关系 is one jieba word): 新加坡, 中美洲, 中非共和国 are no runs;
- a run CC-CEDICT knows only as a word of its own (中文 the Chinese language, 沙俄 Tsarist
  Russia, 法西斯), or that holds one (中英文), is none; one CC-CEDICT glosses as the countries
  (中美 "China-USA", 俄乌 "Russo-Ukrainian") is one;
- otherwise a two-character run counts only where jieba tags it an abbreviation (日韩, 法德) or
  a word of news context follows (土叙|边境, 越新|两国, 中巴|经济走廊); in a longer run, a jieba
  word inside must be tagged as an abbreviation, a name, a noun or a numeral (中日韩/ns, 港澳台/m).

A character of a run is read as the countries it abbreviates, the likeliest first (新 in 澳新 is
New Zealand, otherwise Singapore), its domestic readings last (新 as Xinjiang).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.knowledge.candidate import Candidate

if TYPE_CHECKING:
    from glossary.knowledge.abbreviations import Table, WholeWord
    from glossary.knowledge.lookup import Knowledge

# Words after a pair of countries in news, besides the matcher's (合作, 关系, 边境 …).
COUNTRY_CONTEXT = (
    "两国",
    "三国",
    "四国",
    "五国",
    "各国",
    "元首",
    "首脑",
    "领导人",
    "外长",
    "防长",
    "峰会",
    "会谈",
    "会晤",
    "对话",
    "建交",
    "复交",
    "外交",
    "贸易",
    "自贸",
    "冲突",
    "战争",
    "双边",
    "三边",
    "联合声明",
    "友谊",
    "邦交",
    "铁路",
    "班列",
    "航线",
)
# jieba tags a word inside a longer run may carry (as the matcher's runs): abbreviation, place,
# person, noun, numeral, other name, organisation, time (中日/t).
_INSIDE_TAGS = frozenset({"j", "ns", "nr", "n", "m", "nz", "nt", "t"})


@dataclass(frozen=True)
class CountryRun:
    """A run of country abbreviations in a text; offsets are character offsets into it."""

    start: int
    end: int
    text: str
    readings: tuple[tuple[Candidate, ...], ...]  # one a character, the likeliest first
    whole: tuple[Candidate, ...] = ()  # the run read as one name: 中非, the Central African Rep.

    @property
    def countries(self) -> tuple[Candidate, ...]:
        """The likeliest reading of each character: 越新 → Vietnam, Singapore."""
        return tuple(options[0] for options in self.readings if options)


def read_country_run(text: str, knowledge: Knowledge | None = None) -> list[CountryRun]:
    """The runs of country abbreviations in ``text``, each read as its countries.

    ``knowledge``: whose English to give the countries (a glossary's knowledge lists its
    editors' forms first); by default the built-in layers without a glossary."""
    if knowledge is None:
        from glossary.knowledge.lookup import knowledge_for

        knowledge = knowledge_for(None)
    return knowledge.read_country_run(text)


def find_runs(
    text: str, table: Table, named: str = ""
) -> Iterator[tuple[int, int, WholeWord | None]]:
    """(start, end, the whole word it also is) of each run of ``text`` that reads as countries.
    ``named``: the document, whose full country names let a pair that is also a word read as
    countries before a relation (越文全面伙伴关系 beside 越南 and 文莱: Vietnam–Brunei)."""
    if not any(ch in table.abbreviations for ch in text):
        return
    start = None
    for index in range(len(text) + 1):
        inside = index < len(text) and text[index] in table.abbreviations
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            if index - start >= 2 and (
                _reads_as_countries(text, start, index, table)
                or _named_pair(text, start, index, table, named)
            ):
                word = table.words.get(text[start:index])
                yield start, index, word
            start = None


def _reads_as_countries(text: str, start: int, end: int, table: Table) -> bool:
    from glossary.match import PAIR_CONTEXT, pos_tokens_near

    run = text[start:end]
    if len(set(run)) < len(run):
        return False  # 哈哈, 日日: no country twice
    word = table.words.get(run)
    if word is not None and not word.run:
        return False  # 拉美 is Latin America, one word: the lookup's, not a run
    known = table.pairs.get(run)
    if known == "word":
        return False
    inner = (run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1))
    if any(table.pairs.get(part) == "word" for part in inner if part != run):
        return False  # 中英文 holds 英文, 美法西斯 法西斯
    context = text.startswith(PAIR_CONTEXT + COUNTRY_CONTEXT, end)
    tokens = [
        (s, e, tag) for s, e, tag in pos_tokens_near(text, start, end) if s < end and e > start
    ]
    for token_start, token_end, _ in tokens:
        if token_start < start or (token_end > end and not context):
            return False  # 新加坡, 中美洲, 美国人: the run is part of a longer word
    if known == "pair":
        return True
    inside = [(s, e, tag) for s, e, tag in tokens if start <= s and e <= end]
    if len(run) == 2:
        return context or all(tag == "j" for _, _, tag in inside)
    return all(e - s == 1 or _allowed(text[s:e], tag) for s, e, tag in inside)


# What may stand between a pair and its relation: 越文|全面|伙伴关系, 中越|传统|友谊.
_RELATION_MODIFIERS = ("全面", "战略", "友好", "传统", "睦邻", "双边")
_RELATIONS = ("伙伴关系", "关系", "合作", "友谊", "两国")


def _named_pair(text: str, start: int, end: int, table: Table, named: str) -> bool:
    """A two-character pair that is also a word (越文, the Vietnamese language) read as its
    countries: the document names both countries in full, and a relation follows."""
    run = text[start:end]
    if not named or end - start != 2 or table.pairs.get(run) not in ("word", "both"):
        return False
    if not all(table.abbreviations[ch].readings[0].zh in named for ch in run):
        return False
    rest = text[end:]
    while rest.startswith(_RELATION_MODIFIERS):
        rest = rest[2:]
    return rest.startswith(_RELATIONS)


def _allowed(word: str, tag: str) -> bool:
    """Whether a jieba word inside a longer run lets it be a run: an abbreviation or name, or
    a word jieba does not know (its guess at 越老柬)."""
    from glossary.words import dictionary_tag

    known = dictionary_tag(word)
    return known is None or tag in _INSIDE_TAGS
