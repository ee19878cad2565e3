"""Split Chinese and English text into paragraphs and sentences.

All functions are pure: no state, no dictionaries to load. The splitters are rule based and
tuned for edited prose (news, fiction, reports); they never return empty strings.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set."""
    return frozenset(text.split())


__all__ = ["MAX_EN_CHARS", "MAX_ZH_CHARS", "split_en", "split_paragraphs", "split_zh"]

# Longest sentence the splitters return. Longer runs (a paragraph without end punctuation, a
# table flattened to one line) are cut at a comma or space, or else at the limit itself, so
# that the aligner never has to pair one huge "sentence". The longest sentences of edited prose
# (MAC-Dev: 370 Chinese characters, 439 English ones) are kept whole.
MAX_ZH_CHARS = 400
MAX_EN_CHARS = 1200
_ZH_SOFT_BREAKS = "，、：,;:"
_EN_SOFT_BREAKS = ",;:—–"

_BLANK_LINE = re.compile(r"\n[ \t\u3000\r\f\v]*\n")

# Characters that close a quotation or bracket and belong to the sentence they close.
_ZH_CLOSERS = "”’」』）》】〕〉\"')]}"
_ZH_ENDERS = "。！？；…"
_ASCII_ENDERS = "!?;."
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
# Chinese end punctuation (a run of it, e.g. "……" or "！？"), then closers.
_ZH_BOUNDARY = re.compile(rf"[{_ZH_ENDERS}]+[{re.escape(_ZH_CLOSERS)}]*")
# ASCII end punctuation inside Chinese text ends a sentence only when Chinese text follows
# (optionally after closers and spaces); "3.5" or "GB/T 1.1" stay whole.
_ZH_ASCII_BOUNDARY = re.compile(
    rf"[{re.escape(_ASCII_ENDERS)}]+[{re.escape(_ZH_CLOSERS)}]*(?=\s*[{_CJK}“‘「『《（])"
)


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines.

    Paragraphs are stripped and never empty. A text without any blank line is taken to be one
    paragraph a line, so each non-empty line becomes a paragraph.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def _join_lines_zh(text: str) -> str:
    """Join hard-wrapped lines: no space between Chinese characters, a space otherwise."""
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            continue
        if out and not (_is_cjk_or_punct(out[-1][-1]) and _is_cjk_or_punct(ln[0])):
            out.append(" ")
        out.append(ln)
    return "".join(out)


def _is_cjk_or_punct(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or ch in "“”‘’…—"
    )


def split_zh(text: str) -> list[str]:
    """Split Chinese text into sentences.

    A sentence ends at 。！？；… (a run such as …… or ！？ counts as one end), together with any
    closing quotes or brackets that follow (”’」』）》). ASCII ! ? ; . end a sentence only when
    Chinese text follows. Sentences are stripped; empty ones are dropped.
    """
    text = _join_lines_zh(text.replace("\r\n", "\n").replace("\r", "\n"))
    cuts: set[int] = set()
    for m in _ZH_BOUNDARY.finditer(text):
        cuts.add(m.end())
    for m in _ZH_ASCII_BOUNDARY.finditer(text):
        cuts.add(m.end())
    out: list[str] = []
    start = 0
    for cut in sorted(cuts):
        piece = text[start:cut].strip()
        if piece:
            out.append(piece)
        start = cut
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return _cap_length(_merge_punct_only(out), MAX_ZH_CHARS, _ZH_SOFT_BREAKS)


def _cap_length(sentences: list[str], limit: int, breaks: str) -> list[str]:
    """Cut sentences longer than ``limit`` characters into pieces of at most ``limit``.

    Each cut goes after the last soft break (a comma, colon or, in English, a space) in the
    second half of the window, or at the limit when there is none.
    """
    out: list[str] = []
    for s in sentences:
        while len(s) > limit:
            window = s[:limit]
            cut = limit
            for chars in (breaks, " "):  # a comma or the like first, else a space
                found = max(window.rfind(ch) for ch in chars) + 1
                if found > limit // 2:
                    cut = found
                    break
            piece, s = s[:cut].strip(), s[cut:].strip()
            if piece:
                out.append(piece)
        if s:
            out.append(s)
    return out


def _merge_punct_only(sentences: list[str]) -> list[str]:
    """Attach fragments that hold no letter, digit or ideograph to the previous sentence."""
    out: list[str] = []
    for s in sentences:
        if out and not any(ch.isalnum() for ch in s):
            out[-1] = out[-1] + s
        else:
            out.append(s)
    return out


# Abbreviations after which a period does not end a sentence (lowercased, without the final
# period). "no" only counts before a number ("No. 5"), see _is_abbreviation.
_ABBREVIATIONS = _words(
    """
    mr mrs ms dr st jr sr u.s u.k u.n e.g i.e etc vs jan feb mar apr jun jul aug sep sept oct
    nov dec gov prof inc ltd co corp rev gen col lt sgt capt messrs mt ft fig approx dept est
    vol pp a.m p.m
    """
)
_EN_CLOSERS = "\"'”’)]}»"
_EN_OPENERS = "\"'“‘([{«"
_EN_CANDIDATE = re.compile(rf"(\.\.\.|…|[.!?]+)([{re.escape(_EN_CLOSERS)}]*)(\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(before: str, after: str) -> bool:
    """Whether the period ending ``before`` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. K. Rowling"
    if low == "no":
        return bool(after[:1].isdigit())
    if low in _ABBREVIATIONS:
        return True
    # Dotted acronyms such as "U.S.A." or "a.m."
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def split_en(text: str) -> list[str]:
    """Split English text into sentences.

    A sentence ends at . ! ? (with any closing quotes or brackets) when the next non-space
    character is uppercase, a digit, a quote or a bracket; a period after a common abbreviation
    (Mr. Dr. U.S. e.g. etc. Jan. ...), an initial (J. K. Rowling) or "No." before a number does
    not end a sentence. Sentences are stripped; empty ones are dropped.
    """
    text = re.sub(r"\s+", " ", text).strip()
    out: list[str] = []
    start = 0
    for m in _EN_CANDIDATE.finditer(text):
        after = text[m.end() :]
        if not after:
            continue
        nxt = after[0]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _EN_OPENERS or not nxt.isascii()):
            continue
        if not nxt.isascii() and nxt.isalpha() and nxt.islower():
            continue
        punct = m.group(1)
        if punct == "." and not m.group(2) and _is_abbreviation(text[: m.start()], after):
            continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return _cap_length(out, MAX_EN_CHARS, _EN_SOFT_BREAKS)
