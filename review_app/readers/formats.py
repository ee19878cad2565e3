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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text a reader of the document does not see: deleted or moved-away revisions, field codes.
_HIDDEN = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}instrText", _FALLBACK})
_NOTE_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def read_docx(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """Read a Word .docx file's text as a reader of it sees it, a paragraph at a time.

    Tracked changes are read accepted: insertions in, deletions out (a revised sentence is its
    new wording, never a mix of old and new). The body's paragraphs and table cells come in
    order, a text box's paragraphs after the paragraph that anchors it; then, each as their own
    paragraphs, the headers, the footnotes, the endnotes and the footers.

    The sizes in the zip directory are checked against ``limits.unpacked_mb`` before anything
    is unpacked (a few hundred kilobytes can unpack to gigabytes), and every XML part is
    checked for entity declarations before it is parsed (with entities never resolved).
    """
    raw = read_bytes(Path(path), limits)
    package = checked_package(path, raw, limits, ".docx", "word/document.xml")
    parts = {name: data for name, data in package.items() if _is_text_part(name)}
    texts: list[str] = []
    for name in sorted(parts, key=_part_order):
        try:
            root = _parse_part(parts[name])
        except Exception as error:  # a damaged part: lxml's syntax error, or worse
            raise InputError(path, f"not a readable .docx file ({_reason(error)})") from None
        if name == "word/document.xml":
            body = root.find(f"{_W}body")
            texts.extend(_blocks(body) if body is not None else ())
        elif "/footnotes" in name or "/endnotes" in name:
            for note in root:
                if note.get(f"{_W}type") not in _NOTE_TYPES:
                    texts.extend(_blocks(note))
        else:  # a header or footer
            texts.extend(_blocks(root))
    return _paragraphs(path, texts), "docx"


def checked_package(
    path: str | Path, raw: bytes, limits: Limits, kind: str, required: str
) -> dict[str, bytes]:
    """The XML parts of an Office package (.docx, .xlsx) by name, after the checks: the zip
    directory's sizes within ``limits.unpacked_mb`` before anything is unpacked, the
    ``required`` part present, no part declaring entities."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if required not in archive.namelist():
                raise InputError(path, f"not a readable {kind} file (no {required} in it)")
            unpacked = sum(member.file_size for member in members)
            if unpacked > limits.unpacked_bytes:
                raise InputError(
                    path,
                    f"the {kind} unpacks to {unpacked / 2**20:.0f} MB (at most "
                    f"{limits.unpacked_mb:g} MB, see {OPTIONS['unpacked_mb']})",
                )
            parts = {
                member.filename: archive.read(member)
                for member in members
                if member.filename.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise InputError(path, f"not a readable {kind} file ({_reason(error)})") from None
    for data in parts.values():
        refuse_entity_declarations(path, data)
    return parts


def docx_table_rows(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> list[list[str]]:
    """The rows of the largest table in a .docx body, each a list of its cells' text: the
    bilingual review table Trados and memoQ export (id, source, target, comment …)."""
    raw = read_bytes(Path(path), limits)
    package = checked_package(path, raw, limits, ".docx", "word/document.xml")
    try:
        body = _parse_part(package["word/document.xml"]).find(f"{_W}body")
    except Exception as error:
        raise InputError(path, f"not a readable .docx file ({_reason(error)})") from None
    tables = list(body.iter(f"{_W}tbl")) if body is not None else []
    if not tables:
        return []
    largest = max(tables, key=lambda table: len(table.findall(f"{_W}tr")))
    return [
        [" ".join(" ".join(_blocks(cell)).split()) for cell in row.findall(f"{_W}tc")]
        for row in largest.findall(f"{_W}tr")
    ]


def _is_text_part(name: str) -> bool:
    return name == "word/document.xml" or bool(
        re.fullmatch(r"word/(?:header\d*|footer\d*|footnotes|endnotes)\.xml", name)
    )


def _part_order(name: str) -> tuple[int, str]:
    """Headers first, then the body, the footnotes, the endnotes and the footers."""
    order = ("header", "document", "footnotes", "endnotes", "footer")
    kind = next(i for i, prefix in enumerate(order) if name.startswith(f"word/{prefix}"))
    return kind, name


def _parse_part(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(data, parser)


def _blocks(container: Any) -> Iterator[str]:
    """The paragraphs of a body, cell, note, header or text box, tables' cells in order (a
    cell merged down from the one above is read once, there)."""
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            boxes: list[Any] = []
            yield _run_text(child, boxes)
            for box in boxes:
                yield from _blocks(box)
        elif tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                for cell in row.findall(f"{_W}tc"):
                    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                    if merge is None or merge.get(f"{_W}val") == "restart":
                        yield from _blocks(cell)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            yield from _blocks(child)


def _run_text(element: Any, boxes: list[Any]) -> str:
    """The visible text of a paragraph: inserted text in, deleted text out; a text box's
    content goes to ``boxes``, to be read as paragraphs of its own."""
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue
        if tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(_run_text(child, boxes))
    return "".join(parts)


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
