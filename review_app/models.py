"""The optional local models, as the command line configures, loads and lists them.

Two models can be given, each a folder on disk (nothing is ever downloaded):

- ``--mt-model PATH`` (or ``$BIREVIEW_MT_MODEL``): a translation model (opus-mt-zh-en) for the
  back-translation signal of ``adequacy.low``;
- ``--encoder PATH`` (or ``$BIREVIEW_ENCODER``): a sentence encoder (LaBSE) that helps the
  aligner and gives ``adequacy.low`` its similarity signal.

torch and transformers are imported only when one is given (``pip install -e '.[neural]'``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignment.encoder import TransformersEncoder
    from review_app.translator import MarianTranslator

MT_MODEL_ENV = "BIREVIEW_MT_MODEL"
ENCODER_ENV = "BIREVIEW_ENCODER"


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """``--mt-model`` and ``--encoder``, defaulting to their environment variables."""
    parser.add_argument(
        "--mt-model",
        metavar="PATH",
        default=os.environ.get(MT_MODEL_ENV) or None,
        help="a local translation model folder (e.g. opus-mt-zh-en): its translation of each "
        f"source segment is compared with the release (adequacy.low; default: ${MT_MODEL_ENV})",
    )
    parser.add_argument(
        "--encoder",
        metavar="PATH",
        default=os.environ.get(ENCODER_ENV) or None,
        help="a local sentence-embedding model folder (e.g. LaBSE): helps the aligner and "
        f"scores each pair's similarity (adequacy.low; default: ${ENCODER_ENV})",
    )


def load_translator_option(path: str | None) -> MarianTranslator | None:
    if not path:
        return None
    from review_app.translator import load_translator

    return load_translator(path)


def load_encoder_option(path: str | None) -> TransformersEncoder | None:
    if not path:
        return None
    from alignment.encoder import load_encoder

    return load_encoder(path)


def forget_models() -> None:
    """Drop the models loaded in this process (their memory is freed when unused)."""
    if "review_app.translator" in sys.modules:
        from review_app.translator import clear_translator_cache

        clear_translator_cache()
    if "alignment.encoder" in sys.modules:
        from alignment.encoder import clear_encoder_cache

        clear_encoder_cache()


def model_tags(mt_model: str | None, encoder: str | None) -> tuple[str, ...]:
    """The models in a report's signature: kind, folder name and a hash of its config.json, so
    that two runs can tell whether they used the same model."""
    tags = []
    for kind, path in (("mt", mt_model), ("encoder", encoder)):
        if path:
            folder = Path(path).expanduser()
            config = folder / "config.json"
            digest = hashlib.sha256(config.read_bytes()).hexdigest()[:8] if config.is_file() else ""
            tags.append(f"{kind}={folder.resolve().name}{'@' + digest if digest else ''}")
    return tuple(tags)


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int], None]]:
    """A callback counting segments on a tqdm bar on stderr (silent when stderr is no terminal)."""
    from tqdm import tqdm

    with tqdm(
        desc=description, unit=" segments", disable=not sys.stderr.isatty(), leave=False
    ) as bar:
        yield bar.update


@dataclass(frozen=True)
class ModelStatus:
    """One optional model: where it is configured and whether it loads."""

    kind: str
    path: str | None
    origin: str | None  # "--mt-model", "$BIREVIEW_MT_MODEL" …
    loads: bool
    detail: str


def model_statuses(args: argparse.Namespace) -> list[ModelStatus]:
    """Each optional model, loaded if configured (``bireview models``)."""
    statuses = []
    specs = (
        ("mt-model", args.mt_model, MT_MODEL_ENV, load_translator_option),
        ("encoder", args.encoder, ENCODER_ENV, load_encoder_option),
    )
    for kind, path, env, load in specs:
        if not path:
            statuses.append(
                ModelStatus(kind, None, None, False, f"not configured (--{kind} or ${env})")
            )
            continue
        origin = f"${env}" if os.environ.get(env) == path else f"--{kind}"
        started = time.perf_counter()
        try:
            model = load(path)
        except Exception as error:  # every failure is a status line, never a traceback
            statuses.append(ModelStatus(kind, path, origin, False, " ".join(str(error).split())))
            continue
        seconds = time.perf_counter() - started
        statuses.append(
            ModelStatus(kind, path, origin, True, f"{_describe(model)}, {seconds:.1f} s")
        )
    return statuses


def _describe(model: object) -> str:
    name = getattr(model, "name", None) or type(getattr(model, "_model", model)).__name__
    parameters = getattr(model, "parameters", None)
    if not isinstance(parameters, int):
        inner = getattr(model, "_model", None)
        parameters = sum(p.numel() for p in inner.parameters()) if inner is not None else None
    size = f", {parameters / 1e6:.1f}M parameters" if parameters else ""
    return f"loads: {name}{size}"


def cmd_models(args: argparse.Namespace) -> int:
    """``bireview models``: exit 0 when every configured model loads, 1 otherwise."""
    statuses = model_statuses(args)
    for status in statuses:
        where = f"{status.path} (from {status.origin})" if status.path else ""
        state = status.detail if status.loads or not status.path else f"fails: {status.detail}"
        print(f"{status.kind:<9} {where + '  ' if where else ''}{state}")
    return 0 if all(status.loads for status in statuses if status.path) else 1
