"""A pointer to where a licence's text is kept names the licence, not the versions granted.

Debian packages follow a notice with a pointer to the copy of the licence
the system holds: "On Debian systems, the complete text of the GNU General
Public License version 2 can be found in /usr/share/common-licenses/GPL-2".
The reference data reads such words ("the GNU General Public License
version 2", "common-licenses/GPL-2") as that one version.  Under a notice
granting "version 2 of the License, or (at your option) any later version",
the pointer says where version 2's text is, not that the work is also under
version 2 alone: reporting GPL-2.0-only beside GPL-2.0-or-later would add a
licence the author never gave.

The path names the licence too: Debian keeps each licence under a fixed
name (:data:`COMMON_LICENSES`; the unversioned ``GPL``, ``LGPL`` and ``GFDL``
links name no one version and are left out).  Where no match explains a
pointer sentence at all ("the complete text of the Creative Commons 1.0
Universal License can be found in /usr/share/common-licenses/CC0-1.0",
worded as no reference rule is), :func:`unexplained` reads the licence from
the path.  Where a match does, the match is the reading: the path alone
adds nothing beside it.

The rule: a match lying within a pointer sentence (the sentence that holds a
``/usr/share/common-licenses/`` path) whose licence is one version alone is
not reported when another match (the notice, or the grant in the same
sentence: "... under the GNU GPL, Version 2 or later, found in
/usr/share/common-licenses/GPL-2") grants the same licence at the same
version "or later".  A pointer that is all the text says stays: it is then
the only word on the licence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..normalize import Tokens
from . import Hit, named_hit

MATCHER = "common-licenses-path"
#: What a reported match of this matcher names as its rule.
RULE = "Debian common-licenses path"

#: The versioned licence files of Debian's /usr/share/common-licenses and the
#: licence each holds (a path names that one version: "-only").
COMMON_LICENSES = {
    "Apache-2.0": "Apache-2.0",
    "Artistic": "Artistic-1.0-Perl",  # Perl's Artistic License
    "BSD": "BSD-3-Clause",  # the University of California's licence, clause 3 removed
    "CC0-1.0": "CC0-1.0",
    "GFDL-1.2": "GFDL-1.2-only",
    "GFDL-1.3": "GFDL-1.3-only",
    "GPL-1": "GPL-1.0-only",
    "GPL-2": "GPL-2.0-only",
    "GPL-3": "GPL-3.0-only",
    "LGPL-2": "LGPL-2.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-3": "LGPL-3.0-only",
    "MPL-1.1": "MPL-1.1",
    "MPL-2.0": "MPL-2.0",
}

_PATH = re.compile(r"/usr/share/common-licenses/[\w.+-]*")
#: Where the sentence holding a path starts: after a full stop, colon or
#: semicolon followed by a space, or after a blank line.
_SENTENCE_END = re.compile(r"[.;:!?](?=\s)|\n[ \t]*\n")
#: How far back a pointer sentence may start.
MAX_SENTENCE_CHARS = 400


def sentences(text: str) -> list[tuple[int, int]]:
    """The character spans of the pointer sentences of ``text``, in order."""
    spans = []
    for path in _PATH.finditer(text):
        start = max(0, path.start() - MAX_SENTENCE_CHARS)
        for end in _SENTENCE_END.finditer(text, start, path.start()):
            start = end.end()
        spans.append((start, path.end()))
    return spans


def unexplained(text: str, tokens: Tokens, kept: list[tuple[int, int]],
                chosen: list[tuple[int, int]]) -> list[Hit]:
    """Hits for the licences named by the paths of pointer sentences that no
    match explains: none of ``kept`` (the spans of the matches reported so
    far) touches the sentence, and none of ``chosen`` (those of every match
    chosen, before filtering) touches it outside its path - an id glued into
    the path ("CC0-1.0", filtered as part of a file name) explains nothing."""
    if "/usr/share/common-licenses/" not in text:
        return []
    hits = []
    for (start, end), path in zip(sentences(text), _PATH.finditer(text)):
        symbol = COMMON_LICENSES.get(path.group().rsplit("/", 1)[1].rstrip("."))
        if symbol is None or any(a < end and start < b for a, b in kept) or any(
                a < end and start < b and not (path.start() <= a and b <= path.end()) for a, b in chosen):
            continue
        hit = named_hit(tokens.starts, path.start(), path.end(), MATCHER, symbol)
        if hit is not None:
            hits.append(hit)
    return hits


def _base(symbol: str, suffix: str) -> str | None:
    return symbol[: -len(suffix)] if symbol.endswith(suffix) else None


def subsumed(hits: list[Hit], span: Callable[[Hit], tuple[int, int]], symbols: Callable[[Hit], list[str]],
             text: str) -> set[int]:
    """``id()`` of every hit inside a pointer sentence whose one-version
    licence another hit grants "or later"."""
    pointers = sentences(text) if "/usr/share/common-licenses/" in text else []
    if not pointers:
        return set()  # nearly every text: no pointer, nothing to settle

    def inside(hit: Hit) -> bool:
        start, end = span(hit)
        return any(a <= start and end <= b for a, b in pointers)

    pointed = [h for h in hits if inside(h)]
    later = {base for h in hits for s in symbols(h) if (base := _base(s, "-or-later"))}
    return {id(h) for h in pointed
            if (ids := symbols(h)) and all(_base(s, "-only") in later for s in ids)}
