"""A licence name that titles a licence text is that text's label, not a second licence.

Licence files and bundles put a name above each text: "CMU License", then a
copyright line, then the permission text; "The file if_ppp.h is under the
following CMU license:", then a BSD text.  The name is the author's label
for the text below it, and when the words of the text are those of another
licence (the CMU-Mach permission notice, a BSD-3-Clause text) than the name
alone would give (MIT-CMU), the text's own words decide: the title is not
reported as a licence of its own.

A name is a title of the text after it when nothing between them speaks of
licensing (a copyright line may: it belongs to the text), the text is a
licence text rather than a short notice, and it is not an exception (a
"GPL-2.0 with Autoconf exception" heading names the licence the exception
text is added to).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..reference import Reference
from . import Hit

#: A title is a name of at most this many words ...
TITLE_MAX_WORDS = 3
#: ... followed within this many words ...
TITLE_GAP_WORDS = 30
#: ... by a licence text of at least this many words.
TEXT_MIN_WORDS = 50
#: Words between a title and its text that still leave it a title.
NEUTRAL_LICENCE_WORDS = frozenset({"copyright", "rights"})

_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def titles(ref: Reference, hits: list[Hit], words: list[str], licence_words: Collection[str]) -> set[int]:
    """``id()`` of every hit in ``hits`` (in text order) that titles the licence text after it.

    ``licence_words`` are the words that speak of licensing.
    """
    out: set[int] = set()
    for name, text in zip(hits, hits[1:]):
        if name.rule < 0 or text.rule < 0 or name.length > TITLE_MAX_WORDS or text.length < TEXT_MIN_WORDS:
            continue
        if not 0 <= text.qstart - name.qend <= TITLE_GAP_WORDS:
            continue
        label, body = ref.expressions[ref.rule_expr[name.rule]], ref.expressions[ref.rule_expr[text.rule]]
        if label == body or any(_is_exception(ref, s.strip()) for s in _OPERATORS.split(body) if s.strip()):
            continue
        between = set(words[name.qend : text.qstart])
        if between.intersection(licence_words) - NEUTRAL_LICENCE_WORDS:
            continue
        out.add(id(name))
    return out


def _is_exception(ref: Reference, symbol: str) -> bool:
    info = ref.license(symbol)
    return bool(info and info.is_exception)
