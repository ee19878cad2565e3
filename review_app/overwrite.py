"""Never write a report over what the run reads: the user's documents, metadata, glossary,
models and reviews.

A report written onto ``meta.yaml`` or a glossary file used to go through silently, and every
later run then failed on a YAML syntax error. Each command that writes collects what it reads
in a :class:`ReadSet` and asks :meth:`ReadSet.refuse` before writing anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from review_app.errors import UsageError


def _key(path: str | Path) -> Path:
    """The path compared: absolute, links resolved, case kept (Linux file names are exact)."""
    return Path(os.path.realpath(os.path.expanduser(str(path))))


@dataclass
class ReadSet:
    """The files and folders a run reads, each with what it is (for the message)."""

    files: dict[Path, str] = field(default_factory=dict)
    folders: dict[Path, str] = field(default_factory=dict)

    def add_file(self, path: str | Path | None, what: str) -> None:
        if path is not None and str(path).strip():
            self.files.setdefault(_key(path), what)

    def add_folder(self, path: str | Path | None, what: str) -> None:
        """A folder whose every file is read (a glossary, a model): nothing is written in it."""
        if path is not None and str(path).strip():
            key = _key(path)
            if key.is_file():  # a glossary given as one YAML file
                self.files.setdefault(key, what)
            else:
                self.folders.setdefault(key, what)

    def conflict(self, output: str | Path) -> str | None:
        """Why writing ``output`` would destroy something the run reads, or None."""
        target = _key(output)
        if target in self.files:
            return f"it is the {self.files[target]} this run reads"
        for folder, what in self.folders.items():
            if target == folder or folder in target.parents:
                return f"it is inside the {what} folder this run reads ({folder})"
        return None

    def refuse(self, output: str | Path, *, option: str = "-o") -> None:
        """Raise a one-line :class:`UsageError` when ``output`` would overwrite a read file."""
        reason = self.conflict(output)
        if reason is not None:
            raise UsageError(f"{output}: not written ({option}): {reason}; choose another path")


def read_by_review(
    *,
    source: str | Path | None = None,
    target: str | Path | None = None,
    meta: str | Path | None = None,
    references: Iterable[str | Path] = (),
    glossary: str | Path | None = None,
    models: Iterable[str | Path | None] = (),
    others: Iterable[tuple[str | Path, str]] = (),
) -> ReadSet:
    """What a review reads: its documents, ``meta.yaml``, references, the glossary (the
    built-in one when ``glossary`` is None), model folders, and the app's review file of the
    English document (a translator's saved decisions)."""
    from glossary.load import BUILTIN_DIR
    from review_app.review_store import store_path_for

    read = ReadSet()
    bilingual = source is not None and source == target
    read.add_file(source, "bilingual file" if bilingual else "Chinese source")
    read.add_file(target, "English document")
    if target is not None:
        read.add_file(store_path_for(target), "saved review of the English document")
    read.add_file(meta, "release metadata (meta.yaml)")
    for reference in references:
        read.add_file(reference, "reference")
    read.add_folder(glossary if glossary is not None else BUILTIN_DIR, "glossary")
    for model in models:
        read.add_folder(model, "model")
    for path, what in others:
        read.add_file(path, what)
    return read
