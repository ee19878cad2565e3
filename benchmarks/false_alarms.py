"""False alarms of the checks on real human translations (WMT23 zh→en, reference A).

The data is line-aligned (one segment a line); it is cut into documents of N lines, each reviewed
with the line pairing kept. Every finding of severity minor or above on a professional reference
translation is counted as a false alarm (some references do contain real errors: read the sample).

    python benchmarks/false_alarms.py [--data ../shared/data/wmt23-zhen] [--lines 20] [--sample 30]
        [--check ID] [--align]
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
from review_app.document import Document
from review_app.findings import Severity
from review_app.pipeline import ReviewOptions, review

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt23-zhen"


def load_pairs(folder: Path) -> list[tuple[str, str]]:
    source = (folder / "generaltest2023.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    target = (folder / "generaltest2023.zh-en.ref.refA.en").read_text(encoding="utf-8").splitlines()
    if len(source) != len(target):
        sys.exit(f"{folder}: {len(source)} source lines but {len(target)} reference lines")
    return [
        (zh.strip(), en.strip())
        for zh, en in zip(source, target, strict=True)
        if zh.strip() and en.strip()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=20, help="lines per document")
    parser.add_argument("--sample", type=int, default=30, help="false alarms to print")
    parser.add_argument(
        "--check", action="append", default=[], help="print the sample of this check only"
    )
    parser.add_argument(
        "--align",
        action="store_true",
        help="join the lines as paragraphs (blank-line separated) and let the aligner pair "
        "sentences, instead of keeping the line pairing",
    )
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    glossary = load_glossary()
    matcher = matcher_for(glossary)
    with_entities = sum(1 for zh, en in pairs if matcher.find_zh(zh) or matcher.find_en(en))
    options = ReviewOptions(line_aligned=None if args.align else True)
    joiner = "\n\n" if args.align else "\n"
    by_check: collections.Counter[str] = collections.Counter()
    info: collections.Counter[str] = collections.Counter()
    alarms = []
    started = time.perf_counter()
    documents = 0
    for offset in range(0, len(pairs), args.lines):
        chunk = pairs[offset : offset + args.lines]
        documents += 1
        source = Document(
            path=f"wmt23:{offset + 1}", text=joiner.join(zh for zh, _ in chunk), lang="zh"
        )
        target = Document(
            path=f"wmt23:{offset + 1}", text=joiner.join(en for _, en in chunk), lang="en"
        )
        report = review(source, target, glossary, options)
        segments = {segment.id: segment for segment in report.segments}
        for finding in report.findings:
            if finding.severity == Severity.INFO:
                info[finding.check] += 1
                continue
            by_check[finding.check] += 1
            if not args.check or finding.check in args.check:
                alarms.append((offset, finding, segments[finding.segment]))
    elapsed = time.perf_counter() - started

    paragraphs = len(pairs)
    total = sum(by_check.values())
    print(f"data: {args.data}")
    mode = "aligned by the aligner" if args.align else "line pairing kept"
    print(
        f"documents: {documents} of {args.lines} lines ({mode}); paragraphs: {paragraphs}, "
        f"of which {with_entities} name a glossary entity on either side"
    )
    print(
        f"findings of severity minor or above: {total} "
        f"= {100 * total / paragraphs:.2f} per 100 paragraphs"
    )
    for check, count in sorted(by_check.items()):
        print(f"  {check:<22} {count:>4}  {100 * count / paragraphs:.2f} per 100 paragraphs")
    for check, count in sorted(info.items()):
        print(f"  (info) {check:<15} {count:>4}")
    print(f"time: {elapsed:.1f} s ({paragraphs / elapsed:.0f} paragraphs/s)")
    if alarms and args.sample:
        print(f"\nsample of {min(args.sample, len(alarms))}:")
        for offset, finding, segment in random.Random(0).sample(
            alarms, min(args.sample, len(alarms))
        ):
            print(
                f"- [{finding.severity}] {finding.check} (document at line {offset + 1}, "
                f"segment {finding.segment}): {finding.message}"
            )
            print(f"    zh: {segment.source[:200]}")
            print(f"    en: {segment.target[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
