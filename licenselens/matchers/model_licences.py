"""AI model licences named in prose: "released under the CreativeML OpenRAIL-M license".

Model repositories often say which licence their weights are under in a
sentence (a one-line LICENSE file, a README, a NOTICE) rather than by
shipping the text.  The reference data has the texts of several of these
licences but no rules for their names as people write them ("CreativeML
OpenRAIL-M", "Llama 3.1 Community License"), so without this matcher such a
sentence named nothing.  Each pattern below is one licence's name in the
spellings in use (Open RAIL written joined or apart, with or without the
hyphen); the ids are those the model-card reader gives the same licences
(:data:`licenselens.declared.HUB_IDS`), so a card's ``license:`` field and
its prose agree.  A name alone decides only which licence is meant: the
clause analysis still reads whatever terms the text states.
"""

from __future__ import annotations

import re

from ..declared import HUB_IDS
from ..normalize import Tokens, searchable_lower
from . import Hit, named_hit

MATCHER = "model-licence-name"
RULE = "licenselens-model-licence-names"

_OPEN_RAIL_M = r"Open\s*-?\s*RAIL\s*-?\s*M\b"
#: (lower-case word the name must contain, pattern, Hub id of the licence it names), most
#: specific first.  The word is looked for first: most texts hold none of them, and a
#: case-insensitive pattern run over a long text costs far more than a substring search.
NAMES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (cue, re.compile(pattern, re.IGNORECASE), hub_id)
    for cue, pattern, hub_id in (
        ("rail++", r"\b(?:CreativeML\s+)?Open\s*-?\s*RAIL\s*\+\+\s*-?\s*M\b", "openrail++"),
        ("creativeml", rf"\bCreativeML\s+{_OPEN_RAIL_M}", "creativeml-openrail-m"),
        ("bigscience", rf"\bBigScience\s+{_OPEN_RAIL_M}", "bigscience-openrail-m"),
        ("bigcode", rf"\bBigCode\s+{_OPEN_RAIL_M}", "bigcode-openrail-m"),
        ("bigscience", r"\bBigScience\s+(?:BLOOM\s+)?RAIL\s+(?:Licen[cs]e\s+)?v?\.?\s*1\.0\b", "bigscience-bloom-rail-1.0"),
        ("gemma", r"\bGemma\s+Terms\s+of\s+Use\b", "gemma"),
    )
)
#: Meta's community licences, one per Llama version: the Hub id is "llama" + the version.
_LLAMA = re.compile(r"\bLlama\s*(?P<version>2|3(?:\.[123])?|4)\s+Community\s+Licen[cs]e\b", re.IGNORECASE)


def match(text: str, tokens: Tokens) -> list[Hit]:
    """One hit per AI licence name in ``text`` (none overlapping)."""
    # only whether a cue is there counts, not where: any lower-casing will do
    lowered = searchable_lower(text) or text.lower()
    if "rail" not in lowered and "llama" not in lowered and "gemma" not in lowered:
        return []  # every name holds one of these: most texts are passed after three searches
    found: list[tuple[int, int, str]] = []
    named = [(m, HUB_IDS[hub_id]) for cue, pattern, hub_id in NAMES if cue in lowered for m in pattern.finditer(text)]
    if "llama" in lowered:
        named += [(m, HUB_IDS.get("llama" + m.group("version"))) for m in _LLAMA.finditer(text)]
    for m, expression in named:
        if expression and not any(a < m.end() and m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), expression))
    hits = [named_hit(tokens.starts, start, end, MATCHER, expression) for start, end, expression in sorted(found)]
    return [h for h in hits if h is not None]
