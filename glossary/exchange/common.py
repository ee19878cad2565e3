"""What the formats share: the sections, an entry read from an import file, glossary ids
made for entries that come without one, and small helpers for reading."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from glossary.model import Entry, Glossary

SECTIONS = (
    "places",
    "false_friends",
    "compounds",
    "offices",
    "persons",
    "organisations",
    "terms",
)
DEFAULT_SECTION = "terms"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")
# A language tag (BCP 47 with - or _, or ISO 639-2): zh-CN, zh_Hans, zh-Hans-CN, zho, en-US, eng.
_LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")
_THREE_LETTER = {"chi": "zh", "zho": "zh", "eng": "en"}


@dataclass
class ImportedEntry:
    """One entry read from an import file: its section, its keys as in the YAML (``None``: not
    set), and where it was read."""

    section: str
    data: dict[str, Any]
    path: str
    line: int | None = None
    generated_id: bool = False  # the file gave no glossary id: one was made up


def primary_language(tag: str) -> str:
    """The primary language of a tag, as two letters ("zh-Hans-CN" and "zho" → "zh", "en_GB"
    → "en"); "" for what is not a language tag."""
    match = _LANGUAGE_TAG.fullmatch(tag.strip().lower())
    if match is None:
        return ""
    return _THREE_LETTER.get(match.group(1), match.group(1))


def _bad_entry(problems: list[GlossaryError] | None, problem: GlossaryError) -> None:
    """Set a bad entry aside in ``problems``, so that the good ones are still imported; without
    a list, stop at the first one (all or nothing)."""
    if problems is None:
        raise problem from None
    problems.append(problem)


def glossary_entries(glossary: Glossary) -> Iterator[tuple[str, Entry]]:
    """(section, entry) for every entry, file by file, in the files' order."""
    for content in glossary.files.values():
        for section in SECTIONS:
            for entry in getattr(content, section):
                yield section, entry


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _boolean(value: str | None, *, default: bool) -> bool | None:
    """A true/false field; ``None`` (the default) when not given."""
    if value is None or not value.strip():
        return None
    folded = value.strip().lower()
    if folded in ("true", "yes", "1"):
        return None if default else True
    if folded in ("false", "no", "0"):
        return False if default else None
    raise ValueError(f"expected true or false, not {value!r}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryError(path, f"cannot read: {error.strerror or error}") from None


def make_id(section: str, data: dict[str, Any]) -> str:
    """An id for an entry that came without one: the section's prefix and its English
    (``term.belt-and-road-initiative``), or a short hash of its Chinese."""
    prefix = {
        "places": str(data.get("kind") or "place"),
        "false_friends": "ff",
        "compounds": "compound",
        "offices": "office",
        "persons": "person",
        "organisations": "org",
        "terms": "term",
    }[section]
    english = _as_list(data.get("en"))
    slug = re.sub(r"[^a-z0-9]+", "-", english[0].lower()).strip("-")[:60] if english else ""
    if not slug:
        chinese = "|".join(_as_list(data.get("zh")))
        slug = "x" + hashlib.sha1(chinese.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}.{slug}"
