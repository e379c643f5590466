"""What a notice's own words settle: a pointer to where a licence's text is kept
(matchers.pointers), a match that stops inside a version number
(matchers.versions.cut_short), and which GNU licence a notice grants
(matchers.notice_names.names_other_gnu_licence).

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


def test_a_pointer_alone_still_names_its_licence() -> None:
    assert identify("See /usr/share/common-licenses/GPL-2.").expression == "GPL-2.0-only"


def test_a_pointer_to_another_licence_than_the_notice_s_stays() -> None:
    found = identify(GPL_2_OR_LATER + "A copy of the Apache License, Version 2.0, can be found in\n"
                     "/usr/share/common-licenses/Apache-2.0.").expression
    assert "Apache-2.0" in found and "GPL-2.0-or-later" in found


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
