"""Checking the documents: one in a worker process (:func:`review_one`), all of them in this
process or in a pool of processes (:func:`check_all`)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from review_app.batch.discover import Job, date_from_name, printable
from review_app.batch.outcome import Outcome, died_twice, failed, over_time, summarize
from review_app.batch.progress import Progress
from review_app.errors import LocatedError, ReviewError
from review_app.limits import Limits, too_large
from review_app.models import (
    load_encoder_option,
    load_translator_option,
)

if TYPE_CHECKING:
    from glossary.model import Glossary
    from review_app.report.model import Report


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


_WORKER: dict[str, Any] = {}


def init_worker(
    settings: Settings, quiet_interrupt: bool = True, watched: str | None = None
) -> None:
    """Load the glossary once per process (a worker's initializer, or before an in-process run).
    ``watched``: the folder where a pool's worker says which document it is on since when, so
    that the parent can end it when a document outruns the time limit (:func:`_end_overdue`)."""
    from glossary.load import load_glossary

    _WORKER["watched"] = watched

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
    with _on(job):
        return _review_one(job, _WORKER["settings"])


def _review_one(job: Job, settings: Settings) -> Outcome:
    started = time.perf_counter()
    urls: dict[str, str] = {}  # each local copy of a document at a URL, and its URL
    try:
        with _local(job, settings.limits) as (local, urls):
            report, origin, size = _review(local, settings, _WORKER["glossary"])
        report = _named_by_url(report, urls)
        _write_reports(job, report, settings)
    except (ReviewError, LocatedError) as error:
        message = str(error)
        for copy, url in urls.items():
            message = message.replace(copy, url)
        return failed(job, message)
    except MemoryError:
        return failed(job, f"{job.label}: out of memory while checking this document")
    except Exception as error:
        return failed(job, f"{job.label}: internal error: {type(error).__name__}: {error}")
    return summarize(
        job,
        report,
        status="checked",
        date_origin=origin,
        seconds=time.perf_counter() - started,
        size=size,
    )


@contextlib.contextmanager
def _on(job: Job) -> Iterator[None]:
    """Say, in the pool's watched folder, that this process is on ``job`` since now."""
    watched = _WORKER.get("watched")
    if not watched:
        yield
        return
    path = Path(watched, str(os.getpid()))
    temporary = path.with_suffix(".tmp")
    temporary.write_text(f"{time.time()}\t{job.name}", encoding="utf-8")
    os.replace(temporary, path)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def hard_limit(limits: Limits) -> float | None:
    """How long a document may keep its worker process before the parent ends it: the time
    limit, which the review checks as it goes, and a margin for a step that never returns to
    check it (a pathological regular expression, a library that hangs). None: no limit."""
    if not limits.seconds:
        return None
    return limits.seconds + max(5.0, limits.seconds / 2)


def _end_overdue(watched: str, limit: float, workers: set[int]) -> set[str]:
    """End the worker processes (of ``workers``, the pool's: never another process that got a
    dead worker's number) on one document for longer than ``limit`` seconds; the names of
    their documents."""
    import signal

    ended: set[str] = set()
    for entry in Path(watched).iterdir():
        if not entry.name.isdigit() or int(entry.name) not in workers:
            continue
        try:
            since, name = entry.read_text(encoding="utf-8").split("\t", 1)
            if time.time() - float(since) > limit:
                os.kill(int(entry.name), signal.SIGKILL)
                entry.unlink(missing_ok=True)
                ended.add(name)
        except (OSError, ValueError):
            continue  # finished meanwhile, or being written
    return ended


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
        source_path=printable(report.source_path),
        target_path=printable(report.target_path),
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


@contextlib.contextmanager
def _local(job: Job, limits: Limits) -> Iterator[tuple[Job, dict[str, str]]]:
    """``job`` with its files on this machine: as it is, or, for files at URLs, with local
    copies for the time of the block (and each copy's URL, to name it in messages)."""
    from review_app.batch import storage

    urls = [path for path in (*job.inputs, job.reference) if path and storage.is_url(path)]
    if not urls:
        yield job, {}
        return
    from review_app.errors import InputError

    for url in urls:  # refused before it is copied
        size = storage.size_of(url)
        if size > limits.file_bytes:
            raise InputError(url, too_large(size, limits))
    with storage.staged(urls) as copies:
        local = dataclasses.replace(
            job,
            source=copies.get(job.source, job.source),
            target=copies.get(job.target, job.target),
            meta=copies.get(job.meta, job.meta) if job.meta else None,
            reference=copies.get(job.reference, job.reference) if job.reference else None,
        )
        yield local, {copy: url for url, copy in copies.items()}


def _named_by_url(report: Report, urls: dict[str, str]) -> Report:
    """``report`` with the local copies it names (its documents, its reference) named by their
    URLs again (``urls``: each copy's URL)."""
    if not urls:
        return report

    def named(path: str | None) -> str | None:
        return urls.get(path, path) if path else path

    scores = report.reference
    if scores is not None:
        scores = dataclasses.replace(
            scores,
            hypothesis_path=named(scores.hypothesis_path),
            reference_path=named(scores.reference_path),
            source_path=named(scores.source_path),
        )
    return dataclasses.replace(
        report,
        source_path=named(report.source_path) or report.source_path,
        target_path=named(report.target_path) or report.target_path,
        reference=scores,
    )


def _write_reports(job: Job, report: Report, settings: Settings) -> None:
    """Render every report of the document, then write them (so a failure writes none)."""
    from review_app.batch.storage import Folder
    from review_app.report.render import FORMATS as RENDER

    texts = {f"{job.name}.json": RENDER["json"](report)}
    if "html" in settings.formats:
        texts[f"{job.name}.html"] = RENDER["html"](report)
    out = Folder(settings.out)
    for name, text in texts.items():
        out.write(name, text)


def check_all(
    jobs: Sequence[Job], settings: Settings, workers: int, progress: Progress
) -> Iterator[Outcome]:
    """Check ``jobs``, in this process (one worker, or one job) or in ``workers`` processes;
    yield each outcome as it comes (and report it to ``progress``).

    A worker process that dies (out of memory, a crash in a library) takes the documents it
    and the others were checking with it: those are checked again, each in a process of its
    own, and only a document whose own process dies too is a failure (errors.json). The
    documents not yet sent to the pool go to a new one."""
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
    for job, pooled in _in_pool(jobs, settings, workers):
        if pooled is None:
            lost.append(job)
            continue
        progress.update(pooled)
        yield pooled
    for job in lost:  # each alone: a document that kills its own process is the cause
        [(_, alone)] = list(_in_pool([job], settings, 1))
        outcome = alone or died_twice(job)
        progress.update(outcome)
        yield outcome


# Documents sent to the pool ahead of those being checked, a worker: enough to keep every
# worker busy, few enough that the parent holds only these (not a future for every document).
_AHEAD = 4
# How often the parent looks for a document that outran the time limit, in seconds.
_WATCH_SECONDS = 1.0


def _in_pool(
    jobs: Sequence[Job], settings: Settings, workers: int
) -> Iterator[tuple[Job, Outcome | None]]:
    """Each job with its outcome from a pool of ``workers`` processes, as they finish; None
    for the jobs lost when a worker process died. The jobs not yet sent then go to a new pool.
    """
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = None
    if settings.mt_model or settings.encoder:
        import multiprocessing

        # torch's thread pools do not survive a fork: workers with models start afresh.
        context = multiprocessing.get_context("spawn")
    limit = hard_limit(settings.limits)
    watched = tempfile.mkdtemp(prefix="bireview-watched-")
    overdue: set[str] = set()  # the documents whose process was ended for the time limit
    waiting = deque(jobs)
    try:
        while waiting:
            executor = ProcessPoolExecutor(
                max_workers=min(workers, len(waiting)),
                initializer=init_worker,
                initargs=(settings, True, watched),
                mp_context=context,
            )
            sent: dict[Future[Outcome], Job] = {}
            broken = False
            try:
                while sent or (waiting and not broken):
                    while waiting and not broken and len(sent) < workers * _AHEAD:
                        job = waiting.popleft()
                        try:
                            sent[executor.submit(review_one, job)] = job
                        except BrokenProcessPool:
                            waiting.appendleft(job)
                            broken = True
                    done, _ = wait(sent, timeout=_WATCH_SECONDS, return_when=FIRST_COMPLETED)
                    if limit is not None:
                        # The pool's own processes (it has no public list of them).
                        pids = set(getattr(executor, "_processes", None) or ())
                        overdue |= _end_overdue(watched, limit, pids)
                    for future in done:
                        job = sent.pop(future)
                        try:
                            yield job, future.result()
                        except BrokenProcessPool:
                            broken = True
                            ended = job.name in overdue
                            yield job, over_time(job, limit or 0.0) if ended else None
            except BaseException:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
            executor.shutdown()
    finally:
        shutil.rmtree(watched, ignore_errors=True)
