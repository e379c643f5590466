"""A licence name that titles a licence text is that text's label, not a second licence.

Licence files and bundles put a name above each text: "CMU License", then a
copyright line, then the permission text; "The file if_ppp.h is under the
following CMU license:", then a BSD text.  The name is the author's label
for the text below it, and when the words of the text are those of another
licence (the CMU-Mach permission notice, a BSD-3-Clause text) than the name
alone would give (MIT-CMU), the text's own words decide: the title is not
reported as a licence of its own.

A name is a title of the text after it when it is words of the text's
licence's own title (below: the text may then be short, since the name
itself says which text it heads), or when nothing between them speaks of
licensing (a copyright line may: it belongs to the text), the text is a
licence text rather than a short notice, and either

* the name is short (:data:`TITLE_MAX_WORDS`) and the text is not an
  exception (a "GPL-2.0 with Autoconf exception" heading names the licence
  the exception text is added to);
* or the text begins with the same words again, from the name on: the title
  is repeated, as an HTML page repeats its <title> in its first heading
  ("<title>The OpenLDAP Public License</title>" above "<h1>The OpenLDAP
  Public License</h1><p>Version 1.1 ...", where the data reads the name
  alone as OLDAP-2.8).  The words after the name up to the text ("LPPL
  Version 1.0" after "LaTeX Project Public License" in a <title>) are part
  of the repeated title, and may speak of licensing; so may an exception's
  own title ("LLVM Exceptions to the Apache 2.0 License").  Such a name says
  nothing the text does not say itself.
* or the name is words of the text's licence's own title: of its full name
  ("Historical Permission Notice and Disclaimer" of "Historical Permission
  Notice and Disclaimer - DEC variant", "Independent JPEG Group License" of
  "... - short") or of the title its reference text opens with
  ("Attribution-NonCommercial-ShareAlike 3.0" of the IGO text's
  "Attribution-NonCommercial-ShareAlike 3.0 IGO").  The data reads such a
  name alone as another licence of the family (HPND, IJG, CC-BY-NC-SA-3.0)
  or another version ("Python Software Foundation License" as Python-2.0
  above the 2.0.1 text); the title was cut from its text by a copyright line
  or by numbering the text's match does not reach back over, but it names
  the text below it, and what lies between may be the rest of that title
  ("- DEC variant", "Version 2") as well as copyright lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection

import numpy as np

from ..errors import ReferenceDataError
from ..normalize import tokenize
from ..reference import Reference, licence_text
from . import Hit

#: A title of any licence text is a name of at most this many words ...
TITLE_MAX_WORDS = 3
#: ... followed within this many words ...
TITLE_GAP_WORDS = 30
#: ... by a licence text of at least this many words.
TEXT_MIN_WORDS = 50
#: A repeated title has at most this many words (a heading line's worth).
REPEATED_MAX_WORDS = 12
#: Words between a title and its text that still leave it a title.
NEUTRAL_LICENCE_WORDS = frozenset({"copyright", "rights"})
#: A licence's reference text opens with its title within this many words
#: (characters read of the text to find them: a title line or two).
OPENING_WORDS = REPEATED_MAX_WORDS
OPENING_CHARS = 400

_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def titles(ref: Reference, hits: list[Hit], words: list[str], licence_words: Collection[str],
           specific: Callable[[Hit], bool] = lambda hit: True) -> set[int]:
    """``id()`` of every hit in ``hits`` (in text order) that titles the licence text after it.

    ``licence_words`` are the words that speak of licensing; ``specific(hit)``
    tells whether a match names a licence of its own rather than a generic
    kind ("other permissive licence"): a repeated title says more than such a
    text match, and stays.
    """
    out: set[int] = set()
    for name, text in zip(hits, hits[1:]):
        if name.rule < 0 or name.length > REPEATED_MAX_WORDS or text.rule < 0:
            continue
        if not 0 <= text.qstart - name.qend <= TITLE_GAP_WORDS:
            continue
        label, body = ref.expressions[ref.rule_expr[name.rule]], ref.expressions[ref.rule_expr[text.rule]]
        if label == body:
            continue
        if _own_title(ref, words, name, text, body, licence_words):
            out.add(id(name))
            continue
        if text.length < TEXT_MIN_WORDS:
            continue
        if _repeated(words, name.qstart, text):
            if specific(text):
                out.add(id(name))
            continue
        if name.length > TITLE_MAX_WORDS or any(_is_exception(ref, s.strip()) for s in _OPERATORS.split(body) if s.strip()):
            continue
        between = set(words[name.qend : text.qstart])
        if between.intersection(licence_words) - NEUTRAL_LICENCE_WORDS:
            continue
        out.add(id(name))
    return out


def _repeated(words: list[str], start: int, text: Hit) -> bool:
    """Whether ``text`` begins with the words from ``start`` up to it (within its first TITLE_GAP_WORDS more):
    a title (and what follows it on its line, such as a version) repeated by the text's first words."""
    wanted = words[start : text.qstart]
    opening = words[text.qstart : min(text.qend, text.qstart + len(wanted) + TITLE_GAP_WORDS)]
    return any(opening[k : k + len(wanted)] == wanted for k in range(len(opening) - len(wanted) + 1))


def _own_title(ref: Reference, words: list[str], name: Hit, text: Hit, body: str,
               licence_words: Collection[str]) -> bool:
    """Whether ``name`` with the words before it is the opening of a title
    of a licence of ``body`` (the expression ``text`` matches), and the words
    up to the text are the rest of that title or speak of licensing no more
    than a copyright line does.

    The title must be read from its first word: "LLVM Exceptions to the
    Apache 2.0 License" titles the LLVM exception, but "... for the text of
    the Apache 2.0 license." above it is a sentence pointing elsewhere.
    """
    speaking = set(words[name.qend : text.qstart]).intersection(licence_words) - NEUTRAL_LICENCE_WORDS
    said = ref.ids(sorted(speaking))
    for symbol in {s.strip() for s in _OPERATORS.split(body) if s.strip()}:
        for title in _titles_of(ref, symbol):
            opening = ref.ids(words[max(name.qstart - len(title), 0) : name.qend])
            if any(_opens(title, opening[k:]) for k in range(len(opening) - name.length + 1)) and np.isin(
                    said, title).all():
                return True
    return False


def _opens(title: np.ndarray, words: np.ndarray) -> bool:
    """Whether ``words`` (known words) are the first words of ``title``."""
    return len(words) <= len(title) and bool((title[: len(words)] == words).all()) and bool((words >= 0).all())


@functools.lru_cache(maxsize=256)
def _titles_of(ref: Reference, symbol: str) -> tuple[np.ndarray, ...]:
    """Word ids of the titles of licence ``symbol``: its full name and the
    first OPENING_WORDS words of its reference text (where it has one)."""
    info = ref.license(symbol)
    if info is None:
        return ()
    titles = [info.name]
    if info.key:
        try:
            titles.append(" ".join(tokenize(licence_text(info.key)[:OPENING_CHARS]).words[:OPENING_WORDS]))
        except ReferenceDataError:
            pass
    return tuple(ref.ids(tokenize(title).words) for title in titles)


def _is_exception(ref: Reference, symbol: str) -> bool:
    info = ref.license(symbol)
    return bool(info and info.is_exception)
