"""The glossary as CSV: written (:func:`export_csv`) and read (:func:`import_csv`, which
reads TSV too).

**CSV** (UTF-8; exported with a byte-order mark so spreadsheets read the Chinese), one row an
entry, with this header (columns in any order on import; only ``zh`` or ``en`` needed; a
language tag names them too: ``zh-CN``, ``zh_Hans``, ``zho``, ``en-US``, ``eng`` …)::

    section,id,kind,zh,short,abbr,en,variants,adjectives,forbidden,case_sensitive,
    check_presence,entity,mistaken_for,reads,source,note

Lists are written ``a | b``; ``case_sensitive``/``check_presence`` are ``true``, ``false`` or
empty (the default); a column that does not apply to the row's section stays empty. A person's
``roles`` are not in CSV (a role has six fields of its own): exporting leaves them out and
importing keeps the roles an entry has; use TBX or the YAML for roles. A cell that starts with
``= + - @`` is written with a leading ``'`` so that a spreadsheet does not run it as a formula;
importing takes the ``'`` off again. A ``.tsv`` file is read the same way, with tabs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_origin

from glossary.errors import GlossaryError
from glossary.exchange.common import (
    DEFAULT_SECTION,
    SECTIONS,
    ImportedEntry,
    _bad_entry,
    _boolean,
    _read,
    glossary_entries,
    make_id,
    primary_language,
)

if TYPE_CHECKING:
    from glossary.model import Entry, Glossary

CSV_COLUMNS = (
    "section",
    "id",
    "kind",
    "zh",
    "short",
    "abbr",
    "en",
    "variants",
    "adjectives",
    "forbidden",
    "case_sensitive",
    "check_presence",
    "entity",
    "mistaken_for",
    "reads",
    "source",
    "note",
)
SEPARATOR = " | "
# Roles' and entries' source and note are kept exactly; other text is trimmed on import.
EXACT = ("source", "note")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export_csv(glossary: Glossary) -> str:
    """The glossary as CSV with :data:`CSV_COLUMNS` (no byte-order mark: the caller adds it
    for a file)."""
    from glossary.edit import entry_data

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for section, entry in glossary_entries(glossary):
        data = entry_data(entry)
        row = []
        for column in CSV_COLUMNS:
            value = section if column == "section" else data.get(column)
            row.append(_guard(_cell(value)))
        writer.writerow(row)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(item) for item in value)
    return str(value)


def _guard(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA) else cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA) else cell


def import_csv(
    path: str | Path, problems: list[GlossaryError] | None = None
) -> list[ImportedEntry]:
    """The entries of a CSV file (a TSV file if its name ends in ``.tsv``) with (some of) the
    columns of :data:`CSV_COLUMNS`. A row that cannot be read goes to ``problems`` (see
    :func:`_bad_entry`); a file without a usable header raises :class:`GlossaryError`."""
    from glossary.edit import section_models

    path = Path(path)
    kind = "TSV" if path.suffix.lower() == ".tsv" else "CSV"
    try:
        text = _read(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(path, f"not valid UTF-8 (save the {kind} as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if kind == "TSV" else ",")
    try:
        names = next(reader)
    except StopIteration:
        raise GlossaryError(path, "empty file: expected a header line") from None
    except csv.Error as error:
        raise GlossaryError(path, f"not valid {kind}: {error}", line=1) from None
    header = _csv_header(path, names)
    models = section_models()
    result: list[ImportedEntry] = []
    line = reader.line_num
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            try:
                result.append(_csv_entry(path, header, row, start, models))
            except GlossaryError as problem:
                _bad_entry(problems, problem)
    except csv.Error as error:
        # The reader cannot go on past this: the file is not read at all.
        raise GlossaryError(path, f"not valid {kind}: {error}", line=line) from None
    return result


def _csv_header(path: Path, names: list[str]) -> list[str]:
    """The columns of a header line, as names of :data:`CSV_COLUMNS`: a spreadsheet's own
    header often names the two languages by tag (``zh-CN,en-US``)."""
    header: list[str] = []
    for name in names:
        column = name.strip().lower()
        if column not in CSV_COLUMNS and primary_language(column) in ("zh", "en"):
            column = primary_language(column)
        if column not in CSV_COLUMNS:
            known = ", ".join(CSV_COLUMNS)
            raise GlossaryError(
                path,
                f"unknown column {name.strip()!r} (known: {known}; zh and en may also be "
                "language tags such as zh-CN and en-US)",
                line=1,
            )
        if column in header:
            first = names[header.index(column)].strip()
            raise GlossaryError(
                path, f"two {column} columns ({first!r} and {name.strip()!r})", line=1
            )
        header.append(column)
    if "zh" not in header and "en" not in header:
        raise GlossaryError(path, "the header needs a zh or an en column", line=1)
    return header


def _csv_entry(
    path: Path, header: list[str], row: list[str], line: int, models: dict[str, type[Entry]]
) -> ImportedEntry:
    """The entry of one row (``line``: where the row starts); a bad cell: GlossaryError."""
    from glossary.edit import field_order

    cells = dict(zip(header, (_unguard(cell) for cell in row), strict=False))
    section = cells.get("section", "").strip() or DEFAULT_SECTION
    if section not in models:
        raise GlossaryError(
            path, f"unknown section {section!r} (one of {', '.join(SECTIONS)})", line=line
        )
    model = models[section]
    known = field_order(model)
    data: dict[str, Any] = {}
    for column, cell in cells.items():
        if column in ("section", "id"):
            continue
        if column not in known:
            if cell.strip():
                raise GlossaryError(path, f"{column}: not a field of {section}", line=line)
            continue
        try:
            data[column] = _parse_cell(model, column, cell)
        except ValueError as error:
            raise GlossaryError(path, f"{column}: {error}", line=line) from None
    entry_id = cells.get("id", "").strip()
    generated = not entry_id
    if generated:
        entry_id = make_id(section, data)
    ordered = {"id": entry_id, **{k: data[k] for k in known if k in data}}
    return ImportedEntry(section, ordered, str(path), line, generated)


def _parse_cell(model: type[Entry], column: str, cell: str) -> Any:
    info = model.model_fields[column]
    if column in EXACT:
        return cell if cell.strip() else None
    cell = cell.strip()
    if get_origin(info.annotation) is tuple:
        return [part.strip() for part in cell.split("|") if part.strip()]
    if info.annotation is bool:
        return _boolean(cell, default=bool(info.default))
    return cell or None
