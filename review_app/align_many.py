"""``bireview align --pairs LIST|FOLDER --out-dir DIR``: many pairs aligned in one process.

A test set of many small pairs aligned one command each spends most of its time starting the
interpreter and loading jieba, CC-CEDICT and the glossary; one run loads them once.

- A FOLDER: each ``NAME.zh`` or ``NAME.zh.EXT`` with its ``NAME.en`` or ``NAME.en.EXT`` (MAC-Dev
  names its files so; the same EXT is preferred).
- A LIST file: a pair a line, SOURCE and TARGET separated by a tab (or, when neither path has
  a space, by spaces), relative to the list's folder; blank lines and ``#`` comments are skipped.

Each pair's alignment goes to ``DIR/NAME.EXT`` (EXT by ``--format``: txt, tsv, tmx, align),
written whole. A pair that cannot be read or aligned is one line on stderr, the others go on,
and the exit code is 1.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from review_app.errors import InputError, LocatedError, ReviewError, UsageError

SUFFIXES = {"text": ".txt", "tsv": ".tsv", "tmx": ".tmx", "vecalign": ".align"}
_SIDE = re.compile(r"^(?P<name>.+)\.(?P<lang>zh|en)(?P<ext>\.[^.]+)?$")


@dataclass(frozen=True)
class PairFiles:
    name: str
    source: Path
    target: Path


def pairs_of(spec: str | Path) -> list[PairFiles]:
    """The pairs a folder or a list file names, in name (or line) order."""
    path = Path(spec)
    if path.is_dir():
        return _folder_pairs(path)
    if path.is_file():
        return _listed_pairs(path)
    raise UsageError(f"{path}: --pairs needs a folder or a list file")


def _folder_pairs(folder: Path) -> list[PairFiles]:
    sides: dict[str, dict[str, list[Path]]] = {}
    for file in sorted(folder.iterdir()):
        found = _SIDE.match(file.name)
        if found and file.is_file():
            sides.setdefault(found["name"], {}).setdefault(found["lang"], []).append(file)
    pairs = []
    for name, files in sorted(sides.items()):
        if "zh" in files and "en" in files:
            zh = files["zh"][0]
            same = [en for en in files["en"] if en.suffix == zh.suffix]
            pairs.append(PairFiles(name, zh, (same or files["en"])[0]))
    if not pairs:
        raise UsageError(f"{folder}: no NAME.zh / NAME.en pairs in this folder")
    return pairs


def _listed_pairs(listing: Path) -> list[PairFiles]:
    try:
        lines = listing.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(listing, f"cannot read the list ({error})") from None
    pairs = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) != 2 or not all(part.strip() for part in parts):
            raise InputError(listing, "expected SOURCE and TARGET, tab-separated", line=number)
        source, target = (listing.parent / part.strip() for part in parts)
        name = _SIDE.match(target.name)
        pairs.append(PairFiles(name["name"] if name else target.stem, source, target))
    if not pairs:
        raise UsageError(f"{listing}: the list names no pair")
    return pairs


def output_names(pairs: list[PairFiles], suffix: str) -> list[str]:
    """A file name for each pair's alignment, unique within the output folder."""
    from review_app.batch.discover import unique_name

    taken: set[str] = set()
    return [unique_name(pair.name, taken) + suffix for pair in pairs]


def align_all(
    pairs: list[PairFiles],
    out_dir: Path,
    suffix: str,
    align_one: Callable[[PairFiles], str],
) -> int:
    """Write each pair's alignment (``align_one``: its text) into ``out_dir``; 1 if any failed."""
    from review_app.atomic import write_atomically

    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for pair, name in zip(pairs, output_names(pairs, suffix), strict=True):
        try:
            write_atomically(out_dir / name, align_one(pair))
        except (LocatedError, ReviewError) as error:  # this pair only: the others go on
            print(f"bireview: error: {error}", file=sys.stderr)
            failed += 1
    print(
        f"bireview align: {len(pairs) - failed} of {len(pairs)} pairs aligned into {out_dir}",
        file=sys.stderr,
    )
    return 1 if failed else 0
