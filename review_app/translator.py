"""Translate the Chinese with a local MarianMT-style model, for the back-translation signal.

A machine translation of each source segment, compared with the release (chrF), says where the
release's meaning may have drifted: a sentence whose release shares almost nothing with an
independent translation deserves a second look. The model is optional and local: ``--mt-model
PATH`` names a folder that ``transformers`` can load as a sequence-to-sequence model with its
tokenizer, for example Helsinki-NLP's opus-mt-zh-en (MarianMT, about 300 MB; its tokenizer is
sentencepiece)::

    huggingface-cli download Helsinki-NLP/opus-mt-zh-en --local-dir ./models/opus-mt-zh-en

**Nothing is ever downloaded**: the folder is read with ``local_files_only=True`` and
``trust_remote_code=False`` and with ``HF_HUB_OFFLINE=1``. torch and transformers are imported
only when a model is loaded (``pip install -e '.[neural]'``).
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from alignment.encoder import WEIGHT_FILES  # importing it loads neither torch nor transformers
from glossary.errors import LocatedError

logger = logging.getLogger(__name__)

_MEMORY = 20_000  # translations remembered, by source text
_TOKENIZER_FILES = ("source.spm", "tokenizer.json", "spiece.model", "sentencepiece.bpe.model")


class TranslatorError(LocatedError):
    """The translation model cannot be used: no model at the path, a broken one, or no PyTorch."""


class MarianTranslator:
    """A local sequence-to-sequence translation model (MarianMT or similar) on the CPU.

    Texts are translated ``batch_size`` at a time, longest together so batches carry little
    padding, greedily (``num_beams=1``) unless told otherwise; each input is cut to
    ``max_length`` tokens. ``threads`` sets PyTorch's (process-wide) CPU thread count.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int = 16,
        max_length: int = 256,
        threads: int | None = None,
        num_beams: int = 1,
    ) -> None:
        from alignment.encoder import first_line, import_backend, quiet_transformers

        if (
            batch_size < 1
            or max_length < 2
            or num_beams < 1
            or (threads is not None and threads < 1)
        ):
            raise ValueError("batch_size, max_length, num_beams and threads must be positive")
        self.path = Path(path).expanduser()
        self.batch_size = batch_size
        self.num_beams = num_beams
        where = str(path)
        _inspect_folder(self.path, where)
        started = time.perf_counter()
        torch, transformers = import_backend(where, TranslatorError, "the translation model")
        if threads is not None:
            torch.set_num_threads(threads)
        self._torch = torch
        common = {"local_files_only": True, "trust_remote_code": False}
        with quiet_transformers(transformers), warnings.catch_warnings():
            # MarianTokenizer asks for sacremoses, which only normalises punctuation.
            warnings.filterwarnings("ignore", message=".*sacremoses")
            try:
                self._tokenizer = transformers.AutoTokenizer.from_pretrained(self.path, **common)
            except Exception as exc:
                raise TranslatorError(
                    where, f"cannot load the tokenizer: {first_line(exc)}"
                ) from exc
            try:
                model = transformers.AutoModelForSeq2SeqLM.from_pretrained(self.path, **common)
            except Exception as exc:
                raise TranslatorError(
                    where, f"not a translation model that transformers can load: {first_line(exc)}"
                ) from exc
        self._model = model.float().eval()
        limit = getattr(self._model.config, "max_position_embeddings", None) or max_length
        self.max_length = min(max_length, int(limit))
        self.name = type(self._model).__name__
        self._memory: dict[str, str] = {}
        self.parameters = sum(parameter.numel() for parameter in self._model.parameters())
        logger.info("loaded %s from %s in %.1f s", self.name, where, time.perf_counter() - started)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r}, batch_size={self.batch_size})"

    def translate(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> list[str]:
        """One translation per text, in order; ``progress(n)`` is called after each batch with
        the number of texts it translated. Empty texts translate to empty strings."""
        texts = list(texts)
        out = [self._memory.get(text, "") for text in texts]
        # Texts translated before (the app checks a document again after each edit) are not
        # translated again.
        order = sorted(
            (i for i, text in enumerate(texts) if text.strip() and text not in self._memory),
            key=lambda i: len(texts[i]),
        )
        with self._torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                translations = self._batch([texts[i] for i in rows])
                for row, translation in zip(rows, translations, strict=True):
                    out[row] = translation
                    self._remember(texts[row], translation)
                if progress is not None:
                    progress(len(rows))
        if progress is not None and len(order) < len(texts):
            progress(len(texts) - len(order))  # the empty and the remembered ones
        return out

    def _remember(self, text: str, translation: str) -> None:
        if len(self._memory) >= _MEMORY:
            self._memory.pop(next(iter(self._memory)))  # the oldest
        self._memory[text] = translation

    def _batch(self, texts: list[str]) -> list[str]:
        batch = self._tokenizer(
            texts, return_tensors="pt", padding=True, truncation=True, max_length=self.max_length
        )
        # A translation rarely runs past twice its source's tokens; the cap keeps a random or
        # looping model from generating to the position limit.
        longest = int(batch["input_ids"].shape[1])
        generated = self._model.generate(
            **batch,
            num_beams=self.num_beams,
            max_new_tokens=min(self.max_length, 2 * longest + 8),
        )
        return [
            text.strip()
            for text in self._tokenizer.batch_decode(generated, skip_special_tokens=True)
        ]


_CACHE: dict[tuple[str, tuple[tuple[str, Any], ...]], MarianTranslator] = {}
_CACHE_LOCK = threading.Lock()


def load_translator(path: str | Path, **options: Any) -> MarianTranslator:
    """The translation model in a folder, loaded once per process for a folder and options."""
    key = (str(Path(path).expanduser().resolve()), tuple(sorted(options.items())))
    with _CACHE_LOCK:
        translator = _CACHE.get(key)
        if translator is None:
            translator = _CACHE[key] = MarianTranslator(path, **options)
    return translator


def clear_translator_cache() -> None:
    """Forget the models :func:`load_translator` has loaded."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _inspect_folder(folder: Path, where: str) -> None:
    """Check that a folder holds a model before importing anything heavy."""
    if not folder.exists():
        raise TranslatorError(where, "no such model folder")
    if not folder.is_dir():
        raise TranslatorError(where, "not a folder; --mt-model expects a model folder")
    if not (folder / "config.json").is_file():
        raise TranslatorError(
            where, "not a model folder: no config.json (download the whole model repository)"
        )
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        raise TranslatorError(where, "no model weights (model.safetensors or pytorch_model.bin)")
    if not any((folder / name).is_file() for name in _TOKENIZER_FILES):
        raise TranslatorError(where, "no tokenizer files (source.spm, tokenizer.json)")
