"""Write files so that a failure never leaves half of one (see :mod:`glossary.atomic`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from glossary import atomic
from review_app.errors import InputError


def write_atomically(
    path: str | Path, text: str | bytes | Iterable[str | bytes], *, clean_stale: bool = False
) -> None:
    """Write ``text`` (UTF-8; bytes as they are; or pieces of it, written as they come) to
    ``path`` atomically; a failure is an :class:`InputError`.
    ``clean_stale``: also remove the temporary files killed writes of ``path`` left behind."""
    atomic.write_atomically(path, text, error=InputError, clean_stale=clean_stale)
