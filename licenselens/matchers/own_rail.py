"""The project's own RAIL licences (written by ``licenselens generate``), recognised by their wording.

They are in no reference data, so without this matcher a generated licence
would come back as unknown licence text.  A text is claimed as family member
``<Name>`` (``OpenRAIL-DAMS``, ``RAIL-M``, ``ResearchRAIL-AM`` ...) only when

* it carries the title ``<Name> Licence``, which says which type and letters
  to compare with, and
* at least :data:`MIN_COVERAGE` of the template's fixed wording for that
  member is in the text: the word 5-grams of the template rendered with every
  user value blanked out (:func:`licenselens.generate.template_wording`), as
  case, punctuation and layout insensitive tokens, so the Markdown and the
  plain-text renderings match alike.

A text that only borrows the title, another RAIL licence, or a generated
licence whose fixed clauses were rewritten or dropped is not claimed.  The
match runs from the title to the last word of the licence's wording,
including catalogue restrictions and the optional sections.
"""

from __future__ import annotations

import functools
import itertools
import re

import numpy as np

from ..normalize import Tokens, fold
from ..reference import LicenseInfo
from . import Hit

#: Share of the fixed wording's 5-grams a text must contain to be claimed.
MIN_COVERAGE = 0.97
K = 5
MATCHER = "own-rail"
RULE = "licenselens-rail-template"
_TITLE = re.compile(r"\b(Open|Research)?RAIL-(D?A?M?S?)\s+Licen[cs]e\b")
_TYPE = {"Open": "open", None: "plain", "Research": "research"}
_LONG = {"open": "Open Responsible AI Licence", "plain": "Responsible AI Licence",
         "research": "Responsible AI Licence for research use"}
_NAMES = {"D": "data", "A": "application", "M": "model", "S": "source"}


def match(text: str, tokens: Tokens) -> list[Hit]:
    """One hit per generated licence in ``text`` (usually none: the title is looked for first).

    Each title's licence is looked for between that title and the next one."""
    if "RAIL-" not in text:  # a plain substring test: this runs on every text identified
        return []
    titles = [m for m in _TITLE.finditer(text) if m.group(2)]
    starts = [int(np.searchsorted(tokens.starts, m.start())) for m in titles]
    hits = []
    for m, qstart, qstop in zip(titles, starts, starts[1:] + [len(tokens.words)]):
        hit = _best(m.group(1), m.group(2), tokens.words[qstart:qstop], qstart)
        if hit is not None:
            hits.append(hit)
    return hits


def _best(prefix: str | None, letters: str, words: list[str], qstart: int) -> Hit | None:
    """The best-covered variant of the member the title names, if it covers enough."""
    kind = _TYPE[prefix]
    last_seen = {g: i for i, g in enumerate(_grams([fold(w) for w in words]))}
    best = None
    for options in _variants(kind):
        required, optional = _reference(kind, letters, options)
        found = [last_seen[g] for g in required if g in last_seen]
        if required and len(found) >= MIN_COVERAGE * len(required) and (best is None or len(found) > best[0]):
            last = max(found + [last_seen[g] for g in optional if g in last_seen])
            best = (len(found), len(required), last)
    if best is None:
        return None
    found, total, last = best
    return Hit(rule=-1, qstart=qstart, qend=qstart + last + K, matched=found, length=total,
               matcher=MATCHER, expression=licence_id(f"{prefix or ''}RAIL-{letters}"))


def _variants(kind: str) -> list[tuple[bool, bool]]:
    """(allow_derivatives, allow_redistribution) settings the type's template has."""
    return list(itertools.product((False, True), repeat=2)) if kind == "plain" else [(False, False)]


@functools.lru_cache(maxsize=64)
def _reference(kind: str, letters: str, options: tuple[bool, bool]) -> tuple[frozenset, frozenset]:
    """5-grams of the fixed wording, and of what a licence may add, without user values."""
    from ..generate import PLACEHOLDER, template_wording
    from ..normalize import tokenize

    def grams(optional: bool) -> set[tuple[str, ...]]:
        wording = template_wording(kind, [_NAMES[c] for c in letters], allow_derivatives=options[0],
                                   allow_redistribution=options[1], optional=optional)
        words = [fold(w) for w in tokenize(wording).words]
        return {g for g in _grams(words) if PLACEHOLDER not in g}

    required = grams(False)
    return frozenset(required), frozenset(grams(True) - required)


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + K]) for i in range(len(words) - K + 1)]


def licence_id(name: str) -> str:
    from ..generate import licence_id as make

    return make(name)


def licence_info(spdx_id: str) -> LicenseInfo | None:
    """Facts about a family member, by id (None for any other id)."""
    from ..generate import ID_PREFIX

    if not spdx_id.startswith(ID_PREFIX):
        return None
    name = spdx_id[len(ID_PREFIX):]
    m = re.fullmatch(r"(Open|Research)?RAIL-(D?A?M?S?)", name)
    if m is None or not m.group(2):
        return None
    covered = ", ".join(_NAMES[c] for c in m.group(2))
    return LicenseInfo(
        id=spdx_id, name=f"licenselens {name} ({_LONG[_TYPE[m.group(1)]]}: {covered})", key=None,
        category="Proprietary Free", osi_approved=False, fsf_libre=False, deprecated=False, is_exception=False,
    )
