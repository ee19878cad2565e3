"""A translator's review of one document pair: decisions and edits, saved as they are made.

The review lives in a JSON file beside the English document (``NAME.bireview.json``) or in a
folder the user chooses, written atomically after every change, so closing the browser or the
app loses nothing. Opening the same pair again resumes it. If either document changed on disk
since, the pair is aligned afresh and every decision is re-attached to the segment whose text
it was made on; decisions whose text is gone are kept and listed as orphans, never dropped.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from alignment.align import DocumentAlignment
from glossary.model import Glossary
from review_app.atomic import write_atomically
from review_app.decision import DISMISS_REASONS, Decision, status_of
from review_app.document import Document, Segment
from review_app.errors import InputError
from review_app.findings import Finding
from review_app.pipeline import ReviewOptions, align_pair, review_segments, segments_of
from review_app.report.model import Report

SCHEMA = "bireview.review/1"
STORE_SUFFIX = ".bireview.json"


@dataclass
class ReviewSession:
    """One document pair under review: its alignment, edits, decisions and current findings."""

    source: Document
    target: Document
    glossary: Glossary
    options: ReviewOptions
    store_path: Path
    alignment: DocumentAlignment
    segments: list[Segment]
    edits: dict[int, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    orphans: list[Decision] = field(default_factory=list)
    changed_on_disk: bool = False
    report: Report | None = None

    # -- opening and saving --------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        source: Document,
        target: Document,
        glossary: Glossary,
        options: ReviewOptions | None = None,
        *,
        store_dir: str | Path | None = None,
    ) -> ReviewSession:
        """Start a review of the pair, or resume the one saved for it."""
        options = options or ReviewOptions()
        store_path = store_path_for(target.path, store_dir)
        alignment = align_pair(
            source, target, glossary, line_aligned=options.line_aligned, encoder=options.encoder
        )
        session = cls(
            source=source,
            target=target,
            glossary=glossary,
            options=options,
            store_path=store_path,
            alignment=alignment,
            segments=segments_of(alignment),
        )
        if store_path.exists():
            session._resume(_read_store(store_path))
        session.recheck()
        session.save()
        return session

    def _resume(self, saved: dict[str, Any]) -> None:
        decisions = [Decision.from_dict(item) for item in saved.get("decisions", [])]
        unchanged = saved.get("source_sha256") == _sha256(self.source.text) and saved.get(
            "target_sha256"
        ) == _sha256(self.target.text)
        if unchanged:
            self.edits = {int(key): text for key, text in saved.get("edits", {}).items()}
            self.decisions = decisions
            self.orphans = [Decision.from_dict(item) for item in saved.get("orphans", [])]
            return
        # The files changed: re-attach each decision to the segment with the same Chinese.
        self.changed_on_disk = True
        self.orphans = [Decision.from_dict(item) for item in saved.get("orphans", [])]
        by_source = {segment.source: segment for segment in self.segments}
        for decision in decisions:
            segment = by_source.get(decision.source_text or "")
            if segment is None:
                self.orphans.append(decision)
                continue
            if decision.action in ("accepted", "edited"):
                if segment.target != decision.before:
                    self.orphans.append(decision)
                    continue
                self.edits[segment.id] = decision.after or segment.target
            self.decisions.append(replace(decision, segment=segment.id))

    def save(self) -> None:
        """Write the review beside the document, atomically (a temporary file renamed)."""
        data = {
            "schema": SCHEMA,
            "source": self.source.path,
            "target": self.target.path,
            "source_sha256": _sha256(self.source.text),
            "target_sha256": _sha256(self.target.text),
            "date": self.options.date.isoformat() if self.options.date else None,
            "edits": {str(key): text for key, text in sorted(self.edits.items())},
            "decisions": [decision.to_dict() for decision in self.decisions],
            "orphans": [decision.to_dict() for decision in self.orphans],
        }
        write_atomically(self.store_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    # -- the current state ---------------------------------------------------------------------

    def current_segments(self) -> list[Segment]:
        return [
            replace(segment, target=self.edits[segment.id]) if segment.id in self.edits else segment
            for segment in self.segments
        ]

    def recheck(self) -> Report:
        """Run the checks again on the segments as edited (the alignment is kept)."""
        self.report = review_segments(
            self.current_segments(),
            self.glossary,
            self.options,
            source_path=self.source.path,
            target_path=self.target.path,
        )
        return self.report

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings if self.report else ()

    def finding(self, finding_id: str) -> Finding:
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise KeyError(finding_id)

    def status(self, finding_id: str) -> str:
        """ "open", or the last decision taken on the finding (dismissed, commented …)."""
        return status_of(self.decisions, finding_id)

    def comments(self, finding_id: str) -> list[Decision]:
        return [d for d in self.decisions if d.finding_id == finding_id and d.comment]

    # -- decisions -----------------------------------------------------------------------------

    def accept(self, finding_id: str, *, who: str | None = None) -> Report:
        """Apply the finding's suggestion to the English and check again."""
        finding = self.finding(finding_id)
        if finding.suggestion is None or finding.target_span is None:
            raise ValueError(f"finding {finding_id} has no suggestion to apply")
        segment = self.current_segments()[finding.segment]
        span = finding.target_span
        text = segment.target[: span.start] + finding.suggestion + segment.target[span.end :]
        return self._change(finding.segment, text, "accepted", who, finding=finding)

    def edit(
        self, segment_id: int, text: str, *, who: str | None = None, finding_id: str | None = None
    ) -> Report:
        """Replace a segment's English by hand and check again."""
        finding = self.finding(finding_id) if finding_id else None
        return self._change(segment_id, text, "edited", who, finding=finding)

    def dismiss(
        self, finding_id: str, reason: str, *, who: str | None = None, comment: str | None = None
    ) -> None:
        """Mark a finding as not to be fixed, with one of :data:`DISMISS_REASONS`."""
        if reason not in DISMISS_REASONS:
            raise ValueError(f"reason must be one of {', '.join(DISMISS_REASONS)}")
        self._record("dismissed", self.finding(finding_id), who, reason=reason, comment=comment)

    def comment(self, finding_id: str, text: str, *, who: str | None = None) -> None:
        self._record("commented", self.finding(finding_id), who, comment=text)

    def _change(
        self, segment_id: int, text: str, action: str, who: str | None, *, finding: Finding | None
    ) -> Report:
        segment = self.current_segments()[segment_id]
        self.edits[segment_id] = text
        self._record(action, finding, who, segment=segment, before=segment.target, after=text)
        return self.recheck()

    def _record(
        self,
        action: str,
        finding: Finding | None,
        who: str | None,
        *,
        segment: Segment | None = None,
        **details: str | None,
    ) -> None:
        segment = segment or self.current_segments()[finding.segment if finding else 0]
        self.decisions.append(
            Decision(
                action=action,
                segment=segment.id,
                who=who or _user(),
                when=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                finding_id=finding.id if finding else None,
                check=finding.check if finding else None,
                source_text=self.segments[segment.id].source,
                target_span=finding.target_span.text if finding and finding.target_span else None,
                **details,
            )
        )
        self.save()

    # -- export --------------------------------------------------------------------------------

    def corrected_target(self) -> str:
        """The English document with every edit in place, its layout otherwise untouched."""
        spans = locate_sentences(self.target.text, self.alignment.tgt_sentences)
        text = self.target.text
        replacements: list[tuple[int, int, str]] = []
        end_so_far = 0  # where the English of the segments read so far ends
        for segment in self.segments:
            found = [spans[i] for i in segment.target_sentences]
            located = [span for span in found if span is not None]
            if segment.id in self.edits:
                new = self.edits[segment.id]
                if located:
                    replacements.append((located[0][0], located[-1][1], new))
                elif new.strip():
                    # English added for a sentence the translation had left out.
                    replacements.append((end_so_far, end_so_far, " " + new.strip()))
            if located:
                end_so_far = located[-1][1]
        for start, end, new in sorted(replacements, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def store_path_for(target_path: str | Path, store_dir: str | Path | None = None) -> Path:
    """Where the review of ``target_path`` is kept: beside it, or in ``store_dir``."""
    target = Path(target_path)
    name = target.name + STORE_SUFFIX
    if store_dir is None:
        return target.with_name(name)
    # In a shared folder, keep reviews of same-named files apart by their folder.
    folder_key = hashlib.sha256(str(target.resolve().parent).encode()).hexdigest()[:8]
    return Path(store_dir) / f"{target.stem}-{folder_key}{target.suffix}{STORE_SUFFIX}"


def locate_sentences(text: str, sentences: Sequence[str]) -> list[tuple[int, int] | None]:
    """The span of each sentence in ``text``, in order (whitespace may differ: a sentence joined
    from wrapped lines has a space where the file has a newline)."""
    spans: list[tuple[int, int] | None] = []
    position = 0
    for sentence in sentences:
        words = sentence.split()
        pattern = r"\s+".join(re.escape(word) for word in words) if words else re.escape(sentence)
        match = re.compile(pattern).search(text, position)
        if match is None:
            spans.append(None)
            continue
        spans.append((match.start(), match.end()))
        position = match.end()
    return spans


def _read_store(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the saved review: {error}") from None
    except json.JSONDecodeError as error:
        raise InputError(
            path, f"the saved review is not valid JSON: {error.msg}", line=error.lineno
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(path, f"not a saved review ({SCHEMA})")
    return data


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "translator"
