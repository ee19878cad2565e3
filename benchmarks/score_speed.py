"""Speed of ``bireview score``: pairing two English versions and scoring them with sacrebleu.

The texts are generated (seeded): 1,000 sentences of 12–30 words and a post-edited version with
up to four word edits each, written one a line (paired line by line) and again as paragraphs of
five sentences with one sentence dropped (paired by the sentence aligner).

    python benchmarks/score_speed.py [--sentences 1000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from review_app.pairing import pair_texts
from review_app.scoring import score_pairs

_VOCABULARY = (
    "the council approved a new budget for schools roads and hospitals in the northern "
    "province after months of debate between regional officials and local residents who "
    "asked for more money to repair bridges railways harbours and museums"
)
WORDS = _VOCABULARY.split()


def texts(count: int) -> tuple[list[str], list[str]]:
    chooser = random.Random(1)
    drafts, finals = [], []
    for _ in range(count):
        sentence = [chooser.choice(WORDS) for _ in range(chooser.randint(12, 30))]
        edited = list(sentence)
        for _ in range(chooser.randint(0, 4)):
            index = chooser.randrange(len(edited))
            edit = chooser.choice("sid")
            if edit == "s":
                edited[index] = chooser.choice(WORDS)
            elif edit == "i":
                edited.insert(index, chooser.choice(WORDS))
            elif len(edited) > 3:
                del edited[index]
        drafts.append(" ".join(sentence).capitalize() + ".")
        finals.append(" ".join(edited).capitalize() + ".")
    return drafts, finals


def paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1000)
    args = parser.parse_args(argv)
    drafts, finals = texts(args.sentences)
    dropped = finals[: len(finals) // 2] + finals[len(finals) // 2 + 1 :]
    cases = {
        "one a line": ("\n".join(drafts) + "\n", "\n".join(finals) + "\n"),
        "paragraphs, one sentence dropped": (paragraphs(drafts) + "\n", paragraphs(dropped) + "\n"),
    }
    with tempfile.TemporaryDirectory() as scratch:
        for name, (draft, final) in cases.items():
            started = time.perf_counter()
            pairing = pair_texts(draft, final)
            paired = time.perf_counter()
            score_pairs(pairing.pairs, pairing=pairing.method)
            scored = time.perf_counter()
            count = len(pairing.pairs)
            draft_path, final_path = Path(scratch) / "draft.txt", Path(scratch) / "final.txt"
            draft_path.write_text(draft, encoding="utf-8")
            final_path.write_text(final, encoding="utf-8")
            command = [sys.executable, "-m", "review_app.cli", "score", str(draft_path)]
            command += [str(final_path), "--format", "json", "-o", str(Path(scratch) / "s.json")]
            begun = time.perf_counter()
            subprocess.run(command, check=True)
            whole = time.perf_counter() - begun
            print(
                f"{name}: {count} pairs ({pairing.method}); pairing {paired - started:.2f} s, "
                f"scoring {scored - paired:.2f} s = {count / (scored - paired):.0f} pairs/s; "
                f"the command end to end {whole:.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
