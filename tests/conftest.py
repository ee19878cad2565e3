"""Fixtures shared by the test folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.load import BUILTIN_DIR


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """A copy of the built-in glossary's YAML files, to edit or to write proposals beside."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    for source in BUILTIN_DIR.glob("*.yaml"):
        (folder / source.name).write_bytes(source.read_bytes())
    return folder
