"""Short declarations and references: key/value tags, licence file names, linked
licence documents, and licence intros that name a licence."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from licenselens import identify
from licenselens.matchers import Hit
from licenselens.normalize import tokenize
from licenselens.reference import INTRO, TEXT, load

identify_module = importlib.import_module("licenselens.identify")


# --------------------------------------------------------------------------- key/value tags


def test_a_licence_acronym_in_parentheses_is_not_a_license_field():
    text = "This tool wraps a library released under the GNU Lesser General Public License (LGPL) for parsing."
    assert identify(text).expression == "LGPL-2.1-or-later"  # not also "license: LGPL" (LGPL-2.0-or-later)


def test_a_tag_does_not_reach_across_lines_to_a_word_further_down():
    text = '# distributed under the License.\n# ======================\n"""Python helpers for the widget."""\n'
    assert identify(text).expression is None


def test_a_license_field_with_its_separator_is_a_declaration():
    assert identify("name: widget\nlicense: MIT\n").expression == "MIT"


def test_a_license_heading_with_the_licence_below_it_is_a_declaration():
    assert identify("Widget\n\nLicense\n-------\n\nMIT\n").expression == "MIT"


# --------------------------------------------------------------------------- licence file names


def test_a_link_to_a_licence_file_named_by_its_spdx_id_names_that_licence():
    result = identify("Terms: https://example.org/acme/widget/blob/main/MIT-LICENSE.txt\n")
    assert result.expression == "MIT"
    assert result.licenses[0].matcher == "file-name"


def test_licence_files_offered_as_alternatives_give_a_choice():
    text = "This crate is offered under LICENSE-Apache-2.0 or LICENSE-MIT, at your choice.\n"
    assert identify(text).expression == "Apache-2.0 OR MIT"


def test_gnu_copying_suffixes_are_not_licence_ids():
    assert identify("Files shipped: README COPYING COPYING.DOC COPYING.LIB\n").expression is None


def test_a_licence_file_name_handed_to_code_as_data_is_not_the_code_licence():
    assert identify("assert normalise('LICENSE-MIT') == expected\n").expression is None


# --------------------------------------------------------------------------- linked documents


def test_a_linked_document_named_after_the_licence_names_it():
    text = 'The terms are at <a href="https://example.org/legal/gplv2+ce.html">this page</a>.'
    assert identify(text, "terms.html").expression == "GPL-2.0-only WITH Classpath-exception-2.0"


def test_licence_words_inside_ordinary_file_names_still_name_nothing():
    assert identify("see global.json and license.txt").expression is None


# --------------------------------------------------------------------------- licence intros


def _intro_hit(ref, wanted_specific: bool) -> Hit:
    """A whole-rule match of a licence-intro rule whose licence has (or lacks) a reference text."""
    with_text = identify_module._licences_with_text(ref)
    for rule in np.nonzero(ref.rule_flags & INTRO)[0]:
        expression = ref.expressions[ref.rule_expr[rule]]
        if (expression in with_text) == wanted_specific and 4 <= ref.rule_len[rule] <= 60:
            n = int(ref.rule_len[rule])
            return Hit(int(rule), 0, n, n, n, "exact")
    raise AssertionError("the reference data has no such intro rule")


def _report(ref, hit: Hit) -> list[Hit]:
    tokens = tokenize(" ".join(f"w{i}" for i in range(hit.qend)))
    return identify_module.report_filter(ref, [hit], tokens, " ".join(f"w{i}" for i in range(hit.qend)))


def test_an_intro_naming_a_particular_licence_counts_as_that_licence():
    ref = load()
    hit = _intro_hit(ref, wanted_specific=True)
    assert _report(ref, hit) == [hit]


def test_an_intro_naming_no_particular_licence_is_not_a_licence():
    ref = load()
    assert _report(ref, _intro_hit(ref, wanted_specific=False)) == []


def test_licences_with_text_are_the_full_texts_of_the_reference():
    ref = load()
    with_text = identify_module._licences_with_text(ref)
    assert "MIT" in with_text and "Apache-2.0" in with_text
    for placeholder in ("unknown-license-reference", "free-unknown", "other-permissive", "proprietary-license"):
        assert f"LicenseRef-scancode-{placeholder}" not in with_text
    assert len(with_text) <= int((ref.rule_flags & TEXT).astype(bool).sum())


@pytest.mark.parametrize("header, expression", [
    (" * @license MIT\n", "MIT"),
    ("/*! @license MIT | (c) Foo Ltd */\n", "MIT"),
    ("/**\n * @license Apache-2.0\n */\n", "Apache-2.0"),
])
def test_a_license_documentation_tag_declares_the_licence_after_it(header, expression):
    assert identify(header).expression == expression


@pytest.mark.parametrize("text", [
    "license MIT\n",                # no separator and no tag: two words side by side
    "write to bob@license MIT\n",   # an address, not a tag
    "@license\n\nMIT\n",            # the tag's value is on its own line
])
def test_the_same_words_without_a_tag_or_separator_declare_nothing(text):
    assert identify(text).expression is None
