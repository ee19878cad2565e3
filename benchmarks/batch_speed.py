"""How fast ``bireview batch`` reviews a folder of releases, on 1 and on 2 cores.

N releases (default 1,000) of P paragraphs (default 30) are built at run time in a temporary
folder from WMT23 zh→en (Chinese source, human reference A; nothing from ../shared is kept):
release i takes the P line pairs from line i×P on (wrapping round the 1,976 pairs), one
paragraph a line pair, blank lines between paragraphs, as ``2023-11-10-release-NNNN.zh.txt`` /
``.en.txt`` (the date in the name dates it, so the officials' roles are checked too).

Each run is the command in a fresh process, ``python -m review_app.batch`` (``bireview batch``
is the same code), into a fresh output folder with every format (json, html, csv, junit):
  --jobs 1, --jobs 2      wall time, documents/s and MB/s (MB of input text read, both sides)
  --cluster               also --jobs 2 --scheduler local: a 2-worker Dask LocalCluster
  re-run, unchanged       --jobs 2 again into the same folder: every document skipped
  start-up                ``batch --help``; a batch of one two-paragraph release (the fixed
                          cost of a run: imports, glossary, jieba and the CC-CEDICT index)

With --profile K, K releases are also reviewed in this process under cProfile (one warm-up
release first, not counted), as a worker reviews them, and the functions taking the most time
are printed.

    .venv/bin/python benchmarks/batch_speed.py [--data ../shared/data/wmt23-zhen] [--releases 1000]
        [--paragraphs 30] [--jobs 1,2] [--cluster] [--profile 20]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from false_alarms import DEFAULT_DATA, load_pairs  # benchmarks/ is on sys.path when run

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "review_app.batch"]


def release_pairs(
    pairs: list[tuple[str, str]], number: int, paragraphs: int
) -> list[tuple[str, str]]:
    """Release ``number``'s line pairs: ``paragraphs`` of them from line number × paragraphs on,
    wrapping round the data."""
    start = number * paragraphs
    return [pairs[(start + i) % len(pairs)] for i in range(paragraphs)]


def build_releases(pairs: list[tuple[str, str]], folder: Path, count: int, paragraphs: int) -> int:
    """Write ``count`` releases into ``folder``; the number of bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for number in range(count):
        chunk = release_pairs(pairs, number, paragraphs)
        for lang, index in (("zh", 0), ("en", 1)):
            text = "\n\n".join(pair[index] for pair in chunk) + "\n"
            path = folder / f"2023-11-10-release-{number:04d}.{lang}.txt"
            path.write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
    return size


def timed(argv: list[str]) -> tuple[float, int, str]:
    """Run ``argv``; its wall time, exit code and last line of output."""
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    lines = result.stdout.strip().splitlines()
    return elapsed, result.returncode, lines[-1] if lines else ""


def best_of(argv: list[str], repeats: int) -> float:
    return min(timed(argv)[0] for _ in range(repeats))


def profile(pairs: list[tuple[str, str]], count: int, paragraphs: int) -> None:
    """Review ``count`` releases in this process under cProfile, as a worker does."""
    from review_app import batch
    from review_app.limits import Limits

    with tempfile.TemporaryDirectory(prefix="bireview-profile-") as temporary:
        folder, out = Path(temporary) / "in", Path(temporary) / "out"
        build_releases(pairs, folder, count, paragraphs)
        out.mkdir()
        jobs = batch.discover([folder], out)
        settings = batch.Settings(
            out=str(out),
            formats=batch.FORMATS,
            glossary=None,
            date=None,
            checks=None,
            limits=Limits(),
        )
        batch.init_worker(settings, quiet_interrupt=False)
        # Warm-up, not counted: jieba, the CC-CEDICT index, and jieba's part-of-speech tagger
        # (loaded at the first abbreviation, as 粤吉 in the seed release).
        (seed,) = batch.discover([ROOT / "seeds" / "guangdong-jilin-2023-11-10"], out)
        batch.review_one(seed)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for job in jobs[:count]:
            batch.review_one(job)
        profiler.disable()
        elapsed = time.perf_counter() - started
    print(f"\nprofile: {count} releases in {elapsed:.2f} s ({elapsed / count * 1000:.0f} ms each)")
    for order in ("cumulative", "tottime"):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats(order).print_stats(25)
        print(f"\n-- by {order} --")
        print("\n".join(stream.getvalue().splitlines()[6:40]))
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_callers(r"method 'search'")
    print("\n-- who calls re.search --")
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=30)
    parser.add_argument("--jobs", default="1,2", help="the --jobs values to time (default: 1,2)")
    parser.add_argument("--repeats", type=int, default=3, help="start-up timings: best of")
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="profile K releases")
    parser.add_argument("--keep", type=Path, help="build the releases here and keep them")
    parser.add_argument(
        "--cluster", action="store_true", help="also time a 2-worker Dask LocalCluster"
    )
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    print(f"data: {args.data} ({len(pairs)} line pairs); cores available: {os.cpu_count()}")
    temporary = Path(tempfile.mkdtemp(prefix="bireview-batch-"))
    try:
        folder = args.keep or temporary / "releases"
        size = build_releases(pairs, folder, args.releases, args.paragraphs)
        megabytes = size / 1e6
        print(
            f"releases: {args.releases} of {args.paragraphs} paragraphs, "
            f"{megabytes:.1f} MB of text ({size / args.releases / 1000:.1f} kB a release)"
        )
        results = []
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = temporary / f"out-{jobs}"
            elapsed, code, summary = timed(
                [*COMMAND, str(folder), "--out", str(out), "--jobs", str(jobs)]
            )
            results.append((f"--jobs {jobs}", elapsed))
            print(summary)
            reports = sum(1 for p in out.glob("*.json")) - 1  # errors.json
            errors = json.loads((out / "errors.json").read_text(encoding="utf-8"))
            print(
                f"--jobs {jobs}: {elapsed:.1f} s, {args.releases / elapsed:.1f} documents/s, "
                f"{megabytes / elapsed:.2f} MB/s (exit {code}, {reports} reports, "
                f"{len(errors)} errors)"
            )
        if args.cluster:  # the same on a 2-worker Dask LocalCluster (--scheduler local)
            out = temporary / "out-cluster"
            elapsed, code, summary = timed(
                [*COMMAND, str(folder), "--out", str(out), "--jobs", "2", "--scheduler", "local"]
            )
            results.append(("--jobs 2 --scheduler local", elapsed))
            print(summary)
            print(
                f"--jobs 2 --scheduler local: {elapsed:.1f} s, "
                f"{args.releases / elapsed:.1f} documents/s (exit {code})"
            )
        last = temporary / f"out-{args.jobs.split(',')[-1]}"
        elapsed, _, summary = timed([*COMMAND, str(folder), "--out", str(last), "--jobs", "2"])
        results.append(("re-run, unchanged", elapsed))
        print(summary)
        print(f"re-run over the same folder, nothing changed: {elapsed:.1f} s")

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of the largest process: {peak:.0f} MiB")
        help_time = best_of([*COMMAND, "--help"], args.repeats)
        tiny = temporary / "tiny"
        build_releases(pairs, tiny, 1, 2)
        tiny_time = best_of(
            [*COMMAND, str(tiny), "--out", str(temporary / "tiny-out"), "--force"], args.repeats
        )
        print(
            f"start-up: batch --help {help_time:.2f} s; one 2-paragraph release {tiny_time:.2f} s"
        )
        bireview = shutil.which("bireview", path=str(Path(sys.executable).parent))
        wired = [bireview, "batch", "--help"] if bireview else []
        if wired and subprocess.run(wired, capture_output=True).returncode == 0:
            print(f"bireview batch --help: {best_of(wired, args.repeats):.2f} s")
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    if args.profile:
        profile(pairs, args.profile, args.paragraphs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
