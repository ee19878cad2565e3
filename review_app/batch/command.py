"""The ``batch`` subcommand: its options, and one run from the inputs to the overview (the
stages are the package's other modules)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from review_app import __version__
from review_app.batch import storage
from review_app.batch.discover import Job, discover, with_reference
from review_app.batch.execute import Settings, check_all
from review_app.batch.ledger import Ledger
from review_app.batch.outcome import DEFAULT_FORMATS, FORMATS, Outcome, failed
from review_app.batch.overview import BatchResult, write_overview
from review_app.batch.plan import (
    JOURNAL,
    MANIFEST,
    fingerprint_of,
    manifest_entry,
    read_manifest,
    remove_stale,
    reused_outcome,
    run_signature,
    write_manifest,
)
from review_app.batch.progress import Progress
from review_app.batch.storage import Folder
from review_app.cli import add_review_options, parse_check_ids, parse_states
from review_app.errors import UsageError
from review_app.inputs import SEED_META, SEED_SOURCE, SEED_TARGET
from review_app.limits import limits_from_args
from review_app.models import (
    forget_models,
    load_encoder_option,
    load_translator_option,
)


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
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="folders or files to review; or fsspec URLs (s3://bucket/folder with s3fs "
        "installed, gs://…, file:///mnt/share/folder)",
    )
    batch.add_argument(
        "--out", required=True, metavar="DIR", help="write the reports here (a folder or a URL)"
    )
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
        "--scheduler",
        metavar="ADDRESS",
        help="check the documents on a Dask cluster: its scheduler (tcp://host:8786), or 'local' "
        "for a local cluster of --jobs worker processes (pip install 'bireview[dask]'); the "
        "inputs and --out must be places every worker can read and write: a shared file "
        "system, or URLs",
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
    out = Folder(args.out)
    if not out.remote and Path(args.out).exists() and not Path(args.out).is_dir():
        raise UsageError(f"{args.out}: --out must be a folder")
    documents = discover(args.inputs, None if out.remote else Path(args.out))
    if args.reference_dir:
        where = args.reference_dir
        remote = storage.is_url(where)
        if not (storage.kind_of(where) == "dir" if remote else Path(where).is_dir()):
            raise UsageError(f"{where}: --reference-dir must be a folder")
        documents = [with_reference(job, args.reference_dir) for job in documents]
    if not out.remote:  # a URL holds no document of this machine's, nor its glossary
        _refuse_overwrites(documents, Path(args.out), formats, args)
    glossary = load_glossary(args.glossary)
    out.ensure()

    settings = Settings(
        out=out.where,
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
    signature = run_signature(settings, glossary)
    # The outcomes go to disk as they come: the parent's memory does not grow with them.
    with Ledger() as outcomes:
        to_check: list[Job] = []
        problems: list[Outcome] = []
        fingerprints: dict[str, str | None] = {}
        for job in documents:
            if job.problem is not None:
                problems.append(failed(job, job.problem))
                continue
            fingerprint = fingerprint_of(job, signature, settings.limits.file_bytes)
            fingerprints[job.name] = fingerprint
            reused = None
            if not args.force and fingerprint is not None:
                reused = reused_outcome(job, fingerprint, previous.get(job.name), settings)
            if reused is not None:
                outcomes.append(reused)
            else:
                to_check.append(job)
        unchanged = len(outcomes)
        progress = Progress(len(problems) + len(to_check), sys.stderr)
        if unchanged:
            progress.note(
                f"{unchanged} unchanged document{'s' * (unchanged != 1)}: their reports are "
                "reused (--force checks them again)"
            )
        try:
            for outcome in problems:
                outcomes.append(outcome)
                progress.update(outcome)
            with out.journal(JOURNAL) as journal:
                for outcome in _executor(args.scheduler)(to_check, settings, jobs, progress):
                    outcomes.append(outcome)
                    entry = manifest_entry(outcome, fingerprints.get(outcome.name))
                    if entry is not None:  # its reports are written: a rerun may reuse them
                        line = json.dumps({outcome.name: entry}, ensure_ascii=False)
                        journal.write(line + "\n")
        finally:
            progress.close()

        outcomes.sort_by_name()
        remove_stale(out, outcomes, previous)
        batch = BatchResult(
            outcomes=outcomes,
            fail_on=args.fail_on,
            formats=formats,
            tool_version=__version__,
            glossary_version=glossary.version,
            seconds=time.perf_counter() - started,
            out=out,
        )
        write_overview(out, batch)
        write_manifest(out, outcomes, fingerprints, previous)
        print(batch.summary_line(out))
        return batch.exit_code()


def _executor(scheduler: str | None) -> Callable[..., Iterator[Outcome]]:
    """How the documents are checked: in this process or a pool (check_all), or on a Dask
    cluster (imported only then)."""
    if not scheduler:
        return check_all
    try:
        from review_app.batch.cluster import check_on_cluster
    except ImportError as error:
        raise UsageError(
            f"--scheduler needs Dask: pip install 'bireview[dask]' ({error})"
        ) from None

    def on_cluster(
        jobs: Sequence[Job], settings: Settings, workers: int, progress: Progress
    ) -> Iterator[Outcome]:
        return check_on_cluster(jobs, settings, scheduler, workers, progress)

    return on_cluster


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
