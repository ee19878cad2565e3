"""Indexes kept on disk between runs (glossary.cache), the glossary's own among them."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest

from glossary import cache, load
from glossary.load import BUILTIN_DIR, load_glossary

CODE = Path(cache.__file__)


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BIREVIEW_CACHE_DIR", str(folder))
    return folder


def test_an_index_is_built_once_then_read_back(cache_dir: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"a": 1}

    assert cache.cached("demo", ("pydantic",), CODE, build, dict) == {"a": 1}
    assert cache.cached("demo", ("pydantic",), CODE, build, dict) == {"a": 1}
    assert len(built) == 1
    assert len(list(cache_dir.glob("demo-*.pickle"))) == 1


def test_a_build_removes_what_a_killed_save_left_behind(cache_dir: Path) -> None:
    import os
    import time

    cache_dir.mkdir()
    dead = cache_dir / ".demo-abc123"  # the temporary file of a save killed before its rename
    live = cache_dir / ".demo-def456"  # another process saving at this moment
    other = cache_dir / ".other-abc123"  # another index's
    for path in (dead, live, other):
        path.write_bytes(b"half a pickle")
    old = time.time() - 3600
    os.utime(dead, (old, old))
    os.utime(other, (old, old))
    cache.cached("demo", ("pydantic",), CODE, lambda: {"e": 5}, dict)
    assert not dead.exists()
    assert live.exists() and other.exists()


def test_an_unreadable_or_foreign_cache_file_is_rebuilt(cache_dir: Path) -> None:
    path = cache.cache_path("demo", ("pydantic",), CODE)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert cache.cached("demo", ("pydantic",), CODE, lambda: {"b": 2}, dict) == {"b": 2}
    # A file of the wrong type (another version's layout) is rebuilt too.
    assert cache.cached("demo", ("pydantic",), CODE, lambda: ["c"], list) == ["c"]


def test_a_rebuild_deletes_the_copies_it_replaces(cache_dir: Path) -> None:
    cache_dir.mkdir()
    stale = cache_dir / "demo-0.0-000000000000.pickle"  # built by other code
    earlier = cache.cache_path("demo", ("pydantic",), CODE, ("here", "old"))
    elsewhere = cache.cache_path("demo", ("pydantic",), CODE, ("there", "old"))
    assert earlier is not None and elsewhere is not None
    for path in (stale, earlier, elsewhere):
        path.write_bytes(b"x")
    cache.cached("demo", ("pydantic",), CODE, lambda: {"d": 4}, dict, ("here", "new"))
    assert not stale.exists() and not earlier.exists()
    assert elsewhere.exists()  # another glossary's cache stays


def test_a_read_only_cache_folder_is_no_reason_to_fail(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BIREVIEW_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached("demo", ("pydantic",), CODE, lambda: {"e": 5}, dict) == {"e": 5}


def test_a_glossary_is_read_back_until_a_file_changes(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(BUILTIN_DIR, folder)
    monkeypatch.setattr(load, "_worth_keeping", lambda paths: True)
    first = load_glossary(folder)
    assert len(list(cache_dir.glob("glossary-*.pickle"))) == 1

    load._load_cached.cache_clear()
    monkeypatch.setattr(load, "_build", _no_rebuild)
    again = load_glossary(folder)
    assert again.version == first.version and again.persons.keys() == first.persons.keys()

    # An edit is read afresh, and the earlier copy leaves the cache.
    monkeypatch.undo()
    monkeypatch.setenv("BIREVIEW_CACHE_DIR", str(cache_dir))
    monkeypatch.setattr(load, "_worth_keeping", lambda paths: True)
    terms = folder / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load._load_cached.cache_clear()
    edited = load_glossary(folder)
    assert edited.version != first.version
    assert len(list(cache_dir.glob("glossary-*.pickle"))) == 1


@pytest.mark.parametrize(
    ("temporary", "home"),
    [
        ("tmp", "home/someone"),  # the usual layout
        ("tmp", "tmp/someone"),  # HOME=/tmp/someone: a container's, a sandbox's
        ("home/someone/tmp", "home/someone"),  # TMPDIR=~/tmp
    ],
)
def test_glossaries_in_temporary_folders_are_not_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, temporary: str, home: str
) -> None:
    # The layout is the test's own, whatever HOME and TMPDIR this run has.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / temporary))
    monkeypatch.setenv("HOME", str(tmp_path / home))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / home))  # Path.home() on Windows
    upload = tmp_path / temporary / "upload-1a2b" / "places.yaml"
    own = tmp_path / home / "glossary" / "places.yaml"
    assert not load._worth_keeping((str(upload),))
    assert load._worth_keeping((str(own),))
    assert not load._worth_keeping((str(own), str(upload)))


def _no_rebuild(contents: dict[str, bytes]) -> None:
    raise AssertionError("the glossary was parsed again instead of read from the cache")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_build_is_announced_on_a_terminal_only(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    args = ("demo", ("pydantic",), CODE, lambda: {"f": 6}, dict)
    cache.cached(*args, announce="building the demo index")
    cache.cached(*args, announce="building the demo index")  # read back: nothing to say
    assert terminal.getvalue() == (
        f"bireview: building the demo index, once for this machine ({cache_dir})\n"
    )
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    cache.cached("other", ("pydantic",), CODE, lambda: {"g": 7}, dict, announce="building")
    assert piped.getvalue() == ""
