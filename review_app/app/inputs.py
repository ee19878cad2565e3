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
from typing import TYPE_CHECKING

from glossary.model import Glossary
from review_app.errors import UsageError
from review_app.inputs import SEED_META, Inputs, resolve_date
from review_app.inputs import resolve_inputs as resolve_paths
from review_app.pipeline import ReviewOptions, bilingual_pair
from review_app.readers.bilingual import BilingualFile, read_bilingual
from review_app.readers.text import read_document
from review_app.review_store import ReviewSession, store_path_for

if TYPE_CHECKING:
    from alignment.score import SentenceEncoder
    from review_app.translator import MarianTranslator

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SEEDS = ROOT / "seeds"
SEED_FOLDER = BUNDLED_SEEDS / "guangdong-jilin-2023-11-10"
APP_SCRIPT = "streamlit_app.py"
USAGE = (
    "arguments: [SEED_FOLDER | SOURCE TARGET] [--store-dir DIR] [--glossary DIR] "
    "[--mt-model DIR] [--encoder DIR]"
)


@dataclass(frozen=True)
class AppArgs:
    """The app's own arguments (after ``streamlit run FILE --``)."""

    paths: tuple[str, ...] = ()
    store_dir: str | None = None
    glossary: str | None = None  # a glossary folder (default: the built-in glossary)
    # Optional local model folders for adequacy.low (review_app.models).
    mt_model: str | None = None
    encoder: str | None = None


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
    """``[PATH | SOURCE TARGET] [--store-dir DIR] [--glossary DIR] [--mt-model DIR]
    [--encoder DIR]``; raises :class:`UsageError` otherwise."""
    paths: list[str] = []
    folders: dict[str, str | None] = dict.fromkeys(
        ("--store-dir", "--glossary", "--mt-model", "--encoder")
    )
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
        paths=tuple(paths),
        store_dir=folders["--store-dir"],
        glossary=folders["--glossary"],
        mt_model=folders["--mt-model"],
        encoder=folders["--encoder"],
    )


def resolve_inputs(paths: Sequence[str]) -> Inputs:
    """A seed folder, SOURCE TARGET, or one bilingual file (see :mod:`review_app.inputs`)."""
    return resolve_paths(paths)


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


def save_uploads(uploads: Sequence[tuple[str, bytes]], base: Path | None = None) -> list[Path]:
    """Keep uploaded files under ``uploads/<sha256 of them>/`` and return their paths.

    Two files are the Chinese source and the English, saved as ``source.zh.EXT`` and
    ``release.en.EXT``; one file is a bilingual file, saved as ``bilingual.EXT``. Each keeps
    its suffix, which says how to read it. The same upload again lands in the same folder, so
    its review is resumed; the original names are noted in ``names.txt``.
    """
    if len(uploads) not in (1, 2):
        raise UsageError("upload the Chinese source and the English, or one bilingual file")
    stems = ("source.zh", "release.en") if len(uploads) == 2 else ("bilingual",)
    names = [
        stem + (Path(name).suffix.lower() or ".txt")
        for stem, (name, _) in zip(stems, uploads, strict=True)
    ]
    digest = hashlib.sha256()
    for name, (_, content) in zip(names, uploads, strict=True):
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    folder = (base or data_home() / "uploads") / digest.hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (_, content) in zip(names, uploads, strict=True):
        path = folder / name
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
        paths.append(path)
    listing = "".join(
        f"{name}\t{Path(original).name}\n"
        for name, (original, _) in zip(names, uploads, strict=True)
    )
    (folder / "names.txt").write_text(listing, encoding="utf-8")
    return paths


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
    translator: MarianTranslator | None = None,
    encoder: SentenceEncoder | None = None,
) -> ReviewSession:
    """Read both documents and start (or resume) their review (``translator``, ``encoder``:
    the optional local models of adequacy.low; the encoder also helps the aligner).

    The date: ``date`` when given (chosen in the app), otherwise ``meta.yaml``'s, otherwise none.
    A review already open in this process on the same documents (same text, same date) is
    returned as it is, without aligning again. Raises
    :class:`~review_app.errors.InputError` (or another located error) on bad input.
    """
    bilingual: BilingualFile | None = None
    if inputs.bilingual:
        bilingual = read_bilingual(inputs.source)
        date, origin = resolve_date(date, None, bilingual.date, bilingual.date_origin)
        pair = bilingual_pair(bilingual)
        source, target = pair.source, pair.target
    else:
        date, origin = resolve_date(date, inputs.meta)
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
            options = ReviewOptions(
                date=date, date_origin=origin, translator=translator, encoder=encoder
            )
            if bilingual is not None:
                session = ReviewSession.open_bilingual(
                    bilingual, glossary, options, store_dir=folder
                )
            else:
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
