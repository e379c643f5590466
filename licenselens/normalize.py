"""Normalisation for matching, after the SPDX matching guidelines.

The guidelines say a licence text matches when it differs only in case, white
space, punctuation, bullets and numbering, quote and dash styles, equivalent
spellings (licence/license ...) and copyright symbols.  Rather than rewriting
the text (which would lose the way back to the user's characters), we cut it
into *word tokens* and compare token sequences: punctuation, bullets, markup
leftovers and white space simply never become tokens, case is folded, and
equivalent spellings are folded onto one vocabulary entry.  Every token keeps
its character span in the original text, so a match is always reported at the
user's offsets.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A word: letters/digits, optionally with one '+' inside or at the end, so that
# "GPL-2.0+" keeps its "or later" marker as the token "0+" (the '+' matters:
# it is the difference between GPL-2.0-only and GPL-2.0-or-later).
WORD = re.compile(r"[^_\W]+\+?[^_\W]*")

# Equivalent words (SPDX matching guidelines, "equivalent words" list, in our
# own selection): British and American spellings and a few common variants.
# Folding happens on the vocabulary, so it costs nothing per token.
EQUIVALENT_WORDS: dict[str, str] = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licencee": "licensee",
    "licencor": "licensor",
    "sublicence": "sublicense",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "analogue": "analog",
    "authorisation": "authorization",
    "authorised": "authorized",
    "authorise": "authorize",
    "centre": "center",
    "characterisation": "characterization",
    "characterise": "characterize",
    "favour": "favor",
    "favourable": "favorable",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "initialise": "initialize",
    "judgement": "judgment",
    "labelling": "labeling",
    "labour": "labor",
    "maximise": "maximize",
    "modelled": "modeled",
    "modelling": "modeling",
    "organisation": "organization",
    "organisations": "organizations",
    "organise": "organize",
    "practise": "practice",
    "programme": "program",
    "programmes": "programs",
    "recognise": "recognize",
    "recognised": "recognized",
    "utilisation": "utilization",
    "utilise": "utilize",
    "wilful": "willful",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "colour": "color",
    "offence": "offense",
    "defence": "defense",
}


class Tokens(NamedTuple):
    """Word tokens of a text: the folded words and their character spans."""

    words: list[str]
    starts: list[int]
    ends: list[int]


def fold(word: str) -> str:
    """The canonical form of one lower-cased word."""
    return EQUIVALENT_WORDS.get(word, word)


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (no spans: for building the reference)."""
    return [EQUIVALENT_WORDS.get(w, w) for w in WORD.findall(text.lower())]


def tokenize(text: str) -> Tokens:
    """Word tokens of ``text`` with their spans in ``text``.

    Lower-casing is done per token, not on the whole text, because a few
    characters change length when lower-cased (e.g. 'İ') and spans must stay
    exact.
    """
    out_words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    get = EQUIVALENT_WORDS.get
    for m in WORD.finditer(text):
        w = m.group().lower()
        out_words.append(get(w, w))
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(out_words, starts, ends)
