"""Hostile and oversized input (issue 13): nothing the run reads is overwritten, every bound
holds with a one-line error naming the option that raises it, and the review stops in time.

The bombs are small: each test lowers the limit it exercises through its option.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from glossary.load import load_glossary
from review_app.cli import main
from review_app.document import Segment
from review_app.limits import Budget, LimitError, Limits
from review_app.pipeline import ReviewOptions, review, review_segments
from review_app.readers.text import read_document
from review_app.review_store import store_path_for

SEED = Path(__file__).resolve().parents[2] / "seeds" / "guangdong-jilin-2023-11-10"
ZH = "广东省委书记黄坤明出席会议。\n\n吉林省委书记景俊海出席会议。\n"
EN = (
    "Huang Kunming, Party Secretary of Guangdong, attended.\n\n"
    "Jing Junhai, Party Secretary of Jilin, attended.\n"
)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(SEED, folder)
    return folder


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bireview: error: "), err
    return err


# -- nothing the run reads is written over -----------------------------------------------------


def test_a_report_onto_meta_yaml_is_refused_and_the_file_kept(seed: Path, capsys) -> None:
    meta = seed / "meta.yaml"
    before = meta.read_bytes()
    assert main(["check", str(seed), "-o", str(meta)]) == 2
    err = one_line_error(capsys)
    assert f"{meta}: not written (-o): it is the release metadata (meta.yaml)" in err
    assert meta.read_bytes() == before
    assert main(["check", str(seed), "--fail-on", "never"]) == 0  # the next run still works


def test_a_report_onto_a_glossary_file_or_into_its_folder_is_refused(
    seed: Path, glossary_copy: Path, capsys
) -> None:
    terms = glossary_copy / "terms.yaml"
    before = terms.read_bytes()
    for output in (terms, glossary_copy / "report.yaml"):
        assert main(["check", str(seed), "--glossary", str(glossary_copy), "-o", str(output)]) == 2
        assert "inside the glossary folder" in one_line_error(capsys)
    assert terms.read_bytes() == before
    assert not (glossary_copy / "report.yaml").exists()


def test_the_built_in_glossary_is_guarded_too(seed: Path, capsys) -> None:
    from glossary.load import BUILTIN_DIR

    assert main(["check", str(seed), "-o", str(BUILTIN_DIR / "terms.yaml")]) == 2
    assert "glossary folder" in one_line_error(capsys)


def test_a_report_onto_the_saved_review_or_into_a_model_folder_is_refused(
    seed: Path, tmp_path: Path, capsys
) -> None:
    review_file = store_path_for(seed / "release.en.txt")
    assert main(["check", str(seed), "-o", str(review_file)]) == 2
    assert "saved review of the English document" in one_line_error(capsys)
    model = tmp_path / "model"
    model.mkdir()
    reason = _conflict_for(seed, ["--encoder", str(model)], model / "config.json")
    assert reason is not None and "inside the model folder" in reason


def _conflict_for(seed: Path, options: list[str], output: Path) -> str | None:
    """The reason check would give for ``output`` (a model folder need not load for this)."""
    from review_app.overwrite import read_by_review

    models = [options[i + 1] for i, option in enumerate(options) if option == "--encoder"]
    read = read_by_review(
        source=seed / "source.zh.txt",
        target=seed / "release.en.txt",
        meta=seed / "meta.yaml",
        models=models,
    )
    return read.conflict(output)


def test_a_link_to_an_input_is_seen_through(seed: Path, tmp_path: Path, capsys) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(seed / "source.zh.txt")
    assert main(["check", str(seed), "-o", str(link)]) == 2
    assert "it is the Chinese source this run reads" in one_line_error(capsys)


def test_a_new_report_file_is_written(seed: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    assert main(["check", str(seed), "--format", "json", "-o", str(output)]) == 1
    assert output.read_text(encoding="utf-8").startswith("{")


def test_align_and_score_guard_their_inputs(seed: Path, capsys) -> None:
    zh, en = str(seed / "source.zh.txt"), str(seed / "release.en.txt")
    assert main(["align", zh, en, "-o", zh]) == 2
    assert "Chinese source" in one_line_error(capsys)
    assert main(["score", en, zh, "-o", zh]) == 2
    assert "reference this run reads" in one_line_error(capsys)


def test_batch_refuses_an_out_folder_that_would_overwrite_an_input(
    tmp_path: Path, glossary_copy: Path, capsys
) -> None:
    from review_app.batch import main as batch_main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "findings.csv").write_text("zh,en\n广东,Guangdong\n", encoding="utf-8")
    before = (folder / "findings.csv").read_bytes()
    assert batch_main(["batch", str(folder / "findings.csv"), "--out", str(folder)]) == 2
    assert "findings.csv: not written (--out): it is the bilingual file" in one_line_error(capsys)
    assert (folder / "findings.csv").read_bytes() == before
    out = glossary_copy / "qa"
    argv = ["batch", str(SEED), "--glossary", str(glossary_copy), "--out", str(out)]
    assert batch_main(argv) == 2
    assert "inside the glossary folder" in one_line_error(capsys)
    assert not out.exists()


# -- bounds on what is read --------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(seed: Path, capsys) -> None:
    assert main(["check", str(seed), "--max-file-mb", "0.001"]) == 2
    err = one_line_error(capsys)
    assert "source.zh.txt: the file is too large" in err
    assert "at most 0.001 MB, see --max-file-mb" in err


def _docx_bomb(path: Path, unpacked_mb: int) -> Path:
    """A real .docx (python-docx's) that also holds ``unpacked_mb`` MB of zeros, a few
    kilobytes once zipped."""
    import docx

    document = docx.Document()
    document.add_paragraph("广东省委书记黄坤明出席会议。")
    written = io.BytesIO()
    document.save(written)
    with zipfile.ZipFile(written, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", bytes(unpacked_mb * 2**20))
    path.write_bytes(written.getvalue())
    return path


def test_a_docx_that_unpacks_past_the_limit_is_refused_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    bomb = _docx_bomb(tmp_path / "bomb.zh.docx", unpacked_mb=3)
    assert bomb.stat().st_size < 64 * 1024
    english = tmp_path / "bomb.en.txt"
    english.write_text(EN, encoding="utf-8")

    def no_unpacking(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a part was unpacked before the size was checked")

    with monkeypatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "read", no_unpacking)
        argv = ["check", str(bomb), str(english), "--max-unpacked-mb", "2"]
        assert main(argv) == 2
    err = one_line_error(capsys)
    # 3 MB of zeros and python-docx's template.
    assert re.search(
        r"bomb.zh.docx: the .docx unpacks to [34] MB \(at most 2 MB, see --max-unp", err
    )
    # Raised, the same file is read.
    raised = ["check", str(bomb), str(english), "--max-unpacked-mb", "8", "--fail-on", "never"]
    assert main(raised) == 0


def test_batch_refuses_the_docx_bomb_too(tmp_path: Path, capsys) -> None:
    from review_app.batch import main as batch_main

    folder = tmp_path / "in"
    folder.mkdir()
    _docx_bomb(folder / "bomb.zh.docx", unpacked_mb=3)
    (folder / "bomb.en.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["batch", str(folder), "--out", str(out), "-j", "1", "--max-unpacked-mb", "1"]
    assert batch_main(argv) == 1
    errors = (out / "errors.json").read_text(encoding="utf-8")
    assert re.search(
        r"the .docx unpacks to [34] MB \(at most 1 MB, see --max-unpacked-mb\)", errors
    )


def test_too_many_sentences_are_refused(seed: Path, capsys) -> None:
    assert main(["check", str(seed), "--max-sentences", "5"]) == 2
    err = one_line_error(capsys)
    assert "release.en.txt: the" in err and "see --max-sentences" in err


def test_a_unit_too_long_is_refused_naming_it(tmp_path: Path, capsys) -> None:
    table = tmp_path / "job.tsv"
    table.write_text(f"短句。\tShort.\n{'广东' * 80}。\tGuangdong.\n", encoding="utf-8")
    assert main(["check", str(table), "--max-segment-chars", "100"]) == 2
    err = one_line_error(capsys)
    assert "job.tsv: unit 2 holds 161 characters (at most 100" in err
    assert "--max-segment-chars" in err


@pytest.mark.parametrize("option", ["--max-file-mb", "--max-sentences", "--time-limit"])
def test_a_bound_below_zero_is_a_usage_error(seed: Path, option: str, capsys) -> None:
    assert main(["check", str(seed), option, "-1"]) == 2
    assert f"{option} -1: give a number above 0" in one_line_error(capsys)


# -- bounds on the work ------------------------------------------------------------------------


def test_a_long_line_without_punctuation_is_split_into_short_segments(tmp_path: Path) -> None:
    zh = tmp_path / "long.zh.txt"
    zh.write_text("广东吉林合作推进产业协同发展" * 600 + "\n", encoding="utf-8")  # 8,400 chars
    en = tmp_path / "long.en.txt"
    en.write_text("Guangdong and Jilin cooperate.\n", encoding="utf-8")
    report = review(
        read_document(zh, lang="zh"), read_document(en, lang="en"), load_glossary(), None
    )
    assert len(report.segments) > 10
    assert max(len(segment.source) for segment in report.segments) <= 4 * 400


class SteppingClock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def _segments() -> list[Segment]:
    zh, en = ZH.split("\n\n"), EN.split("\n\n")
    return [
        Segment(
            id=i,
            source=z.strip(),
            target=e.strip(),
            source_sentences=(i,),
            target_sentences=(i,),
            confidence=1.0,
        )
        for i, (z, e) in enumerate(zip(zh, en, strict=True))
    ]


def test_the_time_limit_stops_the_checks_and_is_not_taken_for_a_failed_check() -> None:
    budget = Budget("a.en.txt", Limits(seconds=6), clock=SteppingClock())
    with pytest.raises(LimitError) as raised:
        review_segments(
            _segments(),
            load_glossary(),
            source_path="a.zh.txt",
            target_path="a.en.txt",
            budget=budget,
        )
    message = str(raised.value)
    assert message.startswith("a.en.txt: stopped after 6 s (")
    assert "see --time-limit" in message


def test_no_time_limit_when_it_is_zero() -> None:
    budget = Budget("a.en.txt", Limits(seconds=0), clock=SteppingClock())
    report = review_segments(
        _segments(),
        load_glossary(),
        source_path="a.zh.txt",
        target_path="a.en.txt",
        budget=budget,
    )
    assert len(report.segments) == 2


def test_the_aligner_reports_its_stages_to_the_budget(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    options = ReviewOptions(stage_progress=lambda *step: seen.append(step))
    review(
        read_document(SEED / "source.zh.txt", lang="zh"),
        read_document(SEED / "release.en.txt", lang="en"),
        load_glossary(),
        options,
    )
    stages = [stage for stage, _done, _total in seen]
    assert stages.index("paragraphs") < stages.index("sentences") < stages.index("analysing")
    assert stages[-1] == "checking"
    done, total = seen[-1][1:]
    assert done == total > 0


def test_utf16_without_a_mark_is_read(tmp_path: Path) -> None:
    text = (SEED / "source.zh.txt").read_text(encoding="utf-8")
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        document = read_document(path, lang="zh")
        assert (document.encoding, document.text) == (encoding, text.replace("\r\n", "\n"))
    english = tmp_path / "en.txt"
    english.write_bytes(EN.encode("utf-16-le"))
    assert read_document(english, lang="en").text == EN


def test_binary_data_with_nuls_is_still_refused(tmp_path: Path) -> None:
    from review_app.errors import InputError

    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(InputError, match="binary data"):
        read_document(path, lang="zh")


def test_a_meta_yaml_of_megabytes_is_refused(seed: Path, capsys) -> None:
    meta = seed / "meta.yaml"
    meta.write_text("date: 2023-11-10\n" + "# padding\n" * 120_000, encoding="utf-8")
    assert main(["check", str(seed)]) == 2
    assert f"{meta}: too large for a meta.yaml (1.1 MB; 1 MB at most)" in one_line_error(capsys)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_large_input_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    from review_app import progress

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("短。", encoding="utf-8")
    large.write_bytes(b" " * progress.LARGE_BYTES)
    with progress.stage_bar([small], Terminal()) as callback:
        assert callback is None
    with progress.stage_bar([large], io.StringIO()) as callback:
        assert callback is None  # not a terminal: a log stays clean
    screen = Terminal()
    with progress.stage_bar([large], screen) as callback:
        assert callback is not None
        callback("sentences", 0, 40)
        callback("sentences", 40, 40)
        callback("checking", 10, 20)
    drawn = screen.getvalue()
    assert "aligning sentences" in drawn and "40/40" in drawn
    assert "running checks" in drawn


def test_a_pipe_is_read_within_the_size_limit(tmp_path: Path) -> None:
    import os
    import threading

    from review_app.errors import InputError

    fifo = tmp_path / "source.zh.txt"
    os.mkfifo(fifo)

    def write(text: str) -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("w", encoding="utf-8") as stream:
            stream.write(text)  # the reader stops at the limit and closes its end

    writer = threading.Thread(target=write, args=("广东省委书记黄坤明出席会议。\n",))
    writer.start()
    assert read_document(fifo, lang="zh").text.startswith("广东省委书记")
    writer.join()
    writer = threading.Thread(target=write, args=("广东" * 2000,))
    writer.start()
    with pytest.raises(InputError, match=r"too large \(over 0.001 MB; at most 0.001 MB"):
        read_document(fifo, lang="zh", limits=Limits(file_mb=0.001))
    writer.join(timeout=10)
