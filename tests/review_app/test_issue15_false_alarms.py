"""False alarms of the kinds seen on real human translations, fixed at their root (issue 15;
examples of our own)."""

from __future__ import annotations

import pytest

from review_app.checks.base import all_checks
from tests.pairs import review_pairs

EVERY_CHECK = tuple(all_checks())


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # A standard abbreviation of a country is that country (CC-CEDICT files 阿联酋 and
        # 阿拉伯联合酋长国 apart; both are the United Arab Emirates).
        ("阿联酋和沙特阿拉伯签署了协议。", "The UAE and Saudi Arabia signed an agreement."),
        ("东盟和欧盟举行会谈。", "ASEAN and the EU held talks."),
        # A region written by its own name needs none of the places its abbreviation holds,
        # and made explicit, its places are no additions.
        ("粤港澳大湾区建设加快推进。", "Building the Greater Bay Area is speeding up."),
        (
            "粤港澳大湾区建设加快推进。",
            "Building the Guangdong-Hong Kong-Macao Greater Bay Area is speeding up.",
        ),
        # 丨 between a headline's parts is a vertical bar, not Chinese left untranslated.
        ("新华网丨李强会见外宾", "Xinhuanet 丨 Li Qiang meets foreign guests"),
    ],
)
def test_no_finding(zh: str, en: str) -> None:
    assert [(f.check, f.message) for f in review_pairs(EVERY_CHECK, (zh, en))] == []


def test_the_places_of_a_region_left_unnamed_are_still_missing() -> None:
    findings = review_pairs(
        ("entity.missing",), ("粤港澳大湾区建设加快推进。", "Building is speeding up.")
    )
    assert {f.suggestion for f in findings} == {"Guangdong", "Hong Kong", "Macao"}


def test_chinese_beside_the_bar_is_still_untranslated() -> None:
    findings = review_pairs(
        ("untranslated",), ("新华网丨李强会见外宾", "Xinhuanet 丨会见 foreign guests")
    )
    assert [f.target_span.text for f in findings if f.target_span] == ["丨会见"]
