"""Specification of AI model licences named in prose (licenselens.matchers.model_licences)."""

from __future__ import annotations

import pytest

from licenselens import identify


@pytest.mark.parametrize(("sentence", "expression"), [
    ("The weights are released under the CreativeML OpenRAIL-M license.",
     "LicenseRef-scancode-stable-diffusion-2022-08-22"),
    ("This checkpoint is licensed under the BigScience Open RAIL-M License.",
     "LicenseRef-scancode-bigscience-open-rail-m"),
    ("License: BigCode OpenRAIL-M v1", "LicenseRef-scancode-bigcode-open-rail-m-v1"),
    ("BLOOM is distributed under the BigScience RAIL License v1.0.", "LicenseRef-scancode-bigscience-rail-1.0"),
    ("Use of this model is governed by the Llama 2 Community License Agreement.",
     "LicenseRef-scancode-llama-2-license-2023"),
    ("Llama 3.1 is licensed under the Llama 3.1 Community License.", "LicenseRef-licenselens-llama3.1"),
    ("Gemma is provided under and subject to the Gemma Terms of Use.", "LicenseRef-licenselens-gemma"),
    # the ++ version is its own licence, not the CreativeML Open RAIL-M
    ("SDXL is released under the CreativeML Open RAIL++-M License.", "LicenseRef-licenselens-openrail-plusplus-m"),
])
def test_an_ai_licence_named_in_a_sentence_is_that_licence(sentence, expression):
    result = identify(sentence + "\n")
    assert result.expression == expression
    (match,) = result.licenses
    assert sentence[match.start:match.end].lower().startswith(("creativeml", "bigscience", "bigcode", "llama", "gemma"))
    assert match.name != match.id  # a name for people, even where the reference data has none


@pytest.mark.parametrize("sentence", [
    "We fine-tuned a Llama model on our own data.",
    "The railway timetable is updated every spring.",
    "Gemma ran the terms of use past the legal team.",
])
def test_a_model_or_word_alone_names_no_licence(sentence):
    assert identify(sentence + "\n").expression is None


def test_the_title_of_a_full_ai_licence_text_is_no_second_licence(licence_text):
    result = identify(licence_text("bigscience-open-rail-m"))
    assert [m.id for m in result.licenses] == ["LicenseRef-scancode-bigscience-open-rail-m"]
