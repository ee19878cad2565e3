"""Hostile YAML a user hands the review app: meta.yaml, a glossary, through the command line."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from review_app.cli import main
from review_app.errors import InputError
from review_app.readers.meta import read_meta
from tests.hostile import billion_laughs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"


def test_meta_yaml_with_nested_aliases_is_refused_at_once(tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("# dated\ndate: 2023-11-10\n" + billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError) as refused:
        read_meta(meta)
    assert time.perf_counter() - start < 0.5
    assert str(refused.value) == (
        f"{meta}:3: YAML anchors and aliases (&name, *name) are not allowed in meta.yaml"
    )


def test_meta_yaml_refuses_even_one_anchor_and_alias(tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("date: &d 2023-11-10\ntitle: x\nalso: *d\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"meta\.yaml:1: YAML anchors and aliases"):
        read_meta(meta)
    meta.write_text("title: 'R&D *news*'\ndate: 2023-11-10\n", encoding="utf-8")
    assert read_meta(meta).date.isoformat() == "2023-11-10"  # & and * in text are fine


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(SEED, folder)
    return folder


def test_check_refuses_a_hostile_meta_yaml_in_one_line(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_copy / "meta.yaml").write_text(billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    assert main(["check", str(seed_copy)]) == 2
    assert time.perf_counter() - start < 5  # the glossary and the review's set-up included
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"bireview: error: {seed_copy / 'meta.yaml'}:1: YAML anchors and aliases "
        "(&name, *name) are not allowed in meta.yaml\n"
    )


def test_check_refuses_a_hostile_glossary_in_one_line(
    seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.yaml").write_text(billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    assert main(["check", str(seed_copy), "--glossary", str(glossary)]) == 2
    assert time.perf_counter() - start < 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        f"bireview: error: {glossary / 'terms.yaml'}:1: YAML anchors on mappings and lists (&a) "
        "are not allowed in glossary files"
    )
