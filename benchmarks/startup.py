"""How long one `bireview` process takes, warm: its caches built and its bytecode written.

Each command runs once to warm up, then N times; the median and the fastest are printed.
Bytecode is allowed even where PYTHONDONTWRITEBYTECODE is set (a user's machine writes it).

    python benchmarks/startup.py [--repeats 7] [--root .]

``--root`` runs another checkout's code (a `git worktree` of an earlier commit) with this
interpreter, to compare before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def commands(root: Path, scratch: Path) -> dict[str, list[str]]:
    zh, en = scratch / "one.zh.txt", scratch / "one.en.txt"
    zh.write_text("广东省省长王伟中在长春会见吉林省客人。\n", encoding="utf-8")
    en.write_text("Guangdong Governor Wang Weizhong met guests from Jilin in Changchun.\n")
    cli = [sys.executable, "-m", "review_app.cli"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "bireview checks (list the checks)": [*cli, "checks"],
        "bireview align, a one-line pair": [*cli, "align", str(zh), str(en)],
        "bireview check, the seed": [*cli, "check", str(root / "seeds/guangdong-jilin-2023-11-10")],
    }


def timed(command: list[str], root: Path, repeats: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)
    seconds = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
        seconds.append(time.perf_counter() - started)
    return seconds[1:]  # the first run warms up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--root", type=Path, default=HERE, help="the checkout to run")
    args = parser.parse_args()
    root = args.root.resolve()
    print(f"{root} ({args.repeats} runs after one to warm up)")
    print("| command | median | fastest |\n| --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as scratch:
        for name, command in commands(root, Path(scratch)).items():
            seconds = timed(command, root, args.repeats)
            print(f"| {name} | {statistics.median(seconds):.2f} s | {min(seconds):.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
