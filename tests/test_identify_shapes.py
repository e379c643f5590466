"""Identification of licences in the shapes repositories hold them (issue 2):
placeholders in Markdown and HTML licence files, an HTML page whose <title>
repeats the licence's title, and a version stated before the licence's name.

Licence texts and notices come from the installed reference data at test
time; the sentences around them are written for these tests.
"""

from __future__ import annotations

import html

from conftest import read_licence_text

from licenselens import identify
from licenselens.ingest import from_text
from licenselens.reference import _front_matter, data_dir


def _rule_text(name: str) -> str:
    """The words of the reference rule ``name`` as installed."""
    return _front_matter((data_dir() / "rules" / f"{name}.RULE").read_text(encoding="utf-8"))[1]


# --------------------------------------------------------------------------- placeholders in angle brackets

def test_a_placeholder_in_angle_brackets_is_text_in_markdown() -> None:
    document = from_text("Copyright <year> <copyright holders>\n\nSee <https://example.org/terms>.\n", "LICENSE.md")
    assert "<year> <copyright holders>" in document.match_text
    assert "https://example.org/terms" in document.match_text


def test_html_elements_namespaced_tags_and_tags_with_attributes_are_still_markup() -> None:
    document = from_text('<p>Use <b>it</b><o:p></o:p> <span class="x">freely</span><br/></p>', "a.md")
    for markup in ("<p>", "<b>", "</b>", "<o:p>", "<span", "<br/>"):
        assert markup not in document.match_text
    assert document.match_text.split() == ["Use", "it", "freely"]


def test_an_element_the_document_closes_is_markup_even_when_html_does_not_know_it() -> None:
    document = from_text("<?xml version='1.0'?>\n<play><p>Act one</p><p>Act two</p><p>End</p></play>", "a.html")
    assert "play" not in document.match_text


def test_a_font_licence_with_its_reserved_name_placeholder_is_read_in_markdown() -> None:
    text = read_licence_text("ofl-1.1-rfn")
    assert "<Reserved Font Name>" in text
    assert identify(text, "LICENSE.md").expression == "OFL-1.1-RFN"


# --------------------------------------------------------------------------- a title repeated

def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html><head><title>{html.escape(title)}</title></head>\n"
            f"<body><pre>{html.escape(body)}</pre></body></html>\n")


def test_an_html_title_repeating_the_licence_s_own_title_is_no_second_licence() -> None:
    text = read_licence_text("openldap-1.1")
    title = text.strip().splitlines()[0].strip()  # the name the data alone reads as another version
    assert identify(title).expression != "OLDAP-1.1"
    assert identify(_page(title, text)).expression == "OLDAP-1.1"


def test_a_repeated_title_may_carry_its_version_line() -> None:
    text = read_licence_text("lppl-1.0")
    lines = [line.strip() for line in text.strip().splitlines()[:3] if line.strip("= \t")]
    assert identify(_page(" ".join(lines), text)).expression == "LPPL-1.0"


def test_a_repeated_title_stays_when_the_text_reads_only_as_a_generic_kind_of_licence() -> None:
    body = _rule_text("other-permissive_295")  # a licence's text the data files as "other permissive"
    title = body.strip().splitlines()[0].strip()
    assert identify(body).expression == "LicenseRef-scancode-other-permissive"
    assert identify(_page(title, body)).expression.startswith("COIL-1.0")


def test_a_longer_name_above_a_text_that_does_not_repeat_it_stays_a_licence() -> None:
    title = read_licence_text("openldap-1.1").strip().splitlines()[0].strip()
    expression = identify(f"{title}\n\n" + read_licence_text("bsd-new")).expression
    assert "BSD-3-Clause" in expression and expression != "BSD-3-Clause"


# --------------------------------------------------------------------------- a version before the name

def test_a_version_stated_before_a_gnu_licence_name_is_that_version() -> None:
    assert identify("Licensed under version 3 of the GNU Lesser General Public License.").expression == "LGPL-3.0-only"
    assert identify("It is released under the terms of version 2 of the GPL.").expression == "GPL-2.0-only"
    assert identify("You may share it under version 3 of the GNU Affero General Public License.").expression == (
        "AGPL-3.0-only")


def test_or_later_before_the_name_goes_with_the_version() -> None:
    assert identify("You may share it under version 2 or later of the GNU General Public License.").expression == (
        "GPL-2.0-or-later")
    assert identify("Use it under version 2, or (at your option) any later version, of the "
                    "GNU General Public License.").expression == "GPL-2.0-or-later"


def test_a_number_that_is_no_version_or_no_known_version_leaves_the_name_as_it_is() -> None:
    assert identify("See section 3 of the GNU General Public License.").expression == "GPL-1.0-or-later"
    assert identify("Version 7 of the GNU General Public License").expression == "GPL-1.0-or-later"


def test_a_notice_with_a_version_put_into_it_is_not_read_as_any_version() -> None:
    notice = _rule_text("gpl_137")  # "... under the terms of the GNU General Public License." (any version)
    assert identify(notice).expression == "GPL-1.0-or-later"
    versioned = notice.replace("the GNU General Public License", "version 3 of the GNU General Public License")
    assert versioned != notice
    assert identify(versioned).expression == "GPL-3.0-only"


def test_a_long_text_with_numbers_of_its_own_keeps_its_match() -> None:
    text = read_licence_text("mit").replace("Permission is", "Permission (see version 2 of the FAQ) is", 1)
    assert identify(text).expression == "MIT"


# --------------------------------------------------------------------------- a tag with prose after it

def test_a_tag_claims_its_expression_not_the_licence_text_that_goes_on_on_its_line() -> None:
    text = "SPDX-License-Identifier: " + " ".join(read_licence_text("apache-2.0").split())  # one line
    result = identify(text)
    assert "Apache-2.0" in result.expression
    assert all(0 < c.similarity <= 1 for span in result.unknown for c in span.closest)


def test_prose_after_a_tag_s_expression_is_read_for_itself() -> None:
    result = identify("// SPDX-License-Identifier: MIT -- the NOTICE file lists the credits\n")
    assert result.expression == "MIT"
    assert result.licenses[0].end == len("// SPDX-License-Identifier: MIT")


# --------------------------------------------------------------------------- a title cut off from its text

_COPYRIGHT = "Copyright (c) 2024 A. Writer\n\n"


def _without_first_line(text: str) -> str:
    return text.strip().split("\n", 1)[1]


def test_a_family_name_opening_the_full_name_of_a_variant_titles_the_variant_s_text() -> None:
    # "Historical Permission Notice and Disclaimer" alone is HPND: here it opens the DEC variant's own name
    text = "Historical Permission Notice and Disclaimer - DEC variant\n\n" + read_licence_text("x11-dec2")
    assert identify(text).expression == "HPND-DEC"
    assert identify(text.replace("\n\n", "\n\n" + _COPYRIGHT, 1)).expression == "HPND-DEC"


def test_the_own_title_of_a_short_licence_text_is_no_second_licence() -> None:
    text = "FSF All Permissive License (without Warranty)\n\n" + read_licence_text("fsfap-no-warranty-disclaimer")
    assert identify(text).expression == "FSFAP-no-warranty-disclaimer"


def test_a_licence_text_s_own_title_cut_off_by_a_copyright_line_still_titles_it() -> None:
    reference = read_licence_text("cnri-python-1.6.1").strip()  # its first line is its title
    title, rest = reference.split("\n", 1)
    assert identify(reference).expression == "CNRI-Python-GPL-Compatible"
    assert identify(title + "\n\n" + _COPYRIGHT + rest).expression == "CNRI-Python-GPL-Compatible"


def test_a_name_that_titles_no_licence_of_the_text_below_is_still_reported() -> None:
    text = "Independent JPEG Group License\n\n" + read_licence_text("x11-dec2")
    assert identify(text).expression == "IJG AND HPND-DEC"


def test_a_sentence_ending_in_words_of_a_licence_s_title_is_no_title() -> None:
    # the LLVM exception's title holds "the Apache 2.0 License", but here those words end a pointer sentence
    exception = _without_first_line(read_licence_text("llvm-exception"))
    text = "See the file COPYING for the text of the Apache-2.0 license.\n\n" + exception
    assert identify(text).expression == "Apache-2.0 AND LLVM-exception"
