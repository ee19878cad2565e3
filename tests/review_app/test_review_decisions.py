"""Undo, reopen and "all identical" in a review session (issue 17): every decision can be
taken back, the history keeps it, and one action settles an error repeated through a document."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from review_app.report.csv_report import BOM, to_csv
from review_app.review_store import store_path_for
from tests.review_app.test_review_store import SEED, kyrgyzstan, open_session, seed  # noqa: F401


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


def test_all_identical_is_one_accept_a_finding_and_undoes_one_by_one(tmp_path: Path) -> None:
    # The same error twice in one pair and once in another: one action fixes the three, as
    # accepting them one by one would, and checks the document again once.
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "source.zh.txt").write_text(
        "粤吉合作成果丰硕，粤吉合作前景广阔。\n\n双方将深化粤吉合作。\n", encoding="utf-8"
    )
    wrong = (
        "Guangdong-Kyrgyzstan cooperation has borne fruit, and Guangdong-Kyrgyzstan "
        "cooperation has a bright future.\n\n"
        "The two sides will deepen Guangdong-Kyrgyzstan cooperation.\n"
    )
    (folder / "release.en.txt").write_text(wrong, encoding="utf-8")
    shutil.copy(SEED / "meta.yaml", folder / "meta.yaml")
    session = open_session(folder)
    found = kyrgyzstan(session)
    assert len(found) == 3 and [f.id for f in session.identical(found[0])] == found
    checks = []
    original = session.recheck
    session.recheck = lambda: checks.append(1) or original()  # type: ignore[method-assign]
    assert session.accept_identical(found[0], who="li") == found
    assert checks == [1]
    assert kyrgyzstan(session) == []
    assert session.corrected_target() == wrong.replace("Kyrgyzstan", "Jilin")
    assert [session.status(f) for f in found] == ["accepted"] * 3
    # Each accept is a decision of its own: undo takes them back one at a time.
    session.undo()
    session.undo()
    assert session.corrected_target().count("Kyrgyzstan") == 2
    session.undo()
    assert session.corrected_target() == wrong


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
