"""BLEU, chrF and TER against a reference: sacrebleu's numbers checked against small independent
implementations, the pairing of two English texts, and ``bireview score`` / ``check --reference``
/ ``batch --reference-dir``."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from review_app.cli import main
from review_app.pairing import align_english, pair_texts, pair_through_source, pair_with_segments
from review_app.report.model import Report
from review_app.scoring import Pair, score_pairs

# -- independent implementations (no sacrebleu) ------------------------------------------------


def ngrams(items: str | list[str], n: int) -> Counter:
    return Counter(tuple(items[k : k + n]) for k in range(len(items) - n + 1))


def bleu(pairs: list[tuple[str, str]], order: int = 4) -> float:
    """Corpus BLEU (Papineni et al.): clipped n-gram precisions summed over the corpus, their
    geometric mean, times the brevity penalty exp(1 - r/c) when the output is shorter. For
    text that needs no tokenizing (lowercase words, no punctuation) and no zero precision."""
    hyp_len = ref_len = 0
    matches, totals = [0] * order, [0] * order
    for hyp, ref in pairs:
        hyp_words, ref_words = hyp.split(), ref.split()
        hyp_len, ref_len = hyp_len + len(hyp_words), ref_len + len(ref_words)
        for n in range(1, order + 1):
            hyp_grams, ref_grams = ngrams(hyp_words, n), ngrams(ref_words, n)
            matches[n - 1] += sum(min(c, ref_grams[g]) for g, c in hyp_grams.items())
            totals[n - 1] += sum(hyp_grams.values())
    effective = [n for n in range(order) if totals[n]]  # orders the output has n-grams of
    brevity = 1.0 if hyp_len >= ref_len else math.exp(1 - ref_len / hyp_len)
    mean = sum(math.log(matches[n] / totals[n]) for n in effective) / len(effective)
    return 100 * brevity * math.exp(mean)


def chrf(pairs: list[tuple[str, str]], order: int = 6, beta: float = 2.0) -> float:
    """chrF (Popović 2015): character n-grams (spaces removed) of orders 1-6, precision and
    recall summed over the corpus for each order, averaged over the orders, F-beta of the two."""
    precisions, recalls = [], []
    for n in range(1, order + 1):
        matched = hyp_total = ref_total = 0
        for hyp, ref in pairs:
            hyp_grams, ref_grams = ngrams("".join(hyp.split()), n), ngrams("".join(ref.split()), n)
            matched += sum((hyp_grams & ref_grams).values())
            hyp_total += sum(hyp_grams.values())
            ref_total += sum(ref_grams.values())
        if hyp_total and ref_total:
            precisions.append(matched / hyp_total)
            recalls.append(matched / ref_total)
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return 100 * (1 + beta**2) * p * r / (beta**2 * p + r)


def word_edits(hyp: str, ref: str) -> int:
    """Levenshtein distance over lowercased words: TER's edits when no shift helps."""
    a, b = hyp.lower().split(), ref.lower().split()
    row = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != other))
    return row[-1]


def ter(pairs: list[tuple[str, str]]) -> float:
    """Corpus TER without shifts: all edits over all reference words."""
    edits = sum(word_edits(hyp, ref) for hyp, ref in pairs)
    return 100 * edits / sum(len(ref.split()) for _hyp, ref in pairs)


# (hypothesis, reference): a substitution; three words missing (so a brevity penalty); no
# shift would save an edit. Lowercase words without punctuation: no tokenizer involved.
CORPUS = [
    ("the quick brown fox jumps over the lazy dog", "the quick brown fox jumped over the lazy dog"),
    ("a fast train left the station", "a fast train left the old station at noon"),
]


def scored(corpus: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    return score_pairs([Pair(hyp, ref) for hyp, ref in corpus], pairing="lines")


def test_document_scores_agree_with_independent_implementations() -> None:
    scores = scored(CORPUS)
    assert scores.metric("bleu").score == pytest.approx(bleu(CORPUS), abs=1e-6)
    assert scores.metric("chrf").score == pytest.approx(chrf(CORPUS), abs=1e-6)
    assert scores.metric("ter").score == pytest.approx(ter(CORPUS), abs=1e-6)
    # The hand-computed values: TER (1 + 3) edits / 18 reference words; BLEU with BP e^-0.2.
    assert scores.metric("ter").score == pytest.approx(400 / 18, abs=1e-9)
    assert bleu(CORPUS) == pytest.approx(
        100 * math.exp(-0.2) * (14 / 15 * 10 / 13 * 7 / 11 * 4 / 9) ** 0.25, abs=1e-9
    )


@pytest.mark.parametrize("index", [0, 1])
def test_segment_scores_agree_with_independent_implementations(index: int) -> None:
    segment = scored(CORPUS).segments[index]
    pair = [CORPUS[index]]
    assert segment.chrf == pytest.approx(chrf(pair), abs=1e-6)
    assert segment.ter == pytest.approx(ter(pair), abs=1e-6)
    assert segment.edits == word_edits(*CORPUS[index])
    assert segment.bleu == pytest.approx(bleu(pair), abs=1e-6)


def test_segment_bleu_uses_the_effective_order() -> None:
    # Three words have no 4-gram: BLEU over orders 1-3 (1/1 each), brevity e^(1 - 4/3).
    segment = scored([("the cat sat", "the cat sat down")]).segments[0]
    assert segment.bleu == pytest.approx(100 * math.exp(1 - 4 / 3), abs=1e-9)
    assert segment.bleu == pytest.approx(bleu([("the cat sat", "the cat sat down")]), abs=1e-9)


def test_signatures_are_sacrebleus() -> None:
    import sacrebleu

    scores = scored(CORPUS)
    version = f"version:{sacrebleu.__version__}"
    assert (
        scores.metric("bleu").signature == f"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|{version}"
    )
    assert scores.metric("ter").signature.startswith("nrefs:1|case:lc|tok:tercom|")
    assert dict(scores.segment_signatures)["bleu"].startswith("nrefs:1|case:mixed|eff:yes|")
    assert all(score.signature.endswith(version) for score in scores.document)


def test_a_side_left_empty_is_fully_changed_and_most_changed_comes_first() -> None:
    scores = scored(
        [("the same words", "the same words"), ("", "an added sentence"), ("x y", "x z")]
    )
    assert [s.ter for s in scores.segments] == [0.0, 100.0, 50.0]
    assert [s.id for s in scores.most_changed()] == [1, 2, 0]
    assert [s.id for s in scores.most_changed(1)] == [1]


# -- pairing -----------------------------------------------------------------------------------

EN = "The plan was approved on Monday, and work will start in May. The mayor attended. Costs rose."
SPLIT = "The plan was approved on Monday. Work will start in May. The mayor attended. Costs rose."


def links(pairing) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    return [(p.hypothesis_units, p.reference_units) for p in pairing.pairs]


def test_files_one_segment_a_line_with_as_many_lines_are_paired_line_by_line() -> None:
    pairing = pair_texts("One. Two.\nThree.\nFour.\n", "One.\nTwo. Three.\nFour!\n")
    assert pairing.method == "lines"
    assert [(p.hypothesis, p.reference) for p in pairing.pairs] == [
        ("One. Two.", "One."),
        ("Three.", "Two. Three."),
        ("Four.", "Four!"),
    ]


@pytest.mark.parametrize(
    ("hypothesis", "reference", "expected"),
    [
        # a sentence split in two: 1-2
        (EN, SPLIT, [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))]),
        # two sentences joined: 2-1
        (SPLIT, EN, [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]),
        # a sentence added in the reference: 0-1
        (
            "The mayor attended. Costs rose.",
            "The mayor attended. A new school opened in the north. Costs rose.",
            [((0,), (0,)), ((), (1,)), ((1,), (2,))],
        ),
        # a sentence the reference does not have: 1-0
        (
            "The mayor attended. A new school opened in the north. Costs rose.",
            "The mayor attended. Costs rose.",
            [((0,), (0,)), ((1,), ()), ((2,), (1,))],
        ),
        # a sentence rewritten is still paired 1-1
        (
            "The mayor attended. Costs rose. Prices fell.",
            "The mayor attended. Spending went up sharply. Prices fell.",
            [((0,), (0,)), ((1,), (1,)), ((2,), (2,))],
        ),
    ],
)
def test_sentences_are_aligned(hypothesis: str, reference: str, expected: list) -> None:
    pairing = pair_texts(hypothesis, reference)
    assert pairing.method == "sentences"
    assert links(pairing) == expected


def test_an_added_sentence_is_paired_with_nothing_and_scored_fully_changed() -> None:
    pairing = pair_texts(
        "The mayor attended. Costs rose.", "The mayor attended. Rain fell. Costs rose."
    )
    scores = score_pairs(pairing.pairs, pairing=pairing.method)
    added = scores.most_changed(1)[0]
    assert (added.pair.hypothesis, added.pair.reference, added.ter) == ("", "Rain fell.", 100.0)


def test_paragraph_breaks_do_not_bind_the_sentences() -> None:
    # The reference moved the first paragraph's last sentence to the second paragraph.
    hypothesis = "The mayor attended. Costs rose.\n\nPrices fell. Rain came.\n"
    reference = "The mayor attended.\n\nCosts rose. Prices fell. Rain came.\n"
    pairing = pair_texts(hypothesis, reference)
    assert pairing.method == "sentences"
    assert links(pairing) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


def test_a_long_text_is_aligned_within_the_band() -> None:
    rng = random.Random(8)
    words = ["river", "budget", "council", "harbour", "school", "rail", "grain", "tariff"]
    sentences = [
        " ".join(rng.choice(words) for _ in range(8)).capitalize() + "." for _ in range(600)
    ]
    reference = [*sentences[:300], "An inserted sentence about nothing at all.", *sentences[300:]]
    result = align_english(sentences, reference)
    assert result[300] == ((), (300,))
    assert all(h == (k if k < 300 else k - 1,) for k, (h, _r) in enumerate(result) if h)
    assert len(result) == 601


ZH = "广东省委书记黄坤明出席会议。吉林省委书记景俊海出席会议。双方签署了合作协议。"
RELEASE = (
    "Huang Kunming, Party Secretary of Guangdong, attended. Jing Junhai, Party Secretary of "
    "Jilin, attended. The two sides signed a cooperation agreement."
)
REFERENCE = (
    "Huang Kunming, Party Secretary of Guangdong, attended. Jing Junhai attended. He is Party "
    "Secretary of Jilin. The two sides signed an agreement on cooperation."
)


def test_two_texts_are_paired_through_the_source() -> None:
    from glossary.load import load_glossary
    from review_app.document import Document

    pairing = pair_through_source(
        Document("zh.txt", ZH, "zh"),
        Document("a.txt", RELEASE, "en"),
        Document("b.txt", REFERENCE, "en"),
        load_glossary(None),
    )
    assert pairing.method == "source"
    assert [p.source for p in pairing.pairs] == [
        "广东省委书记黄坤明出席会议。",
        "吉林省委书记景俊海出席会议。",
        "双方签署了合作协议。",
    ]
    assert pairing.pairs[1].reference == "Jing Junhai attended. He is Party Secretary of Jilin."
    assert pairing.pairs[1].reference_units == (1, 2)


def test_a_reviews_segments_are_paired_with_the_reference() -> None:
    from review_app.document import Segment

    segments = [
        Segment(0, "甲。", "The mayor attended. He spoke.", (0,), (0, 1), 1.0),
        Segment(1, "乙。", "", (1,), (), 1.0),  # no English
        Segment(2, "丙。", "Costs rose.", (2,), (2,), 1.0),
    ]
    pairing = pair_with_segments(segments, "The mayor attended. He spoke briefly. Costs rose.")
    assert [(p.segments, p.reference) for p in pairing.pairs] == [
        ((0,), "The mayor attended. He spoke briefly."),
        ((2,), "Costs rose."),
    ]


def test_two_segments_the_reference_joined_are_scored_together() -> None:
    from review_app.document import Segment

    segments = [
        Segment(0, "甲。", "The mayor attended the opening.", (0,), (0,), 1.0),
        Segment(1, "乙。", "He gave a long speech about the budget.", (1,), (1,), 1.0),
        Segment(2, "丙。", "Costs rose.", (2,), (2,), 1.0),
    ]
    reference = (
        "The mayor attended the opening and gave a long speech about the budget. Costs rose."
    )
    pairing = pair_with_segments(segments, reference)
    assert [p.segments for p in pairing.pairs] == [(0, 1), (2,)]
    scores = score_pairs(pairing.pairs, pairing=pairing.method)
    assert scores.by_segment()[0] is scores.by_segment()[1]


def test_the_translations_of_a_bilingual_file_can_be_scored(tmp_path: Path, capsys) -> None:
    tsv = write(tmp_path, "job.tsv", "广东。\tThe mayor attended.\n吉林。\tCosts rose.\n")
    final = write(tmp_path, "final.txt", "The mayor attended.\nCosts rose sharply.\n")
    assert main(["score", tsv, final, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairing"] == "lines"
    assert [s["hypothesis"] for s in data["segments"]] == ["The mayor attended.", "Costs rose."]


# -- bireview score ----------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_score_text_output_has_signatures_and_the_most_changed_first(
    tmp_path: Path, capsys
) -> None:
    draft = write(tmp_path, "draft.en.txt", "The cat sat.\nIt rained all day.\nWe left early.\n")
    final = write(tmp_path, "final.en.txt", "The cat sat.\nIt snowed.\nWe left early today.\n")
    assert main(["score", draft, final, "--top", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"hypothesis: {draft}" and lines[1] == f"reference:  {final}"
    assert "pairing:    3 segments, line by line" in out
    assert any(line.startswith("BLEU = ") for line in lines)
    assert "  signature: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in out
    assert "  signature: nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:" in out
    assert "segment BLEU: nrefs:1|case:mixed|eff:yes|" in out
    listed = [line for line in lines if line.startswith("[segment ")]
    assert [line.split("]")[0] for line in listed] == ["[segment 1", "[segment 2"]
    # "it rained all day." → "it snowed.": 3 edits over 2 reference words (TER exceeds 100).
    assert listed[0].startswith("[segment 1] TER 150.00") and listed[0].endswith("(3 edits)")
    assert "  ref: It snowed." in out


def test_score_json_has_every_segment(tmp_path: Path, capsys) -> None:
    draft = write(tmp_path, "draft.en.txt", "The mayor attended. Costs rose.\n")
    final = write(tmp_path, "final.en.txt", "The mayor attended. Rain fell. Costs rose.\n")
    output = tmp_path / "scores.json"
    assert main(["score", draft, final, "--format", "json", "-o", str(output)]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["schema"] == "bireview.scores/1"
    assert data["pairing"] == "sentences"
    assert set(data["document"]) == {"bleu", "chrf", "ter"}
    assert data["document"]["chrf"]["signature"].startswith("nrefs:1|case:mixed|eff:yes|nc:6")
    assert [(s["hypothesis"], s["reference"], s["ter"]) for s in data["segments"]] == [
        ("The mayor attended.", "The mayor attended.", 0.0),
        ("", "Rain fell.", 100.0),
        ("Costs rose.", "Costs rose.", 0.0),
    ]


def test_score_csv_is_one_row_a_segment(tmp_path: Path, capsys) -> None:
    import csv
    import io

    draft = write(tmp_path, "a.txt", "=cmd|' /C calc'!A0 is here.\nSecond line.\n")
    final = write(tmp_path, "b.txt", "Something else.\nSecond line.\n")
    assert main(["score", draft, final, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffid,ter,edits,bleu,chrf,hypothesis,reference")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 3 and rows[1][5].startswith("'=")  # no formula in a spreadsheet


def test_score_through_the_source(tmp_path: Path, capsys) -> None:
    source = write(tmp_path, "a.zh.txt", ZH)
    release, reference = write(tmp_path, "a.txt", RELEASE), write(tmp_path, "b.txt", REFERENCE)
    assert main(["score", release, reference, "--source", source, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairing"] == "source" and data["source"] == {"path": source}
    assert [s["source"] for s in data["segments"]][1] == "吉林省委书记景俊海出席会议。"


def score_bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    good = write(tmp_path, "good.en.txt", "The cat sat.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    chinese = write(tmp_path, "zh.txt", ZH)
    missing = str(tmp_path / "nope.txt")
    return {
        "missing": (["score", missing, good], f"{missing}: file not found"),
        "empty": (["score", good, str(empty)], f"{empty}: the file is empty"),
        "binary": (["score", str(binary), good], f"{binary}: this is not a text file"),
        "chinese": (["score", chinese, good], f"{chinese}: this looks like Chinese"),
        "source missing": (["score", good, good, "--source", missing], f"{missing}: file not"),
        "top": (["score", good, good, "--top", "-1"], "--top -1: give 0 or more"),
        "overwrite": (["score", good, good, "-o", good], f"{good}: not written (-o): it is the"),
        "check reference": (
            ["check", chinese, good, "--reference", missing],
            f"{missing}: file not found",
        ),
        "batch reference": (
            ["batch", chinese, "--out", str(tmp_path / "out"), "--reference-dir", missing],
            f"{missing}: --reference-dir must be a folder",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty",
        "binary",
        "chinese",
        "source missing",
        "top",
        "overwrite",
        "check reference",
        "batch reference",
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, capsys, case: str
) -> None:
    argv, message = score_bad_inputs(tmp_path)[case]
    if case == "batch reference":
        Path(argv[1]).rename(tmp_path / "x.zh.txt")
        argv[1] = str(tmp_path / "x.zh.txt")
        write(tmp_path, "x.en.txt", "The cat sat.\n")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("bireview: error: ") and message in err
    assert "Traceback" not in err


def test_help_does_not_import_sacrebleu() -> None:
    code = (
        "import sys; from review_app.cli import main\n"
        "for argv in (['--help'], ['score', '--help']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        "print([m for m in ('sacrebleu', 'jieba', 'pydantic') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("[]")


# -- bireview check --reference, batch --reference-dir -----------------------------------------

CHECK_ZH = "广东省委书记黄坤明出席会议。\n\n吉林省委书记景俊海出席会议。\n"
CHECK_EN = (
    "Huang Kunming, Party Secretary of Guangdong, attended.\n\n"
    "Jing Junhai, Party Secretary of Jilin, attended.\n"
)
CHECK_DRAFT = (
    "Huang Kunming, Guangdong Party Secretary, attended.\n\n"
    "Jing Junhai, Party Secretary of Jilin, attended.\n"
)


def test_check_with_a_reference_adds_the_scores(tmp_path: Path, capsys) -> None:
    source, target = write(tmp_path, "a.zh.txt", CHECK_ZH), write(tmp_path, "a.en.txt", CHECK_EN)
    draft = write(tmp_path, "draft.en.txt", CHECK_DRAFT)
    assert main(["check", source, target, "--format", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "reference" not in plain and all("reference" not in s for s in plain["segments"])

    assert main(["check", source, target, "--reference", draft, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "bireview.report/1"
    assert [s["reference"]["text"] for s in data["segments"]] == CHECK_DRAFT.strip().split("\n\n")
    assert data["segments"][1]["reference"]["ter"] == 0.0
    assert data["segments"][0]["reference"]["ter"] > 0
    assert data["reference"]["document"]["ter"]["signature"].startswith("nrefs:1|case:lc|")
    assert data["reference"]["reference"] == {"path": draft}
    # Every field of a report without a reference is still there, unchanged.
    for key, value in plain.items():
        if key != "segments":
            assert data[key] == value
    assert [{k: v for k, v in s.items() if k != "reference"} for s in data["segments"]] == plain[
        "segments"
    ]
    assert Report.from_dict(data).to_dict() == data  # a saved report re-renders

    assert main(["check", source, target, "--reference", draft]) == 0
    text = capsys.readouterr().out
    assert f"reference: {draft}" in text
    assert "  signature: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in text
    assert "most changed (highest TER first):\n  [segment 0] TER " in text

    html_out = tmp_path / "report.html"
    main(["check", source, target, "--reference", draft, "--format", "html", "-o", str(html_out)])
    page = html_out.read_text(encoding="utf-8")
    assert '<h2 id="reference">Against the reference</h2>' in page
    assert "nrefs:1|case:lc|tok:tercom" in page


def test_batch_scores_each_document_against_its_namesake_in_the_reference_dir(
    tmp_path: Path, capsys
) -> None:
    inputs, references, out = tmp_path / "in", tmp_path / "drafts", tmp_path / "out"
    (inputs / "sub").mkdir(parents=True)
    (references / "sub").mkdir(parents=True)
    for name in ("a", "b"):
        write(inputs / "sub", f"{name}.zh.txt", CHECK_ZH)
        write(inputs / "sub", f"{name}.en.txt", CHECK_EN)
    write(references / "sub", "a.en.txt", CHECK_DRAFT)  # b has no draft: no scores
    argv = ["batch", str(inputs), "--out", str(out), "--jobs", "1", "--format", "json"]
    assert main([*argv, "--reference-dir", str(references)]) == 0
    a = json.loads((out / "sub__a.json").read_text(encoding="utf-8"))
    b = json.loads((out / "sub__b.json").read_text(encoding="utf-8"))
    assert a["reference"]["reference"]["path"] == str(references / "sub" / "a.en.txt")
    assert a["segments"][0]["reference"]["ter"] > 0
    assert "reference" not in b
    # A changed draft is a changed document: checked again on the next run.
    write(references / "sub", "a.en.txt", CHECK_EN)
    assert main([*argv, "--reference-dir", str(references)]) == 0
    assert "1 checked, 1 unchanged" in capsys.readouterr().out
    a = json.loads((out / "sub__a.json").read_text(encoding="utf-8"))
    assert a["reference"]["document"]["ter"]["score"] == 0.0
    # The overview gives each document's TER and BLEU, a dash where there is no reference.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<th class="n" title="TER against the reference (--reference-dir)">TER</th>' in index
    rows = {
        name: row
        for row in index.split("<tr>")
        for name in ("sub/a", "sub/b")
        if f">{name}" in row or f"{name}.en.txt" in row or name.replace("/", "__") in row
    }
    assert '<td class="n">0.0</td><td class="n">100.0</td>' in rows["sub/a"]
    assert '<td class="n">–</td><td class="n">–</td>' in rows["sub/b"]
