"""Glossary validation: every mistake an editor can make is reported as path:line: message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.load import load_glossary

VALID = """\
places:
  - id: province.jilin
    kind: province
    zh: 吉林省
    short: [吉林]
    abbr: [吉]
    en: Jilin
  - id: country.kyrgyzstan
    kind: country
    zh: 吉尔吉斯斯坦
    abbr: [吉]
    en: Kyrgyzstan
false_friends:
  - id: ff.ji-kyrgyzstan
    zh: 吉
    entity: province.jilin
    mistaken_for: country.kyrgyzstan
offices:
  - id: office.governor
    zh: [省长]
    en: [Governor]
persons:
  - id: person.hu-yuting
    zh: 胡玉亭
    en: Hu Yuting
    roles:
      - office: office.governor
        org: province.jilin
        from: 2022-11-09
"""


def write(tmp_path: Path, text: str, name: str = "glossary.yaml") -> Path:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_valid_folder_loads(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, VALID))
    assert set(glossary.places) == {"province.jilin", "country.kyrgyzstan"}
    assert glossary.mistaken_for("province.jilin")["country.kyrgyzstan"].id == "ff.ji-kyrgyzstan"
    assert glossary.persons["person.hu-yuting"].roles[0].start.isoformat() == "2022-11-09"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("    abbr: [吉]\n    en: Jilin", "    abrr: [吉]\n    en: Jilin", 6, "unknown key 'abrr'"),
        ("    kind: province\n", "    kind: state\n", 3, "places.0.kind: Input should be"),
        ("    en: Kyrgyzstan\n", "", 8, "places.1.en: Field required"),
        ("    abbr: [吉]\n    en: Jilin", "    abbr: [吉林]\n    en: Jilin", 6, "one character"),
        (
            "mistaken_for: country.kyrgyzstan",
            "mistaken_for: country.kyrgyz",
            17,
            "unknown id 'country.kyrgyz'",
        ),
        ("org: province.jilin", "org: province.jillin", 28, "unknown id 'province.jillin'"),
        ("from: 2022-11-09", "from: 2022-13-09", 29, "invalid date"),
        (
            "  - id: country.kyrgyzstan",
            "  - id: province.jilin",
            8,
            "duplicate id 'province.jilin'",
        ),
        ("    zh: 胡玉亭", "    zh: [胡玉亭", 25, "YAML syntax error"),
    ],
)
def test_errors_name_file_and_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in VALID
    folder = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(GlossaryError) as caught:
        load_glossary(folder)
    text = str(caught.value)
    assert text.startswith(f"{folder / 'glossary.yaml'}:{line}: "), text
    assert message in text


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="glossary folder not found"):
        load_glossary(tmp_path / "nowhere")
    with pytest.raises(GlossaryError, match=r"no \*\.yaml files"):
        load_glossary(tmp_path)


def test_the_builtin_glossary_is_valid_and_complete() -> None:
    glossary = load_glossary()
    domestic = [p for p in glossary.places.values() if p.kind != "country" and p.kind != "city"]
    assert len(domestic) == 34
    abbreviations = {a for p in domestic for a in p.abbr}
    assert {"粤", "吉", "京", "津", "冀", "港", "澳", "新", "蒙", "苏", "宁"} <= abbreviations
    assert {
        "person.wang-weizhong",
        "person.huang-kunming",
        "person.jing-junhai",
        "person.hu-yuting",
    } <= set(glossary.persons)
    mistaken = {(f.entity, f.mistaken_for) for f in glossary.false_friends}
    assert ("province.jilin", "country.kyrgyzstan") in mistaken
    assert ("province.shaanxi", "province.shanxi") in mistaken
