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

    A failure raises ``error`` naming the file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as problem:
        raise error(path, f"cannot write: {problem.strerror or problem}") from None
