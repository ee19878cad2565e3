"""Chinese words: jieba's cut and part-of-speech tags, without jieba's start-up.

jieba builds its prefix dictionary (0.7–1.0 s) and its tagger's word table (0.3–0.6 s) in
every process, which is most of what a one-document check costs. rjieba, jieba's Rust port,
loads the same dictionary in about 0.1 s and finds the same best route through it. The rest is
jieba's own rules and models, kept here so that the words and tags are jieba's:

- a run of single characters of the route that is no dictionary word goes to jieba's hidden
  Markov model for new words (``finalseg`` for the cut, the tagger's model for tags);
- a dictionary word's tag comes from the dictionary, and a word it lacks is tagged ``x``, ``m``
  or ``eng`` as ``jieba.posseg`` tags it.

benchmarks/jieba_parity.py compares every function here with jieba on the test sets.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

# The blocks jieba cuts on their own (its re_han_default, and the tagger's re_han_internal);
# between them, each character is a word of its own and whitespace is tagged x.
_CUT_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_TAG_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_SPACE = re.compile(r"(\r\n|\s)")
# The tagger's rules for what its model does not see (posseg's re_han_detail, re_skip_detail).
_HAN = re.compile(r"([\u4E00-\u9FD5]+)")
_DETAIL_SKIP = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile(r"[a-zA-Z0-9]+")

Tagged = tuple[str, str]


def cut(text: str, hmm: bool = True) -> list[str]:
    """The words of ``text`` as ``jieba.lcut(text, HMM=hmm)`` gives them."""
    words: list[str] = []
    for block in _CUT_BLOCK.split(text):
        if not block:
            continue
        if _CUT_BLOCK.fullmatch(block):
            words.extend(_cut_block(block, hmm))
        else:
            for piece in _SPACE.split(block):
                if _SPACE.fullmatch(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
    return words


def tagged(text: str) -> list[Tagged]:
    """The words of ``text`` and their tags, as ``jieba.posseg.lcut(text)`` gives them."""
    words: list[Tagged] = []
    for block in _TAG_BLOCK.split(text):
        if not block:
            continue
        if _TAG_BLOCK.fullmatch(block):
            words.extend(_tag_block(block))
            continue
        for piece in _SPACE.split(block):
            if _SPACE.fullmatch(piece):
                words.append((piece, "x"))
                continue
            latin = bool(_LATIN.match(piece))  # posseg asks this of the whole piece
            for char in piece:
                tag = "m" if _NUMBER.match(char) else "eng" if latin else "x"
                words.append((char, tag))
    return words


def dictionary_tag(word: str) -> str | None:
    """The tag jieba's dictionary gives ``word``, or None when it is no dictionary word."""
    return _tag(word)


def frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's corpus (its dictionary's count), 0 for no word."""
    line = _dictionary_line(word) if _rjieba().has_word(word) else None
    return line[0] if line else 0


@functools.lru_cache(maxsize=65536)
def _cut_block(block: str, hmm: bool) -> tuple[str, ...]:
    if not hmm:
        return tuple(_rjieba().cut(block, hmm=False))
    words: list[str] = []
    for run, single in _route_runs(block):
        if not single:
            words.append(run)
        elif len(run) == 1 or _tag(run):
            words.extend(run)
        else:
            words.extend(_finalseg().cut(run))
    return tuple(words)


@functools.lru_cache(maxsize=65536)
def _tag_block(block: str) -> tuple[Tagged, ...]:
    words: list[Tagged] = []
    for run, single in _route_runs(block):
        if not single or len(run) == 1:
            words.append((run, _tag(run) or "x"))
        elif _tag(run):
            words.extend((char, _tag(char) or "x") for char in run)
        else:
            words.extend(_tag_new_words(run))
    return tuple(words)


def _route_runs(block: str) -> Iterator[tuple[str, bool]]:
    """jieba's best route through ``block`` by its dictionary alone, with the words of one
    character gathered into runs: (text, True) for a run, (word, False) for a longer word.

    rjieba joins letters and digits outside the dictionary into one word (iPhone15); jieba's
    route has them one character each, so they are split again."""
    run = ""
    for word in _rjieba().cut(block, hmm=False):
        if len(word) == 1 or (_LATIN.fullmatch(word) and not _tag(word)):
            run += word
            continue
        if run:
            yield run, True
            run = ""
        yield word, False
    if run:
        yield run, True


def _tag_new_words(run: str) -> Iterator[Tagged]:
    """The tagger's guess at a run it has no word for (posseg's __cut_detail)."""
    for block in _HAN.split(run):
        if not block:
            continue
        if _HAN.fullmatch(block):
            yield from _tag_han(block)
            continue
        for piece in _DETAIL_SKIP.split(block):
            if piece:
                tag = "m" if _NUMBER.match(piece) else "eng" if _LATIN.match(piece) else "x"
                yield piece, tag


def _tag_han(text: str) -> Iterator[Tagged]:
    """posseg's hidden Markov model over characters: (B|M|E|S, tag) states."""
    model = _posseg_model()
    _, states = model["viterbi"](
        text, model["states"], model["start"], model["trans"], model["emit"]
    )
    begin = following = 0
    for i, char in enumerate(text):
        position, tag = states[i]
        if position == "B":
            begin = i
        elif position == "E":
            yield text[begin : i + 1], tag
            following = i + 1
        elif position == "S":
            yield char, tag
            following = i + 1
    if following < len(text):
        yield text[following:], states[following][1]


@functools.lru_cache(maxsize=65536)
def _tag(word: str) -> str | None:
    """``word``'s tag in jieba's dictionary, or None: rjieba tags a dictionary word it cuts
    whole; the rare word its route splits (a word of count 1) is looked up in the file."""
    if not _rjieba().has_word(word):
        return None
    pieces = _rjieba().tag(word, hmm=False)
    if len(pieces) == 1:
        return str(pieces[0][1])
    line = _dictionary_line(word)
    return line[1] if line else None


@functools.lru_cache(maxsize=4096)
def _dictionary_line(word: str) -> tuple[int, str] | None:
    """``word``'s line of jieba's dict.txt, found in the text itself: reading the file costs
    milliseconds where building a table of all its words costs most of a second."""
    text = _dictionary_text()
    start = text.find(f"\n{word} ")
    if start < 0:
        return None
    count, tag = text[start + len(word) + 2 : text.index("\n", start + 1)].split()
    return int(count), tag


@functools.lru_cache(maxsize=1)
def _dictionary_text() -> str:
    # A newline first, so that every line, the first too, is found as "\nword ".
    return "\n" + (_jieba_folder() / "dict.txt").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _rjieba() -> Any:
    import rjieba

    return rjieba


def _jieba_folder() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=1)
def _finalseg() -> ModuleType:
    """jieba's model for new words; importing it does not build jieba's dictionary."""
    import jieba.finalseg

    return jieba.finalseg


@functools.lru_cache(maxsize=1)
def _posseg_model() -> dict[str, Any]:
    """The tagger's model, read from jieba's files: importing ``jieba.posseg`` would build its
    table of every dictionary word's tag, which this module exists to avoid."""
    folder = _jieba_folder() / "posseg"
    loaded: dict[str, Callable[..., Any] | dict[str, Any]] = {
        "viterbi": _load(folder / "viterbi.py").viterbi,
    }
    for key, name in (
        ("states", "char_state_tab"),
        ("start", "prob_start"),
        ("trans", "prob_trans"),
        ("emit", "prob_emit"),
    ):
        loaded[key] = _load(folder / f"{name}.py").P
    return loaded


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bireview_jieba_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
