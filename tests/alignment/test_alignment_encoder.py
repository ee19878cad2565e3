"""Tests for the optional neural sentence encoder, on a tiny random BERT built in the test.

Nothing is downloaded: the model folder is written by ``save_pretrained`` from a random
``BertModel`` and a WordPiece tokenizer trained here on a few sentences, then loaded by the real
loading code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
np = pytest.importorskip("numpy")

from alignment.encoder import (  # noqa: E402  (after the skips: needs torch)
    EncoderError,
    TransformersEncoder,
    clear_encoder_cache,
    load_encoder,
)

REPO = Path(__file__).resolve().parents[2]
HIDDEN = 32

CORPUS = [
    "那天晚上我没走掉。",
    "陈清扬把我拽住，说：你别走。",
    "国务院总理李强主持召开国务院常务会议。",
    "他读完了《红楼梦》，后来睡了。",
    "增长了3.5个百分点。",
    "That night I did not get away.",
    "Chen Qingyang held me back and said: don't go.",
    "Premier Li Qiang chaired an executive meeting of the State Council.",
    "He finished reading Dream of the Red Chamber and then went to sleep.",
    "It grew by 3.5 percentage points.",
]


@pytest.fixture(autouse=True)
def _one_torch_thread():
    """Run each test on one PyTorch thread, restoring the setting afterwards.

    A tiny model gains nothing from threads, and on a busy CI machine PyTorch's thread pool can
    make it tens of times slower.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _build_tiny_model(folder: Path) -> None:
    """Write a random two-layer BERT (hidden size 32) and a WordPiece tokenizer to a folder."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    # BertNormalizer puts spaces round CJK characters, so Chinese is split per character.
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, handle_chinese_chars=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=400, special_tokens=specials, show_progress=False
    )
    tokenizer.train_from_iterator(CORPUS, trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    wrapped = transformers.BertTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    wrapped.save_pretrained(folder)
    config = transformers.BertConfig(
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=HIDDEN,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(folder)


def _quietly(build, folder: Path) -> None:
    """Run a builder with transformers' progress bars and warnings off."""
    hf_logging = transformers.utils.logging
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        build(folder)
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a tiny random BERT and its tokenizer."""
    folder = tmp_path_factory.mktemp("tiny-bert")
    _quietly(_build_tiny_model, folder)
    return folder


@pytest.fixture(scope="session")
def encoder(tiny_model: Path) -> TransformersEncoder:
    """The tiny model, loaded once for the read-only tests."""
    return TransformersEncoder(tiny_model, batch_size=4)


@pytest.fixture(scope="session")
def raw_model(tiny_model: Path):
    """The tiny model's tokenizer and model loaded directly, to check the pooling by hand."""
    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    model = transformers.AutoModel.from_pretrained(tiny_model, local_files_only=True).eval()
    return tokenizer, model


def _hidden(raw_model, text: str):
    tokenizer, model = raw_model
    batch = tokenizer([text], return_tensors="pt")
    with torch.inference_mode():
        return model(**batch)


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float64)
    return vector / np.linalg.norm(vector)


def _copy(tiny_model: Path, destination: Path) -> Path:
    shutil.copytree(tiny_model, destination)
    return destination


# --- Import ----------------------------------------------------------------------------------


def test_import_loads_neither_torch_nor_transformers() -> None:
    code = (
        "import alignment.encoder, sys; "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["False", "False"]


# --- Vectors ---------------------------------------------------------------------------------


def test_shapes_dtype_and_unit_norms(encoder: TransformersEncoder) -> None:
    vectors = encoder.embed(CORPUS)
    assert vectors.shape == (len(CORPUS), HIDDEN)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.dimension == HIDDEN
    assert encoder.pooling == "mean"


def test_different_texts_get_different_vectors(encoder: TransformersEncoder) -> None:
    vectors = encoder.embed(CORPUS)
    cosines = vectors @ vectors.T
    off_diagonal = cosines[~np.eye(len(CORPUS), dtype=bool)]
    assert off_diagonal.max() < 0.9999


def test_deterministic_across_calls_and_loads(
    encoder: TransformersEncoder, tiny_model: Path
) -> None:
    first = encoder.embed(CORPUS)
    np.testing.assert_array_equal(first, encoder.embed(CORPUS))
    again = TransformersEncoder(tiny_model, batch_size=4).embed(CORPUS)
    np.testing.assert_array_equal(first, again)


def test_identical_texts_have_cosine_one(encoder: TransformersEncoder) -> None:
    vectors = encoder.embed(["那天晚上我没走掉。", "That night.", "那天晚上我没走掉。"])
    np.testing.assert_array_equal(vectors[0], vectors[2])
    similarity = encoder.similarity(["那天晚上我没走掉。"], ["那天晚上我没走掉。", "That night."])
    assert similarity.shape == (1, 2)
    assert similarity[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert similarity[0, 1] < 0.9999


def test_batching_matches_one_by_one(tiny_model: Path) -> None:
    batched = TransformersEncoder(tiny_model, batch_size=3).embed(CORPUS)
    single = TransformersEncoder(tiny_model, batch_size=1)
    one_by_one = np.vstack([single.embed([text]) for text in CORPUS])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)


def test_order_and_repeats_do_not_change_vectors(encoder: TransformersEncoder) -> None:
    forward = encoder.embed(CORPUS)
    backward = encoder.embed([*reversed(CORPUS), *CORPUS])
    np.testing.assert_allclose(backward[: len(CORPUS)][::-1], forward, atol=1e-5)
    np.testing.assert_allclose(backward[len(CORPUS) :], forward, atol=1e-5)


def test_empty_input(encoder: TransformersEncoder) -> None:
    vectors = encoder.embed([])
    assert vectors.shape == (0, HIDDEN)
    assert vectors.dtype == np.float32
    assert encoder.similarity([], ["a"]).shape == (0, 1)
    empty_string = encoder.embed([""])
    np.testing.assert_allclose(np.linalg.norm(empty_string, axis=1), 1.0, atol=1e-5)


def test_long_text_is_truncated_to_the_model_limit(encoder: TransformersEncoder) -> None:
    assert encoder.max_length == 64  # max_position_embeddings of the tiny model, not 128
    long_text = "那天晚上我没走掉。" * 40
    vectors = encoder.embed([long_text, long_text + "陈清扬把我拽住。"])
    np.testing.assert_allclose(vectors[0], vectors[1], atol=1e-5)  # same first 64 tokens


def test_rejects_non_strings(encoder: TransformersEncoder) -> None:
    with pytest.raises(TypeError, match="strings"):
        encoder.embed(["fine", None])  # type: ignore[list-item]


def test_threads_option(tiny_model: Path) -> None:
    torch.set_num_threads(2)  # restored by _one_torch_thread
    encoder = TransformersEncoder(tiny_model, threads=1)
    assert torch.get_num_threads() == 1
    assert encoder.embed(["一"]).shape == (1, HIDDEN)


def test_offline_environment_is_set(encoder: TransformersEncoder) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


# --- Pooling ---------------------------------------------------------------------------------


def test_mean_pooling_matches_hand_computation(encoder: TransformersEncoder, raw_model) -> None:
    text = CORPUS[1]
    expected = _unit(_hidden(raw_model, text).last_hidden_state[0].mean(dim=0).numpy())
    np.testing.assert_allclose(encoder.embed([text])[0], expected, atol=1e-5)


def test_cls_and_pooler_pooling(tiny_model: Path, raw_model) -> None:
    text = CORPUS[6]
    output = _hidden(raw_model, text)
    cls = TransformersEncoder(tiny_model, pooling="cls").embed([text])[0]
    np.testing.assert_allclose(cls, _unit(output.last_hidden_state[0, 0].numpy()), atol=1e-5)
    pooler = TransformersEncoder(tiny_model, pooling="pooler").embed([text])[0]
    np.testing.assert_allclose(pooler, _unit(output.pooler_output[0].numpy()), atol=1e-5)
    maximum = TransformersEncoder(tiny_model, pooling="max").embed([text])[0]
    expected_max = output.last_hidden_state[0].amax(dim=0).numpy()
    np.testing.assert_allclose(maximum, _unit(expected_max), atol=1e-5)


def test_unknown_pooling_is_rejected(tiny_model: Path) -> None:
    with pytest.raises(ValueError, match="pooling"):
        TransformersEncoder(tiny_model, pooling="sum")


def test_sentence_transformers_layout_cls_dense_normalize(
    tiny_model: Path, raw_model, tmp_path: Path
) -> None:
    """A LaBSE-style save: CLS pooling, then a tanh Dense layer, then normalisation."""
    from safetensors.torch import save_file

    folder = _copy(tiny_model, tmp_path / "labse-like")
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {
            "idx": 3,
            "name": "3",
            "path": "3_Normalize",
            "type": "sentence_transformers.models.Normalize",
        },
    ]
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (folder / "1_Pooling").mkdir()
    pooling = {
        "word_embedding_dimension": HIDDEN,
        "pooling_mode_cls_token": True,
        "pooling_mode_mean_tokens": False,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
    }
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling), encoding="utf-8")
    (folder / "2_Dense").mkdir()
    dense = {
        "in_features": HIDDEN,
        "out_features": 16,
        "bias": True,
        "activation_function": "torch.nn.modules.activation.Tanh",
    }
    (folder / "2_Dense" / "config.json").write_text(json.dumps(dense), encoding="utf-8")
    generator = torch.Generator().manual_seed(1)
    weight = torch.randn(16, HIDDEN, generator=generator)
    bias = torch.randn(16, generator=generator)
    save_file(
        {"linear.weight": weight, "linear.bias": bias},
        str(folder / "2_Dense" / "model.safetensors"),
    )
    (folder / "3_Normalize").mkdir()

    encoder = TransformersEncoder(folder)
    assert encoder.pooling == "cls"
    assert encoder.dimension == 16
    text = CORPUS[0]
    cls = _hidden(raw_model, text).last_hidden_state[0, 0]
    expected = _unit(torch.tanh(weight @ cls + bias).numpy())
    vectors = encoder.embed([text, CORPUS[5]])
    assert vectors.shape == (2, 16)
    np.testing.assert_allclose(vectors[0], expected, atol=1e-5)


def test_sentence_transformers_unsupported_pooling(tiny_model: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path / "odd-pooling")
    modules = [
        {"path": "", "type": "sentence_transformers.models.Transformer"},
        {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (folder / "1_Pooling").mkdir()
    pooling = {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": True}
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling), encoding="utf-8")
    with pytest.raises(EncoderError, match="unsupported sentence-transformers pooling cls\\+mean"):
        TransformersEncoder(folder)
    assert TransformersEncoder(folder, pooling="cls").pooling == "cls"


# --- load_encoder ----------------------------------------------------------------------------


def test_load_encoder_loads_once_per_path(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_encoder_cache()
    try:
        first = load_encoder(tiny_model)
        assert load_encoder(str(tiny_model)) is first
        monkeypatch.chdir(tiny_model.parent)
        assert load_encoder(tiny_model.name) is first
        other = load_encoder(tiny_model, batch_size=8)
        assert other is not first
        assert other.batch_size == 8
        clear_encoder_cache()
        assert load_encoder(tiny_model) is not first
    finally:
        clear_encoder_cache()


# --- Errors ----------------------------------------------------------------------------------


def _error_for(path: Path, **options) -> str:
    with pytest.raises(EncoderError) as caught:
        TransformersEncoder(path, **options)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    return message


def test_missing_path(tmp_path: Path) -> None:
    assert "no such model folder" in _error_for(tmp_path / "nowhere")


def test_file_instead_of_folder(tmp_path: Path) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"\0")
    assert "not a folder" in _error_for(file)


def test_folder_without_a_model(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
    assert "no config.json" in _error_for(tmp_path)


def test_folder_without_weights(tiny_model: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path / "no-weights")
    (folder / "model.safetensors").unlink()
    assert "no model weights" in _error_for(folder)
    (folder / "tf_model.h5").write_bytes(b"\0")
    assert "tf_model.h5" in _error_for(folder)


def test_folder_without_tokenizer(tiny_model: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path / "no-tokenizer")
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt"):
        (folder / name).unlink(missing_ok=True)
    assert "no tokenizer" in _error_for(folder)


def test_corrupt_config(tiny_model: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path / "corrupt")
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    assert "cannot load" in _error_for(folder)


def test_corrupt_weights(tiny_model: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path / "corrupt-weights")
    (folder / "model.safetensors").write_bytes(b"garbage")
    assert "cannot load the model" in _error_for(folder)


def test_missing_backend_tells_how_to_install(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # makes `import transformers` fail
    assert "pip install -e '.[neural]'" in _error_for(tiny_model)


def test_invalid_options(tiny_model: Path) -> None:
    for options in ({"batch_size": 0}, {"max_length": 1}, {"threads": 0}):
        with pytest.raises(ValueError):
            TransformersEncoder(tiny_model, **options)


def test_checkpoint_without_pooler_weights(
    tiny_model: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Sentence-transformers saves often lack BERT's pooler: note it, refuse pooling='pooler'."""
    from safetensors.torch import load_file, save_file

    folder = _copy(tiny_model, tmp_path / "no-pooler")
    weights = load_file(str(folder / "model.safetensors"))
    kept = {key: value for key, value in weights.items() if not key.startswith("pooler.")}
    assert len(kept) < len(weights)
    save_file(kept, str(folder / "model.safetensors"), metadata={"format": "pt"})
    with caplog.at_level("INFO", logger="alignment.encoder"):
        encoder = TransformersEncoder(folder)
    assert "no pooler weights" in caplog.text
    assert not [record for record in caplog.records if record.levelname == "WARNING"]
    assert encoder.embed(["一"]).shape == (1, HIDDEN)
    assert "has no pooler" in _error_for(folder, pooling="pooler")


def test_checkpoint_missing_weights_is_a_warning(
    tiny_model: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from safetensors.torch import load_file, save_file

    folder = _copy(tiny_model, tmp_path / "partial")
    weights = load_file(str(folder / "model.safetensors"))
    kept = {key: value for key, value in weights.items() if ".layer.1." not in key}
    save_file(kept, str(folder / "model.safetensors"), metadata={"format": "pt"})
    with caplog.at_level("WARNING", logger="alignment.encoder"):
        TransformersEncoder(folder)
    assert "weights missing from the checkpoint" in caplog.text


def test_the_real_encoder_drives_the_aligner_and_the_command(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end through the real loading code: the tiny model's cosines enter the bead
    scores (meaningless numbers, real plumbing), and `bireview align --encoder` runs."""
    from alignment import align_sentences
    from alignment.encoder import load_encoder
    from review_app.cli import main

    zh = ["广东省委书记黄坤明主持会议。", "吉林省委书记景俊海出席会议。", "双方签署了协议。"]
    en = [
        "Huang Kunming presided over the meeting.",
        "Jing Junhai attended the meeting.",
        "The two sides signed an agreement.",
    ]
    beads = align_sentences(zh, en, encoder=load_encoder(tiny_model))
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]

    source, target = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    source.write_text("\n".join(zh), encoding="utf-8")
    target.write_text("\n".join(en), encoding="utf-8")
    argv = ["align", str(source), str(target), "--sentences-per-line", "--format", "vecalign"]
    assert main([*argv, "--encoder", str(tiny_model)]) == 0
    assert capsys.readouterr().out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
