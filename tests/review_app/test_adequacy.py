"""Meaning checks with local models: the translator, the adequacy signals and adequacy.low.

The models are built here, tiny and random (tests/tiny_models.py): the scores mean nothing, but
the loading, batching, scoring and reporting code is the real one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from sacrebleu.metrics import CHRF

from alignment.encoder import TransformersEncoder
from glossary.load import load_glossary
from review_app.adequacy import adequacy_signals
from review_app.checks.adequacy import MIN_PAIRS, outliers
from review_app.document import Segment
from review_app.pipeline import ReviewOptions, review_segments
from review_app.translator import MarianTranslator, TranslatorError, load_translator
from tests.tiny_models import EN, ZH, build_encoder, build_marian, quietly


@pytest.fixture(autouse=True)
def _one_torch_thread():
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def marian_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quietly(build_marian, tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def encoder_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quietly(build_encoder, tmp_path_factory.mktemp("tiny-xlmr"))


@pytest.fixture(scope="session")
def translator(marian_folder: Path) -> MarianTranslator:
    return MarianTranslator(marian_folder, batch_size=2)


def segments(pairs: list[tuple[str, str]]) -> list[Segment]:
    return [Segment(i, zh, en, (i,), (i,), 0.9) for i, (zh, en) in enumerate(pairs)]


# --- the translator -------------------------------------------------------------------------


def test_translations_come_back_in_order_one_per_text(translator: MarianTranslator) -> None:
    texts = [ZH[0], "", ZH[1], ZH[2]]
    translations = translator.translate(texts)
    assert len(translations) == 4 and all(isinstance(t, str) for t in translations)
    assert translations[1] == ""  # nothing to translate
    assert translations[0] and translations[2]


def test_batches_of_any_size_give_the_same_translations(marian_folder: Path) -> None:
    # max_length 24 caps every batch's output alike (a random model never stops by itself).
    one = MarianTranslator(marian_folder, batch_size=1, max_length=24).translate(ZH)
    four = MarianTranslator(marian_folder, batch_size=4, max_length=24).translate(ZH)
    assert one == four  # greedy decoding is deterministic; padding does not change it


def test_progress_counts_every_text(marian_folder: Path) -> None:
    told: list[int] = []
    MarianTranslator(marian_folder, batch_size=2).translate([*ZH, ""], told.append)
    assert sum(told) == len(ZH) + 1
    assert len(told) >= 3  # batches of two: reported as they finish


def test_a_text_translated_before_is_not_translated_again(
    marian_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = MarianTranslator(marian_folder, batch_size=2)
    first = fresh.translate(ZH[:3])
    asked: list[list[str]] = []
    real_batch = fresh._batch
    monkeypatch.setattr(fresh, "_batch", lambda texts: asked.append(texts) or real_batch(texts))
    told: list[int] = []
    assert fresh.translate([ZH[1], ZH[3], ZH[0]], told.append) == [
        first[1],
        fresh.translate([ZH[3]])[0],
        first[0],
    ]
    assert asked == [[ZH[3]]]  # only the new one went through the model
    assert sum(told) == 3


def test_a_translator_is_loaded_once_per_folder(marian_folder: Path) -> None:
    assert load_translator(marian_folder) is load_translator(str(marian_folder))


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda tmp, model: tmp / "missing", "no such model folder"),
        (lambda tmp, model: _file(tmp / "model.txt"), "not a folder"),
        (lambda tmp, model: _copy_without(model, tmp, "config.json"), "no config.json"),
        (lambda tmp, model: _copy_without(model, tmp, "model.safetensors"), "no model weights"),
        (lambda tmp, model: _copy_without(model, tmp, "source.spm"), "no tokenizer files"),
    ],
)
def test_a_folder_that_is_no_translation_model_is_one_clear_error(
    marian_folder: Path, tmp_path: Path, prepare, message: str
) -> None:
    path = prepare(tmp_path, marian_folder)
    with pytest.raises(TranslatorError) as error:
        MarianTranslator(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_an_encoder_is_not_a_translation_model(encoder_folder: Path) -> None:
    with pytest.raises(TranslatorError, match="not a translation model"):
        MarianTranslator(encoder_folder)


def _file(path: Path) -> Path:
    path.write_text("not a model", encoding="utf-8")
    return path


def _copy_without(model: Path, folder: Path, name: str) -> Path:
    copy = folder / "copy"
    shutil.copytree(model, copy)
    (copy / name).unlink()
    return copy


# --- the signals ----------------------------------------------------------------------------


def test_signals_are_chrf_against_the_model_and_the_encoder_cosine(
    translator: MarianTranslator, encoder_folder: Path
) -> None:
    encoder = TransformersEncoder(encoder_folder)
    pairs = segments([*zip(ZH, EN, strict=True), ("没有译文。", "")])
    signals = adequacy_signals(pairs, translator, encoder)
    assert set(signals) == {0, 1, 2, 3, 4}  # the pair without English has no signal
    machine = translator.translate(ZH)
    vectors = encoder.embed(ZH + EN)
    for index, signal in signals.items():
        assert signal.machine == machine[index]
        expected = CHRF().sentence_score(EN[index], [machine[index]]).score
        assert signal.chrf == pytest.approx(expected)
        assert signal.similarity == pytest.approx(float(vectors[index] @ vectors[5 + index]))
        assert -1.0001 <= signal.similarity <= 1.0001


def test_no_model_no_signal(translator: MarianTranslator) -> None:
    assert adequacy_signals(segments(list(zip(ZH, EN, strict=True)))) == {}
    assert adequacy_signals([], translator) == {}


# --- the check ------------------------------------------------------------------------------


def test_outliers_are_far_below_the_median_in_spread_and_in_points() -> None:
    scores = {0: 60.0, 1: 55.0, 2: 62.0, 3: 58.0, 4: 57.0, 5: 12.0}
    assert outliers(scores, 20.0) == {5: pytest.approx(57.5)}
    # Within the document's spread: nothing stands out.
    assert outliers({0: 60.0, 1: 20.0, 2: 62.0, 3: 25.0, 4: 57.0, 5: 30.0}, 20.0) == {}
    # Too few pairs to know what is typical.
    few = {0: 60.0, 1: 55.0, 2: 62.0, 9: 1.0}
    assert len(few) == MIN_PAIRS - 1 and outliers(few, 20.0) == {}
    # Far in spread but not in points: a uniform document with one slightly lower pair.
    assert outliers({0: 50.0, 1: 50.0, 2: 50.0, 3: 50.0, 4: 50.0, 5: 45.0}, 20.0) == {}


def test_a_release_unlike_the_models_translation_is_reported(
    translator: MarianTranslator,
) -> None:
    # The releases are the model's own translations, but for one pair: the check must single
    # that pair out, through the real model, chrF and report.
    machine = translator.translate(ZH)
    pairs = list(zip(ZH, machine, strict=True))
    pairs.append(("双方将继续深化合作。", "Completely unrelated words about the weather today."))
    options = ReviewOptions(translator=translator, checks=("adequacy.low",))
    report = review_segments(
        segments(pairs), load_glossary(), options, source_path="zh", target_path="en"
    )
    assert [(f.check, f.segment) for f in report.findings] == [("adequacy.low", 5)]
    message = report.findings[0].message
    assert "chrF" in message and "The model reads the source as" in message


def test_without_models_the_check_says_nothing(translator: MarianTranslator) -> None:
    pairs = [*zip(ZH, EN, strict=True), ("双方将继续深化合作。", "Unrelated words.")]
    report = review_segments(
        segments(pairs),
        load_glossary(),
        ReviewOptions(checks=("adequacy.low",)),
        source_path="zh",
        target_path="en",
    )
    assert report.findings == ()


def test_the_signature_names_the_models(translator: MarianTranslator) -> None:
    from review_app.report.render import to_text

    options = ReviewOptions(translator=translator, checks=("adequacy.low",))
    report = review_segments(
        segments(list(zip(ZH, EN, strict=True))),
        load_glossary(),
        options,
        source_path="zh",
        target_path="en",
    )
    assert report.signature is not None
    [tag] = report.signature.models
    assert tag.startswith(f"mt={translator.path.resolve().name}@")
    assert f"|models:{tag}" in to_text(report)
    plain = review_segments(
        segments([(ZH[0], EN[0])]), load_glossary(), source_path="zh", target_path="en"
    )
    assert plain.signature is not None and plain.signature.models == ()
    assert "models:" not in to_text(plain)


# --- the command line -----------------------------------------------------------------------


def write_pair(folder: Path, pairs: list[tuple[str, str]]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    source, target = folder / "release.zh.txt", folder / "release.en.txt"
    source.write_text("\n".join(zh for zh, _ in pairs) + "\n", encoding="utf-8")
    target.write_text("\n".join(en for _, en in pairs) + "\n", encoding="utf-8")
    return source, target


def test_check_with_a_local_model_reports_and_signs(
    translator: MarianTranslator, marian_folder: Path, tmp_path: Path, capsys
) -> None:
    from review_app.cli import main

    pairs = [*zip(ZH, translator.translate(ZH), strict=True)]
    pairs.append(("双方将继续深化合作。", "Completely unrelated words about the weather today."))
    source, target = write_pair(tmp_path, pairs)
    argv = ["check", str(source), str(target), "--line-aligned", "--checks", "adequacy.low"]
    assert main([*argv, "--mt-model", str(marian_folder)]) == 1
    out = capsys.readouterr().out
    assert "adequacy.low" in out and "The model reads the source as" in out
    assert f"models:mt={marian_folder.resolve().name}@" in out
    # The same without the model: nothing to report, no models in the signature.
    assert main(argv) == 0
    assert "models:" not in capsys.readouterr().out


def test_a_model_path_that_is_no_model_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    from review_app.cli import main

    source, target = write_pair(tmp_path, list(zip(ZH, EN, strict=True)))
    missing = tmp_path / "no-model"
    assert main(["check", str(source), str(target), "--mt-model", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(missing) in err and "no such model folder" in err


def test_models_lists_what_is_configured_and_whether_it_loads(
    marian_folder: Path, encoder_folder: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from review_app.cli import main

    monkeypatch.setenv("BIREVIEW_MT_MODEL", str(marian_folder))
    assert main(["models", "--encoder", str(encoder_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("mt-model") and "(from $BIREVIEW_MT_MODEL)" in lines[0]
    assert "loads: MarianMTModel" in lines[0] and "parameters" in lines[0]
    assert lines[1].startswith("encoder") and "(from --encoder)" in lines[1]
    assert "loads: XLMRobertaModel" in lines[1]

    monkeypatch.delenv("BIREVIEW_MT_MODEL")
    assert main(["models", "--encoder", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "not configured" in lines[0]
    assert "fails:" in lines[1] and str(tmp_path) in lines[1]


def test_batch_uses_the_model_and_rechecks_when_it_changes(
    marian_folder: Path, tmp_path: Path, capsys
) -> None:
    from review_app.cli import main

    write_pair(tmp_path / "in" / "one", list(zip(ZH, EN, strict=True)))
    out = tmp_path / "out"
    argv = ["batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"]
    main([*argv, "--mt-model", str(marian_folder), "--checks", "adequacy.low"])
    assert "(1 checked, 0 unchanged" in capsys.readouterr().out
    main([*argv, "--mt-model", str(marian_folder), "--checks", "adequacy.low"])
    assert "(0 checked, 1 unchanged" in capsys.readouterr().out
    main([*argv, "--checks", "adequacy.low"])  # the model left out: checked again
    assert "(1 checked, 0 unchanged" in capsys.readouterr().out
    assert main([*argv, "--mt-model", str(tmp_path / "none")]) == 2


def test_check_without_models_imports_neither_torch_nor_transformers(tmp_path: Path) -> None:
    import subprocess
    import sys

    source, target = write_pair(tmp_path, list(zip(ZH, EN, strict=True)))
    code = (
        "import sys; from review_app.cli import main\n"
        f"main(['check', {str(source)!r}, {str(target)!r}])\n"
        "print([m for m in ('torch', 'transformers', 'sentencepiece') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stderr


def test_batch_workers_load_their_own_model(marian_folder: Path, tmp_path: Path, capsys) -> None:
    from review_app.cli import main

    for name in ("one", "two"):
        write_pair(tmp_path / "in" / name, list(zip(ZH, EN, strict=True)))
    out = tmp_path / "out"
    argv = ["batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"]
    assert main([*argv, "--mt-model", str(marian_folder), "--checks", "adequacy.low"]) == 0
    assert "(2 checked, 0 unchanged, 0 could not be read)" in capsys.readouterr().out
    assert json.loads((out / "errors.json").read_text(encoding="utf-8")) == []
