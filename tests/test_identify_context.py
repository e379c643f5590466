"""What the text around a licence name decides: the words next to a short name
(matchers.name_context), a name that titles another licence's text
(matchers.headings), and Debian copyright files that declare many licences
(matchers.debian_copyright).

The notices below are written for these tests; full licence texts come from the
installed reference data.
"""

from __future__ import annotations

from conftest import read_licence_text

from licenselens import identify
from licenselens.matchers import debian_copyright, headings, name_context
from licenselens.normalize import tokenize

# --------------------------------------------------------------------------- stated licensing


def test_a_weak_licence_name_after_words_that_state_licensing_is_that_licence():
    text = "# This program is free software.\n# You can distribute and/or modify this program under the Ruby License.\n"
    assert identify(text).expression == "Ruby"


def test_the_same_weak_name_without_such_words_stays_too_weak_alone():
    assert identify("See the Ruby License page for details.\n").expression is None
    assert identify("Ruby License\n").expression is None


def test_licensing_leads_are_read_just_before_the_name():
    words = tokenize("released under the Ruby License").words
    assert name_context.stated(words, 3)
    assert not name_context.stated(words, 1)  # "released" alone, before "under"
    assert name_context.stated(tokenize("licensed under LGPL").words, 2)
    assert not name_context.stated(tokenize("see the LGPL").words, 2)


# --------------------------------------------------------------------------- ruled out


def test_a_licence_name_the_text_says_not_to_use_is_not_its_licence():
    text = "Note:\n- libexif is LGPLv2.1\n- do not statically link to it\n- do not upgrade to LGPLv3\n"
    assert identify(text).expression == "LGPL-2.1-only"


def test_a_negation_on_the_line_before_does_not_rule_a_name_out():
    assert identify("# Tabs, not spaces\n# GPLv3\n").expression == "GPL-3.0-only"


def test_a_licence_named_for_compatibility_is_not_the_text_s_licence():
    assert identify("This licence is short. GPLv2 compatibility is asserted.\n").expression is None
    assert identify("This code is compatible with the GPL v3 and may be linked with it.\n").expression is None


def test_a_plain_statement_of_the_same_name_is_still_a_licence():
    assert identify("The licence of this file is GPLv3.\n").expression == "GPL-3.0-only"


# --------------------------------------------------------------------------- titles


def test_a_licence_name_above_another_licence_s_text_is_that_text_s_title():
    text = "The file if_ppp.h is under the following CMU license:\n\n" + read_licence_text("bsd-new")
    assert identify(text).expression == "BSD-3-Clause"


def test_a_copyright_line_between_title_and_text_keeps_it_a_title():
    text = "CMU License\n\nCopyright 1991 Example University. All rights reserved.\n\n" + read_licence_text("bsd-new")
    assert identify(text).expression == "BSD-3-Clause"


def test_a_name_followed_by_more_licensing_words_before_the_text_is_a_licence_of_its_own():
    lead = "MIT License\n\nParts of this package are redistributed under these terms:\n\n"
    text = lead + read_licence_text("bsd-new")
    assert identify(text).expression == "MIT AND BSD-3-Clause"


def test_a_name_above_a_short_notice_is_not_its_title():
    text = "License: MIT\n\nSome code is released in the public domain\n"
    assert "MIT" in identify(text).expression


def test_a_name_above_an_exception_names_the_licence_the_exception_is_added_to():
    text = "GPLv2\n\n" + read_licence_text("autoconf-exception-2.0")
    assert identify(text).expression == "GPL-2.0-only AND Autoconf-exception-2.0"


def test_titles_ignore_names_far_above_a_text():
    filler = " ".join(["word"] * (headings.TITLE_GAP_WORDS + 1))
    text = f"CMU License\n\n{filler}\n\n" + read_licence_text("bsd-new")
    assert identify(text).expression == "MIT-CMU AND BSD-3-Clause"


# --------------------------------------------------------------------------- Debian copyright files

_LICENCE_FIELDS = ["Apache-2.0", "BSD-2-clause", "BSD-3-clause", "CC-BY-3.0", "curl", "Expat", "FTL", "ISC",
                   "MPL-2.0", "OFL-1.1", "Zlib", "OpenSSL"]
_DECLARED = ("Apache-2.0 AND BSD-2-Clause AND BSD-3-Clause AND CC-BY-3.0 AND curl AND MIT AND FTL AND ISC "
             "AND MPL-2.0 AND OFL-1.1 AND Zlib AND OpenSSL")


def _debian_copyright() -> str:
    stanzas = "".join(f"Files: thirdparty/lib{i}/*\nCopyright: 2020 A. Author\nLicense: {name}\n\n"
                      for i, name in enumerate(_LICENCE_FIELDS))
    return "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n" + stanzas


def test_a_debian_copyright_file_declares_every_licence_it_names():
    assert identify(_debian_copyright()).expression == _DECLARED


def test_the_same_names_without_files_fields_are_a_catalogue():
    listing = "Licences to pick from:\n" + "".join(f"License: {name}\n" for name in _LICENCE_FIELDS)
    assert identify(listing).expression is None


def test_a_debian_copyright_file_needs_files_and_license_fields_at_line_starts():
    assert debian_copyright.is_machine_readable(_debian_copyright())
    assert not debian_copyright.is_machine_readable("License: MIT\nLicense: ISC\n")
    assert not debian_copyright.is_machine_readable("See Files: below.\nLicense: MIT\n")
    assert not debian_copyright.is_machine_readable("Files:\nLicense: MIT\n")
