"""Specification of the ASCII fast path of licenselens.normalize.tokenize.

Most inputs are ASCII and are cut into words by ``str.translate``/``split``
and numpy instead of the WORD regex; the words and spans must be exactly the
regex's, including its handling of '+' ("2.0+" keeps its plus, "C++" is
"c+", "a+b+c" is "a+b" then "c").
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from licenselens.normalize import SHORT_TEXT, WORD, tokenize


def by_regex(text: str) -> tuple[list[str], list[int], list[int]]:
    matches = list(WORD.finditer(text))
    return [m.group().lower() for m in matches], [m.start() for m in matches], [m.end() for m in matches]


def by_tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    tokens = tokenize(text)
    assert tokens.starts.dtype == tokens.ends.dtype == np.int64
    return tokens.words, tokens.starts.tolist(), tokens.ends.tolist()


PIECES = ["GPL-2.0+", "C++", "a+b+c", "+", "++x", "x+ ", "Licence", "MIT", "_", "a_b", " ", "\n", "\t",
          "\x0b", "\x1c", "3+4", "(c)", "v2.0", "--", "\"", "'"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join))
def test_ascii_words_and_spans_are_the_regex_ones(text):
    long_text = (text + " ") * (SHORT_TEXT // len(text) + 2)  # long enough for the fast path
    assert by_tokenize(long_text) == by_regex(long_text)


def test_a_long_licence_text_with_or_later_markers_tokenizes_as_the_regex_does():
    text = "This program is licensed under GPL-2.0+ or, at your option, C++ terms (a+b+c). " * 20
    assert len(text) > SHORT_TEXT
    words, _, _ = by_tokenize(text)
    assert words[:8] == ["this", "program", "is", "licensed", "under", "gpl", "2", "0+"]
    assert by_tokenize(text) == by_regex(text)


def test_non_ascii_text_gives_the_regex_words_too():
    text = "Licence: café GPL-2.0+ " * 40
    assert not text.isascii()
    assert by_tokenize(text) == by_regex(text)


def test_or_later_markers_that_are_whole_words_keep_their_chunks_as_the_regex_does():
    text = "Licensed under GPL-2.0+ or GPLv3+, never LGPL 2.1. " * 12
    assert len(text) > SHORT_TEXT and "c++" not in text.lower()
    words, _, _ = by_tokenize(text)
    assert words[:6] == ["licensed", "under", "gpl", "2", "0+", "or"]
    assert "gplv3+" in words
    assert by_tokenize(text) == by_regex(text)


UNICODE_PIECES = PIECES + ["café", "©", "\u2019", "\u201c", "ß", "²", "½", "\u0663", "e\u0301", "日本", "\u00a0",
                           "Ⅻ", "\ud800", "ǅ", "\u2028", "ﬁ"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(UNICODE_PIECES), min_size=1, max_size=60).map("".join))
def test_long_texts_with_other_characters_give_the_regex_words_and_spans(text):
    long_text = (text + " ") * (SHORT_TEXT // len(text) + 2)
    assert by_tokenize(long_text) == by_regex(long_text)
