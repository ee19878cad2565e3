"""The term check (term.glossary): forbidden renderings, missing required English, variants,
case-sensitive terms, and no alarm on the seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import review_app.checks.term  # noqa: F401  (registers term.glossary)
from glossary.load import load_glossary
from glossary.model import Glossary
from review_app.checks.base import REGISTRY
from review_app.document import Document, Segment
from review_app.findings import Finding, Severity
from review_app.pipeline import ReviewOptions, analyze, review, run_checks, select_checks

SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
TERMS = """\
terms:
  - id: term.belt-and-road
    zh: 一带一路
    en: Belt and Road Initiative
    variants: [Belt and Road]
    forbidden: ["One Belt, One Road", OBOR]
  - id: term.wechat
    zh: 微信
    en: WeChat
    case_sensitive: true
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    folder = tmp_path_factory.mktemp("glossary")
    (folder / "terms.yaml").write_text(TERMS, encoding="utf-8")
    return load_glossary(folder)


def check(glossary: Glossary, *pairs: tuple[str, str]) -> list[Finding]:
    segments = [Segment(i, zh, en, (i,), (i,), 0.9) for i, (zh, en) in enumerate(pairs)]
    return run_checks(analyze(segments, glossary, None), select_checks(["term.glossary"]))


def summary(findings: list[Finding]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            str(f.severity),
            f.source_span.text if f.source_span else None,
            f.target_span.text if f.target_span else None,
            f.suggestion,
        )
        for f in findings
    ]


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["term.glossary"]
    assert check_class.mqm.startswith("terminology/")
    assert check_class.severity == Severity.MAJOR
    assert check_class.description().startswith("A glossary term rendered with a forbidden")


def test_a_forbidden_rendering_is_major_with_the_required_english(glossary: Glossary) -> None:
    findings = check(glossary, ("共建“一带一路”倡议", 'the "One Belt, One Road" initiative'))
    assert summary(findings) == [
        ("major", "一带一路", "One Belt, One Road", "Belt and Road Initiative")
    ]
    assert findings[0].glossary_id == "term.belt-and-road"
    assert findings[0].mqm == "terminology/wrong-term"
    # Whole words only, any capitals (the term is not case-sensitive), every occurrence.
    findings = check(glossary, ("一带一路", "obor and OBOR, not Oboronprom"))
    assert summary(findings) == [
        ("major", "一带一路", "obor", "Belt and Road Initiative"),
        ("major", "一带一路", "OBOR", "Belt and Road Initiative"),
    ]


def test_missing_required_english_is_minor_and_marks_nothing_in_the_translation(
    glossary: Glossary,
) -> None:
    findings = check(glossary, ("共建“一带一路”", 'the joint "Belt and Street" initiative'))
    assert summary(findings) == [("minor", "一带一路", None, "Belt and Road Initiative")]
    assert "Belt and Road" in findings[0].message


@pytest.mark.parametrize(
    "english",
    [
        "the Belt and Road Initiative",
        "the belt and road initiative",  # not case-sensitive
        "Belt and Road cooperation",  # a variant
        "the Belt  and\u00a0Road",  # any spaces
    ],
)
def test_the_required_english_or_a_variant_is_accepted(glossary: Glossary, english: str) -> None:
    assert check(glossary, ("共建“一带一路”", english)) == []


def test_a_case_sensitive_term_needs_its_capitals(glossary: Glossary) -> None:
    assert check(glossary, ("用微信支付", "pay with WeChat")) == []
    findings = check(glossary, ("用微信支付", "pay with Wechat"))
    assert summary(findings) == [("minor", "微信", "Wechat", "WeChat")]
    findings = check(glossary, ("用微信支付", "pay by phone"))
    assert summary(findings) == [("minor", "微信", None, "WeChat")]


def test_no_alarm_without_the_term_or_without_a_translation(glossary: Glossary) -> None:
    # A forbidden form in English whose source has no such term: not this check's business.
    assert check(glossary, ("国际合作", "OBOR")) == []
    # An untranslated unit is not a missing term.
    assert check(glossary, ("一带一路", "")) == []


def test_the_english_in_a_neighbouring_pair_is_accepted(glossary: Glossary) -> None:
    # The aligner put the English one pair later: no "missing" alarm.
    findings = check(
        glossary,
        ("共建一带一路。", "Cooperation."),
        ("十年成果丰硕。", "The Belt and Road has achieved much in ten years."),
    )
    assert findings == []


def test_the_builtin_terms_raise_no_alarm_on_the_seed() -> None:
    source = Document(
        str(SEED / "source.zh.txt"), (SEED / "source.zh.txt").read_text("utf-8"), "zh"
    )
    target = Document(
        str(SEED / "release.en.txt"), (SEED / "release.en.txt").read_text("utf-8"), "en"
    )
    options = ReviewOptions(date=dt.date(2023, 11, 10), checks=("term.glossary",))
    report = review(source, target, load_glossary(), options)
    assert report.findings == ()


def test_the_builtin_terms_accept_common_official_renderings() -> None:
    glossary = load_glossary()
    pairs = [
        ("粤港澳大湾区建设", "the development of the Greater Bay Area"),
        ("全国两会召开", "China's National Two Sessions are held"),
        ("共建“一带一路”倡议", "the Belt and Road Initiative (BRI)"),
    ]
    assert check(glossary, *pairs) == []
    findings = check(glossary, ("共建“一带一路”倡议", "the One Belt One Road initiative"))
    assert summary(findings) == [
        ("major", "一带一路", "One Belt One Road", "Belt and Road Initiative")
    ]


@pytest.mark.parametrize(
    ("en", "reported"),
    [
        ("The KMT welcomes Green Camp visits to the mainland.", True),
        ("The KMT welcomes visits by the pan-green camp.", False),
        ("The KMT welcomes visits by green camp figures.", False),
    ],
)
def test_the_built_in_glossary_knows_taiwans_camps(en: str, reported: bool) -> None:
    from tests.pairs import review_pairs

    findings = review_pairs(("term.glossary",), ("国民党欢迎绿营人士访问大陆。", en))
    assert bool(findings) is reported
