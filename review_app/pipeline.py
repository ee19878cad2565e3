"""The one path from two documents to a report; the command line and the app both call it.

documents → sentences → aligned pairs → entity matches → checks → findings → report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.match import EntityMatch, matcher_for
from glossary.model import Glossary, Person, Place
from glossary.names import find_titled_names
from glossary.roles import RoleReader
from review_app import __version__
from review_app.checks.base import Check, SegmentCheck, all_checks
from review_app.document import AnalyzedDocument, AnalyzedSegment, Document, Segment
from review_app.errors import InputError
from review_app.findings import Finding, Severity
from review_app.limits import DEFAULT_LIMITS, Budget, LimitError, Limits
from review_app.recheck import Reuse, reuse_of
from review_app.report.model import Report, Signature

if TYPE_CHECKING:
    from alignment.align import DocumentAlignment
    from alignment.score import SentenceEncoder
    from review_app.readers.bilingual import BilingualFile
    from review_app.scoring import Scores
    from review_app.translator import MarianTranslator

log = logging.getLogger(__name__)

ALIGNER_NAME = "paragraphs+dp"


@dataclass(frozen=True)
class ReviewOptions:
    date: dt.date | None = None
    date_origin: str | None = None
    line_aligned: bool | None = None
    checks: tuple[str, ...] | None = None  # None: every registered check
    encoder: SentenceEncoder | None = None  # a local sentence-embedding model for the aligner
    # Another English version (a machine draft, an earlier release): the report gains BLEU,
    # chrF and TER against it, per segment and for the document (review_app.scoring).
    reference: Document | None = None
    # A local translation model for the back-translation signal (adequacy.low), and a callback
    # told how many segments it has translated, for a progress bar.
    translator: MarianTranslator | None = None
    progress: Callable[[int], None] | None = None
    # The bounds on the document (review_app.limits), and a callback told how far the review
    # has got: the stage ("paragraphs", "sentences", "analysing", "checking"), steps done in
    # it so far, steps in all (a progress bar for a large document).
    limits: Limits = DEFAULT_LIMITS
    stage_progress: Callable[[str, int, int], None] | None = None


def align_pair(
    source: Document,
    target: Document,
    glossary: Glossary,
    *,
    line_aligned: bool | None = None,
    sentences_per_line: bool = False,
    encoder: SentenceEncoder | None = None,
    budget: Budget | None = None,
) -> DocumentAlignment:
    """Split and align two documents (``sentences_per_line``: already split, a sentence a line).

    ``budget``: the time and sentences allowed (:class:`review_app.limits.Budget`)."""
    from alignment.align import DocumentAlignment, align_document, align_sentences

    options: dict[str, Any] = {"term_pairs": term_pairs(glossary)}
    if budget is not None:
        options["tick"] = budget.step
    if encoder is not None:
        options["encoder"] = encoder
    if sentences_per_line:
        src = [line.strip() for line in source.text.splitlines() if line.strip()]
        tgt = [line.strip() for line in target.text.splitlines() if line.strip()]
        if budget is not None:
            budget.check_sentences(len(src), len(tgt))
        return DocumentAlignment(src, tgt, align_sentences(src, tgt, **options))
    on_split = budget.check_sentences if budget is not None else None
    try:
        return align_document(
            source.text, target.text, line_aligned=line_aligned, on_split=on_split, **options
        )
    except ValueError as error:  # line_aligned=True with different line counts
        raise InputError(target.path, str(error)) from None


def align(
    source: Document,
    target: Document,
    glossary: Glossary,
    *,
    line_aligned: bool | None,
    encoder: SentenceEncoder | None = None,
    budget: Budget | None = None,
) -> list[Segment]:
    """Split and align the two documents into segments."""
    alignment = align_pair(
        source, target, glossary, line_aligned=line_aligned, encoder=encoder, budget=budget
    )
    return segments_of(alignment)


def segments_of(
    alignment: DocumentAlignment, unit_ids: Sequence[str] | None = None
) -> list[Segment]:
    """One segment a bead: the source sentences joined as Chinese is, the English with spaces.

    ``unit_ids``: for a bilingual file, the unit id of each source sentence (one a unit).
    """
    segments = []
    for index, bead in enumerate(alignment.beads):
        unit_id = "+".join(unit_ids[i] for i in bead.src) if unit_ids and bead.src else None
        segments.append(
            Segment(
                id=index,
                source="".join(alignment.src_sentences[i] for i in bead.src),
                target=" ".join(alignment.tgt_sentences[i] for i in bead.tgt),
                source_sentences=tuple(bead.src),
                target_sentences=tuple(bead.tgt),
                confidence=bead.confidence,
                unit_id=unit_id,
            )
        )
    return segments


@dataclass(frozen=True)
class BilingualPair:
    """A bilingual file (XLIFF, TMX, TSV) as the pipeline sees it: a document a side, and its
    units as they are paired in the file (not aligned again)."""

    source: Document
    target: Document
    alignment: DocumentAlignment
    unit_ids: tuple[str, ...]


def bilingual_pair(file: BilingualFile) -> BilingualPair:
    """Keep the file's pairing: each unit one pair, its Chinese one sentence, its English one
    (none when the unit is untranslated); the documents are the units a line each."""
    from alignment.align import Bead, DocumentAlignment

    sources: list[str] = []
    targets: list[str] = []
    beads: list[Bead] = []
    for unit in file.units:
        tgt: tuple[int, ...] = ()
        if unit.target.strip():
            tgt = (len(targets),)
            targets.append(unit.target)
        beads.append(Bead((len(sources),), tgt, 1.0))
        sources.append(unit.source)
    return BilingualPair(
        source=Document(path=file.path, text="\n".join(sources), lang="zh", encoding=file.kind),
        target=Document(path=file.path, text="\n".join(targets), lang="en", encoding=file.kind),
        alignment=DocumentAlignment(sources, targets, beads),
        unit_ids=tuple(unit.id for unit in file.units),
    )


def review_bilingual(
    file: BilingualFile, glossary: Glossary, options: ReviewOptions | None = None
) -> Report:
    """Review a bilingual file's units as they are paired in it, keeping their ids."""
    options = options or ReviewOptions()
    budget = Budget(file.path, options.limits, options.stage_progress)
    pair = bilingual_pair(file)
    budget.check_sentences(len(pair.alignment.src_sentences), len(pair.alignment.tgt_sentences))
    # Each unit is one segment: it keeps what the file says of it (status, notes).
    paired = zip(segments_of(pair.alignment, pair.unit_ids), file.units, strict=True)
    segments = [
        dataclasses.replace(segment, unit_state=unit.state, unit_note=unit.note)
        for segment, unit in paired
    ]
    return review_segments(
        segments,
        glossary,
        options,
        source_path=file.path,
        target_path=file.path,
        budget=budget,
    )


def term_pairs(glossary: Glossary) -> tuple[tuple[str, str], ...]:
    """Glossary names as lexical evidence for the aligner."""
    entries: list[Place | Person] = [*glossary.places.values(), *glossary.persons.values()]
    return tuple((zh, en) for entry in entries for zh in entry.zh_names for en in entry.en_names)


def analyze(
    segments: Sequence[Segment],
    glossary: Glossary,
    date: dt.date | None,
    tick: Callable[[int], None] | None = None,
) -> AnalyzedDocument:
    """Find entities and role claims on both sides of every segment (``tick``: told of each
    segment analysed)."""
    matcher = matcher_for(glossary)
    roles = RoleReader(glossary)
    titles = glossary.office_titles
    known = tuple(person.zh for person in glossary.persons.values())
    persons: dict[str, Person] = dict(glossary.persons)
    found_zh = []
    for segment in segments:
        found_zh.append(matcher.find_zh(segment.source))
        if tick is not None:
            tick(1)
    named = {m.entity for matches in found_zh for m in matches if m.how == "name"}
    analyzed = []
    for segment, zh_matches in zip(segments, found_zh, strict=True):
        source_entities = [matcher.widened(match, named) for match in zh_matches]
        target_entities = matcher.find_en(segment.target)
        # Officials the glossary does not list: a name after a title, found in English by pinyin.
        for found in find_titled_names(segment.source, segment.target, titles, known):
            if _overlaps(found.zh_start, found.zh_end, source_entities) or _overlaps(
                found.en_start, found.en_end, target_entities
            ):
                continue
            persons.setdefault(found.person.id, found.person)
            ids = (found.person.id,)
            zh, en = segment.source, segment.target
            source_entities.append(_match(zh, found.zh_start, found.zh_end, ids))
            target_entities.append(_match(en, found.en_start, found.en_end, ids))
        source_entities.sort(key=lambda match: match.start)
        target_entities.sort(key=lambda match: match.start)
        analyzed.append(
            AnalyzedSegment(
                segment=segment,
                source_entities=tuple(source_entities),
                target_entities=tuple(target_entities),
                source_roles=tuple(roles.read_zh(segment.source, source_entities, persons)),
                target_roles=tuple(roles.read_en(segment.target, target_entities, persons)),
            )
        )
    return AnalyzedDocument(segments=analyzed, glossary=glossary, date=date, persons=persons)


def _match(text: str, start: int, end: int, ids: tuple[str, ...]) -> EntityMatch:
    return EntityMatch(start, end, text[start:end], ids, "titled name", start, end)


def _overlaps(start: int, end: int, matches: Sequence[EntityMatch]) -> bool:
    return any(match.start < end and start < match.end for match in matches)


def run_checks(
    document: AnalyzedDocument, checks: Sequence[Check], reuse: Reuse | None = None
) -> list[Finding]:
    """Every check's findings, in document order; a crashing check is reported, not fatal
    (a document past its time limit is: :class:`~review_app.limits.LimitError` goes through).
    ``reuse``: the last run's findings, kept where no changed English can reach them."""
    findings: list[Finding] = []
    for check in checks:
        kept = reuse.kept(check) if reuse is not None else frozenset()
        try:
            if kept and isinstance(check, SegmentCheck):
                findings.extend(reuse.findings_of(check, kept))  # type: ignore[union-attr]
                findings.extend(check.run(document, skip=kept))
            else:
                findings.extend(check.run(document))
            if document.tick is not None and not isinstance(check, SegmentCheck):
                document.tick(len(document.segments))
        except LimitError:
            raise
        except Exception as error:
            log.exception("check %s failed", check.id)
            findings.append(
                Finding(
                    check=check.id,
                    mqm="other",
                    severity=Severity.INFO,
                    segment=0,
                    message=f"the check {check.id} failed and was skipped: {error}",
                )
            )
    order = {check.id: index for index, check in enumerate(checks)}
    return sorted(
        findings,
        key=lambda f: (
            f.segment,
            order.get(f.check, 0),
            f.target_span.start if f.target_span else -1,
        ),
    )


def select_checks(ids: Sequence[str] | None) -> list[Check]:
    registry = all_checks()
    chosen = list(registry) if ids is None else list(ids)
    return [registry[check_id]() for check_id in chosen]


def review(
    source: Document, target: Document, glossary: Glossary, options: ReviewOptions | None = None
) -> Report:
    """Review ``target`` as a translation of ``source``: the whole pipeline."""
    options = options or ReviewOptions()
    budget = Budget(target.path, options.limits, options.stage_progress)
    segments = align(
        source,
        target,
        glossary,
        line_aligned=options.line_aligned,
        encoder=options.encoder,
        budget=budget,
    )
    return review_segments(
        segments,
        glossary,
        options,
        source_path=source.path,
        target_path=target.path,
        budget=budget,
    )


def review_segments(
    segments: Sequence[Segment],
    glossary: Glossary,
    options: ReviewOptions | None = None,
    *,
    source_path: str,
    target_path: str,
    budget: Budget | None = None,
    previous: Report | None = None,
) -> Report:
    """Run the checks on segments already aligned (after a translator edited some of them).

    ``budget``: the time left for the document (a new one, from ``options.limits``, if None);
    a segment longer than the limits allow is refused (a unit or a line kept as paired: the
    aligner's own segments are a few sentences). ``previous``: the report of the same pairs
    before their English was edited; its findings are kept where the edits cannot reach
    (review_app.recheck), which gives the same findings as checking everything again."""
    options = options or ReviewOptions()
    if budget is None:
        budget = Budget(target_path, options.limits, options.stage_progress)
    _refuse_long_segments(segments, options.limits, target_path)
    checks = select_checks(options.checks)
    budget.begin("analysing", len(segments))
    document = analyze(segments, glossary, options.date, budget.tick)
    budget.begin("checking", len(segments) * len(checks))
    document.tick = budget.tick
    wants_models = options.translator is not None or options.encoder is not None
    if wants_models and any(check.id == "adequacy.low" for check in checks):
        from review_app.adequacy import adequacy_signals

        document.adequacy = adequacy_signals(
            segments, options.translator, options.encoder, options.progress
        )
    reuse = reuse_of(previous, segments, glossary, checks, options.date)
    findings = run_checks(document, checks, reuse)
    reference = None
    if options.reference is not None:
        reference = score_reference(segments, options.reference, target_path=target_path)
    return Report(
        source_path=source_path,
        target_path=target_path,
        date=options.date,
        segments=tuple(segments),
        findings=tuple(findings),
        signature=Signature(
            tool_version=__version__,
            glossary_version=glossary.version,
            checks=tuple(check.id for check in checks),
            aligner=ALIGNER_NAME,
            models=_model_tags(options),
        ),
        date_origin=options.date_origin,
        reference=reference,
    )


def _refuse_long_segments(segments: Sequence[Segment], limits: Limits, path: str) -> None:
    most = limits.segment_chars
    for segment in segments:
        longest = max(len(segment.source), len(segment.target))
        if longest > most:
            where = f"unit {segment.unit_id}" if segment.unit_id else f"segment {segment.id + 1}"
            raise LimitError(
                path,
                f"{where} holds {longest:,} characters (at most {most:,} in a segment kept as "
                "paired, see --max-segment-chars)",
            )


def _model_tags(options: ReviewOptions) -> tuple[str, ...]:
    from review_app.models import model_tags

    translator_path = getattr(options.translator, "path", None)
    encoder_path = getattr(options.encoder, "path", None)
    return model_tags(
        str(translator_path) if translator_path else None,
        str(encoder_path) if encoder_path else None,
    )


def score_reference(
    segments: Sequence[Segment], reference: Document, *, target_path: str
) -> Scores:
    """The segments' English scored against ``reference`` (paired by
    :func:`review_app.pairing.pair_with_segments`)."""
    from review_app.pairing import pair_with_segments
    from review_app.scoring import score_pairs

    pairing = pair_with_segments(segments, reference.text)
    if not pairing.pairs:
        raise InputError(target_path, "no English to score against the reference")
    return score_pairs(
        pairing.pairs,
        pairing=pairing.method,
        hypothesis_path=target_path,
        reference_path=reference.path,
    )
