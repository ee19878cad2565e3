"""The review app, driven by Streamlit's AppTest (no browser, no server).

The app reads its arguments from ``sys.argv`` only when ``sys.argv[0]`` is the page script (as
``streamlit run FILE -- ARGS`` sets it), so each test sets ``sys.argv`` with monkeypatch. Every
test works on a copy of the seed in ``tmp_path``, so the saved review never lands in the repo;
``XDG_DATA_HOME`` points into ``tmp_path`` too (uploads, the bundled seed's review).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from review_app.app import inputs, state, view
from review_app.app.exports import exports, tmx_of
from review_app.errors import UsageError
from review_app.review_store import ReviewSession, store_path_for

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "review_app" / "app" / "streamlit_app.py"
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
TIMEOUT = 60


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    yield home / "bireview"
    inputs.forget_open_reviews()


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(SEED, folder)
    return folder


@pytest.fixture
def launch(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Start the app as ``streamlit run streamlit_app.py -- *args`` would, and run it once."""

    def start(*args: str | Path) -> AppTest:
        monkeypatch.setattr("sys.argv", [str(APP), *(str(arg) for arg in args)])
        app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        app.run(timeout=TIMEOUT)
        assert not app.exception, [e.value for e in app.exception]
        return app

    return start


def review(app: AppTest) -> ReviewSession:
    session = app.session_state[state.SESSION]
    assert isinstance(session, ReviewSession)
    return session


def metric(app: AppTest, label: str) -> int:
    return int(next(m.value for m in app.metric if m.label == label))


def html_of(app: AppTest) -> str:
    return "\n".join(element.value for element in app.get("html"))


def false_friends(app: AppTest) -> list[str]:
    return [f.id for f in review(app).findings if f.check == "entity.false_friend"]


def open_tab(app: AppTest, label: str) -> AppTest:
    """Open a tab of the review screen (only the open tab's content runs)."""
    app.session_state[state.TAB] = label
    app.run(timeout=TIMEOUT)
    assert not app.exception, [e.value for e in app.exception]
    return app


def click(app: AppTest, key: str) -> None:
    app.button(key=key).click().run(timeout=TIMEOUT)
    assert not app.exception, [e.value for e in app.exception]


def saved(folder: Path) -> dict[str, Any]:
    data = json.loads(store_path_for(folder / "release.en.txt").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# -- the review screen -------------------------------------------------------------------------


def test_the_seed_shows_four_critical_findings(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    assert metric(app, "Critical") == 4
    assert metric(app, "Major") == 0
    shown = html_of(app)
    assert "<td class='br-check'>entity.false_friend</td><td>3</td>" in shown
    assert "<td class='br-check'>entity.role</td><td>1</td>" in shown
    assert [b.label for b in app.button].count("Accept suggestion") == 4
    assert (
        shown.count(">Kyrgyzstan-Guangdong</mark>") + shown.count(">Guangdong-Kyrgyzstan</mark>")
        >= 3
    )
    assert "Governor of Jilin Province</mark>" in shown
    assert not app.error


def test_accepting_a_suggestion_resolves_it_and_saves(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = launch(seed)
    app.text_input(key=state.WHO).set_value("li").run(timeout=TIMEOUT)
    first = false_friends(app)[0]
    click(app, f"accept-{first}")
    assert len(false_friends(app)) == 2
    assert metric(app, "Critical") == 3
    assert metric(app, "Resolved") == 1
    assert [b.label for b in app.button].count("Accept suggestion") == 3
    assert "Suggestion accepted" in app.success[0].value
    assert "<ins>Guangdong-Jilin</ins>" in html_of(app)  # the word diff of the change
    decision = saved(seed)["decisions"][0]
    assert decision["action"] == "accepted"
    assert decision["who"] == "li"
    assert "Guangdong-Jilin cooperation" in decision["after"]
    assert "Resolved (1)" in [e.label for e in app.expander]


def test_dismissing_with_a_reason(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    role = next(f.id for f in review(app).findings if f.check == "entity.role")
    click(app, f"dismiss-{role}")
    app.selectbox(key=state.widget_key("dismiss-reason", role)).set_value("acceptable variant")
    app.text_input(key=state.widget_key("dismiss-comment", role)).set_value("house style")
    click(app, f"confirm-dismiss-{role}")
    assert review(app).status(role) == "dismissed"
    assert metric(app, "Open") == 3
    assert "house style" in html_of(app)
    decision = saved(seed)["decisions"][0]
    assert (decision["action"], decision["reason"]) == ("dismissed", "acceptable variant")
    # The status filter hides it.
    app.multiselect(key=state.FILTER_STATUS).set_value(["open"]).run(timeout=TIMEOUT)
    assert [b.label for b in app.button].count("Dismiss") == 3


def test_a_restarted_app_resumes_the_review(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    accepted = false_friends(app)[0]
    role = next(f.id for f in review(app).findings if f.check == "entity.role")
    click(app, f"accept-{accepted}")
    click(app, f"dismiss-{role}")
    click(app, f"confirm-dismiss-{role}")

    inputs.forget_open_reviews()  # as in a new server process: read the saved review
    again = launch(seed)
    assert len(false_friends(again)) == 2
    assert review(again).status(role) == "dismissed"
    assert metric(again, "Resolved") == 1
    assert metric(again, "Open") == 2
    assert "dismissed</span>" in html_of(again)


def test_changed_documents_and_orphaned_decisions_are_shown(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = launch(seed)
    click(app, f"accept-{false_friends(app)[0]}")  # in the title, segment 0
    source = seed / "source.zh.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("迈上新台阶", "迈上新的台阶", 1),
        encoding="utf-8",
    )
    inputs.forget_open_reviews()
    again = launch(seed)
    assert "changed on disk" in again.info[0].value
    assert "1 decision(s) could not be re-attached" in [e.label for e in again.expander]
    assert "<b>English</b> Guangdong-Kyrgyzstan" in html_of(again)  # the orphan, listed
    assert len(review(again).orphans) == 1


def test_two_tabs_share_one_review(launch: Callable[..., AppTest], seed: Path) -> None:
    first, second = launch(seed), launch(seed)  # two browser tabs on the same pair
    assert review(first) is review(second)
    accepted = false_friends(first)[0]
    role = next(f.id for f in review(first).findings if f.check == "entity.role")
    click(first, f"accept-{accepted}")
    # The second tab still shows the finding the first resolved: acting on it says so.
    click(second, f"accept-{accepted}")
    assert "no longer current" in second.error[0].value
    click(second, f"dismiss-{role}")
    click(second, f"confirm-dismiss-{role}")
    actions = [d["action"] for d in saved(seed)["decisions"]]
    assert actions == ["accepted", "dismissed"]


def test_editing_the_english_shows_the_change(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    role = next(f for f in review(app).findings if f.check == "entity.role")
    click(app, f"edit-{role.id}")
    box = app.text_area(key=state.widget_key("edit-text", role.id))
    assert "Governor of Jilin Province" in box.value
    box.set_value(
        box.value.replace("Governor of Jilin Province", "Governor of Guangdong Province", 1)
    )
    click(app, f"save-{role.id}")
    assert "Edit saved" in app.success[0].value
    assert "<del>Jilin</del><ins>Guangdong</ins>" in html_of(app)
    assert metric(app, "Critical") == 3
    assert saved(seed)["decisions"][0]["action"] == "edited"


def test_comments_are_listed_with_the_finding(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    first = false_friends(app)[0]
    click(app, f"comment-{first}")
    app.text_input(key=state.widget_key("comment-text", first)).set_value("ask the editor")
    click(app, f"add-comment-{first}")
    assert "ask the editor" in html_of(app)
    assert review(app).status(first) == "open"


def test_next_and_previous_move_the_selection(launch: Callable[..., AppTest], seed: Path) -> None:
    app = launch(seed)
    app.toggle(key=state.ONE_AT_A_TIME).set_value(True).run(timeout=TIMEOUT)
    ids = [f.id for f in review(app).findings]
    assert [b.label for b in app.button].count("Dismiss") == 1
    assert app.button(key=f"dismiss-{ids[0]}")
    click(app, "nav-next")
    assert app.session_state[state.SELECTED] == ids[1]
    assert app.button(key=f"dismiss-{ids[1]}")
    click(app, "nav-previous")
    assert app.session_state[state.SELECTED] == ids[0]


def test_the_review_goes_to_the_store_dir(
    launch: Callable[..., AppTest], seed: Path, tmp_path: Path
) -> None:
    store = tmp_path / "reviews"
    app = launch(seed / "source.zh.txt", seed / "release.en.txt", "--store-dir", store)
    assert metric(app, "Critical") == 4
    assert not store_path_for(seed / "release.en.txt").exists()
    assert review(app).store_path.parent == store
    assert review(app).store_path.exists()


# -- hostile and bad input ---------------------------------------------------------------------


def test_markup_in_a_release_is_shown_as_text(
    launch: Callable[..., AppTest], tmp_path: Path
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "source.zh.txt").write_text("加强战略对接 推动粤吉合作迈上新台阶\n", encoding="utf-8")
    (folder / "release.en.txt").write_text(
        "Strengthen <b>strategic</b> alignment <script>alert(1)</script> to promote "
        "Guangdong-Kyrgyzstan cooperation to a new level\n",
        encoding="utf-8",
    )
    app = launch(folder)
    assert false_friends(app), "the Kyrgyzstan error is found"
    values = [e.value for e in app.get("html")] + [e.value for e in app.markdown]
    assert not any("<script>" in value or "<b>strategic" in value for value in values)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in value for value in values)
    assert any("&lt;b&gt;strategic&lt;/b&gt;" in value for value in values)
    assert ">Guangdong-Kyrgyzstan</mark>" in html_of(app)


def test_a_bad_path_is_a_one_line_error(launch: Callable[..., AppTest], tmp_path: Path) -> None:
    missing = tmp_path / "missing.zh.txt"
    app = launch(missing, tmp_path / "release.en.txt")
    assert len(app.error) == 1
    assert "missing.zh.txt" in app.error[0].value
    assert "file not found" in app.error[0].value
    assert "Open the seed release" in [b.label for b in app.button]  # the start page instead


def test_a_bad_path_typed_on_the_start_page(launch: Callable[..., AppTest], tmp_path: Path) -> None:
    app = launch()
    app.text_input(key="start_source").set_value(str(tmp_path / "nowhere.zh.txt"))
    app.text_input(key="start_target").set_value(str(tmp_path / "nowhere.en.txt"))
    click(app, "open-paths")
    assert "nowhere.zh.txt" in app.error[0].value


def test_unknown_arguments_are_reported(launch: Callable[..., AppTest]) -> None:
    app = launch("--port", "1")
    assert "unknown option --port" in app.error[0].value


def test_the_start_page_opens_the_bundled_seed_outside_the_repo(
    launch: Callable[..., AppTest], data_home: Path
) -> None:
    app = launch()
    assert not app.error
    app.date_input(key="start_date").set_value(dt.date(2023, 11, 10))
    click(app, "open-seed")
    assert metric(app, "Critical") == 4
    assert review(app).options.date_origin == "chosen in the app"
    assert review(app).store_path.parent == data_home / "reviews"
    assert not store_path_for(SEED / "release.en.txt").exists()


def test_uploaded_files_are_kept_and_opened(
    launch: Callable[..., AppTest], data_home: Path
) -> None:
    app = launch()
    zh = (SEED / "source.zh.txt").read_bytes()
    en = (SEED / "release.en.txt").read_bytes()
    app.file_uploader(key="upload_source").set_value(("a.txt", zh, "text/plain"))
    app.file_uploader(key="upload_target").set_value(("b.txt", en, "text/plain"))
    app.run(timeout=TIMEOUT)
    click(app, "open-uploads")
    assert not app.error
    assert metric(app, "Critical") == 4
    folder = review(app).store_path.parent
    assert folder.parent == data_home / "uploads"
    assert (folder / "release.en.txt").read_bytes() == en


# -- the plain functions -----------------------------------------------------------------------


def test_the_app_takes_only_its_own_arguments() -> None:
    assert inputs.script_argv(["/x/streamlit_app.py", "seed", "--store-dir", "d"]) == [
        "seed",
        "--store-dir",
        "d",
    ]
    assert inputs.script_argv(["/usr/bin/pytest", "-q"]) == []
    assert inputs.parse_app_args(["a", "b", "--store-dir=d"]) == inputs.AppArgs(("a", "b"), "d")
    with pytest.raises(UsageError):
        inputs.parse_app_args(["a", "b", "c"])
    with pytest.raises(UsageError):
        inputs.parse_app_args(["--store-dir"])
    assert inputs.parse_app_args(["a", "--mt-model", "m", "--encoder=e"]) == inputs.AppArgs(
        ("a",), mt_model="m", encoder="e"
    )
    with pytest.raises(UsageError):
        inputs.parse_app_args(["a", "--mt-model"])


def test_the_app_reviews_with_a_local_model(
    launch: Callable[..., AppTest], seed: Path, tmp_path: Path
) -> None:
    for module in ("torch", "transformers", "sentencepiece"):
        pytest.importorskip(module)
    from tests.tiny_models import build_marian, quietly

    model = quietly(build_marian, tmp_path / "marian")
    session = review(launch(seed, "--mt-model", model))
    assert session.report.signature is not None
    assert session.report.signature.models[0].startswith("mt=marian@")

    # A folder that is no model: one line on the start page, no review.
    app = launch(seed, "--mt-model", tmp_path / "none")
    assert state.SESSION not in app.session_state
    assert any("no such model folder" in error.value for error in app.error)


def test_highlights_escape_first_and_take_the_worst_colour() -> None:
    text = "a <b>Kyrgyzstan</b> & co"
    start = text.index("Kyrgyzstan")
    marks = [
        view.Mark(start, start + 10, "info", "x"),
        view.Mark(start + 3, start + 6, "critical", '"quoted"'),
        view.Mark(0, 999, "critical"),  # out of range: ignored
    ]
    out = view.highlight(text, marks)
    assert out.startswith("a &lt;b&gt;<mark")
    assert "&amp; co" in out
    assert f'background:{view.MARK_COLOURS["critical"]}" title="x; &quot;quoted&quot;">gyz' in out
    assert "<b>" not in out


def test_word_diff() -> None:
    diff = view.word_diff_html("to Guangdong-Kyrgyzstan <i>", "to Guangdong-Jilin <i>")
    assert "<del>Guangdong-Kyrgyzstan</del><ins>Guangdong-Jilin</ins>" in diff
    assert "&lt;i&gt;" in diff


def test_the_same_upload_lands_in_the_same_folder(tmp_path: Path) -> None:
    first = inputs.save_uploads([("a.txt", b"zh"), ("b.txt", b"en")], base=tmp_path)
    second = inputs.save_uploads([("c.txt", b"zh"), ("d.TXT", b"en")], base=tmp_path)
    other = inputs.save_uploads([("a.txt", b"zhe"), ("b.txt", b"n")], base=tmp_path)
    assert first == second != other
    assert [path.name for path in first] == ["source.zh.txt", "release.en.txt"]
    assert first[0].read_bytes() == b"zh"
    # The suffix says how a file is read, so it is kept; one file is a bilingual file.
    docx = inputs.save_uploads([("a.docx", b"zh"), ("b.docx", b"en")], base=tmp_path)
    assert [path.name for path in docx] == ["source.zh.docx", "release.en.docx"]
    (xliff,) = inputs.save_uploads([("job 1.xlf", b"<xliff/>")], base=tmp_path)
    assert xliff.name == "bilingual.xlf"
    assert "bilingual.xlf\tjob 1.xlf" in (xliff.parent / "names.txt").read_text("utf-8")


def test_exports(seed: Path) -> None:
    from glossary.load import load_glossary

    session = inputs.open_review(inputs.resolve_inputs([str(seed)]), load_glossary())
    for finding_id in [f.id for f in session.findings if f.check == "entity.false_friend"]:
        session.accept(finding_id, who="li")
    role = next(f.id for f in session.findings if f.check == "entity.role")
    session.dismiss(role, "out of scope", who="wang", comment="title checked")
    made = {item.label: item.data() for item in exports(session)}
    assert "Kyrgyzstan" not in made["Corrected English"]
    report = json.loads(made["QA report (JSON)"])
    assert report["schema"] == "bireview.report/1"
    # The QA record: every decision with who and when, and each finding's status.
    assert [(d["action"], d["who"]) for d in report["decisions"]] == [
        ("accepted", "li"),
        ("accepted", "li"),
        ("accepted", "li"),
        ("dismissed", "wang"),
    ]
    assert all(d["when"] for d in report["decisions"])
    assert [f["status"] for f in report["findings"] if f["id"] == role] == ["dismissed"]
    assert (
        "<html" in made["QA report (HTML)"].lower() and "title checked" in made["QA report (HTML)"]
    )
    rows = list(csv.DictReader(io.StringIO(made["QA report (CSV)"].lstrip("\ufeff"))))
    # The open finding's decision, then the three fixes accepted (which no finding shows).
    assert [(r["check"], r["status"], r["decided_by"], r["reason"]) for r in rows] == [
        ("entity.role", "dismissed", "wang", "out of scope"),
        *[("entity.false_friend", "accepted", "li", "")] * 3,
    ]
    assert len(json.loads(made["Decisions (review JSON)"])["decisions"]) == 4
    tmx = made["Final pairs (TMX)"]
    assert "Guangdong-Jilin" in tmx and "Guangdong-Kyrgyzstan" not in tmx
    pairs = [s for s in session.current_segments() if s.source.strip() and s.target.strip()]
    assert tmx.count("</tu>") == len(pairs)
    assert tmx_of([]).count("</tu>") == 0


def pair_picker(app: AppTest) -> Any:
    """The alignment panel's pair picker (its key changes with its labels)."""
    (picker,) = [box for box in app.selectbox if box.label == "Pair"]
    return picker


def test_merging_and_splitting_pairs_in_the_app(launch: Callable[..., AppTest], seed: Path) -> None:
    app = open_tab(launch(seed), "Document")
    count = len(review(app).segments)
    pair_picker(app).set_value(2).run(timeout=TIMEOUT)
    click(app, "merge-pair")
    assert len(review(app).segments) == count - 1
    assert "Pairs 2 and 3 merged" in app.success[0].value
    assert saved(seed)["beads"][2] == [[2, 3], [2, 3]]
    # The merged pair lists both sentences of each side, to choose where to split it.
    assert "<li>吉林省委书记景俊海出席会议并讲话。</li>" in html_of(app)
    app.selectbox(key=state.widget_key("split-source", "2")).set_value(1)
    app.selectbox(key=state.widget_key("split-target", "2")).set_value(2)
    click(app, "split-pair")
    assert len(review(app).segments) == count
    assert review(app).current_segments()[3].target == ""
    assert [d["action"] for d in saved(seed)["decisions"]] == ["merged", "split"]
    assert metric(app, "Critical") == 4  # the checks ran on the new pairs
    # Every action kept the Document tab open (issue 17): its pair picker is still there, and
    # shows the pair as it is now, not the merged text of before the split.
    assert app.session_state[state.TAB] == "Document"
    picker = pair_picker(app)
    current = review(app).current_segments()[2]
    label = next(option for option in picker.options if option.startswith("2 · "))
    assert label.endswith(current.source[:30])


def test_an_impossible_split_is_a_one_line_error(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = open_tab(launch(seed), "Document")
    pair_picker(app).set_value(2).run(timeout=TIMEOUT)
    click(app, "merge-pair")
    app.selectbox(key=state.widget_key("split-source", "2")).set_value(0)
    app.selectbox(key=state.widget_key("split-target", "2")).set_value(0)
    click(app, "split-pair")
    assert "Could not split the pair: each part of the split needs at least one sentence" in (
        app.error[0].value.replace("\\", "")
    )
    assert len(review(app).segments) == len(review(app).alignment.beads)


def test_the_glossary_panel_searches_and_explains(
    launch: Callable[..., AppTest], seed: Path, glossary_copy: Path
) -> None:
    app = open_tab(launch(seed, "--glossary", glossary_copy), "Glossary")
    app.text_input(key=state.GLOSSARY_SEARCH).set_value("吉").run(timeout=TIMEOUT)
    shown = html_of(app)
    assert "<code>province.jilin</code>" in shown and "<code>ff.ji-kyrgyzstan</code>" in shown
    # The first finding's entities, and why each matched.
    assert "<li>“吉” is Jilin (province.jilin): matched by a one-character abbreviation" in shown
    assert "<li>“Kyrgyzstan” is Kyrgyzstan (country.kyrgyzstan): matched by its name" in shown
    role = next(f.id for f in review(app).findings if f.check == "entity.role")
    app.selectbox(key=state.GLOSSARY_FINDING).set_value(role).run(timeout=TIMEOUT)
    assert "<code>person.wang-weizhong</code>" in html_of(app)  # the entry the finding cites
    assert app.text_input(key=state.proposal_key("zh")).value == "广东省委副书记、省长"


def test_a_proposal_goes_beside_the_glossary_not_into_it(
    launch: Callable[..., AppTest], seed: Path, glossary_copy: Path
) -> None:
    curated = {path.name: path.read_bytes() for path in glossary_copy.glob("*.yaml")}
    app = open_tab(launch(seed, "--glossary", glossary_copy), "Glossary")
    # Prefilled from the first finding: 粤吉 → Guangdong-Jilin, a variant of the false friend.
    assert app.text_input(key=state.proposal_key("zh")).value == "粤吉"
    assert app.text_input(key=state.proposal_key("en")).value == "Guangdong-Jilin"
    app.text_input(key=state.proposal_key("note")).set_value("粤吉合作 in the 2023-11-10 release")
    click(app, "propose")
    assert "saved in" in app.success[0].value
    proposals = (glossary_copy / "proposals" / "proposals.yaml").read_text(encoding="utf-8")
    assert "zh: 粤吉" in proposals and "entry: ff.ji-kyrgyzstan" in proposals
    assert "context_en: date 2023-11-10 Strengthen strategic alignment" in proposals
    assert {path.name: path.read_bytes() for path in glossary_copy.glob("*.yaml")} == curated
    # An empty proposal is refused with one line, and nothing is written.
    app.text_input(key=state.proposal_key("zh")).set_value("")
    app.text_input(key=state.proposal_key("en")).set_value("")
    click(app, "propose")
    assert "give the Chinese or the English" in app.error[0].value
    assert (glossary_copy / "proposals" / "proposals.yaml").read_text("utf-8") == proposals


def test_keys_move_and_act_on_the_selected_finding(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = launch(seed)
    assert app.button(key="nav-next").proto.shortcut.upper() == "J"
    assert app.button(key="nav-previous").proto.shortcut.upper() == "K"
    first, second = review(app).findings[:2]
    assert app.button(key=f"accept-{first.id}").proto.shortcut.upper() == "A"
    assert app.button(key=f"accept-{second.id}").proto.shortcut == ""
    click(app, "nav-next")
    assert app.button(key=f"accept-{second.id}").proto.shortcut.upper() == "A"
    assert app.button(key=f"dismiss-{second.id}").proto.shortcut.upper() == "D"
    assert app.button(key=f"accept-{first.id}").proto.shortcut == ""


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="release.docx" source-language="zh-CN" target-language="en"
        date="2023-11-10T08:00:00Z" datatype="plaintext">
    <body>
      <trans-unit id="t1"><source>推动粤吉合作迈上新台阶</source>
        <target>Promote Guangdong-Kyrgyzstan cooperation to a new level</target></trans-unit>
      <trans-unit id="t2"><source>广东省委副书记、省长王伟中出席会议。</source>
        <target>Wang Weizhong, Governor of Jilin Province, attended the meeting.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_an_uploaded_xliff_keeps_its_units_and_date(
    launch: Callable[..., AppTest], data_home: Path
) -> None:
    app = launch()
    app.file_uploader(key="upload_bilingual").set_value(
        ("job.xlf", XLIFF.encode("utf-8"), "application/xliff+xml")
    )
    app.run(timeout=TIMEOUT)
    click(app, "open-bilingual")
    assert not app.error, [e.value for e in app.error]
    session = review(app)
    assert [s.unit_id for s in session.segments] == ["t1", "t2"]
    assert session.options.date == dt.date(2023, 11, 10)
    assert session.options.date_origin == "XLIFF file date"
    assert {f.check for f in session.findings} == {"entity.false_friend", "entity.role"}
    shown = html_of(app)
    assert "segment 0 &middot; unit t1" in shown and "segment 1 &middot; unit t2" in shown
    first = next(f.id for f in session.findings if f.check == "entity.false_friend")
    click(app, f"accept-{first}")
    assert review(app).current_segments()[0].target.startswith("Promote Guangdong-Jilin")
    # Back to the CAT tool: the same file under the name it was uploaded with, the fix as the
    # unit's target and the open finding as a note; every other byte as it was.
    (back, *_) = exports(review(app))
    assert back.file_name == "job.xlf"
    data = back.data()
    assert isinstance(data, bytes)
    text = data.decode("utf-8")
    assert "Promote Guangdong-Jilin" in text and "Kyrgyzstan" not in text.split("<note")[0]
    notes = re.findall(r'<note from="bireview"[^>]*>(.*?)</note>', text)
    assert [note.split(":")[0] for note in notes] == ["[critical] entity.role"]
    fixed = review(app).current_segments()[0].target
    expected = XLIFF.replace(re.search(r"<target>(.*?)</target>", XLIFF).group(1), fixed, 1)
    assert re.sub(r'<note from="bireview".*?</note>', "", text) == expected


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        (
            "Job 7.tsv",
            "zh-CN\ten-US\r\n推动粤吉合作迈上新台阶\tPromote Guangdong-Kyrgyzstan cooperation to a "
            "new level\r\n会议在长春举行。\tThe meeting was held in Changchun.\r\n",
            "TSV: fixes",
        ),
        (
            "memory.tmx",
            '<tmx version="1.4"><header srclang="zh-CN"/><body><tu tuid="a1">'
            '<tuv xml:lang="zh-CN"><seg>推动粤吉合作迈上新台阶</seg></tuv><tuv xml:lang="en-GB">'
            "<seg>Promote <ph>{1}</ph>Guangdong-Kyrgyzstan cooperation to a new level</seg>"
            "</tuv></tu></body></tmx>",
            "TMX: fixes",
        ),
    ],
)
def test_a_table_or_memory_goes_back_with_the_fix_in_it(
    launch: Callable[..., AppTest], data_home: Path, name: str, content: str, label: str
) -> None:
    app = launch()
    app.file_uploader(key="upload_bilingual").set_value(
        (name, content.encode("utf-8"), "text/plain")
    )
    app.run(timeout=TIMEOUT)
    click(app, "open-bilingual")
    assert not app.error, [e.value for e in app.error]
    first = next(f.id for f in review(app).findings if f.check == "entity.false_friend")
    click(app, f"accept-{first}")
    (back, *rest) = exports(review(app))
    assert (back.label, back.file_name) == (f"Back to the CAT tool ({label})", name)
    data = back.data()
    assert isinstance(data, bytes)
    expected = content.replace("Kyrgyzstan", "Jilin")
    assert data.decode("utf-8") == expected  # the fix, every code and every other byte
    tmx = next(export for export in rest if export.file_name.endswith(".tmx")).data()
    if name.endswith(".tmx"):  # the memory keeps the file's own language codes
        assert 'xml:lang="en-GB"' in str(tmx) and 'srclang="zh-CN"' in str(tmx)


def test_word_documents_open_from_paths(launch: Callable[..., AppTest], tmp_path: Path) -> None:
    import docx

    for name, path in (("zh", SEED / "source.zh.txt"), ("en", SEED / "release.en.txt")):
        document = docx.Document()
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            document.add_paragraph(paragraph.strip())
        document.save(str(tmp_path / f"release.{name}.docx"))
    app = launch(tmp_path / "release.zh.docx", tmp_path / "release.en.docx")
    session = review(app)
    assert (session.source.encoding, session.target.encoding) == ("docx", "docx")
    assert len(false_friends(app)) == 3
    assert session.store_path == tmp_path / "release.en.docx.bireview.json"


def test_undo_reopen_and_all_identical_in_the_app(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = launch(seed)
    first, reversed_pair, third = false_friends(app)  # 粤吉, 吉粤, 粤吉
    assert metric(app, "Critical") == 4
    # The same error twice: one button settles both, its count shown first.
    assert app.button(key=f"accept-all-{first}").label == "Accept all 2 identical"
    click(app, f"dismiss-{first}")
    assert app.button(key=f"dismiss-all-{first}").label == "Dismiss all 2 identical"
    click(app, f"dismiss-all-{first}")
    assert [review(app).status(i) for i in (first, reversed_pair, third)] == [
        "dismissed",
        "open",
        "dismissed",
    ]
    # Dismissed findings leave the open totals, and the next open finding is selected.
    assert metric(app, "Critical") == 2
    ids = [f.id for f in review(app).findings]
    after = ids[ids.index(first) + 1 :]
    assert app.session_state[state.SELECTED] == next(i for i in after if i != third)
    # A decided finding offers Reopen; undo takes back the last decision.
    click(app, f"reopen-{third}")
    assert review(app).status(third) == "open"
    click(app, "undo")
    assert review(app).status(third) == "dismissed"
    click(app, "undo")
    click(app, "undo")
    assert {review(app).status(i) for i in (first, third)} == {"open"}
    assert [d["action"] for d in saved(seed)["decisions"]] == [
        "dismissed",
        "dismissed",
        "reopened",
        "undone",
        "undone",
        "undone",
    ]
    assert not app.exception


def test_a_proposal_for_the_built_in_glossary_goes_to_the_users_data_folder(
    launch: Callable[..., AppTest], seed: Path, data_home: Path
) -> None:
    from glossary.load import BUILTIN_DIR

    before = sorted(path.name for path in BUILTIN_DIR.rglob("*"))
    app = open_tab(launch(seed), "Glossary")
    click(app, "propose")
    target = data_home / "proposals" / "proposals.yaml"
    assert f"saved in {target}" in app.success[0].value.replace("\\_", "_")
    assert "zh: 粤吉" in target.read_text(encoding="utf-8")
    # The installed package's folder is left as it was, and the page says where they go.
    assert sorted(path.name for path in BUILTIN_DIR.rglob("*")) == before
    assert str(target) in "\n".join(c.value for c in app.caption).replace("\\_", "_")


def test_split_is_offered_only_where_a_pair_can_be_split(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = open_tab(launch(seed), "Document")
    session = review(app)
    single = next(
        s.id
        for s in session.current_segments()
        if len(s.source_sentences) == 1 and len(session.english_sentences(s.id)) == 1
    )
    pair_picker(app).set_value(single).run(timeout=TIMEOUT)
    assert "split-pair" not in [b.key for b in app.button]
    click(app, "merge-pair")
    # Merged, it has two sentences a side: Split is offered, and its default split works.
    assert "split-pair" in [b.key for b in app.button]
    click(app, "split-pair")
    assert not app.error, [e.value for e in app.error]


def test_the_alignment_to_check_is_its_own_filter_least_sure_first(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    from review_app.document import Segment

    pairs = [
        Segment(i, "中", "en", (i,), (i,), c) for i, c in enumerate([0.9, 0.3, 0.0, 0.7, 0.45])
    ]
    assert [s.id for s in state.alignment_to_check(pairs)] == [2, 1, 4]
    # A paragraph of the English replaced by another text: that pair cannot be aligned well.
    release = seed / "release.en.txt"
    paragraphs = release.read_text(encoding="utf-8").split("\n\n")
    paragraphs[2] = (
        "The weather was pleasant and many visitors enjoyed the parks along the river during "
        "the holiday."
    )
    release.write_text("\n\n".join(paragraphs), encoding="utf-8")
    app = open_tab(launch(seed), "Document")
    expected = state.alignment_to_check(review(app).current_segments())
    assert expected and expected[0].confidence < state.CONFIDENCE_TO_CHECK
    app.toggle(key=state.TO_CHECK).set_value(True).run(timeout=TIMEOUT)
    total = len(review(app).segments)
    assert f"{len(expected)} of {total} aligned pairs" in "\n".join(c.value for c in app.caption)
    # The picker offers those pairs, in that order, to merge or split them.
    options = pair_picker(app).options
    assert [option.split(" · ")[0] for option in options] == [str(s.id) for s in expected]


def test_the_findings_grid_lists_every_finding_densely(
    launch: Callable[..., AppTest], seed: Path
) -> None:
    app = launch(seed)
    (grid,) = app.dataframe
    table = grid.value
    findings = review(app).findings
    # No unit column for a pair of documents (a bilingual file has one).
    assert list(table.columns) == ["severity", "check", "pair", "status", "confidence", "found"]
    assert list(table["check"]) == [f.check for f in findings]
    assert table["found"].iloc[0] == "Guangdong-Kyrgyzstan"
    role = next(f.id for f in findings if f.check == "entity.role")
    click(app, f"dismiss-{role}")
    click(app, f"confirm-dismiss-{role}")
    (grid,) = app.dataframe
    statuses = dict(zip(grid.value["check"], grid.value["status"], strict=True))
    assert statuses["entity.role"] == "dismissed"


def test_a_long_list_opens_one_card_at_a_time_beside_the_table(
    launch: Callable[..., AppTest], seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "CARDS_AT_ONCE", 2)  # the seed's 4 findings are "many" here
    app = launch(seed)
    assert app.toggle(key=state.ONE_AT_A_TIME).value is True
    assert [b.label for b in app.button].count("Dismiss") == 1
    assert len(app.dataframe[0].value) == 4  # every finding in the table
