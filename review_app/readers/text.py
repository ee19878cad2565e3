"""Read plain-text documents whatever their encoding, and refuse what is not text.

UTF-8 (with or without a BOM), UTF-16/32 with a BOM, UTF-16 without one, and GBK/GB18030 are
detected; anything else is left to charset-normalizer. A file that is missing, empty, binary or
in the wrong language raises :class:`InputError` naming the file. :func:`read_document` also
reads Markdown, HTML and .docx (:mod:`review_app.readers.formats`).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from review_app.document import Document
from review_app.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
MAX_BYTES = 200 * 1024 * 1024


def read_document(path: str | Path, *, lang: str) -> Document:
    """Read ``path`` as a document in ``lang`` ("zh" or "en").

    The suffix (any case) chooses the reader: .md, .html/.htm and .docx have their own (see
    :mod:`review_app.readers.formats`, one blank line between paragraphs), anything else is
    read as plain text.
    """
    from review_app.readers.formats import READERS

    text, encoding = READERS.get(Path(path).suffix.lower(), read_text)(path)
    found = detect_language(text)
    if found is not None and found != lang:
        raise InputError(
            path,
            f"this looks like {LANGUAGE_NAMES[found]} text, expected {LANGUAGE_NAMES[lang]}"
            " (are the source and the translation swapped?)",
        )
    return Document(path=str(path), text=text, lang=lang, encoding=encoding)


def read_text(path: str | Path) -> tuple[str, str]:
    """The text of ``path`` with newlines normalised, and the encoding it was read in."""
    raw = read_bytes(Path(path))
    if not raw.strip():
        raise InputError(path, "the file is empty")
    text, encoding = decode_bytes(path, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text[:100_000]) and len(_CONTROL.findall(text[:100_000])) > 8:
        raise InputError(path, "this is not a text file (it holds binary data)")
    if not text.strip():
        raise InputError(path, "the file is empty")
    return text, encoding


def detect_language(text: str) -> str | None:
    """ "zh", "en", or None when the text is too mixed or too short to tell."""
    sample = text[:50_000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cjk + latin < 4:
        return None
    # One Chinese character carries about as much as four Latin letters.
    share = cjk * 4 / (cjk * 4 + latin)
    if share > 0.5:
        return "zh"
    if share < 0.1:
        return "en"
    return None


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; a missing, folder or too large (over MAX_BYTES) path is refused."""
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, expected a text file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"the file is too large ({size // 2**20} MB; at most 200 MB)")
        return path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def decode_bytes(path: str | Path, raw: bytes) -> tuple[str, str]:
    """``raw`` decoded (BOM, UTF-16 guess, UTF-8, GB18030, then charset-normalizer)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    path, f"starts with a {encoding} mark but is not {encoding}"
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        try:
            return raw.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise InputError(path, "this is not a text file (it holds binary data)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "this is not a text file (no text encoding fits it)")
    return str(best), best.encoding


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text has a NUL in every other byte for ASCII; guess its byte order from them."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Chinese UTF-16 has few ASCII characters, so a few NULs on one side only is enough.
    if odd > half * 0.05 and even == 0:
        return "utf-16-le"
    if even > half * 0.05 and odd == 0:
        return "utf-16-be"
    return None
