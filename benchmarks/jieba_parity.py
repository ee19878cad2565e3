"""glossary.words against jieba itself: the same words and tags, and how long each takes to load.

glossary.words cuts and tags with rjieba's route and jieba's own models for new words. This
compares, text by text, its cut (with and without the model for new words) and its tags with
``jieba.lcut`` and ``jieba.posseg.lcut``, on the WMT23 sources, the MQM23 sources and MAC-Dev's
Chinese, and every word of jieba's dictionary's tag with the tagger's table. Each loader is timed
in a fresh process, so that neither warms the other.

    python benchmarks/jieba_parity.py [--shared ../shared] [--show 5]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"

_LOAD = {
    "jieba": "import jieba; jieba.setLogLevel(60); jieba.lcut('粤吉合作')",
    "jieba.posseg": (
        "import jieba, jieba.posseg; jieba.setLogLevel(60); jieba.posseg.lcut('粤吉合作')"
    ),
    "glossary.words.cut": "from glossary import words; words.cut('粤吉合作')",
    "glossary.words.tagged": "from glossary import words; words.tagged('粤吉合作')",
}


def texts(shared: Path) -> dict[str, list[str]]:
    wmt = shared / "data" / "wmt23-zhen" / "generaltest2023.zh-en.src.zh"
    sets = {"WMT23": [line for line in wmt.read_text(encoding="utf-8").splitlines() if line]}
    mqm = shared / "data" / "mqm23-dev" / "mqm23-zhen-dev.tsv"
    with mqm.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        sources = {row["source"].replace("<v>", "").replace("</v>", "") for row in rows}
    sets["MQM23"] = sorted(sources)
    mac = sorted((shared / "data" / "mac-dev").glob("*.zh"))
    sets["MAC-Dev"] = [
        line for path in mac for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return sets


def load_seconds(statement: str) -> float:
    """The median of three fresh processes' time for ``statement``, less Python's own start."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        runs.append(float(done.stdout.strip().splitlines()[-1]))
    return sorted(runs)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", type=int, default=5, help="differences to print for each kind")
    args = parser.parse_args()

    import jieba
    import jieba.posseg

    from glossary import words

    jieba.setLogLevel(60)
    for name, lines in texts(args.shared).items():
        kinds = {
            "cut": (lambda t: jieba.lcut(t), words.cut),
            "cut, no HMM": (lambda t: jieba.lcut(t, HMM=False), lambda t: words.cut(t, hmm=False)),
            "tags": (
                lambda t: [(p.word, p.flag) for p in jieba.posseg.lcut(t)],
                words.tagged,
            ),
        }
        for kind, (theirs, ours) in kinds.items():
            differ = [line for line in lines if theirs(line) != ours(line)]
            print(f"{name:8} {kind:12} {len(lines) - len(differ):5} of {len(lines):5} the same")
            for line in differ[: args.show]:
                print(f"    jieba: {theirs(line)}\n    ours:  {ours(line)}")

    table = jieba.posseg.dt.word_tag_tab
    started = time.perf_counter()
    wrong = [word for word, tag in table.items() if words.dictionary_tag(word) != tag]
    seconds = time.perf_counter() - started
    print(f"dictionary tags: {len(table) - len(wrong)} of {len(table)} the same ({seconds:.1f} s)")
    for word in wrong[: args.show]:
        print(f"    {word}: jieba {table[word]}, ours {words.dictionary_tag(word)}")

    print("load and first call, fresh process (median of 3):")
    for name, statement in _LOAD.items():
        print(f"    {name:24} {load_seconds(statement):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
