"""Write files so that a failure never leaves half of one: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from glossary.errors import LocatedError


def write_atomically(
    path: str | Path, text: str, *, error: type[LocatedError] = LocatedError
) -> None:
    """Write ``text`` (UTF-8) to ``path``; on any error the old file, if any, is untouched.

    The file keeps the mode it had, or gets the one a new file would (the umask's), not the
    private 0600 of a temporary file. A failure raises ``error`` naming the file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            os.fchmod(handle, mode)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as problem:
        raise error(path, f"cannot write: {problem.strerror or problem}") from None


_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask (read once: reading it means setting it)."""
    if not _UMASK:
        mask = os.umask(0o022)
        os.umask(mask)
        _UMASK.append(mask)
    return _UMASK[0]
