"""``meta.yaml`` beside a document pair: its date and languages."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from glossary.yamlio import line_of, parse_yaml
from review_app.errors import InputError
from review_app.limits import Limits

META_LIMITS = Limits(file_mb=1.0)


class Meta(BaseModel):
    model_config = ConfigDict(extra="allow")

    date: dt.date | None = None
    source_lang: str = "zh"
    target_lang: str = "en"


def read_meta(path: str | Path) -> Meta:
    """Read and validate ``path``; errors name the file and line."""
    from review_app.readers.text import read_bytes

    with contextlib.suppress(OSError):  # read_bytes says what is wrong with a missing file
        size = Path(path).stat().st_size
        if size > META_LIMITS.file_bytes:  # a date and two languages: never megabytes
            raise InputError(
                path, f"too large for a meta.yaml ({size / 2**20:.1f} MB; 1 MB at most)"
            )
    raw = read_bytes(Path(path), META_LIMITS)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"cannot read: {error}") from None
    # A date and two languages: no use for anchors; any is refused before the tree is built.
    tree: Any = parse_yaml(path, text, error=InputError, what="meta.yaml", aliases=False)
    if tree is None:
        return Meta()
    if not isinstance(tree, dict):
        raise InputError(path, "expected a mapping such as 'date: 2023-11-10'", line=1)
    try:
        meta = Meta.model_validate(dict(tree))
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        line = line_of(tree, (key,))
        raise InputError(path, f"{key}: {first['msg']}", line=line) from None
    if (meta.source_lang, meta.target_lang) != ("zh", "en"):
        raise InputError(path, "only Chinese (zh) to English (en) is supported")
    return meta
