"""Fixing the alignment in a review: merge and split pairs; the checks and decisions follow."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from review_app.errors import InputError
from review_app.pipeline import ReviewOptions
from review_app.readers.text import read_document
from review_app.review_store import ReviewSession, store_path_for

from .test_review_store import GLOSSARY, SEED, kyrgyzstan, open_session


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(SEED, folder)
    return folder


def role_finding(session: ReviewSession) -> str:
    return next(f.id for f in session.findings if f.check == "entity.role")


def test_merging_joins_both_sides_and_keeps_decisions_on_moved_findings(seed: Path) -> None:
    session = open_session(seed)
    before = session.current_segments()
    role = next(f for f in session.findings if f.check == "entity.role")
    last = kyrgyzstan(session)[-1]
    session.dismiss(role.id, "out of scope", who="li")
    session.dismiss(last, "false alarm", who="li")
    session.merge(role.segment - 1, who="wang")
    merged = session.current_segments()[role.segment - 1]
    assert len(session.segments) == len(before) - 1
    assert merged.source == before[role.segment - 1].source + before[role.segment].source
    assert merged.target == before[role.segment - 1].target + " " + before[role.segment].target
    # The role finding now sits in the merged pair, its span moved, and is still dismissed.
    moved = next(f for f in session.findings if f.check == "entity.role")
    assert moved.segment == role.segment - 1
    assert merged.target[moved.target_span.start : moved.target_span.end] == role.target_span.text
    assert session.status(moved.id) == "dismissed"
    # A finding after the merge is renumbered and keeps its decision too.
    assert session.status(kyrgyzstan(session)[-1]) == "dismissed"
    assert session.decisions[-1].action == "merged" and session.decisions[-1].who == "wang"


def test_splitting_undoes_a_merge(seed: Path) -> None:
    session = open_session(seed)
    original = [(s.source, s.target) for s in session.current_segments()]
    ids = [f.id for f in session.findings]
    session.merge(3)
    session.split(3, 1, 1)
    assert [(s.source, s.target) for s in session.current_segments()] == original
    assert [f.id for f in session.findings] == ids


def test_the_fixed_alignment_is_resumed_after_a_restart(seed: Path) -> None:
    session = open_session(seed)
    session.merge(0)
    saved = json.loads(store_path_for(seed / "release.en.txt").read_text(encoding="utf-8"))
    assert saved["beads"][0] == [[0, 1], [0, 1]]
    resumed = open_session(seed)
    assert len(resumed.segments) == len(session.segments)
    assert resumed.current_segments()[0].source == session.current_segments()[0].source


def test_a_changed_document_is_aligned_afresh(seed: Path) -> None:
    session = open_session(seed)
    count = len(session.segments)
    session.merge(0)
    target = seed / "release.en.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    resumed = open_session(seed)
    assert resumed.changed_on_disk
    assert len(resumed.segments) >= count
    assert [d.action for d in resumed.orphans] == ["merged"]


def test_splitting_an_edited_pair_cuts_the_edited_english(seed: Path) -> None:
    session = open_session(seed)
    session.merge(2)
    session.edit(2, "Huang Kunming presided. Jing Junhai attended.")
    session.split(2, 1, 1)
    first, second = session.current_segments()[2:4]
    assert (first.target, second.target) == ("Huang Kunming presided.", "Jing Junhai attended.")
    corrected = session.corrected_target()
    assert "new era. Huang Kunming presided. Jing Junhai attended. Wang Weizhong" in corrected


def test_merge_and_split_refuse_impossible_cuts(seed: Path) -> None:
    session = open_session(seed)
    last = len(session.segments) - 1
    with pytest.raises(ValueError, match="no next pair"):
        session.merge(last)
    with pytest.raises(ValueError, match="at least one sentence"):
        session.split(0, 1, 1)  # a 1-1 pair: the second part would be empty
    with pytest.raises(ValueError, match="1 Chinese and 1 English"):
        session.split(0, 2, 0)


def test_a_split_can_leave_one_side_empty(seed: Path) -> None:
    session = open_session(seed)
    session.merge(2)
    session.split(2, 1, 2)  # both English sentences with the first Chinese: a 1-2 and a 1-0
    first, second = session.current_segments()[2:4]
    assert (first.source_sentences, first.target_sentences) == ((2,), (2, 3))
    assert (second.source_sentences, second.target_sentences, second.target) == ((3,), (), "")
    # The English of both sentences is still in the corrected document, once.
    assert session.corrected_target() == (seed / "release.en.txt").read_text(encoding="utf-8")


def test_a_saved_alignment_that_does_not_fit_is_refused(seed: Path) -> None:
    session = open_session(seed)
    session.merge(0)
    path = store_path_for(seed / "release.en.txt")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["beads"] = data["beads"][1:]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="saved alignment does not fit"):
        ReviewSession.open(
            read_document(seed / "source.zh.txt", lang="zh"),
            read_document(seed / "release.en.txt", lang="en"),
            GLOSSARY,
            ReviewOptions(),
        )
