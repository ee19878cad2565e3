"""Recall on real MT errors by class of entity: person, place, organisation, figure.

Runs ``../shared/tools/mqm_score.py`` (which runs ``bireview batch``) with ``--misses``, then
sorts the entity-error segments (two raters agree on a mistranslated proper noun or figure) by
the class of the span the raters marked, read from the English span by rule:

- figure: the span is digits;
- place: the span is a country or region name (CLDR, English) or a CC-CEDICT place;
- organisation: a word of bodies and media (News, Network, Party, Commission, Foundation …);
- person: any other name.

The rule is rough (a rater's span is what the MT wrote, often a garbled name); it only shows
where the misses are.

    python benchmarks/mqm_classes.py [../shared/data/mqm23-dev/mqm23-zhen-dev.tsv] [--cmd CMD]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".." / "shared" / "tools"
DEFAULT = ROOT / ".." / "shared" / "data" / "mqm23-dev" / "mqm23-zhen-dev.tsv"
_BODY_WORDS = re.compile(
    r"\b(?:News|Network|Service|Agency|Times|Daily|Post|Evening|Party|Camp|Commission|Council|"
    r"Committee|Foundation|Ministry|Department|Office|Bank|Company|Group|Association|Union|"
    r"Institute|University|Hospital|Bureau|Court|Observ\w*|Watch|Net|com|SEC|SFC|CNN|Xinhua)\b"
)


def place_names() -> frozenset[str]:
    from glossary.knowledge.cldr import cldr_layer
    from glossary.knowledge.places import place_index

    names = {form for rows in cldr_layer()[0].values() for row in rows for form in row[1]}
    names |= {name for place in place_index().places.values() for name in place.en}
    return frozenset(name.casefold() for name in names)


def entity_class(span: str, places: frozenset[str]) -> str:
    if re.fullmatch(r"[\d.,%]+", span):
        return "figure"
    if span.casefold() in places or span.casefold().rstrip("s") in places:
        return "place"
    if _BODY_WORDS.search(span):
        return "organisation"
    return "person"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", default=str(DEFAULT))
    parser.add_argument("--cmd", default="bireview", help="the bireview to score (mqm_score's)")
    args = parser.parse_args()
    sys.path.insert(0, str(TOOLS))
    import mqm_score  # type: ignore[import-not-found]

    segments = mqm_score.load(args.tsv, "all")
    with tempfile.TemporaryDirectory() as folder:
        misses_file = Path(folder) / "misses.jsonl"
        command = [sys.executable, str(TOOLS / "mqm_score.py"), args.tsv, "--cmd", args.cmd]
        done = subprocess.run(
            [*command, "--misses", str(misses_file)], capture_output=True, text=True, check=True
        )
        missed = {
            (miss["source"], miss["target"])
            for miss in map(json.loads, misses_file.read_text(encoding="utf-8").splitlines())
        }
    print(done.stdout.strip().splitlines()[-1])
    places = place_names()
    wanted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for segment in segments.values():
        agreed = [span for span, raters in segment["marks"].items() if len(set(raters)) >= 2]
        if not agreed:
            continue
        kind = entity_class(agreed[0], places)
        wanted[kind] += 1
        target = segment["target"].replace("\n", " ")
        caught[kind] += (segment["source"], target) not in missed
    print("| class | segments | caught | recall |")
    print("| --- | ---: | ---: | ---: |")
    for kind in ("person", "place", "organisation", "figure"):
        share = caught[kind] / wanted[kind] if wanted[kind] else 0.0
        print(f"| {kind} | {wanted[kind]} | {caught[kind]} | {share:.3f} |")


if __name__ == "__main__":
    main()
