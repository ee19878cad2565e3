"""Entity checks: places and people in the source against the aligned translation.

The four place checks share one accounting of each segment (:func:`account`): first the target
mentions explained as false friends, then source entities the target renders, then what is left
on each side, paired into mismatches where both sides have a leftover of the same kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from glossary.match import EntityMatch
from glossary.model import FalseFriend, Glossary, Role
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
    # A place inside a title is the role check's to judge: a right title is no addition, a
    # wrong one is reported as a role, on both sides. Only undated, unchecked titles stay.
    unchecked = {id(c.claim) for c in role_conflicts(document, segment) if not c.evidence}
    titled_target = [(c.start, c.end) for c in segment.target_roles if id(c) not in unchecked]
    contested_source = [
        (c.source_claim.start, c.source_claim.end)
        for c in role_conflicts(document, segment)
        if c.source_claim is not None
    ]

    for target in segment.target_entities:
        if set(target.candidates) & source_ids:
            continue
        pairing = _false_friend_source(glossary, segment, target) or _loose_false_friend(
            document, segment, target
        )
        if pairing is not None:
            source, friend, meant = pairing
            result.false_friends.append((source, target, friend, meant))
            explained.add(id(target))
            misread.add(id(source))

    # An alignment boundary in the wrong place moves a name into the next pair: a neighbour
    # whose target names what its own source does not (or the reverse) explains the gap here.
    surplus_targets: set[str] = set()
    surplus_sources: set[str] = set()
    for other in document.neighbours(segment):
        other_sources, other_targets = other.source_ids(), other.target_ids()
        surplus_targets |= {
            match.entity
            for match in other.target_entities
            if match.entity in other_targets - other_sources
            and not _named_loosely(glossary, match, other.source)
        }
        surplus_sources |= other_sources - other_targets

    named_whole = _names_rendered_whole(glossary, segment)
    missing: dict[str, EntityMatch] = {}
    for source in segment.source_entities:
        if id(source) in misread or set(source.candidates) & target_ids:
            continue
        if _inside(source, contested_source) or _inside(source, named_whole):
            continue
        if set(source.candidates) & surplus_targets or not _presence_checked(glossary, source):
            continue
        missing.setdefault(source.entity, source)
    extra: dict[str, EntityMatch] = {}
    for target in segment.target_entities:
        if id(target) in explained or set(target.candidates) & source_ids:
            continue
        if _inside(target, titled_target) or _named_loosely(glossary, target, segment.source):
            continue
        if set(target.candidates) & surplus_sources or not _presence_checked(glossary, target):
            continue
        extra.setdefault(target.entity, target)

    for source in list(missing.values()):
        partner = next(
            (t for t in extra.values() if _same_kind(glossary, source.entity, t.entity)), None
        )
        if partner is not None:
            result.mismatches.append((source, partner))
            del missing[source.entity], extra[partner.entity]
    result.missing = [
        m
        for m in missing.values()
        if m.entity in glossary.places or _first_mention_unnamed(document, segment, m)
    ]
    result.extra = list(extra.values())
    return result


def _names_rendered_whole(glossary: Glossary, segment: AnalyzedSegment) -> list[tuple[int, int]]:
    """The spans of the glossary's terms and bodies that the translation renders by their own
    English name: the places inside them are accounted for (粤港澳大湾区 written "the Greater
    Bay Area" names no Guangdong, Hong Kong or Macao, and needs none)."""
    source, lowered = segment.source, segment.target.lower()
    spans = []
    entries: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
        ((term.zh,), term.en_names) for term in glossary.terms.values()
    ]
    entries += [(body.zh_names, body.en_names) for body in glossary.organisations.values()]
    for zh_names, en_names in entries:
        for zh in zh_names:
            start = source.find(zh)
            if start < 0 or len(zh) < 3:
                continue
            if any(name.lower() in lowered for name in en_names):
                spans.append((start, start + len(zh)))
    return spans


def _first_mention_unnamed(
    document: AnalyzedDocument, segment: AnalyzedSegment, match: EntityMatch
) -> bool:
    """Whether a person the source names is left out where the document first names them.

    People are often "he" or "the governor" once introduced, so only the first mention must
    name them; any word of their name (Xi, "President Xi") counts as naming them.
    """
    person = document.glossary.persons.get(match.entity)
    if person is None:
        return False
    for earlier in document.segments[: segment.id]:
        if match.entity in earlier.source_ids():
            return False
    words = {word for name in person.en_names for word in name.split() if len(word) > 1}
    return not any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", segment.target) for word in words)


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


def _loose_false_friend(
    document: AnalyzedDocument, segment: AnalyzedSegment, target: EntityMatch
) -> tuple[EntityMatch, FalseFriend, str] | None:
    """A false friend of an abbreviation inside a word: 来吉投资 ("invest in Jilin") rendered
    "invest in Kyrgyzstan". Taken only in a document whose source names the place (吉林) and
    never the place it is mistaken for, so a release about Kyrgyzstan (吉方) is left alone."""
    glossary = document.glossary
    named = _document_source_ids(document)
    if target.entity in named:
        return None
    taken = [(match.start, match.end) for match in segment.source_entities]
    for friend in glossary.false_friends:
        if friend.mistaken_for != target.entity or friend.entity not in named:
            continue
        place = glossary.places[friend.entity]
        for form in dict.fromkeys((friend.zh, *place.abbr)):
            for hit in re.finditer(re.escape(form), segment.source):
                if any(start < hit.end() and hit.start() < end for start, end in taken):
                    continue
                source = EntityMatch(
                    hit.start(),
                    hit.end(),
                    form,
                    (friend.entity,),
                    "abbreviation",
                    hit.start(),
                    hit.end(),
                )
                return source, friend, friend.entity
    return None


def _document_source_ids(document: AnalyzedDocument) -> set[str]:
    key = "entity.document_source_ids"
    if key not in document.cache:
        document.cache[key] = set().union(*(s.source_ids() for s in document.segments))
    return document.cache[key]


def _named_loosely(glossary: Glossary, match: EntityMatch, source: str) -> bool:
    """Whether ``source`` holds any form of the entity, even one the matcher does not read as a
    mention: the 台 of 台海 is "Taiwan Strait", the 澳 of 本澳 "Macao". Enough not to call a
    rendering an addition."""
    place = glossary.places.get(match.entity)
    return place is not None and any(form in source for form in (*place.zh_names, *place.abbr))


def _inside(match: EntityMatch, spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start and match.end <= end for start, end in spans)


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


def _renamed(glossary: Glossary, text: str, wrong: str | None, right: str) -> str:
    """``text`` ("Henan Province") with the wrong name swapped for the right one, keeping the
    rest of the form ("Hunan Province"); the right canonical name where the form is unknown."""
    wrong_name = _name(glossary, wrong) if wrong else None
    if wrong_name and text.startswith(wrong_name):
        return _name(glossary, right) + text[len(wrong_name) :]
    return _name(glossary, right)


@register
class FalseFriendCheck(SegmentCheck):
    """Entity rendered as what its abbreviation is mistaken for (吉 Jilin → "Kyrgyzstan")."""

    id = "entity.false_friend"
    mqm = MISTRANSLATION
    severity = Severity.CRITICAL
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        glossary = document.glossary
        for source, target, friend, meant in account(document, segment).false_friends:
            right = _name(glossary, meant)
            wrong = _name(glossary, target.entity)
            grouped = target.in_group and source.group_end - source.group_start > 1
            source_span = (
                (source.group_start, source.group_end) if grouped else (source.start, source.end)
            )
            target_span = (
                (target.group_start, target.group_end) if grouped else (target.start, target.end)
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
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

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
                suggestion=_renamed(glossary, target.text, target.entity, source.entity),
                glossary_id=source.entity,
            )


@register
class MissingCheck(SegmentCheck):
    """A place named in the source, or a person where first named, left out of the translation.

    A person named again later is often "he" or "the governor" in English and is not reported
    then; any word of their name ("President Xi") counts as naming them.
    """

    id = "entity.missing"
    mqm = "accuracy/omission"
    severity = Severity.MAJOR
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

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
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

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


@dataclass(frozen=True)
class RoleConflict:
    """A target title that the source or the glossary contradicts (or, undated, cannot check)."""

    claim: RoleClaim
    source_claim: RoleClaim | None
    expected_place: str | None
    evidence: tuple[str, ...]  # empty: no date to check against


def role_conflicts(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[RoleConflict]:
    """The target's titles that contradict the source or the glossary, computed once."""
    key = f"entity.roles:{segment.id}"
    if key not in document.cache:
        document.cache[key] = [
            conflict
            for claim in segment.target_roles
            if (conflict := _judge_role(document, segment, claim)) is not None
        ]
    return document.cache[key]


def _judge_role(
    document: AnalyzedDocument, segment: AnalyzedSegment, claim: RoleClaim
) -> RoleConflict | None:
    person = document.person(claim.person)
    said = [c for c in segment.source_roles if c.person == claim.person]
    if any(_agrees(claim, c) for c in said):
        return None  # a faithful translation: any error is the source's
    same_office = next((c for c in said if c.office == claim.office and c.place), None)
    if same_office and claim.place in document.glossary.mistaken_for(same_office.place or ""):
        return None  # 吉林省委书记 as "Party Secretary of Kyrgyzstan": a false friend's
    roles = person.roles_on(document.date) if document.date else ()
    held = [r for r in roles if r.office == claim.office]
    if document.date and any(claim.place in (None, r.org) for r in held):
        return None
    evidence = []
    expected = same_office.place if same_office else None
    if same_office:
        evidence.append(f"the source ({same_office.text})")
    if document.date and roles:
        expected = expected or (held[0].org if held else None)
        evidence.append(f"the glossary on {document.date.isoformat()}")
    if not evidence and (document.date is not None or not person.roles):
        return None
    return RoleConflict(claim, same_office, expected, tuple(evidence))


def _agrees(target: RoleClaim, source: RoleClaim) -> bool:
    return target.office == source.office and (target.place in (None, source.place))


# A role that began or ended this close to the document's date (either side, both days
# included) gets an info note: releases of those weeks often still use the old title, or
# already the new one.
RECENT_DAYS = 30


@dataclass(frozen=True)
class RecentChange:
    """A role of a person the segment titles that began or ended near the document's date."""

    person: str
    role: Role
    day: dt.date
    began: bool  # False: the role ended on ``day``
    source_claim: RoleClaim | None
    target_claim: RoleClaim | None


def recent_role_changes(document: AnalyzedDocument, segment: AnalyzedSegment) -> list[RecentChange]:
    """Roles that began or ended within :data:`RECENT_DAYS` of the document's date, for each
    person the segment names with a title (in either language); none without a date. A bare
    mention of the name ("Huang Kunming welcomed …") is no title and gets no note."""
    if document.date is None:
        return []
    claims = [*segment.source_roles, *segment.target_roles]
    changes = []
    for person_id in dict.fromkeys(claim.person for claim in claims):
        source = next((c for c in segment.source_roles if c.person == person_id), None)
        target = next((c for c in segment.target_roles if c.person == person_id), None)
        for role in document.person(person_id).roles:
            for day, began in ((role.start, True), (role.end, False)):
                if day is not None and abs((day - document.date).days) <= RECENT_DAYS:
                    changes.append(RecentChange(person_id, role, day, began, source, target))
    return changes


def _recent_change_message(
    glossary: Glossary, change: RecentChange, date: dt.date, name: str
) -> str:
    title = f"{glossary.offices[change.role.office].en[0]} of {_name(glossary, change.role.org)}"
    verb = "became" if change.began else "stopped being"
    offset = (change.day - date).days
    if offset == 0:
        when = f"on {change.day.isoformat()}, this document's date"
    else:
        side = "before" if offset < 0 else "after"
        days = "1 day" if abs(offset) == 1 else f"{abs(offset)} days"
        when = (
            f"on {change.day.isoformat()}, {days} {side} this document's date ({date.isoformat()})"
        )
    return f"{name} {verb} {title} {when}: check the title."


@register
class RoleCheck(SegmentCheck):
    """A person's office or its place contradicts the source or the glossary at the date.

    Two kinds of ``info`` note come from the same check: a title that cannot be checked because
    the document has no date, and a titled person whose role began or ended within 30 days of
    the document's date (the title may be the old or the new one)."""

    id = "entity.role"
    mqm = MISTRANSLATION
    severity = Severity.CRITICAL
    reach = 1  # the pairs either side: a name the aligner moved into a neighbour

    def check_segment(
        self, document: AnalyzedDocument, segment: AnalyzedSegment
    ) -> Iterator[Finding]:
        glossary = document.glossary
        for conflict in role_conflicts(document, segment):
            claim = conflict.claim
            person = document.person(claim.person)
            office = glossary.offices[claim.office].en[0]
            if not conflict.evidence:
                yield self.finding(
                    segment,
                    f"{person.en} is called {office}: not checked against the glossary, because "
                    "the document has no date (give --date or a meta.yaml).",
                    target=(claim.start, claim.end),
                    glossary_id=person.id if person.id in glossary.persons else None,
                    severity=Severity.INFO,
                )
                continue
            where = f" of {_name(glossary, claim.place)}" if claim.place else ""
            if conflict.expected_place is not None:
                right = f"{office} of {_name(glossary, conflict.expected_place)}"
            else:
                assert document.date is not None  # evidence from the glossary needs a date
                right = " and ".join(
                    f"{glossary.offices[r.office].en[0]} of {_name(glossary, r.org)}"
                    for r in person.roles_on(document.date)
                )
            source = conflict.source_claim
            yield self.finding(
                segment,
                f"{person.en} is called {office}{where}; according to "
                f"{' and '.join(conflict.evidence)}, {person.en} is {right}.",
                source=(source.start, source.end) if source else None,
                target=(claim.start, claim.end),
                suggestion=_corrected_title(glossary, segment, conflict),
                glossary_id=person.id if person.id in glossary.persons else None,
            )
        for change in recent_role_changes(document, segment):
            assert document.date is not None  # no date, no recent changes
            person = document.person(change.person)
            source, target = change.source_claim, change.target_claim
            yield self.finding(
                segment,
                _recent_change_message(glossary, change, document.date, person.en),
                source=(source.start, source.end) if source else None,
                target=(target.start, target.end) if target else None,
                glossary_id=person.id if person.id in glossary.persons else None,
                severity=Severity.INFO,
            )


def _corrected_title(
    glossary: Glossary, segment: AnalyzedSegment, conflict: RoleConflict
) -> str | None:
    """The target title with its place replaced by the right one."""
    claim = conflict.claim
    if conflict.expected_place is None or claim.place_start is None or claim.place_end is None:
        return None
    before = segment.target[claim.start : claim.place_start]
    after = segment.target[claim.place_end : claim.end]
    place = segment.target[claim.place_start : claim.place_end]
    return before + _renamed(glossary, place, claim.place, conflict.expected_place) + after
