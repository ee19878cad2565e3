"""country.abbreviation: a one-character country abbreviation in a run, rendered as another
country it can stand for, when the document says which one it is."""

from __future__ import annotations

from tests.pairs import review_pairs


def check(*pairs: tuple[str, str]) -> list[tuple[int, str, str]]:
    return [
        (f.segment, f.source_span.text, f.target_span.text)
        for f in review_pairs(("country.abbreviation",), *pairs)
        if f.source_span and f.target_span
    ]


NEW_ZEALAND = (
    "新西兰总理本周访问堪培拉。",
    "The New Zealand prime minister visits Canberra this week.",
)


def test_the_document_says_which_country_and_the_translation_writes_another() -> None:
    run = ("澳新两国签署了贸易协定。", "Australia and Singapore signed a trade agreement.")
    assert check(NEW_ZEALAND, run) == [(1, "新", "Singapore")]


def test_the_reading_the_document_names_is_right() -> None:
    run = ("澳新两国签署了贸易协定。", "Australia and New Zealand signed a trade agreement.")
    assert check(NEW_ZEALAND, run) == []


def test_without_a_clue_in_the_document_no_reading_is_wrong() -> None:
    run = ("越新两国签署了贸易协定。", "Vietnam and New Zealand signed a trade agreement.")
    assert check(run) == []


def test_with_both_countries_named_the_document_does_not_say_which() -> None:
    singapore = ("新加坡总理也出席了会议。", "The Prime Minister of Singapore also attended.")
    run = ("澳新两国签署了贸易协定。", "Australia and Singapore signed a trade agreement.")
    assert check(NEW_ZEALAND, singapore, run) == []


def test_a_country_the_segment_names_in_full_is_not_a_misreading() -> None:
    run = (
        "澳新两国和新加坡签署了贸易协定。",
        "Australia, New Zealand and Singapore signed a trade agreement.",
    )
    assert check(NEW_ZEALAND, run) == []


def dropped(*pairs: tuple[str, str]) -> list[tuple[int, str, str | None]]:
    """The findings without a target span: a country of a run the translation leaves out."""
    findings = review_pairs(("country.abbreviation",), *pairs)
    return [
        (f.segment, f.source_span.text, f.suggestion)
        for f in findings
        if f.source_span and not f.target_span
    ]


BRUNEI = (
    "越南领导人抵达文莱首都斯里巴加湾市。",
    "Vietnam's leaders arrived in the Bruneian capital.",
)


def test_a_pair_that_is_also_a_word_reads_as_countries_beside_their_full_names() -> None:
    # 越文 is the Vietnamese language in CC-CEDICT; beside 越南 and 文莱, before a relation, it
    # is Vietnam–Brunei, and the translation that writes Vietnam twice drops Brunei.
    run = (
        "双方同意深化越文全面伙伴关系。",
        "Both agreed to deepen the Vietnam-Vietnam partnership.",
    )
    assert dropped(BRUNEI, run) == [(1, "文", "Brunei")]
    right = (
        "双方同意深化越文全面伙伴关系。",
        "Both agreed to deepen the Vietnam-Brunei partnership.",
    )
    assert dropped(BRUNEI, right) == []
    # Without the full names the word stays a language.
    assert dropped(run) == []


def test_a_country_of_a_run_written_in_another_form_is_there() -> None:
    japan = ("日本首相访问中国。", "The Japanese prime minister visited China.")
    for english in ("Sino-Japanese relations improved.", "China-Japan relations improved."):
        assert dropped(japan, ("中日关系有所改善。", english)) == []
    turkey = ("土耳其和叙利亚发生强烈地震。", "A strong quake hit Turkey and Syria.")
    assert dropped(turkey, ("土叙两国救援持续。", "Turkish and Syrian rescues go on.")) == []
    # Neither country written: rendered some other way ("the two countries"), left alone.
    assert dropped(turkey, ("土叙两国救援持续。", "Rescues in the two countries go on.")) == []


def test_a_run_written_in_pinyin_is_reported() -> None:
    segment = ("土叙地震救援持续。", "The Tuxu earthquake rescue goes on.")
    assert check(segment) == [(0, "土叙", "Tuxu")]
    right = ("土叙地震救援持续。", "The Turkey-Syria earthquake rescue goes on.")
    assert check(right) == []
    # A pair that is not two countries (亚 is Asia): a shop's name, 美亚 (Amazon US).
    assert check(("在美亚买了一本书。", "I bought a book on Meiya.")) == []
