"""number.code: codes, model and standard numbers compared verbatim (examples of our own)."""

from __future__ import annotations

import pytest

from review_app.checks.codes import codes
from tests.pairs import review_pairs


def check(zh: str, en: str) -> list[tuple[str, str | None]]:
    return [
        (f.target_span.text if f.target_span else "", f.suggestion)
        for f in review_pairs(("number.code",), (zh, en))
    ]


def test_codes_are_more_than_figures() -> None:
    found = [
        code
        for _, _, code in codes(
            "型号XR2050，符合GB/T 19001标准，尺寸12x30x45mm，重2.5kg，2023-2027年"
        )
    ]
    assert found == ["XR2050", "GB/T 19001", "12x30x45mm"]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("新款XR2050路由器", "the new XR2500 router", ("XR2500", "XR2050")),
        ("F-35C战机", "the F-355C fighter", ("F-355C", "F-35C")),
        ("3XL的腰围", "the waist of a 30XL", ("30XL", "3XL")),  # XL is no unit: a size code
        # A standard with its year, the dash scanned as 一.
        (
            "符合GB 18030 一 2005的要求",
            "meets GB 18003-2005",
            ("GB 18003-2005", "GB 18030 一 2005"),
        ),
        ("符合GB/T 19001标准", "meets GB/T 19010", ("GB/T 19010", "GB/T 19001")),
        # One to one: the same standard twice in the source, once changed in the English.
        (
            "本文件代替GB 18030 一 2005，与GB 18030 一 2005相比",
            "This replaces GB 18030-2050; compared with GB 18030-2005",
            ("GB 18030-2050", "GB 18030 一 2005"),
        ),
        # Each code of a range joined by a dash is a code; a point before letters ends one.
        (
            "码位分为 0x8140~ 一 0xFE7E 两部分",
            "code points in 0x8410-0xFE7E",
            ("0x8410", "0x8140"),
        ),
        ("字符 0x8439FE39 止", "up to 0x84399FE39.gly", ("0x84399FE39", "0x8439FE39")),
        ("尺寸12x30x45mm", "size 12x30x54mm", ("12x30x54mm", "12x30x45mm")),
        (
            "客服电话021-64381122-800",
            "call 021-64831122-800",
            ("021-64831122-800", "021-64381122-800"),
        ),
    ],
)
def test_a_changed_code_is_reported(zh: str, en: str, expected: tuple[str, str]) -> None:
    assert check(zh, en) == [expected]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("新款XR2050路由器", "the new xr2050 router"),  # case aside
        ("码位分为 0x8140~ 一 0xFE7E 两部分", "code points in 0x8140-0xFE7E"),  # a range
        ("符合GB/T 19001标准", "meets GB/T19001"),  # spaces aside
        ("符合GB 18030 一 2005的要求", "meets GB 18030-2005"),  # the kind of dash aside
        ("G20峰会在北京举行", "The G20 summit was held in Beijing"),
        # Another code of another shape is not this one changed.
        ("新款XR2050路由器", "the new router (model AX-3000)"),
        # Figures and ranges are the number check's.
        ("2023-2027年行动计划", "the 2023-2028 action plan"),
    ],
)
def test_codes_copied_or_of_another_shape_are_left_alone(zh: str, en: str) -> None:
    assert check(zh, en) == []
