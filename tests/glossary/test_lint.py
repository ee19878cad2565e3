"""``bireview glossary lint`` and ``show``: every problem with its exact line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.lint import Problem, Reading, lint, parse_abbreviation, summary

BROKEN = Path(__file__).parent / "broken"

# One line a problem of tests/glossary/broken, in file and line order (paths relative to it).
EXPECTED = [
    "1-places.yaml:7:12: warning: 吉 abbreviates Jilin and, in this glossary, Kyrgyzstan; add a "
    "false_friends entry (zh: 吉, entity: province.jilin, mistaken_for: country.kyrgyzstan)",
    "1-places.yaml:14:16: error: 'Kyrgyz Republic' is an English name of country.kyrgyzstan but "
    "a forbidden rendering of term.kyrgyz (4-terms.yaml:12)",
    "1-places.yaml:19:12: warning: 新 abbreviates Xinjiang and, in CC-CEDICT, Singapore; add a "
    "false_friends entry (zh: 新, entity: autonomous_region.xinjiang, mistaken_for: "
    "country.singapore)",
    "1-places.yaml:28:5: error: unknown key 'abrr' (did you mean 'abbr'?)",
    "1-places.yaml:31:11: error: kind: Input should be 'province', 'municipality', "
    "'autonomous_region', 'sar', 'country' or 'city'",
    "1-places.yaml:34:5: error: missing key 'en'",
    "1-places.yaml:40:15: error: abbr: abbreviation '湖南' must be one character",
    "1-places.yaml:42:9: error: id: 'Province.Henan' is not an id: lowercase, a kind and a name "
    "joined by a dot (province.jilin, person.wang-weizhong)",
    "2-duplicates.yaml:3:9: error: duplicate id 'province.jilin' (first at 1-places.yaml:3)",
    "2-duplicates.yaml:10:13: error: 吉林 is a Chinese form of both province.jilin "
    "(1-places.yaml:3) and city.jilin, and no false_friends or compounds entry tells them apart",
    "2-duplicates.yaml:15:12: error: 新 is a Chinese form of both autonomous_region.xinjiang "
    "(1-places.yaml:15) and province.new, and no false_friends or compounds entry tells them "
    "apart (both are Chinese places: the context of a run cannot tell them apart)",
    "3-officials.yaml:17:9: error: person.hu-yuting holds office.governor of province.jilin "
    "twice at once: this role and the one at line 14 overlap from 2024-01-01 to 2025-01-01",
    "3-officials.yaml:21:17: error: roles.2.office: unknown id 'office.governer' (did you mean "
    "'office.governor'?)",
    "3-officials.yaml:24:14: error: roles.3.org: unknown id 'province.jilinn' (did you mean "
    "'province.jilin'?)",
    "3-officials.yaml:26:13: error: roles.3: to (2020-06-30) is before from (2021-01-01)",
    "3-officials.yaml:31:9: warning: person.jing-junhai and person.hu-yuting "
    "(3-officials.yaml:14) both hold office.governor of province.jilin from 2023-04-02 to "
    "2023-05-01; is a 'to' date missing?",
    "3-officials.yaml:44:15: error: roles.0.from: Input should be a valid date or datetime, "
    "month value is outside expected range of 1-12",
    "3-officials.yaml:46:9: warning: person.hu-yuting-2 and person.hu-yuting "
    "(3-officials.yaml:10) are both 胡玉亭: the checker cannot tell these namesakes apart in a "
    "text",
    "4-terms.yaml:15:9: error: 'reform' is both an accepted and a forbidden rendering of "
    "term.reform",
    "4-terms.yaml:20:9: error: 发改委 is a Chinese form of both org.ndrc (4-terms.yaml:3) and "
    "term.commission, and no false_friends or compounds entry tells them apart",
    "5-sections.yaml:2:1: error: unknown section 'place' (did you mean 'places'?)",
    "5-sections.yaml:8:19: error: mistaken_for: unknown id 'country.kyrgyzstn' (did you mean "
    "'country.kyrgyzstan'?)",
    "5-sections.yaml:9:5: error: false_friends: expected an entry (a mapping: id:, zh:, …)",
    "5-sections.yaml:10:12: error: compounds: expected a list of entries (- id: …)",
    "6-syntax.yaml:6:7: error: YAML syntax error: expected ',' or ']', but got ':'",
]


def relative(problems: list[Problem], folder: Path) -> list[str]:
    return [str(problem).replace(f"{folder}/", "") for problem in problems]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- lint ------------------------------------------------------------------------------------


def test_broken_folder_reports_every_problem_at_its_line_and_column() -> None:
    assert relative(lint(BROKEN), BROKEN) == EXPECTED


def test_each_broken_line_is_commented_as_a_problem() -> None:
    """The test data says in a comment what is wrong on each reported line."""
    for line in EXPECTED:
        name, number = line.split(":")[:2]
        text = (BROKEN / name).read_text(encoding="utf-8").splitlines()[int(number) - 1]
        assert "#" in text, line


def test_problem_format_and_summary() -> None:
    problem = Problem("g/places.yaml", 3, 9, "error", "duplicate id 'x.y'")
    assert str(problem) == "g/places.yaml:3:9: error: duplicate id 'x.y'"
    warning = Problem("a.yaml", 1, 1, "warning", "w")
    assert summary([problem, problem, warning], 1) == "2 errors, 1 warning in 1 file"
    assert summary([], 3) == "0 errors, 0 warnings in 3 files"


def test_builtin_glossary_has_no_errors() -> None:
    problems = lint()
    assert [str(p) for p in problems if p.severity == "error"] == []
    # The warnings left are abbreviation readings an editor has looked at.
    assert all("abbreviates" in p.message for p in problems)


def test_a_syntax_error_stops_only_its_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "places:\n  - id: [\n")
    write(tmp_path, "b.yaml", "offices:\n  - id: office.mayor\n    zh: [市长]\n    en: Mayor\n")
    assert relative(lint(tmp_path), tmp_path) == [
        "a.yaml:3:1: error: YAML syntax error: expected the node content, but found '<stream end>'",
        "b.yaml:4:9: error: en: Input should be a valid tuple",
    ]


def test_missing_key_in_a_role_and_an_empty_value(tmp_path: Path) -> None:
    write(
        tmp_path,
        "p.yaml",
        """\
        offices:
          - id: office.mayor
            zh: [市长]
            en: [Mayor]
        persons:
          - id: person.a
            zh: 甲
            en:
            roles:
              - office: office.mayor
                from: 2020-01-01
        """,
    )
    assert relative(lint(tmp_path), tmp_path) == [
        "p.yaml:8:5: error: en: Input should be a valid string",
        "p.yaml:10:9: error: roles.0: missing key 'org'",
    ]


def test_shared_forms_that_something_tells_apart_are_not_errors(tmp_path: Path) -> None:
    write(
        tmp_path,
        "g.yaml",
        """\
        places:
          - id: province.jilin
            kind: province
            zh: 吉林省
            abbr: [吉]
            en: Jilin
          - id: country.kyrgyzstan  # a country: told apart from Jilin by context
            kind: country
            zh: 吉尔吉斯斯坦
            abbr: [吉]
            en: Kyrgyzstan
          - id: autonomous_region.ningxia
            kind: autonomous_region
            zh: 宁夏回族自治区
            abbr: [宁]
            en: Ningxia
          - id: city.nanjing  # two Chinese places: told apart by the compound 沪宁
            kind: city
            zh: 南京市
            abbr: [宁]
            en: Nanjing
          - id: municipality.shanghai
            kind: municipality
            zh: 上海市
            abbr: [沪]
            en: Shanghai
          - id: province.jiangsu
            kind: province
            zh: 江苏省
            short: [苏]
            en: Jiangsu
          - id: city.suzhou  # told apart by the false friend
            kind: city
            zh: 苏州市
            short: [苏]
            en: Suzhou
        false_friends:
          - id: ff.ji-kyrgyzstan
            zh: 吉
            entity: province.jilin
            mistaken_for: country.kyrgyzstan
          - id: ff.su-suzhou
            zh: 苏
            entity: province.jiangsu
            mistaken_for: city.suzhou
        compounds:
          - id: compound.hu-ning
            zh: 沪宁
            reads: [municipality.shanghai, city.nanjing]
        """,
    )
    assert [p for p in lint(tmp_path) if p.severity == "error"] == []


def test_two_countries_sharing_an_abbreviation(tmp_path: Path) -> None:
    write(
        tmp_path,
        "g.yaml",
        """\
        places:
          - id: country.austria
            kind: country
            zh: 奥地利
            abbr: [奥]
            en: Austria
          - id: country.olympia
            kind: country
            zh: 奥林匹亚
            abbr: [奥]
            en: Olympia
        """,
    )
    assert relative(lint(tmp_path), tmp_path) == [
        # CC-CEDICT: 奥 also abbreviates 奥林匹克 (奥运会, the Olympic Games)
        "g.yaml:5:12: warning: 奥 abbreviates Austria and, in CC-CEDICT, Olympics (奥林匹克), "
        "which the glossary does not list; add that place and a false_friends entry (zh: 奥, "
        "entity: country.austria, mistaken_for: <its id>)",
        "g.yaml:10:12: error: 奥 is a Chinese form of both country.austria (g.yaml:2) and "
        "country.olympia, and no false_friends or compounds entry tells them apart (both are "
        "countries: the context of a run cannot tell them apart)",
    ]


def test_case_sensitive_forbidden_rendering(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.yaml",
        """\
        terms:
          - id: term.party
            zh: 党
            en: Party
            forbidden: [party]
            case_sensitive: true
          - id: term.cpc
            zh: 中共
            en: CPC
            forbidden: [cpc]
          - id: term.other
            zh: 其他
            en: Cpc
        """,
    )
    assert relative(lint(tmp_path), tmp_path) == [
        "t.yaml:9:9: error: 'CPC' is both an accepted and a forbidden rendering of term.cpc",
        "t.yaml:13:9: error: 'Cpc' is an English name of term.other but a forbidden rendering of "
        "term.cpc (t.yaml:10)",
    ]


def test_back_to_back_terms_and_a_handover_are_not_overlaps(tmp_path: Path) -> None:
    write(
        tmp_path,
        "o.yaml",
        """\
        places:
          - id: province.jilin
            kind: province
            zh: 吉林省
            en: Jilin
        offices:
          - id: office.governor
            zh: [省长]
            en: [Governor]
        persons:
          - id: person.a
            zh: 甲
            en: A
            roles:
              - {office: office.governor, org: province.jilin, from: 2018-01-01, to: 2023-01-16}
              - {office: office.governor, org: province.jilin, from: 2023-01-16, to: 2024-06-28}
          - id: person.b
            zh: 乙
            en: B
            roles:
              - {office: office.governor, org: province.jilin, from: 2024-06-28}
          - id: person.c
            zh: 丙
            en: C
            roles:
              - {office: office.governor, org: province.jilin, to: 2019-01-01}
        """,
    )
    assert relative(lint(tmp_path), tmp_path) == [
        "o.yaml:26:9: warning: person.c and person.a (o.yaml:15) both hold office.governor of "
        "province.jilin from 2018-01-01 to 2019-01-01; is a 'to' date missing?"
    ]


def test_cedict_readings_the_glossary_does_not_list(tmp_path: Path) -> None:
    write(
        tmp_path,
        "p.yaml",
        """\
        places:
          - id: province.jiangsu
            kind: province
            zh: 江苏省
            abbr: [苏]
            en: Jiangsu
        """,
    )
    assert relative(lint(tmp_path), tmp_path) == [
        "p.yaml:5:12: warning: 苏 abbreviates Jiangsu and, in CC-CEDICT, Soviet Union (苏维埃, "
        "苏联), which the glossary does not list; add that place and a false_friends entry (zh: "
        "苏, entity: province.jiangsu, mistaken_for: <its id>)",
        "p.yaml:5:12: warning: 苏 abbreviates Jiangsu and, in CC-CEDICT, Suzhou city (苏州), which "
        "the glossary does not list; add that place and a false_friends entry (zh: 苏, entity: "
        "province.jiangsu, mistaken_for: <its id>)",
    ]


@pytest.mark.parametrize(
    ("definition", "readings"),
    [
        (
            "abbr. for Xinjiang 新疆[Xin1 jiang1] or Singapore 新加坡[Xin1 jia1 po1]",
            [Reading("Xinjiang", ("新疆",)), Reading("Singapore", ("新加坡",))],
        ),
        ("abbr. for 吉林[Ji2 lin2] Jilin Province", [Reading("Jilin Province", ("吉林",))]),
        (
            "Australia (abbr. for 澳大利亞|澳大利亚[Ao4 da4 li4 ya4])",
            [Reading("Australia", ("澳大利亚",))],
        ),
        ("Taiwan (abbr.)", [Reading("Taiwan", ())]),
        ("Lu, short name for Shandong 山東|山东[Shan1 dong1]", [Reading("Shandong", ("山东",))]),
        (
            "abbr. for Soviet Union 蘇維埃|苏维埃 or 蘇聯|苏联",
            [Reading("Soviet Union", ("苏维埃", "苏联"))],
        ),
        (
            "abbr. for Hunan 湖南 province in south central China",
            [Reading("Hunan province", ("湖南",))],
        ),
        ("surname Ji", []),
        ("lucky", []),
    ],
)
def test_parse_abbreviation(definition: str, readings: list[Reading]) -> None:
    assert parse_abbreviation(definition) == readings


# -- command line ----------------------------------------------------------------------------


def test_lint_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "lint", str(BROKEN)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.replace(f"{BROKEN}/", "") for line in out[:-1]] == EXPECTED
    assert out[-1] == "21 errors, 4 warnings in 6 files"

    assert main(["glossary", "lint"]) == 0  # the built-in glossary: warnings at most
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 errors, ")

    only_warnings = write(
        tmp_path,
        "w.yaml",
        "places:\n  - {id: province.jiangsu, kind: "
        "province, zh: 江苏省, abbr: [苏], en: Jiangsu}\n",
    )
    assert main(["glossary", "lint", str(only_warnings)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 2 warnings in 1 file"

    write(tmp_path, "e.yaml", "")
    assert main(["glossary", "lint", str(tmp_path / "e.yaml")]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 1 file\n"


def test_lint_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["glossary", "lint", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"bireview: error: {missing}: glossary folder not found\n"


def test_glossary_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["glossary"])
    assert exit_.value.code == 2
    assert "required: ACTION" in capsys.readouterr().err


def show(term: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    code = main(["glossary", "show", term, *extra])
    return code, capsys.readouterr().out.splitlines()


def test_show_an_abbreviation(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = show("吉", capsys)
    assert code == 0
    assert lines[0] == "Entries for “吉”:"
    assert "  province.jilin (province)" in lines
    assert "  country.kyrgyzstan (country)" in lines
    assert "    false friend: 吉 is not Kyrgyzstan" in lines
    assert "  ff.ji-kyrgyzstan (false friend)" in lines
    assert "    means Jilin, often mistranslated as Kyrgyzstan" in lines
    assert (
        "  吉: Jilin (province.jilin); beside 中 or another country's abbreviation, Kyrgyzstan "
        "(country.kyrgyzstan)"
    ) in lines
    assert lines[-1] == "Read as Chinese text, “吉” matches no entity by itself."


def test_show_a_run_of_abbreviations(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = show("粤吉", capsys)
    assert code == 0
    assert lines[0] == "As abbreviations in a run (粤吉, 中吉):"
    assert lines[1] == "  粤: Guangdong (province.guangdong)"
    assert lines[-3:] == [
        "Read as Chinese text, “粤吉” matches:",
        "  “粤” is Guangdong (province.guangdong): matched by a one-character abbreviation, read "
        "in a run of abbreviations (such as 粤吉), as part of “粤吉”.",
        "  “吉” is Jilin (province.jilin): matched by a one-character abbreviation, read in a run "
        "of abbreviations (such as 粤吉), as part of “粤吉”.",
    ]


def test_show_english_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = show("Kyrgyzstan", capsys)
    assert code == 0
    assert lines[:3] == ["Entries for “Kyrgyzstan”:", "", "  country.kyrgyzstan (country)"]
    assert "    English: Kyrgyzstan, Kyrgyz Republic, Kyrgyz" in lines
    assert lines[-2:] == [
        "Read as English text, “Kyrgyzstan” matches:",
        "  “Kyrgyzstan” is Kyrgyzstan (country.kyrgyzstan): matched by its name as the glossary "
        "lists it.",
    ]

    code, lines = show("Wang Weizhong", capsys)
    assert code == 0
    assert "  person.wang-weizhong (person)" in lines
    assert "    Chinese: 王伟中" in lines
    assert any(line.startswith("    Governor, Guangdong: 2021-12-27 to ") for line in lines)
    assert lines[-1] == (
        "  “Wang Weizhong” is Wang Weizhong (person.wang-weizhong): matched by its name as the "
        "glossary lists it."
    )


def test_show_an_unknown_term(capsys: pytest.CaptureFixture[str]) -> None:
    assert show("Atlantis", capsys) == (1, ["Nothing in the glossary matches “Atlantis”."])
    assert show("子虚乌有", capsys) == (1, ["Nothing in the glossary matches “子虚乌有”."])
    # A name no layer holds still reads as a foreign name by its sounds (layer 6).
    code, lines = show("亚特兰蒂斯", capsys)
    assert code == 0 and "  a foreign name by its sounds (layer 6):" in lines


def test_show_with_another_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "g.yaml", "terms:\n  - {id: term.reform, zh: 改革, en: reform}\n")
    write(tmp_path, "p.yaml", "persons:\n  - {id: person.hu-yuting, zh: 胡玉亭, en: Hu Yuting}\n")
    code, lines = show("胡玉亭", capsys, "--glossary", str(tmp_path))
    assert code == 0
    assert lines[-1] == (
        "  “胡玉亭” is Hu Yuting (person.hu-yuting): matched by its name as the glossary lists it."
    )

    broken = BROKEN / "3-officials.yaml"
    assert main(["glossary", "show", "Hu Yuting", "--glossary", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"bireview: error: {broken}:")
    assert captured.err.count("\n") == 1
