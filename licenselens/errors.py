"""Exceptions licenselens raises on purpose.

Library code never prints: it raises one of these with a short, human message
(naming the path when there is one) and lets the CLI decide how to show it.
Anything that is *not* a ``LicenselensError`` escaping the library is a bug.
"""

from __future__ import annotations

__all__ = ["InputError", "LicenselensError", "ReferenceDataError"]


class LicenselensError(Exception):
    """Base of all errors licenselens raises on purpose."""


class InputError(LicenselensError):
    """The input cannot be read as text.

    Missing, a directory, unreadable, binary, empty or undecodable.
    """


class ReferenceDataError(LicenselensError):
    """The installed reference data is missing or unusable."""
