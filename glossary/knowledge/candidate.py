"""What a knowledge layer says a Chinese form can be: a :class:`Candidate`.

The heavy layers keep their answers on disk as plain tuples (:data:`Row`): a cache of tens of
thousands of rows unpickles several times faster as tuples of strings than as objects, and a
candidate is only built for the few forms a run actually asks about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "place", "organisation", "country", "term"]
Layer = Literal["glossary", "media", "cc-cedict", "cldr", "abbreviations"]

KINDS: tuple[Kind, ...] = ("person", "place", "organisation", "country", "term")
# The order the layers are asked in; the editors' YAML first, and it always wins.
LAYERS: tuple[Layer, ...] = ("glossary", "media", "cc-cedict", "cldr", "abbreviations")

# (kind, en, detail, dates): a candidate without its form and layer, as the caches keep it.
Row = tuple[str, tuple[str, ...], str, str | None]


@dataclass(frozen=True)
class Candidate:
    """One thing a Chinese form can name, and the English that renders it.

    ``en`` lists the accepted English forms, the preferred first; ``layer`` says which knowledge
    source answered (findings cite it); ``detail`` is that source's own words (a CC-CEDICT
    definition, "abbr. for 越南", a glossary id); ``dates`` a person's years ("1954-").
    """

    zh: str
    kind: Kind
    en: tuple[str, ...]
    layer: Layer
    detail: str = ""
    dates: str | None = None

    @property
    def preferred(self) -> str:
        """The English form to suggest."""
        return self.en[0] if self.en else ""

    def describe(self) -> str:
        """One line for people: ``country: Vietnam (cldr: VN)``."""
        dates = f" ({self.dates})" if self.dates else ""
        forms = "; ".join(self.en) or "—"
        detail = f" — {self.detail}" if self.detail else ""
        return f"{self.kind}: {forms}{dates}{detail}"


def from_row(zh: str, row: Row, layer: Layer) -> Candidate:
    """A cached row as the candidate of ``layer`` for the form ``zh``."""
    kind, en, detail, dates = row
    return Candidate(zh, kind, en, layer, detail, dates)  # type: ignore[arg-type]


def unique(forms: Iterable[str]) -> tuple[str, ...]:
    """Non-empty strings of ``forms`` in order, each once (compared ignoring case)."""
    seen: set[str] = set()
    kept: list[str] = []
    for form in forms:
        text = " ".join(form.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept)
