"""Indexes built once and kept on disk between runs.

Reading CC-CEDICT or jieba's dictionary into an index takes seconds, and so does validating
the glossary's YAML; the result is pickled in
``$BIREVIEW_CACHE_DIR`` (default ``~/.cache/bireview``), under a name keyed by the versions of
the packages it was built from and by the code that built it, so an upgrade or a code change
builds afresh. A cache that cannot be read or written is ignored: never a reason to fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

logger = logging.getLogger(__name__)

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder the indexes are kept in."""
    root = os.environ.get("BIREVIEW_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bireview"
    )
    return Path(root)


def cache_path(
    name: str,
    packages: Sequence[str],
    code: str | Path | Sequence[str | Path],
    data: tuple[str, str] | None = None,
) -> Path | None:
    """Where the index ``name`` is kept, or None when a package it is built from is missing.

    ``code``: the file or files of the code that builds it. ``data``: for an index built from
    files of the user's (a glossary), which files (a digest of their paths) and in what state
    (a digest of their contents).
    """
    prefix = _prefix(name, packages, code)
    if prefix is None:
        return None
    suffix = f"-{data[0]}-{data[1]}" if data else ""
    return cache_dir() / f"{prefix}{suffix}.pickle"


def _prefix(
    name: str, packages: Sequence[str], code: str | Path | Sequence[str | Path]
) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = "-".join(version(package) for package in packages)
    except PackageNotFoundError:
        return None
    files = [code] if isinstance(code, str | Path) else list(code)
    digest = hashlib.sha256()
    for file in files:
        digest.update(Path(file).read_bytes())
    return f"{name}-{versions}-{digest.hexdigest()[:12]}"


def cached(
    name: str,
    packages: Sequence[str],
    code: str | Path | Sequence[str | Path],
    build: Callable[[], T],
    kind: type,
    data: tuple[str, str] | None = None,
    announce: str | None = None,
) -> T:
    """The index ``name`` from disk, or ``build()`` (then saved, and the copies it replaces
    deleted); see :func:`cache_path` for ``code`` and ``data``. ``kind`` is the type a loaded
    index must have. ``announce``: what a slow build is, told on a terminal before it starts
    (the first run on a machine would otherwise sit silent for seconds)."""
    path = cache_path(name, packages, code, data)
    if path is not None and path.exists():
        try:
            with path.open("rb") as stream:
                index = pickle.load(stream)  # our own file, written below
            if isinstance(index, kind):
                return cast(T, index)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError) as error:
            logger.debug("ignoring unreadable cache %s: %s", path, error)
    if announce and sys.stderr.isatty():
        print(f"bireview: {announce}, once for this machine ({cache_dir()})", file=sys.stderr)
    index = build()
    if path is not None:
        _save(path, index, name)
        _prune(path, name, str(_prefix(name, packages, code)), data)
    return index


def _save(path: Path, index: object, name: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path.parent, name)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:  # a read-only home is no reason to fail
        logger.debug("cannot cache %s at %s: %s", name, path, error)


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """What a process killed while saving ``name`` left behind (an index is written in seconds:
    a temporary file unchanged for STALE_AFTER is a dead writer's)."""
    from glossary.atomic import STALE_AFTER

    now = time.time()
    for temporary in folder.glob(f".{name}-*"):
        with contextlib.suppress(OSError):
            if temporary.is_file() and now - temporary.stat().st_mtime > STALE_AFTER:
                temporary.unlink()


def _prune(path: Path, name: str, prefix: str, data: tuple[str, str] | None) -> None:
    """Delete the copies ``path`` replaces: the index built by other code or package versions,
    and, for ``data``, the same files in an earlier state."""
    for other in path.parent.glob(f"{name}-*.pickle"):
        if other == path:
            continue
        stale = not other.name.startswith(f"{prefix}")
        earlier = data is not None and other.name.startswith(f"{prefix}-{data[0]}-")
        if stale or earlier:
            try:
                other.unlink()
            except OSError as error:
                logger.debug("cannot delete the old cache %s: %s", other, error)
