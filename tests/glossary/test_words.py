"""glossary.words gives jieba's words and tags without building jieba's dictionary tables."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossary import words

# Each sentence is a case where the route, the new-word models or the rules between blocks
# matter: unknown names (王伟中, 夏立言), letters and digits beside Han (iPhone15, COVID-19,
# 3.5%), a dictionary word of letters (T恤, AA制), hyphens, whitespace and punctuation.
SENTENCES = [
    "粤吉合作座谈会在长春举行，广东省省长王伟中出席。",
    "台湾陆委会主委夏立言今天抵达厦门，与国台办主任宋涛会面。",
    "iPhone15发布后，销量同比增长3.5%，达到1200万部。",
    "COVID-19疫情期间，Objective-C与T恤、AA制都成了热词。",
    "越新两国领导人在河内会谈\r\n土叙边境局势紧张 中美关系",
    "2023年11月10日  新华社记者 张三 摄（完）",
    "世卫组织总干事谭德塞表示，A股市场和H股市场反应平稳。",
]


@pytest.fixture(scope="module")
def jieba_module():  # type: ignore[no-untyped-def]
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba


@pytest.mark.parametrize("sentence", SENTENCES)
def test_cut_is_jiebas(jieba_module, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert words.cut(sentence) == jieba_module.lcut(sentence)
    assert words.cut(sentence, hmm=False) == jieba_module.lcut(sentence, HMM=False)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tags_are_jiebas(jieba_module, sentence: str) -> None:  # type: ignore[no-untyped-def]
    expected = [(pair.word, pair.flag) for pair in jieba_module.posseg.lcut(sentence)]
    assert words.tagged(sentence) == expected


def test_a_new_name_is_tagged_by_the_taggers_model() -> None:
    """颜金勇 is in no dictionary: the tagger's model for new words reads it as a name."""
    assert words.dictionary_tag("颜金勇") is None
    assert ("颜金勇", "nr") in words.tagged("部长颜金勇表示")


def test_dictionary_tags_and_counts(jieba_module) -> None:  # type: ignore[no-untyped-def]
    table = jieba_module.posseg.dt.word_tag_tab
    for word in ("长春", "时代", "国台办", "合作", "的", "T恤"):
        assert words.dictionary_tag(word) == table[word]
    assert words.dictionary_tag("王伟中") is None
    jieba_module.initialize()
    assert words.frequency("老挝") == jieba_module.dt.FREQ["老挝"] > 0
    assert words.frequency("寮国") == 0


def test_a_word_its_route_splits_is_still_found(jieba_module) -> None:  # type: ignore[no-untyped-def]
    """A dictionary word rjieba cuts in two on its own (a rare word) is read from the file."""
    import rjieba

    table = jieba_module.posseg.dt.word_tag_tab
    split = next(
        word
        for word in table
        if len(word) > 1 and len(rjieba.tag(word, hmm=False)) > 1 and word[0] >= "\u4e00"
    )
    assert words.dictionary_tag(split) == table[split]


def test_jiebas_dictionary_is_not_built() -> None:
    """Cutting and tagging never build jieba's prefix dictionary or its tagger's table."""
    code = (
        "import sys, jieba\n"
        "from glossary import words\n"
        "words.cut('广东省省长王伟中出席'); words.tagged('广东省省长王伟中出席')\n"
        "words.dictionary_tag('长春'); words.frequency('老挝')\n"
        "print(jieba.dt.initialized, 'jieba.posseg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
