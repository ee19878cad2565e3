"""The optional sentence encoder joins the lexical evidence (tested with fake encoders)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from alignment import align_document, align_sentences
from alignment.score import SentenceEncoder

# Without a glossary, nothing ties 乙镇 to Hillford: the lexical model attaches the opaque
# sentence to the wrong neighbour (see test_without_term_pairs_the_opaque_sentence_goes_wrong).
ZH = ["他昨天早上去了镇上的市场。", "乙镇。", "他下午买了很多新鲜的蔬菜。"]
EN = [
    "Yesterday morning he went to the market in town.",
    "Hillford: in the afternoon he bought a lot of fresh vegetables.",
]
LEXICAL = [((0, 1), (0,)), ((2,), (1,))]
RIGHT = [((0,), (0,)), ((1, 2), (1,))]


class LookupEncoder:
    """Embeds each known text as a fixed unit vector: zh 1 and 2 point where en 1 does."""

    def __init__(self, table: dict[str, tuple[float, ...]]) -> None:
        self.table = table
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        self.calls.append(len(texts))
        return [self.table[t] for t in texts]


def lookup_encoder() -> LookupEncoder:
    east, north = (1.0, 0.0), (0.0, 1.0)
    return LookupEncoder({ZH[0]: east, ZH[1]: north, ZH[2]: north, EN[0]: east, EN[1]: north})


class ConstantEncoder:
    """Every text gets the same vector: cosine 1 everywhere, so no pairing is preferred."""

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        return [(0.6, 0.8)] * len(texts)


def shape(beads: list) -> list:
    return [(b.src, b.tgt) for b in beads]


def test_fake_encoders_satisfy_the_protocol() -> None:
    assert isinstance(lookup_encoder(), SentenceEncoder)
    assert isinstance(ConstantEncoder(), SentenceEncoder)


def test_the_encoder_corrects_a_lexical_mistake() -> None:
    assert shape(align_sentences(ZH, EN)) == LEXICAL
    encoder = lookup_encoder()
    assert shape(align_sentences(ZH, EN, encoder=encoder)) == RIGHT
    assert encoder.calls == [3, 2]  # each sentence embedded once, one call a side


def test_the_encoder_works_through_align_document() -> None:
    doc = align_document("".join(ZH), " ".join(EN), encoder=lookup_encoder())
    assert shape(doc.beads) == RIGHT


def test_no_encoder_gives_exactly_the_lexical_result() -> None:
    plain = align_sentences(ZH, EN)
    assert align_sentences(ZH, EN, encoder=None) == plain
    # An encoder with no opinion (cosine 1 for every pairing) changes nothing either.
    assert align_sentences(ZH, EN, encoder=ConstantEncoder()) == plain


def test_the_encoder_is_used_on_long_banded_inputs() -> None:
    # 80 sentences a side (beyond the full-DP limit): the encoder is consulted inside the band.
    zh = [f"第{k}条规定于{1900 + k}年生效。" for k in range(80)]
    en = [f"Article {k} took effect in {1900 + k}." for k in range(80)]
    plain = align_sentences(zh, en)
    assert align_sentences(zh, en, encoder=ConstantEncoder()) == plain
    assert shape(plain) == [((k,), (k,)) for k in range(80)]


def test_an_encoder_returning_the_wrong_number_of_vectors_is_an_error() -> None:
    class Broken:
        def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
            return [(1.0, 0.0)]

    with pytest.raises(ValueError, match="encoder"):
        align_sentences(ZH, EN, encoder=Broken())
