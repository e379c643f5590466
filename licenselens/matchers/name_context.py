"""What the words next to a short licence name say about it.

A short name ("Ruby License", "LGPLv3", "the GPL") is read by its words
alone, and the reference data rates how surely those words name a licence
(its relevance).  The words around the name can settle the question either
way, whatever that rating:

* **stated**: the words just before it state licensing - "under the",
  "licensed under", "released under", "terms of the", "subject to the",
  "governed by the", "according to the", "in accordance with the".  "You
  can distribute this program under the Ruby License" names the licence of
  the work, and so does "modify it according to the Open Public License";
  the author chose the words, so a name rated below full relevance counts
  there.
* **ruled out**: the same line says the text is *not* under it ("do not
  upgrade to LGPLv3", "this is not GPL code", "the build is NOT eligible
  under the library exception to the GPL v3"), or the name is what a
  licence is compared with ("GPLv2 compatibility is asserted",
  "compatible with the GPL"), or what it is contrasted with ("contrary to
  the GNU Public License, the Apache Software License ...", "unlike the
  GPL", "instead of the GPL").  Such a name is about another licence, not
  the licence of the text.

Only the few words next to the name count: sentences that merely contain a
negation or "compatible" somewhere leave the name alone.  A negation a
little further back (:data:`CLAUSE_NEGATION_WINDOW` words) still counts when
it governs the name: it is on the name's line, in the same clause (no full
stop, semicolon, colon, "!" or "?" between), and no word between turns it
around ("may not be used except under the GPL" states the GPL).
"""

from __future__ import annotations

import re

from ..normalize import Tokens
from . import Hit

#: Word sequences that, right before a licence name, state that a work is under it.
LICENSING_LEADS = (
    ("under", "the"),
    ("licensed", "under"),
    ("licenced", "under"),
    ("released", "under"),
    ("distributed", "under"),
    ("available", "under"),
    ("terms", "of", "the"),
    ("subject", "to", "the"),
    ("governed", "by", "the"),
    ("according", "to", "the"),
    ("accordance", "with", "the"),
)
#: Words among the NEGATION_WINDOW words before a name, on its line, that rule it out.
NEGATIONS = frozenset({"not", "never", "nor"})
NEGATION_WINDOW = 3
#: How far back, in the same clause of the name's line, a negation still governs the name ...
CLAUSE_NEGATION_WINDOW = 12
#: ... unless one of these words comes between and turns it around.
TURNING_WORDS = frozenset({"except", "unless", "but", "only", "than", "otherwise"})
#: Punctuation that ends a clause (followed by a space, so "2.0" or "e.g" inside a word do not).
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)")
#: Words right after a name (or, with "with", among the words before it) that make it
#: the licence something is compared with.
COMPATIBILITY = frozenset({"compatible", "compatibility", "incompatible", "incompatibility"})
#: Word sequences that, right before a name (an article may come between), contrast the text with it.
CONTRAST_LEADS = (
    ("contrary", "to"),
    ("unlike",),
    ("in", "contrast", "to"),
    ("as", "opposed", "to"),
    ("rather", "than"),
    ("instead", "of"),
)
ARTICLES = frozenset({"the", "a", "an"})


def stated(words: list[str], qstart: int) -> bool:
    """Whether the words ending at word ``qstart`` state that a work is under the name that follows."""
    before = tuple(words[max(0, qstart - 3) : qstart])
    return any(before[-len(lead):] == lead for lead in LICENSING_LEADS)


def ruled_out(hit: Hit, tokens: Tokens, text: str) -> bool:
    """Whether the words around the name matched by ``hit`` say the text is not under it."""
    words = tokens.words
    line_start = text.rfind("\n", 0, int(tokens.starts[hit.qstart])) + 1
    before = []
    i = hit.qstart - 1
    while i >= 0 and len(before) < NEGATION_WINDOW and int(tokens.starts[i]) >= line_start:
        before.append(words[i])
        i -= 1
    if NEGATIONS.intersection(before) or negated_in_clause(tokens, text, hit.qstart):
        return True
    if COMPATIBILITY.intersection(words[hit.qend : hit.qend + 1]):
        return True
    if contrasted(words, hit.qstart):
        return True
    return "with" in before and bool(COMPATIBILITY.intersection(before))


def negated_in_clause(tokens: Tokens, text: str, qstart: int) -> bool:
    """Whether a negation governs the name starting at word ``qstart``: among the
    :data:`CLAUSE_NEGATION_WINDOW` words before it, on its line and in its clause,
    with no turning word between."""
    words = tokens.words
    i = qstart - 1
    while i >= 0 and qstart - i <= CLAUSE_NEGATION_WINDOW:
        gap = text[int(tokens.ends[i]) : int(tokens.starts[i + 1])]
        if "\n" in gap or _CLAUSE_END.search(gap):
            return False
        if words[i] in TURNING_WORDS:
            return False
        if words[i] in NEGATIONS and text[int(tokens.starts[i]) - 1 : int(tokens.starts[i])] != "\\":
            return True  # (after a backslash, "nor" is the escape "\n" glued to "or")
        i -= 1
    return False


def contrasted(words: list[str], qstart: int) -> bool:
    """Whether the words ending at word ``qstart`` contrast the text with the name that follows."""
    end = qstart - 1 if qstart > 0 and words[qstart - 1] in ARTICLES else qstart
    before = tuple(words[max(0, end - 3) : end])
    return any(before[-len(lead):] == lead for lead in CONTRAST_LEADS)
