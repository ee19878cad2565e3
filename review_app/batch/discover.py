"""Finding the documents of a batch: pairs by name, seed folders and bilingual files, each a
:class:`Job` with a report name that is safe and unique, and its date from its name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from review_app.errors import UsageError
from review_app.inputs import SEED_META, SEED_SOURCE, SEED_TARGET

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")


# Names the overview files take, so no document's report can overwrite one.
RESERVED_NAMES = frozenset({"index", "findings", "junit", "errors"})


_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


_PAIR = re.compile(r"^(?P<name>.+)\.(?P<lang>zh|en)(?P<ext>\.[^.]+)$", re.IGNORECASE)


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


_MAX_NAME_BYTES = 150  # a file name is at most 255 bytes; .html and a -NN suffix must fit


@dataclass(frozen=True)
class Job:
    """One document to review: a pair, a seed folder or a bilingual file."""

    name: str  # the report's file name, without suffix: unique and safe in a file system
    label: str  # where it is, relative to the INPUT it was found in (what the overview shows)
    kind: str  # "pair", "seed", "bilingual", or "other" (a file the batch does not read)
    source: str
    target: str  # the same as source for a bilingual file
    meta: str | None = None
    problem: str | None = None  # why it cannot be checked, found before reading it
    reference: str | None = None  # another English version to score against (--reference-dir)

    @property
    def inputs(self) -> tuple[str, ...]:
        paths = (self.source,) if self.source == self.target else (self.source, self.target)
        return (*paths, *(path for path in (self.meta, self.reference) if path))


def with_reference(job: Job, folder: str | Path) -> Job:
    """``job`` with its reference in ``folder`` (a path or a URL), laid out as the INPUT the
    job was found in: the English file's name, in the folder of the job's label (a seed
    folder's own label), if that file exists."""
    from review_app.batch import storage

    if job.kind == "other":
        return job
    where = PurePosixPath(job.label) if job.kind == "seed" else PurePosixPath(job.label).parent
    name = PurePosixPath(job.target).name
    if storage.is_url(folder):
        fs, root = storage.filesystem(str(folder))
        inside = () if where.as_posix() == "." else (where.as_posix(),)
        url = storage.url_of(fs, "/".join((root.rstrip("/"), *inside, name)))
        return dataclasses.replace(job, reference=url) if storage.kind_of(url) == "file" else job
    candidate = Path(folder) / where / name
    return dataclasses.replace(job, reference=str(candidate)) if candidate.is_file() else job


def discover(inputs: Sequence[str | Path], out: Path | None = None) -> list[Job]:
    """Every document in ``inputs`` (folders searched recursively), named uniquely.

    ``out``, if inside a folder searched, is skipped. A path that does not exist, or a file that
    is none of the documents the batch reads, is a usage error; a document found with a part
    missing (a pair's English file) is a job with a ``problem``.
    """
    from review_app.batch import storage
    from review_app.readers.bilingual import BILINGUAL_SUFFIXES

    skip = {_resolved(out)} if out is not None and not storage.is_url(out) else set()
    found: list[tuple[str, str, str, str, str | None, str | None]] = []
    for raw in inputs:
        if storage.is_url(raw):
            found.extend(_discover_url(str(raw), BILINGUAL_SUFFIXES))
            continue
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: not found")
        if _resolved(path) in skip:
            raise UsageError(f"{path}: is the output folder (--out); give the documents' folder")
        if path.is_dir():
            root_label = Path(_resolved(path)).name or str(path)
            for folder, files in _walk(path, skip):
                relative = folder.relative_to(path).as_posix()
                prefix = "" if relative == "." else relative + "/"
                found.extend(_scan_folder(folder, files, prefix, root_label, BILINGUAL_SUFFIXES))
        else:
            found.extend(_single_file(path, BILINGUAL_SUFFIXES))
    if not found:
        raise UsageError(
            f"no documents found in {', '.join(str(p) for p in inputs)} (expected NAME.zh.EXT "
            f"with NAME.en.EXT, seed folders with {SEED_SOURCE}, or .xlf/.xliff/.tmx/.tsv/.csv)"
        )
    jobs: list[Job] = []
    seen_inputs: set[tuple[str, ...]] = set()
    taken: set[str] = set(RESERVED_NAMES)
    for label, kind, source, target, meta, problem in found:
        key = tuple(p if storage.is_url(p) else _resolved(Path(p)) for p in (source, target))
        if key in seen_inputs:  # the same document reached through two INPUTs
            continue
        seen_inputs.add(key)
        name = unique_name(safe_name(label.replace("/", "__")), taken)
        jobs.append(Job(name, printable(label), kind, source, target, meta, problem))
    return jobs


def _discover_url(
    url: str, bilingual: frozenset[str]
) -> Iterator[tuple[str, str, str, str, str | None, str | None]]:
    """The documents at a URL (fsspec), found by the rules of a local folder; their paths are
    URLs. A bilingual file is known by its suffix (an .xml is not opened to sniff it)."""
    from review_app.batch import storage

    kind = storage.kind_of(url)
    if kind is None:
        raise UsageError(f"{url}: not found")
    fs, root = storage.filesystem(url)
    if kind == "file":
        folder = PurePosixPath(root)
        found = _scan_folder(folder.parent, [folder.name], "", folder.parent.name, bilingual)
        yield from (_as_urls(fs, item) for item in found if item[0] == folder.name)
        return
    base = PurePosixPath(root)
    root_label = base.name or url
    for folder, files in storage.walk(url):
        relative = folder.relative_to(base).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for item in _scan_folder(folder, files, prefix, root_label, bilingual):
            yield _as_urls(fs, item)


def _as_urls(
    fs: object, item: tuple[str, str, str, str, str | None, str | None]
) -> tuple[str, str, str, str, str | None, str | None]:
    """A found document with its paths in ``fs`` written as URLs (its problem too)."""
    from review_app.batch import storage

    label, kind, source, target, meta, problem = item
    urls = {path: storage.url_of(fs, path) for path in (source, target, meta) if path}
    for path, url in urls.items():
        problem = problem.replace(path, url) if problem else problem
    return label, kind, urls[source], urls[target], urls.get(meta or ""), problem


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _walk(root: Path, skip: set[str]) -> Iterator[tuple[Path, list[str]]]:
    """Each folder under ``root`` (itself first) with its file names, sorted; hidden folders,
    symbolic links to folders and the folders in ``skip`` are not entered."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and _resolved(Path(folder) / d) not in skip
            and not os.path.islink(os.path.join(folder, d))
        )
        yield Path(folder), sorted(files)


# Translation files the batch does not read, listed as problems rather than passed over: a
# folder of a CAT project holds them beside the files it reads.
_UNREAD_EXCHANGE_SUFFIXES = frozenset(
    {".xls", ".ttx", ".xlz", ".mqxlz", ".sdlppx", ".sdlrpx", ".tbx", ".pot"}
)


def _bilingual(path: PurePath, suffixes: frozenset[str]) -> bool:
    """Whether ``path`` is a bilingual file: by its suffix, or for a local file whose suffix
    says nothing (.xml) by its first bytes; a file at a URL is not opened to find out."""
    from review_app.readers.bilingual import bilingual_kind

    if isinstance(path, Path):
        return bilingual_kind(path) is not None
    return path.suffix.lower() in suffixes


def _scan_folder(
    folder: PurePath,
    files: list[str],
    prefix: str,
    root_label: str,
    bilingual: frozenset[str],
) -> Iterator[tuple[str, str, str, str, str | None, str | None]]:
    """The documents in one folder: (label, kind, source, target, meta, problem)."""
    names = {name for name in files if not name.startswith(".")}
    has_source, has_target = SEED_SOURCE in names, SEED_TARGET in names
    # source.zh.txt beside source.en.txt is the pair "source", not a seed folder missing a part.
    is_seed = (has_source and "source.en.txt" not in names) or (
        has_target and "release.zh.txt" not in names
    )
    if is_seed:
        label = prefix.rstrip("/") or root_label
        meta = folder / SEED_META
        problem = None
        if not has_source:
            problem = f"{folder / SEED_SOURCE}: not found (a seed folder needs the Chinese source)"
        elif not has_target:
            problem = f"{folder / SEED_TARGET}: not found (the English translation is missing)"
        source, target = str(folder / SEED_SOURCE), str(folder / SEED_TARGET)
        yield label, "seed", source, target, str(meta) if SEED_META in names else None, problem
        names -= {SEED_SOURCE, SEED_TARGET, SEED_META}

    groups: dict[str, dict[str, dict[str, PurePath]]] = {}
    for file_name in sorted(names):
        path = folder / file_name
        pair = _PAIR.match(file_name)
        if pair and pair["ext"].lower() in DOCUMENT_SUFFIXES:
            by_lang = groups.setdefault(pair["name"], {"zh": {}, "en": {}})
            by_lang[pair["lang"].lower()][pair["ext"].lower()] = path
        elif _bilingual(path, bilingual):
            yield prefix + file_name, "bilingual", str(path), str(path), None, None
        elif pair or path.suffix.lower() in _UNREAD_EXCHANGE_SUFFIXES:
            yield (
                prefix + file_name,
                "other",
                str(path),
                str(path),
                None,
                f"{path}: not a format the batch reads (documents: "
                f"{', '.join(s[1:] for s in DOCUMENT_SUFFIXES)}; bilingual files: "
                f"{', '.join(sorted(s[1:] for s in bilingual))})",
            )
    for stem, by_lang in groups.items():
        yield from _pairs(folder, prefix + stem, by_lang["zh"], by_lang["en"])


def _pairs(
    folder: PurePath, label: str, zh: Mapping[str, PurePath], en: Mapping[str, PurePath]
) -> Iterator[tuple[str, str, str, str, str | None, str | None]]:
    """Pair a name's Chinese and English files: the same suffix, else the one left of each."""
    pairs = [(zh[ext], en[ext]) for ext in zh if ext in en]
    zh_left = [zh[ext] for ext in zh if ext not in en]
    en_left = [en[ext] for ext in en if ext not in zh]
    if len(zh_left) == 1 and len(en_left) == 1:
        pairs.append((zh_left[0], en_left[0]))
        zh_left, en_left = [], []
    several = len(pairs) + len(zh_left) + len(en_left) > 1
    for source, target in pairs:
        suffix = source.suffix.lower() if several else ""
        yield label + suffix, "pair", str(source), str(target), None, None
    for source in zh_left:
        expected = source.name[: -len(source.suffix) - 3] + ".en" + source.suffix
        suffix = source.suffix.lower() if several else ""
        problem = f"{source}: the English translation is missing (expected {expected})"
        yield label + suffix, "pair", str(source), str(folder / expected), None, problem
    for target in en_left:
        expected = target.name[: -len(target.suffix) - 3] + ".zh" + target.suffix
        suffix = target.suffix.lower() if several else ""
        problem = f"{target}: the Chinese source is missing (expected {expected})"
        yield label + suffix, "pair", str(folder / expected), str(target), None, problem


def _single_file(
    path: Path, bilingual: frozenset[str]
) -> Iterator[tuple[str, str, str, str, str | None, str | None]]:
    """A file named as an INPUT: a bilingual file, one side of a pair, or a seed file."""
    from review_app.readers.bilingual import bilingual_kind

    if bilingual_kind(path) is not None:
        yield path.name, "bilingual", str(path), str(path), None, None
        return
    folder = path.parent
    if path.name in (SEED_SOURCE, SEED_TARGET):
        files = sorted(p.name for p in folder.iterdir() if p.is_file())
        found = list(_scan_folder(folder, files, "", Path(_resolved(folder)).name, bilingual))
        yield from (item for item in found if item[1] == "seed")
        return
    pair = _PAIR.match(path.name)
    if not pair or pair["ext"].lower() not in DOCUMENT_SUFFIXES:
        raise UsageError(
            f"{path}: not a document the batch reads (NAME.zh.EXT or NAME.en.EXT, EXT: "
            f"{', '.join(s[1:] for s in DOCUMENT_SUFFIXES)}; a seed folder; or a bilingual file)"
        )
    stem = pair["name"]
    siblings: dict[str, dict[str, Path]] = {"zh": {}, "en": {}}
    for sibling in sorted(folder.iterdir()):
        match = _PAIR.match(sibling.name)
        if match and match["name"] == stem and match["ext"].lower() in DOCUMENT_SUFFIXES:
            siblings[match["lang"].lower()][match["ext"].lower()] = sibling
    lang, ext = pair["lang"].lower(), pair["ext"].lower()
    own = {ext: siblings[lang][ext]}
    other = "en" if lang == "zh" else "zh"
    others = siblings[other]
    if ext in others:
        others = {ext: others[ext]}
    elif len(others) > 1:
        others = {}
    zh, en = (own, others) if lang == "zh" else (others, own)
    yield from _pairs(folder, stem, zh, en)


def safe_name(text: str) -> str:
    """``text`` as a file name, kept readable: no path separators, control or reserved
    characters, no leading dot, at most :data:`_MAX_NAME_BYTES` bytes of UTF-8."""
    text = unicodedata.normalize("NFC", printable(text))
    text = " ".join(_UNSAFE.sub("_", text).split()).strip(" .") or "document"
    if text.split(".")[0].lower() in _WINDOWS_RESERVED:
        text = "_" + text
    if len(text.encode("utf-8")) > _MAX_NAME_BYTES:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        while len(text.encode("utf-8")) > _MAX_NAME_BYTES - 9:
            text = text[:-1]
        text = f"{text.rstrip(' .')}-{digest}"
    return text


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` … : the first not in ``taken`` (compared case-
    insensitively, as macOS and Windows file systems do); it is added to ``taken``."""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate.casefold())
    return candidate


def printable(text: str) -> str:
    """``text`` without the lone surrogates a file name in no valid encoding decodes to."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def date_from_name(name: str) -> dt.date | None:
    """The first valid date in a file or folder name: 2023-11-10, 2023_11_10, 20231110 …"""
    for match in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None
