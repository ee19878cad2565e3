"""Monolingual documents other than plain text: Markdown, HTML and Word (.docx).

Each reader returns the document's plain text with one blank line between paragraphs (where
:func:`alignment.segment.split_paragraphs` splits them) and the encoding it was read in. The
language check is :func:`review_app.readers.text.read_document`'s.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from review_app.errors import InputError
from review_app.limits import DEFAULT_LIMITS, OPTIONS, Limits
from review_app.readers.text import decode_bytes, read_bytes, read_text
from review_app.readers.xmlsafe import refuse_entity_declarations

# --- Markdown: only the syntax that would end up inside sentences is removed. ---------------
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_MD_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$")  # thematic breaks, setext underlines
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_STRONG = re.compile(r"\*\*|__")


def read_markdown(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """Read a Markdown file as text.

    Headings lose their ``#`` marks and list items their bullet (``-``, ``*``, ``+``) or number
    (``1.``); each becomes a paragraph of its own. ``**`` and ``__`` are removed, links
    ``[text](url)`` keep their text, and rules (``---``) become blank lines. Everything else
    (single ``*``/``_``, code, tables, HTML) is left as written.
    """
    text, encoding = read_text(path, limits)
    lines: list[str] = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = _MD_CLOSING_HASHES.sub("", line[heading.end() :])
        item = _MD_ITEM.match(line)
        if item:
            line = line[item.end() :]
        line = _MD_STRONG.sub("", _MD_LINK.sub(r"\1", line))
        lines.extend(["", line, ""] if heading or item else [line])
    return _paragraphs(path, re.split(r"\n\s*\n", "\n".join(lines))), encoding


# --- HTML ------------------------------------------------------------------------------------
_HTML_DROPPED = ("head", "script", "style", "noscript", "template")
_HTML_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip
_BREAK = "\u2029"  # PARAGRAPH SEPARATOR, put around block elements while the tree is flattened
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def read_html(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """Read an HTML file's visible text: each block element (p, div, h1–h6, li, td …) and each
    ``<br>``-separated run is a paragraph; head, script and style are dropped; entities decoded.

    The bytes are decoded with a byte-order mark's encoding, else the ``<meta>`` charset, else
    the detection plain text gets. Nothing is fetched: lxml's HTML parser loads no DTD.
    """
    import lxml.html

    raw = read_bytes(Path(path), limits)
    if not raw.strip():
        raise InputError(path, "the file is empty")
    text, encoding = _decode_html(path, raw)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True
    )
    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    for element in list(root.iter(*_HTML_DROPPED)):
        element.drop_tree()
    for element in root.iter(*_HTML_BLOCKS):
        element.text = _BREAK + (element.text or "")
        element.tail = _BREAK + (element.tail or "")
    return _paragraphs(path, root.text_content().split(_BREAK)), encoding


def _decode_html(path: str | Path, raw: bytes) -> tuple[str, str]:
    found = _META_CHARSET.search(raw[:8192])
    if found and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            name = codecs.lookup(found.group(1).decode("ascii")).name
            # Pages labelled gb2312 or gbk routinely hold characters only GB18030 (a superset) has.
            name = "gb18030" if name in ("gb2312", "gbk") else name
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: detect the encoding as for plain text
    return decode_bytes(path, raw)


# --- Word ------------------------------------------------------------------------------------
def read_docx(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """Read a Word .docx file's paragraphs in body order, table cells' paragraphs included.

    The sizes in the zip directory are checked against ``limits.unpacked_mb`` before anything
    is unpacked (a few hundred kilobytes can unpack to gigabytes), and every XML part is
    checked for entity declarations before python-docx parses it.
    """
    raw = read_bytes(Path(path), limits)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                raise InputError(path, "not a readable .docx file (no word/document.xml in it)")
            unpacked = sum(member.file_size for member in members)
            if unpacked > limits.unpacked_bytes:
                raise InputError(
                    path,
                    f"the .docx unpacks to {unpacked / 2**20:.0f} MB (at most "
                    f"{limits.unpacked_mb:g} MB, see {OPTIONS['unpacked_mb']})",
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    refuse_entity_declarations(path, archive.read(member))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise InputError(path, f"not a readable .docx file ({_reason(error)})") from None

    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        texts = list(_docx_paragraphs(document))
    except Exception as error:  # python-docx fails in many ways on a damaged package
        raise InputError(path, f"not a readable .docx file ({_reason(error)})") from None
    return _paragraphs(path, texts), "docx"


def _docx_paragraphs(container: Any) -> Iterator[str]:
    """The text of each paragraph in ``container`` (a document or a table cell), tables included.

    A merged cell is read once, although python-docx lists it for every grid cell it spans.
    """
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: set[Any] = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_paragraphs(cell)
        else:
            yield block.text


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, zipfile.BadZipFile):
        text = "not a zip archive" if "not a zip file" in text.lower() else text
    return text if len(text) <= 120 else text[:117] + "..."


def _paragraphs(path: str | Path, parts: list[str]) -> str:
    """``parts`` with spaces collapsed and empty lines dropped, a blank line between them."""
    paragraphs = []
    for part in parts:
        lines = (" ".join(line.split()) for line in part.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    if not paragraphs:
        raise InputError(path, "the document holds no text")
    return "\n\n".join(paragraphs) + "\n"


READERS: dict[str, Callable[[str | Path, Limits], tuple[str, str]]] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
}
