"""Output formats, chosen by name: each turns a list of results into one string.

A format is a plain function registered in :data:`FORMATS`; the CLI offers
exactly these names, so adding a format is adding a module and a line here.
"""

from __future__ import annotations

import enum
from typing import Callable, Sequence

from ..report import Identification
from . import json_format, text_format


class Format(str, enum.Enum):
    TEXT = "text"
    JSON = "json"


Renderer = Callable[[Sequence[Identification]], str]

FORMATS: dict[Format, Renderer] = {
    Format.TEXT: text_format.render,
    Format.JSON: json_format.render,
}


def render(results: Sequence[Identification], fmt: Format | str) -> str:
    return FORMATS[Format(fmt)](results)


class ScanFormat(str, enum.Enum):
    """Formats of ``licenselens scan``: each renders the ``ScanReport.to_dict()`` shape."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"
    SARIF = "sarif"


def render_scan(data: dict, fmt: ScanFormat | str) -> str:
    """Render a scan; the HTML and SARIF modules load only when asked for (jinja2)."""
    fmt = ScanFormat(fmt)
    if fmt is ScanFormat.TEXT:
        from .scan_text import render_scan as renderer
    elif fmt is ScanFormat.JSON:
        renderer = json_format.render_scan
    elif fmt is ScanFormat.HTML:
        from .html_format import render_scan as renderer
    else:
        from .sarif_format import render_scan as renderer
    return renderer(data)
