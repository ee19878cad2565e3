"""Proposals: entries or variants a translator suggests, kept apart for an editor to review.

The review app never writes into the curated YAML. A proposal is appended to
``proposals/proposals.yaml`` inside the glossary folder (the loader reads only the folder's own
``*.yaml`` files, so proposals are not in force until an editor moves them into a curated file),
or, when that folder cannot be written (an installed package), to the user's data folder. The
file is edited round-trip (ruamel.yaml), so an editor's comments and order survive, and written
atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from glossary.atomic import write_atomically
from glossary.edit import dump_yaml
from glossary.errors import GlossaryError
from glossary.yamlio import parse_yaml

ProposalKind = Literal["variant", "term", "place", "person", "false_friend"]
PROPOSAL_KINDS: tuple[str, ...] = ("variant", "term", "place", "person", "false_friend")
KIND_LABELS = {
    "variant": "a variant of an existing entry",
    "term": "a new term (Chinese → required English)",
    "place": "a new place",
    "person": "a new person",
    "false_friend": "a false friend (a wrong reading to flag)",
}
FILE_NAME = "proposals.yaml"
HEADER = (
    "# Glossary proposals from the review app, for an editor to review.\n"
    "# They are NOT in force: move an entry into a curated file (with a source) to adopt it,\n"
    "# then delete it here.\n"
)
_LOCK = threading.Lock()


class Proposal(BaseModel):
    """One proposed entry or variant, with where it was seen and who proposed it."""

    model_config = ConfigDict(extra="forbid")

    kind: ProposalKind
    zh: str = ""
    en: str = ""
    entry: str | None = None  # the existing entry a variant or false friend belongs to
    forbidden: str | None = None  # an English rendering that should be flagged
    note: str | None = None
    proposed_by: str
    proposed_on: str = ""
    document: str | None = None
    segment: int | None = None
    context_zh: str | None = None
    context_en: str | None = None
    id: str = ""

    @model_validator(mode="after")
    def _complete(self) -> Proposal:
        self.zh, self.en = self.zh.strip(), self.en.strip()
        if not (self.zh or self.en):
            raise ValueError("give the Chinese or the English of the proposed entry")
        if self.kind in ("variant", "false_friend") and not self.entry:
            raise ValueError(f"a {self.kind.replace('_', ' ')} needs the entry it belongs to")
        if self.kind == "false_friend" and not self.forbidden:
            raise ValueError("a false friend needs the wrong English rendering to flag")
        if not self.proposed_on:
            self.proposed_on = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if not self.id:
            key = f"{self.kind}|{self.zh}|{self.en}|{self.entry}|{self.proposed_on}"
            self.id = "proposal." + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        return self

    def to_yaml_dict(self) -> dict[str, Any]:
        """The fields that are set, id first, in a fixed order."""
        data = self.model_dump(exclude_none=True)
        ordered = ["id", *(name for name in type(self).model_fields if name != "id")]
        return {name: data[name] for name in ordered if data.get(name) not in (None, "")}


def proposals_path(glossary_dir: str | Path, fallback_dir: str | Path) -> Path:
    """Where proposals for the glossary in ``glossary_dir`` go: beside it if it can be written,
    otherwise under ``fallback_dir``."""
    folder = Path(glossary_dir)
    folder = folder.parent if folder.is_file() else folder
    beside = folder / "proposals"
    target = beside if beside.exists() else folder
    if os.access(target, os.W_OK):
        return beside / FILE_NAME
    return Path(fallback_dir) / FILE_NAME


def make_proposal(**fields: Any) -> Proposal:
    """A :class:`Proposal` from form fields; a bad one raises ``ValueError`` in one line."""
    try:
        return Proposal(**fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise ValueError(f"{where}: {message}" if where else message) from None


def read_proposals(path: str | Path) -> list[dict[str, Any]]:
    """The proposals in ``path`` (none if the file does not exist yet)."""
    tree = _load(Path(path))
    return [dict(item) for item in tree.get("proposals") or []]


def add_proposal(path: str | Path, proposal: Proposal) -> Path:
    """Append ``proposal`` to the proposals file, keeping what an editor wrote there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = Path(path)
    with _LOCK:
        tree = _load(path)
        items = tree.get("proposals")
        if items is None:
            items = CommentedSeq()
            tree["proposals"] = items
        items.append(CommentedMap(proposal.to_yaml_dict()))
        text = dump_yaml(tree)
        if not path.exists() or not path.read_text(encoding="utf-8").strip():
            text = HEADER + text
        write_atomically(path, text, error=GlossaryError)
    return path


def _load(path: Path) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not path.exists():
        return CommentedMap()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(path, f"cannot read the proposals: {error}") from None
    tree = parse_yaml(path, text, error=GlossaryError)
    if tree is None:
        return CommentedMap()
    if not isinstance(tree, dict) or not isinstance(tree.get("proposals") or [], list):
        raise GlossaryError(path, "expected a mapping with a 'proposals:' list")
    return tree


# -- accepting a proposal ----------------------------------------------------------------------

# The sections whose entries take English variants (also the Glossary's index of each).
_VARIANT_SECTIONS = ("places", "persons", "organisations", "terms")


def accept_proposal(
    glossary_dir: str | Path | None,
    proposal_id: str,
    *,
    proposals_file: str | Path | None = None,
    into: str | None = None,
) -> str:
    """Move a proposal into the curated glossary: a new term, a variant (or a forbidden
    rendering) of an existing entry, or a false friend; then take it out of the proposals file.

    New places and persons need more than a proposal holds (kind, roles, sources) and are
    refused: an editor adds them by hand. Returns what was done, in one line.
    """
    from glossary.exchange import import_into
    from glossary.load import BUILTIN_DIR, load_glossary

    folder = Path(glossary_dir) if glossary_dir is not None else BUILTIN_DIR
    path = Path(proposals_file) if proposals_file else folder / "proposals" / FILE_NAME
    tree = _load(path)
    items: Any = tree.get("proposals") or []
    index = next((i for i, item in enumerate(items) if item.get("id") == proposal_id), None)
    if index is None:
        raise GlossaryError(path, f"no proposal {proposal_id!r}")
    line = items.lc.item(index)[0] + 1
    entry = _entry_of(dict(items[index]), load_glossary(folder), path, line)
    summary = import_into(folder, [entry], into)
    del items[index]
    write_atomically(path, dump_yaml(tree), error=GlossaryError)
    return f"{proposal_id}: {summary}"


def _entry_of(proposal: dict[str, Any], glossary: Any, path: Path, line: int) -> Any:
    from glossary.exchange import ImportedEntry, make_id

    kind, zh, en = proposal.get("kind"), proposal.get("zh", ""), proposal.get("en", "")
    forbidden, note = proposal.get("forbidden"), proposal.get("note")
    origin = f"proposed by {proposal.get('proposed_by')} on {proposal.get('proposed_on')}"
    if proposal.get("document"):
        origin += f" ({proposal['document']})"
    if kind == "term":
        data: dict[str, Any] = {"zh": zh, "en": en, "forbidden": [forbidden] if forbidden else None}
        data.update(note=note, source=origin)
        data["id"] = make_id("terms", data)
        return ImportedEntry("terms", data, str(path), line, generated_id=True)
    if kind == "variant":
        target = str(proposal.get("entry") or "")
        for section in _VARIANT_SECTIONS:
            entry = getattr(glossary, section).get(target)
            if entry is None:
                continue
            data = {"id": target}
            if en and en not in entry.en_names:
                data["variants"] = [*entry.variants, en]
            if forbidden and section == "terms" and forbidden not in entry.forbidden:
                data["forbidden"] = [*entry.forbidden, forbidden]
            return ImportedEntry(section, data, str(path), line)
        raise GlossaryError(path, f"entry {target!r} has no English variants to add to", line=line)
    if kind == "false_friend":
        wrong = (forbidden or "").casefold()
        mistaken = [
            p.id for p in glossary.places.values() if wrong in map(str.casefold, p.en_names)
        ]
        if not mistaken:
            raise GlossaryError(
                path, f"{forbidden!r} is no place of the glossary: add that place first", line=line
            )
        entity = str(proposal.get("entry"))
        for known in glossary.false_friends:
            if (known.zh, known.entity, known.mistaken_for) == (zh, entity, mistaken[0]):
                raise GlossaryError(path, f"already in the glossary as {known.id}", line=line)
        data = {"zh": zh, "entity": entity, "mistaken_for": mistaken[0]}
        data.update(note=note, source=origin)
        ids = {known.id for known in glossary.false_friends}
        stem = f"ff.{entity.split('.')[-1]}-{mistaken[0].split('.')[-1]}"
        data["id"] = next(
            f"{stem}-{n}" if n > 1 else stem
            for n in range(1, 99)
            if (f"{stem}-{n}" if n > 1 else stem) not in ids
        )
        return ImportedEntry("false_friends", data, str(path), line)
    raise GlossaryError(
        path,
        f"a new {kind} needs more than a proposal holds (kind, roles, sources): add it by hand",
        line=line,
    )
