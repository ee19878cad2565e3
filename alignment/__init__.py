"""Sentence alignment of Chinese source texts with their English translations."""

from alignment.align import Bead, DocumentAlignment, align_document, align_sentences
from alignment.score import SentenceEncoder
from alignment.segment import split_en, split_paragraphs, split_zh

__all__ = [
    "Bead",
    "DocumentAlignment",
    "SentenceEncoder",
    "align_document",
    "align_sentences",
    "split_en",
    "split_paragraphs",
    "split_zh",
]
