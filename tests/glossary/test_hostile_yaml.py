"""Hostile glossary YAML: nested anchors and aliases are refused before anything is built."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from glossary import yamlio
from glossary.errors import GlossaryError
from glossary.load import BUILTIN_DIR, load_glossary
from glossary.proposals import read_proposals
from glossary.yamlio import anchor_problem, parse_yaml
from tests.hostile import billion_laughs


def test_the_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    text = billion_laughs()
    assert len(text) < 400 and text.count("*") == 8 * 9
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(GlossaryError) as refused:
        load_glossary(tmp_path)
    assert time.perf_counter() - start < 0.5
    assert refused.value.line == 1
    assert str(refused.value) == (
        f"{tmp_path / 'terms.yaml'}:1: YAML anchors on mappings and lists (&a) are not allowed "
        "in glossary files; only a single value may be anchored and repeated (*name)"
    )


def test_one_anchored_entry_and_its_alias_are_refused(tmp_path: Path) -> None:
    (tmp_path / "places.yaml").write_text(
        textwrap.dedent(
            """\
            # A copy of an entry by alias.
            places:
              - &jilin
                id: province.jilin
                kind: province
                zh: 吉林省
                en: Jilin
              - *jilin
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=r"places\.yaml:3: YAML anchors on mappings"):
        load_glossary(tmp_path)


def test_a_merge_key_needs_an_anchored_mapping_and_is_refused() -> None:
    text = "base: &base {kind: province}\nplaces:\n  - <<: *base\n    id: province.x\n"
    with pytest.raises(GlossaryError, match=r"^g\.yaml:1: YAML anchors on mappings and lists"):
        parse_yaml("g.yaml", text, error=GlossaryError)


def test_an_anchored_text_value_may_be_repeated_within_a_limit() -> None:
    # As the built-in provinces.yaml repeats its source: a text value, anchored once.
    text = "a: &gb 'GB/T 2260'\nb: *gb\nc: [*gb, *gb]\n"
    assert parse_yaml("g.yaml", text, error=GlossaryError) == {
        "a": "GB/T 2260",
        "b": "GB/T 2260",
        "c": ["GB/T 2260", "GB/T 2260"],
    }
    # Aliases repeating a long value many times over are refused at the first one too many.
    long = "x" * 10_000
    aliases = yamlio.ALIASED_TEXT_LIMIT // len(long) + 1
    text = f"a: &long {long}\nb:\n" + "  - *long\n" * aliases
    with pytest.raises(GlossaryError) as refused:
        parse_yaml("g.yaml", text, error=GlossaryError)
    assert refused.value.line == 2 + aliases
    assert "YAML aliases (*name) repeat more than 1,000,000 characters" in str(refused.value)


def test_without_aliases_even_a_text_value_is_refused() -> None:
    text = "date: 2023-11-10\nnote: &n hello\nagain: *n\n"
    assert anchor_problem(text, what="meta.yaml", aliases=False) == (
        2,
        7,
        "YAML anchors and aliases (&name, *name) are not allowed in meta.yaml",
    )
    # An & or * inside a value is text, not an anchor.
    assert anchor_problem("note: 'R&D *not* an alias'\nq: a & b\n", aliases=False) is None


def test_a_syntax_error_is_still_reported_as_one() -> None:
    # Before the first anchor: the loader's own message, at its line.
    text = "a: b: c\nd: &x 1\ne: *x\n"
    with pytest.raises(GlossaryError, match=r"^g\.yaml:1: YAML syntax error: mapping values"):
        parse_yaml("g.yaml", text, error=GlossaryError)


def test_the_built_in_glossary_passes_the_check_quickly() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(BUILTIN_DIR.glob("*.yaml"))]
    start = time.perf_counter()
    assert [anchor_problem(text) for text in texts] == [None] * len(texts)
    assert time.perf_counter() - start < 1.0  # a single pass over the events (~0.05 s)
    assert load_glossary(BUILTIN_DIR).places["municipality.tianjin"].source


def test_a_proposals_file_with_nested_aliases_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "proposals.yaml"
    path.write_text("proposals:\n" + textwrap.indent(billion_laughs(), "  - "), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(GlossaryError, match=r"proposals\.yaml:2: YAML anchors on mappings"):
        read_proposals(path)
    assert time.perf_counter() - start < 0.5
