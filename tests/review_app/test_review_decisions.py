"""Undo, reopen and "all identical" in a review session (issue 17): every decision can be
taken back, the history keeps it, and one action settles an error repeated through a document."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from review_app.report.csv_report import BOM, to_csv
from review_app.review_store import store_path_for
from tests.review_app.test_review_store import kyrgyzstan, open_session, seed  # noqa: F401


def test_undo_takes_back_an_accepted_suggestion_and_is_saved(seed: Path) -> None:  # noqa: F811
    session = open_session(seed)
    original = session.current_segments()[0].target
    first = kyrgyzstan(session)[0]
    session.accept(first, who="li")
    assert "Kyrgyzstan" not in session.current_segments()[0].target.split("cooperation")[0]
    undone = session.undo(who="li")
    assert undone.action == "accepted"
    assert session.current_segments()[0].target == original
    assert first in kyrgyzstan(session) and session.status(first) == "open"
    saved = json.loads(store_path_for(seed / "release.en.txt").read_text(encoding="utf-8"))
    assert [d["action"] for d in saved["decisions"]] == ["accepted", "undone"]
    # The session opened again resumes with the undo in force.
    again = open_session(seed)
    assert again.current_segments()[0].target == original
    assert again.status(first) == "open"


def test_undo_and_reopen_a_dismissal(seed: Path) -> None:  # noqa: F811
    session = open_session(seed)
    first, second, _ = kyrgyzstan(session)
    session.dismiss(first, "false alarm")
    session.dismiss(second, "false alarm")
    assert session.undo().finding_id == second  # the last one first
    assert (session.status(first), session.status(second)) == ("dismissed", "open")
    session.reopen(first)
    assert session.status(first) == "open"
    with pytest.raises(ValueError, match="open already"):
        session.reopen(first)
    # Undoing the reopening dismisses it again; nothing left after that raises.
    session.undo()
    assert session.status(first) == "dismissed"
    session.undo()
    assert session.status(first) == "open"
    with pytest.raises(ValueError, match="no decision to undo"):
        session.undo()


def test_all_identical_findings_in_one_action(seed: Path) -> None:  # noqa: F811
    session = open_session(seed)
    first, reversed_pair, third = kyrgyzstan(session)  # 粤吉, 吉粤, 粤吉 again
    # The count shown before: the same check on the same words, not 吉粤.
    assert [f.id for f in session.identical(first)] == [first, third]
    assert session.dismiss_identical(first, "false alarm", who="li") == [first, third]
    assert [session.status(i) for i in (first, reversed_pair, third)] == [
        "dismissed",
        "open",
        "dismissed",
    ]
    assert session.identical(first) == []  # dismissed: no open twin is left
    session.undo()
    session.undo()
    assert session.accept_identical(third) == [first, third]
    assert kyrgyzstan(session) == [reversed_pair]
    assert "Guangdong-Kyrgyzstan" not in session.corrected_target()


def test_the_csv_report_carries_every_decision_in_force(seed: Path) -> None:  # noqa: F811
    session = open_session(seed)
    first, second, third = kyrgyzstan(session)
    session.dismiss(second, "out of scope")
    session.reopen(second)
    session.dismiss(third, "acceptable variant")
    session.undo()  # the dismissal of the third
    session.accept(first, who="li")  # fixed: no longer a finding of the report
    report = replace(session.report, decisions=tuple(session.decisions))
    rows = list(csv.DictReader(io.StringIO(to_csv(report).removeprefix(BOM))))
    by_id = {row["finding_id"]: row for row in rows}
    assert by_id[second]["status"] == "open"  # reopened
    assert by_id[third]["status"] == "open"  # its dismissal undone
    fixed = by_id[first]
    assert (fixed["status"], fixed["decided_by"], fixed["check"]) == (
        "accepted",
        "li",
        "entity.false_friend",
    )
    assert "Guangdong-Jilin" in fixed["segment_target"]
