"""Specification of licenselens.normalize: word tokens with exact spans in the user's text.

Matching follows the SPDX matching guidelines by comparing word tokens: case,
white space, punctuation, bullets, quote and dash styles never matter, and
equivalent spellings (licence/license) are the same word to the reference.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import licenselens
from licenselens.normalize import EQUIVALENT_WORDS, fold, tokenize
from licenselens.reference import load


def spans(text: str) -> list[str]:
    tokens = tokenize(text)
    return [text[s:e] for s, e in zip(tokens.starts.tolist(), tokens.ends.tolist())]


def assert_spans_index_original(text: str) -> None:
    tokens = tokenize(text)
    assert len(tokens.words) == len(tokens.starts) == len(tokens.ends)
    previous_end = 0
    for word, start, end in zip(tokens.words, tokens.starts.tolist(), tokens.ends.tolist()):
        assert previous_end <= start < end <= len(text)
        # casefold, not lower: str.lower of a lone word can differ from the
        # lowering in context (Greek final sigma) while naming the same characters.
        assert text[start:end].casefold() == word.casefold()
        previous_end = end


# --------------------------------------------------------------------------- spans


def test_token_spans_index_the_original_text_exactly():
    text = "  Permission is HEREBY granted,\n\tfree of charge (see §2)!  "
    tokens = tokenize(text)
    assert tokens.words == ["permission", "is", "hereby", "granted", "free", "of", "charge", "see", "2"]
    assert spans(text) == ["Permission", "is", "HEREBY", "granted", "free", "of", "charge", "see", "2"]
    assert_spans_index_original(text)


def test_spans_stay_exact_when_lower_casing_changes_the_length():
    # 'İ'.lower() is two code points: naive offsets into text.lower() would drift.
    text = "İstanbul İİ Licence: copy İt, then MODIFY it."
    assert len(text.lower()) != len(text)
    assert spans(text) == ["İstanbul", "İİ", "Licence", "copy", "İt", "then", "MODIFY", "it"]
    assert_spans_index_original(text)
    tokens = tokenize(text)
    assert tokens.words[-2:] == ["modify", "it"]


def test_words_after_a_length_changing_character_keep_their_offsets():
    prefix = "Ürün İİİ\n\n"
    text = prefix + "Permission is hereby granted"
    tokens = tokenize(text)
    index = tokens.words.index("permission")
    assert tokens.starts[index] == len(prefix)
    assert text[tokens.starts[-1] : tokens.ends[-1]] == "granted"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
       | st.lists(st.sampled_from(["İ", "ß", "Σ", "ς", "2.0+", "C++", " ", "\n", "—", "“x”", "licence", "_", "a_b"]),
                  max_size=30).map("".join))
def test_every_token_span_names_the_token_in_any_text(text):
    assert_spans_index_original(text)


# --------------------------------------------------------------------------- what becomes a token


def test_plus_of_or_later_versions_is_kept():
    assert tokenize("GPL-2.0+").words == ["gpl", "2", "0+"]
    assert tokenize("version 2.0+ or 2.0").words == ["version", "2", "0+", "or", "2", "0"]


def test_or_later_plus_changes_the_token_so_it_can_change_the_licence():
    assert tokenize("LGPL-2.1+").words != tokenize("LGPL-2.1").words


@pytest.mark.parametrize(
    "decorated",
    [
        '"Software" -- as is',
        "\u201cSoftware\u201d \u2014 as is",  # curly quotes, em dash
        "\u2018Software\u2019 \u2013 as is",  # single curly quotes, en dash
        "  * Software\n  - as is",  # bullets
        "\u2022 Software \u00b7 as is",  # bullet and middle dot
        "(Software): as is;",
        "SOFTWARE ... AS IS!!!",
        "Software\r\n\r\n\tas    is",
    ],
)
def test_punctuation_bullets_quotes_and_dashes_are_not_words(decorated):
    assert tokenize(decorated).words == ["software", "as", "is"]


def test_case_is_folded():
    assert tokenize("THE SOFTWARE Is Provided").words == ["the", "software", "is", "provided"]


def test_underscores_are_not_word_characters():
    assert tokenize("__init__ foo_bar").words == ["init", "foo", "bar"]


def test_text_without_words_has_no_tokens():
    tokens = tokenize("--- *** ... \u2014 \u2022 ()")
    assert tokens.words == [] and len(tokens.starts) == 0 and len(tokens.ends) == 0


# --------------------------------------------------------------------------- equivalent spellings


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [("licence", "license"), ("licenced", "licensed"), ("sublicence", "sublicense"),
     ("authorised", "authorized"), ("organisation", "organization"), ("programme", "program")],
)
def test_equivalent_spellings_fold_to_one_word(variant, canonical):
    assert fold(variant) == canonical
    assert [fold(w) for w in tokenize(f"the {variant.upper()} terms").words] == ["the", canonical, "terms"]


def test_equivalent_spellings_have_the_same_reference_id():
    vocab = load().vocab
    assert vocab["licence"] == vocab["license"] >= 0
    for variant, canonical in EQUIVALENT_WORDS.items():
        if vocab[canonical] >= 0:
            assert vocab[variant] == vocab[canonical], variant


def test_words_the_reference_never_uses_have_no_id():
    assert load().vocab["zqxjvwkplorbnam"] == -1


def test_british_spelling_of_a_licence_matches_it_exactly(licence_text):
    british = licence_text("apache-2.0").replace("License", "Licence").replace("license", "licence")
    assert british != licence_text("apache-2.0")
    result = licenselens.identify(british)
    assert result.expression == "Apache-2.0"
    assert result.licenses[0].score == 100.0
