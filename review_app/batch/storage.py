"""Where a batch reads and writes: local paths, or fsspec URLs.

An INPUT or ``--out`` may be a URL (``s3://bucket/releases``, ``gs://…``, ``memory://…``, a
shared file system as ``file:///mnt/archive``), so that workers on other machines read the
documents and write the reports in the same places as the parent. The matching fsspec package
must be installed (s3fs for s3://); fsspec itself is imported only when a URL is given.

- :class:`Folder` is the output folder: each file is written whole, atomically (a temporary
  file and a rename locally; one upload, which object stores make atomic, at a URL).
- A document at a URL is copied to a temporary local folder by the worker that checks it
  (:func:`staged`): the readers (Word, Excel, XLIFF) read local files.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from review_app.errors import InputError, UsageError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(where: str | Path) -> bool:
    """Whether ``where`` is a URL (scheme://…), not a local path."""
    return isinstance(where, str) and _URL.match(where) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path in it; a usage error naming the URL when
    fsspec, or the package its scheme needs, is missing."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: a URL needs fsspec (pip install fsspec)") from None
    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as error:
        raise UsageError(f"{url}: {error}") from None


def url_of(fs: Any, path: str) -> str:
    """The URL of ``path`` in ``fs`` (the form a user gave, with its scheme)."""
    return str(fs.unstrip_protocol(path))


def walk(url: str) -> Iterator[tuple[PurePosixPath, list[str]]]:
    """Each folder under ``url`` (itself first) with its file names, sorted, as fsspec paths;
    hidden folders are not entered (as the local walk)."""
    fs, root = filesystem(url)
    for folder, dirs, files in fs.walk(root, detail=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield PurePosixPath(folder), sorted(files)


def kind_of(url: str) -> str | None:
    """ "dir", "file" or None (not there) for ``url``."""
    fs, path = filesystem(url)
    try:
        info = fs.info(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"{url}: cannot read ({error})") from None
    return "dir" if info.get("type") == "directory" else "file"


def size_of(url: str) -> int:
    """The size in bytes of the file at ``url``; an InputError naming it when it is missing."""
    fs, path = filesystem(url)
    try:
        info = fs.info(path)
    except FileNotFoundError:
        raise InputError(url, "file not found") from None
    except OSError as error:
        raise InputError(url, f"cannot read: {error}") from None
    if info.get("type") == "directory":
        raise InputError(url, "is a folder, expected a document")
    return int(info.get("size") or 0)


def version_of(url: str) -> str:
    """What tells this version of the file at ``url`` from another, without reading it:
    fsspec's checksum (the same value means the same contents; a new upload of the same
    contents may give a new one, and the document is then checked again)."""
    fs, path = filesystem(url)
    return f"{fs.protocol}:{fs.checksum(path)}"


@contextlib.contextmanager
def staged(urls: Iterable[str]) -> Iterator[dict[str, str]]:
    """The files at ``urls`` copied to a temporary local folder for the time of the block:
    each URL and its local copy. Each keeps its name and its folder's name (a seed folder's
    name may date it); the folder is removed afterwards."""
    scratch = tempfile.mkdtemp(prefix="bireview-staged-")
    try:
        copies: dict[str, str] = {}
        for number, url in enumerate(urls):
            fs, path = filesystem(url)
            remote = PurePosixPath(path)
            local = Path(scratch, str(number), remote.parent.name or "_", remote.name)
            local.parent.mkdir(parents=True, exist_ok=True)
            try:
                fs.get_file(path, str(local))
            except FileNotFoundError:
                raise InputError(url, "file not found") from None
            except OSError as error:
                raise InputError(url, f"cannot read: {error}") from None
            copies[url] = str(local)
        yield copies
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class Folder:
    """The batch's output folder, local or at a URL: its files by name."""

    def __init__(self, where: str | Path) -> None:
        self.where = str(where)
        self.remote = is_url(self.where)
        if self.remote:
            self._fs, self._root = filesystem(self.where)

    def __str__(self) -> str:
        return self.where

    def location(self, name: str) -> str:
        """Where the file ``name`` is, as the user would write it."""
        if self.remote:
            return url_of(self._fs, f"{self._root.rstrip('/')}/{name}")
        return str(Path(self.where) / name)

    def ensure(self) -> None:
        """Create the folder (a UsageError naming it when that fails)."""
        try:
            if self.remote:
                self._fs.makedirs(self._root, exist_ok=True)
            else:
                Path(self.where).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = getattr(error, "strerror", None) or error
            raise UsageError(f"{self.where}: cannot create the folder ({reason})") from None

    def read_text(self, name: str) -> str:
        """The text of the file ``name`` (OSError, FileNotFoundError included, when missing)."""
        if self.remote:
            return bytes(self._fs.cat_file(self._path(name))).decode("utf-8")
        return (Path(self.where) / name).read_text(encoding="utf-8")

    def exists(self, name: str) -> bool:
        if self.remote:
            return bool(self._fs.isfile(self._path(name)))
        return (Path(self.where) / name).is_file()

    def write(self, name: str, text: str | Iterable[str]) -> None:
        """Write the file ``name`` whole: the old one, if any, stays until the new one is
        complete. Pieces are written as they come (locally) or gathered for the upload."""
        if not self.remote:
            from review_app.atomic import write_atomically

            write_atomically(Path(self.where) / name, text)
            return
        data = (text if isinstance(text, str) else "".join(text)).encode("utf-8")
        try:
            self._fs.pipe_file(self._path(name), data)
        except OSError as error:
            raise InputError(self.location(name), f"cannot write: {error}") from None

    def remove(self, name: str) -> None:
        """Delete the file ``name`` if it is there."""
        with contextlib.suppress(FileNotFoundError):
            if self.remote:
                self._fs.rm_file(self._path(name))
            else:
                os.unlink(Path(self.where) / name)

    @contextlib.contextmanager
    def journal(self, name: str) -> Iterator[Journal]:
        """A file that grows a line at a time, kept as it grows (see :class:`Journal`)."""
        journal = Journal(self, name)
        try:
            yield journal
        finally:
            journal.close()

    def _path(self, name: str) -> str:
        return f"{self._root.rstrip('/')}/{name}"


class Journal:
    """Lines appended to a file of ``folder``: locally each line is flushed as it is written;
    an object store cannot append, so at a URL the file is uploaded again with every line so
    far, at most every FLUSH_SECONDS and at the end."""

    FLUSH_SECONDS = 5.0

    def __init__(self, folder: Folder, name: str) -> None:
        self.folder, self.name = folder, name
        self._lines: list[str] = []
        self._flushed = time.monotonic()
        self._stream = None
        if not folder.remote:
            self._stream = (Path(folder.where) / name).open("a", encoding="utf-8")
        else:
            with contextlib.suppress(OSError):  # a run killed before: its lines stay
                self._lines = folder.read_text(name).splitlines(keepends=True)

    def write(self, line: str) -> None:
        if self._stream is not None:
            self._stream.write(line)
            self._stream.flush()
            return
        self._lines.append(line)
        if time.monotonic() - self._flushed >= self.FLUSH_SECONDS:
            self._upload()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        elif self._lines:
            self._upload()

    def _upload(self) -> None:
        self.folder.write(self.name, self._lines)
        self._flushed = time.monotonic()
