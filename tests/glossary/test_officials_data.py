"""The built-in officials: who led each provincial-level division on 2023-11-10, and the shape of
their entries (terms that do not overlap, a source for every role, names that are the pinyin of
the Chinese)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from glossary.load import load_glossary
from glossary.model import Glossary, Person, Role
from glossary.names import romanizations

DATE = dt.date(2023, 11, 10)

# The office at the head of each kind of division's government.
HEAD_OF_GOVERNMENT = {
    "province": "office.governor",
    "municipality": "office.mayor",
    "autonomous_region": "office.chairman",
    "sar": "office.chief-executive",
}
PARTY_SECRETARY = "office.party-secretary"

# Divisions with no entry, each with why; the list makes a gap visible rather than hiding it.
NOT_LISTED: dict[tuple[str, str], str] = {
    # Taiwan (province.taiwan) is not governed by the People's Republic: no office to list.
    ("province.taiwan", PARTY_SECRETARY): "not governed by the PRC",
    ("province.taiwan", "office.governor"): "not governed by the PRC",
    # The special administrative regions have no Party secretary.
    ("sar.hong-kong", PARTY_SECRETARY): "no such office",
    ("sar.macao", PARTY_SECRETARY): "no such office",
    # Left out for want of a sure fact: none at present. Add (division, office) pairs here,
    # with the reason, rather than guessing a person or a date.
}

# Names that are not Mandarin pinyin (Uyghur, Cantonese, Macanese romanisations) or that the
# official English spells with an apostrophe: checked by hand against Xinhua.
NOT_PINYIN = {"person.erkin-tuniyaz", "person.john-lee", "person.ho-iat-seng"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def _holders(glossary: Glossary, office: str, org: str, day: dt.date) -> list[str]:
    return [
        person.id
        for person in glossary.persons.values()
        for role in person.roles_on(day)
        if (role.office, role.org) == (office, org)
    ]


def test_every_division_has_its_leaders_on_the_date(glossary: Glossary) -> None:
    missing = []
    for place in glossary.places.values():
        if place.kind not in HEAD_OF_GOVERNMENT:
            continue
        for office in (PARTY_SECRETARY, HEAD_OF_GOVERNMENT[place.kind]):
            holders = _holders(glossary, office, place.id, DATE)
            if (place.id, office) in NOT_LISTED:
                assert holders == [], f"{place.id} {office} is listed as left out but has {holders}"
                continue
            if len(holders) != 1:
                missing.append((place.id, office, holders))
    assert missing == []


def test_every_division_is_counted(glossary: Glossary) -> None:
    kinds = [place.kind for place in glossary.places.values() if place.kind in HEAD_OF_GOVERNMENT]
    # 23 provinces (Taiwan included), 4 municipalities, 5 autonomous regions, 2 SARs.
    assert len(kinds) == 34


def _overlap(one: Role, other: Role) -> bool:
    """Two terms share more than a handover day (a role counts on its from and to days)."""
    start = max(one.start or dt.date.min, other.start or dt.date.min)
    end = min(one.end or dt.date.max, other.end or dt.date.max)
    return start < end


def test_no_person_holds_one_office_twice_at_once(glossary: Glossary) -> None:
    for person in glossary.persons.values():
        for one, other in itertools.combinations(person.roles, 2):
            if one.office == other.office:
                assert not _overlap(one, other), (person.id, one, other)


def test_one_holder_of_each_office_at_a_time(glossary: Glossary) -> None:
    roles = [
        (person.id, role)
        for person in glossary.persons.values()
        for role in person.roles
        if role.office in {PARTY_SECRETARY, *HEAD_OF_GOVERNMENT.values()}
    ]
    for (one_id, one), (other_id, other) in itertools.combinations(roles, 2):
        if one_id != other_id and (one.office, one.org) == (other.office, other.org):
            assert not _overlap(one, other), (one_id, other_id, one.office, one.org)


def test_every_role_has_a_source_and_sane_dates(glossary: Glossary) -> None:
    for person in glossary.persons.values():
        assert person.source, person.id
        for role in person.roles:
            assert role.source, (person.id, role.office, role.org)
            assert role.office in glossary.offices, (person.id, role.office)
            assert role.org in glossary.places, (person.id, role.org)
            if role.start and role.end:
                assert role.start <= role.end, (person.id, role)
            if role.start is None:
                # A role without a start must say why in its note.
                assert role.note and "left out" in role.note, (person.id, role)


def test_english_names_are_the_pinyin_of_the_chinese(glossary: Glossary) -> None:
    for person in glossary.persons.values():
        if person.id in NOT_PINYIN:
            continue
        assert person.en.replace("'", "") in romanizations(person.zh), (person.id, person.en)


@pytest.mark.parametrize(
    ("person_id", "office", "org"),
    [
        ("person.tang-dengjie", PARTY_SECRETARY, "province.shanxi"),
        ("person.yin-li", PARTY_SECRETARY, "municipality.beijing"),
        ("person.erkin-tuniyaz", "office.chairman", "autonomous_region.xinjiang"),
        ("person.john-lee", "office.chief-executive", "sar.hong-kong"),
        ("person.ho-iat-seng", "office.chief-executive", "sar.macao"),
    ],
)
def test_spot_checks(glossary: Glossary, person_id: str, office: str, org: str) -> None:
    assert _holders(glossary, office, org, DATE) == [person_id]


def test_handovers_end_and_begin_on_one_day(glossary: Glossary) -> None:
    """A successor's start is the predecessor's end, where both are listed."""
    pairs = [
        ("person.jing-junhai", "person.huang-qiang", "province.jilin"),
        ("person.han-jun", "person.liang-yanshun", "province.anhui"),
        ("person.lou-yangsheng", "person.liu-ning", "province.henan"),
        ("person.wang-menghui", "person.wang-zhonglin", "province.hubei"),
        ("person.chen-gang", "person.wu-xiaojun", "province.qinghai"),
        ("person.liu-ning", "person.chen-gang", "autonomous_region.guangxi"),
        ("person.sun-shaocheng", "person.wang-weizhong", "autonomous_region.inner-mongolia"),
    ]
    for before, after, org in pairs:
        ended = _role(glossary.persons[before], PARTY_SECRETARY, org)
        began = _role(glossary.persons[after], PARTY_SECRETARY, org)
        assert ended.end is not None and ended.end == began.start, (before, after, org)


def _role(person: Person, office: str, org: str) -> Role:
    return next(role for role in person.roles if (role.office, role.org) == (office, org))


@pytest.mark.parametrize(
    ("text", "office", "place"),
    [
        ("香港特区行政长官李家超", "office.chief-executive", "sar.hong-kong"),
        ("湖北省委副书记、省长王忠林", "office.governor", "province.hubei"),
        ("北京市委书记尹力", PARTY_SECRETARY, "municipality.beijing"),
        ("北京市市长殷勇", "office.mayor", "municipality.beijing"),
        ("内蒙古自治区主席王莉霞", "office.chairman", "autonomous_region.inner-mongolia"),
    ],
)
def test_titles_read_as_before(glossary: Glossary, text: str, office: str, place: str) -> None:
    """The new office (行政长官) changes no other title's reading: the longest title wins."""
    from glossary.match import matcher_for
    from glossary.roles import RoleReader

    claims = RoleReader(glossary).read_zh(text, matcher_for(glossary).find_zh(text))
    assert [(claim.office, claim.place) for claim in claims][-1:] == [(office, place)]
