"""The number check (number.mismatch): changed figures fire with exact spans; the same figure
written another way (Chinese numerals, 万/亿, words, ranges, dates) does not."""

from __future__ import annotations

import pytest

import review_app.checks.numbers  # noqa: F401  (registers number.mismatch)
from glossary.load import load_glossary
from glossary.model import Glossary
from review_app.checks.base import REGISTRY
from review_app.document import Segment
from review_app.findings import Finding, Severity
from review_app.normalize import chinese_number, chinese_quantities, english_quantities
from review_app.pipeline import analyze, run_checks, select_checks


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def check(glossary: Glossary, zh: str, en: str) -> list[Finding]:
    segments = [Segment(0, zh, en, (0,), (0,), 0.9)]
    return run_checks(analyze(segments, glossary, None), select_checks(["number.mismatch"]))


def summary(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            str(f.severity),
            f.source_span.text if f.source_span else None,
            f.target_span.text if f.target_span else None,
        )
        for f in findings
    ]


def test_the_check_is_registered_with_its_documentation() -> None:
    check_class = REGISTRY["number.mismatch"]
    assert check_class.mqm == "accuracy/mistranslation"
    assert check_class.severity == Severity.MAJOR
    assert check_class.description().startswith("A figure, percentage, year or date")


@pytest.mark.parametrize(
    ("text", "value"),
    [("三千五百", 3500), ("1.2亿", 1.2e8), ("3.5万", 35000), ("二〇二三", 2023), ("一万二", 12000)],
)
def test_chinese_numerals_are_read(text: str, value: float) -> None:
    assert chinese_number(text) == value


_WITHOUT_CN2AN = [*"〇零一二两三四五六七八九十", "05", "0.50", "1200", "1,200", "3.5"]


@pytest.mark.parametrize("text", _WITHOUT_CN2AN)
def test_numerals_read_without_cn2an_have_its_value(text: str) -> None:
    """One digit character and Arabic figures are read without importing cn2an: the same
    value as cn2an's."""
    import cn2an  # type: ignore[import-untyped]

    assert chinese_number(text) == float(cn2an.cn2an(text.replace(",", ""), "smart"))


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("共有三千五百人参加。", "A total of 3,500 people took part."),
        ("投资1.2亿元。", "An investment of 120 million yuan."),
        ("投资12亿元。", "An investment of 1.2 billion yuan."),
        ("约3.5万人", "about 35,000 people"),
        ("约3.46万人", "about 35,000 people"),  # rounded
        ("损害双方关系", "damage relations between the two sides"),
        ("两三天就到", "it arrives in two or three days"),
        ("10月16号到，结果21号才收到", "due October 16, came October 21"),
        ("一百年来", "for a hundred years"),
        ("是那些三四百的机械表不能比的", "unlike those three or four hundred watches"),
        # 2000日元 is a sum of yen, no year and no day.
        ("选择2，最后补偿了我2000日元", "Option 2, and they gave me 2,000 yen"),
        # 第二天 is "the next day"; a clock's "00" is no count.
        ("第二天一早6点多叫我", "called me the next morning at 6:00 am"),
        ("占四分之三", "three quarters of it"),
        ("第三轮谈判", "the third round of talks"),
        ("两岸关系", "cross-strait relations"),
        ("平均值为12.345", "an average of 12.35"),  # a half rounded up
        ("1.23亿", "123 million"),
        ("增长百分之五", "up 5 percent"),
        ("增长5%", "up 5 per cent"),
        ("增长3个百分点", "up 3 percentage points"),
        ("二〇二三年", "in 2023"),
        ("2023年11月9日（星期四）", "on Thursday, November 9, 2023"),
        ("11月9日", "on 9 November"),
        ("12个月", "a dozen months"),
        ("第十二届", "the twelfth session"),
        ("127万到250万人", "between 1.27 and 2.5 million people"),
        ("400万至600万人次", "4 to 6 million visitors"),
        ("75万7千人", "757,000 people"),
        ("500余万", "more than 5 million"),
        ("震源深度13千米", "at a depth of 13 kilometers"),
        ("G20峰会和5G网络", "the 20-member summit and fifth-generation networks"),
        ("新冠病毒（COVID-19）", "the novel coronavirus"),
        ("249,289,299都有", "249, 289 and 299 were all there"),
        ("1月至9月，收入89.6亿新元", "From January to September, revenue was 8.96 billion"),
        ("三成", "30%"),
        ("支持率为33.6%", "an approval rating of 34%"),  # a share rounded to its unit
        ("防水深度30米", "waterproof to 30m"),  # a unit written against the figure
        ("额定电流500mA", "rated at 500mA"),
        ("融资500万美元", "raised $5m"),  # "$5m" is money's million, not metres
        # Counts written as words, approximate counts, decades.
        ("处理分四个步骤", "processing takes four steps"),
        ("寄到福州要四五天", "it takes four or five days to reach Fuzhou"),
        ("三五天就到", "it arrives in three to five days"),
        ("三五天就到", "it arrives in 3-5 days"),
        ("来了两三个人", "two or three people came"),
        ("十多个国家参加", "more than a dozen countries took part"),
        ("几十个人", "dozens of people"),
        ("上百人到场", "hundreds of people came"),
        ("一两年也不会差几秒", "it won't lag by a few seconds in a year or two"),
        ("执政二十年以来", "in his two decades in power"),
        ("长按约1秒释放", "long press for one second to release"),
        ("长按约1秒(白灯亮1秒)", "hold for a second (the light stays on for 1 second)"),
        ("用了半年，差不多1个多星期一冲", "used for six months, flushed every 1 week or so"),
        ("27号下单，12号收到货", "ordered on the 27th, received on the 12th"),
        # A measurement converted to another unit, rounded.
        ("塔高30米", "the tower is 98 feet tall"),
        ("全长5公里", "it is 3.1 miles long"),
        ("重50公斤", "it weighs 110 pounds"),
        ("气温35摄氏度", "95 degrees Fahrenheit"),
        ("占地100亩", "it covers 16.5 acres"),
        ("三部门发布通知，在36个城市启动", "the plan starts in 36 cities, 19.54 billion yuan"),
    ],
)
def test_the_same_figure_written_another_way_is_accepted(
    glossary: Glossary, zh: str, en: str
) -> None:
    assert check(glossary, zh, en) == []


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("约3.5万人", "about 53,000 people", ("major", "3.5万", "53,000")),
        ("增长百分之五", "up 15%", ("critical", "百分之五", "15%")),
        ("11月9日举行", "held on November 19", ("major", "11月9日", "November 19")),
        ("2023年", "in 2022", ("major", "2023年", "2022")),
        ("530万人", "530 million people", ("major", "530万", "530 million")),
        ("投资1.2亿元", "an investment of 1.2 billion yuan", ("critical", "1.2亿", "1.2 billion")),
        # A share ten times too large is no rounding of it.
        ("占比不到10%", "less than 100% of it", ("critical", "10%", "100%")),
        ("包装减少66%", "packaging cut by 660%", ("critical", "66%", "660%")),
        # A figure with its unit against it is a figure, not a code.
        ("防水深度30米", "waterproof to 300m", ("major", "30", "300")),
        ("全长725公里的通道", "a 752km passage", ("major", "725", "752")),
        # A year's digits reordered is no longer a year, but still that year changed.
        ("早在2012年", "as early as 2102", ("major", "2012年", "2102")),
        # A figure of the translation that is another source figure exactly is not a rounding
        # of this one (30 is 30余, not 26 rounded).
        (
            "搭建了26顶帐篷，备有30余套装备",
            "set up 62 tents with over 30 sets",
            ("major", "26", "62"),
        ),
        # The end of a short range is a figure, not a group of a code.
        ("已经使用了3-4次", "used 3-40 times", ("major", "4", "40")),
        # Figures of one value pair off one to one: the second 5% is not said.
        ("营收增长5%，利润增长5%", "revenue rose 5% and profit 6%", ("critical", "5%", "6%")),
        # A count the source gives in characters, written as another count in words.
        ("处理分四个步骤", "processing takes five steps", ("major", "四", "five")),
        ("在两年内翻了一番", "doubled within three years", ("major", "两", "three")),
        # Counts with their measure words, and an ordinal past the first.
        ("公司推出了三款新产品", "the company launched four new products", ("major", "三", "four")),
        ("提出了三点建议", "made four suggestions", ("major", "三", "four")),
        ("四大发明", "the five great inventions", ("major", "四", "five")),
        ("第三轮谈判", "the fourth round of talks", ("major", "三", "fourth")),
        ("第三轮谈判", "the 4th round of talks", ("major", "三", "4")),
        # "one or two" is a few: it says no 两, and a range of words is compared end to end.
        (
            "忽见两个人抬了一张炕桌来，不过略动了几样。",
            "then three women came in with a table, only one or two dishes touched.",
            ("major", "两", "three"),
        ),
        ("两三天就到", "it arrives in three or four days", ("major", "两三", "three or four")),
        # A date with spaces, and an English date for a day the source gives alone.
        ("3 月 31 号推送的书", "the book pushed on March 13", ("major", "3 月 31 号", "March 13")),
        (
            "10月16号到，结果21号才收到",
            "due October 16, came October 12",
            ("major", "21", "October 12"),
        ),
        # A count in words is no weekday, month or list number of the source.
        (
            "拜登政府本周五（2月10日）将6个中国实体列入黑名单",
            "on Friday (February 10) the Biden administration blacklisted five Chinese entities",
            ("major", "6", "five"),
        ),
        (
            "评价两国在于2014年4月签署的备忘录",
            "praised the memorandum the four countries signed in April 2014",
            ("major", "两", "four"),
        ),
        # Past twenty, a figure in words that a numeral says.
        ("二百人参加", "three hundred people took part", ("major", "二百", "three hundred")),
        ("二十二个人", "twenty-three people", ("major", "二十二", "twenty-three")),
        # A count up to twenty in words; 俩 and 仨 are two and three.
        ("为期12个月", "for a period of thirteen months", ("major", "12", "thirteen")),
        ("他们俩都来了", "all three of them came", ("major", "俩", "three")),
        # 两 is two before any noun, and 双方 are two sides.
        ("看电影用的两声道", "the three-channel sound of a film", ("major", "两", "three")),
        ("损害双方关系", "damage relations between the three sides", ("major", "双", "three")),
        # A conversion that is ten times off is no conversion.
        ("塔高30米", "the tower is 980 feet tall", ("major", "30", "980")),
        # A version number and the end of a range, ten times too large.
        ("升级到Windows 11系统", "upgrade to Windows 110", ("major", "11", "110")),
        ("13至15岁的青少年", "teenagers between 13 to 150 years old", ("major", "15", "150")),
        # The end of a range may have a digit more than its start.
        ("《2023-2027年阶段行动计划》", "a plan for 2023-20270", ("major", "2027年", "20270")),
        ("2020年", "in 2019", ("major", "2020年", "2019")),
        # A source figure said once right and once ten times over.
        (
            "增长率为5%，创历史新高。",
            "Growth was 5%, a record: 50% growth is new.",
            ("critical", "5%", "50%"),
        ),
        # A small whole number is said as it is: 11 is not "about 10", nor 20 "19".
        ("在过去10年中", "over the past eleven years", ("major", "10", "eleven")),
        (
            "贯彻中共二十大精神",
            "implement the spirit of the 19th Party Congress",
            ("major", "二十", "19"),
        ),
        # "This or that" read as the number its digits spell.
        ("三五天就到", "it arrives in 35 days", ("major", "三五", "35")),
        # A day without its month (12号) or a count of days (15日内), said by an English day.
        (
            "27号下单，12号收到货",
            "ordered on the 27th, received on the 21th",
            ("major", "12", "21"),
        ),
        ("签收次日起8日-15日内", "within 8-51 days of receipt", ("major", "15", "51")),
        ("签收次日起8日-15日内", "within 80-15 days of receipt", ("major", "8", "80")),
        # Digits pair with digits first: the list's "3." is not the "three" of the days.
        ("3. 这两天反复尝试", "3. I tried over the past three days", ("major", "两", "three")),
        ("而1960年这一比例为34%", "up from 34% in 9160", ("major", "1960年", "9160")),
        # A digit repeated after the point is no rounding (3.5 is no rounding of 3.55).
        ("3.5mm耳机接口", "a 3.55mm headphone jack", ("major", "3.5", "3.55")),
        # Two digits swapped are no rounding, however close the value (0.05% here).
        ("信息见GB/T 36475", "see GB/T 36457", ("major", "36475", "36457")),
        ("与GB 18030一2005相比", "compared with GB 18003-2005", ("major", "18030", "18003")),
    ],
)
def test_a_changed_figure_fires_on_the_translation(
    glossary: Glossary, zh: str, en: str, expected: tuple[str, str, str]
) -> None:
    findings = check(glossary, zh, en)
    assert summary(findings) == [expected]
    span = findings[0].target_span
    assert span is not None and en[span.start : span.end] == expected[2]


def test_a_scale_slip_is_paired_with_its_own_source_figure(glossary: Glossary) -> None:
    findings = check(glossary, "从138亿到18.9亿", "from 13.8 billion to 189 billion")
    assert summary(findings) == [("major", "18.9亿", "189 billion")]


def test_an_omitted_or_added_figure_is_not_this_checks_business(glossary: Glossary) -> None:
    assert check(glossary, "共有3500人参加。", "Many people took part.") == []
    assert check(glossary, "很多人参加。", "3,500 people took part.") == []
    assert check(glossary, "3500人", "") == []


def test_loose_figures_only_explain() -> None:
    assert [q.firm for q in chinese_quantities("一些人十分高兴")] == [False, False]
    assert [q.firm for q in english_quantities("1. One of twelve G20 members")] == [
        False,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("zh", "low", "high"),
    [
        ("票价大约两万三四千元", 23_000, 24_000),
        ("到场的有五六百人", 500, 600),
        ("孩子们十二三岁", 12, 13),
        ("投资七八十亿元", 7e9, 8e9),
    ],
)
def test_an_approximate_figure_is_a_range(zh: str, low: float, high: float) -> None:
    (quantity,) = chinese_quantities(zh)
    assert (quantity.value, quantity.upper, quantity.firm) == (low, high, True)


@pytest.mark.parametrize("zh", ["一二三", "一三千", "第一二名"])
def test_digits_that_do_not_follow_each_other_make_no_range(zh: str) -> None:
    assert all(quantity.upper is None for quantity in chinese_quantities(zh))


@pytest.mark.parametrize(
    "en",
    [
        "The fare is about 23,000 to 24,000 yuan.",
        "The fare is about 23,500 yuan.",
        "The fare is twenty-three or twenty-four thousand yuan, 24,000 at most.",
    ],
)
def test_a_figure_inside_the_range_says_the_same(glossary: Glossary, en: str) -> None:
    assert check(glossary, "票价大约两万三四千元。", en) == []


def test_a_figure_inside_the_range_that_is_neither_end_nor_middle_is_a_misreading(
    glossary: Glossary,
) -> None:
    findings = check(glossary, "票价大约两万三四千元。", "The fare is about 23,400 yuan.")
    assert summary(findings) == [("critical", "两万三四千", "23,400")]


def test_a_range_whose_high_end_is_read_as_a_digit_is_a_changed_sum(glossary: Glossary) -> None:
    findings = check(glossary, "票价大约两万三四千元。", "The fare is 23,000 to 4,000 yuan.")
    assert summary(findings) == [("critical", "两万三四千", "4,000")]


def test_the_digits_of_a_range_read_as_one_figure_are_a_changed_sum(glossary: Glossary) -> None:
    findings = check(glossary, "票价大约两万三四千元。", "The fare is about 234,000 yuan.")
    assert summary(findings) == [("critical", "两万三四千", "234,000")]
    assert "23,000–24,000 in the source" in findings[0].message
