"""Parse YAML with round-trip nodes (they know their line numbers); errors as path:line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from glossary.errors import LocatedError

_DATE_LIKE = re.compile(r"(?<![\w-])(\d{4}-\d{1,2}-\d{1,2})(?![\w-])")


def parse_yaml(path: str | Path, text: str, *, error: type[LocatedError]) -> Any:
    """The YAML tree of ``text`` (read from ``path``); problems raise ``error`` with the line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
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
