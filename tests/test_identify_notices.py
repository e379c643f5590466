"""What a notice's own words settle: a pointer to where a licence's text is kept
(matchers.pointers), a match that stops inside a version number
(matchers.versions.cut_short), a version given after a licence's
abbreviation (matchers.versions.other_version), and which licences a notice
names (matchers.notice_names).

The notices below are written for these tests in the words such notices use.
"""

from __future__ import annotations

import pytest

from licenselens import identify
from licenselens.matchers import pointers, versions

GPL_2_OR_LATER = (
    "This program is free software; you can redistribute it and/or modify\n"
    "it under the terms of the GNU General Public License as published by\n"
    "the Free Software Foundation; either version 2 of the License, or\n"
    "(at your option) any later version.\n\n")


@pytest.mark.parametrize("pointer", [
    "A copy of the GNU General Public License, version 2, can be found in\n/usr/share/common-licenses/GPL-2.",
    "On Debian systems, the full text of the GNU General Public License version 2\n"
    "is kept in the file `/usr/share/common-licenses/GPL-2'.",
    "See /usr/share/common-licenses/GPL-2.",
])
def test_a_pointer_to_the_text_of_the_version_a_notice_grants_or_later_adds_no_licence(pointer: str) -> None:
    assert identify(GPL_2_OR_LATER + pointer).expression == "GPL-2.0-or-later"


def test_a_pointer_in_the_sentence_that_grants_or_later_adds_no_licence() -> None:
    text = ("The programs may be redistributed under the terms of the GNU GPL, Version 2 or later,\n"
            "found on Debian systems in the file /usr/share/common-licenses/GPL-2.\n")
    assert identify(text).expression == "GPL-2.0-or-later"


def test_a_pointer_alone_still_names_its_licence() -> None:
    assert identify("See /usr/share/common-licenses/GPL-2.").expression == "GPL-2.0-only"


def test_a_pointer_to_another_licence_than_the_notice_s_stays() -> None:
    found = identify(GPL_2_OR_LATER + "A copy of the Apache License, Version 2.0, can be found in\n"
                     "/usr/share/common-licenses/Apache-2.0.").expression
    assert "Apache-2.0" in found and "GPL-2.0-or-later" in found


def test_a_pointer_no_rule_explains_names_its_licence_by_its_path() -> None:
    found = identify("On Debian systems, the complete text of the Creative Commons 1.0 Universal\n"
                     "License can be found in /usr/share/common-licenses/CC0-1.0\n")
    assert found.expression == "CC0-1.0"
    assert found.licenses[0].rule == pointers.RULE


def test_a_path_read_as_its_licence_still_yields_to_the_or_later_notice() -> None:
    pointer = "The full text is kept, as it is worded on every Debian box, at /usr/share/common-licenses/GPL-2."
    assert identify(GPL_2_OR_LATER + pointer).expression == "GPL-2.0-or-later"


def test_a_pointer_sentence_runs_from_the_end_of_the_sentence_before_to_the_path() -> None:
    text = "Granted under the GPL. On Debian systems, see /usr/share/common-licenses/GPL-3 for it."
    (start, end), = pointers.sentences(text)
    assert text[start:end] == " On Debian systems, see /usr/share/common-licenses/GPL-3"
    assert pointers.sentences("No pointer here.") == []


@pytest.mark.parametrize(("ids", "text", "cut"), [
    (["LGPL-2.0-only"], "found in /usr/share/common-licenses/LGPL-2.1 here", True),
    (["LGPL-2.1-or-later"], "found in /usr/share/common-licenses/LGPL-2.1 here", False),  # the rule lacks the ".1"
    (["Apache-2.0"], "the Apache License 2.0 applies", False),  # "2" of "2.0" is version 2
    (["GPL-2.0-only"], "version 2. 1. Definitions", False),  # a full stop, then a numbered item
])
def test_a_match_that_stops_inside_a_version_number_names_another_version(ids: list[str], text: str,
                                                                        cut: bool) -> None:
    end = text.index("2") + 1
    assert versions.cut_short(ids, text, end) is cut


def test_a_pointer_to_a_dotted_version_is_not_read_as_its_first_digit() -> None:
    text = ("This library is free software; you can redistribute it and/or modify it\n"
            "under the terms of the GNU Lesser General Public License as published by\n"
            "the Free Software Foundation; either version 2.1 of the License, or (at\n"
            "your option) any later version.\n\n"
            "The complete text of the GNU Lesser General Public License can be found in\n"
            "\"/usr/share/common-licenses/LGPL-2.1\".\n")
    assert identify(text).expression == "LGPL-2.1-or-later"


LESSER_GRANT = (
    "Quuxlib is free software; you can redistribute it and/or modify it\n"
    "under the terms of the GNU Lesser General Public License as\n"
    "published by the Free Software Foundation; either version 2 of the\n"
    "License, or (at your option) any later version.\n\n"
    "Quuxlib is distributed in the hope that it will be useful, but\n"
    "WITHOUT ANY WARRANTY; without even the implied warranty of\n"
    "MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU\n"
    "General Public License for more details.\n")


def test_a_notice_granting_the_lesser_gpl_is_not_read_as_the_gpl_notice_it_differs_from_by_a_word() -> None:
    # the disclaimer's "See the GNU General Public License" does not outweigh the grant
    assert identify(LESSER_GRANT).expression == "LGPL-2.0-or-later"


def test_the_plain_gpl_grant_stays_the_gpl() -> None:
    assert identify(LESSER_GRANT.replace("GNU Lesser General", "GNU General")).expression == "GPL-2.0-or-later"


def test_a_version_after_the_licence_s_abbreviation_is_the_version_named() -> None:
    # the bare name alone is read as MPL-1.0 by the data; "(MPL) v. 2.0" says otherwise
    assert versions.other_version(["MPL-1.0"], ["mozilla", "public", "license", "mpl", "v", "2", "0"], 0, 3)
    assert not versions.other_version(["MPL-1.0"], ["mozilla", "public", "license", "mpl", "v", "1", "0"], 0, 3)
    text = "Mozilla Public Licence (MPL) v. 2.0 - Exhibit A\n\nSee the file for details.\n"
    assert "MPL-1.0" not in (identify(text).expression or "")


def test_a_notice_of_two_licences_read_in_text_offering_other_licences_is_no_match() -> None:
    # a notice offering the licences "found in" two named files matches a text
    # offering others in the same words, except for the words naming them
    text = ("This software is made available under the terms of *either* of the\n"
            "licenses found in LICENSE.APACHE2 or LICENSE.MIT. Contributions to\n"
            "Quux are made under the terms of *both* these licenses.\n")
    assert "BSD-3-Clause" not in (identify(text).expression or "")


def test_a_gpl_notice_followed_by_its_version_is_that_version_not_any_version() -> None:
    text = ("This program is free software; you can redistribute it and/or modify it under\n"
            "the terms of the GNU General Public License as published by the Free Software\n"
            "Foundation; version 3.\n\n"
            "On Debian systems, the full text of the GNU General Public License\n"
            "version 3 can be found in the file `/usr/share/common-licenses/GPL-3'.\n")
    assert identify(text).expression == "GPL-3.0-only"
