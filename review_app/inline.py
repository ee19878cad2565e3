"""A translator's fix made inside a CAT file's segment without losing its inline codes.

A target in XLIFF or TMX is text with inline codes (``<g>``, ``<x/>``, ``<bpt>…</bpt>``,
``<ph>``): a bold run, a line break, a field. The reader gives the checks its plain text; the
translator corrects that plain text. :func:`edit_inline` carries the correction back into the
segment's markup: only the characters that changed are replaced, in the text between the codes,
and every code stays where it was. A change that spans a code puts its new text before the
code (the code is kept, never dropped).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape, unescape

# A code with the native markup it stands for inside (XLIFF 1.2 and TMX ph, bpt, ept, it: the
# reader drops that content too) is one piece; any other tag is one on its own.
_TAG = re.compile(r"<(ph|bpt|ept|it)\b[^>]*(?<!/)>.*?</\1\s*>|<[^>]*>", re.DOTALL)


def edit_inline(markup: str, before: str, after: str) -> str:
    """``markup`` (a segment's XML content) whose plain text ``before`` became ``after``.

    ``before`` is the text as the reader gave it (codes dropped, spaces where a code stood
    between two words); the pieces of text between the codes are matched to it character by
    character, so the reader's small changes (those spaces, whitespace runs) do not matter.
    """
    if not _TAG.search(markup):
        return escape(after, quote=False)
    pieces = _pieces(markup)  # (is a tag, raw markup, its text unescaped)
    text = "".join(plain for tag, _, plain in pieces if not tag)
    where = _positions(before, text)  # a position in before → its position in text
    edits = []  # (start, end, new text) in the pieces' text, from the last to the first
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal":
            edits.append((where[i1], where[i2] if i2 > i1 else where[i1], after[j1:j2]))
    changed = _apply(pieces, sorted(edits, reverse=True))
    return "".join(
        raw if tag or not edited else escape(plain, quote=False)
        for (tag, raw, plain), edited in zip(pieces, changed, strict=True)
    )


def _pieces(markup: str) -> list[tuple[bool, str, str]]:
    pieces: list[tuple[bool, str, str]] = []
    at = 0
    for tag in _TAG.finditer(markup):
        if tag.start() > at:
            raw = markup[at : tag.start()]
            pieces.append((False, raw, unescape(raw)))
        pieces.append((True, tag.group(), ""))
        at = tag.end()
    if at < len(markup):
        pieces.append((False, markup[at:], unescape(markup[at:])))
    return pieces


def _positions(before: str, text: str) -> list[int]:
    """For each position 0..len(before) of the reader's text, the same place in ``text``."""
    where = [0] * (len(before) + 1)
    matcher = SequenceMatcher(None, before, text, autojunk=False)
    last_b = last_t = 0
    for block in matcher.get_matching_blocks():
        # Between matches (a space the reader added, a run of whitespace it folded): the
        # positions of the gap in before go to the start of the gap in text.
        for i in range(last_b, block.a):
            where[i] = last_t
        for k in range(block.size + 1):
            if block.a + k <= len(before):
                where[block.a + k] = block.b + k
        last_b, last_t = block.a + block.size, block.b + block.size
    for i in range(last_b, len(before) + 1):
        where[i] = min(last_t, len(text))
    return where


def _apply(pieces: list[tuple[bool, str, str]], edits: list[tuple[int, int, str]]) -> list[bool]:
    """Make the edits (the last first, so the earlier positions hold) in the text pieces, in
    place; which pieces changed."""
    if all(tag for tag, _, _ in pieces):  # codes only: the text goes before them
        pieces.insert(0, (False, "", ""))
    spans: list[tuple[int, int] | None] = []  # each piece's place in the joined text
    at = 0
    for tag, _, plain in pieces:
        spans.append(None if tag else (at, at + len(plain)))
        at += 0 if tag else len(plain)
    texts = [plain for _, _, plain in pieces]
    changed = [False] * len(pieces)
    for start, end, new in edits:
        home = _home(spans, start)
        for i, span in enumerate(spans):
            if span is None or not (i == home or (span[0] < end and start < span[1])):
                continue
            cut_from, cut_to = max(start, span[0]) - span[0], min(end, span[1]) - span[0]
            insert = new if i == home else ""
            texts[i] = texts[i][:cut_from] + insert + texts[i][max(cut_from, cut_to) :]
            changed[i] = True
    for i, (tag, raw, _) in enumerate(pieces):
        pieces[i] = (tag, raw, texts[i])
    return changed


def _home(spans: list[tuple[int, int] | None], start: int) -> int:
    """The piece a change at ``start`` writes its new text into: the one holding the character
    at ``start``, else the last one ending there (a change at the end of the text)."""
    text = [(i, span) for i, span in enumerate(spans) if span is not None]
    for i, (first, last) in text:
        if first <= start < last:
            return i
    before = [i for i, (first, _) in text if first <= start]
    return before[-1] if before else text[0][0]
