"""Tiny random models built inside the tests: the real loading and scoring code runs through
them (their outputs are meaningless, the plumbing is real). Needs the neural extra."""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Callable
from pathlib import Path

ZH = [
    "广东省和吉林省加强合作。",
    "省长王伟中出席会议。",
    "今年经济增长百分之五。",
    "两省签署了合作协议。",
    "会议在长春举行。",
]
EN = [
    "Guangdong and Jilin strengthen cooperation.",
    "Governor Wang Weizhong attended the meeting.",
    "The economy grew by five percent this year.",
    "The two provinces signed a cooperation agreement.",
    "The meeting was held in Changchun.",
]


def _train_sentencepiece(lines: list[str], path: Path, extra: int) -> None:
    """A unigram model covering every character of ``lines`` and ``extra`` pieces more."""
    import sentencepiece

    size = len(set("".join(lines))) + extra
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 3),
        model_writer=model,
        vocab_size=size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())


def build_marian(folder: Path) -> Path:
    """A one-layer MarianMT (d_model 16) with sentencepiece tokenizers trained on a few lines."""
    import sentencepiece
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    _train_sentencepiece(ZH, folder / "source.spm", 10)
    _train_sentencepiece(EN, folder / "target.spm", 30)
    vocab = {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for name in ("source.spm", "target.spm"):
        processor = sentencepiece.SentencePieceProcessor(model_file=str(folder / name))
        for piece in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(piece), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = transformers.MarianTokenizer(
        vocab=str(folder / "vocab.json"),
        source_spm=str(folder / "source.spm"),
        target_spm=str(folder / "target.spm"),
        source_lang="zh",
        target_lang="en",
    )
    tokenizer.save_pretrained(folder)
    config = transformers.MarianConfig(
        vocab_size=len(vocab),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=64,
        pad_token_id=2,
        eos_token_id=0,
        decoder_start_token_id=2,
        forced_eos_token_id=0,
    )
    torch.manual_seed(0)
    model = transformers.MarianMTModel(config)
    # Random weights write any piece; ruling out the Chinese ones keeps the output English, so
    # it can stand in a release that must read as English.
    with torch.no_grad():
        for piece, index in vocab.items():
            if any("\u3400" <= char <= "\u9fff" for char in piece):
                model.final_logits_bias[0, index] = -1e4
    model.save_pretrained(folder)
    return folder


def build_encoder(folder: Path) -> Path:
    """A one-layer XLM-R (hidden size 16) with one sentencepiece tokenizer for both languages."""
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    _train_sentencepiece(ZH + EN, folder / "sentencepiece.bpe.model", 30)
    tokenizer = transformers.XLMRobertaTokenizer.from_pretrained(folder, local_files_only=True)
    tokenizer.save_pretrained(folder)
    config = transformers.XLMRobertaConfig(
        vocab_size=len(tokenizer),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=66,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    transformers.XLMRobertaModel(config).save_pretrained(folder)
    return folder


def quietly(build: Callable[[Path], Path], folder: Path) -> Path:
    """Run a builder with transformers' progress bars and warnings off."""
    import transformers

    hf_logging = transformers.utils.logging
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses")
            return build(folder)
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
