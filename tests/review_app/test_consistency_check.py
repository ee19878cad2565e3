"""The consistency check (term.consistency): one source term, two renderings in a document."""

from __future__ import annotations

from pathlib import Path

import pytest

import review_app.checks.consistency  # noqa: F401  (registers term.consistency)
from glossary.load import load_glossary
from glossary.model import Glossary
from review_app.checks.base import REGISTRY
from review_app.checks.consistency import rendering, shaped
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.pipeline import analyze, run_checks, select_checks

GLOSSARY = """\
organisations:
  - id: org.union
    zh: 工会
    en: trade union
    variants: [labor union]
  - id: org.phone
    zh: 手机
    en: mobile phone
terms:
  - id: term.ftz
    zh: 自由贸易区
    en: free trade zone
"""


@pytest.fixture(scope="module")
def empty() -> Glossary:
    return Glossary({}, version="test")


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    folder: Path = tmp_path_factory.mktemp("glossary")
    (folder / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(folder)


def check(
    glossary: Glossary, *pairs: tuple[str, str], ids: list[str] | None = None
) -> list[Finding]:
    segments = [Segment(i, zh, en, (i,), (i,), 0.9) for i, (zh, en) in enumerate(pairs)]
    return run_checks(analyze(segments, glossary, None), select_checks(ids or ["term.consistency"]))


def summary(findings: list[Finding]) -> list[tuple[int, str | None, str | None, str | None]]:
    return [
        (
            f.segment,
            f.source_span.text if f.source_span else None,
            f.target_span.text if f.target_span else None,
            f.suggestion,
        )
        for f in findings
    ]


UNION = ("工会发起罢工。", "The trade unions called a strike.")
LABOR = ("工会代表与政府会谈。", "Labor union leaders met the government.")


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["term.consistency"]
    assert check_class.mqm == "terminology/inconsistent"
    assert check_class.severity == Severity.MINOR
    assert check_class.description().startswith("A source term rendered in two ways")


def test_a_term_rendered_two_ways_is_reported_once_on_the_later_one(empty: Glossary) -> None:
    findings = check(empty, UNION, ("他们在街上。", "They are in the street."), LABOR)
    # The suggestion takes the number and capitals of what it replaces.
    assert summary(findings) == [(2, "工会", "Labor union", "Trade union")]
    assert findings[0].message == "工会 is “trade unions” in segment 0 but “Labor union” here."
    assert findings[0].mqm == "terminology/inconsistent"
    assert findings[0].severity == Severity.MINOR
    # Once a term a document, however often it changes.
    findings = check(empty, UNION, LABOR, ("工会再次发起罢工。", "Labor unions struck again."))
    assert len(findings) == 1


def test_the_less_used_rendering_is_marked_wherever_it_is(empty: Glossary) -> None:
    findings = check(
        empty,
        LABOR,
        UNION,
        ("工会再次发起罢工。", "The trade union struck again."),
    )
    assert summary(findings) == [(0, "工会", "Labor union", "Trade union")]
    assert "in segments 1, 2 but" in findings[0].message


@pytest.mark.parametrize(
    ("first", "second", "marked"),
    [
        (
            ("海南自由贸易区建设加快。", "Hainan's free trade zone is growing fast."),
            ("建设自由贸易区。", "Building a free trade area."),
            "free trade area",
        ),
        (
            ("出口同比下降3%。", "Exports fell 3% year-on-year."),
            ("社会消费品零售总额同比增长5%。", "Retail sales rose 5% year over year."),
            "year over year",
        ),
        (
            ("手机没电了。", "My cell phone is dead."),
            ("他把手机忘在家里。", "He left his mobile phone at home."),
            "mobile phone",
        ),
    ],
)
def test_two_renderings_of_one_sense_are_reported(
    empty: Glossary, first: tuple[str, str], second: tuple[str, str], marked: str
) -> None:
    findings = check(empty, first, second)
    assert [f.target_span.text if f.target_span else None for f in findings] == [marked]
    assert findings[0].segment == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The same rendering.
        (UNION, ("工会代表与政府会谈。", "Trade union leaders met the government.")),
        # Capitals, hyphens, spaces and plurals are the same rendering.
        (
            ("海南自由贸易区建设加快。", "Hainan's free trade zone is growing fast."),
            ("建设自由贸易区。", "Building Free-Trade  Zones."),
        ),
        (
            ("出口同比下降3%。", "Exports fell 3% year-on-year."),
            ("社会消费品零售总额同比增长5%。", "Retail sales rose 5% year on year."),
        ),
        # One rendering inside the other.
        (
            ("他喜欢乒乓球。", "He likes table tennis."),
            ("乒乓球掉在地上。", "The table tennis ball fell to the floor."),
        ),
        # The term occurs once: the other segment's "labor union" translates something else.
        (UNION, ("工人们上街游行。", "Labor union members marched.")),
        # A translation that uses both renderings is not one of them.
        (UNION, ("工会代表与政府会谈。", "Trade union (labor union) leaders met.")),
        # Different senses of one word: 电话 is a call here and a number there.
        (
            ("他给我打了电话。", "He gave me a phone call."),
            ("我没有他的电话。", "I do not have his phone number."),
        ),
        # A rendering that is not specific enough (one common word) is not compared.
        (
            ("经济发展很快。", "The economy grew fast."),
            ("经济发展很快。", "Development was rapid."),
        ),
        # No translation.
        (UNION, ("工会代表与政府会谈。", "")),
    ],
)
def test_no_alarm(empty: Glossary, first: tuple[str, str], second: tuple[str, str]) -> None:
    assert check(empty, first, second) == []


def test_a_single_segment_is_no_document(empty: Glossary) -> None:
    assert check(empty, ("工会代表工会。", "The trade union represents labor unions.")) == []


def test_forms_the_glossary_accepts_side_by_side_are_not_reported(glossary: Glossary) -> None:
    # 工会: the glossary accepts "trade union" and "labor union".
    assert check(glossary, UNION, LABOR) == []
    # 手机: the glossary accepts only "mobile phone"; "cell phone" is not.
    findings = check(
        glossary,
        ("手机没电了。", "My mobile phone is dead."),
        ("他把手机忘在家里。", "He left his cell phone at home."),
    )
    assert summary(findings) == [(1, "手机", "cell phone", "mobile phone")]


def test_a_glossary_term_is_left_to_the_term_check(glossary: Glossary) -> None:
    pairs = (
        ("海南自由贸易区建设加快。", "Hainan's free trade zone is growing fast."),
        ("他们在街上。", "They are in the street."),
        ("建设自由贸易区。", "Building a free trade area."),
    )
    assert check(glossary, *pairs) == []
    findings = check(glossary, *pairs, ids=["term.glossary", "term.consistency"])
    assert [(f.check, f.segment) for f in findings] == [("term.glossary", 2)]


@pytest.mark.parametrize(
    ("gloss", "expected"),
    [
        ("free trade zone", "free trade zone"),
        ("artificial intelligence (AI)", "artificial intelligence"),
        ("the Ministry of Education", "Ministry of Education"),
        ("Beijing, capital of the People's Republic of China", "Beijing"),
        ("variant of 週|周[zhou1]", None),
        ("abbr. for 自由貿易區|自由贸易区", None),
        ("to carry out", None),
        ("(literary) the state", None),
        ("to do sth for sb", None),
        ("CL:個|个[ge4]", None),
    ],
)
def test_cedict_glosses_as_renderings(gloss: str, expected: str | None) -> None:
    assert rendering(gloss) == expected


@pytest.mark.parametrize(
    ("form", "like", "expected"),
    [
        ("trade unions", "Labor union", "Trade union"),
        ("Trade unions", "labor unions", "trade unions"),
        ("cell phone", "mobile phones", "cell phones"),
        ("IT companies", "tech firm", "IT company"),
        ("free trade zone", "Free Trade Areas", "Free Trade Zones"),
        ("Free Trade Zones", "free trade area", "free trade zone"),
        ("year-over-year", "year-on-year", "year-over-year"),
    ],
)
def test_the_suggestion_is_shaped_like_what_it_replaces(
    form: str, like: str, expected: str
) -> None:
    assert shaped(form, like=like) == expected
