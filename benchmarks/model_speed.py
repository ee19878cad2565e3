"""Throughput of the local-model path (adequacy.low) and its cost when no model is given.

By default the models are the tiny random ones the tests build (tests/tiny_models.py): the
numbers measure the plumbing (tokenising, batching, generating, scoring), not a real model's
arithmetic. Give real folders to time those: ``--mt-model ./models/opus-mt-zh-en --encoder
./models/labse``.

    python benchmarks/model_speed.py [--segments 500] [--mt-model PATH] [--encoder PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from false_alarms import DEFAULT_DATA, load_pairs  # noqa: E402

from glossary.load import load_glossary  # noqa: E402
from review_app.checks.base import all_checks  # noqa: E402
from review_app.document import Segment  # noqa: E402
from review_app.pipeline import ReviewOptions, review_segments  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--mt-model", type=Path)
    parser.add_argument("--encoder", type=Path)
    parser.add_argument("--threads", type=int, default=None, help="torch threads")
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)[: args.segments]
    segments = [Segment(i, zh, en, (i,), (i,), 1.0) for i, (zh, en) in enumerate(pairs)]
    glossary = load_glossary()
    print(f"data: {args.data}; {len(segments)} pairs, one document")

    # Without models: the same review with and without adequacy.low registered.
    everything = tuple(all_checks())
    without = tuple(check for check in everything if check != "adequacy.low")
    timings = {}
    for name, checks in (("all checks", everything), ("without adequacy.low", without)):
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            review_segments(
                segments, glossary, ReviewOptions(checks=checks), source_path="zh", target_path="en"
            )
            runs.append(time.perf_counter() - started)
        timings[name] = statistics.median(runs)
    print(
        f"no model given: review {timings['all checks']:.3f} s with adequacy.low, "
        f"{timings['without adequacy.low']:.3f} s without (median of 5); torch imported: "
        f"{'torch' in sys.modules}"
    )

    with tempfile.TemporaryDirectory() as scratch:
        mt_model, encoder_path = args.mt_model, args.encoder
        if mt_model is None or encoder_path is None:
            from tests.tiny_models import build_encoder, build_marian, quietly

            mt_model = mt_model or quietly(build_marian, Path(scratch) / "marian")
            encoder_path = encoder_path or quietly(build_encoder, Path(scratch) / "encoder")
            print("models: the tiny random ones of the tests (plumbing, not a real model)")
        from alignment.encoder import TransformersEncoder
        from review_app.adequacy import adequacy_signals
        from review_app.translator import MarianTranslator

        started = time.perf_counter()
        translator = MarianTranslator(mt_model, threads=args.threads)
        encoder = TransformersEncoder(encoder_path, threads=args.threads)
        print(f"loading both: {time.perf_counter() - started:.2f} s")

        started = time.perf_counter()
        translator.translate([segment.source for segment in segments])
        translate = time.perf_counter() - started
        started = time.perf_counter()
        encoder.embed([s.source for s in segments] + [s.target for s in segments])
        embed = time.perf_counter() - started
        started = time.perf_counter()
        adequacy_signals(segments, translator, encoder)
        both = time.perf_counter() - started
        count = len(segments)
        print(f"translate: {count / translate:.0f} segments/s ({translate:.2f} s)")
        print(f"embed source and release: {count / embed:.0f} pairs/s ({embed:.2f} s)")
        print(f"all signals (translate, chrF, embed, cosine): {count / both:.0f} pairs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
