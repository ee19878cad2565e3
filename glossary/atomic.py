"""Write files so that a failure never leaves half of one: a temporary file, then a rename.

A writer killed before the rename leaves its temporary file behind (``.NAME.1a2b3c4d.tmp``,
hidden, beside ``NAME``); a later write of the same file can remove such leftovers
(``clean_stale``): only files of exactly that name pattern, old enough not to be a write in
progress and not locked by a live writer.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from glossary.errors import LocatedError

# A temporary file older than this (seconds since its last write) is a dead writer's: a live
# one writes a few kilobytes and renames its file within moments.
STALE_AFTER = 5 * 60
_TOKEN_BYTES = 4  # the random part of a temporary file's name, as hex: 8 characters


def temporary_name(path: Path, token: str) -> str:
    """The name of a temporary file for ``path``: the one definition the writer creates and
    :func:`remove_stale_temporaries` matches (``.NAME.TOKEN.tmp``)."""
    return f".{path.name}.{token}.tmp"


def _temporary_pattern(path: Path) -> re.Pattern[str]:
    before, _, after = temporary_name(path, "\0").partition("\0")  # no file name has a NUL
    token = f"[0-9a-f]{{{2 * _TOKEN_BYTES}}}"
    return re.compile(re.escape(before) + token + re.escape(after))


def write_atomically(
    path: str | Path,
    text: str | bytes | Iterable[str | bytes],
    *,
    error: type[LocatedError] = LocatedError,
    clean_stale: bool = False,
) -> None:
    """Write ``text`` (UTF-8; bytes as they are) to ``path``; on any error the old file, if
    any, is untouched. ``text`` may be pieces, written as they come (a file too large to be
    built in memory first: a batch's list of every finding).

    The file keeps the mode it had, or gets the one a new file would (the umask's), not the
    private 0600 of a temporary file. A failure raises ``error`` naming the file.
    ``clean_stale``: once written, remove what killed writers of ``path`` left behind
    (:func:`remove_stale_temporaries`).
    """
    path = Path(path)
    pieces = [text] if isinstance(text, str | bytes) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        handle, temporary = _create_temporary(path)
        try:
            with os.fdopen(handle, "wb") as stream:
                _lock(handle)  # released when the file is closed, or its writer dies
                os.fchmod(handle, mode)
                for piece in pieces:
                    stream.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as problem:
        raise error(path, f"cannot write: {problem.strerror or problem}") from None
    if clean_stale:
        remove_stale_temporaries(path)


def remove_stale_temporaries(path: str | Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Delete the temporary files that writers of ``path`` killed mid-write left beside it.

    Only regular files named as :func:`temporary_name` names them for ``path``, unchanged for
    ``older_than`` seconds and not locked by a writer (another window saving the same file at
    this moment keeps its own). Problems are ignored: this is tidying, never a reason to fail.
    Returns the files deleted.
    """
    path = Path(path)
    pattern = _temporary_pattern(path)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if pattern.fullmatch(entry.name) is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                continue
            if _held(entry.path):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, private temporary file beside ``path``, open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = path.with_name(temporary_name(path, secrets.token_hex(_TOKEN_BYTES)))
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def _lock(handle: int) -> None:
    """Mark a temporary file as being written (where the system has advisory locks)."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted there anyway
        return
    with contextlib.suppress(OSError):  # a file system without locks: the age alone tells
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held(name: str) -> bool:
    """Whether a live writer holds the lock of the temporary file ``name``."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # no locks here: the age decides
    finally:
        os.close(handle)
    return False


_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask (read once: reading it means setting it)."""
    if not _UMASK:
        mask = os.umask(0o022)
        os.umask(mask)
        _UMASK.append(mask)
    return _UMASK[0]
