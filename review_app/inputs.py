"""What a review is of: a seed folder, two documents, or one bilingual file; and its date.

The command line, the app and the batch resolve their paths here, so they accept the same
inputs and say the same things about bad ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from review_app.errors import InputError, UsageError

SEED_SOURCE = "source.zh.txt"
SEED_TARGET = "release.en.txt"
SEED_META = "meta.yaml"
INPUTS_HELP = (
    "a seed folder (source.zh.txt, release.en.txt, meta.yaml), SOURCE TARGET, "
    "or one bilingual file (.xlf, .xliff, .tmx, .tsv, .csv)"
)


@dataclass(frozen=True)
class Inputs:
    """A document pair to review (``source`` is ``target`` for a bilingual file), and the
    ``meta.yaml`` that dates it, if any."""

    source: Path
    target: Path
    meta: Path | None = None

    @property
    def bilingual(self) -> bool:
        return self.source == self.target


def resolve_inputs(paths: Sequence[str | Path]) -> Inputs:
    """A seed folder, one bilingual file, or SOURCE TARGET; a one-line error otherwise."""
    from review_app.readers.bilingual import is_bilingual

    cleaned = [Path(str(path).strip()) for path in paths if str(path).strip()]
    if not cleaned:
        raise UsageError(f"give {INPUTS_HELP}")
    if len(cleaned) > 2:
        raise UsageError(f"too many paths: give {INPUTS_HELP}")
    if len(cleaned) == 2:
        return Inputs(cleaned[0], cleaned[1])
    path = cleaned[0]
    if path.is_dir():
        meta = path / SEED_META
        return Inputs(path / SEED_SOURCE, path / SEED_TARGET, meta if meta.exists() else None)
    if not path.exists():
        raise InputError(path, "not found")
    if is_bilingual(path):
        return Inputs(path, path)
    raise UsageError(f"{path}: give the English translation as well ({INPUTS_HELP})")


def resolve_date(
    option: str | dt.date | None,
    meta_path: Path | None,
    file_date: dt.date | None = None,
    file_origin: str | None = None,
) -> tuple[dt.date | None, str | None]:
    """The document date and where it came from: the option (``--date`` or chosen in the
    app), then ``meta.yaml``, then the bilingual file's own metadata."""
    if isinstance(option, dt.date):
        return option, "chosen in the app"
    if option:
        try:
            return dt.date.fromisoformat(option), "--date"
        except ValueError:
            raise UsageError(f"--date {option!r}: expected YYYY-MM-DD") from None
    if meta_path is not None:
        from review_app.readers.meta import read_meta

        date = read_meta(meta_path).date
        if date:
            return date, meta_path.name
    if file_date is not None:
        return file_date, file_origin
    return None, None
