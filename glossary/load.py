"""Load a glossary folder of YAML files into a validated :class:`Glossary`.

Every problem is reported as ``path:line: message``: a YAML syntax error, a key the schema does
not know, a missing field, a duplicate id, or a reference to an id that does not exist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from glossary.errors import GlossaryError
from glossary.model import Glossary, GlossaryFile
from glossary.yamlio import line_of, parse_yaml

BUILTIN_DIR = Path(__file__).parent / "data"


def glossary_paths(directory: str | Path | None = None) -> list[Path]:
    """The ``*.yaml`` files of ``directory`` (default: the built-in glossary), or the file."""
    folder = Path(directory) if directory is not None else BUILTIN_DIR
    if not folder.exists():
        raise GlossaryError(folder, "glossary folder not found")
    paths = [folder] if folder.is_file() else sorted(folder.glob("*.yaml"))
    if not paths:
        raise GlossaryError(folder, "no *.yaml files in the glossary folder")
    return paths


def load_glossary(directory: str | Path | None = None) -> Glossary:
    """Load every ``*.yaml`` file of ``directory`` (default: the built-in glossary)."""
    paths = glossary_paths(directory)
    return _load_cached(
        tuple(str(path.resolve()) for path in paths),
        tuple(path.stat().st_mtime_ns for path in paths),
    )


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...], _mtimes: tuple[int, ...]) -> Glossary:
    contents = {name: _read_bytes(Path(name)) for name in paths}
    if _worth_keeping(paths):
        # Parsing and validating the YAML is most of a short run's start: a glossary whose
        # files (paths and bytes) are unchanged is read back from the cache instead.
        from glossary.cache import cached

        where = hashlib.sha256("\0".join(paths).encode()).hexdigest()[:12]
        state = hashlib.sha256(b"\0".join(contents.values())).hexdigest()[:16]
        code = [Path(__file__), *(Path(__file__).with_name(n) for n in ("model.py", "yamlio.py"))]
        return cached(
            "glossary", ("pydantic",), code, lambda: _build(contents), Glossary, (where, state)
        )
    return _build(contents)


def _build(contents: dict[str, bytes]) -> Glossary:
    digest = hashlib.sha256()
    files: dict[str, GlossaryFile] = {}
    trees: dict[str, Any] = {}
    for name, raw in contents.items():
        path = Path(name)
        digest.update(path.name.encode() + b"\0" + raw)
        tree = _parse_yaml(path, raw)
        trees[name] = tree
        files[name] = _validate(path, tree)
    glossary = Glossary(files, version=digest.hexdigest()[:12])
    _check_references(glossary, trees)
    return glossary


def _worth_keeping(paths: tuple[str, ...]) -> bool:
    """Whether to keep a glossary in the cache: not one in a temporary folder (a test's copy,
    an upload), which would only leave files behind.

    A home folder inside the temporary folder (``HOME=/tmp/someone``, as containers and
    sandboxes have) holds the user's own files, not temporary ones: the deeper of the two
    folders decides."""
    import tempfile

    temporary = Path(tempfile.gettempdir()).resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder to be found
        home = None
    if home is not None and (home == temporary or not home.is_relative_to(temporary)):
        home = None  # only a home inside the temporary folder changes anything

    def in_temporary(path: Path) -> bool:
        return path.is_relative_to(temporary) and not (home and path.is_relative_to(home))

    return not any(in_temporary(Path(name)) for name in paths)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryError(path, f"cannot read: {error.strerror or error}") from None


def _parse_yaml(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise GlossaryError(path, "not valid UTF-8", line=line) from None
    tree = parse_yaml(path, text, error=GlossaryError)
    if tree is None:
        return {}
    if not isinstance(tree, dict):
        raise GlossaryError(path, "expected a mapping of sections (places:, persons:, …)", line=1)
    return tree


def _validate(path: Path, tree: Any) -> GlossaryFile:
    try:
        return GlossaryFile.model_validate(_plain(tree))
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        field = ".".join(str(part) for part in location)
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = f"unknown key {location[-1]!r}"
        raise GlossaryError(path, f"{field}: {message}", line=line_of(tree, location)) from None


def _plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


def _check_references(glossary: Glossary, trees: dict[str, Any]) -> None:
    seen: dict[str, tuple[str, int | None]] = {}
    entities = glossary.places.keys() | glossary.persons.keys() | glossary.organisations.keys()
    for name, content in glossary.files.items():
        for section in GlossaryFile.model_fields:
            for index, entry in enumerate(getattr(content, section)):
                where = (section, index)
                line = line_of(trees[name], where)
                if entry.id in seen:
                    first_path, first_line = seen[entry.id]
                    raise GlossaryError(
                        name,
                        f"duplicate id {entry.id!r} (first at {first_path}:{first_line})",
                        line=line,
                    )
                seen[entry.id] = (name, line)
                for field, target, known in _references(section, entry, glossary, entities):
                    if target not in known:
                        label = ".".join(str(part) for part in field)
                        raise GlossaryError(
                            name,
                            f"{label}: unknown id {target!r}",
                            line=line_of(trees[name], (*where, *field)),
                        )


def _references(
    section: str, entry: Any, glossary: Glossary, entities: set[str]
) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """(location inside the entry, referenced id, the ids it must be one of)."""
    if section == "false_friends":
        yield ("entity",), entry.entity, glossary.places
        yield ("mistaken_for",), entry.mistaken_for, glossary.places
    elif section == "compounds":
        for index, place_id in enumerate(entry.reads):
            yield ("reads", index), place_id, glossary.places
    elif section == "persons":
        for index, role in enumerate(entry.roles):
            yield ("roles", index, "office"), role.office, glossary.offices
            yield ("roles", index, "org"), role.org, entities
