"""The role check and the document's date: the role held on the date decides a title, no date
means no verdict, and a role that began or ended within 30 days of the date gets an info note."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from glossary.load import load_glossary
from glossary.model import Glossary, GlossaryFile, Office, Person, Place, Role
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import analyze, run_checks, select_checks

DAY = dt.date(2023, 11, 10)
SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"

PLACES = [
    Place(id="province.hunan", kind="province", zh="湖南省", short=("湖南",), en="Hunan"),
    Place(id="province.hubei", kind="province", zh="湖北省", short=("湖北",), en="Hubei"),
]
OFFICES = [
    Office(id="office.party-secretary", zh=("省委书记",), en=("Party Secretary", "Secretary")),
    Office(id="office.governor", zh=("省长",), en=("Governor",)),
]


def glossary_with(*roles: Role) -> Glossary:
    """A made-up official, 张明华 (Zhang Minghua), holding ``roles``."""
    person = Person(id="person.zhang-minghua", zh="张明华", en="Zhang Minghua", roles=roles)
    content = GlossaryFile(places=PLACES, offices=OFFICES, persons=[person])
    return Glossary({"test.yaml": content}, version="test")


def governor(org: str, start: dt.date | None = None, end: dt.date | None = None) -> Role:
    return Role(office="office.governor", org=org, start=start, end=end, source="test")


def check(glossary: Glossary, zh: str, en: str, date: dt.date | None) -> list[Finding]:
    segments = [Segment(0, zh, en, (0,), (0,), 0.9)]
    return run_checks(analyze(segments, glossary, date), select_checks(["entity.role"]))


def notes(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings if f.check == "entity.role" and f.severity == "info"]


def criticals(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "critical"]


# A faithful pair: the source names the title too, so only the date can add anything.
TITLED = ("湖北省省长张明华出席会议。", "Hubei Governor Zhang Minghua attended the meeting.")
UNTITLED = ("张明华出席会议。", "Zhang Minghua attended the meeting.")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (DAY, "became Governor of Hubei on 2023-11-10, this document's date"),
        (DAY - dt.timedelta(days=30), "on 2023-11-10, 30 days after this document's date"),
        (DAY + dt.timedelta(days=30), "on 2023-11-10, 30 days before this document's date"),
        (DAY + dt.timedelta(days=1), "on 2023-11-10, 1 day before this document's date"),
        (DAY - dt.timedelta(days=31), None),
        (DAY + dt.timedelta(days=31), None),
    ],
)
def test_a_role_that_began_near_the_date(date: dt.date, expected: str | None) -> None:
    glossary = glossary_with(governor("province.hubei", start=DAY))
    findings = check(glossary, *TITLED, date)
    assert criticals(findings) == []  # the translation says what the source says
    if expected is None:
        assert notes(findings) == []
    else:
        [note] = notes(findings)
        assert note.startswith("Zhang Minghua became Governor of Hubei")
        assert expected in note and note.endswith("check the title.")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (DAY, "stopped being Governor of Hubei on 2023-11-10, this document's date"),
        (DAY + dt.timedelta(days=30), "30 days before this document's date (2023-12-10)"),
        (DAY - dt.timedelta(days=30), "30 days after this document's date (2023-10-11)"),
        (DAY + dt.timedelta(days=31), None),
        (DAY - dt.timedelta(days=31), None),
    ],
)
def test_a_role_that_ended_near_the_date(date: dt.date, expected: str | None) -> None:
    glossary = glossary_with(governor("province.hubei", start=dt.date(2020, 1, 1), end=DAY))
    found = notes(check(glossary, *TITLED, date))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0]


def test_no_date_no_note() -> None:
    glossary = glossary_with(governor("province.hubei", start=DAY))
    assert check(glossary, *TITLED, None) == []


def test_a_bare_name_gets_no_note() -> None:
    glossary = glossary_with(governor("province.hubei", start=DAY))
    assert check(glossary, *UNTITLED, DAY) == []


def test_a_title_in_either_language_is_enough() -> None:
    glossary = glossary_with(governor("province.hubei", start=DAY))
    source_only = check(glossary, TITLED[0], UNTITLED[1], DAY)
    target_only = check(glossary, UNTITLED[0], TITLED[1], DAY)
    assert len(notes(source_only)) == 1 and source_only[0].source_span is not None
    assert len(notes(target_only)) == 1 and target_only[0].target_span is not None
    assert target_only[0].glossary_id == "person.zhang-minghua"


def test_without_a_date_the_title_is_not_judged() -> None:
    """No date: the role check says it could not check the title, rather than guessing."""
    glossary = glossary_with(
        governor("province.hunan", start=dt.date(2020, 1, 1), end=DAY - dt.timedelta(days=1)),
        governor("province.hubei", start=DAY),
    )
    findings = check(glossary, UNTITLED[0], "Hunan Governor Zhang Minghua attended.", None)
    assert criticals(findings) == []
    [note] = notes(findings)
    assert "not checked against the glossary" in note and "no date" in note


class TestAdjacentRoles:
    """Governor of Hunan until 2023-11-09, Governor of Hubei from 2023-11-10: the role held on
    the document's date decides, and both changes are within the window."""

    glossary = glossary_with(
        governor("province.hunan", start=dt.date(2020, 1, 1), end=DAY - dt.timedelta(days=1)),
        governor("province.hubei", start=DAY),
    )

    def run(self, title_place: str, date: dt.date) -> list[Finding]:
        en = f"{title_place} Governor Zhang Minghua attended the meeting."
        return check(self.glossary, UNTITLED[0], en, date)

    def test_on_the_first_day_of_the_new_role(self) -> None:
        findings = self.run("Hunan", DAY)
        [critical] = criticals(findings)
        assert "according to the glossary on 2023-11-10, Zhang Minghua is Governor of Hubei" in (
            critical.message
        )
        assert critical.suggestion == "Hubei Governor"
        assert sorted(notes(findings)) == [
            "Zhang Minghua became Governor of Hubei on 2023-11-10, this document's date: "
            "check the title.",
            "Zhang Minghua stopped being Governor of Hunan on 2023-11-09, 1 day before this "
            "document's date (2023-11-10): check the title.",
        ]
        assert criticals(self.run("Hubei", DAY)) == []

    def test_on_the_last_day_of_the_old_role(self) -> None:
        day_before = DAY - dt.timedelta(days=1)
        assert criticals(self.run("Hunan", day_before)) == []
        [critical] = criticals(self.run("Hubei", day_before))
        assert "Zhang Minghua is Governor of Hunan" in critical.message
        assert critical.suggestion == "Hunan Governor"


def test_a_real_appointment_two_weeks_before_the_seed_date() -> None:
    """Tang Dengjie became Party Secretary of Shanxi on 2023-10-28 (built-in glossary)."""
    segments = [
        Segment(
            0,
            "山西省委书记唐登杰出席会议。",
            "Shanxi Provincial Party Committee Secretary Tang Dengjie attended the meeting.",
            (0,),
            (0,),
            0.9,
        )
    ]
    findings = run_checks(analyze(segments, load_glossary(), DAY), select_checks(None))
    assert [f.severity for f in findings] == ["info"]
    assert findings[0].message == (
        "Tang Dengjie became Party Secretary of Shanxi on 2023-10-28, 13 days before this "
        "document's date (2023-11-10): check the title."
    )


def test_the_seed_gains_no_date_notes(tmp_path: Path) -> None:
    """None of the seed's officials took or left a role within 30 days of 2023-11-10 (Huang
    Kunming 2022-10-28, Wang Weizhong 2021-12-27, Jing Junhai 2020-11-20, Hu Yuting 2023-04-02,
    Xi Jinping 2012-11-15 and 2013-03-14)."""
    from review_app.cli import main

    out = tmp_path / "report.json"
    assert main(["check", str(SEED), "--format", "json", "-o", str(out)]) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [f for f in report["findings"] if f["severity"] == "info"] == []
