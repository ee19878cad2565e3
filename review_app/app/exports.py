"""The downloads: corrected English, QA report (JSON, HTML, CSV), the saved decisions, a TMX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from review_app.document import Segment
from review_app.report.render import FORMATS
from review_app.review_store import ReviewSession

# The bilingual files that go back with the fixes in them: the label's words and the MIME type.
BACK = {
    "xliff": ("XLIFF: fixes and QA notes", "application/xliff+xml"),
    "tmx": ("TMX: fixes", "application/x-tmx+xml"),
    "tsv": ("TSV: fixes", "text/tab-separated-values"),
    "csv": ("CSV: fixes", "text/csv"),
    "xlsx": ("Excel: fixes", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class Export:
    """One download: its button label, file name, MIME type and a function making its content.

    The content is made when the user clicks (Streamlit's deferred ``data``), not on every run.
    """

    label: str
    file_name: str
    mime: str
    data: Callable[[], str | bytes]


def tmx_of(segments: Sequence[Segment], languages: tuple[str, str] | None = None) -> str:
    """A TMX 1.4 memory of the pairs that have both a Chinese and an English side, in the
    language codes of the file the review came from if it declared them (zh-CN, en-US)."""
    from alignment.formats import tmx_of_pairs

    pairs = ((segment.source, segment.target) for segment in segments)
    if languages is None:
        return tmx_of_pairs(pairs)
    return tmx_of_pairs(pairs, source_lang=languages[0], target_lang=languages[1])


def file_languages(session: ReviewSession) -> tuple[str, str] | None:
    """The language codes the reviewed bilingual file declares, if it is one and does."""
    from review_app.readers.bilingual import is_bilingual, read_bilingual

    path = session.source.path
    if path != session.target.path or not is_bilingual(path):
        return None
    return read_bilingual(path).languages


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


def changed_units(session: ReviewSession) -> dict[str, tuple[str, str]]:
    """The units whose English the translator changed: unit id → (as read, as it is now)."""
    originals = {segment.id: segment.target for segment in session.segments}
    return {
        segment.unit_id: (originals.get(segment.id, ""), segment.target)
        for segment in session.current_segments()
        if segment.unit_id and segment.target != originals.get(segment.id)
    }


def corrected_xliff(session: ReviewSession) -> bytes:
    """The XLIFF the review came from, as the CAT tool wrote it, with the translator's fixes
    as the units' targets and the open findings as notes (:mod:`review_app.writeback`)."""
    from review_app.writeback import noted_xliff

    report = session.report or session.recheck()
    open_findings = tuple(f for f in report.findings if session.status(f.id) == "open")
    findings = replace(report, findings=open_findings)
    data, _ = noted_xliff(session.source.path, findings, changed_units(session))
    return data


def corrected_file(session: ReviewSession, kind: str) -> bytes:
    """The bilingual file the review came from with the translator's fixes in it: an XLIFF
    also gets the open findings as notes (:mod:`review_app.corrected`)."""
    if kind == "xliff":
        return corrected_xliff(session)
    from review_app.corrected import corrected_copy

    return corrected_copy(session.source.path, kind, changed_units(session))


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
    from review_app.readers.bilingual import bilingual_kind

    stem = _stem(Path(session.target.path).name)
    back: list[Export] = []
    kind = (
        bilingual_kind(session.source.path) if session.source.path == session.target.path else None
    )
    if kind in BACK:
        label, mime = BACK[kind]
        back.append(
            Export(
                f"Back to the CAT tool ({label})",
                original_name(session.source.path),
                mime,
                lambda: corrected_file(session, kind),
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
            lambda: tmx_of(session.current_segments(), file_languages(session)),
        ),
    ]


def _stem(name: str) -> str:
    """``release.en.txt`` → ``release.en``; ``notes`` → ``notes``."""
    return name[: -len(".txt")] if name.endswith(".txt") else name
