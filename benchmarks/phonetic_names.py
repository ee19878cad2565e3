"""How well layer 6 (foreign names by their sounds) tells a transliteration's English name.

Pairs: CC-CEDICT's foreign names (``glossary.knowledge.phonetic.transliteration_pairs``). Each
Chinese form is scored against its own English and against the English of another pair drawn
at random (seeded): recall is the share of own pairs at or above a threshold, false matches the
share of random pairs. The pairs hold some noise (Japanese and Korean names written in kanji
and hanja are no transliterations), which lowers the recall measured.

    python benchmarks/phonetic_names.py [--seed 1]
"""

from __future__ import annotations

import argparse
import random

from glossary.knowledge.phonetic import (
    SOUNDS_ALIKE,
    SOUNDS_UNLIKE,
    similarity,
    transliteration_pairs,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    pairs = transliteration_pairs()
    others = [en for _, en in pairs]
    random.Random(args.seed).shuffle(others)
    own = [similarity(zh, en) for zh, en in pairs]
    other = [similarity(zh, en) for (zh, _), en in zip(pairs, others, strict=True)]
    print(f"pairs: {len(pairs)} (CC-CEDICT foreign names)")
    print("| threshold | own English at or above | another English at or above |")
    print("| ---: | ---: | ---: |")
    for threshold in (SOUNDS_UNLIKE, 0.5, 0.6, SOUNDS_ALIKE, 0.8):
        recall = sum(score >= threshold for score in own) / len(own)
        false = sum(score >= threshold for score in other) / len(other)
        print(f"| {threshold:.2f} | {recall:.3f} | {false:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
