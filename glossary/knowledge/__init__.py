"""One entity knowledge layer that every check asks: what a Chinese form names, in which English.

```python
from glossary.knowledge import knowledge_for
k = knowledge_for(glossary)     # once per glossary; the heavy layers once per machine (cached)
k.lookup("越南")                # (Candidate(zh="越南", kind="country", en=("Vietnam",), …),)
k.explain("证监会")             # every layer's answer, for `bireview glossary show`
read_country_run("越新两国")    # 越新: Vietnam, Singapore
```

Layers, in order: the editors' glossary (it always wins), the media list (``media.yaml``),
CC-CEDICT's proper nouns, CLDR's country names, the curated country abbreviations. Two more
answer by rule rather than by lookup: names of people by their romanisations
(:mod:`glossary.knowledge.romanise`: pinyin, Wade-Giles, Cantonese, Sino-Vietnamese, Korean and
Japanese surnames) and foreign names by their sounds (:mod:`glossary.knowledge.phonetic`).
Importing this package loads nothing heavy: CC-CEDICT, Babel, jieba and pydantic are read on
the first lookup.
"""

from __future__ import annotations

from glossary.knowledge.candidate import KINDS, LAYERS, Candidate, Kind, Layer
from glossary.knowledge.lookup import Knowledge, knowledge_for
from glossary.knowledge.runs import CountryRun, read_country_run

__all__ = [
    "KINDS",
    "LAYERS",
    "Candidate",
    "CountryRun",
    "Kind",
    "Knowledge",
    "Layer",
    "knowledge_for",
    "read_country_run",
]
