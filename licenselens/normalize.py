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

import numpy as np

# A word: letters/digits, optionally with one '+' inside or at the end, so that
# "GPL-2.0+" keeps its "or later" marker as the token "0+" (the '+' matters:
# it is the difference between GPL-2.0-only and GPL-2.0-or-later).
WORD = re.compile(r"[^_\W]+\+?[^_\W]*")
_WORD_OR_GAP = re.compile(f"({WORD.pattern})")

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
    """Word tokens of a text: the lower-cased words and their character spans.

    Equivalent spellings are *not* folded here: the reference vocabulary maps
    every variant to the id of its canonical word, which costs nothing per
    token.  Use :func:`fold` where a canonical word itself is needed.
    """

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray


def fold(word: str) -> str:
    """The canonical form of one lower-cased word."""
    return EQUIVALENT_WORDS.get(word, word)


def tokenize(text: str) -> Tokens:
    """Word tokens of ``text`` with their spans in ``text``.

    The spans come from the lengths of the words and of the gaps between
    them (one C-level regex split and a cumulative sum), which is several
    times faster than a match object per word.  A few characters change
    length when lower-cased (e.g. 'İ'); for such rare texts words are
    lower-cased one by one so that spans stay exact.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        matches = list(WORD.finditer(text))
        return Tokens([m.group().lower() for m in matches],
                      np.array([m.start() for m in matches], dtype=np.int64),
                      np.array([m.end() for m in matches], dtype=np.int64))
    parts = _WORD_OR_GAP.split(lowered)  # gap, word, gap, word, ..., gap: one C-level pass
    found = parts[1::2]
    gaps = parts[0::2]
    word_len = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    gap_len = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    starts = np.cumsum(gap_len[:-1]) + np.cumsum(word_len) - word_len
    return Tokens(found, starts, starts + word_len)
