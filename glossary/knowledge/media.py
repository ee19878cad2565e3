"""Knowledge layer ``media``: news media and agencies by their Chinese names (``media.yaml``).

The outlets' own English names (扬子晚报 Yangtse Evening Post, 自由时报 Liberty Times, 越通社
VNA), which CC-CEDICT mostly lacks and machine translation renders word for word. Read once a
process, and kept in the bireview cache between runs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from glossary.knowledge.candidate import Row, unique

DATA = Path(__file__).with_name("media.yaml")
_CHINESE = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def media_layer() -> dict[str, tuple[Row, ...]]:
    """Each Chinese form and its row: an organisation with the outlet's English names, from the
    cache when the file is unchanged (parsing its YAML costs a quarter of a second)."""
    from glossary.cache import cached

    code = [Path(__file__), DATA, Path(__file__).parents[1] / "yamlio.py"]
    return cached("knowledge-media", ("ruamel.yaml",), code, lambda: read_media(DATA), dict)


def read_media(path: Path) -> dict[str, tuple[Row, ...]]:
    """The layer as ``path`` lists it; a malformed entry is a GlossaryError with its line."""
    from glossary.errors import GlossaryError
    from glossary.yamlio import line_of, parse_yaml

    tree = parse_yaml(path, path.read_text(encoding="utf-8"), error=GlossaryError)
    if not isinstance(tree, dict):
        raise GlossaryError(path, "expected a mapping of Chinese names to English names")
    layer: dict[str, tuple[Row, ...]] = {}
    for zh, forms in tree.items():
        if (
            not isinstance(zh, str)
            or not _CHINESE.search(zh)
            or not isinstance(forms, list)
            or not forms
            or not all(isinstance(form, str) and form.strip() for form in forms)
        ):
            line = line_of(tree, (zh,))
            raise GlossaryError(
                path, f"{zh!r}: give a Chinese name and a list of English names", line=line
            )
        layer[zh] = (("organisation", unique(forms), "news media list (media.yaml)", None),)
    return layer
