"""A licence text with a sentence of terms put into it is that licence plus
unknown licence text, never the licence alone (matchers.kgram._insertions,
identify._added_terms).

The licence texts come from the installed reference data; the sentences put
into them are written for these tests.
"""

from __future__ import annotations

import pytest
from conftest import read_licence_text

from licenselens import identify
from licenselens.matchers import kgram


@pytest.mark.parametrize("added", [
    "The Software shall not be used to build weapons, nor may it be sold to any army.",
    "Users may not run the Software for any commercial purpose without a separate licence.",
])
def test_a_sentence_of_terms_put_into_mit_is_reported_as_unknown_text_beside_mit(added: str) -> None:
    text = read_licence_text("mit").replace("The above copyright notice", f"{added}\n\nThe above copyright notice")
    found = identify(text)
    assert found.expression == "MIT"
    assert len(found.unknown) == 1
    start = text.index(added)
    assert start <= found.unknown[0].start < found.unknown[0].end <= start + len(added)


def test_an_inserted_copyright_line_states_no_term() -> None:
    text = read_licence_text("mit").replace(
        "The above copyright notice", "Copyright (c) 2031 Ada Example and the Quux project team.\n\nThe above copyright notice")
    found = identify(text)
    assert found.expression == "MIT"
    assert found.unknown == []


def test_an_insertion_is_text_added_where_the_rule_goes_on_unbroken() -> None:
    # runs (query start, query end, rule start, rule end): the text adds words 10-17 between two runs
    runs = [(0, 10, 0, 10), (17, 30, 10, 23)]
    assert kgram._insertions(runs) == ((10, 17),)
    # the rule skips words there too: an edit of the licence, not an insertion into it
    assert kgram._insertions([(0, 10, 0, 10), (17, 30, 16, 29)]) == ()
    assert kgram._insertions([(0, 10, 0, 10), (12, 30, 10, 28)]) == ((10, 12),)


@pytest.mark.parametrize(("key", "wording", "negated", "reported"), [
    ("mit", "shall be included in all copies", "shall not be included in all copies", "not"),
    ("bsd-new", "must retain the above copyright notice", "need not retain the above copyright notice", "need not"),
])
def test_a_negation_put_into_a_licence_sentence_is_reported(key: str, wording: str, negated: str,
                                                            reported: str) -> None:
    licence = " ".join(read_licence_text(key).split())  # one line: the wording is found whatever the wrapping
    text = licence.replace(wording, negated)
    found = identify(text)
    assert found.licenses and [text[u.start:u.end] for u in found.unknown] == [reported]


def test_a_few_added_words_that_negate_nothing_are_wording() -> None:
    text = read_licence_text("mit").replace("to deal in the Software", "to deal freely in the Software")
    assert identify(text).unknown == []
