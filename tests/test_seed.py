"""End to end: the seed release gives exactly the findings in its expected.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from review_app.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "guangdong-jilin-2023-11-10"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seed") / "report.json"
    assert main(["check", str(SEED), "--format", "json", "-o", str(out)]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_seed_english_is_the_shared_seed_verbatim() -> None:
    shared = SEED.parents[2] / "shared" / "seeds" / "000_7118052cc9462223.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert (SEED / "release.en.txt").read_bytes() == shared.read_bytes()


def test_seed_gives_exactly_the_expected_findings(report: dict) -> None:
    expected = YAML(typ="safe").load((SEED / "expected.yaml").read_text(encoding="utf-8"))
    segments = {segment["id"]: segment for segment in report["segments"]}
    got = [
        {
            "check": f["check"],
            "severity": f["severity"],
            "source": f["source_span"]["text"] if f["source_span"] else None,
            "target": f["target_span"]["text"] if f["target_span"] else None,
            "suggestion": f["suggestion"],
            "glossary_id": f["glossary_id"],
            "segment_target": segments[f["segment"]]["target"],
        }
        for f in report["findings"]
        if f["severity"] != "info"
    ]
    assert len(got) == len(expected["findings"])
    for want, have in zip(expected["findings"], got, strict=True):
        context = want.pop("target_context")
        assert context in have.pop("segment_target")
        assert have == want


def test_seed_report_follows_the_schema(report: dict) -> None:
    assert list(report) == ["schema", "source", "target", "date", "segments", "findings", "summary"]
    assert report["schema"] == "bireview.report/1"
    assert report["date"] == "2023-11-10"
    assert report["source"]["lang"] == "zh" and report["target"]["lang"] == "en"
    assert report["summary"]["findings"]["critical"] == 4
    assert report["summary"]["segments"] == len(report["segments"])
    for finding in report["findings"]:
        segment = report["segments"][finding["segment"]]
        for side, text in (("source_span", segment["source"]), ("target_span", segment["target"])):
            span = finding[side]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
    covered = sorted(i for s in report["segments"] for i in s["source_sentences"])
    assert covered == list(range(len(covered)))
    for segment in report["segments"]:
        assert 0.0 <= segment["confidence"] <= 1.0
