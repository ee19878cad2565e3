"""The batch's parent process: its peak memory against the number of documents.

N releases of P paragraphs are built from WMT23 as benchmarks/batch_speed.py builds them (a
Chinese and an English text file each), or with ``--tsv`` as one tab-separated file each (a
line pair a row: no aligner runs, so that 50,000 documents take minutes, not the better part of
an hour). Then ``python -m review_app.batch IN --out OUT --jobs J [ARGS]`` runs while this script
polls the parent's VmHWM (its peak resident memory, from /proc; Linux only). The workers' memory
is not counted: it does not grow with the number of documents.

    python benchmarks/batch_memory.py --releases 5000 [--paragraphs 30] [--jobs 2] [--tsv]
        [-- BATCH ARGUMENTS]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch_speed import build_releases, release_pairs  # benchmarks/ is on sys.path when run
from false_alarms import DEFAULT_DATA, load_pairs


def build_tables(pairs: list[tuple[str, str]], folder: Path, count: int, paragraphs: int) -> int:
    """The releases of ``build_releases`` as tab-separated files; the number of bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for number in range(count):
        rows = release_pairs(pairs, number, paragraphs)
        text = "".join(f"{zh}\t{en}\n" for zh, en in rows)
        (folder / f"2023-11-10-release-{number:05d}.tsv").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def peak_kib(pid: int) -> int | None:
    """The process's VmHWM in KiB, or None once it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--releases", type=int, default=5000)
    parser.add_argument("--paragraphs", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tsv", action="store_true", help="one tab-separated file a release")
    parser.add_argument("batch_args", nargs="*", help="more arguments for the batch, after --")
    args = parser.parse_args()

    pairs = load_pairs(args.data)
    with tempfile.TemporaryDirectory() as scratch:
        folder, out = Path(scratch) / "in", Path(scratch) / "out"
        build = build_tables if args.tsv else build_releases
        size = build(pairs, folder, args.releases, args.paragraphs)
        command = [sys.executable, "-m", "review_app.batch", str(folder), "--out", str(out)]
        command += ["--jobs", str(args.jobs), *args.batch_args]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, peak_kib(process.pid) or 0)
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        summary = (process.stdout.read() if process.stdout else b"").decode().strip()
        findings = sum(1 for _ in (out / "findings.csv").open(encoding="utf-8")) - 1
    print(summary.splitlines()[-1] if summary else f"exit {process.returncode}")
    print(
        f"{args.releases} {'TSV ' if args.tsv else ''}releases ({size / 1e6:.1f} MB), "
        f"{findings} findings, --jobs "
        f"{args.jobs} {' '.join(args.batch_args)}: {seconds:.1f} s; "
        f"parent peak memory (VmHWM) {peak / 1024:.0f} MiB"
    )
    return process.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
