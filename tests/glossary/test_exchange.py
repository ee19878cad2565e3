"""TBX and CSV export and import, and edits of the YAML that keep what editors wrote."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import pytest

from glossary.edit import (
    load_document,
    render,
    save_document,
    section_models,
    upsert_entry,
    validate,
)
from glossary.errors import GlossaryError
from glossary.exchange import (
    CSV_COLUMNS,
    add_import_export,
    export_csv,
    export_tbx,
    glossary_entries,
    import_csv,
    import_into,
    import_tbx,
    read_entries,
)
from glossary.explain import describe, entries, find_entries
from glossary.load import BUILTIN_DIR, load_glossary
from glossary.model import Organisation, Term
from glossary.xmlsafe import ENTITY_MESSAGE

GLOSSARY = load_glossary()
MODELS = section_models()


def copy_builtin(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for path in BUILTIN_DIR.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


# -- export and import round trips -------------------------------------------------------------


def test_tbx_export_and_import_give_back_every_entry_of_the_builtin_glossary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "glossary.tbx"
    path.write_text(export_tbx(GLOSSARY), encoding="utf-8")
    back = import_tbx(path)
    original = list(glossary_entries(GLOSSARY))
    assert len(back) == len(original)
    for (section, entry), item in zip(original, back, strict=True):
        assert (item.section, item.generated_id) == (section, False)
        assert validate(MODELS[section], item.data) == entry
    # Every kind of entry and every kind of field went through.
    sections = {section for section, _ in original}
    assert sections == set(MODELS)
    text = path.read_text(encoding="utf-8")
    for marker in (
        '<descrip type="role">office=',
        '<ref type="crossReference" target="country.kyrgyzstan">mistaken_for</ref>',
        '<termNote type="termType">abbreviation</termNote>',
        '<termNote type="partOfSpeech">adjective</termNote>',
        '<descrip type="checkPresence">false</descrip>',
        "deprecatedTerm-admn-sts",
    ):
        assert marker in text


def test_csv_export_and_import_give_back_every_entry_but_roles(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("\ufeff" + export_csv(GLOSSARY), encoding="utf-8")
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(CSV_COLUMNS)
    back = import_csv(path)
    original = list(glossary_entries(GLOSSARY))
    assert len(back) == len(original)
    for (section, entry), item in zip(original, back, strict=True):
        assert "roles" not in item.data  # CSV has no roles: an import keeps the entry's own
        got = validate(MODELS[section], item.data)
        if section == "persons":
            got = got.model_copy(update={"roles": entry.roles})
        assert got == entry


def test_importing_the_own_export_changes_no_file(tmp_path: Path) -> None:
    folder = copy_builtin(tmp_path)
    before = snapshot(folder)
    for name, text in (("g.tbx", export_tbx(GLOSSARY)), ("g.csv", export_csv(GLOSSARY))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        summary = import_into(folder, read_entries(tmp_path / name))
        assert summary.added == summary.updated == [] and summary.files == []
        assert len(summary.unchanged) == len(list(glossary_entries(GLOSSARY)))
    assert snapshot(folder) == before


def test_a_csv_cell_that_looks_like_a_formula_is_guarded_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "terms.yaml").write_text(
        "terms:\n  - id: term.x\n    zh: 某\n    en: '=cmd'\n    note: '-1 is fine'\n", "utf-8"
    )
    text = export_csv(load_glossary(folder))
    assert ",'=cmd," in text and ",'-1 is fine" in text
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    assert import_csv(path)[0].data["en"] == "=cmd"


# -- importing a CAT tool's file ------------------------------------------------------------------

CAT_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>from a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">Economics</descrip>
      <descrip type="definition">A regional development strategy.</descrip>
      <langSet xml:lang="zh-CN">
        <tig><term>粤港澳大湾区</term></tig>
      </langSet>
      <langSet xml:lang="en-US">
        <tig>
          <term>Guangdong-Hong Kong-Macao Greater Bay Area</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
        </tig>
        <tig><term>Greater Bay Area</term></tig>
        <tig>
          <term>Pearl River Delta Bay Area</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </tig>
      </langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet xml:lang="zh-CN"><ntig><termGrp><term>微信</term></termGrp></ntig></langSet>
      <langSet xml:lang="en-GB"><ntig><termGrp><term>WeChat</term></termGrp></ntig></langSet>
      <langSet xml:lang="fr-FR"><tig><term>WeChat</term></tig></langSet>
    </termEntry>
    <termEntry id="c3">
      <langSet xml:lang="zh-CN"><tig><term>一带一路</term></tig></langSet>
      <langSet xml:lang="en-US">
        <tig><term>Belt and Road Initiative</term></tig>
        <tig>
          <term>OBOR</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_a_cat_tools_tbx_is_imported_as_terms(tmp_path: Path) -> None:
    path = tmp_path / "cat.tbx"
    path.write_text(CAT_TBX, encoding="utf-8")
    items = import_tbx(path)
    assert [(i.section, i.data["id"], i.generated_id, i.line) for i in items] == [
        ("terms", "term.guangdong-hong-kong-macao-greater-bay-area", True, 5),
        ("terms", "term.wechat", True, 23),
        ("terms", "term.belt-and-road-initiative", True, 28),
    ]
    bay = validate(Term, items[0].data)
    assert bay == Term(
        id="term.guangdong-hong-kong-macao-greater-bay-area",
        zh="粤港澳大湾区",
        en="Guangdong-Hong Kong-Macao Greater Bay Area",
        variants=("Greater Bay Area",),
        forbidden=("Pearl River Delta Bay Area",),
        note="A regional development strategy.",
    )

    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "terms.yaml").write_text(
        "# Our terms.\nterms:\n  - id: term.belt-and-road\n    zh: 一带一路\n"
        "    en: Belt and Road Initiative  # official\n",
        encoding="utf-8",
    )
    summary = import_into(folder, items)
    # The third entry has no glossary id: it updates the entry with the same Chinese.
    assert summary.added == ["term.guangdong-hong-kong-macao-greater-bay-area", "term.wechat"]
    assert summary.updated == ["term.belt-and-road"]
    glossary = load_glossary(folder)
    assert glossary.terms["term.belt-and-road"].forbidden == ("OBOR",)
    assert glossary.terms["term.wechat"].en == "WeChat"
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Our terms.\n")
    assert "    en: Belt and Road Initiative  # official\n    forbidden: [OBOR]\n" in text


def test_a_tbx_v3_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>\n"
        '<text><body><conceptEntry id="term.two-sessions">\n'
        '<langSec xml:lang="zh"><termSec><term>两会</term></termSec></langSec>\n'
        '<langSec xml:lang="en"><termSec><term>two sessions</term>'
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>'
        "</langSec>\n</conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    (item,) = import_tbx(path)
    assert item.generated_id is False
    assert validate(Term, item.data) == Term(id="term.two-sessions", zh="两会", en="two sessions")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE martif [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    ],
)
def test_a_tbx_with_entity_declarations_is_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<martif><text><body><termEntry id="c1">'
        '<langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=re.escape(ENTITY_MESSAGE)):
        import_tbx(path)


def test_not_a_tbx_or_broken_xml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.tbx"
    path.write_text("<tmx><body/></tmx>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not a TBX file"):
        import_tbx(path)
    path.write_text("<martif>\n<text>\n</martif>", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"x\.tbx:3: not well-formed XML"):
        import_tbx(path)
    with pytest.raises(GlossaryError, match=r"give a \.tbx, \.csv or \.tsv file"):
        read_entries(tmp_path / "terms.xlsx")


# -- bad rows stop the import, and nothing is written ---------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("terms,term.a,一,A\nterms,term.b,二,\n", r"x\.csv:3: term\.b: en: Field required"),
        ("terms,term.a,一,A\nplaces,province.x,某,X\n", r"x\.csv:3: province\.x: kind:"),
        ("terms,term.a,一,A\nterms,term.a,二,B\n", r"x\.csv:3: duplicate id 'term\.a' \(first"),
        ("people,person.x,某,X\n", r"x\.csv:2: unknown section 'people'"),
        ("terms,term.a,一,A\nterms,Bad Id,二,B\n", r"x\.csv:3: Bad Id: id: String should"),
        ("terms,term.gba,粤港澳大湾区,GBA\nplaces,province.jilin,吉林省,Jilin\n", ""),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(
    tmp_path: Path, rows: str, message: str
) -> None:
    folder = copy_builtin(tmp_path)
    before = snapshot(folder)
    path = tmp_path / "x.csv"
    path.write_text("section,id,zh,en\n" + rows, encoding="utf-8")
    if not message:  # a place updated from a file that has no kind column: still valid
        import_into(folder, import_csv(path))
        assert snapshot(folder) != before
        return
    with pytest.raises(GlossaryError, match=message):
        import_into(folder, import_csv(path))
    assert snapshot(folder) == before


def test_an_unknown_reference_or_column_is_reported(tmp_path: Path) -> None:
    folder = copy_builtin(tmp_path)
    before = snapshot(folder)
    path = tmp_path / "x.csv"
    path.write_text(
        "section,id,zh,entity,mistaken_for\n"
        "false_friends,ff.x,吉,province.jilin,country.kirgizia\n",
        encoding="utf-8",
    )
    with pytest.raises(
        GlossaryError, match=r"x\.csv:2: ff\.x: mistaken_for: unknown id 'country\.kirgizia'"
    ):
        import_into(folder, import_csv(path))
    path.write_text("zh,en,colour\n一,A,red\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"x\.csv:1: unknown column 'colour'"):
        import_csv(path)
    path.write_text("section,zh,en,kind\nterms,一,A,province\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"x\.csv:2: kind: not a field of terms"):
        import_csv(path)
    assert snapshot(folder) == before


# -- the command imports the good entries and reports the bad ones ---------------------------

TEAM_TERMS = (
    "# Our terms.\nterms:\n  - id: term.reform\n    zh: 改革\n    en: reform  # lower case\n"
)

PARTLY_BAD_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text><body>
    <termEntry id="term.greater-bay-area">
      <langSet xml:lang="zh-CN"><tig><term>粤港澳大湾区</term></tig></langSet>
      <langSet xml:lang="en-US">
        <tig><term>Guangdong-Hong Kong-Macao Greater Bay Area</term></tig>
      </langSet>
    </termEntry>
    <termEntry id="term.two-sessions">
      <langSet xml:lang="en-US"><tig><term>two sessions</term></tig></langSet>
    </termEntry>
    <termEntry id="c3">
      <descrip type="caseSensitive">maybe</descrip>
      <langSet xml:lang="zh"><tig><term>微信</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>WeChat</term></tig></langSet>
    </termEntry>
    <termEntry id="term.belt-and-road">
      <langSet xml:lang="zho"><tig><term>一带一路</term></tig></langSet>
      <langSet xml:lang="eng"><tig><term>Belt and Road Initiative</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def team_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "terms.yaml").write_text(TEAM_TERMS, encoding="utf-8")
    return folder


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of ``text`` where ``fragment`` first occurs."""
    return text[: text.index(fragment)].count("\n") + 1


def run_import(
    path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    from review_app.cli import main

    status = main(["glossary", "import", str(path), "--glossary", str(folder)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_bad_tbx_entries_are_reported_by_line_and_the_good_ones_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = team_glossary(tmp_path)
    path = tmp_path / "cat.tbx"
    path.write_text(PARTLY_BAD_TBX, encoding="utf-8")
    status, out, err = run_import(path, folder, capsys)
    assert status == 1
    # One line a bad entry, at the line of its <termEntry>, in the file's order.
    no_chinese = line_of(PARTLY_BAD_TBX, '<termEntry id="term.two-sessions">')
    not_a_flag = line_of(PARTLY_BAD_TBX, '<termEntry id="c3">')
    assert err.splitlines() == [
        f"{path}:{no_chinese}: term.two-sessions: zh: Field required",
        f"{path}:{not_a_flag}: caseSensitive: expected true or false, not 'maybe'",
    ]
    assert out == f"{path}: 2 added, 0 updated, 0 unchanged (terms.yaml); 2 entries left out\n"
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith(TEAM_TERMS)  # what was there is kept, comments and all
    terms = load_glossary(folder).terms
    assert sorted(terms) == ["term.belt-and-road", "term.greater-bay-area", "term.reform"]
    assert terms["term.greater-bay-area"].en == "Guangdong-Hong Kong-Macao Greater Bay Area"
    assert terms["term.belt-and-road"].zh == "一带一路"  # zho and eng are Chinese and English

    # Again: the good entries are there already, the bad ones are reported again.
    assert run_import(path, folder, capsys)[0] == 1
    assert (folder / "terms.yaml").read_text(encoding="utf-8") == text


def test_bad_csv_rows_are_reported_by_line_and_the_good_ones_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = team_glossary(tmp_path)
    path = tmp_path / "new.csv"
    rows = (
        "section,id,kind,zh,en,reads,note\n"
        "terms,term.greater-bay-area,,粤港澳大湾区,Guangdong-Hong Kong-Macao Greater Bay Area,,"
        '"Nine\ncities and two special administrative regions."\n'
        "terms,term.two-sessions,,两会,,,\n"
        "places,city.zhuhai,city,珠海市,Zhuhai,,\n"
        "places,city.hengqin,,横琴,Hengqin,,\n"
        # Valid, but it reads a place that is left out: left out too.
        "compounds,compound.zhu-heng,,珠横,,city.zhuhai | city.hengqin,\n"
        "terms,term.wechat,,微信,WeChat,,\n"
    )
    path.write_text(rows, encoding="utf-8")
    status, out, err = run_import(path, folder, capsys)
    assert status == 1
    assert err.splitlines() == [  # the line a row starts on (the first row takes two lines)
        f"{path}:4: term.two-sessions: en: Field required",
        f"{path}:6: city.hengqin: kind: Field required",
        f"{path}:7: compound.zhu-heng: reads.1: unknown id 'city.hengqin'",
    ]
    assert "3 added, 0 updated, 0 unchanged (terms.yaml); 3 entries left out" in out
    glossary = load_glossary(folder)
    assert sorted(glossary.terms) == ["term.greater-bay-area", "term.reform", "term.wechat"]
    assert list(glossary.places) == ["city.zhuhai"] and not glossary.compounds
    assert (folder / "terms.yaml").read_text(encoding="utf-8").startswith(TEAM_TERMS)


@pytest.mark.parametrize(
    "header",
    ["zh,en", "zh-CN,en-US", "zh_Hans,en_GB", "zh-Hans-CN,eng", "ZH-cn,EN", "chi,en", "zho,en-us"],
)
def test_csv_headers_may_name_the_languages_by_tag(tmp_path: Path, header: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        f"{header},note\n粤港澳大湾区,Guangdong-Hong Kong-Macao Greater Bay Area,GBA\n",
        encoding="utf-8",
    )
    (item,) = import_csv(path)
    assert item.data == {
        "id": "term.guangdong-hong-kong-macao-greater-bay-area",
        "zh": "粤港澳大湾区",
        "en": "Guangdong-Hong Kong-Macao Greater Bay Area",
        "note": "GBA",
    }
    # The columns are told apart by their language, not their place.
    path.write_text(f"{','.join(reversed(header.split(',')))}\nWeChat,微信\n", encoding="utf-8")
    assert import_csv(path)[0].data["zh"] == "微信"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("zh,zh-CN,en", r"x\.csv:1: two zh columns \('zh' and 'zh-CN'\)"),
        ("fr-FR,en", r"x\.csv:1: unknown column 'fr-FR' \(known: section, .* en-US\)"),
        ("zh-CN-,en", r"x\.csv:1: unknown column 'zh-CN-'"),
    ],
)
def test_a_bad_header_is_one_error(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(f"{header}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        import_csv(path)


def test_an_all_good_file_with_language_tags_imports_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = team_glossary(tmp_path)
    for name, text in (
        ("new.csv", "zh-CN,en-US\n粤港澳大湾区,Guangdong-Hong Kong-Macao Greater Bay Area\n"),
        ("new.tsv", "zh-Hans\ten_GB\tvariants\n微信\tWeChat\tWeixin\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        status, out, err = run_import(path, folder, capsys)
        assert (status, err) == (0, "")
        assert out == f"{path}: 1 added, 0 updated, 0 unchanged (terms.yaml)\n"
    terms = load_glossary(folder).terms
    assert terms["term.guangdong-hong-kong-macao-greater-bay-area"].zh == "粤港澳大湾区"
    assert terms["term.wechat"].variants == ("Weixin",)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("x.csv", "", "x.csv: empty file: expected a header line"),
        ("x.csv", "colour,en\nred,Red\n", "x.csv:1: unknown column 'colour'"),
        ("x.tbx", "粤港澳大湾区", "x.tbx:1: not well-formed XML"),
        ("x.tbx", "<tmx/>", "x.tbx: not a TBX file"),
    ],
)
def test_a_file_that_cannot_be_read_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, message: str
) -> None:
    folder = team_glossary(tmp_path)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, out, err = run_import(path, folder, capsys)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err
    assert (folder / "terms.yaml").read_text(encoding="utf-8") == TEAM_TERMS


# -- edits keep what editors wrote ------------------------------------------------------------

COMMENTED = """\
# Terms of the team. Keep them sorted by meaning.
# A second header line.

organisations:
  - id: org.ndrc  # the national one
    zh: 国家发展和改革委员会
    short: [国家发改委]  # not 发改委
    en: National Development and Reform Commission
    variants: [NDRC]

# -- Terms ------------------------------------------------------------------------
terms:
  # Policy names.
  - id: term.belt-and-road
    zh: 一带一路
    en: Belt and Road Initiative
    variants: [Belt and Road]
    forbidden: ["One Belt, One Road", OBOR]  # since 2015
    note: >-
      The official English since 2015.
  # Meetings.
  - id: term.two-sessions
    zh: 两会
    en: two sessions  # lower case
    source: 'english.www.gov.cn'

  - id: term.greater-bay-area
    zh: 粤港澳大湾区
    en: Guangdong-Hong Kong-Macao Greater Bay Area
# The end.
"""


def entry_block(text: str, entry_id: str) -> str:
    """The lines of one entry, from its id to the line before the next entry or comment."""
    lines = text.splitlines(keepends=True)
    start = next(
        i
        for i, line in enumerate(lines)
        if line.strip() == f"- id: {entry_id}" or line.strip().startswith(f"- id: {entry_id} ")
    )
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return "".join(lines[start:end])


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_import_keeps_comments_order_and_untouched_entries_byte_for_byte(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    path = folder / "terms.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    csv_file = tmp_path / "update.csv"
    csv_file.write_text(
        "section,id,zh,en,variants,forbidden,note\n"
        # Updated: a variant added, the note changed.
        "terms,term.belt-and-road,一带一路,Belt and Road Initiative,Belt and Road | BRI,"
        '"One Belt, One Road | OBOR",The official English.\n'
        # Updated: the last entry of the file gets a note (its key goes above "# The end.").
        "terms,term.greater-bay-area,粤港澳大湾区,Guangdong-Hong Kong-Macao Greater Bay Area,"
        "Greater Bay Area,,The GBA.\n"
        # New entries: one a section.
        "terms,term.wechat,微信,WeChat,,,\n"
        "organisations,org.mofa,外交部,Ministry of Foreign Affairs,MFA,,\n",
        encoding="utf-8",
    )
    summary = import_into(folder, import_csv(csv_file))
    assert summary.added == ["term.wechat", "org.mofa"]
    assert summary.updated == ["term.belt-and-road", "term.greater-bay-area"]
    assert summary.files == [path]
    text = path.read_text(encoding="utf-8")

    assert comments(text) == comments(COMMENTED)
    for untouched in ("org.ndrc", "term.two-sessions"):
        assert entry_block(text, untouched) == entry_block(COMMENTED, untouched)
    assert entry_block(text, "term.belt-and-road") == (
        "  - id: term.belt-and-road\n"
        "    zh: 一带一路\n"
        "    en: Belt and Road Initiative\n"
        "    variants: [Belt and Road, BRI]\n"
        '    forbidden: ["One Belt, One Road", OBOR]  # since 2015\n'
        "    note: >-\n"  # a changed value keeps the way it was written
        "      The official English.\n"
    )
    # New entries at the end of their sections, before the next section's heading; the file's
    # last comment stays last.
    assert text.index("- id: org.mofa") < text.index("# -- Terms")
    assert "    variants: [MFA]\n\n# -- Terms" in text
    assert text.endswith(
        "    en: Guangdong-Hong Kong-Macao Greater Bay Area\n"
        "    variants: [Greater Bay Area]\n"
        "    note: The GBA.\n"
        "\n"  # as the entry before it, the new one is set off by a blank line
        "  - id: term.wechat\n"
        "    zh: 微信\n"
        "    en: WeChat\n"
        "# The end.\n"
    )
    # Everything before the first edit is byte for byte the same.
    ndrc = "    variants: [NDRC]\n"
    assert text.startswith(COMMENTED[: COMMENTED.index(ndrc) + len(ndrc)])
    assert load_glossary(folder).organisations["org.mofa"].variants == ("MFA",)


def test_an_update_in_a_builtin_file_touches_only_that_entry(tmp_path: Path) -> None:
    folder = copy_builtin(tmp_path)
    before = (folder / "provinces.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.csv"
    path.write_text(
        "section,id,kind,zh,short,abbr,en,variants,source\n"
        "places,province.jilin,province,吉林省,吉林,吉,Jilin,Jilin Province | Kirin,GB/T 2260\n",
        encoding="utf-8",
    )
    summary = import_into(folder, import_csv(path))
    assert summary.updated == ["province.jilin"]
    after = (folder / "provinces.yaml").read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [
        ("    variants: [Jilin Province]", "    variants: [Jilin Province, Kirin]"),
        ("    source: *divisions", '    source: "GB/T 2260"'),  # quoted as the anchor was
    ]
    # The persons of officials.yaml keep their roles when a CSV updates them.
    path.write_text(
        "section,id,zh,en,variants\npersons,person.hu-yuting,胡玉亭,Hu Yuting,Hu Yu-ting\n",
        encoding="utf-8",
    )
    roles = GLOSSARY.persons["person.hu-yuting"].roles
    import_into(folder, import_csv(path))
    person = load_glossary(folder).persons["person.hu-yuting"]
    assert person.roles == roles and person.variants == ("Hu Yu-ting",)


def test_edit_helpers_update_a_role_in_place(tmp_path: Path) -> None:
    path = tmp_path / "officials.yaml"
    shutil.copy(BUILTIN_DIR / "officials.yaml", path)
    document = load_document(path)
    person = GLOSSARY.persons["person.hu-yuting"]
    first = person.roles[0].model_copy(update={"note": "Changed."})
    roles = [first.model_dump(by_alias=True, exclude_none=True)]
    roles += [r.model_dump(by_alias=True, exclude_none=True) for r in person.roles[1:]]
    assert upsert_entry(document, "persons", {"id": person.id, "roles": roles}) == "updated"
    assert upsert_entry(document, "persons", {"id": person.id, "roles": roles}) == "unchanged"
    text = render(document)
    original = path.read_text(encoding="utf-8")
    diff = [line for line in text.splitlines() if line not in original.splitlines()]
    assert diff == ["          Changed."]  # the note keeps its folded style (>-)
    with pytest.raises(ValueError, match="already a persons entry"):
        upsert_entry(document, "terms", {"id": person.id, "zh": "x", "en": "y"})


def test_import_into_a_named_new_file_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_builtin(tmp_path)
    parser = argparse.ArgumentParser()
    add_import_export(parser.add_subparsers(dest="command"))
    exported = tmp_path / "out.csv"
    args = parser.parse_args(["export", str(exported), "--glossary", str(folder)])
    assert args.handler(args) == 0
    assert exported.read_bytes().startswith(b"\xef\xbb\xbfsection,id,")
    source = tmp_path / "new.csv"
    source.write_text("zh,en,forbidden\n微信,WeChat,Weixin\n", encoding="utf-8")
    args = parser.parse_args(
        ["import", str(source), "--glossary", str(folder), "--into", "team.yaml"]
    )
    assert args.handler(args) == 0
    assert "1 added, 0 updated, 0 unchanged (team.yaml)" in capsys.readouterr().out
    assert (folder / "team.yaml").read_text(encoding="utf-8") == (
        "terms:\n  - id: term.wechat\n    zh: 微信\n    en: WeChat\n    forbidden: [Weixin]\n"
    )
    args = parser.parse_args(["export", str(tmp_path / "out.xlsx")])
    with pytest.raises(GlossaryError, match=r"give a \.tbx or a \.csv file"):
        args.handler(args)


# -- explain knows the new kinds ----------------------------------------------------------------


def test_explain_describes_organisations_and_terms() -> None:
    glossary = GLOSSARY
    assert any(isinstance(entry, Organisation) for entry in entries(glossary))
    term = glossary.terms["term.belt-and-road"]
    view = describe(term, glossary)
    assert view.kind == "term"
    assert view.zh == ("一带一路",) and view.en[0] == "Belt and Road Initiative"
    assert view.details[0] == "never: One Belt, One Road, One Belt One Road, OBOR"
    assert find_entries(glossary, "OBOR")[0].id == "term.belt-and-road"
    org = describe(glossary.organisations["org.ndrc"], glossary)
    assert (org.kind, org.zh, org.en) == (
        "organisation",
        ("国家发展和改革委员会", "国家发改委"),
        ("National Development and Reform Commission", "NDRC"),
    )
    sensitive = Term(id="term.wechat", zh="微信", en="WeChat", case_sensitive=True)
    assert "capitals must be as written" in describe(sensitive, glossary).details


def test_an_anchor_owner_and_an_empty_section_are_edited_too(tmp_path: Path) -> None:
    path = tmp_path / "provinces.yaml"
    shutil.copy(BUILTIN_DIR / "provinces.yaml", path)
    original = path.read_text(encoding="utf-8")
    document = load_document(path)
    # municipality.beijing holds the &divisions that the next entries use as *divisions.
    upsert_entry(document, "places", {"id": "municipality.beijing", "source": "Changed."})
    upsert_entry(document, "terms", {"id": "term.x", "zh": "某", "en": "X"})
    save_document(document)
    text = path.read_text(encoding="utf-8")
    glossary = load_glossary(path)
    assert glossary.places["municipality.beijing"].source == "Changed."
    assert (
        glossary.places["municipality.tianjin"].source
        == GLOSSARY.places["municipality.tianjin"].source
    )
    assert "terms:\n  - id: term.x\n" in text
    changed = [line for line in text.splitlines() if line not in original.splitlines()]
    # Beijing's source and the new section (Tianjin's source now holds the anchor: a line that
    # was Beijing's before).
    assert changed == [
        '    source: "Changed."',
        "terms:",
        "  - id: term.x",
        "    zh: 某",
        "    en: X",
    ]
    assert text.count("&divisions") == 1

    empty = tmp_path / "team.yaml"
    empty.write_text("# Our own terms.\nterms: []  # none yet\n", encoding="utf-8")
    document = load_document(empty)
    upsert_entry(document, "terms", {"id": "term.x", "zh": "某", "en": "X"})
    save_document(document)
    assert empty.read_text(encoding="utf-8") == (
        "# Our own terms.\nterms:  # none yet\n  - id: term.x\n    zh: 某\n    en: X\n"
    )


def test_made_up_ids_never_overwrite_another_entry(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "terms.yaml").write_text(
        "terms:\n  - id: term.reform\n    zh: 改革\n    en: reform\n", encoding="utf-8"
    )
    path = tmp_path / "x.csv"
    path.write_text("zh,en\n变革,reform\n改制,Reform\n改革,reform\n", encoding="utf-8")
    summary = import_into(folder, import_csv(path))
    assert summary.added == ["term.reform-2", "term.reform-3"]
    assert summary.unchanged == ["term.reform"]  # the same Chinese: that entry
    assert load_glossary(folder).terms["term.reform"].zh == "改革"
