"""Whether checking again after an edit (review_app.recheck) gives the findings of a full run.

Random English edits, one at a time, on real documents: the app-speed release (the seed's
paragraphs, then WMT23 pairs with false friends and changed figures injected) and a release
of one MQM23 system's output (machine translation with its real errors). The edits: accept a
suggestion, empty a pair, give a pair another pair's English, change a digit, drop a word.
After each edit the findings are worked out both ways (the recheck from the last report, and
every check on every pair) and compared, id by id with the message and the suggestion; the
next edit starts from one of the two reports at random. Prints the edits that differ and the
mean time of each way.

    .venv/bin/python benchmarks/recheck_same.py [--edits 150] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))


def mqm_pairs(path: Path, size: int) -> list[tuple[str, str]]:
    """One system's segments of the MQM23 dev set (the first system listed), markup removed."""
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    pairs: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row["system"] != rows[0]["system"] or row["globalSegId"] in pairs:
            continue
        zh, en = (re.sub(r"</?v>", "", row[side]) for side in ("source", "target"))
        if "\n" not in zh and zh.strip() and en.strip():
            pairs[row["globalSegId"]] = (zh, en)
    return list(pairs.values())[:size]


def run(name: str, segments: list, edits: int, rng: random.Random) -> int:
    from glossary.load import load_glossary
    from review_app.pipeline import ReviewOptions, review_segments

    glossary = load_glossary()
    options = ReviewOptions()

    def check(segments: list, previous: object = None) -> object:
        return review_segments(
            segments, glossary, options, source_path="zh", target_path="en", previous=previous
        )

    def listed(report: object) -> list[tuple]:
        return [(f.id, f.segment, f.message, f.suggestion) for f in report.findings]

    report = check(segments)
    different = 0
    again: list[float] = []
    full: list[float] = []
    for _ in range(edits):
        index = rng.randrange(len(segments))
        english = segments[index].target
        kind = rng.choice(["suggestion", "empty", "another", "digit", "word"])
        fixes = [f for f in report.findings if f.suggestion and f.target_span]
        if kind == "suggestion" and fixes:
            fix = rng.choice(fixes)
            index, english = fix.segment, segments[fix.segment].target
            span = fix.target_span
            english = english[: span.start] + fix.suggestion + english[span.end :]
        elif kind == "empty":
            english = ""
        elif kind == "another":
            english = segments[rng.randrange(len(segments))].target
        elif kind == "digit":
            english = re.sub(r"\d", lambda d: str((int(d.group()) + 3) % 10), english, count=1)
        else:
            words = english.split()
            if words:
                words.pop(rng.randrange(len(words)))
            english = " ".join(words)
        segments[index] = replace(segments[index], target=english)
        started = time.perf_counter()
        rechecked = check(segments, previous=report)
        again.append(time.perf_counter() - started)
        started = time.perf_counter()
        everything = check(segments)
        full.append(time.perf_counter() - started)
        if listed(rechecked) != listed(everything):
            different += 1
            only_again = set(listed(rechecked)) - set(listed(everything))
            only_full = set(listed(everything)) - set(listed(rechecked))
            print(f"  {name}: {kind} of pair {index}: recheck only {only_again}, full {only_full}")
        report = rechecked if rng.random() < 0.5 else everything
    print(
        f"| {name} | {len(segments)} | {edits} | {different} | "
        f"{statistics.mean(again) * 1000:.0f} ms | {statistics.mean(full) * 1000:.0f} ms |"
    )
    return different


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=150, help="edits on each document")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from app_speed import build_release

    from glossary.load import load_glossary
    from review_app.document import Document, Segment
    from review_app.pipeline import align

    rng = random.Random(args.seed)
    glossary = load_glossary()
    print("| document | pairs | edits | different | recheck | full run |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    different = 0
    with tempfile.TemporaryDirectory() as tmp:
        release = build_release(DATA / "wmt23-zhen", Path(tmp) / "release", 300, 95, 95)
        source, target = (
            Document(name, (release.folder / name).read_text("utf-8"), lang)
            for name, lang in (("source.zh.txt", "zh"), ("release.en.txt", "en"))
        )
        segments = align(source, target, glossary, line_aligned=None)
        different += run("WMT23 release, injected errors", segments, args.edits, rng)
    pairs = mqm_pairs(DATA / "mqm23-dev" / "mqm23-zhen-dev.tsv", 300)
    segments = [Segment(i, zh, en, (i,), (i,), 1.0) for i, (zh, en) in enumerate(pairs)]
    different += run("MQM23, one system's output", segments, args.edits, rng)
    print("reproduce: .venv/bin/python benchmarks/recheck_same.py " + " ".join(sys.argv[1:]))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
