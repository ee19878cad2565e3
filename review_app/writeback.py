"""Findings written back into the XLIFF they came from, as notes a CAT tool shows.

``bireview check FILE.xlf --write-notes OUT.xlf`` copies FILE with each finding added to its
unit as a ``<note from="bireview" priority="…">`` (XLIFF 1.2, Trados SDLXLIFF, memoQ MQXLIFF
…) or a ``<note category="bireview">`` in the unit's ``<notes>`` (XLIFF 2). Everything else
stays byte for byte as it was: the notes are inserted into the file's text, which is never
parsed and written again (a serialiser would change quotes, namespaces, whitespace and
entities that a CAT tool may care about). In XLIFF 1.2 the note goes right after the unit's
``<target>`` (else its ``<seg-source>`` or ``<source>``), where the schema allows it before
any tool's own elements (``<sdl:seg-defs>``); in XLIFF 2, ``<notes>`` is the unit's first child.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from html import escape, unescape
from pathlib import Path

from review_app.atomic import write_atomically
from review_app.errors import InputError
from review_app.findings import Finding, Severity
from review_app.inline import edit_inline
from review_app.readers.text import edited_bytes
from review_app.report.model import Report

# XLIFF 1.2 note priorities: 1 is the highest.
_PRIORITY = {Severity.CRITICAL: 1, Severity.MAJOR: 2, Severity.MINOR: 3, Severity.INFO: 5}
_ATTRIBUTE = r"""\s[^>]*?\bid\s*=\s*(["'])(?P<id>.*?)\1"""


def notes_by_unit(report: Report) -> dict[str, list[Finding]]:
    """The report's findings by the unit id of their segment (bilingual files only)."""
    units = {segment.id: segment.unit_id for segment in report.segments}
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        unit_id = units.get(finding.segment)
        if unit_id:
            found[unit_id].append(finding)
    return found


def write_notes(source: str | Path, report: Report, output: str | Path) -> int:
    """Write ``source`` (an XLIFF) to ``output`` with the report's findings as notes in their
    units; the number of notes written. The file keeps its encoding."""
    data, written = noted_xliff(source, report)
    write_atomically(output, data)
    return written


def noted_xliff(
    source: str | Path, report: Report, targets: dict[str, tuple[str, str]] | None = None
) -> tuple[bytes, int]:
    """The bytes of ``source`` (an XLIFF) with the report's findings as notes in their units
    and, for the units in ``targets`` (unit id → the English as read, the English now), the
    new English in the target (a translator's fixes, back into the file they came from, its
    inline codes kept: :func:`review_app.inline.edit_inline`); and the number of notes."""
    written = 0

    def edit(text: str) -> str:
        nonlocal written
        version2 = bool(re.search(r"<xliff\b[^>]*\bversion\s*=\s*[\"']2", text))
        for unit_id, (before, english) in (targets or {}).items():
            text, found = _replace_target(text, unit_id, before, english, version2)
            if not found:
                raise InputError(source, f"unit {unit_id} was not found in the file to correct it")
        for unit_id, findings in notes_by_unit(report).items():
            text, added = _insert(text, unit_id, findings, version2)
            if not added:
                raise InputError(
                    source, f"unit {unit_id} was not found in the file to add its notes"
                )
            written += len(findings)
        return text

    return edited_bytes(source, edit), written


def _unit_span(text: str, unit_id: str, version2: bool) -> tuple[int, int] | None:
    """The span of the unit ``unit_id`` from the end of its opening tag to its closing tag."""
    file_name, _, plain_id = unit_id.rpartition("#") if "#" in unit_id else ("", "", unit_id)
    start, end = _file_span(text, file_name)
    if version2:
        plain_id = plain_id.split("/", 1)[0]
    tag = "unit" if version2 else "trans-unit"
    opening = re.compile(rf"<{tag}{_ATTRIBUTE}[^>]*>", re.DOTALL)
    for match in opening.finditer(text, start, end):
        if unescape(match["id"]) == plain_id:
            close = text.find(f"</{tag}>", match.end())
            return (match.end(), close) if close >= 0 else None
    return None


def _replace_target(
    text: str, unit_id: str, before: str, english: str, version2: bool
) -> tuple[str, bool]:
    """``text`` with the unit's target text ``before`` changed to ``english``, its inline
    codes kept. Inside a Trados segment mark (``<mrk mtype="seg">``) only the mark's content
    changes; a unit without a target gets one after its source (or seg-source)."""
    span = _unit_span(text, unit_id, version2)
    if span is None:
        return text, False
    start, close = span
    if version2 and "/" in unit_id.rpartition("#")[2]:
        return text, False  # one segment of several: not written back at unit level
    target = re.compile(r"<target\b[^>]*>").search(text, start, close)
    if target is None:
        at = _after_target(text, start, close)
        return text[:at] + f"<target>{escape(english, quote=False)}</target>" + text[at:], True
    if target.group().endswith("/>"):  # <target/>: an empty target, given its text
        filled = f"{target.group()[:-2].rstrip()}>{escape(english, quote=False)}</target>"
        return text[: target.start()] + filled + text[target.end() :], True
    end = text.find("</target>", target.end(), close)
    if end < 0:
        return text, False
    segment_mark = re.compile(r"<mrk\b[^>]*\bmtype\s*=\s*[\"']seg[\"'][^>]*>").search(
        text, target.end(), end
    )
    if segment_mark is not None:
        inner_end = text.rfind("</mrk>", segment_mark.end(), end)
        if inner_end >= 0:
            inner = edit_inline(text[segment_mark.end() : inner_end], before, english)
            return text[: segment_mark.end()] + inner + text[inner_end:], True
    inner = edit_inline(text[target.end() : end], before, english)
    return text[: target.end()] + inner + text[end:], True


def _insert(
    text: str, unit_id: str, findings: Iterable[Finding], version2: bool
) -> tuple[str, bool]:
    """``text`` with the notes inserted into the unit ``unit_id`` ("file#id" when the XLIFF
    has several files; "id/segment" for a segment of an XLIFF 2 unit)."""
    span = _unit_span(text, unit_id, version2)
    if span is None:
        return text, False
    start, close = span
    if version2:
        at, insert = _notes_2(text, start, close, findings)
    else:
        at, insert = _after_target(text, start, close), _notes_12(findings)
    return text[:at] + insert + text[at:], True


def _file_span(text: str, original: str) -> tuple[int, int]:
    """The span of the ``<file>`` named ``original`` (or numbered so), or the whole text."""
    if not original:
        return 0, len(text)
    files = list(re.finditer(r"<file\b[^>]*>", text))
    for number, match in enumerate(files, 1):
        names = re.findall(r"""\b(?:original|id)\s*=\s*(["'])(.*?)\1""", match.group())
        if original in {unescape(value) for _, value in names} or original == str(number):
            close = text.find("</file>", match.end())
            return match.start(), close if close >= 0 else len(text)
    return 0, len(text)


def _after_target(text: str, start: int, close: int) -> int:
    """Where a note may go in an XLIFF 1.2 unit: after its target, seg-source or source."""
    for tag in ("target", "seg-source", "source"):
        end = text.rfind(f"</{tag}>", start, close)
        if end >= 0:
            return end + len(f"</{tag}>")
        empty = re.compile(rf"<{tag}\b[^>]*/>").search(text, start, close)
        if empty:
            return empty.end()
    return start


def _notes(findings: Iterable[Finding], named: str) -> str:
    """The findings as notes, ``named`` saying whose (``from="bireview"`` in XLIFF 1.2,
    ``category="bireview"`` in XLIFF 2)."""
    return "".join(
        f'<note {named} priority="{_PRIORITY.get(f.severity, 3)}">'
        f"{escape(_line(f), quote=False)}</note>"
        for f in findings
    )


def _notes_12(findings: Iterable[Finding]) -> str:
    return _notes(findings, 'from="bireview"')


def _notes_2(text: str, start: int, close: int, findings: Iterable[Finding]) -> tuple[int, str]:
    notes = _notes(findings, 'category="bireview"')
    existing = text.find("</notes>", start, close)
    if existing >= 0:
        return existing, notes
    return start, f"<notes>{notes}</notes>"


def _line(finding: Finding) -> str:
    """A finding as one note: severity, check, message and the suggestion."""
    text = f"[{finding.severity}] {finding.check}: {finding.message}"
    return text + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
