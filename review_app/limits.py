"""The bounds on what a review reads and the work it does, in one place.

Every way in (``check``, ``batch``, ``align``, ``score``, the app) reads its files and runs the
pipeline under a :class:`Limits`: a hostile or careless input (a .docx that unpacks to
gigabytes, two 30 MB text files, one megabyte of Chinese without punctuation) is refused with a
one-line error that names the option raising the bound, or stopped by the time limit, instead
of running for an hour and taking the machine's memory.

The longest run of text without a sentence break needs no bound of its own: the sentence
splitters cut any run past 400 Chinese or 1,200 English characters at a comma or a space
(:data:`alignment.segment.MAX_ZH_CHARS`), so no later stage sees a longer sentence.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from review_app.errors import InputError, UsageError

MB = 2**20


@dataclass(frozen=True)
class Limits:
    """What one document may cost. The defaults leave room for a book (a 3 MB novel takes
    about a minute) and refuse what no release is."""

    file_mb: float = 10.0  # bytes read from any one file (document, reference, bilingual file)
    unpacked_mb: float = 50.0  # bytes a .docx unpacks to, read from its zip directory
    sentences: int = 200_000  # sentences on either side of one document
    segment_chars: int = 20_000  # characters in one segment (a unit or a line kept as paired)
    seconds: float = 600.0  # time to review one document; 0: no limit

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MB)

    @property
    def unpacked_bytes(self) -> int:
        return int(self.unpacked_mb * MB)


DEFAULT_LIMITS = Limits()

# The option that raises each bound, named in the errors.
OPTIONS = {
    "file_mb": "--max-file-mb",
    "unpacked_mb": "--max-unpacked-mb",
    "sentences": "--max-sentences",
    "segment_chars": "--max-segment-chars",
    "seconds": "--time-limit",
}
# Each bound's command-line attribute, placeholder and help (its default is appended).
_ARGUMENTS = {
    "file_mb": ("max_file_mb", "MB", "refuse a file larger than this"),
    "unpacked_mb": (
        "max_unpacked_mb",
        "MB",
        "refuse a .docx whose parts unpack to more than this, before unpacking it",
    ),
    "sentences": ("max_sentences", "N", "refuse a document of more sentences a side"),
    "segment_chars": (
        "max_segment_chars",
        "N",
        "refuse a unit or line kept as paired that holds more characters",
    ),
    "seconds": ("time_limit", "SECONDS", "stop reviewing a document after this long; 0: no limit"),
}


def add_limit_options(parser: argparse.ArgumentParser, *, aliases: tuple[str, ...] = ()) -> None:
    """The options that raise (or lower) each bound. ``aliases``: older spellings of
    ``--max-file-mb`` kept working (batch's ``--max-mb``)."""
    group = parser.add_argument_group("limits (a document past one is refused, see README)")
    for name, (dest, metavar, text) in _ARGUMENTS.items():
        default = getattr(DEFAULT_LIMITS, name)
        shown = f"{default:,}" if isinstance(default, int) else f"{default:g}"
        group.add_argument(
            OPTIONS[name],
            *(aliases if name == "file_mb" else ()),
            dest=dest,
            type=type(default),
            default=default,
            metavar=metavar,
            help=f"{text} (default: {shown})",
        )


def limits_from_args(args: argparse.Namespace) -> Limits:
    """The :class:`Limits` the options ask for; a bound that is not positive is a usage error."""
    limits = Limits(**{name: getattr(args, dest) for name, (dest, _, _) in _ARGUMENTS.items()})
    for name, option in OPTIONS.items():
        value = getattr(limits, name)
        if not value > 0 and not (name == "seconds" and value == 0):
            raise UsageError(f"{option} {value:g}: give a number above 0")
    return limits


def too_large(size: int | None, limits: Limits) -> str:
    """The message for a file of ``size`` bytes (None: unknown, read past the limit)."""
    most = f"at most {limits.file_mb:g} MB, see {OPTIONS['file_mb']}"
    if size is None:
        return f"the file is too large (over {limits.file_mb:g} MB; {most})"
    return f"the file is too large ({size / MB:.1f} MB; {most})"


class LimitError(InputError):
    """A document past one of the :class:`Limits`."""


class Budget:
    """The time one document may take, and where its review has got to.

    The pipeline calls :meth:`tick` between small steps (a stretch of the alignment, a segment
    analysed, a segment checked): past the deadline it raises :class:`LimitError`, which no
    check swallows; ``progress`` (a stage's name, steps done, steps in all) drives a progress
    bar.
    """

    def __init__(
        self,
        path: str | Path,
        limits: Limits = DEFAULT_LIMITS,
        progress: Callable[[str, int, int], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.limits = limits
        self.progress = progress
        self.clock = clock
        self.started = clock()
        self.deadline = self.started + limits.seconds if limits.seconds else None
        self.stage = ""
        self.done = 0
        self.total = 0

    def begin(self, stage: str, total: int) -> None:
        """Start a stage of ``total`` steps."""
        self.stage, self.done, self.total = stage, 0, total
        self.tick(0)

    def step(self, stage: str, steps: int, total: int) -> None:
        """``steps`` more steps of ``stage`` (begun if it is new): the aligner's callback."""
        if stage != self.stage or total != self.total:
            self.begin(stage, total)
        self.tick(steps)

    def tick(self, steps: int = 1) -> None:
        """``steps`` more steps done; raises :class:`LimitError` once the time is up."""
        self.done += steps
        if self.deadline is not None and self.clock() > self.deadline:
            where = f" ({self.stage}, {self.done:,} of {self.total:,})" if self.stage else ""
            raise LimitError(
                self.path,
                f"stopped after {self.limits.seconds:g} s{where}: the document is too large or "
                f"too costly to review in time (see {OPTIONS['seconds']})",
            )
        if self.progress is not None:
            self.progress(self.stage, self.done, self.total)

    def check_sentences(self, zh: int, en: int) -> None:
        """Refuse a document with more sentences a side than the limit."""
        most = max(zh, en)
        if most > self.limits.sentences:
            side = "Chinese" if zh >= en else "English"
            raise LimitError(
                self.path,
                f"the {side} side has {most:,} sentences (at most {self.limits.sentences:,}, "
                f"see {OPTIONS['sentences']})",
            )
