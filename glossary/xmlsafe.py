"""Parse untrusted XML (XLIFF, TMX, TBX, the parts of a .docx) without trusting it.

A document that declares entities (``<!ENTITY``) or carries a DOCTYPE with an internal subset is
refused before it reaches a parser: that is how external-entity (XXE) and entity-expansion
("billion laughs") attacks are written, and no translation file needs them. A DOCTYPE naming an
external DTD only (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``) is accepted; the DTD is never loaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from glossary.errors import LocatedError

ENTITY_MESSAGE = "XML with entity declarations is refused (possible XXE or entity expansion)"
_DECLARATION = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[")
_POSITION = re.compile(r",? line \d+, column \d+$")


def refuse_entity_declarations(
    path: str | Path, data: bytes, *, error: type[LocatedError] = LocatedError
) -> None:
    """Raise ``error`` (naming ``path``) when the XML ``data`` declares entities."""
    if b"\x00" in data[:4]:
        # UTF-16 or UTF-32: without the NULs the markup's ASCII characters are contiguous.
        data = data.replace(b"\x00", b"")
    if _DECLARATION.search(data):
        raise error(path, ENTITY_MESSAGE)


def parse_xml(path: str | Path, data: bytes, *, error: type[LocatedError] = LocatedError) -> Any:
    """The root element of ``data``: no entity is resolved, no DTD loaded, nothing fetched.
    Bad or hostile XML raises ``error`` naming ``path`` (and the line)."""
    refuse_entity_declarations(path, data, error=error)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as problem:
        message = _POSITION.sub("", " ".join(str(problem.msg).split()))
        raise error(path, f"not well-formed XML ({message})", line=problem.lineno or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(dtd.iterentities()) or any(dtd.iterelements())):
        # Declarations in an encoding the byte scan cannot read (EBCDIC …): still refused.
        raise error(path, ENTITY_MESSAGE)
    return root
