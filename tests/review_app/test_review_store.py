"""A review session: accept, edit, dismiss, resume, re-anchor after the files change."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary.atomic import temporary_name
from glossary.load import load_glossary
from review_app.errors import InputError
from review_app.inputs import resolve_date as _resolve_date
from review_app.pipeline import ReviewOptions
from review_app.readers.text import read_document
from review_app.review_store import ReviewSession, locate_sentences, store_path_for

SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
GLOSSARY = load_glossary()


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(SEED, folder)
    return folder


def open_session(folder: Path, **options: object) -> ReviewSession:
    date, _ = _resolve_date(None, folder / "meta.yaml")
    return ReviewSession.open(
        read_document(folder / "source.zh.txt", lang="zh"),
        read_document(folder / "release.en.txt", lang="en"),
        GLOSSARY,
        ReviewOptions(date=date),
        **options,  # type: ignore[arg-type]
    )


def kyrgyzstan(session: ReviewSession) -> list[str]:
    return [f.id for f in session.findings if f.check == "entity.false_friend"]


def test_accepting_a_suggestion_fixes_the_english_and_is_saved(seed: Path) -> None:
    session = open_session(seed)
    assert len(kyrgyzstan(session)) == 3
    first = kyrgyzstan(session)[0]
    session.accept(first, who="li")
    assert len(kyrgyzstan(session)) == 2
    assert "promote Guangdong-Jilin cooperation" in session.current_segments()[0].target
    saved = json.loads(store_path_for(seed / "release.en.txt").read_text(encoding="utf-8"))
    assert saved["decisions"][0]["action"] == "accepted"
    assert saved["decisions"][0]["who"] == "li"
    assert saved["decisions"][0]["after"].endswith("Guangdong-Jilin cooperation to a new level")


def test_the_corrected_english_keeps_the_layout(seed: Path) -> None:
    session = open_session(seed)
    for finding_id in kyrgyzstan(session):
        session.accept(finding_id)
    role = next(f for f in session.findings if f.check == "entity.role")
    session.accept(role.id)
    original = (seed / "release.en.txt").read_text(encoding="utf-8")
    corrected = session.corrected_target()
    assert "Kyrgyzstan" not in corrected
    assert corrected.count("\n") == original.count("\n")
    assert "Governor of Guangdong Province, and Hu Yuting" in corrected
    assert [f.severity for f in session.findings if f.severity != "info"] == []


def test_resume_after_a_restart(seed: Path) -> None:
    session = open_session(seed)
    first, second, _ = kyrgyzstan(session)
    session.accept(first)
    session.dismiss(second, "false alarm", comment="checked with the desk")
    resumed = open_session(seed)
    assert not resumed.changed_on_disk
    assert resumed.edits == session.edits
    assert resumed.status(second) == "dismissed"
    assert len(kyrgyzstan(resumed)) == 2
    assert resumed.comments(second)[0].comment == "checked with the desk"


def test_a_changed_file_re_anchors_decisions_and_lists_orphans(seed: Path) -> None:
    session = open_session(seed)
    first, second, _ = kyrgyzstan(session)
    session.accept(first)
    session.dismiss(second, "acceptable variant")
    # The editor rewrites the title's Chinese: the decision made on it has nothing to hold on to.
    source = seed / "source.zh.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("加强战略对接 推动粤吉合作迈上新台阶", "深化粤吉合作"), "utf-8")
    resumed = open_session(seed)
    assert resumed.changed_on_disk
    assert [d.action for d in resumed.orphans] == ["accepted"]
    assert [d.action for d in resumed.decisions] == ["dismissed"]
    assert resumed.status(second) == "dismissed"


def test_dismiss_needs_a_known_reason(seed: Path) -> None:
    session = open_session(seed)
    with pytest.raises(ValueError, match="reason must be one of"):
        session.dismiss(kyrgyzstan(session)[0], "because")


def test_a_review_folder_can_be_chosen(seed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    session = open_session(seed, store_dir=folder)
    assert session.store_path.parent == folder and session.store_path.exists()
    assert not store_path_for(seed / "release.en.txt").exists()


def test_a_corrupt_saved_review_is_a_clear_error(seed: Path) -> None:
    store_path_for(seed / "release.en.txt").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"release.en.txt.bireview.json:1: the saved review"):
        open_session(seed)


def test_locate_sentences_tolerates_rewrapped_lines() -> None:
    text = "First line\nwrapped here. Second one.\n\nThird."
    assert locate_sentences(text, ["First line wrapped here.", "Second one.", "Third."]) == [
        (0, 24),
        (25, 36),
        (38, 44),
    ]


def test_english_added_for_an_omitted_sentence_lands_after_its_neighbour(tmp_path: Path) -> None:
    source, target = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    source.write_text(
        "广东省代表团访问吉林。\n\n双方签署了合作协议，并参观了长春汽车工厂和一汽集团的研发中心，"
        "还就新能源汽车产业链合作、冰雪旅游和农产品进入大湾区市场等议题进行了深入交流，"
        "达成了多项共识。\n\n会议在长春举行。\n",
        "utf-8",
    )
    target.write_text(
        "A Guangdong delegation visited Jilin.\n\nThe meeting was held in Changchun.\n", "utf-8"
    )
    session = ReviewSession.open(
        read_document(source, lang="zh"), read_document(target, lang="en"), GLOSSARY
    )
    empty = [s for s in session.segments if not s.target_sentences]
    assert [s.id for s in empty] == [1]
    session.edit(1, "The two sides signed a cooperation agreement.")
    assert session.corrected_target() == (
        "A Guangdong delegation visited Jilin. The two sides signed a cooperation agreement."
        "\n\nThe meeting was held in Changchun.\n"
    )


def test_two_windows_on_one_review_lose_nothing(seed: Path) -> None:
    # Two app processes (or an app and a script) open the same review and decide in turn.
    left, right = open_session(seed), open_session(seed)
    first, second, third = kyrgyzstan(left)
    left.dismiss(first, "acceptable variant", who="li")
    right.accept(second, who="wang")  # saving merges li's dismissal in
    assert right.status(first) == "dismissed" and right.merged_from_disk == 1
    left.comment(third, "ask the desk", who="li")  # and this merges wang's accepted edit
    assert left.edits == right.edits and "Jilin-Guangdong" in "".join(left.edits.values())
    assert second not in {f.id for f in left.findings}  # the re-check saw wang's edit
    saved = json.loads(store_path_for(seed / "release.en.txt").read_text(encoding="utf-8"))
    assert sorted(d["action"] for d in saved["decisions"]) == ["accepted", "commented", "dismissed"]
    assert open_session(seed).status(first) == "dismissed"


def test_decisions_saved_on_other_pairs_are_kept_as_orphans(seed: Path) -> None:
    left, right = open_session(seed), open_session(seed)
    left.merge(0, who="li")
    right.dismiss(kyrgyzstan(right)[-1], "false alarm", who="wang")
    assert [d.action for d in right.orphans] == ["merged"]
    assert right.status(kyrgyzstan(right)[-1]) == "dismissed"


# -- temporary files a killed save left behind --------------------------------------------------

AN_HOUR_AGO = time.time() - 3600


def test_a_save_removes_the_temporary_files_of_a_killed_save(seed: Path) -> None:
    session = open_session(seed)
    store = session.store_path

    def beside(name: str, *, old: bool = True) -> Path:
        path = store.with_name(name)
        path.write_text("{", encoding="utf-8")
        if old:
            os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
        return path

    stale = beside(temporary_name(store, "0123abcd"))
    assert stale.name == ".release.en.txt.bireview.json.0123abcd.tmp"
    kept = [
        beside(temporary_name(store, "89abcdef"), old=False),  # a save in progress
        beside(f".{store.name}.backup01.tmp"),  # not a hex token: someone's own file
        beside(f".{store.name}.0123abcd.tmp.bak"),
        beside(f"{store.name}.0123abcd.tmp"),
        beside(temporary_name(store.with_name("other.en.txt.bireview.json"), "0123abcd")),
    ]
    session.save()
    assert not stale.exists()
    assert all(path.exists() for path in kept)
    assert json.loads(store.read_text(encoding="utf-8"))["schema"] == "bireview.review/1"


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks (fcntl) are POSIX")
def test_a_temporary_file_a_live_save_holds_is_kept(seed: Path) -> None:
    import fcntl

    session = open_session(seed)
    store = session.store_path
    # Another window's save, slow to write (its file looks old), holds its file's lock.
    live = store.with_name(temporary_name(store, "fedcba98"))
    with live.open("w", encoding="utf-8") as writing:
        fcntl.flock(writing.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.utime(live, (AN_HOUR_AGO, AN_HOUR_AGO))
        session.save()
        assert live.exists()
    session.save()  # its writer gone, the file is a leftover
    assert not live.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_file_a_killed_writer_leaves_is_the_one_a_save_removes(seed: Path) -> None:
    # A process killed between writing its temporary file and renaming it.
    store = store_path_for(seed / "release.en.txt")
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from glossary import atomic\n"
            "atomic.os.replace = lambda *_: os.kill(os.getpid(), signal.SIGKILL)\n"
            "atomic.write_atomically(sys.argv[1], '{\"half\": ')\n",
            str(store),
        ],
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    left = [path for path in seed.iterdir() if path.name.startswith(f".{store.name}.")]
    assert len(left) == 1 and not store.exists()
    os.utime(left[0], (AN_HOUR_AGO, AN_HOUR_AGO))
    open_session(seed)  # opening a review saves it
    assert store.exists() and not left[0].exists()
