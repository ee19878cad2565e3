"""Embed sentences with a multilingual neural encoder read from a local folder (optional).

The aligner can add a neural signal to its length and dictionary evidence: the cosine between
sentence vectors from a multilingual encoder that maps a Chinese sentence and its English
translation to nearby points. This module loads such an encoder with Hugging Face
``transformers`` and PyTorch, which are optional (``pip install -e '.[neural]'``); importing
the module imports neither, nor numpy.

**Nothing is ever downloaded.** The tool only reads a folder that is already on disk:
``transformers`` is called with ``local_files_only=True`` and ``trust_remote_code=False``, and
``HF_HUB_OFFLINE=1`` / ``TRANSFORMERS_OFFLINE=1`` are set before it is imported. Fetch a model
once, on a machine with internet access, and copy the folder where the tool runs:

* LaBSE, the best choice for sentence alignment (109 languages, about 1.9 GB)::

      huggingface-cli download sentence-transformers/LaBSE --local-dir ./models/labse

* the smaller, faster ``paraphrase-multilingual-MiniLM-L12-v2`` (about 0.5 GB; weaker on
  literary text)::

      huggingface-cli download \\
          sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2 \\
          --local-dir ./models/minilm

  (``hf download`` in recent ``huggingface_hub``; ``git lfs clone
  https://huggingface.co/sentence-transformers/LaBSE`` also works.)

then pass ``--encoder ./models/labse``. Any folder that ``transformers.AutoModel`` can load
from PyTorch or safetensors weights, with its tokenizer files, works: BERT, XLM-R, MiniLM, ...
(encoder-decoder models use their encoder).

How a sentence becomes a vector (the *pooling*):

* a folder saved by ``sentence-transformers`` (it has ``modules.json``) is reproduced exactly:
  its ``1_Pooling/config.json`` chooses CLS, mean or max pooling, its ``Dense`` layers are
  applied (LaBSE: CLS token, then a 768x768 dense layer with tanh), and the result is
  L2-normalised — the vectors match ``SentenceTransformer(folder).encode(...)``;
* any other folder gets mean pooling over the last hidden states of the non-padding tokens,
  the general-purpose default;
* ``pooling="mean"``, ``"cls"``, ``"max"`` or ``"pooler"`` (the model's own pooler output,
  e.g. BERT's dense+tanh over CLS) overrides both.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.errors import LocatedError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

logger = logging.getLogger(__name__)

__all__ = [
    "POOLING_MODES",
    "WEIGHT_FILES",
    "EncoderError",
    "TransformersEncoder",
    "clear_encoder_cache",
    "first_line",
    "import_backend",
    "load_encoder",
    "quiet_transformers",
]

POOLING_MODES = ("mean", "cls", "max", "pooler")

_INSTALL_HINT = (
    "the neural encoder needs PyTorch and transformers, which are not installed: "
    "pip install -e '.[neural]' (install torch first from the CPU index if you have no GPU)"
)
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
_OTHER_WEIGHT_FILES = ("tf_model.h5", "flax_model.msgpack", "model.ckpt.index")
_TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "vocab.json")
_TOKENIZER_SUFFIXES = (".model", ".spm")
# sentence-transformers' Dense activations that we accept (its config names a class by path;
# we never import an arbitrary name from a model folder).
_ACTIVATIONS = ("Identity", "Tanh", "ReLU", "GELU", "Sigmoid")
# Models whose position ids start after the padding index, so two positions are unusable.
_OFFSET_POSITIONS = ("roberta", "xlm-roberta", "camembert", "xlm-roberta-xl", "longformer")


class EncoderError(LocatedError):
    """The neural encoder cannot be used: no model at the path, a broken model, or no PyTorch."""


@dataclass(frozen=True)
class _Layout:
    """Where the transformer of a model folder lives and what a sentence-transformers save adds."""

    transformer: Path
    pooling: str | None = None
    dense: tuple[Path, ...] = ()


class TransformersEncoder:
    """A multilingual sentence encoder loaded from a local folder; vectors are L2-normalised.

    ``batch_size`` sentences go through the model at once; each is truncated to ``max_length``
    tokens (and never past the model's position limit). ``threads`` sets PyTorch's CPU thread
    count, which is process-wide. ``pooling`` is ``None`` (sentence-transformers' choice if the
    folder has one, else mean) or one of :data:`POOLING_MODES`; see the module docstring.

    Raises :class:`EncoderError` if the folder is missing or not a usable model, or if PyTorch
    or transformers is not installed.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int = 32,
        max_length: int = 128,
        threads: int | None = None,
        pooling: str | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        if max_length < 2:
            raise ValueError(f"max_length must be at least 2, not {max_length}")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, not {threads}")
        if pooling is not None and pooling not in POOLING_MODES:
            raise ValueError(f"pooling must be one of {', '.join(POOLING_MODES)}, not {pooling!r}")
        self.path = Path(path).expanduser()
        self.batch_size = batch_size
        where = str(path)
        layout = _inspect_folder(self.path, where)
        self.pooling: str = pooling or (layout.pooling if layout.pooling is not None else "mean")
        if self.pooling not in POOLING_MODES:
            raise EncoderError(
                where,
                f"unsupported sentence-transformers pooling {self.pooling or 'none'}; "
                "choose pooling 'mean' or 'cls' explicitly",
            )

        started = time.perf_counter()
        torch, transformers = import_backend(where)
        if threads is not None:
            torch.set_num_threads(threads)
        self._torch = torch
        self._tokenizer, self._model = _load_model(transformers, layout, where)
        self._dense = _load_dense(torch, layout.dense, where)

        config = self._model.config
        if self.pooling == "pooler" and getattr(self._model, "pooler", None) is None:
            raise EncoderError(
                where, f"{type(self._model).__name__} has no pooler; use pooling 'cls' or 'mean'"
            )
        self.max_length = min(max_length, _position_limit(config, self._tokenizer))
        self._accepts = set(inspect.signature(self._model.forward).parameters)
        hidden = int(getattr(config, "hidden_size", 0) or getattr(config, "d_model", 0))
        self.dimension: int = self._dense[-1][0].out_features if self._dense else hidden
        if not self.dimension:
            raise EncoderError(where, "config.json gives no hidden size (hidden_size or d_model)")
        logger.info(
            "loaded encoder %s (%s, %d dimensions, %s pooling%s) in %.1f s",
            where,
            type(self._model).__name__,
            self.dimension,
            self.pooling,
            f" + {len(self._dense)} dense" if self._dense else "",
            time.perf_counter() - started,
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({str(self.path)!r}, dimension={self.dimension}, "
            f"pooling={self.pooling!r}, batch_size={self.batch_size}, "
            f"max_length={self.max_length})"
        )

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Sentence vectors, one L2-normalised float32 row per text (shape ``(n, dimension)``).

        Repeated texts are embedded once. Texts are batched in order of length, so that batches
        carry little padding; the result does not depend on that order beyond float rounding
        (about 1e-6).
        """
        import numpy as np

        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"texts must be strings, not {type(text).__name__}")
        unique = list(dict.fromkeys(texts))
        out = np.zeros((len(unique), self.dimension), dtype=np.float32)
        order = sorted(range(len(unique)), key=lambda k: len(unique[k]))
        with self._torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                out[rows] = self._embed_batch([unique[k] for k in rows])
        if len(unique) == len(texts):  # no repeats: unique is texts, in order
            return out
        position = {text: k for k, text in enumerate(unique)}
        return out[[position[text] for text in texts]]

    def similarity(self, src: Sequence[str], tgt: Sequence[str]) -> npt.NDArray[np.float32]:
        """Cosine similarity of each source text with each target text: ``(len(src), len(tgt))``."""
        src, tgt = list(src), list(tgt)
        vectors = self.embed(src + tgt)
        return vectors[: len(src)] @ vectors[len(src) :].T

    def _embed_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Vectors of one batch of distinct texts."""
        torch = self._torch
        batch = self._tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        inputs = {key: value for key, value in batch.items() if key in self._accepts}
        output = self._model(**inputs)
        if self.pooling == "pooler":
            pooled = output.pooler_output
        else:
            hidden = output.last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            elif self.pooling == "max":
                pooled = hidden.masked_fill(mask == 0, torch.finfo(hidden.dtype).min).amax(dim=1)
            else:
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        for layer in self._dense:
            pooled = layer(pooled)
        pooled = torch.nn.functional.normalize(pooled.float(), p=2.0, dim=1)
        return pooled.cpu().numpy()


_CACHE: dict[tuple[str, tuple[tuple[str, Any], ...]], TransformersEncoder] = {}
_CACHE_LOCK = threading.Lock()


def load_encoder(path: str | Path, **options: Any) -> TransformersEncoder:
    """The encoder in a model folder, loaded once per process for a given folder and options.

    ``options`` are :class:`TransformersEncoder`'s keyword arguments. The cache is keyed on the
    resolved path, so ``./models/labse`` and its absolute path share one model. (A dict rather
    than ``functools.lru_cache``: a failed load is not cached either way, but this way the error
    names the path as the user typed it.)
    """
    key = (str(Path(path).expanduser().resolve()), tuple(sorted(options.items())))
    with _CACHE_LOCK:
        encoder = _CACHE.get(key)
        if encoder is None:
            encoder = TransformersEncoder(path, **options)
            _CACHE[key] = encoder
    return encoder


def clear_encoder_cache() -> None:
    """Forget the encoders :func:`load_encoder` has loaded (their memory is freed when unused)."""
    with _CACHE_LOCK:
        _CACHE.clear()


# --- Loading -------------------------------------------------------------------------------


def _inspect_folder(folder: Path, where: str) -> _Layout:
    """Check that a folder holds a model, before importing anything heavy, and read its layout."""
    if not folder.exists():
        raise EncoderError(where, "no such model folder")
    if not folder.is_dir():
        raise EncoderError(where, "not a folder; --encoder expects a model folder")
    layout = _read_sentence_transformers(folder, where)
    root = layout.transformer
    if not (root / "config.json").is_file():
        raise EncoderError(
            where, "not a model folder: no config.json (download the whole model repository)"
        )
    if not any((root / name).is_file() for name in WEIGHT_FILES):
        others = [name for name in _OTHER_WEIGHT_FILES if (root / name).is_file()]
        if others:
            raise EncoderError(
                where, f"only {others[0]} weights; PyTorch or safetensors weights are needed"
            )
        raise EncoderError(where, "no model weights (model.safetensors or pytorch_model.bin)")
    has_tokenizer = any((root / name).is_file() for name in _TOKENIZER_FILES) or any(
        child.suffix in _TOKENIZER_SUFFIXES for child in root.iterdir()
    )
    if not has_tokenizer:
        raise EncoderError(where, "no tokenizer files (tokenizer.json, vocab.txt, *.model)")
    return layout


def _read_sentence_transformers(folder: Path, where: str) -> _Layout:
    """The layout of a sentence-transformers save (``modules.json``), or a plain HF folder."""
    modules_file = folder / "modules.json"
    if not modules_file.is_file():
        return _Layout(folder)
    try:
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        entries = [(str(m["type"]).rsplit(".", 1)[-1], folder / m["path"]) for m in modules]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise EncoderError(
            str(modules_file), f"unreadable sentence-transformers modules: {exc}"
        ) from exc
    transformer = folder
    pooling = None
    dense: list[Path] = []
    for kind, sub in entries:
        if kind == "Transformer":
            transformer = sub
        elif kind == "Pooling":
            pooling = _read_pooling(sub / "config.json")
        elif kind == "Dense":
            dense.append(sub)
        elif kind != "Normalize":
            raise EncoderError(where, f"unsupported sentence-transformers module {kind}")
    return _Layout(transformer, pooling, tuple(dense))


def _read_pooling(config_file: Path) -> str:
    """The pooling modes a sentence-transformers ``Pooling`` config switches on, joined by +."""
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EncoderError(str(config_file), f"unreadable pooling config: {exc}") from exc
    names = {
        "pooling_mode_cls_token": "cls",
        "pooling_mode_mean_tokens": "mean",
        "pooling_mode_max_tokens": "max",
    }
    switched_on = [
        key for key, value in config.items() if key.startswith("pooling_mode_") and value is True
    ]
    # An unsupported mode or combination is returned as is; the encoder refuses it unless the
    # caller chooses a pooling explicitly.
    return "+".join(names.get(key, key.removeprefix("pooling_mode_")) for key in switched_on)


def import_backend(
    where: str, error: type[LocatedError] = EncoderError, what: str = "the neural encoder"
) -> tuple[Any, Any]:
    """Import torch and transformers, offline; ``error`` if they are missing."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise error(where, _INSTALL_HINT.replace("the neural encoder", what)) from exc
    return torch, transformers


@contextlib.contextmanager
def quiet_transformers(transformers: Any) -> Iterator[None]:
    """Silence transformers' progress bars and info/warning chatter while a model loads."""
    hf_logging = transformers.utils.logging
    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    if bars:
        hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _load_model(transformers: Any, layout: _Layout, where: str) -> tuple[Any, Any]:
    """The tokenizer and the eval-mode float32 model of a folder."""
    root = str(layout.transformer)
    common = {"local_files_only": True, "trust_remote_code": False}
    with quiet_transformers(transformers):
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(root, **common)
        except Exception as exc:
            raise EncoderError(where, f"cannot load the tokenizer: {first_line(exc)}") from exc
        try:
            model, info = transformers.AutoModel.from_pretrained(
                root, output_loading_info=True, **common
            )
        except Exception as exc:
            raise EncoderError(where, f"cannot load the model: {first_line(exc)}") from exc
    if len(tokenizer) <= len(set(tokenizer.all_special_ids)):
        raise EncoderError(where, "the tokenizer has no vocabulary (missing tokenizer files?)")
    if tokenizer.pad_token is None:
        fallback = tokenizer.eos_token or tokenizer.sep_token or tokenizer.unk_token
        if fallback is None:
            raise EncoderError(where, "the tokenizer has no padding token")
        tokenizer.pad_token = fallback
    missing = sorted(info.get("missing_keys") or ())
    no_pooler = any(key.startswith("pooler.") for key in missing)
    missing = [key for key in missing if not key.startswith("pooler.")]
    if missing:
        logger.warning(
            "%s: %d weights missing from the checkpoint (randomly initialised): %s",
            where,
            len(missing),
            ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else ""),
        )
    if getattr(model.config, "is_encoder_decoder", False) and hasattr(model, "get_encoder"):
        model = model.get_encoder()
    model = model.float()
    model.eval()
    if no_pooler and getattr(model, "pooler", None) is not None:
        # Common in sentence-transformers saves, and harmless unless pooling="pooler": drop the
        # randomly initialised pooler so that it is neither computed nor used.
        logger.info("%s: no pooler weights in the checkpoint; pooling 'pooler' unavailable", where)
        model.pooler = None
    return tokenizer, model


def _load_dense(torch: Any, folders: Sequence[Path], where: str) -> list[Any]:
    """The Dense layers of a sentence-transformers save, as eval-mode torch modules."""
    layers = []
    for folder in folders:
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            activation = str(config.get("activation_function", "Identity")).rsplit(".", 1)[-1]
            if activation not in _ACTIVATIONS:
                raise ValueError(f"unsupported activation {activation}")
            linear = torch.nn.Linear(
                int(config["in_features"]),
                int(config["out_features"]),
                bias=config.get("bias", True),
            )
            state = _read_state(torch, folder)
            linear.load_state_dict(
                {key.removeprefix("linear."): value for key, value in state.items()}
            )
        except EncoderError:
            raise
        except Exception as exc:
            raise EncoderError(
                str(folder), f"cannot load the dense layer: {first_line(exc)}"
            ) from exc
        layer = torch.nn.Sequential(linear, getattr(torch.nn, activation)()).float().eval()
        layers.append(layer)
    return layers


def _read_state(torch: Any, folder: Path) -> dict[str, Any]:
    """A layer's weights from ``model.safetensors`` or ``pytorch_model.bin`` (tensors only)."""
    if (folder / "model.safetensors").is_file():
        from safetensors.torch import load_file

        return load_file(str(folder / "model.safetensors"))
    if (folder / "pytorch_model.bin").is_file():
        return torch.load(folder / "pytorch_model.bin", map_location="cpu", weights_only=True)
    raise EncoderError(str(folder), "no weights (model.safetensors or pytorch_model.bin)")


def _position_limit(config: Any, tokenizer: Any) -> int:
    """The longest input, in tokens, that the model and tokenizer accept."""
    limits = []
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        offset = 2 if getattr(config, "model_type", "") in _OFFSET_POSITIONS else 0
        limits.append(positions - offset)
    declared = getattr(tokenizer, "model_max_length", None)
    if isinstance(declared, int) and 0 < declared < 1_000_000:
        limits.append(declared)
    return min(limits, default=1_000_000)


def first_line(exc: BaseException) -> str:
    """An exception's message, first line only (transformers' messages run long)."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
