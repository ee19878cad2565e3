"""Errors that name a file (and line), so an editor can jump to the mistake."""

from __future__ import annotations

from pathlib import Path


class LocatedError(Exception):
    """An error about a file, shown as ``path:line: message`` (``path: message`` with no line)."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class GlossaryError(LocatedError):
    """An invalid glossary file or folder."""
