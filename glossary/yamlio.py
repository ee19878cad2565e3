"""Parse YAML with round-trip nodes (they know their line numbers); errors as path:line.

Anchors and aliases are checked before anything is built: a few hundred bytes of nested aliases
(the "billion laughs") would otherwise become billions of values once the tree is walked.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from glossary.errors import LocatedError

_DATE_LIKE = re.compile(r"(?<![\w-])(\d{4}-\d{1,2}-\d{1,2})(?![\w-])")


# What aliases of text values may repeat in one file, in characters, all aliases together.
ALIASED_TEXT_LIMIT = 1_000_000


def parse_yaml(
    path: str | Path,
    text: str,
    *,
    error: type[LocatedError],
    what: str = "glossary files",
    aliases: bool = True,
) -> Any:
    """The YAML tree of ``text`` (read from ``path``); problems raise ``error`` with the line.

    ``aliases``: whether a text value may be anchored and repeated (``source: &gb "GB/T 2260"``,
    then ``source: *gb``), as the built-in glossary does; an anchor on a mapping or a list is
    refused either way, before the tree is built. ``what``: the files, for the message.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        found = anchor_problem(text, what=what, aliases=aliases)
        if found is None:
            return YAML(typ="rt").load(text)
    except MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = problem.problem or problem.context or "invalid YAML"
        raise error(path, f"YAML syntax error: {reason}", line=line) from None
    except YAMLError as problem:
        raise error(path, f"YAML error: {problem}") from None
    except ValueError as problem:
        # ruamel reads 2023-13-45 as a date and fails without a position: find the line.
        raise error(path, f"invalid date: {problem}", line=_bad_date_line(text)) from None
    line, _, message = found
    raise error(path, message, line=line)


def anchor_problem(
    text: str, *, what: str = "glossary files", aliases: bool = True
) -> tuple[int, int, str] | None:
    """The first anchor or alias ``text`` may not have, as (line, column, message), 1-based.

    Read from the parser's events, which name each anchor and alias and expand nothing, so the
    check takes one pass over the text however the aliases nest. Without ``aliases`` any anchor
    or alias is refused; with it, anchors on text values are allowed, as long as their aliases
    repeat no more than :data:`ALIASED_TEXT_LIMIT` characters in all. A syntax error raises
    ruamel's own error, as loading would.
    """
    if "&" not in text and "*" not in text:
        return None  # every anchor starts with & and every alias with *: nothing to read
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent, NodeEvent, ScalarEvent

    lengths: dict[str, int] = {}  # anchor → the length of the text value it names
    repeated = 0
    for event in YAML(typ="rt").parse(text):
        if not isinstance(event, NodeEvent) or event.anchor is None:
            continue
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if not aliases:
            message = f"YAML anchors and aliases (&name, *name) are not allowed in {what}"
            return (*where, message)
        if isinstance(event, AliasEvent):
            repeated += lengths.get(event.anchor, 0)  # an unknown one: the loader says so
            if repeated > ALIASED_TEXT_LIMIT:
                return (
                    *where,
                    f"YAML aliases (*name) repeat more than {ALIASED_TEXT_LIMIT:,} characters",
                )
        elif isinstance(event, ScalarEvent):
            lengths[event.anchor] = len(event.value)
        else:
            message = (
                f"YAML anchors on mappings and lists (&{event.anchor}) are not allowed in "
                f"{what}; only a single value may be anchored and repeated (*name)"
            )
            return (*where, message)
    return None


def _bad_date_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        for candidate in _DATE_LIKE.findall(line.split("#", 1)[0]):
            year, month, day = (int(part) for part in candidate.split("-"))
            try:
                dt.date(year, month, day)
            except ValueError:
                return number
    return None


def line_of(tree: Any, location: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node on ``location`` that the YAML tree has."""
    line: int | None = None
    node = tree
    for part in location:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and part in node:
            if lc is not None:
                line = lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            if lc is not None:
                line = lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line
