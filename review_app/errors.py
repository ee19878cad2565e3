"""The exceptions the command line turns into one-line messages (exit 2)."""

from __future__ import annotations

from glossary.errors import GlossaryError, LocatedError


class ReviewError(Exception):
    """Base of the errors a user can cause; ``str()`` is the one-line message."""


class InputError(LocatedError, ReviewError):
    """A document that cannot be read or is not what it should be."""


class UsageError(ReviewError):
    """Arguments that do not fit together."""


__all__ = ["GlossaryError", "InputError", "LocatedError", "ReviewError", "UsageError"]
