"""A progress bar for a large document's review, on a terminal only.

A release takes a second and needs none; a book or a hostile file can take minutes, and a
silent terminal looks hung. The pipeline reports its stages through
``ReviewOptions.stage_progress`` (see :class:`review_app.limits.Budget`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

# Inputs at least this large (both files together) get a bar: about ten seconds of work.
LARGE_BYTES = 512 * 1024

STAGE_NAMES = {
    "paragraphs": "aligning paragraphs",
    "sentences": "aligning sentences",
    "analysing": "finding entities",
    "checking": "running checks",
}


def input_bytes(paths: Iterable[str | Path]) -> int:
    """The size of the files read (a missing one counts 0: its reader will say so)."""
    total = 0
    for path in set(paths):
        with contextlib.suppress(OSError):
            total += Path(path).stat().st_size
    return total


@contextlib.contextmanager
def stage_bar(
    paths: Iterable[str | Path], stream: Any = None
) -> Iterator[Callable[[str, int, int], None] | None]:
    """A ``stage_progress`` callback drawing a tqdm bar on ``stream`` (default: stderr), or
    None when ``stream`` is no terminal or the inputs are small."""
    stream = stream if stream is not None else sys.stderr
    terminal = getattr(stream, "isatty", lambda: False)()
    if not terminal or input_bytes(paths) < LARGE_BYTES:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(file=stream, leave=False, unit=" steps", dynamic_ncols=True)
    current = [""]

    def update(stage: str, done: int, total: int) -> None:
        if stage != current[0]:
            current[0] = stage
            bar.reset(total=total)
            bar.set_description(STAGE_NAMES.get(stage, stage))
        bar.n = done
        if done in (0, total):
            bar.refresh()
        else:
            bar.update(0)  # redraws no more often than tqdm's interval

    try:
        yield update
    finally:
        bar.close()
