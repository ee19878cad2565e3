"""The downloads: corrected English, QA report (JSON, HTML, CSV), the saved decisions, a TMX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from review_app.document import Segment
from review_app.report.render import FORMATS
from review_app.review_store import ReviewSession


@dataclass(frozen=True)
class Export:
    """One download: its button label, file name, MIME type and a function making its content.

    The content is made when the user clicks (Streamlit's deferred ``data``), not on every run.
    """

    label: str
    file_name: str
    mime: str
    data: Callable[[], str | bytes]


def tmx_of(segments: Sequence[Segment]) -> str:
    """A TMX 1.4 memory of the pairs that have both a Chinese and an English side."""
    from alignment.formats import tmx_of_pairs

    return tmx_of_pairs((segment.source, segment.target) for segment in segments)


def report_as(session: ReviewSession, fmt: str) -> str:
    """The current QA report (after the edits) in one of :data:`FORMATS`, with every decision
    (who, when, why) and each finding's status."""
    report = session.report or session.recheck()
    return FORMATS[fmt](replace(report, decisions=tuple(session.decisions)))


def saved_review(session: ReviewSession) -> str:
    """The saved review file (decisions, edits, orphans) as it is on disk."""
    if not session.store_path.exists():
        session.save()
    return session.store_path.read_text(encoding="utf-8")


def corrected_xliff(session: ReviewSession) -> bytes:
    """The XLIFF the review came from, as the CAT tool wrote it, with the translator's fixes
    as the units' targets and the open findings as notes (:mod:`review_app.writeback`)."""
    from review_app.writeback import noted_xliff

    report = session.report or session.recheck()
    open_findings = tuple(f for f in report.findings if session.status(f.id) == "open")
    originals = {segment.id: segment.target for segment in session.segments}
    targets = {
        segment.unit_id: segment.target
        for segment in session.current_segments()
        if segment.unit_id and segment.target != originals.get(segment.id)
    }
    data, _ = noted_xliff(session.source.path, replace(report, findings=open_findings), targets)
    return data


def original_name(path: str | Path) -> str:
    """The name the file had when it was uploaded (``names.txt`` beside the copy), else its own:
    a file goes back to the CAT tool under the name it came with."""
    path = Path(path)
    listing = path.parent / "names.txt"
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8").splitlines():
            saved, _, original = line.partition("\t")
            if saved == path.name and original:
                return original
    return path.name


def exports(session: ReviewSession) -> list[Export]:
    """Every download the app offers for ``session``."""
    from review_app.readers.bilingual import is_xliff

    stem = _stem(Path(session.target.path).name)
    back: list[Export] = []
    if session.source.path == session.target.path and is_xliff(session.source.path):
        back.append(
            Export(
                "Back to the CAT tool (XLIFF: fixes and QA notes)",
                original_name(session.source.path),
                "application/xliff+xml",
                lambda: corrected_xliff(session),
            )
        )
    return [
        *back,
        Export(
            "Corrected English",
            f"{stem}.corrected.txt",
            "text/plain",
            session.corrected_target,
        ),
        Export(
            "QA report (JSON)",
            f"{stem}.report.json",
            "application/json",
            lambda: report_as(session, "json"),
        ),
        Export(
            "QA report (HTML)",
            f"{stem}.report.html",
            "text/html",
            lambda: report_as(session, "html"),
        ),
        Export(
            "QA report (CSV)",
            f"{stem}.report.csv",
            "text/csv",
            lambda: report_as(session, "csv"),
        ),
        Export(
            "Decisions (review JSON)",
            session.store_path.name,
            "application/json",
            lambda: saved_review(session),
        ),
        Export(
            "Final pairs (TMX)",
            f"{stem}.tmx",
            "application/x-tmx+xml",
            # zh and en even for a bilingual file: the session does not keep the codes the
            # file declared (BilingualFile.languages), so there are none to pass.
            lambda: tmx_of(session.current_segments()),
        ),
    ]


def _stem(name: str) -> str:
    """``release.en.txt`` → ``release.en``; ``notes`` → ``notes``."""
    return name[: -len(".txt")] if name.endswith(".txt") else name
