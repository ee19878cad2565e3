"""Benchmark sentence alignment on MAC-Dev gold alignments (Vecalign's strict and lax P/R/F1).

Usage:
    taskset -c 0 .venv/bin/python benchmarks/align_mac.py [DIR]   # default ../shared/data/mac-dev
    .venv/bin/python benchmarks/align_mac.py --fit [DIR]    # refit length and confidence constants
    .venv/bin/python benchmarks/align_mac.py --tune [DIR]   # grid-search the cost weights

For each NNN.zh / NNN.en (one sentence a line) the lines are aligned with
``alignment.align_sentences`` and compared with NNN.align (``[zh,...]:[en,...]`` a line).
The default run also times the whole of MAC-Dev end to end in fresh processes (interpreter,
imports, jieba, CC-CEDICT, alignment): once cold, with ``BIREVIEW_CACHE_DIR`` pointing to an
empty temporary directory so that the lexicon index is rebuilt, and once warm, from the index
that the cold run cached there; each reports its peak RSS.

Strict: a predicted bead equals a gold bead. Lax: a predicted bead shares at least one sentence
on each side with a gold bead. Beads with an empty side count in neither precision nor recall.
"""

from __future__ import annotations

import argparse
import ast
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from alignment import align_document, align_sentences, score
from alignment.lexicon import cedict_index, zh_units
from alignment.score import BeadScorer, en_length, zh_length

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "mac-dev"
WMT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "wmt23-zhen"

BeadT = tuple[tuple[int, ...], tuple[int, ...]]


def read_gold(path: Path) -> list[BeadT]:
    """Gold beads of one NNN.align file."""
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        left, right = line.split(":")
        beads.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return beads


def score_beads(pred: list[BeadT], gold: list[BeadT]) -> dict[str, float]:
    """Strict and lax precision, recall and F1 as Vecalign computes them."""
    pred = [b for b in pred if b[0] and b[1]]
    gold = [b for b in gold if b[0] and b[1]]
    gold_set = set(gold)
    strict_tp_p = sum(1 for b in pred if b in gold_set)
    pred_set = set(pred)
    strict_tp_r = sum(1 for b in gold if b in pred_set)

    def overlapping(beads: list[BeadT]) -> Callable[[BeadT], bool]:
        by_src: dict[int, set[int]] = {}
        by_tgt: dict[int, set[int]] = {}
        for k, (src, tgt) in enumerate(beads):
            for i in src:
                by_src.setdefault(i, set()).add(k)
            for j in tgt:
                by_tgt.setdefault(j, set()).add(k)

        def test(x: BeadT) -> bool:
            ks = set().union(*(by_src.get(i, set()) for i in x[0]))
            return any(k in ks for j in x[1] for k in by_tgt.get(j, ()))

        return test

    in_gold, in_pred = overlapping(gold), overlapping(pred)
    lax_tp_p = sum(1 for b in pred if in_gold(b))
    lax_tp_r = sum(1 for b in gold if in_pred(b))
    return {
        "n_pred": len(pred),
        "n_gold": len(gold),
        "strict_tp_p": strict_tp_p,
        "strict_tp_r": strict_tp_r,
        "lax_tp_p": lax_tp_p,
        "lax_tp_r": lax_tp_r,
    }


def prf(counts: dict[str, float], kind: str) -> tuple[float, float, float]:
    """Precision, recall and F1 from summed counts."""
    p = counts[f"{kind}_tp_p"] / counts["n_pred"] if counts["n_pred"] else 0.0
    r = counts[f"{kind}_tp_r"] / counts["n_gold"] if counts["n_gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_pairs(data_dir: Path) -> list[tuple[str, list[str], list[str], list[BeadT]]]:
    """(name, zh lines, en lines, gold beads) of every NNN file in the directory."""
    out = []
    for zh_path in sorted(data_dir.glob("*.zh")):
        stem = zh_path.with_suffix("")
        zh = zh_path.read_text(encoding="utf-8").splitlines()
        en = stem.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        gold = read_gold(stem.with_suffix(".align"))
        out.append((zh_path.stem, zh, en, gold))
    return out


def timing_run(data_dir: Path) -> None:
    """Align every file (no scoring) and print the process's peak RSS: for ``end_to_end``."""
    pairs = load_pairs(data_dir)
    for _name, zh, en, _gold in pairs:
        align_sentences(zh, en)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def end_to_end(data_dir: Path) -> None:
    """Time all of MAC-Dev in fresh processes, cold (lexicon rebuilt) and warm (cached)."""
    with tempfile.TemporaryDirectory(prefix="bireview-cache-") as cache:
        env = {**os.environ, "BIREVIEW_CACHE_DIR": cache}
        for label in ("cold", "warm"):
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--timing-run", str(data_dir)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - t
            rss = float(out.stdout.split()[-1])
            print(
                f"end to end, {label} ({'lexicon rebuilt' if label == 'cold' else 'cached'}):"
                f" {elapsed:.2f}s, peak RSS {rss:.0f} MiB"
            )


def run(data_dir: Path) -> float:
    """Align every file, print per-file and overall scores; return overall strict F1."""
    pairs = load_pairs(data_dir)
    t0 = time.perf_counter()
    cedict_index()
    zh_units("预热。")
    load_time = time.perf_counter() - t0
    total: dict[str, float] = {}
    t_align = 0.0
    print(f"{'file':>6} {'zh':>4} {'en':>4}  strict P/R/F1        lax P/R/F1           time")
    for name, zh, en, gold in pairs:
        t = time.perf_counter()
        beads = align_sentences(zh, en)
        dt = time.perf_counter() - t
        t_align += dt
        pred = [(b.src, b.tgt) for b in beads]
        counts = score_beads(pred, gold)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        sp, sr, sf = prf(counts, "strict")
        lp, lr, lf = prf(counts, "lax")
        print(
            f"{name:>6} {len(zh):>4} {len(en):>4}  {sp:.3f} {sr:.3f} {sf:.3f}  "
            f"{lp:.3f} {lr:.3f} {lf:.3f}  {dt:.2f}s"
        )
    # A second pass under tracemalloc (which slows Python down) measures memory only.
    tracemalloc.start()
    for _name, zh, en, _gold in pairs:
        align_sentences(zh, en)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sp, sr, sf = prf(total, "strict")
    lp, lr, lf = prf(total, "lax")
    print(f"{'all':>6} {'':>4} {'':>4}  {sp:.3f} {sr:.3f} {sf:.3f}  {lp:.3f} {lr:.3f} {lf:.3f}")
    print(f"lexicon + jieba load: {load_time:.2f}s; alignment: {t_align:.2f}s in all")
    print(f"peak traced memory during alignment: {peak / 2**20:.1f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process (lexicon included): {rss:.0f} MiB")
    return sf


def wmt_line_alignment(wmt_dir: Path) -> None:
    """F1 of WMT23 read as line-aligned documents and as 100-line chunks of sentence runs."""
    wz = next(wmt_dir.glob("*.src.zh")).read_text(encoding="utf-8").splitlines()
    we = next(wmt_dir.glob("*.ref*.en")).read_text(encoding="utf-8").splitlines()
    doc = align_document("\n".join(wz), "\n".join(we), line_aligned=True)
    lines_ok = len(doc.beads) == len(wz) and all(b.src and b.tgt for b in doc.beads)
    total: dict[str, float] = {}
    for k in range(0, len(wz), 100):
        zh, en = wz[k : k + 100], we[k : k + 100]
        pred = [(b.src, b.tgt) for b in align_sentences(zh, en)]
        for key, v in score_beads(pred, [((i,), (i,)) for i in range(len(zh))]).items():
            total[key] = total.get(key, 0) + v
    print(
        f"WMT23: line-aligned document {'1.000' if lines_ok else 'BROKEN'}; "
        f"100-line chunks aligned as sentence runs, strict F1 {prf(total, 'strict')[2]:.4f}"
    )


def fit_length(data_dir: Path, wmt_dir: Path) -> None:
    """Fit LEN_RATIO and LEN_VAR on 1-1 gold beads of MAC-Dev and WMT23 line pairs."""
    samples: list[tuple[int, int]] = []
    for _name, zh, en, gold in load_pairs(data_dir):
        for src, tgt in gold:
            if len(src) == 1 and len(tgt) == 1:
                samples.append((zh_length(zh[src[0]]), en_length(en[tgt[0]])))
    n_mac = len(samples)
    zh_path = next(wmt_dir.glob("*.src.zh"))
    en_path = next(wmt_dir.glob("*.ref*.en"))
    zh_lines = zh_path.read_text(encoding="utf-8").splitlines()
    en_lines = en_path.read_text(encoding="utf-8").splitlines()
    for z, e in zip(zh_lines, en_lines, strict=True):
        samples.append((zh_length(z), en_length(e)))
    samples = [(a, b) for a, b in samples if a > 0 and b > 0]
    ratio = sum(b for _a, b in samples) / sum(a for a, _b in samples)
    # Same normalisation as score.length_cost: sqrt of the mean of both lengths in zh units.
    z2 = [(b - ratio * a) ** 2 / ((a + b / ratio) / 2) for a, b in samples]
    var = sum(z2) / len(z2)
    # Robust alternative (median absolute deviation), less sensitive to misaligned WMT lines.
    zs = sorted(math.sqrt(v) for v in z2)
    mad_var = (zs[len(zs) // 2] / 0.6745) ** 2
    print(f"pairs: {len(samples)} ({n_mac} MAC-Dev 1-1 beads + WMT23 lines)")
    print(f"LEN_RATIO = {ratio:.3f}  LEN_VAR = {var:.3f}  (robust MAD variance {mad_var:.3f})")


def fit_confidence(data_dir: Path, wmt_dir: Path) -> None:
    """Logistic regression of "this pair is a translation" on (similarity, length cost).

    Examples: the beads predicted on MAC-Dev (positive when a gold bead) and the WMT23 line
    pairs, each true pair (k, k) with a mismatched one (k, k + 37) as a negative, so that the
    confidence separates unrelated pairs, not only near-misses.
    """
    from alignment.align import _features

    rows: list[tuple[float, float, int]] = []
    wz = next(wmt_dir.glob("*.src.zh")).read_text(encoding="utf-8").splitlines()
    we = next(wmt_dir.glob("*.ref*.en")).read_text(encoding="utf-8").splitlines()
    for k in range(len(wz)):
        for other, label in ((k, 1), ((k + 37) % len(we), 0)):
            scorer = BeadScorer(_features([wz[k]], [we[other]], ()), max_span=1)
            sim, len_c = scorer.signals(0, 1, 0, 1)
            rows.append((sim, len_c, label))
    for _name, zh, en, gold in load_pairs(data_dir):
        gold_set = set(gold)
        scorer = BeadScorer(_features(zh, en, ()), max_span=4)
        for b in align_sentences(zh, en):
            if b.src and b.tgt:
                sim, len_c = scorer.signals(b.src[0], len(b.src), b.tgt[0], len(b.tgt))
                rows.append((sim, len_c, int((b.src, b.tgt) in gold_set)))
    w0 = w1 = w2 = 0.0
    rate = 0.5
    for _ in range(3000):
        g0 = g1 = g2 = 0.0
        for sim, len_c, y in rows:
            z = w0 + w1 * sim - w2 * len_c
            p = 1.0 / (1.0 + math.exp(-z))
            g0 += p - y
            g1 += (p - y) * sim
            g2 -= (p - y) * len_c
        w0 -= rate * g0 / len(rows)
        w1 -= rate * g1 / len(rows)
        w2 -= rate * g2 / len(rows)
    acc = sum(y for *_x, y in rows) / len(rows)
    print(f"beads: {len(rows)} ({acc:.3f} correct)")
    print(f"CONF_BIAS = {w0:.3f}  CONF_LEX = {w1:.3f}  CONF_LEN = {w2:.3f}")


TUNE_GRID: dict[str, list[float]] = {
    "W_LEN": [0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0],
    "W_LEX": [4, 5, 6, 7, 8, 10],
    "SMOOTH": [0.5, 1, 2, 4, 8],
    "SKIP": [8, 10, 13, 16, 20],
    "MARK_WEIGHT": [0.5, 1, 1.5, 2, 3],
    "IDF": [0, 0.5, 1, 2],
    "P12": [0, 0.5, 1, 1.5, 2.5],
    "P21": [0.5, 1, 1.5, 2.5, 3.5],
    "P22": [2, 3, 4, 5, 7],
    "P13": [1, 2, 3, 4],
    "P31": [3, 4, 6, 8],
    "P14": [2, 3, 4.5, 6],
    "P23": [4, 5, 7, 9, 12],
    "P32": [4, 5, 7, 9, 12],
}


def tune(data_dir: Path, wmt_dir: Path, rounds: int = 2) -> None:
    """Coordinate-wise grid search of the cost weights, starting from the current constants.

    Objective: strict F1 on MAC-Dev + 5 x strict F1 of line alignment on seven 100-line
    chunks of WMT23 (every line pair a gold 1-1 bead), so that news is never sacrificed to fiction.
    """
    pairs = load_pairs(data_dir)
    wz = next(wmt_dir.glob("*.src.zh")).read_text(encoding="utf-8").splitlines()
    we = next(wmt_dir.glob("*.ref*.en")).read_text(encoding="utf-8").splitlines()
    wmt = [
        (wz[k : k + 100], we[k : k + 100], [((i,), (i,)) for i in range(100)])
        for k in range(0, 1900, 300)
    ]

    def f1(docs: list[tuple[list[str], list[str], list[BeadT]]]) -> float:
        total: dict[str, float] = {}
        for zh, en, gold in docs:
            pred = [(b.src, b.tgt) for b in align_sentences(zh, en)]
            for k, v in score_beads(pred, gold).items():
                total[k] = total.get(k, 0) + v
        return prf(total, "strict")[2]

    def objective() -> tuple[float, float, float]:
        mac = f1([(zh, en, gold) for _n, zh, en, gold in pairs])
        news = f1(wmt)
        return mac + 5.0 * news, mac, news

    def get(name: str) -> float:
        if name.startswith("P"):
            return score.PRIOR[int(name[1]), int(name[2])]
        return float(getattr(score, name))

    def put(name: str, value: float) -> None:
        if name.startswith("P"):
            score.PRIOR[int(name[1]), int(name[2])] = value
        else:
            setattr(score, name, value)

    best, mac, news = objective()
    print(f"start: MAC-Dev {mac:.4f}  WMT23 {news:.4f}")
    for rnd in range(rounds):
        for name, values in TUNE_GRID.items():
            current = get(name)
            for value in values:
                if value == current:
                    continue
                put(name, value)
                obj, mac, news = objective()
                if obj > best + 1e-9:
                    best, current = obj, value
                    print(f"  {name} = {value}: MAC-Dev {mac:.4f}  WMT23 {news:.4f}")
            put(name, current)
        print(f"round {rnd}: " + ", ".join(f"{n}={get(n)}" for n in TUNE_GRID))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--fit", action="store_true", help="fit the length-model constants")
    parser.add_argument("--tune", action="store_true", help="grid-search the cost weights")
    parser.add_argument("--wmt", type=Path, default=WMT_DIR, help="WMT23 zh-en directory")
    parser.add_argument("--timing-run", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-end-to-end", action="store_true", help="skip cold/warm timing")
    args = parser.parse_args(argv)
    if args.timing_run:
        timing_run(args.dir)
        return 0
    if args.fit:
        fit_length(args.dir, args.wmt)
        fit_confidence(args.dir, args.wmt)
        return 0
    if args.tune:
        tune(args.dir, args.wmt)
        return 0
    run(args.dir)
    wmt_line_alignment(args.wmt)
    if not args.no_end_to_end:
        end_to_end(args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
