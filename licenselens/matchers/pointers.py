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

from . import Hit

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
