"""Benchmark sentence alignment on a synthetic 10,000-sentence book: time, memory and F1.

Usage:
    taskset -c 0 .venv/bin/python benchmarks/align_scale.py [--sentences N] [--seed S]

The document pair is built at run time from ../shared/data (nothing of it is committed): the
six MAC-Dev chapters, cut into chunks of 60 gold beads, and the WMT23 zh→en test set, 100
line pairs a chunk (each line one "sentence", its gold bead 1-1), are shuffled and concatenated,
again and again with a new shuffle, until the Chinese side has N sentences. The gold alignment
of the whole follows from the construction. The script aligns it once with
``alignment.align_sentences`` (after loading the lexicon), reporting wall time, the process's
peak RSS (ru_maxrss) and strict/lax P/R/F1, then once more under tracemalloc for the peak of
memory allocated by the aligner itself.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_mac import DEFAULT_DIR, WMT_DIR, BeadT, load_pairs, prf, score_beads

from alignment import align_sentences

Chunk = tuple[list[str], list[str], list[BeadT]]


def chunks(mac_dir: Path, wmt_dir: Path) -> list[Chunk]:
    """Pieces of MAC-Dev (60 gold beads each) and WMT23 (100 lines each), local indices."""
    out: list[Chunk] = []
    for _name, zh, en, gold in load_pairs(mac_dir):
        gold = sorted(gold, key=lambda b: (min(b[0], default=-1), min(b[1], default=-1)))
        for k in range(0, len(gold), 60):
            part = gold[k : k + 60]
            zs = sorted(i for b in part for i in b[0])
            es = sorted(j for b in part for j in b[1])
            if not zs or not es:
                continue
            z0, e0 = zs[0], es[0]
            local = [(tuple(i - z0 for i in a), tuple(j - e0 for j in b)) for a, b in part]
            out.append((zh[z0 : zs[-1] + 1], en[e0 : es[-1] + 1], local))
    wz = next(wmt_dir.glob("*.src.zh")).read_text(encoding="utf-8").splitlines()
    we = next(wmt_dir.glob("*.ref*.en")).read_text(encoding="utf-8").splitlines()
    for k in range(0, len(wz), 100):
        zh, en = wz[k : k + 100], we[k : k + 100]
        out.append((zh, en, [((i,), (i,)) for i in range(len(zh))]))
    return out


def build(n_sentences: int, seed: int, mac_dir: Path, wmt_dir: Path) -> Chunk:
    """A document pair of at least ``n_sentences`` Chinese sentences and its gold beads."""
    pieces = chunks(mac_dir, wmt_dir)
    rng = random.Random(seed)
    zh: list[str] = []
    en: list[str] = []
    gold: list[BeadT] = []
    while len(zh) < n_sentences:
        order = pieces[:]
        rng.shuffle(order)
        for pz, pe, pg in order:
            if len(zh) >= n_sentences:
                break
            z0, e0 = len(zh), len(en)
            zh.extend(pz)
            en.extend(pe)
            gold.extend((tuple(i + z0 for i in a), tuple(j + e0 for j in b)) for a, b in pg)
    return zh, en, gold


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mac", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--wmt", type=Path, default=WMT_DIR)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the second pass")
    args = parser.parse_args(argv)
    zh, en, gold = build(args.sentences, args.seed, args.mac, args.wmt)
    print(f"synthetic pair: {len(zh)} Chinese, {len(en)} English sentences, {len(gold)} beads")
    t = time.perf_counter()
    align_sentences(zh[:3], en[:3])  # load CC-CEDICT and jieba outside the timing
    print(f"lexicon load: {time.perf_counter() - t:.2f}s")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    beads = align_sentences(zh, en)
    elapsed = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = score_beads([(b.src, b.tgt) for b in beads], gold)
    sp, sr, sf = prf(counts, "strict")
    lp, lr, lf = prf(counts, "lax")
    print(f"alignment: {elapsed:.1f}s ({len(beads)} beads)")
    print(f"strict P/R/F1 {sp:.3f} {sr:.3f} {sf:.3f}   lax P/R/F1 {lp:.3f} {lr:.3f} {lf:.3f}")
    print(f"peak RSS: {rss1:.0f} MiB (before aligning: {rss0:.0f} MiB)")
    if not args.no_tracemalloc:
        from alignment.lexicon import en_stems, zh_units

        zh_units.cache_clear()  # count the per-sentence features too
        en_stems.cache_clear()
        tracemalloc.start()
        align_sentences(zh, en)
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory of align_sentences: {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
