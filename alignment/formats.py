"""Alignment output formats: text, tsv, tmx and vecalign, and a reader for vecalign files.

``vecalign`` is one bead a line, ``[src indices]:[tgt indices]``, 0-based, as in the ``.align``
files of MAC-Dev and Bertalign (``[0,1]:[0]``; an empty side is ``[]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from alignment.align import Bead, DocumentAlignment

_VECALIGN_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")


def _side(alignment: DocumentAlignment, bead: Bead) -> tuple[str, str]:
    source = "".join(alignment.src_sentences[i] for i in bead.src)
    target = " ".join(alignment.tgt_sentences[i] for i in bead.tgt)
    return source, target


def _indices(indices: Sequence[int]) -> str:
    return "[" + ",".join(str(i) for i in indices) + "]"


def to_vecalign(alignment: DocumentAlignment) -> str:
    """One bead a line: ``[0,1]:[0]``."""
    return "".join(f"{_indices(b.src)}:{_indices(b.tgt)}\n" for b in alignment.beads)


def to_tsv(alignment: DocumentAlignment) -> str:
    """Tab-separated: source indices, target indices, confidence, source text, target text."""
    lines = ["source_sentences\ttarget_sentences\tconfidence\tsource\ttarget\n"]
    for bead in alignment.beads:
        source, target = (_clean_cell(text) for text in _side(alignment, bead))
        lines.append(
            f"{_indices(bead.src)}\t{_indices(bead.tgt)}\t{bead.confidence:.3f}\t{source}\t{target}\n"
        )
    return "".join(lines)


def to_text(alignment: DocumentAlignment) -> str:
    """For reading: each pair with its indices and confidence."""
    blocks = []
    for bead in alignment.beads:
        source, target = _side(alignment, bead)
        blocks.append(
            f"{_indices(bead.src)}:{_indices(bead.tgt)}  confidence {bead.confidence:.2f}\n"
            f"  zh: {source}\n  en: {target}\n"
        )
    return "\n".join(blocks)


# The codes of a memory made from plain text, which declares no region or script: the bare
# languages claim no more than is known (zh-CN or zh-TW, en-US or en-GB would be a guess), and
# CAT tools map them to their own variant on import. A file that declares its codes (an XLIFF
# or TMX that was read) passes them instead.
SOURCE_LANG = "zh"
TARGET_LANG = "en"


def to_tmx(
    alignment: DocumentAlignment, *, source_lang: str = SOURCE_LANG, target_lang: str = TARGET_LANG
) -> str:
    """A TMX 1.4 memory of the pairs that have both sides (translate-toolkit writes it)."""
    return tmx_of_pairs(
        (_side(alignment, bead) for bead in alignment.beads),
        source_lang=source_lang,
        target_lang=target_lang,
    )


def tmx_of_pairs(
    pairs: Iterable[tuple[str, str]],
    *,
    source_lang: str = SOURCE_LANG,
    target_lang: str = TARGET_LANG,
) -> str:
    """A TMX 1.4 memory of (Chinese, English) pairs; pairs with an empty side are left out.

    ``source_lang`` and ``target_lang`` are the header's ``srclang`` and the ``xml:lang`` of
    each side; the header names bireview and its version as the tool that made it."""
    from translate.storage.tmx import tmxfile

    from review_app import __version__

    memory = tmxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    header = memory.document.getroot().find("header")
    header.set("creationtool", "bireview")
    header.set("creationtoolversion", __version__)
    for source, target in pairs:
        if source.strip() and target.strip():
            unit = memory.addsourceunit(source)
            unit.target = target
    return bytes(memory).decode("utf-8")


def read_vecalign(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Parse vecalign lines (a trailing ``:cost`` is ignored); raises ValueError naming the line."""
    beads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _VECALIGN_LINE.match(line)
        if match is None:
            raise ValueError(f"line {number}: expected [i,…]:[j,…], got {line.strip()[:40]!r}")
        src, tgt = (
            tuple(int(part) for part in group.split(",") if part.strip())
            for group in match.groups()
        )
        beads.append((src, tgt))
    return beads


def _clean_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


FORMATS: dict[str, Callable[[DocumentAlignment], str]] = {
    "text": to_text,
    "tsv": to_tsv,
    "tmx": to_tmx,
    "vecalign": to_vecalign,
}
