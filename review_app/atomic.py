"""Write files so that a failure never leaves half of one (see :mod:`glossary.atomic`)."""

from __future__ import annotations

from pathlib import Path

from glossary import atomic
from review_app.errors import InputError


def write_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; a failure is an :class:`InputError`."""
    atomic.write_atomically(path, text, error=InputError)
