"""Adding the entries of a TBX, CSV or TSV file to the glossary's YAML: :func:`read_entries`
reads the file, :func:`import_into` checks the entries and writes them.

**Import** (:func:`import_into`) validates every imported entry first. ``bireview glossary
import`` leaves each bad entry out, reports it as ``file:line: message`` (the line where the
entry starts) and imports the others; the functions, given no ``problems`` list, stop at the
first bad entry and write nothing (as accepting a proposal wants). A file that cannot be read
at all (not XML, not CSV, no header) is one error and nothing is imported. An entry whose id is
in the glossary is updated in place in its file (comments, order and formatting kept,
:mod:`glossary.edit`); a new one is added at the end of its section in the chosen file. Each
YAML file is written atomically, and only after the whole glossary was checked as it would be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.errors import GlossaryError
from glossary.exchange.common import SECTIONS, ImportedEntry, _bad_entry, glossary_entries
from glossary.exchange.table import import_csv
from glossary.exchange.tbx import import_tbx

if TYPE_CHECKING:
    from glossary.edit import Document
    from glossary.model import Entry, Glossary


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the YAML files written

    def __str__(self) -> str:
        written = ", ".join(path.name for path in self.files) or "no file changed"
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged ({written})"
        )


def read_entries(
    path: str | Path, problems: list[GlossaryError] | None = None
) -> list[ImportedEntry]:
    """The entries of a .tbx, .csv or .tsv file; the bad ones go to ``problems`` (see
    :func:`_bad_entry`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tbx":
        return import_tbx(path, problems)
    if suffix in (".csv", ".tsv"):
        return import_csv(path, problems)
    raise GlossaryError(path, "unknown format: give a .tbx, .csv or .tsv file")


def import_into(
    directory: str | Path | None,
    entries: Sequence[ImportedEntry],
    target_file: str | Path | None = None,
    problems: list[GlossaryError] | None = None,
) -> ImportSummary:
    """Add ``entries`` to the glossary in ``directory`` (default: the built-in one), or update
    the entries with their ids in place.

    New entries go to ``target_file`` (a file name in the folder, created if need be); without
    one, to the first file that already has their section, else ``terms.yaml``. Everything is
    checked before anything is written. An invalid entry, or one that refers to an unknown id,
    is left out and goes to ``problems`` as a :class:`GlossaryError` naming the import file and
    line; with no ``problems`` list it is raised and nothing is written. A glossary that would
    not load afterwards raises, and nothing is written.
    """
    from glossary.edit import load_document, render, save_document, section_models, upsert_entry
    from glossary.load import BUILTIN_DIR, glossary_paths, load_glossary

    folder = Path(directory) if directory is not None else BUILTIN_DIR
    glossary = load_glossary(folder)  # the glossary must be valid before it is edited
    paths = glossary_paths(folder)
    home = folder.parent if folder.is_file() else folder
    documents = {path: load_document(path) for path in paths}
    where: dict[str, Path] = {}
    for path, document in documents.items():
        for entry_id in document.entry_ids():
            where.setdefault(entry_id, path)

    models = section_models()
    checked = _check_entries(entries, glossary, models, problems)
    summary = ImportSummary()
    for item in checked:
        path = where.get(item.data["id"]) or _target(folder, documents, item.section, target_file)
        if path not in documents:
            documents[path] = load_document(path)
        try:
            outcome = upsert_entry(documents[path], item.section, item.data)
        except ValueError as error:  # raised before the document is changed
            _bad_entry(problems, GlossaryError(item.path, str(error), line=item.line))
            continue
        where[item.data["id"]] = path
        getattr(summary, outcome).append(item.data["id"])
    changed = {path: render(doc) for path, doc in documents.items() if doc.changed}
    _check_result(home, paths, changed)
    for path in changed:
        save_document(documents[path])
        summary.files.append(path)
    return summary


def _check_entries(
    entries: Sequence[ImportedEntry],
    glossary: Glossary,
    models: dict[str, type[Entry]],
    problems: list[GlossaryError] | None = None,
) -> list[ImportedEntry]:
    """The good entries with ids settled, each validated; references checked against the
    glossary and the good entries of the import together. A bad entry goes to ``problems``
    (see :func:`_bad_entry`)."""
    from glossary.edit import validate

    by_zh: dict[tuple[str, str], str] = {}
    for section, entry in glossary_entries(glossary):
        zh = getattr(entry, "zh", None)
        if isinstance(zh, str):
            by_zh.setdefault((section, zh), entry.id)
    existing: dict[str, Entry] = {entry.id: entry for _, entry in glossary_entries(glossary)}
    seen: dict[str, ImportedEntry] = {}

    def check(item: ImportedEntry) -> Entry:
        if item.section not in models:
            raise GlossaryError(item.path, f"unknown section {item.section!r}", line=item.line)
        if item.generated_id:
            # The entry of the section with the same Chinese, else a free id (-2, -3 …).
            zh = item.data.get("zh")
            if isinstance(zh, str) and (item.section, zh) in by_zh:
                item.data["id"] = by_zh[(item.section, zh)]
            else:
                stem, number = item.data["id"], 1
                while item.data["id"] in existing or item.data["id"] in seen:
                    number += 1
                    item.data["id"] = f"{stem}-{number}"
        entry_id = item.data["id"]
        if entry_id in seen:
            first = seen[entry_id]
            raise GlossaryError(
                item.path, f"duplicate id {entry_id!r} (first at line {first.line})", line=item.line
            )
        seen[entry_id] = item
        base = existing.get(entry_id)
        try:
            if base is not None and not isinstance(base, models[item.section]):
                raise ValueError(f"id {entry_id!r} is already an entry of another section")
            start = _entry_keys(base) if base is not None else {}
            return validate(models[item.section], {**start, **item.data})
        except ValueError as error:
            raise GlossaryError(item.path, f"{entry_id}: {error}", line=item.line) from None

    validated: list[tuple[ImportedEntry, Entry]] = []
    for item in entries:
        try:
            validated.append((item, check(item)))
        except GlossaryError as problem:
            _bad_entry(problems, problem)
    # An entry left out can leave another pointing at nothing (a compound that reads a place
    # left out): check again until every reference is to the glossary or an imported entry.
    while True:
        unknown = _unknown_references(validated, glossary)
        for dangling in unknown.values():
            _bad_entry(problems, dangling)
        if not unknown:
            return [item for item, _ in validated]
        validated = [(item, entry) for item, entry in validated if id(item) not in unknown]


def _unknown_references(
    validated: list[tuple[ImportedEntry, Entry]], glossary: Glossary
) -> dict[int, GlossaryError]:
    """id() of each imported entry that refers to an id neither the glossary nor the import has
    → the problem, for its first such reference."""
    from glossary.load import _references
    from glossary.model import Glossary as GlossaryModel
    from glossary.model import GlossaryFile

    sections: dict[str, Any] = {s: [e for i, e in validated if i.section == s] for s in SECTIONS}
    imported = GlossaryFile.model_construct(None, **sections)
    combined = GlossaryModel({**glossary.files, "\0import": imported}, version="")
    entities = combined.places.keys() | combined.persons.keys() | combined.organisations.keys()
    found: dict[int, GlossaryError] = {}
    for item, entry in validated:
        for location, target, known in _references(item.section, entry, combined, entities):
            if target not in known:
                label = ".".join(str(part) for part in location)
                message = f"{entry.id}: {label}: unknown id {target!r}"
                found[id(item)] = GlossaryError(item.path, message, line=item.line)
                break
    return found


def _entry_keys(entry: Entry) -> dict[str, Any]:
    from glossary.edit import entry_data

    return entry_data(entry)


def _target(
    folder: Path, documents: dict[Path, Document], section: str, target_file: str | Path | None
) -> Path:
    """The file a new entry of ``section`` goes to."""
    if folder.is_file():
        return folder
    if target_file is not None:
        target = Path(target_file)
        if target.suffix != ".yaml":
            raise GlossaryError(target, "the file to import into must be a .yaml file")
        if target.parent == Path():
            return folder / target
        if target.resolve().parent != folder.resolve():
            raise GlossaryError(target, f"the file to import into must be in {folder}")
        return folder / target.name
    for path, document in sorted(documents.items()):
        if document.tree.get(section):
            return path
    return folder / "terms.yaml"


def _check_result(home: Path, paths: list[Path], changed: dict[Path, str]) -> None:
    """Load the glossary as it would be after the import, from a scratch copy."""
    import tempfile

    from glossary.load import load_glossary

    if not changed:
        return
    with tempfile.TemporaryDirectory(prefix="bireview-import-") as scratch:
        folder = Path(scratch)
        for path in sorted({*paths, *changed}):
            if path.parent.resolve() != home.resolve():
                continue
            text = changed[path] if path in changed else path.read_text(encoding="utf-8-sig")
            (folder / path.name).write_text(text, encoding="utf-8")
        try:
            load_glossary(folder)
        except GlossaryError as error:
            real = home / Path(error.path).name
            raise GlossaryError(
                real, f"the import would make this invalid: {error.reason}", line=error.line
            ) from None
