"""The entity checks on small aligned pairs that must and must not fire."""

from __future__ import annotations

import datetime as dt

import pytest

from glossary.load import load_glossary
from review_app.checks.base import all_checks
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import analyze, run_checks, select_checks

GLOSSARY = load_glossary()
RELEASE_DATE = dt.date(2023, 11, 10)


def check(
    pairs: list[tuple[str, str]] | tuple[str, str], *, date: dt.date | None = RELEASE_DATE
) -> list[Finding]:
    if isinstance(pairs, tuple):
        pairs = [pairs]
    segments = [Segment(i, zh, en, (i,), (i,), 0.9) for i, (zh, en) in enumerate(pairs)]
    return run_checks(analyze(segments, GLOSSARY, date), select_checks(None))


def summary(findings: list[Finding]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            f.check,
            f.source_span.text if f.source_span else None,
            f.target_span.text if f.target_span else None,
            f.suggestion,
        )
        for f in findings
    ]


def test_registry_has_the_entity_checks_with_docs() -> None:
    checks = all_checks()
    for check_id in (
        "entity.false_friend",
        "entity.mismatch",
        "entity.missing",
        "entity.extra",
        "entity.role",
    ):
        assert check_id in checks
        assert checks[check_id].description()
        assert checks[check_id].mqm.startswith("accuracy/")


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (
            ("推动粤吉合作迈上新台阶", "promote Guangdong-Kyrgyzstan cooperation to a new level"),
            [("entity.false_friend", "粤吉", "Guangdong-Kyrgyzstan", "Guangdong-Jilin")],
        ),
        (
            ("打造吉粤合作升级版", "an upgraded version of Kyrgyzstan-Guangdong cooperation"),
            [("entity.false_friend", "吉粤", "Kyrgyzstan-Guangdong", "Jilin-Guangdong")],
        ),
        (
            ("粤港澳大湾区", "the Guangdong-Hong Kong-Australia Greater Bay Area"),
            [
                (
                    "entity.false_friend",
                    "粤港澳",
                    "Guangdong-Hong Kong-Australia",
                    "Guangdong-Hong Kong-Macao",
                )
            ],
        ),
        (
            ("陕西省西安市", "Xi'an, Shanxi Province"),
            [("entity.false_friend", "陕西省", "Shanxi Province", "Shaanxi")],
        ),
        (
            ("宁夏回族自治区", "the Nanjing Hui Autonomous Region"),
            [("entity.false_friend", "宁夏回族自治区", "Nanjing", "Ningxia")],
        ),
    ],
)
def test_false_friends(pair: tuple[str, str], expected: list[tuple[str, ...]]) -> None:
    assert summary(check(pair)) == expected


@pytest.mark.parametrize(
    "pair",
    [
        ("推动粤吉合作迈上新台阶", "promote Guangdong-Jilin cooperation to a new level"),
        ("中吉合作", "China-Kyrgyzstan cooperation"),
        ("中澳关系", "China-Australia relations"),
        ("沪宁高速", "the Shanghai-Nanjing Expressway"),
        ("吉尔吉斯斯坦与吉林", "Kyrgyzstan and Jilin"),
        ("粤港澳大湾区", "the Guangdong-Hong Kong-Macau Greater Bay Area"),
        ("全国各地", "across China"),
    ],
)
def test_correct_renderings_raise_nothing(pair: tuple[str, str]) -> None:
    assert check(pair) == []


def test_mismatch_missing_and_extra() -> None:
    assert summary(check(("湖南省长沙市", "Changsha, Henan Province"))) == [
        ("entity.mismatch", "湖南省", "Henan Province", "Hunan Province")
    ]
    assert summary(check(("吉林省委书记景俊海出席", "Party Secretary Jing Junhai attended"))) == [
        ("entity.missing", "吉林省", None, "Jilin")
    ]
    assert summary(check(("会议在广州召开", "The meeting was held in Guangzhou, Guangdong"))) == [
        ("entity.extra", None, "Guangdong", None)
    ]


@pytest.mark.parametrize(
    "pair",
    [
        ("近日台海局势紧张", "Tensions in the Taiwan Strait have risen recently"),
        ("不法分子假冒本澳电讯公司", "criminals posed as a Macao telecom company"),
    ],
)
def test_an_abbreviation_inside_a_word_still_accounts_for_its_rendering(
    pair: tuple[str, str],
) -> None:
    assert check(pair) == []


def test_a_place_rendered_in_the_next_segment_is_not_missing() -> None:
    pairs = [
        ("吉林省委书记景俊海出席会议。", "Party Secretary Jing Junhai"),
        ("他讲了话。", "of Jilin attended and spoke."),
    ]
    assert check(pairs) == []


def test_severities() -> None:
    severities = {c: all_checks()[c].severity for c in all_checks()}
    assert severities["entity.false_friend"] == "critical"
    assert severities["entity.missing"] == "major"
    assert severities["entity.extra"] == "minor"


WANG_ZH = "广东省委副书记、省长王伟中出席会议"


def test_role_contradicting_source_and_glossary() -> None:
    findings = check((WANG_ZH, "Wang Weizhong, Governor of Jilin Province, attended the meeting"))
    assert summary(findings) == [
        (
            "entity.role",
            "广东省委副书记、省长",
            "Governor of Jilin Province",
            "Governor of Guangdong Province",
        )
    ]
    assert findings[0].severity == "critical"
    assert "the glossary on 2023-11-10" in findings[0].message


def test_role_checked_against_the_glossary_alone() -> None:
    findings = check(("王伟中出席会议", "Governor of Jilin Wang Weizhong attended the meeting"))
    assert summary(findings) == [
        ("entity.role", None, "Governor of Jilin", "Governor of Guangdong")
    ]


def test_correct_roles_raise_nothing() -> None:
    assert check((WANG_ZH, "Wang Weizhong, Governor of Guangdong Province, attended")) == []
    assert (
        check(
            (
                "吉林省委书记景俊海出席",
                "Jilin Provincial Party Committee Secretary Jing Junhai attended",
            )
        )
        == []
    )


def test_role_uses_the_document_date() -> None:
    # On 2026-01-01 Wang Weizhong no longer governs Guangdong: a translation calling him so,
    # when the source says nothing, is flagged against the glossary.
    later = check(
        ("王伟中出席会议", "Governor of Guangdong Wang Weizhong attended"), date=dt.date(2026, 1, 1)
    )
    assert [f.check for f in later] == ["entity.role"]
    assert check(("王伟中出席会议", "Governor of Guangdong Wang Weizhong attended")) == []


def test_role_without_a_date_is_an_info_note() -> None:
    findings = check(("王伟中出席会议", "Governor of Jilin Wang Weizhong attended"), date=None)
    # Undated, the title cannot be judged; "Jilin" stays what it is: an addition.
    assert [(f.check, f.severity) for f in findings] == [
        ("entity.extra", "minor"),
        ("entity.role", "info"),
    ]
    assert "no date" in findings[1].message


def test_officials_beyond_the_glossary_are_checked_against_the_source() -> None:
    # Neither official is in the glossary: found by title, then by pinyin in the English.
    findings = check(
        (
            "湖南省委书记张庆伟主持会议，湖北省委副书记、省长王晓东出席。",
            "Zhang Qingwei, Secretary of the Hunan Provincial Party Committee, presided; "
            "Wang Xiaodong, Governor of Hunan Province, attended.",
        )
    )
    assert summary(findings) == [
        (
            "entity.role",
            "湖北省委副书记、省长",
            "Governor of Hunan Province",
            "Governor of Hubei Province",
        )
    ]
    assert findings[0].glossary_id is None
    assert "Wang Xiaodong is called Governor of Hunan" in findings[0].message


def test_a_title_followed_by_a_word_is_not_a_name() -> None:
    assert check(("省长办公会议在长沙召开", "The governor's office meeting was held")) == []


def test_an_abbreviation_inside_a_word_rendered_as_its_false_friend() -> None:
    pairs = [
        ("吉林省代表团访问广东。", "A delegation from Jilin Province visited Guangdong."),
        ("欢迎更多粤企来吉投资。", "More Guangdong firms are welcome to invest in Kyrgyzstan."),
    ]
    assert summary(check(pairs)) == [("entity.false_friend", "吉", "Kyrgyzstan", "Jilin")]


def test_a_release_about_kyrgyzstan_keeps_its_kyrgyz_side() -> None:
    pairs = [
        ("中吉两国签署协议。", "China and Kyrgyzstan signed an agreement."),
        ("吉方表示欢迎。", "The Kyrgyz side welcomed it."),
    ]
    assert check(pairs) == []


def test_a_document_naming_the_country_leaves_the_abbreviation_open() -> None:
    pairs = [
        ("新加坡代表团访问广东。", "A delegation from Singapore visited Guangdong."),
        ("双方表示将深化粤新合作。", "Both sides will deepen Guangdong-Singapore cooperation."),
    ]
    assert check(pairs) == []
    # Without 新加坡 in the document, 粤新 is Guangdong-Xinjiang.
    assert [f.check for f in check(pairs[1])] == ["entity.false_friend"]


def test_a_person_left_out_where_first_named_is_missing() -> None:
    first = ("习近平给医疗队队员回信。", "wrote back to the medical team.")
    assert summary(check(first)) == [("entity.missing", "习近平", None, "Xi Jinping")]


@pytest.mark.parametrize(
    "pairs",
    [
        # Named, then "he": English names a person once and then uses a pronoun.
        [
            ("习近平给医疗队队员回信。", "Xi Jinping wrote back to the medical team."),
            ("习近平在回信中说，你们辛苦了。", "In the letter, he said they had worked hard."),
        ],
        # Any word of the name names the person.
        [("习近平主席给医疗队队员回信。", "President Xi wrote back to the medical team.")],
    ],
)
def test_a_person_named_before_or_by_surname_is_not_missing(
    pairs: list[tuple[str, str]],
) -> None:
    assert [f for f in check(pairs) if f.check == "entity.missing"] == []
