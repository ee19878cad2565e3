"""``bireview batch``: review a whole folder of releases and write one overview.

Inputs (folders are searched recursively; hidden files and folders, and the output folder, are
skipped):

- pairs matched by name in one folder: ``NAME.zh.EXT`` with ``NAME.en.EXT`` (EXT: txt, md,
  markdown, html, htm, docx; the same EXT preferred, else the one other file of that NAME);
- seed-style folders: ``source.zh.txt`` + ``release.en.txt`` (+ optional ``meta.yaml``);
- bilingual files, each one document with its own pairing and unit ids: ``.xlf``, ``.xliff``
  (1.2 and 2.x), ``.tmx``, ``.tsv``, ``.csv``.

The document date, in this order: ``--date``, ``meta.yaml``, the file's metadata (XLIFF, TMX),
a date in the file (or seed folder) name (``2023-11-10``, ``2023_11_10``, ``20231110``). The
overview shows the date and where it came from.

Outputs, in ``--out DIR`` (every file written to a temporary file and renamed):

- ``NAME.json``: each document's report, exactly as ``bireview check --format json`` (always
  written: it is what a re-run reuses); ``NAME.html`` with ``html``;
- ``index.html`` (always): totals by severity and by check with bar charts, the documents that
  could not be read, and every document, worst first, linked to its report;
- ``findings.csv`` with ``csv``: one row a finding, the columns of ``bireview check --format csv``
  after a first ``document`` column (the report name);
- ``junit.xml`` with ``junit``: one test case a document, a ``<failure>`` when a finding reaches
  ``--fail-on``, an ``<error>`` when the document could not be read;
- ``errors.json`` (always): ``[{"document", "inputs", "error"}]``, ``[]`` when none;
- ``.bireview-batch.json``: what a re-run needs to skip the documents that did not change.

Exit codes: 0 no finding reaches ``--fail-on``; 1 some do, or a document could not be read;
2 the command itself could not run (bad arguments, no documents, a bad glossary, DIR unwritable).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from review_app import __version__
from review_app.cli import add_review_options, parse_check_ids, parse_states
from review_app.errors import LocatedError, ReviewError, UsageError
from review_app.findings import SEVERITIES
from review_app.inputs import SEED_META, SEED_SOURCE, SEED_TARGET
from review_app.limits import Limits, limits_from_args, too_large
from review_app.models import (
    forget_models,
    load_encoder_option,
    load_translator_option,
    model_tags,
)

if TYPE_CHECKING:
    from glossary.model import Glossary
    from review_app.report.model import Report

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
FORMATS = ("json", "html", "csv", "junit")
DEFAULT_FORMATS = FORMATS
MANIFEST = ".bireview-batch.json"
MANIFEST_SCHEMA = "bireview.batch/1"
# Each document's manifest entry, a line as it finishes: a run killed halfway resumes from it.
JOURNAL = ".bireview-batch.journal"
# Names the overview files take, so no document's report can overwrite one.
RESERVED_NAMES = frozenset({"index", "findings", "junit", "errors"})
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
_PAIR = re.compile(r"^(?P<name>.+)\.(?P<lang>zh|en)(?P<ext>\.[^.]+)$", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_MAX_NAME_BYTES = 150  # a file name is at most 255 bytes; .html and a -NN suffix must fit


# -- the command -------------------------------------------------------------------------------


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Add the ``batch`` subcommand to ``bireview``'s subcommands."""
    batch = commands.add_parser(
        "batch",
        help="review a folder of releases; write one report a document and an overview",
        description="Review every document pair (NAME.zh.EXT + NAME.en.EXT, EXT: txt, md, html, "
        f"docx), seed folder ({SEED_SOURCE} + {SEED_TARGET} + optional {SEED_META}) and "
        "bilingual file (.xlf, .xliff, .tmx, .tsv, .csv) found in INPUT (folders are searched "
        "recursively). Writes DIR/NAME.json for each document (the schema of 'bireview check "
        "--format json'), DIR/index.html, DIR/errors.json and, by --format, DIR/NAME.html, "
        "DIR/findings.csv and DIR/junit.xml. Exit 0: no finding reaches --fail-on; 1: some do, "
        "or a document could not be read (see errors.json); 2: the command could not run.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="folders or files to review")
    batch.add_argument("--out", required=True, metavar="DIR", help="write the reports here")
    batch.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        metavar="FORMAT,...",
        help="json: NAME.json a document (always written); html: NAME.html a document, linked "
        "from index.html; csv: findings.csv; junit: junit.xml "
        f"(default: {','.join(DEFAULT_FORMATS)}); index.html and errors.json are always written",
    )
    batch.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help=f"documents checked in parallel processes (default: the cores, here {cpu_count()})",
    )
    batch.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="date of every document (default: meta.yaml, the file's metadata, or a date in "
        "the file name)",
    )
    add_review_options(batch, file_mb_aliases=("--max-mb",))
    batch.add_argument(
        "--force",
        action="store_true",
        help="check every document again, even those unchanged since the last run into DIR",
    )
    batch.add_argument(
        "--reference-dir",
        metavar="DIR",
        help="other English versions (machine drafts, earlier releases) in a folder laid out as "
        "INPUT: each document's report gains BLEU, chrF and TER against its English file's "
        "namesake there (DIR/sub/NAME.en.txt for INPUT/sub/NAME.en.txt, "
        "DIR/sub/seed/release.en.txt for a seed folder, DIR/sub/job.xlf for a bilingual file)",
    )
    batch.set_defaults(handler=run)


def main(argv: Sequence[str] | None = None) -> int:
    """``bireview batch ...``: the command line's own entry point (same parser, same errors)."""
    from review_app.cli import main as cli_main

    return cli_main(argv)


def cpu_count() -> int:
    """The cores this process may run on (respects taskset and container limits)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    """The ``batch`` subcommand; returns the exit code."""
    from glossary.load import load_glossary
    from review_app.inputs import resolve_date

    formats = parse_formats(args.format)
    jobs = cpu_count() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give 1 or more")
    limits = limits_from_args(args)
    resolve_date(args.date, None)  # a bad --date is a usage error before anything runs
    checks = parse_check_ids(args.checks)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: --out must be a folder")
    documents = discover(args.inputs, out)
    if args.reference_dir:
        reference_dir = Path(args.reference_dir)
        if not reference_dir.is_dir():
            raise UsageError(f"{reference_dir}: --reference-dir must be a folder")
        documents = [with_reference(job, reference_dir) for job in documents]
    _refuse_overwrites(documents, out, formats, args)
    glossary = load_glossary(args.glossary)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{out}: cannot create the folder ({error.strerror or error})") from None

    settings = Settings(
        out=str(out),
        formats=formats,
        glossary=args.glossary,
        date=args.date,
        checks=checks,
        limits=limits,
        states=parse_states(args.states),
        columns=(args.source_column, args.target_column),
        mt_model=args.mt_model,
        encoder=args.encoder,
        # Worker processes share the cores: torch's threads are split between them.
        threads=max(1, cpu_count() // jobs),
    )
    if settings.mt_model or settings.encoder:
        # A model that does not load is a usage error before any document is read. With
        # several workers each loads its own copy: the parent's is dropped.
        load_translator_option(settings.mt_model)
        load_encoder_option(settings.encoder)
        if jobs > 1:
            forget_models()
    started = time.perf_counter()
    previous = read_manifest(out)
    signature = _run_signature(settings, glossary)
    outcomes: list[Outcome] = []
    to_check: list[Job] = []
    fingerprints: dict[str, str | None] = {}
    for job in documents:
        if job.problem is not None:
            outcomes.append(_failed(job, job.problem))
            continue
        fingerprint = fingerprint_of(job, signature, settings.limits.file_bytes)
        fingerprints[job.name] = fingerprint
        reused = None
        if not args.force and fingerprint is not None:
            reused = _reuse(job, fingerprint, previous.get(job.name), settings)
        if reused is not None:
            outcomes.append(reused)
        else:
            to_check.append(job)
    problems = [outcome for outcome in outcomes if outcome.error]
    unchanged = len(outcomes) - len(problems)
    progress = Progress(len(problems) + len(to_check), sys.stderr)
    if unchanged:
        progress.note(
            f"{unchanged} unchanged document{'s' * (unchanged != 1)}: their reports are reused "
            "(--force checks them again)"
        )
    try:
        for outcome in problems:
            progress.update(outcome)
        with (out / JOURNAL).open("a", encoding="utf-8") as journal:
            for outcome in check_all(to_check, settings, jobs, progress):
                outcomes.append(outcome)
                entry = _manifest_entry(outcome, fingerprints.get(outcome.name))
                if entry is not None:  # its reports are written: a rerun may reuse them
                    journal.write(json.dumps({outcome.name: entry}, ensure_ascii=False) + "\n")
                    journal.flush()
    finally:
        progress.close()

    outcomes.sort(key=lambda o: o.name)
    _remove_stale(out, outcomes, previous)
    batch = BatchResult(
        outcomes=outcomes,
        fail_on=args.fail_on,
        formats=formats,
        tool_version=__version__,
        glossary_version=glossary.version,
        seconds=time.perf_counter() - started,
    )
    write_overview(out, batch)
    write_manifest(out, outcomes, fingerprints, previous)
    print(batch.summary_line(out))
    return batch.exit_code()


def _refuse_overwrites(
    documents: Sequence[Job], out: Path, formats: tuple[str, ...], args: argparse.Namespace
) -> None:
    """No report, overview or manifest may land on a file the batch reads (a document, its
    meta.yaml, a reference, a saved review) or inside the glossary or a model folder."""
    from review_app.overwrite import read_by_review

    read = read_by_review(glossary=args.glossary, models=(args.mt_model, args.encoder))
    for job in documents:
        reading = read_by_review(
            source=job.source,
            target=job.target,
            meta=job.meta,
            references=[job.reference] if job.reference else [],
        )
        read.files.update(reading.files)
    read.refuse(out, option="--out")
    written = [MANIFEST, JOURNAL, "index.html", "errors.json", "findings.csv", "junit.xml"]
    written += [f"{job.name}.{suffix}" for job in documents for suffix in ("json", "html")]
    for name in written:
        read.refuse(out / name, option="--out")


def parse_formats(option: str) -> tuple[str, ...]:
    """``json,html,csv,junit`` → the formats, in that order; json is always in."""
    chosen = {part.strip().lower() for part in option.split(",") if part.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown:
        raise UsageError(f"--format {unknown[0]!r}: choose among {', '.join(FORMATS)}")
    chosen.add("json")
    return tuple(name for name in FORMATS if name in chosen)


# -- finding the documents ---------------------------------------------------------------------


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


def with_reference(job: Job, folder: Path) -> Job:
    """``job`` with its reference in ``folder``, laid out as the INPUT the job was found in:
    the English file's name, in the folder of the job's label (a seed folder's own label), if
    that file exists."""
    if job.kind == "other":
        return job
    where = Path(job.label) if job.kind == "seed" else Path(job.label).parent
    candidate = folder / where / Path(job.target).name
    return dataclasses.replace(job, reference=str(candidate)) if candidate.is_file() else job


def discover(inputs: Sequence[str | Path], out: Path | None = None) -> list[Job]:
    """Every document in ``inputs`` (folders searched recursively), named uniquely.

    ``out``, if inside a folder searched, is skipped. A path that does not exist, or a file that
    is none of the documents the batch reads, is a usage error; a document found with a part
    missing (a pair's English file) is a job with a ``problem``.
    """
    from review_app.readers.bilingual import BILINGUAL_SUFFIXES

    skip = {_resolved(out)} if out is not None else set()
    found: list[tuple[str, str, str, str, str | None, str | None]] = []
    for raw in inputs:
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
        key = tuple(_resolved(Path(p)) for p in (source, target))
        if key in seen_inputs:  # the same document reached through two INPUTs
            continue
        seen_inputs.add(key)
        name = unique_name(safe_name(label.replace("/", "__")), taken)
        jobs.append(Job(name, _printable(label), kind, source, target, meta, problem))
    return jobs


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


def _scan_folder(
    folder: Path,
    files: list[str],
    prefix: str,
    root_label: str,
    bilingual: frozenset[str],
) -> Iterator[tuple[str, str, str, str, str | None, str | None]]:
    """The documents in one folder: (label, kind, source, target, meta, problem)."""
    from review_app.readers.bilingual import bilingual_kind

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

    groups: dict[str, dict[str, dict[str, Path]]] = {}
    for file_name in sorted(names):
        path = folder / file_name
        pair = _PAIR.match(file_name)
        if pair and pair["ext"].lower() in DOCUMENT_SUFFIXES:
            by_lang = groups.setdefault(pair["name"], {"zh": {}, "en": {}})
            by_lang[pair["lang"].lower()][pair["ext"].lower()] = path
        elif bilingual_kind(path) is not None:  # by suffix, or an .xml that is XLIFF
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
    folder: Path, label: str, zh: dict[str, Path], en: dict[str, Path]
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
    text = unicodedata.normalize("NFC", _printable(text))
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


def _printable(text: str) -> str:
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


# -- skipping what did not change --------------------------------------------------------------


def _run_signature(settings: Settings, glossary: Glossary) -> dict[str, Any]:
    """What, besides the documents, makes a report what it is."""
    from review_app.checks.base import all_checks

    return {
        "schema": MANIFEST_SCHEMA,
        "tool": __version__,
        "glossary": glossary.version,
        "checks": list(settings.checks or all_checks()),
        "date": settings.date,
        "models": list(model_tags(settings.mt_model, settings.encoder)),
        # Only when given, so that runs without it keep the manifests of before.
        **({"states": list(settings.states)} if settings.states else {}),
        **({"columns": list(settings.columns)} if any(settings.columns) else {}),
    }


def fingerprint_of(job: Job, signature: dict[str, Any], max_bytes: int) -> str | None:
    """A hash of the document's files (contents and paths) and the run's signature; None when a
    file cannot be hashed (it will be checked, and fail with the reason)."""
    digest = hashlib.sha256(json.dumps(signature, sort_keys=True).encode("utf-8"))
    for path in job.inputs:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            with open(path, "rb") as stream:
                content = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return None
        digest.update(_printable(path).encode("utf-8") + b"\0" + content.encode("ascii") + b"\0")
    return digest.hexdigest()


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """The documents of the last run into ``out``, by name ({} when none or unreadable), with
    those a run that did not finish recorded in its journal (a line cut short is skipped)."""
    documents: dict[str, dict[str, Any]] = {}
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA:
        found = data.get("documents")
        documents = dict(found) if isinstance(found, dict) else {}
    try:
        lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        lines = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # the line being written when the run was killed
        if isinstance(entry, dict):
            documents.update(
                (name, value) for name, value in entry.items() if isinstance(value, dict)
            )
    return documents


def _manifest_entry(outcome: Outcome, fingerprint: str | None) -> dict[str, Any] | None:
    """What the manifest keeps of a document checked without error (None: nothing)."""
    if outcome.error is not None or fingerprint is None:
        return None
    return {
        "fingerprint": fingerprint,
        "inputs": list(outcome.inputs),
        "date_origin": outcome.date_origin,
    }


def write_manifest(
    out: Path,
    outcomes: Sequence[Outcome],
    fingerprints: dict[str, str | None],
    previous: dict[str, dict[str, Any]],
) -> None:
    """Record each checked document's fingerprint; entries of documents not in this run stay
    (a later run over them can still skip them), failed documents are left out."""
    documents = dict(previous)
    for outcome in outcomes:
        documents.pop(outcome.name, None)
        entry = _manifest_entry(outcome, fingerprints.get(outcome.name))
        if entry is not None:
            documents[outcome.name] = entry
    data = {"schema": MANIFEST_SCHEMA, "documents": dict(sorted(documents.items()))}
    _write(out / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    (out / JOURNAL).unlink(missing_ok=True)  # all in the manifest now


def _reuse(
    job: Job, fingerprint: str, entry: dict[str, Any] | None, settings: Settings
) -> Outcome | None:
    """The outcome of the last run, when the document and the run are unchanged and its
    reports are all there; None when it must be checked."""
    if not isinstance(entry, dict) or entry.get("fingerprint") != fingerprint:
        return None
    out = Path(settings.out)
    if "html" in settings.formats and not (out / f"{job.name}.html").is_file():
        return None
    from review_app.report.model import Report

    try:
        data = json.loads((out / f"{job.name}.json").read_text(encoding="utf-8"))
        report = Report.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: check again
    origin = entry.get("date_origin")
    return summarize(
        job,
        report,
        status="unchanged",
        date_origin=origin if isinstance(origin, str) else None,
        formats=settings.formats,
        seconds=0.0,
        size=0,
    )


def _remove_stale(
    out: Path, outcomes: Sequence[Outcome], previous: dict[str, dict[str, Any]]
) -> None:
    """A document that now fails loses the reports an earlier run wrote for it."""
    for outcome in outcomes:
        if outcome.error is not None and outcome.name in previous:
            for suffix in (".json", ".html"):
                (out / f"{outcome.name}{suffix}").unlink(missing_ok=True)


# -- checking one document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What every worker needs to check a document (picklable)."""

    out: str
    formats: tuple[str, ...]
    glossary: str | None
    date: str | None
    checks: tuple[str, ...] | None
    limits: Limits  # the bounds on each document (review_app.limits)
    # Optional local model folders (review_app.models), loaded once per worker.
    mt_model: str | None = None
    encoder: str | None = None
    threads: int | None = None  # torch's CPU threads in each worker
    states: tuple[str, ...] | None = None  # --states: the units of bilingual files to review
    columns: tuple[str | None, str | None] = (None, None)  # a table's zh and en columns


@dataclass(frozen=True)
class Brief:
    """A finding as the overview lists it."""

    severity: str
    check: str
    segment: int
    unit_id: str | None
    message: str


@dataclass
class Outcome:
    """What became of one document (picklable: it comes back from a worker process)."""

    name: str
    label: str
    inputs: tuple[str, ...]
    status: str  # "checked", "unchanged" or "error"
    error: str | None = None
    segments: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    date: str | None = None
    date_origin: str | None = None
    findings: tuple[Brief, ...] = ()
    csv_rows: tuple[tuple[str, ...], ...] = ()
    seconds: float = 0.0
    size: int = 0  # bytes read
    # The document's TER and BLEU against its reference (--reference-dir), if it has one.
    reference_ter: float | None = None
    reference_bleu: float | None = None

    @property
    def worst(self) -> str | None:
        return next((severity for severity in SEVERITIES if self.counts.get(severity)), None)

    def reaches(self, fail_on: str) -> bool:
        worst = self.worst
        if fail_on == "never" or worst is None:
            return False
        return SEVERITIES.index(worst) <= SEVERITIES.index(fail_on)

    def counts_text(self) -> str:
        parts = [f"{self.counts[s]} {s}" for s in SEVERITIES if self.counts.get(s)]
        return ", ".join(parts) or "no findings"


_WORKER: dict[str, Any] = {}


def init_worker(settings: Settings, quiet_interrupt: bool = True) -> None:
    """Load the glossary once per process (a worker's initializer, or before an in-process run)."""
    from glossary.load import load_glossary

    if quiet_interrupt:  # a worker process
        import os
        import signal

        from review_app.lifetime import watch_parent

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent process handles Ctrl+C
        watch_parent(os.getppid())  # and a worker ends with it, killed or not
    _WORKER["settings"] = settings
    _WORKER["glossary"] = load_glossary(settings.glossary)
    _WORKER["translator"] = load_translator_option(settings.mt_model)
    _WORKER["encoder"] = load_encoder_option(settings.encoder)
    if settings.threads and (settings.mt_model or settings.encoder):
        import torch

        torch.set_num_threads(settings.threads)


def review_one(job: Job) -> Outcome:
    """Check one document and write its reports; every failure is an outcome, never raised."""
    settings: Settings = _WORKER["settings"]
    started = time.perf_counter()
    try:
        report, origin, size = _review(job, settings, _WORKER["glossary"])
        _write_reports(job, report, settings)
    except (ReviewError, LocatedError) as error:
        return _failed(job, str(error))
    except MemoryError:
        return _failed(job, f"{job.label}: out of memory while checking this document")
    except Exception as error:
        return _failed(job, f"{job.label}: internal error: {type(error).__name__}: {error}")
    return summarize(
        job,
        report,
        status="checked",
        date_origin=origin,
        formats=settings.formats,
        seconds=time.perf_counter() - started,
        size=size,
    )


def _review(job: Job, settings: Settings, glossary: Glossary) -> tuple[Report, str | None, int]:
    from review_app.inputs import resolve_date
    from review_app.pipeline import ReviewOptions, review, review_bilingual

    size = 0
    limits = settings.limits
    for path in job.inputs:  # the meta.yaml too: a FIFO there would block as well
        size += _check_file(Path(path), limits)
    meta = Path(job.meta) if job.meta else None
    if job.kind == "bilingual":
        from review_app.readers.bilingual import read_bilingual, select_states

        file = read_bilingual(job.source, limits, columns=settings.columns)
        file = select_states(file, settings.states)
        date, origin = resolve_date(settings.date, meta, file.date, file.date_origin)
    else:
        from review_app.readers.text import read_document

        source = read_document(job.source, lang="zh", limits=limits)
        target = read_document(job.target, lang="en", limits=limits)
        date, origin = resolve_date(settings.date, meta)
    if date is None:
        named = Path(job.source).parent.name if job.kind == "seed" else Path(job.source).name
        date = date_from_name(named)
        origin = "file name" if date else None
    reference = None
    if job.reference:
        from review_app.pairing import read_english

        reference = read_english(job.reference, limits)
    options = ReviewOptions(
        date=date,
        date_origin=origin,
        checks=settings.checks,
        reference=reference,
        translator=_WORKER.get("translator"),
        encoder=_WORKER.get("encoder"),
        limits=limits,
    )
    if job.kind == "bilingual":
        report = review_bilingual(file, glossary, options)
    else:
        report = review(source, target, glossary, options)
    # A file name in no valid encoding: its undecodable bytes shown as U+FFFD, so it can be
    # written as UTF-8.
    report = dataclasses.replace(
        report,
        source_path=_printable(report.source_path),
        target_path=_printable(report.target_path),
    )
    return report, origin, size


def _check_file(path: Path, limits: Limits) -> int:
    """The size of ``path``; refused when it is not a regular file (a FIFO would block the
    batch) or larger than the batch allows."""
    from review_app.errors import InputError

    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder, expected a document")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file (a pipe, socket or device)")
    if info.st_size > limits.file_bytes:
        raise InputError(path, too_large(info.st_size, limits))
    if not os.access(path, os.R_OK):
        raise InputError(path, "cannot read: permission denied")
    return info.st_size


def _write_reports(job: Job, report: Report, settings: Settings) -> None:
    """Render every report of the document, then write them (so a failure writes none)."""
    from review_app.report.render import FORMATS as RENDER

    out = Path(settings.out)
    texts = {out / f"{job.name}.json": RENDER["json"](report)}
    if "html" in settings.formats:
        texts[out / f"{job.name}.html"] = RENDER["html"](report)
    for path, text in texts.items():
        _write(path, text)


def _write(path: Path, text: str) -> None:
    """Write atomically (a temporary file, then a rename)."""
    from review_app.atomic import write_atomically

    write_atomically(path, text)


def summarize(
    job: Job,
    report: Report,
    *,
    status: str,
    date_origin: str | None,
    formats: tuple[str, ...],
    seconds: float,
    size: int,
) -> Outcome:
    """What the overview needs of a report."""
    segments = {segment.id: segment for segment in report.segments}
    briefs = tuple(
        Brief(
            severity=str(finding.severity),
            check=finding.check,
            segment=finding.segment,
            unit_id=segments[finding.segment].unit_id if finding.segment in segments else None,
            message=finding.message,
        )
        for finding in report.findings
    )
    return Outcome(
        name=job.name,
        label=job.label,
        inputs=tuple(_printable(p) for p in job.inputs),
        status=status,
        segments=len(report.segments),
        counts=report.counts(),
        date=report.date.isoformat() if report.date else None,
        date_origin=date_origin if report.date else None,
        findings=briefs,
        csv_rows=_csv_rows(report) if "csv" in formats else (),
        seconds=seconds,
        size=size,
        reference_ter=report.reference.metric("ter").score if report.reference else None,
        reference_bleu=report.reference.metric("bleu").score if report.reference else None,
    )


def _csv_rows(report: Report) -> tuple[tuple[str, ...], ...]:
    """The report's rows of ``bireview check --format csv``, without its header."""
    import csv
    import io

    from review_app.report.csv_report import BOM, to_csv

    text = to_csv(report).removeprefix(BOM)
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows, None)
    return tuple(tuple(row) for row in rows)


def _failed(job: Job, reason: str) -> Outcome:
    return Outcome(
        name=job.name,
        label=job.label,
        inputs=tuple(_printable(p) for p in job.inputs),
        status="error",
        error=" ".join(_printable(reason).split()),
    )


# -- running them all --------------------------------------------------------------------------


def check_all(
    jobs: Sequence[Job], settings: Settings, workers: int, progress: Progress
) -> Iterator[Outcome]:
    """Check ``jobs``, in this process (one worker, or one job) or in ``workers`` processes;
    yield each outcome as it comes (and report it to ``progress``).

    A worker process that dies (out of memory, a crash in a library) takes the documents it
    and the others were checking with it: those are checked again, each in a process of its
    own, and only a document whose own process dies too is a failure (errors.json)."""
    if not jobs:
        return
    if workers == 1 or len(jobs) == 1:
        init_worker(settings, quiet_interrupt=False)
        for job in jobs:
            outcome = review_one(job)
            progress.update(outcome)
            yield outcome
        return
    from glossary.load import load_glossary

    load_glossary(settings.glossary)  # cached: a forked worker starts with it loaded
    lost: list[Job] = []
    for job, outcome in _in_pool(jobs, settings, workers):
        if outcome is None:
            lost.append(job)
            continue
        progress.update(outcome)
        yield outcome
    for job in lost:  # each alone: a document that kills its own process is the cause
        [(_, outcome)] = list(_in_pool([job], settings, 1))
        if outcome is None:
            outcome = _failed(
                job,
                f"{job.label}: the process checking this document died, twice (out of "
                "memory, or a crash in a library)",
            )
        progress.update(outcome)
        yield outcome


def _in_pool(
    jobs: Sequence[Job], settings: Settings, workers: int
) -> Iterator[tuple[Job, Outcome | None]]:
    """Each job with its outcome from a pool of ``workers`` processes, as they finish; None
    for the jobs lost when a worker process died."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = None
    if settings.mt_model or settings.encoder:
        import multiprocessing

        # torch's thread pools do not survive a fork: workers with models start afresh.
        context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        initializer=init_worker,
        initargs=(settings,),
        mp_context=context,
    )
    try:
        futures = {executor.submit(review_one, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except BrokenProcessPool:
                yield futures[future], None
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


class Progress:
    """A progress bar (tqdm) on a terminal; plain lines ``[12/300] NAME: 2 critical`` otherwise."""

    def __init__(self, total: int, stream: Any) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.bar: Any = None
        self.use_bar = _is_terminal(stream) and total > 0

    def start(self) -> None:
        """Show the bar (tqdm's monitor thread off: worker processes may be forked later)."""
        if not self.use_bar or self.bar is not None:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            self.use_bar = False
            return

        class Bar(tqdm):
            monitor_interval = 0

        self.bar = Bar(total=self.total, file=self.stream, unit="doc", dynamic_ncols=True)

    def note(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def update(self, outcome: Outcome) -> None:
        self.start()
        self.done += 1
        if self.bar is not None:
            if outcome.error:
                self.bar.write(f"{outcome.name}: error: {outcome.error}", file=self.stream)
            self.bar.set_postfix_str(outcome.name[:40], refresh=False)
            self.bar.update(1)
            return
        what = f"error: {outcome.error}" if outcome.error else outcome.counts_text()
        print(f"[{self.done}/{self.total}] {outcome.name}: {what}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# -- the overview ------------------------------------------------------------------------------


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    fail_on: str
    formats: tuple[str, ...]
    tool_version: str
    glossary_version: str
    seconds: float

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]

    @property
    def reviewed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is None]

    def failing(self) -> list[Outcome]:
        return [o for o in self.reviewed if o.reaches(self.fail_on)]

    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(SEVERITIES, 0)
        for outcome in self.reviewed:
            for severity in SEVERITIES:
                totals[severity] += outcome.counts.get(severity, 0)
        return totals

    def by_check(self) -> dict[str, dict[str, int]]:
        """Findings by check and severity, the most frequent check first."""
        table: dict[str, dict[str, int]] = {}
        for outcome in self.reviewed:
            for brief in outcome.findings:
                row = table.setdefault(brief.check, dict.fromkeys(SEVERITIES, 0))
                row[brief.severity] = row.get(brief.severity, 0) + 1
        return dict(sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0])))

    def worst_first(self) -> list[Outcome]:
        def key(outcome: Outcome) -> tuple[Any, ...]:
            worst = outcome.worst
            rank = SEVERITIES.index(worst) if worst else len(SEVERITIES)
            return (rank, *(-outcome.counts.get(s, 0) for s in SEVERITIES), outcome.name)

        return sorted(self.reviewed, key=key)

    def exit_code(self) -> int:
        return 1 if self.errors or self.failing() else 0

    def summary_line(self, out: Path) -> str:
        checked = sum(1 for o in self.outcomes if o.status == "checked")
        unchanged = sum(1 for o in self.outcomes if o.status == "unchanged")
        totals = ", ".join(f"{count} {severity}" for severity, count in self.totals().items())
        failing = len(self.failing())
        threshold = f"; {failing} reach --fail-on {self.fail_on}" if self.fail_on != "never" else ""
        return (
            f"bireview batch: {len(self.outcomes)} document{'s' if len(self.outcomes) != 1 else ''}"
            f" ({checked} checked, {unchanged} "
            f"unchanged, {len(self.errors)} could not be read) in {self.seconds:.1f} s; "
            f"findings: {totals}{threshold}. Overview: {out / 'index.html'}"
        )


def write_overview(out: Path, batch: BatchResult) -> None:
    """errors.json and index.html, and findings.csv and junit.xml by the formats chosen."""
    errors = [
        {"document": o.name, "inputs": list(o.inputs), "error": o.error} for o in batch.errors
    ]
    _write(out / "errors.json", json.dumps(errors, ensure_ascii=False, indent=2) + "\n")
    if "csv" in batch.formats:
        _write(out / "findings.csv", findings_csv(batch))
    if "junit" in batch.formats:
        _write(out / "junit.xml", junit_xml(batch))
    _write(out / "index.html", index_html(batch))


def findings_csv(batch: BatchResult) -> str:
    """Every finding of every document: ``document`` then the columns of the CSV report."""
    import csv
    import io

    from review_app.report.csv_report import BOM, HEADER, safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("document", *HEADER))
    for outcome in batch.reviewed:
        for row in outcome.csv_rows:
            writer.writerow((safe_cell(outcome.name), *row))
    return BOM + buffer.getvalue()


_XML_INVALID = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # compiled when used


def _xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold (control characters) replaced."""
    return re.sub(_XML_INVALID, "\ufffd", text)


def junit_xml(batch: BatchResult) -> str:
    """One ``<testcase>`` a document: a ``<failure>`` when a finding reaches --fail-on, an
    ``<error>`` when the document could not be read.

    Valid against the JUnit schema of Jenkins' xunit plugin (junit-10.xsd), which allows only
    ``name``, ``classname``, ``time`` and ``group`` on ``<testcase>``, and in it no
    ``<properties>``. So the document's file is no ``file`` attribute: it is the ``file:`` line
    of ``<system-out>`` (which Jenkins shows) and the first line of the ``<failure>`` or
    ``<error>`` text (which GitLab shows; it ignores ``<system-out>``)."""
    import xml.etree.ElementTree as ET

    failures = batch.failing()
    suite = ET.Element(
        "testsuite",
        name="bireview batch",
        tests=str(len(batch.outcomes)),
        failures=str(len(failures)),
        errors=str(len(batch.errors)),
        skipped="0",
        time=f"{sum(o.seconds for o in batch.outcomes):.3f}",
        timestamp=dt.datetime.now().replace(microsecond=0).isoformat(),
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("bireview.version", batch.tool_version),
        ("glossary.version", batch.glossary_version),
        ("fail-on", batch.fail_on),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    for outcome in batch.outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="bireview",
            name=_xml_text(outcome.name),
            time=f"{outcome.seconds:.3f}",
        )
        # The English file (a bilingual file's only one).
        file = f"file: {outcome.inputs[min(1, len(outcome.inputs) - 1)]}"
        if outcome.error is not None:
            error = ET.SubElement(case, "error", message=_xml_text(outcome.error), type="input")
            error.text = _xml_text(f"{file}\n{outcome.error}")
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text(f"{outcome.label}\n{file}")
            continue
        if outcome.reaches(batch.fail_on):
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml_text(f"{outcome.counts_text()} (--fail-on {batch.fail_on})"),
                type=str(outcome.worst),
            )
            failure.text = _xml_text("\n".join([file, *map(_brief_line, outcome.findings)]))
        date = f"{outcome.date} ({outcome.date_origin})" if outcome.date else "unknown"
        out = ET.SubElement(case, "system-out")
        out.text = _xml_text(
            f"{outcome.label}\n{file}\ndate: {date}\nsegments: {outcome.segments}\n"
            f"findings: {outcome.counts_text()}\nreport: {outcome.name}.json ({outcome.status})"
        )
    root = ET.Element(
        "testsuites",
        name="bireview",
        tests=suite.get("tests", "0"),
        failures=suite.get("failures", "0"),
        errors=suite.get("errors", "0"),
        time=suite.get("time", "0"),
    )
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _brief_line(brief: Brief) -> str:
    unit = f", unit {brief.unit_id}" if brief.unit_id else ""
    return (
        f"[{brief.severity.upper()}] {brief.check} (segment {brief.segment}{unit}): {brief.message}"
    )


_INDEX_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;color:#222;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-top:1px solid #ddd;
padding:.35rem .5rem;vertical-align:top;text-align:left}td.n,th.n{text-align:right}
h2{margin-top:2rem}.sig{color:#777;font-size:.85em}.tot span{margin-right:1.5em}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.critical{color:#b00}
.major{color:#c60}.minor{color:#886a00}.info{color:#246}.err{color:#b00}
.bar{display:flex;height:1rem;min-width:1px;background:#eee}.bar span{display:block;height:100%}
.b-critical{background:#d33}.b-major{background:#f0962e}.b-minor{background:#e8c93a}
.b-info{background:#7aa7e0}td.chart{width:45%}.zero{color:#bbb}.fail{color:#b00;font-weight:bold}
"""


def index_html(batch: BatchResult) -> str:
    """The overview page: self-contained, every name and message escaped."""
    from html import escape
    from urllib.parse import quote

    totals = batch.totals()
    total = sum(totals.values())
    by_check = batch.by_check()
    widest = max((sum(row.values()) for row in by_check.values()), default=0)
    tot = "".join(
        f'<span class="{s}"><span class="sev">{s}</span> {totals[s]}</span>' for s in SEVERITIES
    )
    severity_rows = "".join(
        f'<tr><td><span class="sev {s}">{s}</span></td><td class="n">{totals[s]}</td>'
        f'<td class="chart">{_bar({s: totals[s]}, max(total, 1))}</td></tr>'
        for s in SEVERITIES
    )
    check_rows = (
        "".join(
            f"<tr><td><code>{escape(check)}</code></td>"
            + "".join(_count_cell(row[s], s) for s in SEVERITIES)
            + f'<td class="n">{sum(row.values())}</td>'
            + f'<td class="chart">{_bar(row, widest)}</td></tr>'
            for check, row in by_check.items()
        )
        or '<tr><td colspan="7">No findings.</td></tr>'
    )
    error_rows = "".join(
        f"<tr><td>{escape(o.label)}</td><td>{escape(o.error or '')}</td></tr>" for o in batch.errors
    )
    errors_section = (
        f'<h2 id="errors" class="err">Could not be read ({len(batch.errors)})</h2>'
        f"<table><thead><tr><th>Document</th><th>Reason</th></tr></thead><tbody>{error_rows}"
        "</tbody></table>"
        if batch.errors
        else ""
    )
    suffix = ".html" if "html" in batch.formats else ".json"
    with_reference = any(o.reference_ter is not None for o in batch.outcomes)
    document_rows = []
    for rank, outcome in enumerate(batch.worst_first(), 1):
        href = escape(quote(outcome.name + suffix))
        date = escape(outcome.date or "unknown")
        if outcome.date and outcome.date_origin:
            date += f' <span class="sig">({escape(outcome.date_origin)})</span>'
        verdict = '<span class="fail">fail</span>' if outcome.reaches(batch.fail_on) else "pass"
        scores = ""
        if with_reference:
            scores = "".join(
                f'<td class="n">{value:.1f}</td>' if value is not None else '<td class="n">–</td>'
                for value in (outcome.reference_ter, outcome.reference_bleu)
            )
        document_rows.append(
            f'<tr><td class="n">{rank}</td><td><a href="{href}">{escape(outcome.label)}</a>'
            f'</td><td>{date}</td><td class="n">{outcome.segments}</td>'
            + "".join(_count_cell(outcome.counts.get(s, 0), s) for s in SEVERITIES)
            + f"{scores}<td>{verdict}</td><td>{escape(outcome.status)}</td></tr>"
        )
    head = "".join(f'<th class="n">{s}</th>' for s in SEVERITIES)
    score_head = (
        '<th class="n" title="TER against the reference (--reference-dir)">TER</th>'
        '<th class="n" title="BLEU against the reference (--reference-dir)">BLEU</th>'
        if with_reference
        else ""
    )
    checked = sum(1 for o in batch.outcomes if o.status == "checked")
    unchanged = sum(1 for o in batch.outcomes if o.status == "unchanged")
    failing = len(batch.failing())
    generated = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>bireview batch: {len(batch.outcomes)} documents</title>"
        f"<style>{_INDEX_STYLE}</style></head><body><h1>Batch review</h1>"
        f"<p>{len(batch.outcomes)} document{'s' if len(batch.outcomes) != 1 else ''}: "
        f"{checked} checked, {unchanged} unchanged since "
        f'the last run, <a href="errors.json">{len(batch.errors)} could not be read</a>. '
        f"{failing} reach --fail-on {escape(batch.fail_on)}.</p>"
        f'<p class="tot">{tot}</p>'
        f"<h2>Findings by severity</h2><table><tbody>{severity_rows}</tbody></table>"
        f"<h2>Findings by check</h2><table><thead><tr><th>Check</th>{head}"
        f'<th class="n">total</th><th></th></tr></thead><tbody>{check_rows}</tbody></table>'
        f"{errors_section}"
        f"<h2>Documents, worst first</h2><table><thead><tr><th>#</th><th>Document</th>"
        f'<th>Date</th><th class="n">segments</th>{head}{score_head}<th>--fail-on</th>'
        "<th></th></tr>"
        f"</thead><tbody>{''.join(document_rows)}</tbody></table>"
        f'<p class="sig">bireview {escape(batch.tool_version)} · glossary '
        f"{escape(batch.glossary_version)} · {escape(generated)}</p></body></html>\n"
    )


def _count_cell(count: int, severity: str) -> str:
    return f'<td class="n {severity if count else "zero"}">{count}</td>'


def _bar(counts: dict[str, int], scale: int) -> str:
    """A horizontal bar: one coloured part a severity, its width a share of ``scale``."""
    parts = "".join(
        f'<span class="b-{s}" style="width:{100 * counts[s] / scale:.2f}%" '
        f'title="{counts[s]} {s}"></span>'
        for s in SEVERITIES
        if counts.get(s) and scale
    )
    return f'<div class="bar">{parts}</div>'


if __name__ == "__main__":  # python -m review_app.batch INPUT... --out DIR (as bireview batch)
    # The module imported by name, so worker processes unpickle review_app.batch's classes.
    from review_app.batch import main as batch_main

    sys.exit(batch_main(["batch", *sys.argv[1:]]))
