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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alignment.align import Bead, DocumentAlignment
from alignment.segment import split_en
from glossary.model import Glossary
from review_app.atomic import write_atomically
from review_app.decision import DISMISS_REASONS, Decision, in_force, status_of, statuses_of
from review_app.document import Document, Segment
from review_app.errors import InputError
from review_app.findings import Finding, Span
from review_app.pipeline import (
    ReviewOptions,
    align_pair,
    bilingual_pair,
    review_segments,
    segments_of,
)
from review_app.report.model import Report

if TYPE_CHECKING:
    from review_app.readers.bilingual import BilingualFile

SCHEMA = "bireview.review/1"
# Where a pair's text went when pairs were merged or split: (old pair, "source" or "target",
# start of a span) → (new pair, shift of the span's offsets).
Mover = Callable[[int, str, int], tuple[int, int]]
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
    realigned: bool = False  # the translator merged or split pairs: the beads are saved
    unit_ids: tuple[str, ...] | None = None  # a bilingual file's unit ids, one a source sentence
    # Decisions another window or process saved to the same review file, merged in on save.
    merged_from_disk: int = 0
    _disk_sha: str | None = field(default=None, repr=False)  # the file as we last read or wrote it
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
        alignment = align_pair(
            source, target, glossary, line_aligned=options.line_aligned, encoder=options.encoder
        )
        return cls._start(source, target, glossary, options, alignment, store_dir=store_dir)

    @classmethod
    def open_bilingual(
        cls,
        file: BilingualFile,
        glossary: Glossary,
        options: ReviewOptions | None = None,
        *,
        store_dir: str | Path | None = None,
    ) -> ReviewSession:
        """Start (or resume) the review of a bilingual file, its units paired as in the file."""
        pair = bilingual_pair(file)
        return cls._start(
            pair.source,
            pair.target,
            glossary,
            options or ReviewOptions(),
            pair.alignment,
            store_dir=store_dir,
            unit_ids=pair.unit_ids,
        )

    @classmethod
    def _start(
        cls,
        source: Document,
        target: Document,
        glossary: Glossary,
        options: ReviewOptions,
        alignment: DocumentAlignment,
        *,
        store_dir: str | Path | None,
        unit_ids: tuple[str, ...] | None = None,
    ) -> ReviewSession:
        store_path = store_path_for(target.path, store_dir)
        session = cls(
            source=source,
            target=target,
            glossary=glossary,
            options=options,
            store_path=store_path,
            alignment=alignment,
            segments=segments_of(alignment, unit_ids),
            unit_ids=unit_ids,
        )
        if store_path.exists():
            session._disk_sha = _file_sha256(store_path)
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
            if saved.get("beads"):
                self._set_beads(_beads_of(saved["beads"], self.alignment, self.store_path))
                self.realigned = True
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
        """Write the review beside the document, atomically (a temporary file renamed).

        If another window or process saved the same review since we last read or wrote it,
        its decisions are merged in first, so neither side's work is lost.
        """
        if self.store_path.exists() and _file_sha256(self.store_path) != self._disk_sha:
            self._merge_saved(_read_store(self.store_path))
        data = {
            "schema": SCHEMA,
            "source": self.source.path,
            "target": self.target.path,
            "source_sha256": _sha256(self.source.text),
            "target_sha256": _sha256(self.target.text),
            "date": self.options.date.isoformat() if self.options.date else None,
            "beads": (
                [[list(b.src), list(b.tgt)] for b in self.alignment.beads]
                if self.realigned
                else None
            ),
            "edits": {str(key): text for key, text in sorted(self.edits.items())},
            "decisions": [decision.to_dict() for decision in self.decisions],
            "orphans": [decision.to_dict() for decision in self.orphans],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        # A save killed before its rename left a temporary file: the next save removes it.
        write_atomically(self.store_path, text, clean_stale=True)
        self._disk_sha = _sha256(text)

    def _merge_saved(self, saved: dict[str, Any]) -> None:
        """Take in the decisions (and edits) someone else saved that this session lacks."""
        known = {_decision_key(decision) for decision in self.decisions}
        theirs = [Decision.from_dict(item) for item in saved.get("decisions", [])]
        new = [decision for decision in theirs if _decision_key(decision) not in known]
        if not new:
            return
        same_text = saved.get("source_sha256") == _sha256(self.source.text) and saved.get(
            "target_sha256"
        ) == _sha256(self.target.text)
        ours = (
            [[list(b.src), list(b.tgt)] for b in self.alignment.beads] if self.realigned else None
        )
        if not same_text or (saved.get("beads") or None) != ours:
            # Made on other text or other pairs: kept and listed, not applied.
            self.orphans.extend(new)
        else:
            for key, text in saved.get("edits", {}).items():
                self.edits.setdefault(int(key), text)  # on the same pair, this session's wins
            self.decisions = sorted([*self.decisions, *new], key=lambda d: d.when)
            self.recheck()
        self.merged_from_disk += len(new)

    # -- the current state ---------------------------------------------------------------------

    def current_segments(self) -> list[Segment]:
        return [
            replace(segment, target=self.edits[segment.id]) if segment.id in self.edits else segment
            for segment in self.segments
        ]

    def recheck(self) -> Report:
        """Run the checks again on the segments as edited (the alignment is kept): where an
        edit of the English can reach, the last findings elsewhere (review_app.recheck)."""
        self.report = review_segments(
            self.current_segments(),
            self.glossary,
            self.options,
            source_path=self.source.path,
            target_path=self.target.path,
            previous=self.report,
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

    def reopen(self, finding_id: str, *, who: str | None = None) -> None:
        """Open a decided finding again (the decision stays in the history)."""
        if self.status(finding_id) == "open":
            raise ValueError(f"finding {finding_id} is open already")
        self._record("reopened", self.finding(finding_id), who)

    def undo(self, *, who: str | None = None) -> Decision:
        """Take back the last decision in force; an edit or an accepted suggestion gives the
        segment its English of before. Merges and splits are undone by the opposite action.
        Returns the decision taken back."""
        standing = in_force(self.decisions)
        if not standing:
            raise ValueError("there is no decision to undo")
        last = standing[-1]
        if last.action in ("merged", "split"):
            raise ValueError(f"a {last.action} pair is undone by the opposite action")
        if last.action in ("accepted", "edited") and last.before is not None:
            original = self.segments[last.segment].target
            if last.before == original:
                self.edits.pop(last.segment, None)
            else:
                self.edits[last.segment] = last.before
        self.decisions.append(
            replace(
                last,
                action="undone",
                who=who or _user(),
                when=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                undoes=last.key,
            )
        )
        self.save()
        if last.action in ("accepted", "edited"):
            self.recheck()
        return last

    def identical(self, finding_id: str) -> list[Finding]:
        """The open findings like this one (itself included): the same check on the same
        Chinese and English words, the same error repeated through a document."""
        key = error_key(self.finding(finding_id))
        return [finding for finding in self._open_findings() if error_key(finding) == key]

    def identical_counts(self) -> Counter[tuple[str | None, ...]]:
        """How many open findings share each :func:`error_key`, worked out once for a page
        that shows the count on every card."""
        return Counter(error_key(finding) for finding in self._open_findings())

    def _open_findings(self) -> list[Finding]:
        statuses = statuses_of(self.decisions)
        return [f for f in self.findings if statuses.get(f.id, "open") == "open"]

    def dismiss_identical(
        self, finding_id: str, reason: str, *, who: str | None = None
    ) -> list[str]:
        """Dismiss every open finding identical to this one; their ids."""
        ids = [finding.id for finding in self.identical(finding_id)]
        for other in ids:
            self.dismiss(other, reason, who=who)
        return ids

    def accept_identical(self, finding_id: str, *, who: str | None = None) -> list[str]:
        """Apply the suggestion of every open finding identical to this one, then check again
        once; their ids. Each is recorded as its own accept, as if accepted one by one (in a
        pair, from its last finding back, so each span still holds)."""
        fixes: list[tuple[Finding, Span, str]] = [
            (f, f.target_span, f.suggestion)
            for f in self.identical(finding_id)
            if f.target_span is not None and f.suggestion is not None
        ]
        if not fixes:
            raise ValueError(f"finding {finding_id} has no suggestion to apply")
        current = self.current_segments()
        applied_from: dict[int, int] = {}  # in each pair, where the last change applied starts
        for finding, span, suggestion in sorted(fixes, key=lambda f: (f[0].segment, -f[1].start)):
            segment = current[finding.segment]
            if span.end > applied_from.get(segment.id, len(segment.target)):
                continue  # overlaps the one applied after it: it went with that change
            text = segment.target[: span.start] + suggestion + segment.target[span.end :]
            self.edits[segment.id] = text
            self._record(
                "accepted",
                finding,
                who,
                segment=segment,
                before=segment.target,
                after=text,
                save=False,
            )
            current[segment.id] = replace(segment, target=text)
            applied_from[segment.id] = span.start
        self.save()
        self.recheck()
        return [finding.id for finding, _, _ in fixes]

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
        save: bool = True,
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
        if save:
            self.save()

    # -- fixing the alignment ------------------------------------------------------------------

    def merge(self, segment_id: int, *, who: str | None = None) -> Report:
        """Join a pair with the next one, Chinese with Chinese and English with English."""
        if not 0 <= segment_id < len(self.segments) - 1:
            raise ValueError(f"pair {segment_id} has no next pair to merge with")
        current = self.current_segments()
        first, second = current[segment_id], current[segment_id + 1]
        bead = Bead(
            first.source_sentences + second.source_sentences,
            first.target_sentences + second.target_sentences,
            1.0,  # set by the translator
        )
        edits = {}
        if segment_id in self.edits or segment_id + 1 in self.edits:
            edits[segment_id] = _join_en(first.target, second.target)
        source_shift = len(first.source)
        target_shift = len(first.target) + (1 if first.target and second.target else 0)

        def moved(segment: int, side: str, start: int = 0) -> tuple[int, int]:
            if segment <= segment_id:
                return segment, 0
            if segment == segment_id + 1:
                return segment_id, source_shift if side == "source" else target_shift
            return segment - 1, 0

        return self._realign(
            segment_id, 2, [bead], edits, moved, "merged", who, before=first.target
        )

    def split(
        self, segment_id: int, source_at: int, target_at: int, *, who: str | None = None
    ) -> Report:
        """Cut a pair in two: its first ``source_at`` Chinese sentences with its first
        ``target_at`` English sentences, the rest with the rest."""
        if not 0 <= segment_id < len(self.segments):
            raise ValueError(f"there is no pair {segment_id}")
        segment = self.current_segments()[segment_id]
        zh = [self.alignment.src_sentences[i] for i in segment.source_sentences]
        en = self.english_sentences(segment_id)
        if not (0 <= source_at <= len(zh) and 0 <= target_at <= len(en)):
            raise ValueError(
                f"pair {segment_id} has {len(zh)} Chinese and {len(en)} English sentences"
            )
        if (source_at, target_at) in ((0, 0), (len(zh), len(en))):
            raise ValueError("each part of the split needs at least one sentence")
        # An edited English has its own sentences; the file's sentence numbers are cut where
        # they can be, so the corrected document still replaces the right text.
        cut = min(target_at, len(segment.target_sentences))
        beads = [
            Bead(segment.source_sentences[:source_at], segment.target_sentences[:cut], 1.0),
            Bead(segment.source_sentences[source_at:], segment.target_sentences[cut:], 1.0),
        ]
        edits = {}
        if segment_id in self.edits:
            edits = {segment_id: " ".join(en[:target_at]), segment_id + 1: " ".join(en[target_at:])}
        source_cut = len("".join(zh[:source_at]))
        target_cut = len(" ".join(en[:target_at])) + (1 if 0 < target_at < len(en) else 0)

        def moved(segment: int, side: str, start: int = 0) -> tuple[int, int]:
            if segment < segment_id:
                return segment, 0
            if segment > segment_id:
                return segment + 1, 0
            at = source_cut if side == "source" else target_cut
            return (segment_id + 1, -at) if start >= at else (segment_id, 0)

        return self._realign(
            segment_id, 1, beads, edits, moved, "split", who, before=segment.target
        )

    def english_sentences(self, segment_id: int) -> list[str]:
        """The English sentences of a pair as it is now (an edited English is split afresh)."""
        segment = self.current_segments()[segment_id]
        if segment_id in self.edits:
            return split_en(segment.target) if segment.target.strip() else []
        return [self.alignment.tgt_sentences[i] for i in segment.target_sentences]

    def _realign(
        self,
        segment_id: int,
        replaced: int,
        beads: list[Bead],
        new_edits: dict[int, str],
        moved: Mover,
        action: str,
        who: str | None,
        *,
        before: str,
    ) -> Report:
        """Put ``beads`` in place of ``replaced`` pairs from ``segment_id``, renumber the edits
        and decisions (``moved(segment, side[, start])`` → new segment and offset shift), and
        check again."""
        old_findings = {finding.id: finding for finding in self.findings}
        all_beads = list(self.alignment.beads)
        all_beads[segment_id : segment_id + replaced] = beads
        edits = {moved(key, "target", 0)[0]: text for key, text in self.edits.items()}
        for key in range(segment_id, segment_id + len(beads)):
            edits.pop(key, None)
        edits.update(new_edits)
        self._set_beads(all_beads)
        self.edits = edits
        self.realigned = True
        self.decisions = [
            _moved_decision(decision, old_findings.get(decision.finding_id or ""), moved)
            for decision in self.decisions
        ]
        current = self.current_segments()
        after = " | ".join(s.target for s in current[segment_id : segment_id + len(beads)])
        self._record(action, None, who, segment=current[segment_id], before=before, after=after)
        return self.recheck()

    def _set_beads(self, beads: list[Bead]) -> None:
        self.alignment = replace(self.alignment, beads=beads)
        self.segments = segments_of(self.alignment, self.unit_ids)

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


def error_key(finding: Finding) -> tuple[str | None, ...]:
    """What makes two findings the same error: the check, the words on each side and the
    suggestion."""

    def text(span: Span | None) -> str | None:
        return span.text if span else None

    return (finding.check, text(finding.source_span), text(finding.target_span), finding.suggestion)


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


def _decision_key(decision: Decision) -> tuple[str | int | None, ...]:
    return (
        decision.action,
        decision.when,
        decision.who,
        decision.finding_id,
        decision.segment,
        decision.comment,
        decision.after,
    )


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "translator"


def _join_en(first: str, second: str) -> str:
    return " ".join(part for part in (first, second) if part)


def _moved_decision(decision: Decision, finding: Finding | None, moved: Mover) -> Decision:
    """The decision after pairs were merged or split: its pair's new number and, for a
    finding still listed, the id the finding has in the new pair."""
    if finding is None:
        return replace(decision, segment=moved(decision.segment, "target", 0)[0])
    spans = [span for span in (finding.target_span, finding.source_span) if span]
    side = "target" if finding.target_span else "source"
    segment, _ = moved(finding.segment, side, spans[0].start if spans else 0)

    def shifted(span: Span | None, side: str) -> Span | None:
        if span is None:
            return None
        _, shift = moved(finding.segment, side, span.start)
        return Span(span.start + shift, span.end + shift, span.text)

    relocated = replace(
        finding,
        segment=segment,
        source_span=shifted(finding.source_span, "source"),
        target_span=shifted(finding.target_span, "target"),
        id="",
    )
    return replace(decision, segment=segment, finding_id=relocated.id)


def _beads_of(saved: Any, alignment: DocumentAlignment, path: Path) -> list[Bead]:
    """The pairs a translator fixed, as saved; refused if they do not fit the documents."""
    try:
        beads = [Bead(tuple(map(int, src)), tuple(map(int, tgt)), 1.0) for src, tgt in saved]
    except (TypeError, ValueError):
        raise InputError(path, "the saved alignment is not a list of pairs") from None
    src = sorted(i for bead in beads for i in bead.src)
    tgt = sorted(i for bead in beads for i in bead.tgt)
    if src != list(range(len(alignment.src_sentences))) or tgt != list(
        range(len(alignment.tgt_sentences))
    ):
        raise InputError(path, "the saved alignment does not fit the documents' sentences")
    return beads
