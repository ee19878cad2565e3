"""Edit a glossary YAML file the way an editor would: everything not edited stays as it was.

The file is read round-trip (ruamel.yaml), so comments, key order, quoting, flow lists such as
``[吉林]``, ``>-`` notes and anchors survive; its indentation is read from the file. An entry
that changes is changed key by key (a key whose value is the same is not touched; a changed
value keeps the style it was written in), and only its lines are replaced in the file; a new
entry is inserted after the last entry of its section, before the blank lines and comments that
introduce the next section. Every other line stays byte for byte. Files are written atomically
(:mod:`glossary.atomic`).

    doc = load_document(path)
    upsert_entry(doc, "terms", {"id": "term.gba", "zh": "粤港澳大湾区", "en": "…"})
    save_document(doc)
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from glossary.atomic import write_atomically
from glossary.errors import GlossaryError
from glossary.model import Entry, GlossaryFile, Role
from glossary.yamlio import parse_yaml

Outcome = Literal["added", "updated", "unchanged"]

# The project's style (glossary/data): "places:" then "  - id: …" with the keys at column 4.
DEFAULT_INDENT = (2, 4, 2)  # mapping, sequence, offset
WIDTH = 4096  # never re-wrap a long note or source


def section_models() -> dict[str, type[Entry]]:
    """Section name → the model of its entries (places → Place …), in file order."""
    models: dict[str, type[Entry]] = {}
    for name, info in GlossaryFile.model_fields.items():
        annotation = info.annotation
        models[name] = annotation.__args__[0]  # type: ignore[union-attr]
    return models


def field_order(model: type[BaseModel]) -> list[str]:
    """The keys of ``model`` in the order editors write them: id, the entry's own keys,
    then source and note (roles: office, org, from, to, source, note)."""
    names = [info.alias or name for name, info in model.model_fields.items()]
    first = [name for name in ("id",) if name in names]
    last = [name for name in ("source", "note") if name in names]
    return [*first, *(n for n in names if n not in first and n not in last), *last]


def entry_data(entry: BaseModel) -> dict[str, Any]:
    """``entry`` as the plain mapping an editor would write: keys in :func:`field_order`,
    keys at their default left out, tuples as lists, dates as dates."""
    data = entry.model_dump(by_alias=True, exclude_defaults=True)
    data = {key: _plain_value(value) for key, value in data.items()}
    if "roles" in data:
        data["roles"] = [entry_data(role) for role in getattr(entry, "roles", ())]
    return {key: data[key] for key in field_order(type(entry)) if key in data}


def _plain_value(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    return value


def plain(node: Any) -> Any:
    """ruamel's commented containers and scalar strings as plain dicts, lists and strs."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [plain(item) for item in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool | dt.date):
        return node
    if isinstance(node, int):
        return int(node)  # ruamel's ScalarInt, ScalarFloat as plain numbers
    if isinstance(node, float):
        return float(node)
    return node


# -- the file -------------------------------------------------------------------------------


@dataclass
class Document:
    """One glossary YAML file, loaded round-trip, with the edits made to it so far."""

    path: Path
    tree: Any  # a ruamel CommentedMap, edited in place
    original: str
    indent: tuple[int, int, int] = DEFAULT_INDENT
    updated: set[str] = field(default_factory=set)  # ids of the entries changed in place
    # New entries per section, inserted as text at the end of their section by render().
    appended: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # The comments cut off the end of updated entries: (container, key, token, its text).
    following: list[tuple[Any, Any, Any, str]] = field(default_factory=list)
    text: str | None = None  # what render() gave, until the next edit

    def entry_ids(self) -> dict[str, tuple[str, int]]:
        """Every entry id of the file → (section, index)."""
        found: dict[str, tuple[str, int]] = {}
        for section in GlossaryFile.model_fields:
            items = self.tree.get(section)
            for index, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and "id" in item:
                    found.setdefault(str(item["id"]), (section, index))
        return found

    @property
    def changed(self) -> bool:
        return bool(self.updated or any(self.appended.values()))


def load_document(path: str | Path) -> Document:
    """Read ``path`` round-trip (a missing file is an empty document, with the project's
    indentation)."""
    from ruamel.yaml.comments import CommentedMap

    path = Path(path)
    if not path.exists():
        return Document(path, CommentedMap(), "")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise GlossaryError(path, f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise GlossaryError(path, "not valid UTF-8") from None
    tree = parse_yaml(path, text, error=GlossaryError)  # problems as path:line
    if tree is None:
        return Document(path, CommentedMap(), text, _guess_indent(text))
    if not isinstance(tree, dict):
        raise GlossaryError(path, "expected a mapping of sections (places:, persons:, …)", line=1)
    return Document(path, _load_keeping_quotes(text), text, _guess_indent(text))


def _load_keeping_quotes(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml.load(text)


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as the file writes them; the project's style if unclear."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except Exception:
        return DEFAULT_INDENT
    if not isinstance(sequence, int) or not isinstance(offset, int) or sequence < offset + 2:
        return DEFAULT_INDENT
    return (2, sequence, offset)


def dump_yaml(tree: Any, *, indent: tuple[int, int, int] = DEFAULT_INDENT) -> str:
    """``tree`` as YAML text in the project's style, comments kept (the proposals file can use
    the same dumper)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    yaml.width = WIDTH
    out = StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def render(document: Document) -> str:
    """The document's text after its edits.

    Only the edited entries' lines are replaced (by their lines in a round-trip dump of the
    edited tree) and new entries are inserted after the last entry of their section, so every
    other byte of the file, comments and blank lines included, stays as it was. Should that
    ever not give the edited content back (an anchor moved …), the whole tree is dumped.
    """
    if not document.changed:
        return document.original
    if document.text is not None:
        return document.text
    expected = plain(document.tree)
    for section, items in document.appended.items():
        expected[section] = [*(expected.get(section) or []), *(plain(i) for i in items)]
    text = None
    # First only the edited entries; then every entry the dump writes otherwise (an anchor
    # that moved to the next entry using it); then, as a last resort, the whole tree.
    for everything in (False, True):
        try:
            candidate = _splice(document, every_difference=everything)
            tree = parse_yaml(document.path, candidate, error=GlossaryError)
        except (GlossaryError, _CannotSplice):
            continue
        if plain(tree) == expected:
            text = candidate
            break
    document.text = text if text is not None else _whole(document)
    return document.text


class _CannotSplice(Exception):
    pass


_EMPTY_SECTION = re.compile(r"^(\w+):\s*(?:\[\s*\]|null|~)?\s*(#.*)?$")


def _splice(document: Document, *, every_difference: bool = False) -> str:
    original_tree = parse_yaml(document.path, document.original, error=GlossaryError) or {}
    lines = document.original.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    before = _entry_ranges(original_tree, lines)
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, new lines), original lines
    if document.updated:
        dumped = dump_yaml(document.tree, indent=document.indent)
        dumped_lines = dumped.splitlines(keepends=True)
        dumped_tree = parse_yaml(document.path, dumped, error=GlossaryError)
        after = _entry_ranges(dumped_tree, dumped_lines)
        if not document.updated <= before.keys() & after.keys():
            raise _CannotSplice(", ".join(sorted(document.updated)))
        for entry_id in sorted(before.keys() & after.keys()):
            start, end = before[entry_id]
            new_start, new_end = after[entry_id]
            new = dumped_lines[new_start:new_end]
            if entry_id in document.updated or (every_difference and new != lines[start:end]):
                edits.append((start, end, new))
    tail: list[str] = []
    for section, items in document.appended.items():
        if not items:
            continue
        existing = original_tree.get(section) if isinstance(original_tree, dict) else None
        if isinstance(existing, list) and existing and not _is_flow(existing):
            last_id = str(existing[-1].get("id")) if isinstance(existing[-1], dict) else None
            if last_id not in before:
                raise _CannotSplice(section)
            last_start, at = before[last_id]
            # Entries set off by a blank line (as persons are) get one too.
            spaced = len(existing) > 1 and not lines[last_start - 1].strip()
            new_lines: list[str] = []
            for item in items:
                new_lines += ["\n"] if spaced else []
                new_lines += _section_block(document, section, [item]).splitlines(True)[1:]
            edits.append((at, at, new_lines))
        elif isinstance(original_tree, dict) and section in original_tree:
            # "terms: []" or "terms:" with nothing yet: the entries go below the key.
            key_line = _key_line(original_tree, section)
            empty = _EMPTY_SECTION.match(lines[key_line].rstrip("\n"))
            if existing or empty is None or empty.group(1) != section:
                raise _CannotSplice(section)
            comment = f"  {empty.group(2)}" if empty.group(2) else ""
            entries = _section_block(document, section, items).splitlines(True)[1:]
            edits.append((key_line, key_line + 1, [f"{section}:{comment}\n", *entries]))
        else:
            tail.append(_section_block(document, section, items))
    # From the bottom up, so that earlier line numbers stay valid; an insertion at the end of
    # an entry goes before that entry's replacement.
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = new
    text = "".join(lines)
    for block in tail:
        text += ("\n" if text.strip() else "") + block
    return text


def _key_line(tree: Any, key: str) -> int:
    return int(tree.lc.key(key)[0])


def _whole(document: Document) -> str:
    """The whole tree dumped, new entries appended: comments that followed an updated entry
    are put back if the entry still ends with the same key (else they are lost)."""
    from ruamel.yaml.comments import CommentedSeq

    for container, key, token, text in document.following:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if keys and keys[-1] == key:
            token.value = text
    document.following = []
    tree = copy.deepcopy(document.tree)  # the document's own tree keeps only its entries
    for section, items in document.appended.items():
        current = tree.get(section)
        seq = current if isinstance(current, CommentedSeq) and not _is_flow(current) else None
        if seq is None:
            seq = CommentedSeq(current or [])
            tree[section] = seq
        seq.extend(to_node(item) for item in items)
    return dump_yaml(tree, indent=document.indent)


def _section_block(document: Document, section: str, items: list[dict[str, Any]]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = CommentedSeq(to_node(item) for item in items)
    return dump_yaml(CommentedMap([(section, seq)]), indent=document.indent)


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _entry_ranges(tree: Any, lines: list[str]) -> dict[str, tuple[int, int]]:
    """Entry id → its lines [start, end): from its first key to its last line of content.

    Blank lines and comments after an entry that are indented less than its keys (a heading
    for what follows) are not part of it; a comment at the keys' indentation is.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(tree, CommentedMap):
        return {}
    ranges: dict[str, tuple[int, int]] = {}
    keys = [(tree.lc.key(key)[0], str(key)) for key in tree]
    for key_line, section in keys:
        items = tree[section]
        if section not in GlossaryFile.model_fields or not isinstance(items, CommentedSeq):
            continue
        if _is_flow(items) or not items:
            continue
        following = [line for line, _ in keys if line > key_line]
        section_end = min(following) if following else len(lines)
        for index, item in enumerate(items):
            if not isinstance(item, dict) or "id" not in item:
                continue
            start, column = items.lc.item(index)
            limit = items.lc.item(index + 1)[0] if index + 1 < len(items) else section_end
            ranges.setdefault(str(item["id"]), (start, _content_end(lines, start, limit, column)))
    return ranges


def _content_end(lines: list[str], start: int, limit: int, column: int) -> int:
    end = limit
    while end - 1 > start:
        line = lines[end - 1] if end - 1 < len(lines) else ""
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped or (stripped.startswith("#") and indent < column):
            end -= 1
            continue
        break
    return end


def save_document(document: Document) -> str:
    """Write the document atomically (only if its text changed); return the text. The document
    then stands for the file as written."""
    text = render(document)
    if text != document.original or not document.path.exists():
        write_atomically(document.path, text, error=GlossaryError)
    if document.changed:
        reloaded = load_document(document.path)
        document.tree, document.original = reloaded.tree, reloaded.original
    document.updated, document.appended, document.following = set(), {}, []
    document.text = None
    return text


# -- entries --------------------------------------------------------------------------------


def upsert_entry(document: Document, section: str, data: dict[str, Any]) -> Outcome:
    """Add the entry ``data`` (keys as in the YAML) to ``section``, or update the entry with
    the same id in place.

    Only the keys in ``data`` are considered: a key set to ``None`` (or to its default, such as
    an empty list) is removed, a key left out of ``data`` is kept as it is. Raises
    :class:`ValueError` when the result is not a valid entry.
    """
    model = section_models()[section]
    entry_id = str(data["id"])
    located = document.entry_ids().get(entry_id)
    if located is None:
        document.text = None
        pending = document.appended.setdefault(section, [])
        for index, item in enumerate(pending):
            if item["id"] == entry_id:
                old = validate(model, item)
                new = validate(model, {**item, **data})
                pending[index] = entry_data(new)
                return "unchanged" if new == old else "updated"
        pending.append(entry_data(validate(model, data)))
        return "added"
    found_section, index = located
    if found_section != section:
        raise ValueError(f"id {entry_id!r} is already a {found_section} entry, not {section}")
    node = document.tree[section][index]
    old = validate(model, plain(node))
    new = validate(model, {**plain(node), **data})
    if new == old:
        return "unchanged"
    document.text = None
    cut = _detach_following(node)
    if cut is not None:
        document.following.append(cut)
    _merge_entry(node, old, new, keys=[key for key in data if key != "id"])
    document.updated.add(entry_id)
    return "updated"


def validate(model: type[Entry], data: dict[str, Any]) -> Entry:
    """``data`` (``None`` values meaning "not set") as a ``model``; :class:`ValueError` with a
    one-line message if it is not valid."""
    cleaned = {key: value for key, value in data.items() if value is not None}
    try:
        return model.model_validate(cleaned)
    except ValidationError as error:
        raise ValueError(one_line(error)) from None


def one_line(error: ValidationError) -> str:
    """The first problem of a validation error, as ``field: message``."""
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = f"unknown key {first['loc'][-1]!r}"
        location = ".".join(str(part) for part in first["loc"][:-1])
    return f"{location}: {message}" if location else message


def _merge_entry(node: Any, old: BaseModel, new: BaseModel, *, keys: list[str]) -> None:
    """Change ``node`` (the YAML of ``old``) into ``new``, key by key, only where they differ."""
    names = {info.alias or name: name for name, info in type(new).model_fields.items()}
    order = field_order(type(new))
    fresh = entry_data(new)
    for key in keys:
        attribute = names.get(key)
        if attribute is None or getattr(old, attribute) == getattr(new, attribute):
            continue
        if key not in fresh:  # back to its default: leave the key out
            if key in node:
                del node[key]
            continue
        if key == "roles" and isinstance(node.get(key), list) and not _is_flow(node[key]):
            _merge_roles(node[key], getattr(old, attribute), getattr(new, attribute))
            continue
        value = to_node(fresh[key], like=node.get(key))
        if key in node:
            node[key] = value
        else:
            node.insert(_position(node, key, order), key, value)


def _merge_roles(node: Any, old: tuple[Role, ...], new: tuple[Role, ...]) -> None:
    """Roles compared one by one: an unchanged role keeps its lines and comments."""
    for index, role in enumerate(new):
        if index >= len(old):
            node.append(to_node(entry_data(role)))
        elif old[index] != role and isinstance(node[index], dict):
            keys = list(dict.fromkeys([*entry_data(old[index]), *entry_data(role)]))
            _merge_entry(node[index], old[index], role, keys=keys)
        elif old[index] != role:
            node[index] = to_node(entry_data(role))
    while len(node) > len(new):
        del node[len(node) - 1]


def _position(node: Any, key: str, order: list[str]) -> int:
    """Where ``key`` goes among ``node``'s keys: after the last key that comes before it."""
    rank = {name: index for index, name in enumerate(order)}
    position = 0
    for index, existing in enumerate(node):
        if rank.get(str(existing), len(order)) < rank.get(key, len(order)):
            position = index + 1
    return position


def _detach_following(node: Any) -> tuple[Any, Any, Any, str] | None:
    """Cut from the comment ruamel keeps after an entry's last line everything but that line's
    own end-of-line comment: the blank lines and headings that introduce what follows stay in
    the file where they are (render() never rewrites them), and keys added at the end of the
    entry are dumped above them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        if isinstance(node, CommentedMap) and node:
            key = list(node)[-1]
            value = node[key]
            if isinstance(value, dict | list) and value and not _is_flow(value):
                node = value
                continue
            slot = node.ca.items.get(key)
            token = slot[2] if slot and len(slot) > 2 else None
            owner: Any = key
        elif isinstance(node, CommentedSeq) and node:
            index = len(node) - 1
            value = node[index]
            if isinstance(value, dict | list) and value and not _is_flow(value):
                node = value
                continue
            slot = node.ca.items.get(index)
            token = slot[0] if slot else None
            owner = index
        else:
            return None
        if token is None:
            return None
        value = str(token.value)
        token.value = value.split("\n", 1)[0] + "\n" if value.startswith("#") else "\n"
        return node, owner, token, value


def to_node(value: Any, *, like: Any = None) -> Any:
    """A plain value as a YAML node: lists of names in flow style (``[吉林, 吉]``) unless the
    value it replaces was a block list, entries and roles as block mappings."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, to_node(item)) for key, item in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(to_node(item) for item in value)
        scalars = all(not isinstance(item, dict | list) for item in value)
        block_before = isinstance(like, CommentedSeq) and not _is_flow(like) and bool(like)
        if scalars and not block_before:
            seq.fa.set_flow_style()
        return seq
    return value
