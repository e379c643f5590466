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
#: Up to this many '+' in a text are found with str.find, more in one numpy pass.
FEW_PLUSES = 64


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
    edges = (inside[1:] != inside[:-1]).nonzero()[0].astype(np.int64, copy=False)
    starts, ends = edges[0::2], edges[1::2]  # views: no copy
    if "+" not in chunked:
        return Tokens(chunks, starts, ends)
    # the chunk of every '+' (in text order, so a chunk's repeats are neighbours)
    if chunked.count("+") <= FEW_PLUSES:
        at, i = [], chunked.find("+")
        while i >= 0:
            at.append(i - 1)
            i = chunked.find("+", i + 1)
        plus = starts.searchsorted(at, "right") - 1
    else:
        plus = starts.searchsorted((codes == _PLUS).nonzero()[0] - 1, "right") - 1
    # ... that is not one word as it stands: "2.0+" and "gplv2+" are, "c++" is not
    plus = [k for k in dict.fromkeys(plus.tolist()) if not WORD.fullmatch(chunks[k])]
    if not plus:
        return Tokens(chunks, starts, ends)
    # Those few chunks are cut by the regex one by one, and their words take
    # their place: in the word list, and (by repeating each chunk's span as
    # many times as it has words, then overwriting) in the span arrays.
    found = [[(m.group(), m.start(), m.end()) for m in WORD.finditer(chunks[k])] for k in plus]
    counts = np.ones(len(chunks), dtype=np.int64)
    counts[plus] = [len(words) for words in found]
    positions: list[int] = []
    sub_starts: list[int] = []
    sub_ends: list[int] = []
    added = 0  # words so far minus the chunks they replace
    for k, offset, words in zip(plus, starts[plus].tolist(), found):
        positions += range(k + added, k + added + len(words))
        sub_starts += [offset + a for _, a, _ in words]
        sub_ends += [offset + b for _, _, b in words]
        added += len(words) - 1
    for k, words in zip(reversed(plus), reversed(found)):  # from the end: indices stay valid
        chunks[k : k + 1] = [w for w, _, _ in words]
    starts, ends = np.repeat(starts, counts), np.repeat(ends, counts)
    starts[positions] = sub_starts
    ends[positions] = sub_ends
    return Tokens(chunks, starts, ends)


#: The non-ASCII letters that Python's case-insensitive regex matching takes
#: for ASCII ones: 'İ' and 'ı' for 'i', 'ſ' for 's', the Kelvin sign for 'k'.
_ASCII_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")
_last_lowered: tuple[str, str | None] = ("", "")


def searchable_lower(text: str) -> str | None:
    """``text`` lower-cased for ``str.find``, or None when that would not do.

    A case-insensitive regex of ASCII letters scans a text several times
    slower than lower-casing it and searching for the lower-cased words.
    Both find the same places, at the same offsets, unless the text holds
    one of the four non-ASCII twins of ASCII letters (only 'İ' also changes
    length when lower-cased): for such rare texts the answer is None and
    callers keep to the regex.  The last answer is kept, since the matchers
    of one identification ask about the same text in turn.
    """
    global _last_lowered
    last_text, lowered = _last_lowered
    if last_text is not text:
        lowered = text.lower() if text.isascii() or not any(c in text for c in _ASCII_TWINS) else None
        _last_lowered = (text, lowered)
    return lowered

