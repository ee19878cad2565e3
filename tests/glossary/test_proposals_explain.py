"""Proposals from the review app, and the glossary's own explanations of entries and matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.explain import explain_match, find_entries
from glossary.load import BUILTIN_DIR, load_glossary
from glossary.match import matcher_for
from glossary.proposals import (
    Proposal,
    add_proposal,
    make_proposal,
    proposals_path,
    read_proposals,
)

GLOSSARY = load_glossary()


def proposal(**fields: object) -> Proposal:
    defaults: dict[str, object] = {"kind": "variant", "zh": "吉", "en": "Jilin"}
    defaults.update(entry="province.jilin", proposed_by="li")
    defaults.update(fields)
    return make_proposal(**defaults)


def test_a_proposal_is_appended_and_an_editors_comments_survive(tmp_path: Path) -> None:
    path = tmp_path / "proposals" / "proposals.yaml"
    add_proposal(path, proposal())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Glossary proposals from the review app")
    # An editor annotates the first proposal by hand; the next one is appended below it.
    path.write_text(text.replace("  kind: variant", "  kind: variant  # checked: yes", 1), "utf-8")
    add_proposal(path, proposal(kind="term", zh="大湾区", en="Greater Bay Area", entry=None))
    text = path.read_text(encoding="utf-8")
    assert "kind: variant  # checked: yes" in text
    items = read_proposals(path)
    assert [(p["kind"], p["zh"], p["en"]) for p in items] == [
        ("variant", "吉", "Jilin"),
        ("term", "大湾区", "Greater Bay Area"),
    ]
    assert items[0]["id"].startswith("proposal.") and items[0]["proposed_by"] == "li"
    assert "entry" not in items[1]  # unset fields are left out


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"zh": " ", "en": ""}, "give the Chinese or the English"),
        ({"entry": None}, "a variant needs the entry it belongs to"),
        ({"kind": "false_friend", "forbidden": None}, "needs the wrong English rendering"),
        ({"kind": "organisation"}, "kind: Input should be"),
    ],
)
def test_an_incomplete_proposal_is_refused_in_one_line(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message) as error:
        proposal(**fields)
    assert "\n" not in str(error.value)


def test_proposals_stay_out_of_the_glossary_in_force(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for source in BUILTIN_DIR.glob("*.yaml"):
        (folder / source.name).write_bytes(source.read_bytes())
    path = proposals_path(folder, tmp_path / "fallback")
    assert path == folder / "proposals" / "proposals.yaml"
    add_proposal(path, proposal(kind="place", zh="雄安新区", en="Xiong'an New Area", entry=None))
    assert not find_entries(load_glossary(folder), "雄安")


def test_an_unwritable_glossary_sends_proposals_to_the_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.access", lambda path, mode: False)
    assert proposals_path(BUILTIN_DIR, tmp_path) == tmp_path / "proposals.yaml"


def test_a_broken_proposals_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "proposals.yaml"
    path.write_text("proposals:\n  - kind: [unclosed\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"proposals.yaml:\d+: YAML syntax error"):
        add_proposal(path, proposal())
    assert path.read_text(encoding="utf-8") == "proposals:\n  - kind: [unclosed\n"


def test_search_finds_entries_by_abbreviation_english_and_id() -> None:
    by_abbreviation = {view.id for view in find_entries(GLOSSARY, "吉")}
    assert {"province.jilin", "country.kyrgyzstan", "ff.ji-kyrgyzstan"} <= by_abbreviation
    first = find_entries(GLOSSARY, "jilin")[0]
    assert first.id == "province.jilin"  # the exact English name before partial matches
    assert "false friend: 吉 is not Kyrgyzstan" in first.details
    assert [v.id for v in find_entries(GLOSSARY, "person.wang-weizhong")] == [
        "person.wang-weizhong"
    ]
    assert find_entries(GLOSSARY, "   ") == []


def test_a_match_is_explained_with_how_and_what() -> None:
    matcher = matcher_for(GLOSSARY)
    text = "推动粤吉合作迈上新台阶"
    ji = next(m for m in matcher.find_zh(text) if m.text == "吉")
    assert explain_match(ji, GLOSSARY, text) == (
        "“吉” is Jilin (province.jilin): matched by a one-character abbreviation, read in a run "
        "of abbreviations (such as 粤吉), as part of “粤吉”."
    )
    english = "promote Guangdong-Kyrgyzstan cooperation"
    kyrgyzstan = next(m for m in matcher.find_en(english) if m.text == "Kyrgyzstan")
    assert "as part of “Guangdong-Kyrgyzstan”" in explain_match(kyrgyzstan, GLOSSARY, english)


def test_accepting_proposals_moves_them_into_the_curated_files(glossary_copy: Path) -> None:
    from glossary.proposals import accept_proposal

    path = proposals_path(glossary_copy, glossary_copy)
    term = proposal(kind="term", zh="新质生产力", en="new quality productive forces", entry=None)
    variant = proposal(kind="variant", en="Jilin Prov.", entry="province.jilin")
    place = proposal(kind="place", zh="雄安新区", en="Xiong'an New Area", entry=None)
    for item in (term, variant, place):
        add_proposal(path, item)
    terms_before = (glossary_copy / "terms.yaml").read_text(encoding="utf-8")

    assert accept_proposal(glossary_copy, term.id).startswith(f"{term.id}: 1 added")
    assert accept_proposal(glossary_copy, variant.id).startswith(f"{variant.id}: 0 added, 1 upd")
    glossary = load_glossary(glossary_copy)
    added = next(t for t in glossary.terms.values() if t.zh == "新质生产力")
    assert added.en == "new quality productive forces" and "proposed by li" in (added.source or "")
    assert "Jilin Prov." in glossary.places["province.jilin"].variants
    # The editors' comments in terms.yaml survive; the accepted proposals leave the file.
    comments = [line for line in terms_before.splitlines() if line.lstrip().startswith("#")]
    terms_after = (glossary_copy / "terms.yaml").read_text(encoding="utf-8")
    assert all(comment in terms_after for comment in comments)
    assert [p["id"] for p in read_proposals(path)] == [place.id]
    # A new place needs more than a proposal holds: refused, nothing changes.
    with pytest.raises(GlossaryError, match=r"proposals.yaml:\d+: a new place needs more"):
        accept_proposal(glossary_copy, place.id)
    assert [p["id"] for p in read_proposals(path)] == [place.id]
    with pytest.raises(GlossaryError, match=r"no proposal 'proposal\.nope'"):
        accept_proposal(glossary_copy, "proposal.nope")


def test_a_false_friend_proposal_is_accepted_from_the_command_line(
    glossary_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from review_app.cli import main

    path = proposals_path(glossary_copy, glossary_copy)
    known = proposal(
        kind="false_friend",
        zh="蒙",
        entry="autonomous_region.inner-mongolia",
        forbidden="Mongolia",
    )
    new = proposal(
        kind="false_friend", zh="巴", entry="municipality.chongqing", forbidden="Pakistan"
    )
    add_proposal(path, known)
    add_proposal(path, new)
    assert main(["glossary", "accept", known.id, "--glossary", str(glossary_copy)]) == 2
    assert "already in the glossary as ff." in capsys.readouterr().err
    assert main(["glossary", "accept", new.id, "--glossary", str(glossary_copy)]) == 0
    assert f"{new.id}: 1 added" in capsys.readouterr().out
    added = load_glossary(glossary_copy).false_friends[-1]
    assert (added.id, added.zh, added.entity, added.mistaken_for) == (
        "ff.chongqing-pakistan",
        "巴",
        "municipality.chongqing",
        "country.pakistan",
    )
