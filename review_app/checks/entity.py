"""Entity checks: places and people in the source against the aligned translation.

The four place checks share one accounting of each segment (:func:`account`): first the target
mentions explained as false friends, then source entities the target renders, then what is left
on each side, paired into mismatches where both sides have a leftover of the same kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from glossary.match import EntityMatch
from glossary.model import FalseFriend, Glossary
from glossary.roles import RoleClaim
from review_app.checks.base import SegmentCheck, register
from review_app.document import AnalyzedDocument, AnalyzedSegment
from review_app.findings import Finding, Severity

MISTRANSLATION = "accuracy/mistranslation"


@dataclass
class Account:
    """How one segment's entities relate across the two sides."""

    false_friends: list[tuple[EntityMatch, EntityMatch, FalseFriend, str]] = field(
        default_factory=list
    )
    mismatches: list[tuple[EntityMatch, EntityMatch]] = field(default_factory=list)
    missing: list[EntityMatch] = field(default_factory=list)
    extra: list[EntityMatch] = field(default_factory=list)


def account(document: AnalyzedDocument, segment: AnalyzedSegment) -> Account:
    """The entity accounting of ``segment``, computed once per document."""
    key = f"entity.account:{segment.id}"
    if key not in document.cache:
        document.cache[key] = _account(document, segment)
    return document.cache[key]


def _account(document: AnalyzedDocument, segment: AnalyzedSegment) -> Account:
    glossary = document.glossary
    result = Account()
    source_ids = segment.source_ids()
    target_ids = segment.target_ids()
    explained: set[int] = set()
    misread: set[int] = set()

    for target in segment.target_entities:
        if set(target.candidates) & source_ids:
            continue
        pairing = _false_friend_source(glossary, segment, target)
        if pairing is not None:
            source, friend, meant = pairing
            result.false_friends.append((source, target, friend, meant))
            explained.add(id(target))
            misread.add(id(source))

    neighbour_sources: set[str] = set()
    neighbour_targets: set[str] = set()
    for other in document.neighbours(segment):
        neighbour_sources |= other.source_ids()
        neighbour_targets |= other.target_ids()

    missing: dict[str, EntityMatch] = {}
    for source in segment.source_entities:
        if id(source) in misread or set(source.candidates) & target_ids:
            continue
        if set(source.candidates) & neighbour_targets or not _presence_checked(glossary, source):
            continue  # rendered next door: an alignment boundary, not an omission
        missing.setdefault(source.entity, source)
    extra: dict[str, EntityMatch] = {}
    for target in segment.target_entities:
        if id(target) in explained or set(target.candidates) & source_ids:
            continue
        if set(target.candidates) & neighbour_sources or not _presence_checked(glossary, target):
            continue
        extra.setdefault(target.entity, target)

    for source in list(missing.values()):
        partner = next(
            (t for t in extra.values() if _same_kind(glossary, source.entity, t.entity)), None
        )
        if partner is not None:
            result.mismatches.append((source, partner))
            del missing[source.entity], extra[partner.entity]
    # People are often "he" the second time: a name with no rendering is not reported missing.
    result.missing = [m for m in missing.values() if m.entity in glossary.places]
    result.extra = list(extra.values())
    return result


def _false_friend_source(
    glossary: Glossary, segment: AnalyzedSegment, target: EntityMatch
) -> tuple[EntityMatch, FalseFriend, str] | None:
    """The source mention that ``target`` misreads, with the false-friend entry and meaning."""
    candidates = []
    for source in segment.source_entities:
        for meaning in source.candidates:
            friend = glossary.mistaken_for(meaning).get(target.entity)
            if friend is not None:
                candidates.append((source, friend, meaning))
                break
    if not candidates:
        return None
    # The n-th target mention of the place (right or wrong) answers its n-th source mention.
    meant = candidates[0][2]
    accepted = {meant, target.entity}
    rank = sum(
        1
        for other in segment.target_entities
        if other.start < target.start and set(other.candidates) & accepted
    )
    return candidates[min(rank, len(candidates) - 1)]


def _presence_checked(glossary: Glossary, match: EntityMatch) -> bool:
    place = glossary.places.get(match.entity)
    return place.check_presence if place is not None else True


def _same_kind(glossary: Glossary, first: str, second: str) -> bool:
    a, b = glossary.places.get(first), glossary.places.get(second)
    if a is None or b is None:
        return (a is None) == (b is None)  # two people
    return a.domestic == b.domestic


def _replace_in_group(text: str, match: EntityMatch, replacement: str) -> str:
    group = text[match.group_start : match.group_end]
    offset = match.start - match.group_start
    return group[:offset] + replacement + group[offset + len(match.text) :]


def _name(glossary: Glossary, entity: str) -> str:
    return glossary.entity_name(entity)


@register
class FalseFriendCheck(SegmentCheck):
    """Entity rendered as what its abbreviation is mistaken for (吉 Jilin → "Kyrgyzstan")."""

    id = "entity.false_friend"
    mqm = MISTRANSLATION
    severity = Severity.CRITICAL

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        glossary = document.glossary
        for source, target, friend, meant in account(document, segment).false_friends:
            right = _name(glossary, meant)
            wrong = _name(glossary, target.entity)
            grouped = target.in_group and source.group_end - source.group_start > 1
            source_span = (source.group_start, source.group_end) if grouped else (
                source.start, source.end
            )
            target_span = (target.group_start, target.group_end) if grouped else (
                target.start, target.end
            )
            suggestion = _replace_in_group(segment.target, target, right) if grouped else right
            note = f" {friend.note}" if friend.note else ""
            yield self.finding(
                segment,
                f"{source.text} here is {right}, but the translation says {wrong}.{note}",
                source=source_span,
                target=target_span,
                suggestion=suggestion,
                glossary_id=friend.id,
            )


@register
class MismatchCheck(SegmentCheck):
    """Source names one place or person, the translation another (湖南 Hunan → "Henan")."""

    id = "entity.mismatch"
    mqm = MISTRANSLATION
    severity = Severity.CRITICAL

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        glossary = document.glossary
        for source, target in account(document, segment).mismatches:
            right = _name(glossary, source.entity)
            yield self.finding(
                segment,
                f"The source names {right} ({source.text}), but the translation says "
                f"{target.text}.",
                source=(source.start, source.end),
                target=(target.start, target.end),
                suggestion=target.text.replace(_name(glossary, target.entity), right)
                if target.text.startswith(_name(glossary, target.entity))
                else right,
                glossary_id=source.entity,
            )


@register
class MissingCheck(SegmentCheck):
    """A place named in the source has no rendering in the aligned translation."""

    id = "entity.missing"
    mqm = "accuracy/omission"
    severity = Severity.MAJOR

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        for source in account(document, segment).missing:
            name = _name(document.glossary, source.entity)
            yield self.finding(
                segment,
                f"The source names {name} ({source.text}); the aligned translation does not.",
                source=(source.start, source.end),
                suggestion=name,
                glossary_id=source.entity,
            )


@register
class ExtraCheck(SegmentCheck):
    """The translation names a place or person that the aligned source does not."""

    id = "entity.extra"
    mqm = "accuracy/addition"
    severity = Severity.MINOR

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        for target in account(document, segment).extra:
            yield self.finding(
                segment,
                f"The translation names {target.text}, which the aligned source does not.",
                target=(target.start, target.end),
                glossary_id=target.entity,
            )


@register
class RoleCheck(SegmentCheck):
    """A person's office or its place contradicts the source or the glossary at the date."""

    id = "entity.role"
    mqm = MISTRANSLATION
    severity = Severity.CRITICAL

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        for claim in segment.target_roles:
            finding = self._judge(document, segment, claim)
            if finding is not None:
                yield finding

    def _judge(
        self, document: AnalyzedDocument, segment: AnalyzedSegment, claim: RoleClaim
    ) -> Finding | None:
        glossary = document.glossary
        person = glossary.persons[claim.person]
        said = [c for c in segment.source_roles if c.person == claim.person]
        if any(_agrees(claim, c) for c in said):
            return None  # a faithful translation: any error is the source's
        same_office = [c for c in said if c.office == claim.office and c.place]
        roles = person.roles_on(document.date) if document.date else ()
        held = [r for r in roles if r.office == claim.office]
        if document.date and any(claim.place in (None, r.org) for r in held):
            return None
        office = glossary.offices[claim.office].en[0]
        evidence = []
        expected: str | None = None
        if same_office:
            expected = same_office[0].place
            evidence.append(f"the source ({same_office[0].text})")
        if document.date and roles:
            if held:
                expected = expected or held[0].org
            evidence.append(f"the glossary on {document.date.isoformat()}")
        if not evidence:
            return self._undated(document, segment, claim, person.en, office)
        where = f" of {_name(glossary, claim.place)}" if claim.place else ""
        if expected is not None:
            right = f"{office} of {_name(glossary, expected)}"
        else:
            right = " and ".join(
                f"{glossary.offices[r.office].en[0]} of {_name(glossary, r.org)}" for r in roles
            )
        suggestion = None
        if expected is not None and claim.place is not None and claim.place_start is not None:
            offset = claim.place_start - claim.start
            place_text = segment.target[claim.place_start : claim.place_end]
            suggestion = claim.text[:offset] + claim.text[offset:].replace(
                place_text, _name(glossary, expected), 1
            )
        return self.finding(
            segment,
            f"{person.en} is called {office}{where}, but {' and '.join(evidence)} "
            f"make{'s' if len(evidence) == 1 else ''} him {right}.",
            source=(same_office[0].start, same_office[0].end) if same_office else None,
            target=(claim.start, claim.end),
            suggestion=suggestion,
            glossary_id=person.id,
        )

    def _undated(
        self,
        document: AnalyzedDocument,
        segment: AnalyzedSegment,
        claim: RoleClaim,
        name: str,
        office: str,
    ) -> Finding | None:
        person = document.glossary.persons[claim.person]
        if document.date is not None or not person.roles:
            return None
        return self.finding(
            segment,
            f"{name} is called {office}: not checked against the glossary, because the "
            "document has no date (give --date or a meta.yaml).",
            target=(claim.start, claim.end),
            glossary_id=person.id,
            severity=Severity.INFO,
        )


def _agrees(target: RoleClaim, source: RoleClaim) -> bool:
    return target.office == source.office and (target.place in (None, source.place))

