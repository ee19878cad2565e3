"""Recall of the entity checks on errors injected into real human translations (WMT23 zh→en).

For every line whose source and reference both name a Chinese province-level place (the
reference naming it once), the reference's name is replaced, one error at a time, inside its
20-line document:
- false friend: by what the place is known to be mistaken for (Jilin → Kyrgyzstan), where the
  glossary has such an entry; expects entity.false_friend;
- swap: by another province-level place that the line does not name; expects entity.mismatch
  (or entity.false_friend when the swap happens to be a known false friend);
- drop: the name deleted; expects entity.missing.
A case counts as caught when a finding of the expected check lands on the line's segment; the
share flagged by any check is printed beside it.

    python benchmarks/injected_errors.py [--data ../shared/data/wmt23-zhen] [--lines 20]
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

from glossary.load import load_glossary
from glossary.match import matcher_for
from glossary.model import Glossary
from review_app.document import Document
from review_app.pipeline import ReviewOptions, review

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_alarms import DEFAULT_DATA, load_pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=20, help="lines per document")
    parser.add_argument("--show-misses", type=int, default=10)
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    glossary = load_glossary()
    matcher = matcher_for(glossary)
    provinces = sorted(p.id for p in glossary.places.values() if p.domestic and p.kind != "city")
    chooser = random.Random(0)
    options = ReviewOptions(line_aligned=True)
    caught: collections.Counter[str] = collections.Counter()
    flagged: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    misses = []
    started = time.perf_counter()
    for index, (zh, en) in enumerate(pairs):
        source_ids = {e for m in matcher.find_zh(zh) for e in m.candidates}
        target_matches = matcher.find_en(en)
        for match in target_matches:
            place = glossary.places.get(match.entity)
            if place is None or not place.domestic or match.entity not in source_ids:
                continue
            if sum(m.entity == match.entity for m in target_matches) > 1:
                continue  # with the name twice, dropping one leaves a rendering: not an error
            cases = []
            friends = glossary.mistaken_for(match.entity)
            if friends:
                wrong = sorted(friends)[0]
                cases.append(("false friend", glossary.entity_name(wrong), {"entity.false_friend"}))
            others = [p for p in provinces if p not in source_ids]
            swap = chooser.choice(others)
            cases.append(
                ("swap", glossary.entity_name(swap), {"entity.mismatch", "entity.false_friend"})
            )
            cases.append(("drop", "", {"entity.missing"}))
            for kind, replacement, expected in cases:
                injected = en[: match.start] + replacement + en[match.end :]
                total[kind] += 1
                checks = _checks_on_line(pairs, index, injected, args.lines, glossary, options)
                flagged[kind] += bool(checks)
                if checks & expected:
                    caught[kind] += 1
                else:
                    misses.append((kind, zh, injected, checks))
            break  # one name per line is enough
    elapsed = time.perf_counter() - started

    print(f"data: {args.data}; cases from {len(pairs)} lines")
    for kind in total:
        print(
            f"  {kind:<13} caught {caught[kind]:>3} of {total[kind]:>3}  "
            f"recall {caught[kind] / total[kind]:.3f}  "
            f"(flagged by any check: {flagged[kind] / total[kind]:.3f})"
        )
    print(f"time: {elapsed:.1f} s")
    for kind, zh, en, checks in misses[: args.show_misses]:
        found = ", ".join(sorted(checks)) or "nothing"
        print(f"- missed {kind} (found: {found}):\n    zh: {zh[:160]}\n    en: {en[:160]}")
    return 0


def _checks_on_line(
    pairs: list[tuple[str, str]],
    index: int,
    injected: str,
    lines: int,
    glossary: Glossary,
    options: ReviewOptions,
) -> set[str]:
    """The checks that report on the injected line, reviewed inside its document."""
    start = index - index % lines
    chunk = list(pairs[start : start + lines])
    chunk[index - start] = (chunk[index - start][0], injected)
    source = Document(path="zh", text="\n".join(zh for zh, _ in chunk), lang="zh")
    target = Document(path="en", text="\n".join(en for _, en in chunk), lang="en")
    report = review(source, target, glossary, options)
    return {f.check for f in report.findings if f.segment == index - start}


if __name__ == "__main__":
    sys.exit(main())
