"""Read the offices a text gives a person: titles next to names.

Chinese puts titles before the name, joined by 、 (广东省委副书记、省长王伟中); a title without a
place takes the place of the title before it. English puts them before the name ("Jilin
Provincial Party Committee Secretary Jing Junhai", "General Secretary Xi Jinping") or after it,
between commas ("Wang Weizhong, deputy secretary of the Provincial Party Committee and Governor
of Jilin Province, and Hu Yuting, …").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from glossary.match import EntityMatch
from glossary.model import Glossary

_ZH_BOUNDARY = re.compile(r"[，。；：！？“”‘’（）()《》\s,;:]")
# Words that may stand in an English title before a name.
# "Vice Chairman" is not a chairman unless the glossary lists the vice office itself.
_DEPUTY = re.compile(
    r"(?:\b(?:Vice|Deputy|Executive Vice)[\s-]+$)|^(?:Vice|Deputy)\b", re.IGNORECASE
)
_EN_TITLE_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|of|the|and|CPC|CPPCC|-)$")


@dataclass(frozen=True)
class RoleClaim:
    """A text's statement that ``person`` holds ``office`` (of ``place``, when it names one)."""

    person: str
    office: str
    place: str | None
    start: int
    end: int
    text: str
    place_start: int | None = None
    place_end: int | None = None


class RoleReader:
    """Finds :class:`RoleClaim`s in text whose entities are already matched."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        zh_forms = {form: office.id for office in glossary.offices.values() for form in office.zh}
        en_forms = {
            form.lower(): office.id for office in glossary.offices.values() for form in office.en
        }
        self._zh_offices = zh_forms
        self._en_offices = en_forms
        self._zh_office_pattern = _alternation(zh_forms, flags=0, suffix="$")
        self._en_office_pattern = _alternation(en_forms, flags=re.IGNORECASE, words=True)

    # -- Chinese -------------------------------------------------------------------------------

    def read_zh(
        self, text: str, matches: Sequence[EntityMatch], persons: Collection[str] = ()
    ) -> list[RoleClaim]:
        """Titles before each person's name; ``persons``: ids of people beyond the glossary's."""
        claims: list[RoleClaim] = []
        previous_end = 0
        for match in matches:
            if self._is_person(match, persons):
                claims.extend(self._zh_titles(text, previous_end, match))
                previous_end = match.end
        return claims

    def _is_person(self, match: EntityMatch, persons: Collection[str]) -> bool:
        return match.entity in self.glossary.persons or match.entity in persons

    def _zh_titles(self, text: str, floor: int, person: EntityMatch) -> list[RoleClaim]:
        start = person.start
        while start > floor and not _ZH_BOUNDARY.match(text[start - 1]):
            start -= 1
        if self._zh_office_pattern is None or start == person.start:
            return []
        claims: list[RoleClaim] = []
        place: tuple[str, int, int] | None = None
        position = start
        for title in text[start : person.start].split("、"):
            office = self._zh_office_pattern.search(title)
            # 副主席 is a vice chairman: an office the glossary does not list is no 主席.
            if office is not None and title[office.start() - 1 : office.start()] == "副":
                office = None
            if office is not None:
                found = self._zh_place(title[: office.start()], position)
                place = found or place
                # The span reaches back to an inherited place: 广东省委副书记、省长.
                claim_start = min(position, place[1]) if place else position
                claim_end = position + len(title)
                claims.append(
                    RoleClaim(
                        person=person.entity,
                        office=self._zh_offices[office.group()],
                        place=place[0] if place else None,
                        start=claim_start,
                        end=claim_end,
                        text=text[claim_start:claim_end],
                        place_start=place[1] if place else None,
                        place_end=place[2] if place else None,
                    )
                )
            position += len(title) + 1
        return claims

    def _zh_place(self, prefix: str, offset: int) -> tuple[str, int, int] | None:
        """The place a title belongs to: the name right before the office (广东 in 广东省委书记);
        台湾中国国民党副主席 belongs to a party, not to 中国."""
        best: tuple[str, int, int] | None = None
        for place in self.glossary.places.values():
            for form in (*place.zh_names, *place.abbr):
                if prefix.endswith(form) and (best is None or len(form) > best[2] - best[1]):
                    index = len(prefix) - len(form)
                    best = (place.id, offset + index, offset + len(prefix))
        return best

    # -- English -------------------------------------------------------------------------------

    def read_en(
        self, text: str, matches: Sequence[EntityMatch], persons: Collection[str] = ()
    ) -> list[RoleClaim]:
        """Titles before and after each person's name; ``persons`` as in :meth:`read_zh`."""
        named = [match for match in matches if self._is_person(match, persons)]
        places = [match for match in matches if match.entity in self.glossary.places]
        claims: list[RoleClaim] = []
        for index, person in enumerate(named):
            floor = named[index - 1].end if index else 0
            ceiling = named[index + 1].start if index + 1 < len(named) else len(text)
            for start, end in (
                *self._en_before(text, floor, person),
                *self._en_after(text, person, ceiling),
            ):
                claims.extend(self._en_phrases(text, start, end, person, places))
        return claims

    def _en_before(self, text: str, floor: int, person: EntityMatch) -> list[tuple[int, int]]:
        """The run of title words right before the name, starting with a capital."""
        title: list[re.Match[str]] = []
        for word in reversed(list(re.finditer(r"\S+", text[floor : person.start]))):
            token = word.group()
            if token.endswith((",", ".", ";", ":")) or not _EN_TITLE_WORD.match(token):
                break
            title.insert(0, word)
        # "instructions of General Secretary Xi Jinping": the title is "General Secretary".
        while title and not title[0].group()[0].isupper():
            title.pop(0)
        return [(floor + title[0].start(), person.start)] if title else []

    def _en_after(self, text: str, person: EntityMatch, ceiling: int) -> list[tuple[int, int]]:
        """The apposition between commas after the name: ', Governor of Guangdong,'."""
        if not text.startswith(",", person.end):
            return []
        spans = []
        position = person.end + 1
        while position < ceiling:
            comma = text.find(",", position, ceiling)
            end = comma if comma >= 0 else ceiling
            piece = text[position:end]
            if self._en_office_pattern is None or not self._en_office_pattern.search(piece):
                break
            spans.append((position, end))
            if comma < 0:
                break
            position = comma + 1
        return spans

    def _en_phrases(
        self,
        text: str,
        start: int,
        end: int,
        person: EntityMatch,
        places: Sequence[EntityMatch],
    ) -> list[RoleClaim]:
        claims = []
        for phrase in _split_and(text, start, end):
            if self._en_office_pattern is None:
                break
            offices = [
                office
                for office in self._en_office_pattern.finditer(text, phrase[0], phrase[1])
                if not _DEPUTY.search(text, 0, office.start()) or _DEPUTY.search(office.group())
            ]
            if not offices:
                continue
            office = offices[-1]
            place = next((p for p in places if phrase[0] <= p.start and p.end <= phrase[1]), None)
            phrase_start = min(office.start(), place.start if place else office.start())
            phrase_end = max(office.end(), place.end if place else office.end(), phrase[1])
            claims.append(
                RoleClaim(
                    person=person.entity,
                    office=self._en_offices[office.group().lower()],
                    place=place.entity if place else None,
                    start=phrase_start,
                    end=phrase_end,
                    text=text[phrase_start:phrase_end],
                    place_start=place.start if place else None,
                    place_end=place.end if place else None,
                )
            )
        return claims


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a title span at ' and ', trimming spaces: each part is one office."""
    parts = []
    position = start
    for hit in re.finditer(r"\s+and\s+", text[start:end]):
        parts.append((position, start + hit.start()))
        position = start + hit.end()
    parts.append((position, end))
    trimmed = []
    for part_start, part_end in parts:
        piece = text[part_start:part_end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((part_start + left, part_start + right))
    return trimmed


def _alternation(
    forms: dict[str, str], *, flags: int, suffix: str = "", words: bool = False
) -> re.Pattern[str] | None:
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    if not ordered:
        return None
    body = "|".join(re.escape(form) for form in ordered)
    if words:
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    return re.compile(f"(?:{body}){suffix}", flags)
