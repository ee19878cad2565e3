"""Entity matching in both languages, with the built-in glossary."""

from __future__ import annotations

import pytest

from glossary.load import load_glossary
from glossary.match import matcher_for
from glossary.roles import RoleReader

GLOSSARY = load_glossary()
MATCHER = matcher_for(GLOSSARY)


def zh(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in MATCHER.find_zh(text)]


def en(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in MATCHER.find_en(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动粤吉合作迈上新台阶", [("粤", "province.guangdong"), ("吉", "province.jilin")]),
        ("打造吉粤合作升级版", [("吉", "province.jilin"), ("粤", "province.guangdong")]),
        (
            "京津冀协同发展",
            [
                ("京", "municipality.beijing"),
                ("津", "municipality.tianjin"),
                ("冀", "province.hebei"),
            ],
        ),
        (
            "粤港澳大湾区",
            [("粤", "province.guangdong"), ("港", "sar.hong-kong"), ("澳", "sar.macao")],
        ),
        # Beside 中, an abbreviation is read as a country.
        ("中吉合作", [("中", "country.china"), ("吉", "country.kyrgyzstan")]),
        ("中澳关系", [("中", "country.china"), ("澳", "country.australia")]),
        # The glossary's compounds override the general rule.
        ("沪宁高速", [("沪", "municipality.shanghai"), ("宁", "city.nanjing")]),
        ("苏宁易购", []),
        # Ordinary words made of abbreviation characters are not places.
        ("新贵", []),
        ("青云直上", []),
        ("中新网报道", []),
        ("新青年", []),
        # Full and short names; a name must begin a word (洞庭湖|南岸 holds no 湖南).
        (
            "广东省委书记黄坤明",
            [("广东省", "province.guangdong"), ("黄坤明", "person.huang-kunming")],
        ),
        ("洞庭湖南岸", []),
        ("浙江西部", [("浙江", "province.zhejiang")]),
        (
            "内蒙古和蒙古国",
            [("内蒙古", "autonomous_region.inner-mongolia"), ("蒙古国", "country.mongolia")],
        ),
        # Beside other countries, 澳 is Australia; 台 stays Taiwan.
        (
            "日韩台澳乃至菲律宾",
            [
                ("日", "country.japan"),
                ("韩", "country.south-korea"),
                ("台", "province.taiwan"),
                ("澳", "country.australia"),
            ],
        ),
        ("中印边境", [("中", "country.china"), ("印", "country.india")]),
        # Names that hold abbreviation characters: a person, a company, a building, a news agency.
        ("王沪宁也亲自下指示", []),
        ("宁波云港服装总厂", []),
        ("保利扬子萃云台", []),
        ("中新财经记者", []),
        ("中新关系", [("中", "country.china"), ("新", "country.singapore")]),
        # A single abbreviation is not read (吉祥, 新闻).
        ("吉祥如意的新闻", []),
    ],
)
def test_chinese_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert zh(text) == expected


def test_abbreviations_share_their_run_as_group() -> None:
    first, second = MATCHER.find_zh("推动粤吉合作")
    assert (first.group_start, first.group_end) == (2, 4) == (second.group_start, second.group_end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guangdong-Kyrgyzstan cooperation",
            [("Guangdong", "province.guangdong"), ("Kyrgyzstan", "country.kyrgyzstan")],
        ),
        (
            "Inner Mongolia borders Mongolia",
            [
                ("Inner Mongolia", "autonomous_region.inner-mongolia"),
                ("Mongolia", "country.mongolia"),
            ],
        ),
        ("Shaanxi is not Shanxi", [("Shaanxi", "province.shaanxi"), ("Shanxi", "province.shanxi")]),
        ("Macau and Macao", [("Macau", "sar.macao"), ("Macao", "sar.macao")]),
        ("Jilin Province's governor", [("Jilin Province", "province.jilin")]),
        ("Jilinese? no: Hunanese", []),
        ("BEIJING, February 10 (Xinhua)", [("BEIJING", "municipality.beijing")]),
    ],
)
def test_english_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert en(text) == expected


def test_hyphenated_names_form_one_group() -> None:
    text = "promote Guangdong-Kyrgyzstan cooperation"
    matches = MATCHER.find_en(text)
    assert {text[m.group_start : m.group_end] for m in matches} == {"Guangdong-Kyrgyzstan"}


READER = RoleReader(GLOSSARY)


def roles_zh(text: str) -> list[tuple[str, str, str | None, str]]:
    claims = READER.read_zh(text, MATCHER.find_zh(text))
    return [(c.person, c.office, c.place, c.text) for c in claims]


def roles_en(text: str) -> list[tuple[str, str, str | None, str]]:
    claims = READER.read_en(text, MATCHER.find_en(text))
    return [(c.person, c.office, c.place, c.text) for c in claims]


def test_chinese_titles_inherit_their_place() -> None:
    assert roles_zh("广东省委副书记、省长王伟中，吉林省委副书记、省长胡玉亭出席会议") == [
        (
            "person.wang-weizhong",
            "office.deputy-party-secretary",
            "province.guangdong",
            "广东省委副书记",
        ),
        ("person.wang-weizhong", "office.governor", "province.guangdong", "广东省委副书记、省长"),
        ("person.hu-yuting", "office.deputy-party-secretary", "province.jilin", "吉林省委副书记"),
        ("person.hu-yuting", "office.governor", "province.jilin", "吉林省委副书记、省长"),
    ]
    # A vice office is not the office; a party's title does not belong to the place before it.
    assert roles_zh("吉林省副省长王伟中") == [
        ("person.wang-weizhong", "office.vice-governor", "province.jilin", "吉林省副省长")
    ]
    assert roles_zh("台湾中国国民党副主席黄坤明") == []
    assert roles_zh("国民党主席黄坤明") == [
        ("person.huang-kunming", "office.chairman", None, "国民党主席")
    ]
    assert roles_zh("省委书记黄坤明主持会议") == [
        ("person.huang-kunming", "office.party-secretary", None, "省委书记")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wang Weizhong, deputy secretary of the Provincial Party Committee and Governor of "
            "Jilin Province, and Hu Yuting, Governor of Jilin Province, attended.",
            [
                (
                    "person.wang-weizhong",
                    "office.deputy-party-secretary",
                    None,
                    "deputy secretary of the Provincial Party Committee",
                ),
                (
                    "person.wang-weizhong",
                    "office.governor",
                    "province.jilin",
                    "Governor of Jilin Province",
                ),
                (
                    "person.hu-yuting",
                    "office.governor",
                    "province.jilin",
                    "Governor of Jilin Province",
                ),
            ],
        ),
        (
            "Jilin Provincial Party Committee Secretary Jing Junhai attended the meeting.",
            [
                (
                    "person.jing-junhai",
                    "office.party-secretary",
                    "province.jilin",
                    "Jilin Provincial Party Committee Secretary",
                )
            ],
        ),
        (
            "the important instructions of General Secretary Xi Jinping.",
            [("person.xi-jinping", "office.general-secretary", None, "General Secretary")],
        ),
        ("Huang Kunming welcomed the delegation from Jilin, Guangdong's partner.", []),
        ("Huang Kunming, Vice Chairman of the party from Jilin, spoke.", []),
        (
            "Wang Weizhong, Vice Governor of Jilin, spoke.",
            [
                (
                    "person.wang-weizhong",
                    "office.vice-governor",
                    "province.jilin",
                    "Vice Governor of Jilin",
                )
            ],
        ),
    ],
)
def test_english_titles(text: str, expected: list[tuple[str, str, str | None, str]]) -> None:
    assert roles_en(text) == expected
