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

import codecs
import itertools
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

    Most texts are ASCII and take :func:`_tokenize_ascii`.  Longer texts
    with a few other characters (a copyright sign, typographic quotes, a
    name) take it too, through an ASCII stand-in of the same length (see
    :func:`_ascii_stand_in`), and their words are cut from the text at the
    spans found.  Short texts are split by one C-level regex pass, and the
    spans come from the lengths of the words and of the gaps between them (a
    cumulative sum), which is several times faster than a match object per
    word.  A few characters change length when lower-cased (e.g. 'İ'); for
    such rare texts words are lower-cased one by one so that spans stay exact.
    """
    if text.isascii() and len(text) > SHORT_TEXT:
        return _tokenize_ascii(text)
    lowered = text.lower()
    if len(lowered) != len(text):
        matches = list(WORD.finditer(text))
        return Tokens([m.group().lower() for m in matches],
                      np.array([m.start() for m in matches], dtype=np.int64),
                      np.array([m.end() for m in matches], dtype=np.int64))
    if len(lowered) > SHORT_TEXT:
        _, starts, ends = _tokenize_ascii(_ascii_stand_in(lowered))
        return Tokens([lowered[a:b] for a, b in zip(starts.tolist(), ends.tolist())], starts, ends)
    return Tokens(*_split_words(lowered))


def _stand_in_error(error: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: each non-ASCII character becomes 'a' when
    WORD counts it as a letter or digit (str.isalnum, as the regex engine
    decides), else a space."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    return "".join("a" if c.isalnum() else " " for c in run), error.end


codecs.register_error("licenselens.stand-in", _stand_in_error)


def _ascii_stand_in(text: str) -> str:
    """``text`` with every non-ASCII character replaced by an ASCII one of the
    same kind for WORD (a letter or a space): the same length, the same
    word spans.  The handler is called once per run of such characters,
    which most texts have few of."""
    return text.encode("ascii", "licenselens.stand-in").decode("ascii")


#: Shorter texts go the regex way: its few calls beat numpy's fixed costs.
SHORT_TEXT = 400


def _split_words(lowered: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words and spans of lower-cased text whose length lower-casing kept."""
    parts = _WORD_OR_GAP.split(lowered)  # gap, word, gap, word, ..., gap: one C-level pass
    found = parts[1::2]
    gaps = parts[0::2]
    word_len = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    gap_len = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    starts = np.cumsum(gap_len[:-1]) + np.cumsum(word_len) - word_len
    return found, starts, starts + word_len


# In ASCII, WORD's letters and digits are exactly [a-z0-9] once lower-cased.
_ASCII_WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
#: Letters are lower-cased, digits and '+' kept, and everything else becomes a space.
_TO_CHUNKS = bytes.maketrans(
    bytes(range(256)),
    bytes(ord(chr(c).lower()) if chr(c).lower() in _ASCII_WORD_CHARS + "+" else ord(" ") for c in range(256)))
_PLUS, _SPACE = ord("+"), ord(" ")


def _tokenize_ascii(text: str) -> Tokens:
    """:func:`tokenize` of ASCII text, several times faster than the regex:
    ``bytes.translate`` (lower-casing on the way) and ``str.split`` cut the
    text into *chunks* of letters, digits and '+' in C, and numpy finds where
    each chunk starts and ends.  A chunk without '+' is one word; the chunks
    with one ("2.0+", "C++", "a+b") are cut by the WORD regex itself, all in
    one pass, so both paths always agree.
    """
    # padded with a space each side, so that edge i is between characters i - 1 and i
    padded = b" " + text.encode("ascii").translate(_TO_CHUNKS) + b" "
    chunked = padded.decode("ascii")
    chunks = chunked.split()
    codes = np.frombuffer(padded, dtype=np.uint8)
    inside = codes != _SPACE
    edges = (inside[1:] != inside[:-1]).nonzero()[0]
    starts, ends = edges[0::2].astype(np.int64), edges[1::2].astype(np.int64)
    if "+" not in chunked:
        return Tokens(chunks, starts, ends)
    # the chunk of every '+' (in text order, so a chunk's repeats are neighbours)
    plus = starts.searchsorted((codes == _PLUS).nonzero()[0] - 1, "right") - 1
    # ... that is not one word as it stands: "2.0+" and "gplv2+" are, "c++" is not
    plus = [k for k in plus[np.concatenate(([True], plus[1:] != plus[:-1]))].tolist() if not WORD.fullmatch(chunks[k])]
    if not plus:
        return Tokens(chunks, starts, ends)
    plus = np.array(plus)
    # the regex over the chunks with a '+' (joined by spaces), then each word back to its chunk
    sub = Tokens(*_split_words(" ".join([chunks[k] for k in plus.tolist()])))
    sizes = ends[plus] - starts[plus] + 1
    base = np.cumsum(sizes) - sizes  # where each chunk starts in the joined text
    owner = np.searchsorted(base, sub.starts, "right") - 1
    shift = starts[plus][owner] - base[owner]
    counts = np.ones(len(chunks), dtype=np.int64)
    counts[plus] = np.bincount(owner, minlength=len(plus))
    first = np.cumsum(counts) - counts  # where each chunk's words go
    rank = np.arange(len(owner)) - np.searchsorted(owner, owner)
    positions = first[plus][owner] + rank
    pieces, previous, done = [], 0, 0
    for k, upto in zip(plus.tolist(), np.cumsum(counts[plus]).tolist()):
        pieces += (chunks[previous:k], sub.words[done:upto])
        previous, done = k + 1, upto
    pieces.append(chunks[previous:])
    starts, ends = np.repeat(starts, counts), np.repeat(ends, counts)
    starts[positions] = sub.starts + shift
    ends[positions] = sub.ends + shift
    return Tokens(list(itertools.chain.from_iterable(pieces)), starts, ends)
