"""What a run may skip: the manifest of the last run into the output folder (and the journal of
a run that did not finish), a fingerprint of each document and of the run's settings."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from review_app import __version__
from review_app.batch import storage
from review_app.batch.discover import Job, printable
from review_app.batch.execute import Settings
from review_app.batch.outcome import Outcome, read_report, summarize
from review_app.batch.storage import Folder
from review_app.errors import ReviewError
from review_app.models import (
    model_tags,
)

if TYPE_CHECKING:
    from glossary.model import Glossary


MANIFEST = ".bireview-batch.json"


MANIFEST_SCHEMA = "bireview.batch/1"


# Each document's manifest entry, a line as it finishes: a run killed halfway resumes from it.
JOURNAL = ".bireview-batch.journal"


def run_signature(settings: Settings, glossary: Glossary) -> dict[str, Any]:
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
            content = _content_digest(path, max_bytes)
        except (OSError, ReviewError):
            return None
        if content is None:
            return None
        digest.update(printable(path).encode("utf-8") + b"\0" + content.encode("ascii") + b"\0")
    return digest.hexdigest()


def _content_digest(path: str, max_bytes: int) -> str | None:
    """The SHA-256 of a local file's contents, or for a URL its version as its file system
    tells it (fsspec's checksum: the ETag and time of an object, without downloading it);
    None for what is no regular file or is too large (OSError when it cannot be read)."""
    if storage.is_url(path):
        if storage.size_of(path) > max_bytes:
            return None
        return storage.version_of(path)
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        return None
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def read_manifest(out: Folder) -> dict[str, dict[str, Any]]:
    """The documents of the last run into ``out``, by name ({} when none or unreadable), with
    those a run that did not finish recorded in its journal (a line cut short is skipped)."""
    documents: dict[str, dict[str, Any]] = {}
    try:
        data = json.loads(out.read_text(MANIFEST))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA:
        found = data.get("documents")
        documents = dict(found) if isinstance(found, dict) else {}
    try:
        lines = out.read_text(JOURNAL).splitlines()
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


def manifest_entry(outcome: Outcome, fingerprint: str | None) -> dict[str, Any] | None:
    """What the manifest keeps of a document checked without error (None: nothing)."""
    if outcome.error is not None or fingerprint is None:
        return None
    return {
        "fingerprint": fingerprint,
        "inputs": list(outcome.inputs),
        "date_origin": outcome.date_origin,
    }


def write_manifest(
    out: Folder,
    outcomes: Sequence[Outcome],
    fingerprints: dict[str, str | None],
    previous: dict[str, dict[str, Any]],
) -> None:
    """Record each checked document's fingerprint; entries of documents not in this run stay
    (a later run over them can still skip them), failed documents are left out."""
    documents = dict(previous)
    for outcome in outcomes:
        documents.pop(outcome.name, None)
        entry = manifest_entry(outcome, fingerprints.get(outcome.name))
        if entry is not None:
            documents[outcome.name] = entry
    data = {"schema": MANIFEST_SCHEMA, "documents": dict(sorted(documents.items()))}
    out.write(MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    out.remove(JOURNAL)  # all in the manifest now


def reused_outcome(
    job: Job, fingerprint: str, entry: dict[str, Any] | None, settings: Settings
) -> Outcome | None:
    """The outcome of the last run, when the document and the run are unchanged and its
    reports are all there; None when it must be checked."""
    if not isinstance(entry, dict) or entry.get("fingerprint") != fingerprint:
        return None
    out = Folder(settings.out)
    if "html" in settings.formats and not out.exists(f"{job.name}.html"):
        return None
    report = read_report(out, job.name)
    if report is None:
        return None  # missing or damaged: check again
    origin = entry.get("date_origin")
    return summarize(
        job,
        report,
        status="unchanged",
        date_origin=origin if isinstance(origin, str) else None,
        seconds=0.0,
        size=0,
    )


def remove_stale(
    out: Folder, outcomes: Sequence[Outcome], previous: dict[str, dict[str, Any]]
) -> None:
    """A document that now fails loses the reports an earlier run wrote for it."""
    for outcome in outcomes:
        if outcome.error is not None and outcome.name in previous:
            for suffix in (".json", ".html"):
                out.remove(f"{outcome.name}{suffix}")
