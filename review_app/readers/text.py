"""Read plain-text documents whatever their encoding, and refuse what is not text.

UTF-8 (with or without a BOM), UTF-16/32 with a BOM, UTF-16 without one, and GBK/GB18030 are
detected; anything else is left to charset-normalizer. A file that is missing, empty, binary or
in the wrong language raises :class:`InputError` naming the file. :func:`read_document` also
reads Markdown, HTML and .docx (:mod:`review_app.readers.formats`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from review_app.document import Document
from review_app.errors import InputError
from review_app.limits import DEFAULT_LIMITS, Limits, too_large

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z]")
# Japanese kana and Korean hangul: text with many of them is no Chinese, however many Han
# characters it shares with Chinese.
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English", "ja": "Japanese", "ko": "Korean"}


def read_document(path: str | Path, *, lang: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read ``path`` as a document in ``lang`` ("zh" or "en").

    The suffix (any case) chooses the reader: .md, .html/.htm and .docx have their own (see
    :mod:`review_app.readers.formats`, one blank line between paragraphs), anything else is
    read as plain text. A file past ``limits`` is refused before it is read.
    """
    from review_app.readers.formats import READERS

    text, encoding = READERS.get(Path(path).suffix.lower(), read_text)(path, limits)
    found = detect_language(text)
    if found is not None and found != lang:
        swapped = {found, lang} == {"zh", "en"}
        raise InputError(
            path,
            f"this looks like {LANGUAGE_NAMES[found]} text, expected {LANGUAGE_NAMES[lang]}"
            + (" (are the source and the translation swapped?)" if swapped else ""),
        )
    return Document(path=str(path), text=text, lang=lang, encoding=encoding)


def read_text(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """The text of ``path`` with newlines normalised, and the encoding it was read in."""
    raw = read_bytes(Path(path), limits)
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
    """ "zh", "en", "ja", "ko", or None when the text is too mixed or too short to tell."""
    sample = text[:50_000]
    kana, hangul = len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
    if kana >= 10 and kana > len(sample) * 0.05:
        return "ja"
    if hangul >= 10 and hangul > len(sample) * 0.1:
        return "ko"
    cjk = len(CJK.findall(sample))
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


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of ``path``; a missing path, a folder, or a file over ``limits.file_mb`` is
    refused. A pipe is read up to the limit (the batch refuses pipes before reading)."""
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, expected a text file")
    try:
        size = path.stat().st_size  # 0 for a pipe (bireview check <(…)): read, within bounds
        if size > limits.file_bytes:
            raise InputError(path, too_large(size, limits))
        with path.open("rb") as stream:  # never more than the limit, whatever stat said
            raw = stream.read(limits.file_bytes + 1)
        if len(raw) > limits.file_bytes:  # a pipe, or a file that grew: its size is unknown
            raise InputError(path, too_large(None, limits))
        return raw
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def edited_bytes(path: str | Path, edit: Callable[[str], str]) -> bytes:
    """The bytes of ``path`` with its text changed by ``edit``, in the file's own encoding and
    with the byte-order mark it had: a file written back is the file that came, but for the
    edit."""
    raw = read_bytes(Path(path))
    text, encoding = decode_bytes(path, raw)
    bom = next((mark for mark, _ in BOMS if raw.startswith(mark)), b"")
    return bom + edit(text).encode(encoding)


def decode_bytes(path: str | Path, raw: bytes) -> tuple[str, str]:
    """``raw`` decoded (BOM, UTF-16 guess, UTF-8, GB18030, then charset-normalizer)."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    path, f"starts with a {encoding} mark but is not {encoding}"
                ) from None
    if b"\x00" in raw:  # no UTF-8 or GB18030 text has a NUL; UTF-16 text usually does
        decoded = _decode_utf16_without_bom(raw)
        if decoded is None:
            raise InputError(path, "this is not a text file (it holds binary data)")
        return decoded
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese in UTF-16 with no ASCII at all has no NUL either, and GB18030 would take it.
    decoded = _decode_utf16_without_bom(raw)
    if decoded is not None:
        return decoded
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "this is not a text file (no text encoding fits it)")
    return str(best), best.encoding


# What text is made of: Chinese, Latin, punctuation, spaces. Decoded in the wrong byte order,
# UTF-16 turns newlines and most ideographs into characters outside these ranges, and ASCII into
# characters U+XX00, which real text seldom has (一 U+4E00 aside): those count against it.
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\xa0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u4dbf"
    r"\u4e00-\u9fff\uff00-\uffef]"
)


def _decode_utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """``raw`` decoded as UTF-16 in the byte order whose text is plausible, or None when
    neither order gives text (at least 95% Chinese, Latin, punctuation and spaces)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:16384]
    plausible = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")
        swapped_ascii = sum(1 for char in text if ord(char) > 0xFF and not ord(char) & 0xFF)
        good = len(_PLAUSIBLE.findall(text)) - swapped_ascii
        plausible[encoding] = good / max(1, len(text))
    best, other = sorted(plausible, key=plausible.__getitem__, reverse=True)
    if plausible[best] < 0.9 or plausible[best] - plausible[other] < 0.1:
        return None
    try:
        return raw.decode(best), best
    except UnicodeDecodeError:
        return None
