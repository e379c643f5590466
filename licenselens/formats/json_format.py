"""JSON for machines: ``{"licenselens": <version>, "results": [...]}``.

The keys of each result are a contract (see README.md, "JSON output"):
later features add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from typing import Sequence

from ..report import Identification


def render(results: Sequence[Identification]) -> str:
    from .. import __version__

    document = {"licenselens": __version__, "results": [r.to_dict() for r in results]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_scan(data: dict) -> str:
    """The scan contract: ``{"licenselens", "root", "summary", "results"}``."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
