"""Review aligned pairs with chosen checks and the built-in glossary: the check tests' helper."""

from __future__ import annotations

from glossary.load import load_glossary
from review_app.document import Segment
from review_app.findings import Finding
from review_app.pipeline import ReviewOptions, review_segments


def review_pairs(checks: tuple[str, ...], *pairs: tuple[str, str]) -> tuple[Finding, ...]:
    """The findings of ``checks`` on ``pairs`` (Chinese, English), one segment a pair, in one
    document."""
    segments = [
        Segment(
            id=i, source=zh, target=en, source_sentences=(i,), target_sentences=(i,), confidence=1.0
        )
        for i, (zh, en) in enumerate(pairs)
    ]
    report = review_segments(
        segments,
        load_glossary(),
        ReviewOptions(checks=checks),
        source_path="a.zh.txt",
        target_path="a.en.txt",
    )
    return report.findings
