"""licenselens: reads software and AI licences.

Public API::

    import licenselens
    result = licenselens.identify(text)          # -> Identification
    result = licenselens.identify_file(path)     # bad input -> result.errors, never an exception
    result.expression, result.licenses, result.osi_approved, result.unknown

See README.md for the JSON contract.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import InputError, LicenselensError, ReferenceDataError
from .identify import identify, identify_bytes, identify_file
from .report import Candidate, Identification, LicenseMatch, UnknownSpan

try:
    __version__ = version("licenselens")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = [
    "Candidate",
    "Identification",
    "InputError",
    "LicenseMatch",
    "LicenselensError",
    "ReferenceDataError",
    "UnknownSpan",
    "__version__",
    "identify",
    "identify_bytes",
    "identify_file",
]
