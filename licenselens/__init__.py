"""licenselens: reads software and AI licences.

Public API::

    import licenselens
    result = licenselens.identify(text)          # -> Identification
    result = licenselens.identify_file(path)     # bad input -> result.errors, never an exception
    result.expression, result.licenses, result.osi_approved, result.unknown
    report = licenselens.analyze(text)           # -> Report: restrictions, conditions, freedoms ...

See README.md for the JSON contract.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import InputError, LicenselensError, ReferenceDataError
from .identify import identify, identify_bytes, identify_file
# Imported eagerly (it is cheap: jinja2 and the catalogue load on first use): the module
# licenselens.generate and the function share a name, and a lazy import would leave the
# package attribute bound to the module.
from .generate import GeneratedLicence, RailSpec, generate
from .report import Candidate, Condition, Identification, LicenseMatch, Report, Restriction, UnknownSpan

try:
    __version__ = version("licenselens")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"



def __getattr__(name: str):
    """``analyze`` / ``analyze_file`` (module ``analysis``) load on first use: they bring spaCy and
    the clause model, which identification alone does not need."""
    if name in ("analyze", "analyze_file"):
        from . import analysis as module

        return getattr(module, name)
    raise AttributeError(f"module 'licenselens' has no attribute {name!r}")


__all__ = [
    "Candidate",
    "Condition",
    "Report",
    "Restriction",
    "analyze",
    "analyze_file",
    "generate",
    "GeneratedLicence",
    "RailSpec",
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
