"""What the app opens: its own arguments, typed paths, uploaded files; and opening a review.

Nothing here imports Streamlit, so it is tested as plain functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.model import Glossary
from review_app.cli import SEED_META, SEED_SOURCE, SEED_TARGET, _resolve_date, _resolve_inputs
from review_app.errors import InputError, UsageError
from review_app.pipeline import ReviewOptions
from review_app.readers.text import read_document
from review_app.review_store import ReviewSession, store_path_for

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SEEDS = ROOT / "seeds"
SEED_FOLDER = BUNDLED_SEEDS / "guangdong-jilin-2023-11-10"
APP_SCRIPT = "streamlit_app.py"
USAGE = "arguments: [SEED_FOLDER | SOURCE TARGET] [--store-dir DIR] [--glossary DIR]"


@dataclass(frozen=True)
class AppArgs:
    """The app's own arguments (after ``streamlit run FILE --``)."""

    paths: tuple[str, ...] = ()
    store_dir: str | None = None
    glossary: str | None = None  # a glossary folder (default: the built-in glossary)


@dataclass(frozen=True)
class Inputs:
    """A document pair to review, and the ``meta.yaml`` that dates it, if any."""

    source: Path
    target: Path
    meta: Path | None = None


def script_argv(argv: Sequence[str] | None = None) -> list[str]:
    """The arguments given to the page script: ``sys.argv[1:]`` when Streamlit runs it.

    ``streamlit run streamlit_app.py -- ARGS`` sets ``sys.argv`` to ``[streamlit_app.py, *ARGS]``.
    Under any other program (pytest running an ``AppTest``) the arguments are not the app's, so
    none are taken: a test that wants some sets ``sys.argv = [".../streamlit_app.py", *ARGS]``.
    """
    argv = list(sys.argv if argv is None else argv)
    if argv and Path(argv[0]).name == APP_SCRIPT:
        return argv[1:]
    return []


def parse_app_args(argv: Sequence[str]) -> AppArgs:
    """``[PATH | SOURCE TARGET] [--store-dir DIR] [--glossary DIR]``; raises
    :class:`UsageError` otherwise."""
    paths: list[str] = []
    folders: dict[str, str | None] = {"--store-dir": None, "--glossary": None}
    items = iter(argv)
    for item in items:
        option, _, value = item.partition("=")
        if option in folders:
            folders[option] = value if "=" in item else next(items, None)
            if not folders[option]:
                raise UsageError(f"{option} needs a folder; {USAGE}")
        elif item.startswith("--"):
            raise UsageError(f"unknown option {item}; {USAGE}")
        else:
            paths.append(item)
    if len(paths) > 2:
        raise UsageError(f"too many paths; {USAGE}")
    return AppArgs(
        paths=tuple(paths), store_dir=folders["--store-dir"], glossary=folders["--glossary"]
    )


def resolve_inputs(paths: Sequence[str]) -> Inputs:
    """A seed folder (``source.zh.txt``, ``release.en.txt``, ``meta.yaml``) or two files."""
    cleaned = [path.strip() for path in paths if path and path.strip()]
    if not cleaned:
        raise UsageError("give the Chinese source and the English translation (or a seed folder)")
    if len(cleaned) == 1 and not Path(cleaned[0]).is_dir():
        if not Path(cleaned[0]).exists():
            raise InputError(cleaned[0], "not found")
        raise UsageError(f"{cleaned[0]}: give the English translation as well (or a seed folder)")
    source, target, meta = _resolve_inputs(cleaned)
    return Inputs(source=source, target=target, meta=meta)


def data_home() -> Path:
    """``$XDG_DATA_HOME/bireview`` (by default ``~/.local/share/bireview``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "bireview"


def store_dir_for(target: Path, store_dir: str | Path | None) -> Path | None:
    """Where to keep the review: the folder asked for; for the bundled seed (which lives in
    the source tree) a folder under :func:`data_home`; otherwise beside the English file."""
    if store_dir:
        return Path(store_dir)
    try:
        target.resolve().relative_to(BUNDLED_SEEDS.resolve())
    except ValueError:
        return None
    return data_home() / "reviews"


def save_uploads(
    source_name: str, source: bytes, target_name: str, target: bytes, base: Path | None = None
) -> Path:
    """Keep two uploaded files as a seed folder under ``uploads/<sha256 of both>/``.

    The same pair uploaded again lands in the same folder, so its review is resumed. The files
    are saved under the seed names (``source.zh.txt``, ``release.en.txt``) and the original
    names are noted in ``names.txt``.
    """
    digest = hashlib.sha256()
    for content in (source, target):
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    folder = (base or data_home() / "uploads") / digest.hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in ((SEED_SOURCE, source), (SEED_TARGET, target)):
        path = folder / name
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
    names = f"{SEED_SOURCE}\t{Path(source_name).name}\n{SEED_TARGET}\t{Path(target_name).name}\n"
    (folder / "names.txt").write_text(names, encoding="utf-8")
    return folder


# Reviews open in this process, shared by every browser tab on the same pair (so two tabs do
# not overwrite each other's decisions), each with a lock its actions take.
_OPEN: dict[tuple[str, str, str, str], ReviewSession] = {}
_LOCKS: dict[int, threading.RLock] = {}
_REGISTRY_LOCK = threading.Lock()


def open_review(
    inputs: Inputs,
    glossary: Glossary,
    *,
    date: dt.date | None = None,
    store_dir: str | Path | None = None,
) -> ReviewSession:
    """Read both documents and start (or resume) their review.

    The date: ``date`` when given (chosen in the app), otherwise ``meta.yaml``'s, otherwise none.
    A review already open in this process on the same documents (same text, same date) is
    returned as it is, without aligning again. Raises
    :class:`~review_app.errors.InputError` (or another located error) on bad input.
    """
    if date is not None:
        origin: str | None = "chosen in the app"
    else:
        date, origin = _resolve_date(None, inputs.meta)
    source = read_document(inputs.source, lang="zh")
    target = read_document(inputs.target, lang="en")
    folder = store_dir_for(inputs.target, store_dir)
    key = (
        str(store_path_for(target.path, folder).resolve()),
        hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        hashlib.sha256(target.text.encode("utf-8")).hexdigest(),
        date.isoformat() if date else "",
    )
    with _REGISTRY_LOCK:
        session = _OPEN.get(key)
        if session is None:
            options = ReviewOptions(date=date, date_origin=origin)
            session = ReviewSession.open(source, target, glossary, options, store_dir=folder)
            _OPEN[key] = session
            _LOCKS[id(session)] = threading.RLock()
    return session


def lock_of(session: ReviewSession) -> threading.RLock:
    """The lock to hold while changing ``session`` (one per review open in this process)."""
    with _REGISTRY_LOCK:
        return _LOCKS.setdefault(id(session), threading.RLock())


def forget_open_reviews() -> None:
    """Drop the reviews kept open in this process (the next open reads the saved file)."""
    with _REGISTRY_LOCK:
        _OPEN.clear()
        _LOCKS.clear()


def has_meta(folder: Path) -> bool:
    """Whether ``folder`` holds a ``meta.yaml`` (which dates the documents)."""
    return (folder / SEED_META).is_file()
