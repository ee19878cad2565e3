"""Indexes built from dictionaries once and kept on disk between runs.

Reading CC-CEDICT or jieba's dictionary into an index takes seconds; the result is pickled in
``$BIREVIEW_CACHE_DIR`` (default ``~/.cache/bireview``), under a name keyed by the versions of
the packages it was built from and by the code that built it, so an upgrade or a code change
builds afresh. A cache that cannot be read or written is ignored: never a reason to fail.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
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


def cache_path(name: str, packages: Sequence[str], code: str | Path) -> Path | None:
    """Where the index ``name`` is kept, or None when a package it is built from is missing."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = "-".join(version(package) for package in packages)
    except PackageNotFoundError:
        return None
    digest = hashlib.sha256(Path(code).read_bytes()).hexdigest()[:12]
    return cache_dir() / f"{name}-{versions}-{digest}.pickle"


def cached(
    name: str, packages: Sequence[str], code: str | Path, build: Callable[[], T], kind: type
) -> T:
    """The index ``name`` from disk, or ``build()`` (then saved). ``code`` is the file of the
    code that builds it; ``kind`` the type a loaded index must have."""
    path = cache_path(name, packages, code)
    if path is not None and path.exists():
        try:
            with path.open("rb") as stream:
                index = pickle.load(stream)  # our own file, written below
            if isinstance(index, kind):
                return cast(T, index)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError) as error:
            logger.debug("ignoring unreadable cache %s: %s", path, error)
    index = build()
    if path is not None:
        _save(path, index, name)
    return index


def _save(path: Path, index: object, name: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:  # a read-only home is no reason to fail
        logger.debug("cannot cache %s at %s: %s", name, path, error)
