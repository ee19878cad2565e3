"""Untrusted XML for the readers (see :mod:`glossary.xmlsafe`); failures are InputErrors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glossary import xmlsafe
from glossary.xmlsafe import ENTITY_MESSAGE
from review_app.errors import InputError

__all__ = ["ENTITY_MESSAGE", "parse_xml", "refuse_entity_declarations"]


def refuse_entity_declarations(path: str | Path, data: bytes) -> None:
    """Raise :class:`InputError` when the XML ``data`` declares entities."""
    xmlsafe.refuse_entity_declarations(path, data, error=InputError)


def parse_xml(path: str | Path, data: bytes) -> Any:
    """The root element of ``data``, parsed without trusting it (:class:`InputError` if bad)."""
    return xmlsafe.parse_xml(path, data, error=InputError)
